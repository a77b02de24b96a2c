//! Presentations: what the holder shows. Built and signed on the holder's phone, carried as
//! `QJ1:` + base45(zlib(COSE_Sign1)): live ones valid for a couple of minutes, document
//! presentations (printed or e-mailed copies, bound to an audience) for up to 90 days.

pub mod base45;
mod build;
mod challenge;
mod payload;
pub mod wire;

pub use build::{
    DocumentRequest, PresentError, PresentationRequest, UnsignedPresentation, build_document, prepare,
    prepare_document, present,
};
pub use challenge::Challenge;
pub use payload::{
    AudienceError, MAX_AUDIENCE_BYTES, MAX_PRESENTATION_BYTES, PresentationFormatError, PresentationPayload,
    SignedPresentation, check_audience, document_lifetime_ok,
};

/// Default lifetime of a presentation, seconds.
pub const DEFAULT_TTL_SECS: u32 = 120;
/// Longest lifetime a holder may ask for, seconds.
pub const MAX_TTL_SECS: u32 = 600;
/// Default validity of a document presentation, days.
pub const DEFAULT_DOCUMENT_DAYS: u32 = 30;
/// Longest validity of a document presentation, days.
pub const MAX_DOCUMENT_DAYS: u32 = 90;
/// Seconds in a day (a document's lifetime is whole days).
pub const SECS_PER_DAY: u32 = 86_400;

/// A presentation ready to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Presentation {
    /// The `QJ1:` string (what the QR code holds).
    pub text: String,
    /// Creation time.
    pub created_at: crate::platform::UnixTime,
    /// Expiry time.
    pub expires_at: crate::platform::UnixTime,
    /// The claims disclosed.
    pub claims: crate::credential::ClaimSet,
    /// The verifier's challenge it answers, if any.
    pub challenge: Option<Challenge>,
    /// For a document presentation, who it is for (`None`: a live presentation).
    pub audience: Option<String>,
}
