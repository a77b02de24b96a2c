//! Qujat's cross-crate integration tests: one binary, many modules.
#![allow(clippy::unwrap_used, missing_docs)]

mod scenarios;
mod tamper;
mod roundtrip;
