//! The diploma list and detail: [`DiplomaSummary`], [`DiplomaList`], [`DiplomaDetail`].

use qujat_core::wallet;

use crate::types::{CalendarDate, Claim, DegreeLevel, LocalizedText};

/// One diploma in the list. Personal data: show, never log.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct DiplomaSummary {
    /// Identifier (64 hex digits).
    pub id: String,
    /// Issuer id (`kz.enu`).
    pub issuer_id: String,
    /// Issuer name as the trust list gave it at import.
    pub issuer_name: LocalizedText,
    /// Degree level.
    pub degree_level: Option<DegreeLevel>,
    /// Programme code.
    pub program_code: Option<String>,
    /// Programme name by language.
    pub program_name: LocalizedText,
    /// Date of issue.
    pub issue_date: Option<CalendarDate>,
    /// With distinction.
    pub honors: bool,
    /// When it was imported (Unix seconds).
    pub imported_at: i64,
}

impl From<wallet::DiplomaSummary> for DiplomaSummary {
    fn from(d: wallet::DiplomaSummary) -> Self {
        Self {
            id: d.id.to_hex(),
            issuer_id: d.issuer_id,
            issuer_name: d.issuer_name.into(),
            degree_level: d.degree_level.map(Into::into),
            program_code: d.program_code,
            program_name: d.program_name.into(),
            issue_date: d.issue_date.map(Into::into),
            honors: d.honors,
            imported_at: d.imported_at,
        }
    }
}

/// The diploma list.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct DiplomaList {
    /// Every diploma that opens.
    pub diplomas: Vec<DiplomaSummary>,
    /// Stored diplomas that did not open (damaged) or that were removed outside the app
    /// (the wallet keeps a sealed record of which diplomas it holds): say so, do not hide it.
    pub damaged: u32,
}

/// A diploma with every claim, for the detail screen.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct DiplomaDetail {
    /// The list entry.
    pub summary: DiplomaSummary,
    /// Every claim the diploma states, in slot order, labelled in the language asked for.
    pub claims: Vec<Claim>,
}
