//! Challenges answered by an accepted presentation, remembered for a presentation's lifetime
//! plus the clock skew (after that a presentation answering them is expired anyway).
//!
//! A challenge is consumed by one `INSERT` on its primary key inside the caller's
//! transaction: of two processes answering the same challenge, exactly one inserts. The table
//! holds at most one row per 6-digit code, so it is bounded (10⁶ rows) whatever happens.

use rusqlite::{Connection, Transaction, params};

use crate::platform::UnixTime;
use crate::presentation::Challenge;
use crate::verifier::StoreError;

/// Forget challenges consumed more than `horizon` seconds before `now`, then consume `c`.
/// Returns false if `c` was already consumed within the horizon (a replay).
pub(crate) fn consume(tx: &Transaction<'_>, c: Challenge, now: UnixTime, horizon: i64) -> Result<bool, StoreError> {
    tx.execute("DELETE FROM challenge WHERE consumed_at < ?1", params![now.saturating_sub(horizon)])?;
    let inserted = tx.execute(
        "INSERT INTO challenge (code, consumed_at) VALUES (?1, ?2) ON CONFLICT (code) DO NOTHING",
        params![c.value(), now],
    )?;
    Ok(inserted == 1)
}

/// Challenges remembered within the horizon.
pub(crate) fn count(conn: &Connection, now: UnixTime, horizon: i64) -> Result<u64, StoreError> {
    let n: i64 = conn.query_row(
        "SELECT count(*) FROM challenge WHERE consumed_at >= ?1",
        params![now.saturating_sub(horizon)],
        |r| r.get(0),
    )?;
    Ok(u64::try_from(n).unwrap_or(0))
}
