// PortLite: start the Pyodide kernel's worker through the load meter
// (worker/load-meter.js, which the build puts beside the kernel's worker
// script), so the loading status can show the bytes the worker downloads.
// Only classic same-origin workers of the pyodide-kernel extension are
// started this way; every other worker is left as it is.
(function () {
  'use strict';
  const NativeWorker = self.Worker;
  if (typeof NativeWorker !== 'function' || NativeWorker.portliteMetered) {
    return;
  }
  const KERNEL_WORKER =
    /\/extensions\/@jupyterlite\/pyodide-kernel-extension\/static\/([\w.-]+\.js)$/;
  const METER = 'portlite-load-meter.js';

  function metered(url, options) {
    let href;
    try {
      href = new URL(String(url), self.location.href);
    } catch {
      return null;
    }
    const match = KERNEL_WORKER.exec(href.pathname);
    const classic = !options || options.type === undefined || options.type === 'classic';
    if (href.origin !== self.location.origin || !match || !classic || match[1] === METER) {
      return null;
    }
    const meter = new URL(METER, href);
    meter.searchParams.set('worker', match[1]);
    return meter;
  }

  self.Worker = new Proxy(NativeWorker, {
    construct(target, args, newTarget) {
      const meter = metered(args[0], args[1]);
      return Reflect.construct(target, meter ? [meter, ...args.slice(1)] : args, newTarget);
    },
    get(target, property, receiver) {
      return property === 'portliteMetered' ? true : Reflect.get(target, property, receiver);
    },
  });
})();
