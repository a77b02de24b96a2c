//! Property: claims → credential → presentation → string → verify gives back the claims.

use proptest::prelude::*;
use qujat_core::credential::{
    ClaimId, ClaimSet, ClaimValue, Date, DegreeLevel, Diploma, Gpa, Iin, Localized, PersonName, StudyForm,
};
use qujat_core::issuer::Issuer;
use qujat_core::keys::KeyPair;
use qujat_core::platform::{ManualClock, SeededRandom};
use qujat_core::presentation::{self, Challenge, PresentationRequest};
use qujat_core::status::StatusList;
use qujat_core::trust::{IssuerEntry, IssuerKey, TrustList, TrustListPayload};
use qujat_core::verifier::{Verdict, Verifier};
use qujat_tests::{DAY, NOW, empty_status};
use std::sync::Arc;

fn text() -> impl Strategy<Value = String> {
    // Cyrillic, Kazakh letters, Latin, digits, punctuation, spaces inside.
    "[А-Яа-яӘәҒғҚқҢңӨөҰұҮүҺһІіA-Za-z0-9][А-Яа-яӘәҒғҚқҢңӨөҰұҮүҺһІіA-Za-z0-9 .,()'-]{0,40}"
}

fn localized() -> impl Strategy<Value = Localized> {
    (proptest::option::of(text()), proptest::option::of(text()), text()).prop_map(|(kk, ru, en)| Localized {
        kk,
        ru,
        en: Some(en),
    })
}

prop_compose! {
    fn diploma()(
        family in text(), given in text(), latin in proptest::option::of(("[A-Z]{1,20}", "[A-Z]{1,20}")),
        level in 0usize..5, code in "[0-9][A-Z][0-9]{5}", program in localized(), qual_en in text(),
        honors in any::<bool>(), issue_days in 0i64..20_000, series in text(), number in "[0-9]{1,10}",
        gpa in proptest::option::of(0u16..=400), form in proptest::option::of(0usize..3),
    ) -> Diploma {
        let qualification = Localized {
            kk: program.kk.as_ref().map(|_| format!("{qual_en} kk")),
            ru: program.ru.as_ref().map(|_| format!("{qual_en} ru")),
            en: Some(qual_en),
        };
        Diploma {
            issuer: "kz.test".into(),
            name: PersonName { family, given },
            name_latin: latin.map(|(f, g)| PersonName { family: f, given: g }),
            birth_date: Date::parse_iso("2001-05-14").unwrap(),
            iin: Iin::parse("010514600124").unwrap(),
            degree_level: DegreeLevel::ALL[level],
            program_code: code,
            program_name: program,
            qualification,
            honors,
            issue_date: Date::from_days(issue_days).unwrap(),
            series,
            number,
            gpa: gpa.and_then(Gpa::from_hundredths),
            study_form: form.map(|f| StudyForm::ALL[f]),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]
    #[test]
    fn claims_survive_the_whole_chain(d in diploma(), mask in 0u16..0x4000, ch in proptest::option::of(0u32..1_000_000)) {
        let rng = Arc::new(SeededRandom::new(b"prop"));
        let anchor = KeyPair::generate(rng.as_ref()).unwrap();
        let issuer = Issuer::new("kz.test", KeyPair::generate(rng.as_ref()).unwrap());
        let holder = KeyPair::generate(rng.as_ref()).unwrap();
        let trust = TrustList::sign(&anchor, TrustListPayload {
            sequence: 1, issued_at: NOW - DAY, expires_at: NOW + DAY,
            issuers: vec![IssuerEntry { id: "kz.test".into(), name: Localized { en: Some("Test".into()), ..Default::default() },
                keys: vec![IssuerKey { key: issuer.public_key(), not_before: 0, not_after: NOW + DAY }] }],
        });
        let clock = Arc::new(ManualClock::new(NOW));
        let v = Verifier::new(anchor.public(), clock, rng.clone());
        v.install_trust_list(&trust).unwrap();
        let key = KeyPair::generate(&SeededRandom::new(b"unused")).unwrap();
        let _ = StatusList::sign(&key, &empty_status("kz.other", 1));
        v.install_status_list(&issuer.status_list(&qujat_core::issuer::Register { next_index: 1, ..Default::default() }, NOW - 10, DAY).unwrap()).unwrap();

        let bundle = issuer.issue(&d, &holder.public(), 0, NOW - DAY, rng.as_ref()).unwrap();
        // The bundle survives its own serialization.
        let bundle = qujat_core::credential::CredentialBundle::from_bytes(&bundle.to_bytes()).unwrap();
        let claims = ClaimSet::from_mask(mask).unwrap();
        let challenge = ch.and_then(Challenge::new);
        let req = PresentationRequest { claims, challenge, ttl_secs: 120 };
        let p = presentation::present(&bundle, &holder, &req, NOW).unwrap();
        let r = v.verify(&p.text, challenge);
        prop_assert_eq!(&r.verdict, &Verdict::Valid);
        for c in ClaimId::ALL {
            let shown = r.claims.get(c);
            if claims.contains(c) {
                let expected = bundle.claim(c);
                prop_assert_eq!(shown, expected.as_ref(), "{:?}", c);
            } else {
                prop_assert!(shown.is_none());
            }
        }
        if let Some(ClaimValue::Name(n)) = r.claims.get(ClaimId::Name) {
            prop_assert_eq!(&n.family, &d.name.family);
        }
    }
}
