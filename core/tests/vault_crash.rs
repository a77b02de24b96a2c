//! Crash harness: a child process (this test binary, re-executed in child mode) unlocks the
//! vault and writes to it as fast as it can, printing an acknowledgement after each commit;
//! the parent SIGKILLs it at a random instant, then checks that the vault opens, that SQLite's
//! `integrity_check` passes, that every acknowledged write is there (and every acknowledged
//! delete is gone), that no record is damaged and that the audit chain is intact.
//!
//! 200 kills by default; `QUJAT_CRASH_KILLS=1000` for more, `QUJAT_CRASH_SEED=n` to replay.
#![allow(clippy::unwrap_used, clippy::panic)]

mod common;

use std::collections::{HashMap, HashSet};
use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use qujat_core::auth::SecondFactor;
use qujat_core::auth::totp::authenticator_code;
use qujat_core::platform::ManualClock;
use qujat_core::secret::SecretString;
use qujat_core::vault::{AuditKind, ChainStatus, CredentialId, VaultOptions};
use sha2::{Digest, Sha256};

use common::{Ready, T0, TempDir, open, pin};

const ENV_DIR: &str = "QUJAT_CRASH_CHILD_DIR";
const ENV_TIME: &str = "QUJAT_CRASH_CHILD_TIME";
const ENV_CODE: &str = "QUJAT_CRASH_CHILD_CODE";
const ENV_ROUND: &str = "QUJAT_CRASH_CHILD_ROUND";

fn options() -> VaultOptions {
    VaultOptions { idle_timeout_secs: u32::MAX, ..VaultOptions::insecure_for_tests() }
}

fn cred_id(round: u32, i: u32) -> CredentialId {
    let h = Sha256::new().chain_update(round.to_be_bytes()).chain_update(i.to_be_bytes()).finalize();
    CredentialId::from_bytes(h.into())
}

fn bundle(round: u32, i: u32) -> Vec<u8> {
    let seed = cred_id(round, i);
    let len = 64 + usize::from(seed.as_bytes()[0]) * 8; // 64..2104 bytes: some overflow pages
    seed.as_bytes().iter().cycle().take(len).copied().collect()
}

/// Child mode: does nothing unless the harness started this process.
#[test]
fn crash_child() {
    let Ok(dir) = std::env::var(ENV_DIR) else { return };
    let time: i64 = std::env::var(ENV_TIME).unwrap().parse().unwrap();
    let round: u32 = std::env::var(ENV_ROUND).unwrap().parse().unwrap();
    let code = SecretString::new(std::env::var(ENV_CODE).unwrap());
    let vault = open(dir.as_ref(), Arc::new(ManualClock::new(time)), options());
    let session = vault.unlock(&pin(), &SecondFactor::Totp(code)).unwrap();
    let mut out = std::io::stdout().lock();
    writeln!(out, "unlocked").unwrap();
    out.flush().unwrap();
    for i in 0.. {
        if i % 4 == 3 {
            let victim = i - 2;
            writeln!(out, "deleting {round} {victim}").unwrap();
            out.flush().unwrap();
            vault.delete_credential(&session, &cred_id(round, victim)).unwrap();
            writeln!(out, "del {round} {victim}").unwrap();
        }
        vault
            .put_credential(&session, &cred_id(round, i), &bundle(round, i), format!("{round}/{i}").as_bytes())
            .unwrap();
        writeln!(out, "put {round} {i}").unwrap();
        out.flush().unwrap();
        if i % 3 == 0 {
            vault.record_event(&session, AuditKind::Present, &i.to_be_bytes()).unwrap();
        }
    }
}

/// xorshift64*: the harness's own reproducible randomness for kill instants.
struct Xorshift(u64);

impl Xorshift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
}

#[derive(Default)]
struct Acks {
    /// Acknowledged puts not (acknowledged or attempted) deleted since: must be present.
    present: HashMap<CredentialId, (u32, u32)>,
    /// Acknowledged deletes: must be absent.
    deleted: HashSet<CredentialId>,
    puts: usize,
    dels: usize,
}

impl Acks {
    /// Read a child's output; returns the number of acknowledgements in it and whether the
    /// child got as far as unlocking.
    fn absorb(&mut self, output: &str) -> (usize, bool) {
        let mut acks = 0;
        let mut unlocked = false;
        for line in output.lines() {
            let mut parts = line.split_whitespace();
            let verb = parts.next();
            let mut num = || parts.next().and_then(|p| p.parse::<u32>().ok());
            match verb {
                Some("unlocked") => unlocked = true,
                Some("put") => {
                    let (r, i) = (num().unwrap(), num().unwrap());
                    self.present.insert(cred_id(r, i), (r, i));
                    self.puts += 1;
                    acks += 1;
                }
                // A delete in flight may or may not have landed: no longer required present.
                Some("deleting") => {
                    let (r, i) = (num().unwrap(), num().unwrap());
                    self.present.remove(&cred_id(r, i));
                }
                Some("del") => {
                    let (r, i) = (num().unwrap(), num().unwrap());
                    self.deleted.insert(cred_id(r, i));
                    self.dels += 1;
                    acks += 1;
                }
                _ => {}
            }
        }
        (acks, unlocked)
    }
}

#[test]
fn sigkill_at_random_instants_loses_nothing_acknowledged() {
    if std::env::var_os(ENV_DIR).is_some() {
        return; // we are a child
    }
    let kills: u32 = std::env::var("QUJAT_CRASH_KILLS").ok().and_then(|v| v.parse().ok()).unwrap_or(200);
    let seed: u64 = std::env::var("QUJAT_CRASH_SEED").ok().and_then(|v| v.parse().ok()).unwrap_or_else(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64 | 1
    });
    eprintln!("crash harness: {kills} kills, QUJAT_CRASH_SEED={seed}");
    let mut rng = Xorshift(seed);
    let dir = TempDir::new("crash");
    let ready = Ready::new(dir.path(), options());
    let uri = ready.enrolment.otpauth_uri.expose_secret().to_owned();
    drop(ready);

    let exe = std::env::current_exe().unwrap();
    let started = Instant::now();
    let mut acks = Acks::default();
    let (mut before_unlock, mut during_writes, mut max_delay_ms) = (0u32, 0u32, 30u64);
    for round in 0..kills {
        let t_child = T0 + 60 * (i64::from(round) + 1);
        let code = authenticator_code(&uri, t_child).unwrap();
        let mut child = Command::new(&exe)
            .args(["--exact", "crash_child", "--nocapture", "--test-threads=1", "-q"])
            .env(ENV_DIR, dir.path())
            .env(ENV_TIME, t_child.to_string())
            .env(ENV_ROUND, round.to_string())
            .env(ENV_CODE, code.expose_secret())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // A random instant anywhere in the child's life: start-up, open, unlock (KDF and its
        // transactions), puts, deletes with their checkpoints.
        let delay_us = rng.next() % (max_delay_ms * 1000);
        std::thread::sleep(Duration::from_micros(delay_us));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        let mut output = String::new();
        child.stdout.take().unwrap().read_to_string(&mut output).unwrap();
        let (n, unlocked) = acks.absorb(&output);
        // Keep the kill window around the child's start-up plus a few writes, however busy
        // the machine is.
        if !unlocked {
            before_unlock += 1;
            max_delay_ms = (max_delay_ms + 5).min(200);
        } else if n > 0 {
            during_writes += 1;
            if n > 12 {
                max_delay_ms = (max_delay_ms - 1).max(20);
            }
        }

        // After the crash: it opens, it is sound, nothing acknowledged is lost.
        let t_parent = t_child + 30;
        let vault = open(dir.path(), Arc::new(ManualClock::new(t_parent)), options());
        assert!(vault.integrity_check().unwrap(), "round {round}: integrity_check");
        let code = authenticator_code(&uri, t_parent).unwrap();
        let session = vault
            .unlock(&pin(), &SecondFactor::Totp(code))
            .unwrap_or_else(|e| panic!("round {round}: unlock after crash: {e:?}"));
        let list = vault.list_summaries(&session).unwrap();
        assert_eq!(list.damaged, 0, "round {round}");
        let stored: HashSet<CredentialId> = list.items.iter().map(|s| s.id).collect();
        for (id, (r, i)) in &acks.present {
            assert!(stored.contains(id), "round {round}: acknowledged put {r}/{i} lost");
        }
        for id in &acks.deleted {
            assert!(!stored.contains(id), "round {round}: acknowledged delete came back");
        }
        for s in list.items.iter().filter(|s| acks.present.get(&s.id).is_some_and(|(r, _)| *r == round)) {
            let (r, i) = acks.present[&s.id];
            assert_eq!(vault.get_credential(&session, &s.id).unwrap().expose_secret(), &bundle(r, i)[..]);
            assert_eq!(s.summary.expose_secret(), format!("{r}/{i}").as_bytes());
        }
        // The chain is re-read in full (it grows with every round): every 25 rounds and last.
        if round % 25 == 0 || round + 1 == kills {
            assert_eq!(vault.audit_log(&session).unwrap().status, ChainStatus::Intact, "round {round}: audit chain");
        }
        assert_eq!(vault.status().unwrap().failures, 0);
        if (round + 1) % 100 == 0 {
            eprintln!("crash harness: {} kills, {:.1?}", round + 1, started.elapsed());
        }
    }
    eprintln!(
        "crash harness: {kills} SIGKILLs in {:.1?}: {before_unlock} before the unlock completed, \
         {during_writes} after acknowledged writes; {} puts and {} deletes acknowledged, all verified",
        started.elapsed(),
        acks.puts,
        acks.dels
    );
    assert!(during_writes >= kills / 4, "too few kills landed during writes: {during_writes}");
}
