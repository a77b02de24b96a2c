//! The one public error of the vault and its gate, and the one place internal errors map to it.
//!
//! Every variant is something the app can act on. No message carries user data, a PIN, a
//! code, a path or SQL text.

use crate::auth::WeakPinReason;
use crate::auth::kdf::KdfError;
use crate::platform::{RandomError, UnixTime};

use super::keystore::KeyStoreError;

/// What went wrong, in terms the app can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VaultError {
    /// The vault has not been set up yet: call `setup`.
    #[error("the vault has not been set up")]
    NotInitialized,
    /// Setup or enrolment confirmation was asked of a vault that is already in use.
    #[error("the vault is already set up")]
    AlreadyInitialized,
    /// The authenticator app has not been confirmed yet: call `confirm_enrolment` with a code.
    #[error("the authenticator enrolment is not confirmed yet")]
    EnrolmentPending,
    /// No authenticator re-enrolment is in progress.
    #[error("no authenticator re-enrolment is in progress")]
    NoPendingEnrolment,
    /// The chosen PIN is refused; the reason says why.
    #[error("the PIN is not acceptable: {0}")]
    WeakPin(WeakPinReason),
    /// The PIN was wrong. The attempt has been counted.
    #[error("wrong PIN; {attempts_left} attempts left")]
    WrongPin {
        /// Attempts left before the lockout policy's terminal action.
        attempts_left: u32,
    },
    /// The PIN was right but the one-time or recovery code was wrong. The attempt counted.
    #[error("wrong code; {attempts_left} attempts left")]
    WrongCode {
        /// Attempts left before the lockout policy's terminal action.
        attempts_left: u32,
    },
    /// The code was valid but already used: wait for the authenticator's next code. The PIN
    /// was right; a replay is not counted as a failed attempt (`docs/SECURITY.md`).
    #[error("this code was already used; wait for the next one ({attempts_left} attempts left)")]
    CodeReplayed {
        /// Attempts left before the lockout policy's terminal action.
        attempts_left: u32,
    },
    /// A one-time code from the authenticator app is needed here.
    #[error("a code from the authenticator app is required")]
    TotpRequired,
    /// The code typed is not in a format the vault accepts (6 digits, or a recovery code).
    #[error("the code is not in the expected format")]
    MalformedCode,
    /// After too many failures only PIN + recovery code can open the vault.
    #[error("only the PIN with a recovery code can unlock the vault now")]
    RecoveryCodeRequired,
    /// Too many failures: wait.
    #[error("too many failed attempts; try again in {retry_after_secs} s")]
    LockedOut {
        /// When the next attempt is allowed (Unix seconds, by the clock as last seen).
        until: UnixTime,
        /// Seconds to wait from now.
        retry_after_secs: u64,
    },
    /// The data key was destroyed after too many failures; the vault must be set up anew.
    #[error("the vault was wiped after too many failed attempts")]
    Wiped,
    /// The session is locked (idle timeout, explicit lock, or the vault was set up anew).
    #[error("the session is locked; unlock again")]
    Locked,
    /// A sealed value failed authentication: the file was damaged or tampered with.
    #[error("a sealed record in table `{table}` failed its integrity check")]
    Integrity {
        /// The table (a fixed name from the schema, never user data).
        table: &'static str,
    },
    /// The vault file is an older copy of itself (put back from a backup or a saved copy):
    /// the platform key it names was replaced at a later unlock attempt, PIN change or wipe.
    /// Nothing was counted and no PIN was tested. The app cannot repair this: the newer file
    /// is needed, or the vault must be set up anew.
    #[error("this wallet file was replaced by an older copy")]
    ReplacedByOlderCopy,
    /// The set of stored diplomas differs from the sealed record of it: a row was removed
    /// (or an old one put back) behind the app's back. The rows still present are shown;
    /// the missing ones must be imported again.
    #[error("the stored diplomas were changed outside the app: {missing} missing, {unexpected} unexpected")]
    CredentialSetChanged {
        /// Diplomas the sealed record lists that are not in the file (at least this many).
        missing: u64,
        /// Rows in the file the sealed record does not list.
        unexpected: u64,
    },
    /// This credential is already stored.
    #[error("this credential is already stored")]
    DuplicateCredential,
    /// No credential with this id.
    #[error("no such credential")]
    NotFound,
    /// The authenticator account label is empty, too long or contains `:`.
    #[error("the authenticator account label is not acceptable")]
    BadLabel,
    /// The platform key store failed.
    #[error("platform key store: {0}")]
    KeyStore(KeyStoreError),
    /// The database failed.
    #[error("storage: {0}")]
    Storage(StorageError),
    /// The file was written by a newer version of Qujat.
    #[error("the vault file has schema version {found}, newer than this app supports")]
    UnsupportedVersion {
        /// The schema version found in the file.
        found: i64,
    },
    /// The key derivation could not run (memory, or parameters out of bounds).
    #[error("the PIN key derivation failed")]
    Kdf,
    /// The system's random number generator failed.
    #[error("the random number generator failed")]
    Random,
}

/// A database failure, reduced to what the app can act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("{kind:?} (SQLite code {code})")]
pub struct StorageError {
    /// The kind of failure.
    pub kind: StorageErrorKind,
    /// SQLite's extended result code, or -1 when the failure is not SQLite's.
    pub code: i32,
}

/// Kinds of database failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StorageErrorKind {
    /// Another process holds the database; retry.
    Busy,
    /// The disk is full.
    Full,
    /// The file is not a database or is corrupt.
    Corrupt,
    /// The file cannot be opened, read or written.
    Io,
    /// The file is read-only.
    ReadOnly,
    /// The stored data does not have the shape this version expects.
    Schema,
    /// Anything else.
    Other,
}

impl From<rusqlite::Error> for VaultError {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode as C;
        let (kind, code) = match &e {
            rusqlite::Error::SqliteFailure(f, _) => {
                let kind = match f.code {
                    C::DatabaseBusy | C::DatabaseLocked => StorageErrorKind::Busy,
                    C::DiskFull => StorageErrorKind::Full,
                    C::DatabaseCorrupt | C::NotADatabase => StorageErrorKind::Corrupt,
                    C::CannotOpen | C::SystemIoFailure | C::PermissionDenied => StorageErrorKind::Io,
                    C::ReadOnly => StorageErrorKind::ReadOnly,
                    _ => StorageErrorKind::Other,
                };
                (kind, f.extended_code)
            }
            rusqlite::Error::InvalidColumnType(..)
            | rusqlite::Error::FromSqlConversionFailure(..)
            | rusqlite::Error::IntegralValueOutOfRange(..)
            | rusqlite::Error::QueryReturnedNoRows
            | rusqlite::Error::InvalidColumnIndex(..)
            | rusqlite::Error::InvalidColumnName(..) => (StorageErrorKind::Schema, -1),
            _ => (StorageErrorKind::Other, -1),
        };
        Self::Storage(StorageError { kind, code })
    }
}

impl From<KeyStoreError> for VaultError {
    fn from(e: KeyStoreError) -> Self {
        Self::KeyStore(e)
    }
}

impl From<RandomError> for VaultError {
    fn from(_: RandomError) -> Self {
        Self::Random
    }
}

impl From<KdfError> for VaultError {
    fn from(_: KdfError) -> Self {
        Self::Kdf
    }
}

impl From<WeakPinReason> for VaultError {
    fn from(r: WeakPinReason) -> Self {
        Self::WeakPin(r)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn storage_errors_carry_no_sql_or_values() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        let e = conn.execute("INSERT INTO nowhere VALUES ('Сейткали')", []).unwrap_err();
        let v: VaultError = e.into();
        let text = format!("{v} {v:?}");
        assert!(!text.contains("Сейткали") && !text.contains("nowhere"), "{text}");
    }
}
