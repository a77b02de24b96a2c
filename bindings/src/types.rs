//! Plain records and enums shared by the wallet and the verifier: languages, dates, claims.
//! The core's types cross as they are (remote types); only [`ClaimValue`] and [`Claim`] are
//! shaped here for the screens, with the wording from the core's `credential::labels`.

use qujat_core::credential::{self as core_cred, labels};

// The core's own enums and records, exposed as they are (uniffi remote types): each definition
// below mirrors the core's and uniffi generates the conversions from it, matching the core type
// exhaustively, so a variant or field added in the core and not here fails to compile.

/// A display language (the core's `credential::Lang`).
pub type Language = core_cred::Lang;

/// A display language.
#[uniffi::remote(Enum)]
pub enum Language {
    /// Kazakh.
    Kk,
    /// Russian.
    Ru,
    /// English.
    En,
}

/// One text in up to three languages (the core's `credential::Localized`).
pub type LocalizedText = core_cred::Localized;

/// One text in up to three languages.
#[uniffi::remote(Record)]
pub struct LocalizedText {
    /// Kazakh.
    pub kk: Option<String>,
    /// Russian.
    pub ru: Option<String>,
    /// English.
    pub en: Option<String>,
}

/// A calendar date, year, month and day, as it crosses the boundary. The core's `Date` keeps
/// its fields private (only valid dates exist), so it crosses as the custom type
/// [`CalendarDate`] over this record: a date the core would refuse does not lift.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct DateParts {
    /// Year.
    pub year: i32,
    /// Month, 1–12.
    pub month: u8,
    /// Day of month, 1–31.
    pub day: u8,
}

/// A calendar date (no time zone): the core's `credential::Date`.
pub type CalendarDate = core_cred::Date;

uniffi::custom_type!(CalendarDate, DateParts, {
    remote,
    lower: |d| DateParts { year: d.year(), month: d.month(), day: d.day() },
    try_lift: |p| core_cred::Date::new(p.year, p.month, p.day)
        .ok_or_else(|| uniffi::deps::anyhow::anyhow!("not a calendar date")),
});

/// Level of education (the core's `credential::DegreeLevel`).
pub type DegreeLevel = core_cred::DegreeLevel;

/// Level of education.
#[uniffi::remote(Enum)]
pub enum DegreeLevel {
    /// Technical and vocational education.
    Tvet,
    /// Bachelor.
    Bachelor,
    /// Specialist.
    Specialist,
    /// Master.
    Master,
    /// Doctor (PhD or by profile).
    Doctor,
}

/// Form of study (the core's `credential::StudyForm`).
pub type StudyForm = core_cred::StudyForm;

/// Form of study.
#[uniffi::remote(Enum)]
pub enum StudyForm {
    /// Full-time.
    FullTime,
    /// Part-time or evening.
    PartTime,
    /// Distance learning.
    Distance,
}

/// A disclosable claim of a diploma (the core's `credential::ClaimId`).
pub type ClaimId = core_cred::ClaimId;

/// A disclosable claim of a diploma (one leaf of the disclosure tree).
#[uniffi::remote(Enum)]
pub enum ClaimId {
    /// Family and given names in the original script.
    Name,
    /// Degree level.
    DegreeLevel,
    /// Programme code.
    ProgramCode,
    /// With distinction.
    Honors,
    /// Date of issue.
    IssueDate,
    /// Diploma series and number.
    DiplomaNumber,
    /// Form of study.
    StudyForm,
    /// Programme and qualification in English.
    ProgramEn,
    /// Programme and qualification in Russian.
    ProgramRu,
    /// Programme and qualification in Kazakh.
    ProgramKk,
    /// Names in Latin script.
    NameLatin,
    /// Date of birth (sensitive).
    BirthDate,
    /// National identification number (sensitive).
    Iin,
    /// Grade point average (sensitive).
    Gpa,
}

/// A set of claims as the core's mask.
pub(crate) fn claim_set(claims: &[ClaimId]) -> core_cred::ClaimSet {
    claims.iter().fold(core_cred::ClaimSet::EMPTY, |set, c| set.with(*c))
}

/// The claims of a core set, in slot order.
pub(crate) fn claim_ids(set: core_cred::ClaimSet) -> Vec<ClaimId> {
    set.iter().collect()
}

/// A claim's typed value.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum ClaimValue {
    /// A person's name.
    Name {
        /// Family name.
        family: String,
        /// Given names.
        given: String,
    },
    /// Level of education.
    DegreeLevel {
        /// The level.
        level: DegreeLevel,
    },
    /// A short text (programme code, IIN).
    Text {
        /// The text.
        value: String,
    },
    /// A flag (honours).
    Flag {
        /// Set or not.
        value: bool,
    },
    /// A date.
    Date {
        /// The date.
        date: CalendarDate,
    },
    /// Diploma series and number.
    DiplomaNumber {
        /// Series.
        series: String,
        /// Number.
        number: String,
    },
    /// Form of study.
    StudyForm {
        /// The form.
        form: StudyForm,
    },
    /// Programme name and qualification in one language.
    ProgramText {
        /// Programme name.
        program: String,
        /// Qualification.
        qualification: String,
    },
    /// Grade point average, in hundredths (367 = 3.67).
    Gpa {
        /// Hundredths.
        hundredths: u16,
    },
}

impl From<&core_cred::ClaimValue> for ClaimValue {
    fn from(v: &core_cred::ClaimValue) -> Self {
        use core_cred::ClaimValue as V;
        match v {
            V::Name(n) => Self::Name { family: n.family.clone(), given: n.given.clone() },
            V::DegreeLevel(l) => Self::DegreeLevel { level: *l },
            V::Text(t) => Self::Text { value: t.clone() },
            V::Flag(b) => Self::Flag { value: *b },
            V::Date(d) => Self::Date { date: *d },
            V::DiplomaNumber { series, number } => {
                Self::DiplomaNumber { series: series.clone(), number: number.clone() }
            }
            V::StudyForm(f) => Self::StudyForm { form: *f },
            V::ProgramText { program, qualification } => {
                Self::ProgramText { program: program.clone(), qualification: qualification.clone() }
            }
            V::Gpa(g) => Self::Gpa { hundredths: g.hundredths() },
        }
    }
}

/// One claim for a screen: which, its label and its value, typed and as text, in the language
/// asked for. Personal data: show, never log.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Claim {
    /// Which claim.
    pub id: ClaimId,
    /// Its label ("Name", "Аты-жөні" …).
    pub label: String,
    /// The typed value.
    pub value: ClaimValue,
    /// The value as one line of text.
    pub text: String,
}

impl Claim {
    pub(crate) fn of(id: core_cred::ClaimId, value: &core_cred::ClaimValue, lang: Language) -> Self {
        Self {
            id,
            label: labels::claim_label(id, lang).to_owned(),
            value: value.into(),
            text: labels::value_text(value, lang),
        }
    }

    pub(crate) fn all(claims: &[(core_cred::ClaimId, core_cred::ClaimValue)], lang: Language) -> Vec<Self> {
        claims.iter().map(|(id, v)| Self::of(*id, v, lang)).collect()
    }
}

/// The label of a claim in `lang`.
#[uniffi::export]
pub fn claim_label(claim: ClaimId, lang: Language) -> String {
    labels::claim_label(claim, lang).to_owned()
}

/// The name of a degree level in `lang`.
#[uniffi::export]
pub fn degree_label(level: DegreeLevel, lang: Language) -> String {
    labels::degree_label(level, lang).to_owned()
}

/// The name of a form of study in `lang`.
#[uniffi::export]
pub fn study_form_label(form: StudyForm, lang: Language) -> String {
    labels::study_form_label(form, lang).to_owned()
}

/// The claims a presentation shows unless the holder changes them: names, degree, programme
/// code, honours, date of issue, series and number, form of study, and the programme text in
/// `lang`. Never IIN, birth date or GPA.
#[uniffi::export]
pub fn default_presentation_claims(lang: Language) -> Vec<ClaimId> {
    claim_ids(core_cred::ClaimSet::default_for(lang))
}

/// Every claim, in slot order.
#[uniffi::export]
pub fn all_claims() -> Vec<ClaimId> {
    claim_ids(core_cred::ClaimSet::all())
}
