//! What people type or paste where a code is expected, turned into what the core accepts.
//!
//! One source for the apps' code fields (the Android and iOS apps call these through the
//! bindings) and for the core's own parsing ([`super::SecondFactor::parse`],
//! [`super::recovery::normalize`]); the apps' challenge field uses [`authenticator_code`] too:
//!
//! * an authenticator code (RFC 6238, [`CODE_DIGITS`] digits) or a verifier's challenge: the
//!   spaces, dashes and dots apps insert (`123 456`, `123-456`) are dropped, and decimal digits
//!   of other scripts (Arabic-Indic, full-width …, which some keyboards send) become ASCII;
//! * a recovery code (`XXXX-XXXX-XXXX-XXXX`, Crockford base 32): upper-cased, separators
//!   dropped, the look-alikes `O` → `0`, `I`/`L` → `1`, regrouped in fours for display.
//!
//! Classification only picks the call to make; the vault stays the judge of whether a code is
//! right.

use zeroize::Zeroize;

use crate::secret::SecretString;

/// Digits in an authenticator code and in a verifier's challenge.
pub const CODE_DIGITS: usize = super::totp::DIGITS;
/// Characters in a recovery code, without separators.
pub const RECOVERY_CHARS: usize = 16;
/// Characters per group when a recovery code is shown (`XXXX-XXXX-…`).
const GROUP: usize = 4;
/// Crockford's base-32 alphabet (the recovery codes' characters).
pub(crate) const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// What the holder typed in a second-factor field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeKind {
    /// Six digits: an authenticator code ([`authenticator_code`] gives it in ASCII).
    Authenticator,
    /// Sixteen recovery-code characters ([`recovery_code`] gives it grouped).
    Recovery,
    /// Could still become one of the two with more typing.
    Incomplete,
    /// Can be neither.
    Invalid,
}

/// Separators people and apps put inside codes: spaces (also no-break and thin), tab, dot,
/// and the hyphens and dashes keyboards substitute for `-`.
fn is_separator(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t'
            | '-'
            | '.'
            | '\u{00A0}'
            | '\u{2009}'
            | '\u{202F}'
            | '\u{2010}'
            | '\u{2011}'
            | '\u{2012}'
            | '\u{2013}'
            | '\u{2212}'
    )
}

/// The zero of every run of ten decimal digits (Unicode category Nd, Unicode 14). Each run is
/// contiguous, so a digit's value is its distance from its run's zero.
const DIGIT_ZEROS: [u32; 66] = [
    0x0030, 0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6, 0x0D66, 0x0DE6,
    0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90, 0x1B50, 0x1BB0, 0x1C40,
    0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10, 0x104A0, 0x10D30, 0x11066, 0x110F0,
    0x11136, 0x111D0, 0x112F0, 0x11450, 0x114D0, 0x11650, 0x116C0, 0x11730, 0x118E0, 0x11950, 0x11C50, 0x11D50,
    0x11DA0, 0x16A60, 0x16AC0, 0x16B50, 0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E140, 0x1E2F0, 0x1E950,
    0x1FBF0,
];

/// A decimal digit of any script as its ASCII digit; `None` for anything else (also for
/// superscripts, fractions and circled numbers, which are not decimal digits).
fn ascii_digit(c: char) -> Option<char> {
    let cp = u32::from(c);
    DIGIT_ZEROS.iter().find_map(|&zero| {
        let v = cp.checked_sub(zero).filter(|v| *v < 10)?;
        char::from_digit(v, 10)
    })
}

/// The ASCII digits of `input` if it is only digits and separators.
fn digits_only(input: &str) -> Option<String> {
    input.chars().filter(|c| !is_separator(*c)).map(ascii_digit).collect()
}

/// The canonical recovery-code characters of `input` (no separators, any length), or `None`
/// if a character cannot be in a recovery code.
fn recovery_chars(input: &str) -> Option<String> {
    input.chars().filter(|c| !is_separator(*c)).map(recovery_char).collect()
}

fn recovery_char(raw: char) -> Option<char> {
    let c = match raw.to_ascii_uppercase() {
        'O' => '0',
        'I' | 'L' => '1',
        u => ascii_digit(u).unwrap_or(u),
    };
    (c.is_ascii() && CROCKFORD.contains(&(c as u8))).then_some(c)
}

/// `chars` (no separators) in groups of four joined by `-`.
fn group(chars: &str) -> String {
    let mut out = String::with_capacity(chars.len() + chars.len() / GROUP);
    for (i, c) in chars.chars().enumerate() {
        if i > 0 && i % GROUP == 0 {
            out.push('-');
        }
        out.push(c);
    }
    out
}

/// An authenticator code or a challenge as six ASCII digits, or `None` if `input` is not one
/// (yet).
pub fn authenticator_code(input: &str) -> Option<SecretString> {
    digits_only(input).filter(|d| d.len() == CODE_DIGITS).map(SecretString::new)
}

/// What a code field keeps while typing: its digits (as ASCII), at most six; anything else is
/// dropped.
pub fn filter_code_typing(input: &str) -> String {
    input.chars().filter_map(ascii_digit).take(CODE_DIGITS).collect()
}

/// The sixteen canonical characters of a recovery code, without separators, or `None` if
/// `input` is not a whole one. What the vault hashes.
pub fn recovery_code_chars(input: &str) -> Option<SecretString> {
    recovery_chars(input).filter(|c| c.len() == RECOVERY_CHARS).map(SecretString::new)
}

/// The first `chars` characters of the Crockford base-32 encoding of `bytes` (five bits each,
/// most significant first), grouped in fours joined by `-`: how recovery codes and backup codes
/// are written. `bytes` must hold at least `5 * chars` bits. The string is allocated once at
/// its final size, so no copy of the secret is left behind by a reallocation.
pub(crate) fn crockford_grouped(bytes: &[u8], chars: usize) -> SecretString {
    let mut out = String::with_capacity(chars + chars / GROUP);
    let mut acc: u32 = 0;
    let mut bits = 0;
    let mut n = 0;
    for &b in bytes {
        acc = (acc << 8 | u32::from(b)) & 0xffff;
        bits += 8;
        while bits >= 5 && n < chars {
            bits -= 5;
            if n > 0 && n % GROUP == 0 {
                out.push('-');
            }
            out.push(char::from(CROCKFORD[((acc >> bits) & 31) as usize]));
            n += 1;
        }
    }
    acc.zeroize();
    SecretString::new(out)
}

/// A code of `chars` Crockford characters (a backup code) in its canonical grouped form
/// (`XXXX-XXXX-…`), or `None` if `input` is not a whole one. Separators, spaces, letter case and
/// the look-alikes are forgiven exactly as for recovery codes.
pub(crate) fn crockford_code(input: &str, chars: usize) -> Option<SecretString> {
    let mut canonical = recovery_chars(input)?;
    let out = (canonical.len() == chars).then(|| SecretString::new(group(&canonical)));
    canonical.zeroize();
    out
}

/// A recovery code as `XXXX-XXXX-XXXX-XXXX`, or `None` if `input` is not a whole one.
pub fn recovery_code(input: &str) -> Option<SecretString> {
    recovery_code_chars(input).map(|c| SecretString::new(group(c.expose_secret())))
}

/// What a recovery-code field shows while typing: the canonical characters, grouped in fours,
/// at most sixteen; characters that cannot be in a code are dropped.
pub fn format_recovery_typing(input: &str) -> String {
    let chars: String =
        input.chars().filter(|c| !is_separator(*c)).filter_map(recovery_char).take(RECOVERY_CHARS).collect();
    group(&chars)
}

/// Classify what was typed in the unlock screen's second-factor field. A whole recovery code
/// is recognised wherever it is typed, so the holder does not have to find a switch first.
pub fn classify(input: &str) -> CodeKind {
    if let Some(digits) = digits_only(input) {
        return match digits.len() {
            CODE_DIGITS => CodeKind::Authenticator,
            RECOVERY_CHARS => CodeKind::Recovery,
            n if n < CODE_DIGITS => CodeKind::Incomplete,
            // 7–15 digits could still become a recovery code.
            n if n < RECOVERY_CHARS => CodeKind::Incomplete,
            _ => CodeKind::Invalid,
        };
    }
    match recovery_chars(input) {
        Some(c) if c.len() == RECOVERY_CHARS => CodeKind::Recovery,
        Some(c) if c.len() < RECOVERY_CHARS => CodeKind::Incomplete,
        _ => CodeKind::Invalid,
    }
}

#[cfg(test)]
mod tests {
    //! Cases from the apps' former copies (android/logic `CodeEntryTest`), so none is lost.
    use super::*;

    fn code(s: &str) -> Option<String> {
        authenticator_code(s).map(|c| c.expose_secret().to_owned())
    }
    fn recovery(s: &str) -> Option<String> {
        recovery_code(s).map(|c| c.expose_secret().to_owned())
    }

    #[test]
    fn authenticator_codes_as_apps_display_and_keyboards_send_them() {
        for typed in ["123456", "123 456", " 123-456 ", "123\u{00A0}456", "١٢٣٤٥٦", "１２３４５６", "۱۲۳.۴۵۶"]
        {
            assert_eq!(code(typed).as_deref(), Some("123456"), "{typed:?}");
        }
        assert_eq!(code("012345").as_deref(), Some("012345"));
    }

    #[test]
    fn anything_else_is_not_a_code() {
        for typed in ["12345", "1234567", "12345a", "", "12_3456", "12345²", "1234½5", "①23456"] {
            assert_eq!(code(typed), None, "{typed:?}");
        }
    }

    #[test]
    fn the_code_field_keeps_six_digits_while_typing() {
        assert_eq!(filter_code_typing("12 34 56 78"), "123456");
        assert_eq!(filter_code_typing("1a2"), "12");
        assert_eq!(filter_code_typing("١٢٣"), "123");
        assert_eq!(filter_code_typing(""), "");
    }

    #[test]
    fn recovery_codes_are_normalized() {
        assert_eq!(recovery("7K3M-Q9TD-2XWA-HF8R").as_deref(), Some("7K3M-Q9TD-2XWA-HF8R"));
        assert_eq!(recovery("7k3mq9td2xwahf8r").as_deref(), Some("7K3M-Q9TD-2XWA-HF8R"));
        assert_eq!(recovery(" 7k3m q9td 2xwa hf8r ").as_deref(), Some("7K3M-Q9TD-2XWA-HF8R"));
        assert_eq!(recovery("7k3m\u{2013}q9td\u{2013}2xwa\u{2013}hf8r").as_deref(), Some("7K3M-Q9TD-2XWA-HF8R"));
        // look-alikes: O -> 0, I and L -> 1
        assert_eq!(recovery("OIlI-oooo-iiii-2222").as_deref(), Some("0111-0000-1111-2222"));
        assert_eq!(recovery("7K3M-Q9TD-2XWA-HF8"), None); // 15 characters
        assert_eq!(recovery("7K3M-Q9TD-2XWA-HF8U"), None); // U is not Crockford
        assert_eq!(recovery("7K3M-Q9TD-2XWA-HF8R-0"), None);
        assert_eq!(recovery("ЖK3M-Q9TD-2XWA-HF8R"), None);
        assert_eq!(
            recovery_code_chars("7k3m-q9td-2xwa-hf8r").map(|c| c.expose_secret().to_owned()).as_deref(),
            Some("7K3MQ9TD2XWAHF8R")
        );
    }

    #[test]
    fn the_recovery_field_groups_in_fours_while_typing() {
        assert_eq!(format_recovery_typing("7k3mq9"), "7K3M-Q9");
        assert_eq!(format_recovery_typing("7k3m-q9td-2xwa-hf8r-extra"), "7K3M-Q9TD-2XWA-HF8R");
        assert_eq!(format_recovery_typing("7k!3m"), "7K3M");
        assert_eq!(format_recovery_typing("7K3M"), "7K3M");
        assert_eq!(format_recovery_typing(""), "");
    }

    #[test]
    fn the_unlock_field_tells_a_code_from_a_recovery_code() {
        assert_eq!(classify("123 456"), CodeKind::Authenticator);
        assert_eq!(classify("7k3m q9td 2xwa hf8r"), CodeKind::Recovery);
        assert_eq!(classify("1234567890123456"), CodeKind::Recovery);
        assert_eq!(classify("123"), CodeKind::Incomplete);
        assert_eq!(classify(""), CodeKind::Incomplete);
        assert_eq!(classify("1234567"), CodeKind::Incomplete);
        assert_eq!(classify("7K3M-Q9"), CodeKind::Incomplete);
        assert_eq!(classify("hello!"), CodeKind::Invalid);
        assert_eq!(classify("7K3M-Q9TD-2XWA-HF8R-ZZZZ"), CodeKind::Invalid);
        assert_eq!(classify("12345678901234567"), CodeKind::Invalid);
    }

    #[test]
    fn classification_agrees_with_the_normalizers() {
        for typed in ["123 456", "7k3m q9td 2xwa hf8r", "123", "hello", "1234567890123456", "١٢٣٤٥٦"] {
            let kind = classify(typed);
            assert_eq!(kind == CodeKind::Authenticator, authenticator_code(typed).is_some(), "{typed:?}");
            assert_eq!(kind == CodeKind::Recovery, recovery_code(typed).is_some(), "{typed:?}");
        }
    }
}
