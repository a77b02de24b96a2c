//! Stored recovery codes: one row per code, random id, sealed salted hash.

use rusqlite::{Connection, Transaction, params};

use crate::auth::recovery::{RecoveryCode, StoredCode};
use crate::platform::{SecureRandom, random_array};
use crate::secret::SecretString;

use super::error::VaultError;
use super::seal::{Place, SealKeys};

const TABLE: &str = "recovery_codes";

fn place(id: &[u8]) -> Place<'_> {
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

/// If `normalized` matches a stored code, delete that code and return `true`. A damaged row
/// is skipped (it cannot match), so one tampered code does not disable the others.
pub(crate) fn spend(tx: &Transaction<'_>, keys: &SealKeys, normalized: &SecretString) -> Result<bool, VaultError> {
    let rows = all(tx)?;
    for (id, sealed) in rows {
        let Ok(plain) = keys.open(place(&id), &sealed) else {
            continue;
        };
        let Some(stored) = StoredCode::from_bytes(plain.expose_secret()) else {
            continue;
        };
        if stored.matches(normalized) {
            tx.execute("DELETE FROM recovery_codes WHERE id = ?1", [&id])?;
            return Ok(true);
        }
    }
    Ok(false)
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
