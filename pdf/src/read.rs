//! Reading the barcode back from a PDF (`qujat verify --pdf`; feature `read`, not in the phone
//! library). Untrusted input: the file, the number of pages and images, each image's size and
//! its decompressed stream are all bounded, and every failure is a typed [`ReadError`].
//!
//! What it reads: image XObjects on the pages (8-bit grey or RGB, Flate-compressed or raw),
//! as [`crate::render`] draws the barcode (one pixel per module). Each is scaled up with a
//! white quiet zone and handed to the core's QR reader. A barcode drawn as vector paths, or a
//! scanned page, is not read: a print or photo goes through `qujat verify --image`.

use qujat_core::qr;

/// Largest PDF file read (a Qujat PDF is about 40 KB).
pub const MAX_PDF_BYTES: usize = 8 << 20;
/// Pages looked at.
pub const MAX_PAGES: usize = 16;
/// Images looked at, over all pages.
pub const MAX_IMAGES: usize = 64;
/// Largest image side, in pixels (a QR code at one pixel per module is at most 185).
pub const MAX_IMAGE_SIDE: i64 = 2048;

/// Why no barcode could be read from a PDF.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ReadError {
    /// Larger than [`MAX_PDF_BYTES`].
    #[error("the PDF is larger than {} MiB", MAX_PDF_BYTES >> 20)]
    TooLarge,
    /// Not a PDF, or damaged (truncated, broken cross-reference, encrypted…).
    #[error("not a readable PDF file (damaged, truncated or encrypted)")]
    NotPdf,
    /// An image larger than [`MAX_IMAGE_SIDE`] or a stream that inflates beyond its size.
    #[error("the PDF holds an image too large to read (over {MAX_IMAGE_SIDE} pixels a side)")]
    ImageTooLarge,
    /// No image on the first pages decodes as a QR code.
    #[error("no barcode found in the PDF (a print or photo: use --image)")]
    NoBarcode,
}

/// The text of the first QR code found in the PDF's images.
pub fn read_barcode(pdf: &[u8]) -> Result<String, ReadError> {
    if pdf.len() > MAX_PDF_BYTES {
        return Err(ReadError::TooLarge);
    }
    if !pdf.starts_with(b"%PDF-") {
        return Err(ReadError::NotPdf);
    }
    let doc = lopdf::Document::load_mem(pdf).map_err(|_| ReadError::NotPdf)?;
    let mut seen = 0;
    let mut too_large = false;
    for page in doc.get_pages().into_values().take(MAX_PAGES) {
        let Ok(images) = doc.get_page_images(page) else { continue };
        for image in images {
            seen += 1;
            if seen > MAX_IMAGES {
                return Err(ReadError::NoBarcode);
            }
            match grey_pixels(&doc, &image) {
                Ok(Some((w, h, px))) => {
                    if let Some(text) = decode(w, h, &px) {
                        return Ok(text);
                    }
                }
                Ok(None) => {}
                Err(ReadError::ImageTooLarge) => too_large = true,
                Err(e) => return Err(e),
            }
        }
    }
    Err(if too_large { ReadError::ImageTooLarge } else { ReadError::NoBarcode })
}

/// The image as 8-bit grey, or `None` for a kind this reader skips.
fn grey_pixels(
    doc: &lopdf::Document,
    image: &lopdf::xobject::PdfImage<'_>,
) -> Result<Option<(usize, usize, Vec<u8>)>, ReadError> {
    if !(1..=MAX_IMAGE_SIDE).contains(&image.width) || !(1..=MAX_IMAGE_SIDE).contains(&image.height) {
        return Err(ReadError::ImageTooLarge);
    }
    let (w, h) = (image.width as usize, image.height as usize);
    let channels = match image.color_space.as_deref() {
        Some("DeviceGray" | "CalGray") => 1,
        Some("DeviceRGB" | "CalRGB") => 3,
        Some("ICCBased") => match doc.get_object(image.id).ok().and_then(|o| o.as_stream().ok()).and_then(|s| {
            let cs = s.dict.get(b"ColorSpace").ok()?.as_array().ok()?;
            let profile = doc.get_object(cs.get(1)?.as_reference().ok()?).ok()?.as_stream().ok()?;
            profile.dict.get(b"N").ok()?.as_i64().ok()
        }) {
            Some(1) => 1,
            Some(3) => 3,
            _ => return Ok(None),
        },
        _ => return Ok(None),
    };
    if image.bits_per_component != Some(8) {
        return Ok(None);
    }
    let want = w * h * channels;
    let filters = image.filters.clone().unwrap_or_default();
    let raw = match filters.as_slice() {
        [] => image.content.to_vec(),
        [f] if f == "FlateDecode" => {
            let stream = doc.get_object(image.id).and_then(|o| o.as_stream()).map_err(|_| ReadError::NotPdf)?;
            // One byte more than needed: an inflated stream longer than the image is refused.
            match stream.decompressed_content_with_limit(want + 1) {
                Ok(d) if d.len() <= want => d,
                Ok(_) => return Err(ReadError::ImageTooLarge),
                Err(lopdf::Error::Decompress(_)) | Err(_) => return Ok(None),
            }
        }
        _ => return Ok(None),
    };
    if raw.len() < want {
        return Ok(None);
    }
    let px = raw
        .chunks_exact(channels)
        .take(w * h)
        .map(|c| (c.iter().map(|v| u32::from(*v)).sum::<u32>() / channels as u32) as u8)
        .collect();
    Ok(Some((w, h, px)))
}

/// Scale a small image up (nearest neighbour, to about 600 px) inside a white border and run
/// the core's QR reader on it as a luma frame.
fn decode(w: usize, h: usize, px: &[u8]) -> Option<String> {
    let scale = (600 / w.max(h)).clamp(1, 8);
    let border = 4 * scale;
    let (sw, sh) = (w * scale + 2 * border, h * scale + 2 * border);
    let mut out = vec![255u8; sw * sh];
    for y in 0..h * scale {
        for x in 0..w * scale {
            out[(y + border) * sw + x + border] = px[(y / scale) * w + x / scale];
        }
    }
    let (sw, sh) = (u32::try_from(sw).ok()?, u32::try_from(sh).ok()?);
    qr::decode_luma(sw, sh, &out, qr::DecodeLimits::DEFAULT).ok()
}
