//! The numbers both apps' screens follow, from where the core keeps them: PIN length bounds,
//! a presentation's default lifetime, when the QR screen warns that its code is ending, how long
//! the verifier ignores the code it just checked, how often the QR screen refreshes by itself,
//! a PDF's validity bounds, and what a scanned text must start with to be
//! sent to the verifier at all.

use crate::auth::pin::{MAX_PIN_LEN, MIN_PIN_LEN};
use crate::presentation::wire::{PREFIX, WHITESPACE};
use crate::presentation::{DEFAULT_DOCUMENT_DAYS, DEFAULT_TTL_SECS, MAX_DOCUMENT_DAYS};

/// The last seconds of a QR code's lifetime, in which the holder's screen warns that it ends.
pub const ENDING_SOON_SECS: i64 = 15;
/// After "scan again", the code just checked is ignored this long: the holder's phone is
/// usually still in front of the camera, and a second check with the same challenge would say
/// `CHALLENGE_REUSED`.
pub const RESCAN_QUIET_SECS: i64 = 10;
/// How many times in a row the holder's QR screen makes a new code by itself before the
/// holder must tap: every presentation is logged and signed, so a phone left on the table does
/// not keep minting codes.
pub const MAX_AUTO_REFRESHES: u32 = 4;

/// The numbers a screen needs, in one place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScreenLimits {
    /// Shortest PIN the wallet accepts (also: below this an unlock attempt is not sent).
    pub pin_min_len: u32,
    /// Longest PIN the wallet accepts.
    pub pin_max_len: u32,
    /// A presentation's lifetime unless the holder asks otherwise, seconds.
    pub presentation_ttl_secs: u32,
    /// See [`ENDING_SOON_SECS`].
    pub ending_soon_secs: i64,
    /// See [`RESCAN_QUIET_SECS`].
    pub rescan_quiet_secs: i64,
    /// See [`MAX_AUTO_REFRESHES`].
    pub max_auto_refreshes: u32,
    /// A document presentation's (PDF's) validity unless the holder asks otherwise, days.
    pub document_days_default: u32,
    /// The longest validity a document presentation may have, days (the shortest is 1).
    pub document_days_max: u32,
}

/// The numbers a screen needs.
pub fn screen_limits() -> ScreenLimits {
    #[allow(clippy::cast_possible_truncation)] // 6 and 16
    ScreenLimits {
        pin_min_len: MIN_PIN_LEN as u32,
        pin_max_len: MAX_PIN_LEN as u32,
        presentation_ttl_secs: DEFAULT_TTL_SECS,
        ending_soon_secs: ENDING_SOON_SECS,
        rescan_quiet_secs: RESCAN_QUIET_SECS,
        max_auto_refreshes: MAX_AUTO_REFRESHES,
        document_days_default: DEFAULT_DOCUMENT_DAYS,
        document_days_max: MAX_DOCUMENT_DAYS,
    }
}

/// True if a scanned text is worth sending to the verifier: it starts with the presentation
/// prefix (`QJ1:`) after the whitespace the wire format ignores. Anything else (a poster's QR
/// in the background) is not a Qujat code and must not flash a verdict.
pub fn looks_like_presentation(text: &str) -> bool {
    text.trim_matches(WHITESPACE).starts_with(PREFIX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_numbers_are_the_cores() {
        let l = screen_limits();
        assert_eq!((l.pin_min_len, l.pin_max_len), (6, 16));
        assert_eq!(l.presentation_ttl_secs, 120);
        assert!(0 < l.ending_soon_secs && l.ending_soon_secs < i64::from(l.presentation_ttl_secs));
        assert_eq!(l.rescan_quiet_secs, 10);
        assert_eq!(l.max_auto_refreshes, 4);
        assert_eq!((l.document_days_default, l.document_days_max), (30, 90));
    }

    #[test]
    fn only_presentations_go_to_the_verifier() {
        assert!(looks_like_presentation("QJ1:ABC"));
        assert!(looks_like_presentation(" \nQJ1:ABC\r\n"));
        assert!(!looks_like_presentation("https://example.org/menu"));
        assert!(!looks_like_presentation("qj1:ABC"));
        assert!(!looks_like_presentation("QJ2:ABC"));
        assert!(!looks_like_presentation(""));
    }
}
