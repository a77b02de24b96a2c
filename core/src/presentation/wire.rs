//! The transport layers: `QJ1:` + base45 (RFC 9285) of zlib (RFC 1950) of the COSE bytes.

use std::io::{Read, Write};

use flate2::Compression;

/// The prefix of every presentation string.
pub const PREFIX: &str = "QJ1:";
/// Longest string accepted, in bytes after stripping whitespace (every accepted character is
/// ASCII, so also in characters): the alphanumeric capacity of a version-40 QR code at ECC L.
pub const MAX_TEXT_CHARS: usize = 4296;
/// What a decoder strips from both ends before anything else (`docs/FORMAT.md` §7): HT, LF,
/// VT, FF, CR and space. Nothing else (no Unicode spaces): a valid `QJ1:` string never starts or
/// ends with a space, since no base45 group's last character can be one.
pub const WHITESPACE: &[char] = &['\t', '\n', '\u{b}', '\u{c}', '\r', ' '];
/// Most bytes inflation may produce (zip-bomb guard).
pub const MAX_INFLATED: usize = super::payload::MAX_PRESENTATION_BYTES;

/// Why a scanned string is not a presentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum WireError {
    /// Does not start with `QJ1:` (perhaps another kind of QR code, or a future version).
    #[error("not a Qujat presentation (expected the prefix QJ1:)")]
    Prefix,
    /// Starts with `QJ` and a version this verifier does not know.
    #[error("a Qujat presentation of a newer format version; update the app")]
    UnsupportedVersion,
    /// Longer than any QR code can hold.
    #[error("longer than any QR code can hold")]
    TooLong,
    /// Not valid base45 (a character outside the alphabet, a dangling character, or a group
    /// out of range).
    #[error("damaged: not valid base45")]
    Base45,
    /// Not a valid zlib stream.
    #[error("damaged: not a valid zlib stream")]
    Zlib,
    /// Inflates past the limit.
    #[error("inflates past the size limit")]
    TooLarge,
}

impl WireError {
    /// A short, stable code (see [`crate::verifier::MalformedReason::code`]).
    pub fn code(self) -> &'static str {
        match self {
            WireError::Prefix => "PREFIX",
            WireError::UnsupportedVersion => "UNSUPPORTED_VERSION",
            WireError::TooLong => "TOO_LONG",
            WireError::Base45 => "BASE45",
            WireError::Zlib => "ZLIB",
            WireError::TooLarge => "TOO_LARGE",
        }
    }
}

/// Encode COSE bytes as a `QJ1:` string (zlib at the best compression).
pub fn encode(cose: &[u8]) -> String {
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), Compression::best());
    // Writing into a Vec cannot fail.
    let _ = z.write_all(cose);
    let compressed = z.finish().unwrap_or_default();
    let mut s = String::from(PREFIX);
    s.push_str(&super::base45::encode(&compressed));
    s
}

/// Strip the characters of [`WHITESPACE`] from both ends (a scanner's newline, a pasted space).
pub fn strip(text: &str) -> &str {
    text.trim_matches(WHITESPACE)
}

/// The zlib stream a `QJ1:` string carries (prefix checked, base45 decoded strictly), before
/// inflation. Base45 being strict, `PREFIX + base45(result)` is the stripped text again.
pub fn decode_compressed(text: &str) -> Result<Vec<u8>, WireError> {
    let text = strip(text);
    if text.len() > MAX_TEXT_CHARS {
        return Err(WireError::TooLong);
    }
    let Some(body) = text.strip_prefix(PREFIX) else {
        let b = text.as_bytes();
        if b.len() >= 4 && &b[..2] == b"QJ" && b[2].is_ascii_digit() && b[3] == b':' {
            return Err(WireError::UnsupportedVersion);
        }
        return Err(WireError::Prefix);
    };
    super::base45::decode(body).map_err(|_| WireError::Base45)
}

/// Decode a scanned string into COSE bytes, with every size bounded: strip [`WHITESPACE`],
/// check the length and prefix, base45 (strict), inflate (bounded, no trailing bytes).
pub fn decode(text: &str) -> Result<Vec<u8>, WireError> {
    let compressed = decode_compressed(text)?;
    inflate(&compressed)
}

/// Inflate a zlib stream of at most [`MAX_INFLATED`] bytes with nothing after it.
pub fn inflate(compressed: &[u8]) -> Result<Vec<u8>, WireError> {
    let mut out = Vec::with_capacity(compressed.len() * 2);
    let mut z = flate2::read::ZlibDecoder::new(compressed).take(MAX_INFLATED as u64 + 1);
    z.read_to_end(&mut out).map_err(|_| WireError::Zlib)?;
    if out.len() > MAX_INFLATED {
        return Err(WireError::TooLarge);
    }
    // Trailing garbage after the zlib stream is damage too.
    let consumed = z.into_inner().total_in();
    if usize::try_from(consumed).ok() != Some(compressed.len()) {
        return Err(WireError::Zlib);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_errors() {
        let s = encode(b"hello cose");
        assert!(s.starts_with("QJ1:"));
        assert_eq!(decode(&s).unwrap(), b"hello cose");
        assert_eq!(decode("HC1:ABC"), Err(WireError::Prefix));
        assert_eq!(decode("QJ2:ABC"), Err(WireError::UnsupportedVersion));
        assert_eq!(decode("QJ1:abc"), Err(WireError::Base45));
        assert_eq!(decode("QJ1:000"), Err(WireError::Zlib));
        assert_eq!(decode(&"A".repeat(5000)), Err(WireError::TooLong));
        let mut trailing = s.clone();
        trailing.push_str("00");
        assert!(decode(&trailing).is_err());
        // Whitespace: ASCII only, stripped before the length check.
        assert_eq!(decode(&format!("\r\n\t {s} \n")).unwrap(), b"hello cose");
        assert_eq!(decode(&format!("\u{a0}{s}")), Err(WireError::Prefix));
        assert_eq!(decode(&format!("{s}\u{3000}")), Err(WireError::Base45));
        let padded = format!("{}{s}", " ".repeat(MAX_TEXT_CHARS));
        assert_eq!(decode(&padded).unwrap(), b"hello cose");
    }

    #[test]
    fn zip_bomb_is_refused() {
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), Compression::best());
        z.write_all(&vec![0u8; 1 << 20]).unwrap();
        let s = format!("{PREFIX}{}", super::super::base45::encode(&z.finish().unwrap()));
        assert!(s.len() < MAX_TEXT_CHARS);
        assert_eq!(decode(&s), Err(WireError::TooLarge));
    }
}
