//! The issuer's diploma JSON: parse, then JSON → diploma → JSON → diploma gives the same diploma.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| qujat_fuzz::targets::issuer_input_json::run(data));
