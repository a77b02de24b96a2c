#!/usr/bin/env bash
# The web verifier end to end in Debian's Chromium (docs/WEB.md "Tests"): build the site,
# make the test data (fixed clock, seeded keys), make the fake camera's video from the valid
# presentation's QR code, and run web/tests/e2e.mjs with playwright-core (pinned in
# web/tests/package-lock.json; no browser download: /usr/bin/chromium). Saves the VALID card
# as docs/images/web-valid.png. With `--bench` (scripts/bench.sh) the test data comes from the
# same `wasm` profile as the WebAssembly, which also times the native verify, and the numbers
# go to target/web-bench/results.txt for the performance report.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-deps.sh
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

bash scripts/build-web.sh "$tmp/site" >/dev/null &
build=$!
(cd web/tests && npm ci --no-audit --no-fund --ignore-scripts --silent) &
npm=$!
if [ "${1:-}" = "--bench" ]; then
  cargo run --quiet --profile wasm -p qujat-web --example web_fixtures -- "$tmp/data" --bench 2000 | tee "$tmp/native.txt"
else
  cargo run --quiet -p qujat-web --example web_fixtures -- "$tmp/data"
fi
wait "$build" "$npm"
cp -r "$tmp/data/trust" "$tmp/site/"
# The QR at 3 px per module (a phone's screen seen by a laptop camera), centred in 1280×720.
ffmpeg -loglevel error -loop 1 -i "$tmp/data/cases/valid.png" \
  -vf "scale=600:600:flags=neighbor,pad=1280:720:340:60:white,format=yuv420p" -t 1 -r 10 "$tmp/cam.y4m"
# `qujat demo --out DIR` writes DIR/web when the site is built (checked in the browser too).
demo=()
if [ -x target/debug/qujat ]; then
  QUJAT_WEB_SITE="$tmp/site" target/debug/qujat demo --out "$tmp/demo" --no-qr >/dev/null
  demo=("$tmp/demo/web")
fi
mkdir -p docs/images
node web/tests/e2e.mjs "$tmp/site" "$tmp/data" "$tmp/cam.y4m" docs/images/web-valid.png "${demo[@]}" | tee "$tmp/e2e.txt"
gzip -9c "$tmp/site/qujat.wasm" | wc -c | sed 's/^/web_wasm_gzip_bytes /' | tee -a "$tmp/e2e.txt"
if [ "${1:-}" = "--bench" ]; then
  mkdir -p target/web-bench
  grep -h '^web_\|^native_' "$tmp/native.txt" "$tmp/e2e.txt" > target/web-bench/results.txt
fi
