//! The entry object: [`Vault`] owns the one database connection and the platform services;
//! [`VaultStatus`] is what it says of itself without a PIN.

use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use rusqlite::{Connection, Transaction, TransactionBehavior};

use crate::auth::AtMaxFailures;
use crate::platform::{Clock, SecureRandom, UnixTime};

use super::error::VaultError;
use super::keystore::KeyStore;
use super::options::VaultOptions;
use super::platform::Platform;
use super::rows::{self, State};
use super::schema;
use super::seal::SealKeys;
use super::session::Session;

/// Where the vault stands, for the app's start screen. Contains nothing secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VaultStatus {
    /// The life-cycle state.
    pub state: VaultState,
    /// Consecutive failed (or interrupted) unlock attempts.
    pub failures: u32,
    /// Attempts left before the lockout policy's terminal action.
    pub attempts_left: u32,
    /// When a wait is in force: the time the next attempt is allowed.
    pub locked_until: Option<UnixTime>,
    /// Only PIN + recovery code is accepted now.
    pub recovery_code_required: bool,
    /// Whether the platform key store keeps its keys in hardware.
    pub key_store_hardware_backed: bool,
}

/// The life cycle of a vault.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VaultState {
    /// Nothing set up yet.
    Uninitialized,
    /// Set up, waiting for the first authenticator code.
    EnrolmentPending,
    /// In use.
    Ready,
    /// The data key was destroyed; set up anew.
    Wiped,
}

/// The encrypted wallet store. One per database file; share it between threads with `Arc`.
pub struct Vault {
    pub(super) conn: Mutex<Connection>,
    pub(super) key_store: Arc<dyn KeyStore>,
    pub(super) clock: Arc<dyn Clock>,
    pub(super) rng: Arc<dyn SecureRandom>,
    pub(super) options: VaultOptions,
}

impl std::fmt::Debug for Vault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Vault(..)")
    }
}

impl Vault {
    /// Open (creating if needed) the vault at `path`, migrating its schema. If the lockout
    /// policy's wipe became due and was interrupted, it is completed here.
    pub fn open(path: impl AsRef<Path>, platform: Platform, options: VaultOptions) -> Result<Self, VaultError> {
        let path = path.as_ref();
        create_private(path)?;
        let conn = Connection::open(path)?;
        Self::from_connection(conn, false, platform, options)
    }

    #[cfg(test)]
    pub(crate) fn open_in_memory(platform: Platform, options: VaultOptions) -> Result<Self, VaultError> {
        Self::from_connection(Connection::open_in_memory()?, true, platform, options)
    }

    fn from_connection(
        mut conn: Connection,
        in_memory: bool,
        platform: Platform,
        options: VaultOptions,
    ) -> Result<Self, VaultError> {
        options.kdf.validate()?;
        schema::configure(&conn, in_memory)?;
        schema::migrate(&mut conn)?;
        let vault = Self {
            conn: Mutex::new(conn),
            key_store: platform.key_store,
            clock: platform.clock,
            rng: platform.rng,
            options,
        };
        vault.clean_key_chain()?;
        vault.finish_due_wipe()?;
        Ok(vault)
    }

    /// The state, failure count and any wait in force.
    pub fn status(&self) -> Result<VaultStatus, VaultError> {
        let now = self.clock.now();
        let conn = self.lock_conn();
        let config = rows::read_config(&conn)?;
        let mut lockout = rows::read_lockout(&conn)?;
        drop(conn);
        lockout.observe(now);
        let policy = &self.options.lockout;
        let state = match config.map(|c| c.state) {
            None => VaultState::Uninitialized,
            Some(State::Pending) => VaultState::EnrolmentPending,
            Some(State::Ready) => VaultState::Ready,
            Some(State::Wiped) => VaultState::Wiped,
        };
        Ok(VaultStatus {
            state,
            failures: lockout.failures,
            attempts_left: policy.attempts_left(lockout.failures),
            locked_until: lockout.locked_until(),
            recovery_code_required: policy.at_max == AtMaxFailures::RequireRecoveryCode
                && lockout.failures >= policy.max_failures,
            key_store_hardware_backed: self.key_store.is_hardware_backed(),
        })
    }

    /// Move everything from the write-ahead log into the database file and truncate the log,
    /// so that overwritten (securely deleted) pages no longer linger there.
    pub fn checkpoint(&self) -> Result<(), VaultError> {
        let conn = self.lock_conn();
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }

    /// **Tests only**: cap the database at `pages` pages (`PRAGMA max_page_count` on this
    /// vault's connection) to simulate a full disk: a write that needs a new page then fails
    /// with [`StorageErrorKind::Full`](super::StorageErrorKind::Full), as on `SQLITE_FULL`. SQLite
    /// never sets the cap below the current size, so `1` means "no growth from here". Returns
    /// the cap in force; it lasts as long as this `Vault`.
    #[doc(hidden)]
    pub fn set_max_page_count_for_tests(&self, pages: u32) -> Result<u32, VaultError> {
        let conn = self.lock_conn();
        Ok(conn.query_row(&format!("PRAGMA max_page_count = {pages}"), [], |r| r.get(0))?)
    }

    /// SQLite's own structural check of the file (`PRAGMA integrity_check`): `true` when "ok".
    pub fn integrity_check(&self) -> Result<bool, VaultError> {
        let conn = self.lock_conn();
        let first: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        Ok(first == "ok")
    }

    /// The options it was opened with.
    pub fn options(&self) -> &VaultOptions {
        &self.options
    }

    /// The injected random number generator (the wallet draws backup codes from it).
    pub(crate) fn rng(&self) -> &dyn SecureRandom {
        self.rng.as_ref()
    }

    pub(super) fn now(&self) -> UnixTime {
        self.clock.now()
    }

    pub(super) fn lock_conn(&self) -> MutexGuard<'_, Connection> {
        // A panic while the lock was held unwound through the transaction guard, which rolled
        // the transaction back: the connection is consistent, so poisoning is not fatal.
        self.conn.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Run `f` in an immediate (write) transaction and commit it.
    pub(super) fn write_tx<T>(
        &self,
        f: impl FnOnce(&Transaction<'_>) -> Result<T, VaultError>,
    ) -> Result<T, VaultError> {
        let mut conn = self.lock_conn();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }

    /// Run `f` in a read transaction (a consistent snapshot).
    pub(super) fn read_tx<T>(&self, f: impl FnOnce(&Connection) -> Result<T, VaultError>) -> Result<T, VaultError> {
        let mut conn = self.lock_conn();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Deferred)?;
        f(&tx)
    }

    /// Check that `session` belongs to this vault as it is now.
    fn check_session(conn: &Connection, session: &Session) -> Result<(), VaultError> {
        match rows::read_config(conn)? {
            Some(c) if c.state == State::Ready && &c.vault_uid == session.vault_uid() => Ok(()),
            Some(c) if c.state == State::Wiped => {
                session.lock();
                Err(VaultError::Wiped)
            }
            _ => {
                session.lock();
                Err(VaultError::Locked)
            }
        }
    }

    /// A write transaction on behalf of an unlocked session.
    pub(super) fn session_write<T>(
        &self,
        session: &Session,
        f: impl FnOnce(&Transaction<'_>, &SealKeys) -> Result<T, VaultError>,
    ) -> Result<T, VaultError> {
        let keys = session.use_keys(self.now())?;
        self.write_tx(|tx| {
            Self::check_session(tx, session)?;
            f(tx, &keys)
        })
    }

    /// A read transaction on behalf of an unlocked session.
    pub(super) fn session_read<T>(
        &self,
        session: &Session,
        f: impl FnOnce(&Connection, &SealKeys) -> Result<T, VaultError>,
    ) -> Result<T, VaultError> {
        let keys = session.use_keys(self.now())?;
        self.read_tx(|conn| {
            Self::check_session(conn, session)?;
            f(conn, &keys)
        })
    }
}

/// Create the database file with owner-only permissions before SQLite opens it (SQLite gives
/// the -wal and -shm files the mode of the database file). An existing file is left alone.
fn create_private(path: &Path) -> Result<(), VaultError> {
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    match opts.open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(_) => {
            Err(VaultError::Storage(super::error::StorageError { kind: super::error::StorageErrorKind::Io, code: -1 }))
        }
    }
}
