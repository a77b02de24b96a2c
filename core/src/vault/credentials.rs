//! Stored credentials, as opaque sealed blobs.
//!
//! The caller (the wallet glue, which parses and verifies credentials) derives a 32-byte
//! [`CredentialId`]; the table keys rows by `HMAC(lookup key, "credential" ‖ id)`, so the file
//! reveals neither the id nor anything about the credential. Each row holds two sealed values:
//! the *summary* (what a list screen shows, prefixed with the id so listing can return it) and
//! the *bundle* (the full credential). Both are bound to the row's key and their column.

use std::collections::BTreeSet;
use std::fmt;

use rusqlite::{Connection, OptionalExtension, Transaction, params};

use crate::keys::{hex_decode, hex_encode};
use crate::platform::SecureRandom;
use crate::secret::SecretVec;

use super::audit::{self, AuditKind};
use super::credential_set;
use super::error::{StorageError, StorageErrorKind, VaultError};
use super::seal::{Place, SealKeys};
use super::session::Session;
use super::vault::Vault;

const TABLE: &str = "credentials";

/// The caller-derived identifier of a credential (for example a hash of its signed bytes).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct CredentialId([u8; 32]);

impl CredentialId {
    /// From 32 bytes.
    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        Self(bytes)
    }
    /// The 32 bytes.
    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }
    /// Lower-case hex.
    pub fn to_hex(&self) -> String {
        hex_encode(&self.0)
    }
    /// Parse 64 hex digits.
    pub fn from_hex(s: &str) -> Option<Self> {
        let b = hex_decode(s.trim())?;
        Some(Self(b.try_into().ok()?))
    }
}

impl fmt::Debug for CredentialId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CredentialId({})", self.to_hex())
    }
}

/// One line of the list: the id and the caller's summary bytes.
#[derive(Debug)]
pub struct CredentialSummary {
    /// The credential's id.
    pub id: CredentialId,
    /// The summary stored with it.
    pub summary: SecretVec,
}

/// The result of listing: every summary that opened, and how many rows did not.
#[derive(Debug)]
pub struct CredentialListing {
    /// Summaries, in the order the credentials were stored.
    pub items: Vec<CredentialSummary>,
    /// Rows that could not be read: their sealed summary failed its integrity check (damaged
    /// or tampered), or SQLite found their page of the file damaged, or the row is not in the
    /// sealed record of stored credentials (put back from an older copy). When the damage
    /// hides how many rows there were, this is a lower bound (at least 1).
    pub damaged: usize,
    /// Credentials the sealed record lists whose rows are gone (deleted outside the app).
    pub missing: usize,
}

pub(super) fn row_key(keys: &SealKeys, id: &CredentialId) -> [u8; 32] {
    keys.lookup_id("credential", id.as_bytes())
}

pub(super) fn summary_place(row: &[u8]) -> Place<'_> {
    Place { table: TABLE, column: "summary", id: row }
}

pub(super) fn bundle_place(row: &[u8]) -> Place<'_> {
    Place { table: TABLE, column: "bundle", id: row }
}

/// Insert a credential; refuses a duplicate id.
pub(crate) fn insert(
    tx: &Transaction<'_>,
    keys: &SealKeys,
    rng: &dyn SecureRandom,
    id: &CredentialId,
    bundle: &[u8],
    summary: &[u8],
) -> Result<(), VaultError> {
    let row = row_key(keys, id);
    if exists(tx, &row)? {
        return Err(VaultError::DuplicateCredential);
    }
    let mut s = Vec::with_capacity(32 + summary.len());
    s.extend_from_slice(id.as_bytes());
    s.extend_from_slice(summary);
    let s = SecretVec::new(s);
    let sealed_summary = keys.seal(rng, summary_place(&row), s.expose_secret())?;
    let sealed_bundle = keys.seal(rng, bundle_place(&row), bundle)?;
    tx.execute(
        "INSERT INTO credentials (id, summary, bundle) VALUES (?1, ?2, ?3)",
        params![&row[..], sealed_summary, sealed_bundle],
    )?;
    credential_set::update(tx, keys, rng, &row, true)
}

/// Delete a credential; `false` if there was none.
pub(crate) fn remove(
    tx: &Transaction<'_>,
    keys: &SealKeys,
    rng: &dyn SecureRandom,
    id: &CredentialId,
) -> Result<bool, VaultError> {
    let row = row_key(keys, id);
    if tx.execute("DELETE FROM credentials WHERE id = ?1", [&row[..]])? == 0 {
        return Ok(false);
    }
    credential_set::update(tx, keys, rng, &row, false)?;
    Ok(true)
}

fn exists(conn: &Connection, row: &[u8; 32]) -> Result<bool, VaultError> {
    Ok(conn.query_row("SELECT 1 FROM credentials WHERE id = ?1", [&row[..]], |_| Ok(())).optional()?.is_some())
}

pub(super) fn open_summary(keys: &SealKeys, row: &[u8], sealed: &[u8]) -> Result<CredentialSummary, VaultError> {
    let mut summary = keys.open(summary_place(row), sealed)?;
    let bad = VaultError::Integrity { table: TABLE };
    let id: [u8; 32] = summary.expose_secret().get(..32).ok_or(bad.clone())?.try_into().map_err(|_| bad.clone())?;
    let id = CredentialId(id);
    // The seal already binds the value to this row; the id inside must name the row too.
    if row_key(keys, &id)[..] != *row {
        return Err(bad);
    }
    summary.remove_prefix(32);
    Ok(CredentialSummary { id, summary })
}

/// SQLite found a damaged page, or a damaged page yielded a value of the wrong type.
fn damaged_file(e: &VaultError) -> bool {
    matches!(e, VaultError::Storage(StorageError { kind: StorageErrorKind::Corrupt | StorageErrorKind::Schema, .. }))
}

pub(super) fn list(conn: &Connection, keys: &SealKeys) -> Result<CredentialListing, VaultError> {
    let mut listing = match list_in_one_scan(conn, keys) {
        Err(e) if damaged_file(&e) => list_row_by_row(conn, keys)?,
        other => other?,
    };
    // Against the sealed record of which credentials exist. A damaged page that hides the
    // row keys was already counted above.
    match credential_set::diff(conn, keys) {
        Ok(diff) => {
            listing.missing = diff.missing.len();
            let before = listing.items.len();
            listing.items.retain(|s| !diff.unexpected.contains(&row_key(keys, &s.id)));
            listing.damaged += before - listing.items.len();
        }
        Err(e) if damaged_file(&e) => {}
        // The record itself is damaged: which rows should exist is unknown; say so.
        Err(VaultError::Integrity { .. }) => listing.damaged += 1,
        Err(e) => return Err(e),
    }
    Ok(listing)
}

fn list_in_one_scan(conn: &Connection, keys: &SealKeys) -> Result<CredentialListing, VaultError> {
    let mut stmt = conn.prepare("SELECT id, summary FROM credentials ORDER BY rowid")?;
    let mut rows = stmt.query([])?;
    let mut listing = CredentialListing { items: Vec::new(), damaged: 0, missing: 0 };
    // The blobs are read in place (no copy per row); a value of the wrong type is a damaged file.
    while let Some(r) = rows.next()? {
        let (row, sealed) = (blob(r, 0)?, blob(r, 1)?);
        match open_summary(keys, row, sealed) {
            Ok(s) => listing.items.push(s),
            Err(VaultError::Integrity { .. }) => listing.damaged += 1,
            Err(e) => return Err(e),
        }
    }
    Ok(listing)
}

/// Column `i` of `r` as a blob, borrowed.
fn blob<'r>(r: &'r rusqlite::Row<'_>, i: usize) -> Result<&'r [u8], VaultError> {
    let v = r.get_ref(i)?;
    v.as_blob().map_err(|_| rusqlite::Error::InvalidColumnType(i, String::new(), v.data_type()).into())
}

/// The listing of a file in which SQLite met a damaged page: a scan stops at the first one, so
/// the rows are found through the id index and through the table (each scan keeps what it read
/// before it stopped), then read one by one, so a damaged page costs only the rows on it.
fn list_row_by_row(conn: &Connection, keys: &SealKeys) -> Result<CredentialListing, VaultError> {
    let mut rowids = BTreeSet::new();
    let by_index =
        collect_rowids(conn, "SELECT rowid FROM credentials INDEXED BY sqlite_autoindex_credentials_1", &mut rowids)?;
    let by_table = collect_rowids(conn, "SELECT rowid FROM credentials NOT INDEXED", &mut rowids)?;
    let mut listing = CredentialListing { items: Vec::new(), damaged: 0, missing: 0 };
    let mut stmt = conn.prepare("SELECT id, summary FROM credentials NOT INDEXED WHERE rowid = ?1")?;
    for rowid in rowids {
        let row = stmt.query_row([rowid], |r| Ok((r.get::<_, Vec<u8>>(0)?, r.get::<_, Vec<u8>>(1)?)));
        match row.map_err(VaultError::from).and_then(|(row, sealed)| open_summary(keys, &row, &sealed)) {
            Ok(s) => listing.items.push(s),
            Err(e) if damaged_file(&e) || matches!(e, VaultError::Integrity { .. }) => listing.damaged += 1,
            Err(e) => return Err(e),
        }
    }
    if !by_index && !by_table {
        // Both scans stopped early: rows behind the damage may not even be found. At least one is.
        listing.damaged = listing.damaged.max(1);
    }
    Ok(listing)
}

/// Add the rowids `sql` yields to `out`; `false` if a damaged page stopped the scan.
fn collect_rowids(conn: &Connection, sql: &str, out: &mut BTreeSet<i64>) -> Result<bool, VaultError> {
    let mut stmt = conn.prepare(sql)?;
    let mut rows = stmt.query([])?;
    loop {
        match rows.next().map_err(VaultError::from) {
            Ok(Some(r)) => match r.get::<_, i64>(0).map_err(VaultError::from) {
                Ok(rowid) => {
                    out.insert(rowid);
                }
                Err(e) if damaged_file(&e) => return Ok(false),
                Err(e) => return Err(e),
            },
            Ok(None) => return Ok(true),
            Err(e) if damaged_file(&e) => return Ok(false),
            Err(e) => return Err(e),
        }
    }
}

pub(super) fn get(conn: &Connection, keys: &SealKeys, id: &CredentialId) -> Result<SecretVec, VaultError> {
    let row = row_key(keys, id);
    let bundle = |sql: &str| -> Result<Option<Vec<u8>>, VaultError> {
        Ok(conn.query_row(sql, [&row[..]], |r| r.get(0)).optional()?)
    };
    let sealed = match bundle("SELECT bundle FROM credentials WHERE id = ?1") {
        // The id index may be what is damaged: look for the row in the table itself.
        Err(e) if damaged_file(&e) => bundle("SELECT bundle FROM credentials NOT INDEXED WHERE id = ?1 LIMIT 1")?,
        other => other?,
    };
    // A row deleted outside the app, or one put back that the record does not list.
    if let Some(e) = credential_set::row_changed(conn, keys, &row, sealed.is_some()) {
        return Err(e);
    }
    keys.open(bundle_place(&row), &sealed.ok_or(VaultError::NotFound)?)
}

impl Vault {
    /// Store a credential under `id`, with the summary a list screen shows. Refuses a
    /// duplicate id. Records an [`AuditKind::Import`] entry in the same transaction.
    pub fn put_credential(
        &self,
        session: &Session,
        id: &CredentialId,
        bundle: &[u8],
        summary: &[u8],
    ) -> Result<(), VaultError> {
        let now = self.now();
        let rng = self.rng.as_ref();
        self.session_write(session, |tx, keys| {
            insert(tx, keys, rng, id, bundle, summary)?;
            audit::append(tx, keys, rng, AuditKind::Import, now, id.as_bytes())
        })
    }

    /// Store several credentials in one transaction: all of them or none (a duplicate among
    /// them refuses the whole batch). One commit, so one `fsync`, for the whole batch — the way
    /// to restore or migrate many diplomas at once. Each gets its own audit entry.
    pub fn put_credentials(&self, session: &Session, items: &[(CredentialId, &[u8], &[u8])]) -> Result<(), VaultError> {
        let now = self.now();
        let rng = self.rng.as_ref();
        self.session_write(session, |tx, keys| {
            for (id, bundle, summary) in items {
                insert(tx, keys, rng, id, bundle, summary)?;
                audit::append(tx, keys, rng, AuditKind::Import, now, id.as_bytes())?;
            }
            Ok(())
        })
    }

    /// Whether a credential with this id is stored.
    pub fn contains_credential(&self, session: &Session, id: &CredentialId) -> Result<bool, VaultError> {
        self.session_read(session, |conn, keys| exists(conn, &row_key(keys, id)))
    }

    /// Every stored summary that opens; damaged rows (a seal that does not open, a damaged
    /// page of the file) are counted, not fatal.
    pub fn list_summaries(&self, session: &Session) -> Result<CredentialListing, VaultError> {
        self.session_read(session, list)
    }

    /// The full credential bundle.
    pub fn get_credential(&self, session: &Session, id: &CredentialId) -> Result<SecretVec, VaultError> {
        self.session_read(session, |conn, keys| get(conn, keys, id))
    }

    /// Delete a credential (zeroed in the file by `secure_delete`, then a checkpoint truncates
    /// the log so no old copy remains there). Records an [`AuditKind::Delete`] entry.
    pub fn delete_credential(&self, session: &Session, id: &CredentialId) -> Result<(), VaultError> {
        let now = self.now();
        let rng = self.rng.as_ref();
        self.session_write(session, |tx, keys| {
            if !remove(tx, keys, rng, id)? {
                return Err(VaultError::NotFound);
            }
            audit::append(tx, keys, rng, AuditKind::Delete, now, id.as_bytes())
        })?;
        self.checkpoint()
    }
}
