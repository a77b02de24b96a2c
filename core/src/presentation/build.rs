//! Building a presentation on the holder's phone.

use super::payload::PresentationPayload;
use super::{Challenge, DEFAULT_TTL_SECS, MAX_TTL_SECS, Presentation, wire};
use crate::credential::CredentialBundle;
use crate::credential::claims::ClaimSet;
use crate::credential::cose::{self, Context};
use crate::keys::{KeyPair, PublicKey};
use crate::platform::UnixTime;

/// Something that can sign as the holder: a [`KeyPair`] in tests and tools, the vault's sealed
/// key on the phone.
pub trait HolderSigner {
    /// The holder's public key.
    fn holder_public(&self) -> PublicKey;
    /// Sign the COSE `Sig_structure` bytes.
    fn sign_as_holder(&self, tbs: &[u8]) -> [u8; crate::keys::SIGNATURE_LEN];
}

impl HolderSigner for KeyPair {
    fn holder_public(&self) -> PublicKey {
        self.public()
    }
    fn sign_as_holder(&self, tbs: &[u8]) -> [u8; crate::keys::SIGNATURE_LEN] {
        self.sign(tbs)
    }
}

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
#[non_exhaustive]
pub enum PresentError {
    /// The credential is bound to another holder key than the signer's.
    #[error("this credential belongs to another holder key")]
    NotTheHolder,
    /// Lifetime outside 1..=600 s.
    #[error("presentation lifetime must be between 1 and {MAX_TTL_SECS} seconds")]
    BadLifetime,
}

/// Build and sign a presentation.
pub fn present(
    bundle: &CredentialBundle,
    signer: &dyn HolderSigner,
    request: &PresentationRequest,
    now: UnixTime,
) -> Result<Presentation, PresentError> {
    if request.ttl_secs == 0 || request.ttl_secs > MAX_TTL_SECS {
        return Err(PresentError::BadLifetime);
    }
    if bundle.credential().payload().holder != signer.holder_public() {
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
    let expires_at = payload.expires_at();
    let cose = cose::sign_with(Context::Presentation, payload.to_cbor(), |tbs| signer.sign_as_holder(tbs).to_vec());
    Ok(Presentation { text: wire::encode(&cose), created_at: now, expires_at, claims, challenge: request.challenge })
}
