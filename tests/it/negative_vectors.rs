//! The negative vectors of `docs/FORMAT.md` §15: the document lists exactly what the generator
//! makes, and each is refused with the verdict and reason the document states.

use qujat_tests::negative;

const FORMAT_MD: &str = include_str!("../../docs/FORMAT.md");

#[test]
fn negative_vectors_in_format_md_match_the_generator() {
    let documented = negative::parse_markdown(FORMAT_MD);
    let generated = negative::generate();
    assert!(generated.len() >= 30, "{} vectors", generated.len());
    let names: Vec<&str> = documented.iter().map(|n| n.name.as_str()).collect();
    let expected: Vec<&str> = generated.iter().map(|n| n.name.as_str()).collect();
    assert_eq!(names, expected, "regenerate with `cargo run -p qujat-tests --example format_doc -- --write`");
    for (d, g) in documented.iter().zip(&generated) {
        assert_eq!(d, g, "negative vector `{}` differs from the generator", g.name);
    }
}

#[test]
fn every_documented_negative_vector_is_refused_as_stated() {
    let documented = negative::parse_markdown(FORMAT_MD);
    assert!(!documented.is_empty());
    for n in &documented {
        assert_eq!(negative::outcome(n), n.expected, "negative vector `{}`", n.name);
    }
}

#[test]
fn the_re_signing_is_sound_so_each_vector_tests_only_its_encoding() {
    // The same construction with nothing changed is accepted: the refusals above come from the
    // changed encodings, not from a broken signature.
    for n in negative::controls() {
        assert_eq!(negative::outcome(&n), n.expected, "control `{}`", n.name);
    }
}

#[test]
fn the_base45_crate_wraps_the_final_pair_and_ours_refuses_it() {
    // Regression (issue 10): the base45 crate 3.2 read a final pair above 255 modulo 256, so a
    // second text decoded to the same bytes as a valid presentation and verified VALID.
    let documented = negative::parse_markdown(FORMAT_MD);
    let n = documented.iter().find(|n| n.name == "base45-final-pair-over-255").unwrap();
    let body = n.value.strip_prefix("QJ1:").unwrap();
    let lenient = base45::decode(body).expect("the crate accepts it");
    assert_eq!(
        qujat_core::presentation::base45::decode(body),
        Err(qujat_core::presentation::base45::Base45Error::Range)
    );
    // What the crate returned is a valid presentation's zlib stream: re-encoded strictly, it is
    // another text, which verifies.
    let text = format!("QJ1:{}", qujat_core::presentation::base45::encode(&lenient));
    assert_ne!(text, n.value);
    let v = qujat_tests::vectors::verifier(&qujat_tests::vectors::generate());
    assert_eq!(v.verify(&text, None).verdict, qujat_core::verifier::Verdict::Valid);
}
