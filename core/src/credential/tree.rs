//! The selective-disclosure tree: salted leaf digests under a Merkle root, with salts
//! derived from a seed tree of the same shape.
//!
//! The issuer picks a random 128-bit root seed. Each node's seed derives its two children's
//! seeds; the seed of leaf `i` is that leaf's salt. Leaf digests are salted hashes of the
//! claim values; inner nodes hash their children; the issuer signs the root.
//!
//! To disclose a set of leaves the holder sends, in preorder over the canonical cover of the
//! tree, the *seed* of every maximal fully-disclosed subtree and the *hash* of every maximal
//! fully-hidden subtree. The verifier rebuilds the root from those and the disclosed values.
//! A hidden leaf's salt is never revealed (its seed is only reachable from ancestors that
//! stay hidden), so a hidden claim cannot be guessed from its digest, however small its
//! value space (a birth date, an IIN). Every seed, salt and digest is 128 bits.
//!
//! See `docs/FORMAT.md` § "Disclosure tree" for the exact byte layout.

use ciborium::Value;
use sha2::{Digest, Sha256};

use super::claims::SLOTS;
use crate::secret::SecretBytes;

/// Length of seeds, salts and digests.
pub const NODE_LEN: usize = 16;
/// Depth of the tree (2^DEPTH = [`SLOTS`] leaves).
pub const DEPTH: u32 = 4;

/// Reserved slots (always `null`): they never force a subtree to be split.
const RESERVED_MASK: u16 = 0xC000;

/// How the cover treats a subtree.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Cover {
    /// No disclosed claim below: send the subtree hash.
    Hidden,
    /// Every claim below disclosed (reserved slots count as disclosed): send the subtree seed.
    Disclosed,
    /// Mixed: descend.
    Split,
}

fn classify(level: u32, idx: usize, disclosed: u16) -> Cover {
    let m = subtree_mask(level, idx);
    let d = disclosed & !RESERVED_MASK;
    if d & m == 0 {
        Cover::Hidden
    } else if (d | RESERVED_MASK) & m == m {
        Cover::Disclosed
    } else {
        Cover::Split
    }
}

/// A 16-byte node value (a hash or a public seed of a disclosed subtree).
pub type Node = [u8; NODE_LEN];

fn truncated(parts: &[&[u8]]) -> Node {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p);
    }
    let full = h.finalize();
    let mut out = [0u8; NODE_LEN];
    out.copy_from_slice(&full[..NODE_LEN]);
    out
}

/// `seed(child b) = SHA-256("QJ1 seed" ‖ b ‖ seed)[..16]`, `b` = 0 (left) or 1 (right).
pub fn child_seed(seed: &Node, bit: u8) -> Node {
    truncated(&[b"QJ1 seed", &[bit], seed])
}

/// `leaf(i) = SHA-256("QJ1 leaf" ‖ salt ‖ i ‖ value)[..16]`, `value` the deterministic CBOR.
pub fn leaf_digest(salt: &Node, slot: u8, value_cbor: &[u8]) -> Node {
    truncated(&[b"QJ1 leaf", salt, &[slot], value_cbor])
}

/// `node = SHA-256("QJ1 node" ‖ left ‖ right)[..16]`.
pub fn node_hash(left: &Node, right: &Node) -> Node {
    truncated(&[b"QJ1 node", left, right])
}

/// Deterministic CBOR bytes of a value (RFC 8949 §4.2.1: shortest forms, definite lengths).
pub fn cbor_bytes(v: &Value) -> Vec<u8> {
    let mut out = Vec::new();
    // Writing into a Vec cannot fail.
    let _ = ciborium::into_writer(v, &mut out);
    out
}

/// The subtree at `level` (0 = root) and position `idx` covers leaves
/// `idx << (DEPTH - level) .. (idx + 1) << (DEPTH - level)`.
fn subtree_mask(level: u32, idx: usize) -> u16 {
    let width = 1usize << (DEPTH - level);
    let ones: u32 = (1u32 << width) - 1;
    u16::try_from(ones << (idx * width)).unwrap_or(u16::MAX)
}

/// Compute the root digest from the root seed and all leaf values (`Value::Null` where empty).
pub fn root(root_seed: &SecretBytes<NODE_LEN>, leaves: &[Value; SLOTS]) -> Node {
    subtree_hash(root_seed.expose_secret(), 0, 0, &mut leaves.iter())
}

/// Hash of the subtree at (`level`, `idx`) given its seed, consuming its leaves' values in order.
fn subtree_hash<'a>(seed: &Node, level: u32, idx: usize, values: &mut impl Iterator<Item = &'a Value>) -> Node {
    if level == DEPTH {
        let v = values.next().unwrap_or(&Value::Null);
        let slot = u8::try_from(idx).unwrap_or(u8::MAX);
        return leaf_digest(seed, slot, &cbor_bytes(v));
    }
    let l = subtree_hash(&child_seed(seed, 0), level + 1, 2 * idx, values);
    let r = subtree_hash(&child_seed(seed, 1), level + 1, 2 * idx + 1, values);
    node_hash(&l, &r)
}

/// Build the cover for `disclosed` (mask over slots): the preorder list of seeds and hashes.
pub fn prove(root_seed: &SecretBytes<NODE_LEN>, leaves: &[Value; SLOTS], disclosed: u16) -> Vec<u8> {
    let mut out = Vec::new();
    prove_at(root_seed.expose_secret(), 0, 0, leaves, disclosed, &mut out);
    out
}

fn prove_at(seed: &Node, level: u32, idx: usize, leaves: &[Value; SLOTS], disclosed: u16, out: &mut Vec<u8>) {
    match classify(level, idx, disclosed) {
        Cover::Disclosed => out.extend_from_slice(seed),
        Cover::Hidden => {
            let first = idx << (DEPTH - level);
            out.extend_from_slice(&subtree_hash(seed, level, idx, &mut leaves[first..].iter()));
        }
        Cover::Split => {
            prove_at(&child_seed(seed, 0), level + 1, 2 * idx, leaves, disclosed, out);
            prove_at(&child_seed(seed, 1), level + 1, 2 * idx + 1, leaves, disclosed, out);
        }
    }
}

/// Number of 16-byte nodes in the cover of `disclosed`.
pub fn cover_len(disclosed: u16) -> usize {
    fn at(level: u32, idx: usize, d: u16) -> usize {
        match classify(level, idx, d) {
            Cover::Split => at(level + 1, 2 * idx, d) + at(level + 1, 2 * idx + 1, d),
            _ => 1,
        }
    }
    at(0, 0, disclosed)
}

/// The cover does not match the mask (wrong length).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("disclosure proof has the wrong length for its mask")]
pub struct CoverLengthError;

/// Rebuild the root from a cover. `values` yields the CBOR bytes of each disclosed leaf in slot
/// order, including `null` (`0xf6`) for the reserved slots 14 and 15.
pub fn root_from_cover(disclosed: u16, cover: &[u8], values: &[Vec<u8>; SLOTS]) -> Result<Node, CoverLengthError> {
    if cover.len() != cover_len(disclosed) * NODE_LEN {
        return Err(CoverLengthError);
    }
    let mut nodes = cover.chunks_exact(NODE_LEN);
    verify_at(0, 0, disclosed, &mut nodes, values).ok_or(CoverLengthError)
}

fn verify_at(
    level: u32,
    idx: usize,
    d: u16,
    nodes: &mut std::slice::ChunksExact<'_, u8>,
    values: &[Vec<u8>; SLOTS],
) -> Option<Node> {
    match classify(level, idx, d) {
        Cover::Hidden => nodes.next()?.try_into().ok(),
        Cover::Disclosed => {
            let seed: Node = nodes.next()?.try_into().ok()?;
            Some(hash_from_seed(&seed, level, idx, values))
        }
        Cover::Split => {
            let l = verify_at(level + 1, 2 * idx, d, nodes, values)?;
            let r = verify_at(level + 1, 2 * idx + 1, d, nodes, values)?;
            Some(node_hash(&l, &r))
        }
    }
}

fn hash_from_seed(seed: &Node, level: u32, idx: usize, values: &[Vec<u8>; SLOTS]) -> Node {
    if level == DEPTH {
        let slot = u8::try_from(idx).unwrap_or(u8::MAX);
        return leaf_digest(seed, slot, &values[idx]);
    }
    let l = hash_from_seed(&child_seed(seed, 0), level + 1, 2 * idx, values);
    let r = hash_from_seed(&child_seed(seed, 1), level + 1, 2 * idx + 1, values);
    node_hash(&l, &r)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn leaves() -> [Value; SLOTS] {
        let mut l: [Value; SLOTS] = std::array::from_fn(|i| Value::Integer((i as u64 * 7).into()));
        l[14] = Value::Null;
        l[15] = Value::Null;
        l
    }

    fn encoded(l: &[Value; SLOTS]) -> [Vec<u8>; SLOTS] {
        std::array::from_fn(|i| cbor_bytes(&l[i]))
    }

    #[test]
    fn default_cover_is_one_seed_and_one_hash() {
        assert_eq!(cover_len(0x00ff), 2);
        assert_eq!(cover_len(0x3fff), 1);
        assert_eq!(cover_len(0), 1);
        assert_eq!(cover_len(0x0001), 5);
    }

    #[test]
    fn wrong_value_changes_root() {
        let seed = SecretBytes::new([9u8; 16]);
        let l = leaves();
        let r = root(&seed, &l);
        let cover = prove(&seed, &l, 0x00ff);
        let mut vals = encoded(&l);
        assert_eq!(root_from_cover(0x00ff, &cover, &vals), Ok(r));
        vals[3] = cbor_bytes(&Value::Integer(22.into()));
        assert_ne!(root_from_cover(0x00ff, &cover, &vals), Ok(r));
        assert_eq!(root_from_cover(0x00ff, &cover[1..], &vals), Err(CoverLengthError));
    }

    proptest! {
        #[test]
        fn any_mask_round_trips(mask in 0u16..0x4000, seed in any::<[u8; 16]>()) {
            let seed = SecretBytes::new(seed);
            let l = leaves();
            let r = root(&seed, &l);
            let cover = prove(&seed, &l, mask);
            prop_assert_eq!(cover.len(), cover_len(mask) * NODE_LEN);
            // Hidden leaves' values do not matter to the verifier.
            let mut vals = encoded(&l);
            for (i, v) in vals.iter_mut().enumerate() {
                if mask & (1 << i) == 0 && i < 14 { *v = vec![0xff]; }
            }
            prop_assert_eq!(root_from_cover(mask, &cover, &vals), Ok(r));
        }

        #[test]
        fn hidden_leaf_salts_are_not_in_the_cover(mask in 0u16..0x4000, seed in any::<[u8; 16]>()) {
            // For every hidden leaf, its salt (leaf seed) appears nowhere in the cover.
            let s = SecretBytes::new(seed);
            let cover = prove(&s, &leaves(), mask);
            for leaf in 0..14usize {
                if mask & (1 << leaf) != 0 { continue; }
                // Neither the leaf's salt nor any ancestor seed may appear in the cover.
                let mut node = seed;
                prop_assert!(!cover.chunks(NODE_LEN).any(|c| c == node));
                for level in (0..DEPTH).rev() {
                    node = child_seed(&node, u8::from((leaf >> level) & 1 == 1));
                    prop_assert!(!cover.chunks(NODE_LEN).any(|c| c == node));
                }
            }
        }
    }
}
