//! Connection settings and numbered migrations (`PRAGMA user_version`) of the verifier state.
//!
//! Settings as in the vault (WAL, `synchronous = FULL`, a busy timeout so two processes wait
//! for each other instead of failing). `PRAGMA application_id` marks the file as a Qujat
//! verifier state, so that another SQLite file given by mistake is refused, not migrated.
//! Nothing here is secret or personal: lists are public signed documents, challenges are
//! six digits, the history holds codes, ids, times and a hash (see `history.rs`).

use std::time::Duration;

use rusqlite::Connection;

use crate::sqlite_schema::{Schema, SchemaError};
use crate::verifier::StoreError;

/// `QJVF` in ASCII: the `application_id` of a verifier state file.
pub(crate) const APPLICATION_ID: i64 = 0x514A_5646;

/// Migration `n` (1-based) brings the schema from version `n - 1` to `n`.
const MIGRATIONS: &[&str] = &[
    // 1: the first schema.
    "
    CREATE TABLE anchor (
        id  INTEGER PRIMARY KEY CHECK (id = 1),
        key BLOB NOT NULL
    ) STRICT;
    CREATE TABLE trust_list (
        id       INTEGER PRIMARY KEY CHECK (id = 1),
        sequence INTEGER NOT NULL,
        bytes    BLOB    NOT NULL
    ) STRICT;
    CREATE TABLE status_list (
        issuer    TEXT    PRIMARY KEY,
        issued_at INTEGER NOT NULL,
        bytes     BLOB    NOT NULL
    ) STRICT;
    CREATE TABLE challenge (
        code        INTEGER PRIMARY KEY,
        consumed_at INTEGER NOT NULL
    ) STRICT;
    CREATE TABLE history (
        seq                 INTEGER PRIMARY KEY,
        at                  INTEGER NOT NULL,
        verdict             TEXT    NOT NULL,
        issuer              TEXT,
        trust_list_sequence INTEGER,
        status_issued_at    INTEGER,
        challenge           INTEGER,
        presentation_sha256 BLOB    NOT NULL
    ) STRICT;
    ",
];

/// The verifier state's schema, its files marked `QJVF`.
const SCHEMA: Schema = Schema { migrations: MIGRATIONS, application_id: Some(APPLICATION_ID) };

/// Apply the connection settings. Fails if WAL cannot be enabled on a file database.
pub(crate) fn configure(conn: &Connection, in_memory: bool) -> Result<(), StoreError> {
    SCHEMA.configure(conn, in_memory, Duration::from_secs(10), "").map_err(into_store_error)
}

/// Check that the file is ours (or empty), then bring the schema up to the current version,
/// one exclusive transaction per step (two processes opening a new state migrate once).
pub(crate) fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    SCHEMA.migrate(conn).map_err(into_store_error)
}

fn into_store_error(e: SchemaError) -> StoreError {
    match e {
        SchemaError::Sqlite(e) => e.into(),
        SchemaError::NotOurs => StoreError::NotAStateFile,
        SchemaError::UnsupportedVersion { found } => StoreError::UnsupportedVersion { found },
        SchemaError::NoWal => StoreError::Storage { code: -1 },
    }
}
