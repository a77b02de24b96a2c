//! `docs/PERFORMANCE.md`, from this run's numbers. The prose that is not computed lives in
//! `notes.md` beside this file and is copied in as it is.

use std::fmt::Write;

use qujat_tests::perf::{self, BINDINGS_COST_CASES, BREAKDOWN, Goal, LIBRARY_SIZE_GOAL_BYTES, ROWS, Row, Source};

use crate::bindings_cost::BindingsCost;

use crate::library::Library;
use crate::machine::Machine;
use crate::measurements::{Estimate, Results};
use crate::qr_table::{LEVELS, QrRow};
use qujat_tests::capture::Rate;

const NOTES: &str = include_str!("notes.md");

/// The whole document.
pub fn document(
    machine: &Machine,
    results: &Results,
    cost: &BindingsCost,
    qr: &[QrRow],
    reader: &[(f64, Rate, Rate)],
    library: &Library,
) -> String {
    let mut d = String::new();
    let _ = writeln!(d, "# Performance\n");
    let _ = writeln!(
        d,
        "Written by `scripts/bench.sh` on {}: do not edit by hand (the prose at the end comes from \
         `tests/src/bin/perf-report/notes.md`). Every ratio compares numbers measured in this one run, \
         in one process; absolute times on this shared machine move from run to run, ratios much less.\n",
        machine.date
    );
    machine_section(&mut d, machine);
    goals_section(&mut d, results, cost, library);
    breakdown_section(&mut d, results);
    bindings_cost_section(&mut d, cost);
    qr_section(&mut d, qr);
    reader_section(&mut d, results, reader);
    all_section(&mut d, results);
    d.push_str(NOTES);
    d
}

fn machine_section(d: &mut String, m: &Machine) {
    let _ = writeln!(d, "## Machine\n");
    let _ = writeln!(d, "| | |\n|---|---|");
    let _ = writeln!(d, "| CPU | {} |", m.cpu);
    let _ = writeln!(d, "| cores | {} logical ({} available to the benchmark) |", m.logical_cpus, m.available);
    let _ = writeln!(d, "| rustc | {} |", m.rustc);
    let _ = writeln!(d, "| kernel | Linux {} |", m.kernel);
    let _ = writeln!(d, "| load average at the end (1 / 5 / 15 min) | {} (other work shares these cores) |", m.load);
    let _ = writeln!(
        d,
        "| build | `bench` profile = the workspace `release` profile the apps ship (LTO, one codegen unit; opt-level 3 for `qujat-core`, \"s\" for the dependencies; x86-64 ChaCha20/Poly1305 backends from `.cargo/config.toml`) |"
    );
    let _ = writeln!(d, "| statistic | criterion median of the samples; single-threaded |\n");
}

fn goals_section(d: &mut String, results: &Results, cost: &BindingsCost, library: &Library) {
    let _ = writeln!(d, "## Goals\n");
    let _ = writeln!(d, "| path | measured | floor (same run) | ratio | goal | met? |\n|---|---|---|---|---|---|");
    for row in ROWS {
        let _ = writeln!(d, "{}", goal_row(row, results, cost));
    }
    let _ = writeln!(d, "{}", library_row(library));
    let _ = writeln!(
        d,
        "\nRatio: time ÷ floor time for latencies; throughput ÷ floor throughput for batch issuance. \
         A path without a floor has a goal in absolute time.\n"
    );
}

fn goal_row(row: &Row, results: &Results, cost: &BindingsCost) -> String {
    let goal = goal_text(row.goal);
    let as_estimate = |c: crate::bindings_cost::Cost| Estimate {
        median_ns: c.median_ns,
        median_ci_ns: (c.q1_ns, c.q3_ns),
        mean_ns: c.median_ns,
        elements: None,
    };
    let (measured, floor) = match row.source {
        Source::Pending(why) => {
            return format!("| {} | {why} | {} | — | {goal} | — |", row.path, row.floor);
        }
        Source::Bench { measured, floor } => {
            (results.get(&measured).copied(), floor.and_then(|f| results.get(&f)).copied())
        }
        Source::BindingsCost { case } => {
            (cost.get("kotlin", case).map(as_estimate), cost.get("rust", case).map(as_estimate))
        }
    };
    let Some(m) = measured.as_ref() else {
        let how = match row.source {
            Source::BindingsCost { .. } => " (run `scripts/bindings-cost.sh`)",
            _ => "",
        };
        return format!("| {} | missing from this run{how} | {} | — | {goal} | — |", row.path, row.floor);
    };
    let floor = floor.as_ref();
    let floor_cell = floor.map_or_else(|| row.floor.to_owned(), |f| format!("{}: {}", row.floor, value(row.goal, f)));
    let (ratio, met) = match (row.goal, floor) {
        (Goal::TimesFloor(k), Some(f)) => {
            let r = m.median_ns / f.median_ns;
            (format!("{r:.2} ×"), r <= k)
        }
        (Goal::ThroughputOfFloor(k), Some(f)) => {
            let r = m.per_second() / f.per_second();
            (format!("{r:.2} ×"), r >= k)
        }
        (Goal::OverheadOfFloor(k), Some(f)) => {
            let r = m.median_ns / f.median_ns - 1.0;
            (format!("{:+.1} %", r * 100.0), r <= k)
        }
        (Goal::AtMost(limit), _) => ("—".to_owned(), m.median_ns <= limit.as_nanos() as f64),
        (Goal::RateAtLeast(rate), _) => ("—".to_owned(), m.per_second() >= rate),
        (_, None) => ("—".to_owned(), false),
    };
    format!("| {} | {} | {floor_cell} | {ratio} | {goal} | {} |", row.path, value(row.goal, m), yes_no(met))
}

fn library_row(library: &Library) -> String {
    let path = "stripped release library (cdylib, x86-64)";
    let goal = format!("≤ {}", bytes(LIBRARY_SIZE_GOAL_BYTES));
    match library {
        Library::NotBuiltYet => {
            format!("| {path} | not built yet (no cdylib in the workspace) | — | — | {goal} | — |")
        }
        Library::Failed(why) => {
            format!("| {path} | could not be measured: {why} | — | — | {goal} | — |")
        }
        Library::Built(libs) => libs
            .iter()
            .map(|l| {
                format!(
                    "| {path}: `{}` ({}) | {} (release profile: {}) | — | — | {goal} | {} |",
                    l.file,
                    l.package,
                    bytes(l.stripped_bytes),
                    bytes(l.release_bytes),
                    yes_no(l.stripped_bytes <= LIBRARY_SIZE_GOAL_BYTES)
                )
            })
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

fn breakdown_section(d: &mut String, results: &Results) {
    let _ = writeln!(d, "## Where the time goes\n");
    let _ = writeln!(d, "| part | median | share of |\n|---|---|---|");
    for (part, whole) in BREAKDOWN {
        if let (Some(p), Some(w)) = (results.get(part), results.get(whole)) {
            let share = p.median_ns / w.median_ns * 100.0;
            let _ = writeln!(d, "| {} | {} | {share:.0} % of “{}” |", part.what, time(p.median_ns), whole.what);
        }
    }
    if let (Some(v), Some(f), Some(dec)) =
        (results.get(&perf::VERIFY), results.get(&perf::VERIFY_FLOOR), results.get(&perf::DECODE))
    {
        let rest = v.median_ns - f.median_ns - dec.median_ns;
        let _ = writeln!(
            d,
            "| verify, the rest: issuer lookup, `Sig_structure`s, disclosure digests, leaf CBOR, \
             typed claims, status lookup (whole − signatures − decode) | {} | {:.0} % of “{}” |",
            time(rest),
            rest / v.median_ns * 100.0,
            perf::VERIFY.what
        );
    }
    d.push('\n');
}

fn bindings_cost_section(d: &mut String, cost: &BindingsCost) {
    let _ = writeln!(d, "## Kotlin → Rust calls\n");
    if cost.costs.is_empty() {
        let _ = writeln!(d, "Not measured in this run: `scripts/bindings-cost.sh` writes these numbers.\n");
        return;
    }
    let _ = writeln!(
        d,
        "Measured by `scripts/bindings-cost.sh`: the same calls on the same input, from Kotlin (JVM 17, JNA, \
         the generated bindings, the release library) and from Rust (the bindings' Rust API, no FFI crossing), \
         each timed for 1 s of warm-up then 15 batches of about 50 ms; the figure is the median batch, and \
         the median of that over {} round(s), the two sides alternating. Wall-clock time per call, \
         the quartiles of the batches in brackets; then the calling thread's own time on a CPU per call \
         (`/proc/thread-self/schedstat`), which leaves out the time it waited for a core while other \
         threads ran (in the JVM: JNA's cleaner freeing native memory, the garbage collector).\n",
        cost.rounds
    );
    let _ = writeln!(
        d,
        "| case | from Rust | from Kotlin | Kotlin − Rust | ratio | on-CPU: Rust | on-CPU: Kotlin |\n\
         |---|---|---|---|---|---|---|"
    );
    for (case, what) in BINDINGS_COST_CASES {
        let (Some(r), Some(k)) = (cost.get("rust", case), cost.get("kotlin", case)) else { continue };
        let _ = writeln!(
            d,
            "| {what} | {} ({} – {}) | {} ({} – {}) | {} | {:.1} × | {} | {} |",
            time(r.median_ns),
            time(r.q1_ns),
            time(r.q3_ns),
            time(k.median_ns),
            time(k.q1_ns),
            time(k.q3_ns),
            time(k.median_ns - r.median_ns),
            k.median_ns / r.median_ns,
            time(r.cpu_ns),
            time(k.cpu_ns)
        );
    }
    d.push('\n');
}

fn qr_section(d: &mut String, rows: &[QrRow]) {
    let _ = writeln!(d, "## QR versions\n");
    let _ = writeln!(
        d,
        "Computed by `qujat_core::qr::version_for` on real presentations of the four fixtures (one test world, \
         no challenge unless stated). Version *v* is a square of 17 + 4*v* modules.\n"
    );
    let levels: Vec<String> = LEVELS.iter().map(|l| format!("ECC {l:?}")).collect();
    let _ = writeln!(d, "| fixture | claims | characters | {} |", levels.join(" | "));
    let _ = writeln!(d, "|---|---|---|{}", "---|".repeat(LEVELS.len()));
    for r in rows {
        let v: Vec<String> = r.versions.iter().map(u8::to_string).collect();
        let _ = writeln!(d, "| {} | {} | {} | {} |", r.fixture, r.set, r.chars, v.join(" | "));
    }
    let m = LEVELS.iter().position(|l| matches!(l, qujat_core::qr::Ecc::M));
    let enu = rows.iter().find(|r| r.fixture == "enu-bachelor-honors" && r.set == "default");
    if let (Some(m), Some(enu)) = (m, enu) {
        let v = enu.versions[m];
        let _ = writeln!(
            d,
            "\nThe ENU fixture's default presentation is version {v} at ECC M (goal of the wire-format issue: ≤ 16; {}).",
            if v <= 16 { "met" } else { "**not met**" }
        );
    }
    d.push('\n');
}

fn reader_section(d: &mut String, results: &Results, rates: &[(f64, Rate, Rate)]) {
    let _ = writeln!(d, "## QR reader on camera captures\n");
    let _ = writeln!(
        d,
        "The default ENU presentation (version 16, ECC M) photographed by the simulated camera of \
         `tests/capture` (1280×720 luma; tilted ≤ 20°, rotated ≤ 30°, textured background, shading, \
         glare on half, blur, noise, JPEG quality 55–90), {} captures per level, read in this run by \
         the core's reader (`qr::decode_luma`: rxing's port of zxing-cpp's QR reader) and by rqrr \
         alone (the reader before issue 14). Issue 14's goal: ≥ 95 % at 4 px/module. The test \
         `tests/it/capture.rs` checks it on the first 20 captures of each level.\n",
        rates.first().map_or(0, |r| r.1.total)
    );
    if rates.is_empty() {
        let _ = writeln!(d, "Not measured in this run.\n");
    } else {
        let _ = writeln!(d, "| px/module | core reader | rqrr alone |\n|---|---|---|");
        for (px, core, rqrr) in rates {
            let _ = writeln!(
                d,
                "| {px} | {}/{} ({:.0} %) | {}/{} ({:.0} %) |",
                core.read,
                core.total,
                core.percent(),
                rqrr.read,
                rqrr.total,
                rqrr.percent()
            );
        }
        if let Some((_, core, _)) = rates.iter().find(|r| r.0 == 4.0) {
            let _ = writeln!(
                d,
                "\nAt 4 px/module: {:.0} % (goal ≥ 95 %: {}).",
                core.percent(),
                if core.percent() >= 95.0 { "met" } else { "**not met**" }
            );
        }
        d.push('\n');
    }
    let _ = writeln!(d, "Time per frame (release build, criterion):\n");
    let _ = writeln!(d, "| benchmark | what | median |\n|---|---|---|");
    for id in perf::READER_BENCHES {
        let median = results.get(id).map_or_else(|| "not in this run".to_owned(), |e| time(e.median_ns));
        let _ = writeln!(d, "| `{id}` | {} | {median} |", id.what);
    }
    d.push('\n');
}

fn all_section(d: &mut String, results: &Results) {
    let _ = writeln!(d, "## Every measurement of this run\n");
    let _ = writeln!(d, "| benchmark | what | median | 95 % CI of the median | mean |\n|---|---|---|---|---|");
    for id in perf::all_benches() {
        if let Some(e) = results.get(&id) {
            let _ = writeln!(
                d,
                "| `{id}` | {} | {} | {} – {} | {} |",
                id.what,
                time(e.median_ns),
                time(e.median_ci_ns.0),
                time(e.median_ci_ns.1),
                time(e.mean_ns)
            );
        }
    }
    d.push('\n');
}

fn goal_text(goal: Goal) -> String {
    match goal {
        Goal::TimesFloor(k) => format!("≤ {k} × floor"),
        Goal::ThroughputOfFloor(k) => format!("≥ {k} × floor throughput"),
        Goal::AtMost(limit) => format!("≤ {}", time(limit.as_nanos() as f64)),
        Goal::OverheadOfFloor(k) => format!("overhead ≤ {:.0} % of the floor", k * 100.0),
        Goal::RateAtLeast(rate) => format!("≥ {} /s", thousands(rate)),
    }
}

/// A measurement as the goal reads it: a rate for throughput goals, a time otherwise.
fn value(goal: Goal, e: &Estimate) -> String {
    match goal {
        Goal::ThroughputOfFloor(_) | Goal::RateAtLeast(_) => {
            format!("{} /s ({} each)", thousands(e.per_second()), time(e.per_element_ns()))
        }
        _ => time(e.median_ns),
    }
}

fn yes_no(met: bool) -> &'static str {
    if met { "yes" } else { "**no**" }
}

/// `812 ns`, `95.1 µs`, `4.57 ms`, `1.20 s`.
pub fn time(ns: f64) -> String {
    let (v, unit) = match ns {
        n if n < 1e3 => (n, "ns"),
        n if n < 1e6 => (n / 1e3, "µs"),
        n if n < 1e9 => (n / 1e6, "ms"),
        n => (n / 1e9, "s"),
    };
    let digits = if v >= 100.0 {
        0
    } else if v >= 10.0 {
        1
    } else {
        2
    };
    format!("{v:.digits$} {unit}")
}

fn thousands(x: f64) -> String {
    let n = x.round() as u64;
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn bytes(n: u64) -> String {
    if n >= 1024 * 1024 {
        format!("{:.2} MiB", n as f64 / (1024.0 * 1024.0))
    } else {
        format!("{:.0} KiB", n as f64 / 1024.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(time(812.0), "812 ns");
        assert_eq!(time(95_100.0), "95.1 µs");
        assert_eq!(time(4_567_000.0), "4.57 ms");
        assert_eq!(time(2e6), "2.00 ms");
        assert_eq!(thousands(22_079.4), "22,079");
        assert_eq!(thousands(999.0), "999");
        assert_eq!(bytes(3 * 1024 * 1024), "3.00 MiB");
    }
}
