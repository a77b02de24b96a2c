//! Nothing a person reads is in the files; a deleted record's ciphertext is gone after the
//! checkpoint.

use qujat_core::vault::CredentialId;
use rusqlite::Connection;

use crate::common::{Ready, TempDir, contains, db_path, files_bytes, lenient_options};

/// Four holders, in the shape of the issuer fixtures: names in Cyrillic and Latin, IIN,
/// diploma series and number.
const HOLDERS: [(&str, &str, &str, &str); 4] = [
    ("Сейткали", "Seitkali", "010514600124", "0012345"),
    ("Айгерим", "Aigerim", "990301450218", "0098761"),
    ("Жанболат", "Zhanbolat", "000229500337", "0054321"),
    ("Әсел", "Asel", "021111650442", "0077777"),
];

fn record(n: usize) -> (CredentialId, Vec<u8>, Vec<u8>) {
    let (cyr, lat, iin, number) = HOLDERS[n];
    let bundle = format!(
        r#"{{"family_name":"{cyr}","family_name_latin":"{lat}","iin":"{iin}","diploma":"ЖБ-Б {number}","program":"6B06102 Информатика","padding":"{}"}}"#,
        "x".repeat(3000) // overflow pages too
    );
    let summary = format!("{cyr} {lat} · ЖБ-Б {number}");
    (CredentialId::from_bytes([n as u8 + 1; 32]), bundle.into_bytes(), summary.into_bytes())
}

fn needles() -> Vec<String> {
    let mut v = Vec::new();
    for (cyr, lat, iin, number) in HOLDERS {
        v.extend([cyr, lat, iin, number].map(str::to_owned));
    }
    v.push("Информатика".into());
    v
}

fn assert_clean(dir: &std::path::Path, extra: &[Vec<u8>], when: &str) {
    for (file, bytes) in files_bytes(dir) {
        for n in needles() {
            assert!(!contains(&bytes, n.as_bytes()), "{when}: {file} contains {n:?}");
        }
        for (k, e) in extra.iter().enumerate() {
            assert!(!contains(&bytes, e), "{when}: {file} contains secret #{k}");
        }
    }
}

#[test]
fn no_personal_data_in_db_wal_or_shm_and_deleted_ciphertext_is_gone() {
    let dir = TempDir::new("plain");
    let r = Ready::new(dir.path(), lenient_options());
    for n in 0..4 {
        let (id, bundle, summary) = record(n);
        r.vault.put_credential(&r.session, &id, &bundle, &summary).unwrap();
    }
    r.vault.record_event(&r.session, qujat_core::vault::AuditKind::Present, "Сейткали 0012345".as_bytes()).unwrap();

    // Secrets that must not be in the files either: the TOTP secret (base32 and raw), the
    // recovery codes, the PIN, the holder's public key (it would link the file to presentations).
    let uri = r.enrolment.otpauth_uri.expose_secret();
    let b32 = uri.split("secret=").nth(1).unwrap().split('&').next().unwrap().to_owned();
    let mut extra: Vec<Vec<u8>> = vec![b32.clone().into_bytes(), crate::common::PIN.as_bytes().to_vec()];
    extra.extend(r.enrolment.recovery_codes.iter().map(|c| c.expose_secret().as_bytes().to_vec()));
    extra.extend(r.enrolment.recovery_codes.iter().map(|c| c.expose_secret().replace('-', "").into_bytes()));
    extra.push(r.enrolment.holder_public_key.to_bytes().to_vec());
    extra.push(r.enrolment.holder_public_key.to_hex().into_bytes());
    extra.push((1..=4u8).flat_map(|n| [n; 32]).take(32).collect()); // credential id of record 0
    assert!(std::fs::metadata(dir.path().join("vault.db-wal")).unwrap().len() > 0, "WAL has content");
    assert_clean(dir.path(), &extra, "before checkpoint");
    r.vault.checkpoint().unwrap();
    assert_clean(dir.path(), &extra, "after checkpoint");

    // The ciphertext of record 1, as stored.
    let sealed: Vec<u8> = {
        let raw = Connection::open(db_path(dir.path())).unwrap();
        raw.query_row("SELECT bundle FROM credentials ORDER BY rowid LIMIT 1 OFFSET 1", [], |r| r.get(0)).unwrap()
    };
    let probes: Vec<&[u8]> = vec![&sealed[1..25], &sealed[25..57], &sealed[1500..1532], &sealed[sealed.len() - 16..]];
    let before: Vec<_> = files_bytes(dir.path());
    assert!(before.iter().any(|(_, b)| probes.iter().all(|p| contains(b, p))), "sanity: ciphertext found");

    let (id1, _, _) = record(1);
    r.vault.delete_credential(&r.session, &id1).unwrap();
    for (file, bytes) in files_bytes(dir.path()) {
        for (k, p) in probes.iter().enumerate() {
            assert!(!contains(&bytes, p), "{file} still holds part {k} of the deleted ciphertext");
        }
    }
    assert_eq!(std::fs::metadata(dir.path().join("vault.db-wal")).unwrap().len(), 0, "WAL truncated");
    assert_clean(dir.path(), &extra, "after delete");
    assert_eq!(r.vault.list_summaries(&r.session).unwrap().items.len(), 3);
}

#[test]
fn database_files_are_private() {
    let dir = TempDir::new("modes");
    let r = Ready::new(dir.path(), lenient_options());
    r.vault.put_credential(&r.session, &CredentialId::from_bytes([1; 32]), b"b", b"s").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        for f in ["vault.db", "vault.db-wal", "vault.db-shm"] {
            let mode = std::fs::metadata(dir.path().join(f)).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "{f}");
        }
    }
}
