//! The PIN key: Argon2id over the PIN with a random salt stored in the vault.
//!
//! Defaults follow RFC 9106's second recommendation (m = 64 MiB, t = 3, p = 4). The
//! parameters are stored next to the wrapped data key and bound into its associated data, so
//! a tampered parameter set cannot silently weaken the wrapping: it just fails to open.
//! Stored parameters are bounds-checked before use, so a hostile file cannot make the KDF
//! allocate without limit.

use argon2::{Algorithm, Argon2, Params, Version};
use zeroize::Zeroize;

use crate::secret::{SecretBytes, SecretString};

/// Length of the Argon2id salt stored in the vault.
pub const SALT_LEN: usize = 16;

/// Largest memory cost accepted from a vault file (1 GiB, in KiB).
const MAX_M_KIB: u32 = 1 << 20;
/// Largest time cost accepted from a vault file.
const MAX_T: u32 = 64;
/// Largest parallelism accepted from a vault file.
const MAX_P: u32 = 64;

/// Argon2id cost parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KdfParams {
    /// Memory in KiB.
    pub m_kib: u32,
    /// Passes over memory.
    pub t: u32,
    /// Lanes.
    pub p: u32,
}

impl KdfParams {
    /// RFC 9106's second recommended option (also Bitwarden's default): 64 MiB, 3 passes, 4 lanes.
    pub const RECOMMENDED: Self = Self { m_kib: 64 * 1024, t: 3, p: 4 };

    /// 64 KiB, 1 pass, 1 lane: **only for tests**, where the KDF would otherwise dominate.
    pub const INSECURE_FOR_TESTS: Self = Self { m_kib: 64, t: 1, p: 1 };

    /// Refuse parameters Argon2 rejects or that exceed what a phone should ever be asked for.
    pub fn validate(&self) -> Result<(), KdfError> {
        let sane = (1..=MAX_P).contains(&self.p)
            && (1..=MAX_T).contains(&self.t)
            && self.m_kib <= MAX_M_KIB
            && self.m_kib >= 8 * self.p;
        if sane { Ok(()) } else { Err(KdfError::BadParams) }
    }

    /// The 12-byte encoding bound into the wrapped key's associated data.
    pub fn to_bytes(&self) -> [u8; 12] {
        let mut out = [0u8; 12];
        out[0..4].copy_from_slice(&self.m_kib.to_be_bytes());
        out[4..8].copy_from_slice(&self.t.to_be_bytes());
        out[8..12].copy_from_slice(&self.p.to_be_bytes());
        out
    }
}

impl Default for KdfParams {
    fn default() -> Self {
        Self::RECOMMENDED
    }
}

/// The key derivation could not run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum KdfError {
    /// Parameters out of bounds (a damaged or hostile vault file).
    #[error("key derivation parameters out of bounds")]
    BadParams,
    /// Argon2 itself failed (for example, memory could not be allocated).
    #[error("key derivation failed")]
    Failed,
}

/// Derive the 256-bit PIN key.
pub fn derive_pin_key(
    pin: &SecretString,
    salt: &[u8; SALT_LEN],
    params: &KdfParams,
) -> Result<SecretBytes<32>, KdfError> {
    params.validate()?;
    let p = Params::new(params.m_kib, params.t, params.p, Some(32)).map_err(|_| KdfError::BadParams)?;
    let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, p);
    let mut out = [0u8; 32];
    let result = argon.hash_password_into(pin.expose_secret().as_bytes(), salt, &mut out);
    let key = SecretBytes::new(out);
    out.zeroize();
    result.map_err(|_| KdfError::Failed)?;
    Ok(key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::hex_encode;

    #[test]
    fn deterministic_and_salt_and_pin_dependent() {
        let p = KdfParams::INSECURE_FOR_TESTS;
        let pin = SecretString::from("583920");
        let a = derive_pin_key(&pin, &[1; 16], &p).unwrap();
        let b = derive_pin_key(&pin, &[1; 16], &p).unwrap();
        let c = derive_pin_key(&pin, &[2; 16], &p).unwrap();
        let d = derive_pin_key(&SecretString::from("583921"), &[1; 16], &p).unwrap();
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert_ne!(a, d);
    }

    #[test]
    fn matches_a_known_argon2id_output() {
        // Output of the Argon2 reference implementation (see testdata/README.md).
        let out =
            derive_pin_key(&SecretString::from("583920"), b"qujat-test-salt!", &KdfParams { m_kib: 64, t: 1, p: 1 })
                .unwrap();
        let expected = include_str!("testdata/argon2id_m64_t1_p1.hex");
        assert_eq!(hex_encode(out.expose_secret()), expected.trim());
    }

    #[test]
    fn bounds() {
        assert!(KdfParams::RECOMMENDED.validate().is_ok());
        assert!(KdfParams::INSECURE_FOR_TESTS.validate().is_ok());
        for bad in [
            KdfParams { m_kib: 7, t: 1, p: 1 },
            KdfParams { m_kib: 64, t: 0, p: 1 },
            KdfParams { m_kib: 64, t: 1, p: 0 },
            KdfParams { m_kib: 64, t: 1, p: 9 },
            KdfParams { m_kib: u32::MAX, t: 1, p: 1 },
            KdfParams { m_kib: 64, t: 1000, p: 1 },
        ] {
            assert_eq!(bad.validate(), Err(KdfError::BadParams), "{bad:?}");
        }
    }
}
