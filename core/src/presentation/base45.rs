//! Base45 (RFC 9285), strict.
//!
//! Our own decoder rather than the `base45` crate's: version 3.2 of that crate reduces a final
//! pair's value modulo 256 instead of refusing a value above 255, so two different strings
//! decoded to the same bytes (and a presentation could be re-spelled without any key). Here every
//! string decodes to at most one byte string and every byte string has exactly one encoding:
//! `encode(decode(s)?) == s`.

/// The QR alphanumeric alphabet, in base45 digit order.
const ALPHABET: &[u8; 45] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

/// Each byte's digit value, or 255 for a byte outside the alphabet.
const DIGITS: [u8; 256] = {
    let mut t = [u8::MAX; 256];
    let mut i = 0;
    while i < ALPHABET.len() {
        t[ALPHABET[i] as usize] = i as u8;
        i += 1;
    }
    t
};

/// Why a string is not base45.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Base45Error {
    /// A character outside the 45-character alphabet (lower case included).
    #[error("a character outside the base45 alphabet")]
    Character,
    /// A length of the form 3k + 1: a dangling character.
    #[error("a dangling character (length 3k + 1)")]
    Length,
    /// A three-character group above 65,535 or a final pair above 255.
    #[error("a group whose value is out of range")]
    Range,
}

/// Encode bytes (pairs as three characters, a final odd byte as two).
pub fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(2) * 3);
    let mut push = |mut n: usize, digits: usize| {
        for _ in 0..digits {
            out.push(char::from(ALPHABET[n % 45]));
            n /= 45;
        }
    };
    for chunk in bytes.chunks(2) {
        match chunk {
            [a, b] => push(usize::from(*a) << 8 | usize::from(*b), 3),
            [a] => push(usize::from(*a), 2),
            _ => {}
        }
    }
    out
}

/// Decode strictly: only alphabet characters, no dangling character, every group in range.
pub fn decode(text: &str) -> Result<Vec<u8>, Base45Error> {
    let digit = |c: u8| match DIGITS[usize::from(c)] {
        u8::MAX => Err(Base45Error::Character),
        d => Ok(usize::from(d)),
    };
    let b = text.as_bytes();
    if b.len() % 3 == 1 {
        return Err(Base45Error::Length);
    }
    let mut out = Vec::with_capacity(b.len() / 3 * 2 + 1);
    for group in b.chunks(3) {
        let n = group.iter().rev().try_fold(0usize, |acc, c| Ok::<_, Base45Error>(acc * 45 + digit(*c)?))?;
        match group.len() {
            3 => {
                let n = u16::try_from(n).map_err(|_| Base45Error::Range)?;
                out.extend_from_slice(&n.to_be_bytes());
            }
            _ => out.push(u8::try_from(n).map_err(|_| Base45Error::Range)?),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_9285_examples() {
        assert_eq!(encode(b"AB"), "BB8");
        assert_eq!(encode(b"Hello!!"), "%69 VD92EX0");
        assert_eq!(encode(b"base-45"), "UJCLQE7W581");
        assert_eq!(decode("QED8WEX0").unwrap(), b"ietf!");
        assert_eq!(decode("").unwrap(), b"");
    }

    #[test]
    fn out_of_range_groups_are_refused_not_wrapped() {
        // "FGW" is 65535, the largest group; "GGW" is 65536.
        assert_eq!(decode("FGW").unwrap(), [0xff, 0xff]);
        assert_eq!(decode("GGW"), Err(Base45Error::Range));
        assert_eq!(decode(":::"), Err(Base45Error::Range));
        // "U5" is 255, the largest final pair; "V5" is 256 (the base45 crate 3.2 read it as 0).
        assert_eq!(decode("U5").unwrap(), [0xff]);
        assert_eq!(decode("V5"), Err(Base45Error::Range));
        assert_eq!(decode("::"), Err(Base45Error::Range));
        assert_eq!(decode("BB8A"), Err(Base45Error::Length));
        assert_eq!(decode("bb8"), Err(Base45Error::Character));
        assert_eq!(decode("B\u{e9}"), Err(Base45Error::Character));
    }

    #[test]
    fn every_pair_and_byte_round_trips_exactly() {
        for n in 0..=u16::MAX {
            let b = n.to_be_bytes();
            assert_eq!(decode(&encode(&b)).unwrap(), b);
        }
        for b in 0..=u8::MAX {
            assert_eq!(decode(&encode(&[b])).unwrap(), [b]);
        }
        // And every accepted string is the encoding of what it decodes to.
        for s in ["", "00", "U5", "FGW", "BB8U5", "%69 VD92EX0"] {
            assert_eq!(encode(&decode(s).unwrap()), s);
        }
    }
}
