//! Criterion benchmarks of the holder's vault: unlock against the Argon2id derivation alone,
//! a vault of 10,000 diplomas (open, list, import), and backup and restore of 1,000 diplomas
//! beside age's scrypt alone. `scripts/bench.sh` runs them with
//! `benches/paths.rs`; ids and goals live in `qujat_tests::perf`. Nothing here asserts on time.
#![allow(clippy::unwrap_used, missing_docs)]

use std::hint::black_box;
use std::sync::Arc;
use std::time::Duration;

use criterion::{BatchSize, Criterion, SamplingMode, Throughput, criterion_group, criterion_main};
use qujat_core::auth::SecondFactor;
use qujat_core::auth::kdf::{KdfParams, derive_pin_key};
use qujat_core::auth::totp::authenticator_code;
use qujat_core::backup::{Archive, WorkFactor};
use qujat_core::credential::{CredentialBundle, Localized};
use qujat_core::platform::{Clock, ManualClock, SeededRandom};
use qujat_core::secret::SecretBytes;
use qujat_core::secret::SecretString;
use qujat_core::vault::VaultContents;
use qujat_core::vault::{CredentialId, Platform, SoftwareKeyStore, Vault, VaultOptions};
use qujat_core::wallet::{DiplomaSummary, Wallet};
use qujat_tests::perf;
use qujat_tests::{NOW, World};

const PIN: &str = "739154";

fn platform(clock: Arc<ManualClock>, rng: Arc<SeededRandom>, key_store: Arc<SoftwareKeyStore>) -> Platform {
    Platform { key_store, clock, rng }
}

/// Unlock with the production KDF parameters against the derivation alone. Every unlock
/// rotates the platform key (a new key wraps the bundle, the old one is deleted); the key
/// store is the CLI's, with its keys in files (each new key written with an fsync of the file
/// and of its folder, each old one overwritten, fsynced and unlinked), so the rotation's cost
/// is in the number.
fn unlock(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let clock = Arc::new(ManualClock::new(NOW));
    let rng = Arc::new(SeededRandom::new(b"bench-unlock"));
    let ks = Arc::new(SoftwareKeyStore::in_directory(dir.path().join("keys"), rng.clone()).unwrap());
    let vault =
        Vault::open(dir.path().join("v.db"), platform(clock.clone(), rng, ks), VaultOptions::default()).unwrap();
    let pin = SecretString::from(PIN);
    let e = vault.setup(&pin, "bench").unwrap();
    let uri = e.otpauth_uri.expose_secret().to_owned();
    vault.confirm_enrolment(&pin, &authenticator_code(&uri, clock.now()).unwrap()).unwrap();

    let mut g = c.benchmark_group(perf::UNLOCK.group);
    g.sample_size(10);
    g.sampling_mode(SamplingMode::Flat);
    g.bench_function(perf::UNLOCK.name, |b| {
        b.iter_batched(
            || {
                // Each unlock needs a code of a step not used before.
                clock.advance(30);
                SecondFactor::Totp(authenticator_code(&uri, clock.now()).unwrap())
            },
            |code| black_box(vault.unlock(&pin, &code).unwrap()),
            BatchSize::PerIteration,
        )
    });
    let salt = [7u8; 16];
    g.bench_function(perf::UNLOCK_FLOOR.name, |b| {
        b.iter(|| black_box(derive_pin_key(&pin, &salt, &KdfParams::RECOMMENDED).unwrap()))
    });
    g.finish();
}

/// A vault of 10,000 diplomas: open (KDF excluded), list, import.
fn vault(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v.db");
    let clock = Arc::new(ManualClock::new(NOW));
    let rng = Arc::new(SeededRandom::new(b"bench-vault"));
    let ks = Arc::new(SoftwareKeyStore::in_memory(rng.clone()));
    let opts = VaultOptions::insecure_for_tests();
    let vault = Vault::open(&path, platform(clock.clone(), rng.clone(), ks.clone()), opts.clone()).unwrap();
    let pin = SecretString::from(PIN);
    let e = vault.setup(&pin, "bench").unwrap();
    let uri = e.otpauth_uri.expose_secret().to_owned();
    let session = vault.confirm_enrolment(&pin, &authenticator_code(&uri, clock.now()).unwrap()).unwrap();

    // Real bundle and summary sizes: the ENU fixture's.
    let mut w = World::new("bench-vault");
    let bundle = w.issue("enu-bachelor-honors").to_bytes();
    // The list entry the wallet stores for it, with the university's full names in three languages.
    let mut entry = World::trust_payload(&w.issuers[..1], 1, NOW).issuers.remove(0);
    entry.name = Localized {
        kk: Some("Л.Н. Гумилев атындағы Еуразия ұлттық университеті".to_owned()),
        ru: Some("Евразийский национальный университет имени Л.Н. Гумилёва".to_owned()),
        en: Some("L.N. Gumilyov Eurasian National University".to_owned()),
    };
    let summary = DiplomaSummary::of(&CredentialBundle::from_bytes(&bundle).unwrap(), &entry, NOW).to_cbor();
    eprintln!("vault bench: bundle {} bytes, summary {} bytes", bundle.len(), summary.len());
    let id = |i: u64| {
        let mut b = [0u8; 32];
        b[..8].copy_from_slice(&i.to_be_bytes());
        CredentialId::from_bytes(b)
    };
    for chunk in (0..perf::VAULT_SIZE).collect::<Vec<_>>().chunks(1000) {
        let items: Vec<(CredentialId, &[u8], &[u8])> =
            chunk.iter().map(|i| (id(*i), &bundle[..], &summary[..])).collect();
        vault.put_credentials(&session, &items).unwrap();
    }
    drop(session);
    drop(vault);

    let mut g = c.benchmark_group(perf::VAULT_OPEN.group);
    g.sample_size(20);
    g.bench_function(perf::VAULT_OPEN.name, |b| {
        b.iter(|| {
            black_box(Vault::open(&path, platform(clock.clone(), rng.clone(), ks.clone()), opts.clone()).unwrap())
        })
    });
    let vault = Vault::open(&path, platform(clock.clone(), rng.clone(), ks.clone()), opts.clone()).unwrap();
    clock.advance(30);
    let session = vault.unlock(&pin, &SecondFactor::Totp(authenticator_code(&uri, clock.now()).unwrap())).unwrap();
    g.bench_function(perf::VAULT_LIST.name, |b| {
        b.iter(|| {
            let l = vault.list_summaries(&session).unwrap();
            assert_eq!(l.items.len() as u64, perf::VAULT_SIZE);
            black_box(l)
        })
    });
    let mut next = perf::VAULT_SIZE;
    g.throughput(Throughput::Elements(1));
    g.bench_function(perf::VAULT_IMPORT.name, |b| {
        b.iter(|| {
            next += 1;
            vault.put_credential(&session, &id(next), black_box(&bundle), &summary).unwrap();
        })
    });
    g.throughput(Throughput::Elements(perf::IMPORT_BATCH));
    g.sample_size(10);
    g.bench_function(perf::VAULT_IMPORT_BATCH.name, |b| {
        b.iter(|| {
            let items: Vec<(CredentialId, &[u8], &[u8])> = (0..perf::IMPORT_BATCH)
                .map(|_| {
                    next += 1;
                    (id(next), &bundle[..], &summary[..])
                })
                .collect();
            vault.put_credentials(&session, black_box(&items)).unwrap();
        })
    });
    g.finish();
}

/// Backup and restore of a wallet of 1,000 diplomas at the test costs (what they cost beyond
/// the passphrase KDF), and that KDF alone at the real cost.
fn backup(c: &mut Criterion) {
    let mut w = World::new("bench-backup");
    let dir = tempfile::tempdir().unwrap();
    let wallet = wallet_in(&w, dir.path());
    let pin = SecretString::from(PIN);
    let e = wallet.setup(&pin, "bench").unwrap();
    wallet.confirm_enrolment(&pin, &authenticator_code(e.otpauth_uri.expose_secret(), w.clock.now()).unwrap()).unwrap();
    let holder = wallet.holder_public_key().unwrap();
    let d = qujat_tests::fixture("enu-bachelor-honors");
    for _ in 0..perf::BACKUP_SIZE {
        let index = w.register.allocate().unwrap();
        let b = w.issuer("kz.enu").issue(&d, &holder, index, NOW - 86_400, w.rng.as_ref()).unwrap();
        wallet.import(&b.to_bytes(), &w.trust_list, &w.anchor.public()).unwrap();
    }
    let sample = wallet.create_backup().unwrap();
    eprintln!("backup bench: {} diplomas, file {} bytes", sample.diplomas, sample.bytes.len());
    let code = SecretString::new(sample.code.expose_secret().to_owned());

    let mut g = c.benchmark_group(perf::BACKUP.group);
    g.sample_size(10);
    g.sampling_mode(SamplingMode::Flat);
    g.bench_function(perf::BACKUP.name, |b| b.iter(|| black_box(wallet.create_backup().unwrap())));
    g.bench_function(perf::RESTORE.name, |b| {
        b.iter_batched(
            || {
                let d = tempfile::tempdir().unwrap();
                let fresh = wallet_in(&w, d.path());
                (d, fresh)
            },
            |(d, fresh)| {
                black_box(fresh.restore_backup(&sample.bytes, &code, &pin, "bench").unwrap());
                (d, fresh)
            },
            BatchSize::PerIteration,
        )
    });
    let empty = Archive {
        made_at: NOW,
        contents: VaultContents {
            holder_seed: SecretBytes::new([1; 32]),
            credentials: Vec::new(),
            audit: Vec::new(),
            skipped: 0,
        },
    };
    g.bench_function(perf::BACKUP_KDF.name, |b| {
        b.iter(|| black_box(qujat_core::backup::seal(&empty, &sample.code, WorkFactor::Standard).unwrap()))
    });
    g.finish();
}

/// A wallet at the test costs (Argon2id and scrypt) in `dir`, on the world's clock.
fn wallet_in(w: &World, dir: &std::path::Path) -> Wallet {
    let rng = w.rng.clone();
    let p = Platform { key_store: Arc::new(SoftwareKeyStore::in_memory(rng.clone())), clock: w.clock.clone(), rng };
    Wallet::open(dir.join("w.db"), p, VaultOptions::insecure_for_tests()).unwrap()
}

fn config() -> Criterion {
    Criterion::default().warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(3))
}

criterion_group! {
    name = benches;
    config = config();
    targets = unlock, vault, backup
}
criterion_main!(benches);
