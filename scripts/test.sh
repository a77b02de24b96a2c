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
  read_cpu
  printf '\n==> test.sh finished: %ds in all, %d CPU-s\n' $((SECONDS - started)) "$cpu"
  rm -f "$times_file"
}
trap finish EXIT

step "format"
cargo fmt --all --check

# Debian packages (JDK, JNA, poppler, …): in the background too, so the downloads overlap the
# first compile; waited for before the first step that needs them.
mkdir -p build
deps_log=build/system-deps.log
bash scripts/system-deps.sh >"$deps_log" 2>&1 &
deps_pid=$!
wait_for_system_deps() {
  [ -n "$deps_pid" ] || return 0
  local status=0
  wait "$deps_pid" || status=$?
  deps_pid=
  cat "$deps_log"
  if [ "$status" -ne 0 ]; then
    echo "FAILED: installing the Debian packages the tests need (log above)" >&2
    exit "$status"
  fi
}

step "clippy (all targets, warnings are errors)"
cargo clippy --workspace --all-targets --quiet -- -D warnings

step "docs (warnings are errors)"
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --quiet

step "rust tests"
wait_for_system_deps
if cargo nextest --version >/dev/null 2>&1; then
  cargo nextest run --workspace --no-fail-fast
else
  cargo test --workspace --no-fail-fast
fi
cargo test --workspace --doc --quiet

step "JVM tests: Kotlin bindings, Android logic and bridge (one compile, one JUnit run)"
bash scripts/jvm-test.sh

step "web verifier in Chromium (WebAssembly build, page, fake camera, offline; scripts/web-test.sh)"
bash scripts/web-test.sh

step "mobile targets type-check (bindings, no bundled SQLite: no NDK or Xcode needed)"
targets=()
for target in aarch64-linux-android aarch64-apple-ios; do
  if rustup target list --installed 2>/dev/null | grep -qx "$target" || rustup target add "$target" >/dev/null 2>&1; then
    targets+=(--target "$target")
  else
    echo "SKIPPED: cannot install the Rust target $target here; its mobile type-check did not run"
  fi
done
if [ ${#targets[@]} -gt 0 ]; then
  # One cargo run for both targets: their dependency graphs are checked side by side.
  cargo check -p qujat-ffi --no-default-features "${targets[@]}" --quiet
  echo "mobile type-check ok: ${targets[*]}"
fi

step "dependency policy (cargo deny: licences, bans, sources)"
bash scripts/deny.sh

