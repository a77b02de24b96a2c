//! [`VaultOptions`]: the tunable behaviour of a vault (Argon2id cost, lockout, idle timeout).

use crate::auth::{KdfParams, LockoutPolicy};

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
}

impl Default for VaultOptions {
    fn default() -> Self {
        Self {
            kdf: KdfParams::RECOMMENDED,
            lockout: LockoutPolicy::default(),
            idle_timeout_secs: DEFAULT_IDLE_TIMEOUT_SECS,
        }
    }
}

impl VaultOptions {
    /// Tiny Argon2id parameters and otherwise the defaults: **tests only**.
    pub fn insecure_for_tests() -> Self {
        Self { kdf: KdfParams::INSECURE_FOR_TESTS, ..Self::default() }
    }
}
