//! The employer's side: decode a scanned string, check both signatures, the disclosures,
//! freshness, the challenge and revocation, and say what it found.

mod challenges;
mod report;

use std::collections::HashMap;
use std::sync::{Arc, Mutex, RwLock};

pub use report::{IssuerInfo, MalformedReason, StatusFreshness, Verdict, VerificationReport};

use crate::credential::tree;
use crate::keys::PublicKey;
use crate::platform::{Clock, RandomError, SecureRandom, UnixTime};
use crate::presentation::{Challenge, SignedPresentation, wire};
use crate::status::{StatusList, StatusListError};
use crate::trust::{TrustList, TrustListError};
use challenges::ChallengeBook;

/// Verifier policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VerifierPolicy {
    /// Clock difference tolerated between the holder's and the verifier's phones, seconds.
    pub max_clock_skew_secs: i64,
}

impl Default for VerifierPolicy {
    fn default() -> Self {
        Self { max_clock_skew_secs: 60 }
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

/// The verifier: a pinned trust anchor, the installed trust and status lists, and the
/// challenges it has seen. Shareable between threads.
pub struct Verifier {
    anchor: PublicKey,
    policy: VerifierPolicy,
    clock: Arc<dyn Clock>,
    rng: Arc<dyn SecureRandom>,
    trust: RwLock<Option<TrustList>>,
    status: RwLock<HashMap<String, StatusList>>,
    challenges: Mutex<ChallengeBook>,
}

impl std::fmt::Debug for Verifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Verifier").field("anchor", &self.anchor).finish_non_exhaustive()
    }
}

impl Verifier {
    /// A verifier pinned to a trust anchor.
    pub fn new(anchor: PublicKey, clock: Arc<dyn Clock>, rng: Arc<dyn SecureRandom>) -> Self {
        Self::with_policy(anchor, VerifierPolicy::default(), clock, rng)
    }

    /// With an explicit policy.
    pub fn with_policy(
        anchor: PublicKey,
        policy: VerifierPolicy,
        clock: Arc<dyn Clock>,
        rng: Arc<dyn SecureRandom>,
    ) -> Self {
        Self {
            anchor,
            policy,
            clock,
            rng,
            trust: RwLock::new(None),
            status: RwLock::new(HashMap::new()),
            challenges: Mutex::new(ChallengeBook::default()),
        }
    }

    /// Install a trust list: signed by the anchor, and not older than the one held
    /// (an identical re-install is accepted). An expired list is installed (verification then
    /// reports [`Verdict::TrustListExpired`]) only if nothing newer is held.
    pub fn install_trust_list(&self, bytes: &[u8]) -> Result<TrustListInfo, TrustListError> {
        let list = TrustList::verify(bytes, &self.anchor)?;
        let mut slot = self.trust.write().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(current) = slot.as_ref() {
            let (offered, installed) = (list.payload().sequence, current.payload().sequence);
            if offered < installed || (offered == installed && list.as_bytes() != current.as_bytes()) {
                return Err(TrustListError::Rollback { offered, installed });
            }
        }
        let p = list.payload();
        let info = TrustListInfo {
            sequence: p.sequence,
            issued_at: p.issued_at,
            expires_at: p.expires_at,
            issuers: p.issuers.len(),
        };
        *slot = Some(list);
        Ok(info)
    }

    /// The installed trust list's summary.
    pub fn trust_list_info(&self) -> Option<TrustListInfo> {
        let slot = self.trust.read().unwrap_or_else(std::sync::PoisonError::into_inner);
        slot.as_ref().map(|l| {
            let p = l.payload();
            TrustListInfo {
                sequence: p.sequence,
                issued_at: p.issued_at,
                expires_at: p.expires_at,
                issuers: p.issuers.len(),
            }
        })
    }

    /// Install an issuer's status list (needs a trust list). An older list than the one held
    /// for that issuer is refused.
    pub fn install_status_list(&self, bytes: &[u8]) -> Result<StatusFreshness, StatusListError> {
        let trust = self.trust.read().unwrap_or_else(std::sync::PoisonError::into_inner);
        let trust = trust.as_ref().ok_or(StatusListError::UnknownIssuer)?;
        let list = StatusList::verify(bytes, trust.payload())?;
        let mut map = self.status.write().unwrap_or_else(std::sync::PoisonError::into_inner);
        let issuer = list.payload().issuer.clone();
        if let Some(current) = map.get(&issuer)
            && current.payload().issued_at > list.payload().issued_at
        {
            return Err(StatusListError::Rollback);
        }
        let fresh = self.freshness(&list);
        map.insert(issuer, list);
        Ok(fresh)
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
    /// any. Never panics, whatever the input.
    pub fn verify(&self, text: &str, expected_challenge: Option<Challenge>) -> VerificationReport {
        let now = self.clock.now();
        let cose = match wire::decode(text) {
            Ok(c) => c,
            Err(e) => return VerificationReport::bare(Verdict::Malformed(e.into()), now),
        };
        let pres = match SignedPresentation::parse(&cose) {
            Ok(p) => p,
            Err(e) => {
                return VerificationReport::bare(Verdict::Malformed(MalformedReason::Structure(e)), now);
            }
        };
        self.check(&pres, expected_challenge, now)
    }

    fn check(&self, pres: &SignedPresentation, expected: Option<Challenge>, now: UnixTime) -> VerificationReport {
        let payload = pres.payload();
        let cred = pres.credential().payload();
        let mut report = VerificationReport::bare(Verdict::Valid, now);
        report.created_at = Some(payload.created_at);
        report.expires_at = Some(payload.expires_at());
        report.challenge = payload.challenge;

        // 1. Trust list and issuer.
        let trust = self.trust.read().unwrap_or_else(std::sync::PoisonError::into_inner);
        let Some(trust) = trust.as_ref() else {
            return with(report, Verdict::NoTrustList);
        };
        let tl = trust.payload();
        report.trust_list_sequence = Some(tl.sequence);
        if now > tl.expires_at {
            return with(report, Verdict::TrustListExpired { expired_at: tl.expires_at });
        }
        let Some(entry) = tl.issuer(&cred.issuer) else {
            return with(report, Verdict::UnknownIssuer { claimed_id: cred.issuer.clone() });
        };
        report.issuer = Some(IssuerInfo { id: entry.id.clone(), name: entry.name.clone() });

        // 2. Issuer signature, with a key valid when the credential was signed.
        let credential = pres.credential();
        let in_period = |k: &&crate::trust::IssuerKey| credential.signed_within(k.not_before, k.not_after);
        if !entry.keys.iter().filter(in_period).any(|k| credential.verify_issuer(&k.key).is_ok()) {
            let other = entry.keys.iter().filter(|k| !in_period(k)).any(|k| credential.verify_issuer(&k.key).is_ok());
            return with(report, if other { Verdict::IssuerKeyNotValid } else { Verdict::ForgedIssuerSignature });
        }

        // 3. Holder signature with the key the credential binds.
        if pres.verify_holder().is_err() {
            return with(report, Verdict::ForgedHolderSignature);
        }

        // 4. Disclosures against the signed root.
        match tree::root_from_cover(payload.disclosed.mask(), &payload.cover, &payload.leaf_bytes()) {
            Ok(root) if root == cred.root => {}
            _ => return with(report, Verdict::DisclosureMismatch),
        }
        report.claims = payload.disclosed_claims();

        // 5. Freshness.
        let skew = self.policy.max_clock_skew_secs;
        if payload.created_at > now.saturating_add(skew) {
            return with(report, Verdict::NotYetValid { created_at: payload.created_at });
        }
        if now > payload.expires_at() {
            return with(report, Verdict::Expired { expired_at: payload.expires_at() });
        }

        // 6. Challenge.
        if let Some(c) = expected {
            if payload.challenge != Some(c) {
                return with(report, Verdict::ChallengeMismatch);
            }
            let mut book = self.challenges.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            if book.is_consumed(c, now, skew) {
                return with(report, Verdict::ChallengeReused);
            }
            book.consume(c, now, skew);
        }

        // 7. Revocation.
        let status = self.status.read().unwrap_or_else(std::sync::PoisonError::into_inner);
        let Some(list) = status.get(&cred.issuer) else {
            return with(report, Verdict::StatusUnknown);
        };
        report.status = Some(self.freshness(list));
        match list.payload().is_revoked(cred.status_index) {
            None => with(report, Verdict::StatusUnknown),
            Some(true) => with(report, Verdict::Revoked),
            Some(false) if now > list.payload().valid_until => {
                with(report, Verdict::StatusStale { valid_until: list.payload().valid_until })
            }
            Some(false) => report,
        }
    }
}

fn with(mut report: VerificationReport, verdict: Verdict) -> VerificationReport {
    if !verdict.is_authentic() {
        report.claims = Default::default();
    }
    report.verdict = verdict;
    report
}
