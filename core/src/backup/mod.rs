//! The encrypted backup: one [age](https://age-encryption.org/v1) file under a backup code.
//!
//! ```text
//!  vault ──export_contents──► Archive (CBOR: holder key seed, diplomas, audit log, made_at)
//!                                 │ age, passphrase recipient (scrypt, work factor 2^18)
//!                                 ▼
//!                       backup file  ◄── passphrase: the backup code (140 bits, shown once)
//! ```
//!
//! Nothing about the encryption is Qujat's own: the file is a standard age file, so `age -d`
//! (or any age implementation) opens it with the code as printed. The archive inside is
//! versioned and documented in `docs/BACKUP.md`. It never holds the PIN, the TOTP secret or the
//! recovery codes: a restored wallet enrols a new PIN and authenticator
//! ([`crate::vault::Vault::setup_restored`]).
//!
//! Randomness: the backup code comes from the injected RNG; the age file key, nonce and scrypt
//! salt are drawn by the `age` crate itself from the operating system.

mod archive;
mod code;

use std::io::Read;

pub use archive::{Archive, MAGIC, MAX_ARCHIVE_BYTES, VERSION};
pub use code::{BACKUP_CODE_CHARS, BackupCode};
use zeroize::Zeroize;

use crate::cbor::FormatError;

/// The scrypt work factor (log2 N) of real backups: age's reference default (the Go `age`
/// tool's; `rage` guesses it too when it cannot measure), about 1 s and 256 MiB here.
pub const STANDARD_WORK_FACTOR: u8 = 18;
/// The largest work factor a restore accepts (1 GiB of memory): a file asking for more is
/// refused before any work is done ([`BackupError::TooCostly`]).
pub const MAX_WORK_FACTOR: u8 = 20;
/// The cheap work factor of [`WorkFactor::CheapForTests`].
const TEST_WORK_FACTOR: u8 = 4;
/// Largest backup file read: the archive limit plus age's overhead (16 bytes per 64 KiB chunk
/// and the header).
pub const MAX_FILE_BYTES: usize = MAX_ARCHIVE_BYTES + MAX_ARCHIVE_BYTES / 4096 + 4096;

/// The scrypt cost of *new* backups. Restores accept any work factor up to
/// [`MAX_WORK_FACTOR`], whatever this says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum WorkFactor {
    /// [`STANDARD_WORK_FACTOR`]: the production setting.
    #[default]
    Standard,
    /// 2^4: **tests only**, where the KDF would otherwise dominate.
    CheapForTests,
}

impl WorkFactor {
    /// log2 of scrypt's N.
    pub fn log_n(self) -> u8 {
        match self {
            Self::Standard => STANDARD_WORK_FACTOR,
            Self::CheapForTests => TEST_WORK_FACTOR,
        }
    }
}

/// Why a backup could not be made or opened. Carries no code, no key and no personal data.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BackupError {
    /// The code is not 28 code characters (a typo: nothing was tried).
    #[error("the backup code is not in the expected format")]
    MalformedCode,
    /// The code does not open the file. (A damaged file header reads the same way: age cannot
    /// tell the two apart before the code has opened the header.)
    #[error("the backup code does not open this file")]
    WrongCode,
    /// Not an age file encrypted to a passphrase (not a Qujat backup).
    #[error("this is not a backup file")]
    NotABackup,
    /// The file is damaged or truncated: age's integrity checks failed after the code opened
    /// it.
    #[error("the backup file is damaged or truncated")]
    Damaged,
    /// The file opened but the archive inside does not decode.
    #[error("the backup's contents are damaged: {0}")]
    BadArchive(FormatError),
    /// Written by a newer version of Qujat: update the app, then restore.
    #[error("the backup was made by a newer version (archive version {version})")]
    NewerVersion {
        /// The archive version found.
        version: u64,
    },
    /// A diploma in the archive was issued to another holder key than the one it carries.
    #[error("a diploma in the backup belongs to another holder key")]
    HolderKeyMismatch,
    /// The file asks for more scrypt work than [`MAX_WORK_FACTOR`].
    #[error("the backup asks for too much key-derivation work (2^{log_n})")]
    TooCostly {
        /// The work factor the file asks for.
        log_n: u8,
    },
    /// The age encryption failed (it writes to memory; not expected).
    #[error("the backup could not be encrypted")]
    Encrypt,
}

impl From<FormatError> for BackupError {
    fn from(e: FormatError) -> Self {
        Self::BadArchive(e)
    }
}

fn passphrase(code: &BackupCode) -> age::secrecy::SecretString {
    age::secrecy::SecretString::from(code.expose_secret().to_owned())
}

/// Encrypt `archive` to the passphrase `code` (an age file, binary, not armored).
pub fn seal(archive: &Archive, code: &BackupCode, cost: WorkFactor) -> Result<Vec<u8>, BackupError> {
    let mut recipient = age::scrypt::Recipient::new(passphrase(code));
    recipient.set_work_factor(cost.log_n());
    let plaintext = archive.to_cbor();
    age::encrypt(&recipient, plaintext.expose_secret()).map_err(|_| BackupError::Encrypt)
}

/// Decrypt a backup file with `code` and check everything in it ([`Archive::from_cbor`]).
pub fn open(file: &[u8], code: &BackupCode) -> Result<Archive, BackupError> {
    if file.len() > MAX_FILE_BYTES {
        return Err(BackupError::BadArchive(FormatError::TooLarge("backup", MAX_FILE_BYTES)));
    }
    let decryptor = age::Decryptor::new_buffered(file).map_err(|_| BackupError::NotABackup)?;
    if !decryptor.is_scrypt() {
        return Err(BackupError::NotABackup);
    }
    let mut identity = age::scrypt::Identity::new(passphrase(code));
    identity.set_max_work_factor(MAX_WORK_FACTOR);
    let mut reader = decryptor.decrypt(std::iter::once(&identity as &dyn age::Identity)).map_err(|e| match e {
        age::DecryptError::DecryptionFailed | age::DecryptError::NoMatchingKeys => BackupError::WrongCode,
        age::DecryptError::ExcessiveWork { required, .. } => BackupError::TooCostly { log_n: required },
        _ => BackupError::Damaged,
    })?;
    // The plaintext is shorter than the file: sized once, so no reallocation leaves a copy.
    let mut plain = Vec::with_capacity(file.len());
    let read = reader.read_to_end(&mut plain);
    let out = match read {
        Ok(_) => Archive::from_cbor(&plain),
        Err(_) => Err(BackupError::Damaged),
    };
    plain.zeroize();
    out
}

#[cfg(test)]
mod tests;
