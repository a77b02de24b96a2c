//! The rules for each kind of field: texts, Latin names, dates, the IIN, the GPA, by-language
//! texts and programme codes. Each reader takes the field's path for its errors.

use serde_json::Value;

use super::error::{InputError, InputErrorKind as K, JsonType};
use super::path::join;
use crate::credential::claims::MAX_TEXT_BYTES;
use crate::credential::date::Date;
use crate::credential::diploma::{DegreeLevel, Gpa, Iin, Lang, Localized};

/// A field that must be present (a JSON `null` counts as absent).
pub(super) fn required<'v>(v: &'v Option<Value>, path: &str) -> Result<&'v Value, InputError> {
    v.as_ref().ok_or_else(|| InputError::at(path, K::Missing))
}

/// A JSON string.
pub(super) fn string<'v>(v: &'v Value, path: &str) -> Result<&'v str, InputError> {
    v.as_str().ok_or_else(|| InputError::wrong_type(path, JsonType::String, v))
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
        return Err(InputError::at(path, K::Empty));
    }
    if s.len() > MAX_TEXT_BYTES {
        return Err(InputError::at(path, K::TooLong { max: MAX_TEXT_BYTES }));
    }
    if s.chars().any(is_refused_char) {
        return Err(InputError::at(path, K::ControlCharacter));
    }
    if s.starts_with(char::is_whitespace) || s.ends_with(char::is_whitespace) {
        return Err(InputError::at(path, K::SurroundingWhitespace));
    }
    Ok(())
}

/// A required text.
pub(super) fn text(v: &Option<Value>, path: &str) -> Result<String, InputError> {
    let s = string(required(v, path)?, path)?;
    check_text(s, path)?;
    Ok(s.to_owned())
}

/// A required Latin-script name: ASCII letters, spaces, hyphens, apostrophes; one letter at least.
pub(super) fn latin(v: &Option<Value>, path: &str) -> Result<String, InputError> {
    let s = text(v, path)?;
    let allowed = s.bytes().all(|b| b.is_ascii_alphabetic() || matches!(b, b' ' | b'-' | b'\''));
    if !allowed || !s.bytes().any(|b| b.is_ascii_alphabetic()) {
        return Err(InputError::at(path, K::NotLatin));
    }
    Ok(s)
}

/// A required date, not after `today`.
pub(super) fn date(v: &Option<Value>, path: &str, today: Date) -> Result<Date, InputError> {
    let d = Date::parse_iso(string(required(v, path)?, path)?).ok_or_else(|| InputError::at(path, K::BadDate))?;
    if d > today {
        return Err(InputError::at(path, K::DateInFuture));
    }
    Ok(d)
}

pub(super) fn iin(v: &Option<Value>, path: &str) -> Result<Iin, InputError> {
    let s = string(required(v, path)?, path)?;
    if s.is_empty() {
        return Err(InputError::at(path, K::Empty));
    }
    Iin::parse(s).map_err(|reason| InputError::at(path, K::InvalidIin(reason)))
}

/// A GPA: a JSON number in 0..=4 with at most two decimals.
///
/// JSON numbers arrive as `f64`; the decimals are counted on its shortest round-trip decimal
/// form, so `3.67` and `3.670` are the same, and a longer fraction that rounds to the same
/// `f64` (beyond 15 significant digits) cannot be told apart from it.
pub(super) fn gpa(v: &Value, path: &str) -> Result<Gpa, InputError> {
    let Value::Number(n) = v else {
        return Err(InputError::wrong_type(path, JsonType::Number, v));
    };
    let x = n.as_f64().unwrap_or(f64::NAN);
    if !(0.0..=4.0).contains(&x) {
        return Err(InputError::at(path, K::GpaOutOfRange));
    }
    let shown = format!("{x}");
    let shown = shown.trim_start_matches('-'); // -0
    let (int, frac) = shown.split_once('.').unwrap_or((shown, ""));
    if frac.len() > 2 {
        return Err(InputError::at(path, K::GpaPrecision));
    }
    let out_of_range = || InputError::at(path, K::GpaOutOfRange);
    let int: u16 = int.parse().map_err(|_| out_of_range())?;
    let frac: u16 = format!("{frac:0<2}").parse().map_err(|_| out_of_range())?;
    int.checked_mul(100).and_then(|h| h.checked_add(frac)).and_then(Gpa::from_hundredths).ok_or_else(out_of_range)
}

/// A by-language text: an object with keys exactly `kk`, `ru`, `en` (at least one).
pub(super) fn localized(v: &Option<Value>, path: &str) -> Result<Localized, InputError> {
    let v = required(v, path)?;
    let Value::Object(map) = v else {
        return Err(InputError::wrong_type(path, JsonType::Object, v));
    };
    if map.is_empty() {
        return Err(InputError::at(path, K::NoLanguage));
    }
    let mut out = Localized::default();
    for (tag, text) in map {
        let lang = Lang::ALL
            .into_iter()
            .find(|l| l.tag() == tag)
            .ok_or_else(|| InputError::at(join(path, tag), K::UnknownLanguage))?;
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
pub(super) fn program_code(v: &Option<Value>, path: &str, level: DegreeLevel) -> Result<String, InputError> {
    let s = text(v, path)?;
    let form = code_form(&s).ok_or_else(|| InputError::at(path, K::BadProgramCode))?;
    let fits = matches!(
        (level, form),
        (DegreeLevel::Tvet, CodeForm::Tvet)
            | (DegreeLevel::Bachelor, CodeForm::Higher(6))
            | (DegreeLevel::Specialist, CodeForm::Higher(6 | 7))
            | (DegreeLevel::Master, CodeForm::Higher(7))
            | (DegreeLevel::Doctor, CodeForm::Higher(8))
    );
    if !fits {
        return Err(InputError::at(path, K::ProgramCodeLevelMismatch));
    }
    Ok(s)
}
