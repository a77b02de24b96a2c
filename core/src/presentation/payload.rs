//! The holder-signed presentation payload.
//!
//! A positional record `[1 credential (the COSE_Sign1 array itself, nested), 2 disclosed mask,
//! 3 cover (16-byte nodes), 4 [disclosed values in slot order], 5 created at, 6 lifetime
//! seconds, ?7 challenge]`; a document presentation (for paper and e-mail) has eight items,
//! `[1–6 as above, 7 null (never a challenge), 8 audience]`, and its own signing context
//! ([`Context::Document`]). Its version is the `QJ1:` prefix: there is no version field.

use ciborium::Value;

use super::{Challenge, MAX_DOCUMENT_DAYS, MAX_TTL_SECS, SECS_PER_DAY};
use crate::cbor::{self, FormatError, IntMap};
use crate::cose::{Context, CoseError, Envelope};
use crate::credential::claims::{ClaimId, ClaimSet, ClaimValue, SLOTS};
use crate::credential::signed::MAX_CREDENTIAL_BYTES;
use crate::credential::tree::{self, NODE_LEN};
use crate::credential::{Credential, CredentialError};
use crate::platform::UnixTime;

/// Largest signed presentation accepted (COSE bytes, after inflation).
pub const MAX_PRESENTATION_BYTES: usize = 8 * 1024;

/// What the holder signs.
#[derive(Debug, Clone, PartialEq)]
pub struct PresentationPayload {
    /// The issuer-signed credential's exact bytes.
    pub credential: Vec<u8>,
    /// Disclosed claims.
    pub disclosed: ClaimSet,
    /// The disclosure cover (concatenated 16-byte seeds and hashes).
    pub cover: Vec<u8>,
    /// Disclosed values, in slot order (`null` where the diploma does not state the claim).
    pub values: Vec<Value>,
    /// Creation time.
    pub created_at: UnixTime,
    /// Lifetime in seconds.
    pub ttl_secs: u32,
    /// The verifier's challenge, when one was given (never in a document).
    pub challenge: Option<Challenge>,
    /// The audience of a document presentation (`None`: a live presentation).
    pub audience: Option<String>,
}

/// Largest audience of a document presentation, bytes of UTF-8.
pub const MAX_AUDIENCE_BYTES: usize = 128;

/// Why an audience is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum AudienceError {
    /// Empty, or longer than [`MAX_AUDIENCE_BYTES`] bytes of UTF-8.
    #[error("the audience must be 1 to {MAX_AUDIENCE_BYTES} bytes of UTF-8")]
    Length,
    /// A control character (Unicode category Cc: C0, DEL, C1; a line break included), or
    /// white space at either end.
    #[error("the audience must not contain control characters or start or end with white space")]
    Character,
}

/// Check an audience as the format requires (`docs/FORMAT.md` §7.1): 1–128 bytes of UTF-8, no
/// control character, no white space at either end. Not normalised (NFC not required): it is
/// signed and shown exactly as given.
pub fn check_audience(audience: &str) -> Result<(), AudienceError> {
    if audience.is_empty() || audience.len() > MAX_AUDIENCE_BYTES {
        return Err(AudienceError::Length);
    }
    if audience.chars().any(char::is_control) || audience.trim() != audience {
        return Err(AudienceError::Character);
    }
    Ok(())
}

/// Whether a document's lifetime in seconds is allowed: whole days, 1 to [`MAX_DOCUMENT_DAYS`].
pub fn document_lifetime_ok(ttl_secs: u32) -> bool {
    ttl_secs.is_multiple_of(SECS_PER_DAY) && (1..=MAX_DOCUMENT_DAYS).contains(&(ttl_secs / SECS_PER_DAY))
}

impl PresentationPayload {
    /// Deterministic CBOR.
    pub fn to_cbor(&self) -> Vec<u8> {
        // The credential bytes are a COSE_Sign1 array we produced or parsed: they decode.
        let credential = cbor::decode(&self.credential, "credential", MAX_CREDENTIAL_BYTES).unwrap_or(Value::Null);
        let mut items = vec![
            credential,
            Value::Integer(self.disclosed.mask().into()),
            Value::Bytes(self.cover.clone()),
            Value::Array(self.values.clone()),
            Value::Integer(self.created_at.into()),
            Value::Integer(self.ttl_secs.into()),
        ];
        match (&self.audience, self.challenge) {
            (Some(audience), _) => {
                items.push(Value::Null);
                items.push(Value::Text(audience.clone()));
            }
            (None, Some(c)) => items.push(Value::Integer(c.value().into())),
            (None, None) => {}
        }
        cbor::encode_array(items)
    }

    /// Strict decoding: the mask, cover length and values must agree.
    pub fn from_cbor(bytes: &[u8]) -> Result<Self, FormatError> {
        const W: &str = "presentation";
        let mut m = IntMap::decode_array(bytes, W, MAX_PRESENTATION_BYTES, 6..=8)?;
        // The credential's wire bytes: item 1 starts after the one-byte array head (6 or 7
        // items). Its limit of MAX_CREDENTIAL_BYTES is on these bytes, as `Credential::parse`
        // checks; being deterministic CBOR, they are also what `to_cbor` re-encodes.
        if !matches!(m.take(1)?, Value::Array(_)) {
            return Err(m.bad(1));
        }
        let end = cbor::item_end(bytes, 1).map_err(|e| FormatError::Encoding(W, e))?;
        let credential = bytes.get(1..end).ok_or(FormatError::Cbor(W))?.to_vec();
        if credential.len() > MAX_CREDENTIAL_BYTES {
            return Err(FormatError::TooLarge("credential", MAX_CREDENTIAL_BYTES));
        }
        let mask = u16::try_from(m.uint(2)?).map_err(|_| m.bad(2))?;
        let disclosed = ClaimSet::from_mask(mask).ok_or(m.bad(2))?;
        let cover = m.bytes(3, 0..=SLOTS * NODE_LEN)?;
        if cover.len() != tree::cover_len(mask) * NODE_LEN {
            return Err(m.bad(3));
        }
        let values = m.array(4, SLOTS)?;
        if values.len() != disclosed.iter().count() {
            return Err(m.bad(4));
        }
        for (c, v) in disclosed.iter().zip(&values) {
            // `null` only in the slots the table allows (the diploma does not state the claim).
            if *v == Value::Null {
                if !c.nullable() {
                    return Err(FormatError::Bad(W, 4));
                }
            } else {
                ClaimValue::from_cbor(c, v).map_err(|_| FormatError::Bad(W, 4))?;
            }
        }
        let created_at = m.time(5)?;
        let ttl_secs = u32::try_from(m.uint(6)?).map_err(|_| m.bad(6))?;
        // Eight items: a document (field 7 null, field 8 its audience).
        let audience = match m.take_opt(8) {
            Some(Value::Text(a)) if check_audience(&a).is_ok() => Some(a),
            Some(_) => return Err(m.bad(8)),
            None => None,
        };
        let lifetime_ok = match audience {
            Some(_) => document_lifetime_ok(ttl_secs),
            None => ttl_secs != 0 && ttl_secs <= MAX_TTL_SECS,
        };
        if !lifetime_ok {
            return Err(m.bad(6));
        }
        let challenge = match (&audience, m.take_opt(7)) {
            (Some(_), Some(Value::Null)) => None,
            (None, Some(v)) => {
                Some(cbor::as_uint(&v).and_then(|n| u32::try_from(n).ok()).and_then(Challenge::new).ok_or(m.bad(7))?)
            }
            (None, None) => None,
            (Some(_), _) => return Err(m.bad(7)),
        };
        m.finish()?;
        Ok(Self { credential, disclosed, cover, values, created_at, ttl_secs, challenge, audience })
    }

    /// The signing context of this kind of presentation: [`Context::Document`] when it has an
    /// audience, [`Context::Presentation`] otherwise.
    pub fn context(&self) -> Context {
        if self.audience.is_some() { Context::Document } else { Context::Presentation }
    }

    /// Expiry time.
    pub fn expires_at(&self) -> UnixTime {
        self.created_at.saturating_add(i64::from(self.ttl_secs))
    }

    /// The CBOR bytes of every leaf as the verifier sees them: disclosed values, `null` for the
    /// reserved slots, and an empty placeholder for hidden slots (never hashed).
    pub fn leaf_bytes(&self) -> [Vec<u8>; SLOTS] {
        let mut out: [Vec<u8>; SLOTS] =
            std::array::from_fn(
                |i| {
                    if ClaimId::from_slot(i).is_none() { cbor::encode(&Value::Null) } else { Vec::new() }
                },
            );
        for (c, v) in self.disclosed.iter().zip(&self.values) {
            out[c.slot()] = cbor::encode(v);
        }
        out
    }

    /// The disclosed values, typed.
    pub fn disclosed_claims(&self) -> crate::credential::DisclosedClaims {
        let mut d = crate::credential::DisclosedClaims::default();
        for (c, v) in self.disclosed.iter().zip(&self.values) {
            match ClaimValue::from_cbor(c, v) {
                Ok(val) => d.values.push((c, val)),
                Err(_) => d.not_stated.push(c),
            }
        }
        d
    }
}

/// A presentation parsed from its COSE bytes; no signature checked yet.
#[derive(Debug, Clone)]
pub struct SignedPresentation {
    envelope: Envelope,
    payload: PresentationPayload,
    credential: Credential,
}

/// A presentation's structure is not acceptable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PresentationFormatError {
    /// The holder's envelope.
    #[error("presentation envelope: {0}")]
    Cose(#[from] CoseError),
    /// The holder-signed payload.
    #[error(transparent)]
    Format(#[from] FormatError),
    /// The embedded credential.
    #[error(transparent)]
    Credential(#[from] CredentialError),
}

impl PresentationFormatError {
    /// A short, stable code naming the failed rule (see [`FormatError::code`]).
    pub fn code(&self) -> &'static str {
        match self {
            PresentationFormatError::Cose(e) => e.code(),
            PresentationFormatError::Format(e) => e.code(),
            PresentationFormatError::Credential(e) => e.code(),
        }
    }
}

impl SignedPresentation {
    /// Parse COSE bytes (untrusted).
    pub fn parse(bytes: &[u8]) -> Result<Self, PresentationFormatError> {
        if bytes.len() > MAX_PRESENTATION_BYTES {
            return Err(FormatError::TooLarge("presentation", MAX_PRESENTATION_BYTES).into());
        }
        // Both kinds share the envelope's shape (§2.2); the payload says which context signs it.
        let envelope = Envelope::parse(bytes, Context::Presentation)?;
        let payload = PresentationPayload::from_cbor(envelope.payload_unverified())?;
        let envelope = envelope.in_context(payload.context());
        let credential = Credential::parse(&payload.credential)?;
        Ok(Self { envelope, payload, credential })
    }

    /// The payload (unauthenticated until both signatures are checked).
    pub fn payload(&self) -> &PresentationPayload {
        &self.payload
    }

    /// The embedded credential.
    pub fn credential(&self) -> &Credential {
        &self.credential
    }

    /// The holder's envelope (its `Sig_structure` and signature, for benchmarks and second
    /// implementations).
    pub fn envelope(&self) -> &Envelope {
        &self.envelope
    }

    /// Check the holder's signature with the key the credential binds.
    pub fn verify_holder(&self) -> Result<(), CoseError> {
        self.envelope.verify(&self.credential.payload().holder)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn payload_with_credential(credential: Value) -> Vec<u8> {
        cbor::encode_array(vec![
            credential,
            Value::Integer(0.into()),
            Value::Bytes(vec![0; NODE_LEN]),
            Value::Array(vec![]),
            Value::Integer(0.into()),
            Value::Integer(120.into()),
        ])
    }

    #[test]
    fn embedded_credential_is_bounded_so_it_re_encodes() {
        // Regression: a credential item over MAX_CREDENTIAL_BYTES decoded, and to_cbor then
        // silently wrote `null` in its place (it re-reads the item with that limit).
        let with_len = |len: usize| Value::Array(vec![Value::Bytes(vec![0; len - 4])]);
        let at = PresentationPayload::from_cbor(&payload_with_credential(with_len(MAX_CREDENTIAL_BYTES))).unwrap();
        assert_eq!(at.credential.len(), MAX_CREDENTIAL_BYTES);
        assert_eq!(PresentationPayload::from_cbor(&at.to_cbor()), Ok(at));
        let past = payload_with_credential(with_len(MAX_CREDENTIAL_BYTES + 1));
        assert_eq!(
            PresentationPayload::from_cbor(&past),
            Err(FormatError::TooLarge("credential", MAX_CREDENTIAL_BYTES))
        );
    }
}
