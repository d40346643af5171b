"""The single door to JavaScript: load scripts, wait on promises, copy bytes.

Only this module imports ``js`` and ``pyodide``; the bridges call it, and
CPython tests can replace it. Bytes move between Pyodide's wasm heap and
another module's heap (opencv.js has its own) with one ``TypedArray.set``:
views of both heaps, no intermediate buffer. Heap views are taken fresh for
each copy, since a heap that grows detaches the old ones.
"""

from __future__ import annotations

from typing import Any

import js
import pyodide_js
from numpy.typing import NDArray
from pyodide.ffi import JsException, run_sync, to_js

#: A numpy image or array, as the bridges take and return them.
Image = NDArray[Any]

__all__ = [
    "Image",
    "JsException",
    "copy_in",
    "copy_out",
    "global_object",
    "js_array",
    "js_function",
    "load_script",
    "site_url",
    "wait_for",
]


def site_url(path: str) -> str:
    """The URL of ``path`` inside the site (Pyodide lives in ``static/pyodide/``)."""
    return str(pyodide_js._api.config.indexURL) + "../../" + path


def load_script(url: str) -> None:
    """Run a classic script in the kernel's worker scope (synchronous)."""
    js.importScripts(url)


def wait_for(check_js: str, timeout_ms: int = 60_000) -> None:
    """Block (through JSPI) until the JS expression ``check_js`` is truthy."""
    promise = js.eval(
        f"""new Promise((resolve, reject) => {{
          const started = Date.now();
          const poll = () => {{
            if ({check_js}) return resolve(true);
            if (Date.now() - started > {timeout_ms}) return reject(
              new Error("timed out waiting for: {check_js}"));
            setTimeout(poll, 5);
          }};
          poll();
        }})"""
    )
    run_sync(promise)


def js_function(source: str) -> Any:
    """Evaluate a JS function expression once; call the result from Python."""
    return js.eval(source)


def js_array(items: Any) -> Any:
    """A JS array of ``items`` (JS objects pass through as they are)."""
    return to_js(list(items))


def global_object(name: str) -> Any:
    """A global of the kernel's worker scope, e.g. ``cv``."""
    return getattr(js, name)


def _pyodide_heap() -> Any:
    return pyodide_js._module.HEAPU8


def copy_in(array: Image, heap_owner: Any, byte_offset: int) -> None:
    """Copy a C-contiguous array's bytes into ``heap_owner.HEAPU8`` at ``byte_offset``.

    Copies the data once.
    """
    address = array.ctypes.data
    heap_owner.HEAPU8.set(_pyodide_heap().subarray(address, address + array.nbytes), byte_offset)


def copy_out(heap_owner: Any, byte_offset: int, out: Image) -> None:
    """Copy ``out.nbytes`` bytes at ``byte_offset`` of ``heap_owner.HEAPU8`` into ``out``.

    ``out`` must be C-contiguous and own its memory. Copies the data once.
    """
    source = heap_owner.HEAPU8.subarray(byte_offset, byte_offset + out.nbytes)
    _pyodide_heap().set(source, out.ctypes.data)
