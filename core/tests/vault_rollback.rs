//! Copy-back: a vault file put back from before an unlock attempt, a used code, presentations,
//! a PIN change or a wipe is refused as `ReplacedByOlderCopy` (never a wrong PIN, never
//! counted); a kill at every step of the key rotation leaves a vault that opens with the right
//! PIN and never with an older file; two processes unlocking at once never see a false "older
//! copy" and never lose a count; rows deleted (or put back) behind the core's back are reported.
//!
//! The crash and concurrency tests re-execute this test binary as child processes.
#![allow(clippy::unwrap_used, clippy::panic)]

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use qujat_core::auth::SecondFactor;
use qujat_core::auth::totp::authenticator_code;
use qujat_core::platform::{ManualClock, OsRandom, SecureRandom};
use qujat_core::secret::SecretString;
use qujat_core::vault::{
    AuditKind, CredentialId, KeyStore, KeyStoreError, Platform, SoftwareKeyStore, Vault, VaultError, VaultOptions,
    VaultState,
};

use common::{Ready, T0, TempDir, db_path, lenient_options, open, pin};

const FILES: [&str; 3] = ["vault.db", "vault.db-wal", "vault.db-shm"];

/// The vault's files as they are now (the vault must be closed).
fn save(dir: &Path) -> Vec<(&'static str, Option<Vec<u8>>)> {
    FILES.iter().map(|n| (*n, std::fs::read(dir.join(n)).ok())).collect()
}

/// Put saved files back, as an attacker with file access would.
fn put_back(dir: &Path, saved: &[(&'static str, Option<Vec<u8>>)]) {
    for (n, bytes) in saved {
        let _ = std::fs::remove_file(dir.join(n));
        if let Some(b) = bytes {
            std::fs::write(dir.join(n), b).unwrap();
        }
    }
}

fn wrong() -> SecretString {
    SecretString::from("111937")
}

fn code(uri: &str, t: i64) -> SecondFactor {
    SecondFactor::Totp(authenticator_code(uri, t).unwrap())
}

fn id(n: u8) -> CredentialId {
    CredentialId::from_bytes([n; 32])
}

/// A set-up vault in `dir`, closed; returns its authenticator URI.
fn ready(dir: &Path, options: VaultOptions) -> String {
    let r = Ready::new(dir, options);
    r.vault.put_credential(&r.session, &id(1), b"diploma one", b"one").unwrap();
    r.enrolment.otpauth_uri.expose_secret().to_owned()
}

/// Every way in is refused with `ReplacedByOlderCopy`, and nothing is counted.
fn refused_as_older_copy(dir: &Path, uri: &str, t: i64) {
    let vault = open(dir, Arc::new(ManualClock::new(t)), lenient_options());
    let before = vault.status().unwrap().failures;
    for (i, p) in [pin(), wrong(), pin()].iter().enumerate() {
        let t = t + 30 * i as i64;
        assert_eq!(vault.unlock(p, &code(uri, t)).unwrap_err(), VaultError::ReplacedByOlderCopy, "attempt {i}");
    }
    let e = vault.change_pin(&pin(), &code(uri, t + 90), &SecretString::from("479158")).unwrap_err();
    assert_eq!(e, VaultError::ReplacedByOlderCopy);
    assert_eq!(e.to_string(), "this wallet file was replaced by an older copy");
    assert_eq!(vault.status().unwrap().failures, before, "an older copy's attempts are not counted");
}

#[test]
fn copy_back_after_failed_attempts_is_refused_and_the_count_never_goes_down() {
    let dir = TempDir::new("rb-fail");
    let uri = ready(dir.path(), lenient_options());
    let saved = save(dir.path());
    let vault = open(dir.path(), Arc::new(ManualClock::new(T0 + 60)), lenient_options());
    for _ in 0..4 {
        assert!(matches!(vault.unlock(&wrong(), &code(&uri, T0 + 60)).unwrap_err(), VaultError::WrongPin { .. }));
    }
    assert_eq!(vault.status().unwrap().failures, 4);
    drop(vault);
    let newer = save(dir.path());
    put_back(dir.path(), &saved);
    refused_as_older_copy(dir.path(), &uri, T0 + 120);
    // The newer file, put back, still has its four failures and opens with the right PIN.
    put_back(dir.path(), &newer);
    let vault = open(dir.path(), Arc::new(ManualClock::new(T0 + 300)), lenient_options());
    assert_eq!(vault.status().unwrap().failures, 4);
    vault.unlock(&pin(), &code(&uri, T0 + 300)).unwrap();
}

#[test]
fn copy_back_after_a_used_code_is_refused() {
    let dir = TempDir::new("rb-code");
    let uri = ready(dir.path(), lenient_options());
    let saved = save(dir.path());
    let t = T0 + 90;
    let vault = open(dir.path(), Arc::new(ManualClock::new(t)), lenient_options());
    vault.unlock(&pin(), &code(&uri, t)).unwrap();
    drop(vault);
    put_back(dir.path(), &saved);
    // The spent code, with the right PIN, in the same step: refused as an older copy.
    let vault = open(dir.path(), Arc::new(ManualClock::new(t)), lenient_options());
    assert_eq!(vault.unlock(&pin(), &code(&uri, t)).unwrap_err(), VaultError::ReplacedByOlderCopy);
    drop(vault);
    refused_as_older_copy(dir.path(), &uri, t + 30);
}

#[test]
fn copy_back_after_presentations_pin_change_and_wipe_is_refused() {
    let dir = TempDir::new("rb-present");
    let uri = ready(dir.path(), lenient_options());
    let before_session = save(dir.path());
    let t = T0 + 90;
    let vault = open(dir.path(), Arc::new(ManualClock::new(t)), lenient_options());
    let s = vault.unlock(&pin(), &code(&uri, t)).unwrap();
    vault.record_event(&s, AuditKind::Present, b"claims=0003").unwrap();
    vault.delete_credential(&s, &id(1)).unwrap();
    drop((s, vault));
    let after_presentations = save(dir.path());
    put_back(dir.path(), &before_session);
    refused_as_older_copy(dir.path(), &uri, t + 30);

    // PIN change: the file from before it opens with neither PIN.
    put_back(dir.path(), &after_presentations);
    let t = t + 300;
    let vault = open(dir.path(), Arc::new(ManualClock::new(t)), lenient_options());
    vault.change_pin(&pin(), &code(&uri, t), &SecretString::from("479158")).unwrap();
    drop(vault);
    let after_change = save(dir.path());
    put_back(dir.path(), &after_presentations);
    refused_as_older_copy(dir.path(), &uri, t + 30);

    // Wipe (the default policy wipes at the tenth failure): the file from before is an older copy.
    put_back(dir.path(), &after_change);
    let t = t + 300;
    let wipe_policy = VaultOptions { idle_timeout_secs: u32::MAX, ..VaultOptions::insecure_for_tests() };
    finish_wipe(dir.path(), &uri, t, &after_change, wipe_policy);
}

/// Continue failing (across waits) until the vault wipes, then check the copy-back.
fn finish_wipe(dir: &Path, uri: &str, mut t: i64, before: &[(&'static str, Option<Vec<u8>>)], o: VaultOptions) {
    loop {
        let vault = open(dir, Arc::new(ManualClock::new(t)), o.clone());
        match vault.unlock(&wrong(), &code(uri, t)) {
            Err(VaultError::Wiped) => break,
            Err(VaultError::LockedOut { retry_after_secs, .. }) => t += i64::try_from(retry_after_secs).unwrap() + 1,
            Err(_) => t += 1,
            Ok(_) => panic!("a wrong PIN opened the vault"),
        }
        assert!(t < T0 + 10_000_000, "the lockout policy never wiped");
    }
    assert_eq!(open(dir, Arc::new(ManualClock::new(t)), o).status().unwrap().state, VaultState::Wiped);
    put_back(dir, before);
    refused_as_older_copy(dir, uri, t + 30);
}

/// The software key store's aliases in `dir/keys`.
fn key_aliases(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir.join("keys"))
        .unwrap()
        .filter_map(|e| e.unwrap().file_name().to_str().and_then(|n| n.strip_suffix(".key")).map(str::to_owned))
        .collect();
    v.sort();
    v
}

#[test]
fn each_attempt_leaves_exactly_one_key_of_a_higher_generation() {
    let dir = TempDir::new("rb-gen");
    let uri = ready(dir.path(), lenient_options());
    let mut seen = key_aliases(dir.path());
    assert_eq!(seen.len(), 1);
    for i in 0..3 {
        let t = T0 + 60 * (i + 1);
        let vault = open(dir.path(), Arc::new(ManualClock::new(t)), lenient_options());
        let _ = vault.unlock(&(if i % 2 == 0 { pin() } else { wrong() }), &code(&uri, t));
        drop(vault);
        let now = key_aliases(dir.path());
        assert_eq!(now.len(), 1, "{now:?}");
        assert_ne!(now, seen, "attempt {i} did not rotate the key");
        seen = now;
    }
}

#[test]
fn the_platform_key_store_losing_every_key_is_not_an_older_copy() {
    let dir = TempDir::new("rb-lost");
    let uri = ready(dir.path(), lenient_options());
    std::fs::remove_dir_all(dir.path().join("keys")).unwrap();
    let vault = open(dir.path(), Arc::new(ManualClock::new(T0 + 60)), lenient_options());
    assert_eq!(
        vault.unlock(&pin(), &code(&uri, T0 + 60)).unwrap_err(),
        VaultError::KeyStore(KeyStoreError::KeyNotFound)
    );
}

// ---------------------------------------------------------------------------------------------
// Deleted and re-inserted rows.

fn raw(dir: &Path) -> rusqlite::Connection {
    rusqlite::Connection::open(db_path(dir)).unwrap()
}

#[test]
fn a_row_deleted_or_put_back_behind_the_core_is_reported() {
    let dir = TempDir::new("rb-rows");
    let r = Ready::new(dir.path(), lenient_options());
    let r_uri = r.enrolment.otpauth_uri.expose_secret().to_owned();
    for n in 1..=3u8 {
        r.vault.put_credential(&r.session, &id(n), &[n; 100], &[n]).unwrap();
    }
    // Keep row 3 as it is, then delete it through the core.
    let row3: (Vec<u8>, Vec<u8>, Vec<u8>) = {
        let c = raw(dir.path());
        let listed = r.vault.list_summaries(&r.session).unwrap();
        assert_eq!((listed.items.len(), listed.damaged, listed.missing), (3, 0, 0));
        c.query_row("SELECT id, summary, bundle FROM credentials ORDER BY rowid DESC LIMIT 1", [], |x| {
            Ok((x.get(0)?, x.get(1)?, x.get(2)?))
        })
        .unwrap()
    };
    r.vault.delete_credential(&r.session, &id(3)).unwrap();

    // Delete row 1 with plain SQL, as `sqlite3` would.
    let c = raw(dir.path());
    c.execute("DELETE FROM credentials WHERE rowid = (SELECT min(rowid) FROM credentials)", []).unwrap();
    let listed = r.vault.list_summaries(&r.session).unwrap();
    assert_eq!((listed.items.len(), listed.damaged, listed.missing), (1, 0, 1));
    assert_eq!(listed.items[0].id, id(2));
    assert_eq!(
        r.vault.get_credential(&r.session, &id(1)).unwrap_err(),
        VaultError::CredentialSetChanged { missing: 1, unexpected: 0 }
    );
    assert_eq!(r.vault.get_credential(&r.session, &id(2)).unwrap().expose_secret(), &[2u8; 100][..]);

    // Put the deleted row 3 back from the older copy: not shown as a diploma.
    c.execute(
        "INSERT INTO credentials (id, summary, bundle) VALUES (?1, ?2, ?3)",
        rusqlite::params![row3.0, row3.1, row3.2],
    )
    .unwrap();
    let listed = r.vault.list_summaries(&r.session).unwrap();
    assert_eq!((listed.items.len(), listed.damaged, listed.missing), (1, 1, 1));
    assert_eq!(
        r.vault.get_credential(&r.session, &id(3)).unwrap_err(),
        VaultError::CredentialSetChanged { missing: 1, unexpected: 1 }
    );
    // The record survives a restart (sealed in the file).
    drop(r);
    let vault = open(dir.path(), Arc::new(ManualClock::new(T0 + 600)), lenient_options());
    let s = vault.unlock(&pin(), &code(r_uri.as_str(), T0 + 600)).unwrap();
    let listed = vault.list_summaries(&s).unwrap();
    assert_eq!((listed.items.len(), listed.damaged, listed.missing), (1, 1, 1));
}

// ---------------------------------------------------------------------------------------------
// Kills at every step of the rotation, in a real child process.

const ENV_KILL_DIR: &str = "QUJAT_ROLLBACK_KILL_DIR";
const ENV_KILL_AT: &str = "QUJAT_ROLLBACK_KILL_AT";
const ENV_KILL_PIN_RIGHT: &str = "QUJAT_ROLLBACK_KILL_PIN_RIGHT";
const ENV_TIME: &str = "QUJAT_ROLLBACK_TIME";
const ENV_CODE: &str = "QUJAT_ROLLBACK_CODE";

/// The software key store, but the process dies (`abort`: no unwinding, no cleanup, as a
/// SIGKILL) at key-store call number `kill_at` — before it (even numbers) or right after it
/// (odd numbers).
struct Dying {
    inner: SoftwareKeyStore,
    calls: AtomicU32,
    kill_at: u32,
}

impl Dying {
    fn step<T>(&self, f: impl FnOnce() -> T) -> T {
        let n = self.calls.fetch_add(1, Ordering::SeqCst);
        if 2 * n == self.kill_at {
            std::process::abort();
        }
        let out = f();
        if 2 * n + 1 == self.kill_at {
            std::process::abort();
        }
        out
    }
}

impl KeyStore for Dying {
    fn wrap(&self, alias: &str, plaintext: &[u8]) -> Result<Vec<u8>, KeyStoreError> {
        self.step(|| self.inner.wrap(alias, plaintext))
    }
    fn unwrap(&self, alias: &str, wrapped: &[u8]) -> Result<Vec<u8>, KeyStoreError> {
        self.step(|| self.inner.unwrap(alias, wrapped))
    }
    fn delete(&self, alias: &str) -> Result<(), KeyStoreError> {
        self.step(|| self.inner.delete(alias))
    }
    fn aliases_with_prefix(&self, prefix: &str) -> Result<Vec<String>, KeyStoreError> {
        self.step(|| self.inner.aliases_with_prefix(prefix))
    }
    fn is_hardware_backed(&self) -> bool {
        false
    }
}

/// The key generation the vault file in `dir` names.
fn generation(dir: &Path) -> i64 {
    raw(dir).query_row("SELECT key_generation FROM config", [], |r| r.get(0)).unwrap()
}

/// The key generation saved files name (put back in a scratch directory to read it).
fn generation_of_saved(dir: &Path, saved: &[(&'static str, Option<Vec<u8>>)]) -> i64 {
    let scratch = dir.join("scratch");
    std::fs::create_dir_all(&scratch).unwrap();
    put_back(&scratch, saved);
    let g = generation(&scratch);
    std::fs::remove_dir_all(&scratch).unwrap();
    g
}

/// Child mode for the kill test: open, then one unlock (or a PIN change) that dies at a step.
#[test]
fn kill_child() {
    let Ok(dir) = std::env::var(ENV_KILL_DIR) else { return };
    let dir = PathBuf::from(dir);
    let kill_at: u32 = std::env::var(ENV_KILL_AT).unwrap().parse().unwrap();
    let right = std::env::var(ENV_KILL_PIN_RIGHT).unwrap() == "1";
    let t: i64 = std::env::var(ENV_TIME).unwrap().parse().unwrap();
    let factor = SecondFactor::Totp(SecretString::new(std::env::var(ENV_CODE).unwrap()));
    let rng: Arc<dyn SecureRandom> = Arc::new(OsRandom);
    let inner = SoftwareKeyStore::in_directory(dir.join("keys"), rng.clone()).unwrap();
    let key_store = Arc::new(Dying { inner, calls: AtomicU32::new(0), kill_at });
    let platform = Platform { key_store, clock: Arc::new(ManualClock::new(t)), rng };
    let vault = Vault::open(db_path(&dir), platform, lenient_options()).unwrap();
    let _ = vault.unlock(&(if right { pin() } else { wrong() }), &factor);
    println!("survived");
}

#[test]
fn a_kill_at_every_step_of_the_rotation_leaves_a_vault_that_opens_and_no_older_copy() {
    if std::env::var_os(ENV_KILL_DIR).is_some() {
        return; // we are a child
    }
    let dir = TempDir::new("rb-kill");
    let uri = ready(dir.path(), lenient_options());
    let exe = std::env::current_exe().unwrap();
    let mut t = T0 + 60;
    let mut kills = 0;
    for right in [false, true] {
        for kill_at in 0.. {
            let before = save(dir.path());
            let out = Command::new(&exe)
                .args(["--exact", "kill_child", "--nocapture", "--test-threads=1", "-q"])
                .env(ENV_KILL_DIR, dir.path())
                .env(ENV_KILL_AT, kill_at.to_string())
                .env(ENV_KILL_PIN_RIGHT, if right { "1" } else { "0" })
                .env(ENV_TIME, t.to_string())
                .env(ENV_CODE, authenticator_code(&uri, t).unwrap().expose_secret())
                .stdout(Stdio::piped())
                .stderr(Stdio::null())
                .output()
                .unwrap();
            let survived = String::from_utf8_lossy(&out.stdout).contains("survived");
            t += 30;
            // Whatever step it died at: the current file opens (and cleans up after the crash).
            let vault = open(dir.path(), Arc::new(ManualClock::new(t)), lenient_options());
            assert!(vault.integrity_check().unwrap());
            drop(vault);
            // … and the open removed whatever key the crash left behind.
            assert_eq!(key_aliases(dir.path()).len(), 1, "kill at step {kill_at}: {:?}", key_aliases(dir.path()));
            let after = save(dir.path());
            // If the killed attempt committed, the file from before it is an older copy now.
            if generation(dir.path()) != generation_of_saved(dir.path(), &before) {
                put_back(dir.path(), &before);
                let vault = open(dir.path(), Arc::new(ManualClock::new(t)), lenient_options());
                assert_eq!(
                    vault.unlock(&pin(), &code(&uri, t)).unwrap_err(),
                    VaultError::ReplacedByOlderCopy,
                    "kill at step {kill_at} (right PIN: {right}): the file from before the attempt opened"
                );
                drop(vault);
                put_back(dir.path(), &after);
            }
            // The right PIN opens it …
            let vault = open(dir.path(), Arc::new(ManualClock::new(t)), lenient_options());
            vault
                .unlock(&pin(), &code(&uri, t))
                .unwrap_or_else(|e| panic!("kill at step {kill_at} (right PIN: {right}): {e:?}"));
            drop(vault);
            t += 30;
            // … and from then on the file from before the killed attempt never does.
            let after = save(dir.path());
            put_back(dir.path(), &before);
            let vault = open(dir.path(), Arc::new(ManualClock::new(t)), lenient_options());
            assert_eq!(
                vault.unlock(&pin(), &code(&uri, t)).unwrap_err(),
                VaultError::ReplacedByOlderCopy,
                "kill at step {kill_at} (right PIN: {right}): the older file opened"
            );
            drop(vault);
            put_back(dir.path(), &after);
            t += 30;
            if survived {
                break;
            }
            kills += 1;
        }
    }
    eprintln!("rotation kill test: {kills} kills at distinct steps");
    assert!(kills >= 6, "too few kill points: {kills}");
}

// ---------------------------------------------------------------------------------------------
// Two processes unlocking at once.

const ENV_RACE_DIR: &str = "QUJAT_ROLLBACK_RACE_DIR";
const ENV_RACE_N: &str = "QUJAT_ROLLBACK_RACE_N";

const ENV_RACE_URI: &str = "QUJAT_ROLLBACK_RACE_URI";
const ENV_RACE_PARITY: &str = "QUJAT_ROLLBACK_RACE_PARITY";

/// Child mode for the race: `n` wrong-PIN unlocks as fast as possible; prints each outcome.
/// With a URI: `n` right-PIN unlocks instead, each with the code of its own step (this child
/// takes the even or the odd steps), which succeed or — when the other process already
/// accepted a later step — are replays.
#[test]
fn race_child() {
    let Ok(dir) = std::env::var(ENV_RACE_DIR) else { return };
    let n: u32 = std::env::var(ENV_RACE_N).unwrap().parse().unwrap();
    let t = T0 + 60;
    let clock = Arc::new(ManualClock::new(t));
    let vault = open(Path::new(&dir), clock.clone(), lenient_options());
    if let Ok(uri) = std::env::var(ENV_RACE_URI) {
        let parity: i64 = std::env::var(ENV_RACE_PARITY).unwrap().parse().unwrap();
        for i in 0..i64::from(n) {
            let t = T0 + 600 + 30 * (2 * i + parity);
            clock.set(t);
            match vault.unlock(&pin(), &code(&uri, t)) {
                Ok(_) => println!("opened"),
                Err(VaultError::CodeReplayed { .. }) => println!("replayed"),
                other => println!("unexpected {other:?}"),
            }
        }
        return;
    }
    for _ in 0..n {
        match vault.unlock(&wrong(), &SecondFactor::Totp(SecretString::from("000000"))) {
            Err(VaultError::WrongPin { .. }) => println!("counted"),
            other => println!("unexpected {other:?}"),
        }
    }
}

#[test]
fn two_processes_unlocking_at_once_never_see_an_older_copy_nor_lose_a_count() {
    if std::env::var_os(ENV_RACE_DIR).is_some() {
        return;
    }
    const ROUNDS: u32 = 10;
    const PER_CHILD: u32 = 25;
    let dir = TempDir::new("rb-race");
    let uri = ready(dir.path(), lenient_options());
    let exe = std::env::current_exe().unwrap();
    let spawn = || {
        Command::new(&exe)
            .args(["--exact", "race_child", "--nocapture", "--test-threads=1", "-q"])
            .env(ENV_RACE_DIR, dir.path())
            .env(ENV_RACE_N, PER_CHILD.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let mut total = 0u32;
    for round in 0..ROUNDS {
        let children = [spawn(), spawn()];
        for child in children {
            let out = child.wait_with_output().unwrap();
            assert!(out.status.success(), "round {round}: a child failed: {}", String::from_utf8_lossy(&out.stderr));
            let text = String::from_utf8_lossy(&out.stdout);
            let counted = text.lines().filter(|l| *l == "counted").count() as u32;
            assert!(!text.contains("unexpected"), "round {round}: {text}");
            assert_eq!(counted, PER_CHILD, "round {round}: {text}");
            total += counted;
        }
        let vault = open(dir.path(), Arc::new(ManualClock::new(T0 + 60)), lenient_options());
        assert_eq!(vault.status().unwrap().failures, total, "round {round}: a count was lost");
    }
    let t = T0 + 120;
    let vault = open(dir.path(), Arc::new(ManualClock::new(t)), lenient_options());
    vault.unlock(&pin(), &code(&uri, t)).unwrap();
    assert_eq!(vault.status().unwrap().failures, 0);
    assert_eq!(key_aliases(dir.path()).len(), 1);
}

#[test]
fn two_processes_unlocking_with_the_right_pin_at_once_each_open_or_see_a_replay() {
    if std::env::var_os(ENV_RACE_DIR).is_some() {
        return;
    }
    const PER_CHILD: u32 = 25;
    let dir = TempDir::new("rb-race-right");
    let uri = ready(dir.path(), lenient_options());
    let exe = std::env::current_exe().unwrap();
    let spawn = |parity: u32| {
        Command::new(&exe)
            .args(["--exact", "race_child", "--nocapture", "--test-threads=1", "-q"])
            .env(ENV_RACE_DIR, dir.path())
            .env(ENV_RACE_N, PER_CHILD.to_string())
            .env(ENV_RACE_URI, &uri)
            .env(ENV_RACE_PARITY, parity.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let children = [spawn(0), spawn(1)];
    let mut opened = 0;
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "a child failed: {}", String::from_utf8_lossy(&out.stderr));
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(!text.contains("unexpected"), "{text}");
        assert_eq!(text.lines().filter(|l| *l == "opened" || *l == "replayed").count(), PER_CHILD as usize, "{text}");
        opened += text.lines().filter(|l| *l == "opened").count();
    }
    assert!(opened >= 1, "no unlock opened");
    let vault = open(dir.path(), Arc::new(ManualClock::new(T0 + 600 + 30 * 60)), lenient_options());
    assert_eq!(vault.status().unwrap().failures, 0, "a right PIN and a replay leave nothing counted");
    assert_eq!(key_aliases(dir.path()).len(), 1);
}
