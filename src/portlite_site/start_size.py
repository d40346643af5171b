"""What a first visit downloads, part by part, from the files the site ships.

A kernel's start fetches Pyodide, the packages it loads with Pyodide (the
lock's closure of the kernel's start packages), opencv.js and
onnxruntime-web's loader; onnxruntime-web's engine comes with the first
``InferenceSession``. The kernel extension shows each part's progress
against these figures (``portliteStartBytes`` in ``jupyter-lite.json``, in
the parts the page's load meter sorts files into, ``kernel_ext/src/preload/load.ts``)
and the landing page states their sum. The browser tests compare them with
what a first visit really fetches.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .opencv_wasm import OPENCV_WASM
from .pyodide_lock import closure

__all__ = ["PAGE_CODE_BYTES", "StartSize", "start_size"]

#: Pyodide's own files that every kernel start fetches.
PYODIDE_CORE = (
    "pyodide.js", "pyodide.asm.js", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json",
)  # fmt: skip

#: onnxruntime-web's files: its loader (fetched at a kernel start: the
#: kernel package's ``onnxruntime._web.LOADER_SCRIPT``, a unit test checks)
#: and its engine (fetched when the first session is made).
ONNXRUNTIME_LOADER = ("ort.wasm.min.js",)
ONNXRUNTIME_ENGINE = ("ort-wasm-simd-threaded.mjs", "ort-wasm-simd-threaded.wasm")

#: JupyterLite's own code and data that a notebook page loads before its
#: kernel is ready. Which of its chunks a page loads is decided by webpack at
#: run time, so this one figure is measured (7.4 MB in Chromium 2026-12);
#: ``tests/browser/test_kernel_extension.py`` checks the first-visit sum against a
#: real first visit.
PAGE_CODE_BYTES = 7_400_000


@dataclass(frozen=True)
class StartSize:
    """Bytes a first visit fetches: each part of a kernel start, and what comes later.

    Attributes
    ----------
    parts : dict of str to int
        Per part of a kernel start (``Pyodide``, ``packages``, ``opencv.js``,
        ``onnxruntime-web``), the sum of its files' sizes.
    first_session : int
        onnxruntime-web's engine, fetched with the first ``InferenceSession``.
    after_start : int
        The start packages deferred until the kernel is ready (with their
        dependencies that the start does not load), fetched in the background then.
    """

    parts: dict[str, int]
    first_session: int
    after_start: int = 0

    @property
    def first_visit(self) -> int:
        """The page's code and a kernel start: what arrives before the kernel is ready."""
        return PAGE_CODE_BYTES + sum(self.parts.values())


def _size(folder: Path, names: tuple[str, ...] | list[str]) -> int:
    return sum((folder / name).stat().st_size for name in names)


def _beside(opencv_js: Path) -> list[str]:
    """The wasm opencv.js loads from beside it, if it is split (a single-file build has none)."""
    return [OPENCV_WASM] if opencv_js.with_name(OPENCV_WASM).exists() else []


def start_size(
    pyodide_dir: Path,
    lock: dict[str, Any],
    start_packages: tuple[str, ...],
    opencv_js: Path,
    onnxruntime_dir: Path,
    deferred_packages: tuple[str, ...] = (),
) -> StartSize:
    """Sum the sizes of the files a kernel start fetches, part by part.

    Parameters
    ----------
    pyodide_dir : Path
        The site's Pyodide folder (its core files and every package's file).
    lock : dict
        The site's ``pyodide-lock.json``.
    start_packages : tuple of str
        What the kernel loads with Pyodide; their dependencies come too.
    opencv_js, onnxruntime_dir : Path
        The site's opencv.js (its wasm beside it counts too) and onnxruntime-web's folder.
    deferred_packages : tuple of str
        Packages loaded once the kernel is ready (:attr:`StartSize.after_start`).

    Raises
    ------
    FileNotFoundError
        If a file a start needs is not in the site.
    """
    started = closure(lock, start_packages)
    packages = [lock["packages"][name]["file_name"] for name in started]
    later = [
        lock["packages"][name]["file_name"]
        for name in closure(lock, deferred_packages)
        if name not in started
    ]
    return StartSize(
        parts={
            "Pyodide": _size(pyodide_dir, PYODIDE_CORE),
            "packages": _size(pyodide_dir, packages),
            "opencv.js": _size(opencv_js.parent, [opencv_js.name, *_beside(opencv_js)]),
            "onnxruntime-web": _size(onnxruntime_dir, ONNXRUNTIME_LOADER),
        },
        first_session=_size(onnxruntime_dir, ONNXRUNTIME_ENGINE),
        after_start=_size(pyodide_dir, later),
    )
