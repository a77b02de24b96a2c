//! The sealed record of which credentials exist, so a row deleted (or an old one put back)
//! behind the core's back is reported, not silently forgotten.
//!
//! ```text
//! secrets["credential-set"] = seal(version (1) ‖ row key … (32 bytes each, sorted))
//! ```
//! The record is updated in the same transaction as every insert and delete. Listing compares
//! it with the rows present: a listed row key with no row is *missing* (counted, so the app
//! says "n diplomas are missing"), a row the record does not list is *unexpected* (shown as
//! damaged, never as a diploma); [`VaultError::CredentialSetChanged`] is what reading either
//! returns. The record is sealed, so it cannot be edited to match; an older copy of the whole
//! file is the key chain's business (`keychain`).
//!
//! A vault written before this record existed gets it at its next unlock, from the rows it
//! holds then (nothing older is known).

use std::collections::BTreeSet;

use rusqlite::{Connection, Transaction};

use crate::platform::SecureRandom;

use super::error::VaultError;
use super::rows::{self, SecretName};
use super::seal::SealKeys;

const V1: u8 = 1;
type RowKey = [u8; 32];

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

fn decode(bytes: &[u8]) -> Result<BTreeSet<RowKey>, VaultError> {
    let bad = VaultError::Integrity { table: "secrets" };
    let (Some(&V1), body) = (bytes.first(), bytes.get(1..).unwrap_or_default()) else { return Err(bad) };
    if body.len() % 32 != 0 {
        return Err(bad);
    }
    Ok(body.chunks_exact(32).filter_map(|c| RowKey::try_from(c).ok()).collect())
}

fn encode(set: &BTreeSet<RowKey>) -> Vec<u8> {
    let mut v = Vec::with_capacity(1 + 32 * set.len());
    v.push(V1);
    for k in set {
        v.extend_from_slice(k);
    }
    v
}

/// The record, or `None` in a vault written before it existed.
pub(super) fn read(conn: &Connection, keys: &SealKeys) -> Result<Option<BTreeSet<RowKey>>, VaultError> {
    rows::get_secret(conn, keys, SecretName::CredentialSet)?.map(|s| decode(s.expose_secret())).transpose()
}

/// The row keys in the table.
pub(super) fn present(conn: &Connection) -> Result<BTreeSet<RowKey>, VaultError> {
    let mut stmt = conn.prepare("SELECT id FROM credentials")?;
    let ids = stmt.query_map([], |r| r.get::<_, Vec<u8>>(0))?.collect::<Result<Vec<_>, _>>()?;
    Ok(ids.into_iter().filter_map(|id| RowKey::try_from(id.as_slice()).ok()).collect())
}

fn write(
    tx: &Transaction<'_>,
    keys: &SealKeys,
    rng: &dyn SecureRandom,
    set: &BTreeSet<RowKey>,
) -> Result<(), VaultError> {
    rows::put_secret(tx, keys, rng, SecretName::CredentialSet, &encode(set))
}

/// An empty record (setup).
pub(super) fn reset(tx: &Transaction<'_>, keys: &SealKeys, rng: &dyn SecureRandom) -> Result<(), VaultError> {
    write(tx, keys, rng, &BTreeSet::new())
}

/// Create the record from the rows present if it does not exist yet (a vault written before it).
/// A damaged record is left as it is (listing reports it; it must not keep the holder out).
pub(super) fn ensure(tx: &Transaction<'_>, keys: &SealKeys, rng: &dyn SecureRandom) -> Result<(), VaultError> {
    match read(tx, keys) {
        Ok(None) => write(tx, keys, rng, &present(tx)?),
        Ok(Some(_)) | Err(VaultError::Integrity { .. }) => Ok(()),
        Err(e) => Err(e),
    }
}

/// Record that `row` was inserted (`true`) or deleted (`false`), in the caller's transaction.
pub(super) fn update(
    tx: &Transaction<'_>,
    keys: &SealKeys,
    rng: &dyn SecureRandom,
    row: &RowKey,
    inserted: bool,
) -> Result<(), VaultError> {
    let mut set = match read(tx, keys)? {
        Some(s) => s,
        None => present(tx)?,
    };
    if inserted {
        set.insert(*row);
    } else {
        set.remove(row);
    }
    write(tx, keys, rng, &set)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoding_round_trips_and_refuses_bad_lengths() {
        let set: BTreeSet<RowKey> = [[1; 32], [2; 32]].into_iter().collect();
        assert_eq!(decode(&encode(&set)).unwrap(), set);
        assert_eq!(decode(&encode(&BTreeSet::new())).unwrap(), BTreeSet::new());
        assert!(decode(&[]).is_err());
        assert!(decode(&[2]).is_err());
        assert!(decode(&[1, 0]).is_err());
    }
}
