//! Unit tests of the vault as a whole (in memory; file-level tests live in `core/tests/`).

use std::sync::Arc;

use crate::auth::totp::authenticator_code;
use crate::auth::{AtMaxFailures, LockoutPolicy, SecondFactor, WeakPinReason};
use crate::platform::{ManualClock, SeededRandom};
use crate::secret::SecretString;

use super::test_support::{Fixture, PIN, T0, pin};
use super::*;

fn wrong_pin() -> SecretString {
    SecretString::from("402917")
}

fn id(n: u8) -> CredentialId {
    CredentialId::from_bytes([n; 32])
}

/// Fail once with a wrong PIN, waiting out any delay first.
fn fail_once(f: &Fixture) -> VaultError {
    if let VaultStatus { locked_until: Some(until), .. } = f.vault.status().unwrap() {
        f.clock.set(until);
    }
    f.vault.unlock(&wrong_pin(), &f.next_code()).unwrap_err()
}

#[test]
fn setup_confirm_unlock_and_replay() {
    let f = Fixture::new(VaultOptions::insecure_for_tests());
    assert_eq!(f.vault.status().unwrap().state, VaultState::Ready);
    assert_eq!(f.enrolment.recovery_codes.len(), 10);
    let code = f.next_code();
    let s = f.vault.unlock(&pin(), &code).unwrap();
    assert!(!s.is_locked());
    // The same code again (same step, even after a "restart" would read the persisted step).
    let before = f.vault.status().unwrap().attempts_left;
    let e = f.vault.unlock(&pin(), &code).unwrap_err();
    assert_eq!(e, VaultError::CodeReplayed { attempts_left: before });
    assert!(e.to_string().contains("already used; wait for the next one") && e.to_string().contains("attempts left"));
    // Not counted, however often it is repeated.
    for _ in 0..12 {
        assert_eq!(f.vault.unlock(&pin(), &code).unwrap_err(), VaultError::CodeReplayed { attempts_left: before });
    }
    assert_eq!(f.vault.status().unwrap().failures, 0);
    // After a wrong PIN, the replay says how many attempts are left (one fewer).
    let _ = f.vault.unlock(&wrong_pin(), &code).unwrap_err();
    assert_eq!(f.vault.unlock(&pin(), &code).unwrap_err(), VaultError::CodeReplayed { attempts_left: before - 1 });
    // The next step's code works and resets the counter.
    f.vault.unlock(&pin(), &f.next_code()).unwrap();
    assert_eq!(f.vault.status().unwrap().failures, 0);
}

#[test]
fn setup_refuses_weak_pins_and_bad_labels_and_double_setup() {
    let clock = Arc::new(ManualClock::new(T0));
    let rng = Arc::new(SeededRandom::new(b"setup"));
    let platform = Platform { key_store: Arc::new(SoftwareKeyStore::in_memory(rng.clone())), clock, rng };
    let v = Vault::open_in_memory(platform, VaultOptions::insecure_for_tests()).unwrap();
    assert_eq!(v.status().unwrap().state, VaultState::Uninitialized);
    assert!(!v.status().unwrap().key_store_hardware_backed);
    assert_eq!(
        v.setup(&SecretString::from("123456"), "wallet").unwrap_err(),
        VaultError::WeakPin(WeakPinReason::Sequence)
    );
    assert_eq!(v.setup(&pin(), "a:b").unwrap_err(), VaultError::BadLabel);
    assert_eq!(v.unlock(&pin(), &SecondFactor::parse("123456")).unwrap_err(), VaultError::NotInitialized);
    let e = v.setup(&pin(), "wallet").unwrap();
    assert_eq!(v.status().unwrap().state, VaultState::EnrolmentPending);
    assert_eq!(v.unlock(&pin(), &SecondFactor::parse("123456")).unwrap_err(), VaultError::EnrolmentPending);
    // A wrong first code does not complete enrolment (and counts).
    assert_eq!(
        v.confirm_enrolment(&pin(), &SecretString::from("000000")).unwrap_err(),
        VaultError::WrongCode { attempts_left: 9 }
    );
    let code = authenticator_code(e.otpauth_uri.expose_secret(), T0).unwrap();
    v.confirm_enrolment(&pin(), &code).unwrap();
    assert_eq!(v.setup(&pin(), "wallet").unwrap_err(), VaultError::AlreadyInitialized);
    assert_eq!(v.confirm_enrolment(&pin(), &code).unwrap_err(), VaultError::AlreadyInitialized);
}

#[test]
fn input_shape_errors_are_not_counted() {
    let f = Fixture::new(VaultOptions::insecure_for_tests());
    let totp = |s: &str| SecondFactor::Totp(SecretString::from(s));
    assert_eq!(f.vault.unlock(&pin(), &totp("")).unwrap_err(), VaultError::TotpRequired);
    assert_eq!(f.vault.unlock(&pin(), &totp("12a456")).unwrap_err(), VaultError::MalformedCode);
    let rc = SecondFactor::Recovery(SecretString::from("nope"));
    assert_eq!(f.vault.unlock(&pin(), &rc).unwrap_err(), VaultError::MalformedCode);
    assert_eq!(f.vault.status().unwrap().failures, 0);
}

#[test]
fn wrong_pin_and_wrong_code_count_and_report_attempts_left() {
    let f = Fixture::new(VaultOptions::insecure_for_tests());
    assert_eq!(fail_once(&f), VaultError::WrongPin { attempts_left: 9 });
    let bad_code = SecondFactor::Totp(SecretString::from("000000"));
    assert_eq!(f.vault.unlock(&pin(), &bad_code).unwrap_err(), VaultError::WrongCode { attempts_left: 8 });
    assert_eq!(f.vault.status().unwrap().failures, 2);
    f.vault.unlock(&pin(), &f.next_code()).unwrap();
    let st = f.vault.status().unwrap();
    assert_eq!((st.failures, st.attempts_left), (0, 10));
    // The two failures were moved into the sealed audit log.
    let s = f.vault.unlock(&pin(), &f.next_code()).unwrap();
    let log = f.vault.audit_log(&s).unwrap();
    assert_eq!(log.status, ChainStatus::Intact);
    let failed = log.entries.iter().filter(|e| e.kind == AuditKind::FailedUnlock).count();
    assert_eq!(failed, 2);
}

#[test]
fn delays_follow_the_policy_and_survive_clock_set_back() {
    let f = Fixture::new(VaultOptions::insecure_for_tests());
    for _ in 0..4 {
        assert!(matches!(fail_once(&f), VaultError::WrongPin { .. }));
        assert_eq!(f.vault.status().unwrap().locked_until, None);
    }
    assert_eq!(fail_once(&f), VaultError::WrongPin { attempts_left: 5 }); // 5th
    let now = crate::platform::Clock::now(f.clock.as_ref());
    assert_eq!(f.vault.status().unwrap().locked_until, Some(now + 60));
    // Even the right PIN and code are refused while the wait is on, and it is not counted.
    f.clock.advance(30);
    let code = SecondFactor::Totp(f.code());
    assert_eq!(
        f.vault.unlock(&pin(), &code).unwrap_err(),
        VaultError::LockedOut { until: now + 60, retry_after_secs: 30 }
    );
    // Clock set back a day: still locked, and the wait is not shorter.
    f.clock.advance(-86_400);
    assert!(matches!(
        f.vault.unlock(&pin(), &SecondFactor::Totp(f.code())).unwrap_err(),
        VaultError::LockedOut { retry_after_secs: 30, .. }
    ));
    assert_eq!(f.vault.status().unwrap().failures, 5);
    // Back to real time after the wait: allowed.
    f.clock.set(now + 60);
    f.vault.unlock(&pin(), &SecondFactor::Totp(f.code())).unwrap();
}

#[test]
fn tenth_failure_wipes_by_default() {
    // A long idle timeout, so that the old session is refused because of the wipe.
    let f = Fixture::new(VaultOptions { idle_timeout_secs: u32::MAX, ..VaultOptions::insecure_for_tests() });
    f.vault.put_credential(&f.session, &id(1), b"bundle", b"summary").unwrap();
    let mut last = None;
    for n in 1..=10u32 {
        let e = fail_once(&f);
        if n < 10 {
            assert_eq!(e, VaultError::WrongPin { attempts_left: 10 - n }, "failure {n}");
        }
        last = Some(e);
    }
    assert_eq!(last, Some(VaultError::Wiped));
    assert_eq!(f.vault.status().unwrap().state, VaultState::Wiped);
    assert_eq!(f.vault.unlock(&pin(), &f.next_code()).unwrap_err(), VaultError::Wiped);
    // The old session is dead too, and nothing sealed is left in the file.
    assert_eq!(f.vault.list_summaries(&f.session).unwrap_err(), VaultError::Wiped);
    let conn = f.vault.lock_conn();
    for table in ["secrets", "recovery_codes", "credentials", "audit"] {
        let n: i64 = conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).unwrap();
        assert_eq!(n, 0, "{table}");
    }
    let wrapped: Option<Vec<u8>> = conn.query_row("SELECT wrapped_key FROM config", [], |r| r.get(0)).unwrap();
    assert!(wrapped.is_none());
    drop(conn);
    // A wiped vault can be set up anew.
    f.vault.setup(&pin(), "wallet").unwrap();
}

#[test]
fn tenth_failure_can_require_a_recovery_code_instead() {
    let options =
        VaultOptions { lockout: LockoutPolicy::recovery_instead_of_wipe(), ..VaultOptions::insecure_for_tests() };
    assert_eq!(options.lockout.at_max, AtMaxFailures::RequireRecoveryCode);
    let f = Fixture::new(options);
    f.vault.put_credential(&f.session, &id(1), b"bundle", b"summary").unwrap();
    for _ in 0..10 {
        let _ = fail_once(&f);
    }
    let st = f.vault.status().unwrap();
    assert_eq!((st.state, st.recovery_code_required, st.attempts_left), (VaultState::Ready, true, 0));
    f.clock.advance(3600);
    assert_eq!(f.vault.unlock(&pin(), &f.next_code()).unwrap_err(), VaultError::RecoveryCodeRequired);
    let rc = SecondFactor::Recovery(f.enrolment.recovery_codes[0].to_secret_string());
    let s = f.vault.unlock(&pin(), &rc).unwrap();
    assert_eq!(f.vault.list_summaries(&s).unwrap().items.len(), 1);
    // The lockout is lifted; PIN + TOTP works again.
    f.vault.unlock(&pin(), &f.next_code()).unwrap();
}

#[test]
fn recovery_codes_are_spent_once() {
    let f = Fixture::new(VaultOptions::insecure_for_tests());
    let code = f.enrolment.recovery_codes[3].to_secret_string();
    let typed = SecretString::new(code.expose_secret().to_lowercase().replace('-', " "));
    let s = f.vault.unlock(&pin(), &SecondFactor::Recovery(typed)).unwrap();
    assert_eq!(f.vault.recovery_codes_left(&s).unwrap(), 9);
    assert_eq!(
        f.vault.unlock(&pin(), &SecondFactor::Recovery(code)).unwrap_err(),
        VaultError::WrongCode { attempts_left: 9 }
    );
    let log = f.vault.audit_log(&s).unwrap();
    assert!(log.entries.iter().any(|e| e.kind == AuditKind::RecoveryCodeUsed));
    let fresh = f.vault.renew_recovery_codes(&s).unwrap();
    assert_eq!(f.vault.recovery_codes_left(&s).unwrap(), 10);
    let old = SecondFactor::Recovery(f.enrolment.recovery_codes[0].to_secret_string());
    assert!(matches!(f.vault.unlock(&pin(), &old).unwrap_err(), VaultError::WrongCode { .. }));
    f.vault.unlock(&pin(), &SecondFactor::Recovery(fresh[0].to_secret_string())).unwrap();
}

#[test]
fn change_pin_needs_pin_and_code_and_rewraps_only_the_key() {
    let f = Fixture::new(VaultOptions::insecure_for_tests());
    f.vault.put_credential(&f.session, &id(7), b"bundle", b"summary").unwrap();
    let new_pin = SecretString::from("739105");
    assert_eq!(
        f.vault.change_pin(&pin(), &f.next_code(), &SecretString::from("111111")).unwrap_err(),
        VaultError::WeakPin(WeakPinReason::Repeated)
    );
    assert!(matches!(
        f.vault.change_pin(&wrong_pin(), &f.next_code(), &new_pin).unwrap_err(),
        VaultError::WrongPin { .. }
    ));
    let (before_cred, before_key): (Vec<u8>, Vec<u8>) = {
        let c = f.vault.lock_conn();
        (
            c.query_row("SELECT bundle FROM credentials", [], |r| r.get(0)).unwrap(),
            c.query_row("SELECT wrapped_key FROM config", [], |r| r.get(0)).unwrap(),
        )
    };
    f.vault.change_pin(&pin(), &f.next_code(), &new_pin).unwrap();
    let (after_cred, after_key): (Vec<u8>, Vec<u8>) = {
        let c = f.vault.lock_conn();
        (
            c.query_row("SELECT bundle FROM credentials", [], |r| r.get(0)).unwrap(),
            c.query_row("SELECT wrapped_key FROM config", [], |r| r.get(0)).unwrap(),
        )
    };
    assert_eq!(before_cred, after_cred, "records are not re-encrypted");
    assert_ne!(before_key, after_key);
    assert!(matches!(f.vault.unlock(&pin(), &f.next_code()).unwrap_err(), VaultError::WrongPin { .. }));
    let s = f.vault.unlock(&new_pin, &f.next_code()).unwrap();
    assert_eq!(f.vault.get_credential(&s, &id(7)).unwrap().expose_secret(), b"bundle");
    assert!(f.vault.audit_log(&s).unwrap().entries.iter().any(|e| e.kind == AuditKind::PinChanged));
    // The old session keeps working: the data key did not change.
    assert!(f.vault.contains_credential(&f.session, &id(7)).unwrap());
    let _ = PIN;
}

#[test]
fn sessions_lock_when_idle_and_on_request() {
    let f = Fixture::new(VaultOptions { idle_timeout_secs: 120, ..VaultOptions::insecure_for_tests() });
    f.clock.advance(119);
    assert!(f.vault.list_summaries(&f.session).is_ok());
    f.clock.advance(119);
    assert!(f.vault.list_summaries(&f.session).is_ok());
    f.clock.advance(120);
    assert_eq!(f.vault.list_summaries(&f.session).unwrap_err(), VaultError::Locked);
    assert!(f.session.is_locked());
    let s = f.vault.unlock(&pin(), &f.next_code()).unwrap();
    s.lock();
    assert_eq!(f.vault.sign_as_holder(&s, b"m").unwrap_err(), VaultError::Locked);
}

#[test]
fn a_session_from_an_earlier_setup_is_locked() {
    let f = Fixture::new(VaultOptions::insecure_for_tests());
    for _ in 0..10 {
        let _ = fail_once(&f);
    }
    f.vault.setup(&pin(), "wallet").unwrap();
    assert_eq!(f.vault.list_summaries(&f.session).unwrap_err(), VaultError::Locked);
}

#[test]
fn credentials_round_trip_refuse_duplicates_and_delete() {
    let f = Fixture::new(VaultOptions::insecure_for_tests());
    let s = &f.session;
    f.vault.put_credential(s, &id(1), b"bundle one", b"sum one").unwrap();
    f.vault.put_credential(s, &id(2), b"bundle two", b"sum two").unwrap();
    assert_eq!(f.vault.put_credential(s, &id(1), b"x", b"y").unwrap_err(), VaultError::DuplicateCredential);
    let list = f.vault.list_summaries(s).unwrap();
    assert_eq!(list.damaged, 0);
    let got: Vec<_> = list.items.iter().map(|i| (i.id, i.summary.expose_secret().to_vec())).collect();
    assert_eq!(got, vec![(id(1), b"sum one".to_vec()), (id(2), b"sum two".to_vec())]);
    assert_eq!(f.vault.get_credential(s, &id(2)).unwrap().expose_secret(), b"bundle two");
    assert!(f.vault.contains_credential(s, &id(1)).unwrap());
    f.vault.delete_credential(s, &id(1)).unwrap();
    assert_eq!(f.vault.delete_credential(s, &id(1)).unwrap_err(), VaultError::NotFound);
    assert_eq!(f.vault.get_credential(s, &id(1)).unwrap_err(), VaultError::NotFound);
    assert!(!f.vault.contains_credential(s, &id(1)).unwrap());
    // Ids are stored only as keyed hashes.
    let conn = f.vault.lock_conn();
    let row: Vec<u8> = conn.query_row("SELECT id FROM credentials", [], |r| r.get(0)).unwrap();
    assert_ne!(row, vec![2u8; 32]);
    drop(conn);
    let kinds: Vec<_> = f.vault.audit_log(s).unwrap().entries.iter().map(|e| e.kind).collect();
    assert_eq!(
        kinds,
        vec![AuditKind::Setup, AuditKind::TotpEnrolled, AuditKind::Import, AuditKind::Import, AuditKind::Delete]
    );
}

#[test]
fn holder_key_signs_inside_the_vault() {
    let f = Fixture::new(VaultOptions::insecure_for_tests());
    let pk = f.vault.holder_public_key(&f.session).unwrap();
    assert_eq!(pk, f.enrolment.holder_public_key);
    let sig = f.vault.sign_as_holder(&f.session, b"presentation").unwrap();
    assert!(pk.verify(b"presentation", &sig));
}

#[test]
fn totp_reenrolment_replaces_the_authenticator_only_when_confirmed() {
    let f = Fixture::new(VaultOptions::insecure_for_tests());
    assert_eq!(
        f.vault.confirm_totp_reenrolment(&f.session, &SecretString::from("123456")).unwrap_err(),
        VaultError::NoPendingEnrolment
    );
    let uri = f.vault.begin_totp_reenrolment(&f.session, "new phone").unwrap();
    let now = crate::platform::Clock::now(f.clock.as_ref());
    assert_eq!(
        f.vault.confirm_totp_reenrolment(&f.session, &SecretString::from("000000")).unwrap_err(),
        VaultError::WrongCode { attempts_left: 10 }
    );
    // The old authenticator still works until confirmation.
    f.vault.unlock(&pin(), &f.next_code()).unwrap();
    let new_code = authenticator_code(uri.expose_secret(), now + 30).unwrap();
    f.vault.confirm_totp_reenrolment(&f.session, &new_code).unwrap();
    f.clock.advance(30);
    let old = SecondFactor::Totp(f.code());
    assert!(matches!(
        f.vault.unlock(&pin(), &old).unwrap_err(),
        VaultError::WrongCode { .. } | VaultError::CodeReplayed { .. }
    ));
    let newer = authenticator_code(uri.expose_secret(), now + 60).unwrap();
    f.vault.unlock(&pin(), &SecondFactor::Totp(newer)).unwrap();
}

#[test]
fn record_event_extends_an_intact_chain() {
    let f = Fixture::new(VaultOptions::insecure_for_tests());
    f.vault.record_event(&f.session, AuditKind::Present, b"claims=name,degree;challenge=123456").unwrap();
    let log = f.vault.audit_log(&f.session).unwrap();
    assert_eq!(log.status, ChainStatus::Intact);
    let last = log.entries.last().unwrap();
    assert_eq!((last.kind, last.seq), (AuditKind::Present, 3));
    assert_eq!(last.detail.expose_secret(), b"claims=name,degree;challenge=123456");
}

#[test]
fn audit_chain_breaks_are_reported() {
    let f = Fixture::new(VaultOptions::insecure_for_tests());
    for n in 0..4 {
        f.vault.record_event(&f.session, AuditKind::Present, &[n]).unwrap();
    }
    // Entries 1..=6. Delete one in the middle.
    f.vault.lock_conn().execute("DELETE FROM audit WHERE seq = 4", []).unwrap();
    let log = f.vault.audit_log(&f.session).unwrap();
    assert_eq!(log.status, ChainStatus::Broken { at_seq: 4 });
    assert_eq!(log.entries.len(), 5);

    let g = Fixture::new(VaultOptions::insecure_for_tests());
    for n in 0..3 {
        g.vault.record_event(&g.session, AuditKind::Present, &[n]).unwrap();
    }
    // Truncate the end: caught by the head.
    g.vault.lock_conn().execute("DELETE FROM audit WHERE seq = 5", []).unwrap();
    assert_eq!(g.vault.audit_log(&g.session).unwrap().status, ChainStatus::Broken { at_seq: 5 });

    let h = Fixture::new(VaultOptions::insecure_for_tests());
    for n in 0..3 {
        h.vault.record_event(&h.session, AuditKind::Present, &[n]).unwrap();
    }
    // Swap two entries' ciphertexts.
    let c = h.vault.lock_conn();
    let a: Vec<u8> = c.query_row("SELECT sealed FROM audit WHERE seq = 2", [], |r| r.get(0)).unwrap();
    let b: Vec<u8> = c.query_row("SELECT sealed FROM audit WHERE seq = 3", [], |r| r.get(0)).unwrap();
    c.execute("UPDATE audit SET sealed = ?1 WHERE seq = 3", [&a]).unwrap();
    c.execute("UPDATE audit SET sealed = ?1 WHERE seq = 2", [&b]).unwrap();
    drop(c);
    assert_eq!(h.vault.audit_log(&h.session).unwrap().status, ChainStatus::Broken { at_seq: 2 });
}

#[test]
fn vault_is_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Vault>();
    assert_send_sync::<Session>();
}
