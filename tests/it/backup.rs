//! Backup, restore and re-issue (issue 13), on real wallet files with the cheap test costs
//! (Argon2id 64 KiB, scrypt 2^4): the round trip, every refusal leaving the target untouched,
//! an interrupted restore, and a lost phone's diploma re-issued.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use qujat_core::backup::{self, BackupCode, BackupError, WorkFactor};
use qujat_core::cbor;
use qujat_core::credential::{ClaimSet, CredentialBundle};
use qujat_core::issuer::Register;
use qujat_core::keys::KeyPair;
use qujat_core::platform::{Clock, SeededRandom};
use qujat_core::presentation::PresentationRequest;
use qujat_core::secret::{SecretBytes, SecretString};
use qujat_core::vault::{
    AuditKind, ChainStatus, CredentialId, Platform, SoftwareKeyStore, StorageErrorKind, VaultError, VaultOptions,
    VaultState,
};
use qujat_core::verifier::Verdict;
use qujat_core::wallet::{Wallet, WalletError};
use qujat_tests::{DAY, NOW, World};

fn pin() -> SecretString {
    SecretString::from("739154")
}

fn new_wallet(w: &World, dir: &Path) -> Wallet {
    let platform = Platform {
        key_store: Arc::new(SoftwareKeyStore::in_memory(w.rng.clone())),
        clock: w.clock.clone(),
        rng: w.rng.clone(),
    };
    Wallet::open(dir.join("w.db"), platform, VaultOptions::insecure_for_tests()).unwrap()
}

fn confirm(w: &World, wallet: &Wallet, uri: &SecretString) {
    let code = qujat_core::auth::totp::authenticator_code(uri.expose_secret(), w.clock.now()).unwrap();
    wallet.confirm_enrolment(&pin(), &code).unwrap();
}

/// A confirmed wallet holding two diplomas (status indexes 0 and 1), one presentation made;
/// and the bundles as the issuers kept them.
fn old_phone_and_bundles(w: &mut World, dir: &Path) -> (Wallet, Vec<CredentialBundle>) {
    let wallet = new_wallet(w, dir);
    let e = wallet.setup(&pin(), "old").unwrap();
    confirm(w, &wallet, &e.otpauth_uri);
    let key = wallet.holder_public_key().unwrap();
    let mut bundles = Vec::new();
    for (issuer, fixture) in [("kz.enu", "enu-bachelor-honors"), ("kz.kaznu", "kaznu-master")] {
        let index = w.register.allocate().unwrap();
        let d = qujat_tests::fixture(fixture);
        let b = w.issuer(issuer).issue(&d, &key, index, NOW - DAY, w.rng.as_ref()).unwrap();
        wallet.import(&b.to_bytes(), &w.trust_list, &w.anchor.public()).unwrap();
        bundles.push(b);
    }
    let id = wallet.list().unwrap().0[0].id;
    wallet.present(&id, &PresentationRequest::default()).unwrap();
    (wallet, bundles)
}

fn old_phone(w: &mut World, dir: &Path) -> Wallet {
    old_phone_and_bundles(w, dir).0
}

/// Every file under `dir` with its bytes: what "nothing was written" is checked against.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        // The -shm file is SQLite's shared-memory index (readers mark it): not data.
        if p.is_file() && !p.to_string_lossy().ends_with("-shm") {
            out.insert(p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read(&p).unwrap());
        }
    }
    out
}

#[test]
fn round_trip_keeps_ids_holder_key_and_log_and_the_new_wallet_presents_valid() {
    let mut w = World::new("backup-round-trip");
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let old = old_phone(&mut w, a.path());
    let export = old.create_backup().unwrap();
    assert_eq!((export.diplomas, export.skipped), (2, 0));
    assert!(export.bytes.starts_with(b"age-encryption.org/v1\n-> scrypt "));
    let old_log = old.audit_log().unwrap();
    assert_eq!(old_log.entries.last().unwrap().kind, AuditKind::Backup);
    assert_eq!(old_log.entries.last().unwrap().detail.expose_secret(), b"diplomas=2 skipped=0");

    let ids = |wallet: &Wallet| wallet.list().unwrap().0.iter().map(|d| d.id).collect::<Vec<_>>();
    let (old_ids, old_list, old_key) = (ids(&old), old.list().unwrap().0, old.holder_public_key().unwrap());
    w.clock.advance(3 * DAY);
    let new = new_wallet(&w, b.path());
    // Dashes, spaces and case are forgiven.
    let typed = SecretString::new(export.code.expose_secret().to_lowercase().replace('-', " "));
    let e = new.restore_backup(&export.bytes, &typed, &pin(), "new").unwrap();
    assert_eq!(e.holder_public_key, old_key);
    assert_eq!(e.recovery_codes.len(), 10);
    assert!(e.otpauth_uri.expose_secret().starts_with("otpauth://totp/"));
    // Not usable before the new authenticator is confirmed.
    assert_eq!(new.status().unwrap().state, VaultState::EnrolmentPending);
    confirm(&w, &new, &e.otpauth_uri);

    assert_eq!(ids(&new), old_ids);
    assert!(new.list().unwrap().0 == old_list, "summaries (issuer names, import times) carried");
    assert_eq!(new.holder_public_key().unwrap(), old_key);
    let v = w.verifier();
    for id in ids(&new) {
        let c = v.new_challenge().unwrap();
        let req = PresentationRequest { claims: ClaimSet::default_presentation(), challenge: Some(c), ttl_secs: 60 };
        let p = new.present(&id, &req).unwrap();
        assert_eq!(v.verify(&p.text, Some(c)).verdict, Verdict::Valid);
    }

    let log = new.audit_log().unwrap();
    assert_eq!(log.status, ChainStatus::Intact);
    assert_eq!(log.entries[0].kind, AuditKind::Restored);
    assert_eq!(log.entries[0].time, NOW + 3 * DAY);
    let made = String::from_utf8(log.entries[0].detail.expose_secret().to_vec()).unwrap();
    assert_eq!(made, format!("made={NOW}"));
    // The old log follows, as it was when the backup was made (the backup entry itself is
    // written after the snapshot), then the new wallet's own entries.
    let carried: Vec<(AuditKind, i64)> =
        log.entries[1..=old_log.entries.len() - 1].iter().map(|e| (e.kind, e.time)).collect();
    let original: Vec<(AuditKind, i64)> =
        old_log.entries[..old_log.entries.len() - 1].iter().map(|e| (e.kind, e.time)).collect();
    assert_eq!(carried, original);
    assert!(!log.entries.iter().any(|e| e.kind == AuditKind::Setup && e.time > NOW), "no new Setup entry");
}

#[test]
fn refusals_leave_the_target_untouched() {
    let mut w = World::new("backup-refusals");
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let old = old_phone(&mut w, a.path());
    let export = old.create_backup().unwrap();
    let code = SecretString::new(export.code.expose_secret().to_owned());
    let target = new_wallet(&w, b.path());
    let before = snapshot(b.path());
    let refused = |file: &[u8], code: &SecretString| {
        let e = target.restore_backup(file, code, &pin(), "new").unwrap_err();
        assert_eq!(target.status().unwrap().state, VaultState::Uninitialized);
        assert!(snapshot(b.path()) == before, "{e:?} wrote into the target");
        e
    };

    let other = SecretString::new(BackupCode::generate(&SeededRandom::new(b"x")).unwrap().expose_secret().to_owned());
    assert_eq!(refused(&export.bytes, &other), WalletError::Backup(BackupError::WrongCode));
    assert_eq!(refused(&export.bytes, &SecretString::from("1234")), WalletError::Backup(BackupError::MalformedCode));
    assert_eq!(
        target.restore_backup(&export.bytes, &code, &SecretString::from("111111"), "new").unwrap_err(),
        WalletError::Vault(VaultError::WeakPin(qujat_core::auth::WeakPinReason::Repeated))
    );

    // Every byte of the age header flipped, and every 97th byte of the body and the last one.
    let header_end = export.bytes.windows(4).position(|w| w == b"--- ").unwrap() + 47;
    let body = (header_end..export.bytes.len()).step_by(97).chain([export.bytes.len() - 1]);
    let mut kinds = std::collections::BTreeSet::new();
    for i in (0..header_end).chain(body) {
        let mut bad = export.bytes.clone();
        bad[i] ^= 0x20;
        match refused(&bad, &code) {
            WalletError::Backup(e) => {
                kinds.insert(format!("{e:?}").chars().take_while(|c| c.is_alphabetic()).collect::<String>())
            }
            e => panic!("byte {i}: {e:?}"),
        };
    }
    assert!(kinds.contains("Damaged") && kinds.contains("WrongCode"), "{kinds:?}");

    for n in [0, 30, header_end, header_end + 20, export.bytes.len() / 2, export.bytes.len() - 1] {
        refused(&export.bytes[..n], &code);
    }

    // A newer archive version, encrypted under the same code (the file is otherwise perfect).
    let plain = {
        let a = backup::open(&export.bytes, &BackupCode::parse(code.expose_secret()).unwrap()).unwrap();
        a.to_cbor()
    };
    let cbor::Value::Map(mut pairs) = cbor::decode(plain.expose_secret(), "t", 1 << 24).unwrap() else { panic!() };
    pairs[1].1 = cbor::Value::Integer(2.into());
    let mut r = age::scrypt::Recipient::new(age::secrecy::SecretString::from(code.expose_secret().to_owned()));
    r.set_work_factor(4);
    let newer = age::encrypt(&r, &cbor::encode(&cbor::Value::Map(pairs))).unwrap();
    assert_eq!(refused(&newer, &code), WalletError::Backup(BackupError::NewerVersion { version: 2 }));

    // Diplomas issued to another key than the one the archive carries.
    let mut a = backup::open(&export.bytes, &BackupCode::parse(code.expose_secret()).unwrap()).unwrap();
    a.contents.holder_seed = SecretBytes::new([1; 32]);
    let c = BackupCode::parse(code.expose_secret()).unwrap();
    let forged = backup::seal(&a, &c, WorkFactor::CheapForTests).unwrap();
    assert_eq!(refused(&forged, &code), WalletError::Backup(BackupError::HolderKeyMismatch));

    // The untouched file still restores into the same target afterwards.
    target.restore_backup(&export.bytes, &code, &pin(), "new").unwrap();
}

#[test]
fn restore_into_a_wallet_in_use_is_refused() {
    let mut w = World::new("backup-into-existing");
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let old = old_phone(&mut w, a.path());
    let export = old.create_backup().unwrap();
    let code = SecretString::new(export.code.expose_secret().to_owned());
    let existing = new_wallet(&w, b.path());
    let e = existing.setup(&pin(), "x").unwrap();
    confirm(&w, &existing, &e.otpauth_uri);
    existing.lock();
    let before = snapshot(b.path());
    assert_eq!(
        existing.restore_backup(&export.bytes, &code, &pin(), "x").unwrap_err(),
        WalletError::Vault(VaultError::AlreadyInitialized)
    );
    assert!(snapshot(b.path()) == before, "the refused restore wrote into the wallet");
    // Even with the archive already opened, the vault refuses in its transaction.
    let archive = backup::open(&export.bytes, &BackupCode::parse(code.expose_secret()).unwrap()).unwrap();
    assert_eq!(
        existing.restore_archive(&archive, &pin(), "x").unwrap_err(),
        WalletError::Vault(VaultError::AlreadyInitialized)
    );
}

#[test]
fn a_restore_that_fails_half_way_leaves_no_wallet_and_can_be_retried() {
    let mut w = World::new("backup-interrupted");
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let old = old_phone(&mut w, a.path());
    // Enough diplomas that the restore must grow the new file.
    let key = old.holder_public_key().unwrap();
    let d = qujat_tests::fixture("enu-bachelor-honors");
    for _ in 0..40 {
        let index = w.register.allocate().unwrap();
        let b = w.issuer("kz.enu").issue(&d, &key, index, NOW - DAY, w.rng.as_ref()).unwrap();
        old.import(&b.to_bytes(), &w.trust_list, &w.anchor.public()).unwrap();
    }
    let export = old.create_backup().unwrap();
    let code = SecretString::new(export.code.expose_secret().to_owned());
    {
        // The disk fills up in the middle of the restore's one transaction.
        let target = new_wallet(&w, b.path());
        target.vault().set_max_page_count_for_tests(1).unwrap();
        let e = target.restore_backup(&export.bytes, &code, &pin(), "new").unwrap_err();
        assert!(matches!(e, WalletError::Vault(VaultError::Storage(s)) if s.kind == StorageErrorKind::Full), "{e:?}");
        assert_eq!(target.status().unwrap().state, VaultState::Uninitialized);
    }
    // Reopened: nothing half-made that opens; the retry succeeds.
    let target = new_wallet(&w, b.path());
    assert_eq!(target.status().unwrap().state, VaultState::Uninitialized);
    assert_eq!(
        target.unlock(&pin(), &qujat_core::auth::SecondFactor::parse("123456")).unwrap_err(),
        WalletError::Vault(VaultError::NotInitialized)
    );
    let e = target.restore_backup(&export.bytes, &code, &pin(), "new").unwrap();
    confirm(&w, &target, &e.otpauth_uri);
    assert_eq!(target.list().unwrap().0.len(), 42);
}

#[test]
fn reissue_revokes_the_lost_phones_copy_and_the_new_one_verifies() {
    let mut w = World::new("reissue");
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (lost, mut bundles) = old_phone_and_bundles(&mut w, a.path());
    let old_bundle = bundles.remove(0);
    let id = CredentialId::from_bytes(old_bundle.id());
    let old_p = lost.present(&id, &PresentationRequest::default()).unwrap();
    assert_eq!(w.verifier().verify(&old_p.text, None).verdict, Verdict::Valid);

    // A new phone, no backup: a new holder key.
    let phone = new_wallet(&w, b.path());
    let e = phone.setup(&pin(), "new").unwrap();
    confirm(&w, &phone, &e.otpauth_uri);
    let issuer = w.issuer("kz.enu");
    let mut register: Register = w.register.clone();
    let new_bundle = issuer.reissue(&old_bundle, &e.holder_public_key, &mut register, NOW, w.rng.as_ref()).unwrap();
    assert_eq!(new_bundle.leaves(), old_bundle.leaves(), "the same diploma");
    let (old_i, new_i) =
        (old_bundle.credential().payload().status_index, new_bundle.credential().payload().status_index);
    assert_eq!(register.reissued.get(&old_i), Some(&new_i));
    assert!(register.revoked.contains(&old_i) && !register.revoked.contains(&new_i));
    // A second re-issue of the same credential is refused; the register is unchanged.
    let again = issuer.reissue(&old_bundle, &e.holder_public_key, &mut register.clone(), NOW, w.rng.as_ref());
    assert!(matches!(again, Err(qujat_core::issuer::IssueError::AlreadyReissued { .. })));
    // Another issuer's key cannot re-issue it.
    let mut r2 = register.clone();
    let stranger = qujat_core::issuer::Issuer::new("kz.enu", KeyPair::generate(&SeededRandom::new(b"s")).unwrap());
    assert!(stranger.reissue(&old_bundle, &e.holder_public_key, &mut r2, NOW, w.rng.as_ref()).is_err());
    assert_eq!(r2, register);

    let summary = phone.import(&new_bundle.to_bytes(), &w.trust_list, &w.anchor.public()).unwrap();
    w.register = register;
    let v = w.verifier();
    assert_eq!(v.verify(&old_p.text, None).verdict, Verdict::Revoked);
    let new_p = phone.present(&summary.id, &PresentationRequest::default()).unwrap();
    assert_eq!(v.verify(&new_p.text, None).verdict, Verdict::Valid);
}
