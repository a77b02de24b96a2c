//! The wallet's settings: [`WalletOptions`] and its enums.

use qujat_core::auth::{KdfParams, LockoutPolicy};
use qujat_core::backup::WorkFactor;
use qujat_core::vault::{self, VaultOptions};

/// Argon2id cost for new PIN wrappings.
#[cfg(not(feature = "testing"))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum KdfCost {
    /// RFC 9106's second recommendation: 64 MiB, 3 passes, 4 lanes. The production setting.
    Recommended,
}

/// Argon2id cost for new PIN wrappings (with the `testing` feature: also the tests' cost, which
/// also makes new backups' scrypt cheap).
#[cfg(feature = "testing")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum KdfCost {
    /// RFC 9106's second recommendation: 64 MiB, 3 passes, 4 lanes. The production setting.
    Recommended,
    /// 64 KiB, 1 pass, 1 lane, and backups at scrypt 2^4: **tests only** (not in a shipped
    /// library).
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
        let (kdf, backup_work_factor) = match o.kdf {
            KdfCost::Recommended => (KdfParams::RECOMMENDED, WorkFactor::Standard),
            #[cfg(feature = "testing")]
            KdfCost::InsecureForTests => (KdfParams::INSECURE_FOR_TESTS, WorkFactor::CheapForTests),
        };
        let lockout = match o.at_max_failures {
            AtMaxFailures::WipeDataKey => LockoutPolicy::default(),
            AtMaxFailures::RequireRecoveryCode => LockoutPolicy::recovery_instead_of_wipe(),
        };
        Self { kdf, lockout, idle_timeout_secs: o.idle_timeout_secs, backup_work_factor }
    }
}
