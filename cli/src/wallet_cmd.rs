//! `qujat wallet --dir DIR …`: the holder's encrypted wallet from a terminal.
//!
//! The PIN and the code come from `QUJAT_PIN` and `QUJAT_OTP` when set, else from a prompt that
//! does not echo. The code may be a 6-digit authenticator code or a recovery code (spent). A
//! code is accepted once: two commands in a row need two codes (the next one is accepted early).

use std::path::Path;
use std::sync::Arc;

use qujat_core::auth::SecondFactor;
use qujat_core::credential::{ClaimSet, Lang};
use qujat_core::keys::PublicKey;
use qujat_core::platform::{OsRandom, SystemClock};
use qujat_core::presentation::{Challenge, DocumentRequest, PresentationRequest};
use qujat_core::qr::{self, Ecc};
use qujat_core::secret::SecretString;
use qujat_core::vault::{AuditKind, CredentialId, Enrolment, Platform, SoftwareKeyStore, VaultOptions};
use qujat_core::wallet::{DiplomaSummary, Wallet};
use serde_json::json;

use crate::args::{WalletArgs, WalletCommand, parse_lang};
use crate::error::CliError;
use crate::{backup_cmd, files, report};

pub(crate) fn secret_from(env: &str, prompt: &str) -> Result<SecretString, CliError> {
    if let Ok(v) = std::env::var(env) {
        return Ok(SecretString::new(v));
    }
    rpassword::prompt_password(prompt)
        .map(SecretString::new)
        .map_err(|e| CliError::Input(format!("cannot read from the terminal ({e}); set {env}")))
}

pub(crate) fn open(dir: &Path) -> Result<Wallet, CliError> {
    std::fs::create_dir_all(dir).map_err(|e| CliError::io(dir, e))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700));
    }
    let rng = Arc::new(OsRandom);
    let key_store = SoftwareKeyStore::in_directory(dir.join("keystore"), rng.clone()).map_err(CliError::core)?;
    let platform = Platform { key_store: Arc::new(key_store), clock: Arc::new(SystemClock), rng };
    Wallet::open(dir.join("wallet.db"), platform, VaultOptions::default()).map_err(CliError::core)
}

pub(crate) fn unlock(w: &Wallet) -> Result<(), CliError> {
    let pin = secret_from("QUJAT_PIN", "PIN: ")?;
    let code = secret_from("QUJAT_OTP", "Authenticator or recovery code: ")?;
    w.unlock(&pin, &SecondFactor::parse(code.expose_secret())).map_err(CliError::core)
}

fn find(w: &Wallet, prefix: &str) -> Result<CredentialId, CliError> {
    let (items, _) = w.list().map_err(CliError::core)?;
    let prefix = prefix.trim().to_ascii_lowercase();
    let matches: Vec<&DiplomaSummary> = items.iter().filter(|d| d.id.to_hex().starts_with(&prefix)).collect();
    match matches.as_slice() {
        [one] => Ok(one.id),
        [] => Err(CliError::Input("no diploma with that id".into())),
        _ => Err(CliError::Input("that id prefix matches several diplomas".into())),
    }
}

fn summary_json(d: &DiplomaSummary) -> serde_json::Value {
    json!({
        "id": d.id.to_hex(),
        "issuer": d.issuer_id,
        "issuer_name": {"kk": d.issuer_name.kk, "ru": d.issuer_name.ru, "en": d.issuer_name.en},
        "degree": d.degree_level.map(|l| l.name()),
        "program_code": d.program_code,
        "program_name": {"kk": d.program_name.kk, "ru": d.program_name.ru, "en": d.program_name.en},
        "issue_date": d.issue_date.map(|x| x.to_string()),
        "honors": d.honors,
        "imported_at": d.imported_at,
    })
}

/// What `init` and `restore` print: the authenticator's URI and QR, the recovery codes, the
/// holder key and the next step.
pub(crate) fn print_enrolment(e: &Enrolment, dir: &Path) {
    println!("Scan this with your authenticator app (it holds a secret: show it to no one):");
    if let Ok(m) = qr::encode(e.otpauth_uri.expose_secret(), Ecc::M) {
        println!("{}", report::terminal_qr(&m));
    }
    println!("{}", e.otpauth_uri.expose_secret());
    println!("\nRecovery codes (write them down; each works once):");
    for c in &e.recovery_codes {
        println!("  {}", c.expose_secret());
    }
    println!("\nholder key: {}", e.holder_public_key.to_hex());
    println!("Now run `qujat wallet --dir {} confirm` with the first code.", dir.display());
}

pub fn run(a: WalletArgs) -> Result<bool, CliError> {
    // Restore checks the backup before it creates anything in --dir.
    if let WalletCommand::Restore { file, label } = &a.command {
        return backup_cmd::restore(&a.dir, file, label).map(|()| true);
    }
    let w = open(&a.dir)?;
    match a.command {
        WalletCommand::Init { label } => {
            let pin = secret_from("QUJAT_PIN", "Choose a PIN (at least 6 digits): ")?;
            let e = w.setup(&pin, &label).map_err(CliError::core)?;
            print_enrolment(&e, &a.dir);
        }
        WalletCommand::Backup { out } => backup_cmd::backup(&w, &out)?,
        WalletCommand::Restore { .. } => {}
        WalletCommand::Confirm => {
            let pin = secret_from("QUJAT_PIN", "PIN: ")?;
            let code = secret_from("QUJAT_OTP", "Authenticator code: ")?;
            w.confirm_enrolment(&pin, &code).map_err(CliError::core)?;
            println!("enrolment complete; the wallet is ready");
        }
        WalletCommand::HolderKey => {
            unlock(&w)?;
            println!("{}", w.holder_public_key().map_err(CliError::core)?.to_hex());
        }
        WalletCommand::Import { file, trust_list, anchor } => {
            let anchor: PublicKey = files::read_public_key(&anchor)?;
            let bundle = files::read(&file)?;
            let tl = files::read(&trust_list)?;
            unlock(&w)?;
            let d = w.import(&bundle, &tl, &anchor).map_err(CliError::core)?;
            println!("imported {} from {}", d.id.to_hex(), d.issuer_name.best(Lang::En).unwrap_or(&d.issuer_id));
        }
        WalletCommand::List { json } => {
            unlock(&w)?;
            let (items, damaged) = w.list().map_err(CliError::core)?;
            if json {
                let list: Vec<_> = items.iter().map(summary_json).collect();
                println!(
                    "{}",
                    serde_json::to_string_pretty(&json!({"diplomas": list, "damaged": damaged}))
                        .map_err(CliError::core)?
                );
            } else {
                for d in &items {
                    println!(
                        "{}  {}  {}  {}",
                        &d.id.to_hex()[..12],
                        d.issue_date.map(|x| x.to_string()).unwrap_or_default(),
                        d.issuer_name.best(Lang::En).unwrap_or(&d.issuer_id),
                        d.program_name.best(Lang::En).unwrap_or("")
                    );
                }
                if damaged > 0 {
                    println!("{damaged} damaged record(s) could not be read");
                }
            }
        }
        WalletCommand::Show { id, json, lang } => {
            let lang = parse_lang(&lang)?;
            unlock(&w)?;
            let detail = w.show(&find(&w, &id)?).map_err(CliError::core)?;
            if json {
                let claims: serde_json::Map<String, serde_json::Value> = detail
                    .claims
                    .iter()
                    .map(|(c, v)| {
                        (
                            c.key().to_owned(),
                            serde_json::Value::String(qujat_core::credential::labels::value_text(v, Lang::En)),
                        )
                    })
                    .collect();
                println!(
                    "{}",
                    serde_json::to_string_pretty(&json!({"summary": summary_json(&detail.summary), "claims": claims}))
                        .map_err(CliError::core)?
                );
            } else {
                for (c, v) in &detail.claims {
                    println!(
                        "{}: {}",
                        qujat_core::credential::claim_label(*c, lang),
                        qujat_core::credential::labels::value_text(v, lang)
                    );
                }
            }
        }
        WalletCommand::Present { id, claims, challenge, ttl, png, no_qr } => {
            let claims = ClaimSet::parse_list(&claims).map_err(CliError::Input)?;
            let challenge = match challenge {
                Some(c) => {
                    Some(Challenge::parse(&c).ok_or_else(|| CliError::Input("--challenge must be six digits".into()))?)
                }
                None => None,
            };
            unlock(&w)?;
            let p = w
                .present(&find(&w, &id)?, &PresentationRequest { claims, challenge, ttl_secs: ttl })
                .map_err(CliError::core)?;
            let m = qr::encode(&p.text, Ecc::M).map_err(CliError::core)?;
            if !no_qr {
                println!("{}", report::terminal_qr(&m));
            }
            if let Some(path) = png {
                // The QR holds the disclosed claims: personal data, so owner-only like a secret.
                files::write(&path, &m.to_png(8).map_err(CliError::core)?, true)?;
            }
            println!("expires {} (QR version {})", report::time(p.expires_at), m.version());
            println!("{}", p.text);
        }
        WalletCommand::Pdf { id, audience, days, claims, lang, out } => {
            let request =
                DocumentRequest { claims: ClaimSet::parse_list(&claims).map_err(CliError::Input)?, audience, days };
            let lang = parse_lang(&lang)?;
            crate::pdf_cmd::export(&w, |w| find(w, &id), &request, lang, &out)?;
        }
        WalletCommand::Delete { id } => {
            unlock(&w)?;
            let id = find(&w, &id)?;
            w.delete(&id).map_err(CliError::core)?;
            println!("deleted {}", id.to_hex());
        }
        WalletCommand::Log => {
            unlock(&w)?;
            let log = w.audit_log().map_err(CliError::core)?;
            for e in &log.entries {
                let detail = String::from_utf8_lossy(e.detail.expose_secret()).into_owned();
                let detail = match (e.kind, detail.strip_prefix("made=").and_then(|t| t.parse().ok())) {
                    (AuditKind::Restored, Some(made)) => {
                        format!("restored from a backup made on {}", report::time(made))
                    }
                    _ => detail,
                };
                println!("{:>4}  {}  {:?}  {}", e.seq, report::time(e.time), e.kind, detail);
            }
            println!("chain: {:?}", log.status);
        }
        WalletCommand::ChangePin => {
            let pin = secret_from("QUJAT_PIN", "Current PIN: ")?;
            let code = secret_from("QUJAT_OTP", "Authenticator or recovery code: ")?;
            let new = secret_from("QUJAT_NEW_PIN", "New PIN: ")?;
            w.change_pin(&pin, &SecondFactor::parse(code.expose_secret()), &new).map_err(CliError::core)?;
            println!("PIN changed");
        }
    }
    Ok(true)
}
