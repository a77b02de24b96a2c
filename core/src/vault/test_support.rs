//! Helpers shared by the unit tests of the vault.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::auth::SecondFactor;
use crate::auth::totp::authenticator_code;
use crate::platform::{ManualClock, SeededRandom};
use crate::secret::SecretString;

use super::{Enrolment, Platform, Session, SoftwareKeyStore, Vault, VaultOptions};

/// A directory removed on drop.
pub(crate) struct TempDir(PathBuf);

impl TempDir {
    pub(crate) fn new(tag: &str) -> Self {
        static N: AtomicU64 = AtomicU64::new(0);
        let p = std::env::temp_dir().join(format!(
            "qujat-{tag}-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst)
        ));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).expect("create temp dir");
        Self(p)
    }
    pub(crate) fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

pub(crate) const PIN: &str = "583920";
pub(crate) const T0: i64 = 1_800_000_000;

/// An in-memory vault with a manual clock, set up and confirmed.
pub(crate) struct Fixture {
    pub vault: Vault,
    pub clock: Arc<ManualClock>,
    pub enrolment: Enrolment,
    pub session: Session,
}

pub(crate) fn pin() -> SecretString {
    SecretString::from(PIN)
}

impl Fixture {
    pub(crate) fn new(options: VaultOptions) -> Self {
        let clock = Arc::new(ManualClock::new(T0));
        let rng = Arc::new(SeededRandom::new(b"fixture"));
        let platform =
            Platform { key_store: Arc::new(SoftwareKeyStore::in_memory(rng.clone())), clock: clock.clone(), rng };
        let vault = Vault::open_in_memory(platform, options).expect("open");
        let enrolment = vault.setup(&pin(), "wallet").expect("setup");
        let code = authenticator_code(enrolment.otpauth_uri.expose_secret(), clock.now_secs()).expect("code");
        let session = vault.confirm_enrolment(&pin(), &code).expect("confirm");
        Self { vault, clock, enrolment, session }
    }

    /// The authenticator's code at the current time.
    pub(crate) fn code(&self) -> SecretString {
        authenticator_code(self.enrolment.otpauth_uri.expose_secret(), self.clock.now_secs()).expect("code")
    }

    /// Move to the next TOTP step and return its code.
    pub(crate) fn next_code(&self) -> SecondFactor {
        self.clock.advance(30);
        SecondFactor::Totp(self.code())
    }
}

trait NowSecs {
    fn now_secs(&self) -> i64;
}

impl NowSecs for ManualClock {
    fn now_secs(&self) -> i64 {
        crate::platform::Clock::now(self)
    }
}
