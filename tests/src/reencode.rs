//! The property that catches every future leniency of a decoder: whatever it accepts re-encodes
//! to exactly the bytes it read (`docs/FORMAT.md` §2.1). Checked by a proptest over mutated
//! valid encodings (`tests/it/reencode.rs`) and by the `reencode` fuzz target.

use qujat_core::cose::{Context, Envelope};
use qujat_core::credential::{Credential, CredentialBundle, CredentialPayload};
use qujat_core::presentation::{PresentationPayload, SignedPresentation, base45, wire};
use qujat_core::status::StatusListPayload;
use qujat_core::trust::TrustListPayload;

/// Which decoders accepted the input (so the proptest can show it explored each).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Accepted {
    pub credential: bool,
    pub bundle: bool,
    pub presentation: bool,
    pub qj1: bool,
    pub trust_list: bool,
    pub status_list: bool,
}

/// Give `bytes` to every decoder; for each that accepts, check the re-encoding is `bytes`
/// exactly. `Err` names the decoder that broke the property.
pub fn check_bytes(bytes: &[u8]) -> Result<Accepted, String> {
    let mut a = Accepted::default();
    let same = |name: &str, again: Vec<u8>| {
        if again == bytes { Ok(()) } else { Err(format!("{name} accepted bytes that re-encode differently")) }
    };
    if let Ok(c) = Credential::parse(bytes) {
        same("credential", c.envelope().encode_with_payload(c.payload().to_cbor()))?;
        a.credential = true;
    }
    if let Ok(p) = CredentialPayload::from_cbor(bytes) {
        same("credential payload", p.to_cbor())?;
    }
    if let Ok(b) = CredentialBundle::from_bytes(bytes) {
        same("bundle", b.to_bytes())?;
        a.bundle = true;
    }
    if let Ok(p) = SignedPresentation::parse(bytes) {
        same("presentation", p.envelope().encode_with_payload(p.payload().to_cbor()))?;
        a.presentation = true;
    }
    if let Ok(p) = PresentationPayload::from_cbor(bytes) {
        same("presentation payload", p.to_cbor())?;
    }
    // The signed lists: the envelope and the payload decoders (a mutated list no longer
    // verifies, so the signature is left out of the property).
    if let Ok(env) = Envelope::parse(bytes, Context::TrustList)
        && let Ok(p) = TrustListPayload::from_cbor(env.payload_unverified())
    {
        same("trust list", env.encode_with_payload(p.to_cbor()))?;
        a.trust_list = true;
    }
    if let Ok(env) = Envelope::parse(bytes, Context::StatusList)
        && let Ok(p) = StatusListPayload::from_cbor(env.payload_unverified())
    {
        same("status list", env.encode_with_payload(p.to_cbor()))?;
        a.status_list = true;
    }
    Ok(a)
}

/// The same for a scanned string: the transport layers re-encode to the stripped text (zlib is
/// kept as sent: it is not canonical, §7), and the presentation inside re-encodes exactly.
pub fn check_text(text: &str) -> Result<Accepted, String> {
    let mut a = Accepted::default();
    if let Ok(compressed) = wire::decode_compressed(text) {
        let again = format!("{}{}", wire::PREFIX, base45::encode(&compressed));
        if again != wire::strip(text) {
            return Err("QJ1 text accepted that re-encodes differently".into());
        }
        if let Ok(cose) = wire::inflate(&compressed) {
            a = check_bytes(&cose)?;
            a.qj1 = a.presentation;
        }
    }
    Ok(a)
}
