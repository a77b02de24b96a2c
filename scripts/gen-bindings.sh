#!/usr/bin/env bash
# Generate the Kotlin and Swift bindings from the built library (uniffi library mode).
#
#   scripts/gen-bindings.sh              the phone library's shape: `cargo build -p qujat-ffi`
#                                        (no test-only API), debug; output in build/bindings/
#   QUJAT_PROFILE=release scripts/gen-bindings.sh
#   scripts/gen-bindings.sh --workspace  the library the workspace's tests build (with the
#                                        test-only API of the `testing` feature, pulled in by
#                                        qujat-tests); a no-op build after scripts/test.sh's
#                                        build step: what scripts/jvm-test.sh uses
#
# The bindings are generated, never edited and never committed (build/ is ignored). They are
# read from the library's uniffi metadata, so generate them from a library that still has it:
# the debug build, or the release profile here (strip = "debuginfo" keeps the symbols).
# Generate the apps' bindings without --workspace: bindings generated from the test build
# declare functions the shipped library does not have, and uniffi's checksums refuse them.
set -euo pipefail
cd "$(dirname "$0")/.."

profile="${QUJAT_PROFILE:-debug}"
out="${QUJAT_BINDINGS_OUT:-build/bindings}"
cargo_profile=()
[ "$profile" = release ] && cargo_profile=(--release)

if [ "${1:-}" = --workspace ]; then
  # One cargo run, the workspace's feature set: the library and the generator come from the
  # build the Rust tests share (see tests/Cargo.toml, "One feature set for the workspace").
  cargo build --workspace --lib --bins "${cargo_profile[@]}" --quiet
else
  cargo build -p qujat-ffi "${cargo_profile[@]}" --quiet
  cargo build -p qujat-bindgen --quiet
fi

case "$(uname -s)" in
  Darwin) lib="target/$profile/libqujat_ffi.dylib" ;;
  *) lib="target/$profile/libqujat_ffi.so" ;;
esac
bindgen=target/debug/uniffi-bindgen

rm -rf "$out/kotlin" "$out/swift"
"$bindgen" generate "$lib" --language kotlin --out-dir "$out/kotlin" --no-format
"$bindgen" generate "$lib" --language swift --out-dir "$out/swift" --no-format
echo "bindings: $out/kotlin ($(find "$out/kotlin" -name '*.kt' | wc -l) Kotlin file), $out/swift ($(ls "$out/swift" | tr '\n' ' '))"
