//! A scanned string: the verifier's whole path (QJ1 → base45 → zlib → COSE → payload →
//! credential → signatures → disclosures → status), plus the transport round trip.

use crate::{fixture, presentation_payload_round_trip};
use qujat_core::presentation::{Challenge, SignedPresentation, wire};

/// One input: what the fuzz target runs on every input libFuzzer makes.
pub fn run(data: &[u8]) {
    let f = fixture();
    let text = String::from_utf8_lossy(data);
    // Never panics, whatever the text; with and without an expected challenge.
    let _ = f.verifier.verify(&text, None);
    let _ = f.verifier.verify(&text, Challenge::new(123_456));

    if let Ok(cose) = wire::decode(&text) {
        assert!(cose.len() <= wire::MAX_INFLATED, "inflation cap exceeded");
        let again = wire::encode(&cose);
        match wire::decode(&again) {
            Ok(back) => assert_eq!(back, cose, "QJ1 round trip changed the bytes"),
            // Our zlib may compress worse than whoever made the input: then the re-encoding can
            // exceed the QR capacity, and only then.
            Err(wire::WireError::TooLong) => assert!(again.len() > wire::MAX_TEXT_CHARS),
            Err(e) => panic!("re-encoded QJ1 string does not decode: {e}"),
        }
        if let Ok(p) = SignedPresentation::parse(&cose) {
            presentation_payload_round_trip(p.payload());
        }
    }
}
