//! Setup and (re-)enrolment: PIN, data key, holder key, authenticator app, recovery codes.

use crate::auth::check_pin_strength;
use crate::auth::kdf::derive_pin_key;
use crate::auth::lockout::LockoutState;
use crate::auth::recovery::{self, RecoveryCode};
use crate::auth::totp::{CodeRejection, TotpSecret};
use crate::keys::{KeyPair, PublicKey, hex_encode};
use crate::platform::{UnixTime, random_array};
use crate::secret::{SecretBytes, SecretString, SecretVec};

use super::audit::{self, AuditKind};
use super::backup::VaultContents;
use super::credential_set;
use super::credentials;
use super::datakey::KeyBundle;
use super::error::VaultError;
use super::gate::{Factor, Purpose};
use super::keychain;
use super::recovery_rows;
use super::rows::{self, ConfigRow, SecretName, State};
use super::seal::SealKeys;
use super::session::Session;
use super::totp_record::TotpRecord;
use super::vault::Vault;

/// What setup hands to the holder, once. Nothing here is stored in clear.
#[derive(Debug)]
pub struct Enrolment {
    /// The `otpauth://` URI for the authenticator app (render it as a QR code). Contains the
    /// TOTP secret: show it once, never log it.
    pub otpauth_uri: SecretString,
    /// One-time recovery codes to write down.
    pub recovery_codes: Vec<RecoveryCode>,
    /// The new holder key's public half.
    pub holder_public_key: PublicKey,
}

/// What a new vault is set up from.
pub(super) enum SetupFrom<'a> {
    /// Nothing: a new holder key, an empty wallet.
    Nothing,
    /// A backup's contents, made at `made_at`.
    Backup {
        /// The holder key, diplomas and audit entries to carry over.
        contents: &'a VaultContents,
        /// When the backup was made.
        made_at: UnixTime,
    },
}

fn new_recovery_codes(rng: &dyn crate::platform::SecureRandom) -> Result<Vec<RecoveryCode>, VaultError> {
    (0..recovery::COUNT).map(|_| RecoveryCode::generate(rng).map_err(VaultError::from)).collect()
}

impl Vault {
    /// Set the vault up: check the PIN against the policy, create the data key (wrapped by
    /// Argon2id(PIN) and by the platform key store), the holder key, the TOTP secret and the
    /// recovery codes. `account_label` is what the authenticator app shows next to "Qujat"
    /// (for example "wallet"; no `:`). Enrolment completes with [`Self::confirm_enrolment`].
    ///
    /// Allowed on a new or wiped vault, and to restart an unconfirmed enrolment.
    pub fn setup(&self, pin: &SecretString, account_label: &str) -> Result<Enrolment, VaultError> {
        self.enrol(pin, account_label, SetupFrom::Nothing)
    }

    /// [`Self::setup`] and [`Self::setup_restored`](super::Vault::setup_restored): one
    /// transaction writes the whole new vault.
    pub(super) fn enrol(
        &self,
        pin: &SecretString,
        account_label: &str,
        from: SetupFrom<'_>,
    ) -> Result<Enrolment, VaultError> {
        check_pin_strength(pin.expose_secret())?;
        if let Some(c) = self.read_tx(rows::read_config)?
            && c.state == State::Ready
        {
            return Err(VaultError::AlreadyInitialized);
        }
        let rng = self.rng.as_ref();
        let totp = TotpSecret::generate(rng)?;
        let otpauth_uri = totp.otpauth_uri(account_label).map_err(|_| VaultError::BadLabel)?;
        let data_key = SecretBytes::<32>::random(rng)?;
        let keys = SealKeys::derive(&data_key);
        let kdf = self.options.kdf;
        let salt = random_array(rng)?;
        let pin_key = derive_pin_key(pin, &salt, &kdf)?;
        let bundle = SecretVec::new(KeyBundle::seal(&pin_key, &data_key, kdf, salt, rng)?.to_bytes());
        let new_base = format!("qujat-vault-{}", hex_encode(&random_array::<8>(rng)?));
        let holder = match &from {
            SetupFrom::Nothing => KeyPair::generate(rng)?,
            SetupFrom::Backup { contents, .. } => KeyPair::from_seed(&contents.holder_seed),
        };
        let codes = new_recovery_codes(rng)?;
        let now = self.now();
        let vault_uid = random_array(rng)?;
        let created = std::cell::RefCell::new(None::<String>);
        let result = self.write_tx(|tx| {
            let previous = rows::read_config(tx)?;
            if previous.as_ref().is_some_and(|c| c.state == State::Ready) {
                return Err(VaultError::AlreadyInitialized);
            }
            // A vault set up anew continues the key chain of the one it replaces, one
            // generation up: a copy of the old file then reads as an older copy.
            let mut config = match previous {
                Some(p) => ConfigRow { state: State::Pending, vault_uid, key_alias: p.key_alias, ..p },
                None => ConfigRow {
                    state: State::Pending,
                    vault_uid,
                    key_alias: new_base.clone(),
                    key_generation: 0,
                    wrapped_key: None,
                },
            };
            let next = config.key_generation.checked_add(1).ok_or(VaultError::Integrity { table: "config" })?;
            let alias = keychain::alias(&config.key_alias, next);
            created.replace(Some(alias.clone()));
            config.wrapped_key = Some(self.key_store.wrap(&alias, bundle.expose_secret())?);
            let retired = config.current_alias();
            config.key_generation = next;
            rows::clear_sealed_tables(tx)?;
            rows::write_config(tx, &config)?;
            rows::write_lockout(tx, &LockoutState { failures: 0, remaining_secs: 0, last_seen: now })?;
            rows::put_secret(tx, &keys, rng, SecretName::HolderKey, holder.seed().expose_secret())?;
            let record = TotpRecord { secret: totp, last_step: None };
            rows::put_secret(tx, &keys, rng, SecretName::Totp, record.encode().expose_secret())?;
            recovery_rows::replace_all(tx, &keys, rng, &codes)?;
            credential_set::reset(tx, &keys, rng)?;
            match &from {
                SetupFrom::Nothing => audit::append(tx, &keys, rng, AuditKind::Setup, now, &[])?,
                SetupFrom::Backup { contents, made_at } => {
                    let made = format!("made={made_at}");
                    audit::append(tx, &keys, rng, AuditKind::Restored, now, made.as_bytes())?;
                    for e in &contents.audit {
                        audit::append(tx, &keys, rng, e.kind, e.time, e.detail.expose_secret())?;
                    }
                    for c in &contents.credentials {
                        credentials::insert(
                            tx,
                            &keys,
                            rng,
                            &c.id,
                            c.bundle.expose_secret(),
                            c.summary.expose_secret(),
                        )?;
                    }
                }
            }
            Ok(retired)
        });
        match result {
            Ok(old) => {
                let _ = self.key_store.delete(&old);
            }
            Err(e) => {
                if let Some(alias) = created.take() {
                    let _ = self.key_store.delete(&alias);
                }
                return Err(e);
            }
        }
        self.checkpoint()?;
        Ok(Enrolment { otpauth_uri, recovery_codes: codes, holder_public_key: holder.public() })
    }

    /// Complete enrolment with the PIN and the first code the authenticator app shows.
    /// Counted like an unlock; returns an unlocked session.
    pub fn confirm_enrolment(&self, pin: &SecretString, code: &SecretString) -> Result<Session, VaultError> {
        let factor = Factor::totp(code.expose_secret())?;
        let g = self.authenticate(pin, factor, Purpose::ConfirmEnrolment)?;
        Ok(Session::new(g.config.vault_uid, g.keys, self.now(), self.options.idle_timeout_secs))
    }

    /// Start enrolling a new authenticator app (for example after losing the phone that had
    /// the old one, having unlocked with a recovery code). The old one keeps working until
    /// [`Self::confirm_totp_reenrolment`] succeeds.
    pub fn begin_totp_reenrolment(&self, session: &Session, account_label: &str) -> Result<SecretString, VaultError> {
        let rng = self.rng.as_ref();
        let secret = TotpSecret::generate(rng)?;
        let uri = secret.otpauth_uri(account_label).map_err(|_| VaultError::BadLabel)?;
        let record = TotpRecord { secret, last_step: None };
        self.session_write(session, |tx, keys| {
            rows::put_secret(tx, keys, rng, SecretName::TotpPending, record.encode().expose_secret())
        })?;
        Ok(uri)
    }

    /// Finish re-enrolment with the first code of the new authenticator app.
    /// A wrong code leaves the old app in place ([`VaultError::WrongCode`] carries the gate's
    /// unchanged `attempts_left`).
    pub fn confirm_totp_reenrolment(&self, session: &Session, code: &SecretString) -> Result<(), VaultError> {
        let Factor::Totp(code) = Factor::totp(code.expose_secret())? else {
            return Err(VaultError::MalformedCode);
        };
        let now = self.now();
        let rng = self.rng.as_ref();
        let attempts_left = self.status()?.attempts_left;
        self.session_write(session, |tx, keys| {
            let pending = rows::get_secret(tx, keys, SecretName::TotpPending)?.ok_or(VaultError::NoPendingEnrolment)?;
            let mut record = TotpRecord::decode(&pending)?;
            match record.secret.verify(code, now, None) {
                Ok(step) => record.last_step = Some(step),
                Err(CodeRejection::Wrong | CodeRejection::Replayed) => {
                    return Err(VaultError::WrongCode { attempts_left });
                }
            }
            rows::put_secret(tx, keys, rng, SecretName::Totp, record.encode().expose_secret())?;
            rows::delete_secret(tx, keys, SecretName::TotpPending)?;
            audit::append(tx, keys, rng, AuditKind::TotpEnrolled, now, &[])
        })
    }

    /// Replace all recovery codes with ten new ones (shown once).
    pub fn renew_recovery_codes(&self, session: &Session) -> Result<Vec<RecoveryCode>, VaultError> {
        let rng = self.rng.as_ref();
        let codes = new_recovery_codes(rng)?;
        let now = self.now();
        self.session_write(session, |tx, keys| {
            recovery_rows::replace_all(tx, keys, rng, &codes)?;
            audit::append(tx, keys, rng, AuditKind::RecoveryCodesRenewed, now, &[])
        })?;
        Ok(codes)
    }

    /// How many recovery codes are left unspent.
    pub fn recovery_codes_left(&self, session: &Session) -> Result<u32, VaultError> {
        self.session_read(session, |conn, _| recovery_rows::count(conn))
    }
}
