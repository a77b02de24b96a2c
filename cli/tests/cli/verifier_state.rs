//! `qujat verifier` and `qujat verify --state/--no-state`: the built binary, real processes,
//! real state files. Lists and presentations are made with the core on the system clock
//! (the binary verifies at the real time).
#![allow(clippy::unwrap_used, clippy::panic, missing_docs)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use qujat_core::credential::{ClaimSet, CredentialBundle, Date, Localized};
use qujat_core::issuer::{Issuer, Register};
use qujat_core::keys::KeyPair;
use qujat_core::platform::{Clock, SeededRandom, SystemClock, UnixTime};
use qujat_core::presentation::{self, Challenge, PresentationRequest};
use qujat_core::trust::{IssuerEntry, IssuerKey, TrustList, TrustListPayload};

const DAY: i64 = 86_400;
const DIPLOMA: &str = include_str!("../../../tests/fixtures/diplomas/enu-bachelor-honors.json");

/// Keys, lists and a credential, written into a directory.
struct Fixture {
    dir: tempfile::TempDir,
    anchor_hex: String,
    holder: KeyPair,
    bundle: CredentialBundle,
    revoked_bundle: CredentialBundle,
}

impl Fixture {
    fn new(seed: &str) -> Self {
        let rng = SeededRandom::new(seed.as_bytes());
        let now = SystemClock.now();
        let anchor = KeyPair::generate(&rng).unwrap();
        let enu = Issuer::new("kz.enu", KeyPair::generate(&rng).unwrap());
        let stranger = Issuer::new("kz.stranger", KeyPair::generate(&rng).unwrap());
        let holder = KeyPair::generate(&rng).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, bytes: &[u8]| std::fs::write(dir.path().join(name), bytes).unwrap();
        let trust = |issuers: &[&Issuer], sequence: u64, expires_at: UnixTime| {
            TrustList::sign(&anchor, trust_payload(issuers, sequence, now, expires_at))
        };
        write("tl1.bin", &trust(&[&enu], 1, now + 30 * DAY));
        write("tl2.bin", &trust(&[&enu], 2, now + 30 * DAY));
        write("tl2-other.bin", &trust(&[&enu], 2, now + 60 * DAY));
        let diploma =
            qujat_core::credential::input::parse_issuer_input(DIPLOMA.as_bytes(), Date::from_unix(now).unwrap())
                .unwrap();
        let bundle = enu.issue(&diploma, &holder.public(), 0, now - DAY, &rng).unwrap();
        let revoked_bundle = enu.issue(&diploma, &holder.public(), 1, now - DAY, &rng).unwrap();
        let mut register = Register { next_index: 2, ..Register::default() };
        write("sl-old.bin", &enu.status_list(&register, now - 2 * DAY, 7 * DAY).unwrap());
        register.revoked.insert(1);
        write("sl-new.bin", &enu.status_list(&register, now - DAY, 7 * DAY).unwrap());
        register.revoked.clear();
        write("sl-new-conflict.bin", &enu.status_list(&register, now - DAY, 7 * DAY).unwrap());
        write("sl-foreign.bin", &stranger.status_list(&Register::default(), now - DAY, 7 * DAY).unwrap());
        let other_anchor = KeyPair::generate(&SeededRandom::new(b"other anchor")).unwrap();
        write("other-anchor.hex", other_anchor.public().to_hex().as_bytes());
        Self { dir, anchor_hex: anchor.public().to_hex(), holder, bundle, revoked_bundle }
    }

    fn file(&self, name: &str) -> String {
        self.dir.path().join(name).to_string_lossy().into_owned()
    }

    fn present(&self, bundle: &CredentialBundle, challenge: Option<&str>) -> String {
        let req = PresentationRequest {
            claims: ClaimSet::default_presentation(),
            challenge: challenge.map(|c| Challenge::parse(c).unwrap()),
            ttl_secs: presentation::DEFAULT_TTL_SECS,
        };
        presentation::present(bundle, &self.holder, &req, SystemClock.now()).unwrap().text
    }
}

fn trust_payload(issuers: &[&Issuer], sequence: u64, now: UnixTime, expires_at: UnixTime) -> TrustListPayload {
    let name = |id: &str| Localized { kk: None, ru: None, en: Some(id.to_owned()) };
    TrustListPayload {
        sequence,
        issued_at: now - DAY,
        expires_at,
        issuers: issuers
            .iter()
            .map(|i| IssuerEntry {
                id: i.id().to_owned(),
                name: name(i.id()),
                keys: vec![IssuerKey { key: i.public_key(), not_before: now - 365 * DAY, not_after: now + 365 * DAY }],
            })
            .collect(),
    }
}

/// Run the binary with HOME and XDG_STATE_HOME inside `home` (never the real home).
fn qujat_in(home: &Path, args: &[&str]) -> Output {
    command(home, args).output().unwrap()
}

fn command(home: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_qujat"));
    c.args(args).env("HOME", home).env("XDG_STATE_HOME", home.join("xdg-state"));
    c
}

fn out(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

fn verdict(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).lines().last().unwrap_or("").to_owned()
}

fn state_dir() -> (tempfile::TempDir, PathBuf) {
    let home = tempfile::tempdir().unwrap();
    let state = home.path().join("state");
    (home, state)
}

#[test]
fn verifier_update_refuses_older_conflicting_and_foreign_lists_with_exit_2() {
    let f = Fixture::new("cli-update");
    let (home, state) = state_dir();
    let st = state.to_str().unwrap();
    let update = |extra: &[&str]| {
        let mut a = vec!["verifier", "--state", st, "update"];
        a.extend_from_slice(extra);
        qujat_in(home.path(), &a)
    };
    let o = update(&[
        "--anchor",
        &f.anchor_hex,
        "--trust-list",
        &f.file("tl2.bin"),
        "--status-list",
        &f.file("sl-new.bin"),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    // Older trust list.
    let o = update(&["--trust-list", &f.file("tl1.bin")]);
    assert_eq!(o.status.code(), Some(2), "{}", out(&o));
    assert!(out(&o).contains("sequence 1 is older than the held sequence 2"), "{}", out(&o));
    // Same sequence, other bytes.
    let o = update(&["--trust-list", &f.file("tl2-other.bin")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(out(&o).contains("a different trust list with sequence 2"), "{}", out(&o));
    // Same sequence, same bytes: accepted.
    assert_eq!(update(&["--trust-list", &f.file("tl2.bin")]).status.code(), Some(0));
    // Older status list, conflicting status list, foreign status list.
    let o = update(&["--status-list", &f.file("sl-old.bin")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(out(&o).contains("is older than the held one"), "{}", out(&o));
    let o = update(&["--status-list", &f.file("sl-new-conflict.bin")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(out(&o).contains("a different status list of `kz.enu`"), "{}", out(&o));
    let o = update(&["--status-list", &f.file("sl-foreign.bin")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(out(&o).contains("foreign"), "{}", out(&o));
    // Another anchor.
    let o = update(&["--anchor", &f.file("other-anchor.hex")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(out(&o).contains("a new anchor needs a new state directory"), "{}", out(&o));
    // What is held did not move.
    let o = qujat_in(home.path(), &["verifier", "--state", st, "show"]);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    let shown = out(&o);
    assert!(shown.contains(&format!("anchor:      {}", f.anchor_hex)), "{shown}");
    assert!(shown.contains("trust list:  sequence 2, 1 issuers"), "{shown}");
    assert!(shown.contains("status list: kz.enu: issued"), "{shown}");
    assert!(shown.contains("history:     0 verifications"), "{shown}");
}

#[test]
fn verify_state_challenge_reused_across_two_processes() {
    let f = Fixture::new("cli-reuse");
    let (home, state) = state_dir();
    let st = state.to_str().unwrap();
    let text = f.present(&f.bundle, Some("314159"));
    let first = qujat_in(
        home.path(),
        &[
            "verify",
            "--state",
            st,
            "--anchor",
            &f.anchor_hex,
            "--trust-list",
            &f.file("tl1.bin"),
            "--status-list",
            &f.file("sl-new.bin"),
            "--challenge",
            "314159",
            &text,
        ],
    );
    assert_eq!(first.status.code(), Some(0), "{}", out(&first));
    assert_eq!(verdict(&first), "verdict: VALID");
    // A second process, lists and anchor from the state alone.
    let second = qujat_in(home.path(), &["verify", "--state", st, "--challenge", "314159", &text]);
    assert_eq!(second.status.code(), Some(1), "{}", out(&second));
    assert_eq!(verdict(&second), "verdict: CHALLENGE_REUSED");
    let shown = out(&qujat_in(home.path(), &["verifier", "--state", st, "show"]));
    assert!(shown.contains("challenges:  1 remembered") && shown.contains("history:     2 verifications"), "{shown}");
}

#[test]
fn verify_state_concurrent_processes_on_one_challenge_exactly_one_wins() {
    let f = Fixture::new("cli-race");
    let (home, state) = state_dir();
    let st = state.to_str().unwrap();
    let setup = qujat_in(
        home.path(),
        &[
            "verifier",
            "--state",
            st,
            "update",
            "--anchor",
            &f.anchor_hex,
            "--trust-list",
            &f.file("tl1.bin"),
            "--status-list",
            &f.file("sl-new.bin"),
        ],
    );
    assert_eq!(setup.status.code(), Some(0), "{}", out(&setup));
    for (round, challenge) in ["000001", "271828", "999999"].into_iter().enumerate() {
        let text = f.present(&f.bundle, Some(challenge));
        // Four processes started together on the same fresh challenge.
        let spawned: Vec<_> = (0..4)
            .map(|_| {
                command(home.path(), &["verify", "--state", st, "--challenge", challenge, &text])
                    .stdout(std::process::Stdio::piped())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        let outputs: Vec<Output> = spawned.into_iter().map(|c| c.wait_with_output().unwrap()).collect();
        let verdicts: Vec<String> = outputs.iter().map(verdict).collect();
        let won = verdicts.iter().filter(|v| *v == "verdict: VALID").count();
        let replays = verdicts.iter().filter(|v| *v == "verdict: CHALLENGE_REUSED").count();
        assert_eq!((won, replays), (1, 3), "round {round}: {verdicts:?}");
        let codes: Vec<_> = outputs.iter().map(|o| o.status.code()).collect();
        assert_eq!(codes.iter().filter(|c| **c == Some(0)).count(), 1, "round {round}: {codes:?}");
    }
}

#[test]
fn verify_state_revoked_stays_revoked_when_an_older_status_list_is_offered() {
    let f = Fixture::new("cli-revoked");
    let (home, state) = state_dir();
    let st = state.to_str().unwrap();
    let text = f.present(&f.revoked_bundle, None);
    let o = qujat_in(
        home.path(),
        &[
            "verify",
            "--state",
            st,
            "--anchor",
            &f.anchor_hex,
            "--trust-list",
            &f.file("tl1.bin"),
            "--status-list",
            &f.file("sl-new.bin"),
            &text,
        ],
    );
    assert_eq!((o.status.code(), verdict(&o).as_str()), (Some(1), "verdict: REVOKED"), "{}", out(&o));
    let o = qujat_in(home.path(), &["verify", "--state", st, "--status-list", &f.file("sl-old.bin"), &text]);
    assert_eq!(o.status.code(), Some(2), "{}", out(&o));
    assert!(out(&o).contains("is older than the held one"), "{}", out(&o));
    let o = qujat_in(home.path(), &["verify", "--state", st, &text]);
    assert_eq!((o.status.code(), verdict(&o).as_str()), (Some(1), "verdict: REVOKED"), "{}", out(&o));
}

#[test]
fn verify_no_state_writes_nothing_and_the_default_state_remembers() {
    let f = Fixture::new("cli-no-state");
    let home = tempfile::tempdir().unwrap();
    let text = f.present(&f.bundle, Some("123456"));
    let args = |mode: Option<&'static str>| {
        let mut a: Vec<String> = vec!["verify".into()];
        a.extend(mode.map(String::from));
        for s in [
            "--anchor",
            &f.anchor_hex,
            "--trust-list",
            &f.file("tl1.bin"),
            "--status-list",
            &f.file("sl-new.bin"),
            "--challenge",
            "123456",
            &text,
        ] {
            a.push(s.to_owned());
        }
        a
    };
    let run = |a: &[String]| qujat_in(home.path(), &a.iter().map(String::as_str).collect::<Vec<_>>());
    for _ in 0..2 {
        let o = run(&args(Some("--no-state")));
        assert_eq!(verdict(&o), "verdict: VALID", "{}", out(&o));
    }
    assert_eq!(std::fs::read_dir(home.path()).unwrap().count(), 0, "--no-state wrote into HOME");
    // Without --state or --no-state: the per-user default directory remembers.
    assert_eq!(verdict(&run(&args(None))), "verdict: VALID");
    assert!(home.path().join("xdg-state/qujat/verifier/verifier.sqlite3").is_file());
    assert_eq!(verdict(&run(&args(None))), "verdict: CHALLENGE_REUSED");
    // --no-state needs the anchor and the trust list on the command line.
    let o = qujat_in(home.path(), &["verify", "--no-state", "QJ1:ABC"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(out(&o).contains("--no-state needs --anchor"), "{}", out(&o));
}

#[test]
fn verify_state_damaged_file_is_exit_2_with_a_clear_message() {
    let (home, state) = state_dir();
    std::fs::create_dir_all(&state).unwrap();
    std::fs::write(state.join("verifier.sqlite3"), vec![0x42; 8192]).unwrap();
    let st = state.to_str().unwrap();
    for args in [vec!["verify", "--state", st, "QJ1:ABC"], vec!["verifier", "--state", st, "show"]] {
        let o = qujat_in(home.path(), &args);
        assert_eq!(o.status.code(), Some(2), "{}", out(&o));
        assert!(out(&o).contains("not a Qujat verifier state file"), "{}", out(&o));
    }
    // A state with no anchor pinned yet, and none given.
    let (home, state) = state_dir();
    let o = qujat_in(home.path(), &["verify", "--state", state.to_str().unwrap(), "QJ1:ABC"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(out(&o).contains("no trust anchor pinned yet: give --anchor"), "{}", out(&o));
    let o = qujat_in(home.path(), &["verifier", "--state", state.to_str().unwrap(), "show"]);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    assert!(out(&o).contains("no anchor pinned yet: nothing held"), "{}", out(&o));
}
