//! `qujat demo`: the whole story on one machine, in one run.

use std::path::Path;
use std::sync::Arc;

use qujat_core::auth::SecondFactor;
use qujat_core::auth::totp::authenticator_code;
use qujat_core::credential::{Date, Lang, Localized, input};
use qujat_core::issuer::{Issuer, Register};
use qujat_core::keys::KeyPair;
use qujat_core::platform::{Clock, ManualClock, OsRandom, SystemClock};
use qujat_core::presentation::{DocumentRequest, PresentationRequest};
use qujat_core::qr::{self, Ecc};
use qujat_core::secret::SecretString;
use qujat_core::trust::{IssuerEntry, IssuerKey, TrustList, TrustListPayload};
use qujat_core::vault::{Platform, SoftwareKeyStore, VaultOptions};
use qujat_core::verifier::{VerificationRecord, Verifier};
use qujat_core::wallet::Wallet;

use crate::args::{DemoArgs, parse_lang};
use crate::error::CliError;
use crate::{files, report};

const DAY: i64 = 86_400;
/// A PIN that passes the policy (no run, no repeat, not a date). For the demo only.
const DEMO_PIN: &str = "739154";
const ENU_JSON: &str = include_str!("../../tests/fixtures/diplomas/enu-bachelor-honors.json");

fn step(n: u32, text: &str) {
    println!("\n== {n}. {text}");
}

pub fn run(a: DemoArgs) -> Result<bool, CliError> {
    let lang = parse_lang(&a.lang)?;
    let rng = Arc::new(OsRandom);
    let clock = Arc::new(ManualClock::new(SystemClock.now()));
    let now = clock.now();

    step(1, "The ministry (trust anchor) accredits the university");
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

    step(2, "The graduate sets up the wallet: PIN + authenticator app; the phone makes a holder key");
    let wallet_dir = match &a.out {
        Some(dir) => dir.join("wallet"),
        None => std::env::temp_dir().join(format!("qujat-demo-{}-{}", std::process::id(), now)),
    };
    let _cleanup = TempCleanup(if a.out.is_none() { Some(wallet_dir.clone()) } else { None });
    if wallet_dir.exists() {
        std::fs::remove_dir_all(&wallet_dir).map_err(|e| CliError::io(&wallet_dir, e))?;
    }
    let key_store = SoftwareKeyStore::in_directory(wallet_dir.join("keystore"), rng.clone()).map_err(CliError::core)?;
    let platform = Platform { key_store: Arc::new(key_store), clock: clock.clone(), rng: rng.clone() };
    let wallet =
        Wallet::open(wallet_dir.join("wallet.db"), platform, VaultOptions::default()).map_err(CliError::core)?;
    let pin = SecretString::from(DEMO_PIN);
    let enrolment = wallet.setup(&pin, "demo").map_err(CliError::core)?;
    println!(
        "PIN {DEMO_PIN} accepted (Argon2id m=64 MiB, t=3, p=4); authenticator URI issued ({} recovery codes)",
        enrolment.recovery_codes.len()
    );
    // The demo plays the authenticator app: it computes the current code from the URI.
    let code = authenticator_code(enrolment.otpauth_uri.expose_secret(), clock.now()).map_err(CliError::core)?;
    wallet.confirm_enrolment(&pin, &code).map_err(CliError::core)?;
    let holder = wallet.holder_public_key().map_err(CliError::core)?;
    println!("enrolment confirmed with the first code; holder key {}", holder.to_hex());
    println!("key store: software, NOT hardware-backed (phones use Android Keystore / iOS Keychain)");

    step(3, "The university issues the diploma to that key; the wallet checks it and stores it sealed");
    let today = Date::from_unix(now).ok_or_else(|| CliError::Input("clock out of range".into()))?;
    let diploma = input::parse_issuer_input(ENU_JSON.as_bytes(), today).map_err(CliError::core)?;
    let mut register = Register::default();
    let index = register.allocate().map_err(CliError::core)?;
    let bundle = enu.issue(&diploma, &holder, index, now, rng.as_ref()).map_err(CliError::core)?;
    let status_list = enu.status_list(&register, now, 7 * DAY).map_err(CliError::core)?;
    let stored = wallet.import(&bundle.to_bytes(), &trust_list, &anchor.public()).map_err(CliError::core)?;
    println!(
        "credential: {} bytes, status index {index}; stored as {}",
        bundle.credential().as_bytes().len(),
        &stored.id.to_hex()[..16]
    );
    wallet.lock();
    println!("wallet locked (secrets zeroized); unlocking with the PIN and the authenticator's next code");
    let next = authenticator_code(enrolment.otpauth_uri.expose_secret(), clock.now() + 30).map_err(CliError::core)?;
    wallet.unlock(&pin, &SecondFactor::Totp(next)).map_err(CliError::core)?;
    let replay = authenticator_code(enrolment.otpauth_uri.expose_secret(), clock.now() + 30).map_err(CliError::core)?;
    wallet.lock();
    match wallet.unlock(&pin, &SecondFactor::Totp(replay)) {
        Err(e) => println!("the same code again is refused: {e}"),
        Ok(()) => return Err(CliError::Core("a replayed code was accepted".into())),
    }
    let recovery = enrolment
        .recovery_codes
        .first()
        .map(|c| c.to_secret_string())
        .ok_or_else(|| CliError::Core("no recovery code".into()))?;
    wallet.unlock(&pin, &SecondFactor::Recovery(recovery)).map_err(CliError::core)?;
    println!("unlocked with a recovery code instead (now spent)");

    step(4, "At the interview the graduate shows the default presentation (expires in 2 minutes)");
    let p = wallet.present(&stored.id, &PresentationRequest::default()).map_err(CliError::core)?;
    let matrix = qr::encode(&p.text, Ecc::M).map_err(CliError::core)?;
    println!(
        "{} characters, QR version {} at ECC M ({}×{} modules)",
        p.text.len(),
        matrix.version(),
        matrix.width(),
        matrix.width()
    );
    if !a.no_qr {
        println!("{}", report::terminal_qr(&matrix));
    }
    println!("{}", p.text);

    step(5, "The employer's phone verifies it offline");
    let verifier = Verifier::new(anchor.public(), clock.clone(), rng.clone());
    verifier.install_trust_list(&trust_list).map_err(CliError::core)?;
    verifier.install_status_list(&status_list).map_err(CliError::core)?;
    let ok = verifier.verify(&p.text, None);
    print!("{}", report::text(&ok, lang));

    step(6, "A photo of the same QR code, three minutes later");
    clock.advance(180);
    print!("{}", report::text(&verifier.verify(&p.text, None), lang));
    clock.set(now);

    step(7, "The same QR code with one character changed");
    let mut forged: Vec<char> = p.text.chars().collect();
    let pos = forged.len() / 2;
    forged[pos] = if forged[pos] == 'A' { 'B' } else { 'A' };
    let forged: String = forged.into_iter().collect();
    print!("{}", report::text(&verifier.verify(&forged, None), lang));

    step(8, "The graduate e-mails a PDF to Kaspi Bank HR; HR verifies its barcode");
    let request = DocumentRequest::new("Kaspi Bank HR");
    let pdf = qujat_pdf::export(&wallet, &stored.id, &request, Lang::Kk).map_err(CliError::core)?;
    println!("diploma.pdf: {} bytes, one A4 page, labels in Kazakh and English", pdf.len());
    let from_pdf = qujat_pdf::read::read_barcode(&pdf).map_err(CliError::core)?;
    let hr = verifier.verify(&from_pdf, None);
    print!("{}", report::text(&hr, lang));

    if let Some(dir) = &a.out {
        // The PDF holds personal data: owner-only, like the presentation files.
        files::write(&dir.join("diploma.pdf"), &pdf, true)?;
        let record = VerificationRecord::new(&hr, &from_pdf).to_json();
        files::write(&dir.join("diploma-record.json"), format!("{record}\n").as_bytes(), true)?;
        write_artefacts(dir, &anchor, &trust_list, &status_list, &bundle.to_bytes(), &p.text, &matrix)?;
        // What the employer keeps: the verification record of step 5 (docs/RECORD.md).
        let record = VerificationRecord::new(&ok, &p.text).to_json();
        files::write(&dir.join("record.json"), format!("{record}\n").as_bytes(), true)?;
        if write_web(dir, &anchor, &trust_list, &status_list)? {
            println!(
                "the web verifier with these lists is in {} (serve it: python3 -m http.server -d {})",
                dir.join("web").display(),
                dir.join("web").display()
            );
        }
        println!("the wallet (database + software key store) is in {}", wallet_dir.display());
        println!("\nartefacts written to {}", dir.display());
    }
    println!("\nverdict: {}", ok.verdict.code());
    Ok(ok.verdict.is_valid() && hr.verdict.is_valid())
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
    // A presentation carries the disclosed claims (personal data): owner-only, like `present --png`.
    files::write(&dir.join("presentation.txt"), format!("{text}\n").as_bytes(), true)?;
    files::write(&dir.join("presentation.png"), &matrix.to_png(8).map_err(CliError::core)?, true)?;
    files::write(&dir.join("presentation.svg"), matrix.to_svg(8).as_bytes(), true)?;
    Ok(())
}

/// `DIR/web/`: the built web verifier (docs/WEB.md) with the demo's lists, when the site has
/// been built: `$QUJAT_WEB_SITE`, else `target/web` (the default of `scripts/build-web.sh`)
/// beside the folder of this executable (`target/debug/qujat`). `false` when there is none.
fn write_web(dir: &Path, anchor: &KeyPair, trust_list: &[u8], status_list: &[u8]) -> Result<bool, CliError> {
    let site = match std::env::var_os("QUJAT_WEB_SITE") {
        Some(s) => std::path::PathBuf::from(s),
        None => match std::env::current_exe().ok().and_then(|e| Some(e.parent()?.parent()?.join("web"))) {
            Some(s) => s,
            None => return Ok(false),
        },
    };
    if !site.join("index.html").is_file() || !site.join("qujat.wasm").is_file() {
        return Ok(false);
    }
    let web = dir.join("web");
    for entry in std::fs::read_dir(&site).map_err(|e| CliError::io(&site, e))? {
        let path = entry.map_err(|e| CliError::io(&site, e))?.path();
        if let (true, Some(name)) = (path.is_file(), path.file_name()) {
            let bytes = std::fs::read(&path).map_err(|e| CliError::io(&path, e))?;
            files::write(&web.join(name), &bytes, false)?;
        }
    }
    let trust = web.join("trust");
    files::write_public_key(&trust.join("anchor.pub"), &anchor.public())?;
    files::write(&trust.join("trust-list.bin"), trust_list, false)?;
    files::write(&trust.join("status/kz.enu.bin"), status_list, false)?;
    files::write(&trust.join("status/index.json"), b"[\"kz.enu.bin\"]\n", false)?;
    Ok(true)
}

/// Removes the demo's temporary wallet when the demo ends.
struct TempCleanup(Option<std::path::PathBuf>);

impl Drop for TempCleanup {
    fn drop(&mut self) {
        if let Some(p) = &self.0 {
            let _ = std::fs::remove_dir_all(p);
        }
    }
}
