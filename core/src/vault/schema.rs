//! Connection settings and numbered migrations (`PRAGMA user_version`).
//!
//! ## Settings, and why
//! - `journal_mode = WAL`: a commit is one append to the log; a crash leaves either the whole
//!   transaction or none of it, and readers never block the writer.
//! - `synchronous = FULL`: the log is fsynced at every commit. `NORMAL` is safe against an app
//!   crash but may lose the last commits on power loss; the failed-attempt counter is committed
//!   *before* the PIN check precisely so that a forced reboot cannot undo it, so we pay the
//!   fsync (a few milliseconds, on writes that are rare).
//! - `secure_delete = ON`: deleted records are overwritten with zeros, not left in free pages.
//! - `temp_store = MEMORY`: no temporary files with sorted or copied rows.
//! - `trusted_schema = OFF`, `foreign_keys = ON`, `cell_size_check = ON`: a hostile file gets
//!   fewer levers.
//!
//! Every table is `STRICT`; every column that could tell something about a person holds a
//! sealed value or a keyed hash.

use std::time::Duration;

use rusqlite::Connection;

use super::error::{StorageError, StorageErrorKind, VaultError};
use crate::sqlite_schema::{Schema, SchemaError};

/// Migration `n` (1-based) brings the schema from version `n - 1` to `n`.
const MIGRATIONS: &[&str] = &[
    // 1: the first schema.
    "
    CREATE TABLE config (
        id          INTEGER PRIMARY KEY CHECK (id = 1),
        state       INTEGER NOT NULL,
        vault_uid   BLOB    NOT NULL,
        key_alias   TEXT    NOT NULL,
        wrapped_key BLOB
    ) STRICT;
    CREATE TABLE lockout (
        id        INTEGER PRIMARY KEY CHECK (id = 1),
        failures  INTEGER NOT NULL,
        remaining INTEGER NOT NULL,
        last_seen INTEGER NOT NULL
    ) STRICT;
    INSERT INTO lockout (id, failures, remaining, last_seen) VALUES (1, 0, 0, 0);
    CREATE TABLE failed_attempts (
        seq INTEGER PRIMARY KEY,
        at  INTEGER NOT NULL
    ) STRICT;
    CREATE TABLE secrets (
        id     BLOB PRIMARY KEY,
        sealed BLOB NOT NULL
    ) STRICT;
    CREATE TABLE recovery_codes (
        id     BLOB PRIMARY KEY,
        sealed BLOB NOT NULL
    ) STRICT;
    CREATE TABLE credentials (
        id      BLOB PRIMARY KEY,
        summary BLOB NOT NULL,
        bundle  BLOB NOT NULL
    ) STRICT;
    CREATE TABLE audit (
        seq    INTEGER PRIMARY KEY,
        sealed BLOB NOT NULL
    ) STRICT;
    ",
    // 2: the platform key's generation (key rotation: an older copy of the file finds no key).
    "
    ALTER TABLE config ADD COLUMN key_generation INTEGER NOT NULL DEFAULT 0;
    ",
];

/// The vault's schema: its files are not marked with an `application_id` (the `config` row
/// and sealed values say whose they are).
const SCHEMA: Schema = Schema { migrations: MIGRATIONS, application_id: None };

/// The schema version this build writes.
#[cfg(test)]
pub(crate) const CURRENT_VERSION: i64 = SCHEMA.current_version();

/// Apply the connection settings. Fails if WAL cannot be enabled on a file database.
pub(crate) fn configure(conn: &Connection, in_memory: bool) -> Result<(), VaultError> {
    let extra = "PRAGMA secure_delete = ON; PRAGMA foreign_keys = ON;";
    SCHEMA.configure(conn, in_memory, Duration::from_secs(5), extra).map_err(into_vault_error)
}

/// Bring the schema up to the current version, one transaction per step.
pub(crate) fn migrate(conn: &mut Connection) -> Result<(), VaultError> {
    SCHEMA.migrate(conn).map_err(into_vault_error)
}

fn into_vault_error(e: SchemaError) -> VaultError {
    match e {
        SchemaError::Sqlite(e) => e.into(),
        SchemaError::UnsupportedVersion { found } => VaultError::UnsupportedVersion { found },
        // No application_id is asked for, so NotOurs cannot come; a foreign file is refused
        // by the `config` row's checks instead.
        SchemaError::NotOurs | SchemaError::NoWal => {
            VaultError::Storage(StorageError { kind: StorageErrorKind::Io, code: -1 })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::test_support::TempDir;

    fn pragma_i(conn: &Connection, name: &str) -> i64 {
        conn.query_row(&format!("PRAGMA {name}"), [], |r| r.get(0)).unwrap()
    }

    #[test]
    fn settings_take_effect_on_a_file() {
        let dir = TempDir::new("schema");
        let conn = Connection::open(dir.path().join("v.db")).unwrap();
        configure(&conn, false).unwrap();
        let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
        assert_eq!(mode, "wal");
        assert_eq!(pragma_i(&conn, "secure_delete"), 1);
        assert_eq!(pragma_i(&conn, "synchronous"), 2); // FULL
        assert_eq!(pragma_i(&conn, "temp_store"), 2); // MEMORY
    }

    #[test]
    fn migrations_are_numbered_idempotent_and_refuse_the_future() {
        let dir = TempDir::new("schema");
        let path = dir.path().join("v.db");
        let mut conn = Connection::open(&path).unwrap();
        configure(&conn, false).unwrap();
        migrate(&mut conn).unwrap();
        assert_eq!(pragma_i(&conn, "user_version"), CURRENT_VERSION);
        migrate(&mut conn).unwrap();
        assert_eq!(pragma_i(&conn, "user_version"), CURRENT_VERSION);
        let tables: i64 =
            conn.query_row("SELECT count(*) FROM sqlite_schema WHERE type = 'table'", [], |r| r.get(0)).unwrap();
        assert_eq!(tables, 7);
        conn.pragma_update(None, "user_version", CURRENT_VERSION + 1).unwrap();
        assert_eq!(migrate(&mut conn).unwrap_err(), VaultError::UnsupportedVersion { found: CURRENT_VERSION + 1 });
    }
}
