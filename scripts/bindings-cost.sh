#!/usr/bin/env bash
# Measure the bindings: the stripped release size of the mobile library and the cost of
# Kotlin → Rust calls against the same calls in Rust (bindings/examples/verify_cost.rs and
# tests/kotlin/src/VerifyCost.kt: same input, same cases, same timing). Asserts nothing.
#
#   scripts/bindings-cost.sh              # 3 rounds, Rust then Kotlin in each (about 2 minutes)
#   QUJAT_COST_ROUNDS=1 scripts/bindings-cost.sh
#
# The two sides alternate so that both see the same load on a shared machine. Every `RESULT`
# line goes to $target/bindings-cost/results.tsv, which `scripts/bench.sh` turns into the
# "Kotlin → Rust verify call" rows of docs/PERFORMANCE.md (median over the rounds).
set -euo pipefail
cd "$(dirname "$0")/.."

target="${CARGO_TARGET_DIR:-target}"
rounds="${QUJAT_COST_ROUNDS:-3}"
out="$target/bindings-cost"
java_dir=/usr/share/java
klib=tests/kotlin/node_modules/kotlin-compiler/lib
kotlinc=tests/kotlin/node_modules/kotlin-compiler/bin/kotlinc
[ -n "${QUJAT_COST_JAVA_OPTS:-}" ] && echo "extra JVM options (an experiment, not the reported setup): $QUJAT_COST_JAVA_OPTS"
[ -x "$kotlinc" ] || { echo "kotlinc missing: run scripts/jvm-test.sh once (it installs it)" >&2; exit 1; }
mkdir -p "$out"

echo "==> release library (profile.release: LTO, 1 codegen unit, opt-level s, panic unwind)"
# The size is the shipped library's (no test-only API); the timing needs the test tools (the
# bindings' `testing` feature), so the library is built again with it before the rounds.
cargo build --release -p qujat-ffi --quiet
lib="$target/release/libqujat_ffi.so"
strip -o "$out/libqujat_ffi.stripped.so" "$lib"
printf 'libqujat_ffi.so (x86_64, release): %s bytes as built (symbols kept for bindgen), %s bytes stripped\n' \
  "$(stat -c %s "$lib")" "$(stat -c %s "$out/libqujat_ffi.stripped.so")"
gzip -9 -c "$out/libqujat_ffi.stripped.so" | wc -c | xargs printf 'stripped and gzipped: %s bytes\n'
QUJAT_FFI_TESTING=1 QUJAT_PROFILE=release QUJAT_BINDINGS_OUT="$out/bindings" scripts/gen-bindings.sh >/dev/null

echo "==> Kotlin harness, compiled with the bindings generated from this library"
rm -rf "$out/classes"
"$kotlinc" -nowarn -jvm-target 17 -cp "$java_dir/jna.jar" -d "$out/classes" \
  $(find "$out/bindings/kotlin" -name '*.kt') tests/kotlin/src/VerifyCost.kt
cargo build --release -p qujat-ffi --features testing --example verify_cost --quiet

results="$out/results.tsv"
printf 'round\tside\tcase\tmedian_ns\tq1_ns\tq3_ns\tcalls\tcpu_ns\n' >"$results"
for round in $(seq 1 "$rounds"); do
  echo "==> round $round of $rounds (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
  {
    "$target/release/examples/verify_cost" "$out/input.txt"
    # shellcheck disable=SC2086
    java ${QUJAT_COST_JAVA_OPTS:-} -Djna.library.path="$target/release" -cp "$out/classes:$java_dir/jna.jar:$klib/kotlin-stdlib.jar" \
      kz.qujat.tests.VerifyCostKt "$out/input.txt"
  } | while read -r tag side case median q1 q3 calls cpu; do
    if [ "$tag" = RESULT ]; then
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$side" "$case" "$median" "$q1" "$q3" "$calls" "$cpu" >>"$results"
      awk -v s="$side" -v c="$case" -v m="$median" -v a="$q1" -v b="$q3" -v u="$cpu" \
        'BEGIN { printf "  %-7s %-22s %9.2f µs per call (quartiles %.2f–%.2f), on-CPU %.2f µs\n", s, c, m / 1000, a / 1000, b / 1000, u / 1000 }'
    else
      echo "  $tag $side $case $median $q1 $q3 $calls $cpu" | sed 's/ *$//'
    fi
  done
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "wrote $results"
