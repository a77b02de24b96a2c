//! The status (revocation) list: signed (checked against the trust list) and its payload alone.

use crate::{fixture, status_payload_round_trip};
use qujat_core::status::{StatusList, StatusListPayload};

/// One input: what the fuzz target runs on every input libFuzzer makes.
pub fn run(data: &[u8]) {
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
}
