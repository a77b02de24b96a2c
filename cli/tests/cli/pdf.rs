//! `qujat wallet pdf` and `qujat verify --pdf` (issue 12), end to end on files: the demo's PDF
//! verifies VALID from its barcode and leaves a record that validates against the schema; the
//! wallet command writes a new 0600 file, never over one, and logs a document presentation;
//! files that are not a Qujat PDF get a clear error (exit status 2).
#![allow(clippy::unwrap_used, clippy::panic, missing_docs)]

use std::path::Path;

use serde_json::Value;

use super::{p, qujat, stdout, wallet};

const SCHEMA: &str = include_str!("../../../docs/schemas/verification-record.schema.json");

fn validate(v: &Value) {
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    let url = "https://qujat.kz/schemas/verification-record/1.json";
    compiler.add_resource(url, serde_json::from_str(SCHEMA).unwrap()).unwrap();
    let index = compiler.compile(url, &mut schemas).unwrap();
    schemas.validate(v, index).unwrap_or_else(|e| panic!("record does not validate: {e}"));
}

#[test]
fn verify_pdf_reads_the_demo_pdf_and_writes_a_valid_record() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let out = qujat(&["demo", "--no-qr", "--out", d.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout(&out).contains("printed/e-mailed copy for Kaspi Bank HR"), "{}", stdout(&out));
    let pdf = std::fs::read(d.join("diploma.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    validate(&serde_json::from_slice(&std::fs::read(d.join("diploma-record.json")).unwrap()).unwrap());
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
    let record = d.join("hr.json");
    let mut args = base.to_vec();
    let (file, rec) = (p(d, "diploma.pdf"), record.to_string_lossy().into_owned());
    args.extend(["--pdf", &file, "--record", &rec]);
    let v = qujat(&args);
    assert!(v.status.success(), "{}{}", stdout(&v), String::from_utf8_lossy(&v.stderr));
    assert!(stdout(&v).ends_with("verdict: VALID\n"));
    let json: Value = serde_json::from_slice(&std::fs::read(&record).unwrap()).unwrap();
    validate(&json);
    assert_eq!((json["verdict"].as_str(), json["kind"].as_str()), (Some("VALID"), Some("document")));
    assert!(json.to_string().contains("Kaspi Bank HR"));

    // Not a Qujat PDF: a clear error, exit status 2.
    for (name, bytes, says) in [
        ("text.pdf", b"hello".to_vec(), "not a readable PDF"),
        ("cut.pdf", pdf[..pdf.len() / 2].to_vec(), "not a readable PDF"),
        ("qr.pdf", std::fs::read(d.join("presentation.png")).unwrap(), "not a readable PDF"),
    ] {
        std::fs::write(d.join(name), bytes).unwrap();
        let mut args = base.to_vec();
        let f = p(d, name);
        args.extend(["--pdf", &f]);
        let v = qujat(&args);
        assert_eq!(v.status.code(), Some(2), "{name}");
        assert!(String::from_utf8_lossy(&v.stderr).contains(says), "{name}: {}", String::from_utf8_lossy(&v.stderr));
    }
}

#[test]
fn wallet_pdf_writes_a_new_private_file_and_logs_it() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let w = d.join("wallet");
    assert!(qujat(&["issuer", "keygen", "--out", &p(d, "anchor")]).status.success());
    assert!(qujat(&["issuer", "keygen", "--out", &p(d, "enu")]).status.success());
    std::fs::write(
        d.join("issuers.json"),
        r#"[{"id": "kz.enu", "name": {"en": "ENU", "kk": "ЕҰУ"}, "keys": [{"public_key": "enu.pub", "not_before": "2020-01-01", "not_after": "2035-12-31"}]}]"#,
    )
    .unwrap();
    let tl = ["issuer", "trust-list", "--anchor-key", &p(d, "anchor.key"), "--input", &p(d, "issuers.json")];
    let mut args = tl.to_vec();
    let tl_path = p(d, "tl.bin");
    args.extend(["--sequence", "1", "--out", &tl_path]);
    assert!(qujat(&args).status.success());
    let init = wallet(&w, "", &["init"]);
    let out = stdout(&init);
    let uri = out.lines().find(|l| l.starts_with("otpauth://totp/")).unwrap();
    let codes: Vec<String> = out
        .lines()
        .skip_while(|l| !l.starts_with("Recovery codes"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .map(|l| l.trim().to_owned())
        .collect();
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
    let code = qujat_core::auth::totp::authenticator_code(uri, now).unwrap();
    assert!(wallet(&w, code.expose_secret(), &["confirm"]).status.success());
    let holder = stdout(&wallet(&w, &codes[0], &["holder-key"])).trim().to_owned();
    let enu = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/diplomas/enu-bachelor-honors.json");
    let (key, reg, cred) = (p(d, "enu.key"), p(d, "reg.json"), p(d, "cred.bin"));
    let issue = qujat(&[
        "issuer",
        "issue",
        "--key",
        &key,
        "--register",
        &reg,
        "--input",
        enu.to_str().unwrap(),
        "--holder-key",
        &holder,
        "--out",
        &cred,
    ]);
    assert!(issue.status.success(), "{}", String::from_utf8_lossy(&issue.stderr));
    let anchor = p(d, "anchor.pub");
    assert!(wallet(&w, &codes[1], &["import", &cred, "--trust-list", &tl_path, "--anchor", &anchor]).status.success());
    let list: Value = serde_json::from_slice(&wallet(&w, &codes[2], &["list", "--json"]).stdout).unwrap();
    let id = list["diplomas"][0]["id"].as_str().unwrap()[..10].to_owned();

    let out_pdf = p(d, "diploma.pdf");
    let args = ["pdf", &id, "--audience", "Kaspi Bank HR", "--days", "10", "--lang", "ru", "--out", &out_pdf];
    let made = wallet(&w, &codes[3], &args);
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    let pdf = std::fs::read(&out_pdf).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&out_pdf).unwrap().permissions().mode() & 0o777, 0o600);
    }
    // Never over an existing file (refused before unlocking: no code spent).
    let again = wallet(&w, &codes[4], &args);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    assert_eq!(std::fs::read(&out_pdf).unwrap(), pdf);
    // A bad audience or validity is refused by the core.
    let long = "x".repeat(129);
    let bad = wallet(&w, &codes[4], &["pdf", &id, "--audience", &long, "--out", &p(d, "bad.pdf")]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(!d.join("bad.pdf").exists());
    // Logged as a document presentation.
    let log = stdout(&wallet(&w, &codes[5], &["log"]));
    assert!(log.contains("PresentDocument") && log.contains("audience=Kaspi Bank HR"), "{log}");
    // And it verifies, for 10 days.
    let v = qujat(&["verify", "--no-state", "--anchor", &anchor, "--trust-list", &tl_path, "--pdf", &out_pdf]);
    // No status list given: not VALID, but the barcode was read and checked (exit 1, not 2).
    assert_eq!(v.status.code(), Some(1), "{}{}", stdout(&v), String::from_utf8_lossy(&v.stderr));
    assert!(stdout(&v).contains("Kaspi Bank HR"), "{}", stdout(&v));
}
