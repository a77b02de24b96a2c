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

/// A verification that cannot be recorded is never VALID, and its challenge stays unanswered.
#[test]
fn a_state_that_cannot_be_written_accepts_nothing() {
    use crate::credential::{ClaimSet, Date, Localized};
    use crate::issuer::{Issuer, Register};
    use crate::presentation::{self, Challenge, PresentationRequest};
    use crate::trust::{IssuerEntry, IssuerKey};
    use crate::verifier::Verdict;

    const NOW: i64 = 1_795_608_000;
    let (_dir, path) = temp();
    let rng = SeededRandom::new(b"unwritable");
    let anchor = KeyPair::generate(&rng).unwrap();
    let enu = Issuer::new("kz.enu", KeyPair::generate(&rng).unwrap());
    let holder = KeyPair::generate(&rng).unwrap();
    let entry = IssuerEntry {
        id: "kz.enu".into(),
        name: Localized { kk: None, ru: None, en: Some("ENU".into()) },
        keys: vec![IssuerKey { key: enu.public_key(), not_before: NOW - 86_400, not_after: NOW + 86_400 }],
    };
    let list = TrustList::sign(
        &anchor,
        TrustListPayload { sequence: 1, issued_at: NOW - 60, expires_at: NOW + 86_400, issuers: vec![entry] },
    );
    let json = include_str!("../../../../tests/fixtures/diplomas/enu-bachelor-honors.json");
    let diploma = crate::credential::input::parse_issuer_input(json.as_bytes(), Date::from_unix(NOW).unwrap()).unwrap();
    let bundle = enu.issue(&diploma, &holder.public(), 0, NOW - 3600, &rng).unwrap();
    let register = Register { next_index: 1, ..Register::default() };
    let c = Challenge::parse("777777").unwrap();
    let req = PresentationRequest { claims: ClaimSet::default_presentation(), challenge: Some(c), ttl_secs: 120 };
    let text = presentation::present(&bundle, &holder, &req, NOW).unwrap().text;

    let clock = Arc::new(ManualClock::new(NOW));
    let open = || {
        Verifier::open(
            VerifierStore::open(&path).unwrap(),
            anchor.public(),
            VerifierPolicy::default(),
            clock.clone(),
            Arc::new(SeededRandom::new(b"v")),
        )
        .unwrap()
    };
    let v = open();
    v.install_trust_list(&list).unwrap();
    v.install_status_list(&enu.status_list(&register, NOW - 60, 86_400).unwrap()).unwrap();
    // Another connection breaks the history table: the verification's transaction fails.
    Connection::open(&path).unwrap().execute_batch("ALTER TABLE history RENAME TO gone").unwrap();
    let r = v.verify(&text, Some(c));
    assert_eq!(r.verdict, Verdict::StateUnavailable);
    assert!(r.claims.values.is_empty());
    // Repaired, the same challenge is still unanswered: the failed transaction consumed nothing.
    Connection::open(&path).unwrap().execute_batch("ALTER TABLE gone RENAME TO history").unwrap();
    assert_eq!(open().verify(&text, Some(c)).verdict, Verdict::Valid);
    assert_eq!(v.verify(&text, Some(c)).verdict, Verdict::ChallengeReused);
}

#[test]
fn held_lists_and_history_are_read_without_writing() {
    let (_dir, path) = temp();
    let anchor = KeyPair::generate(&SeededRandom::new(b"anchor")).unwrap();
    let list = TrustList::sign(
        &anchor,
        TrustListPayload { sequence: 3, issued_at: 900, expires_at: 100_000, issuers: Vec::new() },
    );
    let v = verifier(&path, &anchor).unwrap();
    v.install_trust_list(&list).unwrap();
    assert_eq!(v.verify("QJ1:not base45 !", None).verdict.code(), "MALFORMED");
    assert_eq!(v.verify("QJ1:", None).verdict.code(), "MALFORMED");
    drop(v);
    let store = VerifierStore::open(&path).unwrap();
    let before = std::fs::read(&path).unwrap();
    assert_eq!(
        store.held_list_bytes().unwrap(),
        super::HeldListBytes { trust: Some(list.clone()), status: Vec::new() }
    );
    let h = store.history(10).unwrap();
    assert_eq!(h.len(), 2);
    assert_eq!((h[0].at, h[0].verdict.as_str(), h[1].verdict.as_str()), (1_000, "MALFORMED", "MALFORMED"));
    assert_eq!(store.history(1).unwrap(), h[1..].to_vec());
    assert_eq!(std::fs::read(&path).unwrap(), before, "reading wrote into the state");
}
