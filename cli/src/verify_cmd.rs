//! `qujat verify`: a QJ1 string, a QR image or a PDF's barcode, against files; optionally as of another time
//! (`--at`) and writing the verification record (`--record`).

use std::sync::Arc;

use qujat_core::platform::{ManualClock, OsRandom, SystemClock};
use qujat_core::presentation::Challenge;
use qujat_core::verifier::{VerificationRecord, Verifier, parse_time};

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
    let at = match &a.at {
        Some(t) => Some(parse_time(t).ok_or_else(|| {
            CliError::Input(format!("--at `{t}`: give RFC 3339 (2026-01-01T10:00:00Z) or Unix seconds"))
        })?),
        None => None,
    };
    if let Some(path) = &a.record
        && path.symlink_metadata().is_ok()
    {
        return Err(CliError::Input(format!("{}: exists; a record is never overwritten", path.display())));
    }
    let anchor = a.anchor.as_deref().map(files::read_public_key).transpose()?;
    let v = if a.no_state {
        // Stateless: nothing read or written; everything from the command line.
        let anchor = anchor.ok_or_else(|| CliError::Input("--no-state needs --anchor".into()))?;
        if a.trust_list.is_none() {
            return Err(CliError::Input("--no-state needs --trust-list".into()));
        }
        match at {
            Some(t) => Verifier::new(anchor, Arc::new(ManualClock::new(t)), Arc::new(OsRandom)),
            None => Verifier::new(anchor, Arc::new(SystemClock), Arc::new(OsRandom)),
        }
    } else {
        let dir = verifier_cmd::state_dir(a.state.as_deref())?;
        match at {
            // A copy of the state's lists in memory: nothing recorded as if it happened now.
            Some(t) => verifier_cmd::open_copy_at(&dir, anchor, t)?,
            None => verifier_cmd::open(&dir, anchor)?,
        }
    };
    verifier_cmd::install(&v, a.trust_list.as_deref(), &a.status_list, false)?;
    let text = match (&a.pdf, &a.image, &a.text) {
        (Some(path), _, _) => crate::pdf_cmd::read_barcode(path)?,
        (None, Some(path), _) => qujat_core::qr::decode_png(&files::read(path)?)
            .map_err(|e| CliError::Input(format!("{}: {e}", path.display())))?,
        (None, None, Some(t)) => t.clone(),
        (None, None, None) => return Err(CliError::Input("give a QJ1 string, --image or --pdf".into())),
    };
    let r = v.verify(&text, challenge);
    if let Some(path) = &a.record {
        // Personal data: 0600, written atomically (temporary file, fsync, rename).
        files::write(path, VerificationRecord::new(&r, &text).to_json().as_bytes(), true)?;
    }
    if a.json {
        println!("{}", serde_json::to_string_pretty(&report::json(&r)).map_err(CliError::core)?);
    } else {
        print!("{}", report::text(&r, lang));
    }
    Ok(r.verdict.is_valid())
}
