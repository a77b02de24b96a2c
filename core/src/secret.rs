//! Secret newtypes: zeroized on drop, compared in constant time, never printed.

use std::fmt;

use subtle::ConstantTimeEq;
use zeroize::{Zeroize, ZeroizeOnDrop};

use crate::platform::{RandomError, SecureRandom};

/// `N` secret bytes (a seed, a data key, a salt that must stay hidden).
#[derive(Zeroize, ZeroizeOnDrop)]
pub struct SecretBytes<const N: usize>([u8; N]);

impl<const N: usize> SecretBytes<N> {
    /// Wrap bytes; the caller should zeroize its own copy.
    pub fn new(bytes: [u8; N]) -> Self {
        Self(bytes)
    }
    /// Fresh random secret bytes.
    pub fn random(rng: &dyn SecureRandom) -> Result<Self, RandomError> {
        let mut s = Self([0u8; N]);
        rng.fill(&mut s.0)?;
        Ok(s)
    }
    /// Copy from a slice of exactly `N` bytes.
    pub fn from_slice(bytes: &[u8]) -> Option<Self> {
        let arr: [u8; N] = bytes.try_into().ok()?;
        Some(Self(arr))
    }
    /// The secret itself. Keep the uses of this few and obvious.
    pub fn expose_secret(&self) -> &[u8; N] {
        &self.0
    }
    /// An explicit copy (secrets are not `Clone` by accident).
    pub fn duplicate(&self) -> Self {
        Self(self.0)
    }
}

impl<const N: usize> PartialEq for SecretBytes<N> {
    fn eq(&self, other: &Self) -> bool {
        self.0.ct_eq(&other.0).into()
    }
}
impl<const N: usize> Eq for SecretBytes<N> {}

impl<const N: usize> fmt::Debug for SecretBytes<N> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SecretBytes<{N}>(***)")
    }
}

/// A secret of variable length (a PIN, a TOTP secret, a decrypted record).
#[derive(Zeroize, ZeroizeOnDrop, Default)]
pub struct SecretVec(Vec<u8>);

impl SecretVec {
    /// Wrap bytes; they are zeroized when this value drops.
    pub fn new(bytes: Vec<u8>) -> Self {
        Self(bytes)
    }
    /// The secret itself. Keep the uses of this few and obvious.
    pub fn expose_secret(&self) -> &[u8] {
        &self.0
    }
    /// Length in bytes (not secret).
    pub fn len(&self) -> usize {
        self.0.len()
    }
    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    /// Drop the first `n` bytes (all of them if there are fewer), in place: the bytes left
    /// behind in the spare capacity are zeroized with the rest when this value drops.
    pub fn remove_prefix(&mut self, n: usize) {
        self.0.drain(..n.min(self.0.len()));
    }
}

impl From<Vec<u8>> for SecretVec {
    fn from(v: Vec<u8>) -> Self {
        Self(v)
    }
}

impl PartialEq for SecretVec {
    fn eq(&self, other: &Self) -> bool {
        self.0.ct_eq(&other.0).into()
    }
}
impl Eq for SecretVec {}

impl fmt::Debug for SecretVec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SecretVec(*** {} bytes)", self.0.len())
    }
}

/// A secret string typed by a person (PIN, recovery code).
#[derive(Zeroize, ZeroizeOnDrop)]
pub struct SecretString(String);

impl SecretString {
    /// Wrap a string; it is zeroized when this value drops.
    pub fn new(s: String) -> Self {
        Self(s)
    }
    /// The secret itself. Keep the uses of this few and obvious.
    pub fn expose_secret(&self) -> &str {
        &self.0
    }
}

impl From<&str> for SecretString {
    fn from(s: &str) -> Self {
        Self(s.to_owned())
    }
}

impl fmt::Debug for SecretString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretString(***)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remove_prefix_keeps_the_rest() {
        let mut v = SecretVec::new(b"0123456789".to_vec());
        v.remove_prefix(4);
        assert_eq!(v.expose_secret(), b"456789");
        v.remove_prefix(100);
        assert!(v.is_empty());
    }

    #[test]
    fn debug_never_shows_the_secret() {
        let s = SecretBytes::new([0x41u8; 4]);
        assert!(!format!("{s:?}").contains("65"));
        let p = SecretString::from("123456");
        assert!(!format!("{p:?}").contains("123456"));
        let v = SecretVec::new(b"hello".to_vec());
        assert!(!format!("{v:?}").contains("hello"));
    }

    #[test]
    fn equality_compares_contents() {
        assert_eq!(SecretBytes::new([1u8; 8]), SecretBytes::new([1u8; 8]));
        assert_ne!(SecretBytes::new([1u8; 8]), SecretBytes::new([2u8; 8]));
    }
}
