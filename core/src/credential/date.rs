//! Calendar dates (proleptic Gregorian), encoded on the wire as days since 1970-01-01.

use std::fmt;

/// The earliest day any field may name: 1900-01-01 (25,567 days before 1970-01-01), the first day
/// [`Date::new`] accepts.
pub const MIN_DAY: i64 = -25_567;
/// The latest day any field may name: 2200-12-31 (84,370 days after 1970-01-01), the last day
/// [`Date::new`] accepts.
pub const MAX_DAY: i64 = 84_370;

/// True if a time in Unix seconds falls on a day of the window [`MIN_DAY`]..=[`MAX_DAY`]
/// (`docs/FORMAT.md` §2.1: every time field, in seconds or days, is refused outside it).
pub fn time_in_window(t: i64) -> bool {
    (MIN_DAY..=MAX_DAY).contains(&t.div_euclid(86_400))
}

/// A calendar date without time zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

impl Date {
    /// A valid date, or `None` (month 13, 30 February, years outside 1900..=2200).
    pub fn new(year: i32, month: u8, day: u8) -> Option<Self> {
        if !(1900..=2200).contains(&year) || !(1..=12).contains(&month) || day == 0 {
            return None;
        }
        (day <= days_in_month(year, month)).then_some(Self { year, month, day })
    }

    /// Parse ISO 8601 `YYYY-MM-DD`, strictly (no time, no other separators).
    pub fn parse_iso(s: &str) -> Option<Self> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let num = |r: std::ops::Range<usize>| -> Option<u32> {
            let part = s.get(r)?;
            if !part.bytes().all(|c| c.is_ascii_digit()) {
                return None;
            }
            part.parse().ok()
        };
        let year = i32::try_from(num(0..4)?).ok()?;
        let month = u8::try_from(num(5..7)?).ok()?;
        let day = u8::try_from(num(8..10)?).ok()?;
        Self::new(year, month, day)
    }

    /// Year.
    pub fn year(&self) -> i32 {
        self.year
    }
    /// Month, 1..=12.
    pub fn month(&self) -> u8 {
        self.month
    }
    /// Day of month, 1..=31.
    pub fn day(&self) -> u8 {
        self.day
    }

    /// Days since 1970-01-01 (negative before). Howard Hinnant's `days_from_civil`.
    pub fn to_days(&self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01, if within the accepted range
    /// ([`MIN_DAY`]..=[`MAX_DAY`]).
    pub fn from_days(days: i64) -> Option<Self> {
        if !(MIN_DAY..=MAX_DAY).contains(&days) {
            return None;
        }
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Self::new(i32::try_from(year).ok()?, u8::try_from(month).ok()?, u8::try_from(day).ok()?)
    }

    /// The date of a Unix time (UTC).
    pub fn from_unix(t: i64) -> Option<Self> {
        Self::from_days(t.div_euclid(86_400))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_time_window_is_the_date_window_in_seconds() {
        assert!(time_in_window(MIN_DAY * 86_400));
        assert!(!time_in_window(MIN_DAY * 86_400 - 1));
        assert!(time_in_window((MAX_DAY + 1) * 86_400 - 1));
        assert!(!time_in_window((MAX_DAY + 1) * 86_400));
        assert!(!time_in_window(i64::MIN) && !time_in_window(i64::MAX));
        assert_eq!(Date::from_days(MIN_DAY).map(|d| d.to_string()), Some("1900-01-01".into()));
        assert_eq!(Date::from_days(MAX_DAY).map(|d| d.to_string()), Some("2200-12-31".into()));
    }
    use proptest::prelude::*;

    #[test]
    fn known_days() {
        assert_eq!(Date::parse_iso("1970-01-01").unwrap().to_days(), 0);
        assert_eq!(Date::parse_iso("2023-06-28").unwrap().to_days(), 19_536);
        assert_eq!(Date::parse_iso("1969-12-31").unwrap().to_days(), -1);
        assert_eq!(Date::parse_iso("2000-03-01").unwrap().to_days(), 11_017);
    }

    #[test]
    fn rejects_bad_dates() {
        for s in [
            "2023-02-29",
            "2023-13-01",
            "2023-00-10",
            "2023-6-28",
            "20230628",
            "2023-06-28T00",
            "1899-12-31",
            "+023-01-01",
            "2024-04-31",
        ] {
            assert!(Date::parse_iso(s).is_none(), "{s}");
        }
        assert!(Date::parse_iso("2024-02-29").is_some());
    }

    proptest! {
        #[test]
        fn days_round_trip(days in -25_000i64..80_000) {
            let d = Date::from_days(days).unwrap();
            prop_assert_eq!(d.to_days(), days);
            prop_assert_eq!(Date::parse_iso(&d.to_string()), Some(d));
        }
    }
}
