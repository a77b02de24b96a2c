//! The employer's side: decode a scanned string, check both signatures, the disclosures,
//! freshness, the challenge and revocation, and say what it found.

mod error;
mod record;
mod report;
pub mod store;
mod verdict_view;

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

use sha2::{Digest, Sha256};

pub use error::{InstallError, StoreError};
pub use record::{
    RECORD_VERSION, RecordClaim, RecordIssuer, RecordReason, RecordText, RecordTimes, RecordValue, VerificationRecord,
    parse_time, rfc3339,
};
pub use report::{IssuerInfo, MalformedReason, PresentationKind, StatusFreshness, Verdict, VerificationReport};
pub use store::VerifierStore;
pub use store::history::{DEFAULT_HISTORY_LIMIT, HistoryEntry};
pub use verdict_view::{NextStep, Severity, VerdictView};

use crate::credential::tree;
use crate::keys::PublicKey;
use crate::platform::{Clock, RandomError, SecureRandom, UnixTime};
use crate::presentation::{Challenge, MAX_TTL_SECS, SignedPresentation, wire};
use crate::status::StatusList;
use crate::trust::{IssuerSignatureError, TrustList};
use store::{challenges, history, lists};

/// Verifier policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VerifierPolicy {
    /// Clock difference tolerated between the holder's and the verifier's phones, seconds.
    pub max_clock_skew_secs: i64,
    /// Verifications kept in the history; the oldest are dropped beyond it.
    pub history_limit: u32,
}

impl Default for VerifierPolicy {
    fn default() -> Self {
        Self { max_clock_skew_secs: 60, history_limit: DEFAULT_HISTORY_LIMIT }
    }
}

impl VerifierPolicy {
    /// How long an answered challenge is remembered: a presentation's lifetime plus the skew.
    fn challenge_horizon(&self) -> i64 {
        i64::from(MAX_TTL_SECS) + self.max_clock_skew_secs
    }
}

/// Summary of an installed trust list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrustListInfo {
    /// Sequence number.
    pub sequence: u64,
    /// Signing time.
    pub issued_at: UnixTime,
    /// Expiry.
    pub expires_at: UnixTime,
    /// Number of accredited issuers.
    pub issuers: usize,
}

impl TrustListInfo {
    fn of(list: &TrustList) -> Self {
        let p = list.payload();
        Self { sequence: p.sequence, issued_at: p.issued_at, expires_at: p.expires_at, issuers: p.issuers.len() }
    }
}

/// What a verifier's state holds, for a status screen (`qujat verifier show`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StateSummary {
    /// The pinned anchor.
    pub anchor: PublicKey,
    /// The held trust list.
    pub trust_list: Option<TrustListInfo>,
    /// Each issuer's held status list (issuer id, freshness now), by issuer id.
    pub status_lists: Vec<(String, StatusFreshness)>,
    /// Challenges remembered as answered (within a presentation's lifetime plus skew).
    pub challenges: u64,
    /// Rows in the verification history.
    pub history: u64,
}

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
    trust: Option<TrustList>,
    status: HashMap<String, StatusList>,
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
        *self = Self { version: Some(version), trust, status };
        Ok(())
    }

    /// After this process installed `list`: keep the status lists that still verify.
    fn set_trust(&mut self, list: TrustList) {
        self.status.retain(|_, s| StatusList::verify(s.as_bytes(), list.payload()).is_ok());
        self.trust = Some(list);
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
        if held.trust.as_ref().is_none_or(|t| t.payload().sequence < info.sequence) {
            held.set_trust(list);
        }
        Ok(info)
    }

    /// The held trust list's summary.
    pub fn trust_list_info(&self) -> Option<TrustListInfo> {
        let mut guard = self.lock();
        let State { store, held } = &mut *guard;
        // On a storage error, answer with what was last loaded.
        let _ = held.sync(store.conn(), &self.anchor);
        held.trust.as_ref().map(TrustListInfo::of)
    }

    /// Install an issuer's status list: its issuer must be in the held trust list, and it must
    /// not be older than the one held for that issuer (see [`InstallError`]).
    pub fn install_status_list(&self, bytes: &[u8]) -> Result<StatusFreshness, InstallError> {
        let mut guard = self.lock();
        let State { store, held } = &mut *guard;
        let anchor = &self.anchor;
        let list = store.write(|tx| {
            held.sync(tx, anchor)?;
            let trust = held.trust.as_ref().ok_or(InstallError::NoTrustList)?;
            let list = StatusList::verify(bytes, trust.payload())?;
            lists::put_status_list(tx, &list)?;
            Ok::<_, InstallError>(list)
        })?;
        let fresh = self.freshness(&list);
        let issuer = list.payload().issuer.clone();
        if held.status.get(&issuer).is_none_or(|s| s.payload().issued_at < list.payload().issued_at) {
            held.status.insert(issuer, list);
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
            trust_list: held.trust.as_ref().map(TrustListInfo::of),
            status_lists: {
                let mut v: Vec<_> = held.status.iter().map(|(i, l)| (i.clone(), self.freshness(l))).collect();
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
        let p = list.payload();
        StatusFreshness {
            list_issued_at: p.issued_at,
            valid_until: p.valid_until,
            age_secs: self.clock.now().saturating_sub(p.issued_at),
        }
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
            Ok(()) => self.examine(held, text, expected_challenge, now),
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

    /// The verdict before the challenge is consumed, and the challenge to consume.
    fn examine(
        &self,
        held: &Held,
        text: &str,
        expected: Option<Challenge>,
        now: UnixTime,
    ) -> (VerificationReport, Option<Challenge>) {
        let cose = match wire::decode(text) {
            Ok(c) => c,
            Err(e) => return (VerificationReport::bare(Verdict::Malformed(e.into()), now), None),
        };
        let pres = match SignedPresentation::parse(&cose) {
            Ok(p) => p,
            Err(e) => {
                let verdict = Verdict::Malformed(MalformedReason::Structure(e));
                return (VerificationReport::bare(verdict, now), None);
            }
        };
        self.check(held, &pres, expected, now)
    }

    fn check(
        &self,
        held: &Held,
        pres: &SignedPresentation,
        expected: Option<Challenge>,
        now: UnixTime,
    ) -> (VerificationReport, Option<Challenge>) {
        let payload = pres.payload();
        let cred = pres.credential().payload();
        let mut report = VerificationReport::bare(Verdict::Valid, now);
        report.created_at = Some(payload.created_at);
        report.expires_at = Some(payload.expires_at());
        report.challenge = payload.challenge;
        report.kind = Some(match &payload.audience {
            Some(audience) => PresentationKind::Document { audience: audience.clone() },
            None => PresentationKind::Live,
        });

        // 1. Trust list and issuer.
        let Some(trust) = held.trust.as_ref() else {
            return (with(report, Verdict::NoTrustList), None);
        };
        let tl = trust.payload();
        report.trust_list_sequence = Some(tl.sequence);
        if now > tl.expires_at {
            return (with(report, Verdict::TrustListExpired { expired_at: tl.expires_at }), None);
        }
        let Some(entry) = tl.issuer(&cred.issuer) else {
            return (with(report, Verdict::UnknownIssuer { claimed_id: cred.issuer.clone() }), None);
        };
        report.issuer = Some(IssuerInfo { id: entry.id.clone(), name: entry.name.clone() });

        // 2. Issuer signature, with a key valid when the credential was signed.
        let credential = pres.credential();
        if let Err(e) = entry.check_signed(credential) {
            let verdict = match e {
                IssuerSignatureError::KeyNotValidWhenSigned => Verdict::IssuerKeyNotValid,
                IssuerSignatureError::Forged => Verdict::ForgedIssuerSignature,
            };
            return (with(report, verdict), None);
        }

        // 3. Holder signature with the key the credential binds.
        if pres.verify_holder().is_err() {
            return (with(report, Verdict::ForgedHolderSignature), None);
        }

        // 4. Disclosures against the signed root.
        match tree::root_from_cover(payload.disclosed.mask(), &payload.cover, &payload.leaf_bytes()) {
            Ok(root) if root == cred.root => {}
            _ => return (with(report, Verdict::DisclosureMismatch), None),
        }
        report.claims = payload.disclosed_claims();

        // 5. Freshness.
        let skew = self.policy.max_clock_skew_secs;
        if payload.created_at > now.saturating_add(skew) {
            return (with(report, Verdict::NotYetValid { created_at: payload.created_at }), None);
        }
        if now > payload.expires_at() {
            return (with(report, Verdict::Expired { expired_at: payload.expires_at() }), None);
        }

        // 6. Challenge: consumed by the caller, in the state, whatever the revocation says. A
        // document never answers one: a copy cannot stand in for a live check.
        if expected.is_some() && payload.audience.is_some() {
            return (with(report, Verdict::DocumentNotLive), None);
        }
        if let Some(c) = expected
            && payload.challenge != Some(c)
        {
            return (with(report, Verdict::ChallengeMismatch), None);
        }

        // 7. Revocation.
        let Some(list) = held.status.get(&cred.issuer) else {
            return (with(report, Verdict::StatusUnknown), expected);
        };
        report.status = Some(self.freshness(list));
        let report = match list.payload().is_revoked(cred.status_index) {
            None => with(report, Verdict::StatusUnknown),
            Some(true) => with(report, Verdict::Revoked),
            Some(false) if now > list.payload().valid_until => {
                with(report, Verdict::StatusStale { valid_until: list.payload().valid_until })
            }
            Some(false) => report,
        };
        (report, expected)
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

/// The SHA-256 of a verified text, as the history and the verification record keep it (one
/// rule, so a record can be matched with its history row).
pub fn presentation_sha256(text: &str) -> [u8; 32] {
    Sha256::digest(text.as_bytes()).into()
}

fn with(mut report: VerificationReport, verdict: Verdict) -> VerificationReport {
    if !verdict.is_authentic() {
        report.claims = Default::default();
    }
    report.verdict = verdict;
    report
}
