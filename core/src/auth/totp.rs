//! Time-based one-time codes (RFC 6238) for the second factor.
//!
//! Fixed profile, the one every authenticator app understands: HMAC-SHA1, 6 digits, 30-second
//! steps, a 160-bit secret, issuer "Qujat". A code is accepted for the current step or one step
//! either side, and only if its step is *later* than the last step accepted (which the vault
//! persists inside the sealed TOTP record), so a code can never be used twice, not even after
//! a restart.

use totp_rs::{Algorithm, Builder, Secret, Totp};

use crate::platform::{RandomError, SecureRandom, UnixTime};
use crate::secret::{SecretBytes, SecretString};

/// The issuer shown by authenticator apps.
pub const ISSUER: &str = "Qujat";
/// Digits per code.
pub const DIGITS: usize = 6;
/// Seconds per step.
pub const STEP_SECS: u64 = 30;
/// Secret length in bytes (160 bits, RFC 4226's recommendation).
pub const SECRET_LEN: usize = 20;
/// Steps of clock skew tolerated on either side.
pub const SKEW_STEPS: u16 = 1;
/// The account label used when the app gives none.
pub const DEFAULT_LABEL: &str = "wallet";

/// Why a code was not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeRejection {
    /// Not a valid code for any step in the window.
    Wrong,
    /// Valid, but for a step already used (or older than one used).
    Replayed,
}

/// A problem building the enrolment URI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TotpError {
    /// The account label is empty, too long, or contains `:` or a control character.
    #[error("the account label for the authenticator app is not acceptable")]
    BadLabel,
    /// The URI is not an `otpauth://totp/` URI this module can read.
    #[error("not a usable otpauth URI")]
    BadUri,
    /// The randomness source failed.
    #[error("the random number generator failed")]
    Random,
}

impl From<RandomError> for TotpError {
    fn from(_: RandomError) -> Self {
        Self::Random
    }
}

/// The shared TOTP secret. Zeroized on drop, never printed.
#[derive(Debug, PartialEq, Eq)]
pub struct TotpSecret(SecretBytes<SECRET_LEN>);

impl TotpSecret {
    /// A fresh random secret.
    pub fn generate(rng: &dyn SecureRandom) -> Result<Self, RandomError> {
        Ok(Self(SecretBytes::random(rng)?))
    }

    /// From stored bytes.
    pub fn from_bytes(bytes: &[u8]) -> Option<Self> {
        SecretBytes::from_slice(bytes).map(Self)
    }

    /// The raw secret, for sealing.
    pub(crate) fn expose_secret(&self) -> &[u8; SECRET_LEN] {
        self.0.expose_secret()
    }

    fn totp(&self, label: &str) -> Result<Totp, TotpError> {
        build(self.0.expose_secret(), DIGITS, label)
    }

    /// The `otpauth://totp/Qujat:<label>?secret=…&issuer=Qujat` URI for an authenticator app.
    /// It contains the secret: show it (as a QR code) once and do not log it.
    pub fn otpauth_uri(&self, label: &str) -> Result<SecretString, TotpError> {
        check_label(label)?;
        let uri = self.totp(label)?.to_url().map_err(|_| TotpError::BadLabel)?;
        Ok(SecretString::new(uri))
    }

    /// Check `code` at time `now`. `last_step` is the step last accepted for this secret.
    /// Returns the matched step, which the caller must persist before granting access.
    pub fn verify(&self, code: &str, now: UnixTime, last_step: Option<u64>) -> Result<u64, CodeRejection> {
        let Ok(now) = u64::try_from(now) else {
            return Err(CodeRejection::Wrong);
        };
        let totp = self.totp(DEFAULT_LABEL).map_err(|_| CodeRejection::Wrong)?;
        let step = totp.check(code.trim(), now).ok_or(CodeRejection::Wrong)?;
        match last_step {
            Some(last) if step <= last => Err(CodeRejection::Replayed),
            _ => Ok(step),
        }
    }

    /// The code for time `now` (what the authenticator app would show).
    pub fn code_at(&self, now: UnixTime) -> SecretString {
        let t = u64::try_from(now).unwrap_or(0);
        match self.totp(DEFAULT_LABEL) {
            Ok(totp) => SecretString::new(totp.generate(t).to_string()),
            Err(_) => SecretString::new(String::new()),
        }
    }
}

/// What an authenticator app does with the enrolment URI: the code for `now`.
///
/// The wallet never needs this; the CLI demo and the tests use it to play the holder's second
/// device. Refuses URIs that are not the profile this module issues.
pub fn authenticator_code(otpauth_uri: &str, now: UnixTime) -> Result<SecretString, TotpError> {
    let totp = Totp::from_url(otpauth_uri).map_err(|_| TotpError::BadUri)?;
    if totp.algorithm() != Algorithm::SHA1 || usize::from(totp.digits()) != DIGITS || totp.step() != STEP_SECS {
        return Err(TotpError::BadUri);
    }
    let secret = TotpSecret::from_bytes(totp.secret().as_bytes()).ok_or(TotpError::BadUri)?;
    Ok(secret.code_at(now))
}

/// Six ASCII digits (after trimming spaces).
pub fn looks_like_code(code: &str) -> bool {
    let c = code.trim();
    c.len() == DIGITS && c.bytes().all(|b| b.is_ascii_digit())
}

fn check_label(label: &str) -> Result<(), TotpError> {
    let ok = !label.is_empty() && label.chars().count() <= 64 && !label.chars().any(|c| c == ':' || c.is_control());
    if ok { Ok(()) } else { Err(TotpError::BadLabel) }
}

fn build(secret: &[u8; SECRET_LEN], digits: usize, label: &str) -> Result<Totp, TotpError> {
    let digits = u8::try_from(digits).map_err(|_| TotpError::BadLabel)?;
    Builder::new()
        .with_algorithm(Algorithm::SHA1)
        .with_digits(digits)
        .with_step_duration(STEP_SECS)
        .with_skew(SKEW_STEPS)
        .with_secret(Secret::new_stack(*secret))
        .with_issuer(Some(ISSUER))
        .with_account_name(label)
        .build()
        .map_err(|_| TotpError::BadLabel)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::SeededRandom;

    const RFC_SECRET: &[u8; 20] = b"12345678901234567890";

    /// RFC 6238 Appendix B, SHA-1 rows, read from the data file: `time code8`.
    fn rfc_vectors() -> Vec<(u64, String)> {
        include_str!("testdata/rfc6238_sha1.txt")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .map(|l| {
                let mut it = l.split_whitespace();
                let t = it.next().unwrap().parse().unwrap();
                (t, it.next().unwrap().to_owned())
            })
            .collect()
    }

    #[test]
    fn rfc6238_sha1_vectors_eight_digits() {
        let v = rfc_vectors();
        assert_eq!(v.len(), 6);
        for (t, code) in v {
            let totp = build(RFC_SECRET, 8, DEFAULT_LABEL).unwrap();
            assert_eq!(totp.generate(t).to_string(), code, "t={t}");
        }
    }

    #[test]
    fn rfc6238_sha1_vectors_six_digits_through_our_profile() {
        // Six-digit codes are the low six digits of the eight-digit ones (same truncation).
        let s = TotpSecret::from_bytes(RFC_SECRET).unwrap();
        for (t, code) in rfc_vectors() {
            let now = i64::try_from(t).unwrap();
            assert_eq!(s.code_at(now).expose_secret(), &code[2..], "t={t}");
            assert!(s.verify(&code[2..], now, None).is_ok());
        }
    }

    #[test]
    fn window_is_plus_minus_one_step() {
        let s = TotpSecret::from_bytes(RFC_SECRET).unwrap();
        let now = 1_111_111_111;
        let step = |k: i64| now + k * 30;
        for k in [-1, 0, 1] {
            let code = s.code_at(step(k));
            assert!(s.verify(code.expose_secret(), now, None).is_ok(), "k={k}");
        }
        for k in [-2, 2, -3, 3] {
            let code = s.code_at(step(k));
            assert_eq!(s.verify(code.expose_secret(), now, None), Err(CodeRejection::Wrong), "k={k}");
        }
    }

    #[test]
    fn same_code_twice_is_refused_and_older_steps_too() {
        let s = TotpSecret::from_bytes(RFC_SECRET).unwrap();
        let now = 1_234_567_890;
        let code = s.code_at(now);
        let step = s.verify(code.expose_secret(), now, None).unwrap();
        assert_eq!(step, 1_234_567_890 / 30);
        assert_eq!(s.verify(code.expose_secret(), now, Some(step)), Err(CodeRejection::Replayed));
        // The previous step's code, still inside the window, is also refused now.
        let prev = s.code_at(now - 30);
        assert_eq!(s.verify(prev.expose_secret(), now, Some(step)), Err(CodeRejection::Replayed));
        // The next step's code is fine.
        let next = s.code_at(now + 30);
        assert_eq!(s.verify(next.expose_secret(), now + 30, Some(step)), Ok(step + 1));
    }

    #[test]
    fn malformed_codes_are_wrong_not_panics() {
        let s = TotpSecret::from_bytes(RFC_SECRET).unwrap();
        for bad in ["", "12345", "1234567", "+12345", "abcdef", "１２３４５６", "99999999999"] {
            assert_eq!(s.verify(bad, 59, None), Err(CodeRejection::Wrong), "{bad}");
        }
        assert_eq!(s.verify("287082", -5, None), Err(CodeRejection::Wrong));
    }

    #[test]
    fn uri_has_the_profile_and_round_trips_through_an_authenticator() {
        let s = TotpSecret::generate(&SeededRandom::new(b"totp")).unwrap();
        let uri = s.otpauth_uri("wallet").unwrap();
        let u = uri.expose_secret();
        assert!(u.starts_with("otpauth://totp/Qujat:wallet?"), "{u}");
        assert!(u.contains("issuer=Qujat"));
        // Defaults (SHA1, 6 digits, 30 s) are implied by the Key URI format when absent.
        assert!(!u.contains("algorithm=") || u.contains("algorithm=SHA1"));
        let now = 1_800_000_000;
        let code = authenticator_code(u, now).unwrap();
        assert_eq!(code.expose_secret(), s.code_at(now).expose_secret());
        assert!(s.verify(code.expose_secret(), now, None).is_ok());
    }

    #[test]
    fn labels_are_checked() {
        let s = TotpSecret::generate(&SeededRandom::new(b"totp")).unwrap();
        for bad in ["", "a:b", "line\nbreak", &"x".repeat(65)] {
            assert_eq!(s.otpauth_uri(bad).unwrap_err(), TotpError::BadLabel, "{bad:?}");
        }
        assert!(s.otpauth_uri("Айгерим phone").is_ok());
        assert_eq!(authenticator_code("https://example.org", 0).unwrap_err(), TotpError::BadUri);
    }
}
