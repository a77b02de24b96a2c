//! The stateful verifier: [`HeldLists`] over a [`VerifierStore`] (SQLite), which also keeps
//! the answered challenges and the history.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

use super::check::freshness;
use super::store::history::HistoryEntry;
use super::store::{VerifierStore, challenges, history, lists};
use super::{
    HeldLists, InstallError, StateSummary, StatusFreshness, StoreError, TrustListInfo, Verdict, VerificationReport,
    VerifierPolicy, presentation_sha256, with,
};
use crate::keys::PublicKey;
use crate::platform::{Clock, RandomError, SecureRandom};
use crate::presentation::Challenge;
use crate::status::StatusList;
use crate::trust::TrustList;

/// The verifier: a pinned trust anchor, the held trust and status lists, the challenges it
/// has seen and a history, all in a [`VerifierStore`] (a file, or memory). Shareable between
/// threads, and between processes on the same state file.
pub struct Verifier {
    anchor: PublicKey,
    policy: VerifierPolicy,
    clock: Arc<dyn Clock>,
    rng: Arc<dyn SecureRandom>,
    state: Mutex<State>,
}

struct State {
    store: VerifierStore,
    held: Held,
}

/// The lists of the store, verified, as of `version` (`PRAGMA data_version`).
#[derive(Default)]
struct Held {
    version: Option<i64>,
    lists: HeldLists,
}

impl Held {
    /// Reload the lists if another connection has committed since the last load.
    fn sync(&mut self, conn: &rusqlite::Connection, anchor: &PublicKey) -> Result<(), StoreError> {
        let version: i64 = conn.query_row("PRAGMA data_version", [], |r| r.get(0))?;
        if self.version == Some(version) {
            return Ok(());
        }
        let trust = lists::trust_list_bytes(conn)?
            .map(|b| TrustList::verify(&b, anchor).map_err(|_| StoreError::Damaged { what: "held trust list" }))
            .transpose()?;
        let mut status = HashMap::new();
        if let Some(t) = &trust {
            for (issuer, bytes) in lists::status_list_bytes(conn)? {
                // A list whose issuer left the trust list (or whose keys were rotated out) is
                // not used, but its row stays: its `issued_at` still refuses older lists.
                if let Ok(list) = StatusList::verify(&bytes, t.payload())
                    && list.payload().issuer == issuer
                {
                    status.insert(issuer, list);
                }
            }
        }
        *self = Self { version: Some(version), lists: HeldLists { trust, status } };
        Ok(())
    }
}

impl std::fmt::Debug for Verifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Verifier").field("anchor", &self.anchor).finish_non_exhaustive()
    }
}

impl Verifier {
    /// A verifier pinned to a trust anchor, remembering in memory only (tests, the demo,
    /// `--no-state`). Use [`Verifier::open`] for a state that outlives the process.
    pub fn new(anchor: PublicKey, clock: Arc<dyn Clock>, rng: Arc<dyn SecureRandom>) -> Self {
        Self::with_policy(anchor, VerifierPolicy::default(), clock, rng)
    }

    /// In memory, with an explicit policy.
    pub fn with_policy(
        anchor: PublicKey,
        policy: VerifierPolicy,
        clock: Arc<dyn Clock>,
        rng: Arc<dyn SecureRandom>,
    ) -> Self {
        #[allow(clippy::expect_used)]
        let store = VerifierStore::in_memory().expect("an in-memory SQLite database opens (out of memory otherwise)");
        #[allow(clippy::expect_used)]
        Self::open(store, anchor, policy, clock, rng).expect("a new in-memory state takes any anchor")
    }

    /// A verifier on `store`: pins `anchor` in it if none is pinned, refuses another anchor
    /// than the pinned one ([`StoreError::AnchorMismatch`]: a new anchor needs a new state),
    /// and loads (re-verifying) the lists it holds.
    pub fn open(
        mut store: VerifierStore,
        anchor: PublicKey,
        policy: VerifierPolicy,
        clock: Arc<dyn Clock>,
        rng: Arc<dyn SecureRandom>,
    ) -> Result<Self, StoreError> {
        store.write(|tx| lists::pin_anchor(tx, &anchor))?;
        let mut held = Held::default();
        held.sync(store.conn(), &anchor)?;
        Ok(Self { anchor, policy, clock, rng, state: Mutex::new(State { store, held }) })
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Install a trust list: signed by the anchor, and not older than the one held (see
    /// [`InstallError`] for the version rules). An expired list is installed (verification
    /// then reports [`Verdict::TrustListExpired`]) only if nothing newer is held.
    pub fn install_trust_list(&self, bytes: &[u8]) -> Result<TrustListInfo, InstallError> {
        let list = TrustList::verify(bytes, &self.anchor)?;
        let info = TrustListInfo::of(&list);
        let mut guard = self.lock();
        let State { store, held } = &mut *guard;
        let anchor = &self.anchor;
        store.write(|tx| {
            held.sync(tx, anchor)?;
            lists::put_trust_list(tx, &list)
        })?;
        if held.lists.trust.as_ref().is_none_or(|t| t.payload().sequence < info.sequence) {
            held.lists.set_trust(list);
        }
        Ok(info)
    }

    /// The held trust list's summary.
    pub fn trust_list_info(&self) -> Option<TrustListInfo> {
        let mut guard = self.lock();
        let State { store, held } = &mut *guard;
        // On a storage error, answer with what was last loaded.
        let _ = held.sync(store.conn(), &self.anchor);
        held.lists.trust_list_info()
    }

    /// Install an issuer's status list: its issuer must be in the held trust list, and it must
    /// not be older than the one held for that issuer (see [`InstallError`]).
    pub fn install_status_list(&self, bytes: &[u8]) -> Result<StatusFreshness, InstallError> {
        let mut guard = self.lock();
        let State { store, held } = &mut *guard;
        let anchor = &self.anchor;
        let list = store.write(|tx| {
            held.sync(tx, anchor)?;
            let trust = held.lists.trust.as_ref().ok_or(InstallError::NoTrustList)?;
            let list = StatusList::verify(bytes, trust.payload())?;
            lists::put_status_list(tx, &list)?;
            Ok::<_, InstallError>(list)
        })?;
        let fresh = self.freshness(&list);
        let issuer = list.payload().issuer.clone();
        if held.lists.status.get(&issuer).is_none_or(|s| s.payload().issued_at < list.payload().issued_at) {
            held.lists.status.insert(issuer, list);
        }
        Ok(fresh)
    }

    /// What the state holds now.
    pub fn summary(&self) -> Result<StateSummary, StoreError> {
        let mut guard = self.lock();
        let State { store, held } = &mut *guard;
        held.sync(store.conn(), &self.anchor)?;
        let now = self.clock.now();
        Ok(StateSummary {
            anchor: self.anchor,
            trust_list: held.lists.trust_list_info(),
            status_lists: {
                let mut v: Vec<_> = held.lists.status.iter().map(|(i, l)| (i.clone(), self.freshness(l))).collect();
                v.sort_by(|a, b| a.0.cmp(&b.0));
                v
            },
            challenges: challenges::count(store.conn(), now, self.policy.challenge_horizon())?,
            history: history::len(store.conn())?,
        })
    }

    /// The `n` newest verifications remembered, oldest first.
    pub fn recent_history(&self, n: u32) -> Result<Vec<HistoryEntry>, StoreError> {
        history::recent(self.lock().store.conn(), n)
    }

    fn freshness(&self, list: &StatusList) -> StatusFreshness {
        freshness(list, self.clock.now())
    }

    /// A fresh 6-digit challenge to show the holder.
    pub fn new_challenge(&self) -> Result<Challenge, RandomError> {
        Challenge::random(self.rng.as_ref())
    }

    /// Verify a scanned string. `expected_challenge` is the challenge this verifier showed, if
    /// any: it is consumed (in the state, atomically) when the presentation answers it, so a
    /// second answer gives [`Verdict::ChallengeReused`], also in another process on the same
    /// state. On a file, each verification is appended to the history (in memory none is
    /// kept). Never panics, whatever the input.
    pub fn verify(&self, text: &str, expected_challenge: Option<Challenge>) -> VerificationReport {
        let now = self.clock.now();
        let mut guard = self.lock();
        let State { store, held } = &mut *guard;
        // In memory no other connection can change the lists: no need to look.
        let synced =
            if store.on_file() || held.version.is_none() { held.sync(store.conn(), &self.anchor) } else { Ok(()) };
        let (report, to_consume) = match synced {
            Ok(()) => held.lists.verify(text, expected_challenge, self.policy.max_clock_skew_secs, now),
            Err(_) => (VerificationReport::bare(Verdict::StateUnavailable, now), None),
        };
        if to_consume.is_none() && !store.on_file() {
            return report;
        }
        let keep_history = store.on_file();
        let horizon = self.policy.challenge_horizon();
        let limit = self.policy.history_limit;
        let recorded = store.write(|tx| {
            let mut report = report.clone();
            if let Some(c) = to_consume
                && !challenges::consume(tx, c, now, horizon)?
            {
                report = with(report, Verdict::ChallengeReused);
            }
            if keep_history {
                history::append(tx, &entry(&report, text), limit)?;
            }
            Ok::<_, StoreError>(report)
        });
        // A verifier that cannot remember a challenge or a verification accepts nothing.
        recorded.unwrap_or_else(|_| with(report, Verdict::StateUnavailable))
    }
}

/// The history row of a verification (no claims: see `store/history.rs`).
fn entry(r: &VerificationReport, text: &str) -> HistoryEntry {
    HistoryEntry {
        at: r.verified_at,
        verdict: r.verdict.code().to_owned(),
        issuer: r.issuer.as_ref().map(|i| i.id.clone()),
        trust_list_sequence: r.trust_list_sequence,
        status_issued_at: r.status.as_ref().map(|s| s.list_issued_at),
        challenge: r.challenge.map(Challenge::value),
        presentation_sha256: presentation_sha256(text),
    }
}
