//! Connection settings and numbered migrations (`PRAGMA user_version`) of the verifier state.
//!
//! Settings as in the vault (WAL, `synchronous = FULL`, a busy timeout so two processes wait
//! for each other instead of failing). `PRAGMA application_id` marks the file as a Qujat
//! verifier state, so that another SQLite file given by mistake is refused, not migrated.
//! Nothing here is secret or personal: lists are public signed documents, challenges are
//! six digits, the history holds codes, ids, times and a hash (see `history.rs`).

use rusqlite::Connection;

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

/// The schema version this build writes.
pub(crate) const CURRENT_VERSION: i64 = MIGRATIONS.len() as i64;

/// Apply the connection settings. Fails if WAL cannot be enabled on a file database.
pub(crate) fn configure(conn: &Connection, in_memory: bool) -> Result<(), StoreError> {
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    conn.execute_batch(
        "PRAGMA synchronous = FULL;
         PRAGMA temp_store = MEMORY;
         PRAGMA trusted_schema = OFF;
         PRAGMA cell_size_check = ON;",
    )?;
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    if !in_memory && !mode.eq_ignore_ascii_case("wal") {
        return Err(StoreError::Storage { code: -1 });
    }
    Ok(())
}

/// Check that the file is ours (or empty), then bring the schema up to [`CURRENT_VERSION`],
/// one exclusive transaction per step (two processes opening a new state migrate once).
pub(crate) fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    for (i, sql) in MIGRATIONS.iter().enumerate() {
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Exclusive)?;
        let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let app: i64 = tx.query_row("PRAGMA application_id", [], |r| r.get(0))?;
        if version == 0 {
            let objects: i64 = tx.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
            if app != 0 || objects != 0 {
                return Err(StoreError::NotAStateFile);
            }
        } else if app != APPLICATION_ID {
            return Err(StoreError::NotAStateFile);
        }
        if !(0..=CURRENT_VERSION).contains(&version) {
            return Err(StoreError::UnsupportedVersion { found: version });
        }
        if version > i as i64 {
            continue;
        }
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        tx.pragma_update(None, "user_version", i as i64 + 1)?;
        tx.commit()?;
    }
    Ok(())
}
