//! The trust list: signed (checked against the pinned anchor) and its payload alone.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| qujat_fuzz::targets::trust_list::run(data));
