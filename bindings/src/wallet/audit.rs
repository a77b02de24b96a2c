//! The audit log as the app shows it: [`AuditLog`], [`AuditEntry`], [`AuditKind`].

use qujat_core::vault::{self, ChainStatus};

/// What an audit entry records (the core's `vault::AuditKind`).
pub type AuditKind = vault::AuditKind;

/// What an audit entry records.
#[uniffi::remote(Enum)]
pub enum AuditKind {
    /// The wallet was set up.
    Setup,
    /// A successful unlock.
    Unlocked,
    /// A failed unlock.
    FailedUnlock,
    /// A diploma was imported.
    Import,
    /// A presentation was made.
    Present,
    /// A diploma was deleted.
    Delete,
    /// The PIN was changed.
    PinChanged,
    /// An authenticator app was enrolled.
    TotpEnrolled,
    /// A recovery code was spent.
    RecoveryCodeUsed,
    /// The recovery codes were renewed.
    RecoveryCodesRenewed,
    /// The log's head record was damaged or stale and the log was continued after its last
    /// entry; the chain is reported broken from here.
    HeadRebuilt,
    /// A document presentation (a printed or e-mailed copy for an audience) was made.
    PresentDocument,
    /// The wallet was restored from a backup (the first entry of a restored wallet; the
    /// entries carried over from the backup follow it).
    Restored,
    /// A backup was made.
    Backup,
    /// A kind written by a newer version of the app (its number).
    Other(u16),
}

/// One audit entry (its detail stays sealed in the wallet).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct AuditEntry {
    /// Position in the chain, from 1.
    pub seq: u64,
    /// What happened.
    pub kind: AuditKind,
    /// When (Unix seconds).
    pub time: i64,
}

/// The audit log and the state of its hash chain.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct AuditLog {
    /// Entries in order.
    pub entries: Vec<AuditEntry>,
    /// `None` when the chain is intact; else the first entry number that fails (an entry
    /// missing, altered, reordered or cut off the end).
    pub broken_at_seq: Option<u64>,
}

impl From<vault::AuditLog> for AuditLog {
    fn from(log: vault::AuditLog) -> Self {
        let entries = log.entries.iter().map(|e| AuditEntry { seq: e.seq, time: e.time, kind: e.kind }).collect();
        let broken_at_seq = match log.status {
            ChainStatus::Intact => None,
            ChainStatus::Broken { at_seq } => Some(at_seq),
        };
        Self { entries, broken_at_seq }
    }
}
