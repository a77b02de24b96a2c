//! The employer's side: [`Verifier`] over `qujat_core::verifier::Verifier`, and the report
//! its screen shows.

use std::sync::Arc;

use qujat_core::keys::PublicKey;
use qujat_core::platform::{Clock as CoreClock, OsRandom, SystemClock};
use qujat_core::presentation::Challenge;
use qujat_core::verifier::{self as core_ver, PresentationKind, Verdict as CoreVerdict, VerifierPolicy, VerifierStore};

use crate::error::VerifierError;
use crate::types::{Claim, ClaimId, Language, LocalizedText};

/// The one-word answer. Only `Valid` means "accept".
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum Verdict {
    /// Genuine, presented by its holder, fresh, not revoked per a current status list.
    Valid,
    /// The issuer has revoked this diploma.
    Revoked,
    /// The presentation's lifetime is over (an old screenshot): ask for a new one.
    Expired {
        /// When it expired.
        expired_at: i64,
    },
    /// Created in the future beyond the allowed skew: a phone's clock is wrong.
    NotYetValid {
        /// Its creation time.
        created_at: i64,
    },
    /// Made for another challenge, or without the one asked for.
    ChallengeMismatch,
    /// A printed or e-mailed copy shown where a challenge was asked: ask for the live QR code.
    DocumentNotLive,
    /// The challenge was already answered: a replay.
    ChallengeReused,
    /// The issuer is not in the trust list.
    UnknownIssuer {
        /// The issuer id the credential claims (untrusted).
        claimed_id: String,
    },
    /// The issuer is accredited but did not sign this: a forgery.
    ForgedIssuerSignature,
    /// Signed with an issuer key outside its validity period.
    IssuerKeyNotValid,
    /// Not signed by the holder the diploma was issued to.
    ForgedHolderSignature,
    /// A disclosed value does not match what the issuer signed.
    DisclosureMismatch,
    /// The verifier's trust list is past its expiry: update it.
    TrustListExpired {
        /// When it expired.
        expired_at: i64,
    },
    /// No trust list installed.
    NoTrustList,
    /// Genuine, but no status list covers it: revocation unknown.
    StatusUnknown,
    /// Genuine and not revoked, but the status list held is out of date.
    StatusStale {
        /// When the list stopped being current.
        valid_until: i64,
    },
    /// Not a readable presentation.
    Malformed {
        /// Why (no content of the scanned text).
        reason: String,
    },
}

impl Verdict {
    /// The core's verdict, or the error it stands for: the core's local `StateUnavailable` (a
    /// state it could not write) is a storage problem to show, not a verdict about the diploma.
    /// Exhaustive: a verdict added in the core fails to compile here until it is mapped. (Not a
    /// remote type: `Malformed` carries the core's decoding errors, which stay in the core.)
    fn of(v: &CoreVerdict) -> Result<Self, VerifierError> {
        Ok(match v {
            CoreVerdict::Valid => Self::Valid,
            CoreVerdict::Revoked => Self::Revoked,
            CoreVerdict::Expired { expired_at } => Self::Expired { expired_at: *expired_at },
            CoreVerdict::NotYetValid { created_at } => Self::NotYetValid { created_at: *created_at },
            CoreVerdict::ChallengeMismatch => Self::ChallengeMismatch,
            CoreVerdict::DocumentNotLive => Self::DocumentNotLive,
            CoreVerdict::ChallengeReused => Self::ChallengeReused,
            CoreVerdict::UnknownIssuer { claimed_id } => Self::UnknownIssuer { claimed_id: claimed_id.clone() },
            CoreVerdict::ForgedIssuerSignature => Self::ForgedIssuerSignature,
            CoreVerdict::IssuerKeyNotValid => Self::IssuerKeyNotValid,
            CoreVerdict::ForgedHolderSignature => Self::ForgedHolderSignature,
            CoreVerdict::DisclosureMismatch => Self::DisclosureMismatch,
            CoreVerdict::TrustListExpired { expired_at } => Self::TrustListExpired { expired_at: *expired_at },
            CoreVerdict::NoTrustList => Self::NoTrustList,
            CoreVerdict::StatusUnknown => Self::StatusUnknown,
            CoreVerdict::StatusStale { valid_until } => Self::StatusStale { valid_until: *valid_until },
            CoreVerdict::Malformed(reason) => Self::Malformed { reason: reason.to_string() },
            CoreVerdict::StateUnavailable => return Err(VerifierError::StateUnavailable),
        })
    }
}

/// The issuer as the trust list names it (the core's `verifier::IssuerInfo`).
pub type IssuerInfo = core_ver::IssuerInfo;

/// The issuer as the trust list names it.
#[uniffi::remote(Record)]
pub struct IssuerInfo {
    /// Issuer id.
    pub id: String,
    /// Display names.
    pub name: LocalizedText,
}

/// Freshness of the status list used (the core's `verifier::StatusFreshness`).
pub type StatusFreshness = core_ver::StatusFreshness;

/// Freshness of the status list used.
#[uniffi::remote(Record)]
pub struct StatusFreshness {
    /// When the issuer signed it.
    pub list_issued_at: i64,
    /// Until when it is current.
    pub valid_until: i64,
    /// Its age at verification time, seconds.
    pub age_secs: i64,
}

/// The installed trust list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct TrustListInfo {
    /// Sequence number (never goes back).
    pub sequence: u64,
    /// Signing time.
    pub issued_at: i64,
    /// Expiry.
    pub expires_at: i64,
    /// Number of accredited issuers.
    pub issuers: u32,
}

impl From<core_ver::TrustListInfo> for TrustListInfo {
    fn from(t: core_ver::TrustListInfo) -> Self {
        let issuers = u32::try_from(t.issuers).unwrap_or(u32::MAX);
        Self { sequence: t.sequence, issued_at: t.issued_at, expires_at: t.expires_at, issuers }
    }
}

/// A status list the verifier holds: its issuer and how fresh it is now.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct HeldStatusList {
    /// The issuer id (as the trust list names it).
    pub issuer_id: String,
    /// When the issuer signed it, until when it is current, and its age now.
    pub freshness: StatusFreshness,
}

/// What was shown: a live QR code, or a printed or e-mailed copy for an audience (the core's
/// `PresentationKind`, crossing as a uniffi remote type).
#[uniffi::remote(Enum)]
pub enum PresentationKind {
    /// A live presentation (a QR code on the holder's phone, minutes long).
    Live,
    /// A document presentation: a printed or e-mailed copy for `audience`, valid for days
    /// (`created_at` and `expires_at` say from when to when). The audience is as signed: it
    /// holds only when the report is `authentic`.
    Document {
        /// Who the holder made the copy for (1–128 bytes).
        audience: String,
    },
}

/// Everything the verifier's screen needs.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct VerificationReport {
    /// The verdict.
    pub verdict: Verdict,
    /// Live or a document copy (with its audience); `None` when the text was not readable.
    pub kind: Option<PresentationKind>,
    /// Its stable code (`VALID`, `REVOKED`, …) for logs without personal data.
    pub verdict_code: String,
    /// How the verdict looks on screen: severity, wording key, next step (the core's rule).
    pub view: crate::rules::VerdictView,
    /// True when the signatures and disclosures held (claims may be shown, with the verdict).
    pub authentic: bool,
    /// The issuer, when the trust list knows it.
    pub issuer: Option<IssuerInfo>,
    /// Disclosed claims, labelled in the language asked for: empty unless `authentic`.
    pub claims: Vec<Claim>,
    /// Disclosed claims the diploma does not state (e.g. GPA on a PhD diploma).
    pub not_stated: Vec<ClaimId>,
    /// Creation time.
    pub created_at: Option<i64>,
    /// Expiry time.
    pub expires_at: Option<i64>,
    /// The challenge the presentation answers.
    pub challenge: Option<String>,
    /// The status list used.
    pub status: Option<StatusFreshness>,
    /// Sequence of the trust list used.
    pub trust_list_sequence: Option<u64>,
    /// When the verification ran.
    pub verified_at: i64,
    /// The verification record for HR systems (JSON, `docs/RECORD.md`; it holds the
    /// presentation and the claims: personal data, to be kept and shared as such).
    pub record_json: String,
}

impl VerificationReport {
    fn of(r: core_ver::VerificationReport, text: &str, lang: Language) -> Result<Self, VerifierError> {
        Ok(Self {
            record_json: core_ver::VerificationRecord::new(&r, text).to_json(),
            verdict: Verdict::of(&r.verdict)?,
            kind: r.kind.clone(),
            verdict_code: r.verdict.code().to_owned(),
            view: r.verdict.view().into(),
            authentic: r.verdict.is_authentic(),
            issuer: r.issuer,
            claims: Claim::all(&r.claims.values, lang),
            not_stated: r.claims.not_stated,
            created_at: r.created_at,
            expires_at: r.expires_at,
            challenge: r.challenge.map(|c| c.to_string()),
            status: r.status,
            trust_list_sequence: r.trust_list_sequence,
            verified_at: r.verified_at,
        })
    }
}

fn anchor(bytes: &[u8]) -> Result<PublicKey, VerifierError> {
    PublicKey::from_bytes(bytes).map_err(|_| VerifierError::BadAnchorKey)
}

/// The verifier: a pinned trust anchor, the held trust and status lists, the challenges it
/// has seen and a bounded history. Opened on a file ([`Verifier::open`]) it remembers them
/// across restarts; [`Verifier::new`] remembers in memory only. Works offline. Safe to share
/// between threads.
#[derive(uniffi::Object)]
pub struct Verifier(core_ver::Verifier);

impl Verifier {
    fn on(store: VerifierStore, anchor_key: &[u8], clock: Arc<dyn CoreClock>) -> Result<Arc<Self>, VerifierError> {
        let v =
            core_ver::Verifier::open(store, anchor(anchor_key)?, VerifierPolicy::default(), clock, Arc::new(OsRandom))?;
        Ok(Arc::new(Self(v)))
    }
}

#[uniffi::export]
impl Verifier {
    /// A verifier pinned to the trust anchor's public key (32 bytes), on the system clock,
    /// remembering in memory only (lost when the object is dropped).
    #[uniffi::constructor]
    pub fn new(anchor_public_key: Vec<u8>) -> Result<Arc<Self>, VerifierError> {
        Self::on(VerifierStore::in_memory()?, &anchor_public_key, Arc::new(SystemClock))
    }

    /// A verifier whose state lives in the file at `path` (created if missing; put it in the
    /// app's no-backup storage): the anchor is pinned there the first time, and the newest
    /// lists, the answered challenges and the history outlive the app. Another anchor than
    /// the pinned one is refused (`AnchorMismatch`): a new anchor needs a new file.
    #[uniffi::constructor]
    pub fn open(path: String, anchor_public_key: Vec<u8>) -> Result<Arc<Self>, VerifierError> {
        Self::on(VerifierStore::open(&path)?, &anchor_public_key, Arc::new(SystemClock))
    }

    /// Number of verifications in the history (bounded; the oldest are dropped).
    pub fn history_size(&self) -> Result<u64, VerifierError> {
        Ok(self.0.summary()?.history)
    }

    /// Install a trust list signed by the anchor (never an older one than held; the same
    /// sequence only with identical bytes).
    pub fn install_trust_list(&self, bytes: Vec<u8>) -> Result<TrustListInfo, VerifierError> {
        Ok(self.0.install_trust_list(&bytes)?.into())
    }

    /// The installed trust list, if any.
    pub fn trust_list_info(&self) -> Option<TrustListInfo> {
        self.0.trust_list_info().map(Into::into)
    }

    /// The status lists held, one per issuer, sorted by issuer id, with their freshness now
    /// (the lists screen shows their age; an empty list when none is held).
    pub fn status_lists(&self) -> Result<Vec<HeldStatusList>, VerifierError> {
        let held = self.0.summary()?.status_lists;
        Ok(held.into_iter().map(|(issuer_id, freshness)| HeldStatusList { issuer_id, freshness }).collect())
    }

    /// Install an issuer's status list (needs the trust list first; never an older one than
    /// held for that issuer; the same `issued_at` only with identical bytes).
    pub fn install_status_list(&self, bytes: Vec<u8>) -> Result<StatusFreshness, VerifierError> {
        Ok(self.0.install_status_list(&bytes)?)
    }

    /// A fresh random 6-digit challenge to show the holder.
    pub fn new_challenge(&self) -> Result<String, VerifierError> {
        Ok(self.0.new_challenge().map_err(|_| VerifierError::Random)?.to_string())
    }

    /// Verify a scanned `QJ1:` string. `expected_challenge` is the challenge this verifier
    /// showed, if any; claims are labelled in `lang`. Any input gives a report, never a crash.
    pub fn verify(
        &self,
        text: String,
        expected_challenge: Option<String>,
        lang: Language,
    ) -> Result<VerificationReport, VerifierError> {
        let challenge =
            expected_challenge.map(|c| Challenge::parse(&c).ok_or(VerifierError::BadChallenge)).transpose()?;
        VerificationReport::of(self.0.verify(&text, challenge), &text, lang)
    }
}

/// Test-only constructors (the `testing` feature; not in a shipped library).
#[cfg(feature = "testing")]
#[uniffi::export]
impl Verifier {
    /// As [`Verifier::new`], with a clock the caller controls (tests).
    #[uniffi::constructor]
    pub fn with_clock(
        anchor_public_key: Vec<u8>,
        clock: Arc<dyn crate::platform::Clock>,
    ) -> Result<Arc<Self>, VerifierError> {
        Self::on(VerifierStore::in_memory()?, &anchor_public_key, Arc::new(crate::platform::ForeignClock(clock)))
    }

    /// As [`Verifier::open`], with a clock the caller controls (tests).
    #[uniffi::constructor]
    pub fn open_with_clock(
        path: String,
        anchor_public_key: Vec<u8>,
        clock: Arc<dyn crate::platform::Clock>,
    ) -> Result<Arc<Self>, VerifierError> {
        Self::on(VerifierStore::open(&path)?, &anchor_public_key, Arc::new(crate::platform::ForeignClock(clock)))
    }
}
