//! Camera frames (8-bit luma) → the QR code's text, through the core's reader
//! (`qr::decode_luma`, rxing's port of zxing-cpp), with the frame limits of the page.

use qujat_core::qr::{self, DecodeLimits, QrError};

/// Largest accepted frame side in pixels (a 4K camera's width fits).
pub const MAX_FRAME_SIDE: u32 = 4096;

/// Read the QR code in a `width × height` frame of 8-bit luma samples (row by row).
pub fn decode_luma(width: u32, height: u32, luma: &[u8]) -> Result<String, QrError> {
    let limits = DecodeLimits { max_side: MAX_FRAME_SIDE, ..DecodeLimits::DEFAULT };
    qr::decode_luma(width, height, luma, limits)
}
