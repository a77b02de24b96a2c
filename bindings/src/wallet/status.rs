//! Where the wallet stands, for the start screen: [`WalletStatus`].

use qujat_core::vault::{self, VaultState};

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
