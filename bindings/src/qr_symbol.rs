//! [`QrSymbol`]: a QR code of text that may be secret (the authenticator's `otpauth://` URI).

use std::sync::Arc;

use qujat_core::qr::{self, Ecc, QrMatrix};
use qujat_core::secret::SecretString;

use crate::error::QrError;

/// A QR symbol (error correction M) of text that may be secret, such as the authenticator's
/// `otpauth://` URI. An object rather than a record like the presentation's `QrCode`, so that
/// no generated `toString` / `description` prints it; close it once drawn.
#[derive(uniffi::Object)]
pub struct QrSymbol(QrMatrix);

#[uniffi::export]
impl QrSymbol {
    /// Encode `text` in the smallest QR version that holds it.
    #[uniffi::constructor]
    pub fn encode(text: String) -> Result<Arc<Self>, QrError> {
        Ok(Arc::new(Self(qr::encode(SecretString::new(text).expose_secret(), Ecc::M)?)))
    }

    /// Modules per side (without the quiet zone; draw 4 light modules around it).
    pub fn width(&self) -> u32 {
        u32::try_from(self.0.width()).unwrap_or(u32::MAX)
    }

    /// QR version, 1–40.
    pub fn version(&self) -> u8 {
        self.0.version()
    }

    /// One byte per module, row-major: 1 = dark, 0 = light.
    pub fn modules(&self) -> Vec<u8> {
        self.0.modules().iter().map(|&dark| u8::from(dark)).collect()
    }

    /// The symbol as an SVG document (8 px per module), quiet zone included.
    pub fn svg(&self) -> String {
        self.0.to_svg(8)
    }
}
