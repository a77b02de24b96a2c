//! PNG → text: bounded PNG decoding to 8-bit luma, then `rqrr`. The input is untrusted.

use std::io::Cursor;

use png::{BitDepth, ColorType, DecodingError, Transformations};

use super::{PngError, QrError};

/// Bounds on an image given to [`decode_png_with_limits`], checked from the PNG header before
/// any pixel buffer is allocated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DecodeLimits {
    /// Largest accepted width and height, in pixels.
    pub max_side: u32,
    /// Largest accepted decoded frame, in bytes (8-bit samples, all channels).
    pub max_decoded_bytes: usize,
}

impl DecodeLimits {
    /// 4096 × 4096 pixels and 16 MiB decoded: a 4096² grayscale or a 2048² RGBA image.
    pub const DEFAULT: Self = Self { max_side: 4096, max_decoded_bytes: 16 << 20 };
}

impl Default for DecodeLimits {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// Read the text of the QR code in a PNG image, within [`DecodeLimits::DEFAULT`].
///
/// See [`decode_png_with_limits`].
pub fn decode_png(png_bytes: &[u8]) -> Result<String, QrError> {
    decode_png_with_limits(png_bytes, DecodeLimits::DEFAULT)
}

/// Read the text of the QR code in a PNG image (any PNG colour type and bit depth; transparent
/// pixels count as white). With several codes, the first one that decodes wins.
///
/// Never panics on any input: `rqrr` still has reachable assertions on degenerate geometry
/// (upstream issue 54), so detection runs under `catch_unwind` and such a panic is reported as
/// [`QrError::Unreadable`] (the default panic hook still prints it; builds with
/// `panic = "abort"` lose this guard). Time is not bounded beyond the image size.
pub fn decode_png_with_limits(png_bytes: &[u8], limits: DecodeLimits) -> Result<String, QrError> {
    std::panic::catch_unwind(|| {
        let image = read_png(png_bytes, limits)?;
        read_qr(&image)
    })
    .unwrap_or(Err(QrError::Unreadable))
}

/// A decoded frame: 8-bit samples, `channels` per pixel, rows `stride` bytes apart.
struct Frame {
    width: usize,
    height: usize,
    channels: usize,
    stride: usize,
    data: Vec<u8>,
}

impl Frame {
    /// Luma of a pixel, composited over white (0 = black, 255 = white).
    fn luma(&self, x: usize, y: usize) -> u8 {
        let at = y * self.stride + x * self.channels;
        let Some(p) = self.data.get(at..at + self.channels) else {
            return 255;
        };
        let (luma, alpha) = match *p {
            [v] => (u32::from(v), 255),
            [v, a] => (u32::from(v), u32::from(a)),
            [r, g, b] => (rec601(r, g, b), 255),
            [r, g, b, a] => (rec601(r, g, b), u32::from(a)),
            _ => return 255,
        };
        // Over a white background; result ≤ 255.
        ((luma * alpha + 255 * (255 - alpha) + 127) / 255) as u8
    }
}

/// ITU-R BT.601 luma in 8-bit fixed point (weights 77 + 150 + 29 = 256).
fn rec601(r: u8, g: u8, b: u8) -> u32 {
    (77 * u32::from(r) + 150 * u32::from(g) + 29 * u32::from(b) + 128) >> 8
}

fn png_failure(e: DecodingError) -> QrError {
    match e {
        DecodingError::LimitsExceeded => QrError::ImageTooLarge,
        _ => QrError::Png(PngError::Malformed),
    }
}

/// Fewest decoded bytes per pixel a colour type can yield at 8 bits per sample.
fn min_bytes_per_pixel(color: ColorType) -> u64 {
    match color {
        ColorType::Grayscale => 1,
        ColorType::GrayscaleAlpha => 2,
        ColorType::Rgb | ColorType::Indexed => 3,
        ColorType::Rgba => 4,
    }
}

fn read_png(bytes: &[u8], limits: DecodeLimits) -> Result<Frame, QrError> {
    let png_limits = png::Limits { bytes: limits.max_decoded_bytes };
    let mut decoder = png::Decoder::new_with_limits(Cursor::new(bytes), png_limits);
    decoder.set_ignore_text_chunk(true);
    decoder.set_ignore_iccp_chunk(true);

    let header = decoder.read_header_info().map_err(png_failure)?;
    let (w, h) = (header.width, header.height);
    // Saturating: PNG headers may claim up to 2^32 - 1 pixels per side.
    let least = u64::from(w).saturating_mul(u64::from(h)).saturating_mul(min_bytes_per_pixel(header.color_type));
    if w > limits.max_side || h > limits.max_side || least > limits.max_decoded_bytes as u64 {
        return Err(QrError::ImageTooLarge);
    }

    // Palette → RGB(A), gray < 8 bits → 8 bits, tRNS → alpha, 16 bits → 8 bits.
    decoder.set_transformations(Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().map_err(png_failure)?;
    let size = reader.output_buffer_size().ok_or(QrError::ImageTooLarge)?;
    if size > limits.max_decoded_bytes {
        return Err(QrError::ImageTooLarge);
    }
    let channels = match reader.output_color_type() {
        (ColorType::Grayscale, BitDepth::Eight) => 1,
        (ColorType::GrayscaleAlpha, BitDepth::Eight) => 2,
        (ColorType::Rgb, BitDepth::Eight) => 3,
        (ColorType::Rgba, BitDepth::Eight) => 4,
        _ => return Err(QrError::Png(PngError::Malformed)),
    };

    let mut data = vec![0u8; size];
    let info = reader.next_frame(&mut data).map_err(png_failure)?;
    let width = usize::try_from(info.width).map_err(|_| QrError::ImageTooLarge)?;
    let height = usize::try_from(info.height).map_err(|_| QrError::ImageTooLarge)?;
    let needed = info.line_size.checked_mul(height).ok_or(QrError::ImageTooLarge)?;
    if info.line_size < width * channels || needed > data.len() {
        return Err(QrError::Png(PngError::Malformed));
    }
    Ok(Frame { width, height, channels, stride: info.line_size, data })
}

fn read_qr(frame: &Frame) -> Result<String, QrError> {
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(frame.width, frame.height, |x, y| frame.luma(x, y));
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

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests;
