//! How a verdict looks on the employer's screen: its severity, the key of its wording in the
//! apps' string tables, what to do next, and the time the wording mentions.
//!
//! One table for both apps (they used to keep a copy each). Every match is exhaustive, so a
//! new [`Verdict`] does not compile until it has its severity, wording and next step here, and
//! its `<key>_title` / `<key>_body` strings in each app.

use super::report::Verdict;
use crate::platform::UnixTime;

/// The colour family of a result screen. Only [`Severity::Ok`] is green and says "accept".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Severity {
    /// Accept (green).
    Ok,
    /// Genuine, but something needs a second look (old QR, unknown revocation, clocks) (amber).
    Warning,
    /// Do not accept (red).
    Refused,
    /// This phone cannot judge (no or expired trust list, unreadable code, broken state) (grey).
    CannotJudge,
}

/// What the employer should do next; each has its own sentence in the apps' strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NextStep {
    /// Nothing.
    None,
    /// Ask the holder for a fresh QR code (the old one expired, or was made for another challenge).
    AskForNewQr,
    /// One of the two phones has a wrong clock.
    CheckClocks,
    /// Update this phone's trust list or status lists when online.
    UpdateTrustData,
    /// Point the camera at the code again.
    ScanAgain,
    /// Repair the verifier's stored state (or restart the app) before checking again.
    RepairState,
    /// Do not accept this diploma.
    DoNotAccept,
}

impl NextStep {
    /// The key of its sentence in the apps' string tables (`None` has no sentence).
    pub fn key(self) -> Option<&'static str> {
        match self {
            NextStep::None => None,
            NextStep::AskForNewQr => Some("next_ask_new_qr"),
            NextStep::CheckClocks => Some("next_check_clocks"),
            NextStep::UpdateTrustData => Some("next_update_trust"),
            NextStep::ScanAgain => Some("next_scan_again"),
            NextStep::RepairState => Some("next_repair_state"),
            NextStep::DoNotAccept => Some("next_do_not_accept"),
        }
    }
}

/// A verdict as a result screen shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerdictView {
    /// Colour family.
    pub severity: Severity,
    /// The stable key of its wording: the apps show `<key>_title` and `<key>_body` from their
    /// string tables (`verdict_valid`, `verdict_forged_issuer`, …).
    pub wording_key: &'static str,
    /// What to do next.
    pub next_step: NextStep,
    /// The time the wording mentions (expired at, created at, valid until), Unix seconds.
    pub time: Option<UnixTime>,
    /// True only for [`Verdict::Valid`]: the one state in which the screen says "accept".
    pub accept: bool,
    /// The disclosed claims may be shown ([`Verdict::is_authentic`]).
    pub show_claims: bool,
    /// Claims are shown but the verdict is not valid: put them under a "not confirmed" banner.
    pub claims_with_caveat: bool,
    /// The verifier recorded the challenge as answered (`docs/FORMAT.md` §10 step 8): the
    /// screen drops it and a new scan needs a new challenge.
    pub answers_challenge: bool,
}

impl Verdict {
    /// How this verdict looks on the employer's screen.
    pub fn view(&self) -> VerdictView {
        use NextStep as N;
        use Severity as S;
        let (severity, wording_key, next_step, time) = match self {
            Verdict::Valid => (S::Ok, "verdict_valid", N::None, None),
            Verdict::Revoked => (S::Refused, "verdict_revoked", N::DoNotAccept, None),
            Verdict::Expired { expired_at } => (S::Warning, "verdict_expired", N::AskForNewQr, Some(*expired_at)),
            Verdict::NotYetValid { created_at } => {
                (S::Warning, "verdict_not_yet_valid", N::CheckClocks, Some(*created_at))
            }
            Verdict::ChallengeMismatch => (S::Refused, "verdict_challenge_mismatch", N::AskForNewQr, None),
            Verdict::DocumentNotLive => (S::Refused, "verdict_document_not_live", N::AskForNewQr, None),
            Verdict::ChallengeReused => (S::Refused, "verdict_challenge_reused", N::DoNotAccept, None),
            Verdict::UnknownIssuer { .. } => (S::Refused, "verdict_unknown_issuer", N::DoNotAccept, None),
            Verdict::ForgedIssuerSignature => (S::Refused, "verdict_forged_issuer", N::DoNotAccept, None),
            Verdict::IssuerKeyNotValid => (S::Refused, "verdict_issuer_key_not_valid", N::DoNotAccept, None),
            Verdict::ForgedHolderSignature => (S::Refused, "verdict_forged_holder", N::DoNotAccept, None),
            Verdict::DisclosureMismatch => (S::Refused, "verdict_disclosure_mismatch", N::DoNotAccept, None),
            Verdict::TrustListExpired { expired_at } => {
                (S::CannotJudge, "verdict_trust_list_expired", N::UpdateTrustData, Some(*expired_at))
            }
            Verdict::NoTrustList => (S::CannotJudge, "verdict_no_trust_list", N::UpdateTrustData, None),
            Verdict::StatusUnknown => (S::Warning, "verdict_status_unknown", N::UpdateTrustData, None),
            Verdict::StatusStale { valid_until } => {
                (S::Warning, "verdict_status_stale", N::UpdateTrustData, Some(*valid_until))
            }
            Verdict::Malformed(_) => (S::CannotJudge, "verdict_malformed", N::ScanAgain, None),
            Verdict::StateUnavailable => (S::CannotJudge, "verdict_state_unavailable", N::RepairState, None),
        };
        let answers_challenge = match self {
            Verdict::Valid | Verdict::Revoked | Verdict::StatusUnknown | Verdict::StatusStale { .. } => true,
            Verdict::Expired { .. }
            | Verdict::NotYetValid { .. }
            | Verdict::ChallengeMismatch
            | Verdict::DocumentNotLive
            | Verdict::ChallengeReused
            | Verdict::UnknownIssuer { .. }
            | Verdict::ForgedIssuerSignature
            | Verdict::IssuerKeyNotValid
            | Verdict::ForgedHolderSignature
            | Verdict::DisclosureMismatch
            | Verdict::TrustListExpired { .. }
            | Verdict::NoTrustList
            | Verdict::Malformed(_)
            | Verdict::StateUnavailable => false,
        };
        let accept = self.is_valid();
        let show_claims = self.is_authentic();
        VerdictView {
            severity,
            wording_key,
            next_step,
            time,
            accept,
            show_claims,
            claims_with_caveat: show_claims && !accept,
            answers_challenge,
        }
    }
}

#[cfg(test)]
mod tests {
    //! The table the apps kept (android/logic `VerdictUiTest`, iOS `VerdictStyle`), checked here.
    use super::*;
    use crate::presentation::wire::WireError;
    use crate::verifier::MalformedReason;

    fn every_verdict() -> Vec<Verdict> {
        vec![
            Verdict::Valid,
            Verdict::Revoked,
            Verdict::Expired { expired_at: 100 },
            Verdict::NotYetValid { created_at: 200 },
            Verdict::ChallengeMismatch,
            Verdict::DocumentNotLive,
            Verdict::ChallengeReused,
            Verdict::UnknownIssuer { claimed_id: "kz-x".into() },
            Verdict::ForgedIssuerSignature,
            Verdict::IssuerKeyNotValid,
            Verdict::ForgedHolderSignature,
            Verdict::DisclosureMismatch,
            Verdict::TrustListExpired { expired_at: 300 },
            Verdict::NoTrustList,
            Verdict::StatusUnknown,
            Verdict::StatusStale { valid_until: 400 },
            Verdict::Malformed(MalformedReason::Wire(WireError::Prefix)),
            Verdict::StateUnavailable,
        ]
    }

    #[test]
    fn only_valid_is_green_and_says_accept() {
        for v in every_verdict() {
            let view = v.view();
            assert_eq!(view.accept, v == Verdict::Valid, "{}", v.code());
            assert_eq!(view.severity == Severity::Ok, v == Verdict::Valid, "{}", v.code());
        }
    }

    #[test]
    fn each_verdict_has_its_own_wording_key_named_for_its_code() {
        let keys: Vec<&str> = every_verdict().iter().map(|v| v.view().wording_key).collect();
        let mut unique = keys.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), keys.len(), "{keys:?}");
        for k in keys {
            assert!(k.starts_with("verdict_") && k.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'), "{k}");
        }
    }

    #[test]
    fn severity_and_next_step_by_verdict() {
        let row = |v: Verdict| {
            let view = v.view();
            (view.severity, view.next_step)
        };
        assert_eq!(row(Verdict::Revoked), (Severity::Refused, NextStep::DoNotAccept));
        assert_eq!(row(Verdict::Expired { expired_at: 1 }), (Severity::Warning, NextStep::AskForNewQr));
        assert_eq!(row(Verdict::NotYetValid { created_at: 1 }), (Severity::Warning, NextStep::CheckClocks));
        assert_eq!(row(Verdict::ChallengeMismatch), (Severity::Refused, NextStep::AskForNewQr));
        assert_eq!(row(Verdict::DocumentNotLive), (Severity::Refused, NextStep::AskForNewQr));
        assert_eq!(row(Verdict::ForgedHolderSignature), (Severity::Refused, NextStep::DoNotAccept));
        assert_eq!(row(Verdict::NoTrustList), (Severity::CannotJudge, NextStep::UpdateTrustData));
        assert_eq!(row(Verdict::StatusUnknown), (Severity::Warning, NextStep::UpdateTrustData));
        assert_eq!(
            row(Verdict::Malformed(MalformedReason::Wire(WireError::Prefix))),
            (Severity::CannotJudge, NextStep::ScanAgain)
        );
        assert_eq!(row(Verdict::StateUnavailable), (Severity::CannotJudge, NextStep::RepairState));
    }

    #[test]
    fn the_time_the_wording_mentions() {
        let times: Vec<Option<UnixTime>> = every_verdict().iter().map(|v| v.view().time).collect();
        assert_eq!(times.iter().flatten().copied().collect::<Vec<_>>(), vec![100, 200, 300, 400]);
    }

    #[test]
    fn claims_show_only_when_authentic_and_with_a_caveat_unless_valid() {
        for v in every_verdict() {
            let view = v.view();
            assert_eq!(view.show_claims, v.is_authentic(), "{}", v.code());
            assert_eq!(view.claims_with_caveat, v.is_authentic() && v != Verdict::Valid, "{}", v.code());
        }
        assert!(!Verdict::ForgedHolderSignature.view().show_claims);
        assert!(Verdict::StatusStale { valid_until: 1 }.view().claims_with_caveat);
    }

    #[test]
    fn the_challenge_is_spent_by_the_verdicts_past_the_challenge_check() {
        let answered: Vec<&str> =
            every_verdict().iter().filter(|v| v.view().answers_challenge).map(|v| v.code()).collect();
        assert_eq!(answered, vec!["VALID", "REVOKED", "STATUS_UNKNOWN", "STATUS_STALE"]);
    }

    #[test]
    fn next_step_keys_are_distinct() {
        let steps = [
            NextStep::None,
            NextStep::AskForNewQr,
            NextStep::CheckClocks,
            NextStep::UpdateTrustData,
            NextStep::ScanAgain,
            NextStep::RepairState,
            NextStep::DoNotAccept,
        ];
        let mut keys: Vec<&str> = steps.iter().filter_map(|s| s.key()).collect();
        assert_eq!(keys.len(), steps.len() - 1);
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), steps.len() - 1);
    }
}
