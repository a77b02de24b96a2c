//! The QR reader on untrusted images: a PNG (CLI `--image`, the PDF check, tests) and, from the
//! same bytes, a raw 8-bit luma frame (the web verifier's camera frames). Run with a small
//! `-max_len`.
//!
//! `decode_png` and `decode_luma` guard the reader (`rxing`) with `catch_unwind`. libFuzzer's
//! panic hook aborts on every panic, which would defeat that guard, so this target lets panics
//! raised inside `rxing` unwind to the guard (counting them: each is a finding to report
//! upstream, not a crash of ours) and aborts on any other panic, as usual.

use std::sync::Once;
use std::sync::atomic::{AtomicU64, Ordering};

use qujat_core::qr::{self, DecodeLimits, Ecc, QrError};

static GUARDED: AtomicU64 = AtomicU64::new(0);

fn let_reader_panics_unwind() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let fuzzer_hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let in_reader = info.location().is_some_and(|l| l.file().contains("rxing"));
            if in_reader {
                let n = GUARDED.fetch_add(1, Ordering::Relaxed) + 1;
                if n.is_power_of_two() {
                    eprintln!("qr_png: {n} rxing panic(s) caught by the reader's guard so far");
                }
            } else {
                fuzzer_hook(info);
            }
        }));
    });
}

/// What was read can be written and read again.
fn round_trip(text: &str) {
    let Ok(m) = qr::encode(text, Ecc::M) else { return };
    let png = m.to_png(2).expect("a 2-pixel module PNG is within the render limit");
    assert_eq!(qr::decode_png(&png).as_deref(), Ok(text), "QR round trip changed the text");
}

/// One input: what the fuzz target runs on every input libFuzzer makes.
pub fn run(data: &[u8]) {
    let_reader_panics_unwind();
    if let Ok(text) = qr::decode_png(data) {
        round_trip(&text);
    }
    // The same bytes as a luma frame: the first byte is the width (1–256), the rest the
    // pixels, cut to whole rows; small limits so the size checks are reached too.
    if let Some((&w, pixels)) = data.split_first() {
        let width = usize::from(w) + 1;
        let height = pixels.len() / width;
        let frame = &pixels[..width * height];
        let limits = DecodeLimits { max_side: 200, max_decoded_bytes: 1 << 14 };
        match qr::decode_luma(width as u32, height as u32, frame, limits) {
            Ok(text) => round_trip(&text),
            Err(QrError::FrameSize) => assert_eq!(height, 0, "a whole-row frame was refused"),
            Err(_) => {}
        }
    }
}
