//! [`Platform`]: the services the phone (or the CLI, or a test) gives a vault.

use std::sync::Arc;

use crate::platform::{Clock, SecureRandom};

use super::keystore::KeyStore;

/// What the platform provides to a vault.
#[derive(Clone)]
pub struct Platform {
    /// The outer wrapping of the data key.
    pub key_store: Arc<dyn KeyStore>,
    /// The time (TOTP, lockout delays, idle timeout, audit entries).
    pub clock: Arc<dyn Clock>,
    /// Randomness (keys, salts, nonces, recovery codes).
    pub rng: Arc<dyn SecureRandom>,
}
