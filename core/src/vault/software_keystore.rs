//! A key store in software, for the CLI, desktop demos and tests.
//!
//! **It is not hardware-backed** and says so through [`KeyStore::is_hardware_backed`]. Its keys
//! live in process memory or in files of mode 0600 in a directory of mode 0700. Anyone who can
//! read that directory *and* the vault file can run the PIN search offline; only the Argon2id
//! cost slows them down. A phone must use the platform key store instead.

use std::collections::HashMap;
use std::fmt;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use crate::platform::SecureRandom;
use crate::secret::SecretBytes;

use super::keystore::{KeyStore, KeyStoreError};
use super::seal::{aead_open, aead_seal, framed};

enum Backing {
    Memory,
    Directory(PathBuf),
}

/// A software [`KeyStore`]: keys in memory, or in key files in a directory.
pub struct SoftwareKeyStore {
    backing: Backing,
    rng: Arc<dyn SecureRandom>,
    keys: Mutex<HashMap<String, SecretBytes<32>>>,
}

impl fmt::Debug for SoftwareKeyStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.backing {
            Backing::Memory => "memory",
            Backing::Directory(_) => "directory",
        };
        write!(f, "SoftwareKeyStore({kind}, not hardware-backed)")
    }
}

impl SoftwareKeyStore {
    /// Keys that live only as long as this value (tests).
    pub fn in_memory(rng: Arc<dyn SecureRandom>) -> Self {
        Self { backing: Backing::Memory, rng, keys: Mutex::new(HashMap::new()) }
    }

    /// Keys in `<dir>/<alias>.key`, the directory created with mode 0700 if missing.
    pub fn in_directory(dir: impl Into<PathBuf>, rng: Arc<dyn SecureRandom>) -> Result<Self, KeyStoreError> {
        let dir = dir.into();
        fs::create_dir_all(&dir).map_err(|_| KeyStoreError::Io)?;
        restrict(&dir, 0o700)?;
        Ok(Self { backing: Backing::Directory(dir), rng, keys: Mutex::new(HashMap::new()) })
    }

    fn key_path(dir: &Path, alias: &str) -> PathBuf {
        dir.join(format!("{alias}.key"))
    }

    /// The key for `alias`; created when `create` is set and none exists.
    fn key(&self, alias: &str, create: bool) -> Result<SecretBytes<32>, KeyStoreError> {
        check_alias(alias)?;
        let mut keys = self.keys.lock().unwrap_or_else(PoisonError::into_inner);
        // Keys in a directory are read from their file every time, never cached: another
        // process may have deleted one (a key rotation), and a deleted key must not live on in
        // this process's memory.
        if let (Backing::Memory, Some(k)) = (&self.backing, keys.get(alias)) {
            return Ok(k.duplicate());
        }
        if let Backing::Directory(dir) = &self.backing {
            match fs::read(Self::key_path(dir, alias)) {
                Ok(bytes) => {
                    let key = SecretBytes::from_slice(&bytes).ok_or(KeyStoreError::InvalidData);
                    let mut bytes = bytes;
                    zeroize::Zeroize::zeroize(&mut bytes);
                    return key;
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(_) => return Err(KeyStoreError::Io),
            }
        }
        if !create {
            return Err(KeyStoreError::KeyNotFound);
        }
        let key = SecretBytes::<32>::random(self.rng.as_ref()).map_err(|_| KeyStoreError::Unavailable)?;
        match &self.backing {
            Backing::Directory(dir) => write_key_file(dir, &Self::key_path(dir, alias), key.expose_secret())?,
            Backing::Memory => {
                keys.insert(alias.to_owned(), key.duplicate());
            }
        }
        Ok(key)
    }
}

fn aad(alias: &str) -> Vec<u8> {
    framed(&[b"qujat/software-keystore/v1", alias.as_bytes()])
}

impl KeyStore for SoftwareKeyStore {
    fn wrap(&self, alias: &str, plaintext: &[u8]) -> Result<Vec<u8>, KeyStoreError> {
        let key = self.key(alias, true)?;
        aead_seal(&key, self.rng.as_ref(), &aad(alias), plaintext).map_err(|_| KeyStoreError::Unavailable)
    }

    fn unwrap(&self, alias: &str, wrapped: &[u8]) -> Result<Vec<u8>, KeyStoreError> {
        let key = self.key(alias, false)?;
        let plain = aead_open(&key, &aad(alias), wrapped).ok_or(KeyStoreError::InvalidData)?;
        Ok(plain.expose_secret().to_vec())
    }

    fn delete(&self, alias: &str) -> Result<(), KeyStoreError> {
        check_alias(alias)?;
        self.keys.lock().unwrap_or_else(PoisonError::into_inner).remove(alias);
        if let Backing::Directory(dir) = &self.backing {
            let path = Self::key_path(dir, alias);
            if path.exists() {
                // Overwrite before unlinking (best effort: flash storage may keep old blocks).
                let _ = fs::OpenOptions::new().write(true).open(&path).and_then(|mut f| {
                    f.write_all(&[0u8; 32])?;
                    f.sync_all()
                });
                // Another process may have deleted it meanwhile: gone is what was asked.
                match fs::remove_file(&path) {
                    Ok(()) => {}
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                    Err(_) => return Err(KeyStoreError::Io),
                }
                sync_dir(dir);
            }
        }
        Ok(())
    }

    fn aliases_with_prefix(&self, prefix: &str) -> Result<Vec<String>, KeyStoreError> {
        match &self.backing {
            Backing::Memory => {
                let keys = self.keys.lock().unwrap_or_else(PoisonError::into_inner);
                Ok(keys.keys().filter(|a| a.starts_with(prefix)).cloned().collect())
            }
            Backing::Directory(dir) => {
                let mut out = Vec::new();
                for entry in fs::read_dir(dir).map_err(|_| KeyStoreError::Io)? {
                    let name = entry.map_err(|_| KeyStoreError::Io)?.file_name();
                    let Some(alias) = name.to_str().and_then(|n| n.strip_suffix(".key")) else { continue };
                    if alias.starts_with(prefix) && check_alias(alias).is_ok() {
                        out.push(alias.to_owned());
                    }
                }
                Ok(out)
            }
        }
    }

    fn is_hardware_backed(&self) -> bool {
        false
    }
}

/// Aliases become file names: keep them to a safe alphabet.
fn check_alias(alias: &str) -> Result<(), KeyStoreError> {
    let ok = !alias.is_empty()
        && alias.len() <= 64
        && !alias.starts_with('.')
        && alias.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.');
    if ok { Ok(()) } else { Err(KeyStoreError::BadAlias) }
}

/// Write a key file crash-safely: temp file (0600), fsync, rename, fsync the directory.
fn write_key_file(dir: &Path, path: &Path, key: &[u8; 32]) -> Result<(), KeyStoreError> {
    let tmp = path.with_extension("key.tmp");
    let mut opts = fs::OpenOptions::new();
    opts.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut f = opts.open(&tmp).map_err(|_| KeyStoreError::Io)?;
    f.write_all(key).and_then(|_| f.sync_all()).map_err(|_| KeyStoreError::Io)?;
    drop(f);
    fs::rename(&tmp, path).map_err(|_| KeyStoreError::Io)?;
    sync_dir(dir);
    Ok(())
}

fn sync_dir(dir: &Path) {
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

fn restrict(path: &Path, mode: u32) -> Result<(), KeyStoreError> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(path, fs::Permissions::from_mode(mode)).map_err(|_| KeyStoreError::Io)?;
    }
    let _ = (path, mode);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::SeededRandom;
    use crate::vault::test_support::TempDir;

    fn rng() -> Arc<dyn SecureRandom> {
        Arc::new(SeededRandom::new(b"ks"))
    }

    #[test]
    fn says_it_is_not_hardware_backed() {
        assert!(!SoftwareKeyStore::in_memory(rng()).is_hardware_backed());
        assert!(format!("{:?}", SoftwareKeyStore::in_memory(rng())).contains("not hardware-backed"));
    }

    #[test]
    fn wrap_unwrap_delete_in_memory() {
        let ks = SoftwareKeyStore::in_memory(rng());
        let w = ks.wrap("a", b"secret").unwrap();
        assert_eq!(ks.unwrap("a", &w).unwrap(), b"secret");
        assert_eq!(ks.unwrap("b", &w), Err(KeyStoreError::KeyNotFound));
        let mut bad = w.clone();
        bad[5] ^= 1;
        assert_eq!(ks.unwrap("a", &bad), Err(KeyStoreError::InvalidData));
        ks.wrap("a.g2", b"x").unwrap();
        ks.wrap("b", b"x").unwrap();
        let mut found = ks.aliases_with_prefix("a").unwrap();
        found.sort();
        assert_eq!(found, ["a", "a.g2"]);
        ks.delete("a").unwrap();
        assert_eq!(ks.unwrap("a", &w), Err(KeyStoreError::KeyNotFound));
        assert_eq!(ks.aliases_with_prefix("a").unwrap(), ["a.g2"]);
        ks.delete("a").unwrap();
        assert_eq!(ks.wrap("../etc", b"x"), Err(KeyStoreError::BadAlias));
        assert_eq!(ks.wrap("", b"x"), Err(KeyStoreError::BadAlias));
    }

    #[test]
    fn key_files_persist_with_private_modes_and_delete() {
        let dir = TempDir::new("ks");
        let path = dir.path().join("keys");
        let w = SoftwareKeyStore::in_directory(&path, rng()).unwrap().wrap("vault-1", b"dk").unwrap();
        let again = SoftwareKeyStore::in_directory(&path, rng()).unwrap();
        assert_eq!(again.unwrap("vault-1", &w).unwrap(), b"dk");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode(&path), 0o700);
            assert_eq!(mode(&path.join("vault-1.key")), 0o600);
        }
        assert_eq!(again.aliases_with_prefix("vault-").unwrap(), ["vault-1"]);
        // A key deleted by another instance (another process) is gone here too: no cache.
        let other = SoftwareKeyStore::in_directory(&path, rng()).unwrap();
        other.delete("vault-1").unwrap();
        assert_eq!(again.unwrap("vault-1", &w), Err(KeyStoreError::KeyNotFound));
        assert!(again.aliases_with_prefix("vault-").unwrap().is_empty());
        again.delete("vault-1").unwrap();
        assert!(!path.join("vault-1.key").exists());
        let third = SoftwareKeyStore::in_directory(&path, rng()).unwrap();
        assert_eq!(third.unwrap("vault-1", &w), Err(KeyStoreError::KeyNotFound));
    }
}
