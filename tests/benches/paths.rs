//! Criterion benchmarks of Qujat's hot paths, each beside its floor measured in the same run.
//! `scripts/bench.sh` runs them and rewrites `docs/PERFORMANCE.md`; ids and goals live in
//! `qujat_tests::perf`. Nothing here asserts on time.
#![allow(clippy::unwrap_used, missing_docs)]

use std::hint::black_box;
use std::time::Duration;

use criterion::{
    BenchmarkGroup, Criterion, SamplingMode, Throughput, criterion_group, criterion_main, measurement::WallTime,
};
use qujat_core::credential::ClaimSet;
use qujat_core::keys::{KeyPair, PublicKey};
use qujat_core::presentation::{self, PresentationRequest, SignedPresentation, wire};
use qujat_core::qr::{self, Ecc};
use qujat_tests::perf::{self, BenchId};
use qujat_tests::{NOW, World, fixture};

const FIXTURE: &str = "enu-bachelor-honors";
const ISSUER: &str = "kz.enu";

fn run(g: &mut BenchmarkGroup<'_, WallTime>, id: BenchId, f: impl FnMut()) {
    let mut f = f;
    g.bench_function(id.name, |b| b.iter(&mut f));
}

fn verify(c: &mut Criterion) {
    let mut w = World::new("bench");
    let bundle = w.issue(FIXTURE);
    let verifier = w.verifier();
    let text = w.present(&bundle, ClaimSet::default_presentation(), None).text;
    assert!(verifier.verify(&text, None).verdict.is_valid(), "the benchmarked presentation must verify");

    // The floor: the two signatures the verifier checks, on the exact bytes it checks.
    let pres = SignedPresentation::parse(&wire::decode(&text).unwrap()).unwrap();
    let (cred_env, holder_env) = (pres.credential().envelope(), pres.envelope());
    let (cred_tbs, cred_sig) = (cred_env.to_be_signed(), cred_env.signature().to_vec());
    let (holder_tbs, holder_sig) = (holder_env.to_be_signed(), holder_env.signature().to_vec());
    let issuer_key: PublicKey = w.issuer(ISSUER).public_key();
    let holder_key: PublicKey = w.holder.public();
    assert!(issuer_key.verify(&cred_tbs, &cred_sig) && holder_key.verify(&holder_tbs, &holder_sig));

    let mut g = c.benchmark_group(perf::VERIFY.group);
    run(&mut g, perf::VERIFY, || {
        black_box(verifier.verify(black_box(&text), None));
    });
    run(&mut g, perf::VERIFY_FLOOR, || {
        black_box(issuer_key.verify(black_box(&cred_tbs), black_box(&cred_sig)));
        black_box(holder_key.verify(black_box(&holder_tbs), black_box(&holder_sig)));
    });
    run(&mut g, perf::DECODE, || {
        black_box(SignedPresentation::parse(&wire::decode(black_box(&text)).unwrap()).unwrap());
    });
    g.finish();
}

fn present(c: &mut Criterion) {
    let mut w = World::new("bench");
    let bundle = w.issue(FIXTURE);
    let request = PresentationRequest::default();
    let text = presentation::present(&bundle, &w.holder, &request, NOW).unwrap().text;
    let pres = SignedPresentation::parse(&wire::decode(&text).unwrap()).unwrap();
    let holder_tbs = pres.envelope().to_be_signed();

    let mut g = c.benchmark_group(perf::PRESENT.group);
    // Near a millisecond per iteration: 50 samples fit the 3 s budget.
    g.sample_size(50);
    run(&mut g, perf::PRESENT, || {
        let p = presentation::present(&bundle, &w.holder, black_box(&request), NOW).unwrap();
        black_box(qr::encode(&p.text, Ecc::M).unwrap());
    });
    run(&mut g, perf::PRESENT_NO_QR, || {
        black_box(presentation::present(&bundle, &w.holder, black_box(&request), NOW).unwrap());
    });
    run(&mut g, perf::QR_ENCODE, || {
        black_box(qr::encode(black_box(&text), Ecc::M).unwrap());
    });
    run(&mut g, perf::PRESENT_SIGN_FLOOR, || {
        black_box(w.holder.sign(black_box(&holder_tbs)));
    });
    g.finish();
}

fn issue(c: &mut Criterion) {
    let w = World::new("bench");
    let issuer = w.issuer(ISSUER);
    let diploma = fixture(FIXTURE);
    let class: Vec<PublicKey> =
        (0..perf::ISSUE_BATCH).map(|_| KeyPair::generate(w.rng.as_ref()).unwrap().public()).collect();
    // The floor signs messages of the size the issuer signs, with a key of its own.
    let sample = issuer.issue(&diploma, &class[0], 0, NOW, w.rng.as_ref()).unwrap();
    let cred_tbs = sample.credential().envelope().to_be_signed();
    let floor_key = KeyPair::generate(w.rng.as_ref()).unwrap();

    let mut g = c.benchmark_group(perf::ISSUE.group);
    g.throughput(Throughput::Elements(perf::ISSUE_BATCH));
    g.sampling_mode(SamplingMode::Flat);
    g.sample_size(20);
    run(&mut g, perf::ISSUE, || {
        for (index, holder) in (0u64..).zip(&class) {
            black_box(issuer.issue(black_box(&diploma), holder, index, NOW, w.rng.as_ref()).unwrap());
        }
    });
    run(&mut g, perf::ISSUE_FLOOR, || {
        for _ in 0..perf::ISSUE_BATCH {
            black_box(floor_key.sign(black_box(&cred_tbs)));
        }
    });
    g.finish();
}

fn pdf(c: &mut Criterion) {
    let mut w = World::new("bench");
    let bundle = w.issue(FIXTURE);
    let request = presentation::DocumentRequest::new("Kaspi Bank HR");
    let p = presentation::build_document(&bundle, &w.holder, &request, NOW).unwrap();
    let claims = bundle.claims().into_iter().filter(|(c, _)| p.claims.contains(*c)).collect();
    let content = qujat_pdf::PageContent {
        issuer_name: qujat_core::credential::Localized {
            kk: Some("Л.Н. Гумилев атындағы Еуразия ұлттық университеті".into()),
            ru: None,
            en: Some("L.N. Gumilyov Eurasian National University".into()),
        },
        claims,
    };
    let mut g = c.benchmark_group(perf::PDF_RENDER.group);
    g.sample_size(20);
    run(&mut g, perf::PDF_RENDER, || {
        black_box(qujat_pdf::render(black_box(&p), &content, qujat_core::credential::Lang::Kk).unwrap());
    });
    g.finish();
}

fn config() -> Criterion {
    // Short runs: the whole report stays within a few minutes on two shared cores. Ratios are
    // taken from medians measured in this same run, so noise between runs cancels out.
    Criterion::default().warm_up_time(Duration::from_millis(800)).measurement_time(Duration::from_secs(3))
}

criterion_group! {
    name = benches;
    config = config();
    targets = verify, present, issue, pdf
}
criterion_main!(benches);
