#!/usr/bin/env bash
# Build QujatCoreFFI.xcframework (device + simulator) and the Swift bindings for the
# QujatCore Swift package. Needs a Mac with Xcode and rustup; it cannot run on Linux (no Apple
# linker, no xcodebuild), so CI only type-checks the iOS target (scripts/test.sh).
#
#   ios/build-xcframework.sh            # release
#   QUJAT_PROFILE=debug ios/build-xcframework.sh
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(uname -s)" != Darwin ] || ! command -v xcodebuild >/dev/null 2>&1; then
  echo "build-xcframework.sh needs macOS with Xcode (xcodebuild, the Apple linker)." >&2
  exit 2
fi

profile="${QUJAT_PROFILE:-release}"
flag=(); [ "$profile" = release ] && flag=(--release)
targets=(aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios)
rustup target add "${targets[@]}"

# 1. The static library for each target (bundled SQLite compiled with Xcode's clang).
export IPHONEOS_DEPLOYMENT_TARGET=17.0
for t in "${targets[@]}"; do
  cargo build -p qujat-ffi "${flag[@]}" --target "$t"
done

# 2. The Swift bindings and C header, from the host library (same code, same metadata).
# Without the bindings' test-only API, as the libraries above (step 1) are built.
QUJAT_FFI_TESTING=0 QUJAT_PROFILE=debug QUJAT_BINDINGS_OUT=build/bindings scripts/gen-bindings.sh
gen=build/bindings/swift

# 3. Headers with a module map named as clang expects inside an XCFramework.
work=ios/build
rm -rf "$work" && mkdir -p "$work/headers" "$work/sim"
cp "$gen/QujatCoreFFI.h" "$work/headers/"
cp "$gen/QujatCoreFFI.modulemap" "$work/headers/module.modulemap"

# 4. One simulator library for both simulator architectures.
lipo -create \
  "target/aarch64-apple-ios-sim/$profile/libqujat_ffi.a" \
  "target/x86_64-apple-ios/$profile/libqujat_ffi.a" \
  -output "$work/sim/libqujat_ffi.a"

# 5. The XCFramework and the Swift sources of the package.
out=ios/QujatCore
rm -rf "$out/QujatCoreFFI.xcframework"
xcodebuild -create-xcframework \
  -library "target/aarch64-apple-ios/$profile/libqujat_ffi.a" -headers "$work/headers" \
  -library "$work/sim/libqujat_ffi.a" -headers "$work/headers" \
  -output "$out/QujatCoreFFI.xcframework"
# The package's source folder holds only generated files (never committed), so a fresh clone
# does not have it: make it before copying.
mkdir -p "$out/Sources/QujatCore"
cp "$gen/QujatCore.swift" "$out/Sources/QujatCore/QujatCore.swift"
echo "ios/QujatCore is ready: add it to the app as a local Swift package."
