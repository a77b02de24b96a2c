//! The presentation's COSE bytes (after the transport layers) and its payload alone.

use crate::{credential_round_trip, presentation_payload_round_trip};
use qujat_core::presentation::{PresentationPayload, SignedPresentation};

/// One input: what the fuzz target runs on every input libFuzzer makes.
pub fn run(data: &[u8]) {
    if let Ok(p) = SignedPresentation::parse(data) {
        presentation_payload_round_trip(p.payload());
        credential_round_trip(p.credential());
        let _ = p.verify_holder();
        let _ = p.payload().disclosed_claims();
    }
    if let Ok(p) = PresentationPayload::from_cbor(data) {
        presentation_payload_round_trip(&p);
        let _ = p.leaf_bytes();
        let _ = p.disclosed_claims();
    }
}
