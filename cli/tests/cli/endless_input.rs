//! Every file argument of the CLI given an endless source (`/dev/zero`, a FIFO fed forever):
//! a clear error at the 16 MiB limit, in bounded memory, and no panic.
//!
//! Each run has its address space capped (`ulimit -v`), so a reader without a bound is killed
//! by the allocator long before the test could pass.

use std::path::Path;
use std::process::{Command, Output, Stdio};

use super::p;

/// Address space allowed to one `qujat` run: far above what a 16 MiB read needs, far below an
/// unbounded read of `/dev/zero` (which reaches it in well under a second).
const ADDRESS_SPACE_KIB: u32 = 1024 * 1024;

/// `qujat args…` with the address space capped and a time limit, its state and home kept in `home`.
fn capped(home: &Path, args: &[String]) -> Output {
    // `timeout`: a run stuck on a FIFO fails the test instead of hanging it.
    Command::new("timeout")
        .args(["120", "bash", "-c"])
        .arg(format!("ulimit -v {ADDRESS_SPACE_KIB} && exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_qujat"))
        .args(args)
        .env("HOME", home)
        .env("XDG_STATE_HOME", home.join("state"))
        .env("QUJAT_PIN", "739154")
        .env("QUJAT_OTP", "000000")
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

/// The world every case reads from: the demo's artefacts, issuer keys, an issuer list.
fn world(d: &Path) {
    let demo = super::qujat(&["demo", "--no-qr", "--out", d.to_str().unwrap()]);
    assert!(demo.status.success(), "{}", String::from_utf8_lossy(&demo.stderr));
    for name in ["enu", "anchor-key", "holder"] {
        assert!(super::qujat(&["issuer", "keygen", "--out", &p(d, name)]).status.success());
    }
    let issuers = |key: &str| {
        format!(
            r#"[{{"id": "kz.enu", "name": {{"en": "ENU"}},
                 "keys": [{{"public_key": "{key}", "not_before": "2020-01-01", "not_after": "2035-12-31"}}]}}]"#
        )
    };
    std::fs::write(d.join("issuers.json"), issuers(&p(d, "enu.pub"))).unwrap();
    std::fs::write(d.join("issuers-endless-key.json"), issuers("@")).unwrap();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/diplomas/enu-bachelor-honors.json");
    std::fs::copy(fixture, d.join("diploma.json")).unwrap();
    let issue = super::qujat(&[
        "issuer",
        "issue",
        "--key",
        &p(d, "enu.key"),
        "--register",
        &p(d, "register.json"),
        "--input",
        &p(d, "diploma.json"),
        "--holder-key",
        &p(d, "holder.pub"),
        "--out",
        &p(d, "cred.bin"),
    ]);
    assert!(issue.status.success(), "{}", String::from_utf8_lossy(&issue.stderr));
}

/// Each file argument, `@` standing for the endless source; `secret` marks a secret-key file
/// (refused for its mode before it is read when the source is world-readable).
const CASES: &[(&str, bool, &[&str])] = &[
    ("verify --anchor", false, &["verify", "--anchor", "@", "--trust-list", "{trust-list.bin}", "QJ1:X"]),
    ("verify --trust-list", false, &["verify", "--anchor", "{anchor.pub}", "--trust-list", "@", "QJ1:X"]),
    (
        "verify --status-list",
        false,
        &["verify", "--anchor", "{anchor.pub}", "--trust-list", "{trust-list.bin}", "--status-list", "@", "QJ1:X"],
    ),
    (
        "verify --image",
        false,
        &[
            "verify",
            "--anchor",
            "{anchor.pub}",
            "--trust-list",
            "{trust-list.bin}",
            "--status-list",
            "{status-list.bin}",
            "--image",
            "@",
        ],
    ),
    ("verifier update --anchor", false, &["verifier", "--state", "{s}", "update", "--anchor", "@"]),
    (
        "verifier update --trust-list",
        false,
        &["verifier", "--state", "{s}", "update", "--anchor", "{anchor.pub}", "--trust-list", "@"],
    ),
    (
        "verifier update --status-list",
        false,
        &[
            "verifier",
            "--state",
            "{s}",
            "update",
            "--anchor",
            "{anchor.pub}",
            "--trust-list",
            "{trust-list.bin}",
            "--status-list",
            "@",
        ],
    ),
    (
        "verify --state with --status-list",
        false,
        &[
            "verify",
            "--state",
            "{s}",
            "--anchor",
            "{anchor.pub}",
            "--trust-list",
            "{trust-list.bin}",
            "--status-list",
            "@",
            "QJ1:X",
        ],
    ),
    (
        "wallet import FILE",
        false,
        &["wallet", "--dir", "{w}", "import", "@", "--trust-list", "{trust-list.bin}", "--anchor", "{anchor.pub}"],
    ),
    (
        "wallet import --trust-list",
        false,
        &["wallet", "--dir", "{w}", "import", "{credential.bin}", "--trust-list", "@", "--anchor", "{anchor.pub}"],
    ),
    (
        "wallet import --anchor",
        false,
        &["wallet", "--dir", "{w}", "import", "{credential.bin}", "--trust-list", "{trust-list.bin}", "--anchor", "@"],
    ),
    (
        "issuer trust-list --anchor-key",
        true,
        &["issuer", "trust-list", "--anchor-key", "@", "--input", "{issuers.json}", "--sequence", "1", "--out", "{o}"],
    ),
    (
        "issuer trust-list --input",
        false,
        &[
            "issuer",
            "trust-list",
            "--anchor-key",
            "{anchor-key.key}",
            "--input",
            "@",
            "--sequence",
            "1",
            "--out",
            "{o}",
        ],
    ),
    (
        "issuer trust-list: an issuer's public_key file",
        false,
        &[
            "issuer",
            "trust-list",
            "--anchor-key",
            "{anchor-key.key}",
            "--input",
            "{issuers-endless-key.json}",
            "--sequence",
            "1",
            "--out",
            "{o}",
        ],
    ),
    (
        "issuer issue --key",
        true,
        &[
            "issuer",
            "issue",
            "--key",
            "@",
            "--register",
            "{register.json}",
            "--input",
            "{diploma.json}",
            "--holder-key",
            "{holder.pub}",
            "--out",
            "{o}",
        ],
    ),
    (
        "issuer issue --holder-key",
        false,
        &[
            "issuer",
            "issue",
            "--key",
            "{enu.key}",
            "--register",
            "{register.json}",
            "--input",
            "{diploma.json}",
            "--holder-key",
            "@",
            "--out",
            "{o}",
        ],
    ),
    (
        "issuer issue --input",
        false,
        &[
            "issuer",
            "issue",
            "--key",
            "{enu.key}",
            "--register",
            "{register.json}",
            "--input",
            "@",
            "--holder-key",
            "{holder.pub}",
            "--out",
            "{o}",
        ],
    ),
    (
        "issuer issue --register",
        false,
        &[
            "issuer",
            "issue",
            "--key",
            "{enu.key}",
            "--register",
            "@",
            "--input",
            "{diploma.json}",
            "--holder-key",
            "{holder.pub}",
            "--out",
            "{o}",
        ],
    ),
    ("issuer revoke --register", false, &["issuer", "revoke", "--register", "@", "--index", "0"]),
    ("issuer revoke --credential", false, &["issuer", "revoke", "--register", "{register.json}", "--credential", "@"]),
    (
        "issuer status-list --key",
        true,
        &["issuer", "status-list", "--key", "@", "--issuer", "kz.enu", "--register", "{register.json}", "--out", "{o}"],
    ),
    (
        "issuer status-list --register",
        false,
        &["issuer", "status-list", "--key", "{enu.key}", "--issuer", "kz.enu", "--register", "@", "--out", "{o}"],
    ),
];

/// The arguments of one case: `@` → the endless source; `{name}` → a file of the world.
fn args(d: &Path, source: &Path, template: &[&str]) -> Vec<String> {
    template
        .iter()
        .map(|a| match a.strip_prefix('{').and_then(|a| a.strip_suffix('}')) {
            Some("w") => p(d, "wallet"),
            Some("s") => p(d, "verifier-state"),
            Some("o") => p(d, "out.bin"),
            Some(name) => p(d, name),
            None if *a == "@" => source.to_string_lossy().into_owned(),
            None => (*a).to_owned(),
        })
        .collect()
}

fn assert_refused(what: &str, source: &Path, o: &Output, mode_refusal_ok: bool) {
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{what} on {}: {err}", source.display());
    assert!(!err.contains("panicked"), "{what}: {err}");
    let at_limit = err.contains("larger than the 16 MiB limit") && err.contains(&*source.to_string_lossy());
    let mode = mode_refusal_ok && err.contains("chmod 600");
    assert!(at_limit || mode, "{what} on {}: {err}", source.display());
}

#[test]
fn every_file_argument_stops_at_the_limit_on_dev_zero() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    world(d);
    // The issuer list that names the endless source as a key file.
    let zero = Path::new("/dev/zero");
    let json = std::fs::read_to_string(d.join("issuers-endless-key.json")).unwrap();
    std::fs::write(d.join("issuers-endless-key.json"), json.replace('@', "/dev/zero")).unwrap();
    for (what, secret, template) in CASES {
        let o = capped(d, &args(d, zero, template));
        // `/dev/zero` is world-readable: a secret key there is refused for its mode first.
        assert_refused(what, zero, &o, *secret);
    }
}

#[test]
fn every_file_argument_stops_at_the_limit_on_an_endless_fifo() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    world(d);
    for (i, (what, _, template)) in CASES.iter().enumerate() {
        let fifo = d.join(format!("endless-{i}"));
        // Owner-only, so that secret-key arguments get as far as reading it.
        assert!(Command::new("mkfifo").args(["-m", "600"]).arg(&fifo).status().unwrap().success());
        let json = std::fs::read_to_string(d.join("issuers.json")).unwrap();
        let endless_key = json.replace(&p(d, "enu.pub"), &fifo.to_string_lossy());
        std::fs::write(d.join("issuers-endless-key.json"), endless_key).unwrap();
        // A writer that never stops (until the reader hangs up, or we stop it).
        let mut writer = Command::new("sh")
            .arg("-c")
            .arg("exec cat /dev/zero > \"$0\"")
            .arg(&fifo)
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let o = capped(d, &args(d, &fifo, template));
        let _ = writer.kill();
        let _ = writer.wait();
        assert_refused(what, &fifo, &o, false);
    }
}
