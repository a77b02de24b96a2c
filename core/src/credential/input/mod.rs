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
//! Errors ([`InputError`]: a path and an [`InputErrorKind`]) never carry the input's values
//! (names, IIN, dates…). Keys that are not short ASCII identifiers are shown as `*` in paths.
//!
//! Files: `strict_json` (step 2), `shape` (the raw structs of step 3), `fields` (the rule for
//! each kind of field), `path` (paths as errors show them), `error`, and `output` (a diploma
//! written back as input JSON).

mod error;
mod fields;
mod output;
mod path;
mod shape;
mod strict_json;
#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests;

use serde_json::Value;

use error::InputErrorKind as K;
pub use error::{InputError, InputErrorKind, JsonType};
use fields::{date, gpa, iin, latin, localized, program_code, required, string, text};
pub use output::to_issuer_input_json;
use shape::{RawDiploma, RawHolder, RawInput, object};
use strict_json::Checked;

use super::date::Date;
use super::diploma::{DegreeLevel, Diploma, Lang, PersonName, StudyForm};
use super::signed::MAX_ISSUER_ID;

/// Largest issuer input accepted, in bytes; larger inputs are refused before parsing.
pub const MAX_INPUT_BYTES: usize = 64 * 1024;

/// Parse and validate issuer input (see the module documentation for the shape and rules).
///
/// `today` is the issuer's current date: birth and issue dates after it are refused.
/// A leading UTF-8 byte-order mark is ignored.
pub fn parse_issuer_input(json: &[u8], today: Date) -> Result<Diploma, InputError> {
    if json.len() > MAX_INPUT_BYTES {
        return Err(InputError::document(K::TooLarge { max: MAX_INPUT_BYTES }));
    }
    let json = json.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(json);
    let parsed: Checked = serde_json::from_slice(json)
        .map_err(|e| InputError::document(K::Syntax { line: e.line(), column: e.column() }))?;
    if let Some(path) = parsed.duplicate {
        return Err(InputError::at(path.render(), K::DuplicateKey));
    }
    if !parsed.value.is_object() {
        return Err(InputError::document(K::NotAnObject));
    }
    let raw: RawInput = object(&parsed.value, "", RawInput::FIELDS)?;

    let issuer = text(&raw.issuer, "issuer")?;
    // The id becomes the credential's issuer field and the trust list's id: a longer one would
    // give credentials that no wallet or verifier can read.
    if issuer.len() > MAX_ISSUER_ID {
        return Err(InputError::at("issuer", K::TooLong { max: MAX_ISSUER_ID }));
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
        return Err(InputError::at("holder.iin", K::IinBirthDateMismatch));
    }

    let d: RawDiploma = object(required(&raw.diploma, "diploma")?, "diploma", RawDiploma::FIELDS)?;
    let degree_level = {
        let path = "diploma.degree_level";
        DegreeLevel::from_name(string(required(&d.degree_level, path)?, path)?)
            .ok_or_else(|| InputError::at(path, K::UnknownDegreeLevel))?
    };
    let program_code = program_code(&d.program_code, "diploma.program_code", degree_level)?;
    let program_name = localized(&d.program_name, "diploma.program_name")?;
    let qualification = localized(&d.qualification, "diploma.qualification")?;
    if Lang::ALL.iter().any(|l| program_name.get(*l).is_some() != qualification.get(*l).is_some()) {
        return Err(InputError::at("diploma.qualification", K::LanguageMismatch));
    }
    let honors = {
        let path = "diploma.honors";
        match required(&d.honors, path)? {
            Value::Bool(b) => *b,
            other => return Err(InputError::wrong_type(path, JsonType::Boolean, other)),
        }
    };
    let issue_date = date(&d.issue_date, "diploma.issue_date", today)?;
    if issue_date <= birth_date {
        return Err(InputError::at("diploma.issue_date", K::IssueDateNotAfterBirth));
    }
    let series = text(&d.series, "diploma.series")?;
    let number = text(&d.number, "diploma.number")?;
    let gpa = d.gpa.as_ref().map(|v| gpa(v, "diploma.gpa")).transpose()?;
    let study_form = match &d.study_form {
        None => None,
        Some(v) => {
            let path = "diploma.study_form";
            Some(StudyForm::from_name(string(v, path)?).ok_or_else(|| InputError::at(path, K::UnknownStudyForm))?)
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
