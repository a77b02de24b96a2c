//! The data key and its inner wrapping under the PIN key.
//!
//! ```text
//! stored = KeyStore.wrap(alias, inner)
//! inner  = version ‖ nonce ‖ XChaCha20-Poly1305(pin_key, data_key, aad = "qujat/data-key-under-pin/v1" ‖ kdf params ‖ salt)
//! pin_key = Argon2id(PIN, salt, kdf params)
//! ```
//! Changing the PIN re-wraps only this 32-byte key; no record is re-encrypted.

use crate::auth::KdfParams;
use crate::auth::kdf::SALT_LEN;
use crate::platform::SecureRandom;
use crate::secret::SecretBytes;

use super::error::VaultError;
use super::seal::{aead_open, aead_seal, framed};

fn aad(params: &KdfParams, salt: &[u8; SALT_LEN]) -> Vec<u8> {
    framed(&[b"qujat/data-key-under-pin/v1", &params.to_bytes(), salt])
}

/// Encrypt the data key under the PIN key.
pub(crate) fn wrap_under_pin(
    pin_key: &SecretBytes<32>,
    data_key: &SecretBytes<32>,
    params: &KdfParams,
    salt: &[u8; SALT_LEN],
    rng: &dyn SecureRandom,
) -> Result<Vec<u8>, VaultError> {
    aead_seal(pin_key, rng, &aad(params, salt), data_key.expose_secret())
}

/// Decrypt the data key; `None` means the PIN was wrong.
pub(crate) fn unwrap_under_pin(
    pin_key: &SecretBytes<32>,
    params: &KdfParams,
    salt: &[u8; SALT_LEN],
    inner: &[u8],
) -> Option<SecretBytes<32>> {
    let plain = aead_open(pin_key, &aad(params, salt), inner)?;
    SecretBytes::from_slice(plain.expose_secret())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::SeededRandom;

    #[test]
    fn wrong_pin_key_params_or_salt_do_not_open() {
        let rng = SeededRandom::new(b"dk");
        let dk = SecretBytes::new([5; 32]);
        let pk = SecretBytes::new([6; 32]);
        let p = KdfParams::INSECURE_FOR_TESTS;
        let w = wrap_under_pin(&pk, &dk, &p, &[1; 16], &rng).unwrap();
        assert_eq!(unwrap_under_pin(&pk, &p, &[1; 16], &w).unwrap(), dk);
        assert!(unwrap_under_pin(&SecretBytes::new([7; 32]), &p, &[1; 16], &w).is_none());
        assert!(unwrap_under_pin(&pk, &p, &[2; 16], &w).is_none());
        let q = KdfParams { t: 2, ..p };
        assert!(unwrap_under_pin(&pk, &q, &[1; 16], &w).is_none());
    }
}
