//! Backup and restore: [`BackupExport`], shown once, and the `Wallet` methods that make and
//! restore one (`create_backup`, `restore_backup`, in `mod.rs`'s export block).

use qujat_core::wallet;

use super::QrCode;
use crate::error::WalletError;

/// A backup just made: the age file to save (Storage Access Framework / `fileExporter`) and
/// the backup code to show **once** (with its QR code) and never store. An object, not a record,
/// so that no `toString` prints the code; close it once shown and saved.
#[derive(uniffi::Object)]
pub struct BackupExport {
    export: wallet::BackupExport,
    qr: QrCode,
}

impl BackupExport {
    pub(crate) fn of(export: wallet::BackupExport) -> Result<Self, WalletError> {
        let qr = QrCode::of(export.code.expose_secret())?;
        Ok(Self { export, qr })
    }
}

#[uniffi::export]
impl BackupExport {
    /// The backup file (binary age format; suggested name `qujat-backup-YYYY-MM-DD.age`).
    pub fn bytes(&self) -> Vec<u8> {
        self.export.bytes.clone()
    }

    /// The backup code (`XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX`): the only key to the file.
    pub fn code(&self) -> String {
        self.export.code.expose_secret().to_owned()
    }

    /// The backup code as a QR code (to scan it on the new phone instead of typing it).
    pub fn code_qr(&self) -> super::QrCode {
        self.qr.clone()
    }

    /// How many diplomas the backup carries.
    pub fn diplomas(&self) -> u32 {
        u32::try_from(self.export.diplomas).unwrap_or(u32::MAX)
    }

    /// Stored diplomas that were damaged and so are not in the backup (normally 0).
    pub fn skipped(&self) -> u32 {
        u32::try_from(self.export.skipped).unwrap_or(u32::MAX)
    }
}
