//! `perf-report`: read the criterion results of this run, measure what needs no benchmark (QR
//! versions, the QR reader's success rates on simulated camera captures, library size), and
//! rewrite `docs/PERFORMANCE.md`.
//!
//! Run through `scripts/bench.sh`, which first runs the benchmarks. Usage:
//! `perf-report [--criterion DIR] [--bindings-cost FILE] [--web FILE] [--out FILE]` (defaults
//! `target/criterion`, `target/bindings-cost/results.tsv`, `target/web-bench/results.txt`,
//! `docs/PERFORMANCE.md`).

mod bindings_cost;
mod library;
mod machine;
mod measurements;
mod qr_table;
mod render;
mod web;

use std::error::Error;
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn Error>> {
    let mut criterion = PathBuf::from("target/criterion");
    let mut out = PathBuf::from("docs/PERFORMANCE.md");
    let mut cost_file = PathBuf::from("target/bindings-cost/results.tsv");
    let mut web_file = PathBuf::from("target/web-bench/results.txt");
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let value = args.next().ok_or_else(|| format!("{arg} needs a value"))?;
        match arg.as_str() {
            "--criterion" => criterion = value.into(),
            "--out" => out = value.into(),
            "--bindings-cost" => cost_file = value.into(),
            "--web" => web_file = value.into(),
            _ => {
                return Err(format!(
                    "unknown argument {arg}; usage: perf-report [--criterion DIR] [--bindings-cost FILE] [--web FILE] [--out FILE]"
                )
                .into());
            }
        }
    }

    let results = measurements::load(&criterion, &qujat_tests::perf::all_benches())?;
    let cost = bindings_cost::load(&cost_file)?;
    let machine = machine::Machine::detect();
    let qr = qr_table::compute()?;
    let library = library::measure();
    let reader = qujat_tests::capture::rates_per_level(qujat_tests::capture::REPORT_PER_LEVEL);
    let mut text = render::document(&machine, &results, &cost, &qr, &reader, &library);
    let mut web_section = String::new();
    web::section(&mut web_section, &web::load(&web_file)?);
    // Before the notes copied at the end (`notes.md`), after the measured sections.
    match text.find("\n## How to run") {
        Some(at) => text.insert_str(at + 1, &web_section),
        None => text.push_str(&web_section),
    }
    if let Some(dir) = out.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(&out, text)?;
    eprintln!("wrote {}", out.display());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_renders_without_benchmark_results() {
        let qr = qr_table::compute().expect("the fixtures present and encode");
        assert_eq!(qr.len(), qujat_tests::FIXTURES.len() * qr_table::claim_sets().len());
        let machine = machine::Machine::detect();
        let cost = Default::default();
        let text = render::document(&machine, &Default::default(), &cost, &qr, &[], &library::Library::NotBuiltYet);
        use qujat_tests::perf::{ROWS, Source};
        let measured = ROWS.iter().filter(|r| !matches!(r.source, Source::Pending(_))).count();
        let harness = ROWS.iter().filter(|r| matches!(r.source, Source::BindingsCost { .. })).count();
        assert_eq!(text.matches("missing from this run").count(), measured);
        assert_eq!(text.matches("run `scripts/bindings-cost.sh`").count(), harness);
        assert!(text.contains("Not measured in this run"));
        assert!(text.contains("not built yet"));
        assert!(text.contains("| enu-bachelor-honors | default |"));
        assert!(text.contains("## QR reader on camera captures"));
    }
}
