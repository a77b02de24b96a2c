// End-to-end tests of the web verifier in Debian's Chromium, driven by playwright-core
// (scripts/web-test.sh runs this). Usage: node e2e.mjs SITE DATA CAMERA.y4m SCREENSHOT.png
// SITE is the built site with DATA/trust copied in; DATA holds the cases and the clock made by
// `cargo run -p qujat-web --example web_fixtures`. Prints one line per check and the timings
// the benchmark reads (`web_* value`); exits non-zero on the first failure.
import { chromium } from "playwright-core";
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize } from "node:path";

const [site, data, camera, screenshot, demo] = process.argv.slice(2);
const now = Number(await readFile(join(data, "now"), "utf8"));
const text = async (name) => (await readFile(join(data, "cases", `${name}.txt`), "utf8")).trim();

const types = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".wasm": "application/wasm",
  ".json": "application/json", ".svg": "image/svg+xml", ".webmanifest": "application/manifest+json" };
const server = createServer(async (req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname)).replace(/^(\.\.[/\\])+/, "");
  // `/demo/…` serves the site `qujat demo --out DIR` wrote in DIR/web (optional 5th argument).
  const [root, rest] = demo && path.startsWith("/demo/") ? [demo, path.slice(5)] : [site, path];
  const file = join(root, rest.endsWith("/") ? `${rest}index.html` : rest);
  try {
    const body = await readFile(file);
    res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream", "cache-control": "no-cache" });
    res.end(body);
  } catch { res.writeHead(404); res.end(); }
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const url = `http://127.0.0.1:${server.address().port}/`;

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--use-fake-ui-for-media-stream",
    "--use-fake-device-for-media-stream", `--use-file-for-fake-video-capture=${camera}`],
});
let failures = 0;
const check = (name, ok, detail = "") => {
  console.log(`${ok ? "ok  " : "FAIL"} ${name}${detail ? `: ${detail}` : ""}`);
  if (!ok) failures++;
};

try {
  const context = await browser.newContext({ locale: "en-US", permissions: ["camera"], viewport: { width: 900, height: 1000 } });
  await context.clock.setFixedTime(new Date((now + 10) * 1000));
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]', { state: "attached", timeout: 15000 });
  const verdict = async () => (await page.waitForSelector("[data-verdict]", { state: "attached" })).getAttribute("data-verdict");
  const paste = async (t) => {
    await page.evaluate(() => document.querySelector('[data-role="outcome"]').replaceChildren());
    await page.fill('textarea[data-action="text"]', t);
    await page.click('button[data-action="verify"]');
    return verdict();
  };

  // The camera: a video of the valid presentation's QR code.
  await page.click('button[data-action="scan"]');
  const v = await verdict();
  check("camera → VALID", v === "VALID", v);
  await page.waitForSelector('body[data-camera="off"]', { state: "attached" });
  check("camera stopped after a result", await page.evaluate(() => document.querySelector("video").srcObject.getTracks().every((t) => t.readyState === "ended")));
  const frameMs = await page.evaluate(() => document.body.dataset.frameMs);
  const frameSize = await page.evaluate(() => document.body.dataset.frameSize);
  check("camera frame is 1280x720", frameSize === "1280x720", frameSize);
  await (await page.$(".card")).screenshot({ path: screenshot });
  const claims = await page.$$eval(".card dt", (dts) => dts.length);
  check("VALID card shows issuer and claims", claims >= 4, `${claims} rows`);

  const valid = await text("valid");
  const chars = [...valid];
  const at = Math.floor(chars.length / 2);
  chars[at] = chars[at] === "A" ? "B" : "A";
  check("one character changed → MALFORMED", (await paste(chars.join(""))) === "MALFORMED");
  check("expired → EXPIRED", (await paste(await text("expired"))) === "EXPIRED");
  check("revoked → REVOKED", (await paste(await text("revoked"))) === "REVOKED");
  const d = await paste(await text("document"));
  const audience = await page.getAttribute("[data-audience]", "data-audience");
  check("document → VALID, shows its audience", d === "VALID" && audience === "Kaspi Bank HR" &&
    (await page.textContent(".card")).includes("Kaspi Bank HR"), `${d} ${audience}`);

  await page.evaluate(() => document.querySelector('[data-role="outcome"]').replaceChildren());
  await page.setInputFiles('input[type=file][data-action="image"]', join(data, "cases", "valid.png"));
  check("picture → VALID", (await verdict()) === "VALID");

  await page.click('button[data-action="challenge"]');
  const code = await page.textContent('[data-role="challenge-code"]');
  check("challenge shows 6 digits", /^\d{6}$/.test(code), code);
  check("a presentation not answering it → CHALLENGE_MISMATCH", (await paste(valid)) === "CHALLENGE_MISMATCH");

  const en = await page.textContent("h1");
  const enTitle = await page.textContent(".card h2");
  await page.selectOption('select[data-action="language"]', "kk");
  const kk = await page.textContent("h1");
  const kkTitle = await page.textContent(".card h2");
  check("language switch changes the labels", en !== kk && enTitle !== kkTitle && /[әіңғүұқөһ]/i.test(kk + kkTitle), `${en} → ${kk}`);
  await page.selectOption('select[data-action="language"]', "en");

  // Offline: the service worker serves the page, the WebAssembly and the lists.
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]', { state: "attached" });
  check("service worker controls the page", await page.evaluate(() => !!navigator.serviceWorker.controller));
  await context.setOffline(true);
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]', { state: "attached", timeout: 15000 });
  check("offline reload → VALID", (await paste(valid)) === "VALID");
  await context.setOffline(false);
  check("no page errors", errors.length === 0, errors.join(" | "));

  // Timings for the benchmark: verify in the browser (mean of N, the module fresh).
  const verifyMs = await page.evaluate(async ({ valid, n }) => {
    const { Qujat } = await import("./qujat.js");
    const q = await Qujat.load("qujat.wasm");
    const get = async (p) => new Uint8Array(await (await fetch(p)).arrayBuffer());
    q.setAnchor(await get("trust/anchor.pub"));
    q.installTrustList(await get("trust/trust-list.bin"));
    q.installStatusList(await get("trust/status/kz.enu.bin"));
    q.verify(valid);
    const t0 = performance.now();
    for (let i = 0; i < n; i++) q.verify(valid);
    return (performance.now() - t0) / n;
  }, { valid, n: 200 });
  // A 1280×720 frame (the camera test's picture: the QR at 600 px, centred) → verdict, as the
  // page does per frame: pixels → luma → QR reader → verify. Median of 15.
  const png = [...await readFile(join(data, "cases", "valid.png"))];
  const frameMedian = await page.evaluate(async ({ png }) => {
    const { Qujat, lumaOf } = await import("./qujat.js");
    const q = await Qujat.load("qujat.wasm");
    const get = async (p) => new Uint8Array(await (await fetch(p)).arrayBuffer());
    q.setAnchor(await get("trust/anchor.pub"));
    q.installTrustList(await get("trust/trust-list.bin"));
    q.installStatusList(await get("trust/status/kz.enu.bin"));
    const bmp = await createImageBitmap(new Blob([Uint8Array.from(png)], { type: "image/png" }));
    const canvas = new OffscreenCanvas(1280, 720);
    const ctx = canvas.getContext("2d", { willReadFrequently: true });
    ctx.fillStyle = "#fff"; ctx.fillRect(0, 0, 1280, 720);
    ctx.imageSmoothingEnabled = false; ctx.drawImage(bmp, 340, 60, 600, 600);
    const times = [];
    for (let i = 0; i < 15; i++) {
      const t0 = performance.now();
      const r = q.verify(q.decodeLuma(1280, 720, lumaOf(ctx.getImageData(0, 0, 1280, 720).data)));
      if (r.record.verdict !== "VALID") throw new Error(r.record.verdict);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    return times[7];
  }, { png });
  console.log(`web_camera_frame_ms ${frameMs}`);
  console.log(`web_frame_to_verdict_ms ${frameMedian.toFixed(1)}`);
  console.log(`web_browser_verify_ms ${verifyMs.toFixed(3)}`);

  if (demo) {
    // `qujat demo --out DIR` wrote DIR/web with its lists: its presentation (real clock, made
    // seconds ago) verifies there.
    const demoPage = await (await browser.newContext({ locale: "en-US" })).newPage();
    await demoPage.goto(`${url}demo/`);
    await demoPage.waitForSelector('body[data-ready="true"]', { state: "attached", timeout: 15000 });
    await demoPage.fill('textarea[data-action="text"]', (await readFile(join(demo, "..", "presentation.txt"), "utf8")).trim());
    await demoPage.click('button[data-action="verify"]');
    const dv = await (await demoPage.waitForSelector("[data-verdict]", { state: "attached" })).getAttribute("data-verdict");
    check("qujat demo --out DIR: DIR/web verifies the demo's presentation", dv === "VALID", dv);
  }
} catch (e) {
  console.log(`FAIL ${e.stack ?? e}`);
  failures++;
} finally {
  await browser.close();
  server.close();
}
console.log(failures ? `${failures} browser checks failed` : "all browser checks passed");
process.exit(failures ? 1 : 0);
