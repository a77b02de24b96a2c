//! Flip bytes of every sealed value in the file, swap and move rows: each change gives a
//! typed integrity error (or a reported chain break) and everything else still reads.

use std::time::Instant;

use qujat_core::auth::SecondFactor;
use qujat_core::secret::SecretString;
use qujat_core::vault::{ChainStatus, CredentialId, KeyStoreError, VaultError};
use rusqlite::Connection;

use crate::common::{Ready, TempDir, db_path, lenient_options, pin};

fn id(n: u8) -> CredentialId {
    CredentialId::from_bytes([n; 32])
}

struct Bench {
    r: Ready,
    raw: Connection,
}

impl Bench {
    fn new(dir: &TempDir) -> Self {
        let r = Ready::new(dir.path(), lenient_options());
        for n in 0..3u8 {
            let bundle: Vec<u8> = (0..200).map(|i| n.wrapping_mul(31).wrapping_add(i as u8)).collect();
            r.vault.put_credential(&r.session, &id(n), &bundle, format!("summary {n}").as_bytes()).unwrap();
        }
        let raw = Connection::open(db_path(dir.path())).unwrap();
        raw.execute_batch("PRAGMA synchronous = OFF").unwrap();
        Self { r, raw }
    }

    fn next_code(&self) -> SecondFactor {
        self.r.next_code()
    }

    fn rowids(&self, table: &str) -> Vec<i64> {
        let mut st = self.raw.prepare(&format!("SELECT rowid FROM {table} ORDER BY rowid")).unwrap();
        st.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
    }

    fn get(&self, table: &str, col: &str, rowid: i64) -> Vec<u8> {
        self.raw.query_row(&format!("SELECT {col} FROM {table} WHERE rowid = ?1"), [rowid], |r| r.get(0)).unwrap()
    }

    fn set(&self, table: &str, col: &str, rowid: i64, v: &[u8]) {
        self.raw
            .execute(&format!("UPDATE {table} SET {col} = ?1 WHERE rowid = ?2"), rusqlite::params![v, rowid])
            .unwrap();
    }

    /// Flip each byte of one sealed value in turn (all of them, or a sample from each part:
    /// version, nonce, ciphertext, tag), run `probe` on the damaged file, restore. Returns the
    /// number of flips.
    fn each_flip(&self, table: &str, col: &str, rowid: i64, all: bool, probe: impl FnMut(&Self, usize)) -> usize {
        let n = self.get(table, col, rowid).len();
        let positions: Vec<usize> = if all { (0..n).collect() } else { vec![0, 1, 24, 25, n / 2, n - 17, n - 1] };
        self.each_flip_at(table, col, rowid, &positions, probe)
    }

    fn each_flip_at(
        &self,
        table: &str,
        col: &str,
        rowid: i64,
        positions: &[usize],
        mut probe: impl FnMut(&Self, usize),
    ) -> usize {
        let original = self.get(table, col, rowid);
        for &i in positions {
            let mut v = original.clone();
            v[i] ^= 0x01;
            self.set(table, col, rowid, &v);
            probe(self, i);
        }
        self.set(table, col, rowid, &original);
        positions.len()
    }

    /// Everything that must keep working whatever single secret record is damaged.
    fn credentials_still_read(&self) {
        let list = self.r.vault.list_summaries(&self.r.session).unwrap();
        assert_eq!((list.items.len(), list.damaged), (3, 0));
        for n in 0..3 {
            assert_eq!(self.r.vault.get_credential(&self.r.session, &id(n)).unwrap().len(), 200);
        }
    }
}

/// Which named secret a `secrets` row holds, found by damaging it once.
#[derive(Debug, PartialEq)]
enum Which {
    CredentialSet,
    HolderKey,
    AuditHead,
    Totp,
}

fn identify(b: &Bench, rowid: i64) -> Which {
    let mut which = None;
    b.each_flip_at("secrets", "sealed", rowid, &[30], |b, _| {
        which = Some(if b.r.vault.list_summaries(&b.r.session).unwrap().damaged != 0 {
            Which::CredentialSet
        } else if b.r.vault.sign_as_holder(&b.r.session, b"m").is_err() {
            Which::HolderKey
        } else if b.r.vault.audit_log(&b.r.session).unwrap().status != ChainStatus::Intact {
            Which::AuditHead
        } else {
            Which::Totp
        });
    });
    which.unwrap()
}

#[test]
fn every_byte_of_every_sealed_value_is_checked() {
    let dir = TempDir::new("tamper");
    let b = Bench::new(&dir);
    let (vault, session) = (&b.r.vault, &b.r.session);
    let integrity = |table| VaultError::Integrity { table };
    let mut flips = 0;
    let mut section = Instant::now();
    let mut lap = |name: &str, flips: usize| {
        eprintln!("tamper: {name}: {flips} flips so far, {:.1?}", section.elapsed());
        section = Instant::now();
    };

    // Credentials: summaries and bundles, every byte.
    for (k, rowid) in b.rowids("credentials").into_iter().enumerate() {
        let k = k as u8;
        flips += b.each_flip("credentials", "summary", rowid, true, |b, i| {
            let list = b.r.vault.list_summaries(&b.r.session).unwrap();
            assert_eq!((list.items.len(), list.damaged), (2, 1), "summary byte {i}");
            assert!(list.items.iter().all(|s| s.id != id(k)));
            assert_eq!(b.r.vault.get_credential(&b.r.session, &id(k)).unwrap().len(), 200);
        });
        flips += b.each_flip("credentials", "bundle", rowid, true, |b, i| {
            let e = b.r.vault.get_credential(&b.r.session, &id(k)).unwrap_err();
            assert_eq!(e, integrity("credentials"), "bundle byte {i}");
            for other in (0..3).filter(|&o| o != k) {
                assert!(b.r.vault.get_credential(&b.r.session, &id(other)).is_ok());
            }
            assert_eq!(b.r.vault.list_summaries(&b.r.session).unwrap().items.len(), 3);
        });
    }
    b.credentials_still_read();
    lap("credentials", flips);

    // Audit entries: every byte; the break is reported at that entry, the rest still read.
    let audit_rows = b.rowids("audit");
    let n = audit_rows.len();
    for rowid in audit_rows {
        let seq = u64::try_from(rowid).unwrap();
        flips += b.each_flip("audit", "sealed", rowid, true, |b, i| {
            let log = b.r.vault.audit_log(&b.r.session).unwrap();
            assert_eq!(log.status, ChainStatus::Broken { at_seq: seq }, "audit {seq} byte {i}");
            assert_eq!(log.entries.len(), n - 1);
            assert_eq!(b.r.vault.list_summaries(&b.r.session).unwrap().items.len(), 3);
        });
    }
    assert_eq!(vault.audit_log(session).unwrap().status, ChainStatus::Intact);
    lap("audit", flips);

    // Named secrets. Holder key and audit head: every byte (read probes). TOTP record: a
    // sample of positions in each part (version, nonce, ciphertext, tag), since each probe is
    // a full unlock.
    for rowid in b.rowids("secrets") {
        let which = identify(&b, rowid);
        let all = which != Which::Totp;
        flips += b.each_flip("secrets", "sealed", rowid, all, |b, i| {
            match which {
                Which::HolderKey => {
                    let e = b.r.vault.sign_as_holder(&b.r.session, b"m").unwrap_err();
                    assert_eq!(e, integrity("secrets"), "holder key byte {i}");
                    assert!(b.r.vault.holder_public_key(&b.r.session).is_err());
                }
                Which::AuditHead => {
                    let log = b.r.vault.audit_log(&b.r.session).unwrap();
                    assert!(matches!(log.status, ChainStatus::Broken { .. }), "audit head byte {i}");
                    assert_eq!(log.entries.len(), n, "entries still read");
                    // Appending rebuilds the head behind a marker entry: see damaged_file.rs
                    // `a_damaged_or_stale_audit_head_is_rebuilt_and_marks_the_chain`.
                }
                Which::Totp => {
                    let e = b.r.vault.unlock(&pin(), &b.next_code()).unwrap_err();
                    assert_eq!(e, integrity("secrets"), "TOTP record byte {i}");
                }
                Which::CredentialSet => {
                    // Which diplomas should exist is unknown: said, and every diploma still reads.
                    let list = b.r.vault.list_summaries(&b.r.session).unwrap();
                    assert_eq!((list.items.len(), list.damaged), (3, 1), "credential set byte {i}");
                    for n in 0..3 {
                        assert_eq!(b.r.vault.get_credential(&b.r.session, &id(n)).unwrap().len(), 200);
                    }
                    return;
                }
            }
            b.credentials_still_read();
        });
    }
    vault.sign_as_holder(session, b"m").unwrap();
    vault.unlock(&pin(), &b.next_code()).unwrap();
    lap("secrets", flips);

    // Recovery codes: a sample in every row. A well-formed code that matches nothing then
    // says "integrity", not "wrong code".
    let stranger = || SecondFactor::Recovery(SecretString::from("0000-0000-0000-0000"));
    assert!(matches!(vault.unlock(&pin(), &stranger()).unwrap_err(), VaultError::WrongCode { .. }));
    for (j, rowid) in b.rowids("recovery_codes").into_iter().enumerate() {
        flips += b.each_flip("recovery_codes", "sealed", rowid, false, |b, i| {
            let e = b.r.vault.unlock(&pin(), &stranger()).unwrap_err();
            assert_eq!(e, integrity("recovery_codes"), "recovery row {j} byte {i}");
        });
    }
    // A damaged row does not disable the other codes.
    let first = b.rowids("recovery_codes")[0];
    let original = b.get("recovery_codes", "sealed", first);
    let mut bad = original.clone();
    bad[30] ^= 4;
    b.set("recovery_codes", "sealed", first, &bad);
    let unlocked =
        b.r.enrolment
            .recovery_codes
            .iter()
            .filter(|code| vault.unlock(&pin(), &SecondFactor::Recovery(code.to_secret_string())).is_ok());
    assert_eq!(unlocked.count(), 9);
    b.set("recovery_codes", "sealed", first, &original);
    lap("recovery codes", flips);

    // The wrapped data key: every byte (refused by the key store before the attempt is even
    // counted; it cannot tell damaged bytes from a replaced key, so it says `InvalidData`).
    let failures = vault.status().unwrap().failures;
    flips += b.each_flip("config", "wrapped_key", 1, true, |b, i| {
        let e = b.r.vault.unlock(&pin(), &b.next_code()).unwrap_err();
        assert_eq!(e, VaultError::KeyStore(KeyStoreError::InvalidData), "wrapped key byte {i}");
    });
    assert_eq!(vault.status().unwrap().failures, failures);
    vault.unlock(&pin(), &b.next_code()).unwrap();
    lap("wrapped key", flips);
    assert!(flips > 1500, "{flips}");
}

#[test]
fn swapped_or_moved_rows_are_caught() {
    let dir = TempDir::new("swap");
    let b = Bench::new(&dir);
    let (vault, session) = (&b.r.vault, &b.r.session);
    let rows = b.rowids("credentials");
    let swap = |table: &str, col: &str, r1: i64, r2: i64| {
        let (v1, v2) = (b.get(table, col, r1), b.get(table, col, r2));
        b.set(table, col, r1, &v2);
        b.set(table, col, r2, &v1);
    };

    // Bundles of two rows swapped.
    swap("credentials", "bundle", rows[0], rows[1]);
    for n in [0, 1] {
        assert_eq!(vault.get_credential(session, &id(n)).unwrap_err(), VaultError::Integrity { table: "credentials" });
    }
    assert!(vault.get_credential(session, &id(2)).is_ok());
    swap("credentials", "bundle", rows[0], rows[1]);

    // Summaries swapped.
    swap("credentials", "summary", rows[0], rows[2]);
    let list = vault.list_summaries(session).unwrap();
    assert_eq!((list.items.len(), list.damaged), (1, 2));
    swap("credentials", "summary", rows[0], rows[2]);

    // A bundle copied into a summary column (same row): the column is bound too.
    let bundle = b.get("credentials", "bundle", rows[1]);
    let summary = b.get("credentials", "summary", rows[1]);
    b.set("credentials", "summary", rows[1], &bundle);
    assert_eq!(vault.list_summaries(session).unwrap().damaged, 1);
    b.set("credentials", "summary", rows[1], &summary);

    // A row moved to another id.
    let old_id = b.get("credentials", "id", rows[2]);
    b.set("credentials", "id", rows[2], &[0xAB; 32]);
    // (The sealed record of stored credentials tells it: one missing, one unexpected.)
    assert_eq!(
        vault.get_credential(session, &id(2)).unwrap_err(),
        VaultError::CredentialSetChanged { missing: 1, unexpected: 1 }
    );
    assert_eq!(vault.list_summaries(session).unwrap().damaged, 1);
    b.set("credentials", "id", rows[2], &old_id);

    // Two named secrets swapped (holder key and TOTP record, whichever is which).
    let secrets = b.rowids("secrets");
    swap("secrets", "sealed", secrets[0], secrets[1]);
    let sign = vault.sign_as_holder(session, b"m");
    let unlock = vault.unlock(&pin(), &b.next_code());
    let log = vault.audit_log(session).unwrap();
    let integrity = VaultError::Integrity { table: "secrets" };
    assert!(
        sign.err() == Some(integrity.clone()) || unlock.err() == Some(integrity) || log.status != ChainStatus::Intact
    );
    swap("secrets", "sealed", secrets[0], secrets[1]);

    // Audit entries swapped.
    let audit = b.rowids("audit");
    swap("audit", "sealed", audit[1], audit[2]);
    assert_eq!(vault.audit_log(session).unwrap().status, ChainStatus::Broken { at_seq: 2 });
    swap("audit", "sealed", audit[1], audit[2]);

    // Everything restored: all reads clean.
    b.credentials_still_read();
    vault.sign_as_holder(session, b"m").unwrap();
    assert_eq!(vault.audit_log(session).unwrap().status, ChainStatus::Intact);
}
