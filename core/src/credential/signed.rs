//! The issuer-signed credential and the bundle the holder receives.
//!
//! `credential = COSE_Sign1(issuer, payload = [1 version, 2 issuer id, 3 holder key,
//! 4 disclosure root, 5 status index, 6 issued on (days)])` (a positional record: fields numbered
//! from 1 as in `docs/FORMAT.md`); the bundle adds what only the holder
//! may know: the root seed and every claim value.

use ciborium::Value;

use super::claims::{ClaimId, ClaimValue, SLOTS, diploma_slots};
use super::tree::{self, NODE_LEN, Node};
use crate::cbor::{self, FormatError, IntMap};
use crate::cose::{self, Context, CoseError, Envelope};
use crate::keys::{KeyPair, PUBLIC_KEY_LEN, PublicKey};
use crate::platform::UnixTime;
use crate::secret::SecretBytes;

/// Format version of credentials, bundles and presentations defined here.
pub const VERSION: u64 = 1;
/// Longest issuer id, bytes.
pub const MAX_ISSUER_ID: usize = 64;
/// Largest credential (COSE bytes) accepted.
pub const MAX_CREDENTIAL_BYTES: usize = 1024;
/// Largest bundle accepted.
pub const MAX_BUNDLE_BYTES: usize = 8 * 1024;
/// Largest status index (a status list holds at most this many + 1 entries).
pub const MAX_STATUS_INDEX: u64 = (1 << 20) - 1;

/// What the issuer signs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CredentialPayload {
    /// Issuer id, as in the trust list.
    pub issuer: String,
    /// The holder's public key: only its owner can present the credential.
    pub holder: PublicKey,
    /// Root of the disclosure tree.
    pub root: Node,
    /// Index of this credential's bit in the issuer's status list.
    pub status_index: u64,
    /// The day the issuer signed it, in days since 1970-01-01 (UTC). A day is precise enough
    /// for choosing the issuer key's validity period, and costs 3 bytes instead of 5.
    pub issued_on: i64,
}

impl CredentialPayload {
    /// Deterministic CBOR.
    pub fn to_cbor(&self) -> Vec<u8> {
        cbor::encode_array(vec![
            Value::Integer(VERSION.into()),
            Value::Text(self.issuer.clone()),
            Value::Bytes(self.holder.to_bytes().to_vec()),
            Value::Bytes(self.root.to_vec()),
            Value::Integer(self.status_index.into()),
            Value::Integer(self.issued_on.into()),
        ])
    }

    /// Strict decoding.
    pub fn from_cbor(bytes: &[u8]) -> Result<Self, FormatError> {
        const W: &str = "credential";
        let mut m = IntMap::decode_array(bytes, W, MAX_CREDENTIAL_BYTES, 1..=6)?;
        m.version(VERSION)?;
        let issuer = m.text(2, MAX_ISSUER_ID)?;
        let holder = PublicKey::from_bytes(&m.bytes(3, PUBLIC_KEY_LEN..=PUBLIC_KEY_LEN)?).map_err(|_| m.bad(3))?;
        let root: Node = m.bytes(4, NODE_LEN..=NODE_LEN)?.try_into().map_err(|_| m.bad(4))?;
        let status_index = m.uint(5)?;
        if status_index > MAX_STATUS_INDEX {
            return Err(m.bad(5));
        }
        let issued_on = m.int(6)?;
        if crate::credential::Date::from_days(issued_on).is_none() {
            return Err(m.bad(6));
        }
        m.finish()?;
        Ok(Self { issuer, holder, root, status_index, issued_on })
    }
}

/// A credential parsed from its COSE bytes; the issuer signature is not yet checked.
#[derive(Debug, Clone)]
pub struct Credential {
    bytes: Vec<u8>,
    envelope: Envelope,
    payload: CredentialPayload,
}

/// A credential could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CredentialError {
    /// The COSE envelope is not acceptable.
    #[error("credential envelope: {0}")]
    Cose(#[from] CoseError),
    /// The payload is not acceptable.
    #[error(transparent)]
    Format(#[from] FormatError),
}

impl CredentialError {
    /// A short, stable code ([`CoseError::code`] or [`FormatError::code`]).
    pub fn code(&self) -> &'static str {
        match self {
            CredentialError::Cose(e) => e.code(),
            CredentialError::Format(e) => e.code(),
        }
    }
}

impl Credential {
    /// Sign a credential (issuer side).
    pub fn sign(issuer_key: &KeyPair, payload: CredentialPayload) -> Self {
        let bytes = cose::sign(issuer_key, Context::Credential, payload.to_cbor());
        // We just produced these bytes, so they parse.
        let envelope = Envelope::parse(&bytes, Context::Credential).unwrap_or_else(|_| unreachable_envelope());
        Self { bytes, envelope, payload }
    }

    /// Parse COSE bytes (untrusted).
    pub fn parse(bytes: &[u8]) -> Result<Self, CredentialError> {
        if bytes.len() > MAX_CREDENTIAL_BYTES {
            return Err(FormatError::TooLarge("credential", MAX_CREDENTIAL_BYTES).into());
        }
        let envelope = Envelope::parse(bytes, Context::Credential)?;
        let payload = CredentialPayload::from_cbor(envelope.payload_unverified())?;
        Ok(Self { bytes: bytes.to_vec(), envelope, payload })
    }

    /// The payload (unauthenticated until [`Credential::verify_issuer`] succeeds).
    pub fn payload(&self) -> &CredentialPayload {
        &self.payload
    }

    /// The exact COSE bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// True if `key`'s validity period overlaps the day the credential was signed.
    pub fn signed_within(&self, not_before: UnixTime, not_after: UnixTime) -> bool {
        let day_start = self.payload.issued_on.saturating_mul(86_400);
        let day_end = day_start.saturating_add(86_399);
        not_before <= day_end && not_after >= day_start
    }

    /// Check the issuer signature with one key.
    pub fn verify_issuer(&self, key: &PublicKey) -> Result<(), CoseError> {
        self.envelope.verify(key)
    }

    /// The issuer's envelope (its `Sig_structure` and signature, for benchmarks and second
    /// implementations).
    pub fn envelope(&self) -> &Envelope {
        &self.envelope
    }
}

#[allow(clippy::panic)]
fn unreachable_envelope() -> Envelope {
    panic!("a COSE_Sign1 built by cose::sign always parses")
}

/// What the holder receives from the issuer: the credential, the root seed and every value.
///
/// The root seed is secret: it reveals every salt, so it lives only in the holder's vault.
#[derive(Debug)]
pub struct CredentialBundle {
    credential: Credential,
    root_seed: SecretBytes<NODE_LEN>,
    leaves: [Value; SLOTS],
}

/// A bundle is unusable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum BundleError {
    /// The credential inside is not readable.
    #[error(transparent)]
    Credential(#[from] CredentialError),
    /// The bundle's own structure is malformed.
    #[error(transparent)]
    Format(#[from] FormatError),
    /// A claim value does not fit its slot.
    #[error(transparent)]
    Claim(#[from] super::claims::ClaimValueError),
    /// The values and seed do not produce the signed root: the bundle is not what was signed.
    #[error("claim values do not match the signed disclosure root")]
    RootMismatch,
}

impl CredentialBundle {
    /// Assemble (issuer side) from the signed credential, the seed and the values.
    pub fn new(
        credential: Credential,
        root_seed: SecretBytes<NODE_LEN>,
        leaves: [Value; SLOTS],
    ) -> Result<Self, BundleError> {
        if tree::root(&root_seed, &leaves) != credential.payload().root {
            return Err(BundleError::RootMismatch);
        }
        Ok(Self { credential, root_seed, leaves })
    }

    /// Leaf values of a diploma (`null` where not stated).
    pub fn leaves_of(diploma: &super::Diploma) -> [Value; SLOTS] {
        let slots = diploma_slots(diploma);
        std::array::from_fn(|i| slots[i].as_ref().map_or(Value::Null, ClaimValue::to_cbor))
    }

    /// Serialize: `{1: version, 2: credential bytes, 3: root seed, 4: [16 leaf values]}`.
    pub fn to_bytes(&self) -> Vec<u8> {
        cbor::encode_map(vec![
            (1, Value::Integer(VERSION.into())),
            (2, Value::Bytes(self.credential.as_bytes().to_vec())),
            (3, Value::Bytes(self.root_seed.expose_secret().to_vec())),
            (4, Value::Array(self.leaves.to_vec())),
        ])
    }

    /// Parse (untrusted: a file from the issuer, or a vault record) and check the values
    /// against the signed root. The issuer signature itself is checked by the caller against
    /// a trust list.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, BundleError> {
        const W: &str = "bundle";
        let mut m = IntMap::decode(bytes, W, MAX_BUNDLE_BYTES)?;
        m.version(VERSION)?;
        let credential = Credential::parse(&m.bytes(2, 1..=MAX_CREDENTIAL_BYTES)?)?;
        let seed_bytes = m.bytes(3, NODE_LEN..=NODE_LEN)?;
        let root_seed = SecretBytes::from_slice(&seed_bytes).ok_or(m.bad(3))?;
        let values = m.array(4, SLOTS)?;
        if values.len() != SLOTS {
            return Err(m.bad(4).into());
        }
        m.finish()?;
        let mut leaves: [Value; SLOTS] = std::array::from_fn(|_| Value::Null);
        for (i, v) in values.into_iter().enumerate() {
            // `null` only where the slot table allows it; reserved slots only `null`.
            match ClaimId::from_slot(i) {
                Some(c) if v == Value::Null && !c.nullable() => return Err(FormatError::Bad(W, 4).into()),
                None if v != Value::Null => return Err(FormatError::Bad(W, 4).into()),
                Some(c) if v != Value::Null => {
                    ClaimValue::from_cbor(c, &v)?;
                }
                _ => {}
            }
            leaves[i] = v;
        }
        Self::new(credential, root_seed, leaves)
    }

    /// The credential.
    pub fn credential(&self) -> &Credential {
        &self.credential
    }

    /// The typed value of a claim, if the diploma states it.
    pub fn claim(&self, c: ClaimId) -> Option<ClaimValue> {
        let v = &self.leaves[c.slot()];
        if *v == Value::Null { None } else { ClaimValue::from_cbor(c, v).ok() }
    }

    /// All stated claims, in slot order.
    pub fn claims(&self) -> Vec<(ClaimId, ClaimValue)> {
        ClaimId::ALL.into_iter().filter_map(|c| Some((c, self.claim(c)?))).collect()
    }

    /// The disclosure cover for a set of claims.
    pub fn prove(&self, disclosed: super::ClaimSet) -> Vec<u8> {
        tree::prove(&self.root_seed, &self.leaves, disclosed.mask())
    }

    /// The raw leaf values.
    pub fn leaves(&self) -> &[Value; SLOTS] {
        &self.leaves
    }

    /// A stable identifier: SHA-256 of the credential bytes.
    pub fn id(&self) -> [u8; 32] {
        use sha2::{Digest, Sha256};
        Sha256::digest(self.credential.as_bytes()).into()
    }
}
