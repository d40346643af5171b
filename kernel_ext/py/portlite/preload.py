"""Preparing a kernel for server code in one call: bridges loaded, cache mounted, aliases set.

:func:`preload` is what PortLite's kernel extension runs at every kernel
start (and what a user can run by hand). opencv.js's script starts first:
its wasm compiles in the background while onnxruntime-web's script loads.
A bridge that fails leaves the others working, and ``import`` of its alias
then raises an ImportError that says why.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib.abc
import inspect
import io
import json
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from . import _js, autoload, hints, install_aliases, provided
from .cv2 import _runtime as _opencv

__all__ = ["kernel_start", "preload", "preload_async", "status", "timing"]

#: Where :func:`kernel_start` reports to the extension: an IPython payload's ``source``.
PAYLOAD_SOURCE = "portlite.preload"

#: The name the extension's start code binds :func:`kernel_start` to.
START_NAME = "__portlite_kernel_start"

_status: dict[str, dict[str, Any]] = {}

#: What :func:`preload_async` awaited for :func:`preload` (the cache's entries, or why not).
_awaited: dict[str, Any] = {}

#: When each step of the last preload ended, on the worker's clock (ms).
_marks: dict[str, float] = {}


class _UnavailableBridge(importlib.abc.MetaPathFinder):
    """Makes ``import <alias>`` of a bridge that failed to load say why."""

    def __init__(self) -> None:
        self.reasons: dict[str, str] = {}

    def find_spec(self, fullname: str, path: Any, target: Any = None) -> None:
        reason = self.reasons.get(fullname.partition(".")[0])
        if reason is not None:
            raise ImportError(
                f"import {fullname}: PortLite's {fullname.partition('.')[0]} bridge is not "
                f"available in this kernel: {reason}"
            )


_finder = _UnavailableBridge()


def _installed_finder() -> autoload.ShippedPackageFinder:
    for finder in sys.meta_path:
        if isinstance(finder, autoload.ShippedPackageFinder):
            return finder
    finder = autoload.ShippedPackageFinder(_js.lock_import_names(), _js.load_package)
    sys.meta_path.append(finder)  # last: asked only about names nothing else found
    return finder


#: Packages the bridges load on first use (Pillow for cv2's image files,
#: ipywidgets for download progress bars). Without JSPI a load cannot block,
#: so :func:`preload_async` loads them while opencv.js starts.
LAZY_PACKAGES = ["pillow", "ipywidgets"]

#: matplotlib's font list as the site build made it (src/portlite_site/font_cache.py).
FONT_LIST = "static/portlite/matplotlib/fontlist.json"


class _FontListBeforeMatplotlib(importlib.abc.MetaPathFinder):
    """Puts the site's font list in matplotlib's cache folder just before it first loads.

    Then matplotlib finds its font cache instead of building it (and
    logging "Matplotlib is building the font cache" in a red box).
    """

    def find_spec(self, fullname: str, path: Any, target: Any = None) -> None:
        # font_manager builds the list when it is first imported; matplotlib is loaded by then.
        if fullname != "matplotlib.font_manager":
            return
        sys.meta_path.remove(self)  # once
        try:
            write_font_list(_js.read_site_text(FONT_LIST))
        except Exception as err:  # noqa: BLE001 - matplotlib then builds its own, as before
            warnings.warn(f"PortLite: the site's matplotlib font list: {err}", stacklevel=2)


def write_font_list(font_list: str) -> list[Path]:
    """Write a matplotlib font list where this kernel's matplotlib looks for it.

    Pyodide's matplotlib reads ``matplotlib/fontlist.json`` beside its code
    (patched); upstream's reads ``fontlist-v<N>.json`` in its cache folder.
    Both get it.
    """
    import matplotlib

    version = json.loads(font_list)["_version"]
    targets = [
        Path(matplotlib.__file__).parent / "fontlist.json",
        Path(matplotlib.get_cachedir(), f"fontlist-v{version}.json"),
    ]
    for target in targets:
        target.write_text(font_list, encoding="utf-8")
    return targets


def _route_pip() -> None:
    """``%pip install`` of what PortLite provides says so; the rest goes to piplite."""
    import piplite

    original = piplite.install
    if getattr(original, "portlite_routed", False):
        return

    async def install(requirements: str | list[str], *args: Any, **kwargs: Any) -> Any:
        return await provided.pip_install(original, requirements, *args, **kwargs)

    install.portlite_routed = True  # type: ignore[attr-defined]
    install.__doc__ = original.__doc__
    piplite.install = install


def _prepare_shell(shell: Any, finder: autoload.ShippedPackageFinder) -> None:
    """``!pip`` points to ``%pip``; missing files and modules say where things are."""
    system = shell.system
    if getattr(system, "portlite_routed", False):
        return

    def system_or_hint(command: str) -> Any:
        hint = provided.pip_hint(command)
        if hint is None:
            return system(command)
        print(hint, file=sys.stderr)
        return None

    system_or_hint.portlite_routed = True  # type: ignore[attr-defined]
    shell.system = system_or_hint

    def with_hint(  # type: ignore[no-untyped-def]
        shell: Any, etype: type, value: BaseException, tb: Any, tb_offset: Any = None
    ):
        lines = shell.InteractiveTB.structured_traceback(etype, value, tb, tb_offset=tb_offset)
        if isinstance(value, ModuleNotFoundError) and value.name:
            lines = [*lines, f"PortLite: {hints.missing_module_hint(value.name, finder.shipped())}"]
        elif isinstance(value, FileNotFoundError) and value.filename is not None:
            lines = [*lines, f"PortLite: {hints.missing_file_hint(value.filename)}"]
        # IPython hands a custom handler's lines back without showing them.
        shell._showtraceback(etype, value, lines)

    shell.set_custom_exc((ModuleNotFoundError, FileNotFoundError), with_hint)


def _prepare_python() -> None:
    """Make the kernel's Python behave like a server's for the code people bring.

    Kernel > Interrupt reaches running code; widget callbacks can wait on
    onnxruntime as cells do; packages the site ships load on
    first import from anywhere; the server packages the bridges stand in for
    count as installed; ``%pip`` and ``!pip`` say what is provided; a missing
    file or module says where to look.
    """
    import sysconfig

    _js.listen_for_interrupt_buffer()
    if "matplotlib" not in sys.modules and not any(
        isinstance(hook, _FontListBeforeMatplotlib) for hook in sys.meta_path
    ):
        sys.meta_path.insert(0, _FontListBeforeMatplotlib())
    finder = _installed_finder()
    provided.write_metadata(Path(sysconfig.get_paths()["purelib"]))
    _route_pip()
    from IPython import get_ipython

    shell = get_ipython()
    if shell is not None:
        _prepare_shell(shell, finder)
        if getattr(shell, "kernel", None) is not None and _js.can_block():
            _js.run_comm_messages_with_jspi(shell.kernel)


def _failed(err: BaseException) -> dict[str, Any]:
    return {"status": "failed", "reason": f"{type(err).__name__}: {err}"}


def _opencv_build(cv: Any) -> dict[str, Any]:
    """opencv.js's version, and whether it was built with wasm SIMD (its C++ flags say)."""
    information = str(cv.getBuildInformation())
    first = information.strip().splitlines()[0]
    return {"version": first.split("OpenCV")[-1].strip(" ="), "simd": "-msimd128" in information}


def preload(
    bridges: Sequence[str] = ("cv2", "onnxruntime"),
    aliases: bool = True,
    opencv_url: str | None = None,
    onnxruntime_url: str | None = None,
    num_threads: int | None = None,
    cache: bool = True,
    opencv_scalar_url: str | None = None,
) -> dict[str, dict[str, Any]]:
    """Load the bridges, mount the model cache and install the aliases.

    Parameters
    ----------
    bridges : sequence of str
        Which of ``"cv2"`` and ``"onnxruntime"`` to load.
    aliases : bool
        Install ``import cv2``/``import onnxruntime`` for the bridges that loaded.
    opencv_url, onnxruntime_url : str, optional
        Where opencv.js (a script URL) and onnxruntime-web (a folder URL
        ending in ``/``) are; default: the site's vendored copies.
    num_threads : int, optional
        onnxruntime-web's thread count (default: its recommendation).
    cache : bool
        Mount the model cache (reads its metadata only).
    opencv_scalar_url : str, optional
        The opencv.js to load instead in a browser without WebAssembly SIMD
        (the site's npm build, when ``opencv_url`` is its SIMD build).

    Returns
    -------
    dict
        Per part (``cv2``, ``onnxruntime``, ``cache``): ``status`` (``ready``
        or ``failed``) and details (versions, threads, SIMD, entries and
        bytes cached) or the ``reason`` it failed. Also kept for :func:`status`.
    """
    result: dict[str, dict[str, Any]] = {}
    _marks.clear()
    _marks["start"] = _js.now_ms()
    try:
        _prepare_python()
    except Exception as err:  # noqa: BLE001 - reported; the bridges go on
        result["python"] = _failed(err)
    if "cv2" in bridges:
        try:
            _opencv.start_loading(opencv_url, opencv_scalar_url)
        except ImportError as err:
            result["cv2"] = _failed(err)
        _marks["opencv_script"] = _js.now_ms()
    if "onnxruntime" in bridges:
        try:
            from .onnxruntime._web import runtime

            web = runtime(onnxruntime_url)
            if num_threads:
                web.set_threads(num_threads)
            result["onnxruntime"] = {"status": "ready", **web.info()}
        except Exception as err:  # noqa: BLE001 - reported, and the other bridge goes on
            result["onnxruntime"] = _failed(err)
        _marks["onnxruntime"] = _js.now_ms()
    if "cv2" in bridges and "cv2" not in result:
        try:
            result["cv2"] = {"status": "ready", **_opencv_build(_opencv.opencv_js())}
        except Exception as err:  # noqa: BLE001
            result["cv2"] = _failed(err)
        _marks["opencv_ready"] = _js.now_ms()
    if cache:
        try:
            from . import models

            if "cache" in _awaited:  # preload_async mounted it
                usage = _awaited.pop("cache")
                if isinstance(usage, Exception):
                    raise usage
            else:
                models.mount()
                usage = models.list()
            result["cache"] = {
                "status": "ready",
                "entries": len(usage),
                "bytes": sum(entry["size"] for entry in usage),
            }
        except Exception as err:  # noqa: BLE001
            result["cache"] = _failed(err)
        _marks["cache"] = _js.now_ms()
    if aliases:
        ready = [name for name in bridges if result.get(name, {}).get("status") == "ready"]
        install_aliases(ready)
        for name in bridges:
            if name not in ready:
                _finder.reasons[name] = str(result[name]["reason"])
                sys.modules.pop(name, None)
            else:
                _finder.reasons.pop(name, None)
        if _finder.reasons and _finder not in sys.meta_path:
            sys.meta_path.insert(0, _finder)
    if not _js.can_block():
        result["jspi"] = {"status": "ready", "text": hints.NO_JSPI_STATUS}
    _marks["done"] = _js.now_ms()
    _status.clear()
    _status.update(result)
    return result


async def preload_async(*args: Any, **kwargs: Any) -> dict[str, dict[str, Any]]:
    """:func:`preload` (the same arguments), for kernels that cannot block on a promise.

    Without JSPI (Safari), what :func:`preload` waits for (opencv.js's
    runtime, the cache's metadata) is awaited first; the rest is the same,
    and so is the report, which then has a ``jspi`` part saying to use the
    awaitable forms of ``models.fetch`` and ``InferenceSession``.
    """
    bound = inspect.signature(preload).bind(*args, **kwargs)
    bound.apply_defaults()
    options = bound.arguments
    waits = [_js.load_packages_async(LAZY_PACKAGES)]
    if "cv2" in options["bridges"]:
        waits.append(_opencv.wait_until_ready(options["opencv_url"], options["opencv_scalar_url"]))
    # Failures are reported by preload (or by the first use of what did not load).
    await asyncio.gather(*waits, return_exceptions=True)
    if options["cache"]:
        from . import models

        try:
            await models.mount_async()
            _awaited["cache"] = await models.list_async()
        except Exception as err:  # noqa: BLE001 - preload reports it
            _awaited["cache"] = err
    return preload(*args, **kwargs)


def status() -> dict[str, dict[str, Any]]:
    """What the last :func:`preload` reported (empty before it ran)."""
    return dict(_status)


def timing() -> dict[str, float]:
    """When each step of the last :func:`preload` ended, for start-up benchmarks.

    Returns
    -------
    dict
        ``time_origin`` (the worker's clock origin, ms since the epoch) and,
        on the worker's clock (ms), ``kernel_start`` (when the kernel
        extension's call began, if it made one), ``start`` and the end of each step:
        ``opencv_script``, ``onnxruntime``, ``opencv_ready``, ``cache``, ``done``.
    """
    return {"time_origin": _js.time_origin_ms(), **_marks}


async def kernel_start(settings_json: str) -> None:
    """Run :func:`preload` as PortLite's kernel extension does at kernel start.

    The extension sends ``await kernel_start(...)`` as the kernel's first
    execute request; without JSPI it runs :func:`preload_async`. It
    prints nothing (the request has no cell to print to: output and warnings
    are captured into the report), reports through an IPython payload that
    the extension reads from the reply, and leaves no trace: the name it was
    called by is removed and the request is taken out of IPython's history
    and execution count, so the user's first cell is ``In[1]`` as usual.

    Parameters
    ----------
    settings_json : str
        The extension's settings (see ``kernel_ext/schema/preload.json``),
        with absolute URLs.
    """
    from IPython import get_ipython

    shell = get_ipython()
    entered = _js.now_ms()
    captured = io.StringIO()
    with (
        contextlib.redirect_stdout(captured),
        contextlib.redirect_stderr(captured),
        warnings.catch_warnings(record=True) as caught,
    ):
        warnings.simplefilter("always")
        try:
            settings = json.loads(settings_json)
            run = preload if _js.can_block() else preload_async
            report: dict[str, Any] = await _maybe_awaited(
                run(
                    bridges=settings["bridges"],
                    aliases=settings["aliases"],
                    opencv_url=settings["opencvUrl"],
                    onnxruntime_url=settings["onnxruntimeUrl"],
                    num_threads=settings["numThreads"] or None,
                    cache=settings["modelCache"],
                    opencv_scalar_url=settings["opencvScalarUrl"] or None,
                )
            )
        except Exception as err:  # noqa: BLE001 - reported to the extension, never raised
            report = {"preload": _failed(err)}
    _marks["kernel_start"] = entered
    warned = "".join(f"{w.category.__name__}: {w.message}\n" for w in caught)
    messages = captured.getvalue() + warned
    if messages:
        report["messages"] = {"status": "ready", "text": messages}
    if shell is not None:
        shell.payload_manager.write_payload(
            {"source": PAYLOAD_SOURCE, "status_json": json.dumps(report, default=str)}
        )
        shell.user_ns.pop(START_NAME, None)
        _forget_this_cell(shell)
        _load_deferred_packages(shell)


#: The loadPyodide option that lists the start packages Pyodide skipped
#: (portlite_site.addon.DEFERRED_START_PACKAGES, taken out by worker/load-meter.js).
DEFERRED_OPTION = "portliteDeferredPackages"


def _load_deferred_packages(shell: Any) -> None:
    """Load the start packages the first output did not need, in the background.

    Until jedi is there, IPython completes without it (the Pyodide kernel
    turns jedi on, and IPython would fail on every completion); then jedi's
    completions are turned on as IPython would have at its start.
    """
    deferred = [str(name) for name in _js.loadpyodide_option(DEFERRED_OPTION) or []]
    if not deferred:
        return
    if "jedi" in deferred:
        shell.Completer.use_jedi = False

    def loaded(task: asyncio.Future[None]) -> None:
        # A failed load is not raised here: importing the package later says why.
        if not task.cancelled() and task.exception() is None:
            _enable_jedi(shell)

    asyncio.ensure_future(_js.load_packages_async(deferred)).add_done_callback(loaded)


def _enable_jedi(shell: Any) -> None:
    """Give IPython's completer jedi, loaded after IPython started without it."""
    from IPython.core import completer

    try:
        import jedi
        import jedi.api.classes
        import jedi.api.helpers
    except ImportError:
        return
    jedi.settings.case_insensitive_completion = False  # as IPython sets it
    completer.jedi = jedi
    completer.JEDI_INSTALLED = True
    shell.Completer.use_jedi = True


async def _maybe_awaited(value: Any) -> Any:
    return await value if hasattr(value, "__await__") else value


def _forget_this_cell(shell: Any) -> None:
    """After this cell, take it out of the execution count and the input history.

    The start code awaits, so the kernel runs it with ``run_cell_async``,
    which fires no ``post_run_cell``; the loop's next turn comes after the
    cell has counted itself (and before any message of the user's).
    """

    def forget() -> None:
        shell.execution_count -= 1
        count = shell.execution_count
        history = shell.history_manager
        del history.input_hist_parsed[count:]
        del history.input_hist_raw[count:]
        cache = history.db_input_cache
        if cache and cache[-1][0] == count:
            cache.pop()
        shell.user_ns.pop(f"_i{count}", None)
        for name in ("_i", "_ii", "_iii", "_i00"):
            shell.user_ns[name] = ""
            setattr(history, name, "")

    asyncio.get_event_loop().call_soon(forget)
