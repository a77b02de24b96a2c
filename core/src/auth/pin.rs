//! PIN policy: at least six digits, and none of the PINs people (and attackers) try first.
//!
//! What is refused, and why:
//! - fewer than [`MIN_PIN_LEN`] digits, or anything but ASCII digits;
//! - a repeated block (`111111`, `121212`, `123123`, `12341234`);
//! - an arithmetic run, wrapping past 9 (`123456`, `654321`, `890123`, `135791`);
//! - a mirror (`123321`, `100001`);
//! - a date: `DDMMYY`, `MMDDYY`, `YYMMDD` (the first six digits of a Kazakh IIN are the
//!   holder's birth date as `YYMMDD`), and with eight digits `DDMMYYYY`, `MMDDYYYY`, `YYYYMMDD`
//!   for years 1900–2099;
//! - a short list of keypad shapes and popular PINs (from published PIN studies).
//!
//! The reason is returned as a [`WeakPinReason`] so the app can explain it; the PIN itself is
//! never part of an error.

/// The shortest PIN accepted.
pub const MIN_PIN_LEN: usize = 6;
/// The longest PIN accepted (longer is allowed by no phone keypad UI we know of).
pub const MAX_PIN_LEN: usize = 16;

/// Why a PIN was refused. Carries no digit of the PIN.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum WeakPinReason {
    /// Fewer digits than the minimum.
    #[error("the PIN must have at least {min} digits")]
    TooShort {
        /// The minimum length.
        min: u8,
    },
    /// More digits than the maximum.
    #[error("the PIN must have at most {max} digits")]
    TooLong {
        /// The maximum length.
        max: u8,
    },
    /// Something other than the digits 0–9.
    #[error("the PIN must consist of digits only")]
    NotDigits,
    /// One digit or one short block repeated.
    #[error("the PIN repeats a digit or a block of digits")]
    Repeated,
    /// A run such as 123456 or 975319.
    #[error("the PIN is a run of digits")]
    Sequence,
    /// Reads the same backwards.
    #[error("the PIN reads the same backwards")]
    Mirror,
    /// Looks like a date (a birth date is easy to learn).
    #[error("the PIN looks like a date")]
    DateLike,
    /// One of the most common PINs or keypad shapes.
    #[error("the PIN is one of the most common PINs")]
    Common,
}

/// Keypad shapes and popular PINs that the structural rules below do not already catch.
const COMMON: &[&str] = &[
    "112233", "223344", "334455", "445566", "556677", "667788", "778899", "998877", "887766", "111222", "222333",
    "112211", "789456", "456123", "321654", "654987", "987456", "123789", "147258", "258369", "369258", "741852",
    "852963", "963852", "147369", "159753", "159357", "357159", "753951", "951753", "753159", "147852", "123654",
    "789654", "321456", "654123", "142536", "102030", "112358", "314159", "271828", "142857", "696969", "520520",
    "521521", "520131", "131420", "201314", "147147", "258258", "369369", "159159", "741963", "963741", "147896",
    "632145", "123698", "852456", "456852", "258456", "114477", "225588", "336699", "115599", "131313", "141414",
    "121314", "141516", "212223", "232425", "808080", "909090", "100200", "123000", "000123", "100000", "200000",
    "999000", "007007", "119119", "911911", "12345679", "11223344", "12344321", "14725836", "15975346", "12369874",
    "19283746",
];

/// Check a PIN against the policy. `Ok(())` means it may be used.
pub fn check_pin_strength(pin: &str) -> Result<(), WeakPinReason> {
    let digits: Vec<u8> = pin.bytes().map(|b| b.wrapping_sub(b'0')).collect();
    if pin.is_empty() || !pin.bytes().all(|b| b.is_ascii_digit()) {
        return Err(WeakPinReason::NotDigits);
    }
    if digits.len() < MIN_PIN_LEN {
        return Err(WeakPinReason::TooShort { min: MIN_PIN_LEN as u8 });
    }
    if digits.len() > MAX_PIN_LEN {
        return Err(WeakPinReason::TooLong { max: MAX_PIN_LEN as u8 });
    }
    if is_repeated_block(&digits) {
        return Err(WeakPinReason::Repeated);
    }
    if is_run(&digits) {
        return Err(WeakPinReason::Sequence);
    }
    if digits.iter().eq(digits.iter().rev()) {
        return Err(WeakPinReason::Mirror);
    }
    if is_date_like(&digits) {
        return Err(WeakPinReason::DateLike);
    }
    if COMMON.contains(&pin) {
        return Err(WeakPinReason::Common);
    }
    Ok(())
}

/// The PIN is one block of at most half its length, repeated (a single digit included).
fn is_repeated_block(d: &[u8]) -> bool {
    (1..=d.len() / 2).any(|k| d.len().is_multiple_of(k) && d.iter().zip(&d[k..]).all(|(a, b)| a == b))
}

/// Every step between neighbours is the same non-zero amount, modulo 10.
fn is_run(d: &[u8]) -> bool {
    let step = |a: u8, b: u8| (10 + b - a) % 10;
    let first = step(d[0], d[1]);
    first != 0 && d.windows(2).all(|w| step(w[0], w[1]) == first)
}

fn num(d: &[u8]) -> u32 {
    d.iter().fold(0, |acc, &x| acc * 10 + u32::from(x))
}

fn is_day_month(day: u32, month: u32) -> bool {
    let max_day = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 => 29,
        _ => return false,
    };
    (1..=max_day).contains(&day)
}

fn is_date_like(d: &[u8]) -> bool {
    match d.len() {
        6 => {
            let (a, b, c) = (num(&d[0..2]), num(&d[2..4]), num(&d[4..6]));
            is_day_month(a, b) || is_day_month(b, a) || is_day_month(c, b)
        }
        8 => {
            let year_last = (1900..=2099).contains(&num(&d[4..8]));
            let year_first = (1900..=2099).contains(&num(&d[0..4]));
            let (a, b) = (num(&d[0..2]), num(&d[2..4]));
            let (m, dd) = (num(&d[4..6]), num(&d[6..8]));
            (year_last && (is_day_month(a, b) || is_day_month(b, a))) || (year_first && is_day_month(dd, m))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_ordinary_pins() {
        for pin in ["583920", "402917", "71946385", "9053174", "8264093517"] {
            assert_eq!(check_pin_strength(pin), Ok(()), "{pin}");
        }
    }

    #[test]
    fn refuses_with_reasons() {
        use WeakPinReason::*;
        let cases = [
            ("12345", TooShort { min: 6 }),
            ("", NotDigits),
            ("12a456", NotDigits),
            ("１２３４５６", NotDigits),
            ("12345678901234567", TooLong { max: 16 }),
            ("000000", Repeated),
            ("777777", Repeated),
            ("121212", Repeated),
            ("123123", Repeated),
            ("12341234", Repeated),
            ("123456", Sequence),
            ("654321", Sequence),
            ("890123", Sequence),
            ("135791", Sequence),
            ("1234567890", Sequence),
            ("123321", Mirror),
            ("100001", Mirror),
            ("140598", DateLike), // DDMMYY
            ("051498", DateLike), // MMDDYY
            ("010514", DateLike), // YYMMDD: the first six digits of an IIN
            ("14051998", DateLike),
            ("19980514", DateLike),
            ("05141998", DateLike),
            ("147258", Common),
            ("963852", Common),
            ("789456", Common),
        ];
        for (pin, reason) in cases {
            assert_eq!(check_pin_strength(pin), Err(reason), "{pin}");
        }
    }

    #[test]
    fn date_rules_use_real_month_lengths() {
        // 31 April does not exist in any reading of these digits (31/04/73, 04/31/?? no).
        assert_eq!(check_pin_strength("310473"), Ok(()));
        // 32nd of anything is not a date.
        assert_eq!(check_pin_strength("321379"), Ok(()));
    }

    #[test]
    fn share_of_six_digit_pins_refused() {
        // Documented in docs/SECURITY.md: most of the refused space is date-like.
        let mut refused = [0u32; 8];
        for n in 0..1_000_000u32 {
            if let Err(r) = check_pin_strength(&format!("{n:06}")) {
                let i = match r {
                    WeakPinReason::Repeated => 0,
                    WeakPinReason::Sequence => 1,
                    WeakPinReason::Mirror => 2,
                    WeakPinReason::DateLike => 3,
                    WeakPinReason::Common => 4,
                    _ => 5,
                };
                refused[i] += 1;
            }
        }
        let total: u32 = refused.iter().sum();
        assert_eq!(refused[..5], EXPECTED_REFUSED, "total {total}");
        assert_eq!(refused[5..], [0, 0, 0]);
        assert_eq!(total, 86_193); // 8.6 %: 913,807 six-digit PINs remain
    }

    /// Repeated, sequence, mirror, date-like, common (of 1,000,000 six-digit PINs).
    const EXPECTED_REFUSED: [u32; 5] = [1_090, 80, 900, 84_069, 54];

    #[test]
    fn reasons_never_contain_the_pin() {
        let err = check_pin_strength("140598").unwrap_err();
        assert!(!err.to_string().contains("140598"));
        assert!(!format!("{err:?}").contains("140598"));
    }
}
