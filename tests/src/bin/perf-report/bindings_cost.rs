//! The call-cost harnesses' results (`scripts/bindings-cost.sh` writes
//! `target/bindings-cost/results.tsv`): one line per round, side and case.

use std::collections::HashMap;
use std::path::Path;

/// One side of one case, over the rounds: medians of the rounds' values, nanoseconds per call.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cost {
    /// Median over the rounds of each round's median batch.
    pub median_ns: f64,
    /// Median over the rounds of each round's first quartile.
    pub q1_ns: f64,
    /// Median over the rounds of each round's third quartile.
    pub q3_ns: f64,
    /// Median over the rounds of the calling thread's on-CPU time per call.
    pub cpu_ns: f64,
}

/// What the report knows about the call costs.
#[derive(Debug, Clone, Default)]
pub struct BindingsCost {
    /// Rounds found (each runs both sides, Rust then Kotlin).
    pub rounds: usize,
    /// By `(side, case)`: side is `rust` or `kotlin`.
    pub costs: HashMap<(String, String), Cost>,
}

impl BindingsCost {
    /// The cost of `case` from `side`, if measured.
    pub fn get(&self, side: &str, case: &str) -> Option<Cost> {
        self.costs.get(&(side.to_owned(), case.to_owned())).copied()
    }
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    match v.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => v[n / 2],
        n => (v[n / 2 - 1] + v[n / 2]) / 2.0,
    }
}

/// Read the results file; a missing file gives no costs (the rows say so).
pub fn load(path: &Path) -> Result<BindingsCost, String> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(BindingsCost::default()),
        Err(e) => return Err(format!("{}: {e}", path.display())),
    };
    let mut rounds = std::collections::BTreeSet::new();
    let mut samples: HashMap<(String, String), Vec<[f64; 4]>> = HashMap::new();
    for (n, line) in text.lines().enumerate().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        let bad = || format!("{}:{}: expected round, side, case, median, q1, q3, calls, cpu", path.display(), n + 1);
        let [round, side, case, med, q1, q3, _calls, cpu] = f[..] else { return Err(bad()) };
        let num = |s: &str| s.parse::<f64>().map_err(|_| bad());
        rounds.insert(round.to_owned());
        let sample = [num(med)?, num(q1)?, num(q3)?, num(cpu)?];
        samples.entry((side.to_owned(), case.to_owned())).or_default().push(sample);
    }
    let costs = samples
        .into_iter()
        .map(|(k, v)| {
            let col = |i: usize| median(v.iter().map(|s| s[i]).collect());
            (k, Cost { median_ns: col(0), q1_ns: col(1), q3_ns: col(2), cpu_ns: col(3) })
        })
        .collect();
    Ok(BindingsCost { rounds: rounds.len(), costs })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians_over_rounds() {
        let dir = std::env::temp_dir().join(format!("qujat-cost-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("results.tsv");
        std::fs::write(
            &file,
            "round\tside\tcase\tmedian_ns\tq1_ns\tq3_ns\tcalls\tcpu_ns\n\
             1\trust\tverify\t100\t90\t110\t10\t95\n2\trust\tverify\t300\t290\t310\t10\t95\n\
             3\trust\tverify\t200\t190\t210\t10\t99\n1\tkotlin\tverify\t400\t390\t410\t10\t300\n",
        )
        .unwrap();
        let c = load(&file).unwrap();
        assert_eq!(c.rounds, 3);
        assert_eq!(c.get("rust", "verify"), Some(Cost { median_ns: 200.0, q1_ns: 190.0, q3_ns: 210.0, cpu_ns: 95.0 }));
        assert_eq!(c.get("kotlin", "verify").map(|c| c.median_ns), Some(400.0));
        assert!(load(&dir.join("missing.tsv")).unwrap().costs.is_empty());
        std::fs::write(&file, "header\n1\trust\n").unwrap();
        assert!(load(&file).is_err());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
