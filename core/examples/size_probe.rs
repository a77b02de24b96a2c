use std::sync::Arc;
use qujat_core::credential::*;
use qujat_core::keys::KeyPair;
use qujat_core::platform::*;
use qujat_core::issuer::Issuer;
use qujat_core::presentation::*;

fn main() {
    let rng = SeededRandom::new(b"probe");
    let d = Diploma {
        issuer: "kz.enu".into(),
        name: PersonName { family: "Сейткали".into(), given: "Айгерим Нурлановна".into() },
        name_latin: Some(PersonName { family: "SEITKALI".into(), given: "AIGERIM".into() }),
        birth_date: Date::parse_iso("2001-05-14").unwrap(),
        iin: Iin::parse("010514600124").unwrap(),
        degree_level: DegreeLevel::Bachelor,
        program_code: "6B06102".into(),
        program_name: Localized { kk: Some("Ақпараттық жүйелер".into()), ru: Some("Информационные системы".into()), en: Some("Information Systems".into()) },
        qualification: Localized { kk: Some("Ақпараттық-коммуникациялық технологиялар бакалавры".into()), ru: Some("Бакалавр информационно-коммуникационных технологий".into()), en: Some("Bachelor of Information and Communication Technologies".into()) },
        honors: true,
        issue_date: Date::parse_iso("2023-06-28").unwrap(),
        series: "ЖБ-Б".into(), number: "0012345".into(),
        gpa: Gpa::from_hundredths(367), study_form: Some(StudyForm::FullTime),
    };
    let issuer = Issuer::new("kz.enu", KeyPair::generate(&rng).unwrap());
    let holder = KeyPair::generate(&rng).unwrap();
    let b = issuer.issue(&d, &holder.public(), 12345, 1_780_000_000, &rng).unwrap();
    for (name, set) in [("minimal", ClaimSet::minimal()), ("default", ClaimSet::default_presentation()), ("default-ru", ClaimSet::default_for(Lang::Ru)), ("all", ClaimSet::all())] {
        for ch in [None, Some(Challenge::new(123456).unwrap())] {
            let p = present(&b, &holder, &PresentationRequest { claims: set, challenge: ch, ttl_secs: 120 }, 1_790_000_000).unwrap();
            let cose = wire::decode(&p.text).unwrap();
            let v = |e| qrcode::QrCode::with_error_correction_level(p.text.as_bytes(), e).map(|q| match q.version() { qrcode::Version::Normal(n) => n, _ => 0 }).unwrap_or(-1);
            println!("{name:11} ch={} cose={} chars={} L={} M={} Q={}", ch.is_some(), cose.len(), p.text.len(), v(qrcode::EcLevel::L), v(qrcode::EcLevel::M), v(qrcode::EcLevel::Q));
        }
    }
    let _ = Arc::new(SystemClock);
}
