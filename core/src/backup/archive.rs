//! The archive inside the age file: one deterministic CBOR map (`docs/BACKUP.md` §2).
//!
//! ```text
//! { 0: "qujat-backup",                     magic
//!   1: 1,                                  version
//!   2: made_at,                            Unix seconds
//!   3: holder key seed,                    bstr .size 32
//!   4: [ [id, bundle, summary], … ],       the diplomas (id: bstr .size 32)
//!   5: [ [kind, time, detail], … ] }       the audit log's entries
//! ```
//! Decoding is strict (the core's `cbor` rules: deterministic encoding, no unknown field); the
//! magic and the version are read before anything else, so a file of a newer version is told
//! apart from a damaged one. Every secret read out of the tree moves into a zeroizing type.

use ciborium::Value;
use zeroize::Zeroize;

use crate::cbor::{FormatError, IntMap};
use crate::credential::CredentialBundle;
use crate::credential::signed::MAX_BUNDLE_BYTES;
use crate::keys::KeyPair;
use crate::platform::UnixTime;
use crate::secret::{SecretBytes, SecretVec};
use crate::vault::{AuditEntry, AuditKind, CarriedCredential, CredentialId, VaultContents};
use crate::wallet::DiplomaSummary;

use super::BackupError;

/// The magic text at key 0.
pub const MAGIC: &str = "qujat-backup";
/// The archive version this implementation writes and reads.
pub const VERSION: u64 = 1;
/// Largest archive accepted (plaintext bytes): about 20,000 diplomas.
pub const MAX_ARCHIVE_BYTES: usize = 64 * 1024 * 1024;
/// Most diplomas in one archive.
pub const MAX_CREDENTIALS: usize = 100_000;
/// Most audit entries in one archive.
pub const MAX_AUDIT_ENTRIES: usize = 1_000_000;
/// Largest stored summary (bytes).
const MAX_SUMMARY: usize = 16 * 1024;
/// Largest audit detail (bytes): far above any detail the wallet writes (a document
/// presentation's, with its audience, is under 200 bytes).
const MAX_DETAIL: usize = 64 * 1024;
const W: &str = "backup";

/// What a backup holds: when it was made, and the vault's contents.
#[derive(Debug)]
pub struct Archive {
    /// When the backup was made (Unix seconds, by the injected clock).
    pub made_at: UnixTime,
    /// The holder key, the diplomas and the audit log.
    pub contents: VaultContents,
}

fn bytes_value(b: &[u8]) -> Value {
    Value::Bytes(b.to_vec())
}

/// Overwrite every byte and text string of a value tree that held secrets.
fn wipe(v: &mut Value) {
    match v {
        Value::Bytes(b) => b.zeroize(),
        Value::Text(t) => t.zeroize(),
        Value::Array(items) => items.iter_mut().for_each(wipe),
        Value::Map(pairs) => pairs.iter_mut().for_each(|(k, v)| {
            wipe(k);
            wipe(v);
        }),
        _ => {}
    }
}

impl Archive {
    /// The deterministic CBOR encoding (a secret: it holds the holder key).
    pub fn to_cbor(&self) -> SecretVec {
        let c = &self.contents;
        let credentials = c
            .credentials
            .iter()
            .map(|d| {
                Value::Array(vec![
                    bytes_value(d.id.as_bytes()),
                    bytes_value(d.bundle.expose_secret()),
                    bytes_value(d.summary.expose_secret()),
                ])
            })
            .collect();
        let audit = c
            .audit
            .iter()
            .map(|e| {
                Value::Array(vec![
                    Value::Integer(e.kind.code().into()),
                    Value::Integer(e.time.into()),
                    bytes_value(e.detail.expose_secret()),
                ])
            })
            .collect();
        let mut map = Value::Map(vec![
            (Value::Integer(0.into()), Value::Text(MAGIC.to_owned())),
            (Value::Integer(1.into()), Value::Integer(VERSION.into())),
            (Value::Integer(2.into()), Value::Integer(self.made_at.into())),
            (Value::Integer(3.into()), bytes_value(c.holder_seed.expose_secret())),
            (Value::Integer(4.into()), Value::Array(credentials)),
            (Value::Integer(5.into()), Value::Array(audit)),
        ]);
        // Sized once so that no reallocation leaves a copy behind.
        let size: usize = 256
            + c.credentials.iter().map(|d| d.bundle.len() + d.summary.len() + 64).sum::<usize>()
            + c.audit.iter().map(|e| e.detail.len() + 32).sum::<usize>();
        let mut out = Vec::with_capacity(size);
        // Writing to a Vec cannot fail.
        let _ = ciborium::into_writer(&map, &mut out);
        wipe(&mut map);
        SecretVec::new(out)
    }

    /// Decode and check an archive: the magic, the version, every field, and that each
    /// diploma is a credential bundle with its id, its summary decodes, and it was issued to the
    /// holder key the archive carries.
    pub fn from_cbor(bytes: &[u8]) -> Result<Self, BackupError> {
        let mut m = IntMap::decode(bytes, W, MAX_ARCHIVE_BYTES)?;
        match m.take(0)? {
            Value::Text(t) if t == MAGIC => {}
            _ => return Err(BackupError::BadArchive(FormatError::Bad(W, 0))),
        }
        match m.uint(1)? {
            VERSION => {}
            v if v > VERSION => return Err(BackupError::NewerVersion { version: v }),
            v => return Err(BackupError::BadArchive(FormatError::UnsupportedVersion(W, v))),
        }
        let made_at = m.time(2)?;
        let mut seed = m.bytes(3, 32..=32)?;
        let holder_seed = SecretBytes::<32>::from_slice(&seed).ok_or(m.bad(3));
        seed.zeroize();
        let holder_seed = holder_seed?;
        let holder = KeyPair::from_seed(&holder_seed).public();
        let mut credentials = Vec::new();
        for item in m.array(4, MAX_CREDENTIALS)? {
            let mut d = IntMap::from_array(item, "backup diploma", 3..=3)?;
            let id = CredentialId::from_bytes(d.bytes(1, 32..=32)?.try_into().map_err(|_| d.bad(1))?);
            let bundle = SecretVec::new(d.bytes(2, 1..=MAX_BUNDLE_BYTES)?);
            let summary = SecretVec::new(d.bytes(3, 1..=MAX_SUMMARY)?);
            let parsed = CredentialBundle::from_bytes(bundle.expose_secret()).map_err(|_| d.bad(2))?;
            if CredentialId::from_bytes(parsed.id()) != id {
                return Err(BackupError::BadArchive(d.bad(1)));
            }
            if parsed.credential().payload().holder != holder {
                return Err(BackupError::HolderKeyMismatch);
            }
            DiplomaSummary::from_cbor(id, summary.expose_secret())?;
            if credentials.iter().any(|c: &CarriedCredential| c.id == id) {
                return Err(BackupError::BadArchive(d.bad(1)));
            }
            credentials.push(CarriedCredential { id, bundle, summary });
        }
        let mut audit = Vec::new();
        for item in m.array(5, MAX_AUDIT_ENTRIES)? {
            let mut e = IntMap::from_array(item, "backup audit entry", 3..=3)?;
            let kind = u16::try_from(e.uint(1)?).map_err(|_| e.bad(1))?;
            let time = e.int(2)?;
            let detail = SecretVec::new(e.bytes(3, 0..=MAX_DETAIL)?);
            let seq = u64::try_from(audit.len()).map_or(u64::MAX, |n: u64| n.saturating_add(1));
            audit.push(AuditEntry { seq, kind: AuditKind::from_code(kind), time, detail });
        }
        m.finish()?;
        Ok(Self { made_at, contents: VaultContents { holder_seed, credentials, audit, skipped: 0 } })
    }
}

#[cfg(test)]
mod tests;
