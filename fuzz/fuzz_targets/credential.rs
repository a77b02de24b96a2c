//! The issuer-signed credential (COSE) and its payload alone.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| qujat_fuzz::targets::credential::run(data));
