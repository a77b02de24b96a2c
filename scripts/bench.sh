#!/usr/bin/env bash
# Run the benchmarks and rewrite docs/PERFORMANCE.md from this run's numbers.
#
# About 6-7 minutes on two cores (the report's QR reader rates on 400 simulated captures take
# about half a minute): the criterion benchmarks (most of it the LTO build), then the
# Kotlin → Rust call costs (scripts/bindings-cost.sh, about 2 minutes). Arguments are passed to
# criterion, e.g. `scripts/bench.sh verify` to run only the verify group (the report then needs
# the other groups' results, and the call costs, from an earlier run in target/).
# QUJAT_SKIP_BINDINGS_COST=1 keeps the call costs of an earlier run.
set -euo pipefail
cd "$(dirname "$0")/.."

target="${CARGO_TARGET_DIR:-target}"
if [ $# -eq 0 ]; then
  # Start clean, so that every number in the report comes from this one run.
  rm -rf "$target/criterion"
  [ "${QUJAT_SKIP_BINDINGS_COST:-0}" = 1 ] || rm -f "$target/bindings-cost/results.tsv"
fi
cargo bench -p qujat-tests --bench paths --bench vault --bench reader -- "$@"
if [ $# -eq 0 ] && [ "${QUJAT_SKIP_BINDINGS_COST:-0}" != 1 ]; then
  scripts/bindings-cost.sh
fi
if [ $# -eq 0 ]; then
  # The web verifier in headless Chromium: size, camera frame → verdict, browser vs native.
  rm -f target/web-bench/results.txt
  bash scripts/web-test.sh --bench
fi
cargo run -q -p qujat-tests --bin perf-report -- --criterion "$target/criterion" \
  --bindings-cost "$target/bindings-cost/results.tsv" --web target/web-bench/results.txt --out docs/PERFORMANCE.md
