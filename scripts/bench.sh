#!/usr/bin/env bash
# Run the benchmarks and rewrite docs/PERFORMANCE.md from this run's numbers.
#
# About 3-4 minutes on two cores, most of it the LTO build of the benchmarks. Arguments are passed
# to criterion, e.g. `scripts/bench.sh verify` to run only the verify group (the report then
# needs the other groups' results from an earlier run in target/criterion).
set -euo pipefail
cd "$(dirname "$0")/.."

target="${CARGO_TARGET_DIR:-target}"
if [ $# -eq 0 ]; then
  # Start clean, so that every number in the report comes from this one run.
  rm -rf "$target/criterion"
fi
cargo bench -p qujat-tests --bench paths --bench vault -- "$@"
cargo run -q -p qujat-tests --bin perf-report -- --criterion "$target/criterion" --out docs/PERFORMANCE.md
