"""cv2's core utilities that opencv.js does not bind: threads, ticks, OpenCL, sums, idft.

Server code calls them at start-up (``cv2.setNumThreads(0)``,
``cv2.ocl.setUseOpenCL(False)``) or around its work (``cv2.getTickCount()``);
each gives what opencv-python gives on a machine like the kernel's: one
thread, no OpenCL, nanosecond ticks.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import numpy as np

from .._js import Image
from ..provided import OPENCV_VERSION
from . import _marshal, _table
from ._checks import _check_image

__all__ = [
    "getNumThreads",
    "getNumberOfCPUs",
    "getTickCount",
    "getTickFrequency",
    "getVersionMajor",
    "getVersionMinor",
    "getVersionRevision",
    "getVersionString",
    "idft",
    "setNumThreads",
    "setUseOptimized",
    "sumElems",
    "useOptimized",
]

_TICKS_PER_SECOND = 1e9  # getTickCount counts nanoseconds, as on Linux
_DFT_INVERSE = 1
_optimized = [True]


def getNumThreads() -> int:
    """The threads OpenCV's parallel loops use: 1 (opencv.js runs on the kernel's thread)."""
    return 1


def setNumThreads(nthreads: int) -> None:
    """Accepted and ignored: opencv.js runs every call on the kernel's one thread.

    Parameters
    ----------
    nthreads : int
        The thread count opencv-python would use (0 or 1 turn its threads off).
    """
    _marshal.argument("setNumThreads", "nthreads", "int", nthreads)


def getNumberOfCPUs() -> int:
    """The logical CPUs the browser reports (``navigator.hardwareConcurrency``)."""
    from .. import _js

    return int(_js.hardware_concurrency())


def getTickCount() -> int:
    """A monotonic tick count; :func:`getTickFrequency` ticks make a second."""
    return time.perf_counter_ns()


def getTickFrequency() -> float:
    """Ticks per second of :func:`getTickCount`: 1e9 (nanoseconds), as on Linux."""
    return _TICKS_PER_SECOND


def getVersionString() -> str:
    """The OpenCV release opencv.js was built from ("4.12.0")."""
    return OPENCV_VERSION


def getVersionMajor() -> int:
    """The OpenCV release's major number."""
    return int(OPENCV_VERSION.split(".")[0])


def getVersionMinor() -> int:
    """The OpenCV release's minor number."""
    return int(OPENCV_VERSION.split(".")[1])


def getVersionRevision() -> int:
    """The OpenCV release's revision number."""
    return int(OPENCV_VERSION.split(".")[2])


def useOptimized() -> bool:
    """Whether optimised code is on, as last set by :func:`setUseOptimized` (True at first)."""
    return _optimized[0]


def setUseOptimized(onoff: bool) -> None:
    """Remember the setting :func:`useOptimized` reports.

    opencv.js chooses its code when it is built (WebAssembly SIMD, or the
    scalar fallback), so the setting changes no result, as on opencv-python.
    """
    _optimized[0] = _marshal.argument("setUseOptimized", "onoff", "bool", onoff)


def sumElems(src: Image) -> tuple[float, float, float, float]:
    """The sum of each channel, as ``cv2.sumElems`` (OpenCV's ``cv::sum``), padded to 4.

    Computed in numpy in float64: exact for integer images (as OpenCV's
    integer accumulators are); float images may differ from OpenCV's
    block-wise sums in the last bits.
    """
    src = _check_image("sumElems", "src", src)
    sums = src.reshape(src.shape[0], src.shape[1], -1).sum(axis=(0, 1), dtype=np.float64)
    values = [float(v) for v in sums] + [0.0] * (4 - sums.size)
    return values[0], values[1], values[2], values[3]


_idft: list[Callable[..., Any]] = []


def idft(src: Image, dst: Image | None = None, flags: int = 0, nonzeroRows: int = 0) -> Image:
    """The inverse DFT, as ``cv2.idft``: OpenCV's own ``dft`` with ``DFT_INVERSE`` added.

    Like ``cv2.idft``, the result is not scaled unless ``flags`` has
    ``cv2.DFT_SCALE``.
    """
    flags = _marshal.argument("idft", "flags", "int", flags)
    if not _idft:  # the table's dft, named idft in its messages
        _idft.append(_marshal.bridge("idft", _table.FUNCTIONS["dft"]))
    inverse: Image = _idft[0](src, dst, flags | _DFT_INVERSE, nonzeroRows)
    return inverse


def _have_opencl() -> bool:
    """False: a browser's opencv.js has no OpenCL."""
    return False


def _set_use_opencl(flag: bool) -> None:
    """Accepted and ignored: there is no OpenCL to turn on."""
    _marshal.argument("ocl.setUseOpenCL", "flag", "bool", flag)


#: Functions of opencv-python's submodules, by qualified name.
NAMESPACED: dict[str, Callable[..., Any]] = {
    "ocl.haveOpenCL": _have_opencl,
    "ocl.useOpenCL": _have_opencl,
    "ocl.setUseOpenCL": _set_use_opencl,
}
