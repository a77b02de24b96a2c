//! Issuer input: the JSON a university (or the national education database) exports for one
//! diploma, parsed and validated into a [`Diploma`].
//!
//! The shape is the one in `tests/fixtures/diplomas/`:
//!
//! ```json
//! { "issuer": "kz.enu",
//!   "holder":  { "family_name", "given_names", "family_name_latin"?, "given_names_latin"?,
//!                "birth_date", "iin" },
//!   "diploma": { "degree_level", "program_code", "program_name": {"kk","ru","en"},
//!                "qualification": {"kk","ru","en"}, "honors", "issue_date", "series",
//!                "number", "gpa"?, "study_form"? } }
//! ```
//!
//! Parsing runs in three steps:
//!
//! 1. the input is refused if larger than [`MAX_INPUT_BYTES`], before any parsing;
//! 2. it is parsed as JSON with duplicate keys detected (a plain `serde_json::Value` would
//!    silently keep the last one);
//! 3. each object is read into a raw struct with `#[serde(deny_unknown_fields)]` whose fields
//!    are untyped JSON values, and each value is then checked and converted by hand, so that
//!    every error names its field by JSON path (`holder.iin`, `diploma.program_name.kk`).
//!
//! A JSON `null` is treated as an absent field everywhere: an error for a required field,
//! "not stated" for the optional `gpa` and `study_form`.
//!
//! Errors never carry the input's values (names, IIN, dates…), only a path and a reason.
//! Keys that are not short ASCII identifiers are shown as `*` in paths.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, DeserializeOwned, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Number, Value};

use super::claims::MAX_TEXT_BYTES;
use super::date::Date;
use super::diploma::{DegreeLevel, Diploma, Gpa, Iin, IinError, Lang, Localized, PersonName, StudyForm};
use super::signed::MAX_ISSUER_ID;

/// Largest issuer input accepted, in bytes; larger inputs are refused before parsing.
pub const MAX_INPUT_BYTES: usize = 64 * 1024;

/// A JSON type, as named in [`InputError::WrongType`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum JsonType {
    /// `null`.
    Null,
    /// `true` or `false`.
    Boolean,
    /// A number.
    Number,
    /// A string.
    String,
    /// An array.
    Array,
    /// An object.
    Object,
}

impl JsonType {
    fn of(v: &Value) -> Self {
        match v {
            Value::Null => JsonType::Null,
            Value::Bool(_) => JsonType::Boolean,
            Value::Number(_) => JsonType::Number,
            Value::String(_) => JsonType::String,
            Value::Array(_) => JsonType::Array,
            Value::Object(_) => JsonType::Object,
        }
    }
}

impl fmt::Display for JsonType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            JsonType::Null => "null",
            JsonType::Boolean => "a boolean",
            JsonType::Number => "a number",
            JsonType::String => "a string",
            JsonType::Array => "an array",
            JsonType::Object => "an object",
        })
    }
}

/// Why issuer input was refused. Field errors carry the field's JSON path (see
/// [`InputError::path`]); no variant carries a value from the input.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum InputError {
    /// The input is larger than [`MAX_INPUT_BYTES`].
    #[error("input is larger than {max} bytes")]
    TooLarge {
        /// The limit, in bytes.
        max: usize,
    },
    /// The input is not JSON (or not UTF-8, or has trailing data).
    #[error("not valid JSON (line {line}, column {column})")]
    Syntax {
        /// Line of the error, from 1.
        line: usize,
        /// Column of the error, from 1 (0 at end of input).
        column: usize,
    },
    /// The same key appears twice in one object.
    #[error("{path}: duplicate key")]
    DuplicateKey {
        /// Path of the repeated key.
        path: String,
    },
    /// The document is not a JSON object.
    #[error("the document is not a JSON object")]
    NotAnObject,
    /// A field the format does not define.
    #[error("{path}: unknown field")]
    UnknownField {
        /// Path of the unknown field.
        path: String,
    },
    /// A required field is absent (or `null`).
    #[error("{path}: missing")]
    Missing {
        /// Path of the field.
        path: String,
    },
    /// A field has the wrong JSON type.
    #[error("{path}: expected {expected}, found {found}")]
    WrongType {
        /// Path of the field.
        path: String,
        /// The type the format requires.
        expected: JsonType,
        /// The type found.
        found: JsonType,
    },
    /// A text is empty.
    #[error("{path}: empty")]
    Empty {
        /// Path of the field.
        path: String,
    },
    /// A text is longer than [`MAX_TEXT_BYTES`] bytes of UTF-8 (the issuer id: longer than
    /// [`MAX_ISSUER_ID`] bytes).
    #[error("{path}: longer than {max} bytes")]
    TooLong {
        /// Path of the field.
        path: String,
        /// The limit, in bytes.
        max: usize,
    },
    /// A text contains a control character (including line breaks and tabs) or an invisible
    /// bidirectional-formatting character.
    #[error("{path}: contains a control or bidirectional-formatting character")]
    ControlCharacter {
        /// Path of the field.
        path: String,
    },
    /// A text starts or ends with whitespace.
    #[error("{path}: leading or trailing whitespace")]
    SurroundingWhitespace {
        /// Path of the field.
        path: String,
    },
    /// A Latin-script name has characters other than ASCII letters, spaces, hyphens and
    /// apostrophes (or no letter at all).
    #[error("{path}: only Latin letters A-Z, spaces, hyphens and apostrophes are allowed")]
    NotLatin {
        /// Path of the field.
        path: String,
    },
    /// Not a valid `YYYY-MM-DD` date (years 1900..=2200).
    #[error("{path}: not a date (expected YYYY-MM-DD)")]
    BadDate {
        /// Path of the field.
        path: String,
    },
    /// A date after the `today` given to [`parse_issuer_input`].
    #[error("{path}: date is in the future")]
    DateInFuture {
        /// Path of the field.
        path: String,
    },
    /// The issue date is on or before the holder's birth date.
    #[error("{path}: must be after holder.birth_date")]
    IssueDateNotAfterBirth {
        /// Path of the issue date.
        path: String,
    },
    /// Not one of the degree-level names.
    #[error("{path}: unknown degree level (accepted: {})", names(DegreeLevel::ALL.map(DegreeLevel::name)))]
    UnknownDegreeLevel {
        /// Path of the field.
        path: String,
    },
    /// Not one of the study-form names.
    #[error("{path}: unknown study form (accepted: {})", names(StudyForm::ALL.map(StudyForm::name)))]
    UnknownStudyForm {
        /// Path of the field.
        path: String,
    },
    /// Not a valid IIN (length, non-digits, check digit).
    #[error("{path}: invalid IIN: {reason}")]
    InvalidIin {
        /// Path of the field.
        path: String,
        /// What is wrong with it.
        reason: IinError,
    },
    /// The birth date encoded in the IIN (digits 1–7) is not `holder.birth_date`.
    #[error("{path}: the birth date encoded in the IIN does not match holder.birth_date")]
    IinBirthDateMismatch {
        /// Path of the IIN.
        path: String,
    },
    /// GPA below 0 or above 4.
    #[error("{path}: must be between 0 and 4")]
    GpaOutOfRange {
        /// Path of the field.
        path: String,
    },
    /// GPA with more than two decimals.
    #[error("{path}: must have at most two decimals")]
    GpaPrecision {
        /// Path of the field.
        path: String,
    },
    /// A key of a by-language text is not a language tag the format accepts.
    #[error("{path}: unknown language (accepted: {})", names(Lang::ALL.map(Lang::tag)))]
    UnknownLanguage {
        /// Path of the key.
        path: String,
    },
    /// A by-language text has no language at all.
    #[error("{path}: needs at least one language")]
    NoLanguage {
        /// Path of the field.
        path: String,
    },
    /// `diploma.qualification` is not given in exactly the languages of
    /// `diploma.program_name` (each language's claim carries both).
    #[error("{path}: must have the same languages as diploma.program_name")]
    LanguageMismatch {
        /// Path of the field.
        path: String,
    },
    /// Not a programme code: a digit, a capital Latin letter and five digits (`6B06102`), or
    /// eight digits for TVET (`06120100`).
    #[error(
        "{path}: not a programme code (expected a digit, a capital Latin letter and five digits, or eight digits for TVET)"
    )]
    BadProgramCode {
        /// Path of the field.
        path: String,
    },
    /// The programme code's form does not fit the degree level: `6…` bachelor, `7…` master,
    /// `6…` or `7…` specialist, `8…` doctor, eight digits TVET.
    #[error(
        "{path}: does not fit diploma.degree_level (6... bachelor, 7... master, 6... or 7... specialist, 8... doctor, eight digits TVET)"
    )]
    ProgramCodeLevelMismatch {
        /// Path of the field.
        path: String,
    },
}

impl InputError {
    /// The JSON path of the field at fault (`holder.iin`, `diploma.program_name.kk`), if the
    /// error is about one field.
    pub fn path(&self) -> Option<&str> {
        use InputError as E;
        match self {
            E::TooLarge { .. } | E::Syntax { .. } | E::NotAnObject => None,
            E::DuplicateKey { path }
            | E::UnknownField { path }
            | E::Missing { path }
            | E::WrongType { path, .. }
            | E::Empty { path }
            | E::TooLong { path, .. }
            | E::ControlCharacter { path }
            | E::SurroundingWhitespace { path }
            | E::NotLatin { path }
            | E::BadDate { path }
            | E::DateInFuture { path }
            | E::IssueDateNotAfterBirth { path }
            | E::UnknownDegreeLevel { path }
            | E::UnknownStudyForm { path }
            | E::InvalidIin { path, .. }
            | E::IinBirthDateMismatch { path }
            | E::GpaOutOfRange { path }
            | E::GpaPrecision { path }
            | E::UnknownLanguage { path }
            | E::NoLanguage { path }
            | E::LanguageMismatch { path }
            | E::BadProgramCode { path }
            | E::ProgramCodeLevelMismatch { path } => Some(path),
        }
    }
}

/// `a, b, c`, for the accepted-values lists in error messages.
fn names<const N: usize>(names: [&'static str; N]) -> String {
    names.join(", ")
}

/// Parse and validate issuer input (see the module documentation for the shape and rules).
///
/// `today` is the issuer's current date: birth and issue dates after it are refused.
/// A leading UTF-8 byte-order mark is ignored.
pub fn parse_issuer_input(json: &[u8], today: Date) -> Result<Diploma, InputError> {
    if json.len() > MAX_INPUT_BYTES {
        return Err(InputError::TooLarge { max: MAX_INPUT_BYTES });
    }
    let json = json.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(json);
    let parsed: Checked =
        serde_json::from_slice(json).map_err(|e| InputError::Syntax { line: e.line(), column: e.column() })?;
    if let Some(path) = parsed.duplicate {
        return Err(InputError::DuplicateKey { path: path.render() });
    }
    if !parsed.value.is_object() {
        return Err(InputError::NotAnObject);
    }
    let raw: RawInput = object(&parsed.value, "", RawInput::FIELDS)?;

    let issuer = text(&raw.issuer, "issuer")?;
    // The id becomes the credential's issuer field and the trust list's id: a longer one would
    // give credentials that no wallet or verifier can read.
    if issuer.len() > MAX_ISSUER_ID {
        return Err(InputError::TooLong { path: "issuer".into(), max: MAX_ISSUER_ID });
    }

    let h: RawHolder = object(required(&raw.holder, "holder")?, "holder", RawHolder::FIELDS)?;
    let name = PersonName {
        family: text(&h.family_name, "holder.family_name")?,
        given: text(&h.given_names, "holder.given_names")?,
    };
    let name_latin = match (&h.family_name_latin, &h.given_names_latin) {
        (None, None) => None,
        (family, given) => Some(PersonName {
            family: latin(family, "holder.family_name_latin")?,
            given: latin(given, "holder.given_names_latin")?,
        }),
    };
    let birth_date = date(&h.birth_date, "holder.birth_date", today)?;
    let iin = iin(&h.iin, "holder.iin")?;
    if iin.birth_date() != Some(birth_date) {
        return Err(InputError::IinBirthDateMismatch { path: "holder.iin".into() });
    }

    let d: RawDiploma = object(required(&raw.diploma, "diploma")?, "diploma", RawDiploma::FIELDS)?;
    let degree_level = {
        let path = "diploma.degree_level";
        DegreeLevel::from_name(string(required(&d.degree_level, path)?, path)?)
            .ok_or_else(|| InputError::UnknownDegreeLevel { path: path.into() })?
    };
    let program_code = program_code(&d.program_code, "diploma.program_code", degree_level)?;
    let program_name = localized(&d.program_name, "diploma.program_name")?;
    let qualification = localized(&d.qualification, "diploma.qualification")?;
    if Lang::ALL.iter().any(|l| program_name.get(*l).is_some() != qualification.get(*l).is_some()) {
        return Err(InputError::LanguageMismatch { path: "diploma.qualification".into() });
    }
    let honors = {
        let path = "diploma.honors";
        match required(&d.honors, path)? {
            Value::Bool(b) => *b,
            other => return Err(wrong_type(path, JsonType::Boolean, other)),
        }
    };
    let issue_date = date(&d.issue_date, "diploma.issue_date", today)?;
    if issue_date <= birth_date {
        return Err(InputError::IssueDateNotAfterBirth { path: "diploma.issue_date".into() });
    }
    let series = text(&d.series, "diploma.series")?;
    let number = text(&d.number, "diploma.number")?;
    let gpa = d.gpa.as_ref().map(|v| gpa(v, "diploma.gpa")).transpose()?;
    let study_form = match &d.study_form {
        None => None,
        Some(v) => {
            let path = "diploma.study_form";
            Some(
                StudyForm::from_name(string(v, path)?)
                    .ok_or_else(|| InputError::UnknownStudyForm { path: path.into() })?,
            )
        }
    };

    Ok(Diploma {
        issuer,
        name,
        name_latin,
        birth_date,
        iin,
        degree_level,
        program_code,
        program_name,
        qualification,
        honors,
        issue_date,
        series,
        number,
        gpa,
        study_form,
    })
}

/// The issuer input for a diploma: pretty JSON of the same shape, fields in the fixtures'
/// order. For a diploma returned by [`parse_issuer_input`], parsing the output again gives the
/// same diploma.
pub fn to_issuer_input_json(d: &Diploma) -> String {
    let out = OutInput {
        issuer: &d.issuer,
        holder: OutHolder {
            family_name: &d.name.family,
            given_names: &d.name.given,
            family_name_latin: d.name_latin.as_ref().map(|n| n.family.as_str()),
            given_names_latin: d.name_latin.as_ref().map(|n| n.given.as_str()),
            birth_date: d.birth_date.to_string(),
            iin: d.iin.as_str(),
        },
        diploma: OutDiploma {
            degree_level: d.degree_level.name(),
            program_code: &d.program_code,
            program_name: OutLocalized(&d.program_name),
            qualification: OutLocalized(&d.qualification),
            honors: d.honors,
            issue_date: d.issue_date.to_string(),
            series: &d.series,
            number: &d.number,
            gpa: d.gpa.map(|g| f64::from(g.hundredths()) / 100.0),
            study_form: d.study_form.map(StudyForm::name),
        },
    };
    serde_json::to_string_pretty(&out).expect("plain structs with string keys always serialize to a String")
}

// ---------------------------------------------------------------------------------------------
// Raw structs: the shape, with untyped leaves so that type errors can name their path.

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawInput {
    issuer: Option<Value>,
    holder: Option<Value>,
    diploma: Option<Value>,
}

impl RawInput {
    const FIELDS: &'static [&'static str] = &["issuer", "holder", "diploma"];
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHolder {
    family_name: Option<Value>,
    given_names: Option<Value>,
    family_name_latin: Option<Value>,
    given_names_latin: Option<Value>,
    birth_date: Option<Value>,
    iin: Option<Value>,
}

impl RawHolder {
    const FIELDS: &'static [&'static str] =
        &["family_name", "given_names", "family_name_latin", "given_names_latin", "birth_date", "iin"];
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDiploma {
    degree_level: Option<Value>,
    program_code: Option<Value>,
    program_name: Option<Value>,
    qualification: Option<Value>,
    honors: Option<Value>,
    issue_date: Option<Value>,
    series: Option<Value>,
    number: Option<Value>,
    gpa: Option<Value>,
    study_form: Option<Value>,
}

impl RawDiploma {
    const FIELDS: &'static [&'static str] = &[
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
    ];
}

/// `base.key`, or `key` at the root.
fn join(base: &str, key: &str) -> String {
    if base.is_empty() { key.to_owned() } else { format!("{base}.{key}") }
}

/// A key as shown in a path: itself if a short ASCII identifier, else `*` (keys come from the
/// input and must not smuggle its values into error text).
fn shown_key(key: &str) -> Cow<'_, str> {
    let plain =
        (1..=32).contains(&key.len()) && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if plain { Cow::Borrowed(key) } else { Cow::Borrowed("*") }
}

/// Read an object into its raw struct: unknown keys are refused with their path.
/// `fields` must list the raw struct's fields (`deny_unknown_fields` is the backstop).
fn object<T: DeserializeOwned>(v: &Value, path: &str, fields: &[&str]) -> Result<T, InputError> {
    let Value::Object(map) = v else {
        return Err(wrong_type(path, JsonType::Object, v));
    };
    if let Some(key) = map.keys().find(|k| !fields.contains(&k.as_str())) {
        return Err(InputError::UnknownField { path: join(path, &shown_key(key)) });
    }
    T::deserialize(v).map_err(|_| InputError::UnknownField { path: path.into() })
}

fn wrong_type(path: &str, expected: JsonType, found: &Value) -> InputError {
    InputError::WrongType { path: path.into(), expected, found: JsonType::of(found) }
}

fn required<'v>(v: &'v Option<Value>, path: &str) -> Result<&'v Value, InputError> {
    v.as_ref().ok_or_else(|| InputError::Missing { path: path.into() })
}

fn string<'v>(v: &'v Value, path: &str) -> Result<&'v str, InputError> {
    v.as_str().ok_or_else(|| wrong_type(path, JsonType::String, v))
}

/// Characters refused in any text: controls (C0, DEL, C1, which include line breaks and
/// tabs), bidirectional marks, embeddings, overrides and isolates (they can make a name
/// display as something else), line and paragraph separators, and the byte-order mark.
fn is_refused_char(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{FEFF}'
        )
}

/// Check a text against the rules every text follows.
fn check_text(s: &str, path: &str) -> Result<(), InputError> {
    if s.is_empty() {
        return Err(InputError::Empty { path: path.into() });
    }
    if s.len() > MAX_TEXT_BYTES {
        return Err(InputError::TooLong { path: path.into(), max: MAX_TEXT_BYTES });
    }
    if s.chars().any(is_refused_char) {
        return Err(InputError::ControlCharacter { path: path.into() });
    }
    if s.starts_with(char::is_whitespace) || s.ends_with(char::is_whitespace) {
        return Err(InputError::SurroundingWhitespace { path: path.into() });
    }
    Ok(())
}

/// A required text.
fn text(v: &Option<Value>, path: &str) -> Result<String, InputError> {
    let s = string(required(v, path)?, path)?;
    check_text(s, path)?;
    Ok(s.to_owned())
}

/// A required Latin-script name: ASCII letters, spaces, hyphens, apostrophes; one letter at least.
fn latin(v: &Option<Value>, path: &str) -> Result<String, InputError> {
    let s = text(v, path)?;
    let allowed = s.bytes().all(|b| b.is_ascii_alphabetic() || matches!(b, b' ' | b'-' | b'\''));
    if !allowed || !s.bytes().any(|b| b.is_ascii_alphabetic()) {
        return Err(InputError::NotLatin { path: path.into() });
    }
    Ok(s)
}

/// A required date, not after `today`.
fn date(v: &Option<Value>, path: &str, today: Date) -> Result<Date, InputError> {
    let d =
        Date::parse_iso(string(required(v, path)?, path)?).ok_or_else(|| InputError::BadDate { path: path.into() })?;
    if d > today {
        return Err(InputError::DateInFuture { path: path.into() });
    }
    Ok(d)
}

fn iin(v: &Option<Value>, path: &str) -> Result<Iin, InputError> {
    let s = string(required(v, path)?, path)?;
    if s.is_empty() {
        return Err(InputError::Empty { path: path.into() });
    }
    Iin::parse(s).map_err(|reason| InputError::InvalidIin { path: path.into(), reason })
}

/// A GPA: a JSON number in 0..=4 with at most two decimals.
///
/// JSON numbers arrive as `f64`; the decimals are counted on its shortest round-trip decimal
/// form, so `3.67` and `3.670` are the same, and a longer fraction that rounds to the same
/// `f64` (beyond 15 significant digits) cannot be told apart from it.
fn gpa(v: &Value, path: &str) -> Result<Gpa, InputError> {
    let Value::Number(n) = v else {
        return Err(wrong_type(path, JsonType::Number, v));
    };
    let x = n.as_f64().unwrap_or(f64::NAN);
    if !(0.0..=4.0).contains(&x) {
        return Err(InputError::GpaOutOfRange { path: path.into() });
    }
    let shown = format!("{x}");
    let shown = shown.trim_start_matches('-'); // -0
    let (int, frac) = shown.split_once('.').unwrap_or((shown, ""));
    if frac.len() > 2 {
        return Err(InputError::GpaPrecision { path: path.into() });
    }
    let out_of_range = || InputError::GpaOutOfRange { path: path.into() };
    let int: u16 = int.parse().map_err(|_| out_of_range())?;
    let frac: u16 = format!("{frac:0<2}").parse().map_err(|_| out_of_range())?;
    int.checked_mul(100).and_then(|h| h.checked_add(frac)).and_then(Gpa::from_hundredths).ok_or_else(out_of_range)
}

/// A by-language text: an object with keys exactly `kk`, `ru`, `en` (at least one).
fn localized(v: &Option<Value>, path: &str) -> Result<Localized, InputError> {
    let v = required(v, path)?;
    let Value::Object(map) = v else {
        return Err(wrong_type(path, JsonType::Object, v));
    };
    if map.is_empty() {
        return Err(InputError::NoLanguage { path: path.into() });
    }
    let mut out = Localized::default();
    for (tag, text) in map {
        let lang = Lang::ALL
            .into_iter()
            .find(|l| l.tag() == tag)
            .ok_or_else(|| InputError::UnknownLanguage { path: join(path, &shown_key(tag)) })?;
        let text_path = join(path, lang.tag());
        let s = string(text, &text_path)?;
        check_text(s, &text_path)?;
        out.set(lang, Some(s.to_owned()));
    }
    Ok(out)
}

/// The form of a programme code.
#[derive(Clone, Copy)]
enum CodeForm {
    /// Higher and postgraduate education (`6B06102`): the first digit is the ISCED level.
    Higher(u8),
    /// Technical and vocational education: eight digits.
    Tvet,
}

fn code_form(s: &str) -> Option<CodeForm> {
    match s.as_bytes() {
        [level, letter, rest @ ..]
            if rest.len() == 5
                && level.is_ascii_digit()
                && letter.is_ascii_uppercase()
                && rest.iter().all(u8::is_ascii_digit) =>
        {
            Some(CodeForm::Higher(level - b'0'))
        }
        b if b.len() == 8 && b.iter().all(u8::is_ascii_digit) => Some(CodeForm::Tvet),
        _ => None,
    }
}

/// A programme code whose form fits the degree level: 6 bachelor, 7 master, 8 doctor,
/// 6 or 7 specialist (integrated programmes are classified either way), 8 digits TVET.
fn program_code(v: &Option<Value>, path: &str, level: DegreeLevel) -> Result<String, InputError> {
    let s = text(v, path)?;
    let form = code_form(&s).ok_or_else(|| InputError::BadProgramCode { path: path.into() })?;
    let fits = matches!(
        (level, form),
        (DegreeLevel::Tvet, CodeForm::Tvet)
            | (DegreeLevel::Bachelor, CodeForm::Higher(6))
            | (DegreeLevel::Specialist, CodeForm::Higher(6 | 7))
            | (DegreeLevel::Master, CodeForm::Higher(7))
            | (DegreeLevel::Doctor, CodeForm::Higher(8))
    );
    if !fits {
        return Err(InputError::ProgramCodeLevelMismatch { path: path.into() });
    }
    Ok(s)
}

// ---------------------------------------------------------------------------------------------
// JSON with duplicate keys detected.

/// One step of a path inside the document.
enum Step {
    Key(String),
    Index(usize),
}

/// A path inside the document, outermost step first.
struct StepPath(Vec<Step>);

impl StepPath {
    fn render(&self) -> String {
        let mut out = String::new();
        for step in &self.0 {
            match step {
                Step::Key(k) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(&shown_key(k));
                }
                Step::Index(i) => out.push_str(&format!("[{i}]")),
            }
        }
        out
    }
}

/// A parsed JSON value and the path of its first duplicate key, if any.
struct Checked {
    value: Value,
    duplicate: Option<StepPath>,
}

impl Checked {
    fn leaf(value: Value) -> Self {
        Self { value, duplicate: None }
    }
}

impl<'de> Deserialize<'de> for Checked {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(CheckedVisitor)
    }
}

struct CheckedVisitor;

impl<'de> Visitor<'de> for CheckedVisitor {
    type Value = Checked;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E: de::Error>(self, b: bool) -> Result<Checked, E> {
        Ok(Checked::leaf(Value::Bool(b)))
    }
    fn visit_i64<E: de::Error>(self, n: i64) -> Result<Checked, E> {
        Ok(Checked::leaf(Value::Number(n.into())))
    }
    fn visit_u64<E: de::Error>(self, n: u64) -> Result<Checked, E> {
        Ok(Checked::leaf(Value::Number(n.into())))
    }
    fn visit_f64<E: de::Error>(self, n: f64) -> Result<Checked, E> {
        Ok(Checked::leaf(Number::from_f64(n).map_or(Value::Null, Value::Number)))
    }
    fn visit_str<E: de::Error>(self, s: &str) -> Result<Checked, E> {
        Ok(Checked::leaf(Value::String(s.to_owned())))
    }
    fn visit_string<E: de::Error>(self, s: String) -> Result<Checked, E> {
        Ok(Checked::leaf(Value::String(s)))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Checked, E> {
        Ok(Checked::leaf(Value::Null))
    }
    fn visit_none<E: de::Error>(self) -> Result<Checked, E> {
        Ok(Checked::leaf(Value::Null))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Checked, A::Error> {
        let mut items = Vec::new();
        let mut duplicate = None;
        while let Some(item) = seq.next_element::<Checked>()? {
            if duplicate.is_none()
                && let Some(StepPath(mut inner)) = item.duplicate
            {
                inner.insert(0, Step::Index(items.len()));
                duplicate = Some(StepPath(inner));
            }
            items.push(item.value);
        }
        Ok(Checked { value: Value::Array(items), duplicate })
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Checked, A::Error> {
        let mut object = Map::new();
        let mut duplicate = None;
        while let Some(key) = map.next_key::<String>()? {
            let item = map.next_value::<Checked>()?;
            if duplicate.is_none() {
                if object.contains_key(&key) {
                    duplicate = Some(StepPath(vec![Step::Key(key.clone())]));
                } else if let Some(StepPath(mut inner)) = item.duplicate {
                    inner.insert(0, Step::Key(key.clone()));
                    duplicate = Some(StepPath(inner));
                }
            }
            object.insert(key, item.value);
        }
        Ok(Checked { value: Value::Object(object), duplicate })
    }
}

// ---------------------------------------------------------------------------------------------
// Output structs, in the fixtures' field order.

#[derive(Serialize)]
struct OutInput<'a> {
    issuer: &'a str,
    holder: OutHolder<'a>,
    diploma: OutDiploma<'a>,
}

#[derive(Serialize)]
struct OutHolder<'a> {
    family_name: &'a str,
    given_names: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    family_name_latin: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    given_names_latin: Option<&'a str>,
    birth_date: String,
    iin: &'a str,
}

#[derive(Serialize)]
struct OutDiploma<'a> {
    degree_level: &'static str,
    program_code: &'a str,
    program_name: OutLocalized<'a>,
    qualification: OutLocalized<'a>,
    honors: bool,
    issue_date: String,
    series: &'a str,
    number: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    gpa: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    study_form: Option<&'static str>,
}

/// A by-language text as a JSON object, languages in `kk`, `ru`, `en` order.
struct OutLocalized<'a>(&'a Localized);

impl Serialize for OutLocalized<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let present: Vec<(Lang, &str)> = Lang::ALL.into_iter().filter_map(|l| Some((l, self.0.get(l)?))).collect();
        let mut map = s.serialize_map(Some(present.len()))?;
        for (lang, text) in present {
            map.serialize_entry(lang.tag(), text)?;
        }
        map.end()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const ENU: &str = include_str!("../../../tests/fixtures/diplomas/enu-bachelor-honors.json");
    const KAZNU: &str = include_str!("../../../tests/fixtures/diplomas/kaznu-master.json");
    const SATBAYEV: &str = include_str!("../../../tests/fixtures/diplomas/satbayev-phd.json");
    const TVET: &str = include_str!("../../../tests/fixtures/diplomas/almaty-college-tvet.json");
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
            assert!(matches!(e, InputError::GpaOutOfRange { .. }), "{e:?}");
            assert_eq!(p, "diploma.gpa");
        }
        for v in [serde_json::json!(3.675), serde_json::json!(0.001)] {
            let (e, p) = err_path(with("/diploma/gpa", v));
            assert!(matches!(e, InputError::GpaPrecision { .. }), "{e:?}");
            assert_eq!(p, "diploma.gpa");
        }
        let (e, _) = err_path(with("/diploma/gpa", "3.67".into()));
        assert!(matches!(e, InputError::WrongType { expected: JsonType::Number, found: JsonType::String, .. }));
        // Text form of the number: trailing zeros are not decimals.
        let d = parse(&ENU.replace("3.67", "3.670")).unwrap();
        assert_eq!(d.gpa.map(Gpa::hundredths), Some(367));
        let (e, _) = err_path(parse(&ENU.replace("3.67", "3.671")));
        assert!(matches!(e, InputError::GpaPrecision { .. }));
    }

    #[test]
    fn issuer_id_longer_than_a_credential_allows_is_refused() {
        // Regression: ids of 65..=256 bytes were accepted, then issued as credentials that
        // Credential::parse refuses (field 2 is at most MAX_ISSUER_ID bytes).
        let at = "k".repeat(MAX_ISSUER_ID);
        assert_eq!(with("/issuer", Value::String(at.clone())).unwrap().issuer, at);
        let (e, path) = err_path(with("/issuer", Value::String(format!("{at}k"))));
        assert_eq!(e, InputError::TooLong { path: "issuer".into(), max: MAX_ISSUER_ID });
        assert_eq!(path, "issuer");
    }

    #[test]
    fn size_limit_before_parsing() {
        let mut big = ENU.to_owned();
        big.push_str(&" ".repeat(MAX_INPUT_BYTES - big.len()));
        assert!(parse(&big).is_ok());
        big.push(' ');
        assert_eq!(parse(&big), Err(InputError::TooLarge { max: MAX_INPUT_BYTES }));
        // Refused before parsing: not reported as a syntax error.
        let garbage = vec![b'{'; MAX_INPUT_BYTES + 1];
        assert!(matches!(parse_issuer_input(&garbage, today()), Err(InputError::TooLarge { .. })));
    }

    #[test]
    fn syntax_errors() {
        for bad in ["", "{", r#"{"issuer": }"#, "{\"issuer\": \"kz.enu\",}", "{} {}", "{\"a\": \"\\ud800\"}"] {
            assert!(matches!(parse(bad), Err(InputError::Syntax { .. })), "{bad:?}");
        }
        assert!(matches!(parse_issuer_input(b"{\"issuer\": \"\xff\"}", today()), Err(InputError::Syntax { .. })));
        let (e, _) = err_path(parse("{\n  \"issuer\": @\n}"));
        assert!(matches!(e, InputError::Syntax { line: 2, .. }), "{e:?}");
        // Deep nesting is refused by the JSON parser's depth limit, not by a stack overflow.
        for deep in ["[".repeat(MAX_INPUT_BYTES), "{\"a\":".repeat(MAX_INPUT_BYTES / 5)] {
            let e = parse(&deep).unwrap_err();
            assert!(matches!(e, InputError::Syntax { .. }), "{e:?}");
            assert_eq!(e.path(), None);
        }
        let mut with_bom = b"\xEF\xBB\xBF".to_vec();
        with_bom.extend_from_slice(ENU.as_bytes());
        assert!(parse_issuer_input(&with_bom, today()).is_ok());
    }

    #[test]
    fn structure_errors() {
        assert_eq!(parse("[]"), Err(InputError::NotAnObject));
        assert_eq!(parse("\"kz.enu\""), Err(InputError::NotAnObject));

        let dup = ENU.replace("\"iin\": \"010514600124\"", "\"iin\": \"010514600124\", \"iin\": \"881207301236\"");
        let (e, p) = err_path(parse(&dup));
        assert!(matches!(e, InputError::DuplicateKey { .. }));
        assert_eq!(p, "holder.iin");
        let dup = ENU.replacen("\"kk\"", "\"kk\": \"x\", \"kk\"", 1);
        assert_eq!(err_path(parse(&dup)).1, "diploma.program_name.kk");

        let (e, p) = err_path(with("/extra", Value::Bool(true)));
        assert!(matches!(e, InputError::UnknownField { .. }));
        assert_eq!(p, "extra");
        let (e, p) = err_path(with("/holder/middle_name", "X".into()));
        assert!(matches!(e, InputError::UnknownField { .. }));
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
            assert_eq!(e, InputError::WrongType { path: p.clone(), expected, found }, "{pointer}");
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
            assert!(matches!(e, InputError::Missing { .. }), "{pointer}: {e:?}");
            assert_eq!(p, want);
            // null is the same as absent
            let (e, p) = err_path(with(pointer, Value::Null));
            assert!(matches!(e, InputError::Missing { .. }), "{pointer}: {e:?}");
            assert_eq!(p, want);
        }
        // Latin names come in pairs.
        let (e, p) = err_path(without("/holder/given_names_latin"));
        assert!(matches!(e, InputError::Missing { .. }));
        assert_eq!(p, "holder.given_names_latin");
        let (_, p) = err_path(without("/holder/family_name_latin"));
        assert_eq!(p, "holder.family_name_latin");
    }

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
            check("", |e| matches!(e, InputError::Empty { .. }));
            check(&"A".repeat(MAX_TEXT_BYTES + 1), |e| matches!(e, InputError::TooLong { max: 256, .. }));
            check("A\u{7}B", |e| matches!(e, InputError::ControlCharacter { .. }));
            check("A\nB", |e| matches!(e, InputError::ControlCharacter { .. }));
            check("A\tB", |e| matches!(e, InputError::ControlCharacter { .. }));
            check("A\u{85}B", |e| matches!(e, InputError::ControlCharacter { .. }));
            check("A\u{202E}B", |e| matches!(e, InputError::ControlCharacter { .. }));
            check(" AB", |e| matches!(e, InputError::SurroundingWhitespace { .. }));
            check("AB ", |e| matches!(e, InputError::SurroundingWhitespace { .. }));
            check("AB\u{a0}", |e| matches!(e, InputError::SurroundingWhitespace { .. }));
            check("\u{3000}AB", |e| matches!(e, InputError::SurroundingWhitespace { .. }));
        }
        // The limit is on UTF-8 bytes: 128 Cyrillic letters fit, 129 do not.
        assert!(with("/holder/family_name", "Ә".repeat(128).into()).is_ok());
        let (e, p) = err_path(with("/holder/family_name", "Ә".repeat(129).into()));
        assert!(matches!(e, InputError::TooLong { .. }));
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
            assert!(matches!(e, InputError::NotLatin { .. }), "{bad}: {e:?}");
            assert_eq!(p, "holder.given_names_latin");
        }
    }

    #[test]
    fn dates() {
        for pointer in ["/holder/birth_date", "/diploma/issue_date"] {
            let want = pointer[1..].replace('/', ".");
            for bad in ["2001-02-30", "14.05.2001", "2001-5-14", "", "2001-05-14T00:00:00Z"] {
                let (e, p) = err_path(with(pointer, bad.into()));
                assert!(matches!(e, InputError::BadDate { .. }), "{bad}: {e:?}");
                assert_eq!(p, want);
            }
            let (e, p) = err_path(with(pointer, "2025-06-02".into()));
            assert!(matches!(e, InputError::DateInFuture { .. }), "{e:?}");
            assert_eq!(p, want);
        }
        // Issued today is fine.
        assert!(with("/diploma/issue_date", "2025-06-01".into()).is_ok());
        for before in ["2001-05-14", "2001-05-13", "1999-01-01"] {
            let (e, p) = err_path(with("/diploma/issue_date", before.into()));
            assert!(matches!(e, InputError::IssueDateNotAfterBirth { .. }), "{e:?}");
            assert_eq!(p, "diploma.issue_date");
        }
    }

    #[test]
    fn degree_level_and_study_form() {
        for bad in ["phd", "Bachelor", "bachelor ", "", "5"] {
            let (e, p) = err_path(with("/diploma/degree_level", bad.into()));
            assert!(matches!(e, InputError::UnknownDegreeLevel { .. }), "{e:?}");
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
        assert!(matches!(e, InputError::UnknownStudyForm { .. }));
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
            assert_eq!(e, InputError::InvalidIin { path: p.clone(), reason }, "{bad}");
            assert_eq!(p, "holder.iin");
        }
        let (e, _) = err_path(with("/holder/iin", "".into()));
        assert!(matches!(e, InputError::Empty { .. }));
        // Another day, or the right day in another century (digit 7 says 20xx, female).
        for birth in ["2001-05-15", "1901-05-14"] {
            let (e, p) = err_path(with("/holder/birth_date", birth.into()));
            assert!(matches!(e, InputError::IinBirthDateMismatch { .. }), "{e:?}");
            assert_eq!(p, "holder.iin");
        }
        // Every fixture's IIN agrees with its birth date (parses) — and a valid IIN of
        // another holder does not.
        let (e, _) = err_path(with("/holder/iin", "881207301236".into()));
        assert!(matches!(e, InputError::IinBirthDateMismatch { .. }));
    }

    #[test]
    fn localized_rules() {
        let (e, p) = err_path(with("/diploma/program_name/de", "Informationssysteme".into()));
        assert!(matches!(e, InputError::UnknownLanguage { .. }));
        assert_eq!(p, "diploma.program_name.de");
        assert!(e.to_string().ends_with("(accepted: kk, ru, en)"));
        for tag in ["ru-KZ", "KK", "EN", ""] {
            let (e, _) = err_path(edited(ENU, |v| {
                let q = v["diploma"]["qualification"].as_object_mut().unwrap();
                let t = q.remove("ru").unwrap();
                q.insert(tag.to_owned(), t);
            }));
            assert!(matches!(e, InputError::UnknownLanguage { .. }), "{tag}: {e:?}");
        }

        let (e, p) = err_path(with("/diploma/qualification", serde_json::json!({})));
        assert!(matches!(e, InputError::NoLanguage { .. }));
        assert_eq!(p, "diploma.qualification");
        let (e, p) = err_path(with("/diploma/program_name", serde_json::json!({})));
        assert!(matches!(e, InputError::NoLanguage { .. }));
        assert_eq!(p, "diploma.program_name");

        let (e, p) = err_path(without("/diploma/qualification/en"));
        assert!(matches!(e, InputError::LanguageMismatch { .. }));
        assert_eq!(p, "diploma.qualification");
        let (e, p) = err_path(without("/diploma/program_name/kk"));
        assert!(matches!(e, InputError::LanguageMismatch { .. }));
        assert_eq!(p, "diploma.qualification");

        let (e, p) = err_path(with("/diploma/program_name/ru", Value::Null));
        assert!(matches!(e, InputError::WrongType { .. }));
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
            assert!(matches!(e, InputError::BadProgramCode { .. }), "{bad}: {e:?}");
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
            assert!(matches!(e, InputError::ProgramCodeLevelMismatch { .. }), "{level} {code}: {e:?}");
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
                prop::collection::vec((key.clone(), inner), 0..8)
                    .prop_map(|kv| Value::Object(kv.into_iter().collect())),
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
}
