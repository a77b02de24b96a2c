//! [`VaultOptions`]: the tunable behaviour of a vault (Argon2id cost, lockout, idle timeout,
//! the backup's scrypt cost).

use crate::auth::{KdfParams, LockoutPolicy};
use crate::backup::WorkFactor;

use super::session::DEFAULT_IDLE_TIMEOUT_SECS;

/// Tunable behaviour. [`Default`] is the production setting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VaultOptions {
    /// Argon2id cost for *new* PIN wrappings (setup, PIN change). An existing wrapping keeps
    /// the parameters stored with it until the PIN is changed.
    pub kdf: KdfParams,
    /// Delays and the terminal action after failed unlocks.
    pub lockout: LockoutPolicy,
    /// Seconds of inactivity after which a session locks itself (at least 1).
    pub idle_timeout_secs: u32,
    /// The scrypt cost of new backups (restores accept the real cost whatever this says).
    pub backup_work_factor: WorkFactor,
}

impl Default for VaultOptions {
    fn default() -> Self {
        Self {
            kdf: KdfParams::RECOMMENDED,
            lockout: LockoutPolicy::default(),
            idle_timeout_secs: DEFAULT_IDLE_TIMEOUT_SECS,
            backup_work_factor: WorkFactor::Standard,
        }
    }
}

impl VaultOptions {
    /// Tiny Argon2id parameters, a cheap backup work factor and otherwise the defaults:
    /// **tests only**.
    pub fn insecure_for_tests() -> Self {
        Self { kdf: KdfParams::INSECURE_FOR_TESTS, backup_work_factor: WorkFactor::CheapForTests, ..Self::default() }
    }
}
