//! The status (revocation) list: signed (checked against the trust list) and its payload alone.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| qujat_fuzz::targets::status_list::run(data));
