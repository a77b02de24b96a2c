//! COSE_Sign1 (RFC 9052) with EdDSA: the one signature envelope of every Qujat structure.
//!
//! Each structure signs with its own external AAD (a context string), so a signature made for
//! one kind of object can never be replayed as another, at no cost on the wire.

use coset::{CborSerializable, CoseSign1, CoseSign1Builder, HeaderBuilder, iana};

use crate::keys::{KeyPair, PublicKey, SIGNATURE_LEN};

/// Signing contexts (COSE external AAD), one per structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// A diploma credential, signed by the issuer.
    Credential,
    /// A (live) presentation, signed by the holder.
    Presentation,
    /// A document presentation (a printed or e-mailed copy for an audience), signed by the
    /// holder: never accepted as a live presentation, nor the reverse.
    Document,
    /// A status (revocation) list, signed by the issuer.
    StatusList,
    /// A trust list, signed by the trust anchor.
    TrustList,
}

impl Context {
    /// The external AAD bytes.
    pub fn aad(self) -> &'static [u8] {
        match self {
            Context::Credential => b"QJ1 credential",
            Context::Presentation => b"QJ1 presentation",
            Context::Document => b"QJ1 document presentation",
            Context::StatusList => b"QJ1 status list",
            Context::TrustList => b"QJ1 trust list",
        }
    }
}

/// The protected header of every envelope but a presentation's: the encoded map `{1: -8}`
/// (alg: EdDSA), compared as exact bytes.
pub const PROTECTED_EDDSA: [u8; 3] = [0xa1, 0x01, 0x27];

/// Why a COSE_Sign1 envelope was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CoseError {
    /// Not a well-formed untagged COSE_Sign1, or with an embedded payload missing.
    #[error("not a well-formed COSE_Sign1 structure")]
    Malformed,
    /// Not in deterministic CBOR, or using a form the format forbids (a tag, a float …).
    #[error("COSE_Sign1: {0}")]
    Encoding(crate::cbor::Encoding),
    /// The protected header does not say EdDSA, or carries headers this version does not allow.
    #[error("unsupported COSE algorithm or header")]
    UnsupportedAlgorithm,
    /// The signature does not verify with the key tried.
    #[error("signature does not verify")]
    BadSignature,
}

impl CoseError {
    /// A short, stable code: `COSE`, `COSE_HEADER`, `BAD_SIGNATURE`, or the encoding's
    /// ([`crate::cbor::Encoding::code`]).
    pub fn code(self) -> &'static str {
        match self {
            CoseError::Malformed => "COSE",
            CoseError::Encoding(e) => e.code(),
            CoseError::UnsupportedAlgorithm => "COSE_HEADER",
            CoseError::BadSignature => "BAD_SIGNATURE",
        }
    }
}

/// Sign `payload` as an untagged COSE_Sign1 with protected header `{1: -8}` (alg: EdDSA).
pub fn sign(key: &KeyPair, ctx: Context, payload: Vec<u8>) -> Vec<u8> {
    let unsigned = Unsigned::new(ctx, payload);
    let signature = key.sign(&unsigned.to_be_signed());
    unsigned.finish(&signature)
}

/// A COSE_Sign1 envelope built but not yet signed, for a key that lives elsewhere (sealed in
/// the vault, in a secure element): sign [`Unsigned::to_be_signed`], then [`Unsigned::finish`].
/// Signing is a separate step so that a signer that can fail reports its own error.
#[derive(Debug, Clone)]
pub struct Unsigned {
    inner: CoseSign1,
    ctx: Context,
}

impl Unsigned {
    /// The envelope of `payload` for `ctx`.
    pub fn new(ctx: Context, payload: Vec<u8>) -> Self {
        // The presentation's protected header is empty: its algorithm is fixed by the format (the
        // holder key in a v1 credential is Ed25519), which saves 3 bytes in every QR code.
        let protected = match ctx {
            Context::Presentation | Context::Document => HeaderBuilder::new().build(),
            _ => HeaderBuilder::new().algorithm(iana::Algorithm::EdDSA).build(),
        };
        Self { inner: CoseSign1Builder::new().protected(protected).payload(payload).build(), ctx }
    }

    /// The COSE `Sig_structure` bytes the signature covers (RFC 9052 §4.4), with the context's
    /// external AAD.
    pub fn to_be_signed(&self) -> Vec<u8> {
        self.inner.tbs_data(self.ctx.aad())
    }

    /// The envelope's bytes with `signature` (made over [`Unsigned::to_be_signed`]).
    pub fn finish(mut self, signature: &[u8; SIGNATURE_LEN]) -> Vec<u8> {
        self.inner.signature = signature.to_vec();
        // Serializing a structure we just built cannot fail: no value in it is out of range.
        self.inner.to_vec().unwrap_or_default()
    }
}

/// A parsed envelope whose signature has not been checked yet.
#[derive(Debug, Clone)]
pub struct Envelope {
    inner: CoseSign1,
    ctx: Context,
}

impl Envelope {
    /// The exact protected-header bytes an envelope of this context carries.
    pub fn protected_header(ctx: Context) -> &'static [u8] {
        match ctx {
            Context::Presentation | Context::Document => &[],
            _ => &PROTECTED_EDDSA,
        }
    }

    /// Parse bytes; checks the encoding, the structure and the algorithm, not the signature.
    pub fn parse(bytes: &[u8], ctx: Context) -> Result<Self, CoseError> {
        // Deterministic CBOR without tags (so no COSE_Sign1 tag 18) before coset sees it.
        crate::cbor::check_deterministic(bytes).map_err(|e| match e {
            crate::cbor::Encoding::NotWellFormed => CoseError::Malformed,
            e => CoseError::Encoding(e),
        })?;
        let inner = CoseSign1::from_slice(bytes).map_err(|_| CoseError::Malformed)?;
        // The protected header is compared as exact bytes: `a1 01 27` ({1: -8}, alg: EdDSA), and
        // for a presentation the empty byte string (the algorithm is fixed by the format). No
        // other header is defined, so any other parameter, protected or not, is refused rather
        // than ignored; so is another spelling of the same map.
        let p = inner.protected.original_data.as_deref().unwrap_or_default();
        if p != Self::protected_header(ctx) || !inner.unprotected.is_empty() {
            return Err(CoseError::UnsupportedAlgorithm);
        }
        if inner.payload.is_none() || inner.signature.len() != crate::keys::SIGNATURE_LEN {
            return Err(CoseError::Malformed);
        }
        Ok(Self { inner, ctx })
    }

    /// The same envelope, its signature to be checked in `ctx` (of the same header shape: a
    /// presentation's payload says whether it is live or a document).
    pub fn in_context(self, ctx: Context) -> Self {
        debug_assert_eq!(Self::protected_header(ctx), Self::protected_header(self.ctx));
        Self { ctx, ..self }
    }

    /// The payload, **unauthenticated** until [`Envelope::verify`] succeeds.
    pub fn payload_unverified(&self) -> &[u8] {
        self.inner.payload.as_deref().unwrap_or_default()
    }

    /// Check the signature with `key` (`verify_strict`).
    pub fn verify(&self, key: &PublicKey) -> Result<(), CoseError> {
        self.inner.verify_signature(self.ctx.aad(), |sig, tbs| {
            if key.verify(tbs, sig) { Ok(()) } else { Err(CoseError::BadSignature) }
        })
    }

    /// The Sig_structure bytes that were signed (for benchmarks and second implementations).
    pub fn to_be_signed(&self) -> Vec<u8> {
        self.inner.tbs_data(self.ctx.aad())
    }

    /// The signature bytes.
    pub fn signature(&self) -> &[u8] {
        &self.inner.signature
    }

    /// This envelope encoded again, around `payload` (the decoded payload re-encoded): the
    /// protected header of its context, the empty unprotected map, the payload and the signature.
    /// Decoding being strict, for any envelope that parsed this is the bytes it came from when
    /// `payload` is the payload's own re-encoding (the property the tests and the `reencode`
    /// fuzz target check).
    pub fn encode_with_payload(&self, payload: Vec<u8>) -> Vec<u8> {
        crate::cbor::encode(&crate::cbor::Value::Array(vec![
            crate::cbor::Value::Bytes(Self::protected_header(self.ctx).to_vec()),
            crate::cbor::Value::Map(Vec::new()),
            crate::cbor::Value::Bytes(payload),
            crate::cbor::Value::Bytes(self.inner.signature.clone()),
        ]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::SeededRandom;

    #[test]
    fn sign_parse_verify_and_context_separation() {
        let k = KeyPair::generate(&SeededRandom::new(b"c")).unwrap();
        let other = KeyPair::generate(&SeededRandom::new(b"d")).unwrap();
        let bytes = sign(&k, Context::Credential, b"payload".to_vec());
        let env = Envelope::parse(&bytes, Context::Credential).unwrap();
        assert_eq!(env.payload_unverified(), b"payload");
        assert_eq!(env.verify(&k.public()), Ok(()));
        assert_eq!(env.verify(&other.public()), Err(CoseError::BadSignature));
        let wrong_ctx = Envelope::parse(&bytes, Context::StatusList).unwrap();
        assert_eq!(wrong_ctx.verify(&k.public()), Err(CoseError::BadSignature));
        // A presentation's header is the empty byte string, exactly; the others `a1 01 27`.
        assert_eq!(Envelope::parse(&bytes, Context::Presentation).unwrap_err(), CoseError::UnsupportedAlgorithm);
        let p = sign(&k, Context::Presentation, b"payload".to_vec());
        assert_eq!(&p[..3], [0x84, 0x40, 0xa0]);
        assert!(Envelope::parse(&p, Context::Presentation).is_ok());
        assert_eq!(Envelope::parse(&p, Context::Credential).unwrap_err(), CoseError::UnsupportedAlgorithm);
        // A live presentation's signature never verifies as a document's, nor the reverse.
        let live = Envelope::parse(&p, Context::Presentation).unwrap();
        assert_eq!(live.clone().in_context(Context::Document).verify(&k.public()), Err(CoseError::BadSignature));
        let doc = sign(&k, Context::Document, b"payload".to_vec());
        let doc = Envelope::parse(&doc, Context::Document).unwrap();
        assert_eq!(doc.verify(&k.public()), Ok(()));
        assert_eq!(doc.in_context(Context::Presentation).verify(&k.public()), Err(CoseError::BadSignature));
    }

    #[test]
    fn garbage_is_malformed() {
        assert_eq!(Envelope::parse(b"", Context::Credential).unwrap_err(), CoseError::Malformed);
        assert_eq!(
            Envelope::parse(&[0x84, 0x40, 0xa0, 0xf6, 0x40], Context::Credential).unwrap_err(),
            CoseError::UnsupportedAlgorithm
        );
        // Other spellings of the header: the empty map, -8 in two bytes, a tag 18 around it all.
        for bad in ["8443a10127a0f640", "8441a0a0f640", "8444a1013807a0f640"] {
            let b = crate::keys::hex_decode(bad).unwrap();
            assert_eq!(
                Envelope::parse(&b, Context::Presentation).unwrap_err(),
                CoseError::UnsupportedAlgorithm,
                "{bad}"
            );
        }
        let tagged = crate::keys::hex_decode("d28443a10127a0f640").unwrap();
        assert_eq!(
            Envelope::parse(&tagged, Context::Credential).unwrap_err(),
            CoseError::Encoding(crate::cbor::Encoding::Tag)
        );
    }
}
