//! A bounded history of verifications, for a later hand-off to HR.
//!
//! Each row holds what an audit of "who was accepted when, on which lists" needs, and no
//! personal data in clear: the time, the verdict code, the issuer id (an institution, from
//! the trust list), the trust list's sequence, the status list's `issued_at`, the challenge,
//! and the SHA-256 of the presentation text. The claims (name, degree …) are not stored; the
//! hash lets HR match a row to a presentation string they keep themselves. A presentation
//! carries random salts and two signatures, so its hash cannot be guessed back from a name.
//! The oldest rows are dropped beyond the limit.

use rusqlite::{Connection, Transaction, params};

use crate::platform::UnixTime;
use crate::verifier::StoreError;

/// One verification, as remembered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryEntry {
    /// When it ran.
    pub at: UnixTime,
    /// The verdict's stable code (`VALID`, `REVOKED`, …).
    pub verdict: String,
    /// The issuer id, when the trust list knew it.
    pub issuer: Option<String>,
    /// Sequence of the trust list used.
    pub trust_list_sequence: Option<u64>,
    /// `issued_at` of the status list used.
    pub status_issued_at: Option<UnixTime>,
    /// The challenge the presentation answered.
    pub challenge: Option<u32>,
    /// SHA-256 of the (trimmed) presentation text.
    pub presentation_sha256: [u8; 32],
}

/// Append `e` and drop the oldest rows beyond `limit`.
pub(crate) fn append(tx: &Transaction<'_>, e: &HistoryEntry, limit: u32) -> Result<(), StoreError> {
    let seq = e.trust_list_sequence.map(|s| i64::try_from(s).unwrap_or(i64::MAX));
    tx.execute(
        "INSERT INTO history (at, verdict, issuer, trust_list_sequence, status_issued_at, challenge,
                              presentation_sha256)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![e.at, e.verdict, e.issuer, seq, e.status_issued_at, e.challenge, e.presentation_sha256.to_vec()],
    )?;
    let last = tx.last_insert_rowid();
    tx.execute("DELETE FROM history WHERE seq <= ?1", params![last - i64::from(limit)])?;
    Ok(())
}

/// Number of rows held.
pub(crate) fn len(conn: &Connection) -> Result<u64, StoreError> {
    let n: i64 = conn.query_row("SELECT count(*) FROM history", [], |r| r.get(0))?;
    Ok(u64::try_from(n).unwrap_or(0))
}

/// The `n` newest rows, oldest first.
pub(crate) fn recent(conn: &Connection, n: u32) -> Result<Vec<HistoryEntry>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT at, verdict, issuer, trust_list_sequence, status_issued_at, challenge, presentation_sha256
         FROM (SELECT * FROM history ORDER BY seq DESC LIMIT ?1) ORDER BY seq",
    )?;
    let rows = stmt.query_map([n], |r| {
        let seq: Option<i64> = r.get(3)?;
        let hash: Vec<u8> = r.get(6)?;
        Ok((
            HistoryEntry {
                at: r.get(0)?,
                verdict: r.get(1)?,
                issuer: r.get(2)?,
                trust_list_sequence: seq.and_then(|s| u64::try_from(s).ok()),
                status_issued_at: r.get(4)?,
                challenge: r.get(5)?,
                presentation_sha256: [0; 32],
            },
            hash,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (mut e, hash) = row?;
        e.presentation_sha256 = hash.try_into().map_err(|_| StoreError::Damaged { what: "history row" })?;
        out.push(e);
    }
    Ok(out)
}
