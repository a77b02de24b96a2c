//! The backup code: the passphrase of the age file, shown to the holder once.
//!
//! 140 random bits from the injected RNG, written as 28 Crockford base-32 characters in seven
//! groups of four (`7K3M-Q9TD-2XWA-HF8R-…`), the alphabet and the typing rules of the recovery
//! codes ([`crate::auth::code_entry`]: dashes, spaces, letter case and the look-alikes `O`, `I`,
//! `L` are forgiven). The age passphrase is the canonical grouped form, exactly as printed, so
//! `age -d` opens the file with the code as written down.

use crate::auth::code_entry::{crockford_code, crockford_grouped};
use crate::platform::{RandomError, SecureRandom};
use crate::secret::{SecretBytes, SecretString};

/// Characters in a backup code, without separators (5 bits each: 140 bits ≥ 128).
pub const BACKUP_CODE_CHARS: usize = 28;
/// Random bytes drawn for a code (the first 140 of their 144 bits are used).
const CODE_BYTES: usize = 18;

/// A backup code. Zeroized on drop, never printed by `Debug`.
#[derive(Debug)]
pub struct BackupCode(SecretString);

impl BackupCode {
    /// A fresh code from `rng`.
    pub fn generate(rng: &dyn SecureRandom) -> Result<Self, RandomError> {
        let bytes = SecretBytes::<CODE_BYTES>::random(rng)?;
        Ok(Self(crockford_grouped(bytes.expose_secret(), BACKUP_CODE_CHARS)))
    }

    /// What the holder typed or scanned, in canonical form; `None` if it is not a whole code
    /// (wrong length, or a character no code has).
    pub fn parse(input: &str) -> Option<Self> {
        crockford_code(input, BACKUP_CODE_CHARS).map(Self)
    }

    /// The code as the holder writes it down (`XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX`): the age
    /// passphrase. Show it once; never log it.
    pub fn expose_secret(&self) -> &str {
        self.0.expose_secret()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::SeededRandom;

    #[test]
    fn codes_have_140_bits_in_seven_groups_and_differ() {
        const { assert!(BACKUP_CODE_CHARS * 5 >= 128 && CODE_BYTES * 8 >= BACKUP_CODE_CHARS * 5) };
        let rng = SeededRandom::new(b"backup-code");
        let mut seen = std::collections::HashSet::new();
        for _ in 0..100 {
            let c = BackupCode::generate(&rng).unwrap();
            let s = c.expose_secret();
            assert_eq!(s.len(), 34, "{s}");
            assert!(s.split('-').all(|g| g.len() == 4), "{s}");
            assert!(s.bytes().all(|b| b == b'-' || crate::auth::code_entry::CROCKFORD.contains(&b)));
            assert!(seen.insert(s.to_owned()));
        }
    }

    #[test]
    fn typing_variants_parse_to_the_printed_code() {
        let rng = SeededRandom::new(b"backup-code-2");
        let c = BackupCode::generate(&rng).unwrap();
        let printed = c.expose_secret().to_owned();
        let sloppy = printed.to_lowercase().replace('-', " ").replace('0', "o").replace('1', "l");
        assert_eq!(BackupCode::parse(&sloppy).unwrap().expose_secret(), printed);
        assert_eq!(BackupCode::parse(&printed.replace('-', "")).unwrap().expose_secret(), printed);
        assert!(BackupCode::parse(&printed[..printed.len() - 1]).is_none());
        assert!(BackupCode::parse(&format!("{printed}0")).is_none());
        assert!(BackupCode::parse(&printed.replacen(|ch: char| ch != '-', "U", 1)).is_none());
    }
}
