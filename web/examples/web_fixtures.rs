//! Test data for the browser tests (scripts/web-test.sh) and the browser benchmark, with a
//! fixed clock and seeded keys, so every run makes the same files:
//!
//!   cargo run -p qujat-web --example web_fixtures -- OUT
//!
//! Writes `OUT/trust/` (anchor.pub, trust-list.bin, status/index.json, status/kz.enu.bin) and
//! `OUT/cases/` (valid, expired, revoked, document: `.txt` and `.png`), and `OUT/now` (the
//! clock, Unix seconds, the tests set the browser's clock to). With `--bench N` it also
//! prints the native time of one verification and its record as JSON (the mean of N), the
//! same work as the browser's `verify`, for the benchmark's ratio.
use std::path::Path;
use std::time::Instant;

use qujat_core::credential::{Date, Localized, input};
use qujat_core::issuer::{Issuer, Register};
use qujat_core::keys::KeyPair;
use qujat_core::platform::SeededRandom;
use qujat_core::presentation::{DocumentRequest, PresentationRequest, build_document, present};
use qujat_core::qr::{self, Ecc};
use qujat_core::trust::{IssuerEntry, IssuerKey, TrustList, TrustListPayload};
use qujat_core::verifier::{HeldLists, VerificationRecord, VerifierPolicy};

/// 2026-05-28T20:26:40Z.
const NOW: i64 = 1_780_000_000;
const DAY: i64 = 86_400;
const ENU_JSON: &str = include_str!("../../tests/fixtures/diplomas/enu-bachelor-honors.json");

type Fallible<T = ()> = Result<T, Box<dyn std::error::Error>>;

fn write(path: &Path, bytes: &[u8]) -> Fallible {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(path, bytes)?;
    Ok(())
}

fn main() -> Fallible {
    let mut args = std::env::args().skip(1);
    let out = std::path::PathBuf::from(args.next().ok_or("usage: web_fixtures OUT [--bench N]")?);
    let bench: Option<u32> = match (args.next().as_deref(), args.next()) {
        (Some("--bench"), Some(n)) => Some(n.parse()?),
        _ => None,
    };
    let rng = SeededRandom::new(b"qujat web fixtures");
    let anchor = KeyPair::generate(&rng)?;
    let enu = Issuer::new("kz.enu", KeyPair::generate(&rng)?);
    let trust = TrustList::sign(
        &anchor,
        TrustListPayload {
            sequence: 1,
            issued_at: NOW - DAY,
            expires_at: NOW + 30 * DAY,
            issuers: vec![IssuerEntry {
                id: "kz.enu".into(),
                name: Localized {
                    kk: Some("Л.Н. Гумилев атындағы Еуразия ұлттық университеті".into()),
                    ru: Some("Евразийский национальный университет имени Л.Н. Гумилева".into()),
                    en: Some("L.N. Gumilyov Eurasian National University".into()),
                },
                keys: vec![IssuerKey { key: enu.public_key(), not_before: NOW - 2 * DAY, not_after: NOW + 365 * DAY }],
            }],
        },
    );
    let today = Date::from_unix(NOW - DAY).ok_or("date")?;
    let diploma = input::parse_issuer_input(ENU_JSON.as_bytes(), today)?;
    let holder = KeyPair::generate(&rng)?;
    let mut register = Register::default();
    let good = register.allocate()?;
    let bad = register.allocate()?;
    let issued = NOW - DAY;
    let good_bundle = enu.issue(&diploma, &holder.public(), good, issued, &rng)?;
    let bad_bundle = enu.issue(&diploma, &holder.public(), bad, issued, &rng)?;
    register.revoke(bad);
    let status = enu.status_list(&register, NOW - 3600, 7 * DAY)?;

    let live = PresentationRequest::default();
    let cases = [
        ("valid", present(&good_bundle, &holder, &live, NOW - 5)?.text),
        ("expired", present(&good_bundle, &holder, &live, NOW - 3600)?.text),
        ("revoked", present(&bad_bundle, &holder, &live, NOW - 5)?.text),
        ("document", build_document(&good_bundle, &holder, &DocumentRequest::new("Kaspi Bank HR"), NOW - DAY)?.text),
    ];
    write(&out.join("trust/anchor.pub"), format!("{}\n", anchor.public().to_hex()).as_bytes())?;
    write(&out.join("trust/trust-list.bin"), &trust)?;
    write(&out.join("trust/status/kz.enu.bin"), &status)?;
    write(&out.join("trust/status/index.json"), b"[\"kz.enu.bin\"]\n")?;
    write(&out.join("now"), NOW.to_string().as_bytes())?;
    for (name, text) in &cases {
        write(&out.join(format!("cases/{name}.txt")), text.as_bytes())?;
        write(&out.join(format!("cases/{name}.png")), &qr::encode(text, Ecc::M)?.to_png(4)?)?;
    }

    if let Some(n) = bench {
        let mut lists = HeldLists::new();
        lists.install_trust_list(&trust, &anchor.public())?;
        lists.install_status_list(&status, NOW)?;
        let skew = VerifierPolicy::default().max_clock_skew_secs;
        let text = &cases[0].1;
        let start = Instant::now();
        // The same work as the browser's `verify`: the checks and the record as JSON.
        for _ in 0..n {
            let (report, _) = lists.verify(text, None, skew, NOW);
            assert!(report.verdict.is_valid());
            std::hint::black_box(VerificationRecord::new(&report, text).to_json());
        }
        println!("native_verify_ms {:.3}", start.elapsed().as_secs_f64() * 1000.0 / f64::from(n));
    }
    Ok(())
}
