// Offline reading for the light pages: /lite, /offline and every section page once visited.
// Pages are fetched from the network first (always fresh when online) and kept in one cache;
// offline, the kept copy is shown. Asking (POST /lite) needs the server: offline, the /offline
// page says so. Everything else (the Gradio chat and its API) is left to the browser: no
// respondWith, so it behaves exactly as without this worker. Answers are never kept: they
// hold the question.
const CACHE = "kodepeksos-__VERSION__";
const PRECACHE = ["/lite", "/offline"];
const KEPT = /^\/(lite|offline|pendahuluan|kesimpulan|pasal\/\d{1,2}|manifest\.webmanifest|icon\.svg|icon-\d+\.png)$/;

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k.startsWith("kodepeksos-") && k !== CACHE).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === "POST" && url.pathname === "/lite") {
    event.respondWith(fetch(request).catch(() => caches.match("/offline")));
    return;
  }
  if (request.method !== "GET" || !KEPT.test(url.pathname)) return;
  event.respondWith(fetch(request).then((response) => {
    if (response.ok) {
      const copy = response.clone();
      event.waitUntil(caches.open(CACHE).then((cache) => cache.put(url.pathname, copy)));
    }
    return response;
  }).catch(() => caches.match(url.pathname).then((kept) =>
    kept || (request.mode === "navigate" ? caches.match("/offline") : Response.error()))));
});
