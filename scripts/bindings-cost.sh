#!/usr/bin/env bash
# Measure the bindings: the stripped release size of the mobile library and the cost of one
# Kotlin → Rust verify call against the same call in Rust. Prints numbers; asserts nothing.
# Results are recorded by hand in docs/BINDINGS.md.
set -euo pipefail
cd "$(dirname "$0")/.."

# Kotlin classes (bindings + tests + harness) from the test pipeline.
[ -f build/kotlin/classes/kz/qujat/tests/VerifyCostKt.class ] || scripts/kotlin-test.sh >/dev/null

echo "==> release library (profile.release: LTO, 1 codegen unit, opt-level s, panic unwind)"
cargo build --release -p qujat-ffi --quiet
lib=target/release/libqujat_ffi.so
strip -o build/libqujat_ffi.stripped.so "$lib"
printf 'libqujat_ffi.so (x86_64, release): %s bytes as built (symbols kept for bindgen), %s bytes stripped\n' \
  "$(stat -c %s "$lib")" "$(stat -c %s build/libqujat_ffi.stripped.so)"
gzip -9 -c build/libqujat_ffi.stripped.so | wc -c | xargs printf 'stripped and gzipped: %s bytes\n'

echo "==> Rust"
cargo run --release -p qujat-ffi --example verify_cost --quiet

echo "==> Kotlin (JVM, JNA) against the release library"
klib=tests/kotlin/node_modules/kotlin-compiler/lib
java -Djna.library.path=target/release -Dqujat.fixtures=tests/fixtures/diplomas \
  -cp "build/kotlin/classes:/usr/share/java/jna.jar:$klib/kotlin-stdlib.jar" kz.qujat.tests.VerifyCostKt
