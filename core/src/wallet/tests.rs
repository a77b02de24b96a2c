//! The wallet's own operations over an unlocked session: recovery codes and the change of
//! authenticator app, which the apps reach only through [`Wallet`].

use std::sync::Arc;

use crate::auth::SecondFactor;
use crate::auth::totp::authenticator_code;
use crate::platform::{Clock, ManualClock, SeededRandom};
use crate::secret::SecretString;
use crate::vault::test_support::{PIN, T0, TempDir};
use crate::vault::{Enrolment, Platform, SoftwareKeyStore, VaultError, VaultOptions};

use super::{Wallet, WalletError};

struct Open {
    wallet: Wallet,
    clock: Arc<ManualClock>,
    enrolment: Enrolment,
    _dir: TempDir,
}

fn pin() -> SecretString {
    SecretString::from(PIN)
}

fn code(uri: &SecretString, clock: &ManualClock) -> SecretString {
    authenticator_code(uri.expose_secret(), clock.now()).expect("code")
}

/// A wallet set up, confirmed and unlocked, on a file in a temporary directory.
fn unlocked() -> Open {
    let dir = TempDir::new("wallet");
    let clock = Arc::new(ManualClock::new(T0));
    let rng = Arc::new(SeededRandom::new(b"wallet"));
    let platform =
        Platform { key_store: Arc::new(SoftwareKeyStore::in_memory(rng.clone())), clock: clock.clone(), rng };
    let wallet = Wallet::open(dir.path().join("w.db"), platform, VaultOptions::insecure_for_tests()).expect("open");
    let enrolment = wallet.setup(&pin(), "wallet").expect("setup");
    wallet.confirm_enrolment(&pin(), &code(&enrolment.otpauth_uri, &clock)).expect("confirm");
    Open { wallet, clock, enrolment, _dir: dir }
}

#[test]
fn recovery_codes_are_counted_renewed_and_the_old_ones_refused() {
    let o = unlocked();
    assert_eq!(o.wallet.recovery_codes_left().unwrap(), 10);
    let spent = SecondFactor::Recovery(SecretString::from(o.enrolment.recovery_codes[0].expose_secret()));
    o.wallet.unlock(&pin(), &spent).unwrap();
    assert_eq!(o.wallet.recovery_codes_left().unwrap(), 9);

    let fresh = o.wallet.renew_recovery_codes().unwrap();
    assert_eq!(fresh.len(), 10);
    assert_eq!(o.wallet.recovery_codes_left().unwrap(), 10);
    let old = SecondFactor::Recovery(SecretString::from(o.enrolment.recovery_codes[1].expose_secret()));
    assert!(matches!(o.wallet.unlock(&pin(), &old), Err(WalletError::Vault(VaultError::WrongCode { .. }))));
    let new = SecondFactor::Recovery(SecretString::from(fresh[0].expose_secret()));
    o.wallet.unlock(&pin(), &new).unwrap();
    assert_eq!(o.wallet.recovery_codes_left().unwrap(), 9);
}

#[test]
fn authenticator_change_takes_effect_only_when_confirmed() {
    let o = unlocked();
    assert_eq!(
        o.wallet.confirm_authenticator_change(&SecretString::from("123456")).unwrap_err(),
        WalletError::Vault(VaultError::NoPendingEnrolment)
    );
    let uri = o.wallet.begin_authenticator_change("new phone").unwrap();
    o.clock.advance(30);
    o.wallet.confirm_authenticator_change(&code(&uri, &o.clock)).unwrap();

    // The old authenticator no longer unlocks; the new one does.
    o.clock.advance(30);
    let old = SecondFactor::Totp(code(&o.enrolment.otpauth_uri, &o.clock));
    assert!(matches!(o.wallet.unlock(&pin(), &old), Err(WalletError::Vault(VaultError::WrongCode { .. }))));
    o.clock.advance(30);
    o.wallet.unlock(&pin(), &SecondFactor::Totp(code(&uri, &o.clock))).unwrap();
    assert!(o.wallet.is_unlocked());
}

#[test]
fn every_session_operation_needs_an_unlocked_wallet() {
    let o = unlocked();
    o.wallet.lock();
    let locked = WalletError::Vault(VaultError::Locked);
    assert_eq!(o.wallet.recovery_codes_left().unwrap_err(), locked);
    assert_eq!(o.wallet.renew_recovery_codes().map(|c| c.len()).unwrap_err(), locked);
    assert_eq!(o.wallet.begin_authenticator_change("x").map(|_| ()).unwrap_err(), locked);
    assert_eq!(o.wallet.confirm_authenticator_change(&SecretString::from("123456")).unwrap_err(), locked);
}
