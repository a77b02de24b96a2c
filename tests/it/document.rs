//! Document presentations (issue 12): a printed or e-mailed copy bound to an audience, valid for
//! days, never passing as a live presentation nor the reverse, never answering a challenge.

use proptest::prelude::*;
use qujat_core::cose::{self, Context, CoseError, Envelope};
use qujat_core::credential::{ClaimId, ClaimSet, CredentialBundle};
use qujat_core::platform::Clock;
use qujat_core::presentation::{
    self, AudienceError, DocumentRequest, PresentError, Presentation, SignedPresentation, wire,
};
use qujat_core::verifier::{PresentationKind, Verdict};
use qujat_tests::{DAY, NOW, World, payload_of};

const AUDIENCE: &str = "Kaspi Bank HR";

fn document(w: &World, b: &CredentialBundle, audience: &str, days: u32) -> Result<Presentation, PresentError> {
    let req = DocumentRequest { claims: ClaimSet::default_presentation(), audience: audience.to_owned(), days };
    presentation::build_document(b, &w.holder, &req, w.clock.now())
}

/// The payload bytes signed under `ctx` with the holder key (a forger who owns the key but
/// tries the other kind's context, or the other kind's payload).
fn signed_as(w: &World, payload_cbor: Vec<u8>, ctx: Context) -> String {
    wire::encode(&cose::sign(&w.holder, ctx, payload_cbor))
}

#[test]
fn a_document_is_valid_and_says_what_it_is() {
    let mut w = World::new("doc-valid");
    let b = w.issue("enu-bachelor-honors");
    let p = document(&w, &b, AUDIENCE, presentation::DEFAULT_DOCUMENT_DAYS).unwrap();
    assert_eq!(p.audience.as_deref(), Some(AUDIENCE));
    assert_eq!(p.expires_at, NOW + 30 * DAY);
    assert!(p.challenge.is_none());
    // Verified 5 days later (within the status list's week): valid, a live one would be long gone.
    w.clock.set(NOW + 5 * DAY);
    let v = w.verifier();
    let r = v.verify(&p.text, None);
    assert_eq!(r.verdict, Verdict::Valid, "{r:?}");
    assert_eq!(r.kind, Some(PresentationKind::Document { audience: AUDIENCE.into() }));
    assert_eq!((r.created_at, r.expires_at), (Some(NOW), Some(NOW + 30 * DAY)));
    assert_eq!(
        r.document_line().unwrap(),
        "printed/e-mailed copy for Kaspi Bank HR, made on 2026-11-25, valid until 2026-12-25"
    );
    assert!(r.claims.get(ClaimId::Name).is_some());
    // A live one says it is live, and has no document line.
    let live = v.verify(&w.present(&b, ClaimSet::default_presentation(), None).text, None);
    assert_eq!(live.document_line(), None);
    assert_eq!((live.verdict, live.kind), (Verdict::Valid, Some(PresentationKind::Live)));
}

#[test]
fn a_document_signature_never_passes_as_live_nor_the_reverse() {
    let mut w = World::new("doc-aad");
    let b = w.issue("enu-bachelor-honors");
    let v = w.verifier();
    let doc = document(&w, &b, AUDIENCE, 30).unwrap();
    let live = w.present(&b, ClaimSet::default_presentation(), None);
    // The same bytes and signature, checked in the other context: the signature fails.
    for (text, ctx, other) in
        [(&doc.text, Context::Document, Context::Presentation), (&live.text, Context::Presentation, Context::Document)]
    {
        let bytes = wire::decode(text).unwrap();
        let key = SignedPresentation::parse(&bytes).unwrap().credential().payload().holder;
        let env = Envelope::parse(&bytes, ctx).unwrap();
        assert_eq!(env.verify(&key), Ok(()));
        assert_eq!(Envelope::parse(&bytes, other).unwrap().verify(&key), Err(CoseError::BadSignature));
    }
    // A document payload signed in the live context, and a live payload in the document
    // context (by the real holder key): the verifier refuses both as forged.
    let doc_payload = payload_of(&doc.text).to_cbor();
    let live_payload = payload_of(&live.text).to_cbor();
    for forged in [signed_as(&w, doc_payload, Context::Presentation), signed_as(&w, live_payload, Context::Document)] {
        assert_eq!(v.verify(&forged, None).verdict, Verdict::ForgedHolderSignature);
    }
    // The document with its audience removed (now a live payload) keeps no valid signature.
    let mut stripped = payload_of(&doc.text);
    stripped.audience = None;
    stripped.ttl_secs = presentation::MAX_TTL_SECS;
    // The document's own signature on it (same envelope shape): refused as forged.
    let bytes = wire::decode(&doc.text).unwrap();
    let env = Envelope::parse(&bytes, Context::Document).unwrap();
    let spliced = env.encode_with_payload(stripped.to_cbor());
    assert_eq!(v.verify(&wire::encode(&spliced), None).verdict, Verdict::ForgedHolderSignature);
}

#[test]
fn a_changed_audience_breaks_the_signature() {
    let mut w = World::new("doc-audience");
    let b = w.issue("kaznu-master");
    let v = w.verifier();
    let doc = document(&w, &b, AUDIENCE, 30).unwrap();
    let bytes = wire::decode(&doc.text).unwrap();
    let env = Envelope::parse(&bytes, Context::Document).unwrap();
    let mut p = payload_of(&doc.text);
    p.audience = Some("Halyk Bank HR".into());
    let changed = wire::encode(&env.encode_with_payload(p.to_cbor()));
    assert_eq!(v.verify(&changed, None).verdict, Verdict::ForgedHolderSignature);
    assert_eq!(v.verify(&doc.text, None).verdict, Verdict::Valid);
}

#[test]
fn a_document_is_refused_after_its_validity() {
    let mut w = World::new("doc-expiry");
    let b = w.issue("satbayev-phd");
    let doc = document(&w, &b, AUDIENCE, 1).unwrap();
    let v = w.verifier();
    w.clock.set(NOW + DAY);
    assert_eq!(v.verify(&doc.text, None).verdict, Verdict::Valid);
    w.clock.set(NOW + DAY + 1);
    assert_eq!(v.verify(&doc.text, None).verdict, Verdict::Expired { expired_at: NOW + DAY });
}

#[test]
fn a_verifier_that_asked_a_challenge_never_accepts_a_document() {
    let mut w = World::new("doc-challenge");
    let b = w.issue("enu-bachelor-honors");
    let v = w.verifier();
    let doc = document(&w, &b, AUDIENCE, 30).unwrap();
    let c = v.new_challenge().unwrap();
    let r = v.verify(&doc.text, Some(c));
    assert_eq!(r.verdict, Verdict::DocumentNotLive);
    assert!(!r.verdict.view().answers_challenge);
    // The challenge was not spent: the live answer to it is accepted.
    let live = w.present(&b, ClaimSet::default_presentation(), Some(c));
    assert_eq!(v.verify(&live.text, Some(c)).verdict, Verdict::Valid);
}

#[test]
fn a_revoked_diploma_is_revoked_on_paper_too() {
    let mut w = World::new("doc-revoked");
    let b = w.issue("almaty-college-tvet");
    let doc = document(&w, &b, AUDIENCE, 30).unwrap();
    assert!(w.register.revoke(b.credential().payload().status_index));
    let r = w.verifier().verify(&doc.text, None);
    assert_eq!(r.verdict, Verdict::Revoked);
    assert_eq!(r.kind, Some(PresentationKind::Document { audience: AUDIENCE.into() }));
}

#[test]
fn audience_and_validity_bounds_at_build() {
    let mut w = World::new("doc-bounds");
    let b = w.issue("enu-bachelor-honors");
    let max = "ы".repeat(64); // 128 bytes
    assert!(document(&w, &b, &max, 90).is_ok());
    assert!(document(&w, &b, "A", 1).is_ok());
    for (audience, days, err) in [
        ("", 30, PresentError::BadAudience(AudienceError::Length)),
        (&*format!("{max}a"), 30, PresentError::BadAudience(AudienceError::Length)),
        ("HR\ndept", 30, PresentError::BadAudience(AudienceError::Character)),
        ("HR\u{85}", 30, PresentError::BadAudience(AudienceError::Character)),
        (" HR", 30, PresentError::BadAudience(AudienceError::Character)),
        (AUDIENCE, 0, PresentError::BadDocumentLifetime),
        (AUDIENCE, 91, PresentError::BadDocumentLifetime),
    ] {
        assert_eq!(document(&w, &b, audience, days).unwrap_err(), err, "{audience:?} {days}");
    }
}

#[test]
fn out_of_bounds_documents_are_malformed_at_verify_even_when_signed() {
    let mut w = World::new("doc-verify-bounds");
    let b = w.issue("enu-bachelor-honors");
    let v = w.verifier();
    let doc = document(&w, &b, AUDIENCE, 30).unwrap();
    let resign = |f: &dyn Fn(&mut presentation::PresentationPayload)| {
        let mut p = payload_of(&doc.text);
        f(&mut p);
        signed_as(&w, p.to_cbor(), Context::Document)
    };
    let malformed = |text: String| match v.verify(&text, None).verdict {
        Verdict::Malformed(r) => r.code(),
        other => panic!("{other:?}"),
    };
    assert_eq!(malformed(resign(&|p| p.ttl_secs = 91 * 86_400)), "BAD_FIELD");
    assert_eq!(malformed(resign(&|p| p.ttl_secs = 30 * 86_400 + 1)), "BAD_FIELD");
    assert_eq!(malformed(resign(&|p| p.audience = Some(String::new()))), "BAD_FIELD");
    assert_eq!(malformed(resign(&|p| p.audience = Some("a".repeat(129)))), "BAD_FIELD");
    assert_eq!(malformed(resign(&|p| p.audience = Some("HR\u{7}".into()))), "BAD_FIELD");
    // A live presentation's lifetime stays at most 600 s.
    let live = w.present(&b, ClaimSet::default_presentation(), None);
    let mut p = payload_of(&live.text);
    p.ttl_secs = 86_400;
    assert_eq!(malformed(signed_as(&w, p.to_cbor(), Context::Presentation)), "BAD_FIELD");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]
    #[test]
    fn document_round_trip(audience in "[A-Za-zА-Яа-яӘәҒғ0-9 .,&-]{0,40}", days in 1u32..=90, mask in 1u16..0x3fff) {
        let audience = format!("HR {}", audience.trim());
        let mut w = World::new("doc-prop");
        let b = w.issue("kaznu-master");
        let claims = ClaimSet::from_mask(mask).unwrap_or_default();
        let req = DocumentRequest { claims, audience: audience.trim().to_owned(), days };
        let doc = presentation::build_document(&b, &w.holder, &req, NOW).unwrap();
        let p = payload_of(&doc.text);
        prop_assert_eq!(p.audience.as_deref(), Some(audience.trim()));
        prop_assert_eq!(p.ttl_secs, days * 86_400);
        prop_assert_eq!(p.disclosed, claims);
        let r = w.verifier().verify(&doc.text, None);
        prop_assert_eq!(r.verdict, Verdict::Valid);
        prop_assert_eq!(r.expires_at, Some(NOW + i64::from(days) * DAY));
    }
}

#[test]
fn the_verification_record_says_document_and_the_audience_and_fits_the_schema() {
    use qujat_core::verifier::VerificationRecord;
    let mut w = World::new("doc-record");
    let b = w.issue("enu-bachelor-honors");
    let doc = document(&w, &b, AUDIENCE, 30).unwrap();
    let live = w.present(&b, ClaimSet::default_presentation(), None);
    let v = w.verifier();
    let json = |text: &str| -> serde_json::Value {
        let r = v.verify(text, None);
        serde_json::from_str(&VerificationRecord::new(&r, text).to_json()).unwrap()
    };
    let (d, l, m) = (json(&doc.text), json(&live.text), json("QJ1:NOT-A-PRESENTATION"));
    assert_eq!(
        (d["verdict"].as_str(), d["kind"].as_str(), d["audience"].as_str()),
        (Some("VALID"), Some("document"), Some(AUDIENCE))
    );
    assert_eq!((l["kind"].as_str(), l["audience"].is_null()), (Some("live"), true));
    assert_eq!((m["verdict"].as_str(), m["kind"].as_str()), (Some("MALFORMED"), Some("unknown")));

    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    let url = "https://qujat.kz/schemas/verification-record/1.json";
    let schema = include_str!("../../docs/schemas/verification-record.schema.json");
    compiler.add_resource(url, serde_json::from_str(schema).unwrap()).unwrap();
    let index = compiler.compile(url, &mut schemas).unwrap();
    for record in [&d, &l, &m] {
        schemas.validate(record, index).unwrap_or_else(|e| panic!("{e}: {record}"));
    }
    // The schema would notice a kind it does not know.
    let mut odd = d.clone();
    odd["kind"] = "paper".into();
    assert!(schemas.validate(&odd, index).is_err());
}
