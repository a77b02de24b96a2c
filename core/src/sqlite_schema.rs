//! What the two SQLite stores (the vault, the verifier's state) share: the connection settings
//! both need and the runner of numbered migrations (`PRAGMA user_version`), so that the rules
//! are written once. Each store keeps its own migrations, extra settings and error type.
//!
//! Settings both stores take, and why (the vault's `schema.rs` says more):
//! - `journal_mode = WAL`: a commit is one append to the log; a crash leaves either the whole
//!   transaction or none of it. Refused if a file database cannot have it.
//! - `synchronous = FULL`: the log is fsynced at every commit, so power loss keeps what was
//!   acknowledged (a failed-attempt count, an answered challenge).
//! - `temp_store = MEMORY`, `trusted_schema = OFF`, `cell_size_check = ON`.
//! - a busy timeout, so two processes wait for each other instead of failing.

use std::time::Duration;

use rusqlite::{Connection, TransactionBehavior};

/// A store's schema: its migrations (migration `n`, 1-based, brings version `n - 1` to `n`)
/// and, if it marks its files, its `PRAGMA application_id`.
pub(crate) struct Schema {
    /// The SQL of each migration, in order.
    pub migrations: &'static [&'static str],
    /// `Some(id)`: a file with another id, or a non-empty file with none, is not ours.
    pub application_id: Option<i64>,
}

/// Why a schema could not be brought up to date.
#[derive(Debug)]
pub(crate) enum SchemaError {
    /// SQLite failed.
    Sqlite(rusqlite::Error),
    /// The file is a database, but not one of this store (another `application_id`).
    NotOurs,
    /// The file was written by a newer build (or is damaged): version `found`.
    UnsupportedVersion { found: i64 },
    /// A file database could not be put in WAL mode.
    NoWal,
}

impl From<rusqlite::Error> for SchemaError {
    fn from(e: rusqlite::Error) -> Self {
        Self::Sqlite(e)
    }
}

impl Schema {
    /// The schema version this build writes.
    pub const fn current_version(&self) -> i64 {
        self.migrations.len() as i64
    }

    /// Apply the settings both stores share, then `extra_pragmas`. Fails with
    /// [`SchemaError::NoWal`] if a file database cannot be put in WAL mode.
    pub fn configure(
        &self,
        conn: &Connection,
        in_memory: bool,
        busy: Duration,
        extra_pragmas: &str,
    ) -> Result<(), SchemaError> {
        conn.busy_timeout(busy)?;
        conn.execute_batch(
            "PRAGMA synchronous = FULL;
             PRAGMA temp_store = MEMORY;
             PRAGMA trusted_schema = OFF;
             PRAGMA cell_size_check = ON;",
        )?;
        conn.execute_batch(extra_pragmas)?;
        let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        if !in_memory && !mode.eq_ignore_ascii_case("wal") {
            return Err(SchemaError::NoWal);
        }
        Ok(())
    }

    /// Check that the file is this store's (or empty), then bring it up to
    /// [`current_version`](Self::current_version), one exclusive transaction per step, so that
    /// two processes opening an old file at once migrate it once. An up-to-date file costs two
    /// reads and no lock.
    pub fn migrate(&self, conn: &mut Connection) -> Result<(), SchemaError> {
        let current = self.current_version();
        if self.check(conn)? == current {
            return Ok(());
        }
        for (i, sql) in self.migrations.iter().enumerate() {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Exclusive)?;
            // Read again under the lock: another process may have migrated meanwhile.
            if self.check(&tx)? > i as i64 {
                continue;
            }
            tx.execute_batch(sql)?;
            if let Some(id) = self.application_id {
                tx.pragma_update(None, "application_id", id)?;
            }
            tx.pragma_update(None, "user_version", i as i64 + 1)?;
            tx.commit()?;
        }
        Ok(())
    }

    /// The file's schema version, once it is known to be this store's and not from the future.
    fn check(&self, conn: &Connection) -> Result<i64, SchemaError> {
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if let Some(ours) = self.application_id {
            let app: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
            if version == 0 {
                let objects: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
                if app != 0 || objects != 0 {
                    return Err(SchemaError::NotOurs);
                }
            } else if app != ours {
                return Err(SchemaError::NotOurs);
            }
        }
        if !(0..=self.current_version()).contains(&version) {
            return Err(SchemaError::UnsupportedVersion { found: version });
        }
        Ok(version)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TWO: Schema = Schema {
        migrations: &["CREATE TABLE a (x INTEGER) STRICT;", "CREATE TABLE b (y INTEGER) STRICT;"],
        application_id: Some(0x5445_5354),
    };
    const UNMARKED: Schema = Schema { migrations: &["CREATE TABLE a (x INTEGER) STRICT;"], application_id: None };

    fn pragma(conn: &Connection, name: &str) -> i64 {
        conn.query_row(&format!("PRAGMA {name}"), [], |r| r.get(0)).unwrap()
    }

    #[test]
    fn migrates_in_steps_marks_the_file_and_is_idempotent() {
        let mut conn = Connection::open_in_memory().unwrap();
        TWO.configure(&conn, true, Duration::from_secs(1), "PRAGMA foreign_keys = ON;").unwrap();
        assert_eq!(pragma(&conn, "foreign_keys"), 1);
        TWO.migrate(&mut conn).unwrap();
        assert_eq!(pragma(&conn, "user_version"), 2);
        assert_eq!(pragma(&conn, "application_id"), 0x5445_5354);
        TWO.migrate(&mut conn).unwrap();
        let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0)).unwrap();
        assert_eq!(tables, 2);
    }

    #[test]
    fn an_older_file_gets_only_the_missing_steps() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE a (x INTEGER) STRICT; PRAGMA user_version = 1; PRAGMA application_id = 1413829460;",
        )
        .unwrap();
        TWO.migrate(&mut conn).unwrap();
        assert_eq!(pragma(&conn, "user_version"), 2);
    }

    #[test]
    fn refuses_the_future_another_stores_file_and_a_foreign_database() {
        let mut conn = Connection::open_in_memory().unwrap();
        TWO.migrate(&mut conn).unwrap();
        conn.pragma_update(None, "user_version", 3).unwrap();
        assert!(matches!(TWO.migrate(&mut conn), Err(SchemaError::UnsupportedVersion { found: 3 })));

        let mut other = Connection::open_in_memory().unwrap();
        other.execute_batch("PRAGMA application_id = 7; PRAGMA user_version = 1;").unwrap();
        assert!(matches!(TWO.migrate(&mut other), Err(SchemaError::NotOurs)));

        let mut foreign = Connection::open_in_memory().unwrap();
        foreign.execute_batch("CREATE TABLE t (z TEXT);").unwrap();
        assert!(matches!(TWO.migrate(&mut foreign), Err(SchemaError::NotOurs)));
        // A store that does not mark its files checks the version only.
        UNMARKED.migrate(&mut foreign).unwrap();
        assert_eq!(pragma(&foreign, "user_version"), 1);
    }
}
