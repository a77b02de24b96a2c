//! The QR reader on untrusted images: a PNG (CLI `--image`, the PDF check, tests) and, from the
//! same bytes, a raw 8-bit luma frame (the web verifier's camera frames). Run with a small
//! `-max_len`.
//!
//! `decode_png` and `decode_luma` guard the reader (`rxing`) with `catch_unwind`. libFuzzer's
//! panic hook aborts on every panic, which would defeat that guard, so this target lets panics
//! raised inside `rxing` unwind to the guard (counting them: each is a finding to report
//! upstream, not a crash of ours) and aborts on any other panic, as usual.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| qujat_fuzz::targets::qr_png::run(data));
