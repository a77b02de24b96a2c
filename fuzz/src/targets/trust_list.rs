//! The trust list: signed (checked against the pinned anchor) and its payload alone.

use crate::{fixture, trust_payload_round_trip};
use qujat_core::trust::{TrustList, TrustListPayload};

/// One input: what the fuzz target runs on every input libFuzzer makes.
pub fn run(data: &[u8]) {
    let f = fixture();
    if let Ok(list) = TrustList::verify(data, &f.anchor) {
        trust_payload_round_trip(list.payload());
        let _ = list.check_fresh(qujat_tests::NOW);
    }
    if let Ok(p) = TrustListPayload::from_cbor(data) {
        trust_payload_round_trip(&p);
    }
}
