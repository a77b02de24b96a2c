//! The platform key store: the outer wrapping of the data key.
//!
//! The app implements [`KeyStore`] with the platform's protected keys (Android Keystore,
//! ideally StrongBox; iOS Keychain / Secure Enclave). The trait is shaped for a uniffi foreign
//! trait: object-safe, `Send + Sync`, only strings and bytes in and out, and its own error
//! enum. The key behind an alias never leaves the platform; the vault only ever sees wrapped
//! bytes and, transiently, the unwrapped inner blob (itself still encrypted under the PIN key).

/// Failures a key store can report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum KeyStoreError {
    /// No key under this alias (deleted, or never created).
    #[error("no key under this alias")]
    KeyNotFound,
    /// The wrapped bytes do not open under the key (damaged or tampered).
    #[error("the wrapped data does not open under this key")]
    InvalidData,
    /// The platform wants the user to authenticate (biometric or device credential) first.
    #[error("the platform requires user authentication first")]
    UserAuthenticationRequired,
    /// The platform invalidated the key (for example, the screen lock was removed).
    #[error("the platform invalidated the key")]
    KeyInvalidated,
    /// The alias is not acceptable to this key store.
    #[error("the key alias is not acceptable")]
    BadAlias,
    /// The key store cannot be reached right now.
    #[error("the key store is unavailable")]
    Unavailable,
    /// Reading or writing the key store's own storage failed.
    #[error("the key store's storage failed")]
    Io,
}

/// A platform key store that wraps and unwraps small secrets under a key it keeps to itself.
pub trait KeyStore: Send + Sync {
    /// Encrypt `plaintext` under the key named `alias`, creating that key if it does not exist.
    fn wrap(&self, alias: &str, plaintext: &[u8]) -> Result<Vec<u8>, KeyStoreError>;
    /// Decrypt what [`Self::wrap`] produced for the same alias.
    fn unwrap(&self, alias: &str, wrapped: &[u8]) -> Result<Vec<u8>, KeyStoreError>;
    /// Destroy the key named `alias`. Deleting a missing key is not an error. The vault relies
    /// on deletion being real: a deleted key must never come back (see `docs/SECURITY.md`,
    /// "Copy-back").
    fn delete(&self, alias: &str) -> Result<(), KeyStoreError>;
    /// Every alias this key store holds that starts with `prefix`, in any order. The vault
    /// asks for the aliases of its own key chain (`<base>.g<generation>`) to tell a file that
    /// was replaced by an older copy (a newer generation exists) from a key store that lost
    /// its keys (none exists), and to remove keys a crash left behind.
    fn aliases_with_prefix(&self, prefix: &str) -> Result<Vec<String>, KeyStoreError>;
    /// Whether keys live in hardware the app process cannot read (TEE, StrongBox, Secure Enclave).
    fn is_hardware_backed(&self) -> bool;
}
