//! Generated input (strings, bytes, JSON, mutated and spliced fixtures) never panics, and what
//! parses round-trips.

use proptest::prelude::*;

use super::*;

/// JSON values whose keys are mostly the format's own, so that generated documents get
/// past the structure checks and exercise the field rules.
fn json_value() -> impl Strategy<Value = Value> {
    let key = prop_oneof![
        prop::sample::select(vec![
            "issuer",
            "holder",
            "diploma",
            "family_name",
            "given_names",
            "family_name_latin",
            "given_names_latin",
            "birth_date",
            "iin",
            "degree_level",
            "program_code",
            "program_name",
            "qualification",
            "honors",
            "issue_date",
            "series",
            "number",
            "gpa",
            "study_form",
            "kk",
            "ru",
            "en",
        ])
        .prop_map(str::to_owned),
        "\\PC{0,6}",
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        (0u16..=500).prop_map(|h| Value::from(f64::from(h) / 100.0)),
        prop::sample::select(vec![
            "2001-05-14",
            "2030-01-01",
            "010514600124",
            "6B06102",
            "06120100",
            "bachelor",
            "tvet",
            "full_time",
            "ABC",
            "",
        ])
        .prop_map(Value::from),
        "\\PC{0,12}".prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 48, 8, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec((key.clone(), inner), 0..8).prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

/// Pointers to every leaf of the ENU fixture.
const ENU_LEAVES: [&str; 19] = [
    "/issuer",
    "/holder/family_name",
    "/holder/given_names",
    "/holder/family_name_latin",
    "/holder/given_names_latin",
    "/holder/birth_date",
    "/holder/iin",
    "/diploma/degree_level",
    "/diploma/program_code",
    "/diploma/program_name/kk",
    "/diploma/program_name/ru",
    "/diploma/qualification/en",
    "/diploma/honors",
    "/diploma/issue_date",
    "/diploma/series",
    "/diploma/number",
    "/diploma/gpa",
    "/diploma/study_form",
    "/holder",
];

/// If input parses, its serialization parses to the same diploma.
fn assert_round_trip(r: Result<Diploma, InputError>) -> Result<(), TestCaseError> {
    if let Ok(d) = r {
        prop_assert_eq!(parse(&to_issuer_input_json(&d)), Ok(d));
    }
    Ok(())
}

proptest! {
    #[test]
    fn arbitrary_strings_never_panic(s in "\\PC{0,300}") {
        let _ = parse(&s);
    }

    #[test]
    fn arbitrary_bytes_never_panic(b in prop::collection::vec(any::<u8>(), 0..300)) {
        let _ = parse_issuer_input(&b, today());
    }

    #[test]
    fn arbitrary_json_never_panics(v in json_value()) {
        let r = parse(&serde_json::to_string(&v).unwrap());
        assert_round_trip(r)?;
    }

    #[test]
    fn mutated_fixture_never_panics(
        which in 0..FIXTURES.len(),
        at in 0..ENU_LEAVES.len(),
        v in json_value(),
    ) {
        let pointer = ENU_LEAVES[at];
        let r = edited(FIXTURES[which], |doc| {
            if let Some(slot) = doc.pointer_mut(pointer) {
                *slot = v;
            }
        });
        if let Err(e) = &r {
            // The error is about the mutated field (or a rule tying it to another).
            prop_assert!(e.path().is_some(), "{:?}", e);
        }
        assert_round_trip(r)?;
    }

    #[test]
    fn truncated_or_spliced_fixture_never_panics(
        which in 0..FIXTURES.len(),
        cut in 0usize..2000,
        insert in "\\PC{0,8}",
    ) {
        let f = FIXTURES[which];
        let mut cut = cut.min(f.len());
        while !f.is_char_boundary(cut) {
            cut -= 1;
        }
        let spliced = format!("{}{}{}", &f[..cut], insert, &f[cut..]);
        assert_round_trip(parse(&spliced))?;
        let _ = parse(&f[..cut]);
    }
}
