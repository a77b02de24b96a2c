//! Claims: the disclosable units of a diploma and their CBOR values.
//!
//! A credential has exactly [`SLOTS`] leaves in a fixed order (see `docs/FORMAT.md`). The order
//! is chosen so that the default presentation is one aligned subtree (leaves 0–7): it costs one
//! seed and one hash on the wire.

use ciborium::Value;

use super::date::Date;
use super::diploma::{DegreeLevel, Diploma, Gpa, Iin, Lang, Localized, PersonName, StudyForm};

/// Number of leaves (claim slots) in a version-1 credential.
pub const SLOTS: usize = 16;

/// A disclosable claim (one leaf of the disclosure tree).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
pub enum ClaimId {
    /// Family and given names in the original script.
    Name = 0,
    /// Degree level.
    DegreeLevel = 1,
    /// Programme code (national classifier).
    ProgramCode = 2,
    /// With distinction.
    Honors = 3,
    /// Date of issue.
    IssueDate = 4,
    /// Diploma series and number.
    DiplomaNumber = 5,
    /// Form of study.
    StudyForm = 6,
    /// Programme name and qualification in English.
    ProgramEn = 7,
    /// Programme name and qualification in Russian.
    ProgramRu = 8,
    /// Programme name and qualification in Kazakh.
    ProgramKk = 9,
    /// Family and given names in Latin script.
    NameLatin = 10,
    /// Date of birth.
    BirthDate = 11,
    /// National identification number.
    Iin = 12,
    /// Grade point average.
    Gpa = 13,
}

impl ClaimId {
    /// Every claim, in slot order.
    pub const ALL: [ClaimId; 14] = [
        ClaimId::Name,
        ClaimId::DegreeLevel,
        ClaimId::ProgramCode,
        ClaimId::Honors,
        ClaimId::IssueDate,
        ClaimId::DiplomaNumber,
        ClaimId::StudyForm,
        ClaimId::ProgramEn,
        ClaimId::ProgramRu,
        ClaimId::ProgramKk,
        ClaimId::NameLatin,
        ClaimId::BirthDate,
        ClaimId::Iin,
        ClaimId::Gpa,
    ];

    /// The leaf index.
    pub fn slot(self) -> usize {
        self as usize
    }
    /// The claim at a leaf index (slots 14 and 15 are reserved and always empty).
    pub fn from_slot(slot: usize) -> Option<Self> {
        Self::ALL.get(slot).copied()
    }
    /// A stable ASCII name, used by the CLI (`--claims name,degree,…`) and JSON output.
    pub fn key(self) -> &'static str {
        match self {
            ClaimId::Name => "name",
            ClaimId::DegreeLevel => "degree",
            ClaimId::ProgramCode => "program_code",
            ClaimId::Honors => "honors",
            ClaimId::IssueDate => "issue_date",
            ClaimId::DiplomaNumber => "number",
            ClaimId::StudyForm => "study_form",
            ClaimId::ProgramEn => "program_en",
            ClaimId::ProgramRu => "program_ru",
            ClaimId::ProgramKk => "program_kk",
            ClaimId::NameLatin => "name_latin",
            ClaimId::BirthDate => "birth_date",
            ClaimId::Iin => "iin",
            ClaimId::Gpa => "gpa",
        }
    }
    /// From [`ClaimId::key`].
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.key() == key)
    }
    /// The programme-text claim for a language.
    pub fn program_text(lang: Lang) -> Self {
        match lang {
            Lang::En => ClaimId::ProgramEn,
            Lang::Ru => ClaimId::ProgramRu,
            Lang::Kk => ClaimId::ProgramKk,
        }
    }
    /// True for the claims whose slot may be `null` (the diploma does not state it): study form,
    /// the programme texts, the Latin names and the GPA (`docs/FORMAT.md` §3). Every other claim
    /// slot MUST hold a value; the reserved slots MUST be `null`.
    pub fn nullable(self) -> bool {
        matches!(
            self,
            ClaimId::StudyForm
                | ClaimId::ProgramEn
                | ClaimId::ProgramRu
                | ClaimId::ProgramKk
                | ClaimId::NameLatin
                | ClaimId::Gpa
        )
    }
    /// True for the claims hidden unless the holder asks: IIN, birth date, GPA.
    pub fn is_sensitive(self) -> bool {
        matches!(self, ClaimId::Iin | ClaimId::BirthDate | ClaimId::Gpa)
    }
}

/// A set of claims, as a 16-bit mask over slots (bit `i` = slot `i`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct ClaimSet(u16);

impl ClaimSet {
    /// No claim.
    pub const EMPTY: ClaimSet = ClaimSet(0);

    /// The default presentation: slots 0–7 (names in the original script, degree, programme
    /// code, honours, issue date, series and number, study form, programme and qualification
    /// in English). IIN, birth date and GPA are never in it.
    pub fn default_presentation() -> Self {
        Self(0x00ff)
    }
    /// The default set with the programme text in `lang` instead of English.
    pub fn default_for(lang: Lang) -> Self {
        Self::default_presentation().without(ClaimId::ProgramEn).with(ClaimId::program_text(lang))
    }
    /// Every claim.
    pub fn all() -> Self {
        ClaimId::ALL.into_iter().fold(Self::EMPTY, Self::with)
    }
    /// From a raw mask; `None` if a reserved slot is set.
    pub fn from_mask(mask: u16) -> Option<Self> {
        (mask & !Self::all().0 == 0).then_some(Self(mask))
    }
    /// The raw mask.
    pub fn mask(self) -> u16 {
        self.0
    }
    /// This set plus `c`.
    #[must_use]
    pub fn with(self, c: ClaimId) -> Self {
        Self(self.0 | 1 << c.slot())
    }
    /// This set minus `c`.
    #[must_use]
    pub fn without(self, c: ClaimId) -> Self {
        Self(self.0 & !(1 << c.slot()))
    }
    /// Membership.
    pub fn contains(self, c: ClaimId) -> bool {
        self.0 & 1 << c.slot() != 0
    }
    /// True if slot `i` is in the set.
    pub fn contains_slot(self, i: usize) -> bool {
        i < SLOTS && self.0 & 1 << i != 0
    }
    /// The claims, in slot order.
    pub fn iter(self) -> impl Iterator<Item = ClaimId> {
        ClaimId::ALL.into_iter().filter(move |c| self.contains(*c))
    }
    /// Parse `name,degree,…` (claim keys) or the words `default`, `all`, `minimal`.
    pub fn parse_list(s: &str) -> Result<Self, String> {
        let mut set = Self::EMPTY;
        for word in s.split(',').map(str::trim).filter(|w| !w.is_empty()) {
            set = match word {
                "default" => Self(set.0 | Self::default_presentation().0),
                "all" => Self::all(),
                "minimal" => Self(set.0 | Self::minimal().0),
                w => set.with(ClaimId::from_key(w).ok_or_else(|| format!("unknown claim `{w}`"))?),
            };
        }
        Ok(set)
    }
    /// The smallest useful presentation: name, degree level, programme code and honours
    /// (slots 0–3, one aligned subtree: its cover is one seed and two hashes).
    pub fn minimal() -> Self {
        Self::EMPTY.with(ClaimId::Name).with(ClaimId::DegreeLevel).with(ClaimId::ProgramCode).with(ClaimId::Honors)
    }
}

/// A claim's value, as disclosed. `None` in a slot means the diploma does not state it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClaimValue {
    /// A name.
    Name(PersonName),
    /// Degree level.
    DegreeLevel(DegreeLevel),
    /// A short text (programme code, IIN).
    Text(String),
    /// A flag (honours).
    Flag(bool),
    /// A date.
    Date(Date),
    /// Series and number.
    DiplomaNumber {
        /// Series.
        series: String,
        /// Number.
        number: String,
    },
    /// Form of study.
    StudyForm(StudyForm),
    /// Programme name and qualification in one language.
    ProgramText {
        /// Programme name.
        program: String,
        /// Qualification.
        qualification: String,
    },
    /// GPA.
    Gpa(Gpa),
}

/// A leaf's CBOR value does not fit its slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("claim value in slot {slot} is malformed")]
pub struct ClaimValueError {
    /// The slot.
    pub slot: usize,
}

/// Longest text accepted in any claim, in bytes (UTF-8).
pub const MAX_TEXT_BYTES: usize = 256;

impl ClaimValue {
    /// The CBOR value of a leaf (see `docs/FORMAT.md` for each slot's shape).
    pub fn to_cbor(&self) -> Value {
        match self {
            ClaimValue::Name(n) => Value::Array(vec![Value::Text(n.family.clone()), Value::Text(n.given.clone())]),
            ClaimValue::DegreeLevel(l) => Value::Integer(l.code().into()),
            ClaimValue::Text(t) => Value::Text(t.clone()),
            ClaimValue::Flag(b) => Value::Bool(*b),
            ClaimValue::Date(d) => Value::Integer(d.to_days().into()),
            ClaimValue::DiplomaNumber { series, number } => {
                Value::Array(vec![Value::Text(series.clone()), Value::Text(number.clone())])
            }
            ClaimValue::StudyForm(f) => Value::Integer(f.code().into()),
            ClaimValue::ProgramText { program, qualification } => {
                Value::Array(vec![Value::Text(program.clone()), Value::Text(qualification.clone())])
            }
            ClaimValue::Gpa(g) => Value::Integer(g.hundredths().into()),
        }
    }

    /// Parse the CBOR value found in `slot` (`null` = not stated is handled by the caller).
    pub fn from_cbor(claim: ClaimId, v: &Value) -> Result<Self, ClaimValueError> {
        let err = ClaimValueError { slot: claim.slot() };
        let text = |v: &Value| -> Result<String, ClaimValueError> {
            match v {
                Value::Text(t) if !t.is_empty() && t.len() <= MAX_TEXT_BYTES => Ok(t.clone()),
                _ => Err(err),
            }
        };
        let pair = |v: &Value| -> Result<(String, String), ClaimValueError> {
            match v {
                Value::Array(a) if a.len() == 2 => Ok((text(&a[0])?, text(&a[1])?)),
                _ => Err(err),
            }
        };
        let uint = |v: &Value| -> Result<u64, ClaimValueError> {
            match v {
                Value::Integer(i) => u64::try_from(*i).map_err(|_| err),
                _ => Err(err),
            }
        };
        let date = |v: &Value| -> Result<Date, ClaimValueError> {
            match v {
                Value::Integer(i) => i64::try_from(*i).ok().and_then(Date::from_days).ok_or(err),
                _ => Err(err),
            }
        };
        Ok(match claim {
            ClaimId::Name | ClaimId::NameLatin => {
                let (family, given) = pair(v)?;
                ClaimValue::Name(PersonName { family, given })
            }
            ClaimId::DegreeLevel => ClaimValue::DegreeLevel(DegreeLevel::from_code(uint(v)?).ok_or(err)?),
            ClaimId::ProgramCode => ClaimValue::Text(text(v)?),
            ClaimId::Iin => {
                let t = text(v)?;
                Iin::parse(&t).map_err(|_| err)?;
                ClaimValue::Text(t)
            }
            ClaimId::Honors => match v {
                Value::Bool(b) => ClaimValue::Flag(*b),
                _ => return Err(err),
            },
            ClaimId::IssueDate | ClaimId::BirthDate => ClaimValue::Date(date(v)?),
            ClaimId::DiplomaNumber => {
                let (series, number) = pair(v)?;
                ClaimValue::DiplomaNumber { series, number }
            }
            ClaimId::StudyForm => ClaimValue::StudyForm(StudyForm::from_code(uint(v)?).ok_or(err)?),
            ClaimId::ProgramEn | ClaimId::ProgramRu | ClaimId::ProgramKk => {
                let (program, qualification) = pair(v)?;
                ClaimValue::ProgramText { program, qualification }
            }
            ClaimId::Gpa => {
                let h = u16::try_from(uint(v)?).map_err(|_| err)?;
                ClaimValue::Gpa(Gpa::from_hundredths(h).ok_or(err)?)
            }
        })
    }
}

/// The value of every slot of a diploma (`None`: not stated, or a reserved slot).
pub fn diploma_slots(d: &Diploma) -> [Option<ClaimValue>; SLOTS] {
    let program = |lang: Lang| -> Option<ClaimValue> {
        Some(ClaimValue::ProgramText {
            program: d.program_name.get(lang)?.to_owned(),
            qualification: d.qualification.get(lang)?.to_owned(),
        })
    };
    let mut slots: [Option<ClaimValue>; SLOTS] = Default::default();
    for c in ClaimId::ALL {
        slots[c.slot()] = match c {
            ClaimId::Name => Some(ClaimValue::Name(d.name.clone())),
            ClaimId::DegreeLevel => Some(ClaimValue::DegreeLevel(d.degree_level)),
            ClaimId::ProgramCode => Some(ClaimValue::Text(d.program_code.clone())),
            ClaimId::Honors => Some(ClaimValue::Flag(d.honors)),
            ClaimId::IssueDate => Some(ClaimValue::Date(d.issue_date)),
            ClaimId::DiplomaNumber => {
                Some(ClaimValue::DiplomaNumber { series: d.series.clone(), number: d.number.clone() })
            }
            ClaimId::StudyForm => d.study_form.map(ClaimValue::StudyForm),
            ClaimId::ProgramEn => program(Lang::En),
            ClaimId::ProgramRu => program(Lang::Ru),
            ClaimId::ProgramKk => program(Lang::Kk),
            ClaimId::NameLatin => d.name_latin.clone().map(ClaimValue::Name),
            ClaimId::BirthDate => Some(ClaimValue::Date(d.birth_date)),
            ClaimId::Iin => Some(ClaimValue::Text(d.iin.as_str().to_owned())),
            ClaimId::Gpa => d.gpa.map(ClaimValue::Gpa),
        };
    }
    slots
}

/// Disclosed claims, as the verifier sees them (absent claims: the diploma does not state it).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DisclosedClaims {
    /// Values by claim, for the disclosed claims the diploma states.
    pub values: Vec<(ClaimId, ClaimValue)>,
    /// Disclosed claims the diploma does not state (e.g. GPA on a PhD diploma).
    pub not_stated: Vec<ClaimId>,
}

impl DisclosedClaims {
    /// The value of a claim, if disclosed and stated.
    pub fn get(&self, c: ClaimId) -> Option<&ClaimValue> {
        self.values.iter().find(|(id, _)| *id == c).map(|(_, v)| v)
    }
    /// Programme texts disclosed, as a [`Localized`].
    pub fn program_texts(&self) -> (Localized, Localized) {
        let mut program = Localized::default();
        let mut qualification = Localized::default();
        for lang in Lang::ALL {
            if let Some(ClaimValue::ProgramText { program: p, qualification: q }) =
                self.get(ClaimId::program_text(lang))
            {
                program.set(lang, Some(p.clone()));
                qualification.set(lang, Some(q.clone()));
            }
        }
        (program, qualification)
    }
}
