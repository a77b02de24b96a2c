//! The trust list: which issuers the national trust anchor accredits, with their keys.
//!
//! `trust list = COSE_Sign1(anchor, {1: version, 2: sequence, 3: issued at, 4: expires at,
//! 5: [issuer entries]})`, an entry `{1: id, 2: {"en"/"kk"/"ru": name}, 3: [{1: key,
//! 2: not before, 3: not after}]}`. A verifier pins the anchor's public key and never accepts
//! a list with a lower sequence than one it has seen (no rollback).

use ciborium::Value;

use crate::cbor::{self, FormatError, IntMap};
use crate::cose::{self, Context, CoseError, Envelope};
use crate::credential::{Credential, Lang, Localized};
use crate::keys::{KeyPair, PUBLIC_KEY_LEN, PublicKey};
use crate::platform::UnixTime;

/// Format version of trust lists.
pub const VERSION: u64 = 1;
/// Most issuers in one list.
pub const MAX_ISSUERS: usize = 1024;
/// Most keys per issuer.
pub const MAX_KEYS_PER_ISSUER: usize = 8;
/// Largest trust list accepted, bytes.
pub const MAX_TRUST_LIST_BYTES: usize = 512 * 1024;
/// Longest issuer name, bytes per language.
pub const MAX_NAME_BYTES: usize = 256;

/// One issuer key and the period in which it may sign credentials.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuerKey {
    /// The key.
    pub key: PublicKey,
    /// Credentials signed before this are not accepted.
    pub not_before: UnixTime,
    /// Credentials signed after this are not accepted (credentials signed earlier stay valid).
    pub not_after: UnixTime,
}

/// An accredited issuer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuerEntry {
    /// Issuer id (e.g. `kz.enu`).
    pub id: String,
    /// Display name by language.
    pub name: Localized,
    /// Keys with their validity.
    pub keys: Vec<IssuerKey>,
}

/// Why a credential is not signed by an accredited key of its issuer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum IssuerSignatureError {
    /// One of the issuer's keys signed it, but outside that key's validity period.
    #[error("signed with an issuer key outside its validity period")]
    KeyNotValidWhenSigned,
    /// None of the issuer's keys signed it: a forgery.
    #[error("no key of the issuer signed this credential")]
    Forged,
}

impl IssuerEntry {
    /// The one rule for "signed by an accredited issuer key": some key of this issuer whose
    /// validity period covers the day the credential was signed verifies its signature. Both
    /// the wallet's import and the verifier ask this, and nothing else.
    pub fn check_signed(&self, credential: &Credential) -> Result<(), IssuerSignatureError> {
        let in_period = |k: &&IssuerKey| credential.signed_within(k.not_before, k.not_after);
        let verifies = |k: &IssuerKey| credential.verify_issuer(&k.key).is_ok();
        if self.keys.iter().filter(in_period).any(verifies) {
            Ok(())
        } else if self.keys.iter().filter(|k| !in_period(k)).any(verifies) {
            Err(IssuerSignatureError::KeyNotValidWhenSigned)
        } else {
            Err(IssuerSignatureError::Forged)
        }
    }
}

/// The content of a trust list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrustListPayload {
    /// Increases with every new list; a verifier never goes back.
    pub sequence: u64,
    /// Signing time.
    pub issued_at: UnixTime,
    /// After this a verifier reports the list expired.
    pub expires_at: UnixTime,
    /// The accredited issuers.
    pub issuers: Vec<IssuerEntry>,
}

fn names_to_cbor(n: &Localized) -> Value {
    // Deterministic order of text keys: "en" < "kk" < "ru".
    let mut pairs = Vec::new();
    for lang in [Lang::En, Lang::Kk, Lang::Ru] {
        if let Some(t) = n.get(lang) {
            pairs.push((Value::Text(lang.tag().into()), Value::Text(t.into())));
        }
    }
    Value::Map(pairs)
}

impl TrustListPayload {
    /// Deterministic CBOR.
    pub fn to_cbor(&self) -> Vec<u8> {
        let issuers = self
            .issuers
            .iter()
            .map(|e| {
                let keys = e
                    .keys
                    .iter()
                    .map(|k| {
                        Value::Map(vec![
                            (Value::Integer(1.into()), Value::Bytes(k.key.to_bytes().to_vec())),
                            (Value::Integer(2.into()), Value::Integer(k.not_before.into())),
                            (Value::Integer(3.into()), Value::Integer(k.not_after.into())),
                        ])
                    })
                    .collect();
                Value::Map(vec![
                    (Value::Integer(1.into()), Value::Text(e.id.clone())),
                    (Value::Integer(2.into()), names_to_cbor(&e.name)),
                    (Value::Integer(3.into()), Value::Array(keys)),
                ])
            })
            .collect();
        cbor::encode_map(vec![
            (1, Value::Integer(VERSION.into())),
            (2, Value::Integer(self.sequence.into())),
            (3, Value::Integer(self.issued_at.into())),
            (4, Value::Integer(self.expires_at.into())),
            (5, Value::Array(issuers)),
        ])
    }

    /// Strict decoding.
    pub fn from_cbor(bytes: &[u8]) -> Result<Self, FormatError> {
        const W: &str = "trust list";
        let mut m = IntMap::decode(bytes, W, MAX_TRUST_LIST_BYTES)?;
        m.version(VERSION)?;
        let sequence = m.uint(2)?;
        let issued_at = m.time(3)?;
        let expires_at = m.time(4)?;
        if expires_at < issued_at {
            return Err(m.bad(4));
        }
        let raw = m.array(5, MAX_ISSUERS)?;
        m.finish()?;
        let mut issuers: Vec<IssuerEntry> = Vec::with_capacity(raw.len());
        for v in raw {
            let e = decode_entry(v)?;
            if issuers.iter().any(|x| x.id == e.id) {
                return Err(FormatError::Bad(W, 5));
            }
            issuers.push(e);
        }
        Ok(Self { sequence, issued_at, expires_at, issuers })
    }

    /// The entry for an issuer id.
    pub fn issuer(&self, id: &str) -> Option<&IssuerEntry> {
        self.issuers.iter().find(|e| e.id == id)
    }
}

fn decode_entry(v: Value) -> Result<IssuerEntry, FormatError> {
    const W: &str = "trust list entry";
    let mut m = IntMap::from_value(v, W)?;
    let id = m.text(1, crate::credential::signed::MAX_ISSUER_ID)?;
    let names = m.take(2)?;
    let Value::Map(pairs) = names else {
        return Err(FormatError::Bad(W, 2));
    };
    let mut name = Localized::default();
    for (k, v) in pairs {
        let (Value::Text(tag), Value::Text(text)) = (k, v) else {
            return Err(FormatError::Bad(W, 2));
        };
        let lang = match tag.as_str() {
            "kk" => Lang::Kk,
            "ru" => Lang::Ru,
            "en" => Lang::En,
            _ => return Err(FormatError::Bad(W, 2)),
        };
        if text.is_empty() || text.len() > MAX_NAME_BYTES || name.get(lang).is_some() {
            return Err(FormatError::Bad(W, 2));
        }
        name.set(lang, Some(text));
    }
    if name.is_empty() {
        return Err(FormatError::Bad(W, 2));
    }
    let raw_keys = m.array(3, MAX_KEYS_PER_ISSUER)?;
    if raw_keys.is_empty() {
        return Err(m.bad(3));
    }
    let mut keys = Vec::new();
    for k in raw_keys {
        const WK: &str = "issuer key";
        let mut km = IntMap::from_value(k, WK)?;
        let key = PublicKey::from_bytes(&km.bytes(1, PUBLIC_KEY_LEN..=PUBLIC_KEY_LEN)?).map_err(|_| km.bad(1))?;
        let not_before = km.time(2)?;
        let not_after = km.time(3)?;
        km.finish()?;
        if not_after < not_before {
            return Err(FormatError::Bad(WK, 3));
        }
        keys.push(IssuerKey { key, not_before, not_after });
    }
    m.finish()?;
    Ok(IssuerEntry { id, name, keys })
}

/// Why a trust list was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TrustListError {
    /// Not a well-formed signed trust list.
    #[error("trust list is malformed: {0}")]
    Format(#[from] FormatError),
    /// The envelope is malformed or uses another algorithm.
    #[error("trust list envelope: {0}")]
    Cose(CoseError),
    /// Not signed by the pinned trust anchor.
    #[error("trust list is not signed by the trust anchor")]
    BadSignature,
    /// Older than (or as old as, but different from) the list already trusted.
    #[error("trust list sequence {offered} is older than the installed {installed}")]
    Rollback {
        /// Sequence offered.
        offered: u64,
        /// Sequence already installed.
        installed: u64,
    },
    /// Past its expiry.
    #[error("trust list expired at {expired_at}")]
    Expired {
        /// Expiry time.
        expired_at: UnixTime,
    },
}

/// A trust list whose anchor signature has been checked.
#[derive(Debug, Clone)]
pub struct TrustList {
    payload: TrustListPayload,
    bytes: Vec<u8>,
}

impl TrustList {
    /// Sign a trust list (anchor side).
    pub fn sign(anchor: &KeyPair, payload: TrustListPayload) -> Vec<u8> {
        cose::sign(anchor, Context::TrustList, payload.to_cbor())
    }

    /// Parse and check the anchor's signature. Expiry and rollback are the caller's policy
    /// ([`TrustList::check_fresh`], the verifier's install step).
    pub fn verify(bytes: &[u8], anchor: &PublicKey) -> Result<Self, TrustListError> {
        if bytes.len() > MAX_TRUST_LIST_BYTES {
            return Err(FormatError::TooLarge("trust list", MAX_TRUST_LIST_BYTES).into());
        }
        let env = Envelope::parse(bytes, Context::TrustList).map_err(TrustListError::Cose)?;
        env.verify(anchor).map_err(|_| TrustListError::BadSignature)?;
        let payload = TrustListPayload::from_cbor(env.payload_unverified())?;
        Ok(Self { payload, bytes: bytes.to_vec() })
    }

    /// Refuse an expired list.
    pub fn check_fresh(&self, now: UnixTime) -> Result<(), TrustListError> {
        if now > self.payload.expires_at {
            return Err(TrustListError::Expired { expired_at: self.payload.expires_at });
        }
        Ok(())
    }

    /// The verified content.
    pub fn payload(&self) -> &TrustListPayload {
        &self.payload
    }

    /// The signed bytes (to persist and re-verify later).
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }
}
