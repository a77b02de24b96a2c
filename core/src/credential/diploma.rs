//! The diploma: what a university states about a graduate, as typed values.

use super::date::Date;

/// Language of a human-readable text (BCP 47 primary tags used in Kazakhstan).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lang {
    /// Kazakh (`kk`).
    Kk,
    /// Russian (`ru`).
    Ru,
    /// English (`en`).
    En,
}

impl Lang {
    /// All languages, in the order texts are listed.
    pub const ALL: [Lang; 3] = [Lang::Kk, Lang::Ru, Lang::En];

    /// The language tag.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Kk => "kk",
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }
    /// Parse a tag (`kk`, `ru`, `en`, case-insensitive; region subtags such as `ru-KZ` accepted).
    pub fn from_tag(tag: &str) -> Option<Self> {
        let primary = tag.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
        match primary.as_str() {
            "kk" => Some(Lang::Kk),
            "ru" => Some(Lang::Ru),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

/// A text in up to three languages; at least one is present.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Localized {
    /// Kazakh.
    pub kk: Option<String>,
    /// Russian.
    pub ru: Option<String>,
    /// English.
    pub en: Option<String>,
}

impl Localized {
    /// The text in `lang`, if the issuer gave it.
    pub fn get(&self, lang: Lang) -> Option<&str> {
        match lang {
            Lang::Kk => self.kk.as_deref(),
            Lang::Ru => self.ru.as_deref(),
            Lang::En => self.en.as_deref(),
        }
    }
    /// Set the text in `lang`.
    pub fn set(&mut self, lang: Lang, text: Option<String>) {
        match lang {
            Lang::Kk => self.kk = text,
            Lang::Ru => self.ru = text,
            Lang::En => self.en = text,
        }
    }
    /// The text in `lang`, else in the first language present (kk, ru, en).
    pub fn best(&self, lang: Lang) -> Option<&str> {
        self.get(lang).or_else(|| Lang::ALL.iter().find_map(|l| self.get(*l)))
    }
    /// True when no language is present.
    pub fn is_empty(&self) -> bool {
        Lang::ALL.iter().all(|l| self.get(*l).is_none())
    }
}

/// Degree level, with its wire code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DegreeLevel {
    /// Technical and vocational education (college).
    Tvet,
    /// Bachelor.
    Bachelor,
    /// Specialist (5-year degree; also medical and similar programmes).
    Specialist,
    /// Master.
    Master,
    /// Doctor (PhD or doctor by profile).
    Doctor,
}

impl DegreeLevel {
    /// All levels.
    pub const ALL: [DegreeLevel; 5] =
        [DegreeLevel::Tvet, DegreeLevel::Bachelor, DegreeLevel::Specialist, DegreeLevel::Master, DegreeLevel::Doctor];
    /// The wire code (see `docs/FORMAT.md`).
    pub fn code(self) -> u8 {
        match self {
            DegreeLevel::Tvet => 1,
            DegreeLevel::Bachelor => 2,
            DegreeLevel::Specialist => 3,
            DegreeLevel::Master => 4,
            DegreeLevel::Doctor => 5,
        }
    }
    /// From a wire code.
    pub fn from_code(code: u64) -> Option<Self> {
        Self::ALL.into_iter().find(|l| u64::from(l.code()) == code)
    }
    /// The issuer-input name (`bachelor`, `master`, `doctor`, `specialist`, `tvet`).
    pub fn name(self) -> &'static str {
        match self {
            DegreeLevel::Tvet => "tvet",
            DegreeLevel::Bachelor => "bachelor",
            DegreeLevel::Specialist => "specialist",
            DegreeLevel::Master => "master",
            DegreeLevel::Doctor => "doctor",
        }
    }
    /// From the issuer-input name.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.name() == name)
    }
}

/// Form of study, with its wire code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StudyForm {
    /// Full-time.
    FullTime,
    /// Part-time (evening, extramural).
    PartTime,
    /// Distance learning.
    Distance,
}

impl StudyForm {
    /// All forms.
    pub const ALL: [StudyForm; 3] = [StudyForm::FullTime, StudyForm::PartTime, StudyForm::Distance];
    /// The wire code.
    pub fn code(self) -> u8 {
        match self {
            StudyForm::FullTime => 1,
            StudyForm::PartTime => 2,
            StudyForm::Distance => 3,
        }
    }
    /// From a wire code.
    pub fn from_code(code: u64) -> Option<Self> {
        Self::ALL.into_iter().find(|f| u64::from(f.code()) == code)
    }
    /// The issuer-input name (`full_time`, `part_time`, `distance`).
    pub fn name(self) -> &'static str {
        match self {
            StudyForm::FullTime => "full_time",
            StudyForm::PartTime => "part_time",
            StudyForm::Distance => "distance",
        }
    }
    /// From the issuer-input name.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.name() == name)
    }
}

/// A person's name: family name and given names (given names may include a patronymic).
///
/// `Debug` names the fields and hides their values.
#[derive(Clone, PartialEq, Eq)]
pub struct PersonName {
    /// Family name.
    pub family: String,
    /// Given names.
    pub given: String,
}

impl std::fmt::Debug for PersonName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PersonName").field("family", &Redacted).field("given", &Redacted).finish()
    }
}

/// Shown as `<redacted>` in `Debug` output, in place of a personal value.
struct Redacted;

impl std::fmt::Debug for Redacted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("<redacted>")
    }
}

/// An optional personal value in `Debug` output: `Some(<redacted>)` or `None`.
fn redacted_option<T>(o: &Option<T>) -> Option<Redacted> {
    o.as_ref().map(|_| Redacted)
}

/// Grade point average on the 4-point scale, in hundredths (3.67 → 367).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Gpa(u16);

impl Gpa {
    /// A GPA from hundredths, 0..=400.
    pub fn from_hundredths(h: u16) -> Option<Self> {
        (h <= 400).then_some(Self(h))
    }
    /// Hundredths of a point.
    pub fn hundredths(self) -> u16 {
        self.0
    }
}

impl std::fmt::Display for Gpa {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{:02}", self.0 / 100, self.0 % 100)
    }
}

/// The national identification number (ИИН / ЖСН): 12 digits with a check digit.
#[derive(Clone, PartialEq, Eq)]
pub struct Iin(String);

impl Iin {
    /// Parse and check an IIN (12 ASCII digits, valid check digit).
    pub fn parse(s: &str) -> Result<Self, IinError> {
        let digits: Vec<u32> = s.chars().map(|c| c.to_digit(10)).collect::<Option<_>>().ok_or(IinError::NotDigits)?;
        if digits.len() != 12 || !s.is_ascii() {
            return Err(IinError::Length);
        }
        if iin_check_digit(&digits[..11]) != Some(digits[11]) {
            return Err(IinError::CheckDigit);
        }
        Ok(Self(s.to_owned()))
    }
    /// The 12 digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }
    /// The birth date the IIN encodes (YYMMDD and the century digit), if it is a date.
    pub fn birth_date(&self) -> Option<Date> {
        let d: Vec<u8> = self.0.bytes().map(|b| b - b'0').collect();
        let yy = i32::from(d[0] * 10 + d[1]);
        let century = match d[6] {
            1 | 2 => 1800,
            3 | 4 => 1900,
            5 | 6 => 2000,
            _ => return None,
        };
        Date::new(century + yy, d[2] * 10 + d[3], d[4] * 10 + d[5])
    }
}

impl std::fmt::Debug for Iin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Iin(***)")
    }
}

/// Why a string is not an IIN.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum IinError {
    /// Not all characters are digits.
    #[error("must contain only digits")]
    NotDigits,
    /// Not 12 digits.
    #[error("must be exactly 12 digits")]
    Length,
    /// The check digit does not match.
    #[error("check digit does not match")]
    CheckDigit,
}

/// The IIN check digit: weights 1..11, then 3..11,1,2 if the first sum mod 11 is 10;
/// `None` when both give 10 (such numbers are not issued).
fn iin_check_digit(first11: &[u32]) -> Option<u32> {
    let sum = |w: &dyn Fn(usize) -> u32| -> u32 { first11.iter().enumerate().map(|(i, d)| d * w(i)).sum::<u32>() % 11 };
    let c = sum(&|i| u32::try_from(i).unwrap_or(0) + 1);
    if c != 10 {
        return Some(c);
    }
    let c = sum(&|i| (u32::try_from(i).unwrap_or(0) + 2) % 11 + 1);
    (c != 10).then_some(c)
}

/// A diploma, as issued: every claim the credential carries.
///
/// `Debug` shows the issuer, the degree level and which optional claims are present; every
/// value about the holder (names, birth date, IIN, programme, dates, numbers, grades) is shown
/// as `<redacted>`.
#[derive(Clone, PartialEq, Eq)]
pub struct Diploma {
    /// Issuer id in the trust list (e.g. `kz.enu`).
    pub issuer: String,
    /// Name in the original script (Cyrillic for most graduates).
    pub name: PersonName,
    /// Name in Latin script, as in the passport.
    pub name_latin: Option<PersonName>,
    /// Date of birth.
    pub birth_date: Date,
    /// National identification number.
    pub iin: Iin,
    /// Degree level.
    pub degree_level: DegreeLevel,
    /// Programme code from the national classifier (e.g. `6B06102`, `8D07101`, 8 digits for TVET).
    pub program_code: String,
    /// Programme name by language.
    pub program_name: Localized,
    /// Qualification awarded, by language.
    pub qualification: Localized,
    /// With distinction ("with honours", үздік / с отличием).
    pub honors: bool,
    /// Date of issue.
    pub issue_date: Date,
    /// Diploma series (e.g. `ЖБ-Б`).
    pub series: String,
    /// Diploma number within the series (leading zeros kept).
    pub number: String,
    /// GPA on the 4-point scale, when the diploma states one.
    pub gpa: Option<Gpa>,
    /// Form of study, when stated.
    pub study_form: Option<StudyForm>,
}

impl std::fmt::Debug for Diploma {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Destructured so that a new field cannot be added without deciding how it is shown.
        let Diploma {
            issuer,
            name,
            name_latin,
            birth_date: _,
            iin: _,
            degree_level,
            program_code: _,
            program_name: _,
            qualification: _,
            honors: _,
            issue_date: _,
            series: _,
            number: _,
            gpa,
            study_form,
        } = self;
        f.debug_struct("Diploma")
            .field("issuer", issuer)
            .field("name", name)
            .field("name_latin", &redacted_option(name_latin))
            .field("birth_date", &Redacted)
            .field("iin", &Redacted)
            .field("degree_level", degree_level)
            .field("program_code", &Redacted)
            .field("program_name", &Redacted)
            .field("qualification", &Redacted)
            .field("honors", &Redacted)
            .field("issue_date", &Redacted)
            .field("series", &Redacted)
            .field("number", &Redacted)
            .field("gpa", &redacted_option(gpa))
            .field("study_form", &redacted_option(study_form))
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `{:?}` of a fixture diploma shows its field names and none of its holder's values.
    #[test]
    #[allow(clippy::unwrap_used)]
    fn debug_shows_no_personal_data() {
        let json = include_str!("../../../tests/fixtures/diplomas/enu-bachelor-honors.json");
        let today = Date::new(2025, 6, 1).unwrap();
        let d = crate::credential::parse_issuer_input(json.as_bytes(), today).unwrap();
        let latin = d.name_latin.clone().unwrap();
        let shown = format!("{d:?} {:?} {:?} {d:#?}", d.name, latin);
        let mut personal = vec![
            d.name.family.clone(),
            d.name.given.clone(),
            latin.family,
            latin.given,
            d.iin.as_str().to_owned(),
            d.birth_date.to_string(),
            format!("{:?}", d.birth_date),
            d.issue_date.to_string(),
            format!("{:?}", d.issue_date),
            d.program_code.clone(),
            d.series.clone(),
            d.number.clone(),
            d.gpa.unwrap().to_string(),
            format!("{:?}", d.gpa.unwrap()),
            format!("{:?}", d.study_form.unwrap()),
        ];
        for lang in Lang::ALL {
            personal.extend(d.program_name.get(lang).map(str::to_owned));
            personal.extend(d.qualification.get(lang).map(str::to_owned));
        }
        for value in &personal {
            assert!(!shown.contains(value.as_str()), "Debug shows {value:?}: {shown}");
        }
        // Still useful: field names, the issuer, the level, which options are present.
        for expected in ["Diploma {", "name: PersonName { family: <redacted>", "iin: <redacted>", "kz.enu", "Bachelor"]
        {
            assert!(shown.contains(expected), "{expected:?} missing from {shown}");
        }
        assert!(shown.contains("gpa: Some(<redacted>)"), "{shown}");
    }

    #[test]
    fn fixture_iins_are_valid_and_encode_birth_dates() {
        for (iin, birth) in [("010514600124", "2001-05-14"), ("881207301236", "1988-12-07")] {
            let parsed = Iin::parse(iin).unwrap();
            assert_eq!(parsed.birth_date().unwrap().to_string(), birth);
        }
    }

    #[test]
    fn iin_rejects_bad_input() {
        assert_eq!(Iin::parse("010514600125"), Err(IinError::CheckDigit));
        assert_eq!(Iin::parse("01051460012"), Err(IinError::Length));
        assert_eq!(Iin::parse("01051460012x"), Err(IinError::NotDigits));
        assert_eq!(Iin::parse("０10514600124"), Err(IinError::NotDigits));
    }

    #[test]
    fn lang_tags() {
        assert_eq!(Lang::from_tag("ru-KZ"), Some(Lang::Ru));
        assert_eq!(Lang::from_tag("EN"), Some(Lang::En));
        assert_eq!(Lang::from_tag("de"), None);
    }
}
