// The planner's service worker (SPEC §10): after one visit the app loads and works with the
// network off. It precaches the app's own files into a versioned cache and serves them
// cache-first. It only ever answers same-origin GET requests under its own scope; it never
// fetches from, or answers for, any other origin.
//
// The build stamps the block below (tools/stamp-sw.mjs, a trunk post_build hook): FILES is
// the exact list of files trunk built, VERSION the sha256 of all of them. Any change to the
// app changes this file, so the browser installs a new worker, and boot.js offers a reload.
/* stamp:begin */
const VERSION = 'unstamped';
const FILES = ['./'];
/* stamp:end */

// One cache per install location and version: two copies of the planner under different
// sub-paths of one host never delete each other's caches.
const PREFIX = `planner:${self.registration.scope}:`;
const CACHE = PREFIX + VERSION;

self.addEventListener('install', (event) => {
  // cache: 'reload' bypasses the HTTP cache, so the cache holds exactly this build's files.
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(FILES.map((file) => new Request(file, { cache: 'reload' })))),
  );
  // No skipWaiting here: a new version waits until the user chooses to reload (boot.js).
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter((name) => name.startsWith(PREFIX) && name !== CACHE)
            .map((name) => caches.delete(name)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'SKIP_WAITING') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return; // never touch other origins
  const scope = new URL(self.registration.scope);
  if (!url.pathname.startsWith(scope.pathname)) return;
  const relative = url.pathname.slice(scope.pathname.length);
  // The page itself, however it is asked for (hash routes never reach the server).
  const page = relative === '' || relative === 'index.html';
  event.respondWith(
    caches
      .open(CACHE)
      .then((cache) => cache.match(page ? './' : request, { ignoreSearch: page }))
      .then((cached) => cached || fetch(request)),
  );
});
