#!/usr/bin/env bash
# Compile and test, on the JVM, the parts of the Android app that need no Android:
#
#   android/logic   presenters (onboarding, unlock with lockout countdown, present countdown,
#                   claim choice, verdict -> screen, key-store wrap format); the rules they follow
#                   (code entry, claim choice, language, countdown, verdict view) are the core's,
#                   behind the `Rules` port. Its tests run with the bridge's real `CoreRules`
#                   and fakes for the wallet and verifier ports only.
#   android/bridge  the adapter from the logic's ports to the generated uniffi bindings; tested
#                   against the real Rust library (wallet, verifier, issuer tools, rules). Needs
#                   the bindings crate in this tree (bindings/ + scripts/gen-bindings.sh), or
#                   QUJAT_BINDINGS_KOTLIN (generated Kotlin) and QUJAT_FFI_LIB_DIR (the folder of
#                   libqujat_ffi.so built from the same source) pointing at prebuilt ones.
#
# Order: logic's MAIN is compiled alone first, with nothing but the Kotlin standard library on
# its classpath, so it cannot lean on the bindings or on Android; then the generated bindings
# with android/bridge (main + tests) against it; then logic's TESTS with logic, the bridge and
# the bindings on their classpath; then one JUnit run over both. The Android and iOS apps themselves are not
# compiled here (no Android SDK, no Xcode): see android/README.md.
#
# Prints `N passed, N failed` and exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

# The same kotlinc as the bindings' Kotlin tests: the version pinned in tests/kotlin/package.json
# (npm ci into tests/kotlin/node_modules) when that exists, else 2.4.20 (TOOLCHAIN.md) in build/kotlin.
KOTLIN_VERSION=2.4.20
out=build/android-logic
step() { printf '==> %s\n' "$*"; }

# --- tools ------------------------------------------------------------------------------------
need_apt=()
command -v java >/dev/null 2>&1 || need_apt+=(openjdk-17-jdk-headless)
[ -f /usr/share/java/jna.jar ] || need_apt+=(libjna-java)
[ -f /usr/share/java/junit-platform-console-standalone.jar ] || need_apt+=(junit5)
if [ ${#need_apt[@]} -gt 0 ]; then
  step "apt-get install ${need_apt[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

command -v npm >/dev/null 2>&1 || need_npm=1
if [ "${need_npm:-0}" = 1 ]; then
  step "apt-get install nodejs npm"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
fi
if [ -f tests/kotlin/package.json ]; then
  KOTLIN_VERSION=$(sed -n 's/.*"kotlin-compiler": *"\([^"]*\)".*/\1/p' tests/kotlin/package.json)
  kotlin_home=tests/kotlin/node_modules/kotlin-compiler
  if ! grep -q "\"version\": \"$KOTLIN_VERSION\"" "$kotlin_home/package.json" 2>/dev/null; then
    step "npm ci in tests/kotlin (kotlin-compiler $KOTLIN_VERSION, as the bindings' tests)"
    (cd tests/kotlin && npm ci --no-audit --no-fund --loglevel=error)
  fi
else
  kotlin_home=build/kotlin/node_modules/kotlin-compiler
  if ! grep -q "\"version\": \"$KOTLIN_VERSION\"" "$kotlin_home/package.json" 2>/dev/null; then
    step "npm install kotlin-compiler@$KOTLIN_VERSION (into build/kotlin, ignored by git)"
    mkdir -p build/kotlin
    npm install --silent --no-audit --no-fund --prefix build/kotlin "kotlin-compiler@$KOTLIN_VERSION" >/dev/null
  fi
fi
kotlinc="$kotlin_home/bin/kotlinc"
klib="$kotlin_home/lib"
J=/usr/share/java
junit_cp="$J/junit-jupiter-api.jar:$J/junit-jupiter-params.jar:$J/apiguardian-api.jar:$J/opentest4j.jar"
kotlin_rt="$klib/kotlin-stdlib.jar"

# --- the rule that makes logic portable: no Android, no generated code --------------------------
if grep -rnE '^import (android|androidx|kz\.qujat\.core)\.' android/logic/src >/dev/null; then
  echo "android/logic must not import Android or the generated bindings:" >&2
  grep -rnE '^import (android|androidx|kz\.qujat\.core)\.' android/logic/src >&2
  exit 1
fi

rm -rf "$out"
mkdir -p "$out"

# --- logic main, alone -------------------------------------------------------------------------
step "kotlinc android/logic (main, Kotlin stdlib only)"
"$kotlinc" -jvm-target 17 -Werror -d "$out/logic-main" $(find android/logic/src/main/kotlin -name '*.kt')

# --- bridge (generated bindings + real library) -------------------------------------------------
gen="${QUJAT_BINDINGS_KOTLIN:-}"
libdir="${QUJAT_FFI_LIB_DIR:-}"
if [ -z "$gen" ] && [ -f bindings/Cargo.toml ] && [ -x scripts/gen-bindings.sh ]; then
  step "scripts/gen-bindings.sh (cargo build of the bindings crate; generated code stays in build/)"
  QUJAT_BINDINGS_OUT=build/bindings scripts/gen-bindings.sh
  gen=build/bindings/kotlin
  libdir="$repo/target/debug"
fi
if [ -n "$gen" ]; then
  [ -n "$libdir" ] || { echo "QUJAT_BINDINGS_KOTLIN needs QUJAT_FFI_LIB_DIR" >&2; exit 1; }
  step "kotlinc generated bindings + android/bridge (main + tests)"
  # -nowarn: the generated code has warnings of its own; android/bridge is small and reviewed.
  "$kotlinc" -jvm-target 17 -nowarn -cp "$out/logic-main:$J/jna.jar:$junit_cp" -d "$out/bridge" \
    $(find "$gen" -name '*.kt') $(find android/bridge/src -name '*.kt')
else
  echo "android/logic's tests run the core's rules through android/bridge: they need the bindings" >&2
  echo "crate in this tree, or QUJAT_BINDINGS_KOTLIN and QUJAT_FFI_LIB_DIR" >&2
  exit 1
fi

# --- logic tests, on the bridge and the real core ---------------------------------------------
step "kotlinc android/logic (tests, with the bridge and the generated bindings)"
"$kotlinc" -jvm-target 17 -Werror -cp "$out/logic-main:$out/bridge:$J/jna.jar:$junit_cp" -d "$out/logic-test" \
  $(find android/logic/src/test/kotlin -name '*.kt')

test_dirs="$out/logic-test:$out/bridge"
run_cp="$out/logic-main:$out/logic-test:$kotlin_rt:$out/bridge:$J/jna.jar"

# --- run ----------------------------------------------------------------------------------------
step "JUnit 5"
set +e
java -Dqujat.repo="$repo" -Djna.library.path="${libdir:-}" -Dqujat.fixtures="$repo/tests/fixtures" \
  -jar "$J/junit-platform-console-standalone.jar" \
  -cp "$run_cp" --scan-classpath "$test_dirs" --fail-if-no-tests \
  --details=tree --disable-banner --disable-ansi-colors --reports-dir "$out/reports" >"$out/junit.log" 2>&1
status=$?
set -e
grep -E '✘|\[X\]|Exception|expected:|MethodSource' "$out/junit.log" | head -60 || true
passed=$(sed -nE 's/^\[ *([0-9]+) tests successful *\]/\1/p' "$out/junit.log")
failed=$(sed -nE 's/^\[ *([0-9]+) tests failed *\]/\1/p' "$out/junit.log")
skipped=$(sed -nE 's/^\[ *([0-9]+) tests skipped *\]/\1/p' "$out/junit.log")
echo "(full log: $out/junit.log)"
echo "${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped"
if [ "$status" -ne 0 ] || [ "${failed:-0}" != 0 ] || [ "${passed:-0}" = 0 ]; then
  tail -30 "$out/junit.log" >&2
  exit 1
fi
