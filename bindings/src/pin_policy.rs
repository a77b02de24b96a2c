//! [`check_pin`]: the PIN policy's verdict before setup, one call into the core.

use qujat_core::auth::check_pin_strength;
use qujat_core::secret::SecretString;

use crate::error::WeakPinReason;

/// The PIN policy's verdict on `pin`, for the setup screen to explain before `Wallet.setup`:
/// `null` / `nil` when the PIN may be used, otherwise why not (the same reason `setup` would
/// give as `WalletError::WeakPin`). The PIN is wrapped in a zeroizing string at once and is
/// never part of the answer.
#[uniffi::export]
pub fn check_pin(pin: String) -> Option<WeakPinReason> {
    check_pin_strength(SecretString::new(pin).expose_secret()).err()
}
