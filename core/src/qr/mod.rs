//! QR output and input for presentation strings (`QJ1:…`, base45 alphabet).
//!
//! * [`encode`] turns text into a [`QrMatrix`] with the smallest QR version that fits. Text in
//!   the base45 alphabet (the QR *alphanumeric* set: `0-9 A-Z space $ % * + - . / :`) is
//!   encoded in alphanumeric mode (5.5 bits per character), never in byte mode.
//! * A [`QrMatrix`] renders itself as SVG, PNG or Unicode half blocks for a terminal, or hands
//!   its modules to an app for native drawing.
//! * `decode_png` and `decode_luma` (feature `qr-image`) read a QR code back from a PNG file or
//!   an 8-bit luma camera frame. Phones use the platform scanner instead; this path serves the
//!   CLI, the web verifier and tests.
//!
//! Encoding is done by the `qrcode` crate and decoding by `rxing` (its port of zxing-cpp's QR
//! reader); this module only chooses
//! segments and versions, scores the masks (the crate's own rules, six times faster, see
//! `mask.rs`), renders, and bounds untrusted input.
//!
//! The matrix carries a presentation (personal data), so its `Debug` is redacted and no error
//! message contains the text or image.

mod encode;
mod error;
mod mask;
mod matrix;
mod png_out;
mod svg;
mod terminal;

#[cfg(test)]
mod testing;

#[cfg(feature = "qr-image")]
mod decode;

#[cfg(feature = "qr-image")]
pub use decode::{DecodeLimits, decode_luma, decode_png, decode_png_with_limits};
pub use encode::{encode, version_for};
pub use error::{PngError, QrError};
pub use matrix::{QUIET_ZONE, QrMatrix};
pub use png_out::MAX_PNG_SIDE;
pub use terminal::TerminalTheme;

/// QR error-correction level: how much of the symbol may be damaged and still be read.
///
/// Ordered from least to most redundancy (`L < M < Q < H`); more redundancy means a larger
/// symbol for the same text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Ecc {
    /// Low: about 7 % of codewords can be restored.
    L,
    /// Medium: about 15 % (the default; a good fit for screens).
    #[default]
    M,
    /// Quartile: about 25 % (printed paper that may be creased or smudged).
    Q,
    /// High: about 30 %.
    H,
}

impl Ecc {
    /// All levels, from least to most redundancy.
    pub const ALL: [Ecc; 4] = [Ecc::L, Ecc::M, Ecc::Q, Ecc::H];

    pub(crate) fn level(self) -> qrcode::EcLevel {
        match self {
            Ecc::L => qrcode::EcLevel::L,
            Ecc::M => qrcode::EcLevel::M,
            Ecc::Q => qrcode::EcLevel::Q,
            Ecc::H => qrcode::EcLevel::H,
        }
    }
}
