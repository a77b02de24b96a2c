//! One-time recovery codes: 80 random bits each, written as four groups of four Crockford
//! base-32 characters (`7K3M-Q9TD-2XWA-HF8R`), which survive being read aloud or copied by
//! hand (no `I`, `L`, `O`, `U`; typing `o`, `i` or `l` still works).
//!
//! The vault keeps only a salted SHA-256 of each code (inside a sealed record); a code that
//! unlocks the vault is deleted in the same transaction.

use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::platform::{RandomError, SecureRandom, random_array};
use crate::secret::{SecretBytes, SecretString};

/// How many codes are issued at enrolment.
pub const COUNT: usize = 10;
/// Random bytes per code (80 bits).
const CODE_BYTES: usize = 10;
/// Characters per code, without separators.
const CODE_CHARS: usize = super::code_entry::RECOVERY_CHARS;
/// Salt length.
pub const SALT_LEN: usize = 16;
const DOMAIN: &[u8] = b"qujat/recovery-code/v1";

/// A recovery code as shown to the holder once. Zeroized on drop, never printed by `Debug`.
#[derive(Debug)]
pub struct RecoveryCode(SecretString);

impl RecoveryCode {
    /// A fresh code.
    pub fn generate(rng: &dyn SecureRandom) -> Result<Self, RandomError> {
        let bytes = SecretBytes::<CODE_BYTES>::random(rng)?;
        Ok(Self(super::code_entry::crockford_grouped(bytes.expose_secret(), CODE_CHARS)))
    }

    /// The code as the holder should write it down (`XXXX-XXXX-XXXX-XXXX`).
    pub fn expose_secret(&self) -> &str {
        self.0.expose_secret()
    }

    /// A copy as a plain secret string (for example to pass to `SecondFactor::Recovery`).
    pub fn to_secret_string(&self) -> SecretString {
        SecretString::new(self.0.expose_secret().to_owned())
    }
}

/// The canonical form of what was typed: upper case, separators and spaces removed, the
/// look-alikes `O`→`0`, `I`/`L`→`1`, digits of other scripts as ASCII. `None` if it cannot be
/// a code. The rule is [`super::code_entry`]'s, which the apps' fields use too.
pub fn normalize(input: &str) -> Option<SecretString> {
    super::code_entry::recovery_code_chars(input)
}

/// A salted hash of one code, as stored (sealed) in the vault.
pub struct StoredCode {
    salt: [u8; SALT_LEN],
    hash: [u8; 32],
}

impl StoredCode {
    /// Hash a code (already shown to the holder) under a fresh salt.
    pub fn new(code: &RecoveryCode, rng: &dyn SecureRandom) -> Result<Self, RandomError> {
        let salt = random_array::<SALT_LEN>(rng)?;
        let normalized = normalize(code.expose_secret()).unwrap_or_else(|| SecretString::new(String::new()));
        Ok(Self { salt, hash: digest(&salt, &normalized) })
    }

    /// Does `normalized` (see [`normalize`]) match? Constant time in the hash comparison.
    pub fn matches(&self, normalized: &SecretString) -> bool {
        digest(&self.salt, normalized).ct_eq(&self.hash).into()
    }

    /// The stored form: salt then hash.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut v = Vec::with_capacity(SALT_LEN + 32);
        v.extend_from_slice(&self.salt);
        v.extend_from_slice(&self.hash);
        v
    }

    /// Parse the stored form.
    pub fn from_bytes(b: &[u8]) -> Option<Self> {
        if b.len() != SALT_LEN + 32 {
            return None;
        }
        Some(Self { salt: b[..SALT_LEN].try_into().ok()?, hash: b[SALT_LEN..].try_into().ok()? })
    }
}

fn digest(salt: &[u8; SALT_LEN], normalized: &SecretString) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(DOMAIN);
    h.update(salt);
    h.update(normalized.expose_secret().as_bytes());
    h.finalize().into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::code_entry::CROCKFORD as ALPHABET;
    use crate::platform::SeededRandom;

    #[test]
    fn format_and_entropy() {
        let rng = SeededRandom::new(b"rc");
        let mut seen = std::collections::HashSet::new();
        for _ in 0..200 {
            let c = RecoveryCode::generate(&rng).unwrap();
            let s = c.expose_secret();
            assert_eq!(s.len(), 19, "{s}");
            assert_eq!(s.matches('-').count(), 3);
            assert!(s.split('-').all(|g| g.len() == 4));
            assert!(s.bytes().all(|b| b == b'-' || ALPHABET.contains(&b)));
            assert!(seen.insert(s.to_owned()));
        }
        // 16 symbols of 5 bits = 80 bits >= 64.
        const { assert!(CODE_CHARS * 5 >= 64) };
    }

    #[test]
    fn typing_variants_normalize_to_the_same_code() {
        let n = normalize("7k3m-q9td-2xwa-hf8r").unwrap();
        assert_eq!(n.expose_secret(), "7K3MQ9TD2XWAHF8R");
        let m = normalize("7K3M Q9TD 2XWA HF8R").unwrap();
        assert_eq!(m.expose_secret(), n.expose_secret());
        assert_eq!(normalize("oIlO-0000-0000-0000").unwrap().expose_secret(), "0110000000000000");
        assert!(normalize("7K3M-Q9TD-2XWA").is_none());
        assert!(normalize("7K3M-Q9TD-2XWA-HF8U").is_none()); // U is not in the alphabet
        assert!(normalize("ЖK3M-Q9TD-2XWA-HF8R").is_none());
    }

    #[test]
    fn stored_hash_matches_only_its_code_and_round_trips() {
        let rng = SeededRandom::new(b"rc2");
        let a = RecoveryCode::generate(&rng).unwrap();
        let b = RecoveryCode::generate(&rng).unwrap();
        let stored = StoredCode::new(&a, &rng).unwrap();
        let again = StoredCode::from_bytes(&stored.to_bytes()).unwrap();
        assert!(again.matches(&normalize(a.expose_secret()).unwrap()));
        assert!(!again.matches(&normalize(b.expose_secret()).unwrap()));
        // Same code, different salt: different stored bytes.
        let other = StoredCode::new(&a, &rng).unwrap();
        assert_ne!(other.to_bytes(), stored.to_bytes());
        assert!(StoredCode::from_bytes(&[0; 47]).is_none());
    }
}
