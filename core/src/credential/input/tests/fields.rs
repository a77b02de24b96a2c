//! Each field's rules, and the error (kind and path) for each way of breaking them.

use super::*;

#[test]
fn text_rules() {
    let texts = [
        "/issuer",
        "/holder/family_name",
        "/holder/given_names",
        "/holder/family_name_latin",
        "/diploma/program_code",
        "/diploma/program_name/kk",
        "/diploma/qualification/en",
        "/diploma/series",
        "/diploma/number",
    ];
    for pointer in texts {
        let want = pointer[1..].replace('/', ".");
        let check = |value: &str, ok: fn(&InputError) -> bool| {
            let (e, p) = err_path(with(pointer, value.into()));
            assert!(ok(&e), "{pointer} {value:?}: {e:?}");
            assert_eq!(p, want);
        };
        check("", |e| matches!(e.kind(), K::Empty));
        check(&"A".repeat(MAX_TEXT_BYTES + 1), |e| matches!(e.kind(), K::TooLong { max: 256, .. }));
        check("A\u{7}B", |e| matches!(e.kind(), K::ControlCharacter));
        check("A\nB", |e| matches!(e.kind(), K::ControlCharacter));
        check("A\tB", |e| matches!(e.kind(), K::ControlCharacter));
        check("A\u{85}B", |e| matches!(e.kind(), K::ControlCharacter));
        check("A\u{202E}B", |e| matches!(e.kind(), K::ControlCharacter));
        check(" AB", |e| matches!(e.kind(), K::SurroundingWhitespace));
        check("AB ", |e| matches!(e.kind(), K::SurroundingWhitespace));
        check("AB\u{a0}", |e| matches!(e.kind(), K::SurroundingWhitespace));
        check("\u{3000}AB", |e| matches!(e.kind(), K::SurroundingWhitespace));
    }
    // The limit is on UTF-8 bytes: 128 Cyrillic letters fit, 129 do not.
    assert!(with("/holder/family_name", "Ә".repeat(128).into()).is_ok());
    let (e, p) = err_path(with("/holder/family_name", "Ә".repeat(129).into()));
    assert!(matches!(e.kind(), K::TooLong { .. }));
    assert_eq!(p, "holder.family_name");
    // Inner spaces are fine.
    assert!(with("/holder/given_names", "Айгерим Нурлановна".into()).is_ok());
}

#[test]
fn latin_names() {
    for ok in ["O'BRIEN-SMITH", "Abdirakhmanova", "DE LA CRUZ"] {
        assert!(with("/holder/family_name_latin", ok.into()).is_ok(), "{ok}");
    }
    for bad in ["SEİTKALİ", "SEITKALI2", "Сейткали", "O’BRIEN", "SEIT.KALI", "--", "'"] {
        let (e, p) = err_path(with("/holder/given_names_latin", bad.into()));
        assert!(matches!(e.kind(), K::NotLatin), "{bad}: {e:?}");
        assert_eq!(p, "holder.given_names_latin");
    }
}

#[test]
fn dates() {
    for pointer in ["/holder/birth_date", "/diploma/issue_date"] {
        let want = pointer[1..].replace('/', ".");
        for bad in ["2001-02-30", "14.05.2001", "2001-5-14", "", "2001-05-14T00:00:00Z"] {
            let (e, p) = err_path(with(pointer, bad.into()));
            assert!(matches!(e.kind(), K::BadDate), "{bad}: {e:?}");
            assert_eq!(p, want);
        }
        let (e, p) = err_path(with(pointer, "2025-06-02".into()));
        assert!(matches!(e.kind(), K::DateInFuture), "{e:?}");
        assert_eq!(p, want);
    }
    // Issued today is fine.
    assert!(with("/diploma/issue_date", "2025-06-01".into()).is_ok());
    for before in ["2001-05-14", "2001-05-13", "1999-01-01"] {
        let (e, p) = err_path(with("/diploma/issue_date", before.into()));
        assert!(matches!(e.kind(), K::IssueDateNotAfterBirth), "{e:?}");
        assert_eq!(p, "diploma.issue_date");
    }
}

#[test]
fn degree_level_and_study_form() {
    for bad in ["phd", "Bachelor", "bachelor ", "", "5"] {
        let (e, p) = err_path(with("/diploma/degree_level", bad.into()));
        assert!(matches!(e.kind(), K::UnknownDegreeLevel), "{e:?}");
        assert_eq!(p, "diploma.degree_level");
        assert_eq!(
            e.to_string(),
            "diploma.degree_level: unknown degree level (accepted: tvet, bachelor, specialist, master, doctor)"
        );
    }
    for form in StudyForm::ALL {
        let d = with("/diploma/study_form", form.name().into()).unwrap();
        assert_eq!(d.study_form, Some(form));
    }
    let (e, p) = err_path(with("/diploma/study_form", "evening".into()));
    assert!(matches!(e.kind(), K::UnknownStudyForm));
    assert_eq!(p, "diploma.study_form");
    assert!(e.to_string().contains("full_time, part_time, distance"));
}

#[test]
fn iin_rules() {
    for (bad, reason) in [
        ("01051460012", IinError::Length),
        ("0105146001245", IinError::Length),
        ("01051460012x", IinError::NotDigits),
        ("0105 4600124", IinError::NotDigits),
        ("010514600125", IinError::CheckDigit),
    ] {
        let (e, p) = err_path(with("/holder/iin", bad.into()));
        assert_eq!(e.kind(), &K::InvalidIin(reason), "{bad}");
        assert_eq!(p, "holder.iin");
    }
    let (e, _) = err_path(with("/holder/iin", "".into()));
    assert!(matches!(e.kind(), K::Empty));
    // Another day, or the right day in another century (digit 7 says 20xx, female).
    for birth in ["2001-05-15", "1901-05-14"] {
        let (e, p) = err_path(with("/holder/birth_date", birth.into()));
        assert!(matches!(e.kind(), K::IinBirthDateMismatch), "{e:?}");
        assert_eq!(p, "holder.iin");
    }
    // Every fixture's IIN agrees with its birth date (parses) — and a valid IIN of
    // another holder does not.
    let (e, _) = err_path(with("/holder/iin", "881207301236".into()));
    assert!(matches!(e.kind(), K::IinBirthDateMismatch));
}

#[test]
fn localized_rules() {
    let (e, p) = err_path(with("/diploma/program_name/de", "Informationssysteme".into()));
    assert!(matches!(e.kind(), K::UnknownLanguage));
    assert_eq!(p, "diploma.program_name.de");
    assert!(e.to_string().ends_with("(accepted: kk, ru, en)"));
    for tag in ["ru-KZ", "KK", "EN", ""] {
        let (e, _) = err_path(edited(ENU, |v| {
            let q = v["diploma"]["qualification"].as_object_mut().unwrap();
            let t = q.remove("ru").unwrap();
            q.insert(tag.to_owned(), t);
        }));
        assert!(matches!(e.kind(), K::UnknownLanguage), "{tag}: {e:?}");
    }

    let (e, p) = err_path(with("/diploma/qualification", serde_json::json!({})));
    assert!(matches!(e.kind(), K::NoLanguage));
    assert_eq!(p, "diploma.qualification");
    let (e, p) = err_path(with("/diploma/program_name", serde_json::json!({})));
    assert!(matches!(e.kind(), K::NoLanguage));
    assert_eq!(p, "diploma.program_name");

    let (e, p) = err_path(without("/diploma/qualification/en"));
    assert!(matches!(e.kind(), K::LanguageMismatch));
    assert_eq!(p, "diploma.qualification");
    let (e, p) = err_path(without("/diploma/program_name/kk"));
    assert!(matches!(e.kind(), K::LanguageMismatch));
    assert_eq!(p, "diploma.qualification");

    let (e, p) = err_path(with("/diploma/program_name/ru", Value::Null));
    assert!(matches!(e.kind(), K::WrongType { .. }));
    assert_eq!(p, "diploma.program_name.ru");

    // One language only is fine, in both.
    let d = edited(ENU, |v| {
        for f in ["program_name", "qualification"] {
            let m = v["diploma"][f].as_object_mut().unwrap();
            m.remove("kk");
            m.remove("en");
        }
    })
    .unwrap();
    assert_eq!(d.program_name.get(Lang::Kk), None);
    assert_eq!(d.qualification.get(Lang::Ru), Some("Бакалавр информационно-коммуникационных технологий"));
}

#[test]
fn program_code_rules() {
    for bad in ["6B0610", "6b06102", "6B061022", "B606102", "6Б06102", "0612010", "061201000", "6B 06102"] {
        let (e, p) = err_path(with("/diploma/program_code", bad.into()));
        assert!(matches!(e.kind(), K::BadProgramCode), "{bad}: {e:?}");
        assert_eq!(p, "diploma.program_code");
    }
    let level_code = |level: &str, code: &str| {
        edited(ENU, |v| {
            v["diploma"]["degree_level"] = level.into();
            v["diploma"]["program_code"] = code.into();
        })
    };
    for (level, code) in [
        ("bachelor", "6B06102"),
        ("master", "7M04101"),
        ("doctor", "8D07101"),
        ("specialist", "6B10101"),
        ("specialist", "7R01101"),
        ("tvet", "06120100"),
    ] {
        assert!(level_code(level, code).is_ok(), "{level} {code}");
    }
    for (level, code) in [
        ("bachelor", "7M04101"),
        ("bachelor", "06120100"),
        ("master", "6B06102"),
        ("master", "8D07101"),
        ("doctor", "7M04101"),
        ("specialist", "8D07101"),
        ("tvet", "6B06102"),
        ("bachelor", "5B06102"),
    ] {
        let (e, p) = err_path(level_code(level, code));
        assert!(matches!(e.kind(), K::ProgramCodeLevelMismatch), "{level} {code}: {e:?}");
        assert_eq!(p, "diploma.program_code");
    }
}

/// Every error built from the ENU fixture, for the no-user-data check.
#[test]
fn errors_carry_no_user_values() {
    let secrets = [
        "Сейткали",
        "SEITKALI",
        "Айгерим",
        "AIGERIM",
        "010514600124",
        "2001-05-14",
        "0012345",
        "ЖБ-Б",
        "3.67",
        "Information",
        "Ақпараттық",
    ];
    let cases = [
        with("/holder/iin", "010514600125".into()),
        with("/holder/birth_date", "2001-05-15".into()),
        with("/holder/family_name", "Сейткали ".into()),
        with("/holder/family_name_latin", "SEITKALI1".into()),
        with("/holder/given_names", "Айгерим\u{7}".into()),
        with("/holder/Сейткали", "010514600124".into()),
        with("/diploma/gpa", 3.675.into()),
        with("/diploma/number", "0012345\n".into()),
        with("/diploma/degree_level", "Information".into()),
        with("/diploma/program_name/Ақпараттық", "x".into()),
        with("/diploma/issue_date", "2001-05-14".into()),
        parse(&ENU.replace("\"2001-05-14\"", "\"2001-05-14")),
    ];
    for r in cases {
        let e = r.unwrap_err();
        let shown = format!("{e} {e:?}");
        for s in secrets {
            assert!(!shown.contains(s), "{shown} contains {s}");
        }
    }
}

#[test]
fn raw_field_lists_match_the_structs() {
    fn all_null(fields: &[&str]) -> Value {
        Value::Object(fields.iter().map(|f| ((*f).to_owned(), Value::Null)).collect())
    }
    assert!(RawInput::deserialize(&all_null(RawInput::FIELDS)).is_ok());
    assert!(RawHolder::deserialize(&all_null(RawHolder::FIELDS)).is_ok());
    assert!(RawDiploma::deserialize(&all_null(RawDiploma::FIELDS)).is_ok());
    let extra = serde_json::json!({"other": 1});
    assert!(RawInput::deserialize(&extra).is_err());
    assert!(RawHolder::deserialize(&extra).is_err());
    assert!(RawDiploma::deserialize(&extra).is_err());
}
