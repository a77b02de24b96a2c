//! The test-only API exists exactly when the `testing` feature is on.
//!
//! uniffi describes every exported item in a `UNIFFI_META_*` symbol that the bindings are
//! generated from; this test looks for those symbols (and for the enum variant's name) in its
//! own executable. Run as `cargo test -p qujat-ffi --lib` it checks the shipped configuration
//! (none of them), and in the workspace build (`testing` on through `qujat-tests`) that the
//! search finds them, so it would notice both a test-only item leaking into the shipped API and
//! a search that finds nothing.

/// uniffi's metadata symbols of the test-only items, and the name of the test-only variant,
/// each in two halves joined at run time (the whole names must not be literals in this very
/// executable, where the search would find them).
const TEST_ONLY: &[[&str; 2]] = &[
    [META, "CONSTRUCTOR_WALLET_OPEN_WITH_CLOCK"],
    [META, "CONSTRUCTOR_VERIFIER_WITH_CLOCK"],
    [META, "CONSTRUCTOR_VERIFIER_OPEN_WITH_CLOCK"],
    [META, "INTERFACE_CLOCK"],
    [META, "INTERFACE_ISSUERTOOL"],
    [META, "INTERFACE_TRUSTANCHORTOOL"],
    [META, "ERROR_ISSUERERROR"],
    ["Insecure", "ForTests"],
];

/// Items every build ships: proof that the search itself works.
const SHIPPED: &[[&str; 2]] =
    &[[META, "CONSTRUCTOR_WALLET_OPEN"], [META, "CONSTRUCTOR_VERIFIER_OPEN"], [META, "ENUM_KDFCOST"]];

const META: &str = "UNIFFI_META_QUJAT_FFI_";

/// Every identifier-like run of bytes in `bytes`.
fn words(bytes: &[u8]) -> std::collections::HashSet<&[u8]> {
    bytes.split(|b| !(b.is_ascii_alphanumeric() || *b == b'_')).filter(|w| w.len() > 8).collect()
}

#[test]
fn test_only_api_is_there_exactly_with_the_testing_feature() {
    let exe = std::fs::read(std::env::current_exe().unwrap()).unwrap();
    let words = words(&exe);
    let contains = |name: &str| words.contains(name.as_bytes());
    for name in SHIPPED.iter().map(|n| n.concat()) {
        assert!(contains(&name), "{name} missing: the search does not work");
    }
    for name in TEST_ONLY.iter().map(|n| n.concat()) {
        assert_eq!(contains(&name), cfg!(feature = "testing"), "{name}");
    }
}
