//! The audit log as the app shows it: [`AuditLog`], [`AuditEntry`], [`AuditKind`].

use qujat_core::vault::{self, ChainStatus};

/// What an audit entry records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
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
    /// A kind these bindings do not know yet.
    Other {
        /// Its number.
        code: u16,
    },
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
        use vault::AuditKind as K;
        let entries = log
            .entries
            .iter()
            .map(|e| AuditEntry {
                seq: e.seq,
                time: e.time,
                kind: match e.kind {
                    K::Setup => AuditKind::Setup,
                    K::Unlocked => AuditKind::Unlocked,
                    K::FailedUnlock => AuditKind::FailedUnlock,
                    K::Import => AuditKind::Import,
                    K::Present => AuditKind::Present,
                    K::Delete => AuditKind::Delete,
                    K::PinChanged => AuditKind::PinChanged,
                    K::TotpEnrolled => AuditKind::TotpEnrolled,
                    K::RecoveryCodeUsed => AuditKind::RecoveryCodeUsed,
                    K::RecoveryCodesRenewed => AuditKind::RecoveryCodesRenewed,
                    K::HeadRebuilt => AuditKind::HeadRebuilt,
                    K::Other(code) => AuditKind::Other { code },
                    _ => AuditKind::Other { code: u16::MAX },
                },
            })
            .collect();
        let broken_at_seq = match log.status {
            ChainStatus::Intact => None,
            ChainStatus::Broken { at_seq } => Some(at_seq),
        };
        Self { entries, broken_at_seq }
    }
}
