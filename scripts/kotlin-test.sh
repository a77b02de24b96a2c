#!/usr/bin/env bash
# Kotlin binding tests on the JVM: install → build → generate → compile → run.
#
# Installs what is missing on a fresh Debian machine (JNA, JUnit 5, a JDK, sqlite3, Node/npm,
# then the pinned Kotlin compiler with `npm ci` into tests/kotlin/node_modules), builds the
# debug library, generates the Kotlin bindings from it (scripts/gen-bindings.sh), compiles them
# with the tests and runs them with the JUnit 5 console launcher. Prints `N passed, N failed`
# and exits non-zero if anything failed.
set -euo pipefail
cd "$(dirname "$0")/.."

kt=tests/kotlin
out=build/kotlin
java_dir=/usr/share/java

# 1. Install.
missing=()
[ -f "$java_dir/jna.jar" ] || missing+=(libjna-java)
[ -f "$java_dir/junit-platform-console-standalone.jar" ] || missing+=(junit5)
command -v java >/dev/null 2>&1 || missing+=(default-jdk-headless)
command -v sqlite3 >/dev/null 2>&1 || missing+=(sqlite3)
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
kotlin_version=$(sed -n 's/.*"kotlin-compiler": *"\([^"]*\)".*/\1/p' "$kt/package.json")
kotlin_home="$kt/node_modules/kotlin-compiler"
if ! grep -q "\"version\": \"$kotlin_version\"" "$kotlin_home/package.json" 2>/dev/null; then
  (cd "$kt" && npm ci --no-audit --no-fund --loglevel=error)
fi
kotlinc="$kotlin_home/bin/kotlinc"
klib="$kotlin_home/lib"

# 2–3. Build the library and generate the bindings from it.
QUJAT_BINDINGS_OUT=build/bindings scripts/gen-bindings.sh

# 4. Compile the generated Kotlin with the tests.
rm -rf "$out/classes"
mkdir -p "$out/classes"
compile_cp="$java_dir/jna.jar:$java_dir/junit-jupiter-api.jar:$java_dir/apiguardian-api.jar:$java_dir/opentest4j.jar"
compile_cp="$compile_cp:$klib/kotlin-test.jar:$klib/kotlin-test-junit5.jar"
echo "kotlinc $kotlin_version: compiling bindings and tests"
"$kotlinc" -nowarn -jvm-target 17 -cp "$compile_cp" -d "$out/classes" \
  $(find build/bindings/kotlin -name '*.kt') $kt/src/*.kt

# 5. Run.
run_cp="$out/classes:$java_dir/jna.jar:$klib/kotlin-stdlib.jar:$klib/kotlin-test.jar:$klib/kotlin-test-junit5.jar"
set +e
RUST_BACKTRACE=0 java -Djna.library.path=target/debug -Dqujat.fixtures=tests/fixtures/diplomas \
  -jar "$java_dir/junit-platform-console-standalone.jar" \
  -cp "$run_cp" --scan-classpath --include-classname='.*Test' --fail-if-no-tests \
  --disable-banner --disable-ansi-colors --details=tree --reports-dir="$out/reports" | tee "$out/junit.log"
status=${PIPESTATUS[0]}
set -e

passed=$(sed -n 's/.*\[ *\([0-9][0-9]*\) tests successful *\].*/\1/p' "$out/junit.log" | tail -1)
failed=$(sed -n 's/.*\[ *\([0-9][0-9]*\) tests failed *\].*/\1/p' "$out/junit.log" | tail -1)
echo "kotlin: ${passed:-0} passed, ${failed:-0} failed"
exit "$status"
