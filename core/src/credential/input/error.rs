//! Why issuer input was refused: the field's path and what is wrong with it.

use std::fmt;

use serde_json::Value;

use crate::credential::diploma::{DegreeLevel, IinError, Lang, StudyForm};

/// A JSON type, as named in [`InputErrorKind::WrongType`].
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
    pub(super) fn of(v: &Value) -> Self {
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

/// Why issuer input was refused: the JSON path of the field at fault (none for errors about
/// the whole document) and what is wrong with it. Neither carries a value from the input.
///
/// Shown as `path: reason` (`holder.iin: invalid IIN: wrong check digit`), or the reason alone
/// for the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    path: Option<String>,
    kind: InputErrorKind,
}

impl InputError {
    /// An error about the field at `path`.
    pub(super) fn at(path: impl Into<String>, kind: InputErrorKind) -> Self {
        Self { path: Some(path.into()), kind }
    }

    /// An error about the whole document.
    pub(super) fn document(kind: InputErrorKind) -> Self {
        Self { path: None, kind }
    }

    /// `path` has the wrong JSON type.
    pub(super) fn wrong_type(path: &str, expected: JsonType, found: &Value) -> Self {
        Self::at(path, InputErrorKind::WrongType { expected, found: JsonType::of(found) })
    }

    /// The JSON path of the field at fault (`holder.iin`, `diploma.program_name.kk`), or `None`
    /// if the error is about the whole document ([`InputErrorKind::TooLarge`],
    /// [`InputErrorKind::Syntax`], [`InputErrorKind::NotAnObject`]).
    pub fn path(&self) -> Option<&str> {
        self.path.as_deref()
    }

    /// What is wrong.
    pub fn kind(&self) -> &InputErrorKind {
        &self.kind
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.path {
            Some(path) => write!(f, "{path}: {}", self.kind),
            None => write!(f, "{}", self.kind),
        }
    }
}

impl std::error::Error for InputError {}

/// What is wrong with issuer input (the field is named by [`InputError::path`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum InputErrorKind {
    /// The input is larger than [`MAX_INPUT_BYTES`](super::MAX_INPUT_BYTES). No path.
    #[error("input is larger than {max} bytes")]
    TooLarge {
        /// The limit, in bytes.
        max: usize,
    },
    /// The input is not JSON (or not UTF-8, or has trailing data). No path.
    #[error("not valid JSON (line {line}, column {column})")]
    Syntax {
        /// Line of the error, from 1.
        line: usize,
        /// Column of the error, from 1 (0 at end of input).
        column: usize,
    },
    /// The document is not a JSON object. No path.
    #[error("the document is not a JSON object")]
    NotAnObject,
    /// The same key appears twice in one object (the path is the repeated key's).
    #[error("duplicate key")]
    DuplicateKey,
    /// A field the format does not define.
    #[error("unknown field")]
    UnknownField,
    /// A required field is absent (or `null`).
    #[error("missing")]
    Missing,
    /// A field has the wrong JSON type.
    #[error("expected {expected}, found {found}")]
    WrongType {
        /// The type the format requires.
        expected: JsonType,
        /// The type found.
        found: JsonType,
    },
    /// A text is empty.
    #[error("empty")]
    Empty,
    /// A text is longer than [`MAX_TEXT_BYTES`](crate::credential::claims::MAX_TEXT_BYTES)
    /// bytes of UTF-8 (the issuer id: longer than
    /// [`MAX_ISSUER_ID`](crate::credential::signed::MAX_ISSUER_ID) bytes).
    #[error("longer than {max} bytes")]
    TooLong {
        /// The limit, in bytes.
        max: usize,
    },
    /// A text contains a control character (including line breaks and tabs) or an invisible
    /// bidirectional-formatting character.
    #[error("contains a control or bidirectional-formatting character")]
    ControlCharacter,
    /// A text starts or ends with whitespace.
    #[error("leading or trailing whitespace")]
    SurroundingWhitespace,
    /// A Latin-script name has characters other than ASCII letters, spaces, hyphens and
    /// apostrophes (or no letter at all).
    #[error("only Latin letters A-Z, spaces, hyphens and apostrophes are allowed")]
    NotLatin,
    /// Not a valid `YYYY-MM-DD` date (years 1900..=2200).
    #[error("not a date (expected YYYY-MM-DD)")]
    BadDate,
    /// A date after the `today` given to [`parse_issuer_input`](super::parse_issuer_input).
    #[error("date is in the future")]
    DateInFuture,
    /// The issue date is on or before the holder's birth date.
    #[error("must be after holder.birth_date")]
    IssueDateNotAfterBirth,
    /// Not one of the degree-level names.
    #[error("unknown degree level (accepted: {})", names(DegreeLevel::ALL.map(DegreeLevel::name)))]
    UnknownDegreeLevel,
    /// Not one of the study-form names.
    #[error("unknown study form (accepted: {})", names(StudyForm::ALL.map(StudyForm::name)))]
    UnknownStudyForm,
    /// Not a valid IIN (length, non-digits, check digit).
    #[error("invalid IIN: {0}")]
    InvalidIin(IinError),
    /// The birth date encoded in the IIN (digits 1–7) is not `holder.birth_date`.
    #[error("the birth date encoded in the IIN does not match holder.birth_date")]
    IinBirthDateMismatch,
    /// GPA below 0 or above 4.
    #[error("must be between 0 and 4")]
    GpaOutOfRange,
    /// GPA with more than two decimals.
    #[error("must have at most two decimals")]
    GpaPrecision,
    /// A key of a by-language text is not a language tag the format accepts.
    #[error("unknown language (accepted: {})", names(Lang::ALL.map(Lang::tag)))]
    UnknownLanguage,
    /// A by-language text has no language at all.
    #[error("needs at least one language")]
    NoLanguage,
    /// `diploma.qualification` is not given in exactly the languages of
    /// `diploma.program_name` (each language's claim carries both).
    #[error("must have the same languages as diploma.program_name")]
    LanguageMismatch,
    /// Not a programme code: a digit, a capital Latin letter and five digits (`6B06102`), or
    /// eight digits for TVET (`06120100`).
    #[error(
        "not a programme code (expected a digit, a capital Latin letter and five digits, or eight digits for TVET)"
    )]
    BadProgramCode,
    /// The programme code's form does not fit the degree level: `6…` bachelor, `7…` master,
    /// `6…` or `7…` specialist, `8…` doctor, eight digits TVET.
    #[error(
        "does not fit diploma.degree_level (6... bachelor, 7... master, 6... or 7... specialist, 8... doctor, eight digits TVET)"
    )]
    ProgramCodeLevelMismatch,
}

/// `a, b, c`, for the accepted-values lists in error messages.
fn names<const N: usize>(names: [&'static str; N]) -> String {
    names.join(", ")
}
