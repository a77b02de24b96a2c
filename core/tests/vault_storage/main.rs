//! File-level tests of the vault: tampering, plaintext in the files, concurrency, and faults
//! (a full disk, a damaged file, a missing or wrong platform key).
//! (One test binary; the crash and lockout harnesses re-exec themselves and live apart.)
#![allow(clippy::unwrap_used, clippy::panic)]

#[path = "../common/mod.rs"]
mod common;

mod concurrency;
mod damaged_file;
mod full_disk;
mod plaintext;
mod platform_key;
mod tamper;
