//! The verifier's persistent state: what it refuses, what it remembers across reopen and
//! across verifiers on the same file. Real SQLite files in temporary directories.

use qujat_core::credential::ClaimSet;
use qujat_core::keys::{KeyPair, PublicKey};
use qujat_core::platform::SeededRandom;
use qujat_core::presentation::Challenge;
use qujat_core::trust::TrustList;
use qujat_core::verifier::{InstallError, StoreError, Verdict, Verifier, VerifierPolicy, VerifierStore};
use qujat_tests::{DAY, NOW, World};
use std::path::Path;

fn open(w: &World, path: &Path) -> Verifier {
    open_with(w, path, w.anchor.public(), VerifierPolicy::default()).unwrap()
}

fn open_with(w: &World, path: &Path, anchor: PublicKey, policy: VerifierPolicy) -> Result<Verifier, StoreError> {
    Verifier::open(VerifierStore::open(path)?, anchor, policy, w.clock.clone(), w.rng.clone())
}

fn state_file() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("verifier.sqlite3");
    (dir, path)
}

#[test]
fn verifier_state_persists_across_reopen() {
    let (_dir, path) = state_file();
    let mut w = World::new("state-reopen");
    let b = w.issue("enu-bachelor-honors");
    {
        let v = open(&w, &path);
        v.install_trust_list(&w.trust_list).unwrap();
        v.install_status_list(&w.status_list("kz.enu")).unwrap();
    }
    let v = open(&w, &path);
    let s = v.summary().unwrap();
    assert_eq!(s.trust_list.unwrap().sequence, 1);
    assert_eq!(s.status_lists.iter().map(|(i, _)| i.as_str()).collect::<Vec<_>>(), ["kz.enu"]);
    let text = w.present(&b, ClaimSet::default_presentation(), None).text;
    assert_eq!(v.verify(&text, None).verdict, Verdict::Valid);
    assert_eq!(v.summary().unwrap().history, 1);
}

#[test]
fn verifier_state_refuses_older_trust_list_after_reopen() {
    let (_dir, path) = state_file();
    let w = World::new("state-tl-rollback");
    let newer = TrustList::sign(&w.anchor, World::trust_payload(&w.issuers, 5, NOW + 30 * DAY));
    let older = TrustList::sign(&w.anchor, World::trust_payload(&w.issuers, 4, NOW + 60 * DAY));
    open(&w, &path).install_trust_list(&newer).unwrap();
    let v = open(&w, &path);
    assert_eq!(v.install_trust_list(&older).unwrap_err(), InstallError::TrustListRollback { held: 5, offered: 4 });
    assert_eq!(v.trust_list_info().unwrap().sequence, 5);
    // Same sequence, identical bytes: an idempotent re-install.
    assert_eq!(v.install_trust_list(&newer).unwrap().sequence, 5);
    // Same sequence, different bytes: a conflict.
    let other = TrustList::sign(&w.anchor, World::trust_payload(&w.issuers, 5, NOW + 90 * DAY));
    assert_eq!(v.install_trust_list(&other).unwrap_err(), InstallError::TrustListConflict { sequence: 5 });
    assert_eq!(open(&w, &path).trust_list_info().unwrap().sequence, 5);
}

#[test]
fn verifier_state_revoked_stays_revoked_when_an_older_status_list_is_offered() {
    let (_dir, path) = state_file();
    let mut w = World::new("state-sl-rollback");
    let b = w.issue("enu-bachelor-honors");
    let enu = w.issuer("kz.enu");
    let before = enu.status_list(&w.register, NOW - 2 * DAY, 7 * DAY).unwrap();
    assert!(w.register.revoke(b.credential().payload().status_index));
    let after = w.issuer("kz.enu").status_list(&w.register, NOW - DAY, 7 * DAY).unwrap();
    let text = w.present(&b, ClaimSet::default_presentation(), None).text;
    {
        let v = open(&w, &path);
        v.install_trust_list(&w.trust_list).unwrap();
        v.install_status_list(&after).unwrap();
        assert_eq!(v.verify(&text, None).verdict, Verdict::Revoked);
    }
    let v = open(&w, &path);
    assert_eq!(
        v.install_status_list(&before).unwrap_err(),
        InstallError::StatusListRollback { issuer: "kz.enu".into(), held: NOW - DAY, offered: 2 * -DAY + NOW }
    );
    assert_eq!(v.verify(&text, None).verdict, Verdict::Revoked);
    // The same issued_at with other bytes (the revocation undone) is a conflict.
    let mut undone = w.register.clone();
    undone.revoked.clear();
    let forged_undo = w.issuer("kz.enu").status_list(&undone, NOW - DAY, 7 * DAY).unwrap();
    assert_eq!(
        v.install_status_list(&forged_undo).unwrap_err(),
        InstallError::StatusListConflict { issuer: "kz.enu".into(), issued_at: NOW - DAY }
    );
    assert_eq!(v.install_status_list(&after).unwrap().list_issued_at, NOW - DAY);
    assert_eq!(v.verify(&text, None).verdict, Verdict::Revoked);
}

#[test]
fn verifier_state_refuses_a_foreign_status_list() {
    let (_dir, path) = state_file();
    let w = World::new("state-foreign");
    let v = open(&w, &path);
    assert_eq!(v.install_status_list(&w.status_list("kz.enu")).unwrap_err(), InstallError::NoTrustList);
    let only_enu = TrustList::sign(&w.anchor, World::trust_payload(&w.issuers[..1], 2, NOW + 30 * DAY));
    v.install_trust_list(&only_enu).unwrap();
    assert_eq!(v.install_status_list(&w.status_list("kz.kaznu")).unwrap_err(), InstallError::ForeignStatusList);
    assert!(v.summary().unwrap().status_lists.is_empty());
}

#[test]
fn verifier_state_refuses_another_anchor() {
    let (_dir, path) = state_file();
    let w = World::new("state-anchor");
    drop(open(&w, &path));
    let other = KeyPair::generate(&SeededRandom::new(b"other anchor")).unwrap().public();
    let err = open_with(&w, &path, other, VerifierPolicy::default()).unwrap_err();
    assert_eq!(err, StoreError::AnchorMismatch { held: w.anchor.public().to_hex(), offered: other.to_hex() });
    assert_eq!(VerifierStore::open(&path).unwrap().pinned_anchor().unwrap(), Some(w.anchor.public()));
}

#[test]
fn verifier_state_challenge_reused_across_two_verifiers_on_one_file() {
    let (_dir, path) = state_file();
    let mut w = World::new("state-challenge");
    let b = w.issue("enu-bachelor-honors");
    let first = open(&w, &path);
    first.install_trust_list(&w.trust_list).unwrap();
    first.install_status_list(&w.status_list("kz.enu")).unwrap();
    let second = open(&w, &path);
    let c = Challenge::parse("123456").unwrap();
    let text = w.present(&b, ClaimSet::default_presentation(), Some(c)).text;
    assert_eq!(first.verify(&text, Some(c)).verdict, Verdict::Valid);
    assert_eq!(second.verify(&text, Some(c)).verdict, Verdict::ChallengeReused);
    assert_eq!(first.verify(&text, Some(c)).verdict, Verdict::ChallengeReused);
    assert_eq!(second.summary().unwrap().challenges, 1);
    // After a presentation's lifetime plus the skew the challenge is forgotten (and the old
    // presentation is expired anyway).
    w.clock.advance(601 + 60);
    let fresh = w.present(&b, ClaimSet::default_presentation(), Some(c)).text;
    assert_eq!(second.verify(&fresh, Some(c)).verdict, Verdict::Valid);
}

#[test]
fn verifier_state_history_is_bounded_oldest_dropped() {
    let (_dir, path) = state_file();
    let mut w = World::new("state-history");
    let b = w.issue("enu-bachelor-honors");
    let policy = VerifierPolicy { history_limit: 3, ..VerifierPolicy::default() };
    let v = open_with(&w, &path, w.anchor.public(), policy).unwrap();
    v.install_trust_list(&w.trust_list).unwrap();
    for i in 1..=5 {
        w.clock.set(NOW + i);
        let t = w.present(&b, ClaimSet::default_presentation(), None).text;
        assert_eq!(v.verify(&t, None).verdict, Verdict::StatusUnknown, "verification {i}");
    }
    let kept = v.recent_history(10).unwrap();
    assert_eq!(kept.iter().map(|e| e.at).collect::<Vec<_>>(), [NOW + 3, NOW + 4, NOW + 5]);
    assert!(kept.iter().all(|e| e.verdict == "STATUS_UNKNOWN" && e.issuer.as_deref() == Some("kz.enu")));
    assert!(kept.iter().all(|e| e.trust_list_sequence == Some(1) && e.challenge.is_none()));
    assert_ne!(kept[0].presentation_sha256, kept[1].presentation_sha256);
    assert_eq!(v.summary().unwrap().history, 3);
    // Reopened with the default limit: the rows are still there, and grow again.
    drop(v);
    let v = open(&w, &path);
    assert_eq!(v.verify("QJ1:not a presentation", None).verdict.code(), "MALFORMED");
    assert_eq!(v.summary().unwrap().history, 4);
}

#[test]
fn verifier_state_foreign_file_is_a_typed_error() {
    let dir = tempfile::tempdir().unwrap();
    let garbage = dir.path().join("garbage");
    std::fs::write(&garbage, vec![0x5a; 4096]).unwrap();
    assert_eq!(VerifierStore::open(&garbage).unwrap_err(), StoreError::NotAStateFile);
    let empty_dir = dir.path().join("a-directory");
    std::fs::create_dir(&empty_dir).unwrap();
    assert!(matches!(VerifierStore::open(&empty_dir), Err(StoreError::Storage { .. })));
}
