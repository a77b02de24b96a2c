//! The verifier's 6-digit challenge, binding a presentation to one meeting.

use std::fmt;

use crate::platform::{RandomError, SecureRandom};

/// A 6-digit challenge (000000–999999), shown by the verifier and typed by the holder.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Challenge(u32);

impl Challenge {
    /// From a number below 1,000,000.
    pub fn new(n: u32) -> Option<Self> {
        (n < 1_000_000).then_some(Self(n))
    }
    /// Parse exactly six ASCII digits (spaces inside are ignored: "123 456").
    pub fn parse(s: &str) -> Option<Self> {
        let digits: String = s.chars().filter(|c| *c != ' ').collect();
        if digits.len() != 6 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        Self::new(digits.parse().ok()?)
    }
    /// A uniformly random challenge (rejection sampling, no modulo bias).
    pub fn random(rng: &dyn SecureRandom) -> Result<Self, RandomError> {
        loop {
            let mut b = [0u8; 4];
            rng.fill(&mut b)?;
            let n = u32::from_le_bytes(b) & 0x000f_ffff; // 0..1_048_575
            if n < 1_000_000 {
                return Ok(Self(n));
            }
        }
    }
    /// The number.
    pub fn value(self) -> u32 {
        self.0
    }
}

impl fmt::Display for Challenge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:06}", self.0)
    }
}

impl fmt::Debug for Challenge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Challenge({:06})", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::SeededRandom;

    #[test]
    fn parse_and_display() {
        assert_eq!(Challenge::parse("004217").unwrap().to_string(), "004217");
        assert_eq!(Challenge::parse("004 217").unwrap().value(), 4217);
        for bad in ["", "12345", "1234567", "12a456", "-12345", "１２３４５６"] {
            assert!(Challenge::parse(bad).is_none(), "{bad}");
        }
        assert!(Challenge::new(1_000_000).is_none());
    }

    #[test]
    fn random_is_in_range() {
        let rng = SeededRandom::new(b"ch");
        for _ in 0..1000 {
            assert!(Challenge::random(&rng).unwrap().value() < 1_000_000);
        }
    }
}
