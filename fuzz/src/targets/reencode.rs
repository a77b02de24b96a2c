//! The re-encoding property (`docs/FORMAT.md` §2.1): every decoder of untrusted bytes —
//! credential, bundle, presentation COSE, trust list, status list, and the QJ1 text when the
//! input is UTF-8 — re-encodes whatever it accepts to exactly the bytes it read. A leniency
//! (a second spelling of the same value) is a crash here.

use qujat_tests::reencode::{check_bytes, check_text};

/// One input: what the fuzz target runs on every input libFuzzer makes.
pub fn run(data: &[u8]) {
    if let Err(e) = check_bytes(data) {
        panic!("{e}");
    }
    if let Ok(text) = std::str::from_utf8(data)
        && let Err(e) = check_text(text)
    {
        panic!("{e}");
    }
}
