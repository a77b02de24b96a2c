//! Qujat's cross-crate integration tests: one binary, many modules.
#![allow(clippy::unwrap_used, clippy::panic, missing_docs)]

mod backup;
mod capture;
mod document;
#[cfg(feature = "ffi-testing")]
mod ffi_status_lists;
mod format_doc;
mod limits;
mod negative_vectors;
mod pdf;
mod reencode;
mod roundtrip;
mod scenarios;
mod tamper;
mod verifier_state;
mod wallet;
