//! Camera frames (8-bit luma) → the QR code's text. A small adapter over the reader the core
//! uses for PNG images (`rqrr`); when the core gains `qr::decode_luma` this file goes.

use qujat_core::qr::QrError;

/// Largest accepted frame side in pixels (a 4K camera's width fits).
pub const MAX_FRAME_SIDE: u32 = 4096;

/// Read the QR code in a `width × height` frame of 8-bit luma samples (row by row).
pub fn decode_luma(width: u32, height: u32, luma: &[u8]) -> Result<String, QrError> {
    if width == 0 || height == 0 || width > MAX_FRAME_SIDE || height > MAX_FRAME_SIDE {
        return Err(QrError::ImageTooLarge);
    }
    let (w, h) = (width as usize, height as usize);
    if luma.len() != w * h {
        return Err(QrError::NoQrFound);
    }
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| luma[y * w + x]);
    let grids = image.detect_grids();
    if grids.is_empty() {
        return Err(QrError::NoQrFound);
    }
    let mut failure = QrError::Unreadable;
    for grid in &grids {
        match grid.decode() {
            Ok((_meta, text)) => return Ok(text),
            Err(rqrr::DeQRError::EncodingError) => failure = QrError::NotText,
            Err(_) => {}
        }
    }
    Err(failure)
}
