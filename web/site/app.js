// The page: loads the verifier and the lists, keeps the newest lists in localStorage (the
// core decides "newer"), and shows each verdict as a card. Contract: docs/WEB.md.
import { Qujat, QujatError, lumaOf } from "./qujat.js";

const $ = (sel) => document.querySelector(sel);
const STORE = "qujat.lists.v1";
let q, strings, words, lang, lastRecord = null, stream = null;

const b64 = (u8) => btoa(String.fromCharCode(...u8));
const unb64 = (s) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

async function bytes(path) {
  const res = await fetch(path, { cache: "no-cache" });
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

function t(key, ...args) {
  const entry = strings[key];
  let s = entry ? entry[lang] ?? entry.en : key;
  args.forEach((a, i) => { s = s.replaceAll(`%${i + 1}$s`, a); });
  return s;
}

function applyLanguage() {
  document.documentElement.lang = lang;
  for (const el of document.querySelectorAll("[data-t]")) el.textContent = t(el.dataset.t);
  $('select[data-action="language"]').value = lang;
  showLists();
  if (lastRecord) render(lastRecord);
}

// Lists: the stored ones first (what this browser has seen), then the published ones; the
// core refuses any that is older than what it holds, so a stale copy cannot roll back.
async function loadLists() {
  const anchor = await bytes("trust/anchor.pub");
  const pinned = q.setAnchor(anchor).anchor;
  let stored = null;
  try { stored = JSON.parse(localStorage.getItem(STORE)); } catch { stored = null; }
  if (stored && stored.anchor === pinned) {
    try { if (stored.trust) q.installTrustList(unb64(stored.trust)); } catch { /* damaged copy */ }
    for (const s of stored.status || []) { try { q.installStatusList(unb64(s)); } catch { /* idem */ } }
  }
  const refused = [];
  try { q.installTrustList(await bytes("trust/trust-list.bin")); } catch (e) { refused.push(e.code || String(e)); }
  try {
    const names = await (await fetch("trust/status/index.json", { cache: "no-cache" })).json();
    for (const n of names) {
      if (typeof n !== "string" || n.includes("/")) continue;
      try { q.installStatusList(await bytes(`trust/status/${n}`)); } catch (e) { refused.push(e.code || String(e)); }
    }
  } catch (e) { refused.push(String(e)); }
  const held = q.heldLists();
  localStorage.setItem(STORE, JSON.stringify({ anchor: pinned, trust: held.trust && b64(held.trust), status: held.status.map(b64) }));
  document.body.dataset.refused = refused.join(" ");
  showLists();
}

function showLists() {
  const held = q.heldLists();
  const info = held.trust ? q.installTrustList(held.trust) : null;
  $('[data-role="lists"]').textContent = t("ui_lists", info ? info.sequence : "—", held.status.length);
}

function pickText(text) { return text ? text[lang] ?? text.ru ?? text.en ?? text.kk : null; }

function render(result) {
  const r = result.record;
  const card = document.createElement("article");
  card.className = `card ${result.severity}`;
  card.setAttribute("data-verdict", r.verdict);
  const icon = { ok: "✔", warning: "⚠", refused: "✖", cannot_judge: "?" }[result.severity];
  const h = document.createElement("h2");
  h.innerHTML = "";
  const i = document.createElement("span"); i.className = "icon"; i.setAttribute("aria-hidden", "true"); i.textContent = icon;
  const title = document.createElement("span"); title.textContent = t(`${r.reason.wording_key}_title`);
  h.append(i, title);
  const body = document.createElement("p");
  body.textContent = t(`${r.reason.wording_key}_body`, r.reason.at ? new Date(r.reason.at).toLocaleString(lang) : "");
  card.append(h, body);
  if (r.reason.next_step) { const n = document.createElement("p"); n.textContent = t(r.reason.next_step); card.append(n); }
  const dl = document.createElement("dl");
  const row = (k, v) => { const dt = document.createElement("dt"); dt.textContent = k; const dd = document.createElement("dd"); dd.textContent = v; dl.append(dt, dd); return dd; };
  if (r.kind !== "unknown") {
    const dd = row(t("ui_kind"), r.kind === "document" ? t("ui_kind_document", r.audience ?? "") : t("ui_kind_live"));
    dd.setAttribute("data-kind", r.kind);
    if (r.audience) dd.setAttribute("data-audience", r.audience);
  }
  if (r.issuer) row(words.issued_by[lang], pickText(r.issuer.name) ?? r.issuer.id);
  if (result.show_claims) {
    for (const c of r.claims) row(pickText(c.label), c.text ? pickText(c.text) : words.not_stated[lang]);
  }
  if (result.status_age_secs != null) row(t("ui_status_age"), t("ui_hours", (result.status_age_secs / 3600).toFixed(1)));
  card.append(dl);
  const a = document.createElement("a");
  a.href = URL.createObjectURL(new Blob([JSON.stringify(r, null, 2)], { type: "application/json" }));
  a.download = `qujat-verification-${r.verified_at.replaceAll(":", "")}.json`;
  a.setAttribute("data-action", "record");
  a.textContent = t("ui_download");
  card.append(a);
  $('[data-role="outcome"]').replaceChildren(card);
}

function verify(text) {
  const t0 = performance.now();
  const result = q.verify(text.trim());
  lastRecord = result;
  render(result);
  $('[data-role="challenge"]').hidden = true;
  document.body.dataset.verifyMs = (performance.now() - t0).toFixed(2);
  $('[data-role="outcome"]').focus();
}

function message(key) {
  lastRecord = null;
  const p = document.createElement("p"); p.textContent = t(key); p.setAttribute("role", "alert");
  $('[data-role="outcome"]').replaceChildren(p);
}

function stopCamera() {
  if (stream) for (const track of stream.getTracks()) track.stop();
  stream = null;
  $('[data-role="video"]').hidden = true;
  $('[data-role="hint"]').hidden = true;
  $('button[data-action="stop"]').hidden = true;
  document.body.dataset.camera = "off";
}

async function scan() {
  const video = $('[data-role="video"]');
  try {
    stream = await navigator.mediaDevices.getUserMedia({ video: { width: 1280, height: 720, facingMode: "environment" } });
  } catch { message("ui_camera_failed"); return; }
  video.srcObject = stream; video.hidden = false; await video.play();
  $('[data-role="hint"]').hidden = false; $('button[data-action="stop"]').hidden = false;
  document.body.dataset.camera = "on";
  const canvas = document.createElement("canvas");
  const ctx = canvas.getContext("2d", { willReadFrequently: true });
  const tick = () => {
    if (!stream) return;
    const w = video.videoWidth, h = video.videoHeight;
    if (w && h) {
      const t0 = performance.now();
      canvas.width = w; canvas.height = h;
      ctx.drawImage(video, 0, 0, w, h);
      let text = null;
      try { text = q.decodeLuma(w, h, lumaOf(ctx.getImageData(0, 0, w, h).data)); } catch (e) { if (!(e instanceof QujatError)) throw e; }
      if (text) {
        stopCamera();
        verify(text);
        document.body.dataset.frameMs = (performance.now() - t0).toFixed(2);
        document.body.dataset.frameSize = `${w}x${h}`;
        return;
      }
    }
    setTimeout(tick, 100);
  };
  tick();
}

async function image(file) {
  let text;
  try {
    if (file.type === "image/png") text = q.decodePng(new Uint8Array(await file.arrayBuffer()));
    else {
      const bmp = await createImageBitmap(file);
      const canvas = new OffscreenCanvas(bmp.width, bmp.height);
      const ctx = canvas.getContext("2d"); ctx.drawImage(bmp, 0, 0);
      text = q.decodeLuma(bmp.width, bmp.height, lumaOf(ctx.getImageData(0, 0, bmp.width, bmp.height).data));
    }
  } catch { message("ui_no_qr"); return; }
  verify(text);
}

async function main() {
  q = await Qujat.load("qujat.wasm");
  strings = await (await fetch("strings.json")).json();
  words = q.words();
  lang = q.chooseLanguage(localStorage.getItem("qujat.lang"), [...navigator.languages]);
  await loadLists();
  applyLanguage();
  $('select[data-action="language"]').addEventListener("change", (e) => {
    lang = e.target.value; localStorage.setItem("qujat.lang", lang); applyLanguage();
  });
  $('button[data-action="verify"]').addEventListener("click", () => verify($('textarea[data-action="text"]').value));
  $('button[data-action="challenge"]').addEventListener("click", () => {
    $('[data-role="challenge-code"]').textContent = q.newChallenge();
    $('[data-role="challenge"]').hidden = false;
  });
  $('button[data-action="scan"]').addEventListener("click", scan);
  $('button[data-action="stop"]').addEventListener("click", stopCamera);
  $('input[data-action="image"]').addEventListener("change", (e) => { if (e.target.files[0]) image(e.target.files[0]); e.target.value = ""; });
  if ("serviceWorker" in navigator) navigator.serviceWorker.register("sw.js").catch(() => {});
  document.body.dataset.ready = "true";
}

main().catch((e) => { document.body.dataset.ready = "error"; document.body.dataset.error = String(e); });
