//! `qujat verifier`: the verifier's state directory (install lists, show what is held), and
//! opening it for `qujat verify`.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use qujat_core::keys::PublicKey;
use qujat_core::keys::hex_encode;
use qujat_core::platform::{Clock, ManualClock, OsRandom, SystemClock, UnixTime};
use qujat_core::verifier::store::HeldListBytes;
use qujat_core::verifier::{InstallError, StoreError, Verifier, VerifierPolicy, VerifierStore, rfc3339};

use crate::args::{VerifierArgs, VerifierCommand};
use crate::error::CliError;
use crate::{files, report};

/// The state file inside a state directory.
const STATE_FILE: &str = "verifier.sqlite3";

pub fn run(a: VerifierArgs) -> Result<(), CliError> {
    let dir = state_dir(a.state.as_deref())?;
    match a.command {
        VerifierCommand::Update { anchor, trust_list, status_list } => {
            let anchor = anchor.as_deref().map(files::read_public_key).transpose()?;
            let v = open(&dir, anchor)?;
            install(&v, trust_list.as_deref(), &status_list, true)?;
            Ok(())
        }
        VerifierCommand::Show => show(&dir),
        VerifierCommand::History { json, last } => history(&dir, json, last),
    }
}

/// The state directory: the one given, else `$XDG_STATE_HOME/qujat/verifier`, else
/// `$HOME/.local/state/qujat/verifier`.
pub fn state_dir(given: Option<&Path>) -> Result<PathBuf, CliError> {
    if let Some(d) = given {
        return Ok(d.to_owned());
    }
    let non_empty = |k: &str| std::env::var_os(k).filter(|v| !v.is_empty()).map(PathBuf::from);
    if let Some(x) = non_empty("XDG_STATE_HOME").filter(|p| p.is_absolute()) {
        return Ok(x.join("qujat").join("verifier"));
    }
    if let Some(h) = non_empty("HOME") {
        return Ok(h.join(".local").join("state").join("qujat").join("verifier"));
    }
    Err(CliError::Input("no state directory: set HOME or XDG_STATE_HOME, or give --state DIR or --no-state".into()))
}

/// Open the verifier on the state in `dir` (created, mode 0700), pinning `anchor` if given.
pub fn open(dir: &Path, anchor: Option<PublicKey>) -> Result<Verifier, CliError> {
    create_private_dir(dir)?;
    let path = dir.join(STATE_FILE);
    let store = VerifierStore::open(&path).map_err(|e| state_error(&path, e))?;
    let pinned = store.pinned_anchor().map_err(|e| state_error(&path, e))?;
    let anchor = anchor
        .or(pinned)
        .ok_or_else(|| CliError::Input(format!("{}: no trust anchor pinned yet: give --anchor", dir.display())))?;
    Verifier::open(store, anchor, VerifierPolicy::default(), Arc::new(SystemClock), Arc::new(OsRandom))
        .map_err(|e| state_error(&path, e))
}

/// A verifier in memory at time `at`, holding a copy of the lists of the state in `dir` (if
/// it has one): `qujat verify --at`. The state is only read (a state of an older schema is
/// migrated on opening, as by any command); nothing is recorded in it.
pub fn open_copy_at(dir: &Path, anchor: Option<PublicKey>, at: UnixTime) -> Result<Verifier, CliError> {
    let path = dir.join(STATE_FILE);
    let (pinned, held) = if path.is_file() {
        let store = VerifierStore::open(&path).map_err(|e| state_error(&path, e))?;
        let pinned = store.pinned_anchor().map_err(|e| state_error(&path, e))?;
        (pinned, store.held_list_bytes().map_err(|e| state_error(&path, e))?)
    } else {
        (None, HeldListBytes::default())
    };
    let anchor = match (anchor, pinned) {
        (Some(a), Some(p)) if a.to_bytes() != p.to_bytes() => {
            return Err(state_error(&path, StoreError::AnchorMismatch { held: p.to_hex(), offered: a.to_hex() }));
        }
        (a, p) => a
            .or(p)
            .ok_or_else(|| CliError::Input(format!("{}: no trust anchor pinned yet: give --anchor", dir.display())))?,
    };
    let v = Verifier::new(anchor, Arc::new(ManualClock::new(at)), Arc::new(OsRandom));
    if let Some(bytes) = held.trust {
        v.install_trust_list(&bytes).map_err(|e| install_error(&path, e))?;
        for bytes in held.status {
            // A list the held trust list no longer covers is not used (as in the state).
            let _ = v.install_status_list(&bytes);
        }
    }
    Ok(v)
}

/// Install the lists given, trust list first; any refusal is an input error (exit 2).
pub fn install(v: &Verifier, trust_list: Option<&Path>, status_lists: &[PathBuf], say: bool) -> Result<(), CliError> {
    if let Some(path) = trust_list {
        let info = v.install_trust_list(&files::read(path)?).map_err(|e| install_error(path, e))?;
        if say {
            println!("trust list: sequence {} held, expires {}", info.sequence, report::time(info.expires_at));
        }
    }
    for path in status_lists {
        let fresh = v.install_status_list(&files::read(path)?).map_err(|e| install_error(path, e))?;
        if say {
            println!("status list {}: issued {} held", path.display(), report::time(fresh.list_issued_at));
        }
    }
    Ok(())
}

fn install_error(path: &Path, e: InstallError) -> CliError {
    CliError::Input(format!("{}: refused: {e}", path.display()))
}

fn state_error(path: &Path, e: StoreError) -> CliError {
    CliError::Input(format!("{}: {e}", path.display()))
}

fn show(dir: &Path) -> Result<(), CliError> {
    let path = dir.join(STATE_FILE);
    if !path.exists() {
        println!("state:       {} (none yet: nothing held)", path.display());
        return Ok(());
    }
    let pinned = VerifierStore::open(&path).and_then(|s| s.pinned_anchor()).map_err(|e| state_error(&path, e))?;
    if pinned.is_none() {
        println!("state:       {} (no anchor pinned yet: nothing held)", path.display());
        return Ok(());
    }
    let v = open(dir, None)?;
    let s = v.summary().map_err(|e| state_error(&path, e))?;
    let now = SystemClock.now();
    println!("state:       {}", path.display());
    println!("anchor:      {}", s.anchor.to_hex());
    match &s.trust_list {
        Some(t) => println!(
            "trust list:  sequence {}, {} issuers, issued {}, expires {}{}, {} old",
            t.sequence,
            t.issuers,
            report::time(t.issued_at),
            report::time(t.expires_at),
            if now > t.expires_at { " (EXPIRED)" } else { "" },
            age(now - t.issued_at)
        ),
        None => println!("trust list:  none"),
    }
    if s.status_lists.is_empty() {
        println!("status list: none");
    }
    for (issuer, f) in &s.status_lists {
        println!(
            "status list: {issuer}: issued {}, current until {}{}, {} old",
            report::time(f.list_issued_at),
            report::time(f.valid_until),
            if now > f.valid_until { " (STALE)" } else { "" },
            age(f.age_secs)
        );
    }
    println!("challenges:  {} remembered", s.challenges);
    println!("history:     {} verifications", s.history);
    Ok(())
}

/// The history, oldest first: a table, or JSON lines (one object per verification).
fn history(dir: &Path, json: bool, last: u32) -> Result<(), CliError> {
    let path = dir.join(STATE_FILE);
    if !path.is_file() {
        return Err(CliError::Input(format!("{}: no state yet: nothing verified", path.display())));
    }
    let rows = VerifierStore::open(&path).and_then(|s| s.history(last)).map_err(|e| state_error(&path, e))?;
    let opt = |v: Option<String>| v.unwrap_or_else(|| "-".into());
    if !json {
        println!(
            "{:<20}  {:<24}  {:<16}  {:>5}  {:<20}  {:<6}  presentation sha256",
            "verified at", "verdict", "issuer", "trust", "status list of", "chall."
        );
    }
    for e in &rows {
        if json {
            let line = serde_json::json!({
                "verified_at": rfc3339(e.at),
                "verdict": e.verdict,
                "issuer": e.issuer,
                "trust_list_sequence": e.trust_list_sequence,
                "status_list_issued_at": e.status_issued_at.map(rfc3339),
                "challenge": e.challenge.map(|c| format!("{c:06}")),
                "presentation_sha256": hex_encode(&e.presentation_sha256),
            });
            println!("{line}");
        } else {
            println!(
                "{:<20}  {:<24}  {:<16}  {:>5}  {:<20}  {:<6}  {}",
                rfc3339(e.at),
                e.verdict,
                opt(e.issuer.clone()),
                opt(e.trust_list_sequence.map(|s| s.to_string())),
                opt(e.status_issued_at.map(rfc3339)),
                opt(e.challenge.map(|c| format!("{c:06}"))),
                hex_encode(&e.presentation_sha256)
            );
        }
    }
    Ok(())
}

/// An age as `3 d 4 h`, `5 h 2 min` or `40 s`.
fn age(secs: i64) -> String {
    let s = secs.max(0);
    match s {
        0..60 => format!("{s} s"),
        60..3600 => format!("{} min", s / 60),
        3600..86_400 => format!("{} h {} min", s / 3600, s / 60 % 60),
        _ => format!("{} d {} h", s / 86_400, s / 3600 % 24),
    }
}

/// Create `dir` (and parents); on Unix the directory itself gets mode 0700.
fn create_private_dir(dir: &Path) -> Result<(), CliError> {
    if dir.is_dir() {
        return Ok(());
    }
    std::fs::create_dir_all(dir).map_err(|e| CliError::io(dir, e))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700)).map_err(|e| CliError::io(dir, e))?;
    }
    Ok(())
}
