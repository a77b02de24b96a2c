//! Stored recovery codes: one row per code, random id, sealed salted hash.

use rusqlite::{Connection, Transaction, params};

use crate::auth::recovery::{RecoveryCode, StoredCode};
use crate::platform::{SecureRandom, random_array};
use crate::secret::SecretString;

use super::error::VaultError;
use super::seal::{Place, SealKeys};

const TABLE: &str = "recovery_codes";

pub(super) fn place(id: &[u8]) -> Place<'_> {
    Place { table: TABLE, column: "sealed", id }
}

/// Replace every stored code with hashes of `codes`.
pub(crate) fn replace_all(
    tx: &Transaction<'_>,
    keys: &SealKeys,
    rng: &dyn SecureRandom,
    codes: &[RecoveryCode],
) -> Result<(), VaultError> {
    tx.execute("DELETE FROM recovery_codes", [])?;
    for code in codes {
        let id = random_array::<16>(rng)?;
        let stored = StoredCode::new(code, rng)?;
        let sealed = keys.seal(rng, place(&id), &stored.to_bytes())?;
        tx.execute("INSERT INTO recovery_codes (id, sealed) VALUES (?1, ?2)", params![&id[..], sealed])?;
    }
    Ok(())
}

/// The outcome of presenting a recovery code.
pub(crate) enum Spend {
    /// It matched; its row is deleted.
    Spent,
    /// It matched no stored code.
    NoMatch,
    /// It matched none of the rows that open, and some rows do not open (damaged).
    NoMatchSomeDamaged,
}

/// If `normalized` matches a stored code, delete that code. A damaged row cannot match, but
/// does not stop the others from matching.
pub(crate) fn spend(tx: &Transaction<'_>, keys: &SealKeys, normalized: &SecretString) -> Result<Spend, VaultError> {
    let mut damaged = false;
    for (id, sealed) in all(tx)? {
        let stored = keys.open(place(&id), &sealed).ok().and_then(|p| StoredCode::from_bytes(p.expose_secret()));
        let Some(stored) = stored else {
            damaged = true;
            continue;
        };
        if stored.matches(normalized) {
            tx.execute("DELETE FROM recovery_codes WHERE id = ?1", [&id])?;
            return Ok(Spend::Spent);
        }
    }
    Ok(if damaged { Spend::NoMatchSomeDamaged } else { Spend::NoMatch })
}

/// How many codes are left (unspent).
pub(crate) fn count(conn: &Connection) -> Result<u32, VaultError> {
    let n: i64 = conn.query_row("SELECT count(*) FROM recovery_codes", [], |r| r.get(0))?;
    Ok(u32::try_from(n).unwrap_or(0))
}

/// `(id, sealed)` of one stored code.
type Row = (Vec<u8>, Vec<u8>);

fn all(conn: &Connection) -> Result<Vec<Row>, VaultError> {
    let mut stmt = conn.prepare("SELECT id, sealed FROM recovery_codes")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}
