"""The boundary between numpy and opencv.js: Mats, copies, calls, errors.

Each bridged call crosses into JavaScript once: a small runner (below) takes
the call's arguments as one JSON descriptor, with numpy arrays described by
their address in Pyodide's heap, makes or reuses the Mats, copies the pixels
in (one copy), calls ``cv[name]`` and reports where the results lie; one
more call copies them out into numpy arrays (one copy) and deletes every
temporary Mat.
Crossing Pyodide's proxy layer costs far more than the copies for small
images, so the runner keeps those crossings to a handful per call.

The runner keeps one input and one output Mat between calls, reallocated
only when a call's shape or type changes (:func:`release_buffers` frees
them): allocating and freeing a full image per call costs about as much as
copying it.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Sequence
from itertools import accumulate, pairwise
from typing import Any

import numpy as np

from .. import _js
from .._js import Image

__all__ = [
    "DEPTHS",
    "DTYPES",
    "call_described",
    "error",
    "kept_buffers",
    "opencv_js",
    "release_buffers",
    "share_file",
]

#: Where the site keeps opencv.js.
OPENCV_JS = "static/portlite/opencv/opencv.js"
#: opencv.js's wasm beside it, and the global that tells the script its URL (the build's
#: portlite_site.opencv_wasm names the same two; a unit test holds them together).
OPENCV_WASM = "opencv_js.wasm"
OPENCV_WASM_URL_GLOBAL = "portliteOpencvWasmUrl"

#: The vendored opencv.js's heap limit: its WebAssembly.Memory maximum (1 GiB).
HEAP_LIMIT = 1 << 30

#: What opencv.js reports when an allocation did not fit its heap.
_OUT_OF_HEAP = ("memory access out of bounds", "bad_alloc", "Failed to allocate", "Cannot enlarge")

#: numpy dtype -> OpenCV depth code (CV_8U ... CV_64F).
DEPTHS: dict[np.dtype[Any], int] = {
    np.dtype(np.uint8): 0,
    np.dtype(np.int8): 1,
    np.dtype(np.uint16): 2,
    np.dtype(np.int16): 3,
    np.dtype(np.int32): 4,
    np.dtype(np.float32): 5,
    np.dtype(np.float64): 6,
}
#: OpenCV depth code -> numpy dtype.
DTYPES = {depth: dtype for dtype, depth in DEPTHS.items()}


#: OpenCV's own message (cv::Exception::formatMessage): "OpenCV(4.12.0) <file>:<line>: error:
#: (<code>:<name>) <err> in function '<func>'", or when <err> has several lines (CV_Check's
#: "> ..." details) "(<code>:<name>) in function '<func>'" and <err> on the lines after.
_OPENCV_MESSAGE = re.compile(
    r"OpenCV\([^)]*\) (?P<file>.*?):(?P<line>-?\d+): error: \((?P<code>-?\d+):[^)]*\) ?"
    r"(?:in function '(?P<lines_func>[^\n]*)'\n(?P<lines_err>.*)"
    r"|(?P<err>.*?)(?: in function '(?P<func>[^']*)')?\s*)$",
    re.DOTALL,
)
_BAD_ARGUMENT = -5  # cv::Error::StsBadArg, the code opencv-python's argument checks give
#: A hand-written function's own OpenCV error, after its "name(): ": "(<code>:<name>) <err>
#: in function '<func>'", as OpenCV would raise it (no file or line).
_OWN_MESSAGE = re.compile(
    r"\((?P<code>-?\d+):[^)]*\) ?(?P<err>.*?)(?: in function '(?P<func>[^']*)'(?P<more>.*))?$",
    re.DOTALL,
)


class error(Exception):  # noqa: N801, N818 - the name opencv-python uses
    """OpenCV's exception, as ``cv2.error``; keeps OpenCV's own message.

    Like opencv-python's, it has ``code``, ``err``, ``file``, ``func``,
    ``line`` and ``msg``, read from OpenCV's message. An argument the bridge
    refuses before OpenCV runs gives code -5 (bad argument), line -1 and
    the function named at the message's start.
    """

    def __init__(self, msg: str) -> None:
        super().__init__(msg)
        self.msg = msg
        caller, _, rest = msg.partition("(): ")
        found = _OPENCV_MESSAGE.search(msg)
        if found:
            self.code = int(found["code"])
            several_lines = found["lines_err"] is not None
            self.err = found["lines_err"] if several_lines else found["err"]
            self.file = found["file"]
            self.line = int(found["line"])
            self.func = (found["lines_func"] if several_lines else found["func"]) or caller
        elif rest and (own := _OWN_MESSAGE.match(rest)):
            self.code, self.file, self.line = int(own["code"]), "", -1
            self.err = own["err"] + (own["more"] or "")
            self.func = own["func"] or caller
        else:
            self.code, self.err, self.file, self.line = _BAD_ARGUMENT, rest or msg, "", -1
            self.func = caller if rest else ""


# A call's arguments come as one JSON descriptor: markers (arrays whose first
# item is a short string, see ``make``) become Mats and vectors; every other
# value (numbers, strings, Scalars, Sizes) passes unchanged. opencv.js throws
# C++ exceptions as bare numbers (pointers to cv::Exception) and leaves wasm
# without unwinding its stack pointer: restore it, or every failed call eats
# stack until opencv.js traps.
_RUNNER_JS = """({
  kept: {},
  // Geometry and address are read off the Mat each call (a few embind calls): nothing
  // kept on the JS side can go stale.
  keptMat(cv, role, rows, cols, type) {
    const mat = this.kept[role];
    if (mat && mat.rows === rows && mat.cols === cols && mat.type() === type) return mat;
    // Forget the old Mat before allocating: if the allocation throws (the
    // heap is full), nothing kept may point at a deleted Mat.
    if (mat) { delete this.kept[role]; mat.delete(); }
    return (this.kept[role] = new cv.Mat(rows, cols, type));
  },
  fill(cv, heap, mat, d, ptrs) {
    const from = ptrs[d[1]];
    cv.HEAPU8.set(heap.subarray(from, from + d[5]), mat.data.byteOffset);
    return mat;
  },
  make(cv, heap, a, temps, outs, ptrs) {
    if (!Array.isArray(a) || typeof a[0] !== "string") return a;
    const temp = (value) => (temps.push(value), value);
    switch (a[0]) {
      case "k":
        return this.fill(cv, heap, this.keptMat(cv, "input", a[2], a[3], a[4]), a, ptrs);
      case "m":
        return this.fill(cv, heap, temp(new cv.Mat(a[2], a[3], a[4])), a, ptrs);
      case "nd": {
        // A blob (1, C, H, W): opencv.js cannot make N-d Mats itself, so the HxWxC
        // pixels (transposed by Python) go through blobFromImage at scale 1: an exact copy.
        const [n, c, h, w] = a[2];
        const image = temp(new cv.Mat(h, w, a[3] + (c - 1) * 8));
        const from = ptrs[a[1]];
        cv.HEAPU8.set(heap.subarray(from, from + a[4]), image.data.byteOffset);
        return temp(cv.blobFromImage(image, 1.0, { width: w, height: h }, [0, 0, 0, 0], false,
                                     false, a[3]));
      }
      case "io": {
        const mat = this.fill(cv, heap, temp(new cv.Mat(a[2], a[3], a[4])), a, ptrs);
        outs.push(["mat", mat]);
        return mat;
      }
      case "e":
        return temp(new cv.Mat());
      case "ko": {
        const mat = this.kept.output ?? (this.kept.output = new cv.Mat());
        // Emptied first: a function may leave its output untouched (HoughCircles when it
        // finds no circle), and must then give None, not the last call's result.
        mat.create(0, 0, 0); // opencv.js binds no release(): an empty create frees the data
        outs.push(["mat", mat]);
        return mat;
      }
      case "o": {
        const mat = temp(new cv.Mat());
        outs.push(["mat", mat]);
        return mat;
      }
      case "v": // a vector of Mats in, out ("vo") or both ("vio")
      case "vo":
      case "vio": {
        const vector = temp(new cv.MatVector());
        for (const d of a.slice(1)) vector.push_back(this.make(cv, heap, d, temps, outs, ptrs));
        if (a[0] !== "v") outs.push(["mats", vector]);
        return vector;
      }
      case "vec": {
        const vector = temp(new cv[a[1]]());
        for (const item of a[2]) vector.push_back(item);
        return vector;
      }
      case "vecio": // a vector of values in and out, or out only ("vecout")
      case "vecout": {
        const vector = temp(new cv[a[1]]());
        for (const item of a[2] ?? []) vector.push_back(item);
        outs.push(["items", vector]);
        return vector;
      }
      case "ref": // an opencv.js object Python holds (a Dictionary, DetectorParameters)
        return this.refs[a[1]];
      case "js":
        return cv[a[1]]();
      case "enum": // embind reads an enum argument's .value: any number OpenCV takes (flags
        return { value: a[2] }; // are ORed members) passes as C++ passes it
      case "arr":
        return a[1];
    }
    throw new Error("unknown argument marker " + a[0]);
  },
  shape(mat) {
    // [rows, cols], or every dimension of an N-d Mat (a blob: rows and cols are -1)
    return mat.rows >= 0 ? [mat.rows, mat.cols] : mat.matSize;
  },
  // Each output array is a slot: one Mat, or a vector's Mats packed into one buffer
  // (contours: a Python array each would cost a crossing's worth of work per contour).
  slot(slots, mats, group) {
    let end = 0;
    const items = mats.map((m) => {
      const n = m.total() * m.elemSize(), at = end;
      end = at + n + ((8 - (n % 8)) % 8); // 8-byte aligned: float64 views need it
      return [this.shape(m), m.type(), n, at];
    });
    slots.push({ mats, items, group, bytes: group ? end : items[0][2] });
    return slots.length - 1;
  },
  plain(cv, value, slots, temps) {
    if (value instanceof cv.Mat) {
      if (!temps.includes(value) && value !== this.kept.output) temps.push(value);
      if (value.empty()) return null;
      return { m: this.slot(slots, [value], false) };
    }
    if (value && typeof value.size === "function" && typeof value.get === "function") {
      const items = [];
      for (let i = 0; i < value.size(); i++) {
        const item = value.get(i);
        items.push(this.plain(cv, item, slots, temps));
        // an item handed out by value (a vector in a vector) is a new object: free it too
        const owned = item && typeof item.delete === "function" && !(item instanceof cv.Mat);
        if (owned) temps.push(item);
      }
      return items;
    }
    if (value && typeof value === "object" && typeof value.value === "number" &&
        typeof value.delete !== "function") {
      return value.value; // an embind enum member: its number, as opencv-python gives
    }
    if (value && typeof value.delete === "function" && typeof value.$$ === "object") {
      this.objects.push(value); // an instance of a bridged class: Python wraps and owns it
      return { obj: this.objects.length - 1 };
    }
    return value;
  },
  objects: [],
  takeObjects() {
    const objects = this.objects;
    this.objects = [];
    return objects;
  },
  invoke(cv, target, name, args) {
    if (name.startsWith("new ")) return new cv[name.slice(4)](...args);
    if (target) return target[name](...args);
    const dot = name.indexOf(".");
    return dot < 0 ? cv[name](...args) : cv[name.slice(0, dot)][name.slice(dot + 1)](...args);
  },
  // ptrs: the addresses of the input arrays (the descriptor names them by slot), then
  // (address, bytes) of each output slot Python made ready from the last call's sizes.
  callDescribed(cv, pyodideModule, target, refs, name, json, inputs, ptrs) {
    const heap = pyodideModule.HEAPU8, temps = [], outs = [], slots = [];
    const stack = cv.stackSave();
    this.objects = [];
    this.refs = refs ?? [];
    try {
      const args = JSON.parse(json).map((a) => this.make(cv, heap, a, temps, outs, ptrs));
      const retval = this.invoke(cv, target, name, args);
      const record = { r: this.plain(cv, retval, slots, temps), o: [] };
      for (const [kind, value] of outs) {
        if (kind === "mat") {
          record.o.push(value.empty() ? null : this.slot(slots, [value], false));
        } else if (kind === "mats") {
          const mats = [];
          for (let i = 0; i < value.size(); i++) {
            mats.push(value.get(i)); // a new handle onto the vector's item: delete it too
            temps.push(mats[mats.length - 1]);
          }
          record.o.push(this.slot(slots, mats, true));
        } else record.o.push(this.plain(cv, value, slots, temps));
      }
      // The buffers Python made ready fit (a Mat exactly, a packed vector within): copy
      // into them now, and the call is done.
      const ready = ptrs.length - inputs;
      record.landed = ready === 2 * slots.length && slots.every((slot, i) => {
        const room = ptrs[inputs + 2 * i + 1];
        return slot.group ? slot.bytes <= room : slot.bytes === room;
      });
      this.pending = { slots, temps };
      if (record.landed) this.finish(cv, pyodideModule, ptrs.slice(inputs));
      // The record, then on its own line the output slots: a loop's calls repeat the
      // slots' text, and Python parses each text once.
      const places = slots.map((slot) => [slot.group ? 1 : 0, slot.bytes, slot.items]);
      return JSON.stringify(record) + "\\n" + JSON.stringify(places);
    } catch (e) {
      cv.stackRestore(stack);
      for (const t of temps) t.delete();
      throw new Error(typeof e === "number" ? cv.exceptionFromPtr(e).msg : String(e));
    }
  },
  finish(cv, pyodideModule, places) {
    const { slots, temps } = this.pending ?? { slots: [], temps: [] };
    this.pending = null;
    try {
      const heap = pyodideModule.HEAPU8;
      for (let i = 0; i < places.length; i += 2) {
        const slot = slots[i / 2];
        // Never write more than Python allocated: a wrong size would corrupt its heap.
        if (slot.group ? slot.bytes > places[i + 1] : slot.bytes !== places[i + 1]) {
          throw new Error(`output ${i / 2}: ${slot.bytes} bytes, not ${places[i + 1]}`);
        }
        slot.mats.forEach((m, j) => {
          const [, , n, at] = slot.items[j];
          const from = n && m.data.byteOffset;
          if (n) heap.set(cv.HEAPU8.subarray(from, from + n), places[i] + at);
        });
      }
    } finally {
      for (const t of temps) t.delete();
    }
  },
  // The table's calls take opencv.js and Pyodide's module from here: no proxy per call.
  bind(cv, pyodideModule) {
    this.cv = cv;
    this.pyodideModule = pyodideModule;
  },
  call(target, refs, name, json, inputs, ...ptrs) {
    return this.callDescribed(this.cv, this.pyodideModule, target, refs, name, json, inputs,
                              ptrs);
  },
  copyOutAll(...places) {
    return this.finish(this.cv, this.pyodideModule, places);
  },
  release() {
    const kept = this.kept;
    this.kept = {};
    for (const role of Object.keys(kept)) {
      try { kept[role].delete(); } catch (e) { /* already gone: nothing to free */ }
    }
  },
  count() { return Object.keys(this.kept).length; },
})"""

_cv: Any = None
_runner: Any = None
#: The runner's table-call methods, looked up once (each lookup makes a proxy).
_bound: dict[str, Any] = {}
_loading: str | None = None


#: A MODULARIZE build (the SIMD one) sets ``self.cv`` to a promise of its module; the
#: npm build sets the module itself, which defines ``cv.Mat`` once its runtime is up.
_SETTLE_MODULE_JS = """() => {
  if (self.cv instanceof Promise) self.cv.then((module) => { self.cv = module; });
}"""


def start_loading(url: str | None = None, scalar_url: str | None = None) -> None:
    """Start loading opencv.js (the site's copy unless ``url``, absolute or site-relative).

    In a browser without WebAssembly SIMD, ``scalar_url`` is loaded instead
    when given (the site's npm build, beside its SIMD one). The script runs
    at once; its wasm compiles in the background, so other work (another
    bridge's script) can overlap it until :func:`opencv_js`.
    """
    global _loading
    if _cv is None and _loading is None:
        chosen = url or OPENCV_JS
        if scalar_url and not _js.has_wasm_simd():
            chosen = scalar_url
        _loading = _js.site_url(chosen)
        # The site's opencv.js loads its wasm from beside it, by a URL only the kernel
        # knows (portlite_site.opencv_wasm); a single-file build ignores it.
        _js.set_global(OPENCV_WASM_URL_GLOBAL, _loading.rsplit("/", 1)[0] + "/" + OPENCV_WASM)
        try:
            _js.load_script(_loading)
            _js.js_function(_SETTLE_MODULE_JS)()
        except _js.JsException as err:
            failed = _loading
            _loading = None
            raise ImportError(f"opencv.js could not be loaded from {failed}: {err}") from None


def loaded_from() -> str | None:
    """The URL of the opencv.js this kernel loaded (or is loading), if any."""
    return _loading


def opencv_js() -> Any:
    """The raw opencv.js module, loaded into the kernel on first use."""
    global _cv, _runner
    if _cv is None:
        start_loading()
        # opencv.js's module is a thenable that never settles from Python:
        # wait for its runtime to define cv.Mat instead (a kernel without
        # JSPI waited in its start, see wait_until_ready).
        if not _js.has_global("cv", "Mat"):
            _js.wait_for_global("cv", "Mat")
        _cv = _js.global_object("cv")
        _runner = _js.js_function(_RUNNER_JS)
        _runner.bind(_cv, _js.pyodide_module())
        _bound.update(call=_runner.call, copy_out=_runner.copyOutAll, objects=_runner.takeObjects)
    return _cv


#: opencv.js names the loaded build was found to export (see :func:`require_export`).
_exported: set[str] = set()


def require_export(func: str, js_name: str) -> None:
    """Raise ``NotImplementedError`` if the loaded opencv.js lacks ``js_name``.

    Only the SIMD build exports the table's ``SIMD_ONLY`` names; a browser
    without wasm SIMD runs the npm build, which lacks them.
    """
    if js_name in _exported:
        return
    if getattr(opencv_js(), js_name, None) is None:
        raise NotImplementedError(
            f"cv2.{func} is not available in this browser: PortLite's SIMD build of opencv.js "
            "has it, but this browser has no WebAssembly SIMD, so the kernel runs the npm "
            "opencv.js 4.12, which lacks it"
        )
    _exported.add(js_name)


async def wait_until_ready(url: str | None = None, scalar_url: str | None = None) -> None:
    """Load opencv.js and wait for its runtime without blocking (for kernels without JSPI)."""
    start_loading(url, scalar_url)
    await _js.wait_for_global_async("cv", "Mat")


def release_buffers() -> None:
    """Free the Mats kept in opencv.js's heap between calls."""
    if _runner is not None:
        _runner.release()


def kept_buffers() -> int:
    """How many Mats are kept in opencv.js's heap between calls (at most 2)."""
    return 0 if _runner is None else int(_runner.count())


def geometry(array: Image) -> tuple[int, int, int]:
    """Rows, cols and OpenCV type of the Mat that holds ``array`` (1-D: one column)."""
    channels = array.shape[2] if array.ndim == 3 else 1
    cols = array.shape[1] if array.ndim >= 2 else 1
    return array.shape[0], cols, DEPTHS[array.dtype] + (channels - 1) * 8


def too_large(func: str, needed: int) -> str:
    return (
        f"{func}(): the arrays of this call take {needed / 2**20:.0f} MB; opencv.js's heap is "
        f"capped at {HEAP_LIMIT // 2**20} MB and must hold them and the result. Use a "
        "smaller image, or process it in tiles."
    )


#: The opencv.js vector class of each C++ vector kind.
VECTOR_CLASSES = {
    "vector_int": "IntVector", "vector_float": "FloatVector", "vector_double": "DoubleVector",
    "vector_char": "CharVector", "vector_uchar": "CharVector", "vector_Rect": "RectVector",
    "vector_Point": "PointVector", "vector_Point2f": "Point2fVector",
    "vector_String": "StringVector", "vector_string": "StringVector",
    "vector_KeyPoint": "KeyPointVector", "vector_DMatch": "DMatchVector",
    "vector_vector_DMatch": "DMatchVectorVector", "vector_vector_Point": "PointVectorVector",
}  # fmt: skip


def _output_shape(shape: list[int], mat_type: int) -> tuple[tuple[int, ...], Any]:
    channels = mat_type // 8 + 1
    dims = tuple(shape) + ((channels,) if channels > 1 else ())
    return dims, DTYPES[mat_type % 8]


def _new_buffer(need: Any) -> np.ndarray[Any, Any]:
    return np.empty(need, np.uint8) if type(need) is int else np.empty(*need)


class _Slot:
    """How one output slot's bytes become arrays, worked out once per slot text.

    A Mat's slot is its own array (``need``: dims and dtype). A packed vector's
    (``need``: the bytes to make ready next time) is a tuple of views; when its
    Mats are rows of one array (contours: Nx1 points each, back to back), the
    views are slices of that array, far cheaper to make than one view each.
    """

    __slots__ = ("bounds", "dims", "dtype", "end", "need", "room", "views")

    def __init__(self, group: int, nbytes: int, items: list[Any]) -> None:
        # the buffer made after the call when none was ready, and the one made next time
        self.room: Any = nbytes
        self.need: Any = nbytes + nbytes // 4  # a packed vector's next may be larger
        self.views: list[tuple[tuple[int, ...], Any, int]] = []
        self.bounds: list[tuple[int, int]] | None = None
        if not group:
            self.dims, self.dtype = _output_shape(*items[0][:2])
            self.need = self.room = (self.dims, self.dtype)
            return
        self.views = [(*_output_shape(shape, mat_type), at) for shape, mat_type, _n, at in items]
        packed_at = [0, *accumulate(nbytes for _shape, _type, nbytes, _at in items)]
        dense = all(at == packed for (*_, at), packed in zip(items, packed_at, strict=False))
        tails = {(dims[1:], dtype) for dims, dtype, _at in self.views}
        if dense and len(tails) == 1 and all(len(dims) > 1 for dims, _d, _a in self.views):
            ((tail, self.dtype),) = tails
            starts = [0, *accumulate(dims[0] for dims, _dtype, _at in self.views)]
            self.bounds = list(pairwise(starts))
            self.dims = (starts[-1], *tail)
            self.end = packed_at[-1]

    def arrays(self, buffer: np.ndarray[Any, Any]) -> Any:
        """The slot's arrays in ``buffer``: one array, or a tuple for a packed vector."""
        if type(self.need) is not int:
            if buffer.shape == self.dims and buffer.dtype == self.dtype:
                return buffer
            return buffer.view(self.dtype).reshape(self.dims)  # last time's bytes, other shape
        if self.bounds is not None:
            whole = buffer[: self.end].view(self.dtype).reshape(self.dims)
            return tuple([whole[start:end] for start, end in self.bounds])
        return tuple([np.ndarray(dims, dtype, buffer, at) for dims, dtype, at in self.views])


#: Output slots by their JSON text: a loop over frames repeats it. Texts of up to
#: ``_SLOT_TEXT_KEPT`` characters (a few hundred contours) are kept, at most ``_SLOTS_KEPT``.
_slots_by_text: dict[str, list[_Slot]] = {}
_SLOTS_KEPT = 256
_SLOT_TEXT_KEPT = 1 << 14


def _slots(text: str) -> list[_Slot]:
    found = _slots_by_text.get(text)
    if found is None:
        found = [_Slot(*slot) for slot in json.loads(text)]
        if len(text) <= _SLOT_TEXT_KEPT:
            if len(_slots_by_text) >= _SLOTS_KEPT:
                _slots_by_text.clear()
            _slots_by_text[text] = found
    return found


#: The output slots of each descriptor's last call: their buffers (``_Slot.need``), made
#: before a call repeated with the same arguments (a loop over frames) runs, let it cross once.
_last_outputs: dict[tuple[str, str], list[_Slot]] = {}
_LAST_OUTPUTS_KEPT = 512


#: Records by their text, for those that hold only numbers, booleans, nulls and strings
#: besides their list of outputs: nothing in them reaches a caller to be changed.
_records_by_text: dict[str, dict[str, Any]] = {}
_RECORDS_KEPT = 256


def _record(text: str) -> dict[str, Any]:
    found = _records_by_text.get(text)
    if found is None:
        found = json.loads(text)
        if text.count("[") == 1 and text.count("{") == 1:
            if len(_records_by_text) >= _RECORDS_KEPT:
                _records_by_text.clear()
            _records_by_text[text] = found
    return found


def call_described(
    func: str,
    js_name: str,
    text: str,
    target: Any = None,
    pointers: Sequence[int] = (),
    refs: Sequence[Any] = (),
) -> tuple[dict[str, Any], list[Any], list[Any]]:
    """Run ``cv[js_name]`` on the JSON descriptor ``text`` (see ``_marshal``) in one crossing.

    ``target`` is an opencv.js object whose method ``js_name`` is; ``new X``
    constructs class ``X``, ``X.f`` calls a static method. ``pointers`` are
    the addresses of the input arrays the descriptor names by slot, ``refs``
    the opencv.js objects it names by index (``["ref", i]``). Returns the
    call's record (``r``: the return value, ``o``: the outputs, arrays and
    objects replaced by their slot's index), each output slot's arrays (a numpy
    array that owns its memory, or for a vector of Mats a tuple of arrays
    sharing one buffer; made before the call when the last call with this
    descriptor needed the same room, else copied out with one more crossing)
    and the objects made.
    """
    if _cv is None:
        opencv_js()
    key = (js_name, text)
    ready = [_new_buffer(slot.need) for slot in _last_outputs.get(key, ())]
    places = [value for a in ready for value in (_js.address_of(a), a.nbytes)]
    try:
        objects_in = _js.js_array(refs) if refs else None
        answer = _bound["call"](target, objects_in, js_name, text, len(pointers), *pointers,
                                *places)  # fmt: skip
    except _js.JsException as err:
        message = str(err).removeprefix("Error: ")
        if any(sign in message for sign in _OUT_OF_HEAP):
            _runner.release()  # whatever was kept may be half made: start clean
            raise error(f"{func}(): opencv.js ran out of memory ({message})") from None
        raise error(f"{func}(): {message}") from None
    record_text, _, slots_text = answer.partition("\n")
    record, slots = _record(record_text), _slots(slots_text)
    if record["landed"]:
        buffers = ready
    else:
        buffers = []
        try:
            buffers += [_new_buffer(slot.room) for slot in slots]
        finally:  # frees the call's temporaries even when a buffer could not be made
            _bound["copy_out"](*[value for a in buffers for value in (_js.address_of(a), a.nbytes)])
    arrays = [slot.arrays(buffer) for slot, buffer in zip(slots, buffers, strict=True)]
    if len(_last_outputs) >= _LAST_OUTPUTS_KEPT:
        _last_outputs.clear()
    _last_outputs[key] = slots
    objects = list(_bound["objects"]()) if '"obj":' in answer else []
    return record, arrays, objects


_shared_files: dict[str, tuple[float, int]] = {}


def share_file(path: str) -> None:
    """Copy a file of the kernel's file system into opencv.js's own, at the same path.

    opencv.js has a file system of its own, so a cascade or a model the
    kernel can read is invisible to it; the copy is remade when the file
    changes. A missing file is left missing: OpenCV reports it as it would.
    """
    try:
        stat = os.stat(path)
    except OSError:
        return
    if _shared_files.get(path) == (stat.st_mtime, stat.st_size):
        return
    if stat.st_size > HEAP_LIMIT // 2:  # checked before a byte is read
        raise error(
            f"{path}: {stat.st_size / 2**20:.0f} MB is more than opencv.js's heap "
            f"({HEAP_LIMIT // 2**20} MB) can hold beside its work"
        )
    with open(path, "rb") as source:
        data = source.read()
    fs = opencv_js().FS
    folder = os.path.dirname(os.path.abspath(path))
    fs.mkdirTree(folder)
    fs.writeFile(os.path.abspath(path), _js.to_js_bytes(data))
    _shared_files[path] = (stat.st_mtime, stat.st_size)
