//! A scanned string: the verifier's whole path (QJ1 → base45 → zlib → COSE → payload →
//! credential → signatures → disclosures → status), plus the transport round trip.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| qujat_fuzz::targets::qj1_string::run(data));
