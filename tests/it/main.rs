//! Qujat's cross-crate integration tests: one binary, many modules.
#![allow(clippy::unwrap_used, missing_docs)]

mod roundtrip;
mod scenarios;
mod tamper;
