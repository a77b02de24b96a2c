//! The platform key store's key replaced, deleted, unavailable or answering nonsense: a typed
//! `KeyStore(..)` (or, for nonsense that is not even a key bundle, `Integrity`) error — never
//! `WrongPin`, never a counted attempt, never a lockout or a wipe — and once the key is back
//! everything reads.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Arc, Mutex};

use qujat_core::auth::SecondFactor;
use qujat_core::auth::totp::authenticator_code;
use qujat_core::platform::{ManualClock, OsRandom};
use qujat_core::secret::SecretString;
use qujat_core::vault::{
    AuditKind, CredentialId, KeyStore, KeyStoreError, Platform, SoftwareKeyStore, Vault, VaultError, VaultOptions,
    VaultState,
};

use crate::common::{Ready, T0, TempDir, db_path, open, pin, try_open};

fn options() -> VaultOptions {
    VaultOptions { idle_timeout_secs: u32::MAX, ..VaultOptions::insecure_for_tests() }
}

fn id(n: u8) -> CredentialId {
    CredentialId::from_bytes([n; 32])
}

/// A file vault with three credentials, closed; returns the authenticator URI.
fn stocked(dir: &Path) -> String {
    let r = Ready::new(dir, options());
    for n in 0..3u8 {
        r.vault.put_credential(&r.session, &id(n), &[n; 500], &[n]).unwrap();
    }
    r.enrolment.otpauth_uri.expose_secret().to_owned()
}

/// The one key file of the software key store.
fn key_file(dir: &Path) -> PathBuf {
    let mut keys: Vec<PathBuf> = std::fs::read_dir(dir.join("keys"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "key"))
        .collect();
    assert_eq!(keys.len(), 1, "{keys:?}");
    keys.pop().unwrap()
}

fn code(uri: &str, t: i64) -> SecondFactor {
    SecondFactor::Totp(authenticator_code(uri, t).unwrap())
}

/// Twelve unlocks (more than the lockout allows) and a PIN change, all refused with `expected`,
/// none counted.
fn refused_uncounted(vault: &Vault, uri: &str, t0: i64, expected: &VaultError) {
    for i in 0..12 {
        let t = t0 + 30 * i;
        assert_eq!(&vault.unlock(&pin(), &code(uri, t)).unwrap_err(), expected, "unlock {i}");
        let status = vault.status().unwrap();
        assert_eq!((status.failures, status.state), (0, VaultState::Ready), "unlock {i}");
    }
    let e = vault.change_pin(&pin(), &code(uri, t0 + 400), &SecretString::from("479158")).unwrap_err();
    assert_eq!(&e, expected, "change_pin");
    assert_eq!(vault.status().unwrap().failures, 0);
}

/// With the right key back, the old PIN unlocks, all three credentials read, and the audit
/// log holds no failed attempt.
fn all_back(dir: &Path, uri: &str, t: i64) {
    let vault = open(dir, Arc::new(ManualClock::new(t)), options());
    let session = vault.unlock(&pin(), &code(uri, t)).unwrap();
    for n in 0..3u8 {
        assert_eq!(vault.get_credential(&session, &id(n)).unwrap().expose_secret(), &[n; 500][..]);
    }
    let log = vault.audit_log(&session).unwrap();
    assert!(log.entries.iter().all(|e| e.kind != AuditKind::FailedUnlock));
}

#[test]
fn a_replaced_platform_key_is_a_key_store_error_not_a_wrong_pin() {
    let dir = TempDir::new("key-replaced");
    let uri = stocked(dir.path());
    let file = key_file(dir.path());
    let original = std::fs::read(&file).unwrap();
    let mut other = original.clone();
    other.iter_mut().for_each(|b| *b = b.wrapping_add(0x6B));
    std::fs::write(&file, &other).unwrap();

    let t = T0 + 3600;
    let vault = open(dir.path(), Arc::new(ManualClock::new(t)), options());
    refused_uncounted(&vault, &uri, t, &VaultError::KeyStore(KeyStoreError::InvalidData));
    drop(vault);

    std::fs::write(&file, &original).unwrap();
    all_back(dir.path(), &uri, t + 1200);
}

#[test]
fn a_missing_platform_key_is_key_not_found() {
    let dir = TempDir::new("key-missing");
    let uri = stocked(dir.path());
    let file = key_file(dir.path());
    let original = std::fs::read(&file).unwrap();
    std::fs::remove_file(&file).unwrap();

    let t = T0 + 3600;
    let vault = try_open(dir.path(), Arc::new(ManualClock::new(t)), options()).expect("opening needs no key");
    refused_uncounted(&vault, &uri, t, &VaultError::KeyStore(KeyStoreError::KeyNotFound));
    drop(vault);
    // The key store did not quietly make a new key under the alias.
    assert!(!file.exists());

    std::fs::write(&file, &original).unwrap();
    all_back(dir.path(), &uri, t + 1200);
}

/// How the wrapper below misbehaves.
const NORMAL: u8 = 0;
const FAIL: u8 = 1;
const GARBAGE: u8 = 2;
const FAIL_WRAP: u8 = 3;

/// A key store that delegates to a software one, or fails with a chosen error, or "unwraps"
/// to bytes that are not what was wrapped (a platform implementation with unauthenticated
/// encryption and the wrong key would do that).
struct Faulty {
    inner: SoftwareKeyStore,
    mode: AtomicU8,
    error: Mutex<KeyStoreError>,
}

impl Faulty {
    fn set(&self, mode: u8, error: KeyStoreError) {
        *self.error.lock().unwrap() = error;
        self.mode.store(mode, Ordering::SeqCst);
    }
    fn error(&self) -> KeyStoreError {
        *self.error.lock().unwrap()
    }
}

impl KeyStore for Faulty {
    fn wrap(&self, alias: &str, plaintext: &[u8]) -> Result<Vec<u8>, KeyStoreError> {
        match self.mode.load(Ordering::SeqCst) {
            FAIL | FAIL_WRAP => Err(self.error()),
            _ => self.inner.wrap(alias, plaintext),
        }
    }
    fn unwrap(&self, alias: &str, wrapped: &[u8]) -> Result<Vec<u8>, KeyStoreError> {
        match self.mode.load(Ordering::SeqCst) {
            FAIL => Err(self.error()),
            GARBAGE => Ok(wrapped.iter().map(|b| b ^ 0x3C).take(wrapped.len() - 16).collect()),
            _ => self.inner.unwrap(alias, wrapped),
        }
    }
    fn delete(&self, alias: &str) -> Result<(), KeyStoreError> {
        self.inner.delete(alias)
    }
    fn aliases_with_prefix(&self, prefix: &str) -> Result<Vec<String>, KeyStoreError> {
        self.inner.aliases_with_prefix(prefix)
    }
    fn is_hardware_backed(&self) -> bool {
        false
    }
}

#[test]
fn a_key_store_that_fails_or_answers_nonsense_is_never_a_counted_attempt() {
    let dir = TempDir::new("key-faulty");
    let uri = stocked(dir.path());
    let rng = Arc::new(OsRandom);
    let ks = Arc::new(Faulty {
        inner: SoftwareKeyStore::in_directory(dir.path().join("keys"), rng.clone()).unwrap(),
        mode: AtomicU8::new(NORMAL),
        error: Mutex::new(KeyStoreError::Unavailable),
    });
    let t = T0 + 3600;
    let clock = Arc::new(ManualClock::new(t));
    let platform = Platform { key_store: ks.clone(), clock: clock.clone(), rng };
    let vault = Vault::open(db_path(dir.path()), platform, options()).unwrap();

    let mut t = t;
    for error in [
        KeyStoreError::Unavailable,
        KeyStoreError::UserAuthenticationRequired,
        KeyStoreError::KeyInvalidated,
        KeyStoreError::InvalidData,
        KeyStoreError::Io,
    ] {
        ks.set(FAIL, error);
        refused_uncounted(&vault, &uri, t, &VaultError::KeyStore(error));
        t += 600;
        clock.set(t);
    }
    // Bytes that are not a key bundle: the bundle's own check catches them before any PIN try.
    ks.set(GARBAGE, KeyStoreError::Unavailable);
    refused_uncounted(&vault, &uri, t, &VaultError::Integrity { table: "config" });
    t += 600;
    clock.set(t);

    // The key store cannot wrap the new PIN's bundle: the change fails, the old PIN stays.
    ks.set(FAIL_WRAP, KeyStoreError::Unavailable);
    let e = vault.change_pin(&pin(), &code(&uri, t), &SecretString::from("479158")).unwrap_err();
    assert_eq!(e, VaultError::KeyStore(KeyStoreError::Unavailable));
    ks.set(NORMAL, KeyStoreError::Unavailable);
    t += 30;
    clock.set(t);
    vault.unlock(&pin(), &code(&uri, t)).unwrap();
    drop(vault);
    all_back(dir.path(), &uri, t + 60);
}
