//! `qujat verify`: a QJ1 string or a QR image, against files.

use std::sync::Arc;

use qujat_core::platform::{OsRandom, SystemClock};
use qujat_core::presentation::Challenge;
use qujat_core::verifier::Verifier;

use crate::args::{VerifyArgs, parse_lang};
use crate::error::CliError;
use crate::{files, report, verifier_cmd};

/// Returns true when the verdict is VALID.
pub fn run(a: VerifyArgs) -> Result<bool, CliError> {
    let lang = parse_lang(&a.lang)?;
    // Arguments first: a bad one leaves the state untouched.
    let challenge = match &a.challenge {
        Some(c) => Some(Challenge::parse(c).ok_or_else(|| CliError::Input("--challenge must be six digits".into()))?),
        None => None,
    };
    let anchor = a.anchor.as_deref().map(files::read_public_key).transpose()?;
    let v = if a.no_state {
        // Stateless: nothing read or written; everything from the command line.
        let anchor = anchor.ok_or_else(|| CliError::Input("--no-state needs --anchor".into()))?;
        if a.trust_list.is_none() {
            return Err(CliError::Input("--no-state needs --trust-list".into()));
        }
        Verifier::new(anchor, Arc::new(SystemClock), Arc::new(OsRandom))
    } else {
        verifier_cmd::open(&verifier_cmd::state_dir(a.state.as_deref())?, anchor)?
    };
    verifier_cmd::install(&v, a.trust_list.as_deref(), &a.status_list, false)?;
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
