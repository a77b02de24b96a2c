#!/usr/bin/env bash
# Build the employer's web verifier (docs/WEB.md) into OUT (default: target/web, where
# `qujat demo --out DIR` finds it):
#
#   bash scripts/build-web.sh [OUT]
#   bash scripts/build-web.sh --wasm-only      only the WebAssembly, into target/wasm-build
#
# The WebAssembly (web/, `--profile wasm`), the page (web/site), and strings.json: the apps'
# verdict and next-step wording from the Android string tables (one source) plus the page's
# own few strings (web/site/ui-strings.json). No network at build time beyond cargo's registry
# cache; no JS tooling. OUT/trust/ (anchor, lists) is left as it is: the caller provides it.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-target/web}

rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown \
  || rustup target add wasm32-unknown-unknown
# Its own target directory: nothing of the host build is shared (other target, other profile),
# and scripts/test.sh builds it in the background without waiting for the host build's lock.
export CARGO_TARGET_DIR=target/wasm-build
cargo build --quiet -p qujat-web --target wasm32-unknown-unknown --profile wasm
# `--wasm-only`: just the WebAssembly (scripts/test.sh, ahead of the web step).
[ "$out" != --wasm-only ] || exit 0

mkdir -p "$out"
cp web/site/index.html web/site/style.css web/site/app.js web/site/qujat.js web/site/sw.js \
   web/site/manifest.webmanifest web/site/icon.svg "$out/"
cp "$CARGO_TARGET_DIR/wasm32-unknown-unknown/wasm/qujat_web.wasm" "$out/qujat.wasm"

python3 - "$out" <<'PY'
import json, re, sys, hashlib, pathlib, xml.etree.ElementTree as ET
out = pathlib.Path(sys.argv[1])
res = pathlib.Path("android/app/src/main/res")
keep = re.compile(r"^(verdict_|next_|language|challenge_|scan_)")
strings = {}
for lang, folder in (("en", "values"), ("kk", "values-kk"), ("ru", "values-ru")):
    for s in ET.parse(res / folder / "strings.xml").getroot().iter("string"):
        name = s.get("name")
        if keep.match(name):
            text = "".join(s.itertext()).replace("\\'", "'").replace('\\"', '"').replace("\\n", "\n")
            strings.setdefault(name, {})[lang] = text
strings.update(json.loads(pathlib.Path("web/site/ui-strings.json").read_text()))
(out / "strings.json").write_text(json.dumps(strings, ensure_ascii=False, sort_keys=True))
# The service worker's cache name follows the content, so a new build replaces the old cache.
h = hashlib.sha256()
for f in sorted(out.iterdir()):
    if f.is_file() and f.name != "sw.js":
        h.update(f.read_bytes())
sw = out / "sw.js"
sw.write_text(sw.read_text().replace("@VERSION@", h.hexdigest()[:16]))
PY
echo "web verifier built in $out ($(gzip -9c "$out/qujat.wasm" | wc -c) bytes of WebAssembly, gzipped)"
