//! Write the committed seed corpora to `fuzz/seeds/<target>/` from the fuzz world, so seeded
//! presentations verify as valid in the targets' verifier and the fuzzer starts deep.
//!
//! `cargo run --manifest-path fuzz/Cargo.toml --example seeds` (or `scripts/fuzz.sh --seeds`).
#![allow(clippy::unwrap_used, missing_docs)]

use std::path::PathBuf;

use qujat_core::credential::ClaimSet;
use qujat_core::presentation::{Challenge, SignedPresentation, wire};
use qujat_core::qr::{self, Ecc};
use qujat_core::status::StatusListPayload;
use qujat_core::trust::TrustListPayload;
use qujat_core::verifier::Verdict;
use qujat_tests::{DAY, FIXTURES, NOW};

fn write(target: &str, name: &str, bytes: &[u8]) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds").join(target);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(name), bytes).unwrap();
    println!("{target}/{name}: {} bytes", bytes.len());
}

fn main() {
    let (w, bundles) = qujat_fuzz::world();
    let verifier = &qujat_fuzz::fixture().verifier;
    let enu = &bundles[0];
    let tvet = &bundles[3];

    // Presentations that the targets' verifier finds valid (its clock is stopped at NOW).
    let default = w.present(enu, ClaimSet::default_presentation(), None).text;
    let challenge = Challenge::new(123_456);
    let minimal = w.present(tvet, ClaimSet::minimal(), challenge).text;
    assert_eq!(verifier.verify(&default, None).verdict, Verdict::Valid);
    assert_eq!(verifier.verify(&minimal, challenge).verdict, Verdict::Valid);
    write("qj1_string", "valid-default", default.as_bytes());
    write("qj1_string", "valid-minimal-challenge", minimal.as_bytes());
    write("qj1_string", "newer-version", b"QJ2:6BFOXN");

    let cose = wire::decode(&minimal).unwrap();
    write("presentation_cose", "signed-minimal", &cose);
    write("presentation_cose", "payload-minimal", &SignedPresentation::parse(&cose).unwrap().payload().to_cbor());

    write("credential", "signed", tvet.credential().as_bytes());
    write("credential", "payload", &tvet.credential().payload().to_cbor());

    write("bundle", "tvet", &tvet.to_bytes());

    write("trust_list", "signed", &w.trust_list);
    let one = TrustListPayload {
        issuers: World::trust_payload(&w.issuers, 2, NOW + DAY).issuers[..1].to_vec(),
        ..World::trust_payload(&w.issuers, 2, NOW + DAY)
    };
    write("trust_list", "payload-one-issuer", &one.to_cbor());

    write("status_list", "signed", &w.status_list("kz.almaty-polytech-college"));
    let revoked = StatusListPayload::new("kz.enu".into(), NOW - DAY, NOW + DAY, 100, &[0, 9, 99]).unwrap();
    write("status_list", "payload-revoked", &revoked.to_cbor());

    let (_, tvet_json) = FIXTURES[3];
    write("issuer_input_json", "tvet.json", tvet_json.as_bytes());

    let small = qr::encode("QJ1:6BFOXN", Ecc::L).unwrap().to_png(1).unwrap();
    assert_eq!(qr::decode_png(&small).unwrap(), "QJ1:6BFOXN");
    write("qr_png", "short-1px", &small);
}

use qujat_tests::World;
