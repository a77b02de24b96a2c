//! `qujat wallet --dir W backup --out FILE` and `qujat wallet --dir NEW restore FILE`: the
//! wallet command's backup half (it uses `wallet_cmd`'s opening, unlocking and prompts).
//!
//! The backup file is written once, owner-only, and never over an existing file; the code is
//! printed only after the file is safely on disk. A restore reads and checks the whole backup
//! (code, integrity, version, holder key) before it creates anything in `--dir`.

use std::io::Write;
use std::path::Path;

use qujat_core::auth::check_pin_strength;
use qujat_core::backup::{self, BackupCode, BackupError};
use qujat_core::qr::{self, Ecc};
use qujat_core::vault::VaultState;
use qujat_core::wallet::{Wallet, WalletError};

use crate::error::CliError;
use crate::wallet_cmd::{open, print_enrolment, secret_from, unlock};
use crate::{files, report};

/// Write `bytes` to the new file `path` (mode 0600): a temporary file, fsync, then a hard link
/// that fails if `path` exists, so an existing file is never replaced and a half-written backup
/// never appears under its name.
fn write_new(path: &Path, bytes: &[u8]) -> Result<(), CliError> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("backup");
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let result = opts
        .open(&tmp)
        .and_then(|mut f| f.write_all(bytes).and_then(|()| f.sync_all()))
        .and_then(|()| std::fs::hard_link(&tmp, path));
    let _ = std::fs::remove_file(&tmp);
    result.map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => {
            CliError::Input(format!("{}: already exists; a backup never overwrites a file", path.display()))
        }
        _ => CliError::io(path, e),
    })
}

/// `backup --out FILE`.
pub fn backup(w: &Wallet, out: &Path) -> Result<(), CliError> {
    if out.exists() {
        return Err(CliError::Input(format!("{}: already exists; a backup never overwrites a file", out.display())));
    }
    unlock(w)?;
    let export = w.create_backup().map_err(CliError::core)?;
    write_new(out, &export.bytes)?;
    println!("backup: {} ({} diplomas, {} bytes, mode 0600)", out.display(), export.diplomas, export.bytes.len());
    if export.skipped > 0 {
        println!("{} damaged diploma record(s) could not be read and are not in the backup", export.skipped);
    }
    println!("\nThe backup code is the only key to this file. Write it down now: it is shown once.");
    if let Ok(m) = qr::encode(export.code.expose_secret(), Ecc::M) {
        println!("{}", report::terminal_qr(&m));
    }
    println!("backup code: {}", export.code.expose_secret());
    Ok(())
}

/// `restore FILE`.
pub fn restore(dir: &Path, file: &Path, label: &str) -> Result<(), CliError> {
    let bytes = files::read(file)?;
    if dir.join("wallet.db").exists() {
        let existing = open(dir)?;
        if existing.status().map_err(CliError::core)?.state == VaultState::Ready {
            return Err(CliError::core(WalletError::from(qujat_core::vault::VaultError::AlreadyInitialized)));
        }
    }
    let code = secret_from("QUJAT_BACKUP_CODE", "Backup code: ")?;
    let code = BackupCode::parse(code.expose_secret()).ok_or_else(|| CliError::core(BackupError::MalformedCode))?;
    let pin = secret_from("QUJAT_PIN", "Choose a PIN (at least 6 digits): ")?;
    check_pin_strength(pin.expose_secret()).map_err(CliError::core)?;
    let archive = backup::open(&bytes, &code).map_err(CliError::core)?;
    let w = open(dir)?;
    let e = w.restore_archive(&archive, &pin, label).map_err(CliError::core)?;
    println!(
        "restored {} diplomas from a backup made on {}",
        archive.contents.credentials.len(),
        report::time(archive.made_at)
    );
    print_enrolment(&e, dir);
    Ok(())
}
