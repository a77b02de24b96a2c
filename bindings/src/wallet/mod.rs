//! The holder's wallet: [`Wallet`] over `qujat_core::wallet::Wallet`. The records and the
//! one-time secrets its screens show are in the files named for them.
//!
//! PINs and codes arrive as `String` (what a text field gives); they are wrapped in the core's
//! zeroizing `SecretString` at once. The platform string itself cannot be wiped from here.

use std::sync::Arc;

use qujat_core::auth::SecondFactor;
use qujat_core::keys::PublicKey;
use qujat_core::platform::{OsRandom, SystemClock};
use qujat_core::secret::SecretString;
use qujat_core::vault::{CredentialId, Platform};
use qujat_core::wallet;

use crate::error::WalletError;
use crate::platform::{ForeignKeyStore, PlatformKeyStore};
use crate::types::{Claim, Language};

mod audit;
mod backup;
mod diplomas;
mod options;
#[cfg(feature = "pdf")]
mod pdf;
mod presentation;
mod shown_once;
mod status;

pub use audit::{AuditEntry, AuditKind, AuditLog};
pub use backup::BackupExport;
pub use diplomas::{DiplomaDetail, DiplomaId, DiplomaList, DiplomaSummary};
pub use options::{AtMaxFailures, KdfCost, WalletOptions, default_wallet_options};
#[cfg(feature = "pdf")]
pub use pdf::DocumentPdfRequest;
pub use presentation::{Presentation, PresentationRequest, QrCode};
pub use shown_once::{AuthenticatorChange, Enrolment, RecoveryCodes};
pub use status::{WalletState, WalletStatus};

fn diploma_id(id: &str) -> Result<CredentialId, WalletError> {
    CredentialId::from_hex(id).ok_or(WalletError::BadDiplomaId)
}

fn public_key(bytes: &[u8]) -> Result<PublicKey, WalletError> {
    PublicKey::from_bytes(bytes).map_err(|_| WalletError::BadPublicKey)
}

fn secret(s: String) -> SecretString {
    SecretString::new(s)
}

/// The holder's wallet: an encrypted SQLite file, opened by PIN + authenticator code.
/// Safe to share between threads.
#[derive(uniffi::Object)]
pub struct Wallet(wallet::Wallet);

#[uniffi::export]
impl Wallet {
    /// Open (creating if needed) the wallet file at `path`, with the app's key store and the
    /// system clock.
    #[uniffi::constructor]
    pub fn open(
        path: String,
        key_store: Arc<dyn PlatformKeyStore>,
        options: WalletOptions,
    ) -> Result<Arc<Self>, WalletError> {
        let platform = Platform {
            key_store: Arc::new(ForeignKeyStore(key_store)),
            clock: Arc::new(SystemClock),
            rng: Arc::new(OsRandom),
        };
        Ok(Arc::new(Self(wallet::Wallet::open(path, platform, options.into())?)))
    }

    /// The state, failure count and any wait in force (no unlock needed).
    pub fn status(&self) -> Result<WalletStatus, WalletError> {
        Ok(self.0.status()?)
    }

    /// Set up: PIN (checked against the policy), authenticator secret, recovery codes, holder
    /// key. `account_label` is what the authenticator app shows beside "Qujat" (no `:`).
    pub fn setup(&self, pin: String, account_label: String) -> Result<Arc<Enrolment>, WalletError> {
        Ok(Arc::new(Enrolment(self.0.setup(&secret(pin), &account_label)?)))
    }

    /// Finish setup with the first code of the authenticator app; the wallet is then unlocked.
    pub fn confirm_enrolment(&self, pin: String, code: String) -> Result<(), WalletError> {
        Ok(self.0.confirm_enrolment(&secret(pin), &secret(code))?)
    }

    /// Unlock with the PIN and the authenticator's current 6-digit code.
    pub fn unlock(&self, pin: String, code: String) -> Result<(), WalletError> {
        Ok(self.0.unlock(&secret(pin), &SecondFactor::Totp(secret(code)))?)
    }

    /// Unlock with the PIN and one of the recovery codes (which is then spent).
    pub fn unlock_with_recovery_code(&self, pin: String, recovery_code: String) -> Result<(), WalletError> {
        Ok(self.0.unlock(&secret(pin), &SecondFactor::Recovery(secret(recovery_code)))?)
    }

    /// Lock now: the session's keys are zeroized.
    pub fn lock(&self) {
        self.0.lock();
    }

    /// True while unlocked and not idle-expired (by the clock now). Asking does not restart the
    /// idle time, and a session found idle is locked then: call it on resume and on a timer.
    pub fn is_unlocked(&self) -> bool {
        self.0.is_unlocked()
    }

    /// The holder's public key (32 bytes), which the issuer needs to issue to this wallet.
    pub fn holder_public_key(&self) -> Result<Vec<u8>, WalletError> {
        Ok(self.0.holder_public_key()?.to_bytes().to_vec())
    }

    /// Check a credential bundle against a trust list signed by `anchor_public_key`, then store
    /// it.
    pub fn import_diploma(
        &self,
        bundle: Vec<u8>,
        trust_list: Vec<u8>,
        anchor_public_key: Vec<u8>,
    ) -> Result<DiplomaSummary, WalletError> {
        Ok(self.0.import(&bundle, &trust_list, &public_key(&anchor_public_key)?)?)
    }

    /// Every stored diploma, and how many did not open.
    pub fn list(&self) -> Result<DiplomaList, WalletError> {
        let (items, damaged) = self.0.list()?;
        Ok(DiplomaList { diplomas: items, damaged: u32::try_from(damaged).unwrap_or(u32::MAX) })
    }

    /// A diploma with every claim, labelled in `lang`.
    pub fn show(&self, id: String, lang: Language) -> Result<DiplomaDetail, WalletError> {
        let d = self.0.show(&diploma_id(&id)?)?;
        Ok(DiplomaDetail { summary: d.summary, claims: Claim::all(&d.claims, lang) })
    }

    /// Make a presentation (signed with the sealed holder key, recorded in the audit log).
    pub fn present(&self, id: String, request: PresentationRequest) -> Result<Presentation, WalletError> {
        Presentation::of(self.0.present(&diploma_id(&id)?, &request.to_core()?)?)
    }

    /// Delete a diploma (its ciphertext is overwritten in the file).
    pub fn delete(&self, id: String) -> Result<(), WalletError> {
        Ok(self.0.delete(&diploma_id(&id)?)?)
    }

    /// The audit log and whether its hash chain holds.
    pub fn audit_log(&self) -> Result<AuditLog, WalletError> {
        Ok(self.0.audit_log()?.into())
    }

    /// Change the PIN: the current PIN, a current authenticator code, the new PIN.
    pub fn change_pin(&self, old_pin: String, code: String, new_pin: String) -> Result<(), WalletError> {
        Ok(self.0.change_pin(&secret(old_pin), &SecondFactor::Totp(secret(code)), &secret(new_pin))?)
    }

    /// How many recovery codes are left unspent.
    pub fn recovery_codes_left(&self) -> Result<u32, WalletError> {
        Ok(self.0.recovery_codes_left()?)
    }

    /// Replace all recovery codes with ten new ones (shown once).
    pub fn renew_recovery_codes(&self) -> Result<Arc<RecoveryCodes>, WalletError> {
        Ok(Arc::new(RecoveryCodes(self.0.renew_recovery_codes()?)))
    }

    /// Start moving to a new authenticator app (e.g. after unlocking with a recovery code on a
    /// new phone). The old app keeps working until `confirm_authenticator_change`.
    pub fn begin_authenticator_change(&self, account_label: String) -> Result<Arc<AuthenticatorChange>, WalletError> {
        Ok(Arc::new(AuthenticatorChange(self.0.begin_authenticator_change(&account_label)?)))
    }

    /// Finish the change with the first code of the new authenticator app.
    pub fn confirm_authenticator_change(&self, code: String) -> Result<(), WalletError> {
        Ok(self.0.confirm_authenticator_change(&secret(code))?)
    }

    /// Back the wallet up (unlocked): the holder key, the diplomas and the audit log in one
    /// age file under a new backup code, shown once. Recorded in the audit log.
    pub fn create_backup(&self) -> Result<Arc<BackupExport>, WalletError> {
        Ok(Arc::new(BackupExport::of(self.0.create_backup()?)?))
    }

    /// On a wallet not yet set up: restore `backup` with its `code` (dashes, spaces and letter
    /// case forgiven) under a new `pin`. Everything is checked first and nothing is written on
    /// an error; then it continues like `setup` (new authenticator, new recovery codes) and
    /// `confirm_enrolment` completes it.
    pub fn restore_backup(
        &self,
        backup: Vec<u8>,
        code: String,
        pin: String,
        account_label: String,
    ) -> Result<Arc<Enrolment>, WalletError> {
        Ok(Arc::new(Enrolment(self.0.restore_backup(&backup, &secret(code), &secret(pin), &account_label)?)))
    }
}

/// Test-only constructors (the `testing` feature; not in a shipped library).
#[cfg(feature = "testing")]
#[uniffi::export]
impl Wallet {
    /// As `open`, with a clock the caller controls (tests of lockout and expiry).
    #[uniffi::constructor]
    pub fn open_with_clock(
        path: String,
        key_store: Arc<dyn PlatformKeyStore>,
        clock: Arc<dyn crate::platform::Clock>,
        options: WalletOptions,
    ) -> Result<Arc<Self>, WalletError> {
        let platform = Platform {
            key_store: Arc::new(ForeignKeyStore(key_store)),
            clock: Arc::new(crate::platform::ForeignClock(clock)),
            rng: Arc::new(OsRandom),
        };
        Ok(Arc::new(Self(wallet::Wallet::open(path, platform, options.into())?)))
    }
}
