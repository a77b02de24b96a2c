//! A public key as it is shipped or handed over: the text file `qujat issuer keygen` and
//! `qujat demo --out` write (a header line starting `QUJAT`, then 64 hex digits), bare hex, or
//! the raw 32 bytes; and the grouped hex a person reads aloud to compare keys.
//!
//! One parser for the apps' shipped trust anchor (Android, iOS) and the CLI's key arguments.

use crate::keys::{PUBLIC_KEY_LEN, PublicKey, hex_encode};

/// Largest key file read, in bytes: a header, 64 hex digits and line ends fit many times over.
pub const MAX_KEY_FILE_BYTES: usize = 1024;

/// The key in a public-key file, bare hex or raw 32 bytes; `None` if `bytes` is none of these
/// or not a valid Ed25519 public key ([`PublicKey::from_bytes`]).
///
/// Thirty-two bytes that are all printable ASCII are read as text, never as a raw key: half a
/// hex key (a truncated file, 32 hex digits) is a valid curve point about half the time and
/// would otherwise pin a key nobody holds, without a word. A real raw key is all printable
/// ASCII with a chance of about 10⁻¹⁴.
pub fn parse_public_key_file(bytes: &[u8]) -> Option<PublicKey> {
    let looks_like_text = bytes.iter().all(|b| b.is_ascii_graphic() || b.is_ascii_whitespace());
    if bytes.len() == PUBLIC_KEY_LEN && !looks_like_text {
        return PublicKey::from_bytes(bytes).ok();
    }
    if bytes.len() > MAX_KEY_FILE_BYTES {
        return None;
    }
    let text = std::str::from_utf8(bytes).ok()?;
    let line = text.lines().map(str::trim).find(|l| !l.is_empty() && !l.starts_with("QUJAT"))?;
    if line.len() != 2 * PUBLIC_KEY_LEN {
        return None;
    }
    PublicKey::from_hex(line).ok()
}

/// Lower-case hex in groups of four separated by spaces (`1a2b 3c4d …`), so a person can read a
/// key aloud or compare it.
pub fn grouped_hex(bytes: &[u8]) -> String {
    let hex = hex_encode(bytes);
    let mut out = String::with_capacity(hex.len() + hex.len() / 4);
    for (i, c) in hex.chars().enumerate() {
        if i > 0 && i % 4 == 0 {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    //! Cases from the apps' former copies (android/logic `AnchorKeyTest`), so none is lost.
    use super::*;
    use crate::keys::KeyPair;
    use crate::secret::SecretBytes;

    fn key() -> PublicKey {
        KeyPair::from_seed(&SecretBytes::new([7; 32])).public()
    }

    #[test]
    fn the_three_shapes_give_the_same_key() {
        let k = key();
        let file = format!("QUJAT ED25519 PUBLIC KEY v1\n{}\n", k.to_hex());
        assert_eq!(parse_public_key_file(file.as_bytes()), Some(k));
        let crlf = format!("\r\nQUJAT ED25519 PUBLIC KEY v1\r\n  {}  \r\n", k.to_hex().to_uppercase());
        assert_eq!(parse_public_key_file(crlf.as_bytes()), Some(k));
        assert_eq!(parse_public_key_file(k.to_hex().as_bytes()), Some(k));
        assert_eq!(parse_public_key_file(&k.to_bytes()), Some(k));
    }

    #[test]
    fn anything_else_is_refused() {
        let hex = key().to_hex();
        assert_eq!(parse_public_key_file(b""), None);
        assert_eq!(parse_public_key_file(b"QUJAT ED25519 PUBLIC KEY v1\n"), None);
        assert_eq!(parse_public_key_file(&hex.as_bytes()[..62]), None);
        // Half a hex key (32 hex digits) is text, not a raw key, even where the bytes happen
        // to be a valid point.
        for start in 0..=32 {
            assert_eq!(parse_public_key_file(&hex.as_bytes()[start..start + 32]), None, "{start}");
        }
        assert_eq!(parse_public_key_file(format!("{hex}00").as_bytes()), None);
        assert_eq!(parse_public_key_file(format!("{}zz", &hex[..62]).as_bytes()), None);
        assert_eq!(parse_public_key_file(&[0xff; 33]), None);
        // 32 bytes that are not a valid point, as raw bytes and as hex: refused.
        let small_order = [0u8; 32];
        assert_eq!(parse_public_key_file(&small_order), None);
        assert_eq!(parse_public_key_file(hex_encode(&small_order).as_bytes()), None);
        let mut big = vec![b' '; MAX_KEY_FILE_BYTES];
        big.extend_from_slice(hex.as_bytes());
        assert_eq!(parse_public_key_file(&big), None);
    }

    #[test]
    fn grouped_in_fours() {
        assert_eq!(grouped_hex(&[0x1a, 0x2b, 0x3c, 0x4d, 0x5e]), "1a2b 3c4d 5e");
        assert_eq!(grouped_hex(&[]), "");
        let g = grouped_hex(&key().to_bytes());
        assert_eq!(g.len(), 64 + 15);
        assert_eq!(g.replace(' ', ""), key().to_hex());
    }
}
