//! Each way a presentation can fail gives its own verdict.

use qujat_core::credential::{ClaimId, ClaimSet, ClaimValue};
use qujat_core::issuer::Issuer;
use qujat_core::keys::KeyPair;
use qujat_core::platform::{Clock, SeededRandom};
use qujat_core::presentation::{self, Challenge, PresentationRequest};
use qujat_core::trust::{TrustList, TrustListError};
use qujat_core::verifier::{InstallError, Verdict, Verifier};
use qujat_tests::{DAY, NOW, World};

#[test]
fn valid_default_presentation_shows_the_default_claims_only() {
    let mut w = World::new("valid");
    let b = w.issue("enu-bachelor-honors");
    let v = w.verifier();
    let p = w.present(&b, ClaimSet::default_presentation(), None);
    let r = v.verify(&p.text, None);
    assert_eq!(r.verdict, Verdict::Valid);
    assert_eq!(r.issuer.as_ref().unwrap().id, "kz.enu");
    match r.claims.get(ClaimId::Name).unwrap() {
        ClaimValue::Name(n) => assert_eq!(n.family, "Сейткали"),
        other => panic!("{other:?}"),
    }
    for hidden in [ClaimId::Iin, ClaimId::BirthDate, ClaimId::Gpa, ClaimId::NameLatin] {
        assert!(r.claims.get(hidden).is_none(), "{hidden:?} must be hidden");
    }
    assert_eq!(r.expires_at, Some(NOW + 120));
    assert!(r.status.is_some());
}

#[test]
fn forged_issuer_key_is_forged() {
    let mut w = World::new("forged");
    let d = qujat_tests::fixture("enu-bachelor-honors");
    // Someone with their own key claims to be kz.enu.
    let fake = Issuer::new("kz.enu", KeyPair::generate(&SeededRandom::new(b"mallory")).unwrap());
    let b = fake.issue(&d, &w.holder.public(), 0, NOW - DAY, w.rng.as_ref()).unwrap();
    let _ = w.issue("enu-bachelor-honors");
    let r = w.verifier().verify(&w.present(&b, ClaimSet::default_presentation(), None).text, None);
    assert_eq!(r.verdict, Verdict::ForgedIssuerSignature);
    assert!(r.claims.values.is_empty(), "claims of a forgery are never shown");
}

#[test]
fn unknown_issuer() {
    let w = World::new("unknown");
    let mut d = qujat_tests::fixture("enu-bachelor-honors");
    d.issuer = "kz.diploma-mill".into();
    let mill = Issuer::new("kz.diploma-mill", KeyPair::generate(&SeededRandom::new(b"mill")).unwrap());
    let b = mill.issue(&d, &w.holder.public(), 0, NOW - DAY, w.rng.as_ref()).unwrap();
    let r = w.verifier().verify(&w.present(&b, ClaimSet::default_presentation(), None).text, None);
    assert_eq!(r.verdict, Verdict::UnknownIssuer { claimed_id: "kz.diploma-mill".into() });
}

#[test]
fn issuer_key_outside_its_validity() {
    let mut w = World::new("keyperiod");
    let d = qujat_tests::fixture("enu-bachelor-honors");
    let issuer = w.issuer("kz.enu");
    // Signed five years after the key's period ended.
    let b = issuer.issue(&d, &w.holder.public(), 0, NOW + 9 * 365 * DAY, w.rng.as_ref()).unwrap();
    let _ = w.register.allocate();
    let r = w.verifier().verify(&w.present(&b, ClaimSet::default_presentation(), None).text, None);
    assert_eq!(r.verdict, Verdict::IssuerKeyNotValid);
}

#[test]
fn expired_trust_list() {
    let mut w = World::new("tl-expired");
    let b = w.issue("enu-bachelor-honors");
    let v = w.verifier();
    let p = w.present(&b, ClaimSet::default_presentation(), None);
    w.clock.set(NOW + 31 * DAY);
    // Re-present at the new time so that only the trust list is stale.
    let p2 = w.present(&b, ClaimSet::default_presentation(), None);
    let r = v.verify(&p2.text, None);
    assert_eq!(r.verdict, Verdict::TrustListExpired { expired_at: NOW + 30 * DAY });
    assert_ne!(p.text, p2.text);
}

#[test]
fn older_trust_list_is_refused() {
    let w = World::new("rollback");
    let v = w.verifier();
    let newer = TrustList::sign(&w.anchor, World::trust_payload(&w.issuers, 5, NOW + 30 * DAY));
    assert_eq!(v.install_trust_list(&newer).unwrap().sequence, 5);
    let older = TrustList::sign(&w.anchor, World::trust_payload(&w.issuers, 4, NOW + 60 * DAY));
    assert_eq!(v.install_trust_list(&older).unwrap_err(), InstallError::TrustListRollback { held: 5, offered: 4 });
    assert_eq!(v.trust_list_info().unwrap().sequence, 5);
    // The original (sequence 1) too.
    assert!(matches!(
        v.install_trust_list(&w.trust_list),
        Err(InstallError::TrustListRollback { held: 5, offered: 1 })
    ));
    // Not signed by the anchor.
    let rogue = TrustList::sign(
        &KeyPair::generate(&SeededRandom::new(b"rogue")).unwrap(),
        World::trust_payload(&w.issuers, 9, NOW + DAY),
    );
    assert_eq!(v.install_trust_list(&rogue).unwrap_err(), InstallError::TrustList(TrustListError::BadSignature));
}

#[test]
fn revoked_credential() {
    let mut w = World::new("revoked");
    let b = w.issue("enu-bachelor-honors");
    let other = w.issue("enu-bachelor-honors");
    assert!(w.register.revoke(b.credential().payload().status_index));
    let v = w.verifier();
    assert_eq!(v.verify(&w.present(&b, ClaimSet::default_presentation(), None).text, None).verdict, Verdict::Revoked);
    assert_eq!(v.verify(&w.present(&other, ClaimSet::default_presentation(), None).text, None).verdict, Verdict::Valid);
}

#[test]
fn status_unknown_and_stale() {
    let mut w = World::new("status");
    let b = w.issue("enu-bachelor-honors");
    let v = Verifier::new(w.anchor.public(), w.clock.clone(), w.rng.clone());
    v.install_trust_list(&w.trust_list).unwrap();
    let text = w.present(&b, ClaimSet::default_presentation(), None).text;
    assert_eq!(v.verify(&text, None).verdict, Verdict::StatusUnknown);
    v.install_status_list(&w.status_list("kz.enu")).unwrap();
    assert_eq!(v.verify(&text, None).verdict, Verdict::Valid);
    w.clock.set(NOW + 7 * DAY);
    let text = w.present(&b, ClaimSet::default_presentation(), None).text;
    assert_eq!(v.verify(&text, None).verdict, Verdict::StatusStale { valid_until: NOW + 6 * DAY });
}

#[test]
fn expired_presentation() {
    let mut w = World::new("expired");
    let b = w.issue("enu-bachelor-honors");
    let v = w.verifier();
    let p = w.present(&b, ClaimSet::default_presentation(), None);
    w.clock.advance(120);
    assert_eq!(v.verify(&p.text, None).verdict, Verdict::Valid, "valid through its last second");
    w.clock.advance(1);
    assert_eq!(v.verify(&p.text, None).verdict, Verdict::Expired { expired_at: NOW + 120 });
}

#[test]
fn presentation_from_the_future() {
    let mut w = World::new("future");
    let b = w.issue("enu-bachelor-honors");
    let v = w.verifier();
    w.clock.set(NOW + 3600);
    let p = w.present(&b, ClaimSet::default_presentation(), None);
    w.clock.set(NOW);
    assert_eq!(v.verify(&p.text, None).verdict, Verdict::NotYetValid { created_at: NOW + 3600 });
}

#[test]
fn wrong_missing_and_reused_challenge() {
    let mut w = World::new("challenge");
    let b = w.issue("enu-bachelor-honors");
    let v = w.verifier();
    let c = v.new_challenge().unwrap();
    let other = Challenge::new((c.value() + 1) % 1_000_000).unwrap();
    let wrong = w.present(&b, ClaimSet::default_presentation(), Some(other));
    assert_eq!(v.verify(&wrong.text, Some(c)).verdict, Verdict::ChallengeMismatch);
    let none = w.present(&b, ClaimSet::default_presentation(), None);
    assert_eq!(v.verify(&none.text, Some(c)).verdict, Verdict::ChallengeMismatch);
    let right = w.present(&b, ClaimSet::default_presentation(), Some(c));
    let r = v.verify(&right.text, Some(c));
    assert_eq!(r.verdict, Verdict::Valid);
    assert_eq!(r.challenge, Some(c));
    // The same QR (or another made for the same challenge) again: a replay.
    assert_eq!(v.verify(&right.text, Some(c)).verdict, Verdict::ChallengeReused);
    let again = w.present(&b, ClaimSet::default_presentation(), Some(c));
    assert_eq!(v.verify(&again.text, Some(c)).verdict, Verdict::ChallengeReused);
}

#[test]
fn signed_by_another_holder() {
    let mut w = World::new("holder");
    let b = w.issue("enu-bachelor-honors");
    let v = w.verifier();
    let thief = KeyPair::generate(&SeededRandom::new(b"thief")).unwrap();
    // The builder refuses to sign for a credential bound to another key ...
    let req = PresentationRequest::default();
    assert!(presentation::present(&b, &thief, &req, NOW).is_err());
    // ... so the thief builds the payload by hand and signs it.
    let honest = w.present(&b, ClaimSet::default_presentation(), None);
    let forged = qujat_tests::resign_presentation(&honest.text, &thief);
    assert_eq!(v.verify(&forged, None).verdict, Verdict::ForgedHolderSignature);
}

#[test]
fn disclosure_with_a_wrong_salt() {
    let mut w = World::new("salt");
    let b = w.issue("enu-bachelor-honors");
    let v = w.verifier();
    let honest = w.present(&b, ClaimSet::default_presentation(), None);
    // The holder alters the disclosed seed (every salt under it) and re-signs with the right key.
    let forged = qujat_tests::tamper_cover(&honest.text, &w.holder, 0);
    assert_eq!(v.verify(&forged, None).verdict, Verdict::DisclosureMismatch);
    // ... or changes a disclosed value (a better degree) keeping the salts.
    let upgraded = qujat_tests::tamper_value(&honest.text, &w.holder, 1, 5);
    assert_eq!(v.verify(&upgraded, None).verdict, Verdict::DisclosureMismatch);
}

#[test]
fn no_trust_list() {
    let mut w = World::new("notl");
    let b = w.issue("enu-bachelor-honors");
    let v = Verifier::new(w.anchor.public(), w.clock.clone(), w.rng.clone());
    assert_eq!(
        v.verify(&w.present(&b, ClaimSet::default_presentation(), None).text, None).verdict,
        Verdict::NoTrustList
    );
    let _ = w.clock.now();
}
