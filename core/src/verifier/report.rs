//! What the employer's screen shows: a verdict, and what is known behind it.

use crate::credential::{DisclosedClaims, Localized};
use crate::platform::UnixTime;
use crate::presentation::wire::WireError;
use crate::presentation::{Challenge, PresentationFormatError};

/// The one-word answer, in the order a verifier checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Genuine, bound to its holder, fresh, not revoked per a current status list.
    Valid,
    /// The issuer has revoked this diploma.
    Revoked,
    /// The presentation's lifetime is over (an old screenshot or photo).
    Expired {
        /// When it expired.
        expired_at: UnixTime,
    },
    /// Created in the future beyond the allowed clock skew (a wrong clock on one phone).
    NotYetValid {
        /// Its creation time.
        created_at: UnixTime,
    },
    /// Made for another challenge, or without the challenge the verifier asked for.
    ChallengeMismatch,
    /// A document presentation (a printed or e-mailed copy) shown to a verifier that asked a
    /// challenge: a copy cannot stand in for a live check.
    DocumentNotLive,
    /// The challenge was already used by an accepted presentation (a replay).
    ChallengeReused,
    /// The issuer is not in the trust list.
    UnknownIssuer {
        /// The issuer id the credential claims (untrusted).
        claimed_id: String,
    },
    /// The issuer is accredited but none of its keys signed this credential: a forgery.
    ForgedIssuerSignature,
    /// Signed with an issuer key outside its validity period.
    IssuerKeyNotValid,
    /// The presentation is not signed by the holder the credential names (a stolen or
    /// copied credential presented by someone else).
    ForgedHolderSignature,
    /// A disclosed value or salt does not match what the issuer signed.
    DisclosureMismatch,
    /// The verifier's trust list is past its expiry: update it.
    TrustListExpired {
        /// When it expired.
        expired_at: UnixTime,
    },
    /// The verifier has no trust list installed.
    NoTrustList,
    /// Genuine, but no status list for this issuer covers it: revocation unknown.
    StatusUnknown,
    /// Genuine and not revoked in the status list held, but that list is out of date.
    StatusStale {
        /// When the list stopped being current.
        valid_until: UnixTime,
    },
    /// Not a readable presentation.
    Malformed(MalformedReason),
    /// The verifier's state could not be read or written, so the challenge could not be
    /// remembered: nothing is accepted until it is repaired (or `--no-state` is used).
    StateUnavailable,
}

impl Verdict {
    /// True only for [`Verdict::Valid`].
    pub fn is_valid(&self) -> bool {
        matches!(self, Verdict::Valid)
    }
    /// A short, stable code for scripts and logs (`VALID`, `REVOKED`, …).
    pub fn code(&self) -> &'static str {
        match self {
            Verdict::Valid => "VALID",
            Verdict::Revoked => "REVOKED",
            Verdict::Expired { .. } => "EXPIRED",
            Verdict::NotYetValid { .. } => "NOT_YET_VALID",
            Verdict::ChallengeMismatch => "CHALLENGE_MISMATCH",
            Verdict::DocumentNotLive => "DOCUMENT_NOT_LIVE",
            Verdict::ChallengeReused => "CHALLENGE_REUSED",
            Verdict::UnknownIssuer { .. } => "UNKNOWN_ISSUER",
            Verdict::ForgedIssuerSignature => "FORGED_ISSUER_SIGNATURE",
            Verdict::IssuerKeyNotValid => "ISSUER_KEY_NOT_VALID",
            Verdict::ForgedHolderSignature => "FORGED_HOLDER_SIGNATURE",
            Verdict::DisclosureMismatch => "DISCLOSURE_MISMATCH",
            Verdict::TrustListExpired { .. } => "TRUST_LIST_EXPIRED",
            Verdict::NoTrustList => "NO_TRUST_LIST",
            Verdict::StatusUnknown => "STATUS_UNKNOWN",
            Verdict::StatusStale { .. } => "STATUS_STALE",
            Verdict::Malformed(_) => "MALFORMED",
            Verdict::StateUnavailable => "STATE_UNAVAILABLE",
        }
    }
    /// True when the signatures and disclosures checked out (the claims can be shown).
    pub fn is_authentic(&self) -> bool {
        matches!(
            self,
            Verdict::Valid
                | Verdict::Revoked
                | Verdict::Expired { .. }
                | Verdict::NotYetValid { .. }
                | Verdict::ChallengeMismatch
                | Verdict::DocumentNotLive
                | Verdict::ChallengeReused
                | Verdict::StatusUnknown
                | Verdict::StatusStale { .. }
        )
    }
}

impl std::fmt::Display for Verdict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())?;
        match self {
            Verdict::Malformed(r) => write!(f, " ({r})"),
            Verdict::UnknownIssuer { claimed_id } => write!(f, " ({claimed_id})"),
            _ => Ok(()),
        }
    }
}

/// Why a string is not a readable presentation.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MalformedReason {
    /// The transport layers (prefix, base45, zlib).
    #[error(transparent)]
    Wire(#[from] WireError),
    /// The COSE or CBOR structure (of the presentation or the credential inside).
    #[error(transparent)]
    Structure(#[from] PresentationFormatError),
}

impl MalformedReason {
    /// A short, stable code naming the failed rule (the reasons of the negative vectors in
    /// `docs/FORMAT.md` §15): the transport's (`PREFIX`, `UNSUPPORTED_VERSION`, `TOO_LONG`,
    /// `BASE45`, `ZLIB`, `TOO_LARGE`), the COSE envelope's (`COSE`, `COSE_HEADER`, …) or the
    /// records' ([`crate::cbor::FormatError::code`]).
    pub fn code(&self) -> &'static str {
        match self {
            MalformedReason::Wire(e) => e.code(),
            MalformedReason::Structure(e) => e.code(),
        }
    }
}

/// What kind of presentation was shown (`docs/FORMAT.md` §7).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PresentationKind {
    /// A live presentation (a QR code on the holder's phone, minutes long).
    Live,
    /// A document presentation: a printed or e-mailed copy for an audience, valid for days.
    Document {
        /// Who the holder made it for (as signed; authenticated only if the verdict is
        /// authentic).
        audience: String,
    },
}

impl PresentationKind {
    /// A short, stable code: `live` or `document`.
    pub fn code(&self) -> &'static str {
        match self {
            PresentationKind::Live => "live",
            PresentationKind::Document { .. } => "document",
        }
    }
    /// The audience of a document.
    pub fn audience(&self) -> Option<&str> {
        match self {
            PresentationKind::Live => None,
            PresentationKind::Document { audience } => Some(audience),
        }
    }
}

/// Freshness of the status information used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusFreshness {
    /// When the issuer signed the status list.
    pub list_issued_at: UnixTime,
    /// Until when it is current.
    pub valid_until: UnixTime,
    /// Seconds since it was signed, at verification time.
    pub age_secs: i64,
}

/// The issuer as named by the trust list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuerInfo {
    /// Issuer id.
    pub id: String,
    /// Display names.
    pub name: Localized,
}

/// Everything the verifier's screen needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerificationReport {
    /// The verdict.
    pub verdict: Verdict,
    /// The issuer, when the trust list knows it.
    pub issuer: Option<IssuerInfo>,
    /// The kind of presentation, when it decoded (`None` for a malformed one). For a document
    /// the screen says `printed/e-mailed copy for <audience>, made on <created_at>, valid until
    /// <expires_at>`.
    pub kind: Option<PresentationKind>,
    /// Disclosed claims: empty unless the verdict [`is_authentic`](Verdict::is_authentic).
    pub claims: DisclosedClaims,
    /// Creation time (authenticated only if the verdict is authentic).
    pub created_at: Option<UnixTime>,
    /// Expiry time.
    pub expires_at: Option<UnixTime>,
    /// The challenge the presentation answers.
    pub challenge: Option<Challenge>,
    /// Status list used, if any.
    pub status: Option<StatusFreshness>,
    /// Sequence of the trust list used.
    pub trust_list_sequence: Option<u64>,
    /// When the verification ran.
    pub verified_at: UnixTime,
}

impl VerificationReport {
    /// For a document presentation, the line that says what it is: `printed/e-mailed copy for
    /// <audience>, made on <YYYY-MM-DD>, valid until <YYYY-MM-DD>` (UTC dates). `None` for a
    /// live or unreadable presentation.
    pub fn document_line(&self) -> Option<String> {
        let audience = self.kind.as_ref()?.audience()?;
        let date = |t: Option<UnixTime>| {
            t.and_then(crate::credential::Date::from_unix).map_or_else(|| "?".to_owned(), |d| d.to_string())
        };
        Some(format!(
            "printed/e-mailed copy for {audience}, made on {}, valid until {}",
            date(self.created_at),
            date(self.expires_at)
        ))
    }

    pub(crate) fn bare(verdict: Verdict, now: UnixTime) -> Self {
        Self {
            verdict,
            issuer: None,
            kind: None,
            claims: DisclosedClaims::default(),
            created_at: None,
            expires_at: None,
            challenge: None,
            status: None,
            trust_list_sequence: None,
            verified_at: now,
        }
    }
}
