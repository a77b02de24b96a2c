//! The issuer's diploma JSON: parse, then JSON → diploma → JSON → diploma gives the same diploma.

use crate::fixture;
use qujat_core::credential::{CredentialBundle, parse_issuer_input, to_issuer_input_json};

/// One input: what the fuzz target runs on every input libFuzzer makes.
pub fn run(data: &[u8]) {
    let today = fixture().today;
    if let Ok(d) = parse_issuer_input(data, today) {
        let json = to_issuer_input_json(&d);
        let back = parse_issuer_input(json.as_bytes(), today).expect("the JSON of a parsed diploma parses");
        assert_eq!(back, d, "issuer input round trip changed the diploma");
        assert_eq!(to_issuer_input_json(&back), json);
        // Every accepted diploma fits the claim slots.
        let _ = CredentialBundle::leaves_of(&d);
    }
}
