"""cv2's core functions that opencv.js does not bind: settings, ticks, pixel bookkeeping.

Server code calls them at start-up (``cv2.setNumThreads(0)``,
``cv2.ocl.setUseOpenCL(False)``) or around its work (``cv2.getTickCount()``);
each gives what opencv-python gives on a machine like the kernel's: one
thread, no OpenCL, nanosecond ticks.
"""

from __future__ import annotations

import math
import operator
import sys
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from .. import _js
from .._js import Image
from ..provided import OPENCV_VERSION
from . import _marshal, _runtime, _table
from ._checks import _check_image
from ._runtime import error

__all__ = [
    "Mahalanobis",
    "TickMeter",
    "PCABackProject",
    "PCACompute",
    "PCACompute2",
    "PCAProject",
    "PSNR",
    "borderInterpolate",
    "calcCovarMatrix",
    "checkRange",
    "completeSymm",
    "copyTo",
    "dct",
    "extractChannel",
    "findNonZero",
    "getNumThreads",
    "getNumberOfCPUs",
    "getTickCount",
    "getTickFrequency",
    "getVersionMajor",
    "getVersionMinor",
    "getVersionRevision",
    "getVersionString",
    "hasNonZero",
    "idct",
    "idft",
    "insertChannel",
    "mulTransposed",
    "patchNaNs",
    "phase",
    "rectangleIntersectionArea",
    "reduceArgMax",
    "reduceArgMin",
    "scaleAdd",
    "setNumThreads",
    "setUseOptimized",
    "sort",
    "solveCubic",
    "sortIdx",
    "sumElems",
    "useOptimized",
]

_TICKS_PER_SECOND = 1e9  # getTickCount counts nanoseconds, as on Linux
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
    return _js.hardware_concurrency()


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
    src = _check_image("sumElems", "src", src, max_channels=4)  # a Scalar holds 4
    sums = src.reshape(src.shape[0], src.shape[1], -1).sum(axis=(0, 1), dtype=np.float64)
    values = [float(v) for v in sums] + [0.0] * (4 - sums.size)
    return values[0], values[1], values[2], values[3]


#: The table's dft under idft's name (its errors name idft, as opencv-python's do).
_inverse_dft = _marshal.bridge("idft", _table.FUNCTIONS["dft"])


def idft(src: Image, dst: Image | None = None, flags: int = 0, nonzeroRows: int = 0) -> Image:
    """The inverse DFT, as ``cv2.idft``: OpenCV's own ``dft`` with ``DFT_INVERSE`` added.

    Like ``cv2.idft``, the result is not scaled unless ``flags`` has
    ``cv2.DFT_SCALE``.
    """
    flags = _marshal.argument("idft", "flags", "int", flags)
    inverse: Image = _inverse_dft(src, dst, flags | _table.CONSTANTS["DFT_INVERSE"], nonzeroRows)
    return inverse


def findNonZero(src: Image, idx: Any = None) -> Image | None:
    """The (x, y) of every non-zero pixel in row order, as ``cv2.findNonZero``: an
    (N, 1, 2) int32 array, or None when there is none."""
    if idx is not None:
        raise error("findNonZero(): 'idx' is an output: use the return value")
    src = _check_image("findNonZero", "src", src)
    if src.ndim == 3 and src.shape[2] != 1:
        raise error("findNonZero(): (-215:Assertion failed) src.channels() == 1 && src.dims == 2 "
                    f"in function 'findNonZero' (got {src.shape[2]} channels)")  # fmt: skip
    points = np.argwhere(src.reshape(src.shape[:2]))[:, ::-1].astype(np.int32)
    return points.reshape(-1, 1, 2) if len(points) else None


def PSNR(src1: Image, src2: Image, R: float = 255.0) -> float:
    """Peak signal-to-noise ratio in dB, as ``cv2.PSNR``: OpenCV's formula on the bridged
    ``cv2.norm(src1, src2, NORM_L2SQR)``."""
    src1 = _check_image("PSNR", "src1", src1)
    src2 = _check_image("PSNR", "src2", src2)
    peak = _marshal.argument("PSNR", "R", "float", R)
    if src1.dtype != src2.dtype:
        raise error("PSNR(): (-215:Assertion failed) _src1.type() == _src2.type() in function "
                    f"'PSNR' ({src1.dtype} and {src2.dtype})")  # fmt: skip
    squares = _marshal.installed("norm")(src1, src2, _table.CONSTANTS["NORM_L2SQR"])
    difference = math.sqrt(squares / src1.size)
    return 20 * math.log10(peak / (difference + sys.float_info.epsilon))


def copyTo(src: Image, mask: Image, dst: Image | None = None) -> Image:
    """``src`` where ``mask`` is non-zero, else ``dst`` (zeros when none fits), as
    ``cv2.copyTo``. A pure copy: done in numpy."""
    src = _check_image("copyTo", "src", src)
    mask = _check_image("copyTo", "mask", mask)
    if mask.dtype != np.uint8 or mask.shape[:2] != src.shape[:2]:
        raise error(f"copyTo(): 'mask' must be uint8 of the source's size {src.shape[:2]}, got "
                    f"{mask.dtype} {mask.shape}")  # fmt: skip
    # both read as Mats: an HxWx1 mask or source is HxW here
    mask_channels, channels = (
        mask.shape[2] if mask.ndim == 3 else 1,
        src.shape[2] if src.ndim == 3 else 1,
    )
    if mask_channels not in (1, channels):
        raise error(f"copyTo(): (-215:Assertion failed) mask.depth() == CV_8U && (mcn == 1 || "
                    f"mcn == cn) in function 'copyTo' (mask of {mask_channels} channels, "
                    f"source of {channels})")  # fmt: skip
    where = mask != 0
    if where.ndim == 2 and src.ndim == 3:
        where = where[..., None]
    fits = (isinstance(dst, np.ndarray) and dst.dtype == src.dtype and dst.flags.writeable
            and _marshal.mat_geometry(dst.shape) == _marshal.mat_geometry(src.shape))  # fmt: skip
    result = dst if fits and dst is not None else np.zeros_like(src)
    np.copyto(result.reshape(src.shape), src, where=where)
    return result


def extractChannel(src: Image, coi: int, dst: Image | None = None) -> Image:
    """Channel ``coi`` of ``src`` as a 2-D array, as ``cv2.extractChannel`` (numpy)."""
    src = _check_image("extractChannel", "src", src)
    coi = _marshal.argument("extractChannel", "coi", "int", coi)
    channels = src.shape[2] if src.ndim == 3 else 1
    if not 0 <= coi < channels:
        raise error(f"extractChannel(): (-215:Assertion failed) 0 <= coi && coi < cn in function "
                    f"'extractChannel' (coi {coi}, {channels} channels)")  # fmt: skip
    channel = src[..., coi] if src.ndim == 3 else src
    fits = isinstance(dst, np.ndarray) and dst.shape == channel.shape and dst.dtype == src.dtype
    if fits and dst is not None:
        np.copyto(dst, channel)
        return dst
    return channel.copy()


def insertChannel(src: Image, dst: Image, coi: int) -> Image:
    """Write 2-D ``src`` into channel ``coi`` of ``dst`` in place, as ``cv2.insertChannel``."""
    src = _check_image("insertChannel", "src", src)
    dst = _check_image("insertChannel", "dst", dst, as_mat=False)
    coi = _marshal.argument("insertChannel", "coi", "int", coi)
    channels = dst.shape[2] if dst.ndim == 3 else 1
    if src.shape[:2] != dst.shape[:2] or src.dtype != dst.dtype or src.ndim != 2:
        raise error(f"insertChannel(): 'src' must be a one-channel {dst.dtype} array of size "
                    f"{dst.shape[:2]}, got {src.dtype} {src.shape}")  # fmt: skip
    if not 0 <= coi < channels:
        raise error(f"insertChannel(): (-215:Assertion failed) 0 <= coi && coi < dcn in "
                    f"function 'insertChannel' (coi {coi}, {channels} channels)")  # fmt: skip
    if dst.ndim == 3:
        dst[..., coi] = src
    else:
        dst[...] = src
    return dst


def phase(x: Image, y: Image, angle: Image | None = None, angleInDegrees: bool = False) -> Image:
    """The angle of each (x, y) vector, as ``cv2.phase``: the angle the bridged
    ``cv2.cartToPolar`` computes (OpenCV's same fastAtan2, 0.3 degree accuracy)."""
    _, angles = _marshal.installed("cartToPolar")(x, y, None, angle, angleInDegrees)
    result: Image = angles
    return result


def scaleAdd(src1: Image, alpha: float, src2: Image, dst: Image | None = None) -> Image:
    """``src1 * alpha + src2``, as ``cv2.scaleAdd``: OpenCV's own route for integer
    images, the bridged ``addWeighted(src1, alpha, src2, 1, 0)``, for every depth
    (float images may differ from OpenCV's fused multiply-add in the last bit)."""
    src1 = _check_image("scaleAdd", "src1", src1)
    src2 = _check_image("scaleAdd", "src2", src2)
    alpha = _marshal.argument("scaleAdd", "alpha", "float", alpha)
    if src1.shape != src2.shape or src1.dtype != src2.dtype:
        raise error("scaleAdd(): (-215:Assertion failed) src1.size == src2.size && type == "
                    f"src2.type() in function 'scaleAdd' ({src1.dtype} {src1.shape} and "
                    f"{src2.dtype} {src2.shape})")  # fmt: skip
    result: Image = _marshal.installed("addWeighted")(src1, alpha, src2, 1.0, 0.0, dst)
    return result


def completeSymm(m: Image, lowerToUpper: bool = False) -> Image:
    """Mirror one triangle of the square ``m`` onto the other, in place, as
    ``cv2.completeSymm`` (the upper onto the lower unless ``lowerToUpper``)."""
    m = _check_image("completeSymm", "m", m, as_mat=False)
    lower_to_upper = _marshal.argument("completeSymm", "lowerToUpper", "bool", lowerToUpper)
    if m.shape[0] != m.shape[1]:
        raise error("completeSymm(): (-215:Assertion failed) m.dims <= 2 && m.rows == m.cols "
                    f"in function 'completeSymm' (shape {m.shape})")  # fmt: skip
    below = np.tril_indices(m.shape[0], -1)
    if lower_to_upper:
        m[below[::-1]] = m[below]
    else:
        m[below] = m[below[::-1]]
    return m


def patchNaNs(a: Image, val: float = 0) -> Image:
    """Replace the NaNs of the float32 ``a`` by ``val``, in place, as ``cv2.patchNaNs``."""
    a = _check_image("patchNaNs", "a", a, as_mat=False)
    value = _marshal.argument("patchNaNs", "val", "float", val)
    if a.dtype != np.float32:
        raise error("patchNaNs(): (-215:Assertion failed) _a.depth() == CV_32F in function "
                    f"'patchNaNs' (got {a.dtype})")  # fmt: skip
    a[np.isnan(a)] = value
    return a


def _pca(func: str, data: Any, mean: Any, max_components: int) -> tuple[Image, Image, Image]:
    """OpenCV's PCA::operator() on rows of samples: the mean, then the covariance (scaled by
    1/n; the samples' Gram matrix when there are more dimensions than samples), the
    bridged ``eigen`` of it, and the leading ``max_components`` (0: all)."""
    data = _check_image(func, "data", data, max_channels=1)
    max_components = _marshal.argument(func, "maxComponents", "int", max_components)
    ctype = np.float64 if data.dtype == np.float64 else np.float32  # max(CV_32F, depth)
    samples = data.astype(ctype)
    count, length = samples.shape
    given = None if mean is None else np.asarray(mean)
    if given is not None and given.size:
        if given.shape != (1, length):
            raise error(f"{func}(): (-215:Assertion failed) _mean.size() == mean_sz in "
                        f"function 'operator()' ('mean' is {given.shape}, expected "
                        f"(1, {length}))")  # fmt: skip
        average = given.astype(ctype)
    else:
        average = samples.mean(axis=0, dtype=np.float64).astype(ctype).reshape(1, length)
    centred = samples - average
    normal = length <= count  # OpenCV's "scrambled" way otherwise
    gram = centred.T @ centred if normal else centred @ centred.T
    covariance = (gram.astype(np.float64) / count).astype(ctype)
    _, eigenvalues, eigenvectors = _marshal.installed("eigen")(covariance)
    if not normal:
        eigenvectors = eigenvectors @ centred
        eigenvectors /= np.linalg.norm(eigenvectors, axis=1, keepdims=True)
    kept = min(length, count)
    if max_components > 0:
        kept = min(kept, max_components)
    return average, eigenvectors[:kept].astype(ctype), eigenvalues[:kept].astype(ctype)


def PCACompute(data: Image, mean: Image | None, eigenvectors: Image | None = None,
               maxComponents: int = 0) -> tuple[Image, Image]:  # fmt: skip
    """Principal components of the rows of ``data``, as ``cv2.PCACompute``:
    ``(mean, eigenvectors)``, the strongest first. ``mean``: empty to compute it.

    OpenCV's steps, with the bridged ``eigen`` (its Jacobi method, so the
    vectors' signs are OpenCV's); the covariance is summed by numpy, so
    values may differ from opencv-python's in the last bits. The
    ``retainedVariance`` form is not provided.
    """
    average, vectors, _ = _pca("PCACompute", data, mean, maxComponents)
    return average, vectors


def PCACompute2(data: Image, mean: Image | None, eigenvectors: Image | None = None,
                eigenvalues: Image | None = None,
                maxComponents: int = 0) -> tuple[Image, Image, Image]:  # fmt: skip
    """:func:`PCACompute` with the eigenvalues too, as ``cv2.PCACompute2``:
    ``(mean, eigenvectors, eigenvalues)``."""
    return _pca("PCACompute2", data, mean, maxComponents)


def _sorting(func: str, src: Any, flags: Any) -> tuple[Image, int, bool]:
    """The array, the axis and the direction of a ``cv2.sort``/``sortIdx`` call."""
    src = _check_image(func, "src", src, max_channels=1)
    flags = _marshal.argument(func, "flags", "int", flags)
    by_column = bool(flags & _table.CONSTANTS["SORT_EVERY_COLUMN"])
    return src, 0 if by_column else 1, bool(flags & _table.CONSTANTS["SORT_DESCENDING"])


def sort(src: Image, flags: int, dst: Image | None = None) -> Image:
    """Each row (or column) sorted, as ``cv2.sort`` (SORT_EVERY_ROW/COLUMN,
    SORT_ASCENDING/DESCENDING)."""
    src, axis, descending = _sorting("sort", src, flags)
    ordered = np.sort(src, axis=axis)
    result: Image = np.flip(ordered, axis).copy() if descending else ordered
    return result


def sortIdx(src: Image, flags: int, dst: Image | None = None) -> Image:
    """The int32 indexes that sort each row (or column), as ``cv2.sortIdx``. Equal values
    keep their order (descending: the reverse); OpenCV's std::sort leaves their order
    unspecified, so on ties the indexes may differ from opencv-python's."""
    src, axis, descending = _sorting("sortIdx", src, flags)
    order = np.argsort(src, axis=axis, kind="stable")
    result: Image = (np.flip(order, axis) if descending else order).astype(np.int32)
    return result


def checkRange(a: Image, quiet: bool = True, minVal: float = -sys.float_info.max,
               maxVal: float = sys.float_info.max) -> tuple[bool, tuple[int, int]]:  # fmt: skip
    """Whether every value of ``a`` lies in ``[minVal, maxVal)`` and is not NaN, as
    ``cv2.checkRange``: ``(ok, (x, y))``, the pixel of the first value outside (or
    ``(0, 0)``). Integer images are checked against ``floor(minVal)`` and
    ``ceil(maxVal) - 1``, as OpenCV does. With ``quiet=False`` that value raises.
    """
    func = "checkRange"
    a = _check_image(func, "a", a)
    quiet = _marshal.argument(func, "quiet", "bool", quiet)
    low = _marshal.argument(func, "minVal", "float", minVal)
    high = _marshal.argument(func, "maxVal", "float", maxVal)
    if a.dtype.kind == "f":
        wide = a.astype(np.float64)  # the bounds are doubles, as in OpenCV's comparisons
        outside = ~((wide >= low) & (wide < high))
    else:
        outside = (a < math.floor(low)) | (a > math.ceil(high) - 1)
    if not outside.any():
        return True, (0, 0)
    first = int(np.argmax(outside.reshape(-1)))
    pixel, columns = first // (a.shape[2] if a.ndim == 3 else 1), a.shape[1]
    x, y = pixel % columns, pixel // columns
    if not quiet:  # the whole pixel, as OpenCV prints a Mat (8 digits for float, 16 double)
        digits = {"f4": ".8g", "f8": ".16g"}.get(a.dtype.str[1:], "d")
        pixel_text = ", ".join(format(v, digits) for v in np.atleast_1d(a[y, x]).tolist())
        raise error(f"{func}(): (-211:One of the arguments' values is out of range) the "
                    f"value at ({x}, {y})=[{pixel_text}] is out of range "
                    f"[{low:f}, {high:f}) in function '{func}'")  # fmt: skip
    return False, (x, y)


def mulTransposed(src: Image, aTa: bool, dst: Image | None = None, delta: Image | None = None,
                  scale: float = 1.0, dtype: int = -1) -> Image:  # fmt: skip
    """``scale * (src - delta)^T (src - delta)`` (``aTa``) or ``... (src - delta)^T``, as
    ``cv2.mulTransposed``: float32 unless ``src``, ``delta`` or ``dtype`` asks for
    float64. OpenCV sums in double, as numpy does here.
    """
    func = "mulTransposed"
    src = _check_image(func, "src", src, max_channels=1)
    transposed_first = _marshal.argument(func, "aTa", "bool", aTa)
    scale = _marshal.argument(func, "scale", "float", scale)
    depth = _marshal.argument(func, "dtype", "int", dtype)
    depths = [_runtime.DEPTHS[src.dtype] if depth < 0 else depth % 8, 5]
    if delta is not None:
        delta = _check_image(func, "delta", delta, max_channels=1)
        rows_fit = delta.shape[0] in (1, src.shape[0])
        if not rows_fit or delta.shape[1] not in (1, src.shape[1]):
            raise error(f"{func}(): (-215:Assertion failed) delta.rows == src.rows || "
                        f"delta.rows == 1 (and for columns) in function '{func}' (delta "
                        f"{delta.shape}, src {src.shape})")  # fmt: skip
        depths.append(_runtime.DEPTHS[delta.dtype])
    out_depth = max(depths)
    if src.dtype not in (np.uint8, np.uint16, np.int16, np.float32, np.float64):
        raise error(f"{func}(): (-215:Assertion failed) func && \"Not supported\" in function "
                    f"'getMulTransposedFunc' (no kernel for {src.dtype})")  # fmt: skip
    if out_depth not in (5, 6):
        raise error(f"{func}(): (-215:Assertion failed) dtype == CV_32F || dtype == CV_64F in "
                    f"function '{func}' (got depth {out_depth})")  # fmt: skip
    out_type = _runtime.DTYPES[out_depth]
    values = src.astype(out_type)  # OpenCV subtracts delta in the result's type
    if delta is not None:
        values = values - delta.astype(out_type)
    values = values.astype(np.float64)
    product = values.T @ values if transposed_first else values @ values.T
    result = (product * scale).astype(out_type)
    given = dst if isinstance(dst, np.ndarray) else None
    landed: Image = _marshal.landed(result, given, "out")
    return landed


def _arg_extreme(func: str, src: Any, axis: Any, last_index: Any, pick: Any) -> Image:
    """The index of each column's (axis 0) or row's (axis 1) extreme, as OpenCV's
    reduceArgMax/Min: int32, ``1xN`` or ``Nx1``; ties give the first (or last) index."""
    src = _check_image(func, "src", src)
    axis = _marshal.argument(func, "axis", "int", axis)
    last = _marshal.argument(func, "lastIndex", "bool", last_index)
    if src.ndim == 3 and src.shape[2] != 1 or axis not in (0, 1):
        raise error(f"{func}(): (-215:Assertion failed) srcMat.channels() == 1 && axis >= 0 && "
                    f"axis < srcMat.dims in function 'reduceMinMax' (shape {src.shape}, axis "
                    f"{axis})")  # fmt: skip
    plane = src.reshape(src.shape[0], src.shape[1])
    if last:
        flipped = np.flip(plane, axis)
        found = plane.shape[axis] - 1 - pick(flipped, axis=axis, keepdims=True)
    else:
        found = pick(plane, axis=axis, keepdims=True)
    result: Image = found.astype(np.int32)
    return result


def reduceArgMax(src: Image, axis: int, dst: Image | None = None,
                 lastIndex: bool = False) -> Image:  # fmt: skip
    """Where each column (``axis=0``) or row (``axis=1``) is largest, as
    ``cv2.reduceArgMax``."""
    return _arg_extreme("reduceArgMax", src, axis, lastIndex, np.argmax)


def reduceArgMin(src: Image, axis: int, dst: Image | None = None,
                 lastIndex: bool = False) -> Image:  # fmt: skip
    """Where each column (``axis=0``) or row (``axis=1``) is smallest, as
    ``cv2.reduceArgMin``."""
    return _arg_extreme("reduceArgMin", src, axis, lastIndex, np.argmin)


def hasNonZero(src: Image) -> bool:
    """Whether any value of a one-channel ``src`` is not zero, as ``cv2.hasNonZero``."""
    src = _check_image("hasNonZero", "src", src)
    if src.ndim == 3 and src.shape[2] != 1:
        raise error("hasNonZero(): (-215:Assertion failed) cn == 1 in function 'hasNonZero' "
                    f"(shape {src.shape})")  # fmt: skip
    return bool(np.any(src))


#: OpenCV's border types borderInterpolate knows, by number.
_BORDERS = {name: _table.CONSTANTS[f"BORDER_{name}"]
            for name in ("CONSTANT", "REPLICATE", "REFLECT", "WRAP", "REFLECT_101")}  # fmt: skip


def borderInterpolate(p: int, len: int, borderType: int) -> int:  # noqa: A002
    """The index a pixel ``p`` outside ``[0, len)`` reads under ``borderType``, as
    ``cv2.borderInterpolate`` (-1 for BORDER_CONSTANT); OpenCV's loop, step for step."""
    func = "borderInterpolate"
    p = _marshal.argument(func, "p", "int", p)
    length = _marshal.argument(func, "len", "int", len)
    border = _marshal.argument(func, "borderType", "int", borderType)
    if 0 <= p < length:
        return p
    if length <= 0 and border != _BORDERS["CONSTANT"]:  # OpenCV would loop for ever
        raise error(f"{func}(): (-215:Assertion failed) len > 0 in function '{func}' "
                    f"(got {length})")  # fmt: skip
    if border == _BORDERS["REPLICATE"]:
        return 0 if p < 0 else length - 1
    if border in (_BORDERS["REFLECT"], _BORDERS["REFLECT_101"]):
        if length == 1:
            return 0
        # OpenCV reflects in a loop, once per image length (a far index would take for
        # ever); the reflections repeat every 2*len (2*len - 2 without the edge pixel)
        period = 2 * length - 2 * int(border == _BORDERS["REFLECT_101"])
        p %= period
        return p if p < length else period - 1 - p + (period != 2 * length)
    if border == _BORDERS["WRAP"]:
        if p < 0:
            p += (-(p - length + 1) // length) * length  # C's division truncates to zero
        return int(p % length)
    if border == _BORDERS["CONSTANT"]:
        return -1
    raise error(f"{func}(): (-5:Bad argument) Unknown/unsupported border type in function "
                f"'{func}' (got {border})")  # fmt: skip


def rectangleIntersectionArea(a: Any, b: Any) -> float:
    """The area two ``(x, y, width, height)`` rectangles share, as
    ``cv2.rectangleIntersectionArea`` (0 when apart): OpenCV's ``Rect_::operator&=``,
    whose subtractions are ordered to avoid overflow (and so round as they do)."""
    func = "rectangleIntersectionArea"
    first, second = (_marshal.argument(func, arg, "Rect2d", value)
                     for arg, value in (("a", a), ("b", b)))  # fmt: skip
    sides = []
    for at, extent in (("x", "width"), ("y", "height")):
        low, high = (first, second) if first[at] < second[at] else (second, first)
        if first[extent] <= 0 or first["height" if at == "x" else "width"] <= 0:
            return 0.0
        if second[extent] <= 0 or second["height" if at == "x" else "width"] <= 0:
            return 0.0
        if low[at] < 0 and low[at] + low[extent] < high[at]:
            return 0.0
        sides.append(min(low[extent] - (high[at] - low[at]), high[extent]))
    width, height = sides
    return float(width * height) if width > 0 and height > 0 else 0.0


def Mahalanobis(v1: Image, v2: Image, icovar: Image) -> float:
    """``sqrt((v1 - v2) icovar (v1 - v2)^T)``, as ``cv2.Mahalanobis``, in double."""
    func = "Mahalanobis"
    first = _marshal.array_argument(func, "v1", v1).astype(np.float64).reshape(-1)
    second = _marshal.array_argument(func, "v2", v2).astype(np.float64).reshape(-1)
    inverse = _marshal.array_argument(func, "icovar", icovar).astype(np.float64)
    if first.size != second.size or inverse.shape != (first.size, first.size):
        raise error(f"{func}(): (-215:Assertion failed) type == v2.type() && type == "
                    f"icovar.type() && sz == v2.size() && len == icovar.rows && len == "
                    f"icovar.cols in function '{func}' (v1 {first.size}, v2 {second.size}, "
                    f"icovar {inverse.shape})")  # fmt: skip
    difference = first - second
    return float(math.sqrt(difference @ inverse @ difference))


def _projection(func: str, data: Any, mean: Any, eigenvectors: Any) -> tuple[Image, ...]:
    """A PCA's arrays, checked: the data, the mean (one row) and the eigenvectors."""
    data = _check_image(func, "data", data, max_channels=1)
    mean = _check_image(func, "mean", mean, max_channels=1)
    eigenvectors = _check_image(func, "eigenvectors", eigenvectors, max_channels=1)
    if mean.shape != (1, eigenvectors.shape[1]):
        raise error(f"{func}(): (-215:Assertion failed) mean.rows == 1 && mean.cols == "
                    f"eigenvectors.cols in function '{func}' (mean {mean.shape}, eigenvectors "
                    f"{eigenvectors.shape})")  # fmt: skip
    return data, mean, eigenvectors


def PCAProject(data: Image, mean: Image, eigenvectors: Image,
               result: Image | None = None) -> Image:  # fmt: skip
    """Each row of ``data`` in the components' coordinates, as ``cv2.PCAProject``:
    ``(data - mean) eigenvectors^T`` (the difference in the data's type, the products
    in double, as OpenCV's gemm)."""
    data, mean, eigenvectors = _projection("PCAProject", data, mean, eigenvectors)
    if data.shape[1] != mean.shape[1]:
        raise error(f"PCAProject(): (-215:Assertion failed) mean.cols == data.cols in "
                    f"function 'project' (data {data.shape}, mean {mean.shape})")  # fmt: skip
    kind = np.float64 if data.dtype == np.float64 else np.float32
    centred = data.astype(kind) - mean.astype(kind)
    projected = centred.astype(np.float64) @ eigenvectors.astype(np.float64).T
    return _marshal.landed(projected.astype(kind), result, "out")  # type: ignore[no-any-return]


def PCABackProject(data: Image, mean: Image, eigenvectors: Image,
                   result: Image | None = None) -> Image:  # fmt: skip
    """Rows of component coordinates back in the data's space, as ``cv2.PCABackProject``:
    ``data eigenvectors + mean``, in double."""
    data, mean, eigenvectors = _projection("PCABackProject", data, mean, eigenvectors)
    if data.shape[1] != eigenvectors.shape[0]:
        raise error(f"PCABackProject(): (-215:Assertion failed) data.cols == "
                    f"eigenvectors.rows in function 'backProject' (data {data.shape}, "
                    f"eigenvectors {eigenvectors.shape})")  # fmt: skip
    kind = np.float64 if data.dtype == np.float64 else np.float32
    back = data.astype(np.float64) @ eigenvectors.astype(np.float64) + mean.astype(np.float64)
    return _marshal.landed(back.astype(kind), result, "out")  # type: ignore[no-any-return]


def calcCovarMatrix(samples: Image, mean: Image | None, flags: int,
                    covar: Image | None = None, ctype: int = 6) -> tuple[Image, Image]:  # fmt: skip
    """The covariance of rows (COVAR_ROWS) or columns (COVAR_COLS) of ``samples`` and their
    mean, as ``cv2.calcCovarMatrix``: OpenCV's mean (sums times 1/n) and its
    ``mulTransposed`` (COVAR_NORMAL, or COVAR_SCRAMBLED's Gram matrix; COVAR_SCALE
    divides by the count; COVAR_USE_AVG takes ``mean`` as given)."""
    func = "calcCovarMatrix"
    samples = _check_image(func, "samples", samples, max_channels=1)
    flags = _marshal.argument(func, "flags", "int", flags)
    depth = _marshal.argument(func, "ctype", "int", ctype)
    c = _table.CONSTANTS
    by_rows, by_columns = bool(flags & c["COVAR_ROWS"]), bool(flags & c["COVAR_COLS"])
    if by_rows == by_columns:
        raise error(f"{func}(): (-215:Assertion failed) ((flags & cv::COVAR_ROWS) != 0) ^ "
                    f"((flags & cv::COVAR_COLS) != 0) in function '{func}'")  # fmt: skip
    count = samples.shape[0] if by_rows else samples.shape[1]
    out_depth = max(_runtime.DEPTHS[samples.dtype] if depth < 0 else depth % 8, 5)
    if flags & c["COVAR_USE_AVG"]:
        average = _check_image(func, "mean", mean, max_channels=1)
        wanted = (1, samples.shape[1]) if by_rows else (samples.shape[0], 1)
        if average.shape != wanted:
            raise error(f"{func}(): (-215:Assertion failed) mean.size() == size in function "
                        f"'{func}' (mean {average.shape}, expected {wanted})")  # fmt: skip
        out_depth = max(out_depth, _runtime.DEPTHS[average.dtype])
        # OpenCV converts the given mean to the result's type and hands that back
        average = _marshal.landed(average.astype(_runtime.DTYPES[out_depth]), average, "io")
    elif samples.dtype == np.float64 and out_depth == 5:
        raise error(f"{func}(): (-210:Unsupported format or combination of formats) "
                    "Unsupported combination of input and output array formats in function "
                    "'reduce' (a float64 mean cannot be averaged into ctype CV_32F)")  # fmt: skip
    else:
        kind = _runtime.DTYPES[out_depth].type
        sums = samples.astype(np.float64).sum(axis=0 if by_rows else 1, keepdims=True)
        average = sums.astype(kind) * kind(1.0 / count)  # reduce's scale, in its type
    normal = bool(flags & c["COVAR_NORMAL"])
    scale = 1.0 / count if flags & c["COVAR_SCALE"] else 1.0
    product = mulTransposed(samples, normal == by_rows, covar, average, scale, out_depth)
    return product, average


class TickMeter:
    """A stopwatch, as ``cv2.TickMeter``: ``start()``/``stop()`` pairs add up, on
    :func:`getTickCount`'s nanoseconds."""

    __slots__ = ("_counter", "_last", "_started", "_total")

    def __init__(self) -> None:
        self._started = self._total = self._counter = self._last = 0

    def start(self) -> None:
        """Start (or restart) timing."""
        self._started = getTickCount()

    def stop(self) -> None:
        """Stop timing: the time since ``start()`` is added (nothing before a start)."""
        now = getTickCount()
        if self._started == 0:
            return
        self._counter += 1
        self._last = now - self._started
        self._total += self._last
        self._started = 0

    def reset(self) -> None:
        """Forget every time measured."""
        self._started = self._total = self._counter = self._last = 0

    def getTimeTicks(self) -> int:
        """The ticks of every start-stop pair."""
        return self._total

    def getTimeSec(self) -> float:
        """The seconds of every start-stop pair."""
        return self._total / _TICKS_PER_SECOND

    def getTimeMilli(self) -> float:
        """The milliseconds of every start-stop pair."""
        return self.getTimeSec() * 1e3

    def getTimeMicro(self) -> float:
        """The microseconds of every start-stop pair."""
        return self.getTimeMilli() * 1e3

    def getLastTimeTicks(self) -> int:
        """The ticks of the last start-stop pair."""
        return self._last

    def getLastTimeSec(self) -> float:
        """The seconds of the last start-stop pair."""
        return self._last / _TICKS_PER_SECOND

    def getLastTimeMilli(self) -> float:
        """The milliseconds of the last start-stop pair."""
        return self.getLastTimeSec() * 1e3

    def getLastTimeMicro(self) -> float:
        """The microseconds of the last start-stop pair."""
        return self.getLastTimeMilli() * 1e3

    def getCounter(self) -> int:
        """How many start-stop pairs were timed."""
        return self._counter

    def getFPS(self) -> float:
        """Pairs per second (0 before any time was measured)."""
        seconds = self.getTimeSec()
        return 0.0 if seconds < sys.float_info.epsilon else self._counter / seconds

    def getAvgTimeSec(self) -> float:
        """The mean seconds of a pair (0 before any)."""
        return 0.0 if self._counter <= 0 else self.getTimeSec() / self._counter

    def getAvgTimeMilli(self) -> float:
        """The mean milliseconds of a pair (0 before any)."""
        return self.getAvgTimeSec() * 1e3


def _cosines(length: int, inverse: bool) -> Any:
    """The orthonormal DCT-II matrix of a length (its transpose, DCT-III, for ``inverse``)."""
    k = np.arange(length)[:, None]
    basis = np.cos(np.pi * (2 * np.arange(length)[None, :] + 1) * k / (2 * length))
    basis *= np.where(k == 0, math.sqrt(1 / length), math.sqrt(2 / length))
    return basis.T if inverse else basis


def _cosine_transform(func: str, src: Any, flags: Any, inverse: bool) -> Image:
    """OpenCV's dct/idct: orthonormal, of each row (DCT_ROWS) or of the whole matrix, in
    double here (OpenCV computes float32 arrays in float32)."""
    src = _check_image(func, "src", src)
    flags = _marshal.argument(func, "flags", "int", flags)
    if src.dtype not in (np.float32, np.float64) or src.ndim == 3 and src.shape[2] != 1:
        raise error(f"{func}(): (-215:Assertion failed) type == CV_32FC1 || type == CV_64FC1 "
                    f"in function 'dct' (got {src.dtype}, shape {src.shape})")  # fmt: skip
    inverse = inverse or bool(flags & _table.CONSTANTS["DCT_INVERSE"])
    plane = src.reshape(src.shape[0], src.shape[1]).astype(np.float64)
    rows, columns = plane.shape
    by_rows = bool(flags & _table.CONSTANTS["DCT_ROWS"])
    lengths = (columns,) if by_rows else (columns, rows)
    # OpenCV's own code has no odd lengths; opencv-python's x86 wheel does float32 ones
    # through IPP, and so does this
    if src.dtype == np.float64 and any(length != 1 and length % 2 for length in lengths):
        raise error(f"{func}(): (-213:The function/feature is not implemented) Odd-size DCT's "
                    f"are not implemented in function 'apply' (shape {src.shape})")  # fmt: skip
    if rows * rows + columns * columns > _COSINE_MOST:
        raise error(f"{func}(): a {rows}x{columns} transform is beyond this bridge's "
                    f"{_COSINE_MOST:,} cosine values")  # fmt: skip
    out = plane @ _cosines(columns, inverse).T
    if not by_rows:
        out = _cosines(rows, inverse) @ out
    result: Image = out.astype(src.dtype).reshape(src.shape)
    return result


#: The most values of the cosine matrices a dct may build (2 x 4096^2: 256 MB in double).
_COSINE_MOST = 2 * 4096 * 4096


def dct(src: Image, dst: Image | None = None, flags: int = 0) -> Image:
    """The discrete cosine transform of a one-channel float image, as ``cv2.dct``
    (orthonormal DCT-II; DCT_ROWS: each row alone; DCT_INVERSE: as ``idct``)."""
    return _cosine_transform("dct", src, flags, inverse=False)


def idct(src: Image, dst: Image | None = None, flags: int = 0) -> Image:
    """The inverse discrete cosine transform, as ``cv2.idct`` (orthonormal DCT-III)."""
    return _cosine_transform("idct", src, flags, inverse=True)


# Named as opencv-python names them, so that a wrong call's TypeError names the function.
def haveOpenCL() -> bool:
    """False: a browser's opencv.js has no OpenCL."""
    return False


def useOpenCL() -> bool:
    """False: a browser's opencv.js has no OpenCL."""
    return False


def setUseOpenCL(flag: bool) -> None:
    """Accepted and ignored: there is no OpenCL to turn on."""
    _marshal.argument("ocl.setUseOpenCL", "flag", "bool", flag)


def useIPP() -> bool:
    """False: opencv.js is built without Intel's IPP."""
    return False


def useIPP_NotExact() -> bool:
    """False: opencv.js is built without Intel's IPP."""
    return False


def setUseIPP(flag: bool) -> None:
    """Accepted and ignored: there is no IPP to turn on."""
    _marshal.argument("ipp.setUseIPP", "flag", "bool", flag)


def setUseIPP_NotExact(flag: bool) -> None:
    """Accepted and ignored: there is no IPP to turn on."""
    _marshal.argument("ipp.setUseIPP_NotExact", "flag", "bool", flag)


def getIppVersion() -> str:
    """What OpenCV built without IPP reports."""
    return "disabled"


#: Functions of opencv-python's submodules, by qualified name.
NAMESPACED: dict[str, Callable[..., Any]] = {
    "ocl.haveOpenCL": haveOpenCL,
    "ocl.useOpenCL": useOpenCL,
    "ocl.setUseOpenCL": setUseOpenCL,
    "ipp.useIPP": useIPP,
    "ipp.useIPP_NotExact": useIPP_NotExact,
    "ipp.setUseIPP": setUseIPP,
    "ipp.setUseIPP_NotExact": setUseIPP_NotExact,
    "ipp.getIppVersion": getIppVersion,
}


def _ieee(operation: Callable[..., float], *values: float) -> float:
    """``operation`` as C computes it: NaN or an infinity where Python would raise."""
    try:
        return operation(*values)
    except (ValueError, ZeroDivisionError):  # sqrt(-1), acos(2), x / 0
        if operation is operator.truediv and values[1] == 0 and values[0] == values[0] != 0:
            return math.copysign(math.inf, values[0]) * math.copysign(1.0, values[1])
        return math.nan


def _cubic_roots(a0: float, a1: float, a2: float, a3: float) -> tuple[int, list[float]]:
    """OpenCV's solveCubic on ``a0 x^3 + a1 x^2 + a2 x + a3``, step for step in doubles:
    the number of real roots (-1: every x) and three values (unused ones 0)."""
    div, sqrt = operator.truediv, math.sqrt
    if a0 == 0:
        if a1 == 0:
            if a2 == 0:
                return (-1 if a3 == 0 else 0), [0.0, 0.0, 0.0]
            return 1, [-a3 / a2, 0.0, 0.0]
        d = a2 * a2 - 4 * a1 * a3
        if not d >= 0:
            return 0, [0.0, 0.0, 0.0]
        d = sqrt(d)
        q1, q2 = (-a2 + d) * 0.5, (a2 + d) * -0.5
        q = q1 if abs(q1) > abs(q2) else q2
        return (2 if d > 0 else 1), [q / a1, _ieee(div, a3, q), 0.0]
    a0 = 1.0 / a0
    a1, a2, a3 = a1 * a0, a2 * a0, a3 * a0
    q = (a1 * a1 - 3 * a2) * (1.0 / 9)
    r = (a1 * (2 * a1 * a1 - 9 * a2) + 27 * a3) * (1.0 / 54)
    # OpenCV's expansion of Q**3 - R**2: fewer rounding errors for large coefficients
    d = (a1 * a1 * (a2 * a2 - 4 * a1 * a3) + 2 * a2 * (9 * a1 * a3 - 2 * a2 * a2)
         - 27 * a3 * a3) * (1.0 / 108)  # fmt: skip
    if d > 0:
        theta = _ieee(math.acos, _ieee(div, r, _ieee(sqrt, q * q * q)))
        t0, t1, t2 = -2 * _ieee(sqrt, q), theta * (1.0 / 3), a1 * (1.0 / 3)
        return 3, [t0 * math.cos(t1) - t2, t0 * math.cos(t1 + (2.0 * math.pi / 3)) - t2,
                   t0 * math.cos(t1 + (4.0 * math.pi / 3)) - t2]  # fmt: skip
    if d == 0:
        cube_root = (r if r >= 0 else -r) ** (1.0 / 3)
        x0, x1 = (-2 * cube_root, cube_root) if r >= 0 else (2 * cube_root, -cube_root)
        x0, x1 = x0 - a1 / 3, x1 - a1 / 3
        return (1 if x0 == x1 else 2), [x0, 0.0 if x0 == x1 else x1, 0.0]
    d = _ieee(sqrt, -d)  # NaN coefficients land here, as in C
    e = (d + abs(r)) ** (1.0 / 3)
    e = -e if r > 0 else e
    return 1, [(e + _ieee(div, q, e)) - a1 * (1.0 / 3), 0.0, 0.0]


def solveCubic(coeffs: Any, roots: Any = None) -> tuple[int, Image]:
    """The real roots of a cubic (or, with 3 coefficients, of ``x^3 + ...``), as
    ``cv2.solveCubic``: ``(n, roots)``, roots (3, 1) in ``coeffs``'s float type, n = -1
    when every x solves it. OpenCV's closed form, in doubles."""
    func = "solveCubic"
    values = _marshal.array_argument(func, "coeffs", coeffs)
    rows, cols, channels = _marshal.mat_geometry(values.shape)
    if values.dtype not in (np.float32, np.float64) or channels != 1:
        raise error(f"{func}(): (-215:Assertion failed) ctype == CV_32F || ctype == CV_64F in "
                    f"function '{func}' (got {values.dtype}, {channels} channels)")  # fmt: skip
    if (rows, cols) not in ((1, 3), (3, 1), (1, 4), (4, 1)):
        raise error(f"{func}(): (-215:Assertion failed) coeffs.size() == Size(n0, 1) || ... in "
                    f"function '{func}' (3 or 4 coefficients in a row or column, got shape "
                    f"{values.shape})")  # fmt: skip
    flat = [float(v) for v in values.reshape(-1)]
    count, found = _cubic_roots(*([1.0] + flat if len(flat) == 3 else flat))
    given = roots if isinstance(roots, np.ndarray) else None
    return count, _marshal.landed(np.array(found, values.dtype).reshape(3, 1), given, "out")
