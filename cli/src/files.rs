//! Files the CLI reads and writes: key files (secret ones 0600), binary artefacts, JSON.

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use qujat_core::keys::{KeyPair, PublicKey, hex_decode, hex_encode};
use qujat_core::secret::SecretBytes;

use crate::error::CliError;

const SECRET_HEADER: &str = "QUJAT ED25519 SECRET KEY v1";
const PUBLIC_HEADER: &str = "QUJAT ED25519 PUBLIC KEY v1";
/// Largest file the CLI reads (every Qujat artefact is far smaller): 16 MiB.
pub const MAX_FILE: u64 = 16 * 1024 * 1024;

/// Read a whole file, stopping at [`MAX_FILE`] whatever the file is: a regular file, a device
/// such as `/dev/zero`, a FIFO or a file that grows while it is read. Memory stays bounded by
/// the limit; what is over it is refused with a clear error, never truncated silently.
///
/// Every file the CLI reads goes through here (keys, lists, credentials, registers, images).
pub fn read(path: &Path) -> Result<Vec<u8>, CliError> {
    read_limited(path, MAX_FILE)
}

/// [`read`] with another limit (the unit tests use a small one).
fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, CliError> {
    let file = fs::File::open(path).map_err(|e| CliError::io(path, e))?;
    // The size a regular file claims is only a hint for the first allocation.
    let hint = file.metadata().ok().filter(fs::Metadata::is_file).map_or(0, |m| m.len().min(limit));
    let mut buf = Vec::with_capacity(usize::try_from(hint).unwrap_or(0));
    file.take(limit.saturating_add(1)).read_to_end(&mut buf).map_err(|e| CliError::io(path, e))?;
    if !u64::try_from(buf.len()).is_ok_and(|n| n <= limit) {
        return Err(CliError::Input(format!(
            "{}: larger than the {} limit; stopped reading there",
            path.display(),
            size_text(limit)
        )));
    }
    Ok(buf)
}

fn size_text(bytes: u64) -> String {
    if bytes.is_multiple_of(1024 * 1024) { format!("{} MiB", bytes / (1024 * 1024)) } else { format!("{bytes}-byte") }
}

/// Write a file atomically (temporary file, fsync, rename), with the given mode on Unix.
pub fn write(path: &Path, bytes: &[u8], secret: bool) -> Result<(), CliError> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    fs::create_dir_all(dir).map_err(|e| CliError::io(dir, e))?;
    let tmp: PathBuf = dir.join(format!(".{}.tmp", path.file_name().and_then(|n| n.to_str()).unwrap_or("qujat")));
    let mut opts = fs::OpenOptions::new();
    opts.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(if secret { 0o600 } else { 0o644 });
    }
    let mut f = opts.open(&tmp).map_err(|e| CliError::io(&tmp, e))?;
    f.write_all(bytes).and_then(|()| f.sync_all()).map_err(|e| CliError::io(&tmp, e))?;
    fs::rename(&tmp, path).map_err(|e| CliError::io(path, e))
}

/// Write `NAME.key` (0600) and `NAME.pub` for a key pair; returns both paths.
pub fn write_key_pair(base: &Path, key: &KeyPair) -> Result<(PathBuf, PathBuf), CliError> {
    let secret_path = base.with_extension("key");
    let public_path = base.with_extension("pub");
    let seed = key.seed();
    let mut text = format!("{SECRET_HEADER}\n{}\n", hex_encode(seed.expose_secret()));
    write(&secret_path, text.as_bytes(), true)?;
    zeroize::Zeroize::zeroize(&mut text);
    write_public_key(&public_path, &key.public())?;
    Ok((secret_path, public_path))
}

/// Write a public key file.
pub fn write_public_key(path: &Path, key: &PublicKey) -> Result<(), CliError> {
    write(path, format!("{PUBLIC_HEADER}\n{}\n", key.to_hex()).as_bytes(), false)
}

/// Read a secret key file, refusing one that others can read.
pub fn read_secret_key(path: &Path) -> Result<KeyPair, CliError> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(path).map_err(|e| CliError::io(path, e))?.permissions().mode();
        if mode & 0o077 != 0 {
            return Err(CliError::Input(format!(
                "{}: secret key file is readable by others (mode {:o}); run chmod 600",
                path.display(),
                mode & 0o777
            )));
        }
    }
    let mut bytes = read(path)?;
    let text = String::from_utf8_lossy(&bytes).into_owned();
    zeroize::Zeroize::zeroize(&mut bytes);
    let mut lines = text.lines();
    if lines.next() != Some(SECRET_HEADER) {
        return Err(CliError::Input(format!("{}: not a Qujat secret key file", path.display())));
    }
    let mut seed = lines.next().and_then(|l| hex_decode(l.trim())).unwrap_or_default();
    let key = SecretBytes::<32>::from_slice(&seed).map(|s| KeyPair::from_seed(&s));
    zeroize::Zeroize::zeroize(&mut seed);
    key.ok_or_else(|| CliError::Input(format!("{}: damaged secret key file", path.display())))
}

/// Read a public key: a `.pub` file, or 64 hex characters given directly.
pub fn read_public_key(arg: &str) -> Result<PublicKey, CliError> {
    if let Ok(k) = PublicKey::from_hex(arg) {
        return Ok(k);
    }
    // The apps' rule for the shipped anchor, too: a key file, bare hex or the raw 32 bytes.
    qujat_core::key_file::parse_public_key_file(&read(Path::new(arg))?)
        .ok_or_else(|| CliError::Input(format!("{arg}: not a valid Ed25519 public key (file)")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_at_the_limit_is_read_and_one_byte_more_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let at = dir.path().join("at");
        let over = dir.path().join("over");
        fs::write(&at, vec![7u8; 100]).unwrap();
        fs::write(&over, vec![7u8; 101]).unwrap();
        assert_eq!(read_limited(&at, 100).unwrap().len(), 100);
        let e = read_limited(&over, 100).unwrap_err().to_string();
        assert!(e.contains("larger than the 100-byte limit"), "{e}");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn an_endless_device_stops_at_the_limit() {
        let e = read_limited(Path::new("/dev/zero"), 1 << 20).unwrap_err().to_string();
        assert!(e.contains("larger than the 1 MiB limit"), "{e}");
    }
}
