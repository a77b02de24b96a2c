#!/usr/bin/env bash
# Check the dependency policy (deny.toml) with cargo-deny: licences, bans (duplicate versions,
# wildcards) and sources, for the workspace and for the fuzz crate. Installs cargo-deny from
# crates.io if missing. Needs no network beyond that.
#
#   scripts/deny.sh                 licenses, bans, sources
#   scripts/deny.sh --advisories    also the RustSec advisories: needs the advisory database,
#                                   which only machines with general network access can fetch
set -euo pipefail
cd "$(dirname "$0")/.."

if ! cargo deny --version >/dev/null 2>&1; then
    cargo install cargo-deny --locked
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
