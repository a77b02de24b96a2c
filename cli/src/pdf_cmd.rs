//! `qujat wallet pdf` (the diploma as a PDF with a verifiable barcode) and the reading half of
//! `qujat verify --pdf`. Both call the `qujat-pdf` crate, the one source for the bindings too.

use std::io::Write;
use std::path::Path;

use qujat_core::credential::Lang;
use qujat_core::presentation::DocumentRequest;
use qujat_core::vault::CredentialId;
use qujat_core::wallet::Wallet;

use crate::error::CliError;
use crate::files;
use crate::wallet_cmd::unlock;

/// Unlock, make the document presentation and its PDF, and write it to the new file `out`
/// (0600: it holds personal data; an existing file is never replaced).
pub fn export(
    w: &Wallet,
    find: impl FnOnce(&Wallet) -> Result<CredentialId, CliError>,
    request: &DocumentRequest,
    lang: Lang,
    out: &Path,
) -> Result<(), CliError> {
    if out.symlink_metadata().is_ok() {
        return Err(CliError::Input(format!("{}: already exists; a PDF never overwrites a file", out.display())));
    }
    unlock(w)?;
    let id = find(w)?;
    let pdf = qujat_pdf::export(w, &id, request, lang).map_err(CliError::core)?;
    write_new(out, &pdf)?;
    println!(
        "PDF for {}: {} ({} bytes, valid {} days, mode 0600)",
        request.audience,
        out.display(),
        pdf.len(),
        request.days
    );
    Ok(())
}

/// Create `path` (mode 0600, failing if it exists) and write `bytes`; a failed write removes
/// the partial file.
fn write_new(path: &Path, bytes: &[u8]) -> Result<(), CliError> {
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut f = opts.open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => {
            CliError::Input(format!("{}: already exists; a PDF never overwrites a file", path.display()))
        }
        _ => CliError::io(path, e),
    })?;
    if let Err(e) = f.write_all(bytes).and_then(|()| f.sync_all()) {
        drop(f);
        let _ = std::fs::remove_file(path);
        return Err(CliError::io(path, e));
    }
    Ok(())
}

/// The `QJ1:` string of the barcode in the PDF at `path`.
pub fn read_barcode(path: &Path) -> Result<String, CliError> {
    let bytes = files::read(path)?;
    qujat_pdf::read::read_barcode(&bytes).map_err(|e| CliError::Input(format!("{}: {e}", path.display())))
}
