//! The key chain: the platform key that wraps the data key is replaced at every unlock
//! attempt, PIN change and wipe, so that an older copy of the vault file finds no key.
//!
//! ```text
//! alias(base, 0) = base                      (files written before rotation existed)
//! alias(base, g) = base ".g" decimal(g)      (g ≥ 1)
//! config.key_alias = base, config.key_generation = g
//! ```
//! One rotation, inside the write transaction that counts the attempt (`BEGIN IMMEDIATE`, so
//! no other process can rotate in between):
//! 1. read the generation `g` from `config`;
//! 2. unwrap under `alias(g)`;
//! 3. wrap the same bundle under `alias(g + 1)` (the key store creates that key);
//! 4. write `wrapped_key` and `g + 1`, and commit;
//! 5. delete `alias(g)`.
//!
//! A kill before 4 leaves `alias(g + 1)` behind, unused: the file still names `g`, whose key
//! still exists, and the next open deletes the leftover. A kill between 4 and 5 leaves
//! `alias(g)` behind: the next open deletes it. The only window in which an older copy still
//! opens is therefore between a commit and the delete that follows it (see `docs/SECURITY.md`).
//!
//! An older copy names a generation whose key was deleted, while a newer generation of the
//! same base exists: that is [`VaultError::ReplacedByOlderCopy`], never a wrong PIN and never
//! counted. If no generation of the base exists at all, the key store lost its keys (for
//! example the app's data was cleared, or the screen lock was removed): that stays a key-store
//! error.

use rusqlite::Transaction;

use super::error::VaultError;
use super::keystore::KeyStoreError;
use super::rows::{self, ConfigRow};
use super::vault::Vault;

/// The alias of generation `generation` of the chain `base`.
pub(crate) fn alias(base: &str, generation: u64) -> String {
    if generation == 0 { base.to_owned() } else { format!("{base}.g{generation}") }
}

/// The generation `alias` names in the chain `base`, if it is one of its aliases.
pub(crate) fn generation_of(base: &str, alias: &str) -> Option<u64> {
    let rest = alias.strip_prefix(base)?;
    if rest.is_empty() {
        return Some(0);
    }
    let digits = rest.strip_prefix(".g")?;
    // Canonical decimal only: "g01" is not generation 1.
    if digits.is_empty() || digits.starts_with('0') || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().filter(|g| *g > 0)
}

impl ConfigRow {
    /// The alias of the key that wraps `wrapped_key` now.
    pub(crate) fn current_alias(&self) -> String {
        alias(&self.key_alias, self.key_generation)
    }
}

/// What a rotation leaves to do once its transaction has committed.
#[must_use = "the previous key must be deleted once the transaction has committed"]
pub(crate) struct Retired(String);

impl Vault {
    /// The generations of `base` the key store holds.
    fn generations(&self, base: &str) -> Result<Vec<u64>, VaultError> {
        let aliases = self.key_store.aliases_with_prefix(base)?;
        Ok(aliases.iter().filter_map(|a| generation_of(base, a)).collect())
    }

    /// Unwrap `config.wrapped_key` under the current generation's key. A missing key while a
    /// newer generation exists means this file is an older copy.
    pub(crate) fn unwrap_current(&self, config: &ConfigRow) -> Result<Vec<u8>, VaultError> {
        let wrapped = config.wrapped_key.as_deref().ok_or(VaultError::Integrity { table: "config" })?;
        match self.key_store.unwrap(&config.current_alias(), wrapped) {
            Ok(plain) => Ok(plain),
            Err(KeyStoreError::KeyNotFound) => {
                if self.generations(&config.key_alias)?.iter().any(|g| *g > config.key_generation) {
                    Err(VaultError::ReplacedByOlderCopy)
                } else {
                    Err(VaultError::KeyStore(KeyStoreError::KeyNotFound))
                }
            }
            Err(e) => Err(e.into()),
        }
    }

    /// Step 3 and 4 of a rotation, inside `tx`: wrap `plaintext` (the bundle, or for a wipe a
    /// marker) under the next generation and write it to `config`. The caller commits `tx`
    /// and then hands the result to [`Self::retire`].
    pub(crate) fn rotate(
        &self,
        tx: &Transaction<'_>,
        config: &mut ConfigRow,
        plaintext: &[u8],
        keep_wrapped: bool,
    ) -> Result<Retired, VaultError> {
        let previous = config.current_alias();
        let next = config.key_generation.checked_add(1).ok_or(VaultError::Integrity { table: "config" })?;
        let wrapped = self.key_store.wrap(&alias(&config.key_alias, next), plaintext)?;
        config.key_generation = next;
        config.wrapped_key = keep_wrapped.then_some(wrapped);
        rows::write_config(tx, config)?;
        Ok(Retired(previous))
    }

    /// Step 5: delete the previous generation's key. A failure is not reported: the next
    /// open deletes it ([`Self::clean_key_chain`]).
    pub(crate) fn retire(&self, retired: Retired) {
        let _ = self.key_store.delete(&retired.0);
    }

    /// At open: delete the keys a crash left behind. Runs under the write lock, so no other
    /// process is between steps 3 and 4 of a rotation. When the current generation's key
    /// exists, every other generation of the chain is a leftover: older ones were retired by
    /// a committed rotation, newer ones were never committed. When it does not exist, the
    /// file is an older copy (or the key store lost its keys) and nothing is touched.
    ///
    /// Best effort: a key store that cannot list or delete right now does not keep the vault
    /// from opening (the next open tries again).
    pub(crate) fn clean_key_chain(&self) -> Result<(), VaultError> {
        // A read first: most opens find nothing to clean and then take no write lock (and
        // work on a read-only file).
        let Some(config) = self.read_tx(rows::read_config)? else { return Ok(()) };
        let Ok(generations) = self.generations(&config.key_alias) else { return Ok(()) };
        if generations.iter().all(|g| *g == config.key_generation) {
            return Ok(());
        }
        self.write_tx(|tx| {
            let Some(config) = rows::read_config(tx)? else { return Ok(()) };
            let Ok(generations) = self.generations(&config.key_alias) else { return Ok(()) };
            if !generations.contains(&config.key_generation) {
                return Ok(());
            }
            for g in generations.into_iter().filter(|g| *g != config.key_generation) {
                let _ = self.key_store.delete(&alias(&config.key_alias, g));
            }
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_and_generations_round_trip() {
        let base = "qujat-vault-00112233";
        assert_eq!(alias(base, 0), base);
        assert_eq!(alias(base, 7), "qujat-vault-00112233.g7");
        for g in [0, 1, 9, 10, 12345, u64::MAX] {
            assert_eq!(generation_of(base, &alias(base, g)), Some(g));
        }
        for other in ["qujat-vault-0011223", "qujat-vault-00112233.g", "qujat-vault-00112233.g0", ".g1"] {
            assert_eq!(generation_of(base, other), None, "{other}");
        }
        assert_eq!(generation_of(base, "qujat-vault-00112233.g01"), None);
        assert_eq!(generation_of(base, "qujat-vault-001122334.g1"), None);
        assert_eq!(generation_of(base, "qujat-vault-00112233.g1x"), None);
        assert_eq!(generation_of(base, "qujat-vault-00112233.g99999999999999999999999"), None);
    }
}
