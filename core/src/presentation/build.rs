//! Building a presentation on the holder's phone.

use super::payload::{AudienceError, PresentationPayload, check_audience};
use super::{
    Challenge, DEFAULT_DOCUMENT_DAYS, DEFAULT_TTL_SECS, MAX_DOCUMENT_DAYS, MAX_TTL_SECS, Presentation, SECS_PER_DAY,
    wire,
};
use crate::cose;
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

/// What the holder asks for when making a document presentation (a printed or e-mailed copy).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentRequest {
    /// Claims to disclose.
    pub claims: ClaimSet,
    /// Who the copy is for, shown to the verifier (1–128 bytes, see
    /// [`super::check_audience`]).
    pub audience: String,
    /// Validity in days, 1..=[`MAX_DOCUMENT_DAYS`] (default [`DEFAULT_DOCUMENT_DAYS`]).
    pub days: u32,
}

impl DocumentRequest {
    /// The default claims for `audience`, valid for the default 30 days.
    pub fn new(audience: impl Into<String>) -> Self {
        Self { claims: ClaimSet::default_presentation(), audience: audience.into(), days: DEFAULT_DOCUMENT_DAYS }
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
    /// A document's validity outside 1..=90 days.
    #[error("a document presentation is valid for 1 to {MAX_DOCUMENT_DAYS} days")]
    BadDocumentLifetime,
    /// The audience is refused (empty, too long, or a control character).
    #[error(transparent)]
    BadAudience(#[from] AudienceError),
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

/// Build and sign a document presentation with the holder's key pair (tools, tests). The
/// wallet uses [`prepare_document`] and signs with the sealed key
/// (`Wallet::present_document`).
pub fn build_document(
    bundle: &CredentialBundle,
    holder: &KeyPair,
    request: &DocumentRequest,
    now: UnixTime,
) -> Result<Presentation, PresentError> {
    let unsigned = prepare_document(bundle, &holder.public(), request, now)?;
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
    audience: Option<String>,
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
            audience: self.audience,
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
    unsigned(bundle, holder, request.claims, request.ttl_secs, request.challenge, None, now)
}

/// Build a document presentation (for paper and e-mail: bound to `request.audience`, valid
/// for `request.days` days, never answering a challenge) for the holder key `holder`, ready to
/// be signed.
pub fn prepare_document(
    bundle: &CredentialBundle,
    holder: &PublicKey,
    request: &DocumentRequest,
    now: UnixTime,
) -> Result<UnsignedPresentation, PresentError> {
    if request.days == 0 || request.days > MAX_DOCUMENT_DAYS {
        return Err(PresentError::BadDocumentLifetime);
    }
    check_audience(&request.audience)?;
    let ttl_secs = request.days * SECS_PER_DAY;
    unsigned(bundle, holder, request.claims, ttl_secs, None, Some(request.audience.clone()), now)
}

/// The one assembly of both kinds: the payload, and the envelope in the kind's context.
fn unsigned(
    bundle: &CredentialBundle,
    holder: &PublicKey,
    claims: ClaimSet,
    ttl_secs: u32,
    challenge: Option<Challenge>,
    audience: Option<String>,
    now: UnixTime,
) -> Result<UnsignedPresentation, PresentError> {
    if bundle.credential().payload().holder != *holder {
        return Err(PresentError::NotTheHolder);
    }
    let payload = PresentationPayload {
        credential: bundle.credential().as_bytes().to_vec(),
        disclosed: claims,
        cover: bundle.prove(claims),
        values: claims.iter().map(|c| bundle.leaves()[c.slot()].clone()).collect(),
        created_at: now,
        ttl_secs,
        challenge,
        audience,
    };
    Ok(UnsignedPresentation {
        envelope: cose::Unsigned::new(payload.context(), payload.to_cbor()),
        created_at: now,
        expires_at: payload.expires_at(),
        claims,
        challenge,
        audience: payload.audience,
    })
}
