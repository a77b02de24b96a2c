//! What the holder shows: [`PresentationRequest`] in, [`Presentation`] with its [`QrCode`] out.

use qujat_core::presentation::{self as core_pres, Challenge};
use qujat_core::qr::{self, Ecc};

use crate::error::WalletError;
use crate::types::{ClaimId, claim_ids, claim_set};

/// What the holder chooses to show.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PresentationRequest {
    /// Claims to disclose (see `default_presentation_claims`).
    pub claims: Vec<ClaimId>,
    /// The verifier's 6-digit challenge, if one was shown.
    #[uniffi(default = None)]
    pub challenge: Option<String>,
    /// Lifetime in seconds, 1–600.
    #[uniffi(default = 120)]
    pub ttl_secs: u32,
}

/// A QR symbol: `width × width` modules, row-major, plus a ready SVG.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct QrCode {
    /// Modules per side (without the quiet zone; draw 4 light modules around it).
    pub width: u32,
    /// QR version, 1–40.
    pub version: u8,
    /// One byte per module, row-major: 1 = dark, 0 = light.
    pub modules: Vec<u8>,
    /// The symbol as an SVG document, quiet zone included.
    pub svg: String,
}

impl QrCode {
    /// The QR code of `text` (error correction M).
    pub(crate) fn of(text: &str) -> Result<Self, WalletError> {
        let m = qr::encode(text, Ecc::M).map_err(|_| WalletError::QrEncoding)?;
        Ok(Self {
            width: u32::try_from(m.width()).map_err(|_| WalletError::QrEncoding)?,
            version: m.version(),
            modules: m.modules().iter().map(|&dark| u8::from(dark)).collect(),
            svg: m.to_svg(8),
        })
    }
}

/// A presentation ready to show. Personal data (the disclosed claims): show, never log.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Presentation {
    /// The `QJ1:` string the QR code holds.
    pub text: String,
    /// The QR code of `text` (error correction M).
    pub qr: QrCode,
    /// Creation time (Unix seconds).
    pub created_at: i64,
    /// Expiry time: hide the QR code after this.
    pub expires_at: i64,
    /// The claims disclosed.
    pub claims: Vec<ClaimId>,
    /// The challenge it answers.
    pub challenge: Option<String>,
}

impl Presentation {
    pub(crate) fn of(p: core_pres::Presentation) -> Result<Self, WalletError> {
        let qr = QrCode::of(&p.text)?;
        let (claims, challenge) = (claim_ids(p.claims), p.challenge.map(|c| c.to_string()));
        Ok(Self { text: p.text, qr, created_at: p.created_at, expires_at: p.expires_at, claims, challenge })
    }
}

impl PresentationRequest {
    /// The core's request: the claim set and a parsed challenge.
    pub(crate) fn to_core(&self) -> Result<core_pres::PresentationRequest, WalletError> {
        let challenge = match &self.challenge {
            Some(c) => Some(Challenge::parse(c).ok_or(WalletError::BadChallenge)?),
            None => None,
        };
        Ok(core_pres::PresentationRequest { claims: claim_set(&self.claims), challenge, ttl_secs: self.ttl_secs })
    }
}
