//! `qujat wallet backup` and `restore`, end to end with the real costs (scrypt 2^18, Argon2id
//! as shipped): the file opens with the standard `age` tool given the printed code; a wrong
//! code or a wallet in use is refused with nothing written; the restored wallet holds the same
//! diploma under the same id and its presentation verifies VALID; a restore killed at several
//! points leaves no half-made wallet that opens.
#![allow(clippy::unwrap_used, clippy::panic, missing_docs)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::Arc;

use qujat_core::platform::{OsRandom, SystemClock};
use qujat_core::vault::{Platform, SoftwareKeyStore, VaultOptions, VaultState};
use qujat_core::wallet::Wallet;

pub const PIN: &str = "739154";

pub fn now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64
}

pub fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// `qujat` with these arguments and environment (HOME kept out of the real one).
pub fn run(args: &[&str], env: &[(&str, &str)]) -> Output {
    command(args, env).output().unwrap()
}

fn command(args: &[&str], env: &[(&str, &str)]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_qujat"));
    c.args(args).env("HOME", std::env::temp_dir()).env("QUJAT_PIN", PIN);
    for (k, v) in env {
        c.env(k, v);
    }
    c
}

/// `qujat wallet --dir W …` with `QUJAT_OTP=otp`.
pub fn wallet(w: &Path, otp: &str, args: &[&str]) -> Output {
    let mut full = vec!["wallet", "--dir", w.to_str().unwrap()];
    full.extend_from_slice(args);
    run(&full, &[("QUJAT_OTP", otp)])
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// An anchor, the issuer kz.enu, a trust list with it, in `d`.
pub fn issuer_side(d: &Path) {
    for name in ["anchor", "enu"] {
        assert!(run(&["issuer", "keygen", "--out", s(&d.join(name))], &[]).status.success());
    }
    std::fs::write(
        d.join("issuers.json"),
        r#"[{"id": "kz.enu", "name": {"en": "ENU"}, "keys": [{"public_key": "enu.pub", "not_before": "2020-01-01", "not_after": "2035-12-31"}]}]"#,
    )
    .unwrap();
    let tl = run(
        &[
            "issuer",
            "trust-list",
            "--anchor-key",
            s(&d.join("anchor.key")),
            "--input",
            s(&d.join("issuers.json")),
            "--sequence",
            "1",
            "--out",
            s(&d.join("tl.bin")),
        ],
        &[],
    );
    assert!(tl.status.success(), "{}", err(&tl));
}

/// Print the enrolment of `init` or `restore`, confirm it; returns the recovery codes.
pub fn confirm_printed(w: &Path, printed: &Output) -> Vec<String> {
    assert!(printed.status.success(), "{}", err(printed));
    let text = out(printed);
    let uri = text.lines().find(|l| l.starts_with("otpauth://totp/")).expect("the otpauth URI");
    let codes: Vec<String> = text
        .lines()
        .skip_while(|l| !l.starts_with("Recovery codes"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .map(|l| l.trim().to_owned())
        .collect();
    assert_eq!(codes.len(), 10);
    let code = qujat_core::auth::totp::authenticator_code(uri, now()).unwrap();
    let c = wallet(w, code.expose_secret(), &["confirm"]);
    assert!(c.status.success(), "{}", err(&c));
    codes
}

/// Issue the ENU fixture to `holder` (hex) into `out`.
pub fn issue(d: &Path, holder: &str, out_file: &Path) {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/diplomas/enu-bachelor-honors.json");
    let o = run(
        &[
            "issuer",
            "issue",
            "--key",
            s(&d.join("enu.key")),
            "--register",
            s(&d.join("reg.json")),
            "--input",
            s(&fixture),
            "--holder-key",
            holder,
            "--out",
            s(out_file),
        ],
        &[],
    );
    assert!(o.status.success(), "{}", err(&o));
}

pub fn import(d: &Path, w: &Path, otp: &str, cred: &Path) {
    let o = wallet(
        w,
        otp,
        &["import", s(cred), "--trust-list", s(&d.join("tl.bin")), "--anchor", s(&d.join("anchor.pub"))],
    );
    assert!(o.status.success(), "{}", err(&o));
}

/// A new status list from the register, then `verify --no-state` of `qj1`: the verdict line.
pub fn verdict(d: &Path, qj1: &str) -> String {
    let sl = run(
        &[
            "issuer",
            "status-list",
            "--key",
            s(&d.join("enu.key")),
            "--issuer",
            "kz.enu",
            "--register",
            s(&d.join("reg.json")),
            "--out",
            s(&d.join("sl.bin")),
        ],
        &[],
    );
    assert!(sl.status.success(), "{}", err(&sl));
    let v = run(
        &[
            "verify",
            "--no-state",
            "--anchor",
            s(&d.join("anchor.pub")),
            "--trust-list",
            s(&d.join("tl.bin")),
            "--status-list",
            s(&d.join("sl.bin")),
            qj1,
        ],
        &[],
    );
    out(&v).lines().last().unwrap_or_default().to_owned()
}

/// The QJ1 string of `wallet present` (the last line).
pub fn present(w: &Path, otp: &str, id: &str) -> String {
    let p = wallet(w, otp, &["present", &id[..12], "--no-qr"]);
    assert!(p.status.success(), "{}", err(&p));
    out(&p).lines().last().unwrap().to_owned()
}

fn list_ids(w: &Path, otp: &str) -> Vec<String> {
    let l = wallet(w, otp, &["list", "--json"]);
    assert!(l.status.success(), "{}", err(&l));
    let json: serde_json::Value = serde_json::from_slice(&l.stdout).unwrap();
    json["diplomas"].as_array().unwrap().iter().map(|d| d["id"].as_str().unwrap().to_owned()).collect()
}

fn restore(new: &Path, file: &Path, code: &str) -> Command {
    command(&["wallet", "--dir", s(new), "restore", s(file)], &[("QUJAT_BACKUP_CODE", code)])
}

/// A confirmed wallet with one diploma and its backup: (wallet dir, backup file, code, codes
/// left, diploma id).
fn wallet_with_backup(d: &Path) -> (PathBuf, PathBuf, String, Vec<String>, String) {
    issuer_side(d);
    let w = d.join("old");
    let codes = confirm_printed(&w, &wallet(&w, "", &["init"]));
    let holder = out(&wallet(&w, &codes[0], &["holder-key"])).trim().to_owned();
    issue(d, &holder, &d.join("cred.bin"));
    import(d, &w, &codes[1], &d.join("cred.bin"));
    let id = list_ids(&w, &codes[2]).remove(0);
    let file = d.join("wallet.age");
    let b = wallet(&w, &codes[3], &["backup", "--out", s(&file)]);
    assert!(b.status.success(), "{}", err(&b));
    let text = out(&b);
    let code = text.lines().find_map(|l| l.strip_prefix("backup code: ")).expect("a `backup code:` line").to_owned();
    assert_eq!(text.matches(&code).count(), 1, "the code is printed once");
    (w, file, code, codes[4..].to_vec(), id)
}

#[test]
fn backup_opens_with_age_and_restores_into_a_wallet_that_presents_valid() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let (w, file, code, codes, id) = wallet_with_backup(d);
    let bytes = std::fs::read(&file).unwrap();
    assert!(bytes.starts_with(b"age-encryption.org/v1\n-> scrypt "));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o600);
    }
    // Never over an existing file (checked before the unlock: the code is not spent).
    let again = wallet(&w, &codes[0], &["backup", "--out", s(&file)]);
    assert_eq!(again.status.code(), Some(2));
    assert!(err(&again).contains("already exists"), "{}", err(&again));
    assert_eq!(std::fs::read(&file).unwrap(), bytes);

    // The standard age tool opens it with the printed code (typed on a terminal).
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cli/backup_age_decrypt.py");
    let plain = d.join("plain.cbor");
    let age = Command::new("python3").args([s(&script), &code, s(&file), s(&plain)]).output().unwrap();
    assert!(age.status.success(), "age -d: {}", err(&age));
    let plain = std::fs::read(&plain).unwrap();
    assert_eq!(&plain[..17], b"\xa6\x00\x6cqujat-backup\x01\x01", "the archive's magic and version 1");

    // A wrong code: refused, and nothing is created.
    let new = d.join("new");
    let wrong = restore(&new, &file, "0000-0000-0000-0000-0000-0000-0000").output().unwrap();
    assert_eq!(wrong.status.code(), Some(2));
    assert!(err(&wrong).contains("does not open"), "{}", err(&wrong));
    assert!(!new.exists(), "a refused restore created {}", new.display());
    let short = restore(&new, &file, "0000-0000").output().unwrap();
    assert!(err(&short).contains("not in the expected format"), "{}", err(&short));
    assert!(!new.exists());
    // Into a wallet in use: refused.
    let busy = restore(&w, &file, &code).output().unwrap();
    assert_eq!(busy.status.code(), Some(2));
    assert!(err(&busy).contains("already set up"), "{}", err(&busy));

    // The code as someone might type it.
    let typed = code.to_lowercase().replace('-', " ");
    let r = restore(&new, &file, &typed).output().unwrap();
    assert!(out(&r).contains("restored 1 diplomas from a backup made on "), "{}", out(&r));
    let new_codes = confirm_printed(&new, &r);
    assert_eq!(list_ids(&new, &new_codes[0]), vec![id.clone()]);
    let qj1 = present(&new, &new_codes[1], &id);
    assert_eq!(verdict(d, &qj1), "verdict: VALID");
    let log = out(&wallet(&new, &new_codes[2], &["log"]));
    let first = log.lines().next().unwrap();
    assert!(first.contains("Restored") && first.contains("restored from a backup made on"), "{log}");
    assert!(log.contains("Import") && log.contains("chain: Intact"), "{log}");
}

fn state(dir: &Path) -> Option<VaultState> {
    if !dir.join("wallet.db").exists() {
        return None;
    }
    let rng = Arc::new(OsRandom);
    let ks = SoftwareKeyStore::in_directory(dir.join("keystore"), rng.clone()).unwrap();
    let platform = Platform { key_store: Arc::new(ks), clock: Arc::new(SystemClock), rng };
    let w = Wallet::open(dir.join("wallet.db"), platform, VaultOptions::default()).unwrap();
    Some(w.status().unwrap().state)
}

#[test]
fn a_restore_killed_at_any_point_leaves_no_half_made_wallet() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let (_, file, code, _, id) = wallet_with_backup(d);
    // Killed at once, as soon as the wallet file appears (after the backup was checked: the
    // PIN key derivation and the one write transaction follow), and a little later.
    for (n, delay_ms) in [(0, None), (1, Some(0)), (2, Some(150))] {
        let new = d.join(format!("new{n}"));
        let mut child = restore(&new, &file, &code).stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
        if let Some(ms) = delay_ms {
            let t0 = std::time::Instant::now();
            while !new.join("wallet.db").exists() && t0.elapsed().as_secs() < 30 {
                std::thread::sleep(std::time::Duration::from_millis(2));
            }
            std::thread::sleep(std::time::Duration::from_millis(ms));
        }
        child.kill().unwrap();
        child.wait().unwrap();
        // Nothing, an empty vault, or the whole restore (one transaction): never a part of it.
        let st = state(&new);
        assert!(
            matches!(st, None | Some(VaultState::Uninitialized | VaultState::EnrolmentPending)),
            "killed restore {n}: {st:?}"
        );
        if n == 1 {
            // And the restore can be run again over what the kill left.
            let r = restore(&new, &file, &code).output().unwrap();
            let codes = confirm_printed(&new, &r);
            assert_eq!(list_ids(&new, &codes[0]), vec![id.clone()]);
        }
    }
}
