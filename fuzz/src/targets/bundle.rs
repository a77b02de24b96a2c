//! The credential bundle the holder imports (a file from the issuer).
//!
//! The sealed vault record that wraps a bundle has its own target once the vault lands.

use crate::bundle_round_trip;
use qujat_core::credential::{ClaimSet, CredentialBundle};

/// One input: what the fuzz target runs on every input libFuzzer makes.
pub fn run(data: &[u8]) {
    if let Ok(b) = CredentialBundle::from_bytes(data) {
        bundle_round_trip(&b);
        let _ = b.prove(ClaimSet::all());
        let _ = b.id();
    }
}
