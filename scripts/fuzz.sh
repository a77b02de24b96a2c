#!/usr/bin/env bash
# Run every fuzz target of fuzz/ in turn and print the executions of each.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET]   each target for that long (default 60)
#   scripts/fuzz.sh --smoke                each target for a few thousand runs (CI)
#   scripts/fuzz.sh --seeds                regenerate fuzz/seeds/ from the fuzz world
#   TARGETS="qj1_string bundle" scripts/fuzz.sh 600    only some targets
#
# Targets run one after another, never in parallel (the machines have two cores). New inputs
# go to fuzz/corpus/<target>/ (not committed); the committed seeds are fuzz/seeds/<target>/.
# A crash stops the script with the reproducer in fuzz/artifacts/<target>/ and its log in
# fuzz/artifacts/<target>.log. Needs a nightly toolchain; installs cargo-fuzz if missing.
set -euo pipefail
cd "$(dirname "$0")/.."

TOOLCHAIN="${FUZZ_TOOLCHAIN:-nightly}"
ALL_TARGETS="qj1_string presentation_cose credential bundle trust_list status_list issuer_input_json qr_png"
TARGETS="${TARGETS:-$ALL_TARGETS}"

if [[ "${1:-}" == "--seeds" ]]; then
    exec cargo run --quiet --manifest-path fuzz/Cargo.toml --example seeds
fi

mode="time"
seconds="${1:-60}"
if [[ "$seconds" == "--smoke" ]]; then
    mode="smoke"
elif ! [[ "$seconds" =~ ^[0-9]+$ ]]; then
    echo "usage: $0 [SECONDS_PER_TARGET | --smoke | --seeds]" >&2
    exit 2
fi

if ! cargo fuzz --version >/dev/null 2>&1; then
    cargo install cargo-fuzz --locked
fi

# Largest input each target is given. At least the decoder's limit where that is small, so
# the refusal at the limit is fuzzed too; smaller for the slow image decoder and the big lists
# (their limits are tested exactly in tests/it/limits.rs).
max_len() {
    case "$1" in
        qj1_string) echo 4400 ;;          # wire::MAX_TEXT_CHARS = 4296
        presentation_cose) echo 8400 ;;   # MAX_PRESENTATION_BYTES = 8 KiB
        credential) echo 1100 ;;          # MAX_CREDENTIAL_BYTES = 1 KiB
        bundle) echo 8400 ;;              # MAX_BUNDLE_BYTES = 8 KiB
        trust_list) echo 16384 ;;         # MAX_TRUST_LIST_BYTES = 512 KiB
        status_list) echo 16384 ;;        # MAX_STATUS_LIST_BYTES = 256 KiB
        issuer_input_json) echo 16384 ;;  # MAX_INPUT_BYTES = 64 KiB
        qr_png) echo 4096 ;;              # small PNGs: decoding is slow
        *) echo 4096 ;;
    esac
}

# Debug assertions (and so overflow checks) on; AddressSanitizer (cargo-fuzz's default) makes
# -malloc_limit_mb catch any single allocation past 256 MiB, an unbounded allocation.
cargo "+$TOOLCHAIN" fuzz build --debug-assertions

mkdir -p fuzz/artifacts
printf '%-20s %12s %10s %8s\n' target executions exec/s corpus
for t in $TARGETS; do
    mkdir -p "fuzz/corpus/$t" "fuzz/seeds/$t"
    log="fuzz/artifacts/$t.log"
    if [[ "$mode" == "smoke" ]]; then
        budget=(-runs=20000 -max_total_time=30)
    else
        budget=(-max_total_time="$seconds")
    fi
    if ! cargo "+$TOOLCHAIN" fuzz run --debug-assertions "$t" "fuzz/corpus/$t" "fuzz/seeds/$t" -- \
        "${budget[@]}" -max_len="$(max_len "$t")" -rss_limit_mb=2048 -malloc_limit_mb=256 \
        -timeout=10 -print_final_stats=1 >"$log" 2>&1; then
        echo "FAILED: $t (see $log and fuzz/artifacts/$t/)" >&2
        tail -n 40 "$log" >&2
        exit 1
    fi
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
    corpus=$(find "fuzz/corpus/$t" -type f | wc -l)
    printf '%-20s %12s %10s %8s\n' "$t" "${execs:-?}" "${rate:-?}" "$corpus"
done
