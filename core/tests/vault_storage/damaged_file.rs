//! A damaged database file: truncated at many offsets, or with one page overwritten (a page of
//! credential rows, of their index, an overflow page of one bundle) or a few bytes of one row
//! changed in place. Opening, unlocking, listing and reading never panic and fail with a typed
//! error (`Storage { kind: Corrupt }` for what SQLite finds, `Integrity` for what the seals
//! find); and when only some rows are damaged every intact record still reads, byte for byte.

use std::collections::BTreeSet;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::sync::Arc;

use qujat_core::auth::SecondFactor;
use qujat_core::auth::totp::authenticator_code;
use qujat_core::platform::{Clock, ManualClock};
use qujat_core::secret::SecretString;
use qujat_core::vault::{
    AuditKind, ChainStatus, CredentialId, StorageError, StorageErrorKind, VaultError, VaultOptions, VaultState,
};
use rusqlite::{Connection, OpenFlags};

use crate::common::{Ready, TempDir, db_path, lenient_options, pin, try_open};

const PAGE: usize = 4096;

fn id(n: u32) -> CredentialId {
    let mut b = [0xC3; 32];
    b[..4].copy_from_slice(&n.to_be_bytes());
    CredentialId::from_bytes(b)
}

struct Cred {
    id: CredentialId,
    bundle: Vec<u8>,
    summary: Vec<u8>,
    /// The sealed summary and bundle as stored (to find their pages in the file).
    sealed_summary: Vec<u8>,
    sealed_bundle: Vec<u8>,
}

/// A closed vault file with `n` credentials, checkpointed, and what is needed to unlock it.
struct Sample {
    dir: TempDir,
    uri: String,
    time: i64,
    pristine: Vec<u8>,
    creds: Vec<Cred>,
    keys: Vec<(std::ffi::OsString, Vec<u8>)>,
}

impl Sample {
    fn new(tag: &str, n: u32) -> Self {
        let dir = TempDir::new(tag);
        let r = Ready::new(dir.path(), lenient_options());
        let mut creds = Vec::new();
        for k in 0..n {
            // 200 .. 2,000 bytes (several rows per leaf), and every seventh row 5 to 7 KB (its
            // tail on overflow pages).
            let len = if k % 7 == 3 { 5000 + k as usize * 50 } else { 200 + (k as usize * 337) % 1800 };
            let bundle: Vec<u8> = (0..len).map(|i| (i as u32 ^ k.wrapping_mul(0x9E37)) as u8).collect();
            let summary = format!("diploma {k}").into_bytes();
            r.vault.put_credential(&r.session, &id(k), &bundle, &summary).unwrap();
            creds.push(Cred { id: id(k), bundle, summary, sealed_summary: vec![], sealed_bundle: vec![] });
        }
        r.vault.checkpoint().unwrap();
        let time = r.clock.now();
        let uri = r.enrolment.otpauth_uri.expose_secret().to_owned();
        drop(r);
        {
            let raw = raw(dir.path());
            let mut st = raw.prepare("SELECT summary, bundle FROM credentials ORDER BY rowid").unwrap();
            let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
            for (c, row) in creds.iter_mut().zip(rows) {
                (c.sealed_summary, c.sealed_bundle) = row.unwrap();
            }
        }
        let pristine = std::fs::read(db_path(dir.path())).unwrap();
        assert_eq!(pristine.len() % PAGE, 0);
        // Each probe unlocks, which rotates the platform key; putting the pristine file back
        // then needs its key back too (the software key store's folder, copied with the file).
        let keys = std::fs::read_dir(dir.path().join("keys"))
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                (e.file_name(), std::fs::read(e.path()).unwrap())
            })
            .collect();
        Self { dir, uri, time, pristine, creds, keys }
    }

    /// Pages of `name` (a table or index) of the given dbstat page type, from the pristine file.
    fn pages(&self, name: &str, pagetype: &str) -> Vec<usize> {
        self.install(&self.pristine);
        let raw = raw(self.dir.path());
        let mut st =
            raw.prepare("SELECT pageno FROM dbstat WHERE name = ?1 AND pagetype = ?2 ORDER BY pageno").unwrap();
        st.query_map([name, pagetype], |r| r.get::<_, i64>(0)).unwrap().map(|p| p.unwrap() as usize).collect()
    }

    /// The 1-based page holding `needle` in the pristine file, if it is there in one piece.
    fn page_of(&self, needle: &[u8]) -> Option<usize> {
        let at = self.pristine.windows(needle.len()).position(|w| w == needle)?;
        Some(at / PAGE + 1)
    }

    /// Replace the database with `bytes` (no log, no shared memory).
    fn install(&self, bytes: &[u8]) {
        let db = db_path(self.dir.path());
        for ext in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{ext}", db.display()));
        }
        std::fs::write(&db, bytes).unwrap();
        let keys = self.dir.path().join("keys");
        let _ = std::fs::remove_dir_all(&keys);
        std::fs::create_dir_all(&keys).unwrap();
        for (name, k) in &self.keys {
            std::fs::write(keys.join(name), k).unwrap();
        }
    }

    /// Open, unlock, list and read every credential of the installed file, `round` TOTP steps
    /// after the sample was made. Never panics on the vault's side: a panic is reported with
    /// `what`.
    fn probe(&self, round: i64, what: &str) -> Outcome {
        let run = || -> Result<Read, (Stage, VaultError)> {
            let t = self.time + 30 * (round + 1);
            let clock = Arc::new(ManualClock::new(t));
            let vault = try_open(self.dir.path(), clock, lenient_options()).map_err(|e| (Stage::Open, e))?;
            let status = vault.status().map_err(|e| (Stage::Status, e))?;
            if status.state != VaultState::Ready {
                return Ok(Read { state: status.state, listed: BTreeSet::new(), damaged: 0, reads: vec![] });
            }
            let code = authenticator_code(&self.uri, t).unwrap();
            let session = vault.unlock(&pin(), &SecondFactor::Totp(code)).map_err(|e| (Stage::Unlock, e))?;
            let list = vault.list_summaries(&session).map_err(|e| (Stage::List, e))?;
            let mut listed = BTreeSet::new();
            for item in &list.items {
                let k = self.creds.iter().position(|c| c.id == item.id).expect("a listed id we stored");
                assert_eq!(item.summary.expose_secret(), &self.creds[k].summary[..], "{what}: summary {k}");
                listed.insert(k);
            }
            let reads = self
                .creds
                .iter()
                .enumerate()
                .map(|(k, c)| match vault.get_credential(&session, &c.id) {
                    Ok(b) => {
                        assert_eq!(b.expose_secret(), &c.bundle[..], "{what}: bundle {k}");
                        Ok(())
                    }
                    Err(e) => Err(e),
                })
                .collect();
            Ok(Read { state: status.state, listed, damaged: list.damaged, reads })
        };
        match catch_unwind(AssertUnwindSafe(run)) {
            Ok(r) => r,
            Err(_) => panic!("{what}: panicked"),
        }
    }
}

fn raw(dir: &Path) -> Connection {
    Connection::open_with_flags(db_path(dir), OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    Open,
    Status,
    Unlock,
    List,
}

#[derive(Debug)]
struct Read {
    state: VaultState,
    /// Indices of the credentials listed.
    listed: BTreeSet<usize>,
    damaged: usize,
    /// Per credential: read back intact, or the error.
    reads: Vec<Result<(), VaultError>>,
}

type Outcome = Result<Read, (Stage, VaultError)>;

/// What a damaged file may answer: SQLite's "corrupt" (or "not a database"), a seal that does
/// not open, or a row that is no longer found.
fn clear(e: &VaultError) -> bool {
    matches!(
        e,
        VaultError::Storage(StorageError { kind: StorageErrorKind::Corrupt, .. })
            | VaultError::Integrity { .. }
            | VaultError::NotFound
    )
}

#[test]
fn truncated_files_give_typed_errors_never_a_panic() {
    let s = Sample::new("truncate", 40);
    let len = s.pristine.len();
    assert!(len >= 12 * PAGE, "{len}");
    let mut cuts = vec![0, 1, 16, 99, 100, 101, 512, PAGE - 1, PAGE, PAGE + 1, 2 * PAGE, 3 * PAGE + 17];
    cuts.extend([len / 3, len / 2, len / 2 + 100, 2 * len / 3, len - 2 * PAGE, len - PAGE, len - PAGE + 1, len - 1]);
    let mut summary = Vec::new();
    for (round, &cut) in cuts.iter().enumerate() {
        s.install(&s.pristine[..cut]);
        let what = format!("truncated at {cut} of {len}");
        let outcome = s.probe(round as i64, &what);
        match &outcome {
            Err((stage, e)) => assert!(clear(e), "{what}: {stage:?}: {e:?}"),
            Ok(read) => {
                for e in read.reads.iter().filter_map(|r| r.as_ref().err()) {
                    assert!(clear(e), "{what}: {e:?}");
                }
                // What is listed reads (a list entry whose bundle is lost is possible: the
                // bundle's overflow pages may be gone while the summary survives).
                if cut == 0 {
                    // An empty file is a new database: nothing left to protect or report.
                    assert_eq!(read.state, VaultState::Uninitialized);
                }
            }
        }
        summary.push(format!("{cut}: {}", describe(&outcome)));
    }
    eprintln!("truncation outcomes:\n  {}", summary.join("\n  "));
}

fn describe(o: &Outcome) -> String {
    match o {
        Err((stage, e)) => format!("{stage:?} failed: {e:?}"),
        Ok(r) => format!(
            "{:?}, listed {}, damaged {}, read {}/{}",
            r.state,
            r.listed.len(),
            r.damaged,
            r.reads.iter().filter(|x| x.is_ok()).count(),
            r.reads.len()
        ),
    }
}

/// Overwrite page `page` (1-based) of the pristine file with a pattern.
fn with_page_overwritten(s: &Sample, page: usize) -> Vec<u8> {
    let mut bytes = s.pristine.clone();
    let start = (page - 1) * PAGE;
    for (i, b) in bytes[start..start + PAGE].iter_mut().enumerate() {
        *b = (i as u8).wrapping_mul(151) ^ 0xA5;
    }
    bytes
}

#[test]
fn a_destroyed_page_of_credential_rows_spares_every_other_record() {
    let s = Sample::new("page", 40);
    let leaves = s.pages("credentials", "leaf");
    assert!(leaves.len() >= 3, "want several leaves: {leaves:?}");
    for (round, &page) in leaves.iter().enumerate() {
        let on_page: BTreeSet<usize> =
            (0..s.creds.len()).filter(|&k| s.page_of(&s.creds[k].sealed_summary) == Some(page)).collect();
        assert!(!on_page.is_empty());
        s.install(&with_page_overwritten(&s, page));
        let what = format!("credentials leaf page {page} (rows {on_page:?}) overwritten");
        let read = s.probe(round as i64, &what).unwrap_or_else(|(st, e)| panic!("{what}: {st:?} failed: {e:?}"));
        let intact: BTreeSet<usize> = (0..s.creds.len()).filter(|k| !on_page.contains(k)).collect();
        assert_eq!(read.listed, intact, "{what}: every intact record is listed");
        assert_eq!(read.damaged, on_page.len(), "{what}: damaged rows counted");
        for (k, r) in read.reads.iter().enumerate() {
            if on_page.contains(&k) {
                assert!(clear(r.as_ref().unwrap_err()), "{what}: row {k}: {r:?}");
            } else {
                assert!(r.is_ok(), "{what}: intact row {k}: {r:?}");
            }
        }
    }
}

#[test]
fn a_destroyed_index_page_loses_no_record() {
    let s = Sample::new("index", 40);
    let mut pages = s.pages("sqlite_autoindex_credentials_1", "leaf");
    pages.extend(s.pages("sqlite_autoindex_credentials_1", "internal"));
    assert!(!pages.is_empty());
    for (round, &page) in pages.iter().enumerate() {
        s.install(&with_page_overwritten(&s, page));
        let what = format!("index page {page} overwritten");
        let read = s.probe(round as i64, &what).unwrap_or_else(|(st, e)| panic!("{what}: {st:?} failed: {e:?}"));
        assert_eq!(read.listed.len(), s.creds.len(), "{what}");
        assert_eq!(read.damaged, 0, "{what}");
        for (k, r) in read.reads.iter().enumerate() {
            assert!(r.is_ok(), "{what}: record {k}: {r:?}");
        }
    }
}

#[test]
fn a_destroyed_overflow_page_damages_one_bundle_only() {
    let s = Sample::new("overflow", 40);
    let overflow = s.pages("credentials", "overflow");
    assert!(!overflow.is_empty());
    let mut hit = 0;
    for (round, &page) in overflow.iter().enumerate() {
        // The row whose sealed bundle continues on this page (some 64 bytes of it are there).
        let owner =
            (0..s.creds.len()).find(|&k| s.creds[k].sealed_bundle.chunks_exact(64).any(|c| s.page_of(c) == Some(page)));
        let Some(owner) = owner else { continue };
        hit += 1;
        s.install(&with_page_overwritten(&s, page));
        let what = format!("overflow page {page} of row {owner} overwritten");
        let read = s.probe(round as i64, &what).unwrap_or_else(|(st, e)| panic!("{what}: {st:?} failed: {e:?}"));
        for (k, r) in read.reads.iter().enumerate() {
            if k == owner {
                assert!(clear(r.as_ref().unwrap_err()), "{what}: {r:?}");
            } else {
                assert!(r.is_ok(), "{what}: intact row {k}: {r:?}");
            }
        }
        // Its summary (in the leaf) may still list; every other one does.
        assert!(read.listed.len() >= s.creds.len() - 1, "{what}: {read:?}");
    }
    assert!(hit >= 3, "{hit}");
}

#[test]
fn a_few_bytes_changed_in_one_row_damage_that_row_only() {
    let s = Sample::new("bytes", 40);
    for (round, k) in [0usize, 17, 39].into_iter().enumerate() {
        let mut bytes = s.pristine.clone();
        let at = bytes.windows(s.creds[k].sealed_summary.len()).position(|w| w == s.creds[k].sealed_summary).unwrap();
        for b in &mut bytes[at + 30..at + 46] {
            *b ^= 0xFF;
        }
        s.install(&bytes);
        let what = format!("16 bytes of summary {k} changed in the file");
        let read = s.probe(round as i64, &what).unwrap_or_else(|(st, e)| panic!("{what}: {st:?} failed: {e:?}"));
        assert_eq!((read.listed.len(), read.damaged), (s.creds.len() - 1, 1), "{what}");
        assert!(!read.listed.contains(&k));
        assert!(read.reads.iter().all(Result::is_ok), "{what}: the bundles are untouched");
    }
}

/// Regression: a damaged TOTP record or audit head made step 6 of every unlock fail *after*
/// the attempt was counted, so a holder typing the right PIN and code ten times wiped the
/// vault — every intact diploma with it. Now such an attempt is released: typed error, no
/// count, no wait, no wipe; a wrong PIN still counts.
#[test]
fn a_damaged_secret_row_never_counts_a_right_pin_or_wipes() {
    let dir = TempDir::new("secret-row");
    let r = Ready::new(dir.path(), VaultOptions { idle_timeout_secs: u32::MAX, ..VaultOptions::insecure_for_tests() });
    r.vault.put_credential(&r.session, &id(1), b"diploma", b"summary").unwrap();
    let raw = Connection::open(db_path(dir.path())).unwrap();
    let rowids: Vec<i64> = {
        let mut st = raw.prepare("SELECT rowid FROM secrets ORDER BY rowid").unwrap();
        st.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
    };
    let mut refused = 0;
    for rowid in rowids {
        let original: Vec<u8> =
            raw.query_row("SELECT sealed FROM secrets WHERE rowid = ?1", [rowid], |r| r.get(0)).unwrap();
        let mut bad = original.clone();
        bad[30] ^= 0x40;
        raw.execute("UPDATE secrets SET sealed = ?1 WHERE rowid = ?2", rusqlite::params![bad, rowid]).unwrap();
        for attempt in 0..12 {
            match r.vault.unlock(&pin(), &r.next_code()) {
                Ok(_) => {}
                Err(e) => {
                    assert_eq!(e, VaultError::Integrity { table: "secrets" }, "row {rowid}, attempt {attempt}");
                    refused += 1;
                }
            }
            let status = r.vault.status().unwrap();
            assert_eq!((status.state, status.failures), (VaultState::Ready, 0), "row {rowid}, attempt {attempt}");
        }
        let e = r.vault.unlock(&SecretString::from("479158"), &r.next_code()).unwrap_err();
        assert!(matches!(e, VaultError::WrongPin { attempts_left: 9 }), "{e:?}");
        raw.execute("UPDATE secrets SET sealed = ?1 WHERE rowid = ?2", rusqlite::params![original, rowid]).unwrap();
        let session = r.vault.unlock(&pin(), &r.next_code()).unwrap();
        assert_eq!(r.vault.get_credential(&session, &id(1)).unwrap().expose_secret(), b"diploma");
    }
    // The TOTP record refuses every attempt; the audit head does not: the log is continued
    // behind a HeadRebuilt entry (twice: once damaged, once an old copy written back).
    assert_eq!(refused, 12, "only the TOTP record refuses");
    let session = r.vault.unlock(&pin(), &r.next_code()).unwrap();
    let log = r.vault.audit_log(&session).unwrap();
    let rebuilt: Vec<u64> = log.entries.iter().filter(|e| e.kind == AuditKind::HeadRebuilt).map(|e| e.seq).collect();
    assert_eq!(rebuilt.len(), 2, "{rebuilt:?}");
    assert_eq!(log.status, ChainStatus::Broken { at_seq: rebuilt[0] });
}

/// Regression: a damaged audit head used to refuse every unlock (typed, not counted, but the
/// holder could no longer reach intact diplomas). Now the log continues behind a marker.
#[test]
fn a_damaged_or_stale_audit_head_is_rebuilt_and_marks_the_chain() {
    let dir = TempDir::new("audit-head");
    let r = Ready::new(dir.path(), VaultOptions { idle_timeout_secs: u32::MAX, ..VaultOptions::insecure_for_tests() });
    r.vault.put_credential(&r.session, &id(1), b"diploma", b"summary").unwrap();
    let intact = r.vault.audit_log(&r.session).unwrap();
    assert_eq!(intact.status, ChainStatus::Intact);
    let last = intact.entries.last().unwrap().seq;
    let raw = Connection::open(db_path(dir.path())).unwrap();
    // The head is the secrets row rewritten by every append: find it by writing one more entry.
    let rows_before: Vec<(i64, Vec<u8>)> = secrets(&raw);
    r.vault.record_event(&r.session, AuditKind::Present, b"x").unwrap();
    let changed: Vec<i64> = secrets(&raw)
        .into_iter()
        .filter(|(id, v)| rows_before.iter().any(|(i, w)| i == id && w != v))
        .map(|(id, _)| id)
        .collect();
    assert_eq!(changed.len(), 1, "one secrets row changes per entry: the head");
    let head_row = changed[0];
    let stale: Vec<u8> = rows_before.iter().find(|(i, _)| *i == head_row).unwrap().1.clone();

    // Damaged: the next unlock works and starts the rebuilt part of the log.
    let mut bad = stale.clone();
    bad[30] ^= 0x40;
    raw.execute("UPDATE secrets SET sealed = ?1 WHERE rowid = ?2", rusqlite::params![bad, head_row]).unwrap();
    let session = r.vault.unlock(&pin(), &r.next_code()).unwrap();
    let log = r.vault.audit_log(&session).unwrap();
    let marker = log.entries.iter().find(|e| e.kind == AuditKind::HeadRebuilt).unwrap();
    assert_eq!(marker.seq, last + 2, "after the Present entry");
    assert!(marker.detail.is_empty(), "the damaged head named nothing readable");
    assert_eq!(log.status, ChainStatus::Broken { at_seq: marker.seq });
    assert_eq!(log.entries.last().unwrap().kind, AuditKind::Unlocked);
    assert_eq!(r.vault.get_credential(&session, &id(1)).unwrap().expose_secret(), b"diploma");

    // Stale (an old, valid copy of the head written back): rebuilt too, naming the old number.
    raw.execute("UPDATE secrets SET sealed = ?1 WHERE rowid = ?2", rusqlite::params![stale, head_row]).unwrap();
    r.vault.record_event(&session, AuditKind::Present, b"y").unwrap();
    let log = r.vault.audit_log(&session).unwrap();
    let markers: Vec<_> = log.entries.iter().filter(|e| e.kind == AuditKind::HeadRebuilt).collect();
    assert_eq!(markers.len(), 2);
    assert_eq!(markers[1].detail.expose_secret(), &last.to_be_bytes()[..]);
    // Every entry still opens and links; the first marker is where the chain is broken.
    assert_eq!(log.status, ChainStatus::Broken { at_seq: markers[0].seq });
    let seqs: Vec<u64> = log.entries.iter().map(|e| e.seq).collect();
    assert_eq!(seqs, (1..=seqs.len() as u64).collect::<Vec<_>>());
}

fn secrets(raw: &Connection) -> Vec<(i64, Vec<u8>)> {
    let mut st = raw.prepare("SELECT rowid, sealed FROM secrets ORDER BY rowid").unwrap();
    st.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect()
}
