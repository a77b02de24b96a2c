//! The shape of issuer input: one raw struct per JSON object, with untyped leaves so that a
//! type error can name its path, and the reading of an object into its raw struct.

use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::error::{InputError, InputErrorKind, JsonType};
use super::path::join;

/// Read an object into its raw struct: unknown keys are refused with their path.
/// `fields` must list the raw struct's fields (`deny_unknown_fields` is the backstop).
pub(super) fn object<T: DeserializeOwned>(v: &Value, path: &str, fields: &[&str]) -> Result<T, InputError> {
    let Value::Object(map) = v else {
        return Err(InputError::wrong_type(path, JsonType::Object, v));
    };
    if let Some(key) = map.keys().find(|k| !fields.contains(&k.as_str())) {
        return Err(InputError::at(join(path, key), InputErrorKind::UnknownField));
    }
    T::deserialize(v).map_err(|_| InputError::at(path, InputErrorKind::UnknownField))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawInput {
    pub(super) issuer: Option<Value>,
    pub(super) holder: Option<Value>,
    pub(super) diploma: Option<Value>,
}

impl RawInput {
    pub(super) const FIELDS: &'static [&'static str] = &["issuer", "holder", "diploma"];
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawHolder {
    pub(super) family_name: Option<Value>,
    pub(super) given_names: Option<Value>,
    pub(super) family_name_latin: Option<Value>,
    pub(super) given_names_latin: Option<Value>,
    pub(super) birth_date: Option<Value>,
    pub(super) iin: Option<Value>,
}

impl RawHolder {
    pub(super) const FIELDS: &'static [&'static str] =
        &["family_name", "given_names", "family_name_latin", "given_names_latin", "birth_date", "iin"];
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawDiploma {
    pub(super) degree_level: Option<Value>,
    pub(super) program_code: Option<Value>,
    pub(super) program_name: Option<Value>,
    pub(super) qualification: Option<Value>,
    pub(super) honors: Option<Value>,
    pub(super) issue_date: Option<Value>,
    pub(super) series: Option<Value>,
    pub(super) number: Option<Value>,
    pub(super) gpa: Option<Value>,
    pub(super) study_form: Option<Value>,
}

impl RawDiploma {
    pub(super) const FIELDS: &'static [&'static str] = &[
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
