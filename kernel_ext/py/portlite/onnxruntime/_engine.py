"""onnxruntime's engine driven synchronously, for browsers without JSPI.

onnxruntime-web's API returns promises, which Python can wait for only
through JSPI (WebAssembly stack switching): Safari has none, so a server's
``session.run(...)`` could not run there. Its wasm engine, however, is
synchronous: ``OrtCreateSession`` and ``OrtRun`` return when they are done.
Where JSPI is missing, the bridge loads that engine itself (the same vendored
``ort-wasm-simd-threaded`` files onnxruntime-web loads) and calls its C API
directly, so ``InferenceSession(...)`` and ``session.run(...)`` work without
``await``, in cells and in widget callbacks alike.

Only the load is asynchronous (it downloads and compiles the wasm):
``await models.fetch_async(...)`` and ``await InferenceSession.create_async(...)``
do it. The engine runs one thread: a pthread pool starts asynchronously, and
a synchronous call must never wait for a worker that has not started.
"""

from __future__ import annotations

from typing import Any

from .. import _js

__all__ = ["ENGINE_SCRIPT", "ENGINE_THREADS", "engine_helper"]

#: The engine's loader in onnxruntime-web's folder (it fetches the wasm beside it).
ENGINE_SCRIPT = "ort-wasm-simd-threaded.mjs"

#: The engine's thread count (see the module's docstring).
ENGINE_THREADS = 1

# The same interface as onnxruntime-web's helper (create, run, copyOut,
# release, heapBytes), but create and run return their results, not
# promises. It mirrors what onnxruntime-web's wasm core does around the
# same C calls (session options, metadata, tensors, run options).
_ENGINE_JS = """(base) => {
  const GRAPH_LEVELS = {disabled: 0, basic: 1, extended: 2, layout: 3, all: 99};
  const MODES = {sequential: 0, parallel: 1};
  const TYPE_NAMES = {1: "float32", 2: "uint8", 3: "int8", 4: "uint16", 5: "int16",
                      6: "int32", 7: "int64", 8: "string", 9: "bool", 10: "float16",
                      11: "float64", 12: "uint32", 13: "uint64"};
  const TYPE_CODES = Object.fromEntries(
    Object.entries(TYPE_NAMES).map(([code, name]) => [name, Number(code)]));
  const ITEM_BYTES = {1: 4, 2: 1, 3: 1, 4: 2, 5: 2, 6: 4, 7: 8, 9: 1, 10: 2, 11: 8, 12: 4, 13: 8};
  let m = null;  // the engine's Emscripten module, once loaded
  let loading = null;
  const pointerSize = () => m.PTR_SIZE ?? 4;
  const sizeType = () => (pointerSize() === 4 ? "i32" : "i64");
  const fail = (what) => {
    const saved = m.stackSave();
    try {
      const slot = m.stackAlloc(2 * pointerSize());
      m._OrtGetLastError(slot, slot + pointerSize());
      const code = Number(m.getValue(slot, sizeType()));
      const text = m.getValue(slot + pointerSize(), "*");
      const message = text ? m.UTF8ToString(text) : "";
      throw new Error(`${what} ERROR_CODE: ${code}, ERROR_MESSAGE: ${message}`);
    } finally {
      m.stackRestore(saved);
    }
  };
  // Heap memory for one call, freed by the caller; never address 0 (malloc's failure).
  const allocate = (bytes, owned) => {
    const address = m._malloc(Math.max(1, bytes));
    if (address === 0) throw new Error(`Can't allocate ${bytes} bytes in onnxruntime's heap.`);
    owned.push(address);
    return address;
  };
  const cString = (text, owned) => {
    const size = m.lengthBytesUTF8(text) + 1;
    const address = allocate(size, owned);
    m.stringToUTF8(text, address, size);
    return address;
  };
  const metadata = (session, index) => {
    const saved = m.stackSave();
    let record = 0;
    try {
      const slot = m.stackAlloc(2 * pointerSize());
      if (m._OrtGetInputOutputMetadata(session, index, slot, slot + pointerSize()) !== 0)
        fail("Can't get session input/output metadata.");
      const name = Number(m.getValue(slot, "*"));
      record = Number(m.getValue(slot + pointerSize(), "*"));
      const code = m.HEAP32[record / 4];
      if (code === 0) return [name, {name: m.UTF8ToString(name), isTensor: false}];
      const rank = m.HEAPU32[record / 4 + 1];
      const shape = [];
      for (let d = 0; d < rank; d++) {
        const symbol = Number(m.getValue(record + 8 + d * pointerSize(), "*"));
        shape.push(symbol !== 0 ? m.UTF8ToString(symbol)
          : Number(m.getValue(record + 8 + (d + rank) * pointerSize(), "*")));
      }
      const type = TYPE_NAMES[code] ?? `type ${code}`;
      return [name, {name: m.UTF8ToString(name), isTensor: true, type, shape}];
    } finally {
      m.stackRestore(saved);
      if (record !== 0) m._OrtFree(record);
    }
  };
  const sessionOptions = (options, owned) => {
    const level = GRAPH_LEVELS[options.graphOptimizationLevel ?? "all"];
    const mode = MODES[options.executionMode ?? "sequential"];
    const handle = m._OrtCreateSessionOptions(
      level, !!options.enableCpuMemArena, !!options.enableMemPattern, mode, false, 0, 0,
      options.logSeverityLevel ?? 2, options.logVerbosityLevel ?? 0, 0);
    if (handle === 0) fail("Can't create session options.");
    for (const [dim, value] of Object.entries(options.freeDimensionOverrides ?? {})) {
      if (m._OrtAddFreeDimensionOverride(handle, cString(dim, owned), value) !== 0)
        fail(`Can't set a free dimension override: ${dim} - ${value}.`);
    }
    return handle;
  };
  const inputTensor = ([, type, , data, length, dims], heap, owned) => {
    const code = TYPE_CODES[type];
    let address, bytes;
    if (type === "string") {
      bytes = pointerSize() * data.length;
      address = allocate(bytes, owned);
      data.forEach((text, i) => m.setValue(address + i * pointerSize(), cString(text, owned), "*"));
    } else {
      bytes = length * ITEM_BYTES[code];
      address = allocate(bytes, owned);
      m.HEAPU8.set(heap.subarray(data, data + bytes), address);
    }
    const saved = m.stackSave();
    try {
      const shape = m.stackAlloc(Math.max(1, dims.length) * pointerSize());
      dims.forEach((d, i) => m.setValue(shape + i * pointerSize(), d, sizeType()));
      const tensor = m._OrtCreateTensor(code, address, bytes, shape, dims.length, 1);
      if (tensor === 0) fail(`Can't create tensor for input '${type}'.`);
      return tensor;
    } finally {
      m.stackRestore(saved);
    }
  };
  const outputTensor = (tensor) => {
    const saved = m.stackSave();
    let data = 0, type = null;
    try {
      const slot = m.stackAlloc(4 * pointerSize());
      const at = (i) => slot + i * pointerSize();
      if (m._OrtGetTensorData(tensor, at(0), at(1), at(2), at(3)) !== 0)
        fail("Can't access output tensor data.");
      const code = Number(m.getValue(at(0), sizeType()));
      data = m.getValue(at(1), "*");
      const dimsAddress = m.getValue(at(2), "*");
      const rank = Number(m.getValue(at(3), sizeType()));
      const dims = [];
      for (let d = 0; d < rank; d++)
        dims.push(Number(m.getValue(dimsAddress + d * pointerSize(), sizeType())));
      m._OrtFree(dimsAddress);
      const size = dims.reduce((a, b) => a * b, 1);
      type = TYPE_NAMES[code] ?? `type ${code}`;
      if (type === "string") {
        const texts = [];
        for (let i = 0; i < size; i++) {
          const start = m.getValue(data + i * pointerSize(), "*");
          const next = i === size - 1 ? undefined
            : m.getValue(data + (i + 1) * pointerSize(), "*") - start;
          texts.push(m.UTF8ToString(start, next));
        }
        return {type, dims, size, data: texts, dispose() {}};
      }
      // A view of the engine's heap, read once (copyOut) before dispose().
      const bytes = size * (ITEM_BYTES[code] ?? 0);
      const view = new Uint8Array(m.HEAPU8.buffer, data, bytes);
      const release = tensor;
      tensor = 0;
      return {type, dims, size, data: view, dispose() { m._OrtReleaseTensor(release); }};
    } finally {
      m.stackRestore(saved);
      if (type === "string" && data) m._free(data);
      if (tensor !== 0) m._OrtReleaseTensor(tensor);
    }
  };
  return Object.assign(Object.create(base), {
    isReady() { return m !== null; },
    load(scriptUrl, threads) {
      loading ??= (async () => {
        const factory = (await import(scriptUrl)).default;
        const locateFile = (file) => new URL(file, scriptUrl).href;
        const module = await factory({numThreads: threads, locateFile});
        if (module._OrtInit(threads, 2) !== 0) throw new Error("Can't initialize onnxruntime.");
        m = module;
      })();
      loading.catch(() => { loading = null; });  // a failed load may be tried again
      return loading;
    },
    // No JS copy of the model: create runs at once, so it copies the bytes
    // straight from Pyodide's heap into the engine's (one copy, not two).
    bytesOf(pyodideModule, address, length) { return {pyodideModule, address, length}; },
    create(ort, model, options) {
      const owned = [];
      let optionsHandle = 0, session = 0;
      const names = [];
      try {
        optionsHandle = sessionOptions(options, owned);
        const {pyodideModule, address, length} = model;
        const modelAddress = allocate(length, owned);
        m.HEAPU8.set(pyodideModule.HEAPU8.subarray(address, address + length), modelAddress);
        session = m._OrtCreateSession(modelAddress, length, optionsHandle);
        if (typeof session !== "number") throw new Error("onnxruntime's engine is not synchronous");
        if (session === 0) fail("Can't create a session.");
        const saved = m.stackSave();
        let counts;
        try {
          const slot = m.stackAlloc(2 * pointerSize());
          if (m._OrtGetInputOutputCount(session, slot, slot + pointerSize()) !== 0)
            fail("Can't get session input/output count.");
          counts = [Number(m.getValue(slot, sizeType())),
                    Number(m.getValue(slot + pointerSize(), sizeType()))];
        } finally {
          m.stackRestore(saved);
        }
        const described = [];
        for (let i = 0; i < counts[0] + counts[1]; i++) {
          const [name, record] = metadata(session, i);
          names.push(name);
          described.push(record);
        }
        const result = {
          handle: session,
          inputNamePointers: names.slice(0, counts[0]),
          outputNamePointers: names.slice(counts[0]),
          inputMetadata: described.slice(0, counts[0]),
          outputMetadata: described.slice(counts[0]),
        };
        result.inputNames = result.inputMetadata.map((r) => r.name);
        result.outputNames = result.outputMetadata.map((r) => r.name);
        session = 0;
        names.length = 0;
        return result;
      } finally {
        names.forEach((name) => m._OrtFree(name));
        if (session !== 0) m._OrtReleaseSession(session);
        if (optionsHandle !== 0) m._OrtReleaseSessionOptions(optionsHandle);
        owned.forEach((address) => m._free(address));
      }
    },
    run(ort, session, pyodideModule, inputs, outputNames) {
      const owned = [], tensors = [];
      const outputs = outputNames.map((name) => session.outputNames.indexOf(name));
      const saved = m.stackSave();
      let runOptions = 0;
      try {
        const size = pointerSize();
        const inputNames = m.stackAlloc(Math.max(1, inputs.length) * size);
        const inputValues = m.stackAlloc(Math.max(1, inputs.length) * size);
        const wanted = m.stackAlloc(Math.max(1, outputs.length) * size);
        const results = m.stackAlloc(Math.max(1, outputs.length) * size);
        inputs.forEach((input, i) => {
          const tensor = inputTensor(input, pyodideModule.HEAPU8, owned);
          tensors.push(tensor);
          const index = session.inputNames.indexOf(input[0]);
          m.setValue(inputNames + i * size, session.inputNamePointers[index], "*");
          m.setValue(inputValues + i * size, tensor, "*");
        });
        outputs.forEach((index, i) => {
          m.setValue(wanted + i * size, session.outputNamePointers[index], "*");
          m.setValue(results + i * size, 0, "*");
        });
        runOptions = m._OrtCreateRunOptions(2, 0, false, 0);
        if (runOptions === 0) fail("Can't create run options.");
        if (m._OrtRun(session.handle, inputNames, inputValues, inputs.length, wanted,
                      outputs.length, results, runOptions) !== 0)
          fail("failed to call OrtRun().");
        const made = outputs.map((_, i) => Number(m.getValue(results + i * size, "*")));
        const read = [];
        try {
          made.forEach((tensor, i) => { read.push(outputTensor(tensor)); made[i] = 0; });
        } catch (error) {
          read.forEach((tensor) => tensor.dispose());
          made.forEach((tensor) => tensor && m._OrtReleaseTensor(tensor));
          throw error;
        }
        return read;
      } finally {
        m.stackRestore(saved);
        tensors.forEach((tensor) => m._OrtReleaseTensor(tensor));
        if (runOptions !== 0) m._OrtReleaseRunOptions(runOptions);
        owned.forEach((address) => m._free(address));
      }
    },
    release(session) {
      const names = session.inputNamePointers.concat(session.outputNamePointers);
      names.forEach((name) => m._OrtFree(name));
      m._OrtReleaseSession(session.handle);
    },
    heapBytes() { return m === null ? null : m.HEAPU8.buffer.byteLength; },
  });
}"""


def engine_helper(base_helper: Any) -> Any:
    """The synchronous engine's helper, sharing ``base_helper``'s copy functions."""
    return _js.js_function(_ENGINE_JS)(base_helper)
