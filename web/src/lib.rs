//! The employer's verifier in the browser: the core's verifier and QR reader behind plain
//! C-ABI exports for `wasm32-unknown-unknown`, loaded by a small hand-written JS module
//! (`web/site/qujat.js`); no glue generator. See `docs/WEB.md` for the JS API.
//!
//! Calling convention: the page copies its input into memory from [`qj_alloc`] and passes
//! pointer and length; every call leaves its answer (UTF-8 JSON, text or bytes) in one
//! result buffer, read through [`qj_result_ptr`] and [`qj_result_len`] before the next call.
//! A call returns 0 on success and 1 when its answer is an error (`{"error": "CODE"}`).
//! The state (the pinned anchor and the held lists) lives in this module instance: one page,
//! one thread. Nothing here panics on any input; a panic would trap, not corrupt.
#![allow(unsafe_code)] // The C-ABI boundary: raw (pointer, length) pairs from the JS loader.

use std::cell::RefCell;
use std::sync::Mutex;

use qujat_core::credential::Lang;
use qujat_core::key_file::parse_public_key_file;
use qujat_core::keys::PublicKey;
use qujat_core::platform::{RandomError, SecureRandom, UnixTime};
use qujat_core::presentation::Challenge;
use qujat_core::qr::QrError;
use qujat_core::verifier::{HeldLists, InstallError, Severity, VerificationRecord, VerifierPolicy};
use serde_json::json;

mod camera;

pub use camera::{MAX_FRAME_SIDE, decode_luma};

/// The page's verifier: pinned anchor, held lists, the challenge shown, the challenges answered.
#[derive(Default)]
struct Page {
    anchor: Option<PublicKey>,
    lists: HeldLists,
    shown: Option<Challenge>,
    /// Challenges answered, with the time they were consumed (kept for the policy's horizon).
    answered: Vec<(Challenge, UnixTime)>,
}

thread_local! {
    static PAGE: RefCell<Page> = RefCell::new(Page::default());
    static RESULT: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

fn answer(bytes: Vec<u8>, ok: bool) -> u32 {
    RESULT.with(|r| *r.borrow_mut() = bytes);
    u32::from(!ok)
}

fn ok_json(v: &serde_json::Value) -> u32 {
    answer(v.to_string().into_bytes(), true)
}

fn err(code: &str) -> u32 {
    answer(json!({ "error": code }).to_string().into_bytes(), false)
}

/// # Safety
/// `ptr..ptr+len` was written by the JS loader into memory from [`qj_alloc`].
unsafe fn input<'a>(ptr: *const u8, len: usize) -> &'a [u8] {
    if ptr.is_null() || len == 0 {
        return &[];
    }
    // SAFETY: the caller's contract above.
    unsafe { std::slice::from_raw_parts(ptr, len) }
}

/// Reserve `len` bytes for an input; the JS loader frees them with [`qj_free`].
#[unsafe(no_mangle)]
pub extern "C" fn qj_alloc(len: usize) -> *mut u8 {
    let mut v = std::mem::ManuallyDrop::new(Vec::<u8>::with_capacity(len.max(1)));
    v.as_mut_ptr()
}

/// Free an input from [`qj_alloc`] of the same `len`.
///
/// # Safety
/// `ptr` came from `qj_alloc(len)` and is not used afterwards.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn qj_free(ptr: *mut u8, len: usize) {
    // SAFETY: rebuilt with the pointer and capacity `qj_alloc` made.
    drop(unsafe { Vec::from_raw_parts(ptr, 0, len.max(1)) });
}

/// Where the last answer starts.
#[unsafe(no_mangle)]
pub extern "C" fn qj_result_ptr() -> *const u8 {
    RESULT.with(|r| r.borrow().as_ptr())
}

/// The last answer's length in bytes.
#[unsafe(no_mangle)]
pub extern "C" fn qj_result_len() -> usize {
    RESULT.with(|r| r.borrow().len())
}

/// Pin the trust anchor (the contents of `trust/anchor.pub`). A different anchor than the one
/// pinned starts over with no lists.
///
/// # Safety
/// `ptr..ptr+len` was written by the JS loader into memory from [`qj_alloc`] (the page's
/// copy of its input).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn qj_set_anchor(ptr: *const u8, len: usize) -> u32 {
    let Some(key) = parse_public_key_file(unsafe { input(ptr, len) }) else {
        return err("ANCHOR_INVALID");
    };
    PAGE.with(|p| {
        let mut p = p.borrow_mut();
        if p.anchor.is_none_or(|a| a.to_bytes() != key.to_bytes()) {
            *p = Page { anchor: Some(key), ..Page::default() };
        }
    });
    ok_json(&json!({ "anchor": key.to_hex() }))
}

fn install_error(e: &InstallError) -> &'static str {
    match e {
        InstallError::TrustList(_) => "TRUST_LIST_INVALID",
        InstallError::TrustListRollback { .. } => "TRUST_LIST_ROLLBACK",
        InstallError::TrustListConflict { .. } => "TRUST_LIST_CONFLICT",
        InstallError::NoTrustList => "NO_TRUST_LIST",
        InstallError::ForeignStatusList => "STATUS_LIST_FOREIGN",
        InstallError::StatusList(_) => "STATUS_LIST_INVALID",
        InstallError::StatusListRollback { .. } => "STATUS_LIST_ROLLBACK",
        InstallError::StatusListConflict { .. } => "STATUS_LIST_CONFLICT",
        InstallError::Store(_) => "STATE_UNAVAILABLE",
    }
}

/// Install a trust list (signed bytes) by the core's version rules: an older one is refused
/// (`TRUST_LIST_ROLLBACK`), the same one again is accepted. Answers the held list's sequence.
///
/// # Safety
/// `ptr..ptr+len` was written by the JS loader into memory from [`qj_alloc`] (the page's
/// copy of its input).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn qj_install_trust_list(ptr: *const u8, len: usize) -> u32 {
    let bytes = unsafe { input(ptr, len) };
    PAGE.with(|p| {
        let mut p = p.borrow_mut();
        let Some(anchor) = p.anchor else { return err("NO_ANCHOR") };
        match p.lists.install_trust_list(bytes, &anchor) {
            Ok(info) => ok_json(&json!({ "sequence": info.sequence, "issuers": info.issuers })),
            Err(e) => err(install_error(&e)),
        }
    })
}

/// Install an issuer's status list (signed bytes) at `now` (Unix seconds), by the core's
/// version rules (`STATUS_LIST_ROLLBACK` for an older one).
///
/// # Safety
/// `ptr..ptr+len` was written by the JS loader into memory from [`qj_alloc`] (the page's
/// copy of its input).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn qj_install_status_list(ptr: *const u8, len: usize, now: f64) -> u32 {
    let bytes = unsafe { input(ptr, len) };
    PAGE.with(|p| match p.borrow_mut().lists.install_status_list(bytes, secs(now)) {
        Ok(f) => ok_json(&json!({ "issued_at": f.list_issued_at, "age_secs": f.age_secs })),
        Err(e) => err(install_error(&e)),
    })
}

/// The held lists, for the page to store (no rollback across visits): `{"trust": [bytes…]
/// or null, "status": [[bytes…], …]}`. Byte arrays as JSON numbers: a few KiB at most.
#[unsafe(no_mangle)]
pub extern "C" fn qj_held_lists() -> u32 {
    PAGE.with(|p| {
        let p = p.borrow();
        let status: Vec<&[u8]> = p.lists.status_list_bytes().into_iter().map(|(_, b)| b).collect();
        ok_json(&json!({ "trust": p.lists.trust_list_bytes(), "status": status }))
    })
}

/// JavaScript's clock (`Date.now() / 1000`) as the core's Unix seconds.
fn secs(now: f64) -> UnixTime {
    if now.is_finite() { now as UnixTime } else { 0 }
}

/// Random bytes from the page's `crypto.getRandomValues`, each spent once.
struct GivenBytes(Mutex<Vec<u8>>);

impl SecureRandom for GivenBytes {
    fn fill(&self, buf: &mut [u8]) -> Result<(), RandomError> {
        let mut given = self.0.lock().map_err(|_| RandomError)?;
        if given.len() < buf.len() {
            return Err(RandomError);
        }
        let at = given.len() - buf.len();
        buf.copy_from_slice(&given.split_off(at));
        Ok(())
    }
}

/// A new 6-digit challenge from `len` random bytes (the page's `crypto.getRandomValues`):
/// shown to the holder, expected by the next verification. Answers `{"challenge": "123456"}`.
///
/// # Safety
/// `ptr..ptr+len` was written by the JS loader into memory from [`qj_alloc`] (the page's
/// copy of its input).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn qj_new_challenge(ptr: *const u8, len: usize) -> u32 {
    let rng = GivenBytes(Mutex::new(unsafe { input(ptr, len) }.to_vec()));
    match Challenge::random(&rng) {
        Ok(c) => {
            PAGE.with(|p| p.borrow_mut().shown = Some(c));
            ok_json(&json!({ "challenge": c.to_string() }))
        }
        Err(_) => err("RANDOM_FAILED"),
    }
}

/// Forget the challenge shown (the employer cancelled it).
#[unsafe(no_mangle)]
pub extern "C" fn qj_clear_challenge() {
    PAGE.with(|p| p.borrow_mut().shown = None);
}

/// Verify a scanned or pasted text at `now` (Unix seconds) in `lang` (`kk`, `ru`, `en`).
/// Answers `{"record": VerificationRecord, "severity", "accept", "show_claims",
/// "claims_with_caveat", "status_age_secs"}`. The challenge shown is consumed when answered;
/// a second answer to it is `CHALLENGE_REUSED`.
///
/// # Safety
/// `ptr..ptr+len` was written by the JS loader into memory from [`qj_alloc`] (the page's
/// copy of its input).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn qj_verify(ptr: *const u8, len: usize, now: f64) -> u32 {
    let text = String::from_utf8_lossy(unsafe { input(ptr, len) });
    ok_json(&verify_text(&text, secs(now)))
}

/// The verification behind [`qj_verify`], callable natively (the benchmark compares both).
pub fn verify_text(text: &str, now: UnixTime) -> serde_json::Value {
    PAGE.with(|p| {
        let mut p = p.borrow_mut();
        let policy = VerifierPolicy::default();
        let horizon = policy.challenge_horizon();
        p.answered.retain(|(_, at)| now.saturating_sub(*at) <= horizon);
        let (mut report, consume) = p.lists.verify(text, p.shown, policy.max_clock_skew_secs, now);
        if let Some(c) = consume {
            if p.answered.iter().any(|(a, _)| *a == c) {
                report.verdict = qujat_core::verifier::Verdict::ChallengeReused;
                report.claims = Default::default();
            } else {
                p.answered.push((c, now));
            }
            p.shown = None;
        }
        let view = report.verdict.view();
        let record = VerificationRecord::new(&report, text);
        json!({
            "record": serde_json::to_value(&record).unwrap_or_default(),
            "severity": match view.severity {
                Severity::Ok => "ok",
                Severity::Warning => "warning",
                Severity::Refused => "refused",
                Severity::CannotJudge => "cannot_judge",
            },
            "accept": view.accept,
            "show_claims": view.show_claims,
            "claims_with_caveat": view.claims_with_caveat,
            "status_age_secs": report.status.as_ref().map(|s| s.age_secs),
        })
    })
}

/// Read the QR code of a PNG, JPEG-free picture the employer chose (PNG only here; the page
/// turns other formats into a camera-like frame first). Answers the text.
///
/// # Safety
/// `ptr..ptr+len` was written by the JS loader into memory from [`qj_alloc`] (the page's
/// copy of its input).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn qj_decode_png(ptr: *const u8, len: usize) -> u32 {
    match qujat_core::qr::decode_png(unsafe { input(ptr, len) }) {
        Ok(text) => answer(text.into_bytes(), true),
        Err(e) => err(qr_error(&e)),
    }
}

/// Read the QR code of a camera frame: `width × height` 8-bit luma samples, row by row.
///
/// # Safety
/// `ptr..ptr+len` was written by the JS loader into memory from [`qj_alloc`] (the page's
/// copy of its input).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn qj_decode_luma(width: u32, height: u32, ptr: *const u8, len: usize) -> u32 {
    match decode_luma(width, height, unsafe { input(ptr, len) }) {
        Ok(text) => answer(text.into_bytes(), true),
        Err(e) => err(qr_error(&e)),
    }
}

fn qr_error(e: &QrError) -> &'static str {
    match e {
        QrError::NoQrFound => "NO_QR_FOUND",
        QrError::NotText => "NOT_TEXT",
        QrError::ImageTooLarge => "IMAGE_TOO_LARGE",
        QrError::FrameSize => "FRAME_SIZE",
        QrError::Png(_) => "NOT_A_PNG",
        _ => "UNREADABLE",
    }
}

/// The language the page starts in, by the core's rule: `choice` (`kk`, `ru`, `en` or
/// empty), else the first of the browser's languages (`navigator.languages`, comma-separated)
/// that is one of ours, else English. Answers `{"lang": "kk"}`.
///
/// # Safety
/// `ptr..ptr+len` was written by the JS loader into memory from [`qj_alloc`] (the page's
/// copy of its input).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn qj_choose_language(ptr: *const u8, len: usize) -> u32 {
    let given = String::from_utf8_lossy(unsafe { input(ptr, len) });
    let (choice, device) = given.split_once('|').unwrap_or(("", &given));
    let tags: Vec<&str> = device.split(',').collect();
    let lang = qujat_core::credential::reading_language::choose_language(Lang::from_tag(choice), &tags);
    ok_json(&json!({ "lang": lang.tag() }))
}

/// The core's verdict-neutral words (yes, no, not stated, …) in kk/ru/en, for the card:
/// `{"yes": {"kk": …, "ru": …, "en": …}, …}`.
#[unsafe(no_mangle)]
pub extern "C" fn qj_words() -> u32 {
    use qujat_core::credential::{Word, word};
    let mut out = serde_json::Map::new();
    for w in Word::ALL {
        let key = match w {
            Word::Yes => "yes",
            Word::No => "no",
            Word::WithDistinction => "with_distinction",
            Word::NotStated => "not_stated",
            Word::NotDisclosed => "not_disclosed",
            Word::IssuedBy => "issued_by",
            _ => continue,
        };
        let t: serde_json::Map<_, _> =
            [Lang::Kk, Lang::Ru, Lang::En].into_iter().map(|l| (l.tag().to_owned(), json!(word(w, l)))).collect();
        out.insert(key.to_owned(), serde_json::Value::Object(t));
    }
    ok_json(&serde_json::Value::Object(out))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests;
