//! The highest trust-list sequence the wallet has seen, per trust anchor, sealed in the vault.
//!
//! ```text
//! secrets["trust-sequence"] = seal(version (1) ‖ (anchor public key (32) ‖ sequence (8, BE)) …)
//! ```
//! Importing with a trust list of a lower sequence than one seen before is refused (a lower
//! sequence may be one that still lists an issuer the anchor has since dropped).

use std::collections::BTreeMap;

use rusqlite::Connection;

use super::error::VaultError;
use super::rows::{self, SecretName};
use super::seal::SealKeys;
use super::session::Session;
use super::vault::Vault;

const V1: u8 = 1;
const ENTRY: usize = 32 + 8;
/// Anchors remembered at most (bounded record; a wallet uses one or two).
const MAX_ANCHORS: usize = 64;

fn decode(bytes: &[u8]) -> Result<BTreeMap<[u8; 32], u64>, VaultError> {
    let bad = VaultError::Integrity { table: "secrets" };
    let (Some(&V1), body) = (bytes.first(), bytes.get(1..).unwrap_or_default()) else { return Err(bad) };
    if body.len() % ENTRY != 0 || body.len() / ENTRY > MAX_ANCHORS {
        return Err(bad);
    }
    let mut out = BTreeMap::new();
    for e in body.chunks_exact(ENTRY) {
        let (anchor, seq) = e.split_at(32);
        let anchor: [u8; 32] = anchor.try_into().map_err(|_| bad.clone())?;
        let seq: [u8; 8] = seq.try_into().map_err(|_| bad.clone())?;
        out.insert(anchor, u64::from_be_bytes(seq));
    }
    Ok(out)
}

fn encode(map: &BTreeMap<[u8; 32], u64>) -> Vec<u8> {
    let mut v = Vec::with_capacity(1 + ENTRY * map.len());
    v.push(V1);
    for (anchor, seq) in map {
        v.extend_from_slice(anchor);
        v.extend_from_slice(&seq.to_be_bytes());
    }
    v
}

fn read(conn: &Connection, keys: &SealKeys) -> Result<BTreeMap<[u8; 32], u64>, VaultError> {
    match rows::get_secret(conn, keys, SecretName::TrustSequence)? {
        Some(s) => decode(s.expose_secret()),
        None => Ok(BTreeMap::new()),
    }
}

impl Vault {
    /// The highest trust-list sequence seen for `anchor`, if any.
    pub fn trust_list_sequence(&self, session: &Session, anchor: &[u8; 32]) -> Result<Option<u64>, VaultError> {
        self.session_read(session, |conn, keys| Ok(read(conn, keys)?.get(anchor).copied()))
    }

    /// Admit a trust list of sequence `offered` from `anchor`: `Ok(Err(held))` when a higher
    /// sequence `held` was seen before (nothing changes); otherwise the offered sequence is
    /// kept if it is the highest so far, and `Ok(Ok(()))`.
    pub fn admit_trust_list_sequence(
        &self,
        session: &Session,
        anchor: &[u8; 32],
        offered: u64,
    ) -> Result<Result<(), u64>, VaultError> {
        let rng = self.rng.as_ref();
        self.session_write(session, |tx, keys| {
            let mut map = read(tx, keys)?;
            match map.get(anchor) {
                Some(&held) if held > offered => return Ok(Err(held)),
                Some(&held) if held == offered => return Ok(Ok(())),
                _ => {}
            }
            if !map.contains_key(anchor) && map.len() >= MAX_ANCHORS {
                // Forget the anchor with the lowest sequence (bounded record).
                if let Some(k) = map.iter().min_by_key(|(_, s)| **s).map(|(k, _)| *k) {
                    map.remove(&k);
                }
            }
            map.insert(*anchor, offered);
            rows::put_secret(tx, keys, rng, SecretName::TrustSequence, &encode(&map))?;
            Ok(Ok(()))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoding_round_trips_and_refuses_bad_lengths() {
        let map: BTreeMap<[u8; 32], u64> = [([1; 32], 7), ([2; 32], u64::MAX)].into_iter().collect();
        assert_eq!(decode(&encode(&map)).unwrap(), map);
        assert!(decode(&[]).is_err());
        assert!(decode(&[1, 0]).is_err());
        assert!(decode(&[2]).is_err());
    }
}
