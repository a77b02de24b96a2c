//! Criterion's estimates for this run (`target/criterion/<group>/<name>/new/`).

use std::collections::HashMap;
use std::error::Error;
use std::path::Path;

use qujat_tests::perf::BenchId;
use serde_json::Value;

/// One benchmark's result: per-iteration times in nanoseconds.
#[derive(Debug, Clone, Copy)]
pub struct Estimate {
    /// Median (what ratios use: robust on a shared, noisy machine).
    pub median_ns: f64,
    /// 95 % confidence interval of the median.
    pub median_ci_ns: (f64, f64),
    /// Mean.
    pub mean_ns: f64,
    /// Elements per iteration when the benchmark declares a throughput.
    pub elements: Option<u64>,
}

impl Estimate {
    /// Median time per element (per iteration without a declared throughput).
    pub fn per_element_ns(&self) -> f64 {
        self.median_ns / self.elements.unwrap_or(1).max(1) as f64
    }

    /// Elements per second at the median.
    pub fn per_second(&self) -> f64 {
        1e9 / self.per_element_ns()
    }
}

/// The results of this run, by id.
pub type Results = HashMap<BenchId, Estimate>;

/// Read every listed benchmark; a missing one is an error (run the benchmarks first).
pub fn load(dir: &Path, ids: &[BenchId]) -> Result<Results, Box<dyn Error>> {
    let mut out = Results::new();
    for id in ids {
        let base = dir.join(id.group).join(id.name).join("new");
        let read = |file: &str| -> Result<Value, Box<dyn Error>> {
            let path = base.join(file);
            let text = std::fs::read_to_string(&path).map_err(|e| {
                format!("{}: {e} (run `scripts/bench.sh`, which runs the benchmarks first)", path.display())
            })?;
            Ok(serde_json::from_str(&text)?)
        };
        let estimates = read("estimates.json")?;
        let benchmark = read("benchmark.json")?;
        let number = |v: &Value| v.as_f64().ok_or_else(|| format!("{id}: malformed estimates.json"));
        let median = &estimates["median"];
        out.insert(
            *id,
            Estimate {
                median_ns: number(&median["point_estimate"])?,
                median_ci_ns: (
                    number(&median["confidence_interval"]["lower_bound"])?,
                    number(&median["confidence_interval"]["upper_bound"])?,
                ),
                mean_ns: number(&estimates["mean"]["point_estimate"])?,
                elements: benchmark["throughput"]["Elements"].as_u64(),
            },
        );
    }
    Ok(out)
}
