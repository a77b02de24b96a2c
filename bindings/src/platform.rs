//! What the app provides: the platform key store and (for tests) a clock. Both are uniffi
//! foreign traits that Kotlin and Swift implement; small adapters turn them into the core's
//! traits.

use std::sync::Arc;

use qujat_core::vault;

/// Failures a platform key store reports. Kotlin: `KeyStoreException.*`; Swift: `KeyStoreError`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error, uniffi::Error)]
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
    /// The key store cannot be reached right now. Also what an unexpected exception thrown by
    /// the app's implementation becomes.
    #[error("the key store is unavailable")]
    Unavailable,
    /// Reading or writing the key store's own storage failed.
    #[error("the key store's storage failed")]
    Io,
}

impl From<uniffi::UnexpectedUniFFICallbackError> for KeyStoreError {
    fn from(_: uniffi::UnexpectedUniFFICallbackError) -> Self {
        Self::Unavailable
    }
}

/// The platform key store, implemented by the app: Android Keystore (ideally StrongBox),
/// iOS Keychain / Secure Enclave. It wraps the vault's key bundle under a key that never
/// leaves the platform; the wallet only ever sees wrapped bytes.
#[uniffi::export(foreign)]
pub trait PlatformKeyStore: Send + Sync {
    /// Encrypt `plaintext` under the key named `alias`, creating that key if it does not exist.
    fn wrap(&self, alias: String, plaintext: Vec<u8>) -> Result<Vec<u8>, KeyStoreError>;
    /// Decrypt what `wrap` produced for the same alias.
    fn unwrap(&self, alias: String, wrapped: Vec<u8>) -> Result<Vec<u8>, KeyStoreError>;
    /// Destroy the key named `alias`. Deleting a missing key is not an error. The deletion
    /// must be real (the key unusable from then on, even if the app's files are put back):
    /// it is what makes an older copy of the wallet file useless.
    fn delete(&self, alias: String) -> Result<(), KeyStoreError>;
    /// Every alias this key store holds that starts with `prefix` (any order; empty when
    /// none). The wallet rotates its key at every unlock attempt under aliases
    /// `<base>.g<generation>` and asks for them to tell an older copy of its file (a newer
    /// generation exists) from a key store that lost its keys, and to remove keys a crash left.
    fn aliases_with_prefix(&self, prefix: String) -> Result<Vec<String>, KeyStoreError>;
    /// Whether keys live in hardware the app process cannot read (TEE, StrongBox, Secure Enclave).
    fn is_hardware_backed(&self) -> bool;
}

/// A source of time, implemented by tests (the `testing` feature; not in a shipped library) that need to move it (lockout waits, expiry).
/// Production code uses the constructors without a clock (the system clock). Must not throw.
#[cfg(feature = "testing")]
#[uniffi::export(foreign)]
pub trait Clock: Send + Sync {
    /// Seconds since the Unix epoch (UTC).
    fn now(&self) -> i64;
}

/// The app's key store as the core's [`vault::KeyStore`].
pub(crate) struct ForeignKeyStore(pub(crate) Arc<dyn PlatformKeyStore>);

impl From<KeyStoreError> for vault::KeyStoreError {
    fn from(e: KeyStoreError) -> Self {
        match e {
            KeyStoreError::KeyNotFound => Self::KeyNotFound,
            KeyStoreError::InvalidData => Self::InvalidData,
            KeyStoreError::UserAuthenticationRequired => Self::UserAuthenticationRequired,
            KeyStoreError::KeyInvalidated => Self::KeyInvalidated,
            KeyStoreError::BadAlias => Self::BadAlias,
            KeyStoreError::Unavailable => Self::Unavailable,
            KeyStoreError::Io => Self::Io,
        }
    }
}

impl vault::KeyStore for ForeignKeyStore {
    fn wrap(&self, alias: &str, plaintext: &[u8]) -> Result<Vec<u8>, vault::KeyStoreError> {
        Ok(self.0.wrap(alias.to_owned(), plaintext.to_vec())?)
    }
    fn unwrap(&self, alias: &str, wrapped: &[u8]) -> Result<Vec<u8>, vault::KeyStoreError> {
        Ok(self.0.unwrap(alias.to_owned(), wrapped.to_vec())?)
    }
    fn delete(&self, alias: &str) -> Result<(), vault::KeyStoreError> {
        Ok(self.0.delete(alias.to_owned())?)
    }
    fn aliases_with_prefix(&self, prefix: &str) -> Result<Vec<String>, vault::KeyStoreError> {
        Ok(self.0.aliases_with_prefix(prefix.to_owned())?)
    }
    fn is_hardware_backed(&self) -> bool {
        self.0.is_hardware_backed()
    }
}

/// The test's clock as the core's [`qujat_core::platform::Clock`].
#[cfg(feature = "testing")]
pub(crate) struct ForeignClock(pub(crate) Arc<dyn Clock>);

#[cfg(feature = "testing")]
impl qujat_core::platform::Clock for ForeignClock {
    fn now(&self) -> qujat_core::platform::UnixTime {
        self.0.now()
    }
}
