//! Small, strict helpers over `ciborium` for Qujat's integer-keyed CBOR maps.
//!
//! Decoding is strict: duplicate or unknown keys are refused, sizes are bounded, and every
//! failure is a [`FormatError`] naming the structure and field (never the value).

pub use ciborium::Value;

/// A structure could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FormatError {
    /// Not well-formed CBOR, or not the expected CBOR type at the top.
    #[error("{0}: not well-formed CBOR of the expected shape")]
    Cbor(&'static str),
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

/// Decode one CBOR item, with a nesting limit, and refuse trailing bytes.
pub fn decode(bytes: &[u8], what: &'static str, max_len: usize) -> Result<Value, FormatError> {
    if bytes.len() > max_len {
        return Err(FormatError::TooLarge(what, max_len));
    }
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

    #[test]
    fn deep_nesting_is_refused_not_overflowed() {
        let mut deep = vec![0x81u8; 10_000];
        deep.push(0x00);
        assert!(decode(&deep, "t", 20_000).is_err());
    }
}
