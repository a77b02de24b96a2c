//! The Rust side of the Kotlin → Rust call cost: the same calls as the Kotlin harness
//! (`tests/kotlin/src/VerifyCost.kt`), on the same input, timed the same way. Prints numbers;
//! asserts nothing but that the presentation verifies.
//!
//! ```text
//! cargo run --release -p qujat-ffi --example verify_cost -- <input file>
//! ```
//!
//! It makes the test world (anchor, ENU issuer, trust and status lists, a default presentation
//! of the ENU fixture), writes it to `<input file>` for the Kotlin harness, then times each
//! case through the bindings' Rust API (argument and record conversion, labels; no FFI
//! crossing). `scripts/bindings-cost.sh` runs both sides in turn and collects the `RESULT`
//! lines for `scripts/bench.sh`.
//!
//! Timing, identical on both sides: each case runs for 1 s of warm-up, which also sets the
//! batch size to about 50 ms of calls; then 15 batches; the result is the median of the
//! batches' mean wall-clock time per call, with the first and third quartiles, and the median
//! of the batches' on-CPU time of the calling thread per call (`/proc/thread-self/schedstat`:
//! what the thread itself ran, without the time it waited for a core).
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::fmt::Write as _;
use std::sync::Arc;
use std::time::{Duration, Instant};

use qujat_core::credential::{ClaimSet, Date, Localized, parse_issuer_input};
use qujat_core::issuer::{Issuer, Register};
use qujat_core::keys::KeyPair;
use qujat_core::platform::{Clock as _, OsRandom, SystemClock};
use qujat_core::presentation::{self, PresentationRequest};
use qujat_core::trust::{IssuerEntry, IssuerKey, TrustList, TrustListPayload};
use qujat_core::verifier::Verifier as CoreVerifier;
use qujat_ffi::{ClaimId, Language, Verdict, Verifier};

const FIXTURE: &str = include_str!("../../tests/fixtures/diplomas/enu-bachelor-honors.json");
const WARM_UP: Duration = Duration::from_secs(1);
const BATCH: Duration = Duration::from_millis(50);
const BATCHES: usize = 15;

/// Nanoseconds the calling thread has run on a CPU (Linux; 0 elsewhere).
fn thread_cpu_ns() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|n| n.parse().ok()))
        .unwrap_or(0.0)
}

/// Median and quartiles of the batch means, nanoseconds per call.
fn time_per_call(side: &str, case: &str, mut f: impl FnMut()) {
    let start = Instant::now();
    let mut warm = 0u64;
    while start.elapsed() < WARM_UP {
        f();
        warm += 1;
    }
    let per_batch = (warm as f64 * BATCH.as_secs_f64() / start.elapsed().as_secs_f64()).ceil().max(1.0) as u64;
    let (mut means, mut cpu): (Vec<f64>, Vec<f64>) = (0..BATCHES)
        .map(|_| {
            let (t, c) = (Instant::now(), thread_cpu_ns());
            for _ in 0..per_batch {
                f();
            }
            let n = per_batch as f64;
            (t.elapsed().as_nanos() as f64 / n, (thread_cpu_ns() - c) / n)
        })
        .unzip();
    means.sort_by(f64::total_cmp);
    cpu.sort_by(f64::total_cmp);
    let (q1, med, q3) = (means[BATCHES / 4], means[BATCHES / 2], means[3 * BATCHES / 4]);
    let calls = per_batch * BATCHES as u64;
    println!("RESULT {side} {case} {med:.0} {q1:.0} {q3:.0} {calls} {:.0}", cpu[BATCHES / 2]);
}

/// A clock implemented by the caller: the Rust twin of the Kotlin harness's clock.
struct CallerClock;

impl qujat_ffi::Clock for CallerClock {
    fn now(&self) -> i64 {
        SystemClock.now()
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

fn main() {
    let input = std::env::args().nth(1).expect("usage: verify_cost <input file for the Kotlin harness>");
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
    let register = Register { next_index: 16, ..Register::default() };
    let status_list = issuer.status_list(&register, now - 3600, 86_400 * 7).unwrap();
    let diploma = parse_issuer_input(FIXTURE.as_bytes(), Date::from_unix(now).unwrap()).unwrap();
    let bundle = issuer.issue(&diploma, &holder.public(), 0, now - 86_400, &rng).unwrap();
    let request = PresentationRequest {
        claims: ClaimSet::default_presentation(),
        challenge: None,
        ttl_secs: presentation::MAX_TTL_SECS,
    };
    let text = presentation::present(&bundle, &holder, &request, now).unwrap().text;
    let anchor_key = anchor.public().to_bytes().to_vec();
    std::fs::write(&input, format!("{}\n{}\n{}\n{text}\n", hex(&anchor_key), hex(&trust_list), hex(&status_list)))
        .expect("write the input file");
    println!("presentation: {} characters (written to {input} with the anchor and the lists)", text.len());

    let core = CoreVerifier::new(anchor.public(), Arc::new(SystemClock), Arc::new(OsRandom));
    core.install_trust_list(&trust_list).unwrap();
    core.install_status_list(&status_list).unwrap();
    assert!(core.verify(&text, None).verdict.is_valid());

    let setup = |v: Arc<Verifier>| {
        v.install_trust_list(trust_list.clone()).unwrap();
        v.install_status_list(status_list.clone()).unwrap();
        assert_eq!(v.verify(text.clone(), None, Language::En).unwrap().verdict, Verdict::Valid);
        v
    };
    let ffi = setup(Verifier::new(anchor_key.clone()).unwrap());
    let ffi_clock = setup(Verifier::with_clock(anchor_key, Arc::new(CallerClock)).unwrap());
    let junk_650 = "x".repeat(text.len());

    use std::hint::black_box;
    let side = "rust";
    time_per_call(side, "verify", || {
        black_box(ffi.verify(black_box(text.clone()), None, Language::En).unwrap());
    });
    time_per_call(side, "verify_caller_clock", || {
        black_box(ffi_clock.verify(black_box(text.clone()), None, Language::En).unwrap());
    });
    time_per_call(side, "verify_malformed_650", || {
        black_box(ffi.verify(black_box(junk_650.clone()), None, Language::En).unwrap());
    });
    time_per_call(side, "verify_malformed_1", || {
        black_box(ffi.verify(black_box("x".to_owned()), None, Language::En).unwrap());
    });
    time_per_call(side, "trust_list_info", || {
        black_box(ffi.trust_list_info());
    });
    time_per_call(side, "claim_label", || {
        black_box(qujat_ffi::claim_label(black_box(ClaimId::Name), Language::En));
    });
    time_per_call(side, "core_verify", || {
        black_box(core.verify(black_box(&text), None));
    });
}
