//! Issuer input tests: the fixtures, round trips and the document's structure here; each field's
//! rules in `fields.rs`; generated input that must never panic in `generated.rs`.

use super::*;
use crate::credential::claims::MAX_TEXT_BYTES;
use crate::credential::diploma::{Gpa, IinError};
use error::InputErrorKind as K;
use serde::Deserialize;

const ENU: &str = include_str!("../../../../../tests/fixtures/diplomas/enu-bachelor-honors.json");
const KAZNU: &str = include_str!("../../../../../tests/fixtures/diplomas/kaznu-master.json");
const SATBAYEV: &str = include_str!("../../../../../tests/fixtures/diplomas/satbayev-phd.json");
const TVET: &str = include_str!("../../../../../tests/fixtures/diplomas/almaty-college-tvet.json");
const FIXTURES: [&str; 4] = [ENU, KAZNU, SATBAYEV, TVET];

fn today() -> Date {
    Date::new(2025, 6, 1).unwrap()
}

fn parse(json: &str) -> Result<Diploma, InputError> {
    parse_issuer_input(json.as_bytes(), today())
}

/// Parse `fixture` after `edit` changed its JSON tree.
fn edited(fixture: &str, edit: impl FnOnce(&mut Value)) -> Result<Diploma, InputError> {
    let mut v: Value = serde_json::from_str(fixture).unwrap();
    edit(&mut v);
    parse(&serde_json::to_string(&v).unwrap())
}

/// Parse the ENU fixture with the field at `pointer` (JSON pointer) set to `value`.
fn with(pointer: &str, value: Value) -> Result<Diploma, InputError> {
    with_in(ENU, pointer, value)
}

fn with_in(fixture: &str, pointer: &str, value: Value) -> Result<Diploma, InputError> {
    edited(fixture, |v| {
        let (parent, key) = pointer.rsplit_once('/').unwrap();
        v.pointer_mut(parent).unwrap().as_object_mut().unwrap().insert(key.to_owned(), value);
    })
}

fn without(pointer: &str) -> Result<Diploma, InputError> {
    edited(ENU, |v| {
        let (parent, key) = pointer.rsplit_once('/').unwrap();
        v.pointer_mut(parent).unwrap().as_object_mut().unwrap().remove(key);
    })
}

/// The error's path, asserting the parse failed.
fn err_path(r: Result<Diploma, InputError>) -> (InputError, String) {
    let e = r.unwrap_err();
    let p = e.path().unwrap_or("").to_owned();
    (e, p)
}

mod fields;
mod generated;

#[test]
fn fixtures_parse() {
    let enu = parse(ENU).unwrap();
    assert_eq!(enu.issuer, "kz.enu");
    assert_eq!(enu.name.family, "Сейткали");
    assert_eq!(enu.name_latin.as_ref().unwrap().given, "AIGERIM");
    assert_eq!(enu.birth_date.to_string(), "2001-05-14");
    assert_eq!(enu.iin.as_str(), "010514600124");
    assert_eq!(enu.degree_level, DegreeLevel::Bachelor);
    assert_eq!(enu.program_code, "6B06102");
    assert_eq!(enu.program_name.get(Lang::En), Some("Information Systems"));
    assert!(enu.honors);
    assert_eq!(enu.series, "ЖБ-Б");
    assert_eq!(enu.number, "0012345");
    assert_eq!(enu.gpa.map(Gpa::hundredths), Some(367));
    assert_eq!(enu.study_form, Some(StudyForm::FullTime));

    let kaznu = parse(KAZNU).unwrap();
    assert_eq!(kaznu.degree_level, DegreeLevel::Master);
    assert_eq!(kaznu.name.given, "Гүлнәр Серікқызы");
    assert_eq!(kaznu.gpa.map(Gpa::hundredths), Some(341));
    assert!(!kaznu.honors);

    let phd = parse(SATBAYEV).unwrap();
    assert_eq!(phd.degree_level, DegreeLevel::Doctor);
    assert_eq!(phd.gpa, None);
    assert_eq!(phd.qualification.get(Lang::Kk), Some("Философия докторы (PhD)"));

    let tvet = parse(TVET).unwrap();
    assert_eq!(tvet.degree_level, DegreeLevel::Tvet);
    assert_eq!(tvet.program_code, "06120100");
    assert_eq!(tvet.issue_date.to_string(), "2023-06-30");
}

#[test]
fn round_trip_reproduces_the_fixtures() {
    for fixture in FIXTURES {
        let d = parse(fixture).unwrap();
        let json = to_issuer_input_json(&d);
        assert_eq!(json, fixture.trim_end());
        assert_eq!(parse(&json).unwrap(), d);
    }
}

#[test]
fn round_trip_without_optional_fields() {
    let r = edited(ENU, |v| {
        let h = v["holder"].as_object_mut().unwrap();
        h.remove("family_name_latin");
        h.remove("given_names_latin");
        let d = v["diploma"].as_object_mut().unwrap();
        d.remove("gpa");
        d.insert("study_form".into(), Value::Null);
        d["program_name"].as_object_mut().unwrap().remove("en");
        d["qualification"].as_object_mut().unwrap().remove("en");
    });
    let d = r.unwrap();
    assert_eq!(d.name_latin, None);
    assert_eq!(d.gpa, None);
    assert_eq!(d.study_form, None);
    assert_eq!(d.program_name.get(Lang::En), None);
    let json = to_issuer_input_json(&d);
    assert!(!json.contains("gpa") && !json.contains("study_form") && !json.contains("_latin"));
    assert_eq!(parse(&json).unwrap(), d);
}

#[test]
fn gpa_values() {
    for (v, h) in [
        (serde_json::json!(4), 400),
        (serde_json::json!(4.0), 400),
        (serde_json::json!(0), 0),
        (serde_json::json!(3.1), 310),
        (serde_json::json!(0.05), 5),
        (serde_json::json!(2.99), 299),
    ] {
        let d = with("/diploma/gpa", v).unwrap();
        assert_eq!(d.gpa.map(Gpa::hundredths), Some(h));
        assert_eq!(parse(&to_issuer_input_json(&d)).unwrap(), d);
    }
    for v in [serde_json::json!(4.01), serde_json::json!(-0.5), serde_json::json!(5), serde_json::json!(1e300)] {
        let (e, p) = err_path(with("/diploma/gpa", v));
        assert!(matches!(e.kind(), K::GpaOutOfRange), "{e:?}");
        assert_eq!(p, "diploma.gpa");
    }
    for v in [serde_json::json!(3.675), serde_json::json!(0.001)] {
        let (e, p) = err_path(with("/diploma/gpa", v));
        assert!(matches!(e.kind(), K::GpaPrecision), "{e:?}");
        assert_eq!(p, "diploma.gpa");
    }
    let (e, _) = err_path(with("/diploma/gpa", "3.67".into()));
    assert!(matches!(e.kind(), K::WrongType { expected: JsonType::Number, found: JsonType::String, .. }));
    // Text form of the number: trailing zeros are not decimals.
    let d = parse(&ENU.replace("3.67", "3.670")).unwrap();
    assert_eq!(d.gpa.map(Gpa::hundredths), Some(367));
    let (e, _) = err_path(parse(&ENU.replace("3.67", "3.671")));
    assert!(matches!(e.kind(), K::GpaPrecision));
}

#[test]
fn issuer_id_longer_than_a_credential_allows_is_refused() {
    // Regression: ids of 65..=256 bytes were accepted, then issued as credentials that
    // Credential::parse refuses (field 2 is at most MAX_ISSUER_ID bytes).
    let at = "k".repeat(MAX_ISSUER_ID);
    assert_eq!(with("/issuer", Value::String(at.clone())).unwrap().issuer, at);
    let (e, path) = err_path(with("/issuer", Value::String(format!("{at}k"))));
    assert_eq!(e.kind(), &K::TooLong { max: MAX_ISSUER_ID });
    assert_eq!(path, "issuer");
}

#[test]
fn size_limit_before_parsing() {
    let mut big = ENU.to_owned();
    big.push_str(&" ".repeat(MAX_INPUT_BYTES - big.len()));
    assert!(parse(&big).is_ok());
    big.push(' ');
    let e = parse(&big).unwrap_err();
    assert_eq!(e.kind(), &K::TooLarge { max: MAX_INPUT_BYTES });
    assert_eq!(e.path(), None);
    // Refused before parsing: not reported as a syntax error.
    let garbage = vec![b'{'; MAX_INPUT_BYTES + 1];
    assert!(matches!(parse_issuer_input(&garbage, today()).map_err(|e| e.kind().clone()), Err(K::TooLarge { .. })));
}

#[test]
fn syntax_errors() {
    for bad in ["", "{", r#"{"issuer": }"#, "{\"issuer\": \"kz.enu\",}", "{} {}", "{\"a\": \"\\ud800\"}"] {
        assert!(matches!(parse(bad).map_err(|e| e.kind().clone()), Err(K::Syntax { .. })), "{bad:?}");
    }
    assert!(matches!(
        parse_issuer_input(b"{\"issuer\": \"\xff\"}", today()).map_err(|e| e.kind().clone()),
        Err(K::Syntax { .. })
    ));
    let (e, _) = err_path(parse("{\n  \"issuer\": @\n}"));
    assert!(matches!(e.kind(), K::Syntax { line: 2, .. }), "{e:?}");
    // Deep nesting is refused by the JSON parser's depth limit, not by a stack overflow.
    for deep in ["[".repeat(MAX_INPUT_BYTES), "{\"a\":".repeat(MAX_INPUT_BYTES / 5)] {
        let e = parse(&deep).unwrap_err();
        assert!(matches!(e.kind(), K::Syntax { .. }), "{e:?}");
        assert_eq!(e.path(), None);
    }
    let mut with_bom = b"\xEF\xBB\xBF".to_vec();
    with_bom.extend_from_slice(ENU.as_bytes());
    assert!(parse_issuer_input(&with_bom, today()).is_ok());
}

#[test]
fn structure_errors() {
    for doc in ["[]", "\"kz.enu\""] {
        let e = parse(doc).unwrap_err();
        assert_eq!((e.kind(), e.path()), (&K::NotAnObject, None), "{doc}");
        assert_eq!(e.to_string(), "the document is not a JSON object");
    }

    let dup = ENU.replace("\"iin\": \"010514600124\"", "\"iin\": \"010514600124\", \"iin\": \"881207301236\"");
    let (e, p) = err_path(parse(&dup));
    assert!(matches!(e.kind(), K::DuplicateKey));
    assert_eq!(p, "holder.iin");
    let dup = ENU.replacen("\"kk\"", "\"kk\": \"x\", \"kk\"", 1);
    assert_eq!(err_path(parse(&dup)).1, "diploma.program_name.kk");

    let (e, p) = err_path(with("/extra", Value::Bool(true)));
    assert!(matches!(e.kind(), K::UnknownField));
    assert_eq!(p, "extra");
    let (e, p) = err_path(with("/holder/middle_name", "X".into()));
    assert!(matches!(e.kind(), K::UnknownField));
    assert_eq!(p, "holder.middle_name");
    let (_, p) = err_path(with("/diploma/grade", "A".into()));
    assert_eq!(p, "diploma.grade");
    // A key that could carry personal data is not echoed.
    let (_, p) = err_path(with("/holder/Сейткали Айгерим", "X".into()));
    assert_eq!(p, "holder.*");

    for (pointer, expected, found, value) in [
        ("/holder", JsonType::Object, JsonType::String, "x".into()),
        ("/diploma", JsonType::Object, JsonType::Array, serde_json::json!([])),
        ("/issuer", JsonType::String, JsonType::Number, 7.into()),
        ("/holder/iin", JsonType::String, JsonType::Number, 10514600124_u64.into()),
        ("/holder/birth_date", JsonType::String, JsonType::Number, 20010514.into()),
        ("/diploma/honors", JsonType::Boolean, JsonType::String, "yes".into()),
        ("/diploma/program_name", JsonType::Object, JsonType::String, "IS".into()),
        ("/diploma/program_name/kk", JsonType::String, JsonType::Boolean, true.into()),
        ("/diploma/degree_level", JsonType::String, JsonType::Number, 2.into()),
        ("/diploma/study_form", JsonType::String, JsonType::Object, serde_json::json!({})),
    ] {
        let (e, p) = err_path(with(pointer, value));
        assert_eq!(e.kind(), &K::WrongType { expected, found }, "{pointer}");
        assert_eq!(p, pointer[1..].replace('/', "."));
    }
}

#[test]
fn missing_fields() {
    for pointer in [
        "/issuer",
        "/holder",
        "/diploma",
        "/holder/family_name",
        "/holder/given_names",
        "/holder/birth_date",
        "/holder/iin",
        "/diploma/degree_level",
        "/diploma/program_code",
        "/diploma/program_name",
        "/diploma/qualification",
        "/diploma/honors",
        "/diploma/issue_date",
        "/diploma/series",
        "/diploma/number",
    ] {
        let want = pointer[1..].replace('/', ".");
        let (e, p) = err_path(without(pointer));
        assert!(matches!(e.kind(), K::Missing), "{pointer}: {e:?}");
        assert_eq!(p, want);
        // null is the same as absent
        let (e, p) = err_path(with(pointer, Value::Null));
        assert!(matches!(e.kind(), K::Missing), "{pointer}: {e:?}");
        assert_eq!(p, want);
    }
    // Latin names come in pairs.
    let (e, p) = err_path(without("/holder/given_names_latin"));
    assert!(matches!(e.kind(), K::Missing));
    assert_eq!(p, "holder.given_names_latin");
    let (_, p) = err_path(without("/holder/family_name_latin"));
    assert_eq!(p, "holder.family_name_latin");
}
