//! Presentations: what the holder shows. Built and signed on the holder's phone, carried as
//! `QJ1:` + base45(zlib(COSE_Sign1)), valid for a couple of minutes.

pub mod base45;
mod build;
mod challenge;
mod payload;
pub mod wire;

pub use build::{PresentError, PresentationRequest, UnsignedPresentation, prepare, present};
pub use challenge::Challenge;
pub use payload::{MAX_PRESENTATION_BYTES, PresentationFormatError, PresentationPayload, SignedPresentation};

/// Default lifetime of a presentation, seconds.
pub const DEFAULT_TTL_SECS: u32 = 120;
/// Longest lifetime a holder may ask for, seconds.
pub const MAX_TTL_SECS: u32 = 600;

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
}
