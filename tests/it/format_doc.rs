//! `docs/FORMAT.md` is checked byte for byte: its vectors and its QR table are what the code
//! produces, and its vectors verify.

use qujat_core::verifier::Verdict;
use qujat_tests::vectors;

const FORMAT_MD: &str = include_str!("../../docs/FORMAT.md");

#[test]
fn vectors_in_format_md_match_the_code() {
    let documented = vectors::parse_markdown(FORMAT_MD);
    let generated = vectors::generate();
    assert_eq!(documented.len(), generated.len(), "number of vectors in docs/FORMAT.md");
    for ((dk, dv), (gk, gv)) in documented.iter().zip(&generated) {
        assert_eq!(dk, gk);
        assert_eq!(dv, gv, "vector `{gk}` differs; regenerate with `cargo run -p qujat-tests --example format_doc`");
    }
}

#[test]
fn documented_presentations_verify() {
    let documented: Vec<(&str, String)> = vectors::generate()
        .into_iter()
        .map(|(k, _)| k)
        .zip(vectors::parse_markdown(FORMAT_MD).into_iter().map(|(_, v)| v))
        .collect();
    let v = vectors::verifier(&documented);
    let get = |n: &str| documented.iter().find(|(k, _)| *k == n).map(|(_, v)| v.clone()).unwrap();
    assert_eq!(v.verify(&get("presentation"), None).verdict, Verdict::Valid);
    let c = qujat_core::presentation::Challenge::new(42_917);
    assert_eq!(v.verify(&get("presentation-challenge-042917"), c).verdict, Verdict::Valid);
    assert_eq!(v.verify(&get("presentation-challenge-042917"), None).verdict, Verdict::Valid);
    let doc = v.verify(&get("document"), None);
    assert_eq!(doc.verdict, Verdict::Valid);
    assert_eq!(doc.kind.as_ref().and_then(|k| k.audience()), Some(vectors::DOCUMENT_AUDIENCE));
    assert_eq!(v.verify(&get("document"), c).verdict, Verdict::DocumentNotLive);
    let cose = qujat_core::presentation::wire::decode(&get("document")).unwrap();
    assert_eq!(qujat_core::keys::hex_encode(&cose), get("document-cose"));
}

#[test]
fn qr_table_in_format_md_matches_the_code() {
    let table = qujat_tests::qr_table::render();
    assert!(FORMAT_MD.contains(&table), "QR table in docs/FORMAT.md is stale; regenerate:\n{table}");
}
