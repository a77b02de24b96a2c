#!/usr/bin/env bash
# Generate the Kotlin and Swift bindings from the built library (uniffi library mode).
#
#   scripts/gen-bindings.sh            # debug library, output in build/bindings/{kotlin,swift}
#   QUJAT_PROFILE=release scripts/gen-bindings.sh
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

cargo build -p qujat-ffi "${cargo_profile[@]}" --quiet
cargo build -p qujat-bindgen --quiet

case "$(uname -s)" in
  Darwin) lib="target/$profile/libqujat_ffi.dylib" ;;
  *) lib="target/$profile/libqujat_ffi.so" ;;
esac
bindgen=target/debug/uniffi-bindgen

rm -rf "$out/kotlin" "$out/swift"
"$bindgen" generate "$lib" --language kotlin --out-dir "$out/kotlin" --no-format
"$bindgen" generate "$lib" --language swift --out-dir "$out/swift" --no-format
echo "bindings: $out/kotlin ($(find "$out/kotlin" -name '*.kt' | wc -l) Kotlin file), $out/swift ($(ls "$out/swift" | tr '\n' ' '))"
