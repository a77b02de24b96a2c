//! The data key and its two wrappings.
//!
//! ```text
//! config.wrapped_key = KeyStore.wrap(alias, bundle)
//! bundle  = version (1) ‖ m_kib (4) ‖ t (4) ‖ p (4) ‖ salt (16) ‖ inner
//! inner   = version ‖ nonce ‖ XChaCha20-Poly1305(pin_key, data_key,
//!                                aad = "qujat/data-key-under-pin/v1" ‖ params ‖ salt)
//! pin_key = Argon2id(PIN, salt, params)
//! ```
//! The KDF parameters and salt sit inside what the platform key store wraps, so they are
//! authenticated *before* any PIN is tried: tampering with them is an integrity error, never
//! a "wrong PIN" that would count towards the lockout. Changing the PIN re-wraps only this
//! 32-byte key; no record is re-encrypted.

use crate::auth::KdfParams;
use crate::auth::kdf::SALT_LEN;
use crate::platform::SecureRandom;
use crate::secret::{SecretBytes, SecretVec};

use super::error::VaultError;
use super::seal::{aead_open, aead_seal, framed};

const BUNDLE_V1: u8 = 1;
const HEADER: usize = 1 + 12 + SALT_LEN;

fn aad(params: &KdfParams, salt: &[u8; SALT_LEN]) -> Vec<u8> {
    framed(&[b"qujat/data-key-under-pin/v1", &params.to_bytes(), salt])
}

/// What the platform key store wraps: the KDF settings and the data key under the PIN key.
pub(crate) struct KeyBundle {
    pub params: KdfParams,
    pub salt: [u8; SALT_LEN],
    inner: Vec<u8>,
}

impl KeyBundle {
    /// Wrap `data_key` under `pin_key` (derived with `params` and `salt`).
    pub(crate) fn seal(
        pin_key: &SecretBytes<32>,
        data_key: &SecretBytes<32>,
        params: KdfParams,
        salt: [u8; SALT_LEN],
        rng: &dyn SecureRandom,
    ) -> Result<Self, VaultError> {
        let inner = aead_seal(pin_key, rng, &aad(&params, &salt), data_key.expose_secret())?;
        Ok(Self { params, salt, inner })
    }

    /// The data key, or `None` when the PIN key is wrong.
    pub(crate) fn open(&self, pin_key: &SecretBytes<32>) -> Option<SecretBytes<32>> {
        let plain = aead_open(pin_key, &aad(&self.params, &self.salt), &self.inner)?;
        SecretBytes::from_slice(plain.expose_secret())
    }

    /// The bytes handed to the key store.
    pub(crate) fn to_bytes(&self) -> Vec<u8> {
        let mut v = Vec::with_capacity(HEADER + self.inner.len());
        v.push(BUNDLE_V1);
        v.extend_from_slice(&self.params.to_bytes());
        v.extend_from_slice(&self.salt);
        v.extend_from_slice(&self.inner);
        v
    }

    /// Parse what the key store unwrapped; out-of-bounds parameters are an integrity error.
    pub(crate) fn from_bytes(b: &SecretVec) -> Result<Self, VaultError> {
        let b = b.expose_secret();
        let bad = VaultError::Integrity { table: "config" };
        if b.len() < HEADER || b[0] != BUNDLE_V1 {
            return Err(bad);
        }
        let u = |i: usize| b.get(i..i + 4).and_then(|s| s.try_into().ok()).map(u32::from_be_bytes);
        let (Some(m_kib), Some(t), Some(p)) = (u(1), u(5), u(9)) else { return Err(bad) };
        let params = KdfParams { m_kib, t, p };
        params.validate().map_err(|_| bad.clone())?;
        let salt = b[13..HEADER].try_into().map_err(|_| bad.clone())?;
        Ok(Self { params, salt, inner: b[HEADER..].to_vec() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::SeededRandom;

    #[test]
    fn round_trip_and_wrong_pin_key() {
        let rng = SeededRandom::new(b"dk");
        let dk = SecretBytes::new([5; 32]);
        let pk = SecretBytes::new([6; 32]);
        let p = KdfParams::INSECURE_FOR_TESTS;
        let b = KeyBundle::seal(&pk, &dk, p, [1; 16], &rng).unwrap();
        let again = KeyBundle::from_bytes(&SecretVec::new(b.to_bytes())).unwrap();
        assert_eq!((again.params, again.salt), (p, [1; 16]));
        assert_eq!(again.open(&pk).unwrap(), dk);
        assert!(again.open(&SecretBytes::new([7; 32])).is_none());
    }

    #[test]
    fn params_and_salt_are_bound_to_the_inner_wrapping() {
        let rng = SeededRandom::new(b"dk");
        let pk = SecretBytes::new([6; 32]);
        let b = KeyBundle::seal(&pk, &SecretBytes::new([5; 32]), KdfParams::INSECURE_FOR_TESTS, [1; 16], &rng).unwrap();
        let mut bytes = b.to_bytes();
        bytes[13] ^= 1; // salt
        assert!(KeyBundle::from_bytes(&SecretVec::new(bytes)).unwrap().open(&pk).is_none());
        let mut bytes = b.to_bytes();
        bytes[8] = 2; // t = 2
        assert!(KeyBundle::from_bytes(&SecretVec::new(bytes)).unwrap().open(&pk).is_none());
        let mut bytes = b.to_bytes();
        bytes[1] = 0xff; // m far beyond the bound
        assert_eq!(
            KeyBundle::from_bytes(&SecretVec::new(bytes)).err(),
            Some(VaultError::Integrity { table: "config" })
        );
        assert!(KeyBundle::from_bytes(&SecretVec::new(vec![1; 10])).is_err());
    }
}
