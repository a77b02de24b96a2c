//! The holder key: generated inside the vault at setup, stored sealed, used only here.
//!
//! Its seed is opened for one signature and zeroized when the call returns; only the public
//! key and signatures leave the vault.

use rusqlite::Connection;

use crate::keys::{KeyPair, PublicKey, SIGNATURE_LEN};
use crate::secret::SecretBytes;

use super::error::VaultError;
use super::rows::{self, SecretName};
use super::seal::SealKeys;
use super::session::Session;
use super::vault::Vault;

fn holder_key(conn: &Connection, keys: &SealKeys) -> Result<KeyPair, VaultError> {
    let seed = rows::require_secret(conn, keys, SecretName::HolderKey)?;
    let seed = SecretBytes::<32>::from_slice(seed.expose_secret()).ok_or(VaultError::Integrity { table: "secrets" })?;
    Ok(KeyPair::from_seed(&seed))
}

impl Vault {
    /// The holder's public key (for the issuer to bind credentials to).
    pub fn holder_public_key(&self, session: &Session) -> Result<PublicKey, VaultError> {
        self.session_read(session, |conn, keys| Ok(holder_key(conn, keys)?.public()))
    }

    /// Sign `message` with the holder key (Ed25519). The key never leaves the vault.
    pub fn sign_as_holder(&self, session: &Session, message: &[u8]) -> Result<[u8; SIGNATURE_LEN], VaultError> {
        self.session_read(session, |conn, keys| Ok(holder_key(conn, keys)?.sign(message)))
    }
}
