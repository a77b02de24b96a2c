//! The re-encoding property over mutated valid encodings: for every decoder (credential,
//! bundle, presentation COSE, QJ1 text, trust list, status list), whatever it accepts
//! re-encodes to exactly the bytes it read. Mutations are made both on the outer bytes and on
//! the payload inside the envelope (re-wrapped, so the envelope still parses), and include the
//! forms a lenient decoder would accept: non-shortest heads, indefinite lengths, tags, floats,
//! `undefined` and two-byte simple values.

use proptest::prelude::*;
use qujat_core::cose::{Context, Envelope};
use qujat_core::keys::hex_decode;
use qujat_tests::reencode::{self, Accepted};
use qujat_tests::vectors;

/// The valid objects, with the context of their envelope (`None`: the bundle, not signed).
fn seeds() -> Vec<(Vec<u8>, Option<Context>)> {
    let v = vectors::generate();
    let hex = |n: &str| hex_decode(&v.iter().find(|(k, _)| *k == n).unwrap().1).unwrap();
    vec![
        (hex("credential"), Some(Context::Credential)),
        (hex("bundle"), None),
        (hex("presentation-cose"), Some(Context::Presentation)),
        (hex("trust-list"), Some(Context::TrustList)),
        (hex("status-list"), Some(Context::StatusList)),
    ]
}

/// Bytes a lenient decoder reads as something else, or that break determinism.
const SPECIAL: [u8; 16] =
    [0xf7, 0xf8, 0xf4, 0xf5, 0xf6, 0xc2, 0xd2, 0x9f, 0xbf, 0x5f, 0x7f, 0xff, 0xf9, 0xfb, 0x18, 0x00];

#[derive(Debug, Clone)]
enum Mutation {
    Set(usize, u8),
    Insert(usize, u8),
    Remove(usize),
    /// Re-spell the one-byte head at a position in its two-byte, non-shortest form.
    Widen(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let byte = prop_oneof![any::<u8>(), proptest::sample::select(SPECIAL.to_vec())];
    prop_oneof![
        (any::<usize>(), byte.clone()).prop_map(|(i, b)| Mutation::Set(i, b)),
        (any::<usize>(), byte).prop_map(|(i, b)| Mutation::Insert(i, b)),
        any::<usize>().prop_map(Mutation::Remove),
        any::<usize>().prop_map(Mutation::Widen),
    ]
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    if bytes.is_empty() {
        return;
    }
    match *m {
        Mutation::Set(i, b) => {
            let i = i % bytes.len();
            bytes[i] = b;
        }
        Mutation::Insert(i, b) => bytes.insert(i % (bytes.len() + 1), b),
        Mutation::Remove(i) => {
            bytes.remove(i % bytes.len());
        }
        Mutation::Widen(i) => {
            let i = i % bytes.len();
            let b = bytes[i];
            if b >> 5 != 7 && b & 0x1f < 24 {
                bytes[i] = (b & 0xe0) | 24;
                bytes.insert(i + 1, b & 0x1f);
            }
        }
    }
}

fn check(bytes: &[u8]) -> Accepted {
    reencode::check_bytes(bytes).unwrap_or_else(|e| panic!("{e}: {}", qujat_core::keys::hex_encode(bytes)))
}

#[test]
fn the_valid_vectors_are_accepted_and_re_encode_exactly() {
    let accepted: Vec<Accepted> = seeds().iter().map(|(b, _)| check(b)).collect();
    assert!(accepted[0].credential);
    assert!(accepted[1].bundle);
    assert!(accepted[2].presentation);
    assert!(accepted[3].trust_list);
    assert!(accepted[4].status_list);
    let v = vectors::generate();
    for name in ["presentation", "presentation-challenge-042917"] {
        let text = &v.iter().find(|(k, _)| *k == name).unwrap().1;
        assert!(reencode::check_text(text).unwrap().qj1, "{name}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1024, ..ProptestConfig::default() })]

    #[test]
    fn mutated_envelopes_re_encode_exactly_when_accepted(
        which in 0usize..5,
        mutations in proptest::collection::vec(mutation(), 1..4),
    ) {
        let (mut bytes, _) = seeds().swap_remove(which);
        for m in &mutations {
            apply(&mut bytes, m);
        }
        check(&bytes);
    }

    #[test]
    fn mutated_payloads_re_encode_exactly_when_accepted(
        which in 0usize..5,
        mutations in proptest::collection::vec(mutation(), 1..4),
    ) {
        let (bytes, ctx) = seeds().swap_remove(which);
        // The payload (the bundle itself when unsigned), mutated and wrapped again: the
        // envelope still parses, so every payload decoder sees the mutation.
        let rewrap = match ctx {
            Some(ctx) => {
                let env = Envelope::parse(&bytes, ctx).unwrap();
                let mut payload = env.payload_unverified().to_vec();
                for m in &mutations {
                    apply(&mut payload, m);
                }
                check(&payload);
                env.encode_with_payload(payload)
            }
            None => {
                let mut b = bytes.clone();
                for m in &mutations {
                    apply(&mut b, m);
                }
                b
            }
        };
        check(&rewrap);
    }

    #[test]
    fn mutated_texts_re_encode_exactly_when_accepted(
        at in any::<usize>(),
        c in proptest::sample::select(b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:a \t\n".to_vec()),
        pad in proptest::sample::select(vec!["", " ", "\n", "\r\n", "\t ", "\u{a0}"]),
    ) {
        let v = vectors::generate();
        let text = &v.iter().find(|(k, _)| *k == "presentation").unwrap().1;
        let mut chars: Vec<char> = text.chars().collect();
        let i = at % chars.len();
        chars[i] = char::from(c);
        let changed: String = chars.into_iter().collect();
        let padded = format!("{pad}{changed}{pad}");
        reencode::check_text(&padded).unwrap_or_else(|e| panic!("{e}: {padded:?}"));
    }
}
