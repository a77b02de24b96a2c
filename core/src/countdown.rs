//! Remaining time on a screen: a QR code's lifetime, a lockout's wait. Pure arithmetic over
//! times the caller reads from its injected clock.

use crate::platform::UnixTime;

/// Whole seconds from `now` until `until`, never negative.
pub fn seconds_left(until: UnixTime, now: UnixTime) -> i64 {
    until.saturating_sub(now).max(0)
}

/// `m:ss` below an hour, `h:mm:ss` from an hour on (a lockout can last hours); negative
/// values show as `0:00`.
pub fn format_countdown(seconds: i64) -> String {
    let s = seconds.max(0);
    let (h, m, sec) = (s / 3600, s / 60 % 60, s % 60);
    if h > 0 { format!("{h}:{m:02}:{sec:02}") } else { format!("{m}:{sec:02}") }
}

/// The share of `total` still left, 0–1, for a progress ring (0 when `total` is not positive).
pub fn fraction_left(seconds_left: i64, total: i64) -> f64 {
    if total <= 0 {
        return 0.0;
    }
    #[allow(clippy::cast_precision_loss)] // seconds: far below 2^52
    let f = seconds_left as f64 / total as f64;
    f.clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seconds_left_never_goes_negative() {
        assert_eq!(seconds_left(100, 40), 60);
        assert_eq!(seconds_left(100, 140), 0);
        assert_eq!(seconds_left(i64::MIN, i64::MAX), 0);
        assert_eq!(seconds_left(i64::MAX, i64::MIN), i64::MAX);
    }

    #[test]
    fn minutes_below_an_hour_hours_above() {
        assert_eq!(format_countdown(0), "0:00");
        assert_eq!(format_countdown(5), "0:05");
        assert_eq!(format_countdown(65), "1:05");
        assert_eq!(format_countdown(3599), "59:59");
        assert_eq!(format_countdown(3600), "1:00:00");
        assert_eq!(format_countdown(3 * 3600 + 61), "3:01:01");
        assert_eq!(format_countdown(-9), "0:00");
    }

    #[test]
    fn fraction_is_clamped() {
        assert!((fraction_left(30, 120) - 0.25).abs() < 1e-9);
        assert!((fraction_left(200, 120) - 1.0).abs() < 1e-9);
        assert!(fraction_left(-1, 120).abs() < 1e-9);
        assert!(fraction_left(5, 0).abs() < 1e-9);
    }
}
