//! The trust list: signed (checked against the pinned anchor) and its payload alone.
#![no_main]

use libfuzzer_sys::fuzz_target;
use qujat_core::trust::{TrustList, TrustListPayload};
use qujat_fuzz::{fixture, trust_payload_round_trip};

fuzz_target!(|data: &[u8]| {
    let f = fixture();
    if let Ok(list) = TrustList::verify(data, &f.anchor) {
        trust_payload_round_trip(list.payload());
        let _ = list.check_fresh(qujat_tests::NOW);
    }
    if let Ok(p) = TrustListPayload::from_cbor(data) {
        trust_payload_round_trip(&p);
    }
});
