//! The cost of one `verify` call from Rust, for comparison with the same call from Kotlin
//! (`tests/kotlin/src/VerifyCost.kt`). Prints numbers; asserts nothing.
//!
//! ```text
//! cargo run --release -p qujat-ffi --example verify_cost
//! ```
//!
//! Two measurements on the same presentation (the ENU fixture, default claims):
//! the core's `Verifier::verify`, and the bindings' `Verifier::verify` called from Rust
//! (argument and record conversion, labels, but no FFI crossing).
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::sync::Arc;
use std::time::Instant;

use qujat_core::credential::{ClaimSet, Date, Localized, parse_issuer_input};
use qujat_core::issuer::{Issuer, Register};
use qujat_core::keys::KeyPair;
use qujat_core::platform::{Clock, OsRandom, SystemClock};
use qujat_core::presentation::{self, PresentationRequest};
use qujat_core::trust::{IssuerEntry, IssuerKey, TrustList, TrustListPayload};
use qujat_core::verifier::Verifier as CoreVerifier;

const FIXTURE: &str = include_str!("../../tests/fixtures/diplomas/enu-bachelor-honors.json");

fn time_per_call(label: &str, iterations: u32, mut f: impl FnMut()) {
    for _ in 0..iterations / 10 {
        f();
    }
    let mut batches: Vec<f64> = (0..5)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..iterations {
                f();
            }
            start.elapsed().as_secs_f64() * 1e6 / f64::from(iterations)
        })
        .collect();
    batches.sort_by(f64::total_cmp);
    println!("{label}: {:.3} µs per call (median of 5 batches of {iterations})", batches[2]);
}

fn main() {
    let rng = OsRandom;
    let now = SystemClock.now();
    let anchor = KeyPair::generate(&rng).unwrap();
    let issuer = Issuer::new("kz.enu", KeyPair::generate(&rng).unwrap());
    let holder = KeyPair::generate(&rng).unwrap();
    let name = Localized { kk: None, ru: None, en: Some("ENU".into()) };
    let keys =
        vec![IssuerKey { key: issuer.public_key(), not_before: now - 86_400 * 365, not_after: now + 86_400 * 365 }];
    let payload = TrustListPayload {
        sequence: 1,
        issued_at: now - 86_400,
        expires_at: now + 86_400 * 30,
        issuers: vec![IssuerEntry { id: "kz.enu".into(), name, keys }],
    };
    let trust_list = TrustList::sign(&anchor, payload);
    let register = Register { next_index: 16, revoked: Default::default() };
    let status_list = issuer.status_list(&register, now - 3600, 86_400 * 7).unwrap();
    let diploma = parse_issuer_input(FIXTURE.as_bytes(), Date::from_unix(now).unwrap()).unwrap();
    let bundle = issuer.issue(&diploma, &holder.public(), 0, now - 86_400, &rng).unwrap();
    let request = PresentationRequest {
        claims: ClaimSet::default_presentation(),
        challenge: None,
        ttl_secs: presentation::MAX_TTL_SECS,
    };
    let text = presentation::present(&bundle, &holder, &request, now).unwrap().text;
    println!("presentation: {} characters", text.len());

    let core = CoreVerifier::new(anchor.public(), Arc::new(SystemClock), Arc::new(OsRandom));
    core.install_trust_list(&trust_list).unwrap();
    core.install_status_list(&status_list).unwrap();
    assert!(core.verify(&text, None).verdict.is_valid());

    let ffi = qujat_ffi::Verifier::new(anchor.public().to_bytes().to_vec()).unwrap();
    ffi.install_trust_list(trust_list.clone()).unwrap();
    ffi.install_status_list(status_list.clone()).unwrap();
    assert_eq!(ffi.verify(text.clone(), None, qujat_ffi::Language::En).unwrap().verdict, qujat_ffi::Verdict::Valid);

    let n = 2000;
    time_per_call("rust: core Verifier::verify", n, || {
        std::hint::black_box(core.verify(std::hint::black_box(&text), None));
    });
    time_per_call("rust: bindings Verifier::verify (no FFI crossing)", n, || {
        std::hint::black_box(ffi.verify(text.clone(), None, qujat_ffi::Language::En).unwrap());
    });
    time_per_call("rust: bindings claim_label (trivial call)", n * 100, || {
        std::hint::black_box(qujat_ffi::claim_label(qujat_ffi::ClaimId::Name, qujat_ffi::Language::En));
    });
}
