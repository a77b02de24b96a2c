//! Backup and restore of the whole wallet ([`crate::backup`] is the file format).

use crate::auth::check_pin_strength;
use crate::backup::{self, Archive, BackupCode, BackupError};
use crate::secret::SecretString;
use crate::vault::{AuditKind, Enrolment, VaultError, VaultState};

use super::{Wallet, WalletError};

/// A backup just made: the age file and the code that opens it. The code is shown once and
/// never stored; the file may be saved anywhere. `Debug` shows the sizes only.
pub struct BackupExport {
    /// The age file.
    pub bytes: Vec<u8>,
    /// The backup code (the age passphrase): show it once.
    pub code: BackupCode,
    /// How many diplomas it carries.
    pub diplomas: usize,
    /// Stored diplomas that could not be read (damaged) and so are not in it.
    pub skipped: usize,
}

impl std::fmt::Debug for BackupExport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BackupExport")
            .field("bytes", &self.bytes.len())
            .field("code", &self.code)
            .field("diplomas", &self.diplomas)
            .field("skipped", &self.skipped)
            .finish()
    }
}

impl Wallet {
    /// Back the wallet up (needs an unlocked session): the holder key, every diploma and the
    /// audit log, sealed in an age file under a new backup code (from the injected RNG) at the
    /// vault options' [`backup_work_factor`](crate::vault::VaultOptions::backup_work_factor).
    /// Recorded in the audit log ([`AuditKind::Backup`]).
    pub fn create_backup(&self) -> Result<BackupExport, WalletError> {
        let now = self.clock.now();
        self.with_session(|s| {
            let contents = self.vault.export_contents(s)?;
            let (diplomas, skipped) = (contents.credentials.len(), contents.skipped);
            let code = BackupCode::generate(self.vault.rng()).map_err(VaultError::from)?;
            let archive = Archive { made_at: now, contents };
            let bytes = backup::seal(&archive, &code, self.vault.options().backup_work_factor)?;
            let detail = format!("diplomas={diplomas} skipped={skipped}");
            self.vault.record_event(s, AuditKind::Backup, detail.as_bytes())?;
            Ok(BackupExport { bytes, code, diplomas, skipped })
        })
    }

    /// Restore a backup into this wallet, which must not be in use (new, wiped, or an
    /// unconfirmed enrolment): everything is checked first (the PIN by the policy, the code,
    /// the file's integrity and version, the holder key against every diploma), then the wallet
    /// is written in one transaction, then it continues exactly like
    /// [`setup`](Self::setup): the returned enrolment carries a new authenticator secret and
    /// new recovery codes, and [`confirm_enrolment`](Self::confirm_enrolment) completes it.
    /// On any error nothing is written.
    pub fn restore_backup(
        &self,
        file: &[u8],
        code: &SecretString,
        pin: &SecretString,
        account_label: &str,
    ) -> Result<Enrolment, WalletError> {
        check_pin_strength(pin.expose_secret()).map_err(VaultError::from)?;
        let code = BackupCode::parse(code.expose_secret()).ok_or(BackupError::MalformedCode)?;
        if self.vault.status()?.state == VaultState::Ready {
            return Err(VaultError::AlreadyInitialized.into());
        }
        let archive = backup::open(file, &code)?;
        self.restore_archive(&archive, pin, account_label)
    }

    /// The second half of [`restore_backup`](Self::restore_backup), for a caller that opened
    /// (and so checked) the file before touching the wallet, as the CLI does so that a wrong
    /// code leaves nothing behind in the target folder.
    pub fn restore_archive(
        &self,
        archive: &Archive,
        pin: &SecretString,
        account_label: &str,
    ) -> Result<Enrolment, WalletError> {
        Ok(self.vault.setup_restored(pin, account_label, &archive.contents, archive.made_at)?)
    }
}
