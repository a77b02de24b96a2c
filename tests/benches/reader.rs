//! Criterion benchmarks of the QR reader on simulated 1280×720 camera frames (issue 14): the
//! core's reader on a 4 px/module capture of the default presentation, rqrr alone on the same
//! frame (the second reader), and the core's reader on a frame without a code. Ids and the goal
//! live in `qujat_tests::perf`; the success rates per level are computed by `perf-report`.
//! Nothing here asserts on time.
#![allow(clippy::unwrap_used, missing_docs)]

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use qujat_capture::{HEIGHT, WIDTH};
use qujat_core::qr::{self, DecodeLimits, QrError};
use qujat_tests::capture::{Subject, blank_capture, rqrr_reader};
use qujat_tests::perf;

fn reader(c: &mut Criterion) {
    let subject = Subject::default_presentation();
    // The first capture at 4 px/module that the core reads (the set is deterministic).
    let frame = (0..)
        .map(|i| subject.capture(4.0, i))
        .find(|f| qr::decode_luma(WIDTH as u32, HEIGHT as u32, f, DecodeLimits::DEFAULT).is_ok())
        .unwrap();
    let blank = blank_capture(4.0, 0);
    assert_eq!(qr::decode_luma(WIDTH as u32, HEIGHT as u32, &blank, DecodeLimits::DEFAULT), Err(QrError::NoQrFound));

    let mut g = c.benchmark_group("reader");
    g.sample_size(30);
    let read = |f: &[u8]| qr::decode_luma(WIDTH as u32, HEIGHT as u32, black_box(f), DecodeLimits::DEFAULT);
    g.bench_function(perf::READ_CAPTURE.name, |b| b.iter(|| read(&frame).unwrap()));
    g.bench_function(perf::READ_CAPTURE_RQRR.name, |b| b.iter(|| rqrr_reader(black_box(&frame))));
    g.bench_function(perf::READ_NO_CODE.name, |b| b.iter(|| read(&blank).unwrap_err()));
    g.finish();
}

fn config() -> Criterion {
    Criterion::default().warm_up_time(Duration::from_millis(800)).measurement_time(Duration::from_secs(3))
}

criterion_group! {
    name = benches;
    config = config();
    targets = reader
}
criterion_main!(benches);
