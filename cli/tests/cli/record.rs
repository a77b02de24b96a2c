//! `qujat verify --record` and `--at`, `qujat verifier history`: real records validated
//! against `docs/schemas/verification-record.schema.json` (with `boon`), re-verified as of
//! their time, and the history they leave.
#![allow(clippy::unwrap_used, clippy::panic, missing_docs)]

use std::path::Path;
use std::process::{Command, Output};

use qujat_core::credential::{ClaimSet, CredentialBundle, Date, Localized};
use qujat_core::issuer::{Issuer, Register};
use qujat_core::keys::KeyPair;
use qujat_core::platform::{Clock, SeededRandom, SystemClock, UnixTime};
use qujat_core::presentation::{self, PresentationRequest};
use qujat_core::trust::{IssuerEntry, IssuerKey, TrustList, TrustListPayload};
use serde_json::Value;
use sha2::{Digest, Sha256};

const DAY: i64 = 86_400;
const DIPLOMA: &str = include_str!("../../../tests/fixtures/diplomas/enu-bachelor-honors.json");
const SCHEMA: &str = include_str!("../../../docs/schemas/verification-record.schema.json");

/// An accredited issuer, a forger using its id, a holder and its lists, in a directory.
struct World {
    dir: tempfile::TempDir,
    anchor_hex: String,
    holder: KeyPair,
    valid: CredentialBundle,
    revoked: CredentialBundle,
    forged: CredentialBundle,
}

impl World {
    fn new() -> Self {
        let rng = SeededRandom::new(b"cli record");
        let now = SystemClock.now();
        let anchor = KeyPair::generate(&rng).unwrap();
        let enu = Issuer::new("kz.enu", KeyPair::generate(&rng).unwrap());
        let forger = Issuer::new("kz.enu", KeyPair::generate(&rng).unwrap());
        let holder = KeyPair::generate(&rng).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let name = Localized {
            kk: Some("Л.Н. Гумилев атындағы ЕҰУ".into()),
            ru: Some("ЕНУ им. Л.Н. Гумилёва".into()),
            en: Some("L.N. Gumilyov ENU".into()),
        };
        let payload = TrustListPayload {
            sequence: 4,
            issued_at: now - DAY,
            expires_at: now + 30 * DAY,
            issuers: vec![IssuerEntry {
                id: "kz.enu".into(),
                name,
                keys: vec![IssuerKey {
                    key: enu.public_key(),
                    not_before: now - 365 * DAY,
                    not_after: now + 365 * DAY,
                }],
            }],
        };
        std::fs::write(dir.path().join("tl.bin"), TrustList::sign(&anchor, payload)).unwrap();
        let diploma =
            qujat_core::credential::input::parse_issuer_input(DIPLOMA.as_bytes(), Date::from_unix(now).unwrap())
                .unwrap();
        let valid = enu.issue(&diploma, &holder.public(), 0, now - DAY, &rng).unwrap();
        let revoked = enu.issue(&diploma, &holder.public(), 1, now - DAY, &rng).unwrap();
        let forged = forger.issue(&diploma, &holder.public(), 2, now - DAY, &rng).unwrap();
        let mut register = Register { next_index: 3, ..Register::default() };
        register.revoked.insert(1);
        std::fs::write(dir.path().join("sl.bin"), enu.status_list(&register, now - DAY, 7 * DAY).unwrap()).unwrap();
        Self { dir, anchor_hex: anchor.public().to_hex(), holder, valid, revoked, forged }
    }

    fn file(&self, name: &str) -> String {
        self.dir.path().join(name).to_string_lossy().into_owned()
    }

    /// A presentation of every claim, made `age` seconds ago, living `ttl` seconds.
    fn present(&self, bundle: &CredentialBundle, age: i64, ttl: u32) -> String {
        let req = PresentationRequest { claims: ClaimSet::all(), challenge: None, ttl_secs: ttl };
        presentation::present(bundle, &self.holder, &req, SystemClock.now() - age).unwrap().text
    }

    /// The list arguments of a stateless verification.
    fn lists(&self) -> Vec<String> {
        ["--anchor", &self.anchor_hex, "--trust-list", &self.file("tl.bin"), "--status-list", &self.file("sl.bin")]
            .map(String::from)
            .to_vec()
    }
}

fn qujat(home: &Path, args: &[String]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_qujat"))
        .args(args)
        .env("HOME", home)
        .env("XDG_STATE_HOME", home.join("xdg-state"))
        .output()
        .unwrap()
}

fn out(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

fn verdict(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).lines().last().unwrap_or("").to_owned()
}

fn args(parts: &[&[String]]) -> Vec<String> {
    parts.concat()
}

fn s(v: &[&str]) -> Vec<String> {
    v.iter().map(|x| (*x).to_owned()).collect()
}

/// The schema, compiled; `validate` returns the validator's message on failure.
struct Schema {
    schemas: boon::Schemas,
    index: boon::SchemaIndex,
}

impl Schema {
    fn load() -> Self {
        let mut schemas = boon::Schemas::new();
        let mut compiler = boon::Compiler::new();
        let url = "https://qujat.kz/schemas/verification-record/1.json";
        compiler.add_resource(url, serde_json::from_str(SCHEMA).unwrap()).unwrap();
        let index = compiler.compile(url, &mut schemas).unwrap();
        Self { schemas, index }
    }
    fn validate(&self, v: &Value) -> Result<(), String> {
        self.schemas.validate(v, self.index).map_err(|e| format!("{e}"))
    }
}

fn read_json(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn record_valid_revoked_expired_forged_and_malformed_validate_against_the_schema() {
    let w = World::new();
    let home = tempfile::tempdir().unwrap();
    let schema = Schema::load();
    let cases = [
        ("VALID", w.present(&w.valid, 0, 120)),
        ("REVOKED", w.present(&w.revoked, 0, 120)),
        ("EXPIRED", w.present(&w.valid, 1000, 120)),
        ("FORGED_ISSUER_SIGNATURE", w.present(&w.forged, 0, 120)),
        ("MALFORMED", "QJ1:not a presentation".to_owned()),
    ];
    for (i, (code, text)) in cases.iter().enumerate() {
        let path = home.path().join(format!("out/record-{i}.json"));
        let record = path.to_string_lossy().into_owned();
        let o =
            qujat(home.path(), &args(&[&s(&["verify", "--no-state"]), &w.lists(), &s(&["--record", &record, text])]));
        assert_eq!(verdict(&o), format!("verdict: {code}"), "{}", out(&o));
        let v = read_json(&path);
        schema.validate(&v).unwrap_or_else(|e| panic!("{code}: {e}\n{v:#}"));
        assert_eq!(v["verdict"], *code);
        assert_eq!(v["kind"], if *code == "MALFORMED" { "unknown" } else { "live" }, "{code}");
        assert_eq!(v["presentation"], text.as_str());
        assert_eq!(v["presentation_sha256"], sha256_hex(text));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600, "personal data");
        }
        let claims = v["claims"].as_array().unwrap();
        match *code {
            "VALID" | "REVOKED" | "EXPIRED" => {
                assert_eq!(v["issuer"]["name"]["ru"], "ЕНУ им. Л.Н. Гумилёва");
                let name = claims.iter().find(|c| c["key"] == "name").unwrap();
                assert_eq!(name["value"]["family"], "Сейткали");
                assert_eq!(name["label"]["kk"], "Тегі, аты");
                let honors = claims.iter().find(|c| c["key"] == "honors").unwrap();
                assert_eq!((&honors["value"], &honors["text"]["ru"]), (&Value::Bool(true), &Value::from("да")));
                assert_eq!(claims.iter().find(|c| c["key"] == "gpa").unwrap()["value"], "3.67");
                assert_eq!(v["times"]["trust_list_sequence"], 4);
                assert!(v["times"]["created_at"].is_string());
            }
            _ => assert!(claims.is_empty(), "{code}: claims kept for a verdict that is not authentic"),
        }
        if *code == "EXPIRED" {
            assert_eq!(v["reason"]["at"], v["times"]["expires_at"]);
            assert_eq!(v["reason"]["next_step"], "next_ask_new_qr");
        }
        if *code == "MALFORMED" {
            assert_ne!(v["reason"]["code"], "MALFORMED", "the failed rule's own code");
        }
        // A record is evidence: never overwritten.
        let again =
            qujat(home.path(), &args(&[&s(&["verify", "--no-state"]), &w.lists(), &s(&["--record", &record, text])]));
        assert_eq!(again.status.code(), Some(2), "{}", out(&again));
        assert!(out(&again).contains("never overwritten"), "{}", out(&again));
    }
}

#[test]
fn the_schema_refuses_a_broken_record() {
    let w = World::new();
    let home = tempfile::tempdir().unwrap();
    let schema = Schema::load();
    let path = home.path().join("r.json");
    let text = w.present(&w.valid, 0, 120);
    let o = qujat(
        home.path(),
        &args(&[&s(&["verify", "--no-state"]), &w.lists(), &s(&["--record", path.to_str().unwrap(), &text])]),
    );
    assert_eq!(verdict(&o), "verdict: VALID", "{}", out(&o));
    let good = read_json(&path);
    schema.validate(&good).unwrap();
    type Change = Box<dyn Fn(&mut Value)>;
    let broken: [(&str, Change); 6] = [
        ("verdict missing", Box::new(|v| drop(v.as_object_mut().unwrap().remove("verdict")))),
        ("claims missing", Box::new(|v| drop(v.as_object_mut().unwrap().remove("claims")))),
        ("verified_at a number", Box::new(|v| v["verified_at"] = Value::from(1_767_225_600))),
        ("unknown verdict", Box::new(|v| v["verdict"] = Value::from("PROBABLY_FINE"))),
        ("short hash", Box::new(|v| v["presentation_sha256"] = Value::from("abc"))),
        (
            "honors as text",
            Box::new(|v| {
                let c = v["claims"].as_array_mut().unwrap().iter_mut().find(|c| c["key"] == "honors").unwrap();
                c["value"] = Value::from("yes");
            }),
        ),
    ];
    for (what, change) in broken {
        let mut v = good.clone();
        change(&mut v);
        assert!(schema.validate(&v).is_err(), "{what}: accepted by the schema");
    }
}

/// The history's JSON lines.
fn history(home: &Path, state: &str) -> Vec<Value> {
    let o = qujat(home, &s(&["verifier", "--state", state, "history", "--json"]));
    assert!(o.status.success(), "{}", out(&o));
    String::from_utf8_lossy(&o.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

#[test]
fn verify_at_the_recorded_time_reproduces_the_verdict_writes_nothing_and_later_is_expired() {
    let w = World::new();
    let home = tempfile::tempdir().unwrap();
    let state = home.path().join("state");
    let st = state.to_str().unwrap();
    for (bundle, code) in [(&w.valid, "VALID"), (&w.revoked, "REVOKED")] {
        let path = home.path().join(format!("{code}.json"));
        let text = w.present(bundle, 0, 120);
        let o = qujat(
            home.path(),
            &args(&[&s(&["verify", "--state", st]), &w.lists(), &s(&["--record", path.to_str().unwrap(), &text])]),
        );
        assert_eq!(verdict(&o), format!("verdict: {code}"), "{}", out(&o));
        let rec = read_json(&path);
        let before = history(home.path(), st);
        let at = rec["verified_at"].as_str().unwrap();
        let presentation = rec["presentation"].as_str().unwrap();
        let again = qujat(home.path(), &s(&["verify", "--state", st, "--at", at, presentation]));
        assert_eq!(verdict(&again), format!("verdict: {}", rec["verdict"].as_str().unwrap()), "{}", out(&again));
        assert_eq!(again.status.code(), o.status.code());
        // Unix seconds work too; after the expiry the same presentation is EXPIRED.
        let expires: UnixTime = qujat_core::verifier::parse_time(rec["times"]["expires_at"].as_str().unwrap()).unwrap();
        let late = qujat(home.path(), &s(&["verify", "--state", st, "--at", &(expires + 1).to_string(), presentation]));
        assert_eq!(verdict(&late), "verdict: EXPIRED", "{}", out(&late));
        assert_eq!(history(home.path(), st), before, "--at wrote into the history");
    }
    // --at without a state, and a bad time.
    let text = w.present(&w.valid, 0, 120);
    let o = qujat(
        home.path(),
        &args(&[&s(&["verify", "--no-state", "--at", "2020-01-01T00:00:00Z"]), &w.lists(), &s(&[&text])]),
    );
    assert_eq!(verdict(&o), "verdict: NOT_YET_VALID", "{}", out(&o));
    let o = qujat(home.path(), &s(&["verify", "--state", st, "--at", "yesterday", &text]));
    assert_eq!(o.status.code(), Some(2));
    assert!(out(&o).contains("RFC 3339"), "{}", out(&o));
}

#[test]
fn verifier_history_lists_each_verification_as_a_table_or_json_lines() {
    let w = World::new();
    let home = tempfile::tempdir().unwrap();
    let st = home.path().join("state").to_string_lossy().into_owned();
    let o = qujat(home.path(), &s(&["verifier", "--state", &st, "history"]));
    assert_eq!(o.status.code(), Some(2), "no state yet: {}", out(&o));
    let texts = [w.present(&w.valid, 0, 120), w.present(&w.revoked, 0, 120), "QJ1:garbage".to_owned()];
    for t in &texts {
        qujat(home.path(), &args(&[&s(&["verify", "--state", &st]), &w.lists(), &s(&[t])]));
    }
    let rows = history(home.path(), &st);
    let verdicts: Vec<_> = rows.iter().map(|r| r["verdict"].as_str().unwrap().to_owned()).collect();
    assert_eq!(verdicts, ["VALID", "REVOKED", "MALFORMED"]);
    for (r, t) in rows.iter().zip(&texts) {
        assert_eq!(r["presentation_sha256"], sha256_hex(t));
    }
    assert_eq!((&rows[0]["issuer"], &rows[0]["trust_list_sequence"]), (&Value::from("kz.enu"), &Value::from(4)));
    assert!(rows[2]["issuer"].is_null());
    assert!(qujat_core::verifier::parse_time(rows[0]["verified_at"].as_str().unwrap()).is_some());
    let table = qujat(home.path(), &s(&["verifier", "--state", &st, "history"]));
    let lines: Vec<String> = String::from_utf8_lossy(&table.stdout).lines().map(String::from).collect();
    assert_eq!(lines.len(), 4, "a header and three rows: {lines:?}");
    assert!(lines[2].contains("REVOKED") && lines[2].contains("kz.enu") && lines[2].contains(&sha256_hex(&texts[1])));
    let last = qujat(home.path(), &s(&["verifier", "--state", &st, "history", "--json", "--last", "1"]));
    assert_eq!(String::from_utf8_lossy(&last.stdout).lines().count(), 1);
    // No personal data in the history.
    assert!(!String::from_utf8_lossy(&table.stdout).contains("Сейткали"));
}
