use proptest::prelude::*;

use super::*;
use crate::qr::testing::{BASE45_ALPHABET, presentation_like};
use crate::qr::{Ecc, QUIET_ZONE, QrMatrix, encode};

/// Encode raw samples as a PNG of the given format (optionally with palette and tRNS).
fn png_of(
    w: u32,
    h: u32,
    color: ColorType,
    depth: BitDepth,
    data: &[u8],
    palette: Option<Vec<u8>>,
    trns: Option<Vec<u8>>,
) -> Vec<u8> {
    let mut out = Vec::new();
    let mut enc = png::Encoder::new(&mut out, w, h);
    enc.set_color(color);
    enc.set_depth(depth);
    if let Some(p) = palette {
        enc.set_palette(p);
    }
    if let Some(t) = trns {
        enc.set_trns(t);
    }
    let mut writer = enc.write_header().unwrap();
    writer.write_image_data(data).unwrap();
    writer.finish().unwrap();
    out
}

/// Dark flags of a matrix rendered at `px` pixels per module, quiet zone included.
fn dark_pixels(m: &QrMatrix, px: usize) -> (u32, Vec<bool>) {
    let side = m.width_with_quiet_zone() * px;
    let mut dark = Vec::with_capacity(side * side);
    for y in 0..side {
        for x in 0..side {
            dark.push(m.is_dark_padded(x / px, y / px));
        }
    }
    (side as u32, dark)
}

fn round_trip(text: &str, ecc: Ecc, px: u32) {
    let m = encode(text, ecc).unwrap();
    let png_bytes = m.to_png(px).unwrap();
    assert_eq!(decode_png(&png_bytes).as_deref(), Ok(text), "v{} {ecc:?}", m.version());
}

#[test]
fn round_trips_through_png() {
    round_trip("HELLO WORLD", Ecc::M, 4);
    round_trip("QJ1:6BFOXN*TS0BI$ZD.8%UJ/-+ :", Ecc::L, 3);
    round_trip("lower case and ünïcödé, 日本語 あ、", Ecc::Q, 4);
    round_trip(&"あいうえおかきくけこ".repeat(4), Ecc::M, 4);
    round_trip(&format!("QJ1:{}", "A1234567B".repeat(30)), Ecc::M, 3);
    for ecc in Ecc::ALL {
        round_trip(&presentation_like(600), ecc, 3);
    }
    round_trip(&presentation_like(650), Ecc::M, 2);
}

#[test]
fn every_png_format_is_read() {
    let m = encode(&presentation_like(120), Ecc::M).unwrap();
    let want = presentation_like(120);
    let (side, dark) = dark_pixels(&m, 4);
    let pick = |d: bool, on: u8, off: u8| if d { on } else { off };

    let gray8: Vec<u8> = dark.iter().map(|d| pick(*d, 0, 255)).collect();
    let gray16: Vec<u8> = dark.iter().flat_map(|d| [pick(*d, 0x00, 0xff), pick(*d, 0x12, 0xff)]).collect();
    let gray_alpha: Vec<u8> = dark.iter().flat_map(|d| [pick(*d, 0, 255), 255]).collect();
    // Dark navy on pale yellow.
    let rgb: Vec<u8> = dark.iter().flat_map(|d| if *d { [10, 20, 80] } else { [250, 250, 200] }).collect();
    // Black modules on a fully transparent background: transparency counts as white.
    let rgba: Vec<u8> = dark.iter().flat_map(|d| if *d { [0, 0, 0, 255] } else { [0, 0, 0, 0] }).collect();
    let rgba16: Vec<u8> = rgba.iter().flat_map(|v| [*v, *v]).collect();
    let indexed: Vec<u8> = dark.iter().map(|d| u8::from(!*d)).collect();
    // 1-bit grayscale: 8 pixels per byte, rows padded to whole bytes.
    let mut gray1 = Vec::new();
    for row in dark.chunks(side as usize) {
        for byte in row.chunks(8) {
            let mut b = 0u8;
            for (i, d) in byte.iter().enumerate() {
                if !*d {
                    b |= 0x80 >> i;
                }
            }
            gray1.push(b);
        }
    }

    let cases = [
        ("gray8", png_of(side, side, ColorType::Grayscale, BitDepth::Eight, &gray8, None, None)),
        ("gray16", png_of(side, side, ColorType::Grayscale, BitDepth::Sixteen, &gray16, None, None)),
        ("gray1", png_of(side, side, ColorType::Grayscale, BitDepth::One, &gray1, None, None)),
        ("gray+alpha", png_of(side, side, ColorType::GrayscaleAlpha, BitDepth::Eight, &gray_alpha, None, None)),
        ("rgb", png_of(side, side, ColorType::Rgb, BitDepth::Eight, &rgb, None, None)),
        ("rgba", png_of(side, side, ColorType::Rgba, BitDepth::Eight, &rgba, None, None)),
        ("rgba16", png_of(side, side, ColorType::Rgba, BitDepth::Sixteen, &rgba16, None, None)),
        (
            "palette",
            png_of(side, side, ColorType::Indexed, BitDepth::Eight, &indexed, Some(vec![0, 0, 0, 255, 255, 255]), None),
        ),
        (
            "palette+tRNS",
            // Entry 1 (light) is fully transparent.
            png_of(
                side,
                side,
                ColorType::Indexed,
                BitDepth::Eight,
                &indexed,
                Some(vec![0, 0, 0, 9, 9, 9]),
                Some(vec![255, 0]),
            ),
        ),
    ];
    for (name, bytes) in cases {
        assert_eq!(decode_png(&bytes).as_deref(), Ok(want.as_str()), "{name}");
    }
}

#[test]
fn garbage_is_a_typed_error() {
    assert_eq!(decode_png(b""), Err(QrError::Png(PngError::Malformed)));
    assert_eq!(decode_png(b"definitely not a PNG"), Err(QrError::Png(PngError::Malformed)));
    let good = encode("QJ1:TRUNCATE", Ecc::M).unwrap().to_png(4).unwrap();
    for cut in [8, 20, 33, good.len() / 2, good.len() - 13] {
        assert_eq!(decode_png(&good[..cut]), Err(QrError::Png(PngError::Malformed)), "cut at {cut}");
    }
    let mut flipped = good.clone();
    let mid = flipped.len() / 2;
    flipped[mid] ^= 0x55; // inside IDAT: the CRC no longer matches
    assert_eq!(decode_png(&flipped), Err(QrError::Png(PngError::Malformed)));
}

#[test]
fn an_image_without_a_code_is_no_qr_found() {
    let white = vec![255u8; 200 * 120];
    let png_bytes = png_of(200, 120, ColorType::Grayscale, BitDepth::Eight, &white, None, None);
    assert_eq!(decode_png(&png_bytes), Err(QrError::NoQrFound));
    let stripes: Vec<u8> = (0..200 * 120).map(|i| if (i / 7) % 2 == 0 { 0 } else { 255 }).collect();
    let png_bytes = png_of(200, 120, ColorType::Grayscale, BitDepth::Eight, &stripes, None, None);
    assert_eq!(decode_png(&png_bytes), Err(QrError::NoQrFound));
}

/// Just the signature, IHDR and IEND (valid CRCs), no pixel data.
fn header_only(w: u32, h: u32, color: ColorType) -> Vec<u8> {
    let mut out = Vec::new();
    let mut enc = png::Encoder::new(&mut out, w, h);
    enc.set_color(color);
    enc.set_depth(BitDepth::Eight);
    drop(enc.write_header().unwrap());
    out
}

#[test]
fn huge_images_are_refused_before_allocation() {
    // 2^31 - 1 squared would be 4.6 EB of pixels.
    let max = i32::MAX as u32;
    assert_eq!(decode_png(&header_only(max, max, ColorType::Rgba)), Err(QrError::ImageTooLarge));
    assert_eq!(decode_png(&header_only(100_000, 10, ColorType::Grayscale)), Err(QrError::ImageTooLarge));
    assert_eq!(decode_png(&header_only(10, 4097, ColorType::Grayscale)), Err(QrError::ImageTooLarge));
    // Within 4096 per side, but 64 MiB of RGBA is over 16 MiB decoded.
    assert_eq!(decode_png(&header_only(4096, 4096, ColorType::Rgba)), Err(QrError::ImageTooLarge));
    // Allowed by size, then the missing pixel data is a format error.
    assert_eq!(decode_png(&header_only(4096, 4096, ColorType::Grayscale)), Err(QrError::Png(PngError::Malformed)));
}

#[test]
fn header_sides_near_u32_max_do_not_overflow() {
    // Regression (found by the qr_png fuzz target): width 2^32 - 1 × height 2^32 - 60 × 2 bytes
    // per pixel overflowed u64 in the size check: a panic with overflow checks on (caught by the
    // guard and misreported as Unreadable), a wrapped product without. Signature, the fuzzer's
    // IHDR (gray + alpha, 8 bits; CRC fixed: the png crate skips CRCs when built for fuzzing), IEND.
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend_from_slice(b"\0\0\0\x0dIHDR\xff\xff\xff\xff\xff\xff\xff\xc4\x08\x04\0\0\0\x16\x42\x11\xdb");
    png.extend_from_slice(b"\0\0\0\0IEND\xae\x42\x60\x82");
    assert_eq!(decode_png(&png), Err(QrError::ImageTooLarge));
    // Without side limits the saturated product is still over any byte limit below u64::MAX.
    let no_side_limit = DecodeLimits { max_side: u32::MAX, ..DecodeLimits::DEFAULT };
    assert_eq!(decode_png_with_limits(&png, no_side_limit), Err(QrError::ImageTooLarge));
}

#[test]
fn custom_limits_are_inclusive() {
    let limits = DecodeLimits { max_side: 64, max_decoded_bytes: 64 * 64 };
    let gray =
        |w: u32, h: u32| png_of(w, h, ColorType::Grayscale, BitDepth::Eight, &vec![255; (w * h) as usize], None, None);
    assert_eq!(decode_png_with_limits(&gray(64, 64), limits), Err(QrError::NoQrFound));
    assert_eq!(decode_png_with_limits(&gray(65, 10), limits), Err(QrError::ImageTooLarge));
    let rgb = png_of(64, 64, ColorType::Rgb, BitDepth::Eight, &[255; 64 * 64 * 3], None, None);
    assert_eq!(decode_png_with_limits(&rgb, limits), Err(QrError::ImageTooLarge));
    // A palette image is small on disk but expands to RGB: judged by its decoded size.
    let pal = png_of(64, 64, ColorType::Indexed, BitDepth::Eight, &[0; 64 * 64], Some(vec![255, 255, 255]), None);
    assert_eq!(decode_png_with_limits(&pal, limits), Err(QrError::ImageTooLarge));
    assert_eq!(DecodeLimits::default(), DecodeLimits { max_side: 4096, max_decoded_bytes: 16 * 1024 * 1024 });
}

#[test]
fn a_damaged_code_is_unreadable() {
    let m = encode("HELLO WORLD", Ecc::M).unwrap();
    let w = m.width();
    // Invert the data columns between the finder patterns, far beyond what ECC M repairs.
    let modules: Vec<bool> = (0..w * w)
        .map(|i| {
            let (x, y) = (i % w, i / w);
            m.modules()[i] ^ ((9..w - 8).contains(&x) && y >= 9)
        })
        .collect();
    let damaged = QrMatrix::new(w, modules, 1, Ecc::M).unwrap();
    assert_eq!(decode_png(&damaged.to_png(4).unwrap()), Err(QrError::Unreadable));
}

#[test]
fn bytes_that_are_not_utf8_are_not_text() {
    let code = qrcode::QrCode::with_error_correction_level(b"\xff\xfe QJ1 \xc3", qrcode::EcLevel::M).unwrap();
    let width = code.width();
    let modules = code.to_colors().into_iter().map(|c| c == qrcode::Color::Dark).collect();
    let m = QrMatrix::new(width, modules, 1, Ecc::M).unwrap();
    assert_eq!(decode_png(&m.to_png(4).unwrap()), Err(QrError::NotText));
}

#[test]
fn a_code_cropped_to_its_quiet_zone_still_reads() {
    let m = encode("QJ1:CROPPED", Ecc::M).unwrap();
    let px = 4usize;
    let (side, dark) = dark_pixels(&m, px);
    // Keep one module of margin out of four.
    let keep = (QUIET_ZONE - 1) * px;
    let inner = side as usize - 2 * keep;
    let mut gray = Vec::with_capacity(inner * inner);
    for y in keep..keep + inner {
        for x in keep..keep + inner {
            gray.push(if dark[y * side as usize + x] { 0 } else { 255 });
        }
    }
    let png_bytes = png_of(inner as u32, inner as u32, ColorType::Grayscale, BitDepth::Eight, &gray, None, None);
    assert_eq!(decode_png(&png_bytes).as_deref(), Ok("QJ1:CROPPED"));
}

/// A luma frame of the matrix at `px` pixels per module, offset in a larger white frame.
fn luma_frame(m: &QrMatrix, px: usize, w: usize, h: usize) -> Vec<u8> {
    let (side, dark) = dark_pixels(m, px);
    let side = side as usize;
    let mut luma = vec![255u8; w * h];
    for y in 0..side {
        for x in 0..side {
            if dark[y * side + x] {
                luma[(y + 7) * w + x + 13] = 0;
            }
        }
    }
    luma
}

#[test]
fn luma_frames_are_read() {
    let text = presentation_like(600);
    let m = encode(&text, Ecc::M).unwrap();
    let (w, h) = (400, 300);
    let luma = luma_frame(&m, 3, w, h);
    assert_eq!(decode_luma(w as u32, h as u32, &luma, DecodeLimits::DEFAULT).as_deref(), Ok(text.as_str()));
    let white = vec![255u8; w * h];
    assert_eq!(decode_luma(w as u32, h as u32, &white, DecodeLimits::DEFAULT), Err(QrError::NoQrFound));
}

#[test]
fn the_reader_reads_utf8_and_refuses_other_bytes() {
    let text = "lower case and ünïcödé, 日本語 あ、QJ1:";
    let m = encode(text, Ecc::Q).unwrap();
    let (w, h) = (300, 260);
    let luma = luma_frame(&m, 3, w, h);
    assert_eq!(read_rxing(w, h, &luma).as_deref(), Ok(text));

    let code = qrcode::QrCode::with_error_correction_level(b"\xff\xfe QJ1 \xc3", qrcode::EcLevel::M).unwrap();
    let modules = code.to_colors().into_iter().map(|c| c == qrcode::Color::Dark).collect();
    let m = QrMatrix::new(code.width(), modules, 1, Ecc::M).unwrap();
    let luma = luma_frame(&m, 3, w, h);
    assert_eq!(read_rxing(w, h, &luma), Err(Failure::NotText));
    let white = vec![255u8; w * h];
    assert_eq!(read_rxing(w, h, &white), Err(Failure::NoQrFound));
}

#[test]
fn luma_frames_of_the_wrong_size_are_refused() {
    let limits = DecodeLimits { max_side: 64, max_decoded_bytes: 64 * 32 };
    let frame = vec![255u8; 64 * 32];
    assert_eq!(decode_luma(64, 32, &frame, limits), Err(QrError::NoQrFound));
    assert_eq!(decode_luma(32, 64, &frame, limits), Err(QrError::NoQrFound));
    assert_eq!(decode_luma(64, 31, &frame, limits), Err(QrError::FrameSize));
    assert_eq!(decode_luma(64, 33, &frame[..64 * 31], limits), Err(QrError::FrameSize));
    assert_eq!(decode_luma(0, 0, &[], limits), Err(QrError::FrameSize));
    assert_eq!(decode_luma(0, 32, &[], limits), Err(QrError::FrameSize));
    assert_eq!(decode_luma(65, 1, &frame[..65], limits), Err(QrError::ImageTooLarge));
    assert_eq!(decode_luma(1, 65, &frame[..65], limits), Err(QrError::ImageTooLarge));
    assert_eq!(decode_luma(64, 33, &[255; 64 * 33], limits), Err(QrError::ImageTooLarge));
    // Sides whose product overflows a 32-bit usize are a size mismatch, never a wrap.
    let wide = DecodeLimits { max_side: u32::MAX, max_decoded_bytes: usize::MAX };
    assert_eq!(decode_luma(u32::MAX, u32::MAX, &frame, wide), Err(QrError::FrameSize));
}

fn alphanumeric() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(BASE45_ALPHABET.to_vec()), 1..700)
        .prop_map(|bytes| bytes.into_iter().map(char::from).collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..4096)) {
        let _ = decode_png(&bytes);
        let mut signed = b"\x89PNG\r\n\x1a\n".to_vec();
        signed.extend_from_slice(&bytes);
        let _ = decode_png(&signed);
    }

    #[test]
    fn random_luma_frames_never_panic(w in 1u32..128, h in 1u32..128, seed in any::<u64>()) {
        let mut state = seed | 1;
        let luma: Vec<u8> = (0..w * h)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                (state >> 24) as u8
            })
            .collect();
        // A well-sized frame always reaches the readers: never a size error, never a panic.
        let r = decode_luma(w, h, &luma, DecodeLimits::DEFAULT);
        prop_assert!(!matches!(r, Err(QrError::FrameSize | QrError::ImageTooLarge)));
    }

    #[test]
    fn random_pixels_never_panic(w in 1u32..96, h in 1u32..96, seed in any::<u64>(), blocky in 1u32..6) {
        // Coarse random blocks look more like modules and reach deeper into rqrr.
        let mut state = seed | 1;
        let mut cells = Vec::new();
        for _ in 0..(w * h) {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            cells.push(if state % 2 == 0 { 0u8 } else { 255 });
        }
        let px: Vec<u8> = (0..w * h).map(|i| {
            let (x, y) = (i % w / blocky, i / w / blocky);
            cells[(y * w + x) as usize % cells.len()]
        }).collect();
        let _ = decode_png(&png_of(w, h, ColorType::Grayscale, BitDepth::Eight, &px, None, None));
    }

    #[test]
    fn random_alphanumeric_round_trips(text in alphanumeric(), level in 0usize..4, px in 2u32..5) {
        let ecc = Ecc::ALL[level];
        let m = encode(&text, ecc).unwrap();
        prop_assert_eq!(decode_png(&m.to_png(px).unwrap()), Ok(text));
    }
}
