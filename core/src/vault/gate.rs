//! The gate: PIN + second factor → a [`Session`].
//!
//! Order of one attempt (each numbered step is its own transaction or has none):
//! 1. shape of the input (nothing counted: no secret is tested);
//! 2. state and lockout, read: a wait in force refuses here (recording the clock reading, which
//!    only moves forward), a due wipe is carried out;
//! 3. in one write transaction (`BEGIN IMMEDIATE`): the lockout is checked again, the platform
//!    key store unwraps the outer layer under the key chain's current generation (not counted:
//!    it tests nothing the holder typed, and a key store outage must not drive the vault
//!    towards a wipe; an older copy of the file fails here with
//!    [`VaultError::ReplacedByOlderCopy`]), then
//! 4. **the attempt is counted as failed, with its delay and the clock reading, the bundle is
//!    re-wrapped under the next generation of the platform key, and all of it is committed**
//!    (fsync); the previous generation's key is deleted after the commit (see `keychain`);
//! 5. Argon2id(PIN) and the inner unwrap: a wrong PIN stops here. The derivation runs on a
//!    second thread, started as soon as step 3 has the bundle, while step 4 re-wraps and
//!    commits; its result is used only after step 4 is durable, so the count and the rotation
//!    cost no time and are in place before any secret is tested;
//! 6. the second factor is checked and, in the same transaction, the TOTP step is recorded
//!    (or the recovery code deleted), the counter reset, and earlier failures moved into the
//!    sealed audit log.
//!
//! Killing the process anywhere between 4 and 6 leaves the attempt counted. An *error* in
//! step 6 that is not the verdict on the code typed (a full disk, a damaged TOTP record or
//! audit head) releases the attempt instead: the PIN was right, and no guess is gained by it.

use rusqlite::{Connection, Transaction};

use crate::auth::kdf::derive_pin_key;
use crate::auth::lockout::Refusal;
use crate::auth::totp::{self, CodeRejection};
use crate::auth::{SecondFactor, check_pin_strength, recovery};
use crate::platform::{UnixTime, random_array};
use crate::secret::{SecretBytes, SecretString, SecretVec};

use super::audit::{self, AuditKind};
use super::credential_set;
use super::datakey::KeyBundle;
use super::error::VaultError;
use super::recovery_rows::{self, Spend};
use super::rows::{self, ConfigRow, SecretName, State};
use super::seal::SealKeys;
use super::session::Session;
use super::totp_record::TotpRecord;
use super::vault::Vault;

/// Why the gate is being passed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Purpose {
    Unlock,
    ConfirmEnrolment,
    ChangePin,
}

/// The second factor after its shape was checked.
pub(super) enum Factor<'a> {
    Totp(&'a str),
    Recovery(SecretString),
}

impl<'a> Factor<'a> {
    pub(super) fn from_input(f: &'a SecondFactor) -> Result<Self, VaultError> {
        match f {
            SecondFactor::Totp(code) => Self::totp(code.expose_secret()),
            SecondFactor::Recovery(code) => {
                if code.expose_secret().trim().is_empty() {
                    return Err(VaultError::MalformedCode);
                }
                recovery::normalize(code.expose_secret()).map(Self::Recovery).ok_or(VaultError::MalformedCode)
            }
        }
    }

    pub(super) fn totp(code: &'a str) -> Result<Self, VaultError> {
        let code = code.trim();
        if code.is_empty() {
            Err(VaultError::TotpRequired)
        } else if totp::looks_like_code(code) {
            Ok(Self::Totp(code))
        } else {
            Err(VaultError::MalformedCode)
        }
    }
}

/// How an attempt that got past the count failed.
#[derive(Debug, Clone, Copy)]
enum Failure {
    Pin,
    Code,
    Replayed,
}

/// What a successful pass yields.
pub(super) struct Granted {
    pub data_key: SecretBytes<32>,
    pub keys: SealKeys,
    pub config: ConfigRow,
}

impl Vault {
    /// Unlock with the PIN and a code from the authenticator app or a recovery code
    /// (which is then spent).
    pub fn unlock(&self, pin: &SecretString, factor: &SecondFactor) -> Result<Session, VaultError> {
        let factor = Factor::from_input(factor)?;
        let g = self.authenticate(pin, factor, Purpose::Unlock)?;
        Ok(Session::new(g.config.vault_uid, g.keys, self.now(), self.options.idle_timeout_secs))
    }

    /// Change the PIN: needs the current PIN and a code (counted like an unlock). Only the
    /// data key is re-wrapped, under a new salt and the configured KDF parameters.
    pub fn change_pin(
        &self,
        pin: &SecretString,
        factor: &SecondFactor,
        new_pin: &SecretString,
    ) -> Result<(), VaultError> {
        check_pin_strength(new_pin.expose_secret())?;
        let factor = Factor::from_input(factor)?;
        let g = self.authenticate(pin, factor, Purpose::ChangePin)?;
        let rng = self.rng.as_ref();
        let kdf = self.options.kdf;
        let salt = random_array(rng)?;
        let pin_key = derive_pin_key(new_pin, &salt, &kdf)?;
        let bundle = SecretVec::new(KeyBundle::seal(&pin_key, &g.data_key, kdf, salt, rng)?.to_bytes());
        let now = self.now();
        // The new wrapping goes under a new generation of the platform key (see `keychain`):
        // a copy of the file from before the change no longer opens, not even with the old PIN.
        let retired = self.write_tx(|tx| {
            let mut c = rows::read_config(tx)?.ok_or(VaultError::NotInitialized)?;
            if c.vault_uid != g.config.vault_uid || c.state != State::Ready {
                return Err(VaultError::Locked);
            }
            let retired = self.rotate(tx, &mut c, bundle.expose_secret(), true)?;
            audit::append(tx, &g.keys, rng, AuditKind::PinChanged, now, &[])?;
            Ok(retired)
        })?;
        self.retire(retired);
        Ok(())
    }

    /// Pass the gate (see the module documentation for the order of steps).
    pub(super) fn authenticate(
        &self,
        pin: &SecretString,
        factor: Factor<'_>,
        purpose: Purpose,
    ) -> Result<Granted, VaultError> {
        let recovery = matches!(factor, Factor::Recovery(_));
        if purpose == Purpose::ConfirmEnrolment && recovery {
            return Err(VaultError::TotpRequired);
        }
        let policy = &self.options.lockout;

        // 2. State and lockout. A read: the clock reading is recorded (it only ever moves
        // forward) with the count in step 4, or here when the attempt is refused.
        let (config, admitted) = self.read_tx(|conn| {
            let config = rows::read_config(conn)?.ok_or(VaultError::NotInitialized)?;
            check_state(config.state, purpose)?;
            let mut lockout = rows::read_lockout(conn)?;
            lockout.observe(self.now());
            Ok((config, lockout.admit(policy, recovery)))
        })?;
        if let Err(r) = admitted {
            self.write_tx(|tx| {
                let mut lockout = rows::read_lockout(tx)?;
                lockout.observe(self.now());
                rows::write_lockout(tx, &lockout)
            })?;
            return Err(self.refusal(r));
        }

        // 3 and 4, in one write transaction (`BEGIN IMMEDIATE`: no other process rotates the
        // key meanwhile): the platform key store unwraps the outer layer under the current
        // generation (an older copy of the file fails here, uncounted), the attempt is counted
        // as failed, and the bundle is re-wrapped under the next generation. Argon2id starts
        // on another thread as soon as the bundle is open, so the commit's fsync and the key
        // store's work cost no time; its result is looked at only once the count is durable
        // (and not at all if the count was refused or failed). After the commit the previous
        // generation's key is deleted: from then on an older copy of the file finds no key.
        let now = self.now();
        let (attempt, pin_key) = std::thread::scope(|scope| {
            let counted = self.write_tx(|tx| {
                let mut c = rows::read_config(tx)?.ok_or(VaultError::NotInitialized)?;
                if c.vault_uid != config.vault_uid {
                    return Err(VaultError::Locked); // set up anew meanwhile
                }
                check_state(c.state, purpose)?;
                let mut l = rows::read_lockout(tx)?;
                l.observe(now);
                if let Err(r) = l.admit(policy, recovery) {
                    rows::write_lockout(tx, &l)?;
                    return Ok(Err(r));
                }
                // A key store's `InvalidData` stays a key-store error: a replaced platform key
                // and damaged wrapped bytes look the same to it, and only the key store can
                // tell the app more (an invalidated key, a missing one).
                let plain = SecretVec::new(self.unwrap_current(&c)?);
                let bundle = KeyBundle::from_bytes(&plain)?;
                let (salt, params) = (bundle.salt, bundle.params);
                let kdf = scope.spawn(move || derive_pin_key(pin, &salt, &params));
                l.begin_attempt(policy);
                rows::write_lockout(tx, &l)?;
                tx.execute("INSERT INTO failed_attempts (at) VALUES (?1)", [l.last_seen])?;
                let seq = tx.last_insert_rowid();
                let retired = self.rotate(tx, &mut c, plain.expose_secret(), true)?;
                Ok(Ok((seq, bundle, kdf, retired)))
            });
            match counted {
                Ok(Ok((seq, bundle, kdf, retired))) => {
                    self.retire(retired);
                    // Argon2 does not panic on validated parameters; if it ever did, the
                    // attempt stays counted.
                    let key = kdf.join().map_err(|_| VaultError::Kdf).and_then(|k| k.map_err(VaultError::from));
                    (Ok(Ok((seq, bundle))), key)
                }
                Ok(Err(r)) => (Ok(Err(r)), Err(VaultError::Kdf)),
                Err(e) => (Err(e), Err(VaultError::Kdf)),
            }
        });
        let (attempt, bundle) = attempt?.map_err(|r| self.refusal(r))?;
        let pin_key = pin_key?;
        let Some(data_key) = bundle.open(&pin_key) else {
            return Err(self.failed(Failure::Pin));
        };
        drop(pin_key);
        let keys = SealKeys::derive(&data_key);

        // 6. The second factor, and the success, atomically.
        let rng = self.rng.as_ref();
        let outcome = self.write_tx(|tx| {
            let now = self.now();
            match &factor {
                Factor::Totp(code) => {
                    let mut rec = TotpRecord::decode(&rows::require_secret(tx, &keys, SecretName::Totp)?)?;
                    match rec.secret.verify(code, now, rec.last_step) {
                        Ok(step) => {
                            rec.last_step = Some(step);
                            rows::put_secret(tx, &keys, rng, SecretName::Totp, rec.encode().expose_secret())?;
                        }
                        Err(CodeRejection::Wrong) => return Ok(Err(Failure::Code)),
                        Err(CodeRejection::Replayed) => return Ok(Err(Failure::Replayed)),
                    }
                }
                Factor::Recovery(code) => match recovery_rows::spend(tx, &keys, code)? {
                    Spend::Spent => {}
                    Spend::NoMatch => return Ok(Err(Failure::Code)),
                    Spend::NoMatchSomeDamaged => return Err(VaultError::Integrity { table: "recovery_codes" }),
                },
            }
            let mut l = rows::read_lockout(tx)?;
            l.succeed();
            rows::write_lockout(tx, &l)?;
            tx.execute("DELETE FROM failed_attempts WHERE seq = ?1", [attempt])?;
            record_earlier_failures(tx, &keys, rng)?;
            credential_set::ensure(tx, &keys, rng)?;
            let how: &[u8] = if recovery { b"recovery-code" } else { b"totp" };
            match purpose {
                Purpose::ConfirmEnrolment => {
                    let mut c = rows::read_config(tx)?.ok_or(VaultError::NotInitialized)?;
                    c.state = State::Ready;
                    rows::write_config(tx, &c)?;
                    audit::append(tx, &keys, rng, AuditKind::TotpEnrolled, now, &[])?;
                }
                Purpose::Unlock => audit::append(tx, &keys, rng, AuditKind::Unlocked, now, how)?,
                Purpose::ChangePin => {}
            }
            if recovery {
                audit::append(tx, &keys, rng, AuditKind::RecoveryCodeUsed, now, &[])?;
            }
            Ok(Ok(()))
        });
        let outcome = match outcome {
            Ok(o) => o,
            // A damaged recovery-code row: the code typed may have been the one in it.
            Err(e @ VaultError::Integrity { table: "recovery_codes" }) => return Err(e),
            Err(e) => return Err(self.release_attempt(attempt, e)),
        };
        if let Err(f) = outcome {
            if matches!(f, Failure::Replayed) {
                // A replay is not counted (docs/SECURITY.md, "Replayed codes"): the PIN was
                // right and the code was a real one, already spent, so no guess of either is
                // gained by it, while counting it locked out holders who ran two commands
                // within one 30-second step. A wrong PIN was counted and stopped at step 5.
                let _ = self.release_attempt(attempt, VaultError::Kdf);
            }
            return Err(self.failed(f));
        }
        Ok(Granted { data_key, keys, config })
    }

    /// Step 6 failed after the PIN was found right, and not on a verdict about the code typed:
    /// the code could not be checked (a damaged TOTP record) or the success could not be
    /// written (a full disk, a damaged audit head). Release the attempt counted in step 4 —
    /// nothing the holder typed was wrong, and a fault that persists must not walk the vault
    /// into a wait or a wipe. An attacker gains no guess: a wrong PIN stopped at step 5 and a
    /// wrong code is decided before anything is written. Nothing else is recorded and no
    /// session is granted (a TOTP code is not spent: it was never accepted). Earlier failures stay
    /// counted. If even this small write fails, the attempt stays counted. Returns `e`.
    fn release_attempt(&self, attempt: i64, e: VaultError) -> VaultError {
        let _ = self.write_tx(|tx| {
            let mut l = rows::read_lockout(tx)?;
            l.release_attempt();
            rows::write_lockout(tx, &l)?;
            tx.execute("DELETE FROM failed_attempts WHERE seq = ?1", [attempt])?;
            Ok(())
        });
        e
    }

    /// The error for a lockout refusal, carrying out a due wipe.
    fn refusal(&self, r: Refusal) -> VaultError {
        match r {
            Refusal::LockedOut { until, retry_after_secs } => VaultError::LockedOut { until, retry_after_secs },
            Refusal::RecoveryRequired => VaultError::RecoveryCodeRequired,
            Refusal::WipeDue => match self.wipe() {
                Ok(()) => VaultError::Wiped,
                Err(e) => e,
            },
        }
    }

    /// The attempt (already counted) failed: apply the policy and say how many are left.
    fn failed(&self, f: Failure) -> VaultError {
        let policy = &self.options.lockout;
        let lockout = match self.read_tx(rows::read_lockout) {
            Ok(l) => l,
            Err(e) => return e,
        };
        if lockout.wipe_due(policy) {
            return match self.wipe() {
                Ok(()) => VaultError::Wiped,
                Err(e) => e,
            };
        }
        let attempts_left = policy.attempts_left(lockout.failures);
        match f {
            Failure::Pin => VaultError::WrongPin { attempts_left },
            Failure::Code => VaultError::WrongCode { attempts_left },
            Failure::Replayed => VaultError::CodeReplayed { attempts_left },
        }
    }

    /// Destroy the data key: in the file (with every sealed table, securely deleted, then a
    /// checkpoint so the log keeps no copy) and in the platform key store.
    ///
    /// The wipe, too, moves the key chain to a new generation (whose key wraps only a marker,
    /// and which the file does not keep): a copy of the file from before the wipe then fails
    /// as [`VaultError::ReplacedByOlderCopy`] rather than as a key store that lost its key.
    pub(super) fn wipe(&self) -> Result<(), VaultError> {
        let retired = self.write_tx(|tx| {
            let Some(mut c) = rows::read_config(tx)? else {
                return Ok(None);
            };
            rows::clear_sealed_tables(tx)?;
            c.state = State::Wiped;
            let retired = self.rotate(tx, &mut c, WIPED_MARKER, false)?;
            Ok(Some(retired))
        })?;
        if let Some(retired) = retired {
            // The file no longer holds the wrapped key; deleting the platform key also makes
            // any earlier copy of the file useless.
            self.retire(retired);
        }
        self.checkpoint()
    }

    /// At open: finish a wipe that became due but was interrupted.
    pub(super) fn finish_due_wipe(&self) -> Result<(), VaultError> {
        let (config, lockout) = self.read_tx(|c| Ok((rows::read_config(c)?, rows::read_lockout(c)?)))?;
        let live = matches!(config.map(|c| c.state), Some(State::Pending | State::Ready));
        if live && lockout.wipe_due(&self.options.lockout) {
            self.wipe()?;
        }
        Ok(())
    }
}

/// What the generation a wipe creates wraps: nothing secret, only a recognisable marker.
const WIPED_MARKER: &[u8] = b"qujat/wiped";

fn check_state(state: State, purpose: Purpose) -> Result<(), VaultError> {
    match (state, purpose) {
        (State::Wiped, _) => Err(VaultError::Wiped),
        (State::Pending, Purpose::ConfirmEnrolment) | (State::Ready, Purpose::Unlock | Purpose::ChangePin) => Ok(()),
        (State::Pending, _) => Err(VaultError::EnrolmentPending),
        (State::Ready, Purpose::ConfirmEnrolment) => Err(VaultError::AlreadyInitialized),
    }
}

/// Move the failures recorded in clear (times only) into the sealed audit log.
fn record_earlier_failures(
    tx: &Transaction<'_>,
    keys: &SealKeys,
    rng: &dyn crate::platform::SecureRandom,
) -> Result<(), VaultError> {
    let times = failed_attempt_times(tx)?;
    for at in times {
        audit::append(tx, keys, rng, AuditKind::FailedUnlock, at, &[])?;
    }
    tx.execute("DELETE FROM failed_attempts", [])?;
    Ok(())
}

fn failed_attempt_times(conn: &Connection) -> Result<Vec<UnixTime>, VaultError> {
    let mut stmt = conn.prepare("SELECT at FROM failed_attempts ORDER BY seq")?;
    let times = stmt.query_map([], |r| r.get(0))?.collect::<Result<Vec<UnixTime>, _>>()?;
    Ok(times)
}
