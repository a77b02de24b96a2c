//! Sealed values: XChaCha20-Poly1305 with the record's place as associated data.
//!
//! Layout of every sealed value: `version (1 byte) ‖ nonce (24 bytes) ‖ ciphertext ‖ tag (16)`.
//! The associated data names the table, the column, the record id and the version, each
//! length-prefixed, so a value copied to another row, column or table fails to open.
//!
//! The data key itself is never used directly: [`SealKeys::derive`] splits it with
//! HMAC-SHA256 into an encryption key and a lookup key (for keyed-hash row ids).

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::platform::{SecureRandom, random_array};
use crate::secret::{SecretBytes, SecretVec};

use super::error::VaultError;

/// The only sealed-value format so far.
pub(crate) const SEAL_V1: u8 = 1;
const NONCE_LEN: usize = 24;
const TAG_LEN: usize = 16;
/// Bytes a sealed value adds to its plaintext.
pub(crate) const OVERHEAD: usize = 1 + NONCE_LEN + TAG_LEN;

/// Encrypt under `key` with a fresh random nonce; `aad` is authenticated, not stored.
pub(crate) fn aead_seal(
    key: &SecretBytes<32>,
    rng: &dyn SecureRandom,
    aad: &[u8],
    plaintext: &[u8],
) -> Result<Vec<u8>, VaultError> {
    let cipher = XChaCha20Poly1305::new_from_slice(key.expose_secret()).map_err(|_| VaultError::Random)?;
    let nonce_bytes = random_array::<NONCE_LEN>(rng)?;
    let nonce = XNonce::from(nonce_bytes);
    let ct = cipher.encrypt(&nonce, Payload { msg: plaintext, aad }).map_err(|_| VaultError::Random)?;
    let mut out = Vec::with_capacity(OVERHEAD + plaintext.len());
    out.push(SEAL_V1);
    out.extend_from_slice(&nonce_bytes);
    out.extend_from_slice(&ct);
    Ok(out)
}

/// Open what [`aead_seal`] produced; `None` for any failure (wrong key, tampering, bad
/// version, truncation). Callers map `None` to the right typed error.
pub(crate) fn aead_open(key: &SecretBytes<32>, aad: &[u8], sealed: &[u8]) -> Option<SecretVec> {
    if sealed.len() < OVERHEAD || sealed[0] != SEAL_V1 {
        return None;
    }
    let cipher = XChaCha20Poly1305::new_from_slice(key.expose_secret()).ok()?;
    let nonce_bytes: [u8; NONCE_LEN] = sealed[1..1 + NONCE_LEN].try_into().ok()?;
    let nonce = XNonce::from(nonce_bytes);
    cipher.decrypt(&nonce, Payload { msg: &sealed[1 + NONCE_LEN..], aad }).ok().map(SecretVec::new)
}

/// Length-prefixed concatenation, so that no two different lists of parts collide.
pub(crate) fn framed(parts: &[&[u8]]) -> Vec<u8> {
    let mut out = Vec::new();
    for p in parts {
        let len = u32::try_from(p.len()).unwrap_or(u32::MAX);
        out.extend_from_slice(&len.to_be_bytes());
        out.extend_from_slice(p);
    }
    out
}

/// HMAC-SHA256 over the [`framed`] parts.
pub(crate) fn hmac_sha256(key: &[u8], parts: &[&[u8]]) -> [u8; 32] {
    // HMAC accepts keys of any length, so this cannot fail.
    let Ok(mac) = <Hmac<Sha256> as KeyInit>::new_from_slice(key) else {
        return [0; 32];
    };
    hmac_framed(mac, parts)
}

/// Finish `mac` (already keyed) over the [`framed`] parts, without building them in memory.
fn hmac_framed(mut mac: Hmac<Sha256>, parts: &[&[u8]]) -> [u8; 32] {
    for p in parts {
        mac.update(&u32::try_from(p.len()).unwrap_or(u32::MAX).to_be_bytes());
        mac.update(p);
    }
    mac.finalize().into_bytes().into()
}

/// Where a sealed value lives: bound into its associated data.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Place<'a> {
    /// Table name (also reported in integrity errors).
    pub table: &'static str,
    /// Column name.
    pub column: &'static str,
    /// The row's id as stored.
    pub id: &'a [u8],
}

impl Place<'_> {
    fn aad(&self) -> Vec<u8> {
        framed(&[b"qujat/sealed-record", &[SEAL_V1], self.table.as_bytes(), self.column.as_bytes(), self.id])
    }
}

/// The keys derived from the data key for one unlocked session. Zeroized on drop.
pub(crate) struct SealKeys {
    aead: SecretBytes<32>,
    /// HMAC-SHA256 keyed with the lookup key (its key schedule done once, not per row id).
    /// The hmac crate zeroizes its state on drop (its `zeroize` feature).
    lookup: Hmac<Sha256>,
}

impl SealKeys {
    /// Split the data key into independent sub-keys.
    pub(crate) fn derive(data_key: &SecretBytes<32>) -> Self {
        let dk = data_key.expose_secret();
        let lookup = SecretBytes::new(hmac_sha256(dk, &[b"qujat/v1/lookup-ids"]));
        Self {
            aead: SecretBytes::new(hmac_sha256(dk, &[b"qujat/v1/record-encryption"])),
            // HMAC accepts keys of any length, so this cannot fail.
            lookup: <Hmac<Sha256> as KeyInit>::new_from_slice(lookup.expose_secret())
                .expect("HMAC takes keys of any length"),
        }
    }

    /// Seal `plaintext` for `place`.
    pub(crate) fn seal(
        &self,
        rng: &dyn SecureRandom,
        place: Place<'_>,
        plaintext: &[u8],
    ) -> Result<Vec<u8>, VaultError> {
        aead_seal(&self.aead, rng, &place.aad(), plaintext)
    }

    /// Open a value sealed for `place`; any failure is [`VaultError::Integrity`].
    pub(crate) fn open(&self, place: Place<'_>, sealed: &[u8]) -> Result<SecretVec, VaultError> {
        aead_open(&self.aead, &place.aad(), sealed).ok_or(VaultError::Integrity { table: place.table })
    }

    /// A row id that reveals nothing about `data` without the data key.
    pub(crate) fn lookup_id(&self, domain: &str, data: &[u8]) -> [u8; 32] {
        hmac_framed(self.lookup.clone(), &[domain.as_bytes(), data])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::SeededRandom;

    fn keys() -> SealKeys {
        SealKeys::derive(&SecretBytes::new([9; 32]))
    }

    const P: Place<'static> = Place { table: "credentials", column: "bundle", id: b"row-1" };

    #[test]
    fn round_trip_and_layout() {
        let rng = SeededRandom::new(b"seal");
        let k = keys();
        let s = k.seal(&rng, P, b"diploma").unwrap();
        assert_eq!(s.len(), 7 + OVERHEAD);
        assert_eq!(s[0], SEAL_V1);
        assert_eq!(k.open(P, &s).unwrap().expose_secret(), b"diploma");
        // Fresh nonce each time.
        assert_ne!(k.seal(&rng, P, b"diploma").unwrap(), s);
    }

    #[test]
    fn every_flipped_bit_position_is_caught() {
        let rng = SeededRandom::new(b"seal");
        let k = keys();
        let s = k.seal(&rng, P, b"Seitkali 0012345").unwrap();
        for i in 0..s.len() {
            for bit in [0x01, 0x80] {
                let mut t = s.clone();
                t[i] ^= bit;
                assert_eq!(k.open(P, &t).unwrap_err(), VaultError::Integrity { table: "credentials" });
            }
        }
        assert!(k.open(P, &s[..s.len() - 1]).is_err());
        assert!(k.open(P, &[]).is_err());
    }

    #[test]
    fn another_place_or_key_does_not_open() {
        let rng = SeededRandom::new(b"seal");
        let k = keys();
        let s = k.seal(&rng, P, b"x").unwrap();
        for other in [Place { id: b"row-2", ..P }, Place { column: "summary", ..P }, Place { table: "secrets", ..P }] {
            assert!(k.open(other, &s).is_err());
        }
        let k2 = SealKeys::derive(&SecretBytes::new([8; 32]));
        assert!(k2.open(P, &s).is_err());
    }

    #[test]
    fn lookup_ids_are_keyed_and_domain_separated() {
        let k = keys();
        let a = k.lookup_id("credential", &[1; 32]);
        assert_eq!(a, k.lookup_id("credential", &[1; 32]));
        assert_ne!(a, k.lookup_id("secret", &[1; 32]));
        assert_ne!(a, SealKeys::derive(&SecretBytes::new([8; 32])).lookup_id("credential", &[1; 32]));
        assert_ne!(&a[..], &[1; 32][..]);
    }
}
