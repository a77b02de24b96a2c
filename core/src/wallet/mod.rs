//! The holder's wallet: the vault and its gate, joined to the credential format.
//!
//! This is the object the apps drive (through the bindings) and the CLI's `wallet` commands
//! use: it keeps the unlocked session, checks a credential against the trust list before it
//! stores it, and signs presentations with the sealed holder key.

mod backup;
mod summary;

use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError};

pub use backup::BackupExport;
pub use summary::DiplomaSummary;

use crate::auth::{RecoveryCode, SecondFactor};
use crate::backup::BackupError;
use crate::cbor::FormatError;
use crate::credential::{BundleError, ClaimId, ClaimValue, CredentialBundle};
use crate::keys::PublicKey;
use crate::platform::Clock;
use crate::presentation::{self, PresentError, Presentation, PresentationRequest};
use crate::secret::SecretString;
use crate::trust::{TrustList, TrustListError};
use crate::vault::{
    AuditKind, AuditLog, CredentialId, Enrolment, Platform, Session, Vault, VaultError, VaultOptions, VaultStatus,
};

/// What went wrong in a wallet operation.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WalletError {
    /// The vault or its gate refused (wrong PIN, locked out, locked, integrity, storage …).
    #[error(transparent)]
    Vault(#[from] VaultError),
    /// The file to import is not a credential bundle.
    #[error("not a valid credential: {0}")]
    BadCredential(#[from] BundleError),
    /// The trust list given for the import is not acceptable.
    #[error("trust list: {0}")]
    TrustList(#[from] TrustListError),
    /// The credential's issuer is not in the trust list.
    #[error("the issuer is not in the trust list")]
    UnknownIssuer,
    /// The issuer's signature does not verify with any of its keys valid when it was signed
    /// ([`IssuerEntry::check_signed`](crate::trust::IssuerEntry::check_signed)): the wallet does
    /// not tell a key used outside its period from a forgery; the verifier does.
    #[error("the issuer's signature does not verify")]
    ForgedIssuerSignature,
    /// The credential was issued to another holder key than this wallet's.
    #[error("this credential was issued to another wallet's key")]
    NotOurHolderKey,
    /// A stored record does not decode (damaged or written by a newer version).
    #[error("a stored record is damaged: {0}")]
    DamagedRecord(FormatError),
    /// The trust list offered is older than one this wallet has already seen from the same
    /// anchor (it may still list an issuer the anchor has since dropped): get the current list.
    #[error("the trust list (sequence {offered}) is older than the one this wallet holds (sequence {held})")]
    OlderTrustList {
        /// The highest sequence this wallet has seen.
        held: u64,
        /// The sequence of the list offered.
        offered: u64,
    },
    /// The presentation could not be made.
    #[error(transparent)]
    Present(#[from] PresentError),
    /// A backup could not be made or opened (wrong code, damaged file, newer version …).
    #[error(transparent)]
    Backup(#[from] BackupError),
}

/// A diploma with every claim, for the detail screen. Personal data: show, never log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiplomaDetail {
    /// The list entry.
    pub summary: DiplomaSummary,
    /// Every claim the diploma states, in slot order.
    pub claims: Vec<(ClaimId, ClaimValue)>,
}

/// The holder's wallet. Shareable between threads (`Arc<Wallet>`).
pub struct Wallet {
    vault: Vault,
    session: Mutex<Option<Session>>,
    clock: Arc<dyn Clock>,
}

impl std::fmt::Debug for Wallet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Wallet(..)")
    }
}

impl Wallet {
    /// Open (creating if needed) the wallet at `path`.
    pub fn open(path: impl AsRef<Path>, platform: Platform, options: VaultOptions) -> Result<Self, WalletError> {
        let clock = platform.clock.clone();
        Ok(Self { vault: Vault::open(path, platform, options)?, session: Mutex::new(None), clock })
    }

    /// The vault's state (for the start screen), without unlocking.
    pub fn status(&self) -> Result<VaultStatus, WalletError> {
        Ok(self.vault.status()?)
    }

    /// Set up: PIN (checked against the policy), TOTP secret, recovery codes, holder key.
    pub fn setup(&self, pin: &SecretString, account_label: &str) -> Result<Enrolment, WalletError> {
        Ok(self.vault.setup(pin, account_label)?)
    }

    /// Complete setup with the first code from the authenticator app; the wallet is then unlocked.
    pub fn confirm_enrolment(&self, pin: &SecretString, code: &SecretString) -> Result<(), WalletError> {
        let s = self.vault.confirm_enrolment(pin, code)?;
        *self.slot() = Some(s);
        Ok(())
    }

    /// Unlock with the PIN and a current code (or a recovery code, which is then spent).
    pub fn unlock(&self, pin: &SecretString, factor: &SecondFactor) -> Result<(), WalletError> {
        let s = self.vault.unlock(pin, factor)?;
        *self.slot() = Some(s);
        Ok(())
    }

    /// Lock now: the session's keys are zeroized.
    pub fn lock(&self) {
        if let Some(s) = self.slot().take() {
            s.lock();
        }
    }

    /// True while a session is open and not idle-expired, by the injected clock now. Asking is
    /// not a use (it does not restart the idle time); a session found idle is locked, its keys
    /// zeroized, so the app's screens can check on resume or on a timer.
    pub fn is_unlocked(&self) -> bool {
        let mut slot = self.slot();
        let open = slot.as_ref().is_some_and(|s| s.is_open_at(self.clock.now()));
        if !open {
            *slot = None;
        }
        open
    }

    fn slot(&self) -> std::sync::MutexGuard<'_, Option<Session>> {
        self.session.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn with_session<T>(&self, f: impl FnOnce(&Session) -> Result<T, WalletError>) -> Result<T, WalletError> {
        let guard = self.slot();
        let s = guard.as_ref().ok_or(VaultError::Locked)?;
        f(s)
    }

    /// The holder's public key (what the issuer needs to issue a diploma to this wallet).
    pub fn holder_public_key(&self) -> Result<PublicKey, WalletError> {
        self.with_session(|s| Ok(self.vault.holder_public_key(s)?))
    }

    /// Check a credential bundle against a trust list signed by `anchor` and store it. A trust
    /// list of a lower sequence than the highest this wallet has seen from `anchor` is refused
    /// ([`WalletError::OlderTrustList`]); a higher one is remembered.
    pub fn import(&self, bundle: &[u8], trust_list: &[u8], anchor: &PublicKey) -> Result<DiplomaSummary, WalletError> {
        let now = self.clock.now();
        let trust = TrustList::verify(trust_list, anchor)?;
        trust.check_fresh(now)?;
        let b = CredentialBundle::from_bytes(bundle)?;
        let cred = b.credential();
        let entry = trust.payload().issuer(&cred.payload().issuer).ok_or(WalletError::UnknownIssuer)?;
        entry.check_signed(cred).map_err(|_| WalletError::ForgedIssuerSignature)?;
        self.with_session(|s| {
            if cred.payload().holder != self.vault.holder_public_key(s)? {
                return Err(WalletError::NotOurHolderKey);
            }
            // The highest sequence seen is kept (sealed) and a lower one refused.
            let offered = trust.payload().sequence;
            if let Err(held) = self.vault.admit_trust_list_sequence(s, &anchor.to_bytes(), offered)? {
                return Err(WalletError::OlderTrustList { held, offered });
            }
            let summary = DiplomaSummary::of(&b, entry, now);
            self.vault.put_credential(s, &summary.id, &b.to_bytes(), &summary.to_cbor())?;
            Ok(summary)
        })
    }

    /// Every stored diploma's summary. Damaged rows are skipped and counted in the second
    /// value, with the diplomas the vault's sealed record lists whose rows were deleted
    /// outside the app (the vault's [`CredentialListing::missing`](crate::vault::CredentialListing)).
    pub fn list(&self) -> Result<(Vec<DiplomaSummary>, usize), WalletError> {
        self.with_session(|s| {
            let listing = self.vault.list_summaries(s)?;
            let mut damaged = listing.damaged + listing.missing;
            let mut out = Vec::with_capacity(listing.items.len());
            for item in listing.items {
                match DiplomaSummary::from_cbor(item.id, item.summary.expose_secret()) {
                    Ok(sum) => out.push(sum),
                    Err(_) => damaged += 1,
                }
            }
            Ok((out, damaged))
        })
    }

    fn bundle(&self, s: &Session, id: &CredentialId) -> Result<CredentialBundle, WalletError> {
        let bytes = self.vault.get_credential(s, id)?;
        CredentialBundle::from_bytes(bytes.expose_secret()).map_err(|e| match e {
            BundleError::Format(f) => WalletError::DamagedRecord(f),
            other => WalletError::BadCredential(other),
        })
    }

    /// A diploma with all its claims.
    pub fn show(&self, id: &CredentialId) -> Result<DiplomaDetail, WalletError> {
        let summary = self.list()?.0.into_iter().find(|d| d.id == *id).ok_or(VaultError::NotFound)?;
        self.with_session(|s| Ok(DiplomaDetail { summary, claims: self.bundle(s, id)?.claims() }))
    }

    /// Make a presentation of a stored diploma, signed with the sealed holder key, and record
    /// it in the audit log (which claims, the challenge, the expiry).
    pub fn present(&self, id: &CredentialId, request: &PresentationRequest) -> Result<Presentation, WalletError> {
        let now = self.clock.now();
        self.with_session(|s| {
            let bundle = self.bundle(s, id)?;
            let unsigned = presentation::prepare(&bundle, &self.vault.holder_public_key(s)?, request, now)?;
            let signature = self.vault.sign_as_holder(s, &unsigned.to_be_signed())?;
            let p = unsigned.finish(&signature);
            let detail = format!(
                "claims={:04x} challenge={} expires={}",
                request.claims.mask(),
                request.challenge.map_or_else(|| "-".to_owned(), |c| c.to_string()),
                p.expires_at
            );
            self.vault.record_event(s, AuditKind::Present, detail.as_bytes())?;
            Ok(p)
        })
    }

    /// Make a document presentation (a printed or e-mailed copy for `request.audience`, valid
    /// for `request.days` days) of a stored diploma, signed with the sealed holder key, and
    /// record it in the audit log ([`AuditKind::PresentDocument`]: claims, validity and the
    /// audience, so that the holder can see later whom they gave a copy).
    pub fn present_document(
        &self,
        id: &CredentialId,
        request: &presentation::DocumentRequest,
    ) -> Result<Presentation, WalletError> {
        let now = self.clock.now();
        self.with_session(|s| {
            let bundle = self.bundle(s, id)?;
            let unsigned = presentation::prepare_document(&bundle, &self.vault.holder_public_key(s)?, request, now)?;
            let signature = self.vault.sign_as_holder(s, &unsigned.to_be_signed())?;
            let p = unsigned.finish(&signature);
            let detail = format!(
                "claims={:04x} days={} expires={} audience={}",
                request.claims.mask(),
                request.days,
                p.expires_at,
                request.audience
            );
            self.vault.record_event(s, AuditKind::PresentDocument, detail.as_bytes())?;
            Ok(p)
        })
    }

    /// Delete a diploma (secure delete: its ciphertext is overwritten in the file).
    pub fn delete(&self, id: &CredentialId) -> Result<(), WalletError> {
        self.with_session(|s| Ok(self.vault.delete_credential(s, id)?))
    }

    /// The audit log, with the state of its hash chain.
    pub fn audit_log(&self) -> Result<AuditLog, WalletError> {
        self.with_session(|s| Ok(self.vault.audit_log(s)?))
    }

    /// Change the PIN: needs the current PIN and a code; re-wraps only the data key.
    pub fn change_pin(&self, old: &SecretString, factor: &SecondFactor, new: &SecretString) -> Result<(), WalletError> {
        Ok(self.vault.change_pin(old, factor, new)?)
    }

    /// How many recovery codes are left unspent.
    pub fn recovery_codes_left(&self) -> Result<u32, WalletError> {
        self.with_session(|s| Ok(self.vault.recovery_codes_left(s)?))
    }

    /// Replace every recovery code with ten new ones (the old ones stop working). Show the
    /// new ones once.
    pub fn renew_recovery_codes(&self) -> Result<Vec<RecoveryCode>, WalletError> {
        self.with_session(|s| Ok(self.vault.renew_recovery_codes(s)?))
    }

    /// Start moving to a new authenticator app: returns the new `otpauth://` URI (a secret;
    /// show it once). The old authenticator keeps working until
    /// [`confirm_authenticator_change`](Self::confirm_authenticator_change).
    pub fn begin_authenticator_change(&self, account_label: &str) -> Result<SecretString, WalletError> {
        self.with_session(|s| Ok(self.vault.begin_totp_reenrolment(s, account_label)?))
    }

    /// Finish the change with the first code of the new authenticator app.
    pub fn confirm_authenticator_change(&self, code: &SecretString) -> Result<(), WalletError> {
        self.with_session(|s| Ok(self.vault.confirm_totp_reenrolment(s, code)?))
    }

    /// The vault underneath, for what the wallet does not offer (checkpoints, integrity check,
    /// the tests' disk cap). Takes no session: nothing behind a PIN is reachable through it
    /// without one.
    pub fn vault(&self) -> &Vault {
        &self.vault
    }
}

#[cfg(test)]
mod tests;
