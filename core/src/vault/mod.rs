//! The encrypted wallet store on the phone.
//!
//! ```text
//!            PIN ──Argon2id(salt, m,t,p)──► PIN key ─┐
//!                                                    ▼ XChaCha20-Poly1305
//!   random data key (256 bit) ──────────────────► inner blob ──KeyStore.wrap(alias(g))──► config.wrapped_key
//!        │ HMAC-SHA256 split
//!        ├─► record key: seals every secret value (AAD = table, column, row id, version)
//!        └─► lookup key: keyed-hash row ids (credentials, named secrets)
//! ```
//!
//! The platform key's generation `g` moves forward at every unlock attempt, PIN change and
//! wipe, and the previous key is deleted (`keychain`): an older copy of the file finds no key
//! ([`VaultError::ReplacedByOlderCopy`]). A sealed record of which credentials exist
//! (`credential_set`) reports rows deleted behind the core's back.
//!
//! One [`Vault`] owns one SQLite connection behind a mutex (store pattern: every write takes a
//! `&Transaction`; schema by numbered migrations). The gate ([`Vault::unlock`]) turns PIN + code
//! into a [`Session`]; every record operation takes the session. See `docs/SECURITY.md` for the
//! threat model.

mod audit;
mod backup;
mod credential_set;
mod credentials;
mod datakey;
mod enrolment;
mod error;
#[cfg(any(test, feature = "fuzzing"))]
#[doc(hidden)]
pub mod fuzzing;
mod gate;
mod holder;
mod keychain;
mod keystore;
mod options;
mod platform;
mod recovery_rows;
mod rows;
mod schema;
mod seal;
mod session;
mod software_keystore;
mod totp_record;
mod trust_sequence;
#[allow(clippy::module_inception, reason = "the file is named for the type it holds")]
mod vault;

#[cfg(test)]
pub(crate) mod test_support;
#[cfg(test)]
mod tests;

pub use audit::{AuditEntry, AuditKind, AuditLog, ChainStatus};
pub use backup::{CarriedCredential, VaultContents};
pub use credentials::{CredentialId, CredentialListing, CredentialSummary};
pub use enrolment::Enrolment;
pub use error::{StorageError, StorageErrorKind, VaultError};
pub use keystore::{KeyStore, KeyStoreError};
pub use options::VaultOptions;
pub use platform::Platform;
pub use session::{DEFAULT_IDLE_TIMEOUT_SECS, Session};
pub use software_keystore::SoftwareKeyStore;
pub use vault::{Vault, VaultState, VaultStatus};
