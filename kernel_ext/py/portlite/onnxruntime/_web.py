"""onnxruntime-web in the kernel's worker: loading it, and the JS half of each call.

onnxruntime-web is loaded once per kernel from the site's vendored copy. Its
wasm backend decides its thread count when it initialises (at the first
session) and keeps one global thread pool, so the first session's
``intra_op_num_threads`` (or onnxruntime-web's recommendation) holds for the
rest of the kernel's life.

In a browser without JSPI, sessions run on the same engine driven
synchronously instead (:mod:`._engine`), which must be loaded by an await first.
"""

from __future__ import annotations

from typing import Any

from .. import _js
from ._engine import ENGINE_SCRIPT, ENGINE_THREADS, engine_helper

__all__ = ["ORT_DIR", "SIMD", "WebRuntime", "runtime"]

#: onnxruntime-web 1.30 ships only a SIMD build of its wasm (the one vendored).
SIMD = True

#: Where the site keeps onnxruntime-web (the wasm backend only).
ORT_DIR = "static/portlite/onnxruntime-web/"

#: onnxruntime-web's script in that folder (the site build counts its bytes:
#: ``portlite_site.start_size``); it fetches its engine itself, with the first session.
LOADER_SCRIPT = "ort.wasm.min.js"

# The JS half of the bridge. Inputs become ort.Tensor views of Pyodide's heap
# (onnxruntime-web copies them once into its own heap when the run starts, in
# the same task, before Pyodide can run again and grow its heap); outputs are
# copied once from onnxruntime-web's result arrays into numpy's memory.
_HELPER_JS = """(() => {
  const ARRAYS = {Float32Array, Float64Array, Uint16Array, Int8Array, Uint8Array,
                  Int16Array, Int32Array, Uint32Array, BigInt64Array, BigUint64Array};
  // onnxruntime-web makes its wasm Memory when it initialises (first
  // session): note it, so its heap size can be reported and watched. The
  // constructor is swapped only while a creation is pending, counted, so
  // overlapping creations never leave the wrapper in place.
  const OriginalMemory = WebAssembly.Memory;
  const made = [];
  const Noting = function (descriptor) {
    const memory = new OriginalMemory(descriptor);
    made.push(memory);
    return memory;
  };
  Noting.prototype = OriginalMemory.prototype;
  let pending = 0;
  const helper = {
    memory: null,
    async create(ort, model, options) {
      const watch = helper.memory === null;
      if (watch && pending++ === 0) WebAssembly.Memory = Noting;
      try {
        return await ort.InferenceSession.create(model, options);
      } finally {
        if (watch && --pending === 0) WebAssembly.Memory = OriginalMemory;
        if (made.length) helper.memory = made[made.length - 1];
      }
    },
    bytesOf(pyodideModule, address, length) {
      const copy = new Uint8Array(length);
      copy.set(pyodideModule.HEAPU8.subarray(address, address + length));
      return copy;
    },
    run(ort, session, pyodideModule, inputs, outputNames) {
      const heap = pyodideModule.HEAPU8;
      const feeds = {};
      for (const [name, type, arrayName, address, length, dims] of inputs) {
        // Strings come as a JS array in place of a heap address.
        const data =
          type === "string" ? address : new ARRAYS[arrayName](heap.buffer, address, length);
        feeds[name] = new ort.Tensor(type, data, dims);
      }
      return session.run(feeds, outputNames).then((results) => outputNames.map((n) => results[n]));
    },
    copyOut(pyodideModule, tensor, address) {
      const data = tensor.data;
      const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
      pyodideModule.HEAPU8.set(bytes, address);
    },
    release(session) {
      // Fire and forget, and never let a rejection reach Python.
      session.release().catch(() => {});
    },
    heapBytes() { return helper.memory === null ? null : helper.memory.buffer.byteLength; },
  };
  return helper;
})()"""


class WebRuntime:
    """onnxruntime-web, loaded into this kernel, and the helper that drives it."""

    def __init__(self, directory: str | None = None) -> None:
        base = _js.site_url(directory or ORT_DIR)
        try:
            _js.load_script(base + LOADER_SCRIPT)
        except _js.JsException as err:
            raise ImportError(f"onnxruntime-web could not be loaded from {base}: {err}") from None
        self.ort: Any = _js.global_object("ort")
        self.ort.env.wasm.wasmPaths = base
        self._base = base
        self.helper: Any = _js.js_function(_HELPER_JS)
        #: Whether sessions run on the synchronous engine (no JSPI in this browser).
        self.synchronous = not _js.has_jspi()
        if self.synchronous:
            self.helper = engine_helper(self.helper)

    @property
    def engine_ready(self) -> bool:
        """Whether synchronous calls can run now: always with JSPI, after the load without."""
        return not self.synchronous or bool(self.helper.isReady())

    async def load_engine_async(self) -> None:
        """Load the synchronous engine, where this browser needs it (a no-op elsewhere)."""
        if not self.engine_ready:
            await _js.await_call(self.helper, "load", self._base + ENGINE_SCRIPT, ENGINE_THREADS)

    @property
    def version(self) -> str:
        """onnxruntime-web's version."""
        return str(self.ort.env.versions.web)

    @property
    def initialized(self) -> bool:
        """Whether the wasm backend has started (its thread count is then fixed)."""
        if self.synchronous:
            return self.engine_ready
        return self.helper.memory is not None

    @property
    def num_threads(self) -> int:
        """The wasm backend's thread count (fixed once it has started)."""
        if self.synchronous:
            return ENGINE_THREADS
        threads = getattr(self.ort.env.wasm, "numThreads", None)  # unset until chosen
        if threads is None:
            return self.recommended_threads()
        return int(threads)

    def set_threads(self, count: int) -> bool:
        """Choose the kernel-wide thread count (0: keep the current choice).

        The one place that sets it: onnxruntime-web fixes it when its wasm
        backend starts, so this returns False, changing nothing, after that.
        """
        if self.synchronous:
            return int(count) in (0, ENGINE_THREADS)
        if self.initialized:
            return False
        self.ort.env.wasm.numThreads = int(count) or self.num_threads
        return True

    @property
    def cross_origin_isolated(self) -> bool:
        """Whether the page is cross-origin isolated (needed for wasm threads)."""
        return bool(_js.global_object("self").crossOriginIsolated)

    def recommended_threads(self) -> int:
        """onnxruntime-web's own default: half the cores, at most 4, 1 without isolation."""
        if not self.cross_origin_isolated:
            return 1
        cores = int(_js.global_object("self").navigator.hardwareConcurrency or 1)
        return min(4, -(-cores // 2))

    def heap_bytes(self) -> int | None:
        """The size of onnxruntime-web's wasm heap, once it has started."""
        size = self.helper.heapBytes()
        return None if size is None else int(size)

    def info(self) -> dict[str, Any]:
        """Version, threads, whether started, SIMD, isolation and heap size."""
        return {
            "version": self.version,
            "num_threads": self.num_threads,
            "started": self.initialized,
            "simd": SIMD,
            "synchronous_engine": self.synchronous,
            "cross_origin_isolated": self.cross_origin_isolated,
            "heap_bytes": self.heap_bytes(),
        }


_runtime: WebRuntime | None = None


def runtime(directory: str | None = None) -> WebRuntime:
    """The kernel's onnxruntime-web, loaded on first use (from ``directory``, a URL ending in /)."""
    global _runtime
    if _runtime is None:
        _runtime = WebRuntime(directory)
    return _runtime
