//! Building a presentation on the holder's phone.

use super::payload::PresentationPayload;
use super::{Challenge, DEFAULT_TTL_SECS, MAX_TTL_SECS, Presentation, wire};
use crate::cose::{self, Context};
use crate::credential::CredentialBundle;
use crate::credential::claims::ClaimSet;
use crate::keys::{KeyPair, PublicKey, SIGNATURE_LEN};
use crate::platform::UnixTime;

/// What the holder asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PresentationRequest {
    /// Claims to disclose.
    pub claims: ClaimSet,
    /// The verifier's challenge, if one was given.
    pub challenge: Option<Challenge>,
    /// Lifetime, seconds (1..=[`MAX_TTL_SECS`]).
    pub ttl_secs: u32,
}

impl Default for PresentationRequest {
    fn default() -> Self {
        Self { claims: ClaimSet::default_presentation(), challenge: None, ttl_secs: DEFAULT_TTL_SECS }
    }
}

/// Why a presentation could not be made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PresentError {
    /// The credential is bound to another holder key than the signer's.
    #[error("this credential belongs to another holder key")]
    NotTheHolder,
    /// Lifetime outside 1..=600 s.
    #[error("presentation lifetime must be between 1 and {MAX_TTL_SECS} seconds")]
    BadLifetime,
}

/// Build and sign a presentation with the holder's key pair (tools, tests, the issuer's demo).
/// On the phone the key stays sealed in the vault: the wallet uses [`prepare`] and signs
/// [`UnsignedPresentation::to_be_signed`] itself.
pub fn present(
    bundle: &CredentialBundle,
    holder: &KeyPair,
    request: &PresentationRequest,
    now: UnixTime,
) -> Result<Presentation, PresentError> {
    let unsigned = prepare(bundle, &holder.public(), request, now)?;
    let signature = holder.sign(&unsigned.to_be_signed());
    Ok(unsigned.finish(&signature))
}

/// A presentation built but not signed yet.
#[derive(Debug, Clone)]
pub struct UnsignedPresentation {
    envelope: cose::Unsigned,
    created_at: UnixTime,
    expires_at: UnixTime,
    claims: ClaimSet,
    challenge: Option<Challenge>,
}

impl UnsignedPresentation {
    /// The bytes the holder signs (the COSE `Sig_structure`).
    pub fn to_be_signed(&self) -> Vec<u8> {
        self.envelope.to_be_signed()
    }

    /// The presentation, with the holder's Ed25519 signature over [`Self::to_be_signed`].
    pub fn finish(self, signature: &[u8; SIGNATURE_LEN]) -> Presentation {
        let cose = self.envelope.finish(signature);
        Presentation {
            text: wire::encode(&cose),
            created_at: self.created_at,
            expires_at: self.expires_at,
            claims: self.claims,
            challenge: self.challenge,
        }
    }
}

/// Build a presentation for the holder key `holder` (which the credential must be bound to),
/// ready to be signed.
pub fn prepare(
    bundle: &CredentialBundle,
    holder: &PublicKey,
    request: &PresentationRequest,
    now: UnixTime,
) -> Result<UnsignedPresentation, PresentError> {
    if request.ttl_secs == 0 || request.ttl_secs > MAX_TTL_SECS {
        return Err(PresentError::BadLifetime);
    }
    if bundle.credential().payload().holder != *holder {
        return Err(PresentError::NotTheHolder);
    }
    let claims = request.claims;
    let payload = PresentationPayload {
        credential: bundle.credential().as_bytes().to_vec(),
        disclosed: claims,
        cover: bundle.prove(claims),
        values: claims.iter().map(|c| bundle.leaves()[c.slot()].clone()).collect(),
        created_at: now,
        ttl_secs: request.ttl_secs,
        challenge: request.challenge,
    };
    Ok(UnsignedPresentation {
        envelope: cose::Unsigned::new(Context::Presentation, payload.to_cbor()),
        created_at: now,
        expires_at: payload.expires_at(),
        claims,
        challenge: request.challenge,
    })
}
