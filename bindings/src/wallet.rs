//! The holder's wallet: [`Wallet`] over `qujat_core::wallet::Wallet`, the one-time
//! [`Enrolment`], and the records its screens show.
//!
//! PINs and codes arrive as `String` (what a text field gives); they are wrapped in the core's
//! zeroizing `SecretString` at once. The platform string itself cannot be wiped from here.

use std::sync::Arc;

use qujat_core::auth::{KdfParams, LockoutPolicy, SecondFactor};
use qujat_core::keys::PublicKey;
use qujat_core::platform::{OsRandom, SystemClock};
use qujat_core::presentation::{self as core_pres, Challenge};
use qujat_core::qr::{self, Ecc};
use qujat_core::secret::SecretString;
use qujat_core::vault::{self, ChainStatus, CredentialId, Platform, VaultOptions, VaultState};
use qujat_core::wallet;

use crate::error::WalletError;
use crate::platform::{Clock, ForeignClock, ForeignKeyStore, PlatformKeyStore};
use crate::types::{CalendarDate, Claim, ClaimId, DegreeLevel, Language, LocalizedText, claim_ids, claim_set};

/// Argon2id cost for new PIN wrappings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum KdfCost {
    /// RFC 9106's second recommendation: 64 MiB, 3 passes, 4 lanes. The production setting.
    Recommended,
    /// 64 KiB, 1 pass, 1 lane: **tests only**.
    InsecureForTests,
}

/// What happens at the 10th consecutive failed unlock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum AtMaxFailures {
    /// Destroy the data key: everything stored is gone (the default).
    WipeDataKey,
    /// Keep the data, but accept only PIN + recovery code from then on.
    RequireRecoveryCode,
}

/// Wallet settings. `default_wallet_options()` gives the production values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct WalletOptions {
    /// Argon2id cost for new PIN wrappings (setup, PIN change).
    pub kdf: KdfCost,
    /// Seconds of inactivity after which the wallet locks itself (at least 1).
    pub idle_timeout_secs: u32,
    /// The terminal action of the lockout policy.
    pub at_max_failures: AtMaxFailures,
}

/// The production settings: recommended Argon2id cost, the core's idle timeout, wipe at the end.
#[uniffi::export]
pub fn default_wallet_options() -> WalletOptions {
    WalletOptions {
        kdf: KdfCost::Recommended,
        idle_timeout_secs: vault::DEFAULT_IDLE_TIMEOUT_SECS,
        at_max_failures: AtMaxFailures::WipeDataKey,
    }
}

impl From<WalletOptions> for VaultOptions {
    fn from(o: WalletOptions) -> Self {
        let kdf = match o.kdf {
            KdfCost::Recommended => KdfParams::RECOMMENDED,
            KdfCost::InsecureForTests => KdfParams::INSECURE_FOR_TESTS,
        };
        let lockout = match o.at_max_failures {
            AtMaxFailures::WipeDataKey => LockoutPolicy::default(),
            AtMaxFailures::RequireRecoveryCode => LockoutPolicy::recovery_instead_of_wipe(),
        };
        Self { kdf, lockout, idle_timeout_secs: o.idle_timeout_secs }
    }
}

/// The life cycle of a wallet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum WalletState {
    /// Nothing set up yet: show setup.
    Uninitialized,
    /// Set up, waiting for the first authenticator code.
    EnrolmentPending,
    /// In use: show unlock.
    Ready,
    /// Wiped after too many failures: set up anew.
    Wiped,
}

/// Where the wallet stands, for the start screen. Nothing secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct WalletStatus {
    /// The life-cycle state.
    pub state: WalletState,
    /// Consecutive failed unlock attempts.
    pub failures: u32,
    /// Attempts left before the terminal action.
    pub attempts_left: u32,
    /// When a wait is in force: when the next attempt is allowed (Unix seconds).
    pub locked_until: Option<i64>,
    /// Only PIN + recovery code is accepted now.
    pub recovery_code_required: bool,
    /// Whether the platform key store keeps its keys in hardware.
    pub key_store_hardware_backed: bool,
}

impl From<vault::VaultStatus> for WalletStatus {
    fn from(s: vault::VaultStatus) -> Self {
        Self {
            state: match s.state {
                VaultState::Uninitialized => WalletState::Uninitialized,
                VaultState::EnrolmentPending => WalletState::EnrolmentPending,
                VaultState::Ready => WalletState::Ready,
                VaultState::Wiped => WalletState::Wiped,
            },
            failures: s.failures,
            attempts_left: s.attempts_left,
            locked_until: s.locked_until,
            recovery_code_required: s.recovery_code_required,
            key_store_hardware_backed: s.key_store_hardware_backed,
        }
    }
}

/// What setup hands to the holder **once**: the authenticator URI and the recovery codes.
/// An object, not a record, so that no `toString` prints it; close it as soon as it has been
/// shown (the Rust side zeroizes it on drop). Never log or persist what it returns.
#[derive(uniffi::Object)]
pub struct Enrolment(vault::Enrolment);

#[uniffi::export]
impl Enrolment {
    /// The `otpauth://totp/…` URI for the authenticator app (show it as a QR code). Contains
    /// the TOTP secret.
    pub fn otpauth_uri(&self) -> String {
        self.0.otpauth_uri.expose_secret().to_owned()
    }

    /// The ten one-time recovery codes (`XXXX-XXXX-XXXX-XXXX`) to write down.
    pub fn recovery_codes(&self) -> Vec<String> {
        self.0.recovery_codes.iter().map(|c| c.expose_secret().to_owned()).collect()
    }

    /// The new holder key's public half (32 bytes).
    pub fn holder_public_key(&self) -> Vec<u8> {
        self.0.holder_public_key.to_bytes().to_vec()
    }
}

/// A new authenticator's `otpauth://` URI, shown **once** while changing the authenticator
/// app (an object for the same reasons as `Enrolment`; close it once shown).
#[derive(uniffi::Object)]
pub struct AuthenticatorChange(SecretString);

#[uniffi::export]
impl AuthenticatorChange {
    /// The `otpauth://totp/…` URI of the new authenticator (contains its secret).
    pub fn otpauth_uri(&self) -> String {
        self.0.expose_secret().to_owned()
    }
}

/// Fresh recovery codes, shown **once** (close the object once shown).
#[derive(uniffi::Object)]
pub struct RecoveryCodes(Vec<qujat_core::auth::RecoveryCode>);

#[uniffi::export]
impl RecoveryCodes {
    /// The ten codes (`XXXX-XXXX-XXXX-XXXX`); the previous ones no longer work.
    pub fn codes(&self) -> Vec<String> {
        self.0.iter().map(|c| c.expose_secret().to_owned()).collect()
    }
}

/// One diploma in the list. Personal data: show, never log.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct DiplomaSummary {
    /// Identifier (64 hex digits).
    pub id: String,
    /// Issuer id (`kz.enu`).
    pub issuer_id: String,
    /// Issuer name as the trust list gave it at import.
    pub issuer_name: LocalizedText,
    /// Degree level.
    pub degree_level: Option<DegreeLevel>,
    /// Programme code.
    pub program_code: Option<String>,
    /// Programme name by language.
    pub program_name: LocalizedText,
    /// Date of issue.
    pub issue_date: Option<CalendarDate>,
    /// With distinction.
    pub honors: bool,
    /// When it was imported (Unix seconds).
    pub imported_at: i64,
}

impl From<wallet::DiplomaSummary> for DiplomaSummary {
    fn from(d: wallet::DiplomaSummary) -> Self {
        Self {
            id: d.id.to_hex(),
            issuer_id: d.issuer_id,
            issuer_name: d.issuer_name.into(),
            degree_level: d.degree_level.map(Into::into),
            program_code: d.program_code,
            program_name: d.program_name.into(),
            issue_date: d.issue_date.map(Into::into),
            honors: d.honors,
            imported_at: d.imported_at,
        }
    }
}

/// The diploma list.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct DiplomaList {
    /// Every diploma that opens.
    pub diplomas: Vec<DiplomaSummary>,
    /// Stored diplomas that did not open (damaged) or that were removed outside the app
    /// (the wallet keeps a sealed record of which diplomas it holds): say so, do not hide it.
    pub damaged: u32,
}

/// A diploma with every claim, for the detail screen.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct DiplomaDetail {
    /// The list entry.
    pub summary: DiplomaSummary,
    /// Every claim the diploma states, in slot order, labelled in the language asked for.
    pub claims: Vec<Claim>,
}

/// What the holder chooses to show.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PresentationRequest {
    /// Claims to disclose (see `default_presentation_claims`).
    pub claims: Vec<ClaimId>,
    /// The verifier's 6-digit challenge, if one was shown.
    #[uniffi(default = None)]
    pub challenge: Option<String>,
    /// Lifetime in seconds, 1–600.
    #[uniffi(default = 120)]
    pub ttl_secs: u32,
}

/// A QR symbol: `width × width` modules, row-major, plus a ready SVG.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct QrCode {
    /// Modules per side (without the quiet zone; draw 4 light modules around it).
    pub width: u32,
    /// QR version, 1–40.
    pub version: u8,
    /// One byte per module, row-major: 1 = dark, 0 = light.
    pub modules: Vec<u8>,
    /// The symbol as an SVG document, quiet zone included.
    pub svg: String,
}

/// A presentation ready to show. Personal data (the disclosed claims): show, never log.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Presentation {
    /// The `QJ1:` string the QR code holds.
    pub text: String,
    /// The QR code of `text` (error correction M).
    pub qr: QrCode,
    /// Creation time (Unix seconds).
    pub created_at: i64,
    /// Expiry time: hide the QR code after this.
    pub expires_at: i64,
    /// The claims disclosed.
    pub claims: Vec<ClaimId>,
    /// The challenge it answers.
    pub challenge: Option<String>,
}

impl Presentation {
    fn of(p: core_pres::Presentation) -> Result<Self, WalletError> {
        let m = qr::encode(&p.text, Ecc::M).map_err(|_| WalletError::QrEncoding)?;
        let qr = QrCode {
            width: u32::try_from(m.width()).map_err(|_| WalletError::QrEncoding)?,
            version: m.version(),
            modules: m.modules().iter().map(|&dark| u8::from(dark)).collect(),
            svg: m.to_svg(8),
        };
        let (claims, challenge) = (claim_ids(p.claims), p.challenge.map(|c| c.to_string()));
        Ok(Self { text: p.text, qr, created_at: p.created_at, expires_at: p.expires_at, claims, challenge })
    }
}

/// What an audit entry records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum AuditKind {
    /// The wallet was set up.
    Setup,
    /// A successful unlock.
    Unlocked,
    /// A failed unlock.
    FailedUnlock,
    /// A diploma was imported.
    Import,
    /// A presentation was made.
    Present,
    /// A diploma was deleted.
    Delete,
    /// The PIN was changed.
    PinChanged,
    /// An authenticator app was enrolled.
    TotpEnrolled,
    /// A recovery code was spent.
    RecoveryCodeUsed,
    /// The recovery codes were renewed.
    RecoveryCodesRenewed,
    /// The log's head record was damaged or stale and the log was continued after its last
    /// entry; the chain is reported broken from here.
    HeadRebuilt,
    /// A kind these bindings do not know yet.
    Other {
        /// Its number.
        code: u16,
    },
}

/// One audit entry (its detail stays sealed in the wallet).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct AuditEntry {
    /// Position in the chain, from 1.
    pub seq: u64,
    /// What happened.
    pub kind: AuditKind,
    /// When (Unix seconds).
    pub time: i64,
}

/// The audit log and the state of its hash chain.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct AuditLog {
    /// Entries in order.
    pub entries: Vec<AuditEntry>,
    /// `None` when the chain is intact; else the first entry number that fails (an entry
    /// missing, altered, reordered or cut off the end).
    pub broken_at_seq: Option<u64>,
}

impl From<vault::AuditLog> for AuditLog {
    fn from(log: vault::AuditLog) -> Self {
        use vault::AuditKind as K;
        let entries = log
            .entries
            .iter()
            .map(|e| AuditEntry {
                seq: e.seq,
                time: e.time,
                kind: match e.kind {
                    K::Setup => AuditKind::Setup,
                    K::Unlocked => AuditKind::Unlocked,
                    K::FailedUnlock => AuditKind::FailedUnlock,
                    K::Import => AuditKind::Import,
                    K::Present => AuditKind::Present,
                    K::Delete => AuditKind::Delete,
                    K::PinChanged => AuditKind::PinChanged,
                    K::TotpEnrolled => AuditKind::TotpEnrolled,
                    K::RecoveryCodeUsed => AuditKind::RecoveryCodeUsed,
                    K::RecoveryCodesRenewed => AuditKind::RecoveryCodesRenewed,
                    K::HeadRebuilt => AuditKind::HeadRebuilt,
                    K::Other(code) => AuditKind::Other { code },
                    _ => AuditKind::Other { code: u16::MAX },
                },
            })
            .collect();
        let broken_at_seq = match log.status {
            ChainStatus::Intact => None,
            ChainStatus::Broken { at_seq } => Some(at_seq),
        };
        Self { entries, broken_at_seq }
    }
}

fn diploma_id(id: &str) -> Result<CredentialId, WalletError> {
    CredentialId::from_hex(id).ok_or(WalletError::BadDiplomaId)
}

fn public_key(bytes: &[u8]) -> Result<PublicKey, WalletError> {
    PublicKey::from_bytes(bytes).map_err(|_| WalletError::BadPublicKey)
}

fn core_request(r: &PresentationRequest) -> Result<core_pres::PresentationRequest, WalletError> {
    let challenge = match &r.challenge {
        Some(c) => Some(Challenge::parse(c).ok_or(WalletError::BadChallenge)?),
        None => None,
    };
    Ok(core_pres::PresentationRequest { claims: claim_set(&r.claims), challenge, ttl_secs: r.ttl_secs })
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

    /// As `open`, with a clock the caller controls (tests of lockout and expiry).
    #[uniffi::constructor]
    pub fn open_with_clock(
        path: String,
        key_store: Arc<dyn PlatformKeyStore>,
        clock: Arc<dyn Clock>,
        options: WalletOptions,
    ) -> Result<Arc<Self>, WalletError> {
        let platform = Platform {
            key_store: Arc::new(ForeignKeyStore(key_store)),
            clock: Arc::new(ForeignClock(clock)),
            rng: Arc::new(OsRandom),
        };
        Ok(Arc::new(Self(wallet::Wallet::open(path, platform, options.into())?)))
    }

    /// The state, failure count and any wait in force (no unlock needed).
    pub fn status(&self) -> Result<WalletStatus, WalletError> {
        Ok(self.0.status()?.into())
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

    /// True while unlocked and not idle-expired.
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
        Ok(self.0.import(&bundle, &trust_list, &public_key(&anchor_public_key)?)?.into())
    }

    /// Every stored diploma, and how many did not open.
    pub fn list(&self) -> Result<DiplomaList, WalletError> {
        let (items, damaged) = self.0.list()?;
        Ok(DiplomaList {
            diplomas: items.into_iter().map(Into::into).collect(),
            damaged: u32::try_from(damaged).unwrap_or(u32::MAX),
        })
    }

    /// A diploma with every claim, labelled in `lang`.
    pub fn show(&self, id: String, lang: Language) -> Result<DiplomaDetail, WalletError> {
        let d = self.0.show(&diploma_id(&id)?)?;
        Ok(DiplomaDetail { summary: d.summary.into(), claims: Claim::all(&d.claims, lang) })
    }

    /// Make a presentation (signed with the sealed holder key, recorded in the audit log).
    pub fn present(&self, id: String, request: PresentationRequest) -> Result<Presentation, WalletError> {
        Presentation::of(self.0.present(&diploma_id(&id)?, &core_request(&request)?)?)
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
}
