//! The diploma list and detail: [`DiplomaSummary`] (the core's), [`DiplomaList`], [`DiplomaDetail`].

use qujat_core::vault::CredentialId;
use qujat_core::wallet;

use crate::types::{CalendarDate, Claim, DegreeLevel, LocalizedText};

/// A diploma's identifier as it crosses: 64 hex digits (the core's `vault::CredentialId`).
pub type DiplomaId = CredentialId;

uniffi::custom_type!(DiplomaId, String, {
    remote,
    lower: |id| id.to_hex(),
    try_lift: |s| CredentialId::from_hex(&s).ok_or_else(|| uniffi::deps::anyhow::anyhow!("not a diploma id")),
});

/// One diploma in the list: the core's `wallet::DiplomaSummary` itself. Personal data: show,
/// never log.
pub type DiplomaSummary = wallet::DiplomaSummary;

/// One diploma in the list. Personal data: show, never log.
#[uniffi::remote(Record)]
pub struct DiplomaSummary {
    /// Identifier (64 hex digits).
    pub id: DiplomaId,
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
