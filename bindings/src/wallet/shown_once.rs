//! Secrets the holder sees once: [`Enrolment`], [`AuthenticatorChange`], [`RecoveryCodes`].
//! Objects, not records, so that no generated `toString` / `description` prints them.

use qujat_core::secret::SecretString;
use qujat_core::vault;

/// What setup hands to the holder **once**: the authenticator URI and the recovery codes.
/// An object, not a record, so that no `toString` prints it; close it as soon as it has been
/// shown (the Rust side zeroizes it on drop). Never log or persist what it returns.
#[derive(uniffi::Object)]
pub struct Enrolment(pub(crate) vault::Enrolment);

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
pub struct AuthenticatorChange(pub(crate) SecretString);

#[uniffi::export]
impl AuthenticatorChange {
    /// The `otpauth://totp/…` URI of the new authenticator (contains its secret).
    pub fn otpauth_uri(&self) -> String {
        self.0.expose_secret().to_owned()
    }
}

/// Fresh recovery codes, shown **once** (close the object once shown).
#[derive(uniffi::Object)]
pub struct RecoveryCodes(pub(crate) Vec<qujat_core::auth::RecoveryCode>);

#[uniffi::export]
impl RecoveryCodes {
    /// The ten codes (`XXXX-XXXX-XXXX-XXXX`); the previous ones no longer work.
    pub fn codes(&self) -> Vec<String> {
        self.0.iter().map(|c| c.expose_secret().to_owned()).collect()
    }
}
