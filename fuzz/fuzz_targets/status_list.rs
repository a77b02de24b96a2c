//! The status (revocation) list: signed (checked against the trust list) and its payload alone.
#![no_main]

use libfuzzer_sys::fuzz_target;
use qujat_core::status::{StatusList, StatusListPayload};
use qujat_fuzz::{fixture, status_payload_round_trip};

fuzz_target!(|data: &[u8]| {
    let f = fixture();
    if let Ok(list) = StatusList::verify(data, &f.trust) {
        status_payload_round_trip(list.payload());
    }
    if let Ok(p) = StatusListPayload::from_cbor(data) {
        status_payload_round_trip(&p);
        let n = p.entries();
        assert_eq!(p.is_revoked(n), None);
        if n > 0 {
            assert!(p.is_revoked(n - 1).is_some());
        }
    }
});
