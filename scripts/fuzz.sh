#!/usr/bin/env bash
# Run every fuzz target of fuzz/ in turn and print the executions of each.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET]   each target for that long (default 60)
#   scripts/fuzz.sh --runs N               each target until N executions (10000000: the long
#                                          campaign; see fuzz/README.md for how long it takes),
#                                          or MAX_SECONDS (default 1200) if that comes first: the
#                                          file-level vault_file runs ~1,000 executions a second
#   scripts/fuzz.sh --smoke                each target for 20,000 runs (15 s at most), with
#                                          AddressSanitizer (CI, via scripts/test.sh)
#   scripts/fuzz.sh --seeds                regenerate fuzz/seeds/ from the fuzz world
#   TARGETS="qj1_string bundle" scripts/fuzz.sh 600    only some targets
#   SANITIZER=address scripts/fuzz.sh --runs 10000000  a long run with AddressSanitizer
#
# Targets run one after another, never in parallel (the machines have two cores: -fork/-jobs
# would only share them). New inputs go to fuzz/corpus/<target>/ (not committed); the committed
# seeds are fuzz/seeds/<target>/. A crash stops the script with the reproducer in
# fuzz/artifacts/<target>/ and its log in fuzz/artifacts/<target>.log; replay one with
# `fuzz/target[/none]/x86_64-unknown-linux-gnu/release/<target> <file>`.
#
# Needs a nightly toolchain (FUZZ_TOOLCHAIN, default nightly), and not cargo-fuzz: the targets
# are built with `cargo build` and the flags cargo-fuzz 0.13 passes (below), and run directly.
# They stay cargo-fuzz targets: `cargo +nightly fuzz run <target>` works as well.
set -euo pipefail
cd "$(dirname "$0")/.."

TOOLCHAIN="${FUZZ_TOOLCHAIN:-nightly}"
ALL_TARGETS="qj1_string presentation_cose reencode credential bundle trust_list status_list issuer_input_json qr_png vault_record vault_file backup_archive"
TARGETS="${TARGETS:-$ALL_TARGETS}"

usage() {
    echo "usage: $0 [SECONDS_PER_TARGET | --runs N | --smoke | --seeds]" >&2
    exit 2
}

if [[ "${1:-}" == "--seeds" ]]; then
    exec cargo run --quiet --manifest-path fuzz/Cargo.toml --example seeds
fi

mode="time"
seconds=60
runs=0
case "${1:-}" in
    --smoke) mode="smoke" ;;
    --runs)
        mode="runs"
        runs="${2:-}"
        [[ "$runs" =~ ^[0-9]+$ ]] || usage
        ;;
    "") ;;
    *)
        [[ "$1" =~ ^[0-9]+$ ]] || usage
        seconds="$1"
        ;;
esac

# AddressSanitizer for the CI smoke; by default none for the long runs, which then go about
# twice as fast (see fuzz/README.md). The checks stay: debug assertions (overflow checks) in
# both, -rss_limit_mb in both, and the single-allocation limit of 256 MiB by
# -malloc_limit_mb=256 under ASan and by the fuzz crate's allocator guard without it.
if [[ "$mode" == "smoke" ]]; then
    SANITIZER="${SANITIZER:-address}"
else
    SANITIZER="${SANITIZER:-none}"
fi
case "$SANITIZER" in
    address | none) ;;
    *)
        echo "SANITIZER must be address or none" >&2
        exit 2
        ;;
esac

# Largest input each target is given. At least the decoder's limit where that is small, so
# the refusal at the limit is fuzzed too; smaller for the slow image decoder and the big lists
# (their limits are tested exactly in tests/it/limits.rs).
max_len() {
    case "$1" in
        qj1_string) echo 4400 ;;          # wire::MAX_TEXT_CHARS = 4296
        presentation_cose) echo 8400 ;;   # MAX_PRESENTATION_BYTES = 8 KiB
        reencode) echo 8400 ;;            # every decoder; the presentation and bundle limits
        credential) echo 1100 ;;          # MAX_CREDENTIAL_BYTES = 1 KiB
        bundle) echo 8400 ;;              # MAX_BUNDLE_BYTES = 8 KiB
        trust_list) echo 16384 ;;         # MAX_TRUST_LIST_BYTES = 512 KiB
        status_list) echo 16384 ;;        # MAX_STATUS_LIST_BYTES = 256 KiB
        issuer_input_json) echo 16384 ;;  # MAX_INPUT_BYTES = 64 KiB
        qr_png) echo 4096 ;;              # small PNGs: decoding is slow
        vault_record) echo 9000 ;;        # a bundle (8 KiB) or summary row, plus the kind byte
        vault_file) echo 512 ;;           # patches: a few damaged spots per run
        backup_archive) echo 16384 ;;     # archives of a few diplomas (MAX_ARCHIVE_BYTES = 64 MiB)
        *) echo 4096 ;;
    esac
}

# What `cargo fuzz build --debug-assertions [--sanitizer none]` passes (cargo-fuzz 0.13.2,
# src/project.rs), in its order, so that the address build is shared with `cargo fuzz` in
# fuzz/target: SanitizerCoverage with inline counters, the PC table, compare tracing and stack
# depth, `--cfg fuzzing`, no branch folding, debug assertions, one codegen unit (faster code,
# slower build). `--target` keeps these flags off build scripts and proc macros.
host=$(rustc "+$TOOLCHAIN" -vV | sed -n 's/^host: //p')
rustflags=" -Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4"
rustflags+=" -Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table"
rustflags+=" -Cllvm-args=-sanitizer-coverage-trace-compares --cfg fuzzing"
rustflags+=" -Cllvm-args=-simplifycfg-branch-fold-threshold=0"
if [[ "$SANITIZER" == "address" ]]; then
    rustflags+=" -Zsanitizer=address"
    target_dir="fuzz/target"
else
    target_dir="fuzz/target/none"
fi
rustflags+=" -Cllvm-args=-sanitizer-coverage-stack-depth -Cdebug-assertions"
if [[ "$mode" == "smoke" ]]; then
    # The smoke runs a few seconds per target: build for a short build, not for speed. The dev
    # profile at opt-level 1 builds in about half the time of the release one with one codegen
    # unit (4 vs 8.5 minutes on 2 loaded cores) and still runs ~3,000 executions a second;
    # opt-level 0 builds in 2 minutes but then verifies signatures at a few dozen a second.
    target_dir="$target_dir/smoke"
    bin_dir="$target_dir/$host/debug"
    profile=(--config 'profile.dev.opt-level=1')
else
    rustflags+=" -Ccodegen-units=1"
    bin_dir="$target_dir/$host/release"
    profile=(--release --config 'profile.release.debug="line-tables-only"')
fi
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_odr_violation=0"

bins=()
for t in $TARGETS; do
    bins+=(--bin "$t")
done
RUSTFLAGS="$rustflags" cargo "+$TOOLCHAIN" build --quiet --manifest-path fuzz/Cargo.toml --target "$host" \
    --target-dir "$target_dir" "${profile[@]}" "${bins[@]}"

mkdir -p fuzz/artifacts
printf '%-20s %12s %10s %8s %8s\n' target executions exec/s seconds corpus
for t in $TARGETS; do
    mkdir -p "fuzz/corpus/$t" "fuzz/seeds/$t" "fuzz/artifacts/$t"
    log="fuzz/artifacts/$t.log"
    case "$mode" in
        smoke) budget=(-runs=20000 -max_total_time=15) ;;
        runs) budget=(-runs="$runs" -max_total_time="${MAX_SECONDS:-1200}") ;;
        time) budget=(-max_total_time="$seconds") ;;
    esac
    limits=(-rss_limit_mb=2048 -timeout=10)
    if [[ "$SANITIZER" == "address" ]]; then
        limits+=(-malloc_limit_mb=256)
    fi
    start=$SECONDS
    if ! "$bin_dir/$t" "fuzz/corpus/$t" "fuzz/seeds/$t" "${budget[@]}" -max_len="$(max_len "$t")" "${limits[@]}" \
        -artifact_prefix="fuzz/artifacts/$t/" -print_final_stats=1 >"$log" 2>&1; then
        echo "FAILED: $t (see $log and fuzz/artifacts/$t/)" >&2
        tail -n 40 "$log" >&2
        exit 1
    fi
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
    corpus=$(find "fuzz/corpus/$t" -type f | wc -l)
    printf '%-20s %12s %10s %8s %8s\n' "$t" "${execs:-?}" "${rate:-?}" "$((SECONDS - start))" "$corpus"
done
