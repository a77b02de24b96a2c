//! What can go wrong when the verifier installs a list or uses its state.

use crate::platform::UnixTime;
use crate::status::StatusListError;
use crate::trust::TrustListError;

/// Installing a trust or status list was refused. Version rules (FORMAT.md): a list older
/// than the one held is a rollback; the same version with identical bytes is an idempotent
/// re-install (accepted); the same version with different bytes is a conflict.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InstallError {
    /// The trust list does not decode or is not signed by the pinned anchor.
    #[error(transparent)]
    TrustList(TrustListError),
    /// The trust list is older than the one held.
    #[error("trust list sequence {offered} is older than the held sequence {held}")]
    TrustListRollback {
        /// Sequence held.
        held: u64,
        /// Sequence offered.
        offered: u64,
    },
    /// Another trust list with the same sequence is held.
    #[error("a different trust list with sequence {sequence} is already held")]
    TrustListConflict {
        /// The sequence both carry.
        sequence: u64,
    },
    /// A status list needs a trust list first.
    #[error("no trust list held: install one before status lists")]
    NoTrustList,
    /// The status list's issuer is not in the held trust list.
    #[error("the status list's issuer is not in the held trust list (foreign)")]
    ForeignStatusList,
    /// The status list does not decode or is not signed by its issuer's keys.
    #[error(transparent)]
    StatusList(StatusListError),
    /// The status list is older than the one held for its issuer.
    #[error("status list of `{issuer}` issued at {offered} is older than the held one issued at {held}")]
    StatusListRollback {
        /// Issuer id.
        issuer: String,
        /// `issued_at` of the held list.
        held: UnixTime,
        /// `issued_at` of the offered list.
        offered: UnixTime,
    },
    /// Another status list of this issuer with the same `issued_at` is held.
    #[error("a different status list of `{issuer}` issued at {issued_at} is already held")]
    StatusListConflict {
        /// Issuer id.
        issuer: String,
        /// The `issued_at` both carry.
        issued_at: UnixTime,
    },
    /// The state could not be read or written.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<TrustListError> for InstallError {
    fn from(e: TrustListError) -> Self {
        match e {
            TrustListError::Rollback { offered, installed } => Self::TrustListRollback { held: installed, offered },
            other => Self::TrustList(other),
        }
    }
}

impl From<StatusListError> for InstallError {
    fn from(e: StatusListError) -> Self {
        match e {
            StatusListError::UnknownIssuer => Self::ForeignStatusList,
            other => Self::StatusList(other),
        }
    }
}

/// The verifier's state file could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    /// The file is not a Qujat verifier state (another SQLite database, or not SQLite).
    #[error("not a Qujat verifier state file")]
    NotAStateFile,
    /// The file is damaged, or a list it holds no longer verifies.
    #[error("the verifier state is damaged: {what}")]
    Damaged {
        /// What was found damaged (no personal data).
        what: &'static str,
    },
    /// Written by a newer version of Qujat.
    #[error("verifier state schema version {found} is not supported by this build")]
    UnsupportedVersion {
        /// The version found.
        found: i64,
    },
    /// The state is pinned to another trust anchor. A new anchor needs a new state directory.
    #[error("this state is pinned to trust anchor {held}, not {offered}: a new anchor needs a new state directory")]
    AnchorMismatch {
        /// Fingerprint (hex public key) of the pinned anchor.
        held: String,
        /// Fingerprint of the anchor offered.
        offered: String,
    },
    /// No anchor is pinned in this state and none was given.
    #[error("no trust anchor pinned in this state: give one")]
    NoAnchor,
    /// Another process held the database locked for too long.
    #[error("the verifier state is locked by another process")]
    Busy,
    /// An SQLite or I/O error (the SQLite extended result code).
    #[error("verifier state storage error (SQLite code {code})")]
    Storage {
        /// SQLite extended result code, or -1 for an I/O error outside SQLite.
        code: i32,
    },
}

#[cfg(feature = "store")]
impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode as C;
        match &e {
            rusqlite::Error::SqliteFailure(f, _) => match f.code {
                C::NotADatabase => Self::NotAStateFile,
                C::DatabaseCorrupt => Self::Damaged { what: "database file" },
                C::DatabaseBusy | C::DatabaseLocked => Self::Busy,
                _ => Self::Storage { code: f.extended_code },
            },
            rusqlite::Error::FromSqlConversionFailure(..)
            | rusqlite::Error::InvalidColumnType(..)
            | rusqlite::Error::IntegralValueOutOfRange(..) => Self::Damaged { what: "a row" },
            _ => Self::Storage { code: -1 },
        }
    }
}

impl From<std::io::Error> for StoreError {
    fn from(_: std::io::Error) -> Self {
        Self::Storage { code: -1 }
    }
}
