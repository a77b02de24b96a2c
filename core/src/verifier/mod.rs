//! The employer's side: decode a scanned string, check both signatures, the disclosures,
//! freshness, the challenge and revocation, and say what it found.

mod check;
mod error;
mod record;
mod report;
#[cfg(feature = "store")]
mod state;
#[cfg(feature = "store")]
pub mod store;
mod verdict_view;

use sha2::{Digest, Sha256};

pub use check::HeldLists;

pub use error::{InstallError, StoreError};
pub use record::{
    RECORD_VERSION, RecordClaim, RecordIssuer, RecordReason, RecordText, RecordTimes, RecordValue, VerificationRecord,
    parse_time, rfc3339,
};
pub use report::{IssuerInfo, MalformedReason, PresentationKind, StatusFreshness, Verdict, VerificationReport};
#[cfg(feature = "store")]
pub use state::Verifier;
#[cfg(feature = "store")]
pub use store::VerifierStore;
#[cfg(feature = "store")]
pub use store::history::HistoryEntry;
pub use verdict_view::{NextStep, Severity, VerdictView};

use crate::keys::PublicKey;
use crate::platform::UnixTime;
use crate::presentation::MAX_TTL_SECS;
use crate::trust::TrustList;

/// Rows kept by default.
pub const DEFAULT_HISTORY_LIMIT: u32 = 10_000;

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
    pub fn challenge_horizon(&self) -> i64 {
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
