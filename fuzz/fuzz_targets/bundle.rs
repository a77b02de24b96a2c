//! The credential bundle the holder imports (a file from the issuer).
//!
//! The sealed vault record that wraps a bundle has its own target once the vault lands.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| qujat_fuzz::targets::bundle::run(data));
