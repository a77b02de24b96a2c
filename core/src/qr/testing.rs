//! Test helpers: deterministic strings in the base45 / QR-alphanumeric alphabet.

/// The 45 characters of base45, which are exactly QR's alphanumeric set.
pub(crate) const BASE45_ALPHABET: &[u8; 45] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

/// `len` pseudo-random base45 characters (xorshift, so tests are reproducible).
pub(crate) fn base45_string(len: usize, seed: u64) -> String {
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            char::from(BASE45_ALPHABET[(state % 45) as usize])
        })
        .collect()
}

/// A presentation-shaped string of exactly `len` characters: `QJ1:` then base45.
pub(crate) fn presentation_like(len: usize) -> String {
    let mut s = String::from("QJ1:");
    s.push_str(&base45_string(len.saturating_sub(4), len as u64));
    s.truncate(len);
    s
}
