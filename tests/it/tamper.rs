//! Every single-character change of a valid `QJ1:` string is refused; none panics.

use qujat_core::credential::ClaimSet;
use qujat_core::verifier::Verdict;
use qujat_tests::World;

const BASE45: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

#[test]
fn every_single_character_change_is_refused() {
    let mut w = World::new("tamper");
    let b = w.issue("enu-bachelor-honors");
    let v = w.verifier();
    let text = w.present(&b, ClaimSet::default_presentation(), None).text;
    assert_eq!(v.verify(&text, None).verdict, Verdict::Valid);
    let mut tried = 0usize;
    let mut bytes = text.clone().into_bytes();
    for pos in 0..bytes.len() {
        let original = bytes[pos];
        // Every other base45 character, plus a lower-case letter and a non-ASCII byte stand-in.
        for &c in BASE45.iter().chain(b"a~") {
            if c == original {
                continue;
            }
            bytes[pos] = c;
            let changed = std::str::from_utf8(&bytes).unwrap();
            let r = v.verify(changed, None);
            assert!(!r.verdict.is_valid(), "change at {pos} to {:?} verified as VALID", c as char);
            tried += 1;
        }
        bytes[pos] = original;
    }
    assert!(tried > 600 * 44, "tried {tried}");
}

#[test]
fn truncations_and_extensions_are_refused() {
    let mut w = World::new("truncate");
    let b = w.issue("kaznu-master");
    let v = w.verifier();
    let text = w.present(&b, ClaimSet::default_presentation(), None).text;
    for n in 0..text.len() {
        assert!(!v.verify(&text[..n], None).verdict.is_valid(), "prefix of {n} chars");
    }
    for extra in ["0", "00", "000", "A%", "QJ1:"] {
        assert!(!v.verify(&format!("{text}{extra}"), None).verdict.is_valid(), "extended by {extra:?}");
    }
    // Whitespace around the string (a scanner's newline, a pasted space) is not a change.
    assert!(v.verify(&format!(" {text}\n"), None).verdict.is_valid());
}

#[test]
fn only_ascii_whitespace_is_stripped_and_the_limit_counts_after_stripping() {
    let mut w = World::new("whitespace");
    let b = w.issue("enu-bachelor-honors");
    let v = w.verifier();
    let text = w.present(&b, ClaimSet::minimal(), None).text;
    // docs/FORMAT.md §7: HT, LF, VT, FF, CR and space, at either end.
    for pad in ["\t", "\n", "\u{b}", "\u{c}", "\r\n", " "] {
        assert!(v.verify(&format!("{pad}{text}{pad}"), None).verdict.is_valid(), "{pad:?}");
    }
    // Nothing else: a no-break space, an ideographic space, a zero-width space.
    for pad in ["\u{a0}", "\u{3000}", "\u{200b}", "\u{85}"] {
        let code = |t: &str| v.verify(t, None).verdict.code();
        assert_eq!(code(&format!("{pad}{text}")), "MALFORMED", "{pad:?} before");
        assert_eq!(code(&format!("{text}{pad}")), "MALFORMED", "{pad:?} after");
    }
    // 4,296 bytes is the limit of the stripped text: padding beyond it is not counted.
    let padded = format!("{}{text}{}", "\n".repeat(5000), " ".repeat(5000));
    assert!(v.verify(&padded, None).verdict.is_valid());
}
