//! Status (revocation) lists: one bit per credential, zlib-compressed, signed by the issuer.
//!
//! `status list = COSE_Sign1(issuer, {1: version, 2: issuer id, 3: issued at, 4: valid until,
//! 5: number of entries, 6: zlib(bits)})`. Bit `i` is bit `i % 8` (least significant first) of
//! byte `i / 8`; 1 means revoked.

use std::io::{Read, Write};

use ciborium::Value;
use flate2::Compression;

use crate::cbor::{self, FormatError, IntMap};
use crate::cose::{self, Context, CoseError, Envelope};
use crate::credential::signed::{MAX_ISSUER_ID, MAX_STATUS_INDEX};
use crate::keys::{KeyPair, PublicKey};
use crate::platform::UnixTime;

/// Format version of status lists.
pub const VERSION: u64 = 1;
/// Most entries in one list (2^20).
pub const MAX_ENTRIES: u64 = MAX_STATUS_INDEX + 1;
/// Largest signed status list accepted, bytes.
pub const MAX_STATUS_LIST_BYTES: usize = 256 * 1024;

/// The content of a status list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusListPayload {
    /// Issuer id.
    pub issuer: String,
    /// Signing time; a newer list replaces an older one.
    pub issued_at: UnixTime,
    /// After this the list is stale and a verifier says so.
    pub valid_until: UnixTime,
    /// The bits (length `ceil(entries / 8)`, padding bits zero).
    bits: Vec<u8>,
    /// `zlib(bits)`, as signed: kept so that a decoded list re-encodes to exactly its bytes
    /// (zlib is not canonical: another encoder may emit other, equally valid streams).
    compressed: Vec<u8>,
    /// Number of entries.
    entries: u64,
}

impl StatusListPayload {
    /// A list of `entries` entries with the given revoked indexes.
    pub fn new(
        issuer: String,
        issued_at: UnixTime,
        valid_until: UnixTime,
        entries: u64,
        revoked: &[u64],
    ) -> Option<Self> {
        if entries > MAX_ENTRIES {
            return None;
        }
        let mut bits = vec![0u8; usize::try_from(entries.div_ceil(8)).ok()?];
        for &i in revoked {
            if i >= entries {
                return None;
            }
            let byte = bits.get_mut(usize::try_from(i / 8).ok()?)?;
            *byte |= 1 << (i % 8);
        }
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), Compression::best());
        // Writing to a Vec cannot fail.
        let _ = z.write_all(&bits);
        let compressed = z.finish().ok()?;
        Some(Self { issuer, issued_at, valid_until, bits, compressed, entries })
    }

    /// Number of entries.
    pub fn entries(&self) -> u64 {
        self.entries
    }

    /// Is index `i` revoked? `None` if outside the list.
    pub fn is_revoked(&self, i: u64) -> Option<bool> {
        if i >= self.entries {
            return None;
        }
        let byte = self.bits.get(usize::try_from(i / 8).ok()?)?;
        Some(byte >> (i % 8) & 1 == 1)
    }

    /// Deterministic CBOR (the bits as compressed by [`StatusListPayload::new`] at zlib's best
    /// compression, or exactly as decoded).
    pub fn to_cbor(&self) -> Vec<u8> {
        let compressed = self.compressed.clone();
        cbor::encode_map(vec![
            (1, Value::Integer(VERSION.into())),
            (2, Value::Text(self.issuer.clone())),
            (3, Value::Integer(self.issued_at.into())),
            (4, Value::Integer(self.valid_until.into())),
            (5, Value::Integer(self.entries.into())),
            (6, Value::Bytes(compressed)),
        ])
    }

    /// Strict decoding, with the inflated size bounded by the declared number of entries.
    pub fn from_cbor(bytes: &[u8]) -> Result<Self, FormatError> {
        const W: &str = "status list";
        let mut m = IntMap::decode(bytes, W, MAX_STATUS_LIST_BYTES)?;
        m.version(VERSION)?;
        let issuer = m.text(2, MAX_ISSUER_ID)?;
        let issued_at = m.time(3)?;
        let valid_until = m.time(4)?;
        if valid_until < issued_at {
            return Err(m.bad(4));
        }
        let entries = m.uint(5)?;
        if entries > MAX_ENTRIES {
            return Err(FormatError::TooLarge(W, usize::try_from(MAX_ENTRIES).unwrap_or(usize::MAX)));
        }
        let compressed = m.bytes(6, 0..=MAX_STATUS_LIST_BYTES)?;
        m.finish()?;
        let bits = inflate_bits(&compressed, entries).ok_or(FormatError::Bad(W, 6))?;
        Ok(Self { issuer, issued_at, valid_until, bits, compressed, entries })
    }
}

/// Inflate field 6 under the rules of `docs/FORMAT.md` §8 (those of §7 for the presentation's
/// zlib): a valid RFC 1950 stream, nothing after it, inflating to exactly ⌈entries/8⌉ bytes
/// (inflation stops one byte past), and every padding bit of the last byte (entries `entries`
/// and up) zero.
fn inflate_bits(compressed: &[u8], entries: u64) -> Option<Vec<u8>> {
    let want = usize::try_from(entries.div_ceil(8)).ok()?;
    let mut bits = Vec::with_capacity(want);
    let mut z = flate2::read::ZlibDecoder::new(compressed).take(u64::try_from(want).ok()? + 1);
    z.read_to_end(&mut bits).ok()?;
    if bits.len() != want {
        return None;
    }
    let consumed = z.into_inner().total_in();
    if usize::try_from(consumed).ok()? != compressed.len() {
        return None;
    }
    let used = entries % 8;
    if used != 0 && bits.last().is_some_and(|last| last >> used != 0) {
        return None;
    }
    Some(bits)
}

/// Why a status list was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StatusListError {
    /// Malformed.
    #[error("status list is malformed: {0}")]
    Format(#[from] FormatError),
    /// Envelope malformed or another algorithm.
    #[error("status list envelope: {0}")]
    Cose(CoseError),
    /// The issuer is not in the trust list.
    #[error("status list issuer is not in the trust list")]
    UnknownIssuer,
    /// Not signed by any of the issuer's keys valid at its signing time.
    #[error("status list signature does not verify with the issuer's keys")]
    BadSignature,
    /// Older than the one already held.
    #[error("status list is older than the one already installed")]
    Rollback,
}

/// A status list whose issuer signature has been checked.
#[derive(Debug, Clone)]
pub struct StatusList {
    payload: StatusListPayload,
    bytes: Vec<u8>,
}

impl StatusList {
    /// Sign (issuer side).
    pub fn sign(issuer_key: &KeyPair, payload: &StatusListPayload) -> Vec<u8> {
        cose::sign(issuer_key, Context::StatusList, payload.to_cbor())
    }

    /// Parse and verify against the trust list's keys for the issuer it names.
    pub fn verify(bytes: &[u8], trust: &crate::trust::TrustListPayload) -> Result<Self, StatusListError> {
        if bytes.len() > MAX_STATUS_LIST_BYTES {
            return Err(FormatError::TooLarge("status list", MAX_STATUS_LIST_BYTES).into());
        }
        let env = Envelope::parse(bytes, Context::StatusList).map_err(StatusListError::Cose)?;
        let payload = StatusListPayload::from_cbor(env.payload_unverified())?;
        let entry = trust.issuer(&payload.issuer).ok_or(StatusListError::UnknownIssuer)?;
        let ok = entry
            .keys
            .iter()
            .filter(|k| (k.not_before..=k.not_after).contains(&payload.issued_at))
            .any(|k| env.verify(&k.key).is_ok());
        if !ok {
            return Err(StatusListError::BadSignature);
        }
        Ok(Self { payload, bytes: bytes.to_vec() })
    }

    /// Verify with one known key (tests, tools).
    pub fn verify_with_key(bytes: &[u8], key: &PublicKey) -> Result<Self, StatusListError> {
        let env = Envelope::parse(bytes, Context::StatusList).map_err(StatusListError::Cose)?;
        env.verify(key).map_err(|_| StatusListError::BadSignature)?;
        let payload = StatusListPayload::from_cbor(env.payload_unverified())?;
        Ok(Self { payload, bytes: bytes.to_vec() })
    }

    /// The verified content.
    pub fn payload(&self) -> &StatusListPayload {
        &self.payload
    }

    /// The signed bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bits_round_trip_and_bounds() {
        let p = StatusListPayload::new("kz.enu".into(), 10, 20, 100_000, &[0, 7, 8, 99_999]).unwrap();
        let back = StatusListPayload::from_cbor(&p.to_cbor()).unwrap();
        assert_eq!(back, p);
        for (i, r) in [(0, true), (1, false), (7, true), (8, true), (9, false), (99_999, true)] {
            assert_eq!(back.is_revoked(i), Some(r), "{i}");
        }
        assert_eq!(back.is_revoked(100_000), None);
        assert!(StatusListPayload::new("x".into(), 0, 0, 10, &[10]).is_none());
        assert!(StatusListPayload::new("x".into(), 0, 0, MAX_ENTRIES + 1, &[]).is_none());
        // 2^20 entries compress to almost nothing.
        let big = StatusListPayload::new("x".into(), 0, 0, MAX_ENTRIES, &[5]).unwrap();
        assert!(big.to_cbor().len() < 1024);
    }

    #[test]
    fn inflation_is_bounded_by_declared_entries() {
        let p = StatusListPayload::new("x".into(), 0, 0, 80, &[]).unwrap();
        let mut m = IntMap::decode(&p.to_cbor(), "t", 10_000).unwrap();
        let _ = m.take(6);
        // Replace the bits with a zlib stream that inflates to 1 MiB.
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), Compression::best());
        z.write_all(&vec![0u8; 1 << 20]).unwrap();
        let bomb = cbor::encode_map(vec![
            (1, Value::Integer(1.into())),
            (2, Value::Text("x".into())),
            (3, Value::Integer(0.into())),
            (4, Value::Integer(0.into())),
            (5, Value::Integer(80.into())),
            (6, Value::Bytes(z.finish().unwrap())),
        ]);
        assert_eq!(StatusListPayload::from_cbor(&bomb), Err(FormatError::Bad("status list", 6)));
    }
}
