//! The re-encoding property (`docs/FORMAT.md` §2.1): every decoder of untrusted bytes —
//! credential, bundle, presentation COSE, trust list, status list, and the QJ1 text when the
//! input is UTF-8 — re-encodes whatever it accepts to exactly the bytes it read. A leniency
//! (a second spelling of the same value) is a crash here.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| qujat_fuzz::targets::reencode::run(data));
