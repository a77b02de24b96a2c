//! The exports natively, as the JS loader calls them (pointer and length of a slice).

use qujat_core::keys::KeyPair;
use qujat_core::platform::SeededRandom;
use qujat_core::trust::{TrustList, TrustListPayload};

use super::*;

fn result() -> serde_json::Value {
    let bytes = RESULT.with(|r| r.borrow().clone());
    serde_json::from_slice(&bytes).unwrap()
}

fn trust_list(anchor: &KeyPair, sequence: u64, now: UnixTime) -> Vec<u8> {
    TrustList::sign(
        anchor,
        TrustListPayload { sequence, issued_at: now, expires_at: now + 86_400, issuers: Vec::new() },
    )
}

#[test]
fn the_core_refuses_an_older_trust_list_and_the_held_one_is_kept() {
    let rng = SeededRandom::new(b"web tests");
    let anchor = KeyPair::generate(&rng).unwrap();
    let hex = anchor.public().to_hex();
    let now = 1_780_000_000;
    let (new, old) = (trust_list(&anchor, 2, now), trust_list(&anchor, 1, now - 10));
    unsafe {
        assert_eq!(qj_set_anchor(hex.as_ptr(), hex.len()), 0);
        assert_eq!(qj_install_trust_list(old.as_ptr(), old.len()), 0);
        assert_eq!(qj_install_trust_list(new.as_ptr(), new.len()), 0);
        assert_eq!(result()["sequence"], 2);
        assert_eq!(qj_install_trust_list(old.as_ptr(), old.len()), 1);
        assert_eq!(result()["error"], "TRUST_LIST_ROLLBACK");
        assert_eq!(qj_install_trust_list(new.as_ptr(), new.len()), 0, "the same list again is accepted");
    }
    assert_eq!(qj_held_lists(), 0);
    let held: Vec<u8> = serde_json::from_value(result()["trust"].clone()).unwrap();
    assert_eq!(held, new);
    // Another anchor starts over: its lists are not the old anchor's.
    let other = KeyPair::generate(&rng).unwrap().public().to_hex();
    unsafe { assert_eq!(qj_set_anchor(other.as_ptr(), other.len()), 0) };
    assert_eq!(qj_held_lists(), 0);
    assert!(result()["trust"].is_null());
    unsafe { assert_eq!(qj_install_trust_list(new.as_ptr(), new.len()), 1) };
    assert_eq!(result()["error"], "TRUST_LIST_INVALID");
}

#[test]
fn verify_answers_the_record_and_a_bad_anchor_is_refused() {
    unsafe { assert_eq!(qj_set_anchor(b"not a key".as_ptr(), 9), 1) };
    assert_eq!(result()["error"], "ANCHOR_INVALID");
    let text = "QJ1:NOT-BASE45";
    unsafe { assert_eq!(qj_verify(text.as_ptr(), text.len(), 1_780_000_000.0), 0) };
    let r = result();
    assert_eq!(r["record"]["verdict"], "MALFORMED");
    assert_eq!(r["severity"], "cannot_judge");
    assert_eq!(r["accept"], false);
}

#[test]
fn a_challenge_needs_its_random_bytes_and_has_six_digits() {
    let bytes = [7u8; 16];
    unsafe { assert_eq!(qj_new_challenge(bytes.as_ptr(), bytes.len()), 0) };
    let code = result()["challenge"].as_str().unwrap().to_owned();
    assert!(code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit()), "{code}");
    unsafe { assert_eq!(qj_new_challenge(bytes.as_ptr(), 0), 1) };
    assert_eq!(result()["error"], "RANDOM_FAILED");
}

#[test]
fn frames_are_bounded_and_a_blank_frame_has_no_code() {
    assert_eq!(decode_luma(0, 10, &[]), Err(QrError::FrameSize));
    assert_eq!(decode_luma(MAX_FRAME_SIDE + 1, 1, &[0; 4097]), Err(QrError::ImageTooLarge));
    assert_eq!(decode_luma(4, 4, &[255; 15]), Err(QrError::FrameSize));
    assert_eq!(decode_luma(64, 64, &[255; 64 * 64]), Err(QrError::NoQrFound));
}

#[test]
fn the_language_follows_the_choice_then_the_browser() {
    let ask = |s: &str| {
        unsafe { assert_eq!(qj_choose_language(s.as_ptr(), s.len()), 0) };
        result()["lang"].as_str().unwrap().to_owned()
    };
    assert_eq!(ask("|de-DE,kk-KZ,ru"), "kk");
    assert_eq!(ask("ru|kk-KZ"), "ru");
    assert_eq!(ask("|fr"), "en");
}
