//! The checks themselves, over lists held in memory: no storage, so the same code runs in the
//! stateful [`super::Verifier`] (with the `store` feature) and in the browser (`web/`).
//!
//! The version rules (one place, the same words as docs/FORMAT.md): a list older than the one
//! held is refused (a trust list by its sequence, a status list by its `issued_at`); the same
//! version with identical bytes is an idempotent re-install (accepted); the same version with
//! different bytes is refused as a conflict.

use std::collections::HashMap;

use super::{
    InstallError, IssuerInfo, MalformedReason, PresentationKind, StatusFreshness, TrustListInfo, Verdict,
    VerificationReport, with,
};
use crate::credential::tree;
use crate::keys::PublicKey;
use crate::platform::UnixTime;
use crate::presentation::{Challenge, SignedPresentation, wire};
use crate::status::StatusList;
use crate::trust::{IssuerSignatureError, TrustList};

/// Whether `offered` replaces the held trust list (`sequence`, signed bytes): `Ok(true)` if it
/// is newer or none is held, `Ok(false)` for the same list again, an error for an older or a
/// conflicting one.
pub(crate) fn admit_trust_list(held: Option<(u64, &[u8])>, offered: &TrustList) -> Result<bool, InstallError> {
    let sequence = offered.payload().sequence;
    match held {
        Some((held, _)) if sequence < held => Err(InstallError::TrustListRollback { held, offered: sequence }),
        Some((held, bytes)) if sequence == held => {
            if bytes == offered.as_bytes() {
                Ok(false)
            } else {
                Err(InstallError::TrustListConflict { sequence })
            }
        }
        _ => Ok(true),
    }
}

/// Whether `offered` replaces the status list held for its issuer (`issued_at`, signed bytes),
/// by the same rules as [`admit_trust_list`].
pub(crate) fn admit_status_list(held: Option<(UnixTime, &[u8])>, offered: &StatusList) -> Result<bool, InstallError> {
    let p = offered.payload();
    match held {
        Some((held, _)) if p.issued_at < held => {
            Err(InstallError::StatusListRollback { issuer: p.issuer.clone(), held, offered: p.issued_at })
        }
        Some((held, bytes)) if p.issued_at == held => {
            if bytes == offered.as_bytes() {
                Ok(false)
            } else {
                Err(InstallError::StatusListConflict { issuer: p.issuer.clone(), issued_at: held })
            }
        }
        _ => Ok(true),
    }
}

/// How old a status list is at `now`.
pub(crate) fn freshness(list: &StatusList, now: UnixTime) -> StatusFreshness {
    let p = list.payload();
    StatusFreshness {
        list_issued_at: p.issued_at,
        valid_until: p.valid_until,
        age_secs: now.saturating_sub(p.issued_at),
    }
}

/// The trust list and status lists a verifier holds, verified, in memory, with the version
/// rules (no rollback) applied on every install. The browser's verifier keeps one, and stores
/// [`HeldLists::trust_list_bytes`] and [`HeldLists::status_list_bytes`] to reinstall at the
/// next start; [`super::Verifier`] keeps one over its SQLite state.
#[derive(Default, Clone)]
pub struct HeldLists {
    pub(super) trust: Option<TrustList>,
    pub(super) status: HashMap<String, StatusList>,
}

impl std::fmt::Debug for HeldLists {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HeldLists")
            .field("trust_list", &self.trust.as_ref().map(TrustListInfo::of))
            .field("status_lists", &self.status.len())
            .finish()
    }
}

impl HeldLists {
    /// Nothing held.
    pub fn new() -> Self {
        Self::default()
    }

    /// Install a trust list signed by `anchor`, unless older than (or conflicting with) the
    /// one held. Status lists whose issuer left, or whose keys were rotated out, are dropped.
    pub fn install_trust_list(&mut self, bytes: &[u8], anchor: &PublicKey) -> Result<TrustListInfo, InstallError> {
        let list = TrustList::verify(bytes, anchor)?;
        let info = TrustListInfo::of(&list);
        if admit_trust_list(self.trust.as_ref().map(|t| (t.payload().sequence, t.as_bytes())), &list)? {
            self.set_trust(list);
        }
        Ok(info)
    }

    /// Install an issuer's status list (its issuer in the held trust list), unless older than
    /// (or conflicting with) the one held for that issuer; its freshness at `now`.
    pub fn install_status_list(&mut self, bytes: &[u8], now: UnixTime) -> Result<StatusFreshness, InstallError> {
        let trust = self.trust.as_ref().ok_or(InstallError::NoTrustList)?;
        let list = StatusList::verify(bytes, trust.payload())?;
        let fresh = freshness(&list, now);
        let issuer = list.payload().issuer.clone();
        if admit_status_list(self.status.get(&issuer).map(|s| (s.payload().issued_at, s.as_bytes())), &list)? {
            self.status.insert(issuer, list);
        }
        Ok(fresh)
    }

    /// The held trust list's summary.
    pub fn trust_list_info(&self) -> Option<TrustListInfo> {
        self.trust.as_ref().map(TrustListInfo::of)
    }

    /// The held trust list's signed bytes, to store and reinstall.
    pub fn trust_list_bytes(&self) -> Option<&[u8]> {
        self.trust.as_ref().map(TrustList::as_bytes)
    }

    /// The held status lists' signed bytes, by issuer id, to store and reinstall.
    pub fn status_list_bytes(&self) -> Vec<(&str, &[u8])> {
        let mut v: Vec<_> = self.status.iter().map(|(i, l)| (i.as_str(), l.as_bytes())).collect();
        v.sort_unstable_by_key(|(i, _)| *i);
        v
    }

    /// Verify a scanned string at `now`, tolerating `skew` seconds of clock difference.
    /// `expected` is the challenge shown, if any; the answer's second part is the challenge to
    /// consume (the caller remembers it as answered: a second answer is `CHALLENGE_REUSED`).
    /// Never panics, whatever the input.
    pub fn verify(
        &self,
        text: &str,
        expected: Option<Challenge>,
        skew: i64,
        now: UnixTime,
    ) -> (VerificationReport, Option<Challenge>) {
        self.examine(skew, text, expected, now)
    }

    /// After a new trust list: keep the status lists that still verify.
    pub(super) fn set_trust(&mut self, list: TrustList) {
        self.status.retain(|_, s| StatusList::verify(s.as_bytes(), list.payload()).is_ok());
        self.trust = Some(list);
    }

    /// The verdict before the challenge is consumed, and the challenge to consume.
    pub(super) fn examine(
        &self,
        skew: i64,
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
        self.check(skew, &pres, expected, now)
    }

    fn check(
        &self,
        skew: i64,
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
        let Some(trust) = self.trust.as_ref() else {
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
        let Some(list) = self.status.get(&cred.issuer) else {
            return (with(report, Verdict::StatusUnknown), expected);
        };
        report.status = Some(freshness(list, now));
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
