// The offline worker of the inspection page (features/inspection/capture.ts registers it as
// /sw.js?build=<main chunk name>). It caches the app shell — index.html and the hashed /assets/ files — and
// the answers of GET /api/tasks/:id/checklist, so the page reloads with no network after one online visit.
// Every other request, and every other /api answer above all, passes through untouched and is never cached.
// One cache per build: a new build registers a new worker URL, whose activation deletes the older caches.
const BUILD = new URL(self.location.href).searchParams.get('build') || 'dev';
const SHELL = `ecoenforce-shell-${BUILD}`;
const DATA = `ecoenforce-checklists-${BUILD}`;
const CHECKLIST = /^\/api\/tasks\/\d+\/checklist$/;

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(SHELL);
      const res = await fetch('/', { cache: 'no-store' });
      if (res.ok) {
        const html = await res.clone().text();
        await cache.put('/', res);
        // The shell's own files: what index.html links under /assets/ (hashed names, never changing).
        const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
        await cache.addAll(assets);
      }
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name.startsWith('ecoenforce-') && name !== SHELL && name !== DATA) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

/** Network first; the cached copy only when the network fails. Successful answers refresh the cache. */
async function networkFirst(request, cacheName, key) {
  const cache = await caches.open(cacheName);
  try {
    const res = await fetch(request);
    if (res.ok) await cache.put(key, res.clone());
    return res;
  } catch (err) {
    const hit = await cache.match(key);
    if (hit !== undefined) return hit;
    throw err;
  }
}

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  if (req.mode === 'navigate') {
    // Every console page is the one index.html (hash routes): cached under '/'.
    event.respondWith(networkFirst(req, SHELL, '/'));
    return;
  }
  if (url.pathname.startsWith('/assets/')) {
    event.respondWith(caches.match(req).then((hit) => hit ?? networkFirst(req, SHELL, req)));
    return;
  }
  if (CHECKLIST.test(url.pathname)) event.respondWith(networkFirst(req, DATA, url.pathname));
});
