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
use qujat_core::wallet::DiplomaSummary;
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

    // The re-encoding property's target gives every input to every decoder: one seed of each.
    for (name, bytes) in [
        ("credential", tvet.credential().as_bytes().to_vec()),
        ("bundle", tvet.to_bytes()),
        ("presentation", cose.clone()),
        ("trust-list", w.trust_list.clone()),
        ("status-list", w.status_list("kz.almaty-polytech-college")),
        ("qj1", minimal.clone().into_bytes()),
    ] {
        write("reencode", name, &bytes);
    }

    let (_, tvet_json) = FIXTURES[3];
    write("issuer_input_json", "tvet.json", tvet_json.as_bytes());

    let small = qr::encode("QJ1:6BFOXN", Ecc::L).unwrap().to_png(1).unwrap();
    assert_eq!(qr::decode_png(&small).unwrap(), "QJ1:6BFOXN");
    write("qr_png", "short-1px", &small);

    // vault_record: the first byte picks the record (see the target); plaintexts from the
    // vault's and the wallet's own encoders.
    let records = qujat_fuzz::records();
    let samples = records.samples();
    let with = |kind: u8, rest: &[u8]| [&[kind][..], rest].concat();
    let mut sealed_shape = vec![1u8];
    sealed_shape.extend_from_slice(&[0x5a; 24 + 16 + 8]);
    write("vault_record", "0-raw-sealed-shape", &with(0, &sealed_shape));
    let issuer = qujat_fuzz::fixture().trust.issuer(&tvet.credential().payload().issuer).unwrap();
    let summary = DiplomaSummary::of(tvet, issuer, NOW);
    let summary_row = [&summary.id.as_bytes()[..], &summary.to_cbor()].concat();
    write("vault_record", "1-summary", &with(1, &summary_row));
    write("vault_record", "2-bundle", &with(2, &tvet.to_bytes()));
    write("vault_record", "3-totp", &with(3, &[&NOW.to_be_bytes()[..], &samples.totp].concat()));
    let (stored, code) = &samples.recovery;
    write("vault_record", "4-recovery-code", &with(4, &qujat_fuzz::join(&[stored, code.as_bytes()])));
    write("vault_record", "5-key-bundle", &with(5, &samples.key_bundle));
    let (entries, head) = &samples.audit;
    let mut parts: Vec<&[u8]> = entries.iter().map(Vec::as_slice).collect();
    parts.push(head);
    write("vault_record", "6-audit-log", &with(6, &[&[1][..], &qujat_fuzz::join(&parts)].concat()));
    let lockout: Vec<u8> = [3i64, 60, NOW, NOW + 10].iter().flat_map(|v| v.to_be_bytes()).collect();
    write("vault_record", "7-lockout", &with(7, &lockout));

    // backup_archive: a wallet of one diploma (issued to the world's holder) and one audit entry.
    let archive = qujat_core::backup::Archive {
        made_at: NOW,
        contents: qujat_core::vault::VaultContents {
            holder_seed: w.holder.seed(),
            credentials: vec![qujat_core::vault::CarriedCredential {
                id: summary.id,
                bundle: tvet.to_bytes().into(),
                summary: summary.to_cbor().into(),
            }],
            audit: vec![qujat_core::vault::AuditEntry {
                seq: 1,
                kind: qujat_core::vault::AuditKind::Import,
                time: NOW,
                detail: summary.id.as_bytes().to_vec().into(),
            }],
            skipped: 0,
        },
    };
    write("backup_archive", "one-diploma", archive.to_cbor().expose_secret());

    // vault_file: a flag byte (odd: unlock with a recovery code), then patches
    // `offset (u16) ‖ length (u8) ‖ bytes` (length 0 cuts the file there).
    write("vault_file", "unchanged-totp", &[0]);
    write("vault_file", "unchanged-recovery-code", &[1]);
    write("vault_file", "header-page-size", &[0, 0, 16, 2, 0x02, 0x00]);
    write("vault_file", "cut-after-two-pages", &[0, 0x20, 0x00, 0]);
}

use qujat_tests::World;
