//! The issuer-signed credential (COSE) and its payload alone.

use crate::{credential_payload_round_trip, credential_round_trip, fixture};
use qujat_core::credential::{Credential, CredentialPayload};

/// One input: what the fuzz target runs on every input libFuzzer makes.
pub fn run(data: &[u8]) {
    if let Ok(c) = Credential::parse(data) {
        credential_round_trip(&c);
        // Try the accredited keys, as the verifier does.
        for issuer in &fixture().trust.issuers {
            for k in &issuer.keys {
                let _ = c.verify_issuer(&k.key);
            }
        }
    }
    if let Ok(p) = CredentialPayload::from_cbor(data) {
        credential_payload_round_trip(&p);
    }
}
