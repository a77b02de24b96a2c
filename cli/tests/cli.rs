//! The `qujat` binary, end to end, on files.
#![allow(clippy::unwrap_used, clippy::panic, missing_docs)]

use std::path::Path;
use std::process::{Command, Output};

#[path = "cli/backup.rs"]
mod backup;
#[path = "cli/endless_input.rs"]
mod endless_input;
#[path = "cli/pdf.rs"]
mod pdf;
#[path = "cli/record.rs"]
mod record;
#[path = "cli/reissue.rs"]
mod reissue;
#[path = "cli/verifier_state.rs"]
mod verifier_state;

/// Run the binary with HOME and XDG_STATE_HOME in a temporary directory, so that nothing a
/// test runs can write into the real home (the verifier's default state lives there).
fn qujat(args: &[&str]) -> Output {
    let home = tempfile::tempdir().unwrap();
    Command::new(env!("CARGO_BIN_EXE_qujat"))
        .args(args)
        .env("HOME", home.path())
        .env("XDG_STATE_HOME", home.path().join("state"))
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn p(dir: &Path, name: &str) -> String {
    dir.join(name).to_string_lossy().into_owned()
}

#[test]
fn demo_tells_the_story_and_its_artefacts_verify() {
    let dir = tempfile::tempdir().unwrap();
    let out = qujat(&["demo", "--out", dir.path().to_str().unwrap()]);
    let text = stdout(&out);
    assert!(out.status.success(), "{text}\n{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(text.lines().last(), Some("verdict: VALID"));
    assert!(text.contains("verdict: EXPIRED"), "{text}");
    assert!(text.contains("verdict: MALFORMED"), "{text}");
    for f in [
        "anchor.pub",
        "trust-list.bin",
        "status-list.bin",
        "credential.bin",
        "presentation.txt",
        "presentation.png",
        "presentation.svg",
        "record.json",
    ] {
        assert!(dir.path().join(f).exists(), "{f} missing");
    }
    let record: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("record.json")).unwrap()).unwrap();
    assert_eq!((record["verdict"].as_str(), record["kind"].as_str()), (Some("VALID"), Some("live")));
    #[cfg(unix)]
    for f in ["presentation.txt", "presentation.png", "presentation.svg", "record.json"] {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.path().join(f)).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "{f} holds personal data");
    }
    let d = dir.path();
    let qj1 = std::fs::read_to_string(d.join("presentation.txt")).unwrap();
    let base = [
        "verify",
        "--no-state",
        "--anchor",
        &p(d, "anchor.pub"),
        "--trust-list",
        &p(d, "trust-list.bin"),
        "--status-list",
        &p(d, "status-list.bin"),
    ];
    // The string.
    let mut args = base.to_vec();
    args.push(qj1.trim());
    let v = qujat(&args);
    assert!(v.status.success(), "{}", stdout(&v));
    assert!(stdout(&v).ends_with("verdict: VALID\n"));
    // PNG → QR reader → verify.
    let png = p(d, "presentation.png");
    let mut args = base.to_vec();
    args.extend(["--image", &png]);
    let v = qujat(&args);
    assert!(v.status.success(), "{}{}", stdout(&v), String::from_utf8_lossy(&v.stderr));
    // JSON output.
    let mut args = base.to_vec();
    args.extend(["--json", qj1.trim()]);
    let v = qujat(&args);
    assert!(stdout(&v).contains("\"verdict\": \"VALID\""));
    // A damaged string: exit status 1, a reason.
    let mut damaged = qj1.trim().to_owned();
    damaged.insert(30, 'Z');
    let mut args = base.to_vec();
    args.push(&damaged);
    let v = qujat(&args);
    assert_eq!(v.status.code(), Some(1));
    assert!(stdout(&v).contains("verdict: MALFORMED"));
    // A wrong challenge: exit status 1.
    let mut args = base.to_vec();
    args.extend(["--challenge", "123456", qj1.trim()]);
    assert_eq!(qujat(&args).status.code(), Some(1));
}

#[test]
fn issuer_tools_on_files() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert!(qujat(&["issuer", "keygen", "--out", &p(d, "anchor")]).status.success());
    assert!(qujat(&["issuer", "keygen", "--out", &p(d, "enu")]).status.success());
    assert!(qujat(&["issuer", "keygen", "--out", &p(d, "holder")]).status.success());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(d.join("enu.key")).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    std::fs::write(
        d.join("issuers.json"),
        r#"[{"id": "kz.enu", "name": {"en": "L.N. Gumilyov Eurasian National University", "kk": "Еуразия ұлттық университеті"},
            "keys": [{"public_key": "enu.pub", "not_before": "2020-01-01", "not_after": "2035-12-31"}]}]"#,
    )
    .unwrap();
    let tl = qujat(&[
        "issuer",
        "trust-list",
        "--anchor-key",
        &p(d, "anchor.key"),
        "--input",
        &p(d, "issuers.json"),
        "--sequence",
        "3",
        "--out",
        &p(d, "trust-list.bin"),
    ]);
    assert!(tl.status.success(), "{}", String::from_utf8_lossy(&tl.stderr));
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/diplomas/enu-bachelor-honors.json");
    let issue = qujat(&[
        "issuer",
        "issue",
        "--key",
        &p(d, "enu.key"),
        "--register",
        &p(d, "register.json"),
        "--input",
        fixture.to_str().unwrap(),
        "--holder-key",
        &p(d, "holder.pub"),
        "--out",
        &p(d, "cred.bin"),
    ]);
    assert!(issue.status.success(), "{}", String::from_utf8_lossy(&issue.stderr));
    assert!(stdout(&issue).contains("status index 0"));
    let again = qujat(&[
        "issuer",
        "issue",
        "--key",
        &p(d, "enu.key"),
        "--register",
        &p(d, "register.json"),
        "--input",
        fixture.to_str().unwrap(),
        "--holder-key",
        &p(d, "holder.pub"),
        "--out",
        &p(d, "cred2.bin"),
    ]);
    assert!(stdout(&again).contains("status index 1"));
    assert!(
        qujat(&["issuer", "revoke", "--register", &p(d, "register.json"), "--credential", &p(d, "cred.bin")])
            .status
            .success()
    );
    assert_eq!(
        qujat(&["issuer", "revoke", "--register", &p(d, "register.json"), "--index", "99"]).status.code(),
        Some(2)
    );
    let sl = qujat(&[
        "issuer",
        "status-list",
        "--key",
        &p(d, "enu.key"),
        "--issuer",
        "kz.enu",
        "--register",
        &p(d, "register.json"),
        "--out",
        &p(d, "status.bin"),
    ]);
    assert!(stdout(&sl).contains("2 entries, 1 revoked"), "{}", stdout(&sl));
}

#[test]
fn bad_input_gets_a_clear_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert!(qujat(&["issuer", "keygen", "--out", &p(d, "enu")]).status.success());
    std::fs::write(d.join("bad.json"), r#"{"issuer": "kz.enu", "holder": {}}"#).unwrap();
    let o = qujat(&[
        "issuer",
        "issue",
        "--key",
        &p(d, "enu.key"),
        "--register",
        &p(d, "r.json"),
        "--input",
        &p(d, "bad.json"),
        "--holder-key",
        &p(d, "enu.pub"),
        "--out",
        &p(d, "c.bin"),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("holder."), "{err}");
    assert!(!err.contains("panicked"));
    // A world-readable secret key is refused.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(d.join("enu.key"), std::fs::Permissions::from_mode(0o644)).unwrap();
        let o = qujat(&[
            "issuer",
            "status-list",
            "--key",
            &p(d, "enu.key"),
            "--issuer",
            "kz.enu",
            "--register",
            &p(d, "r.json"),
            "--out",
            &p(d, "s.bin"),
        ]);
        assert_eq!(o.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&o.stderr).contains("chmod 600"));
    }
    // Missing files, garbage trust list.
    std::fs::write(d.join("garbage.bin"), b"\x00\x01garbage").unwrap();
    let o =
        qujat(&["verify", "--no-state", "--anchor", &p(d, "enu.pub"), "--trust-list", &p(d, "garbage.bin"), "QJ1:ABC"]);
    assert_eq!(o.status.code(), Some(2));
    let o = qujat(&[
        "verify",
        "--no-state",
        "--anchor",
        &p(d, "nope.pub"),
        "--trust-list",
        &p(d, "garbage.bin"),
        "QJ1:ABC",
    ]);
    assert_eq!(o.status.code(), Some(2));
}

fn wallet(dir: &Path, otp: &str, args: &[&str]) -> Output {
    let mut full = vec!["wallet", "--dir", dir.to_str().unwrap()];
    full.extend_from_slice(args);
    Command::new(env!("CARGO_BIN_EXE_qujat"))
        .args(&full)
        .env("QUJAT_PIN", "739154")
        .env("QUJAT_OTP", otp)
        .env("QUJAT_NEW_PIN", "602817")
        .output()
        .unwrap()
}

#[test]
fn wallet_commands_from_init_to_change_pin() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let w = d.join("wallet");
    // The verifier side: anchor, issuer, trust list, register.
    assert!(qujat(&["issuer", "keygen", "--out", &p(d, "anchor")]).status.success());
    assert!(qujat(&["issuer", "keygen", "--out", &p(d, "enu")]).status.success());
    std::fs::write(
        d.join("issuers.json"),
        r#"[{"id": "kz.enu", "name": {"en": "ENU"}, "keys": [{"public_key": "enu.pub", "not_before": "2020-01-01", "not_after": "2035-12-31"}]}]"#,
    )
    .unwrap();
    assert!(
        qujat(&[
            "issuer",
            "trust-list",
            "--anchor-key",
            &p(d, "anchor.key"),
            "--input",
            &p(d, "issuers.json"),
            "--sequence",
            "1",
            "--out",
            &p(d, "tl.bin")
        ])
        .status
        .success()
    );

    let init = wallet(&w, "", &["init"]);
    assert!(init.status.success(), "{}", String::from_utf8_lossy(&init.stderr));
    let out = stdout(&init);
    let uri = out.lines().find(|l| l.starts_with("otpauth://totp/")).expect("the otpauth URI on a line of its own");
    assert!(uri.contains("issuer=Qujat"));
    let codes: Vec<String> = out
        .lines()
        .skip_while(|l| !l.starts_with("Recovery codes"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .map(|l| l.trim().to_owned())
        .collect();
    assert_eq!(codes.len(), 10);
    // Before confirmation the wallet does not open.
    assert_eq!(wallet(&w, &codes[0], &["list"]).status.code(), Some(2));
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
    let code = qujat_core::auth::totp::authenticator_code(uri, now).unwrap();
    let confirm = wallet(&w, code.expose_secret(), &["confirm"]);
    assert!(confirm.status.success(), "{}", String::from_utf8_lossy(&confirm.stderr));
    // The same code again is a replay.
    let replay = wallet(&w, code.expose_secret(), &["holder-key"]);
    assert_eq!(replay.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&replay.stderr).contains("already used"));
    assert!(String::from_utf8_lossy(&replay.stderr).contains("attempts left"));

    let hk = wallet(&w, &codes[0], &["holder-key"]);
    let holder = stdout(&hk).trim().to_owned();
    assert_eq!(holder.len(), 64, "{holder}");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/diplomas/kaznu-master.json");
    let issue = qujat(&[
        "issuer",
        "issue",
        "--key",
        &p(d, "enu.key"),
        "--register",
        &p(d, "reg.json"),
        "--input",
        fixture.to_str().unwrap(),
        "--holder-key",
        &holder,
        "--out",
        &p(d, "cred.bin"),
    ]);
    assert!(issue.status.success(), "{}", String::from_utf8_lossy(&issue.stderr));
    // KazNU is not in this trust list: the import is refused.
    let refused = wallet(
        &w,
        &codes[1],
        &["import", &p(d, "cred.bin"), "--trust-list", &p(d, "tl.bin"), "--anchor", &p(d, "anchor.pub")],
    );
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("not in the trust list"));
    let enu = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/diplomas/enu-bachelor-honors.json");
    let issue = qujat(&[
        "issuer",
        "issue",
        "--key",
        &p(d, "enu.key"),
        "--register",
        &p(d, "reg.json"),
        "--input",
        enu.to_str().unwrap(),
        "--holder-key",
        &holder,
        "--out",
        &p(d, "cred.bin"),
    ]);
    assert!(issue.status.success());
    let import = wallet(
        &w,
        &codes[2],
        &["import", &p(d, "cred.bin"), "--trust-list", &p(d, "tl.bin"), "--anchor", &p(d, "anchor.pub")],
    );
    assert!(import.status.success(), "{}", String::from_utf8_lossy(&import.stderr));

    let list = wallet(&w, &codes[3], &["list", "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    let id = json["diplomas"][0]["id"].as_str().unwrap().to_owned();
    assert_eq!(json["diplomas"][0]["issuer"], "kz.enu");
    let show = wallet(&w, &codes[4], &["show", &id[..10], "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&show.stdout).unwrap();
    assert_eq!(json["claims"]["iin"], "010514600124");

    let png = p(d, "qr.png");
    let present = wallet(&w, &codes[5], &["present", &id[..10], "--png", &png, "--no-qr", "--claims", "default,gpa"]);
    assert!(present.status.success(), "{}", String::from_utf8_lossy(&present.stderr));
    #[cfg(unix)]
    {
        // The QR image holds the disclosed claims: owner-only.
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&png).unwrap().permissions().mode() & 0o777, 0o600);
    }
    let status = qujat(&[
        "issuer",
        "status-list",
        "--key",
        &p(d, "enu.key"),
        "--issuer",
        "kz.enu",
        "--register",
        &p(d, "reg.json"),
        "--out",
        &p(d, "sl.bin"),
    ]);
    assert!(status.status.success());
    let v = qujat(&[
        "verify",
        "--no-state",
        "--anchor",
        &p(d, "anchor.pub"),
        "--trust-list",
        &p(d, "tl.bin"),
        "--status-list",
        &p(d, "sl.bin"),
        "--json",
        "--image",
        &png,
    ]);
    assert!(v.status.success(), "{}", stdout(&v));
    let json: serde_json::Value = serde_json::from_slice(&v.stdout).unwrap();
    assert_eq!(json["claims"]["gpa"], "3.67");
    assert!(json["claims"].get("iin").is_none());

    let log = wallet(&w, &codes[6], &["log"]);
    let log = stdout(&log);
    assert!(log.contains("Import") && log.contains("Present") && log.contains("chain: Intact"), "{log}");
    assert!(wallet(&w, &codes[7], &["delete", &id[..10]]).status.success());
    // A spent recovery code is refused.
    assert_eq!(wallet(&w, &codes[7], &["list"]).status.code(), Some(2));
    assert!(wallet(&w, &codes[8], &["change-pin"]).status.success());
    let list = Command::new(env!("CARGO_BIN_EXE_qujat"))
        .args(["wallet", "--dir", w.to_str().unwrap(), "list", "--json"])
        .env("QUJAT_PIN", "602817")
        .env("QUJAT_OTP", &codes[9])
        .output()
        .unwrap();
    assert!(list.status.success(), "{}", String::from_utf8_lossy(&list.stderr));
    let json: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    assert_eq!(json["diplomas"].as_array().unwrap().len(), 0);
}

/// Copy-back, end to end: the wallet file saved, one wrong PIN, the file put back (the key store
/// folder left as it is, as on a phone): refused as an older copy, with any PIN.
#[test]
fn wallet_file_put_back_from_before_a_failed_attempt_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let w = tmp.path().join("wallet");
    let init = wallet(&w, "", &["init"]);
    assert!(init.status.success(), "{}", String::from_utf8_lossy(&init.stderr));
    let out = stdout(&init);
    let uri = out.lines().find(|l| l.starts_with("otpauth://totp/")).unwrap().to_owned();
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
    let code = qujat_core::auth::totp::authenticator_code(&uri, now).unwrap();
    assert!(wallet(&w, code.expose_secret(), &["confirm"]).status.success());
    let saved = std::fs::read(w.join("wallet.db")).unwrap();
    let wrong = Command::new(env!("CARGO_BIN_EXE_qujat"))
        .args(["wallet", "--dir", w.to_str().unwrap(), "holder-key"])
        .env("QUJAT_PIN", "602817")
        .env("QUJAT_OTP", "123456")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("wrong PIN"), "{}", String::from_utf8_lossy(&wrong.stderr));
    for ext in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(w.join(format!("wallet.db{ext}")));
    }
    std::fs::write(w.join("wallet.db"), saved).unwrap();
    let later = qujat_core::auth::totp::authenticator_code(&uri, now + 30).unwrap();
    let o = wallet(&w, later.expose_secret(), &["holder-key"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("this wallet file was replaced by an older copy"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}
