//! A full disk. SQLite's own page limit (`PRAGMA max_page_count`, through the vault's test
//! hook) makes any write that needs a new page fail with `SQLITE_FULL`; where a small tmpfs can
//! be mounted, a real `ENOSPC` does the same. Each time: a typed `Storage { kind: Full }`, no
//! half-written change, the vault reopens, the old PIN still unlocks, every earlier record
//! reads — and an unlock that could not record its success is not held against the holder.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use qujat_core::auth::SecondFactor;
use qujat_core::auth::totp::authenticator_code;
use qujat_core::platform::{Clock, ManualClock};
use qujat_core::secret::SecretString;
use qujat_core::vault::{
    AuditKind, ChainStatus, CredentialId, KeyStoreError, Session, StorageError, StorageErrorKind, Vault, VaultError,
    VaultOptions,
};

use crate::common::{PIN, Ready, TempDir, open, pin};

const NEW_PIN: &str = "479158";

fn options() -> VaultOptions {
    VaultOptions { idle_timeout_secs: u32::MAX, ..VaultOptions::insecure_for_tests() }
}

fn id(n: u32) -> CredentialId {
    let mut b = [0x5A; 32];
    b[..4].copy_from_slice(&n.to_be_bytes());
    CredentialId::from_bytes(b)
}

fn bundle(n: u32, len: usize) -> Vec<u8> {
    (0..len).map(|i| (i as u32).wrapping_mul(7).wrapping_add(n) as u8).collect()
}

fn is_full(e: &VaultError) -> bool {
    matches!(e, VaultError::Storage(StorageError { kind: StorageErrorKind::Full, .. }))
}

/// A vault with `n` credentials of various sizes (some with overflow pages).
fn stocked(dir: &Path, n: u32) -> Ready {
    let r = Ready::new(dir, options());
    for k in 0..n {
        r.vault.put_credential(&r.session, &id(k), &bundle(k, 300 + 700 * k as usize), &k.to_be_bytes()).unwrap();
    }
    r
}

/// Append empty audit entries until SQLite needs a page it may not have. Afterwards the audit
/// table cannot take another entry, while same-size updates elsewhere still fit.
fn fill_audit(vault: &Vault, session: &Session) -> usize {
    for n in 0..100_000 {
        match vault.record_event(session, AuditKind::Present, &[]) {
            Ok(()) => {}
            Err(e) => {
                assert!(is_full(&e), "{e:?}");
                return n;
            }
        }
    }
    panic!("the audit table never filled up");
}

/// Reopen after the disk was freed (no cap), unlock with `with_pin` at a later step, and check
/// the file, the `expected` credentials and the audit chain.
fn reopen_and_check(dir: &Path, r: &Ready, with_pin: &str, expected: &[(CredentialId, Vec<u8>)]) -> (Vault, Session) {
    let clock = Arc::new(ManualClock::new(r.clock.now() + 60));
    let vault = open(dir, clock.clone(), options());
    assert!(vault.integrity_check().unwrap());
    let code = authenticator_code(r.enrolment.otpauth_uri.expose_secret(), clock.now()).unwrap();
    let session = vault.unlock(&SecretString::from(with_pin), &SecondFactor::Totp(code)).unwrap();
    let list = vault.list_summaries(&session).unwrap();
    assert_eq!((list.items.len(), list.damaged), (expected.len(), 0));
    for (id, bytes) in expected {
        assert_eq!(vault.get_credential(&session, id).unwrap().expose_secret(), &bytes[..]);
    }
    assert_eq!(vault.audit_log(&session).unwrap().status, ChainStatus::Intact);
    (vault, session)
}

fn stored(n: u32) -> Vec<(CredentialId, Vec<u8>)> {
    (0..n).map(|k| (id(k), bundle(k, 300 + 700 * k as usize))).collect()
}

#[test]
fn import_on_a_full_disk_fails_typed_and_loses_nothing() {
    let dir = TempDir::new("full-import");
    let r = stocked(dir.path(), 5);
    let cap = r.vault.set_max_page_count_for_tests(1).unwrap();
    assert!(cap > 1, "the cap is the current size: {cap}");

    // A large import needs new pages: refused, typed; nothing counted.
    let e = r.vault.put_credential(&r.session, &id(100), &bundle(100, 64 * 1024), b"big").unwrap_err();
    assert!(is_full(&e), "{e:?}");
    // Small imports fit until the last page is used; then they fail the same way.
    let mut accepted = stored(5);
    let mut refused = vec![id(100)];
    for k in 101..1_000 {
        match r.vault.put_credential(&r.session, &id(k), &bundle(k, 200), b"small") {
            Ok(()) => accepted.push((id(k), bundle(k, 200))),
            Err(e) => {
                assert!(is_full(&e), "{e:?}");
                refused.push(id(k));
                break;
            }
        }
    }
    assert_eq!(refused.len(), 2, "small imports never filled the disk");
    assert_eq!(r.vault.status().unwrap().failures, 0);
    // Reading still works on the full disk.
    assert_eq!(r.vault.list_summaries(&r.session).unwrap().items.len(), accepted.len());
    for (id, bytes) in &accepted {
        assert_eq!(r.vault.get_credential(&r.session, id).unwrap().expose_secret(), &bytes[..]);
    }

    // Space freed (a new process, no cap): all acknowledged imports there, refused ones absent
    // (no half row, no audit entry), and the import now succeeds.
    let imports = accepted.len();
    let (vault, session) = reopen_and_check(dir.path(), &r, PIN, &accepted);
    for id in &refused {
        assert_eq!(vault.get_credential(&session, id).unwrap_err(), VaultError::NotFound);
    }
    let log = vault.audit_log(&session).unwrap();
    assert_eq!(log.entries.iter().filter(|e| e.kind == AuditKind::Import).count(), imports);
    vault.put_credential(&session, &id(100), &bundle(100, 64 * 1024), b"big").unwrap();
}

#[test]
fn pin_change_on_a_full_disk_keeps_the_old_pin() {
    let dir = TempDir::new("full-pin");
    let r = stocked(dir.path(), 3);
    r.vault.set_max_page_count_for_tests(1).unwrap();
    let fillers = fill_audit(&r.vault, &r.session);

    // The gate passes (same-size updates), the new wrapping cannot be committed with its audit
    // entry: typed error, and the old wrapping stays.
    let e = r.vault.change_pin(&pin(), &r.next_code(), &SecretString::from(NEW_PIN)).unwrap_err();
    assert!(is_full(&e), "{e:?} after {fillers} filler entries");
    assert_eq!(r.vault.status().unwrap().failures, 0);
    let e = r.vault.unlock(&SecretString::from(NEW_PIN), &r.next_code()).unwrap_err();
    assert!(matches!(e, VaultError::WrongPin { .. }), "the new PIN must not be in force: {e:?}");

    let (vault, session) = reopen_and_check(dir.path(), &r, PIN, &stored(3));
    let log = vault.audit_log(&session).unwrap();
    assert!(log.entries.iter().all(|e| e.kind != AuditKind::PinChanged));
    // With space, the change goes through.
    let code = authenticator_code(r.enrolment.otpauth_uri.expose_secret(), r.clock.now() + 90).unwrap();
    drop((vault, session));
    let clock = Arc::new(ManualClock::new(r.clock.now() + 90));
    let vault = open(dir.path(), clock.clone(), options());
    vault.change_pin(&pin(), &SecondFactor::Totp(code), &SecretString::from(NEW_PIN)).unwrap();
    clock.advance(30);
    let code = authenticator_code(r.enrolment.otpauth_uri.expose_secret(), clock.now()).unwrap();
    vault.unlock(&SecretString::from(NEW_PIN), &SecondFactor::Totp(code)).unwrap();
}

/// Regression: the success of an unlock (counter reset, TOTP step, audit entry) is written
/// after the attempt was counted. When the disk is too full for that write, the holder who
/// typed the right PIN and code used to keep a counted failure each time — five tries gave a
/// wait, ten wiped the vault. Now the attempt is released; a wrong PIN still counts.
#[test]
fn unlock_on_a_full_disk_is_not_counted_and_never_wipes() {
    let dir = TempDir::new("full-unlock");
    let r = stocked(dir.path(), 3);
    r.vault.set_max_page_count_for_tests(1).unwrap();
    fill_audit(&r.vault, &r.session);

    // A guess is counted on a full disk, and stays counted.
    let e = r.vault.unlock(&SecretString::from(NEW_PIN), &r.next_code()).unwrap_err();
    assert!(matches!(e, VaultError::WrongPin { attempts_left: 9 }), "{e:?}");
    for attempt in 0..12 {
        let e = r.vault.unlock(&pin(), &r.next_code()).unwrap_err();
        assert!(is_full(&e), "attempt {attempt}: {e:?}");
        assert_eq!(r.vault.status().unwrap().failures, 1, "attempt {attempt} was counted");
    }
    assert_eq!(r.vault.status().unwrap().locked_until, None);
    let e = r.vault.unlock(&pin(), &wrong_code(&r)).unwrap_err();
    assert!(matches!(e, VaultError::WrongCode { attempts_left: 8 }), "{e:?}");
    assert_eq!(r.vault.status().unwrap().failures, 2);

    let (vault, session) = reopen_and_check(dir.path(), &r, PIN, &stored(3));
    assert_eq!(vault.status().unwrap().failures, 0);
    let failed =
        vault.audit_log(&session).unwrap().entries.iter().filter(|e| e.kind == AuditKind::FailedUnlock).count();
    assert_eq!(failed, 2, "the two real failures are in the log, the full-disk attempts are not");
}

/// A well-formed code that is none of the three the gate accepts at the next step.
fn wrong_code(r: &Ready) -> SecondFactor {
    r.clock.advance(30);
    let uri = r.enrolment.otpauth_uri.expose_secret();
    let now = r.clock.now();
    let valid: Vec<String> = [now - 30, now, now + 30]
        .iter()
        .map(|&t| authenticator_code(uri, t).unwrap().expose_secret().to_owned())
        .collect();
    let wrong = ["000000", "111111", "222222", "333333"].into_iter().find(|c| !valid.iter().any(|v| v == c)).unwrap();
    SecondFactor::Totp(SecretString::from(wrong))
}

/// A tmpfs mounted for one test, unmounted on drop.
struct Tmpfs(PathBuf);

impl Tmpfs {
    fn mount(at: &Path, size: &str) -> Option<Self> {
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size},mode=0700"), "tmpfs"])
            .arg(at)
            .output()
            .is_ok_and(|o| o.status.success());
        ok.then(|| Self(at.to_owned()))
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

/// Fill the file system holding `dir` to the last byte.
fn fill_fs(dir: &Path) -> PathBuf {
    use std::io::Write;
    let path = dir.join("filler");
    let mut f = std::fs::File::create(&path).unwrap();
    let chunk = vec![0u8; 4096];
    while f.write_all(&chunk).is_ok() {}
    while f.write_all(&[0]).is_ok() {}
    let _ = f.sync_all();
    path
}

/// The same with a real `ENOSPC` from the kernel: a 2 MiB tmpfs filled to the last byte.
/// Skipped (with a note) where a tmpfs cannot be mounted (not root, or a container without
/// `CAP_SYS_ADMIN`).
#[test]
fn real_enospc_on_a_small_tmpfs() {
    let outer = TempDir::new("tmpfs");
    let mnt = outer.path().join("mnt");
    std::fs::create_dir(&mnt).unwrap();
    let Some(fs) = Tmpfs::mount(&mnt, "2m") else {
        eprintln!("real_enospc_on_a_small_tmpfs: skipped, cannot mount a tmpfs here");
        return;
    };
    let r = stocked(&mnt, 3);
    r.vault.checkpoint().unwrap();
    let filler = fill_fs(&mnt);

    let e = r.vault.put_credential(&r.session, &id(100), &bundle(100, 64 * 1024), b"big").unwrap_err();
    assert!(is_full(&e), "{e:?}");
    // The software key store's files are on the same full disk here: its new key (the
    // rotation at every attempt) cannot be written either, which is a key-store error. Either
    // way nothing is counted.
    let full_or_key_store = |e: &VaultError| is_full(e) || *e == VaultError::KeyStore(KeyStoreError::Io);
    let e = r.vault.change_pin(&pin(), &r.next_code(), &SecretString::from(NEW_PIN)).unwrap_err();
    assert!(full_or_key_store(&e), "{e:?}");
    for _ in 0..3 {
        match r.vault.unlock(&pin(), &r.next_code()) {
            Ok(_) => {}
            Err(e) => assert!(full_or_key_store(&e), "{e:?}"),
        }
    }
    assert_eq!(r.vault.status().unwrap().failures, 0);
    assert_eq!(r.vault.list_summaries(&r.session).unwrap().items.len(), 3);

    std::fs::remove_file(filler).unwrap();
    let (vault, session) = reopen_and_check(&mnt, &r, PIN, &stored(3));
    vault.put_credential(&session, &id(100), &bundle(100, 64 * 1024), b"big").unwrap();
    drop((vault, session, r));
    drop(fs);
}
