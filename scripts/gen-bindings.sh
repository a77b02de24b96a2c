#!/usr/bin/env bash
# Generate the Kotlin and Swift bindings from the built library (uniffi library mode).
#
#   scripts/gen-bindings.sh            # debug library, output in build/bindings/{kotlin,swift}
#   QUJAT_PROFILE=release scripts/gen-bindings.sh     # the shipped API (no `testing` items)
#   QUJAT_FFI_TESTING=0 scripts/gen-bindings.sh       # debug library without the test-only API
#
# The bindings are generated, never edited and never committed (build/ is ignored). They are
# read from the library's uniffi metadata, so generate them from a library that still has it:
# the debug build, or the release profile here (strip = "debuginfo" keeps the symbols).
set -euo pipefail
cd "$(dirname "$0")/.."

profile="${QUJAT_PROFILE:-debug}"
out="${QUJAT_BINDINGS_OUT:-build/bindings}"
cargo_profile=()
[ "$profile" = release ] && cargo_profile=(--release)

# The debug library is the tests' (the bindings' `testing` API on): built the way the workspace
# builds it (qujat-tests turns the feature on), so the core is not rebuilt with another feature
# set. The release library is the shipped one (no test-only API). QUJAT_FFI_TESTING=0|1 overrides.
testing="${QUJAT_FFI_TESTING:-$([ "$profile" = release ] && echo 0 || echo 1)}"
if [ "$testing" = 1 ] && [ "$profile" = debug ]; then
  # Also builds uniffi-bindgen (a workspace binary) with the workspace's feature set.
  cargo build --workspace --lib --bins --quiet
elif [ "$testing" = 1 ]; then
  cargo build -p qujat-ffi --features testing "${cargo_profile[@]}" --quiet
  cargo build -p qujat-bindgen --quiet
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
