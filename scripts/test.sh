#!/usr/bin/env bash
# Run every test: format, lints, docs, the Rust suites (unit, integration, CLI, properties),
# the JVM tests (Kotlin bindings, Android logic and bridge; scripts/jvm-test.sh), the web
# verifier in Chromium, the mobile type-check and the dependency policy. Installs what it needs
# on a fresh Debian machine. Every fuzz target's body runs over its seeds and damaged copies of
# them in the Rust tests (tests/fuzz_seeds.rs); mutation fuzzing is a run of its own. The
# workspace is compiled once for checking (clippy, docs) and once for testing; the JVM tests
# load the library the Rust tests built (one feature set: tests/Cargo.toml).
# Long runs (the fuzz smoke and campaigns, the 1,000-kill crash harness) are separate: see
# README "Longer runs".
set -euo pipefail
cd "$(dirname "$0")/.."

started=$SECONDS
last=$SECONDS
last_cpu=0
cpu=0
times_file=$(mktemp)
# The background jobs (below): pid and log by name.
declare -A bg_pid=() bg_log=()
# CPU seconds (user + system) used so far by the commands this script ran, into $cpu. `times`
# runs in this shell (not in a $(…) subshell, which would have no children of its own).
read_cpu() {
  times >"$times_file"
  cpu=$(sed -n 2p "$times_file" | awk '{ n = split($0, f, /[ ms]+/); printf "%d", f[1] * 60 + f[2] + f[3] * 60 + f[4] }')
}
# Each step's heading says how long the one before it took (wall and CPU), so a slow step
# shows in CI's log.
step() {
  read_cpu
  printf '\n==> %s   (previous step %ds, %d CPU-s; %ds in all)\n' "$*" $((SECONDS - last)) $((cpu - last_cpu)) $((SECONDS - started))
  last=$SECONDS
  last_cpu=$cpu
}
finish() {
  for pid in "${bg_pid[@]}"; do
    [ -z "$pid" ] || kill -- "-$pid" 2>/dev/null || true
  done
  read_cpu
  printf '\n==> test.sh finished: %ds in all, %d CPU-s\n' $((SECONDS - started)) "$cpu"
  rm -f "$times_file"
}
trap finish EXIT

step "format"
cargo fmt --all --check

# Work that shares nothing with the workspace's build starts now, in the background, each job
# with its own log (and the compiles with their own cargo target directory, so no cargo lock is
# shared, at low priority): the Debian packages (JDK, JNA, poppler, …: the downloads overlap
# the first compile), the phones' type-check and the WebAssembly build. The compiles fill the
# moments the steps below leave a core idle (long single-crate compiles, linking, the test
# runs, the JVM). Each job is waited for by the first step that needs it, which prints its log.
mkdir -p build
background() {
  local name=$1
  shift
  bg_log[$name]=build/$name.log
  # setsid: its own process group, so that a failure elsewhere stops it too (finish above).
  setsid "$@" >"${bg_log[$name]}" 2>&1 &
  bg_pid[$name]=$!
}
await() {
  local name=$1 what=$2 status=0
  [ -n "${bg_pid[$name]:-}" ] || return 0
  wait "${bg_pid[$name]}" || status=$?
  bg_pid[$name]=
  cat "${bg_log[$name]}"
  if [ "$status" -ne 0 ]; then
    echo "FAILED: $what (log above)" >&2
    exit "$status"
  fi
}
background system-deps bash scripts/system-deps.sh
background mobile-check nice -n 10 bash scripts/mobile-check.sh
background web-build nice -n 10 bash scripts/build-web.sh --wasm-only

step "clippy (all targets, warnings are errors)"
cargo clippy --workspace --all-targets --quiet -- -D warnings

step "docs (warnings are errors)"
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --quiet

step "rust tests"
await system-deps "installing the Debian packages the tests need"
if cargo nextest --version >/dev/null 2>&1; then
  cargo nextest run --workspace --no-fail-fast
else
  cargo test --workspace --no-fail-fast
fi
cargo test --workspace --doc --quiet

step "JVM tests: Kotlin bindings, Android logic and bridge (one compile, one JUnit run)"
bash scripts/jvm-test.sh

step "web verifier in Chromium (WebAssembly built at the beginning, page, fake camera, offline; scripts/web-test.sh)"
await web-build "the WebAssembly build"
bash scripts/web-test.sh

step "mobile targets type-check (scripts/mobile-check.sh, started at the beginning; waiting for it)"
await mobile-check "the phones' type-check"

step "dependency policy (cargo deny: licences, bans, sources)"
bash scripts/deny.sh

