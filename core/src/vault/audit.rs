//! The audit log: sealed, hash-chained entries, checked on every read.
//!
//! Entry `n` (numbered from 1, the row id) seals
//! `version ‖ kind (u16) ‖ time (i64) ‖ hash of entry n-1 (32) ‖ detail`, and its own hash is
//! `SHA-256(frame("qujat/audit/v1", n, plaintext))`. A sealed head record holds the number and
//! hash of the last entry, so removing entries from the end is caught as well as editing,
//! deleting or reordering them in the middle. The entry is appended in the same transaction
//! as the operation it records.
//!
//! Failed unlocks happen without the data key; their times wait in clear in
//! `failed_attempts` and are sealed into this log at the next successful unlock.

use rusqlite::{Connection, OptionalExtension, Transaction, params};
use sha2::{Digest, Sha256};

use crate::platform::{SecureRandom, UnixTime};
use crate::secret::SecretVec;

use super::error::VaultError;
use super::rows::{self, SecretName};
use super::seal::{Place, SealKeys, framed};
use super::session::Session;
use super::vault::Vault;

const TABLE: &str = "audit";
const VERSION: u8 = 1;
const HEADER: usize = 1 + 2 + 8 + 32;

/// What an audit entry records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditKind {
    /// The vault was set up.
    Setup,
    /// A successful unlock (detail: `totp` or `recovery-code`).
    Unlocked,
    /// A failed (or interrupted) unlock attempt; its time is the attempt's.
    FailedUnlock,
    /// A credential was stored (detail: its id).
    Import,
    /// A presentation was made (detail: chosen by the caller: claims, challenge).
    Present,
    /// A credential was deleted (detail: its id).
    Delete,
    /// The PIN was changed.
    PinChanged,
    /// An authenticator app was enrolled (first setup or re-enrolment).
    TotpEnrolled,
    /// A recovery code was spent.
    RecoveryCodeUsed,
    /// A new set of recovery codes replaced the old one.
    RecoveryCodesRenewed,
    /// The head record (which names the last entry) did not open or named an earlier entry
    /// than the log holds, so the log was continued after its last entry. Entries removed from
    /// the end before this point can no longer be detected: the chain is reported broken here.
    /// Detail: the entry number the old head named (8 bytes, big-endian), or empty if it did
    /// not open.
    HeadRebuilt,
    /// A document presentation (a printed or e-mailed copy) was made (detail: chosen by the
    /// caller: claims, audience, validity).
    PresentDocument,
    /// The vault was set up from a backup (the first entry of a restored wallet; detail:
    /// `made=<Unix seconds>`, when the backup was made). The entries carried over follow it.
    Restored,
    /// A backup was made (detail: `diplomas=<n> skipped=<damaged rows not carried>`).
    Backup,
    /// A kind written by a newer version.
    Other(u16),
}

impl AuditKind {
    /// The number stored for this kind (carried as is by a backup).
    pub fn code(self) -> u16 {
        match self {
            Self::Setup => 1,
            Self::Unlocked => 2,
            Self::FailedUnlock => 3,
            Self::Import => 4,
            Self::Present => 5,
            Self::Delete => 6,
            Self::PinChanged => 7,
            Self::TotpEnrolled => 8,
            Self::RecoveryCodeUsed => 9,
            Self::RecoveryCodesRenewed => 10,
            Self::HeadRebuilt => 11,
            Self::PresentDocument => 12,
            Self::Restored => 13,
            Self::Backup => 14,
            Self::Other(c) => c,
        }
    }

    /// The kind stored as `c` ([`AuditKind::Other`] for a number this version does not know).
    pub fn from_code(c: u16) -> Self {
        match c {
            1 => Self::Setup,
            2 => Self::Unlocked,
            3 => Self::FailedUnlock,
            4 => Self::Import,
            5 => Self::Present,
            6 => Self::Delete,
            7 => Self::PinChanged,
            8 => Self::TotpEnrolled,
            9 => Self::RecoveryCodeUsed,
            10 => Self::RecoveryCodesRenewed,
            11 => Self::HeadRebuilt,
            12 => Self::PresentDocument,
            13 => Self::Restored,
            14 => Self::Backup,
            c => Self::Other(c),
        }
    }
}

/// One decrypted entry.
#[derive(Debug)]
pub struct AuditEntry {
    /// Position in the chain, from 1.
    pub seq: u64,
    /// What happened.
    pub kind: AuditKind,
    /// When (Unix seconds, by the injected clock).
    pub time: UnixTime,
    /// Caller-defined detail (may name claims; kept secret).
    pub detail: SecretVec,
}

/// The result of checking the chain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChainStatus {
    /// Every entry opened and linked to its predecessor, and the head matches the last entry.
    Intact,
    /// The first position at which the chain does not hold: an entry missing, altered, out of
    /// order, or removed from the end.
    Broken {
        /// The first entry number that fails.
        at_seq: u64,
    },
}

/// The audit log as read: every entry that opens, and the chain's verdict.
#[derive(Debug)]
pub struct AuditLog {
    /// Entries in order (a damaged one is left out and reported in `status`).
    pub entries: Vec<AuditEntry>,
    /// Whether the chain is intact.
    pub status: ChainStatus,
}

pub(super) fn place(seq_bytes: &[u8; 8]) -> Place<'_> {
    Place { table: TABLE, column: "sealed", id: seq_bytes }
}

fn entry_hash(seq: u64, plaintext: &[u8]) -> [u8; 32] {
    Sha256::digest(framed(&[b"qujat/audit/v1", &seq.to_be_bytes(), plaintext])).into()
}

/// The head: number and hash of the last entry (`(0, zeros)` for an empty log).
fn read_head(conn: &Connection, keys: &SealKeys) -> Result<(u64, [u8; 32]), VaultError> {
    let bad = VaultError::Integrity { table: "secrets" };
    match rows::get_secret(conn, keys, SecretName::AuditHead)? {
        None => {
            let n: i64 = conn.query_row("SELECT count(*) FROM audit", [], |r| r.get(0))?;
            if n == 0 { Ok((0, [0; 32])) } else { Err(bad) }
        }
        Some(h) => {
            let b = h.expose_secret();
            if b.len() != 40 {
                return Err(bad);
            }
            let seq = u64::from_be_bytes(b[..8].try_into().map_err(|_| bad.clone())?);
            let hash: [u8; 32] = b[8..].try_into().map_err(|_| bad.clone())?;
            Ok((seq, hash))
        }
    }
}

/// Number and hash of the last entry in the table (`(0, zeros)` for an empty log; zeros for
/// the hash of an entry that does not open).
fn last_entry(conn: &Connection, keys: &SealKeys) -> Result<(u64, [u8; 32]), VaultError> {
    let row: Option<(i64, Vec<u8>)> = conn
        .query_row("SELECT seq, sealed FROM audit ORDER BY seq DESC LIMIT 1", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let Some((seq, sealed)) = row else {
        return Ok((0, [0; 32]));
    };
    let seq = u64::try_from(seq).map_err(|_| VaultError::Integrity { table: TABLE })?;
    let seq_bytes = seq.to_be_bytes();
    let hash = keys.open(place(&seq_bytes), &sealed).map_or([0; 32], |p| entry_hash(seq, p.expose_secret()));
    Ok((seq, hash))
}

/// Append an entry (inside the caller's transaction).
///
/// A head that does not open, or that names an earlier entry than the table's last one (an old
/// copy of the head written back), would make every append fail — and with it every unlock,
/// locking the holder out of intact diplomas. Instead the log is continued after its last
/// entry, behind an [`AuditKind::HeadRebuilt`] entry that marks the break for good.
pub(crate) fn append(
    tx: &Transaction<'_>,
    keys: &SealKeys,
    rng: &dyn SecureRandom,
    kind: AuditKind,
    time: UnixTime,
    detail: &[u8],
) -> Result<(), VaultError> {
    let last_row: Option<i64> = tx.query_row("SELECT max(seq) FROM audit", [], |r| r.get(0))?;
    let last_row = u64::try_from(last_row.unwrap_or(0)).unwrap_or(0);
    // Continue after the table's last entry, behind a marker naming what the old head said.
    let rebuild =
        |old_head: &[u8]| insert_entry(tx, keys, rng, last_entry(tx, keys)?, AuditKind::HeadRebuilt, time, old_head);
    let head = match read_head(tx, keys) {
        Ok((seq, _)) if seq < last_row => rebuild(&seq.to_be_bytes())?,
        Ok(head) => head,
        Err(VaultError::Integrity { .. }) => rebuild(&[])?,
        Err(e) => return Err(e),
    };
    let head = insert_entry(tx, keys, rng, head, kind, time, detail)?;
    let mut record = Vec::with_capacity(40);
    record.extend_from_slice(&head.0.to_be_bytes());
    record.extend_from_slice(&head.1);
    rows::put_secret(tx, keys, rng, SecretName::AuditHead, &record)
}

/// Insert the entry that follows `(last, prev)`; returns its number and hash.
fn insert_entry(
    tx: &Transaction<'_>,
    keys: &SealKeys,
    rng: &dyn SecureRandom,
    (last, prev): (u64, [u8; 32]),
    kind: AuditKind,
    time: UnixTime,
    detail: &[u8],
) -> Result<(u64, [u8; 32]), VaultError> {
    let seq = last.checked_add(1).ok_or(VaultError::Integrity { table: "secrets" })?;
    let mut plain = Vec::with_capacity(HEADER + detail.len());
    plain.push(VERSION);
    plain.extend_from_slice(&kind.code().to_be_bytes());
    plain.extend_from_slice(&time.to_be_bytes());
    plain.extend_from_slice(&prev);
    plain.extend_from_slice(detail);
    let plain = SecretVec::new(plain);
    let seq_bytes = seq.to_be_bytes();
    let sealed = keys.seal(rng, place(&seq_bytes), plain.expose_secret())?;
    let row = i64::try_from(seq).map_err(|_| VaultError::Integrity { table: TABLE })?;
    tx.execute("INSERT INTO audit (seq, sealed) VALUES (?1, ?2)", params![row, sealed])?;
    Ok((seq, entry_hash(seq, plain.expose_secret())))
}

/// Read and check the whole log.
pub(crate) fn read(conn: &Connection, keys: &SealKeys) -> Result<AuditLog, VaultError> {
    let mut stmt = conn.prepare("SELECT seq, sealed FROM audit ORDER BY seq")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, Vec<u8>>(1)?)))?;
    let mut entries = Vec::new();
    let mut status = ChainStatus::Intact;
    let mut broken = |at_seq: u64| {
        if status == ChainStatus::Intact {
            status = ChainStatus::Broken { at_seq };
        }
    };
    let mut expected: u64 = 1;
    let mut prev = [0u8; 32];
    for row in rows {
        let (seq, sealed) = row?;
        let seq = u64::try_from(seq).unwrap_or(0);
        if seq != expected {
            broken(expected);
        }
        expected = seq.saturating_add(1);
        let seq_bytes = seq.to_be_bytes();
        let Ok(plain) = keys.open(place(&seq_bytes), &sealed) else {
            broken(seq);
            prev = [0; 32];
            continue;
        };
        let p = plain.expose_secret();
        if p.len() < HEADER || p[0] != VERSION {
            broken(seq);
            continue;
        }
        let kind = AuditKind::from_code(u16::from_be_bytes([p[1], p[2]]));
        if kind == AuditKind::HeadRebuilt {
            broken(seq);
        }
        let mut time_bytes = [0u8; 8];
        time_bytes.copy_from_slice(&p[3..11]);
        if p[11..HEADER] != prev {
            broken(seq);
        }
        prev = entry_hash(seq, p);
        entries.push(AuditEntry {
            seq,
            kind,
            time: i64::from_be_bytes(time_bytes),
            detail: SecretVec::new(p[HEADER..].to_vec()),
        });
    }
    let last = expected - 1;
    match read_head(conn, keys) {
        Ok((head_seq, head_hash)) if head_seq == last && (last == 0 || head_hash == prev) => {}
        Ok((head_seq, _)) if head_seq > last => broken(last + 1),
        _ => broken(last.max(1)),
    }
    Ok(AuditLog { entries, status })
}

impl Vault {
    /// Append an entry to the audit log (for example [`AuditKind::Present`] with the claims
    /// shown and the verifier's challenge as detail).
    pub fn record_event(&self, session: &Session, kind: AuditKind, detail: &[u8]) -> Result<(), VaultError> {
        let now = self.now();
        let rng = self.rng.as_ref();
        self.session_write(session, |tx, keys| append(tx, keys, rng, kind, now, detail))
    }

    /// Read the audit log and check its chain. A break is reported in [`AuditLog::status`];
    /// the entries that still open are returned either way.
    pub fn audit_log(&self, session: &Session) -> Result<AuditLog, VaultError> {
        self.session_read(session, read)
    }
}
