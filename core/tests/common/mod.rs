//! Helpers shared by the vault integration tests.
#![allow(dead_code, clippy::unwrap_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use qujat_core::auth::totp::authenticator_code;
use qujat_core::auth::{KdfParams, LockoutPolicy, SecondFactor};
use qujat_core::platform::{Clock, ManualClock, OsRandom, SecureRandom};
use qujat_core::secret::SecretString;
use qujat_core::vault::{Enrolment, Platform, Session, SoftwareKeyStore, Vault, VaultError, VaultOptions};

pub const PIN: &str = "583920";
pub const T0: i64 = 1_800_000_000;

/// A directory removed on drop (kept when `QUJAT_KEEP_TMP` is set, for post-mortems).
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new(tag: &str) -> Self {
        static N: AtomicU64 = AtomicU64::new(0);
        let p = std::env::temp_dir().join(format!(
            "qujat-it-{tag}-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst)
        ));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).unwrap();
        Self(p)
    }
    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        if std::env::var_os("QUJAT_KEEP_TMP").is_none() {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

pub fn pin() -> SecretString {
    SecretString::from(PIN)
}

pub fn db_path(dir: &Path) -> PathBuf {
    dir.join("vault.db")
}

/// Open the vault in `dir` (key files in `dir/keys`) with the OS RNG and the given clock.
pub fn open(dir: &Path, clock: Arc<dyn Clock>, options: VaultOptions) -> Vault {
    open_with_keys(dir, &dir.join("keys"), clock, options)
}

/// Open the vault in `dir` (key files in `dir/keys`), returning the error instead of panicking
/// (damaged files, missing keys).
pub fn try_open(dir: &Path, clock: Arc<dyn Clock>, options: VaultOptions) -> Result<Vault, VaultError> {
    let rng: Arc<dyn SecureRandom> = Arc::new(OsRandom);
    let key_store = Arc::new(SoftwareKeyStore::in_directory(dir.join("keys"), rng.clone()).unwrap());
    Vault::open(db_path(dir), Platform { key_store, clock, rng }, options)
}

/// Open the vault in `dir` with the software key store's files in `keys`.
pub fn open_with_keys(dir: &Path, keys: &Path, clock: Arc<dyn Clock>, options: VaultOptions) -> Vault {
    let rng: Arc<dyn SecureRandom> = Arc::new(OsRandom);
    let key_store = Arc::new(SoftwareKeyStore::in_directory(keys, rng.clone()).unwrap());
    Vault::open(db_path(dir), Platform { key_store, clock, rng }, options).unwrap()
}

/// Tiny Argon2 and a lockout that never reaches its terminal action (tamper tests make many
/// attempts on purpose).
pub fn lenient_options() -> VaultOptions {
    VaultOptions {
        kdf: KdfParams::INSECURE_FOR_TESTS,
        lockout: LockoutPolicy { delays_secs: vec![0], max_failures: u32::MAX, ..LockoutPolicy::default() },
        idle_timeout_secs: u32::MAX,
        ..VaultOptions::insecure_for_tests()
    }
}

pub struct Ready {
    pub vault: Vault,
    pub clock: Arc<ManualClock>,
    pub enrolment: Enrolment,
    pub session: Session,
}

impl Ready {
    /// A file vault in `dir`, set up and confirmed at `T0`.
    pub fn new(dir: &Path, options: VaultOptions) -> Self {
        let clock = Arc::new(ManualClock::new(T0));
        let vault = open(dir, clock.clone(), options);
        let enrolment = vault.setup(&pin(), "wallet").unwrap();
        let code = authenticator_code(enrolment.otpauth_uri.expose_secret(), T0).unwrap();
        let session = vault.confirm_enrolment(&pin(), &code).unwrap();
        Self { vault, clock, enrolment, session }
    }

    /// Advance to the next TOTP step and return its code.
    pub fn next_code(&self) -> SecondFactor {
        self.clock.advance(30);
        SecondFactor::Totp(authenticator_code(self.enrolment.otpauth_uri.expose_secret(), self.clock.now()).unwrap())
    }
}

/// All bytes of the database, its WAL and its shared-memory file.
pub fn files_bytes(dir: &Path) -> Vec<(String, Vec<u8>)> {
    ["vault.db", "vault.db-wal", "vault.db-shm"]
        .iter()
        .map(|n| (n.to_string(), std::fs::read(dir.join(n)).unwrap_or_default()))
        .collect()
}

pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}
