//! The store on real SQLite files: foreign and damaged files give typed errors.
#![allow(clippy::unwrap_used)]

use std::sync::Arc;

use rusqlite::Connection;

use super::VerifierStore;
use crate::keys::KeyPair;
use crate::platform::{ManualClock, SeededRandom};
use crate::trust::{TrustList, TrustListPayload};
use crate::verifier::{StoreError, Verifier, VerifierPolicy};

fn verifier(path: &std::path::Path, anchor: &KeyPair) -> Result<Verifier, StoreError> {
    let rng = Arc::new(SeededRandom::new(b"store tests"));
    Verifier::open(
        VerifierStore::open(path)?,
        anchor.public(),
        VerifierPolicy::default(),
        Arc::new(ManualClock::new(1_000)),
        rng,
    )
}

fn temp() -> (crate::vault::test_support::TempDir, std::path::PathBuf) {
    let dir = crate::vault::test_support::TempDir::new("verifier-store");
    let path = dir.path().join("verifier.sqlite3");
    (dir, path)
}

#[test]
fn another_sqlite_file_is_not_a_state_file() {
    let (_dir, path) = temp();
    Connection::open(&path).unwrap().execute_batch("CREATE TABLE t (x INTEGER)").unwrap();
    assert_eq!(VerifierStore::open(&path).unwrap_err(), StoreError::NotAStateFile);
}

#[test]
fn a_newer_schema_is_refused() {
    let (_dir, path) = temp();
    drop(VerifierStore::open(&path).unwrap());
    Connection::open(&path).unwrap().pragma_update(None, "user_version", 99).unwrap();
    assert_eq!(VerifierStore::open(&path).unwrap_err(), StoreError::UnsupportedVersion { found: 99 });
}

#[test]
fn a_tampered_trust_list_row_is_damage() {
    let (_dir, path) = temp();
    let anchor = KeyPair::generate(&SeededRandom::new(b"anchor")).unwrap();
    let list = TrustList::sign(
        &anchor,
        TrustListPayload { sequence: 3, issued_at: 900, expires_at: 100_000, issuers: Vec::new() },
    );
    verifier(&path, &anchor).unwrap().install_trust_list(&list).unwrap();
    let conn = Connection::open(&path).unwrap();
    let mut bytes: Vec<u8> = conn.query_row("SELECT bytes FROM trust_list", [], |r| r.get(0)).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 1;
    conn.execute("UPDATE trust_list SET bytes = ?1", [bytes]).unwrap();
    drop(conn);
    assert_eq!(verifier(&path, &anchor).unwrap_err(), StoreError::Damaged { what: "held trust list" });
}

#[test]
fn state_file_is_private() {
    let (_dir, path) = temp();
    drop(VerifierStore::open(&path).unwrap());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
    }
}
