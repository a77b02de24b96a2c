//! `qujat issuer …`: keys, trust list, issue, revoke, re-issue, status list.

use std::path::Path;

use qujat_core::credential::{CredentialBundle, Date, Lang, Localized, input};
use qujat_core::issuer::{Issuer, Register};
use qujat_core::keys::{KeyPair, PublicKey};
use qujat_core::platform::{Clock, OsRandom, SystemClock, UnixTime};
use qujat_core::trust::{IssuerEntry, IssuerKey, TrustList, TrustListPayload};
use serde::Deserialize;

use crate::args::IssuerCommand;
use crate::error::CliError;
use crate::files;

const DAY: i64 = 86_400;

pub fn run(cmd: IssuerCommand) -> Result<(), CliError> {
    let now = SystemClock.now();
    match cmd {
        IssuerCommand::Keygen { out } => {
            let key = KeyPair::generate(&OsRandom).map_err(CliError::core)?;
            let (secret, public) = files::write_key_pair(&out, &key)?;
            println!("secret key: {} (mode 0600)", secret.display());
            println!("public key: {}", public.display());
            println!("{}", key.public().to_hex());
        }
        IssuerCommand::TrustList { anchor_key, input, sequence, valid_days, out } => {
            let anchor = files::read_secret_key(&anchor_key)?;
            let issuers = read_issuers(&input)?;
            let count = issuers.len();
            let payload = TrustListPayload { sequence, issued_at: now, expires_at: now + valid_days * DAY, issuers };
            files::write(&out, &TrustList::sign(&anchor, payload), false)?;
            println!("trust list: {} (sequence {sequence}, {count} issuers, valid {valid_days} days)", out.display());
        }
        IssuerCommand::Issue { key, register, input, holder_key, out } => {
            let key = files::read_secret_key(&key)?;
            let holder = files::read_public_key(&holder_key)?;
            let json = files::read(&input)?;
            let today =
                Date::from_unix(now).ok_or_else(|| CliError::Input("the system clock is out of range".into()))?;
            let diploma = input::parse_issuer_input(&json, today)
                .map_err(|e| CliError::Input(format!("{}: {e}", input.display())))?;
            let mut reg = read_register(&register)?;
            let index = reg.allocate().map_err(CliError::core)?;
            let issuer = Issuer::new(diploma.issuer.clone(), key);
            let bundle = issuer.issue(&diploma, &holder, index, now, &OsRandom).map_err(CliError::core)?;
            // Register first: an index is never handed out twice, even if writing the bundle fails.
            write_register(&register, &reg)?;
            files::write(&out, &bundle.to_bytes(), true)?;
            println!("credential: {} (issuer {}, status index {index})", out.display(), diploma.issuer);
        }
        IssuerCommand::Revoke { register, index, credential } => {
            let index = match (index, credential) {
                (Some(i), _) => i,
                (None, Some(path)) => {
                    let b = CredentialBundle::from_bytes(&files::read(&path)?)
                        .map_err(|e| CliError::Input(format!("{}: {e}", path.display())))?;
                    b.credential().payload().status_index
                }
                (None, None) => return Err(CliError::Input("give --index or --credential".into())),
            };
            let mut reg = read_register(&register)?;
            if !reg.revoke(index) {
                return Err(CliError::Input(format!("status index {index} was never issued by this register")));
            }
            write_register(&register, &reg)?;
            println!("revoked status index {index}; now sign a new status list");
        }
        IssuerCommand::Reissue { key, register, credential, holder_key, input, out } => {
            let key = files::read_secret_key(&key)?;
            let holder = files::read_public_key(&holder_key)?;
            let old = CredentialBundle::from_bytes(&files::read(&credential)?)
                .map_err(|e| CliError::Input(format!("{}: {e}", credential.display())))?;
            let issuer_id = old.credential().payload().issuer.clone();
            if let Some(input) = input {
                // The issuer's record, if given, must describe the very diploma being replaced.
                let today =
                    Date::from_unix(now).ok_or_else(|| CliError::Input("the system clock is out of range".into()))?;
                let diploma = input::parse_issuer_input(&files::read(&input)?, today)
                    .map_err(|e| CliError::Input(format!("{}: {e}", input.display())))?;
                if CredentialBundle::leaves_of(&diploma) != *old.leaves() {
                    return Err(CliError::Input(format!(
                        "{}: not the same diploma as {}",
                        input.display(),
                        credential.display()
                    )));
                }
            }
            let mut reg = read_register(&register)?;
            let old_index = old.credential().payload().status_index;
            let bundle = Issuer::new(issuer_id.clone(), key)
                .reissue(&old, &holder, &mut reg, now, &OsRandom)
                .map_err(CliError::core)?;
            let index = bundle.credential().payload().status_index;
            // Register first: the old index is revoked and the new one never handed out twice.
            write_register(&register, &reg)?;
            files::write(&out, &bundle.to_bytes(), true)?;
            println!(
                "credential: {} (issuer {issuer_id}, status index {index}); status index {old_index} revoked; \
                 now sign a new status list",
                out.display()
            );
        }
        IssuerCommand::StatusList { key, issuer, register, valid_days, out } => {
            let key = files::read_secret_key(&key)?;
            let reg = read_register(&register)?;
            let bytes =
                Issuer::new(issuer.clone(), key).status_list(&reg, now, valid_days * DAY).map_err(CliError::core)?;
            files::write(&out, &bytes, false)?;
            println!(
                "status list: {} ({} entries, {} revoked, valid {valid_days} days)",
                out.display(),
                reg.next_index,
                reg.revoked.len()
            );
        }
    }
    Ok(())
}

/// The register, or an empty one if the file does not exist yet.
pub fn read_register(path: &Path) -> Result<Register, CliError> {
    if !path.exists() {
        return Ok(Register::default());
    }
    serde_json::from_slice(&files::read(path)?)
        .map_err(|e| CliError::Input(format!("{}: not a register: {e}", path.display())))
}

pub fn write_register(path: &Path, reg: &Register) -> Result<(), CliError> {
    let json = serde_json::to_vec_pretty(reg).map_err(CliError::core)?;
    files::write(path, &json, false)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct IssuerJson {
    id: String,
    name: std::collections::BTreeMap<String, String>,
    keys: Vec<KeyJson>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct KeyJson {
    /// Hex, or a path to a .pub file (relative to the JSON file).
    public_key: String,
    not_before: String,
    not_after: String,
}

fn day_start(s: &str, what: &str) -> Result<UnixTime, CliError> {
    Date::parse_iso(s)
        .map(|d| d.to_days() * DAY)
        .ok_or_else(|| CliError::Input(format!("{what}: not a date (YYYY-MM-DD)")))
}

/// An issuer list's `public_key`: hex as it is; a relative path found beside the list is taken
/// from there, any other path as given. Decided before reading, so a file is read once (a FIFO
/// cannot be read twice).
fn key_beside(base: &Path, given: &str) -> String {
    let beside = base.join(given);
    if PublicKey::from_hex(given).is_err() && Path::new(given).is_relative() && beside.exists() {
        beside.to_string_lossy().into_owned()
    } else {
        given.to_owned()
    }
}

/// Read the trust list's issuers from JSON: `[{"id", "name": {"kk","ru","en"}, "keys": [{"public_key", "not_before", "not_after"}]}]`.
pub fn read_issuers(path: &Path) -> Result<Vec<IssuerEntry>, CliError> {
    let raw: Vec<IssuerJson> =
        serde_json::from_slice(&files::read(path)?).map_err(|e| CliError::Input(format!("{}: {e}", path.display())))?;
    let base = path.parent().unwrap_or(Path::new("."));
    raw.into_iter()
        .map(|i| {
            let mut name = Localized::default();
            for (tag, text) in i.name {
                let lang = Lang::from_tag(&tag)
                    .ok_or_else(|| CliError::Input(format!("issuer {}: unknown language `{tag}`", i.id)))?;
                name.set(lang, Some(text));
            }
            let keys = i
                .keys
                .into_iter()
                .map(|k| {
                    let key = files::read_public_key(&key_beside(base, &k.public_key))?;
                    Ok(IssuerKey {
                        key,
                        not_before: day_start(&k.not_before, "not_before")?,
                        not_after: day_start(&k.not_after, "not_after")? + DAY - 1,
                    })
                })
                .collect::<Result<Vec<_>, CliError>>()?;
            Ok(IssuerEntry { id: i.id, name, keys })
        })
        .collect()
}
