//! `qujat verify`: a QJ1 string or a QR image, against files.

use std::sync::Arc;

use qujat_core::credential::Lang;
use qujat_core::platform::{OsRandom, SystemClock};
use qujat_core::presentation::Challenge;
use qujat_core::verifier::Verifier;

use crate::args::VerifyArgs;
use crate::error::CliError;
use crate::{files, report};

/// Returns true when the verdict is VALID.
pub fn run(a: VerifyArgs) -> Result<bool, CliError> {
    let lang = parse_lang(&a.lang)?;
    let anchor = files::read_public_key(&a.anchor)?;
    let v = Verifier::new(anchor, Arc::new(SystemClock), Arc::new(OsRandom));
    v.install_trust_list(&files::read(&a.trust_list)?)
        .map_err(|e| CliError::Input(format!("{}: {e}", a.trust_list.display())))?;
    for path in &a.status_list {
        v.install_status_list(&files::read(path)?).map_err(|e| CliError::Input(format!("{}: {e}", path.display())))?;
    }
    let challenge = match &a.challenge {
        Some(c) => Some(Challenge::parse(c).ok_or_else(|| CliError::Input("--challenge must be six digits".into()))?),
        None => None,
    };
    let text = match (&a.image, &a.text) {
        (Some(path), _) => qujat_core::qr::decode_png(&files::read(path)?)
            .map_err(|e| CliError::Input(format!("{}: {e}", path.display())))?,
        (None, Some(t)) => t.clone(),
        (None, None) => return Err(CliError::Input("give a QJ1 string or --image".into())),
    };
    let r = v.verify(&text, challenge);
    if a.json {
        println!("{}", serde_json::to_string_pretty(&report::json(&r)).map_err(CliError::core)?);
    } else {
        print!("{}", report::text(&r, lang));
    }
    Ok(r.verdict.is_valid())
}

pub fn parse_lang(s: &str) -> Result<Lang, CliError> {
    Lang::from_tag(s).ok_or_else(|| CliError::Input(format!("unknown language `{s}`: use en, ru or kk")))
}
