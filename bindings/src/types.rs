//! Plain records and enums shared by the wallet and the verifier: languages, dates, claims.
//! Conversions from the core's types are field-by-field; the wording comes from the core's
//! `credential::labels`.

use qujat_core::credential::{self as core_cred, labels};

/// A display language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum Language {
    /// Kazakh.
    Kk,
    /// Russian.
    Ru,
    /// English.
    En,
}

impl From<Language> for core_cred::Lang {
    fn from(l: Language) -> Self {
        match l {
            Language::Kk => Self::Kk,
            Language::Ru => Self::Ru,
            Language::En => Self::En,
        }
    }
}

/// One text in up to three languages.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct LocalizedText {
    /// Kazakh.
    pub kk: Option<String>,
    /// Russian.
    pub ru: Option<String>,
    /// English.
    pub en: Option<String>,
}

impl From<core_cred::Localized> for LocalizedText {
    fn from(l: core_cred::Localized) -> Self {
        Self { kk: l.kk, ru: l.ru, en: l.en }
    }
}

impl From<LocalizedText> for core_cred::Localized {
    fn from(l: LocalizedText) -> Self {
        Self { kk: l.kk, ru: l.ru, en: l.en }
    }
}

/// A calendar date (no time zone).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct CalendarDate {
    /// Year.
    pub year: i32,
    /// Month, 1–12.
    pub month: u8,
    /// Day of month, 1–31.
    pub day: u8,
}

impl From<core_cred::Date> for CalendarDate {
    fn from(d: core_cred::Date) -> Self {
        Self { year: d.year(), month: d.month(), day: d.day() }
    }
}

/// Level of education.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
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

impl From<core_cred::DegreeLevel> for DegreeLevel {
    fn from(l: core_cred::DegreeLevel) -> Self {
        match l {
            core_cred::DegreeLevel::Tvet => Self::Tvet,
            core_cred::DegreeLevel::Bachelor => Self::Bachelor,
            core_cred::DegreeLevel::Specialist => Self::Specialist,
            core_cred::DegreeLevel::Master => Self::Master,
            core_cred::DegreeLevel::Doctor => Self::Doctor,
        }
    }
}

impl From<DegreeLevel> for core_cred::DegreeLevel {
    fn from(l: DegreeLevel) -> Self {
        match l {
            DegreeLevel::Tvet => Self::Tvet,
            DegreeLevel::Bachelor => Self::Bachelor,
            DegreeLevel::Specialist => Self::Specialist,
            DegreeLevel::Master => Self::Master,
            DegreeLevel::Doctor => Self::Doctor,
        }
    }
}

/// Form of study.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum StudyForm {
    /// Full-time.
    FullTime,
    /// Part-time or evening.
    PartTime,
    /// Distance learning.
    Distance,
}

impl From<core_cred::StudyForm> for StudyForm {
    fn from(f: core_cred::StudyForm) -> Self {
        match f {
            core_cred::StudyForm::FullTime => Self::FullTime,
            core_cred::StudyForm::PartTime => Self::PartTime,
            core_cred::StudyForm::Distance => Self::Distance,
        }
    }
}

impl From<StudyForm> for core_cred::StudyForm {
    fn from(f: StudyForm) -> Self {
        match f {
            StudyForm::FullTime => Self::FullTime,
            StudyForm::PartTime => Self::PartTime,
            StudyForm::Distance => Self::Distance,
        }
    }
}

/// A disclosable claim of a diploma (one leaf of the disclosure tree).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
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

impl From<core_cred::ClaimId> for ClaimId {
    fn from(c: core_cred::ClaimId) -> Self {
        use core_cred::ClaimId as C;
        match c {
            C::Name => Self::Name,
            C::DegreeLevel => Self::DegreeLevel,
            C::ProgramCode => Self::ProgramCode,
            C::Honors => Self::Honors,
            C::IssueDate => Self::IssueDate,
            C::DiplomaNumber => Self::DiplomaNumber,
            C::StudyForm => Self::StudyForm,
            C::ProgramEn => Self::ProgramEn,
            C::ProgramRu => Self::ProgramRu,
            C::ProgramKk => Self::ProgramKk,
            C::NameLatin => Self::NameLatin,
            C::BirthDate => Self::BirthDate,
            C::Iin => Self::Iin,
            C::Gpa => Self::Gpa,
        }
    }
}

impl From<ClaimId> for core_cred::ClaimId {
    fn from(c: ClaimId) -> Self {
        use ClaimId as C;
        match c {
            C::Name => Self::Name,
            C::DegreeLevel => Self::DegreeLevel,
            C::ProgramCode => Self::ProgramCode,
            C::Honors => Self::Honors,
            C::IssueDate => Self::IssueDate,
            C::DiplomaNumber => Self::DiplomaNumber,
            C::StudyForm => Self::StudyForm,
            C::ProgramEn => Self::ProgramEn,
            C::ProgramRu => Self::ProgramRu,
            C::ProgramKk => Self::ProgramKk,
            C::NameLatin => Self::NameLatin,
            C::BirthDate => Self::BirthDate,
            C::Iin => Self::Iin,
            C::Gpa => Self::Gpa,
        }
    }
}

/// A set of claims as the core's mask.
pub(crate) fn claim_set(claims: &[ClaimId]) -> core_cred::ClaimSet {
    claims.iter().fold(core_cred::ClaimSet::EMPTY, |set, c| set.with((*c).into()))
}

/// The claims of a core set, in slot order.
pub(crate) fn claim_ids(set: core_cred::ClaimSet) -> Vec<ClaimId> {
    set.iter().map(ClaimId::from).collect()
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
            V::DegreeLevel(l) => Self::DegreeLevel { level: (*l).into() },
            V::Text(t) => Self::Text { value: t.clone() },
            V::Flag(b) => Self::Flag { value: *b },
            V::Date(d) => Self::Date { date: (*d).into() },
            V::DiplomaNumber { series, number } => {
                Self::DiplomaNumber { series: series.clone(), number: number.clone() }
            }
            V::StudyForm(f) => Self::StudyForm { form: (*f).into() },
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
        let lang = lang.into();
        Self {
            id: id.into(),
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
    labels::claim_label(claim.into(), lang.into()).to_owned()
}

/// The name of a degree level in `lang`.
#[uniffi::export]
pub fn degree_label(level: DegreeLevel, lang: Language) -> String {
    labels::degree_label(level.into(), lang.into()).to_owned()
}

/// The name of a form of study in `lang`.
#[uniffi::export]
pub fn study_form_label(form: StudyForm, lang: Language) -> String {
    labels::study_form_label(form.into(), lang.into()).to_owned()
}

/// The claims a presentation shows unless the holder changes them: names, degree, programme
/// code, honours, date of issue, series and number, form of study, and the programme text in
/// `lang`. Never IIN, birth date or GPA.
#[uniffi::export]
pub fn default_presentation_claims(lang: Language) -> Vec<ClaimId> {
    claim_ids(core_cred::ClaimSet::default_for(lang.into()))
}

/// Every claim, in slot order.
#[uniffi::export]
pub fn all_claims() -> Vec<ClaimId> {
    claim_ids(core_cred::ClaimSet::all())
}
