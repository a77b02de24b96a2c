#!/usr/bin/env bash
# The phone library type-checks for the phones' targets: `cargo check -p qujat-ffi
# --no-default-features` for aarch64-linux-android and aarch64-apple-ios in one cargo run (their
# dependency graphs checked side by side), without the bundled SQLite, so no NDK or Xcode is
# needed. Its own target directory (target/mobile): nothing here is shared with the host build,
# and scripts/test.sh runs it in the background beside the other steps without a cargo lock in
# common.
set -euo pipefail
cd "$(dirname "$0")/.."
targets=()
for target in aarch64-linux-android aarch64-apple-ios; do
  if rustup target list --installed 2>/dev/null | grep -qx "$target" || rustup target add "$target" >/dev/null 2>&1; then
    targets+=(--target "$target")
  else
    echo "SKIPPED: cannot install the Rust target $target here; its mobile type-check did not run"
  fi
done
if [ ${#targets[@]} -gt 0 ]; then
  CARGO_TARGET_DIR=target/mobile cargo check -p qujat-ffi --no-default-features "${targets[@]}" --quiet
  echo "mobile type-check ok: ${targets[*]}"
fi
