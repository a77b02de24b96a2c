//! The vault's half of a backup: what leaves it ([`Vault::export_contents`]) and how a new
//! vault is set up from it ([`Vault::setup_restored`]). The file format around it is
//! [`crate::backup`]'s; the PIN, the TOTP secret and the recovery codes never leave.
//!
//! The holder key's seed is read from its sealed row into a zeroizing [`SecretBytes`], and on
//! restore sealed into the new vault from one, in the same single transaction that writes
//! everything else ([`Vault::setup`]'s): a restore that stops half-way (a kill, a full disk)
//! leaves the vault as it was before, never a half-made wallet.

use std::fmt;

use crate::platform::UnixTime;
use crate::secret::{SecretBytes, SecretString, SecretVec};

use super::audit::{self, AuditEntry};
use super::credentials::{self, CredentialId};
use super::enrolment::{Enrolment, SetupFrom};
use super::error::VaultError;
use super::rows::{self, SecretName};
use super::session::Session;
use super::vault::Vault;

/// One stored diploma as it leaves the vault: its id, the credential bundle and the summary the
/// list screen shows (the wallet's summary record). Personal data: never printed.
pub struct CarriedCredential {
    /// The id it is stored under.
    pub id: CredentialId,
    /// The credential bundle (credential, root seed, values).
    pub bundle: SecretVec,
    /// The stored summary record.
    pub summary: SecretVec,
}

impl fmt::Debug for CarriedCredential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CarriedCredential").field("id", &self.id).finish_non_exhaustive()
    }
}

/// Everything a backup carries out of a vault. The holder key's seed is a secret: zeroized on
/// drop, never printed.
pub struct VaultContents {
    /// The holder key's 32-byte Ed25519 seed.
    pub holder_seed: SecretBytes<32>,
    /// The stored diplomas, in the order they were stored.
    pub credentials: Vec<CarriedCredential>,
    /// The audit log's entries that opened, in order (their `seq` is not carried).
    pub audit: Vec<AuditEntry>,
    /// Stored diplomas that could not be read (damaged rows) and so are not carried.
    pub skipped: usize,
}

impl fmt::Debug for VaultContents {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VaultContents")
            .field("holder_seed", &self.holder_seed)
            .field("credentials", &self.credentials.len())
            .field("audit", &self.audit.len())
            .field("skipped", &self.skipped)
            .finish()
    }
}

impl Vault {
    /// Read, in one snapshot, what a backup carries: the holder key's seed, every diploma that
    /// opens (a damaged one is counted in [`VaultContents::skipped`]) and the audit log.
    pub fn export_contents(&self, session: &Session) -> Result<VaultContents, VaultError> {
        self.session_read(session, |conn, keys| {
            let seed = rows::require_secret(conn, keys, SecretName::HolderKey)?;
            let holder_seed = SecretBytes::<32>::from_slice(seed.expose_secret())
                .ok_or(VaultError::Integrity { table: "secrets" })?;
            let listing = credentials::list(conn, keys)?;
            let mut skipped = listing.damaged + listing.missing;
            let mut carried = Vec::with_capacity(listing.items.len());
            for item in listing.items {
                match credentials::get(conn, keys, &item.id) {
                    Ok(bundle) => carried.push(CarriedCredential { id: item.id, bundle, summary: item.summary }),
                    Err(VaultError::Integrity { .. } | VaultError::NotFound) => skipped += 1,
                    Err(e) => return Err(e),
                }
            }
            let log = audit::read(conn, keys)?;
            Ok(VaultContents { holder_seed, credentials: carried, audit: log.entries, skipped })
        })
    }

    /// Set the vault up from a backup's contents, exactly like [`Self::setup`] (PIN by the
    /// policy, a new TOTP secret, new recovery codes, completion by
    /// [`Self::confirm_enrolment`]) but with the given holder key instead of a new one, the
    /// diplomas under their ids, and an audit log that starts with
    /// [`AuditKind::Restored`](super::AuditKind::Restored) (detail: `made=<Unix seconds>`, the
    /// time the backup was made) followed by the carried entries. One transaction: all of it or
    /// nothing. Allowed where `setup` is (a new, wiped or unconfirmed vault); a vault in use is
    /// refused with [`VaultError::AlreadyInitialized`].
    pub fn setup_restored(
        &self,
        pin: &SecretString,
        account_label: &str,
        contents: &VaultContents,
        made_at: UnixTime,
    ) -> Result<Enrolment, VaultError> {
        self.enrol(pin, account_label, SetupFrom::Backup { contents, made_at })
    }
}
