// Offline after the first load: every request of the page's own files goes to the network
// first (new lists arrive as soon as they are published) and falls back to the cache. The
// install step caches the page, the WebAssembly and the lists named in trust/status/index.json.
const CACHE = "qujat-web-@VERSION@";
const FILES = ["./", "index.html", "style.css", "app.js", "qujat.js", "qujat.wasm", "strings.json",
  "manifest.webmanifest", "icon.svg", "trust/anchor.pub", "trust/trust-list.bin", "trust/status/index.json"];

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await cache.addAll(FILES);
    const names = await (await fetch("trust/status/index.json")).json();
    await cache.addAll(names.map((n) => `trust/status/${n}`));
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
    await self.clients.claim();
  })());
});

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.origin !== self.location.origin) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    try {
      const res = await fetch(event.request);
      if (res.ok) await cache.put(event.request, res.clone());
      return res;
    } catch (e) {
      const hit = await cache.match(event.request, { ignoreSearch: true });
      if (hit) return hit;
      throw e;
    }
  })());
});
