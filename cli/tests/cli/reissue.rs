//! `qujat issuer reissue`: a holder lost the phone without a backup; the issuer re-issues the
//! same diploma to the new phone's key. The old phone's presentation then verifies REVOKED
//! and the new one VALID; a second re-issue, or an input of another diploma, is refused.
#![allow(clippy::unwrap_used, clippy::panic, missing_docs)]

use std::path::Path;

use super::backup::{confirm_printed, err, import, issue, issuer_side, out, present, run, verdict, wallet};

#[test]
fn reissue_revokes_the_lost_phone_and_the_new_phone_presents_valid() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    issuer_side(d);
    let (lost, phone) = (d.join("lost"), d.join("phone"));
    let lost_codes = confirm_printed(&lost, &wallet(&lost, "", &["init"]));
    let holder = out(&wallet(&lost, &lost_codes[0], &["holder-key"])).trim().to_owned();
    issue(d, &holder, &d.join("old.bin"));
    import(d, &lost, &lost_codes[1], &d.join("old.bin"));
    let id =
        qujat_core::credential::CredentialBundle::from_bytes(&std::fs::read(d.join("old.bin")).unwrap()).unwrap().id();
    let id = qujat_core::keys::hex_encode(&id);
    let old_qj1 = present(&lost, &lost_codes[2], &id);
    assert_eq!(verdict(d, &old_qj1), "verdict: VALID");

    let codes = confirm_printed(&phone, &wallet(&phone, "", &["init"]));
    let new_holder = out(&wallet(&phone, &codes[0], &["holder-key"])).trim().to_owned();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/diplomas/enu-bachelor-honors.json");
    let other = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/diplomas/kaznu-master.json");
    let reissue = |input: &Path, out_name: &str| {
        run(
            &[
                "issuer",
                "reissue",
                "--key",
                d.join("enu.key").to_str().unwrap(),
                "--register",
                d.join("reg.json").to_str().unwrap(),
                "--credential",
                d.join("old.bin").to_str().unwrap(),
                "--holder-key",
                &new_holder,
                "--input",
                input.to_str().unwrap(),
                "--out",
                d.join(out_name).to_str().unwrap(),
            ],
            &[],
        )
    };
    let wrong = reissue(&other, "x.bin");
    assert_eq!(wrong.status.code(), Some(2));
    assert!(err(&wrong).contains("not the same diploma"), "{}", err(&wrong));
    let r = reissue(&fixture, "new.bin");
    assert!(r.status.success(), "{}", err(&r));
    assert!(out(&r).contains("status index 1); status index 0 revoked"), "{}", out(&r));
    let register: serde_json::Value = serde_json::from_slice(&std::fs::read(d.join("reg.json")).unwrap()).unwrap();
    assert_eq!(register["reissued"]["0"], 1, "{register}");
    let twice = reissue(&fixture, "y.bin");
    assert!(err(&twice).contains("already re-issued as status index 1"), "{}", err(&twice));

    import(d, &phone, &codes[1], &d.join("new.bin"));
    let new_id = qujat_core::keys::hex_encode(
        &qujat_core::credential::CredentialBundle::from_bytes(&std::fs::read(d.join("new.bin")).unwrap()).unwrap().id(),
    );
    let new_qj1 = present(&phone, &codes[2], &new_id);
    assert_eq!(verdict(d, &new_qj1), "verdict: VALID");
    assert_eq!(verdict(d, &old_qj1), "verdict: REVOKED");
}
