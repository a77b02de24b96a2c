#!/usr/bin/env bash
# Every JVM test in one run: the Kotlin binding tests (tests/kotlin) and the Android app's
# logic and bridge (android/logic, android/bridge), against the real Rust library.
#
#   scripts/jvm-test.sh        prints `kotlin: N passed, N failed, N skipped`, non-zero on failure
#
# Once each: install what is missing (scripts/system-deps.sh: a JDK, JNA, JUnit 5, sqlite3,
# Node/npm; then the Kotlin
# compiler pinned in tests/kotlin/package.json with `npm ci`), build the workspace's library
# (a no-op after scripts/test.sh's build step: the same feature set, so the library the Rust
# tests built is the one loaded here), generate the Kotlin bindings from it, compile, run.
#
# Two kotlinc runs:
#   1. android/logic's main code alone, with nothing but the Kotlin standard library on its
#      classpath and warnings as errors: so it cannot lean on the bindings or on Android;
#   2. everything else at once: the generated bindings, android/bridge (main and tests),
#      android/logic's tests and tests/kotlin (-nowarn: the generated code has warnings of its
#      own).
# Then one JUnit 5 run over all test classes (names ending in Test).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

out=build/jvm
J=/usr/share/java
say() { printf -- '--> %s\n' "$*"; }

# --- 1. tools -----------------------------------------------------------------------------------
bash scripts/system-deps.sh
kt=tests/kotlin
kotlin_version=$(sed -n 's/.*"kotlin-compiler": *"\([^"]*\)".*/\1/p' "$kt/package.json")
kotlin_home="$kt/node_modules/kotlin-compiler"
if ! grep -q "\"version\": \"$kotlin_version\"" "$kotlin_home/package.json" 2>/dev/null; then
  say "npm ci in $kt (kotlin-compiler $kotlin_version)"
  (cd "$kt" && npm ci --no-audit --no-fund --loglevel=error)
fi
kotlinc="$kotlin_home/bin/kotlinc"
klib="$kotlin_home/lib"

# --- 2. library and bindings (built once, with the workspace's feature set) ---------------------
say "scripts/gen-bindings.sh (the library the Rust tests built, test-only API on; Kotlin and Swift into build/bindings)"
QUJAT_BINDINGS_OUT=build/bindings scripts/gen-bindings.sh

# --- 3. the rule that makes android/logic portable: no Android, no generated code ---------------
if grep -rnE '^import (android|androidx|kz\.qujat\.core)\.' android/logic/src/main >/dev/null; then
  echo "android/logic must not import Android or the generated bindings:" >&2
  grep -rnE '^import (android|androidx|kz\.qujat\.core)\.' android/logic/src/main >&2
  exit 1
fi

# --- 4. compile ---------------------------------------------------------------------------------
rm -rf "$out"
mkdir -p "$out"
junit_cp="$J/junit-jupiter-api.jar:$J/junit-jupiter-params.jar:$J/apiguardian-api.jar:$J/opentest4j.jar"
kotlin_test_cp="$klib/kotlin-test.jar:$klib/kotlin-test-junit5.jar"

say "kotlinc $kotlin_version: android/logic main, alone (-Werror)"
"$kotlinc" -jvm-target 17 -Werror -d "$out/logic-main" $(find android/logic/src/main/kotlin -name '*.kt')

say "kotlinc $kotlin_version: generated bindings + android/bridge + android/logic tests + tests/kotlin"
"$kotlinc" -jvm-target 17 -nowarn -cp "$out/logic-main:$J/jna.jar:$junit_cp:$kotlin_test_cp" -d "$out/classes" \
  $(find build/bindings/kotlin -name '*.kt') \
  $(find android/bridge/src -name '*.kt') \
  $(find android/logic/src/test/kotlin -name '*.kt') \
  $kt/src/*.kt

# --- 5. run -------------------------------------------------------------------------------------
say "JUnit 5"
run_cp="$out/logic-main:$out/classes:$J/jna.jar:$klib/kotlin-stdlib.jar:$kotlin_test_cp"
set +e
RUST_BACKTRACE=0 java -Dqujat.repo="$repo" -Djna.library.path="$repo/target/debug" \
  -Dqujat.fixtures="$repo/tests/fixtures" \
  -jar "$J/junit-platform-console-standalone.jar" \
  -cp "$run_cp" --scan-classpath "$out/classes" --include-classname='.*Test' --fail-if-no-tests \
  --details=tree --disable-banner --disable-ansi-colors --reports-dir "$out/reports" >"$out/junit.log" 2>&1
status=$?
set -e
grep -E '✘|\[X\]|Exception|expected:|MethodSource' "$out/junit.log" | head -60 || true
passed=$(sed -nE 's/^\[ *([0-9]+) tests successful *\]/\1/p' "$out/junit.log")
failed=$(sed -nE 's/^\[ *([0-9]+) tests failed *\]/\1/p' "$out/junit.log")
skipped=$(sed -nE 's/^\[ *([0-9]+) tests skipped *\]/\1/p' "$out/junit.log")
echo "(full log: $out/junit.log)"
echo "kotlin: ${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped"
if [ "$status" -ne 0 ] || [ "${failed:-0}" != 0 ] || [ "${passed:-0}" = 0 ]; then
  tail -30 "$out/junit.log" >&2
  exit 1
fi
