//! Lockout at the file and process level: the failed-attempt counter is committed before the
//! KDF, so a process killed in the middle of the PIN check has still spent the attempt; the
//! delays and the terminal policy survive reopening; a wipe also makes an earlier copy of the
//! database file useless.
#![allow(clippy::unwrap_used, clippy::panic)]

mod common;

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use qujat_core::auth::totp::authenticator_code;
use qujat_core::auth::{KdfParams, SecondFactor};
use qujat_core::platform::ManualClock;
use qujat_core::secret::SecretString;
use qujat_core::vault::{AuditKind, VaultError, VaultOptions, VaultState};
use rusqlite::{Connection, OpenFlags};

use common::{Ready, T0, TempDir, db_path, open, open_with_keys, pin};

const ENV_DIR: &str = "QUJAT_KDF_CHILD_DIR";
const ENV_TIME: &str = "QUJAT_KDF_CHILD_TIME";
const ENV_CODE: &str = "QUJAT_KDF_CHILD_CODE";

/// Argon2id slow enough (about a second here) that a kill lands inside it reliably.
fn slow_options() -> VaultOptions {
    VaultOptions {
        kdf: KdfParams { m_kib: 64 * 1024, t: 8, p: 1 },
        idle_timeout_secs: u32::MAX,
        ..VaultOptions::default()
    }
}

/// Child mode: one unlock attempt with the *right* PIN and code.
#[test]
fn kdf_child() {
    let Ok(dir) = std::env::var(ENV_DIR) else { return };
    let time: i64 = std::env::var(ENV_TIME).unwrap().parse().unwrap();
    let code = SecretString::new(std::env::var(ENV_CODE).unwrap());
    let vault = open(dir.as_ref(), Arc::new(ManualClock::new(time)), slow_options());
    let mut out = std::io::stdout().lock();
    writeln!(out, "started").unwrap();
    out.flush().unwrap();
    let result = vault.unlock(&pin(), &SecondFactor::Totp(code));
    writeln!(out, "finished {}", result.is_ok()).unwrap();
    out.flush().unwrap();
}

fn failures_in_file(raw: &Connection) -> i64 {
    raw.query_row("SELECT failures FROM lockout", [], |r| r.get(0)).unwrap()
}

#[test]
fn a_kill_during_the_kdf_does_not_undo_the_attempt() {
    if std::env::var_os(ENV_DIR).is_some() {
        return; // we are a child
    }
    let dir = TempDir::new("kdf-kill");
    let started = Instant::now();
    let ready = Ready::new(dir.path(), slow_options());
    let kdf_time = started.elapsed() / 2; // setup and confirmation each ran the KDF once
    let uri = ready.enrolment.otpauth_uri.expose_secret().to_owned();
    drop(ready);
    let raw = Connection::open_with_flags(db_path(dir.path()), OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let exe = std::env::current_exe().unwrap();

    for k in 1..=5i64 {
        let t = T0 + 60 * k;
        let code = authenticator_code(&uri, t).unwrap();
        let mut child = Command::new(&exe)
            .args(["--exact", "kdf_child", "--nocapture", "--test-threads=1", "-q"])
            .env(ENV_DIR, dir.path())
            .env(ENV_TIME, t.to_string())
            .env(ENV_CODE, code.expose_secret())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Wait for the committed count, then kill at once: the KDF has only just begun.
        let deadline = Instant::now() + Duration::from_secs(60);
        while failures_in_file(&raw) < k {
            assert!(Instant::now() < deadline, "the child never counted its attempt");
            std::thread::sleep(Duration::from_millis(1));
        }
        child.kill().unwrap();
        child.wait().unwrap();
        let mut output = String::new();
        child.stdout.take().unwrap().read_to_string(&mut output).unwrap();
        assert!(output.contains("started"), "{output}");
        assert!(!output.contains("finished"), "the kill came too late: {output}");

        let vault = open(dir.path(), Arc::new(ManualClock::new(t + 1)), slow_options());
        let st = vault.status().unwrap();
        assert_eq!((st.failures, st.attempts_left), (k as u32, 10 - k as u32), "after kill {k}");
    }

    // Five interrupted attempts = five failures: the 1-minute wait is in force, even for the
    // right PIN and code, and a clock set back does not end it.
    let clock = Arc::new(ManualClock::new(T0 + 300 + 30));
    let vault = open(dir.path(), clock.clone(), slow_options());
    assert_eq!(vault.status().unwrap().locked_until, Some(T0 + 360));
    let right = |now| SecondFactor::Totp(authenticator_code(&uri, now).unwrap());
    assert_eq!(
        vault.unlock(&pin(), &right(T0 + 330)).unwrap_err(),
        VaultError::LockedOut { until: T0 + 360, retry_after_secs: 30 }
    );
    clock.set(T0 - 86_400);
    assert!(matches!(vault.unlock(&pin(), &right(T0 - 86_400)).unwrap_err(), VaultError::LockedOut { .. }));
    clock.set(T0 + 390);
    let session = vault.unlock(&pin(), &right(T0 + 390)).unwrap();
    // The interrupted attempts are in the sealed audit log, with their times.
    let failed: Vec<i64> = vault
        .audit_log(&session)
        .unwrap()
        .entries
        .iter()
        .filter(|e| e.kind == AuditKind::FailedUnlock)
        .map(|e| e.time)
        .collect();
    assert_eq!(failed, (1..=5).map(|k| T0 + 60 * k).collect::<Vec<_>>());
    eprintln!("kdf kill: KDF ≈ {kdf_time:.1?}; 5 kills mid-KDF, each attempt stayed counted");
}

#[test]
fn tenth_failure_wipes_the_key_in_the_file_and_in_the_key_store() {
    if std::env::var_os(ENV_DIR).is_some() {
        return;
    }
    let dir = TempDir::new("wipe");
    let ready = Ready::new(dir.path(), VaultOptions::insecure_for_tests());
    ready
        .vault
        .put_credential(&ready.session, &qujat_core::vault::CredentialId::from_bytes([1; 32]), b"b", b"s")
        .unwrap();
    let uri = ready.enrolment.otpauth_uri.expose_secret().to_owned();
    let code_at = |now| SecondFactor::Totp(authenticator_code(&uri, now).unwrap());
    // An attacker's copy of the file, taken before the wipe.
    ready.vault.checkpoint().unwrap();
    let copy = TempDir::new("wipe-copy");
    std::fs::copy(db_path(dir.path()), db_path(copy.path())).unwrap();
    drop(ready);

    // Nine failures, each in a fresh process-like open, waiting out each delay.
    let mut now = T0 + 100;
    let wrong = SecretString::from("402917");
    for n in 1..=10u32 {
        let vault = open(dir.path(), Arc::new(ManualClock::new(now)), VaultOptions::insecure_for_tests());
        let e = vault.unlock(&wrong, &code_at(now)).unwrap_err();
        if n < 10 {
            assert_eq!(e, VaultError::WrongPin { attempts_left: 10 - n });
            now = vault.status().unwrap().locked_until.unwrap_or(now) + 30;
        } else {
            assert_eq!(e, VaultError::Wiped);
        }
    }
    let vault = open(dir.path(), Arc::new(ManualClock::new(now)), VaultOptions::insecure_for_tests());
    assert_eq!(vault.status().unwrap().state, VaultState::Wiped);
    assert_eq!(vault.unlock(&pin(), &code_at(now + 30)).unwrap_err(), VaultError::Wiped);
    assert_eq!(key_generations(dir.path()), [generation_in(dir.path())], "only the wipe's marker key is left");

    // The old copy of the file, with the phone's key store: the key store no longer has the
    // key, so even the right PIN and code cannot open it; a newer generation (the wipe's)
    // tells that the file is an older copy.
    let old = open_with_keys(
        copy.path(),
        &dir.path().join("keys"),
        Arc::new(ManualClock::new(now)),
        VaultOptions::insecure_for_tests(),
    );
    assert_eq!(old.status().unwrap().state, VaultState::Ready);
    assert_eq!(old.unlock(&pin(), &code_at(now + 60)).unwrap_err(), VaultError::ReplacedByOlderCopy);
}

/// The generations of the key files in `dir/keys` (`<base>.g<n>.key`).
fn key_generations(dir: &std::path::Path) -> Vec<i64> {
    let mut v: Vec<i64> = std::fs::read_dir(dir.join("keys"))
        .unwrap()
        .filter_map(|e| {
            let name = e.unwrap().file_name().into_string().unwrap();
            name.strip_suffix(".key")?.rsplit_once(".g")?.1.parse().ok()
        })
        .collect();
    v.sort();
    v
}

/// The key generation the vault file in `dir` names.
fn generation_in(dir: &std::path::Path) -> i64 {
    let raw = Connection::open(db_path(dir)).unwrap();
    raw.query_row("SELECT key_generation FROM config", [], |r| r.get(0)).unwrap()
}

#[test]
fn a_wipe_that_became_due_is_completed_at_open() {
    if std::env::var_os(ENV_DIR).is_some() {
        return;
    }
    let dir = TempDir::new("due-wipe");
    let ready = Ready::new(dir.path(), VaultOptions::insecure_for_tests());
    drop(ready);
    let generation_before = generation_in(dir.path());
    // As if the tenth attempt had been counted and the process killed before the wipe.
    let raw = Connection::open(db_path(dir.path())).unwrap();
    raw.execute("UPDATE lockout SET failures = 10", []).unwrap();
    drop(raw);
    let vault = open(dir.path(), Arc::new(ManualClock::new(T0 + 60)), VaultOptions::insecure_for_tests());
    assert_eq!(vault.status().unwrap().state, VaultState::Wiped);
    drop(vault);
    // The key that wrapped the data key is gone; only the wipe's newer marker key is left.
    assert_eq!(key_generations(dir.path()), [generation_in(dir.path())]);
    assert_eq!(generation_in(dir.path()), generation_before + 1);
}
