// PortLite: the site offline after a visit, inside JupyterLite's own
// service worker (the build puts `importScripts` of this file, with the
// site's version in front, at the top of service-worker.js: one scope has
// one service worker, and JupyterLite's serves /api/drive and /api/stdin).
//
// - Every file of the site's offline manifest (its path and sha256; the
//   build writes it, leaving out the models, which the model cache keeps)
//   is fetched from the network first; a 200 whose bytes match the
//   manifest is kept in this version's cache, headers and all (the pages
//   need their isolation headers offline too). Without a network, the kept
//   copy answers.
// - Pages also send the URLs they and their kernel's worker used (see
//   kernel_ext/src/offline/keep.ts), so what loaded before this worker took
//   control is kept too.
// - One cache per version: a new version starts with the unchanged files of
//   the old one (same path, same sha256) and drops the old cache once
//   active, so a page never gets files of two versions from here.
// - On hosts that cannot send the isolation headers (GitHub Pages), it adds
//   them to what it answers: pages loaded under its control are
//   cross-origin isolated (threads, Kernel > Interrupt). The first page
//   load of a first visit is not under its control and runs without.
(function () {
  'use strict';
  const VERSION = self.PORTLITE_OFFLINE_VERSION;
  const PREFIX = 'portlite-offline-';
  const CACHE = PREFIX + VERSION;
  const MANIFEST = 'static/portlite/offline-manifest.json';
  const FILL_KEY = 'portliteOfflineFill';
  const ROOT = new URL('./', self.registration.scope);
  // What JupyterLite's handler answers itself (its drive, stdin and heartbeat).
  const JUPYTERLITE_OWN = /^api\/(drive|stdin|service-worker-heartbeat)/;
  let manifest = null;

  // The site-relative path a request's URL stands for, or null if not the site's.
  function sitePath(url) {
    const href = new URL(url);
    if (href.origin !== ROOT.origin || !href.pathname.startsWith(ROOT.pathname)) {
      return null;
    }
    let path;
    try {
      path = decodeURIComponent(href.pathname.slice(ROOT.pathname.length));
    } catch {
      return null; // a malformed escape in a link: not a file of the site
    }
    return path === '' || path.endsWith('/') ? path + 'index.html' : path;
  }

  function key(path) {
    return new URL(path.split('/').map(encodeURIComponent).join('/'), ROOT).href;
  }

  // The manifest: this version's cached copy, else the network's (then kept).
  let reading = null;
  function files() {
    reading =
      reading ||
      readManifest().catch((error) => {
        reading = null;
        throw error;
      });
    return reading;
  }

  async function readManifest() {
    const cache = await caches.open(CACHE);
    const kept = await cache.match(key(MANIFEST));
    const response = kept || (await fetch(key(MANIFEST) + '?v=' + VERSION, { cache: 'no-cache' }));
    const data = await response.clone().json();
    if (data.version !== VERSION) {
      throw new Error('PortLite offline: manifest ' + data.version + ' is not ' + VERSION);
    }
    if (!kept) {
      await cache.put(key(MANIFEST), response);
    }
    manifest = data.files;
    return manifest;
  }

  async function sha256(buffer) {
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', buffer));
    return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
  }

  // Keep `response` for `path` if its bytes are the manifest's.
  async function keep(path, response) {
    const expected = (await files())[path];
    if (!expected || response.status !== 200) {
      return false;
    }
    const body = await response.arrayBuffer();
    if ((await sha256(body)) !== expected) {
      return false;
    }
    const copy = new Response(body, { status: 200, statusText: 'OK', headers: response.headers });
    await (await caches.open(CACHE)).put(key(path), copy);
    return true;
  }

  // The headers that make a page cross-origin isolated (headers.py's
  // ISOLATION_HEADERS); every file here is the site's own, so all may carry them.
  const ISOLATION = {
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Embedder-Policy': 'require-corp',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };

  function isolated(response) {
    // (Opaque and redirect responses, status 0, cannot be remade; they carry no page.)
    if (response.headers.has('Cross-Origin-Embedder-Policy') || response.status < 200) {
      return response;
    }
    const headers = new Headers(response.headers);
    Object.entries(ISOLATION).forEach(([name, value]) => headers.set(name, value));
    return new Response(response.body, {
      status: response.status,
      statusText: response.statusText,
      headers,
    });
  }

  async function networkFirst(event, path) {
    const cache = await caches.open(CACHE);
    const kept = cache.match(key(path)); // looked up while the network answers
    let response;
    try {
      response = await fetch(event.request);
      // A kept copy of this version has these bytes already: store nothing twice.
      if (!(await kept)) {
        event.waitUntil(keep(path, response.clone()).catch(() => false));
      }
    } catch (error) {
      response = await kept;
      if (!response) {
        throw error;
      }
    }
    return isolated(response);
  }

  self.addEventListener('fetch', (event) => {
    const request = event.request;
    const path = request.method === 'GET' ? sitePath(request.url) : null;
    if (path === null || JUPYTERLITE_OWN.test(path) || (manifest && !(path in manifest))) {
      return; // JupyterLite's own handler decides
    }
    event.respondWith(
      files().then(
        (known) => (path in known ? networkFirst(event, path) : fetch(request)),
        () => fetch(request),
      ),
    );
    event.stopImmediatePropagation();
  });

  // Keep what a page and its kernel used before this worker controlled them.
  self.addEventListener('message', (event) => {
    const urls = event.data && event.data[FILL_KEY];
    if (!Array.isArray(urls)) {
      return;
    }
    event.waitUntil(
      (async () => {
        const known = await files();
        const cache = await caches.open(CACHE);
        for (const url of urls) {
          const path = typeof url === 'string' ? sitePath(url) : null;
          if (path === null || !(path in known) || (await cache.match(key(path)))) {
            continue;
          }
          try {
            // Usually in the HTTP cache already: this visit loaded it.
            await keep(path, await fetch(key(path), { cache: 'force-cache' }));
          } catch {
            // Offline again, or gone: the next visit fills it.
          }
        }
      })(),
    );
  });

  files().catch(() => null); // read early: fetch events can then decide at once

  self.addEventListener('install', (event) => {
    // Start from the unchanged files of older versions.
    event.waitUntil(
      (async () => {
        const known = await files();
        const cache = await caches.open(CACHE);
        for (const name of await caches.keys()) {
          if (!name.startsWith(PREFIX) || name === CACHE) {
            continue;
          }
          const old = await caches.open(name);
          const oldManifest = await old.match(key(MANIFEST));
          const oldFiles = oldManifest ? (await oldManifest.json()).files : {};
          for (const request of await old.keys()) {
            const path = sitePath(request.url);
            if (path !== MANIFEST && path in known && oldFiles[path] === known[path]) {
              await cache.put(request, await old.match(request));
            }
          }
        }
      })().catch(() => null),
    );
  });

  self.addEventListener('activate', (event) => {
    event.waitUntil(
      (async () => {
        for (const name of await caches.keys()) {
          if (name.startsWith(PREFIX) && name !== CACHE) {
            await caches.delete(name);
          }
        }
      })(),
    );
  });
})();
