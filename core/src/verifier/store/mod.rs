//! The verifier's memory: one SQLite database that outlives the process.
//!
//! The store pattern: [`VerifierStore`] owns the one connection (never exposed); the write
//! functions in `lists`, `challenges` and `history` take a `&Transaction`, so that each
//! rule is checked and applied in one transaction. Two processes on the same file therefore
//! never both accept the same challenge, nor install two lists that each think they are newest.
//!
//! What it keeps: the pinned trust anchor; the trust list with the highest sequence; the
//! newest status list of each issuer; the challenges answered within a presentation's
//! lifetime plus the clock skew; a bounded history of verifications. Lists are kept as their
//! signed bytes and re-verified whenever they are loaded.
//!
//! [`VerifierStore::in_memory`] gives the same rules without a file (tests, the demo,
//! `qujat verify --no-state`), and keeps no history (no one could read it afterwards).

pub(crate) mod challenges;
pub(crate) mod history;
pub(crate) mod lists;
mod schema;

use std::path::Path;

use rusqlite::{Connection, Transaction, TransactionBehavior};

use crate::keys::PublicKey;
use crate::verifier::StoreError;

/// The verifier's state: an SQLite database on a file, or in memory.
pub struct VerifierStore {
    conn: Connection,
    /// False in memory: no other connection can change it, and no one can read its history
    /// after the process, so none is kept.
    on_file: bool,
}

impl std::fmt::Debug for VerifierStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("VerifierStore(..)")
    }
}

impl VerifierStore {
    /// Open (creating if needed, mode 0600 on Unix) the state file at `path`, migrating its
    /// schema. Another SQLite file or a damaged one gives a typed error.
    pub fn open(path: impl AsRef<Path>) -> Result<Self, StoreError> {
        let path = path.as_ref();
        create_private(path)?;
        Self::from_connection(Connection::open(path)?, false)
    }

    /// A state that lives in memory and ends with this object (the rules are the same).
    pub fn in_memory() -> Result<Self, StoreError> {
        Self::from_connection(Connection::open_in_memory()?, true)
    }

    fn from_connection(mut conn: Connection, in_memory: bool) -> Result<Self, StoreError> {
        schema::configure(&conn, in_memory)?;
        schema::migrate(&mut conn)?;
        Ok(Self { conn, on_file: !in_memory })
    }

    /// The trust anchor this state is pinned to, if any.
    pub fn pinned_anchor(&self) -> Result<Option<PublicKey>, StoreError> {
        lists::anchor(&self.conn)
    }

    /// The signed bytes of the held trust list and of each issuer's held status list, read
    /// without writing: for a verifier in memory that works on a copy of this state
    /// (`qujat verify --at`, which must not record anything as if it happened now).
    pub fn held_list_bytes(&self) -> Result<HeldListBytes, StoreError> {
        let trust = lists::trust_list_bytes(&self.conn)?;
        let status = lists::status_list_bytes(&self.conn)?.into_iter().map(|(_, b)| b).collect();
        Ok(HeldListBytes { trust, status })
    }

    /// The `n` newest verifications of the history, oldest first (see [`HistoryEntry`](crate::verifier::HistoryEntry) for what a
    /// row holds). Reads only.
    pub fn history(&self, n: u32) -> Result<Vec<history::HistoryEntry>, StoreError> {
        history::recent(&self.conn, n)
    }

    /// True for a state on a file (shared with other processes, and with a history).
    pub(crate) fn on_file(&self) -> bool {
        self.on_file
    }

    /// Run `f` in an immediate (write-locking) transaction, committed if `f` succeeds.
    pub(crate) fn write<T, E: From<StoreError>>(
        &mut self,
        f: impl FnOnce(&Transaction<'_>) -> Result<T, E>,
    ) -> Result<T, E> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(StoreError::from)?;
        let out = f(&tx)?;
        tx.commit().map_err(StoreError::from)?;
        Ok(out)
    }

    /// Read-only access for queries.
    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }
}

/// The signed lists a state holds, as bytes (to be verified again by whoever installs them).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HeldListBytes {
    /// The trust list, if one is held.
    pub trust: Option<Vec<u8>>,
    /// Each issuer's status list, by issuer id.
    pub status: Vec<Vec<u8>>,
}

/// Create the file with mode 0600 if it does not exist (SQLite would use the umask).
fn create_private(path: &Path) -> Result<(), StoreError> {
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    opts.open(path)?;
    Ok(())
}

#[cfg(test)]
mod tests;
