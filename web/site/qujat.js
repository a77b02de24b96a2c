// The JS API of the WebAssembly verifier (docs/WEB.md): a thin loader over the C-ABI exports of
// web/src/lib.rs. Inputs are copied into the module's memory; each call's answer is read from
// its result buffer (UTF-8 JSON or text). No state here: the module holds the anchor and lists.

const enc = new TextEncoder();
const dec = new TextDecoder();

export class QujatError extends Error {
  constructor(code) { super(code); this.code = code; }
}

export class Qujat {
  static async load(url = "qujat.wasm") {
    const res = await fetch(url);
    const { instance } = await WebAssembly.instantiate(await res.arrayBuffer(), {});
    return new Qujat(instance.exports);
  }

  constructor(exports) { this.x = exports; }

  // Copy `bytes` in, call `fn(ptr, len, ...rest)`, free, and return the answer's bytes.
  call(name, bytes, ...rest) {
    const x = this.x;
    const len = bytes ? bytes.length : 0;
    const ptr = x.qj_alloc(len);
    try {
      if (len) new Uint8Array(x.memory.buffer, ptr, len).set(bytes);
      const failed = x[name](...(name === "qj_decode_luma" ? [rest[0], rest[1], ptr, len] : [ptr, len, ...rest]));
      return this.answer(failed);
    } finally {
      x.qj_free(ptr, len);
    }
  }

  answer(failed) {
    const x = this.x;
    const out = new Uint8Array(x.memory.buffer, x.qj_result_ptr(), x.qj_result_len()).slice();
    if (failed) throw new QujatError(JSON.parse(dec.decode(out)).error);
    return out;
  }

  json(name, bytes, ...rest) { return JSON.parse(dec.decode(this.call(name, bytes, ...rest))); }
  text(name, bytes, ...rest) { return dec.decode(this.call(name, bytes, ...rest)); }

  /** Pin the trust anchor (bytes of trust/anchor.pub); another anchor starts over. */
  setAnchor(bytes) { return this.json("qj_set_anchor", bytes); }
  /** Install a trust list by the core's rules; throws QujatError("TRUST_LIST_ROLLBACK") etc. */
  installTrustList(bytes) { return this.json("qj_install_trust_list", bytes); }
  /** Install a status list at `now` (Unix seconds). */
  installStatusList(bytes, now = Date.now() / 1000) { return this.json("qj_install_status_list", bytes, now); }
  /** The held lists' bytes, to store: { trust: Uint8Array|null, status: Uint8Array[] }. */
  heldLists() {
    const h = JSON.parse(dec.decode(this.answer(this.x.qj_held_lists())));
    return { trust: h.trust && Uint8Array.from(h.trust), status: h.status.map((s) => Uint8Array.from(s)) };
  }
  /** A new 6-digit challenge (from crypto.getRandomValues); the next verification expects it. */
  newChallenge() {
    return this.json("qj_new_challenge", crypto.getRandomValues(new Uint8Array(16))).challenge;
  }
  clearChallenge() { this.x.qj_clear_challenge(); }
  /** Verify text at `now`: { record, severity, accept, show_claims, claims_with_caveat, status_age_secs }. */
  verify(text, now = Date.now() / 1000) { return this.json("qj_verify", enc.encode(text), now); }
  /** The text of the QR code in a PNG image. */
  decodePng(bytes) { return this.text("qj_decode_png", bytes); }
  /** The text of the QR code in a frame of 8-bit luma samples. */
  decodeLuma(width, height, luma) { return this.text("qj_decode_luma", luma, width, height); }
  /** The page language by the core's rule: choice, else the browser's languages, else English. */
  chooseLanguage(choice, languages) {
    return this.json("qj_choose_language", enc.encode(`${choice || ""}|${languages.join(",")}`)).lang;
  }
  /** The core's verdict-neutral words in kk/ru/en. */
  words() { return JSON.parse(dec.decode(this.answer(this.x.qj_words()))); }
}

/** RGBA pixels (a canvas's ImageData) → 8-bit luma (BT.601, as the core's PNG reader). */
export function lumaOf(rgba) {
  const n = rgba.length >> 2;
  const out = new Uint8Array(n);
  for (let i = 0, j = 0; i < n; i++, j += 4) {
    out[i] = (77 * rgba[j] + 150 * rgba[j + 1] + 29 * rgba[j + 2] + 128) >> 8;
  }
  return out;
}
