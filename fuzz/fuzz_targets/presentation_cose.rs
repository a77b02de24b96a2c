//! The presentation's COSE bytes (after the transport layers) and its payload alone.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| qujat_fuzz::targets::presentation_cose::run(data));
