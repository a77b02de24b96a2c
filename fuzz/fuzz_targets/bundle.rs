//! The credential bundle the holder imports (a file from the issuer).
//!
//! The sealed vault record that wraps a bundle has its own target once the vault lands.
#![no_main]

use libfuzzer_sys::fuzz_target;
use qujat_core::credential::{ClaimSet, CredentialBundle};
use qujat_fuzz::bundle_round_trip;

fuzz_target!(|data: &[u8]| {
    if let Ok(b) = CredentialBundle::from_bytes(data) {
        bundle_round_trip(&b);
        let _ = b.prove(ClaimSet::all());
        let _ = b.id();
    }
});
