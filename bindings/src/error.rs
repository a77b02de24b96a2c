//! One error enum per object, each variant something the app can act on, and the one place
//! where each core error maps onto them.
//!
//! Messages carry no user data, no PIN, no code and no path. Every match on a core enum here
//! is exhaustive (the core's enums are not `#[non_exhaustive]` and no arm is a wildcard), so a
//! variant added in the core fails to compile until it is mapped. The core's plain enums
//! ([`WeakPinReason`], [`StorageErrorKind`]) cross as they are (uniffi remote types).

use qujat_core::auth::WeakPinReason as CoreWeakPin;
use qujat_core::backup::BackupError;
#[cfg(feature = "testing")]
use qujat_core::issuer::IssueError;
use qujat_core::presentation::PresentError;
use qujat_core::qr::QrError as CoreQr;
use qujat_core::status::StatusListError;
use qujat_core::trust::TrustListError;
use qujat_core::vault::{StorageErrorKind as CoreStorageKind, VaultError};
use qujat_core::verifier::{InstallError, StoreError};
use qujat_core::wallet::WalletError as CoreWalletError;

use crate::platform::KeyStoreError;

/// Why a PIN was refused (the core's `auth::WeakPinReason`).
pub type WeakPinReason = CoreWeakPin;

/// Why a PIN was refused (no digit of it).
#[uniffi::remote(Enum)]
pub enum WeakPinReason {
    /// Fewer digits than `min`.
    TooShort {
        /// The minimum length.
        min: u8,
    },
    /// More digits than `max`.
    TooLong {
        /// The maximum length.
        max: u8,
    },
    /// Something other than the digits 0–9.
    NotDigits,
    /// One digit or one short block repeated.
    Repeated,
    /// A run such as 123456.
    Sequence,
    /// Reads the same backwards.
    Mirror,
    /// Looks like a date.
    DateLike,
    /// One of the most common PINs or keypad shapes.
    Common,
}

/// Kinds of database failure (the core's `vault::StorageErrorKind`).
pub type StorageErrorKind = CoreStorageKind;

/// Kinds of database failure.
#[uniffi::remote(Enum)]
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

/// What went wrong in a `Wallet` call.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
pub enum WalletError {
    /// The wallet has not been set up yet: call `setup`.
    #[error("the wallet has not been set up")]
    NotInitialized,
    /// `setup` was called on a wallet that is already in use.
    #[error("the wallet is already set up")]
    AlreadyInitialized,
    /// The authenticator app has not been confirmed yet: call `confirm_enrolment`.
    #[error("the authenticator enrolment is not confirmed yet")]
    EnrolmentPending,
    /// No authenticator change is in progress.
    #[error("no authenticator change is in progress")]
    NoPendingEnrolment,
    /// The chosen PIN is refused; the reason says why.
    #[error("the PIN is not acceptable")]
    WeakPin {
        /// Why.
        reason: WeakPinReason,
    },
    /// Wrong PIN; the attempt was counted.
    #[error("wrong PIN; {attempts_left} attempts left")]
    WrongPin {
        /// Attempts left before the terminal action (wipe, or recovery code only).
        attempts_left: u32,
    },
    /// The PIN was right but the code was wrong; the attempt was counted.
    #[error("wrong code; {attempts_left} attempts left")]
    WrongCode {
        /// Attempts left before the terminal action.
        attempts_left: u32,
    },
    /// The code was already used: wait for the authenticator's next one. The PIN was right;
    /// a replay is not counted.
    #[error("this code was already used; wait for the next one ({attempts_left} attempts left)")]
    CodeReplayed {
        /// Attempts left before the terminal action.
        attempts_left: u32,
    },
    /// A code from the authenticator app is required.
    #[error("a code from the authenticator app is required")]
    TotpRequired,
    /// The code is not 6 digits nor a recovery code.
    #[error("the code is not in the expected format")]
    MalformedCode,
    /// After too many failures only PIN + recovery code can unlock.
    #[error("only the PIN with a recovery code can unlock now")]
    RecoveryCodeRequired,
    /// Too many failures: wait.
    #[error("too many failed attempts; try again in {retry_after_secs} s")]
    LockedOut {
        /// When the next attempt is allowed (Unix seconds).
        until: i64,
        /// Seconds to wait from now.
        retry_after_secs: u64,
    },
    /// The data key was destroyed after too many failures: set the wallet up anew.
    #[error("the wallet was wiped after too many failed attempts")]
    Wiped,
    /// The session is locked (idle timeout or `lock`): unlock again.
    #[error("the wallet is locked")]
    Locked,
    /// A sealed record failed its integrity check: the file was damaged or tampered with.
    #[error("a sealed record in table `{table}` failed its integrity check")]
    Integrity {
        /// The table (a fixed schema name).
        table: String,
    },
    /// The wallet file was replaced by an older copy of itself (from a backup or a saved
    /// copy): its key was replaced at a later unlock attempt, PIN change or wipe. Nothing was
    /// counted. The newer file is needed, or the wallet must be set up anew.
    #[error("this wallet file was replaced by an older copy")]
    ReplacedByOlderCopy,
    /// Stored diplomas were removed (or old ones put back) outside the app: `missing` must be
    /// imported again; `unexpected` rows are not shown.
    #[error("the stored diplomas were changed outside the app: {missing} missing, {unexpected} unexpected")]
    DiplomaSetChanged {
        /// Diplomas the wallet's sealed record lists that are gone.
        missing: u64,
        /// Rows the record does not list.
        unexpected: u64,
    },
    /// The trust list offered is older than one this wallet already saw from the same anchor:
    /// get the current list.
    #[error("the trust list (sequence {offered}) is older than the one this wallet holds (sequence {held})")]
    OlderTrustList {
        /// The highest sequence this wallet has seen.
        held: u64,
        /// The sequence of the list offered.
        offered: u64,
    },
    /// This diploma is already stored.
    #[error("this diploma is already stored")]
    DuplicateCredential,
    /// No diploma with this id.
    #[error("no such diploma")]
    NotFound,
    /// The authenticator account label is empty, too long or contains `:`.
    #[error("the authenticator account label is not acceptable")]
    BadLabel,
    /// The platform key store failed.
    #[error("platform key store: {error}")]
    KeyStore {
        /// What the key store reported.
        error: KeyStoreError,
    },
    /// The database failed.
    #[error("storage failure ({kind:?}, SQLite code {code})")]
    Storage {
        /// The kind.
        kind: StorageErrorKind,
        /// SQLite's extended result code, or -1.
        code: i32,
    },
    /// The file was written by a newer version of Qujat.
    #[error("the wallet file has schema version {found}, newer than this app supports")]
    UnsupportedVersion {
        /// The version found.
        found: i64,
    },
    /// The PIN key derivation could not run (memory).
    #[error("the PIN key derivation failed")]
    Kdf,
    /// The system's random number generator failed.
    #[error("the random number generator failed")]
    Random,
    /// The file to import is not a valid credential.
    #[error("not a valid credential")]
    BadCredential,
    /// The trust list given for the import is malformed or not signed by the anchor.
    #[error("the trust list is not valid")]
    TrustListInvalid,
    /// The trust list given for the import is past its expiry: fetch a new one.
    #[error("the trust list has expired")]
    TrustListExpired {
        /// When it expired.
        expired_at: i64,
    },
    /// The credential's issuer is not in the trust list.
    #[error("the issuer is not in the trust list")]
    UnknownIssuer,
    /// The issuer's signature does not verify: a forgery.
    #[error("the issuer's signature does not verify")]
    ForgedIssuerSignature,
    /// The credential was issued to another wallet's key.
    #[error("this credential was issued to another wallet")]
    NotOurHolderKey,
    /// A stored diploma does not decode (damaged, or written by a newer version).
    #[error("a stored diploma is damaged")]
    DamagedRecord,
    /// The presentation lifetime is outside 1–600 seconds (a document's: 1–90 days).
    #[error("the presentation lifetime must be 1 to 600 seconds (a document's 1 to 90 days)")]
    BadLifetime,
    /// A document's audience is empty, over 128 bytes, or has a control character.
    #[error("the audience must be 1 to 128 bytes without control characters")]
    BadAudience,
    /// A diploma id is not 64 hex digits.
    #[error("not a diploma id")]
    BadDiplomaId,
    /// A public key is not 32 bytes of a valid Ed25519 key.
    #[error("not a valid public key")]
    BadPublicKey,
    /// A challenge is not 6 digits.
    #[error("a challenge must be 6 digits")]
    BadChallenge,
    /// The presentation does not fit a QR code (cannot happen with the format's size limits).
    #[error("the presentation does not fit a QR code")]
    QrEncoding,
    /// The backup code does not open this backup: check it against what was written down.
    /// (A damaged start of the file reads the same way.) Nothing was written.
    #[error("the backup code does not open this backup")]
    BackupWrongCode,
    /// The file is not a Qujat backup (not an age file encrypted to a code). Nothing was
    /// written.
    #[error("this file is not a backup")]
    NotABackup,
    /// The backup is damaged or truncated (or asks for more key-derivation work than a phone
    /// should do): use another copy. Nothing was written.
    #[error("the backup is damaged or truncated")]
    BackupDamaged,
    /// The backup was made by a newer version of Qujat: update the app, then restore. Nothing
    /// was written.
    #[error("the backup was made by a newer version (archive version {version})")]
    BackupNewerVersion {
        /// The archive version found.
        version: u64,
    },
    /// The backup could not be encrypted (not expected: the encryption writes to memory).
    #[error("the backup could not be made")]
    BackupFailed,
    /// The PDF could not be written (not expected: the font is built in and the page is made
    /// in memory).
    #[error("the PDF could not be made")]
    PdfFailed,
}

impl From<CoreWalletError> for WalletError {
    fn from(e: CoreWalletError) -> Self {
        use VaultError as V;
        match e {
            CoreWalletError::Vault(v) => match v {
                V::NotInitialized => Self::NotInitialized,
                V::AlreadyInitialized => Self::AlreadyInitialized,
                V::EnrolmentPending => Self::EnrolmentPending,
                V::NoPendingEnrolment => Self::NoPendingEnrolment,
                V::WeakPin(reason) => Self::WeakPin { reason },
                V::WrongPin { attempts_left } => Self::WrongPin { attempts_left },
                V::WrongCode { attempts_left } => Self::WrongCode { attempts_left },
                V::CodeReplayed { attempts_left } => Self::CodeReplayed { attempts_left },
                V::TotpRequired => Self::TotpRequired,
                V::MalformedCode => Self::MalformedCode,
                V::RecoveryCodeRequired => Self::RecoveryCodeRequired,
                V::LockedOut { until, retry_after_secs } => Self::LockedOut { until, retry_after_secs },
                V::Wiped => Self::Wiped,
                V::Locked => Self::Locked,
                V::Integrity { table } => Self::Integrity { table: table.to_owned() },
                V::ReplacedByOlderCopy => Self::ReplacedByOlderCopy,
                V::CredentialSetChanged { missing, unexpected } => Self::DiplomaSetChanged { missing, unexpected },
                V::DuplicateCredential => Self::DuplicateCredential,
                V::NotFound => Self::NotFound,
                V::BadLabel => Self::BadLabel,
                V::KeyStore(k) => Self::KeyStore { error: key_store(k) },
                V::Storage(s) => Self::Storage { kind: s.kind, code: s.code },
                V::UnsupportedVersion { found } => Self::UnsupportedVersion { found },
                V::Kdf => Self::Kdf,
                V::Random => Self::Random,
            },
            CoreWalletError::BadCredential(_) => Self::BadCredential,
            CoreWalletError::TrustList(TrustListError::Expired { expired_at }) => Self::TrustListExpired { expired_at },
            CoreWalletError::TrustList(_) => Self::TrustListInvalid,
            CoreWalletError::UnknownIssuer => Self::UnknownIssuer,
            CoreWalletError::ForgedIssuerSignature => Self::ForgedIssuerSignature,
            CoreWalletError::NotOurHolderKey | CoreWalletError::Present(PresentError::NotTheHolder) => {
                Self::NotOurHolderKey
            }
            CoreWalletError::DamagedRecord(_) => Self::DamagedRecord,
            CoreWalletError::OlderTrustList { held, offered } => Self::OlderTrustList { held, offered },
            CoreWalletError::Present(PresentError::BadLifetime | PresentError::BadDocumentLifetime) => {
                Self::BadLifetime
            }
            CoreWalletError::Present(PresentError::BadAudience(_)) => Self::BadAudience,
            CoreWalletError::Backup(b) => match b {
                BackupError::MalformedCode => Self::MalformedCode,
                BackupError::WrongCode => Self::BackupWrongCode,
                BackupError::NotABackup => Self::NotABackup,
                BackupError::Damaged
                | BackupError::BadArchive(_)
                | BackupError::HolderKeyMismatch
                | BackupError::TooCostly { .. } => Self::BackupDamaged,
                BackupError::NewerVersion { version } => Self::BackupNewerVersion { version },
                BackupError::Encrypt => Self::BackupFailed,
            },
        }
    }
}

fn key_store(e: qujat_core::vault::KeyStoreError) -> KeyStoreError {
    use qujat_core::vault::KeyStoreError as K;
    match e {
        K::KeyNotFound => KeyStoreError::KeyNotFound,
        K::InvalidData => KeyStoreError::InvalidData,
        K::UserAuthenticationRequired => KeyStoreError::UserAuthenticationRequired,
        K::KeyInvalidated => KeyStoreError::KeyInvalidated,
        K::BadAlias => KeyStoreError::BadAlias,
        K::Io => KeyStoreError::Io,
        K::Unavailable => KeyStoreError::Unavailable,
    }
}

/// Why `QrSymbol.encode` failed. Messages never contain the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error, uniffi::Error)]
pub enum QrError {
    /// The text does not fit even the largest QR symbol (about 2,300 characters of a URI).
    #[error("text too long for a QR code")]
    TooLong,
    /// The encoder refused input it should have accepted (a bug, not a user error).
    #[error("the QR encoder failed unexpectedly")]
    EncoderFailed,
}

impl From<CoreQr> for QrError {
    fn from(e: CoreQr) -> Self {
        match e {
            CoreQr::TooLong => Self::TooLong,
            // Encoding a text needs none of the PNG rendering and scanning the others are about.
            CoreQr::EncoderFailed
            | CoreQr::Png(_)
            | CoreQr::RenderTooLarge
            | CoreQr::ImageTooLarge
            | CoreQr::FrameSize
            | CoreQr::NoQrFound
            | CoreQr::Unreadable
            | CoreQr::NotText => Self::EncoderFailed,
        }
    }
}

/// What went wrong in a `Verifier` call. A presentation that does not verify is not
/// an error: it is a verdict in the report.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
pub enum VerifierError {
    /// The trust anchor key is not 32 bytes of a valid Ed25519 key.
    #[error("not a valid trust anchor key")]
    BadAnchorKey,
    /// The trust list is malformed or not signed by the pinned anchor.
    #[error("the trust list is not valid")]
    TrustListInvalid,
    /// The trust list is older than the one held (a rollback).
    #[error("trust list sequence {offered} is older than the installed {installed}")]
    TrustListRollback {
        /// Sequence offered.
        offered: u64,
        /// Sequence held.
        installed: u64,
    },
    /// Another trust list with the same sequence is held (same sequence, different bytes).
    #[error("a different trust list with sequence {sequence} is already held")]
    TrustListConflict {
        /// The sequence both carry.
        sequence: u64,
    },
    /// The status list is malformed or not signed by its issuer's keys.
    #[error("the status list is not valid")]
    StatusListInvalid,
    /// The status list's issuer is not in the trust list.
    #[error("the status list's issuer is not in the trust list")]
    StatusListUnknownIssuer,
    /// A status list was offered before any trust list: install the trust list first (a status
    /// list is checked against its issuer's keys in the trust list).
    #[error("no trust list is installed yet: install it before any status list")]
    NoTrustList,
    /// The status list is older than the one held for its issuer.
    #[error("the status list of {issuer} is older than the one held")]
    StatusListRollback {
        /// The issuer id.
        issuer: String,
        /// `issued_at` of the held list.
        held_issued_at: i64,
        /// `issued_at` of the offered list.
        offered_issued_at: i64,
    },
    /// Another status list of this issuer with the same `issued_at` is held.
    #[error("a different status list of {issuer} with the same issue time is already held")]
    StatusListConflict {
        /// The issuer id.
        issuer: String,
        /// The `issued_at` both carry.
        issued_at: i64,
    },
    /// The state is pinned to another trust anchor: a new anchor needs a new state file.
    #[error("the verifier state is pinned to another trust anchor")]
    AnchorMismatch {
        /// The pinned anchor (hex public key).
        pinned: String,
        /// The anchor offered (hex public key).
        offered: String,
    },
    /// The file is not a Qujat verifier state (another database, or not SQLite).
    #[error("not a verifier state file")]
    StateForeign,
    /// The state file is damaged (or a list it holds no longer verifies).
    #[error("the verifier state is damaged")]
    StateDamaged,
    /// The state was written by a newer version of the app.
    #[error("verifier state version {found} is not supported")]
    StateUnsupportedVersion {
        /// The version found.
        found: i64,
    },
    /// Another process held the state locked for too long: try again.
    #[error("the verifier state is busy")]
    StateBusy,
    /// The state could not be read or written (SQLite result code, -1 for I/O).
    #[error("verifier state storage error {code}")]
    StateStorage {
        /// SQLite extended result code.
        code: i32,
    },
    /// A verification could not be recorded in the state (so its challenge could not be
    /// remembered): nothing is accepted until the state can be written again.
    #[error("the verifier state could not be written")]
    StateUnavailable,
    /// A challenge is not 6 digits.
    #[error("a challenge must be 6 digits")]
    BadChallenge,
    /// The system's random number generator failed.
    #[error("the random number generator failed")]
    Random,
}

impl From<InstallError> for VerifierError {
    fn from(e: InstallError) -> Self {
        match e {
            InstallError::TrustList(_) => Self::TrustListInvalid,
            InstallError::TrustListRollback { held, offered } => Self::TrustListRollback { offered, installed: held },
            InstallError::TrustListConflict { sequence } => Self::TrustListConflict { sequence },
            InstallError::NoTrustList => Self::NoTrustList,
            InstallError::ForeignStatusList => Self::StatusListUnknownIssuer,
            InstallError::StatusList(_) => Self::StatusListInvalid,
            InstallError::StatusListRollback { issuer, held, offered } => {
                Self::StatusListRollback { issuer, held_issued_at: held, offered_issued_at: offered }
            }
            InstallError::StatusListConflict { issuer, issued_at } => Self::StatusListConflict { issuer, issued_at },
            InstallError::Store(e) => e.into(),
        }
    }
}

impl From<StoreError> for VerifierError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotAStateFile => Self::StateForeign,
            StoreError::Damaged { .. } => Self::StateDamaged,
            StoreError::UnsupportedVersion { found } => Self::StateUnsupportedVersion { found },
            StoreError::AnchorMismatch { held, offered } => Self::AnchorMismatch { pinned: held, offered },
            StoreError::NoAnchor => Self::BadAnchorKey,
            StoreError::Busy => Self::StateBusy,
            StoreError::Storage { code } => Self::StateStorage { code },
        }
    }
}

impl From<TrustListError> for VerifierError {
    fn from(e: TrustListError) -> Self {
        InstallError::from(e).into()
    }
}

impl From<StatusListError> for VerifierError {
    fn from(e: StatusListError) -> Self {
        InstallError::from(e).into()
    }
}

/// What went wrong in the issuer and trust-anchor test tools (the `testing` feature).
#[cfg(feature = "testing")]
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
pub enum IssuerError {
    /// The diploma JSON is not acceptable; `path` names the field (never its value).
    #[error("issuer input: {reason}")]
    BadInput {
        /// JSON path of the offending field, if any (`holder.iin`).
        path: Option<String>,
        /// What is wrong (no input values).
        reason: String,
    },
    /// The diploma names another issuer than this tool's.
    #[error("the diploma names another issuer")]
    WrongIssuer,
    /// Every status index is used, or a status list is too large.
    #[error("the status list is full")]
    StatusListFull,
    /// A public key is not 32 bytes of a valid Ed25519 key.
    #[error("not a valid public key")]
    BadPublicKey,
    /// A time is outside the supported calendar (1900–2200).
    #[error("time out of range")]
    BadTime,
    /// The system's random number generator failed.
    #[error("the random number generator failed")]
    Random,
    /// The credential just signed failed the core's own consistency check (a bug).
    #[error("the issued credential failed its consistency check")]
    Inconsistent,
}

#[cfg(feature = "testing")]
impl From<IssueError> for IssuerError {
    fn from(e: IssueError) -> Self {
        match e {
            IssueError::WrongIssuer { .. } => Self::WrongIssuer,
            IssueError::StatusListFull => Self::StatusListFull,
            IssueError::Random(_) => Self::Random,
            IssueError::Bundle(_) => Self::Inconsistent,
            // Re-issue is the CLI's (`qujat issuer reissue`); the test tool does not offer it.
            IssueError::NotOurCredential | IssueError::NotIssued { .. } | IssueError::AlreadyReissued { .. } => {
                Self::Inconsistent
            }
        }
    }
}

#[cfg(feature = "testing")]
impl From<qujat_core::credential::InputError> for IssuerError {
    fn from(e: qujat_core::credential::InputError) -> Self {
        Self::BadInput { path: e.path().map(str::to_owned), reason: e.to_string() }
    }
}

#[cfg(test)]
mod tests {
    use qujat_core::vault::KeyStoreError as CoreKs;

    use super::*;

    // That every core error has a variant is the compiler's to check (exhaustive matches);
    // these check that the values carried across are the right ones.
    #[test]
    fn errors_carry_their_values_across() {
        assert_eq!(
            WalletError::from(CoreWalletError::Vault(VaultError::LockedOut { until: 100, retry_after_secs: 60 })),
            WalletError::LockedOut { until: 100, retry_after_secs: 60 }
        );
        assert_eq!(
            WalletError::from(CoreWalletError::Vault(VaultError::KeyStore(CoreKs::UserAuthenticationRequired))),
            WalletError::KeyStore { error: KeyStoreError::UserAuthenticationRequired }
        );
        assert_eq!(
            WalletError::from(CoreWalletError::Vault(VaultError::WeakPin(CoreWeakPin::TooShort { min: 6 }))),
            WalletError::WeakPin { reason: WeakPinReason::TooShort { min: 6 } }
        );
        assert_eq!(
            VerifierError::from(InstallError::StatusListRollback { issuer: "kz.enu".into(), held: 2, offered: 1 }),
            VerifierError::StatusListRollback { issuer: "kz.enu".into(), held_issued_at: 2, offered_issued_at: 1 }
        );
        assert_eq!(
            VerifierError::from(StoreError::AnchorMismatch { held: "aa".into(), offered: "bb".into() }),
            VerifierError::AnchorMismatch { pinned: "aa".into(), offered: "bb".into() }
        );
        assert_eq!(QrError::from(CoreQr::TooLong), QrError::TooLong);
    }
}
