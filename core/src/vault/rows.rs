//! Row-level access to the small tables: configuration, lockout counter, named secrets.
//!
//! Readers take `&Connection` (a `Transaction` derefs to one); writers take `&Transaction`,
//! so no write can happen outside a transaction.

use std::borrow::Cow;

use rusqlite::{Connection, OptionalExtension, Transaction, params};

use crate::auth::lockout::LockoutState;
use crate::platform::SecureRandom;
use crate::secret::SecretVec;

use super::error::VaultError;
use super::seal::{Place, SealKeys};

/// Length of the per-setup vault identifier.
pub(crate) const UID_LEN: usize = 16;

/// Life-cycle state stored in `config.state`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum State {
    /// Set up; waiting for the first authenticator code.
    Pending = 1,
    /// In use.
    Ready = 2,
    /// The data key was destroyed.
    Wiped = 3,
}

/// The single `config` row. The KDF parameters and salt are not here: they travel inside the
/// key-store-wrapped blob ([`super::datakey::KeyBundle`]), so the platform key store
/// authenticates them.
pub(crate) struct ConfigRow {
    pub state: State,
    pub vault_uid: [u8; UID_LEN],
    /// The base of the key chain's aliases (see [`super::keychain`]).
    pub key_alias: String,
    /// The generation of the platform key that wraps `wrapped_key` (0: the base alias itself,
    /// as written before key rotation existed).
    pub key_generation: u64,
    pub wrapped_key: Option<Vec<u8>>,
}

const CONFIG: &str = "config";

fn bad_config() -> VaultError {
    VaultError::Integrity { table: CONFIG }
}

/// Read the configuration; `None` before setup.
pub(crate) fn read_config(conn: &Connection) -> Result<Option<ConfigRow>, VaultError> {
    type Raw = (i64, Vec<u8>, String, i64, Option<Vec<u8>>);
    let raw: Option<Raw> = conn
        .query_row(
            "SELECT state, vault_uid, key_alias, key_generation, wrapped_key FROM config WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .optional()?;
    let Some((state, uid, key_alias, generation, wrapped_key)) = raw else { return Ok(None) };
    let key_generation = u64::try_from(generation).map_err(|_| bad_config())?;
    let state = match state {
        1 => State::Pending,
        2 => State::Ready,
        3 => State::Wiped,
        _ => return Err(bad_config()),
    };
    let vault_uid = <[u8; UID_LEN]>::try_from(uid.as_slice()).map_err(|_| bad_config())?;
    Ok(Some(ConfigRow { state, vault_uid, key_alias, key_generation, wrapped_key }))
}

/// Write (insert or replace) the configuration.
pub(crate) fn write_config(tx: &Transaction<'_>, c: &ConfigRow) -> Result<(), VaultError> {
    tx.execute(
        "INSERT OR REPLACE INTO config (id, state, vault_uid, key_alias, key_generation, wrapped_key)
         VALUES (1, ?1, ?2, ?3, ?4, ?5)",
        params![
            c.state as i64,
            &c.vault_uid[..],
            c.key_alias,
            i64::try_from(c.key_generation).map_err(|_| bad_config())?,
            c.wrapped_key
        ],
    )?;
    Ok(())
}

/// Read the failure counter.
pub(crate) fn read_lockout(conn: &Connection) -> Result<LockoutState, VaultError> {
    let (failures, remaining, last_seen): (i64, i64, i64) =
        conn.query_row("SELECT failures, remaining, last_seen FROM lockout WHERE id = 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?;
    Ok(LockoutState {
        // A negative count in the file is treated as the worst case, not as zero.
        failures: u32::try_from(failures).unwrap_or(u32::MAX),
        remaining_secs: remaining.max(0),
        last_seen,
    })
}

/// Write the failure counter.
pub(crate) fn write_lockout(tx: &Transaction<'_>, s: &LockoutState) -> Result<(), VaultError> {
    tx.execute(
        "UPDATE lockout SET failures = ?1, remaining = ?2, last_seen = ?3 WHERE id = 1",
        params![i64::from(s.failures), s.remaining_secs, s.last_seen],
    )?;
    Ok(())
}

/// Names of the single-row secrets.
#[derive(Debug, Clone, Copy)]
pub(crate) enum SecretName {
    HolderKey,
    Totp,
    TotpPending,
    AuditHead,
    CredentialSet,
    /// One bucket of the credential set (see `credential_set`).
    CredentialSetBucket(u8),
    TrustSequence,
}

impl SecretName {
    fn label(self) -> Cow<'static, str> {
        Cow::Borrowed(match self {
            Self::HolderKey => "holder-key",
            Self::Totp => "totp",
            Self::TotpPending => "totp-pending",
            Self::AuditHead => "audit-head",
            Self::CredentialSet => "credential-set",
            Self::CredentialSetBucket(b) => return Cow::Owned(format!("credential-set/{b:02x}")),
            Self::TrustSequence => "trust-sequence",
        })
    }
}

const SECRETS: &str = "secrets";

fn secret_place(id: &[u8; 32]) -> Place<'_> {
    Place { table: SECRETS, column: "sealed", id }
}

/// Seal and store a named secret (replacing any previous value).
pub(crate) fn put_secret(
    tx: &Transaction<'_>,
    keys: &SealKeys,
    rng: &dyn SecureRandom,
    name: SecretName,
    plaintext: &[u8],
) -> Result<(), VaultError> {
    let id = keys.lookup_id("secret", name.label().as_bytes());
    let sealed = keys.seal(rng, secret_place(&id), plaintext)?;
    tx.execute(
        "INSERT INTO secrets (id, sealed) VALUES (?1, ?2) ON CONFLICT (id) DO UPDATE SET sealed = excluded.sealed",
        params![&id[..], sealed],
    )?;
    Ok(())
}

/// Read and open a named secret.
pub(crate) fn get_secret(
    conn: &Connection,
    keys: &SealKeys,
    name: SecretName,
) -> Result<Option<SecretVec>, VaultError> {
    let id = keys.lookup_id("secret", name.label().as_bytes());
    let sealed: Option<Vec<u8>> =
        conn.query_row("SELECT sealed FROM secrets WHERE id = ?1", [&id[..]], |r| r.get(0)).optional()?;
    sealed.map(|s| keys.open(secret_place(&id), &s)).transpose()
}

/// A named secret that must exist once the vault is set up.
pub(crate) fn require_secret(conn: &Connection, keys: &SealKeys, name: SecretName) -> Result<SecretVec, VaultError> {
    get_secret(conn, keys, name)?.ok_or(VaultError::Integrity { table: SECRETS })
}

/// Remove a named secret.
pub(crate) fn delete_secret(tx: &Transaction<'_>, keys: &SealKeys, name: SecretName) -> Result<(), VaultError> {
    let id = keys.lookup_id("secret", name.label().as_bytes());
    tx.execute("DELETE FROM secrets WHERE id = ?1", [&id[..]])?;
    Ok(())
}

/// Empty every table that holds sealed data or attempt history.
pub(crate) fn clear_sealed_tables(tx: &Transaction<'_>) -> Result<(), VaultError> {
    tx.execute_batch(
        "DELETE FROM secrets; DELETE FROM recovery_codes; DELETE FROM credentials;
         DELETE FROM audit; DELETE FROM failed_attempts;",
    )?;
    Ok(())
}
