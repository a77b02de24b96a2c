//! PNG rendering: 8-bit grayscale, black modules on white, with the quiet zone.

use super::{PngError, QrError, QrMatrix};

/// Largest side, in pixels, of a PNG that [`QrMatrix::to_png`] renders (64 MiB of pixels).
pub const MAX_PNG_SIDE: u32 = 8192;

impl QrMatrix {
    /// An 8-bit grayscale PNG of the symbol with a 4-module quiet zone, each module
    /// `module_px × module_px` pixels (0 is treated as 1), dark = 0, light = 255.
    ///
    /// Fails with [`QrError::RenderTooLarge`] past [`MAX_PNG_SIDE`] pixels per side.
    pub fn to_png(&self, module_px: u32) -> Result<Vec<u8>, QrError> {
        let px = usize::try_from(module_px.max(1)).map_err(|_| QrError::RenderTooLarge)?;
        let n = self.width_with_quiet_zone();
        let side = n.checked_mul(px).ok_or(QrError::RenderTooLarge)?;
        let side_u32 = u32::try_from(side).ok().filter(|s| *s <= MAX_PNG_SIDE).ok_or(QrError::RenderTooLarge)?;

        let mut pixels = Vec::with_capacity(side * side);
        let mut row = Vec::with_capacity(side);
        for my in 0..n {
            row.clear();
            for mx in 0..n {
                let luma = if self.is_dark_padded(mx, my) { 0u8 } else { 255u8 };
                row.extend(std::iter::repeat_n(luma, px));
            }
            for _ in 0..px {
                pixels.extend_from_slice(&row);
            }
        }

        let mut out = Vec::new();
        let mut encoder = png::Encoder::new(&mut out, side_u32, side_u32);
        encoder.set_color(png::ColorType::Grayscale);
        encoder.set_depth(png::BitDepth::Eight);
        let encode_failed = |_: png::EncodingError| QrError::Png(PngError::EncodeFailed);
        let mut writer = encoder.write_header().map_err(encode_failed)?;
        writer.write_image_data(&pixels).map_err(encode_failed)?;
        writer.finish().map_err(encode_failed)?;
        Ok(out)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::qr::{Ecc, QUIET_ZONE, encode};

    fn read_gray(png_bytes: &[u8]) -> (u32, u32, png::ColorType, png::BitDepth, Vec<u8>) {
        let decoder = png::Decoder::new(std::io::Cursor::new(png_bytes));
        let mut reader = decoder.read_info().unwrap();
        let mut buf = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut buf).unwrap();
        (info.width, info.height, info.color_type, info.bit_depth, buf)
    }

    #[test]
    fn png_is_8bit_gray_with_quiet_zone_and_exact_modules() {
        let m = encode("HELLO WORLD", Ecc::M).unwrap();
        let px = 3usize;
        let (w, h, color, depth, pixels) = read_gray(&m.to_png(px as u32).unwrap());
        let side = (21 + 2 * QUIET_ZONE) * px;
        assert_eq!((w as usize, h as usize), (side, side));
        assert_eq!((color, depth), (png::ColorType::Grayscale, png::BitDepth::Eight));
        for y in 0..side {
            for x in 0..side {
                let want = if m.is_dark_padded(x / px, y / px) { 0 } else { 255 };
                assert_eq!(pixels[y * side + x], want, "pixel {x},{y}");
            }
        }
        // The quiet zone really is white: the whole first 4 module rows.
        assert!(pixels[..QUIET_ZONE * px * side].iter().all(|p| *p == 255));
    }

    #[test]
    fn zero_module_size_is_one_pixel_and_huge_sizes_are_refused() {
        let m = encode("A", Ecc::L).unwrap();
        let (w, ..) = read_gray(&m.to_png(0).unwrap());
        assert_eq!(w, 29);
        assert_eq!(m.to_png(u32::MAX), Err(QrError::RenderTooLarge));
        // 29 × 282 = 8178 ≤ 8192 < 29 × 283.
        assert!(m.to_png(282).is_ok());
        assert_eq!(m.to_png(283), Err(QrError::RenderTooLarge));
    }
}
