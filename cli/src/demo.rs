//! `qujat demo`: the whole story on one machine, in one run.

use std::path::Path;
use std::sync::Arc;

use qujat_core::credential::{Date, Localized, input};
use qujat_core::issuer::{Issuer, Register};
use qujat_core::keys::KeyPair;
use qujat_core::platform::{Clock, ManualClock, OsRandom, SystemClock};
use qujat_core::presentation::{self, PresentationRequest};
use qujat_core::qr::{self, Ecc};
use qujat_core::trust::{IssuerEntry, IssuerKey, TrustList, TrustListPayload};
use qujat_core::verifier::Verifier;

use crate::args::DemoArgs;
use crate::error::CliError;
use crate::{files, report, verify_cmd};

const DAY: i64 = 86_400;
const ENU_JSON: &str = include_str!("../../tests/fixtures/diplomas/enu-bachelor-honors.json");

fn step(n: u32, text: &str) {
    println!("\n== {n}. {text}");
}

pub fn run(a: DemoArgs) -> Result<bool, CliError> {
    let lang = verify_cmd::parse_lang(&a.lang)?;
    let rng = Arc::new(OsRandom);
    let clock = Arc::new(ManualClock::new(SystemClock.now()));
    let now = clock.now();

    step(1, "The ministry (trust anchor) accredits the university; the university signs a diploma");
    let anchor = KeyPair::generate(rng.as_ref()).map_err(CliError::core)?;
    let enu = Issuer::new("kz.enu", KeyPair::generate(rng.as_ref()).map_err(CliError::core)?);
    let trust_list = TrustList::sign(
        &anchor,
        TrustListPayload {
            sequence: 1,
            issued_at: now,
            expires_at: now + 30 * DAY,
            issuers: vec![IssuerEntry {
                id: "kz.enu".into(),
                name: Localized {
                    kk: Some("Л.Н. Гумилев атындағы Еуразия ұлттық университеті".into()),
                    ru: Some("Евразийский национальный университет имени Л.Н. Гумилева".into()),
                    en: Some("L.N. Gumilyov Eurasian National University".into()),
                },
                keys: vec![IssuerKey { key: enu.public_key(), not_before: now - DAY, not_after: now + 5 * 365 * DAY }],
            }],
        },
    );
    println!("trust anchor {}", anchor.public().to_hex());
    println!("issuer kz.enu {}", enu.public_key().to_hex());

    step(2, "The graduate's phone makes a holder key; the university issues the diploma to it");
    let holder = KeyPair::generate(rng.as_ref()).map_err(CliError::core)?;
    let today = Date::from_unix(now).ok_or_else(|| CliError::Input("clock out of range".into()))?;
    let diploma = input::parse_issuer_input(ENU_JSON.as_bytes(), today).map_err(CliError::core)?;
    let mut register = Register::default();
    let index = register.allocate().map_err(CliError::core)?;
    let bundle = enu.issue(&diploma, &holder.public(), index, now, rng.as_ref()).map_err(CliError::core)?;
    let status_list = enu.status_list(&register, now, 7 * DAY).map_err(CliError::core)?;
    println!("credential: {} bytes, status index {index}", bundle.credential().as_bytes().len());
    println!("(the holder key is held in memory here: the encrypted wallet is not built yet)");

    step(3, "At the interview the graduate shows the default presentation (expires in 2 minutes)");
    let request = PresentationRequest::default();
    let p = presentation::present(&bundle, &holder, &request, now).map_err(CliError::core)?;
    let matrix = qr::encode(&p.text, Ecc::M).map_err(CliError::core)?;
    println!(
        "{} characters, QR version {} at ECC M ({}×{} modules)",
        p.text.len(),
        matrix.version(),
        matrix.width(),
        matrix.width()
    );
    if !a.no_qr {
        println!("{}", matrix.to_terminal());
    }
    println!("{}", p.text);

    step(4, "The employer's phone verifies it offline");
    let verifier = Verifier::new(anchor.public(), clock.clone(), rng.clone());
    verifier.install_trust_list(&trust_list).map_err(CliError::core)?;
    verifier.install_status_list(&status_list).map_err(CliError::core)?;
    let ok = verifier.verify(&p.text, None);
    print!("{}", report::text(&ok, lang));

    step(5, "A photo of the same QR code, three minutes later");
    clock.advance(180);
    print!("{}", report::text(&verifier.verify(&p.text, None), lang));
    clock.set(now);

    step(6, "The same QR code with one character changed");
    let mut forged: Vec<char> = p.text.chars().collect();
    let pos = forged.len() / 2;
    forged[pos] = if forged[pos] == 'A' { 'B' } else { 'A' };
    let forged: String = forged.into_iter().collect();
    print!("{}", report::text(&verifier.verify(&forged, None), lang));

    if let Some(dir) = &a.out {
        write_artefacts(dir, &anchor, &trust_list, &status_list, &bundle.to_bytes(), &p.text, &matrix)?;
        println!("\nartefacts written to {}", dir.display());
    }
    println!("\nverdict: {}", ok.verdict.code());
    Ok(ok.verdict.is_valid())
}

fn write_artefacts(
    dir: &Path,
    anchor: &KeyPair,
    trust_list: &[u8],
    status_list: &[u8],
    credential: &[u8],
    text: &str,
    matrix: &qr::QrMatrix,
) -> Result<(), CliError> {
    files::write_public_key(&dir.join("anchor.pub"), &anchor.public())?;
    files::write(&dir.join("trust-list.bin"), trust_list, false)?;
    files::write(&dir.join("status-list.bin"), status_list, false)?;
    files::write(&dir.join("credential.bin"), credential, true)?;
    files::write(&dir.join("presentation.txt"), format!("{text}\n").as_bytes(), false)?;
    files::write(&dir.join("presentation.png"), &matrix.to_png(8).map_err(CliError::core)?, false)?;
    files::write(&dir.join("presentation.svg"), matrix.to_svg(8).as_bytes(), false)?;
    Ok(())
}
