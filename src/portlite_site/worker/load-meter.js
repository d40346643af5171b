// PortLite: count the bytes the Pyodide kernel's worker downloads, for the
// loading status (Pyodide, its packages, opencv.js, onnxruntime-web), and
// keep the packages the first output does not need out of Pyodide's start.
//
// The page cannot see a worker's downloads, so the page script
// meter-kernel-worker.js starts the kernel's worker through this script,
// which sits beside the kernel's own worker script (webpack finds the
// kernel's other chunks from this script's location) and then runs it.
// Every fetch's body is counted as it streams; files loaded another way
// (importScripts, import()) are counted when they end, from the worker's
// resource timing. The page gets the whole tally, at most ten times a
// second, as {portliteLoad: [[url, loaded, total, done], ...]}; it ignores
// messages of no channel of its own.
(function () {
  'use strict';
  const KEY = 'portliteLoad';
  const PERIOD_MS = 100;
  const files = new Map();
  let timer = null;

  function send() {
    timer = null;
    const tally = [];
    files.forEach((file, url) => tally.push([url, file.loaded, file.total, file.done]));
    self.postMessage({ [KEY]: tally });
  }

  function changed() {
    if (timer === null) {
      timer = setTimeout(send, PERIOD_MS);
    }
  }

  function counted(response) {
    const url = response.url;
    // data: and blob: URLs (opencv.js's inlined wasm) are not downloads.
    // A Response can be made only with a status of 200-599 and a body allowed.
    const status = response.status;
    const remade = status >= 200 && status <= 599 && ![204, 205, 304].includes(status);
    const download = /^https?:/.test(url) && typeof TransformStream === 'function';
    if (!response.body || !remade || !download) {
      return response;
    }
    const total = Number(response.headers.get('content-length')) || 0;
    const file = { loaded: 0, total: total, done: false };
    files.set(url, file);
    changed();
    const meter = new TransformStream({
      transform(chunk, controller) {
        file.loaded += chunk.byteLength;
        changed();
        controller.enqueue(chunk);
      },
      flush() {
        file.done = true;
        file.total = Math.max(file.total, file.loaded);
        changed();
      },
    });
    const copy = new Response(response.body.pipeThrough(meter), {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
    // Code reading the response's own URL (relative paths, error texts) sees it unchanged.
    Object.defineProperty(copy, 'url', { value: url });
    Object.defineProperty(copy, 'redirected', { value: response.redirected });
    return copy;
  }

  const nativeFetch = self.fetch.bind(self);
  self.fetch = function (input, init) {
    return nativeFetch(input, init).then(counted);
  };

  if (typeof PerformanceObserver === 'function') {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (entry.initiatorType === 'fetch' || files.has(entry.name)) {
          continue;
        }
        const size = entry.decodedBodySize || entry.encodedBodySize || 0;
        files.set(entry.name, { loaded: size, total: size, done: true });
        changed();
      }
    }).observe({ type: 'resource', buffered: true });
  }

  // Packages the kernel lists that the first output does not need: the
  // kernel's own code must still see them listed (or it installs each one
  // itself, in turn), but Pyodide does not load them at start; PortLite's
  // preload loads them after the first output (portlite_site.addon's
  // DEFERRED_START_PACKAGES, passed under this option).
  const DEFERRED_OPTION = 'portliteDeferredPackages';
  let loadPyodide;
  Object.defineProperty(self, 'loadPyodide', {
    configurable: true,
    get: () => loadPyodide,
    // pyodide.js first assigns its module object, then the function from it.
    set: (value) => {
      loadPyodide =
        typeof value !== 'function'
          ? value
          : (options) => {
              const deferred = (options && options[DEFERRED_OPTION]) || [];
              const packages = ((options && options.packages) || []).filter(
                (name) => !deferred.includes(name),
              );
              return value({ ...options, packages });
            };
    },
  });

  const script = new URL(self.location.href).searchParams.get('worker') || '';
  if (!/^[\w.-]+\.js$/.test(script)) {
    throw new Error('PortLite load meter: not a worker script name: ' + script);
  }
  importScripts(script);
})();
