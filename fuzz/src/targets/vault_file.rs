//! A damaged vault file: a small valid vault (built once: two diplomas, an audit log) with
//! fuzz-chosen bytes overwritten or cut off, then open → status → unlock → list → get → audit
//! log → holder key, as the app does. Every failure must be a typed error, never a panic; and
//! whatever still opens must be exactly what was stored (a damaged file never yields forged or
//! mixed-up data). An unchanged file must give everything back.
//!
//! Input: a flag byte (odd: unlock with a recovery code instead of the TOTP code), then patches,
//! each `offset (u16, big-endian, modulo the file length) ‖ length (u8) ‖ bytes`; a length of
//! 0 cuts the file at the offset. Each run starts from fresh files (vault and key store): a
//! damaged lockout row may wipe the vault, which deletes the key store's key.

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use crate::diploma_summary_round_trip;
use qujat_core::auth::SecondFactor;
use qujat_core::auth::totp::authenticator_code;
use qujat_core::credential::CredentialBundle;
use qujat_core::platform::{ManualClock, SeededRandom};
use qujat_core::secret::SecretString;
use qujat_core::vault::{AuditKind, CredentialId, Platform, SoftwareKeyStore, Vault, VaultOptions};
use qujat_core::wallet::DiplomaSummary;

const PIN: &str = "583920";
const T0: i64 = 1_800_000_000;

struct Stored {
    id: CredentialId,
    summary: Vec<u8>,
    bundle: Vec<u8>,
}

struct Fixture {
    dir: PathBuf,
    vault_file: Vec<u8>,
    key_files: Vec<(PathBuf, Vec<u8>)>,
    clock: Arc<ManualClock>,
    totp: String,
    recovery: String,
    stored: Vec<Stored>,
    audit: Vec<(AuditKind, i64, Vec<u8>)>,
}

impl Fixture {
    fn db(&self) -> PathBuf {
        self.dir.join("vault.db")
    }
    fn keys(&self) -> PathBuf {
        self.dir.join("keys")
    }
    fn platform(&self) -> Platform {
        let rng = Arc::new(SeededRandom::new(b"qujat/fuzz/vault-file"));
        let key_store = SoftwareKeyStore::in_directory(self.keys(), rng.clone()).expect("key store");
        Platform { key_store: Arc::new(key_store), clock: self.clock.clone(), rng }
    }
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let shm = PathBuf::from("/dev/shm");
        let base = if shm.is_dir() { shm } else { std::env::temp_dir() };
        let dir = base.join(format!("qujat-fuzz-vault-file-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        let mut f = Fixture {
            dir,
            vault_file: Vec::new(),
            key_files: Vec::new(),
            clock: Arc::new(ManualClock::new(T0)),
            totp: String::new(),
            recovery: String::new(),
            stored: Vec::new(),
            audit: Vec::new(),
        };
        let pin = SecretString::from(PIN);
        {
            let vault = Vault::open(f.db(), f.platform(), VaultOptions::insecure_for_tests()).expect("open");
            let enrolment = vault.setup(&pin, "fuzz").expect("setup");
            let uri = enrolment.otpauth_uri.expose_secret();
            let session = vault.confirm_enrolment(&pin, &authenticator_code(uri, T0).expect("code")).expect("confirm");
            let (_, bundles) = crate::world();
            let trust = &crate::fixture().trust;
            for b in &bundles[..2] {
                let issuer = trust.issuer(&b.credential().payload().issuer).expect("accredited");
                let summary = DiplomaSummary::of(b, issuer, T0);
                let s = Stored { id: summary.id, summary: summary.to_cbor(), bundle: b.to_bytes() };
                vault.put_credential(&session, &s.id, &s.bundle, &s.summary).expect("put");
                f.stored.push(s);
            }
            vault.record_event(&session, AuditKind::Present, b"claims=1,2").expect("event");
            let log = vault.audit_log(&session).expect("audit log");
            f.audit = log.entries.iter().map(|e| (e.kind, e.time, e.detail.expose_secret().to_vec())).collect();
            f.totp = authenticator_code(uri, T0 + 30).expect("code").expose_secret().to_owned();
            f.recovery = enrolment.recovery_codes[0].expose_secret().to_owned();
        }
        // Closing the last connection checkpoints the log into the file and removes it.
        assert!(!f.dir.join("vault.db-wal").exists(), "the write-ahead log outlived the vault");
        f.vault_file = std::fs::read(f.db()).expect("read vault");
        for entry in std::fs::read_dir(f.keys()).expect("key dir") {
            let path = entry.expect("entry").path();
            let bytes = std::fs::read(&path).expect("read key");
            f.key_files.push((path, bytes));
        }
        f
    })
}

/// The file after the patches, and whether it differs from the original.
fn patched(original: &[u8], mut patches: &[u8]) -> Vec<u8> {
    let mut file = original.to_vec();
    while patches.len() >= 3 && !file.is_empty() {
        let offset = usize::from(u16::from_be_bytes([patches[0], patches[1]])) % file.len();
        let len = usize::from(patches[2]);
        patches = &patches[3..];
        if len == 0 {
            file.truncate(offset);
            continue;
        }
        let bytes = &patches[..len.min(patches.len())];
        patches = &patches[bytes.len()..];
        let end = (offset + bytes.len()).min(file.len());
        file[offset..end].copy_from_slice(&bytes[..end - offset]);
    }
    file
}

/// One input: what the fuzz target runs on every input libFuzzer makes.
pub fn run(data: &[u8]) {
    let Some((&flag, patches)) = data.split_first() else { return };
    let f = fixture();
    let file = patched(&f.vault_file, patches);
    let unchanged = file == f.vault_file;
    for suffix in ["vault.db-wal", "vault.db-shm"] {
        let _ = std::fs::remove_file(f.dir.join(suffix));
    }
    std::fs::write(f.db(), &file).expect("write vault");
    for (path, bytes) in &f.key_files {
        std::fs::write(path, bytes).expect("write key");
    }
    f.clock.set(T0 + 30);

    let vault = match Vault::open(f.db(), f.platform(), VaultOptions::insecure_for_tests()) {
        Ok(v) => v,
        Err(e) => return assert!(!unchanged, "the original file does not open: {e:?}"),
    };
    let _ = vault.status();
    let factor = if flag % 2 == 1 {
        SecondFactor::Recovery(SecretString::from(f.recovery.as_str()))
    } else {
        SecondFactor::Totp(SecretString::from(f.totp.as_str()))
    };
    let session = match vault.unlock(&SecretString::from(PIN), &factor) {
        Ok(s) => s,
        Err(e) => return assert!(!unchanged, "the original file does not unlock: {e:?}"),
    };

    match vault.list_summaries(&session) {
        Ok(listing) => {
            assert!(!unchanged || (listing.items.len(), listing.damaged) == (2, 0), "the original file lists wrong");
            for item in &listing.items {
                let s = f.stored.iter().find(|s| s.id == item.id).expect("a listed id was never stored");
                assert_eq!(item.summary.expose_secret(), &s.summary[..], "a damaged file yielded another summary");
                diploma_summary_round_trip(item.id, item.summary.expose_secret());
            }
        }
        Err(e) => assert!(!unchanged, "the original file does not list: {e:?}"),
    }
    for s in &f.stored {
        match vault.get_credential(&session, &s.id) {
            Ok(bytes) => {
                assert_eq!(bytes.expose_secret(), &s.bundle[..], "a damaged file yielded another bundle");
                assert!(CredentialBundle::from_bytes(bytes.expose_secret()).is_ok());
            }
            Err(e) => assert!(!unchanged, "the original file lost a credential: {e:?}"),
        }
    }
    match vault.audit_log(&session) {
        Ok(log) => {
            for e in &log.entries {
                match usize::try_from(e.seq).ok().and_then(|s| f.audit.get(s.wrapping_sub(1))) {
                    Some(stored) => assert!(
                        stored.0 == e.kind && stored.1 == e.time && stored.2 == e.detail.expose_secret(),
                        "a damaged file yielded another audit entry"
                    ),
                    // Written by this run's unlock (behind a HeadRebuilt entry if the head was
                    // damaged; the chain is then reported broken).
                    None => {
                        assert!(
                            matches!(
                                e.kind,
                                AuditKind::Unlocked
                                    | AuditKind::RecoveryCodeUsed
                                    | AuditKind::FailedUnlock
                                    | AuditKind::HeadRebuilt
                            ),
                            "an audit entry that was never written"
                        );
                        if e.kind == AuditKind::HeadRebuilt {
                            assert!(matches!(log.status, qujat_core::vault::ChainStatus::Broken { .. }));
                        }
                    }
                }
            }
            if unchanged {
                let appended = if flag % 2 == 1 { 2 } else { 1 };
                assert_eq!(log.entries.len(), f.audit.len() + appended);
                assert_eq!(log.status, qujat_core::vault::ChainStatus::Intact);
            }
        }
        Err(e) => assert!(!unchanged, "the original file's audit log does not read: {e:?}"),
    }
    if let Err(e) = vault.holder_public_key(&session) {
        assert!(!unchanged, "the original file lost the holder key: {e:?}");
    }
}
