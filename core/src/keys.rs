//! Ed25519 keys: the trust anchor's, an issuer's and the holder's.
//!
//! A [`KeyPair`] never prints or serializes its secret; the holder's lives only inside the
//! vault. Public keys are plain data.

use std::fmt;

use curve25519_dalek::{EdwardsPoint, Scalar};
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};

use crate::platform::{RandomError, SecureRandom};
use crate::secret::SecretBytes;

/// Length of an Ed25519 public key.
pub const PUBLIC_KEY_LEN: usize = 32;
/// Length of an Ed25519 signature.
pub const SIGNATURE_LEN: usize = 64;

/// An Ed25519 public key (validated: the canonical encoding of a point of full order: on the
/// curve, in the prime-order subgroup, not of small order).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct PublicKey(VerifyingKey);

/// A byte string is not an acceptable Ed25519 public key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("not a valid Ed25519 public key")]
pub struct InvalidPublicKey;

impl PublicKey {
    /// Parse 32 bytes. Refused (`docs/FORMAT.md` §2.2): a point not on the curve, a
    /// non-canonical encoding (y ≥ p, or a "negative zero" x), a point of small order, and a
    /// point with a torsion component (not in the prime-order subgroup).
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, InvalidPublicKey> {
        let arr: [u8; PUBLIC_KEY_LEN] = bytes.try_into().map_err(|_| InvalidPublicKey)?;
        let vk = VerifyingKey::from_bytes(&arr).map_err(|_| InvalidPublicKey)?;
        let point = vk.to_edwards();
        if vk.is_weak() || !is_torsion_free(&point) || point.compress().to_bytes() != arr {
            return Err(InvalidPublicKey);
        }
        Ok(Self(vk))
    }
    /// The 32-byte encoding.
    pub fn to_bytes(&self) -> [u8; PUBLIC_KEY_LEN] {
        self.0.to_bytes()
    }
    /// Lower-case hex of the encoding.
    pub fn to_hex(&self) -> String {
        hex_encode(&self.to_bytes())
    }
    /// Parse lower- or upper-case hex.
    pub fn from_hex(s: &str) -> Result<Self, InvalidPublicKey> {
        let bytes = hex_decode(s.trim()).ok_or(InvalidPublicKey)?;
        Self::from_bytes(&bytes)
    }
    /// Strict verification (`verify_strict`: no malleable or small-order signatures).
    pub fn verify(&self, message: &[u8], signature: &[u8]) -> bool {
        let Ok(sig) = Signature::from_slice(signature) else {
            return false;
        };
        self.0.verify_strict(message, &sig).is_ok()
    }
}

/// Whether `p` is in the prime-order subgroup: `[ℓ]P = O`, checked as `[ℓ − 1]P = −P` (ℓ − 1 is
/// the canonical scalar −1) with a variable-time multiplication, about a third faster than
/// the constant-time `EdwardsPoint::is_torsion_free`. A public key is public: its timing
/// leaks nothing.
fn is_torsion_free(p: &EdwardsPoint) -> bool {
    EdwardsPoint::vartime_double_scalar_mul_basepoint(&-Scalar::ONE, p, &Scalar::ZERO) == -p
}

impl fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PublicKey({})", self.to_hex())
    }
}

/// An Ed25519 key pair. The secret seed is zeroized on drop and never printed.
pub struct KeyPair {
    signing: SigningKey,
}

impl KeyPair {
    /// A fresh key pair from the given randomness.
    pub fn generate(rng: &dyn SecureRandom) -> Result<Self, RandomError> {
        let seed = SecretBytes::<32>::random(rng)?;
        Ok(Self::from_seed(&seed))
    }
    /// The key pair for a 32-byte seed.
    pub fn from_seed(seed: &SecretBytes<32>) -> Self {
        Self { signing: SigningKey::from_bytes(seed.expose_secret()) }
    }
    /// The seed, for sealing in the vault or writing to a 0600 key file.
    pub fn seed(&self) -> SecretBytes<32> {
        SecretBytes::new(self.signing.to_bytes())
    }
    /// The public half.
    pub fn public(&self) -> PublicKey {
        PublicKey(self.signing.verifying_key())
    }
    /// Sign a message (Ed25519 is deterministic: no randomness needed).
    pub fn sign(&self, message: &[u8]) -> [u8; SIGNATURE_LEN] {
        self.signing.sign(message).to_bytes()
    }
}

impl fmt::Debug for KeyPair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "KeyPair(public: {}, secret: ***)", self.public().to_hex())
    }
}

/// Lower-case hex.
pub fn hex_encode(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(char::from(DIGITS[usize::from(b >> 4)]));
        s.push(char::from(DIGITS[usize::from(b & 15)]));
    }
    s
}

/// Parse hex (either case); `None` for odd length or a non-hex character.
pub fn hex_decode(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) {
        return None;
    }
    fn nibble(c: u8) -> Option<u8> {
        match c {
            b'0'..=b'9' => Some(c - b'0'),
            b'a'..=b'f' => Some(c - b'a' + 10),
            b'A'..=b'F' => Some(c - b'A' + 10),
            _ => None,
        }
    }
    s.as_bytes().chunks(2).map(|p| Some(nibble(p[0])? << 4 | nibble(p[1])?)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::SeededRandom;

    #[test]
    fn sign_verify_and_tamper() {
        let kp = KeyPair::generate(&SeededRandom::new(b"k")).unwrap();
        let sig = kp.sign(b"diploma");
        assert!(kp.public().verify(b"diploma", &sig));
        assert!(!kp.public().verify(b"diplomA", &sig));
        let mut bad = sig;
        bad[3] ^= 1;
        assert!(!kp.public().verify(b"diploma", &bad));
        assert!(!kp.public().verify(b"diploma", &sig[..63]));
    }

    #[test]
    fn hex_round_trip_and_rejects() {
        let kp = KeyPair::generate(&SeededRandom::new(b"k")).unwrap();
        let pk = kp.public();
        assert_eq!(PublicKey::from_hex(&pk.to_hex()).unwrap(), pk);
        assert!(PublicKey::from_hex("abc").is_err());
        assert!(PublicKey::from_hex(&"zz".repeat(32)).is_err());
        // The identity point is small-order: refused.
        let mut ident = [0u8; 32];
        ident[0] = 1;
        assert!(PublicKey::from_bytes(&ident).is_err());
    }

    /// The variable-time check agrees with dalek's constant-time one on keys with and without
    /// each of the eight torsion components, and `from_bytes` refuses every torsioned key.
    #[test]
    fn torsion_check_agrees_with_the_constant_time_one() {
        use curve25519_dalek::constants::{ED25519_BASEPOINT_POINT, EIGHT_TORSION};
        for seed in [b"a".as_slice(), b"b", b"holder", b"issuer"] {
            let key = KeyPair::generate(&SeededRandom::new(seed)).unwrap().public();
            let p = key.0.to_edwards();
            for (i, t) in EIGHT_TORSION.iter().enumerate() {
                let q = p + t;
                assert_eq!(is_torsion_free(&q), i == 0, "{seed:?} + T{i}");
                assert_eq!(is_torsion_free(&q), q.is_torsion_free(), "{seed:?} + T{i}");
                assert_eq!(PublicKey::from_bytes(&q.compress().to_bytes()).is_ok(), i == 0, "{seed:?} + T{i}");
            }
        }
        assert!(is_torsion_free(&ED25519_BASEPOINT_POINT));
        assert!(EIGHT_TORSION.iter().skip(1).all(|t| !is_torsion_free(t)));
    }

    #[test]
    fn debug_hides_the_seed() {
        let kp = KeyPair::from_seed(&SecretBytes::new([7u8; 32]));
        let seed_hex = hex_encode(&[7u8; 32]);
        assert!(!format!("{kp:?}").contains(&seed_hex));
    }
}
