//! Where the wallet stands, for the start screen: the core's [`WalletStatus`] (`VaultStatus`)
//! and [`WalletState`] (`VaultState`), exposed as they are (remote types).

use qujat_core::vault;

/// The life cycle of a wallet (the core's `vault::VaultState`).
pub type WalletState = vault::VaultState;

/// The life cycle of a wallet.
#[uniffi::remote(Enum)]
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

/// Where the wallet stands (the core's `vault::VaultStatus`). Nothing secret.
pub type WalletStatus = vault::VaultStatus;

/// Where the wallet stands, for the start screen. Nothing secret.
#[uniffi::remote(Record)]
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
