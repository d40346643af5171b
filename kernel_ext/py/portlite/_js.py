"""The single door to JavaScript: load scripts, wait on promises, reach heaps.

Only this module imports ``js`` and ``pyodide``, and only in the browser
(:data:`IN_BROWSER`); the bridges call it. Bytes
move between Pyodide's wasm heap and another module's heap (opencv.js and
onnxruntime-web have their own) in the bridges' JS runners, with one
``TypedArray.set`` between views of both heaps. Those runners take
:func:`pyodide_module` and read its ``HEAPU8`` at the moment of the copy,
since a heap that grows detaches the views taken before.
"""

from __future__ import annotations

import ctypes
import functools
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import numpy as np
from numpy.typing import NDArray

#: Whether this is Pyodide in a browser. On CPython the package still imports
#: (its pure parts are unit-tested there); anything that reaches JavaScript
#: raises, saying so.
IN_BROWSER = sys.platform == "emscripten"

if IN_BROWSER:
    import js
    import pyodide_js
    from pyodide.ffi import JsException, can_run_sync, run_sync, to_js
else:

    class _NoJavaScript:
        def __init__(self, name: str) -> None:
            self._name = name

        def __getattr__(self, attribute: str) -> Any:
            raise RuntimeError(
                f"{self._name}.{attribute}: portlite reaches JavaScript only in Pyodide's "
                "browser kernel, not on CPython"
            )

    js = _NoJavaScript("js")
    pyodide_js = _NoJavaScript("pyodide_js")

    class JsException(Exception):  # type: ignore[no-redef]  # noqa: N818 - Pyodide's name
        """Stands for Pyodide's JsException on CPython (never raised there)."""

    def can_run_sync() -> bool:
        return False

    def run_sync(awaitable: Any) -> Any:
        raise RuntimeError("run_sync: only in Pyodide's browser kernel")

    def to_js(value: Any, **options: Any) -> Any:
        raise RuntimeError("to_js: only in Pyodide's browser kernel")


#: A numpy image or array, as the bridges take and return them.
Image = NDArray[Any]

__all__ = [
    "Image",
    "JsError",
    "JsException",
    "await_call",
    "block_on_call",
    "call_now",
    "can_block",
    "check_interrupt",
    "ensure_package",
    "global_object",
    "has_jspi",
    "js_array",
    "js_function",
    "listen_for_interrupt_buffer",
    "read_site_text",
    "load_package",
    "load_packages_async",
    "load_script",
    "loadpyodide_option",
    "lock_import_names",
    "pyodide_fs",
    "pyodide_module",
    "site_url",
    "to_js_bytes",
    "to_js_object",
    "wait_for_global",
    "wait_for_global_async",
    "has_global",
]


def site_url(path: str) -> str:
    """The absolute URL of ``path``: site-relative, or already absolute (kept as is).

    Pyodide lives in ``static/pyodide/``, two levels below the site's root.
    """
    return urljoin(str(pyodide_js._api.config.indexURL) + "../../", path)


def now_ms() -> float:
    """The worker's clock: milliseconds since its time origin (``performance.now()``)."""
    return float(js.performance.now())


def hardware_concurrency() -> int:
    """The logical CPUs the browser reports to this worker (at least 1)."""
    return max(1, int(getattr(js.navigator, "hardwareConcurrency", 1) or 1))


def time_origin_ms() -> float:
    """When the worker's clock started, in milliseconds since the epoch."""
    return float(js.performance.timeOrigin)


def load_script(url: str) -> None:
    """Run a classic script in the kernel's worker scope (synchronous)."""
    js.importScripts(url)


#: Resolves once ``self[path[0]][path[1]]...`` exists; the path is data, never source.
_WAIT_FOR_GLOBAL_JS = """(path, timeoutMs) => new Promise((resolve, reject) => {
  const started = Date.now();
  const found = () => path.reduce((value, key) => (value == null ? value : value[key]), self);
  const poll = () => {
    if (found()) return resolve(true);
    if (Date.now() - started > timeoutMs) {
      return reject(new Error("timed out waiting for self." + path.join(".")));
    }
    setTimeout(poll, 5);
  };
  poll();
})"""


@functools.cache
def _global_waiter() -> Any:
    return js.eval(f"({{ until: {_WAIT_FOR_GLOBAL_JS} }})")


def wait_for_global(*path: str, timeout_ms: int = 60_000) -> None:
    """Block (through JSPI) until the worker's global ``self.<path>`` exists, e.g. ``cv.Mat``."""
    block_on_call(_global_waiter(), "until", js_array(path), timeout_ms)


async def wait_for_global_async(*path: str, timeout_ms: int = 60_000) -> None:
    """Like :func:`wait_for_global`, awaited (works without JSPI)."""
    await await_call(_global_waiter(), "until", js_array(path), timeout_ms)


def has_global(*path: str) -> bool:
    """Whether the worker's global ``self.<path>`` exists now."""
    value: Any = js
    for key in path:
        value = getattr(value, key, None)
        if value is None:
            return False
    return True


def ensure_package(package: str, module: str) -> None:
    """Load a package of the site's Pyodide lock if ``module`` is not importable yet.

    Cells get their imports loaded automatically; code that imports lazily
    (e.g. Pillow for cv2.imread) asks here, and blocks until it is loaded.
    """
    import importlib.util

    if importlib.util.find_spec(module) is None:
        load_package(package)
        importlib.invalidate_caches()


def load_package(package: str) -> None:
    """Load a package of the site's Pyodide lock by name, blocking until it is installed.

    Without JSPI, pure-Python packages (and their pure dependencies) are
    downloaded synchronously and unpacked (:mod:`portlite.wheel_install`);
    a package with compiled code raises an ImportError that says how to load it.
    """
    if can_block():
        block_on_call(pyodide_js, "loadPackage", package)
        return
    for name in _missing_dependencies(package):
        _install_now(name, package)


#: A synchronous GET (allowed in workers), bounded.
_GET_NOW_JS = """(url, limit) => {
  const request = new XMLHttpRequest();
  request.open("GET", url, false);
  request.responseType = "arraybuffer";
  request.send();
  if (request.status !== 200) throw new Error(`GET ${url}: HTTP ${request.status}`);
  if (request.response.byteLength > limit)
    throw new Error(`GET ${url}: ${request.response.byteLength} bytes, more than ${limit}`);
  return new Uint8Array(request.response);
}"""


def _canonical(name: str) -> str:
    return name.lower().replace("_", "-")


def _missing_dependencies(package: str) -> list[str]:
    """``package`` and what it needs, not loaded yet, dependencies first."""
    loaded = {_canonical(str(name)) for name in js.Object.keys(pyodide_js.loadedPackages)}
    order: list[str] = []

    def visit(name: str) -> None:
        info = getattr(pyodide_js._api.lockfile_packages, name, None)
        if info is None or name in order:
            return
        if _canonical(name) in loaded or _canonical(str(info.name)) in loaded:
            return
        for dependency in info.depends:
            visit(str(dependency))
        order.append(name)

    visit(package)
    return order


def _install_now(name: str, wanted: str) -> None:
    from . import wheel_install

    info = getattr(pyodide_js._api.lockfile_packages, name)
    file_name = str(info.file_name)
    if not wheel_install.is_pure_wheel(file_name):
        raise ImportError(
            f"{wanted} needs {name}, which has compiled code: without JavaScript Promise "
            "Integration (JSPI: Safari, Firefox before 153) it cannot be loaded in the "
            "middle of a cell. Load it first, in a cell of its own: "
            f"import pyodide_js; await pyodide_js.loadPackage({name!r})"
        )
    url = str(pyodide_js._api.config.indexURL) + file_name
    try:
        data = bytes(js.eval(_GET_NOW_JS)(url, wheel_install.MAX_WHEEL_BYTES).to_bytes())
    except JsException as err:
        raise ImportError(f"{wanted}: could not download {file_name}: {err}") from None
    import sysconfig

    wheel_install.install_wheel(
        file_name, data, str(info.sha256), Path(sysconfig.get_paths()["purelib"])
    )
    setattr(pyodide_js.loadedPackages, str(info.name), "portlite (synchronous)")


async def load_packages_async(packages: list[str]) -> None:
    """Load packages of the site's Pyodide lock by name, awaited (no JSPI needed)."""
    await await_call(pyodide_js, "loadPackage", js_array(packages))


def loadpyodide_option(name: str) -> Any:
    """An option the kernel's worker gave ``loadPyodide`` (None if it gave none)."""
    value = getattr(pyodide_js._api.config, name, None)
    return None if value is None else value.to_py() if hasattr(value, "to_py") else value


def lock_import_names() -> dict[str, str]:
    """Top-level import name to package name, for every package of the site's lock."""
    names: dict[str, str] = pyodide_js._api._import_name_to_package_name.to_py()
    return {str(k): str(v) for k, v in names.items()}


#: The message key the page sends the buffer under (kernel_ext/src/preload/interrupt.ts).
INTERRUPT_BUFFER_KEY = "portliteInterruptBuffer"

# Plain JavaScript, so no Python runs for the worker's other messages (a
# Python handler could be entered while a cell is suspended on JSPI).
_INTERRUPT_LISTENER_JS = """(pyodide, key) => {
  if (self.portliteInterruptListener) return;
  self.portliteInterruptListener = (event) => {
    const buffer = event.data && event.data[key];
    if (buffer instanceof Int32Array) {
      pyodide.setInterruptBuffer(buffer);
      self.portliteInterruptBuffer = buffer;
    }
  };
  self.addEventListener("message", self.portliteInterruptListener);
}"""


def read_site_text(path: str) -> str:
    """A text file the site serves, read synchronously (a worker may block on XHR).

    Raises
    ------
    OSError
        When the site does not serve it (any status but 200): a 404 page is
        never taken for the file.
    """
    request = js.XMLHttpRequest.new()
    request.open("GET", site_url(path), False)
    request.send(None)
    if request.status != 200:
        raise OSError(f"{path}: the site answered HTTP {request.status}")
    return str(request.responseText)


#: POSIX SIGINT, as the page writes it into the interrupt buffer.
_SIGINT = 2


def check_interrupt() -> None:
    """Raise KeyboardInterrupt now if Kernel > Interrupt was asked for.

    Pyodide looks at its interrupt buffer only every so many bytecodes; a
    loop that mostly waits on promises runs too few of them to notice soon.
    """
    buffer = getattr(js, "portliteInterruptBuffer", None)
    if buffer is not None and js.Atomics.compareExchange(buffer, 0, _SIGINT, 0) == _SIGINT:
        raise KeyboardInterrupt


def listen_for_interrupt_buffer() -> None:
    """Let the page hand Pyodide its interrupt buffer (Kernel > Interrupt), once per worker."""
    js.eval(_INTERRUPT_LISTENER_JS)(pyodide_js, INTERRUPT_BUFFER_KEY)


# Stands in for comm_manager.comm_msg (the worker calls it with proxies of
# stream, ident and message). It hands each message, with the parent header
# current when it came, to a Python handler through callPromising, one after
# the other, and returns the promise of its end: the worker awaits it, so the
# kernel stays busy (and the message's outputs reach the widget capturing
# them) until the handler is done. A JS function, so the worker gets a real
# promise (Python would hand back a future) and the handler never runs nested
# in a Python frame (that crashes Pyodide). It keeps its own copies of the
# proxies and frees them after.
_COMM_CHAIN_JS = """
(handler, currentParent) => {
  const own = (arg) => (arg && typeof arg.copy === "function" ? arg.copy() : arg);
  const free = (arg) => arg && typeof arg.destroy === "function" && arg.destroy();
  let chain = Promise.resolve();
  return (...args) => {
    const kept = [currentParent(), ...args.map(own)];
    chain = chain
      .then(() => handler.callPromising(...kept))
      .catch((error) => console.error("PortLite: a widget message failed:", error))
      .finally(() => kept.forEach(free));
    return chain;
  };
}
"""


def run_comm_messages_with_jspi(kernel: Any) -> None:
    """Let widget callbacks block on promises (``session.run``), as cells can.

    JupyterLite's Pyodide worker hands a comm message (a widget's change) to
    ``comm_manager.comm_msg`` by a plain call, on a stack that cannot block
    on a promise: a callback that runs a model raised "JSPI is not
    available" although the same code works in a cell. Each message is
    handed over through ``callPromising`` instead, which can; the messages
    are chained, so callbacks still run one at a time and in order, each
    under the parent message it came with (where its output goes), and the
    worker waits for each before it reports the kernel idle. Where JSPI is
    missing altogether, messages are handled as before.
    """
    manager = kernel.comm_manager
    if getattr(manager, "portlite_routed", False) or not has_jspi():
        return
    from pyodide.ffi import create_proxy

    handle = manager.comm_msg

    def handle_under(parent: Any, stream: Any, ident: Any, message: Any) -> Any:
        kernel._parent_header = parent
        return handle(stream, ident, message)

    # The proxies live as long as the kernel.
    manager.comm_msg = js.eval(_COMM_CHAIN_JS)(
        create_proxy(handle_under), create_proxy(lambda: kernel._parent_header)
    )
    manager.portlite_routed = True


def can_block() -> bool:
    """Whether this call stack may block on a promise (JSPI is available here)."""
    return bool(can_run_sync())


def has_jspi() -> bool:
    """Whether this browser has JSPI at all (a given call stack may still not block)."""
    return hasattr(js.WebAssembly, "Suspending")


#: The smallest wasm module with a SIMD128 instruction (a function returning
#: ``i8x16.splat(0)``): it validates exactly where wasm SIMD runs.
_SIMD_PROBE = bytes(
    [0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 8, 1, 6, 0, 65, 0,
     253, 15, 11]
)  # fmt: skip


@functools.cache
def has_wasm_simd() -> bool:
    """Whether this browser runs WebAssembly SIMD (every current one does; older Safari not)."""
    return bool(js.WebAssembly.validate(to_js_bytes(_SIMD_PROBE)))


class JsError(Exception):
    """A JavaScript call failed (threw, or its promise was rejected); the JS message."""


# A rejected promise must never reach Python as a proxy: Pyodide 0.27.7 then
# reports it as the cell's error even when Python catches it, and can die on
# it. So promises are settled in JavaScript into records, and only those
# (which never reject) are waited on from Python.
_SETTLED_CALL_JS = """(target, method, args) => {
  const failed = (error) =>
    ({ok: false, message: error instanceof Error ? error.message : String(error)});
  try {
    return Promise.resolve(target[method](...args)).then((value) => ({ok: true, value}), failed);
  } catch (error) {
    return Promise.resolve(failed(error));
  }
}"""


#: The same record as :data:`_SETTLED_CALL_JS`, for a call that returns its value.
_CALL_NOW_JS = """(target, method, args) => {
  try {
    return {ok: true, value: target[method](...args)};
  } catch (error) {
    return {ok: false, message: error instanceof Error ? error.message : String(error)};
  }
}"""


@functools.cache
def _settled_caller() -> Any:
    return js.eval(_SETTLED_CALL_JS)


@functools.cache
def _now_caller() -> Any:
    return js.eval(_CALL_NOW_JS)


def _settled(target: Any, method: str, args: tuple[Any, ...]) -> Any:
    return _settled_caller()(target, method, js_array(args))


def _unwrap(record: Any) -> Any:
    if not record.ok:
        raise JsError(str(record.message))
    return record.value


def block_on_call(target: Any, method: str, *args: Any) -> Any:
    """Call ``target[method](...args)`` and block (through JSPI) until its promise settles.

    Returns the promise's value; raises :class:`JsError` if the call throws or
    the promise is rejected. Needs :func:`can_block`.
    """
    # Pyodide must not see Kernel > Interrupt while the stack is suspended:
    # a KeyboardInterrupt raised inside run_sync broke the kernel's worker
    # ("Unexpected error", no reply). It is raised once the call returned.
    buffer = getattr(js, "portliteInterruptBuffer", None)
    if buffer is not None:
        pyodide_js.setInterruptBuffer(None)
    try:
        settled = run_sync(_settled(target, method, args))
    finally:
        if buffer is not None:
            pyodide_js.setInterruptBuffer(buffer)
    check_interrupt()
    return _unwrap(settled)


async def await_call(target: Any, method: str, *args: Any) -> Any:
    """Like :func:`block_on_call`, awaited instead of blocking."""
    return _unwrap(await _settled(target, method, args))


def call_now(target: Any, method: str, *args: Any) -> Any:
    """Call ``target[method](...args)``, a synchronous JS method; :class:`JsError` if it throws."""
    return _unwrap(_now_caller()(target, method, js_array(args)))


def _data_pointer_offset() -> int | None:
    """Where an ndarray object holds its data pointer: just after the object header, in
    numpy's ``PyArrayObject``. ``None`` (use ``ndarray.ctypes.data``) if a probe says not."""
    probe = np.empty(3, np.uint8)
    offset = object.__basicsize__
    found = ctypes.c_void_p.from_address(id(probe) + offset).value
    return offset if found == probe.ctypes.data else None


_DATA_POINTER_OFFSET = _data_pointer_offset()


def address_of(array: NDArray[Any]) -> int:
    """The address of ``array``'s first byte in this heap, as ``array.ctypes.data`` gives it.

    Read off the array object itself, which takes a sixth of the time of
    ``ctypes.data``: a bridged call reads two or more per crossing.
    """
    if _DATA_POINTER_OFFSET is None or type(array) is not np.ndarray:
        return int(array.ctypes.data)
    return ctypes.c_void_p.from_address(id(array) + _DATA_POINTER_OFFSET).value or 0


def js_function(source: str) -> Any:
    """Evaluate a JS function expression once; call the result from Python."""
    return js.eval(source)


def js_array(items: Any) -> Any:
    """A JS array of ``items`` (JS objects pass through as they are)."""
    return to_js(list(items))


def to_js_object(values: dict[str, Any]) -> Any:
    """A plain JS object (not a Map) with the items of ``values``."""
    return to_js(values, dict_converter=js.Object.fromEntries)


def global_object(name: str) -> Any:
    """A global of the kernel's worker scope, e.g. ``cv``."""
    return getattr(js, name)


def set_global(name: str, value: str) -> None:
    """Set a global of the kernel's worker scope (a script run next reads it)."""
    setattr(js.globalThis, name, value)


def pyodide_fs() -> Any:
    """Emscripten's ``FS`` of the kernel's Pyodide (to mount file systems)."""
    return pyodide_js.FS


def to_js_bytes(data: bytes | bytearray | memoryview) -> Any:
    """A JS-owned ``Uint8Array`` copy of ``data``."""
    return to_js(memoryview(data).cast("B"))


def pyodide_module() -> Any:
    """Pyodide's Emscripten module; JS reads a fresh ``HEAPU8`` off it at use."""
    return pyodide_js._module
