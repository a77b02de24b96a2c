//! The pinned anchor, the held trust list and the held status lists, with the version rules.
//!
//! The version rules are `verifier::check`'s (`admit_trust_list`, `admit_status_list`): one
//! place for them, shared with the in-memory [`crate::verifier::HeldLists`].

use rusqlite::{Connection, OptionalExtension, Transaction, params};

use crate::keys::PublicKey;
use crate::platform::UnixTime;
use crate::status::StatusList;
use crate::trust::TrustList;
use crate::verifier::check::{admit_status_list, admit_trust_list};
use crate::verifier::{InstallError, StoreError};

/// The pinned anchor, if any.
pub(crate) fn anchor(conn: &Connection) -> Result<Option<PublicKey>, StoreError> {
    let key: Option<Vec<u8>> = conn.query_row("SELECT key FROM anchor WHERE id = 1", [], |r| r.get(0)).optional()?;
    key.map(|k| PublicKey::from_bytes(&k).map_err(|_| StoreError::Damaged { what: "pinned anchor" })).transpose()
}

/// Pin `offered` if nothing is pinned; refuse another anchor than the pinned one.
pub(crate) fn pin_anchor(tx: &Transaction<'_>, offered: &PublicKey) -> Result<(), StoreError> {
    match anchor(tx)? {
        Some(held) if held.to_bytes() == offered.to_bytes() => Ok(()),
        Some(held) => Err(StoreError::AnchorMismatch { held: held.to_hex(), offered: offered.to_hex() }),
        None => {
            tx.execute("INSERT INTO anchor (id, key) VALUES (1, ?1)", params![offered.to_bytes().to_vec()])?;
            Ok(())
        }
    }
}

/// The held trust list's signed bytes.
pub(crate) fn trust_list_bytes(conn: &Connection) -> Result<Option<Vec<u8>>, StoreError> {
    Ok(conn.query_row("SELECT bytes FROM trust_list WHERE id = 1", [], |r| r.get(0)).optional()?)
}

/// Every held status list: issuer id and signed bytes.
pub(crate) fn status_list_bytes(conn: &Connection) -> Result<Vec<(String, Vec<u8>)>, StoreError> {
    let mut stmt = conn.prepare("SELECT issuer, bytes FROM status_list ORDER BY issuer")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Hold `list` unless it is older than, or conflicts with, the held trust list.
pub(crate) fn put_trust_list(tx: &Transaction<'_>, list: &TrustList) -> Result<(), InstallError> {
    let offered = list.payload().sequence;
    let held: Option<(i64, Vec<u8>)> = tx
        .query_row("SELECT sequence, bytes FROM trust_list WHERE id = 1", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()
        .map_err(StoreError::from)?;
    let held = held
        .map(|(seq, bytes)| {
            Ok::<_, StoreError>((
                u64::try_from(seq).map_err(|_| StoreError::Damaged { what: "trust list sequence" })?,
                bytes,
            ))
        })
        .transpose()?;
    if !admit_trust_list(held.as_ref().map(|(s, b)| (*s, b.as_slice())), list)? {
        return Ok(());
    }
    let seq = i64::try_from(offered).map_err(|_| InstallError::TrustListConflict { sequence: offered })?;
    tx.execute(
        "INSERT INTO trust_list (id, sequence, bytes) VALUES (1, ?1, ?2)
         ON CONFLICT (id) DO UPDATE SET sequence = excluded.sequence, bytes = excluded.bytes",
        params![seq, list.as_bytes()],
    )
    .map_err(StoreError::from)?;
    Ok(())
}

/// Hold `list` (already verified against the held trust list) unless it is older than, or
/// conflicts with, the one held for its issuer.
pub(crate) fn put_status_list(tx: &Transaction<'_>, list: &StatusList) -> Result<(), InstallError> {
    let p = list.payload();
    let held: Option<(UnixTime, Vec<u8>)> = tx
        .query_row("SELECT issued_at, bytes FROM status_list WHERE issuer = ?1", [&p.issuer], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()
        .map_err(StoreError::from)?;
    if !admit_status_list(held.as_ref().map(|(t, b)| (*t, b.as_slice())), list)? {
        return Ok(());
    }
    tx.execute(
        "INSERT INTO status_list (issuer, issued_at, bytes) VALUES (?1, ?2, ?3)
         ON CONFLICT (issuer) DO UPDATE SET issued_at = excluded.issued_at, bytes = excluded.bytes",
        params![p.issuer, p.issued_at, list.as_bytes()],
    )
    .map_err(StoreError::from)?;
    Ok(())
}
