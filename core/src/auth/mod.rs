//! The gate in front of the vault: PIN policy, Argon2id key derivation, TOTP, recovery codes,
//! and the lockout policy.
//!
//! Everything here is pure logic over injected time and randomness; persistence (the failure
//! counter, the last accepted TOTP step, the sealed secrets) lives in [`crate::vault`], which
//! calls into these modules in the order the gate requires (count the attempt, commit, then
//! run the KDF).

pub mod code_entry;
pub mod kdf;
pub mod lockout;
pub mod pin;
pub mod recovery;
pub mod totp;

use crate::secret::SecretString;

pub use code_entry::CodeKind;
pub use kdf::KdfParams;
pub use lockout::{AtMaxFailures, LockoutPolicy};
pub use pin::{WeakPinReason, check_pin_strength};
pub use recovery::RecoveryCode;

/// The second factor presented with the PIN.
#[derive(Debug)]
pub enum SecondFactor {
    /// A 6-digit code from the authenticator app (RFC 6238).
    Totp(SecretString),
    /// One of the printed recovery codes; it is spent when accepted.
    Recovery(SecretString),
}

impl SecondFactor {
    /// Guess the kind from what the person typed ([`code_entry::classify`]): six digits
    /// (separators ignored, any script's digits) are a TOTP code, in ASCII; anything else is
    /// treated as a recovery code, which the vault normalizes or refuses as malformed.
    pub fn parse(input: &str) -> Self {
        match code_entry::authenticator_code(input) {
            Some(code) => Self::Totp(code),
            None => Self::Recovery(SecretString::new(input.trim().to_owned())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_tells_codes_apart() {
        assert!(matches!(SecondFactor::parse("123 456"), SecondFactor::Totp(_)));
        assert!(matches!(SecondFactor::parse("ABCD-EFGH-JKMN-PQRS"), SecondFactor::Recovery(_)));
        assert!(matches!(SecondFactor::parse("12345"), SecondFactor::Recovery(_)));
        match SecondFactor::parse(" ١٢٣-٤٥٦ ") {
            SecondFactor::Totp(code) => assert_eq!(code.expose_secret(), "123456"),
            SecondFactor::Recovery(_) => panic!("six digits are an authenticator code"),
        }
    }
}
