//! The holder's wallet joined to the credential format: import checks, present → verify,
//! show, delete, audit.

use std::sync::Arc;

use qujat_core::auth::SecondFactor;
use qujat_core::auth::totp::authenticator_code;
use qujat_core::credential::{ClaimId, ClaimSet, ClaimValue};
use qujat_core::issuer::Issuer;
use qujat_core::keys::KeyPair;
use qujat_core::platform::{Clock, SeededRandom};
use qujat_core::presentation::{Challenge, PresentationRequest};
use qujat_core::secret::SecretString;
use qujat_core::trust::TrustList;
use qujat_core::vault::{
    AuditKind, ChainStatus, Enrolment, Platform, SoftwareKeyStore, StorageError, StorageErrorKind, VaultError,
    VaultOptions,
};
use qujat_core::verifier::Verdict;
use qujat_core::wallet::{Wallet, WalletError};
use qujat_tests::{DAY, NOW, World};

struct Holder {
    _dir: tempfile::TempDir,
    wallet: Wallet,
    enrolment: Enrolment,
}

fn pin() -> SecretString {
    SecretString::from("739154")
}

fn holder(w: &World) -> Holder {
    let dir = tempfile::tempdir().unwrap();
    let platform = Platform {
        key_store: Arc::new(SoftwareKeyStore::in_memory(w.rng.clone())),
        clock: w.clock.clone(),
        rng: w.rng.clone(),
    };
    let wallet = Wallet::open(dir.path().join("w.db"), platform, VaultOptions::insecure_for_tests()).unwrap();
    let enrolment = wallet.setup(&pin(), "test").unwrap();
    let code = authenticator_code(enrolment.otpauth_uri.expose_secret(), w.clock.now()).unwrap();
    wallet.confirm_enrolment(&pin(), &code).unwrap();
    Holder { _dir: dir, wallet, enrolment }
}

fn issue_to(w: &World, issuer_id: &str, fixture: &str, h: &Holder, index: u64) -> Vec<u8> {
    let d = qujat_tests::fixture(fixture);
    let key = h.wallet.holder_public_key().unwrap();
    w.issuer(issuer_id).issue(&d, &key, index, NOW - DAY, w.rng.as_ref()).unwrap().to_bytes()
}

#[test]
fn import_present_verify_show_delete() {
    let mut w = World::new("wallet-story");
    for _ in 0..2 {
        w.register.allocate().unwrap();
    }
    let h = holder(&w);
    let bundle = issue_to(&w, "kz.enu", "enu-bachelor-honors", &h, 0);
    let summary = h.wallet.import(&bundle, &w.trust_list, &w.anchor.public()).unwrap();
    assert_eq!(summary.issuer_id, "kz.enu");
    assert!(summary.honors);
    // A second copy is refused.
    assert_eq!(
        h.wallet.import(&bundle, &w.trust_list, &w.anchor.public()).unwrap_err(),
        WalletError::Vault(VaultError::DuplicateCredential)
    );
    let master = issue_to(&w, "kz.kaznu", "kaznu-master", &h, 1);
    h.wallet.import(&master, &w.trust_list, &w.anchor.public()).unwrap();
    let (list, damaged) = h.wallet.list().unwrap();
    assert_eq!((list.len(), damaged), (2, 0));

    let detail = h.wallet.show(&summary.id).unwrap();
    assert!(
        matches!(detail.claims.iter().find(|(c, _)| *c == ClaimId::Iin), Some((_, ClaimValue::Text(t))) if t == "010514600124")
    );

    let v = w.verifier();
    let challenge = v.new_challenge().unwrap();
    let req = PresentationRequest {
        claims: ClaimSet::default_presentation().with(ClaimId::Gpa),
        challenge: Some(challenge),
        ttl_secs: 60,
    };
    let p = h.wallet.present(&summary.id, &req).unwrap();
    let r = v.verify(&p.text, Some(challenge));
    assert_eq!(r.verdict, Verdict::Valid);
    assert!(r.claims.get(ClaimId::Gpa).is_some());
    assert!(r.claims.get(ClaimId::Iin).is_none());

    let log = h.wallet.audit_log().unwrap();
    assert_eq!(log.status, ChainStatus::Intact);
    let kinds: Vec<AuditKind> = log.entries.iter().map(|e| e.kind).collect();
    assert!(kinds.contains(&AuditKind::Import) && kinds.contains(&AuditKind::Present), "{kinds:?}");
    let present = log.entries.iter().find(|e| e.kind == AuditKind::Present).unwrap();
    assert!(String::from_utf8_lossy(present.detail.expose_secret()).contains(&challenge.to_string()));

    h.wallet.delete(&summary.id).unwrap();
    assert_eq!(h.wallet.list().unwrap().0.len(), 1);
    assert_eq!(h.wallet.show(&summary.id).unwrap_err(), WalletError::Vault(VaultError::NotFound));
    assert!(h.wallet.present(&summary.id, &PresentationRequest::default()).is_err());
}

#[test]
fn import_refuses_what_the_verifier_would_refuse() {
    let w = World::new("wallet-import");
    let h = holder(&w);
    let anchor = w.anchor.public();
    // Issued to another wallet's key.
    let d = qujat_tests::fixture("enu-bachelor-honors");
    let other = KeyPair::generate(&SeededRandom::new(b"other")).unwrap();
    let b = w.issuer("kz.enu").issue(&d, &other.public(), 0, NOW - DAY, w.rng.as_ref()).unwrap();
    assert_eq!(h.wallet.import(&b.to_bytes(), &w.trust_list, &anchor).unwrap_err(), WalletError::NotOurHolderKey);
    // Signed by a key that is not kz.enu's.
    let fake = Issuer::new("kz.enu", KeyPair::generate(&SeededRandom::new(b"fake")).unwrap());
    let key = h.wallet.holder_public_key().unwrap();
    let b = fake.issue(&d, &key, 0, NOW - DAY, w.rng.as_ref()).unwrap();
    assert_eq!(h.wallet.import(&b.to_bytes(), &w.trust_list, &anchor).unwrap_err(), WalletError::ForgedIssuerSignature);
    // An issuer the trust list does not know.
    let mut d2 = d.clone();
    d2.issuer = "kz.mill".into();
    let mill = Issuer::new("kz.mill", KeyPair::generate(&SeededRandom::new(b"mill")).unwrap());
    let b = mill.issue(&d2, &key, 0, NOW - DAY, w.rng.as_ref()).unwrap();
    assert_eq!(h.wallet.import(&b.to_bytes(), &w.trust_list, &anchor).unwrap_err(), WalletError::UnknownIssuer);
    // A trust list not signed by the anchor, and an expired one.
    let rogue = TrustList::sign(
        &KeyPair::generate(&SeededRandom::new(b"rogue")).unwrap(),
        World::trust_payload(&w.issuers, 2, NOW + DAY),
    );
    let good = issue_to(&w, "kz.enu", "enu-bachelor-honors", &h, 0);
    assert!(matches!(h.wallet.import(&good, &rogue, &anchor), Err(WalletError::TrustList(_))));
    let expired = TrustList::sign(&w.anchor, World::trust_payload(&w.issuers, 2, NOW - 1));
    assert!(matches!(h.wallet.import(&good, &expired, &anchor), Err(WalletError::TrustList(_))));
    // Garbage.
    assert!(matches!(h.wallet.import(b"garbage", &w.trust_list, &anchor), Err(WalletError::BadCredential(_))));
    // A bundle whose values were edited no longer matches its signed root.
    let mut edited = good.clone();
    let pos = edited.windows(7).position(|s| s == b"0012345").unwrap();
    edited[pos] = b'9';
    assert!(matches!(h.wallet.import(&edited, &w.trust_list, &anchor), Err(WalletError::BadCredential(_))));
    assert_eq!(h.wallet.list().unwrap().0.len(), 0, "nothing was stored");
    h.wallet.import(&good, &w.trust_list, &anchor).unwrap();
}

/// One rule for "signed by an accredited issuer key" (`IssuerEntry::check_signed`): a
/// credential signed by the issuer's real key after that key's period ended is refused by the
/// wallet's import and by the verifier alike, and one signed inside it is accepted by both.
#[test]
fn import_and_verify_refuse_an_issuer_key_outside_its_validity_alike() {
    let w = World::new("wallet-key-period");
    let h = holder(&w);
    let anchor = w.anchor.public();
    let d = qujat_tests::fixture("enu-bachelor-honors");
    let key = h.wallet.holder_public_key().unwrap();
    let entry = World::trust_payload(&w.issuers, 1, NOW + DAY).issuers.into_iter().find(|e| e.id == "kz.enu").unwrap();
    let late = entry.keys.iter().map(|k| k.not_after).max().unwrap() + 2 * DAY;
    // Issued to the wallet (for the import) and to the world's holder (for the verifier).
    let issue =
        |to: &qujat_core::keys::PublicKey, index, at| w.issuer("kz.enu").issue(&d, to, index, at, w.rng.as_ref());
    let (outside, inside) = (issue(&key, 0, late).unwrap(), issue(&key, 1, NOW - DAY).unwrap());
    let holder_key = w.holder.public();
    let (shown_outside, shown_inside) =
        (issue(&holder_key, 2, late).unwrap(), issue(&holder_key, 3, NOW - DAY).unwrap());

    assert!(entry.check_signed(outside.credential()).is_err());
    assert!(entry.check_signed(inside.credential()).is_ok());
    assert_eq!(
        h.wallet.import(&outside.to_bytes(), &w.trust_list, &anchor).unwrap_err(),
        WalletError::ForgedIssuerSignature
    );
    let r = w.verifier().verify(&w.present(&shown_outside, ClaimSet::default_presentation(), None).text, None);
    assert_eq!(r.verdict, Verdict::IssuerKeyNotValid);

    h.wallet.import(&inside.to_bytes(), &w.trust_list, &anchor).unwrap();
    let r = w.verifier().verify(&w.present(&shown_inside, ClaimSet::default_presentation(), None).text, None);
    assert!(r.verdict.is_authentic(), "{:?}", r.verdict);
}

#[test]
fn locked_wallet_refuses_and_unlock_needs_a_fresh_code() {
    let w = World::new("wallet-lock");
    let h = holder(&w);
    h.wallet.lock();
    assert!(!h.wallet.is_unlocked());
    assert_eq!(h.wallet.list().unwrap_err(), WalletError::Vault(VaultError::Locked));
    let uri = h.enrolment.otpauth_uri.expose_secret();
    // The enrolment code's step is spent; the next step's code works once.
    let used = authenticator_code(uri, w.clock.now()).unwrap();
    assert!(matches!(
        h.wallet.unlock(&pin(), &SecondFactor::Totp(used)),
        Err(WalletError::Vault(VaultError::CodeReplayed { .. }))
    ));
    w.clock.advance(30);
    let fresh = authenticator_code(uri, w.clock.now()).unwrap();
    h.wallet.unlock(&pin(), &SecondFactor::Totp(fresh)).unwrap();
    assert!(h.wallet.is_unlocked());
    let _ = Challenge::new(1);
}

#[test]
fn asking_whether_unlocked_sees_the_idle_timeout_and_does_not_extend_it() {
    let w = World::new("wallet-idle");
    let h = holder(&w);
    let idle = i64::from(VaultOptions::insecure_for_tests().idle_timeout_secs);
    h.wallet.list().unwrap();
    // Asked every second until one second before the timeout: still unlocked, and asking is
    // not a use, so the timeout still falls 'idle' seconds after the list.
    for _ in 0..idle - 1 {
        w.clock.advance(1);
        assert!(h.wallet.is_unlocked());
    }
    w.clock.advance(1);
    assert!(!h.wallet.is_unlocked(), "idle for the timeout: locked when asked, before any use");
    assert_eq!(h.wallet.list().unwrap_err(), WalletError::Vault(VaultError::Locked));
}

#[test]
fn batch_import_is_all_or_nothing() {
    use qujat_core::vault::{CredentialId, Vault};
    let w = World::new("batch");
    let dir = tempfile::tempdir().unwrap();
    let platform = Platform {
        key_store: Arc::new(SoftwareKeyStore::in_memory(w.rng.clone())),
        clock: w.clock.clone(),
        rng: w.rng.clone(),
    };
    let vault = Vault::open(dir.path().join("v.db"), platform, VaultOptions::insecure_for_tests()).unwrap();
    let e = vault.setup(&pin(), "t").unwrap();
    let s = vault
        .confirm_enrolment(&pin(), &authenticator_code(e.otpauth_uri.expose_secret(), w.clock.now()).unwrap())
        .unwrap();
    let id = |n: u8| CredentialId::from_bytes([n; 32]);
    vault.put_credentials(&s, &[(id(1), b"one", b"s1"), (id(2), b"two", b"s2")]).unwrap();
    // A duplicate inside a batch refuses the whole batch: id 3 is not stored either.
    let err = vault.put_credentials(&s, &[(id(3), b"three", b"s3"), (id(1), b"again", b"s1")]).unwrap_err();
    assert_eq!(err, VaultError::DuplicateCredential);
    let listing = vault.list_summaries(&s).unwrap();
    assert_eq!(listing.items.len(), 2);
    assert!(!vault.contains_credential(&s, &id(3)).unwrap());
    assert_eq!(vault.get_credential(&s, &id(2)).unwrap().expose_secret(), b"two");
    let imports = vault.audit_log(&s).unwrap().entries.iter().filter(|e| e.kind == AuditKind::Import).count();
    assert_eq!(imports, 2);
}

#[test]
fn import_on_a_full_disk_is_a_storage_error_and_keeps_every_earlier_diploma() {
    let w = World::new("wallet-full");
    let h = holder(&w);
    let anchor = w.anchor.public();
    let first = issue_to(&w, "kz.enu", "enu-bachelor-honors", &h, 0);
    let first = h.wallet.import(&first, &w.trust_list, &anchor).unwrap();
    // The disk is full from here: the file may not grow.
    h.wallet.vault().set_max_page_count_for_tests(1).unwrap();
    let mut stored = vec![first.id];
    let mut full = None;
    for index in 1..40 {
        let fixture = if index % 2 == 0 { "enu-bachelor-honors" } else { "kaznu-master" };
        let issuer = if index % 2 == 0 { "kz.enu" } else { "kz.kaznu" };
        let bundle = issue_to(&w, issuer, fixture, &h, index);
        match h.wallet.import(&bundle, &w.trust_list, &anchor) {
            Ok(s) => stored.push(s.id),
            Err(e) => {
                full = Some(e);
                break;
            }
        }
    }
    let e = full.expect("the disk never filled up");
    assert!(
        matches!(e, WalletError::Vault(VaultError::Storage(StorageError { kind: StorageErrorKind::Full, .. }))),
        "{e:?}"
    );
    let (list, damaged) = h.wallet.list().unwrap();
    assert_eq!((list.len(), damaged), (stored.len(), 0));
    for id in &stored {
        assert!(!h.wallet.show(id).unwrap().claims.is_empty());
    }
    assert_eq!(h.wallet.audit_log().unwrap().status, ChainStatus::Intact);
}

#[test]
fn import_keeps_the_highest_trust_list_sequence_and_refuses_a_lower_one() {
    let mut w = World::new("wallet-trust-seq");
    for _ in 0..3 {
        w.register.allocate().unwrap();
    }
    let h = holder(&w);
    let list = |seq: u64| TrustList::sign(&w.anchor, World::trust_payload(&w.issuers, seq, NOW + 30 * DAY));
    let (seq5, seq3, seq7) = (list(5), list(3), list(7));
    let first = issue_to(&w, "kz.enu", "enu-bachelor-honors", &h, 0);
    h.wallet.import(&first, &seq5, &w.anchor.public()).unwrap();
    // A lower sequence is refused, naming both; nothing is stored.
    let second = issue_to(&w, "kz.kaznu", "kaznu-master", &h, 1);
    let e = h.wallet.import(&second, &seq3, &w.anchor.public()).unwrap_err();
    assert_eq!(e, WalletError::OlderTrustList { held: 5, offered: 3 });
    assert!(e.to_string().contains("sequence 3") && e.to_string().contains("sequence 5"), "{e}");
    assert_eq!(h.wallet.list().unwrap().0.len(), 1);
    // The same or a higher one is accepted, and the higher one is kept from then on.
    h.wallet.import(&second, &seq5, &w.anchor.public()).unwrap();
    let third = issue_to(&w, "kz.enu", "enu-bachelor-honors", &h, 2);
    h.wallet.import(&third, &seq7, &w.anchor.public()).unwrap();
    h.wallet.delete(&h.wallet.list().unwrap().0[0].id).unwrap();
    assert_eq!(
        h.wallet.import(&first, &seq5, &w.anchor.public()).unwrap_err(),
        WalletError::OlderTrustList { held: 7, offered: 5 }
    );
}

#[test]
fn the_wallet_makes_a_document_presentation_and_logs_it() {
    use qujat_core::presentation::{AudienceError, DocumentRequest, PresentError};
    use qujat_core::verifier::PresentationKind;
    let mut w = World::new("wallet-document");
    w.register.allocate().unwrap();
    let h = holder(&w);
    let bundle = issue_to(&w, "kz.enu", "enu-bachelor-honors", &h, 0);
    let summary = h.wallet.import(&bundle, &w.trust_list, &w.anchor.public()).unwrap();
    let req = DocumentRequest { days: 14, ..DocumentRequest::new("Kaspi Bank HR") };
    let p = h.wallet.present_document(&summary.id, &req).unwrap();
    assert_eq!(p.expires_at, NOW + 14 * DAY);
    let r = w.verifier().verify(&p.text, None);
    assert_eq!(r.verdict, Verdict::Valid);
    assert_eq!(r.kind, Some(PresentationKind::Document { audience: "Kaspi Bank HR".into() }));
    let log = h.wallet.audit_log().unwrap();
    let entry = log.entries.iter().find(|e| e.kind == AuditKind::PresentDocument).unwrap();
    let detail = String::from_utf8_lossy(entry.detail.expose_secret()).into_owned();
    assert!(detail.contains("days=14") && detail.contains("audience=Kaspi Bank HR"), "{detail}");
    assert!(!log.entries.iter().any(|e| e.kind == AuditKind::Present));
    // Refused requests leave no entry.
    for (req, err) in [
        (DocumentRequest { days: 91, ..DocumentRequest::new("HR") }, PresentError::BadDocumentLifetime),
        (DocumentRequest::new(""), PresentError::BadAudience(AudienceError::Length)),
    ] {
        assert_eq!(h.wallet.present_document(&summary.id, &req).unwrap_err(), WalletError::Present(err));
    }
    let n = h.wallet.audit_log().unwrap().entries.iter().filter(|e| e.kind == AuditKind::PresentDocument).count();
    assert_eq!(n, 1);
}
