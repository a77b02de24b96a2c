//! The archive's encoding: round trip, magic, versions, strictness.

use ciborium::Value;

use crate::cbor::{self, FormatError};
use crate::secret::{SecretBytes, SecretVec};
use crate::vault::{AuditEntry, AuditKind, VaultContents};

use super::*;

fn sample() -> Archive {
    Archive {
        made_at: 1_800_000_000,
        contents: VaultContents {
            holder_seed: SecretBytes::new([9; 32]),
            credentials: Vec::new(),
            audit: vec![AuditEntry {
                seq: 1,
                kind: AuditKind::Other(999),
                time: 1_799_999_000,
                detail: SecretVec::new(b"x".to_vec()),
            }],
            skipped: 0,
        },
    }
}

/// The sample's map with field `key` replaced (or removed with `None`).
fn with_field(key: u64, value: Option<Value>) -> Vec<u8> {
    let Value::Map(pairs) = cbor::decode(sample().to_cbor().expose_secret(), "t", 1 << 20).unwrap() else {
        panic!("a map")
    };
    let mut entries: Vec<(u64, Value)> =
        pairs.into_iter().map(|(k, v)| (cbor::as_uint(&k).unwrap(), v)).filter(|(k, _)| *k != key).collect();
    entries.extend(value.map(|v| (key, v)));
    entries.sort_by_key(|(k, _)| *k);
    cbor::encode_map(entries)
}

#[test]
fn round_trip_is_deterministic_and_keeps_unknown_audit_kinds() {
    let bytes = sample().to_cbor();
    let back = Archive::from_cbor(bytes.expose_secret()).unwrap();
    assert_eq!(back.made_at, 1_800_000_000);
    assert_eq!(back.contents.holder_seed.expose_secret(), &[9; 32]);
    assert_eq!(back.contents.audit[0].kind, AuditKind::Other(999));
    assert_eq!(back.contents.audit[0].time, 1_799_999_000);
    assert_eq!(back.to_cbor().expose_secret(), bytes.expose_secret());
    assert!(cbor::check_deterministic(bytes.expose_secret()).is_ok());
}

#[test]
fn magic_version_and_fields_are_checked() {
    let newer = with_field(1, Some(Value::Integer((VERSION + 1).into())));
    assert_eq!(Archive::from_cbor(&newer).unwrap_err(), BackupError::NewerVersion { version: VERSION + 1 });
    let older = with_field(1, Some(Value::Integer(0.into())));
    assert!(matches!(Archive::from_cbor(&older), Err(BackupError::BadArchive(FormatError::UnsupportedVersion(..)))));
    let magic = with_field(0, Some(Value::Text("qujat-backuq".into())));
    assert_eq!(Archive::from_cbor(&magic).unwrap_err(), BackupError::BadArchive(FormatError::Bad("backup", 0)));
    let no_seed = with_field(3, None);
    assert_eq!(Archive::from_cbor(&no_seed).unwrap_err(), BackupError::BadArchive(FormatError::Missing("backup", 3)));
    let short_seed = with_field(3, Some(Value::Bytes(vec![1; 31])));
    assert!(matches!(Archive::from_cbor(&short_seed), Err(BackupError::BadArchive(FormatError::Bad("backup", 3)))));
    let unknown = with_field(6, Some(Value::Null));
    assert!(matches!(Archive::from_cbor(&unknown), Err(BackupError::BadArchive(_))));
    let junk_diploma = with_field(
        4,
        Some(Value::Array(vec![Value::Array(vec![
            Value::Bytes(vec![0; 32]),
            Value::Bytes(vec![1, 2, 3]),
            Value::Bytes(vec![0xa0]),
        ])])),
    );
    assert!(matches!(Archive::from_cbor(&junk_diploma), Err(BackupError::BadArchive(_))));
}
