//! What the diploma list shows, stored sealed beside each credential so that listing never
//! opens the credentials themselves.

use ciborium::Value;

use crate::cbor::{self, FormatError, IntMap};
use crate::credential::{ClaimId, ClaimValue, CredentialBundle, Date, DegreeLevel, Lang, Localized};
use crate::platform::UnixTime;
use crate::trust::IssuerEntry;
use crate::vault::CredentialId;

/// One diploma in the holder's list. Holds personal data: show it, never log it (its `Debug`
/// prints only the id, the issuer and the import time).
#[derive(Clone, PartialEq, Eq)]
pub struct DiplomaSummary {
    /// Identifier (SHA-256 of the signed credential).
    pub id: CredentialId,
    /// Issuer id.
    pub issuer_id: String,
    /// Issuer name as the trust list gave it at import.
    pub issuer_name: Localized,
    /// Degree level.
    pub degree_level: Option<DegreeLevel>,
    /// Programme code.
    pub program_code: Option<String>,
    /// Programme name by language.
    pub program_name: Localized,
    /// Date of issue.
    pub issue_date: Option<Date>,
    /// With distinction.
    pub honors: bool,
    /// When it was imported.
    pub imported_at: UnixTime,
}

impl std::fmt::Debug for DiplomaSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DiplomaSummary")
            .field("id", &self.id)
            .field("issuer_id", &self.issuer_id)
            .field("imported_at", &self.imported_at)
            .finish_non_exhaustive()
    }
}

fn localized_to_cbor(l: &Localized) -> Value {
    Value::Array(Lang::ALL.iter().map(|lang| l.get(*lang).map_or(Value::Null, |t| Value::Text(t.to_owned()))).collect())
}

fn localized_from_cbor(v: Value) -> Option<Localized> {
    let Value::Array(items) = v else { return None };
    if items.len() != 3 {
        return None;
    }
    let mut l = Localized::default();
    for (lang, item) in Lang::ALL.iter().zip(items) {
        match item {
            Value::Text(t) => l.set(*lang, Some(t)),
            Value::Null => {}
            _ => return None,
        }
    }
    Some(l)
}

impl DiplomaSummary {
    /// The summary of a verified bundle.
    pub fn of(bundle: &CredentialBundle, issuer: &IssuerEntry, imported_at: UnixTime) -> Self {
        let mut program_name = Localized::default();
        for lang in Lang::ALL {
            if let Some(ClaimValue::ProgramText { program, .. }) = bundle.claim(ClaimId::program_text(lang)) {
                program_name.set(lang, Some(program));
            }
        }
        Self {
            id: CredentialId::from_bytes(bundle.id()),
            issuer_id: issuer.id.clone(),
            issuer_name: issuer.name.clone(),
            degree_level: match bundle.claim(ClaimId::DegreeLevel) {
                Some(ClaimValue::DegreeLevel(l)) => Some(l),
                _ => None,
            },
            program_code: match bundle.claim(ClaimId::ProgramCode) {
                Some(ClaimValue::Text(t)) => Some(t),
                _ => None,
            },
            program_name,
            issue_date: match bundle.claim(ClaimId::IssueDate) {
                Some(ClaimValue::Date(d)) => Some(d),
                _ => None,
            },
            honors: matches!(bundle.claim(ClaimId::Honors), Some(ClaimValue::Flag(true))),
            imported_at,
        }
    }

    /// `{1: version, 2: issuer id, 3: issuer names, 4: degree, 5: programme code, 6: programme
    /// names, 7: issue date (days), 8: honours, 9: imported at}`.
    pub fn to_cbor(&self) -> Vec<u8> {
        let opt_text = |t: &Option<String>| t.as_ref().map_or(Value::Null, |t| Value::Text(t.clone()));
        cbor::encode_map(vec![
            (1, Value::Integer(1.into())),
            (2, Value::Text(self.issuer_id.clone())),
            (3, localized_to_cbor(&self.issuer_name)),
            (4, self.degree_level.map_or(Value::Null, |l| Value::Integer(l.code().into()))),
            (5, opt_text(&self.program_code)),
            (6, localized_to_cbor(&self.program_name)),
            (7, self.issue_date.map_or(Value::Null, |d| Value::Integer(d.to_days().into()))),
            (8, Value::Bool(self.honors)),
            (9, Value::Integer(self.imported_at.into())),
        ])
    }

    /// Decode a stored summary.
    pub fn from_cbor(id: CredentialId, bytes: &[u8]) -> Result<Self, FormatError> {
        const W: &str = "summary";
        let mut m = IntMap::decode(bytes, W, 16 * 1024)?;
        m.version(1)?;
        let issuer_id = m.text(2, 64)?;
        let issuer_name = localized_from_cbor(m.take(3)?).ok_or(m.bad(3))?;
        let degree_level = match m.take(4)? {
            Value::Null => None,
            v => Some(cbor::as_uint(&v).and_then(DegreeLevel::from_code).ok_or(m.bad(4))?),
        };
        let program_code = match m.take(5)? {
            Value::Null => None,
            Value::Text(t) => Some(t),
            _ => return Err(m.bad(5)),
        };
        let program_name = localized_from_cbor(m.take(6)?).ok_or(m.bad(6))?;
        let issue_date = match m.take(7)? {
            Value::Null => None,
            Value::Integer(i) => Some(i64::try_from(i).ok().and_then(Date::from_days).ok_or(m.bad(7))?),
            _ => return Err(m.bad(7)),
        };
        let honors = matches!(m.take(8)?, Value::Bool(true));
        let imported_at = m.int(9)?;
        m.finish()?;
        Ok(Self {
            id,
            issuer_id,
            issuer_name,
            degree_level,
            program_code,
            program_name,
            issue_date,
            honors,
            imported_at,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_prints_no_personal_data() {
        let text = |t: &str| Localized { kk: None, ru: Some(format!("{t}-ru")), en: Some(t.to_owned()) };
        let s = DiplomaSummary {
            id: CredentialId::from_bytes([7; 32]),
            issuer_id: "kz.enu".into(),
            issuer_name: text("Eurasian"),
            degree_level: Some(DegreeLevel::Master),
            program_code: Some("7M06101".into()),
            program_name: text("Quantum Basketweaving"),
            issue_date: Date::new(2024, 6, 28),
            honors: true,
            imported_at: 1_800_000_000,
        };
        let shown = format!("{s:?} {s:#?}");
        for secret in ["Quantum", "Basketweaving", "7M06101", "Master", "2024", "honors", "true"] {
            assert!(!shown.contains(secret), "{secret} in {shown}");
        }
        assert!(shown.contains("kz.enu") && shown.contains("1800000000"), "{shown}");
    }
}
