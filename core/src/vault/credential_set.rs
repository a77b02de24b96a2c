//! The sealed record of which credentials exist, so a row deleted (or an old one put back)
//! behind the core's back is reported, not silently forgotten.
//!
//! ```text
//! secrets["credential-set"]    = seal(2 ‖ used (u64, big-endian))             the buckets used
//! secrets["credential-set/XX"] = seal(2 ‖ row key … (32 bytes each, sorted)) XX = 00 … 3f
//! ```
//! The row keys are split into [`BUCKETS`] buckets by the top six bits of the row key (a keyed
//! hash, so the buckets fill evenly). Bit `XX` of `used` says bucket `XX` was ever written; it
//! is never cleared, so a used bucket that is gone is damage, not an empty bucket. An insert or
//! a delete re-seals only its row's bucket, in the same transaction (about 5 KB at 10,000
//! diplomas, not the whole set), and the header only when a bucket is used for the first time.
//!
//! Listing compares the union of the buckets with the rows present: a listed row key with no
//! row is *missing* (counted, so the app says "n diplomas are missing"), a row the record does
//! not list is *unexpected* (shown as damaged, never as a diploma);
//! [`VaultError::CredentialSetChanged`] is what reading either returns. The records are sealed, each to its own name, so they cannot be
//! edited or swapped to match; an older copy of the whole file is the key chain's business
//! (`keychain`).
//!
//! Older vaults: a vault written before this record existed gets it at its next unlock, from
//! the rows it holds then (nothing older is known). Version 1 (`credential-set` = seal(1 ‖ every
//! row key)) was re-sealed whole at each insert; a vault holding it is converted to buckets at
//! its next unlock ([`ensure`]), or at its next insert or delete, in that transaction.

use std::collections::BTreeSet;

use rusqlite::{Connection, Transaction};

use crate::platform::SecureRandom;

use super::error::VaultError;
use super::rows::{self, SecretName};
use super::seal::SealKeys;

/// Version 1: one record with every row key.
const V1: u8 = 1;
/// Version 2: the header holds the set of buckets used; the keys are in the buckets.
const V2: u8 = 2;
/// Number of buckets: row keys are bucketed by their top six bits.
pub(super) const BUCKETS: u8 = 64;

type RowKey = [u8; 32];

fn bucket_of(row: &RowKey) -> u8 {
    row[0] >> 2
}

/// How the rows present differ from the record.
#[derive(Debug, Default)]
pub(super) struct Diff {
    pub missing: BTreeSet<RowKey>,
    pub unexpected: BTreeSet<RowKey>,
}

impl Diff {
    pub(super) fn error(&self) -> VaultError {
        let n = |s: &BTreeSet<RowKey>| u64::try_from(s.len()).unwrap_or(u64::MAX);
        VaultError::CredentialSetChanged { missing: n(&self.missing), unexpected: n(&self.unexpected) }
    }
}

fn bad() -> VaultError {
    VaultError::Integrity { table: "secrets" }
}

/// `version ‖ row keys`; with `bucket`, every key must belong to it.
fn decode(bytes: &[u8], version: u8, bucket: Option<u8>) -> Result<BTreeSet<RowKey>, VaultError> {
    let (Some(&v), body) = (bytes.first(), bytes.get(1..).unwrap_or_default()) else { return Err(bad()) };
    if v != version || body.len() % 32 != 0 {
        return Err(bad());
    }
    let keys: BTreeSet<RowKey> = body.chunks_exact(32).filter_map(|c| RowKey::try_from(c).ok()).collect();
    if bucket.is_some_and(|b| keys.iter().any(|k| bucket_of(k) != b)) {
        return Err(bad());
    }
    Ok(keys)
}

fn encode<'a>(version: u8, keys: impl Iterator<Item = &'a RowKey>) -> Vec<u8> {
    let mut v = vec![version];
    for k in keys {
        v.extend_from_slice(k);
    }
    v
}

/// What the header record says.
enum Header {
    /// No record: a vault written before it existed.
    Absent,
    /// Version 1: every row key in the header itself.
    V1(BTreeSet<RowKey>),
    /// Version 2: the keys are in the buckets whose bits are set.
    Buckets(u64),
}

fn read_header(conn: &Connection, keys: &SealKeys) -> Result<Header, VaultError> {
    let Some(h) = rows::get_secret(conn, keys, SecretName::CredentialSet)? else { return Ok(Header::Absent) };
    match h.expose_secret() {
        [V2, used @ ..] => Ok(Header::Buckets(u64::from_be_bytes(used.try_into().map_err(|_| bad())?))),
        bytes => decode(bytes, V1, None).map(Header::V1),
    }
}

fn write_header(tx: &Transaction<'_>, keys: &SealKeys, rng: &dyn SecureRandom, used: u64) -> Result<(), VaultError> {
    let mut h = vec![V2];
    h.extend_from_slice(&used.to_be_bytes());
    rows::put_secret(tx, keys, rng, SecretName::CredentialSet, &h)
}

/// One used bucket; a missing one is damage.
fn read_bucket(conn: &Connection, keys: &SealKeys, b: u8) -> Result<BTreeSet<RowKey>, VaultError> {
    let sealed = rows::get_secret(conn, keys, SecretName::CredentialSetBucket(b))?.ok_or_else(bad)?;
    decode(sealed.expose_secret(), V2, Some(b))
}

fn write_bucket(
    tx: &Transaction<'_>,
    keys: &SealKeys,
    rng: &dyn SecureRandom,
    b: u8,
    set: &BTreeSet<RowKey>,
) -> Result<(), VaultError> {
    rows::put_secret(tx, keys, rng, SecretName::CredentialSetBucket(b), &encode(V2, set.iter()))
}

/// Write the whole record for `set`: the header and the buckets that hold a key.
fn write_all(
    tx: &Transaction<'_>,
    keys: &SealKeys,
    rng: &dyn SecureRandom,
    set: &BTreeSet<RowKey>,
) -> Result<(), VaultError> {
    let mut used = 0u64;
    for b in 0..BUCKETS {
        let bucket: BTreeSet<RowKey> = set.iter().filter(|k| bucket_of(k) == b).copied().collect();
        if !bucket.is_empty() {
            write_bucket(tx, keys, rng, b, &bucket)?;
            used |= 1 << b;
        }
    }
    write_header(tx, keys, rng, used)
}

/// The recorded row keys, or `None` in a vault written before the record existed.
pub(super) fn read(conn: &Connection, keys: &SealKeys) -> Result<Option<BTreeSet<RowKey>>, VaultError> {
    match read_header(conn, keys)? {
        Header::Absent => Ok(None),
        Header::V1(set) => Ok(Some(set)),
        Header::Buckets(used) => {
            // Collected once: `BTreeSet::append` rebuilds the tree at every call.
            let mut all = Vec::new();
            for b in (0..BUCKETS).filter(|b| used & (1 << b) != 0) {
                all.extend(read_bucket(conn, keys, b)?);
            }
            Ok(Some(all.into_iter().collect()))
        }
    }
}

/// The row keys in the table.
pub(super) fn present(conn: &Connection) -> Result<BTreeSet<RowKey>, VaultError> {
    let mut stmt = conn.prepare("SELECT id FROM credentials")?;
    let ids = stmt.query_map([], |r| r.get::<_, Vec<u8>>(0))?.collect::<Result<Vec<_>, _>>()?;
    Ok(ids.into_iter().filter_map(|id| RowKey::try_from(id.as_slice()).ok()).collect())
}

/// An empty record (setup).
pub(super) fn reset(tx: &Transaction<'_>, keys: &SealKeys, rng: &dyn SecureRandom) -> Result<(), VaultError> {
    write_all(tx, keys, rng, &BTreeSet::new())
}

/// At unlock: create the record from the rows present if it does not exist yet (a vault
/// written before it), or convert a version-1 record to buckets. A damaged record is left as
/// it is (listing reports it; it must not keep the holder out).
pub(super) fn ensure(tx: &Transaction<'_>, keys: &SealKeys, rng: &dyn SecureRandom) -> Result<(), VaultError> {
    match read_header(tx, keys) {
        Ok(Header::Absent) => write_all(tx, keys, rng, &present(tx)?),
        Ok(Header::V1(set)) => write_all(tx, keys, rng, &set),
        Ok(Header::Buckets(_)) | Err(VaultError::Integrity { .. }) => Ok(()),
        Err(e) => Err(e),
    }
}

/// Record that `row` was inserted (`true`) or deleted (`false`), in the caller's transaction:
/// one bucket read and re-sealed.
pub(super) fn update(
    tx: &Transaction<'_>,
    keys: &SealKeys,
    rng: &dyn SecureRandom,
    row: &RowKey,
    inserted: bool,
) -> Result<(), VaultError> {
    let change = |set: &mut BTreeSet<RowKey>| {
        if inserted {
            set.insert(*row);
        } else {
            set.remove(row);
        }
    };
    let b = bucket_of(row);
    if let Some(sealed) = rows::get_secret(tx, keys, SecretName::CredentialSetBucket(b))? {
        let mut bucket = decode(sealed.expose_secret(), V2, Some(b))?;
        change(&mut bucket);
        return write_bucket(tx, keys, rng, b, &bucket);
    }
    // No bucket: its first key, an older vault (not unlocked since this version), or damage.
    match read_header(tx, keys)? {
        Header::Buckets(used) if used & (1 << b) != 0 => Err(bad()),
        Header::Buckets(used) => {
            let mut bucket = BTreeSet::new();
            change(&mut bucket);
            write_bucket(tx, keys, rng, b, &bucket)?;
            write_header(tx, keys, rng, used | (1 << b))
        }
        // The rows present already include this change.
        Header::Absent => write_all(tx, keys, rng, &present(tx)?),
        Header::V1(mut set) => {
            change(&mut set);
            write_all(tx, keys, rng, &set)
        }
    }
}

/// Compare the record with the rows present. No record (an older vault not unlocked since):
/// nothing to compare.
pub(super) fn diff(conn: &Connection, keys: &SealKeys) -> Result<Diff, VaultError> {
    let Some(recorded) = read(conn, keys)? else { return Ok(Diff::default()) };
    let present = present(conn)?;
    Ok(Diff {
        missing: recorded.difference(&present).copied().collect(),
        unexpected: present.difference(&recorded).copied().collect(),
    })
}

/// The error to return for reading `row` (`present`: whether its row exists), if the record
/// and the table disagree about it: [`VaultError::CredentialSetChanged`] with the counts of
/// the whole set. Reads one bucket when they agree; a record that cannot be read is no reason
/// to refuse a row (listing reports it).
pub(super) fn row_changed(conn: &Connection, keys: &SealKeys, row: &RowKey, present: bool) -> Option<VaultError> {
    let b = bucket_of(row);
    let agrees = match rows::get_secret(conn, keys, SecretName::CredentialSetBucket(b)) {
        Ok(Some(sealed)) => decode(sealed.expose_secret(), V2, Some(b)).ok().map(|set| set.contains(row) == present),
        _ => None,
    };
    if agrees == Some(true) {
        return None;
    }
    match diff(conn, keys) {
        Ok(d) if d.missing.contains(row) || d.unexpected.contains(row) => Some(d.error()),
        _ => None,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use rusqlite::params;

    use super::*;
    use crate::platform::SeededRandom;
    use crate::secret::SecretBytes;
    use crate::vault::schema;

    fn key(first: u8, n: u8) -> RowKey {
        let mut k = [n; 32];
        k[0] = first;
        k
    }

    fn db() -> Connection {
        let mut conn = Connection::open_in_memory().unwrap();
        schema::configure(&conn, true).unwrap();
        schema::migrate(&mut conn).unwrap();
        conn
    }

    fn add_row(conn: &Connection, row: &RowKey) {
        conn.execute("INSERT INTO credentials (id, summary, bundle) VALUES (?1, x'00', x'00')", params![&row[..]])
            .unwrap();
    }

    fn sealed_rows(conn: &Connection) -> BTreeSet<Vec<u8>> {
        let mut stmt = conn.prepare("SELECT sealed FROM secrets").unwrap();
        stmt.query_map([], |r| r.get(0)).unwrap().collect::<Result<_, _>>().unwrap()
    }

    #[test]
    fn encoding_round_trips_and_refuses_bad_lengths_versions_and_buckets() {
        let set: BTreeSet<RowKey> = [key(4, 1), key(5, 2)].into_iter().collect();
        assert_eq!(decode(&encode(V2, set.iter()), V2, Some(1)).unwrap(), set);
        assert_eq!(decode(&encode(V1, set.iter()), V1, None).unwrap(), set);
        assert!(decode(&encode(V2, set.iter()), V2, Some(2)).is_err());
        assert!(decode(&encode(V2, set.iter()), V1, None).is_err());
        assert_eq!(decode(&[V2], V2, Some(0)).unwrap(), BTreeSet::new());
        assert!(decode(&[V1], V2, None).is_err());
        assert!(decode(&[], V2, None).is_err());
        assert!(decode(&[V2, 0], V2, None).is_err());
        assert_eq!(bucket_of(&key(0xff, 0)), BUCKETS - 1);
    }

    #[test]
    fn an_update_rewrites_one_bucket_and_differences_are_found() {
        let keys = SealKeys::derive(&SecretBytes::new([7; 32]));
        let rng = SeededRandom::new(b"credential-set");
        let mut conn = db();
        let tx = conn.transaction().unwrap();
        reset(&tx, &keys, &rng).unwrap();
        assert_eq!(sealed_rows(&tx).len(), 1, "the header only");
        // Keys 0 and 3 share bucket 0; 200 is in bucket 50.
        let rows = [key(0, 1), key(3, 2), key(200, 3)];
        // A bucket's first key writes it and re-seals the header; a later one re-seals only
        // the bucket. (replaced, written)
        for (r, counts) in rows.iter().zip([(1, 2), (1, 1), (1, 2)]) {
            add_row(&tx, r);
            let before = sealed_rows(&tx);
            update(&tx, &keys, &rng, r, true).unwrap();
            let after = sealed_rows(&tx);
            assert_eq!((before.difference(&after).count(), after.difference(&before).count()), counts);
        }
        assert_eq!(sealed_rows(&tx).len(), 3);
        assert_eq!(read(&tx, &keys).unwrap().unwrap(), rows.into_iter().collect());
        assert!(diff(&tx, &keys).unwrap().missing.is_empty());
        assert_eq!(row_changed(&tx, &keys, &rows[1], true), None);

        // Deleted behind the core's back; put back (or added) behind its back.
        tx.execute("DELETE FROM credentials WHERE id = ?1", [&rows[1][..]]).unwrap();
        let stray = key(3, 9);
        add_row(&tx, &stray);
        let d = diff(&tx, &keys).unwrap();
        assert_eq!((d.missing, d.unexpected), ([rows[1]].into(), [stray].into()));
        let changed = VaultError::CredentialSetChanged { missing: 1, unexpected: 1 };
        assert_eq!(row_changed(&tx, &keys, &rows[1], false), Some(changed.clone()));
        assert_eq!(row_changed(&tx, &keys, &stray, true), Some(changed));
        assert_eq!(row_changed(&tx, &keys, &rows[0], true), None);

        // A deleted bucket is damage, not an empty bucket.
        rows::delete_secret(&tx, &keys, SecretName::CredentialSetBucket(50)).unwrap();
        assert_eq!(read(&tx, &keys).unwrap_err(), bad());
        assert_eq!(update(&tx, &keys, &rng, &key(200, 4), true).unwrap_err(), bad());
    }

    #[test]
    fn a_version_1_record_is_converted_at_unlock_and_a_vault_without_one_gets_one() {
        let keys = SealKeys::derive(&SecretBytes::new([8; 32]));
        let rng = SeededRandom::new(b"credential-set v1");
        let mut conn = db();
        let tx = conn.transaction().unwrap();
        let rows = [key(1, 1), key(100, 2), key(255, 3)];
        for r in &rows {
            add_row(&tx, r);
        }
        // Written by the previous version: every key in one record; one row deleted since.
        rows::put_secret(&tx, &keys, &rng, SecretName::CredentialSet, &encode(V1, rows.iter())).unwrap();
        tx.execute("DELETE FROM credentials WHERE id = ?1", [&rows[2][..]]).unwrap();
        assert_eq!(diff(&tx, &keys).unwrap().missing, [rows[2]].into());
        ensure(&tx, &keys, &rng).unwrap();
        let used = (1 << bucket_of(&rows[0])) | (1 << bucket_of(&rows[1])) | (1 << bucket_of(&rows[2]));
        assert!(matches!(read_header(&tx, &keys).unwrap(), Header::Buckets(u) if u == used));
        assert_eq!(read(&tx, &keys).unwrap().unwrap(), rows.into_iter().collect());
        assert_eq!(diff(&tx, &keys).unwrap().missing, [rows[2]].into(), "still reported after conversion");

        // No record at all: made from the rows present.
        rows::delete_secret(&tx, &keys, SecretName::CredentialSet).unwrap();
        for b in 0..BUCKETS {
            rows::delete_secret(&tx, &keys, SecretName::CredentialSetBucket(b)).unwrap();
        }
        assert_eq!(read(&tx, &keys).unwrap(), None);
        ensure(&tx, &keys, &rng).unwrap();
        assert_eq!(read(&tx, &keys).unwrap().unwrap(), rows[..2].iter().copied().collect());
    }
}
