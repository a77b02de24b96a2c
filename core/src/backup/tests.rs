//! The age layer: round trip, wrong code, every header byte and a sample of the body flipped,
//! truncation, a file that is not a passphrase age file, a work factor above the limit.

use crate::platform::SeededRandom;
use crate::secret::{SecretBytes, SecretVec};
use crate::vault::{AuditEntry, AuditKind, VaultContents};

use super::*;

fn archive() -> Archive {
    let audit = (1..=3)
        .map(|i| AuditEntry {
            seq: i,
            kind: AuditKind::Present,
            time: 1_800_000_000 + i64::try_from(i).unwrap(),
            detail: SecretVec::new(format!("claims=000{i}").into_bytes()),
        })
        .collect();
    Archive {
        made_at: 1_800_000_100,
        contents: VaultContents { holder_seed: SecretBytes::new([7; 32]), credentials: Vec::new(), audit, skipped: 0 },
    }
}

fn code(seed: &[u8]) -> BackupCode {
    BackupCode::generate(&SeededRandom::new(seed)).unwrap()
}

fn sealed() -> (Vec<u8>, BackupCode) {
    let c = code(b"tests");
    (seal(&archive(), &c, WorkFactor::CheapForTests).unwrap(), c)
}

#[test]
fn a_sealed_archive_opens_with_its_code_only() {
    let (file, c) = sealed();
    assert!(file.starts_with(b"age-encryption.org/v1\n-> scrypt "), "a standard age passphrase file");
    let a = open(&file, &c).unwrap();
    assert_eq!(a.made_at, 1_800_000_100);
    assert_eq!(a.contents.holder_seed.expose_secret(), &[7; 32]);
    assert_eq!(a.contents.audit.len(), 3);
    assert_eq!(a.contents.audit[2].detail.expose_secret(), b"claims=0003");
    // The code as typed by hand opens it too.
    let typed = BackupCode::parse(&c.expose_secret().to_lowercase().replace('-', " ")).unwrap();
    assert!(open(&file, &typed).is_ok());
    assert_eq!(open(&file, &code(b"other")).unwrap_err(), BackupError::WrongCode);
}

#[test]
fn the_work_factor_is_written_in_the_header_and_bounded_on_open() {
    let (file, c) = sealed();
    let text = String::from_utf8_lossy(&file[..80]).into_owned();
    let stanza = text.lines().nth(1).unwrap();
    assert!(stanza.ends_with(" 4"), "{stanza}");
    // A header asking for 2^21 is refused before any work (the header MAC is not reached).
    let at = file.windows(2).position(|w| w == b" 4").unwrap();
    let mut costly = file[..at].to_vec();
    costly.extend_from_slice(b" 21");
    costly.extend_from_slice(&file[at + 2..]);
    assert_eq!(open(&costly, &c).unwrap_err(), BackupError::TooCostly { log_n: 21 });
    assert_eq!(WorkFactor::default().log_n(), STANDARD_WORK_FACTOR);
}

#[test]
fn every_header_byte_and_a_sample_of_the_body_flipped_is_refused() {
    let (file, c) = sealed();
    let header_end = file.windows(4).position(|w| w == b"--- ").unwrap() + 47;
    let body: Vec<usize> = (header_end..file.len()).step_by(7).chain([file.len() - 1]).collect();
    for i in (0..header_end).chain(body) {
        let mut bad = file.clone();
        bad[i] ^= 0x01;
        match open(&bad, &c) {
            Err(
                BackupError::WrongCode
                | BackupError::Damaged
                | BackupError::NotABackup
                | BackupError::BadArchive(_)
                | BackupError::TooCostly { .. },
            ) => {}
            other => panic!("byte {i} flipped: {other:?}"),
        }
    }
}

#[test]
fn truncated_files_are_refused() {
    let (file, c) = sealed();
    for n in [0, 1, 20, 60, file.len() / 2, file.len() - 17, file.len() - 1] {
        assert!(open(&file[..n], &c).is_err(), "{n} bytes");
    }
    let mut longer = file.clone();
    longer.push(0);
    assert_eq!(open(&longer, &c).unwrap_err(), BackupError::Damaged);
}

#[test]
fn an_age_file_for_a_key_is_not_a_backup() {
    let key = age::x25519::Identity::generate();
    let file = age::encrypt(&key.to_public(), b"hello").unwrap();
    assert_eq!(open(&file, &code(b"x")).unwrap_err(), BackupError::NotABackup);
    assert_eq!(open(b"not age at all", &code(b"x")).unwrap_err(), BackupError::NotABackup);
}
