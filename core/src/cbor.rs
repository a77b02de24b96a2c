//! Small, strict helpers over `ciborium` for Qujat's integer-keyed CBOR maps.
//!
//! Decoding is strict: before `ciborium` sees them, the wire bytes are walked by
//! [`check_deterministic`], which refuses anything that is not deterministic CBOR of the subset
//! `docs/FORMAT.md` §2.1 allows (no tags, floats, `undefined` or other simple values). So whatever
//! a decoder here accepts re-encodes to exactly the bytes it read. Duplicate or unknown keys are
//! refused, sizes are bounded, and every failure is a [`FormatError`] naming the structure and
//! field (never the value).

pub use ciborium::Value;

/// Deepest nesting of arrays and maps accepted (the top-level item is at depth 1).
pub const MAX_DEPTH: usize = 16;

/// Why bytes are not CBOR of the form `docs/FORMAT.md` §2.1 allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Encoding {
    /// Truncated, a reserved additional-information value, a stray "break", or invalid UTF-8 in
    /// a text string: not well-formed CBOR.
    #[error("not well-formed CBOR")]
    NotWellFormed,
    /// An integer, length or simple value not in its shortest form.
    #[error("an integer or length not in its shortest form")]
    NonShortest,
    /// An indefinite-length string, array or map.
    #[error("an indefinite length")]
    Indefinite,
    /// Map keys not in ascending bytewise order of their encodings, or a duplicate key.
    #[error("map keys unsorted or duplicated")]
    MapOrder,
    /// A tag (major type 6), for example a bignum.
    #[error("a CBOR tag")]
    Tag,
    /// A floating-point number.
    #[error("a floating-point number")]
    Float,
    /// A simple value other than `false`, `true` and `null` (including `undefined`).
    #[error("a simple value other than false, true or null")]
    SimpleValue,
    /// Arrays and maps nested deeper than [`MAX_DEPTH`].
    #[error("nested deeper than 16 levels")]
    TooDeep,
}

/// A structure could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FormatError {
    /// Not well-formed CBOR, or not the expected CBOR type at the top.
    #[error("{0}: not well-formed CBOR of the expected shape")]
    Cbor(&'static str),
    /// Not deterministic CBOR, or a form this format forbids (tag, float, `undefined` …).
    #[error("{0}: {1}")]
    Encoding(&'static str, Encoding),
    /// A required field is missing.
    #[error("{0}: required field {1} is missing")]
    Missing(&'static str, u64),
    /// A field has the wrong type, length or range.
    #[error("{0}: field {1} is malformed")]
    Bad(&'static str, u64),
    /// A field this version does not define (strict: refused, never ignored).
    #[error("{0}: unknown field {1}")]
    Unknown(&'static str, u64),
    /// A format version this implementation does not know.
    #[error("{0}: unsupported format version {1}")]
    UnsupportedVersion(&'static str, u64),
    /// Larger than the documented limit.
    #[error("{0}: larger than the limit of {1} bytes or entries")]
    TooLarge(&'static str, usize),
}

impl FormatError {
    /// A short, stable code for the kind of error (used by the negative vectors of
    /// `docs/FORMAT.md`): `CBOR`, `NON_SHORTEST`, `INDEFINITE`, `MAP_ORDER`, `TAG`, `FLOAT`,
    /// `SIMPLE_VALUE`, `TOO_DEEP`, `MISSING_FIELD`, `BAD_FIELD`, `UNKNOWN_FIELD`,
    /// `UNSUPPORTED_VERSION`, `TOO_LARGE`.
    pub fn code(&self) -> &'static str {
        match self {
            FormatError::Cbor(_) => "CBOR",
            FormatError::Encoding(_, e) => e.code(),
            FormatError::Missing(..) => "MISSING_FIELD",
            FormatError::Bad(..) => "BAD_FIELD",
            FormatError::Unknown(..) => "UNKNOWN_FIELD",
            FormatError::UnsupportedVersion(..) => "UNSUPPORTED_VERSION",
            FormatError::TooLarge(..) => "TOO_LARGE",
        }
    }
}

impl Encoding {
    /// A short, stable code (see [`FormatError::code`]).
    pub fn code(self) -> &'static str {
        match self {
            Encoding::NotWellFormed => "CBOR",
            Encoding::NonShortest => "NON_SHORTEST",
            Encoding::Indefinite => "INDEFINITE",
            Encoding::MapOrder => "MAP_ORDER",
            Encoding::Tag => "TAG",
            Encoding::Float => "FLOAT",
            Encoding::SimpleValue => "SIMPLE_VALUE",
            Encoding::TooDeep => "TOO_DEEP",
        }
    }
}

/// Check that `bytes` hold exactly one CBOR item in deterministic encoding (RFC 8949 §4.2.1)
/// made only of unsigned and negative integers, byte and text strings, arrays, maps, `false`,
/// `true` and `null`, nested at most [`MAX_DEPTH`] deep. Runs in time linear in the input and
/// without allocating.
pub fn check_deterministic(bytes: &[u8]) -> Result<(), Encoding> {
    let end = item_end(bytes, 0)?;
    if end != bytes.len() {
        return Err(Encoding::NotWellFormed);
    }
    Ok(())
}

/// The offset just past the (deterministic, allowed) item starting at `pos`.
pub fn item_end(bytes: &[u8], pos: usize) -> Result<usize, Encoding> {
    skip(bytes, pos, 1)
}

/// The head of an item: major type, argument, offset of what follows.
fn head(b: &[u8], pos: usize) -> Result<(u8, u64, usize), Encoding> {
    let ib = *b.get(pos).ok_or(Encoding::NotWellFormed)?;
    let (major, ai) = (ib >> 5, ib & 0x1f);
    if major == 7 {
        return match ai {
            20..=22 => Ok((7, u64::from(ai), pos + 1)),
            0..=19 | 23 | 24 => Err(Encoding::SimpleValue),
            25..=27 => Err(Encoding::Float),
            31 => Err(Encoding::Indefinite),
            _ => Err(Encoding::NotWellFormed),
        };
    }
    let (n, min) = match ai {
        0..=23 => return Ok((major, u64::from(ai), pos + 1)),
        24 => (1, 24),
        25 => (2, 0x100),
        26 => (4, 0x1_0000),
        27 => (8, 0x1_0000_0000),
        31 => return Err(Encoding::Indefinite),
        _ => return Err(Encoding::NotWellFormed),
    };
    let arg_bytes = b.get(pos + 1..pos + 1 + n).ok_or(Encoding::NotWellFormed)?;
    let arg = arg_bytes.iter().fold(0u64, |acc, x| acc << 8 | u64::from(*x));
    if arg < min {
        return Err(Encoding::NonShortest);
    }
    Ok((major, arg, pos + 1 + n))
}

fn skip(b: &[u8], pos: usize, depth: usize) -> Result<usize, Encoding> {
    let (major, arg, next) = head(b, pos)?;
    match major {
        0 | 1 | 7 => Ok(next),
        2 | 3 => {
            let end = usize::try_from(arg).ok().and_then(|l| next.checked_add(l)).ok_or(Encoding::NotWellFormed)?;
            let content = b.get(next..end).ok_or(Encoding::NotWellFormed)?;
            if major == 3 && std::str::from_utf8(content).is_err() {
                return Err(Encoding::NotWellFormed);
            }
            Ok(end)
        }
        4 | 5 => {
            if depth > MAX_DEPTH {
                return Err(Encoding::TooDeep);
            }
            // Every item takes at least one byte: a count beyond the input is truncation.
            if arg > u64::try_from(b.len() - next).unwrap_or(u64::MAX) {
                return Err(Encoding::NotWellFormed);
            }
            let mut at = next;
            let mut prev_key: Option<(usize, usize)> = None;
            for _ in 0..arg {
                if major == 5 {
                    let key_end = skip(b, at, depth + 1)?;
                    if let Some((s, e)) = prev_key
                        && b[s..e] >= b[at..key_end]
                    {
                        return Err(Encoding::MapOrder);
                    }
                    prev_key = Some((at, key_end));
                    at = key_end;
                }
                at = skip(b, at, depth + 1)?;
            }
            Ok(at)
        }
        _ => Err(Encoding::Tag),
    }
}

/// Encode a map with integer keys (given in ascending order, as deterministic CBOR requires).
pub fn encode_map(entries: Vec<(u64, Value)>) -> Vec<u8> {
    debug_assert!(entries.windows(2).all(|w| w[0].0 < w[1].0), "keys must ascend");
    let map = Value::Map(entries.into_iter().map(|(k, v)| (Value::Integer(k.into()), v)).collect());
    encode(&map)
}

/// Deterministic encoding of a value built by this crate (shortest forms, definite lengths).
pub fn encode(v: &Value) -> Vec<u8> {
    let mut out = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = ciborium::into_writer(v, &mut out);
    out
}

/// Encode a positional record (field `i + 1` at index `i`).
pub fn encode_array(items: Vec<Value>) -> Vec<u8> {
    encode(&Value::Array(items))
}

/// Decode one CBOR item in deterministic encoding (see [`check_deterministic`]), with a nesting
/// limit, and refuse trailing bytes.
pub fn decode(bytes: &[u8], what: &'static str, max_len: usize) -> Result<Value, FormatError> {
    if bytes.len() > max_len {
        return Err(FormatError::TooLarge(what, max_len));
    }
    check_deterministic(bytes).map_err(|e| match e {
        Encoding::NotWellFormed => FormatError::Cbor(what),
        e => FormatError::Encoding(what, e),
    })?;
    let mut reader = bytes;
    let v: Value =
        ciborium::de::from_reader_with_recursion_limit(&mut reader, 16).map_err(|_| FormatError::Cbor(what))?;
    if !reader.is_empty() {
        return Err(FormatError::Cbor(what));
    }
    Ok(v)
}

/// A decoded integer-keyed map, consumed field by field.
#[derive(Debug)]
pub struct IntMap {
    what: &'static str,
    entries: Vec<(u64, Value)>,
}

impl IntMap {
    /// Decode `bytes` as a map whose keys are distinct unsigned integers.
    pub fn decode(bytes: &[u8], what: &'static str, max_len: usize) -> Result<Self, FormatError> {
        Self::from_value(decode(bytes, what, max_len)?, what)
    }

    /// Decode `bytes` as an array of `len` items (a positional record); item `i` is read as
    /// field `i + 1`, so the field numbers in errors and docs are the same as for maps.
    pub fn decode_array(
        bytes: &[u8],
        what: &'static str,
        max_len: usize,
        len: std::ops::RangeInclusive<usize>,
    ) -> Result<Self, FormatError> {
        Self::from_array(decode(bytes, what, max_len)?, what, len)
    }

    /// Interpret an already decoded value as a positional record (see [`IntMap::decode_array`]).
    pub fn from_array(v: Value, what: &'static str, len: std::ops::RangeInclusive<usize>) -> Result<Self, FormatError> {
        let Value::Array(items) = v else {
            return Err(FormatError::Cbor(what));
        };
        if !len.contains(&items.len()) {
            return Err(FormatError::Cbor(what));
        }
        let entries = (1u64..).zip(items).collect();
        Ok(Self { what, entries })
    }

    /// Interpret an already decoded value as such a map.
    pub fn from_value(v: Value, what: &'static str) -> Result<Self, FormatError> {
        let Value::Map(pairs) = v else {
            return Err(FormatError::Cbor(what));
        };
        let mut entries: Vec<(u64, Value)> = Vec::with_capacity(pairs.len());
        for (k, v) in pairs {
            let Value::Integer(i) = k else {
                return Err(FormatError::Cbor(what));
            };
            let k = u64::try_from(i).map_err(|_| FormatError::Cbor(what))?;
            if entries.iter().any(|(seen, _)| *seen == k) {
                return Err(FormatError::Cbor(what));
            }
            entries.push((k, v));
        }
        Ok(Self { what, entries })
    }

    /// Check the version field (key 1) equals `expected`.
    pub fn version(&mut self, expected: u64) -> Result<(), FormatError> {
        let v = self.uint(1)?;
        if v != expected {
            return Err(FormatError::UnsupportedVersion(self.what, v));
        }
        Ok(())
    }

    /// Take a field if present.
    pub fn take_opt(&mut self, key: u64) -> Option<Value> {
        let pos = self.entries.iter().position(|(k, _)| *k == key)?;
        Some(self.entries.swap_remove(pos).1)
    }

    /// Take a required field.
    pub fn take(&mut self, key: u64) -> Result<Value, FormatError> {
        self.take_opt(key).ok_or(FormatError::Missing(self.what, key))
    }

    /// A required unsigned integer.
    pub fn uint(&mut self, key: u64) -> Result<u64, FormatError> {
        let what = self.what;
        as_uint(&self.take(key)?).ok_or(FormatError::Bad(what, key))
    }

    /// An optional unsigned integer.
    pub fn uint_opt(&mut self, key: u64) -> Result<Option<u64>, FormatError> {
        let what = self.what;
        self.take_opt(key).map(|v| as_uint(&v).ok_or(FormatError::Bad(what, key))).transpose()
    }

    /// A required signed integer (a time).
    pub fn int(&mut self, key: u64) -> Result<i64, FormatError> {
        let what = self.what;
        match self.take(key)? {
            Value::Integer(i) => i64::try_from(i).map_err(|_| FormatError::Bad(what, key)),
            _ => Err(FormatError::Bad(what, key)),
        }
    }

    /// A required time in Unix seconds, within the window of
    /// [`crate::credential::date::time_in_window`].
    pub fn time(&mut self, key: u64) -> Result<i64, FormatError> {
        let t = self.int(key)?;
        if !crate::credential::date::time_in_window(t) {
            return Err(self.bad(key));
        }
        Ok(t)
    }

    /// A required byte string of length in `len`.
    pub fn bytes(&mut self, key: u64, len: std::ops::RangeInclusive<usize>) -> Result<Vec<u8>, FormatError> {
        let what = self.what;
        match self.take(key)? {
            Value::Bytes(b) if len.contains(&b.len()) => Ok(b),
            _ => Err(FormatError::Bad(what, key)),
        }
    }

    /// A required text of 1..=`max` bytes.
    pub fn text(&mut self, key: u64, max: usize) -> Result<String, FormatError> {
        let what = self.what;
        match self.take(key)? {
            Value::Text(t) if !t.is_empty() && t.len() <= max => Ok(t),
            _ => Err(FormatError::Bad(what, key)),
        }
    }

    /// A required array of at most `max` items.
    pub fn array(&mut self, key: u64, max: usize) -> Result<Vec<Value>, FormatError> {
        let what = self.what;
        match self.take(key)? {
            Value::Array(a) if a.len() <= max => Ok(a),
            Value::Array(_) => Err(FormatError::TooLarge(what, max)),
            _ => Err(FormatError::Bad(what, key)),
        }
    }

    /// The error for a field that decoded but is out of range.
    pub fn bad(&self, key: u64) -> FormatError {
        FormatError::Bad(self.what, key)
    }

    /// Refuse any field not consumed.
    pub fn finish(self) -> Result<(), FormatError> {
        match self.entries.first() {
            Some((k, _)) => Err(FormatError::Unknown(self.what, *k)),
            None => Ok(()),
        }
    }
}

/// An unsigned integer value.
pub fn as_uint(v: &Value) -> Option<u64> {
    match v {
        Value::Integer(i) => u64::try_from(*i).ok(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_maps() {
        let bytes = encode_map(vec![(1, Value::Integer(1.into())), (2, Value::Text("x".into()))]);
        let mut m = IntMap::decode(&bytes, "t", 100).unwrap();
        m.version(1).unwrap();
        assert_eq!(m.text(2, 10).unwrap(), "x");
        m.finish().unwrap();

        let mut m = IntMap::decode(&bytes, "t", 100).unwrap();
        assert_eq!(m.version(2), Err(FormatError::UnsupportedVersion("t", 1)));
        let m = IntMap::decode(&bytes, "t", 100).unwrap();
        assert_eq!(m.finish(), Err(FormatError::Unknown("t", 1)));
        // Duplicate keys, trailing bytes, oversize.
        assert!(IntMap::decode(&[0xa2, 0x01, 0x01, 0x01, 0x02], "t", 100).is_err());
        let mut trailing = bytes.clone();
        trailing.push(0);
        assert!(IntMap::decode(&trailing, "t", 100).is_err());
        assert_eq!(IntMap::decode(&bytes, "t", 3).unwrap_err(), FormatError::TooLarge("t", 3));
    }

    fn hex(s: &str) -> Vec<u8> {
        crate::keys::hex_decode(&s.replace(' ', "")).unwrap()
    }

    #[test]
    fn only_deterministic_cbor_of_the_allowed_subset_passes() {
        for ok in [
            "00",
            "17",
            "1818",
            "18ff",
            "190100",
            "1a00010000",
            "1b0000000100000000",
            "20",
            "37",
            "3818",
            "40",
            "4100",
            "60",
            "6161",
            "80",
            "a0",
            "a201000200",
            "a2616101616202",
            "a2 0a 00 18 18 00",
            "f4",
            "f5",
            "f6",
            "83 01 82 02 03 a1 01 f6",
        ] {
            assert_eq!(check_deterministic(&hex(ok)), Ok(()), "{ok}");
        }
        for (bad, why) in [
            ("1800", Encoding::NonShortest),
            ("1817", Encoding::NonShortest),
            ("1900ff", Encoding::NonShortest),
            ("1a0000ffff", Encoding::NonShortest),
            ("1b00000000ffffffff", Encoding::NonShortest),
            ("3807", Encoding::NonShortest),
            ("5800", Encoding::NonShortest),
            ("780161", Encoding::NonShortest),
            ("9800", Encoding::NonShortest),
            ("b800", Encoding::NonShortest),
            ("5f41 00ff", Encoding::Indefinite),
            ("9fff", Encoding::Indefinite),
            ("bfff", Encoding::Indefinite),
            ("ff", Encoding::Indefinite),
            ("a2 02 00 01 00", Encoding::MapOrder),
            ("a2 01 00 01 00", Encoding::MapOrder),
            ("a2 18 18 00 17 00", Encoding::MapOrder),
            ("a2 626b6b 00 62656e 00", Encoding::MapOrder),
            ("c2 41 01", Encoding::Tag),
            ("d2 80", Encoding::Tag),
            ("f93c00", Encoding::Float),
            ("fa3f800000", Encoding::Float),
            ("fb3ff0000000000000", Encoding::Float),
            ("f7", Encoding::SimpleValue),
            ("f0", Encoding::SimpleValue),
            ("f814", Encoding::SimpleValue),
            ("f815", Encoding::SimpleValue),
            ("f816", Encoding::SimpleValue),
            ("f8ff", Encoding::SimpleValue),
            ("1c", Encoding::NotWellFormed),
            ("5c", Encoding::NotWellFormed),
            ("fc", Encoding::NotWellFormed),
            ("19 01", Encoding::NotWellFormed),
            ("42 00", Encoding::NotWellFormed),
            ("62 c3 28", Encoding::NotWellFormed),
            ("82 00", Encoding::NotWellFormed),
            ("9b ffffffffffffffff 00", Encoding::NotWellFormed),
            ("5b ffffffffffffffff 00", Encoding::NotWellFormed),
            ("00 00", Encoding::NotWellFormed),
            ("", Encoding::NotWellFormed),
        ] {
            assert_eq!(check_deterministic(&hex(bad)), Err(why), "{bad}");
            let expected =
                if why == Encoding::NotWellFormed { FormatError::Cbor("t") } else { FormatError::Encoding("t", why) };
            assert_eq!(decode(&hex(bad), "t", 100), Err(expected), "{bad}");
        }
    }

    #[test]
    fn nesting_limit_is_sixteen_levels_in_the_walker_and_in_ciborium() {
        let nested = |n: usize| {
            let mut v = vec![0x81u8; n];
            v.push(0x00);
            v
        };
        assert!(decode(&nested(MAX_DEPTH), "t", 100).is_ok());
        assert_eq!(decode(&nested(MAX_DEPTH + 1), "t", 100), Err(FormatError::Encoding("t", Encoding::TooDeep)));
    }

    #[test]
    fn deep_nesting_is_refused_not_overflowed() {
        let mut deep = vec![0x81u8; 10_000];
        deep.push(0x00);
        assert!(decode(&deep, "t", 20_000).is_err());
    }
}
