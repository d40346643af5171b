"""A cv2-compatible module whose work is done by opencv.js.

Server code that calls ``cv2.resize`` or ``cv2.cvtColor`` runs unchanged:
same names, arguments, defaults, constants and return types as
opencv-python. Pixels cross into opencv.js's heap with one copy and come
back with one copy into a numpy array that owns its memory. The bridge
keeps one input and one output ``cv.Mat`` between calls, reallocated only
when a call's shape or type changes (:func:`release_buffers` frees them).

Bridged so far: the names in :data:`BRIDGED`. Any other cv2 name raises
:class:`NotBridgedError`, both an ``AttributeError`` (so ``hasattr`` and
``getattr(cv2, name, default)`` probe as on a server) and a
``NotImplementedError``; the raw opencv.js module stays reachable as
:func:`opencv_js`.
"""

from __future__ import annotations

import functools
import os
import warnings
from collections.abc import Sequence
from types import ModuleType
from typing import Any

import numpy as np

from . import _js, _opencv, hints, image_codecs
from ._js import Image
from ._opencv import DEPTHS as DEPTHS
from ._opencv import OUTPUT as _OUTPUT
from ._opencv import Input as _Input
from ._opencv import MatArg as _MatArg
from ._opencv import MatVectorArg as _MatVectorArg
from ._opencv import error as error
from ._opencv import from_mat as _from_mat
from ._opencv import kept_buffers as kept_buffers
from ._opencv import opencv_js as opencv_js
from ._opencv import release_buffers as release_buffers
from ._opencv import returns_mat as _returns_mat
from .image_codecs import (  # noqa: F401 - cv2's IMREAD_/IMWRITE_ constants
    IMREAD_ANYCOLOR,
    IMREAD_ANYDEPTH,
    IMREAD_COLOR,
    IMREAD_COLOR_RGB,
    IMREAD_GRAYSCALE,
    IMREAD_IGNORE_ORIENTATION,
    IMREAD_UNCHANGED,
    IMWRITE_JPEG_QUALITY,
    IMWRITE_PNG_COMPRESSION,
)
from .provided import OPENCV_VERSION

#: The functions this module bridges (the rest of cv2 raises NotImplementedError).
BRIDGED = (
    "resize",
    "flip",
    "copyMakeBorder",
    "cvtColor",
    "threshold",
    "adaptiveThreshold",
    "GaussianBlur",
    "blur",
    "medianBlur",
    "bilateralFilter",
    "Canny",
    "Sobel",
    "dilate",
    "erode",
    "morphologyEx",
    "getStructuringElement",
    "findContours",
    "contourArea",
    "arcLength",
    "boundingRect",
    "warpAffine",
    "getRotationMatrix2D",
    "warpPerspective",
    "getPerspectiveTransform",
    "inRange",
    "normalize",
    "addWeighted",
    "split",
    "merge",
    "minAreaRect",
    "boxPoints",
    "approxPolyDP",
    "convexHull",
    "moments",
    "connectedComponentsWithStats",
    "mean",
    "line",
    "rectangle",
    "circle",
    "polylines",
    "fillPoly",
    "drawContours",
    "putText",
    "imread",
    "imwrite",
    "imencode",
    "imdecode",
)

# Constants, with opencv-python's names and values.
INTER_NEAREST, INTER_LINEAR, INTER_CUBIC, INTER_AREA, INTER_LANCZOS4 = 0, 1, 2, 3, 4
INTER_LINEAR_EXACT, INTER_NEAREST_EXACT = 5, 6
COLOR_BGR2BGRA = COLOR_RGB2RGBA = 0
COLOR_BGRA2BGR = COLOR_RGBA2RGB = 1
COLOR_BGR2RGBA = COLOR_RGB2BGRA = 2
COLOR_RGBA2BGR = COLOR_BGRA2RGB = 3
COLOR_BGR2RGB = COLOR_RGB2BGR = 4
COLOR_BGR2GRAY, COLOR_RGB2GRAY, COLOR_GRAY2BGR = 6, 7, 8
COLOR_GRAY2RGB = COLOR_GRAY2BGR
COLOR_BGR2HSV, COLOR_RGB2HSV, COLOR_HSV2BGR, COLOR_HSV2RGB = 40, 41, 54, 55
THRESH_BINARY, THRESH_BINARY_INV, THRESH_TRUNC, THRESH_TOZERO, THRESH_TOZERO_INV = 0, 1, 2, 3, 4
THRESH_OTSU = 8
BORDER_CONSTANT, BORDER_REPLICATE, BORDER_REFLECT, BORDER_REFLECT_101 = 0, 1, 2, 4
BORDER_DEFAULT = BORDER_REFLECT_101
BORDER_WRAP, BORDER_ISOLATED = 3, 16
ADAPTIVE_THRESH_MEAN_C, ADAPTIVE_THRESH_GAUSSIAN_C = 0, 1
MORPH_ERODE, MORPH_DILATE, MORPH_OPEN, MORPH_CLOSE = 0, 1, 2, 3
MORPH_GRADIENT, MORPH_TOPHAT, MORPH_BLACKHAT = 4, 5, 6
MORPH_RECT, MORPH_CROSS, MORPH_ELLIPSE = 0, 1, 2
RETR_EXTERNAL, RETR_LIST, RETR_CCOMP, RETR_TREE, RETR_FLOODFILL = 0, 1, 2, 3, 4
CHAIN_APPROX_NONE, CHAIN_APPROX_SIMPLE, CHAIN_APPROX_TC89_L1, CHAIN_APPROX_TC89_KCOS = 1, 2, 3, 4
LINE_4, LINE_8, LINE_AA, FILLED = 4, 8, 16, -1
FONT_HERSHEY_SIMPLEX, FONT_HERSHEY_PLAIN, FONT_HERSHEY_DUPLEX, FONT_HERSHEY_COMPLEX = 0, 1, 2, 3
FONT_HERSHEY_TRIPLEX, FONT_HERSHEY_COMPLEX_SMALL = 4, 5
FONT_HERSHEY_SCRIPT_SIMPLEX, FONT_HERSHEY_SCRIPT_COMPLEX, FONT_ITALIC = 6, 7, 16
NORM_INF, NORM_L1, NORM_L2, NORM_MINMAX = 1, 2, 4, 32
WARP_INVERSE_MAP, DECOMP_LU = 16, 0
CV_8U, CV_8S, CV_16U, CV_16S, CV_32S, CV_32F, CV_64F = 0, 1, 2, 3, 4, 5, 6


#: The OpenCV release the bridge follows (opencv.js is built from it).
__version__ = OPENCV_VERSION


class NotBridgedError(AttributeError, NotImplementedError):
    """A cv2 name this bridge does not provide.

    An ``AttributeError``, so feature probes (``hasattr``, ``getattr`` with a
    default, ``from cv2 import name``) behave as on a server, and a
    ``NotImplementedError`` for code that catches that.
    """


def __getattr__(name: str) -> Any:
    if name.startswith("__"):
        raise AttributeError(f"module 'cv2' has no attribute {name!r}")
    raise NotBridgedError(
        f"cv2.{name} is not bridged to opencv.js yet; bridged: {', '.join(BRIDGED)}. "
        "portlite.cv2.opencv_js() returns the raw opencv.js module.",
        name=name,
    )


def getBuildInformation() -> str:  # noqa: N802
    """opencv.js's build information (its first line names the OpenCV version)."""
    return str(opencv_js().getBuildInformation())


# -- the boundary --------------------------------------------------------


def _check_image(func: str, arg: str, value: Any) -> Image:
    if not isinstance(value, np.ndarray):
        raise TypeError(f"{func}(): '{arg}' must be a numpy.ndarray, got {type(value).__name__}")
    if value.dtype not in DEPTHS:
        allowed = ", ".join(str(d) for d in DEPTHS)
        raise TypeError(f"{func}(): '{arg}' has dtype {value.dtype}; expected one of {allowed}")
    channels = value.shape[2] if value.ndim == 3 else 1
    if value.ndim not in (2, 3) or not 1 <= channels <= 4:
        raise ValueError(
            f"{func}(): '{arg}' must be HxW or HxWxC with 1-4 channels, got shape {value.shape}"
        )
    if value.size == 0:
        raise ValueError(f"{func}(): '{arg}' is empty (shape {value.shape})")
    return value


def _pair(func: str, arg: str, value: Any, kinds: tuple[type, ...], what: str) -> tuple[Any, Any]:
    """``value`` as a pair of ``kinds``, or cv2's TypeError naming ``what`` was expected."""
    if (
        not isinstance(value, (tuple, list))
        or len(value) != 2
        or not all(isinstance(v, kinds) for v in value)
    ):
        raise TypeError(f"{func}(): '{arg}' must be {what}, got {value!r}")
    return value[0], value[1]


_INTS = (int, np.integer)


def _size(func: str, arg: str, value: Any) -> tuple[int, int]:
    what = "a (width, height) pair of ints >= 0"
    width, height = _pair(func, arg, value, _INTS, what)
    if width < 0 or height < 0:
        raise TypeError(f"{func}(): '{arg}' must be {what}, got {value!r}")
    return int(width), int(height)


def _apply(func: str, src: Image, *args: Any, dst: Image | None = None) -> tuple[Any, Image]:
    """Run ``cv[func](src, dst, *args)`` on a copy of ``src``; return its value and ``dst``."""
    retval, out = _opencv.call(func, _Input(src), _OUTPUT, *args, dst=dst)
    assert out is not None
    return retval, out


def _call_into(func: str, *args: Any, dst: Image | None = None) -> tuple[Any, Image]:
    """Run ``cv[func](*args)`` writing into ``_OUTPUT``; return its value and that output."""
    retval, out = _opencv.call(func, *args, dst=dst)
    assert out is not None
    return retval, out


def _call_mats(func: str, *args: Any) -> Any:
    """Run ``cv[func](*args)`` for its return value (a number, a rect, a Mat...)."""
    return _opencv.call(func, *args, result=None)[0]


def _point(func: str, arg: str, value: Any) -> Any:
    x, y = _pair(func, arg, value, _INTS, "an (x, y) pair of ints")
    return _js.to_js_object({"x": int(x), "y": int(y)})


def _point2f(func: str, arg: str, value: Any) -> Any:
    x, y = _pair(func, arg, value, (int, float, np.number), "an (x, y) pair of numbers")
    return _js.to_js_object({"x": float(x), "y": float(y)})


def _matrix(func: str, arg: str, value: Any, shape: tuple[int, int]) -> _MatArg:
    """A float32/float64 matrix of a fixed shape, passed as a temporary Mat."""
    if not isinstance(value, np.ndarray):
        raise TypeError(f"{func}(): '{arg}' must be a numpy.ndarray, got {type(value).__name__}")
    if value.shape != shape or value.dtype not in (np.dtype(np.float32), np.dtype(np.float64)):
        raise ValueError(
            f"{func}(): '{arg}' must be a {shape[0]}x{shape[1]} float32 or float64 matrix, "
            f"got {value.dtype} of shape {value.shape}"
        )
    return _MatArg(value)


def _scalar(func: str, arg: str, value: Any) -> Any:
    """A cv::Scalar from a number or up to 4 numbers (missing ones are 0, as in cv2)."""
    values = [value] if isinstance(value, (int, float, np.number)) else value
    if not isinstance(values, (tuple, list)) or not 1 <= len(values) <= 4:
        raise TypeError(f"{func}(): '{arg}' must be a number or up to 4 numbers, got {value!r}")
    return _js.js_array([float(v) for v in values] + [0.0] * (4 - len(values)))


def _kernel(func: str, arg: str, value: Any) -> _MatArg:
    if value is None:
        return _MatArg(np.ones((3, 3), np.uint8))
    if not isinstance(value, np.ndarray) or value.ndim != 2 or value.dtype not in DEPTHS:
        raise TypeError(
            f"{func}(): '{arg}' must be a 2-D numpy array (e.g. getStructuringElement()), "
            f"got {type(value).__name__}{getattr(value, 'shape', '')}"
        )
    if value.size == 0:  # cv2 takes an empty kernel as a 3x3 rectangle
        return _MatArg(np.ones((3, 3), np.uint8))
    return _MatArg(value)


def _check_dst(func: str, dst: Any, arg: str = "dst") -> Image | None:
    """A ``dst=`` argument: None or a numpy array (used when it fits the result)."""
    if dst is not None and not isinstance(dst, np.ndarray):
        raise TypeError(
            f"{func}(): '{arg}' must be a numpy.ndarray or None, got {type(dst).__name__}"
        )
    return dst


def _no_dst(func: str, dst: Any, arg: str = "dst") -> None:
    if dst is not None:
        raise NotImplementedError(f"{func}(): '{arg}' is not supported yet; use the return value")


# -- bridged functions ---------------------------------------------------


def resize(
    src: Image,
    dsize: tuple[int, int] | None,
    dst: Image | None = None,
    fx: float = 0,
    fy: float = 0,
    interpolation: int = INTER_LINEAR,
) -> Image:
    """Resize an image, as ``cv2.resize``.

    Parameters
    ----------
    src : numpy.ndarray
        HxW or HxWxC image (1-4 channels).
    dsize : tuple of int or None
        ``(width, height)``; ``None`` or ``(0, 0)`` to use ``fx`` and ``fy``.
    fx, fy : float
        Scale factors when ``dsize`` is empty.
    interpolation : int
        One of the ``INTER_*`` flags.

    Returns
    -------
    numpy.ndarray
        The resized image. Copies the pixels once into opencv.js and once back.
    """
    src = _check_image("resize", "src", src)
    width, height = (0, 0) if dsize is None else _size("resize", "dsize", dsize)
    dst = _check_dst("resize", dst)
    if (width == 0 or height == 0) and (fx <= 0 or fy <= 0):
        raise ValueError("resize(): give 'dsize' > 0 or both 'fx' and 'fy' > 0")
    size = opencv_js().Size.new(width, height)
    return _apply("resize", src, size, fx, fy, interpolation, dst=dst)[1]


def cvtColor(src: Image, code: int, dst: Image | None = None, dstCn: int = 0) -> Image:  # noqa: N802,N803
    """Convert between colour spaces, as ``cv2.cvtColor``.

    Copies the pixels once into opencv.js and once back.
    """
    src = _check_image("cvtColor", "src", src)
    dst = _check_dst("cvtColor", dst)
    return _apply("cvtColor", src, int(code), int(dstCn), dst=dst)[1]


def GaussianBlur(  # noqa: N802
    src: Image,
    ksize: tuple[int, int],
    sigmaX: float,  # noqa: N803
    dst: Image | None = None,
    sigmaY: float = 0,  # noqa: N803
    borderType: int = BORDER_DEFAULT,  # noqa: N803
) -> Image:
    """Blur with a Gaussian kernel, as ``cv2.GaussianBlur``.

    Copies the pixels once into opencv.js and once back.
    """
    src = _check_image("GaussianBlur", "src", src)
    width, height = _size("GaussianBlur", "ksize", ksize)
    dst = _check_dst("GaussianBlur", dst)
    size = opencv_js().Size.new(width, height)
    return _apply("GaussianBlur", src, size, float(sigmaX), float(sigmaY), borderType, dst=dst)[1]


def threshold(
    src: Image,
    thresh: float,
    maxval: float,
    type: int,
    dst: Image | None = None,  # noqa: A002
) -> tuple[float, Image]:
    """Apply a fixed-level threshold, as ``cv2.threshold``.

    Returns
    -------
    tuple
        ``(retval, dst)``: the threshold used (Otsu's when ``THRESH_OTSU`` is
        set) and the thresholded image.
    """
    src = _check_image("threshold", "src", src)
    dst = _check_dst("threshold", dst)
    retval, image = _apply("threshold", src, float(thresh), float(maxval), int(type), dst=dst)
    return float(retval), image


def flip(src: Image, flipCode: int, dst: Image | None = None) -> Image:  # noqa: N803
    """Flip around the x (0), y (> 0) or both (< 0) axes, as ``cv2.flip``."""
    src = _check_image("flip", "src", src)
    dst = _check_dst("flip", dst)
    return _apply("flip", src, int(flipCode), dst=dst)[1]


def copyMakeBorder(  # noqa: N802
    src: Image,
    top: int,
    bottom: int,
    left: int,
    right: int,
    borderType: int,  # noqa: N803
    dst: Image | None = None,
    value: Any = 0,
) -> Image:
    """Pad an image with a border, as ``cv2.copyMakeBorder``."""
    src = _check_image("copyMakeBorder", "src", src)
    dst = _check_dst("copyMakeBorder", dst)
    border = _scalar("copyMakeBorder", "value", value)
    sides = (int(top), int(bottom), int(left), int(right))
    return _apply("copyMakeBorder", src, *sides, int(borderType), border, dst=dst)[1]


def adaptiveThreshold(  # noqa: N802
    src: Image,
    maxValue: float,  # noqa: N803
    adaptiveMethod: int,  # noqa: N803
    thresholdType: int,  # noqa: N803
    blockSize: int,  # noqa: N803
    C: float,  # noqa: N803
    dst: Image | None = None,
) -> Image:
    """Threshold against a local mean, as ``cv2.adaptiveThreshold`` (8-bit, 1 channel)."""
    src = _check_image("adaptiveThreshold", "src", src)
    dst = _check_dst("adaptiveThreshold", dst)
    args = (float(maxValue), int(adaptiveMethod), int(thresholdType), int(blockSize), float(C))
    return _apply("adaptiveThreshold", src, *args, dst=dst)[1]


def blur(
    src: Image,
    ksize: tuple[int, int],
    dst: Image | None = None,
    anchor: tuple[int, int] = (-1, -1),
    borderType: int = BORDER_DEFAULT,  # noqa: N803
) -> Image:
    """Box-filter an image, as ``cv2.blur``."""
    src = _check_image("blur", "src", src)
    width, height = _size("blur", "ksize", ksize)
    dst = _check_dst("blur", dst)
    size = opencv_js().Size.new(width, height)
    return _apply("blur", src, size, _point("blur", "anchor", anchor), int(borderType), dst=dst)[1]


def medianBlur(src: Image, ksize: int, dst: Image | None = None) -> Image:  # noqa: N802
    """Median-filter an image, as ``cv2.medianBlur``."""
    src = _check_image("medianBlur", "src", src)
    dst = _check_dst("medianBlur", dst)
    return _apply("medianBlur", src, int(ksize), dst=dst)[1]


def bilateralFilter(  # noqa: N802
    src: Image,
    d: int,
    sigmaColor: float,  # noqa: N803
    sigmaSpace: float,  # noqa: N803
    dst: Image | None = None,
    borderType: int = BORDER_DEFAULT,  # noqa: N803
) -> Image:
    """Edge-preserving smoothing, as ``cv2.bilateralFilter`` (8-bit or float32, 1 or 3 channels)."""
    src = _check_image("bilateralFilter", "src", src)
    dst = _check_dst("bilateralFilter", dst)
    args = (int(d), float(sigmaColor), float(sigmaSpace), int(borderType))
    return _apply("bilateralFilter", src, *args, dst=dst)[1]


def Canny(  # noqa: N802
    image: Image,
    threshold1: float,
    threshold2: float,
    edges: Image | None = None,
    apertureSize: int = 3,  # noqa: N803
    L2gradient: bool = False,  # noqa: N803
) -> Image:
    """Find edges, as ``cv2.Canny`` (8-bit input)."""
    image = _check_image("Canny", "image", image)
    edges = _check_dst("Canny", edges, "edges")
    args = (float(threshold1), float(threshold2), int(apertureSize), bool(L2gradient))
    return _apply("Canny", image, *args, dst=edges)[1]


def Sobel(  # noqa: N802
    src: Image,
    ddepth: int,
    dx: int,
    dy: int,
    dst: Image | None = None,
    ksize: int = 3,
    scale: float = 1,
    delta: float = 0,
    borderType: int = BORDER_DEFAULT,  # noqa: N803
) -> Image:
    """Image derivatives, as ``cv2.Sobel`` (``ddepth=-1`` keeps the input depth)."""
    src = _check_image("Sobel", "src", src)
    dst = _check_dst("Sobel", dst)
    args = (int(ddepth), int(dx), int(dy), int(ksize), float(scale), float(delta), int(borderType))
    return _apply("Sobel", src, *args, dst=dst)[1]


def _morphology(
    func: str,
    src: Image,
    op: int | None,
    kernel: Any,
    dst: Any,
    anchor: tuple[int, int],
    iterations: int,
    borderType: int,  # noqa: N803
    borderValue: Any,  # noqa: N803
) -> Image:
    src = _check_image(func, "src", src)
    dst = _check_dst(func, dst)
    mat_kernel = _kernel(func, "kernel", kernel)
    point = _point(func, "anchor", anchor)
    # cv2's default border value: +inf for erosion, -inf for dilation, i.e. no effect.
    border = (
        opencv_js().morphologyDefaultBorderValue()
        if borderValue is None
        else _scalar(func, "borderValue", borderValue)
    )
    op_args = () if op is None else (int(op),)
    args = (*op_args, mat_kernel, point, int(iterations), int(borderType), border)
    return _apply(func, src, *args, dst=dst)[1]


def dilate(
    src: Image,
    kernel: Any,
    dst: Image | None = None,
    anchor: tuple[int, int] = (-1, -1),
    iterations: int = 1,
    borderType: int = BORDER_CONSTANT,  # noqa: N803
    borderValue: Any = None,  # noqa: N803
) -> Image:
    """Dilate with a structuring element, as ``cv2.dilate``."""
    return _morphology(
        "dilate", src, None, kernel, dst, anchor, iterations, borderType, borderValue
    )


def erode(
    src: Image,
    kernel: Any,
    dst: Image | None = None,
    anchor: tuple[int, int] = (-1, -1),
    iterations: int = 1,
    borderType: int = BORDER_CONSTANT,  # noqa: N803
    borderValue: Any = None,  # noqa: N803
) -> Image:
    """Erode with a structuring element, as ``cv2.erode``."""
    return _morphology("erode", src, None, kernel, dst, anchor, iterations, borderType, borderValue)


def morphologyEx(  # noqa: N802
    src: Image,
    op: int,
    kernel: Any,
    dst: Image | None = None,
    anchor: tuple[int, int] = (-1, -1),
    iterations: int = 1,
    borderType: int = BORDER_CONSTANT,  # noqa: N803
    borderValue: Any = None,  # noqa: N803
) -> Image:
    """Open, close, gradient, top-hat or black-hat, as ``cv2.morphologyEx``."""
    return _morphology(
        "morphologyEx", src, op, kernel, dst, anchor, iterations, borderType, borderValue
    )


def getStructuringElement(  # noqa: N802
    shape: int, ksize: tuple[int, int], anchor: tuple[int, int] = (-1, -1)
) -> Image:
    """A rectangle, cross or ellipse kernel, as ``cv2.getStructuringElement``."""
    width, height = _size("getStructuringElement", "ksize", ksize)
    point = _point("getStructuringElement", "anchor", anchor)
    size = opencv_js().Size.new(width, height)
    return _returns_mat("getStructuringElement", int(shape), size, point)


#: Copies every contour of a MatVector into numpy arrays allocated by Python
#: (one copy each), deleting the Mats that MatVector.get() hands out.
_CONTOURS_JS = """({
  lengths(contours) {
    const lengths = [];
    for (let i = 0; i < contours.size(); i++) {
      const contour = contours.get(i);
      lengths.push(contour.rows);
      contour.delete();
    }
    return lengths;
  },
  copyOut(cv, contours, pyodideModule, addresses) {
    const heap = pyodideModule.HEAPU8;
    for (let i = 0; i < addresses.length; i++) {
      const contour = contours.get(i);
      const bytes = contour.rows * 8;
      heap.set(cv.HEAPU8.subarray(contour.data.byteOffset, contour.data.byteOffset + bytes),
               addresses[i]);
      contour.delete();
    }
  },
})"""


@functools.cache
def _contours_runner() -> Any:
    return _js.js_function(_CONTOURS_JS)


def findContours(  # noqa: N802
    image: Image,
    mode: int,
    method: int,
    contours: None = None,
    hierarchy: None = None,
    offset: tuple[int, int] = (0, 0),
) -> tuple[tuple[Image, ...], Image | None]:
    """Find contours in a binary image, as OpenCV 4's ``cv2.findContours``.

    Returns
    -------
    tuple
        ``(contours, hierarchy)``: a tuple of int32 ``(N, 1, 2)`` arrays and an
        int32 ``(1, count, 4)`` array (None when there are no contours).
    """
    image = _check_image("findContours", "image", image)
    _no_dst("findContours", contours, "contours")
    _no_dst("findContours", hierarchy, "hierarchy")
    point = _point("findContours", "offset", offset)
    cv = opencv_js()
    found, tree = cv.MatVector.new(), cv.Mat.new()
    try:
        _call_mats("findContours", _Input(image), found, tree, int(mode), int(method), point)
        arrays = tuple(
            np.empty((int(n), 1, 2), np.int32) for n in _contours_runner().lengths(found)
        )
        if not arrays:
            return (), None
        addresses = _js.js_array(a.ctypes.data for a in arrays)
        _contours_runner().copyOut(cv, found, _js.pyodide_module(), addresses)
        return arrays, _from_mat(tree).reshape(1, len(arrays), 4)
    finally:
        found.delete()
        tree.delete()


def _points(func: str, arg: str, value: Any) -> Image:
    """A point set as cv2 takes it: (N, 1, 2) or (N, 2), int32 or float32."""
    if not isinstance(value, np.ndarray):
        raise TypeError(
            f"{func}(): '{arg}' must be a numpy.ndarray of points, got {type(value).__name__}"
        )
    if value.dtype not in (np.dtype(np.int32), np.dtype(np.float32)):
        raise TypeError(
            f"{func}(): '{arg}' must be int32 or float32 points, got dtype {value.dtype}"
        )
    if value.shape[-1:] != (2,) or value.ndim not in (2, 3) or value.size == 0:
        raise ValueError(
            f"{func}(): '{arg}' must be (N, 1, 2) or (N, 2) points, got shape {value.shape}"
        )
    return value.reshape(-1, 1, 2)


def contourArea(contour: Image, oriented: bool = False) -> float:  # noqa: N802
    """The area inside a contour, as ``cv2.contourArea``."""
    points = _points("contourArea", "contour", contour)
    return float(_call_mats("contourArea", _MatArg(points), bool(oriented)))


def arcLength(curve: Image, closed: bool) -> float:  # noqa: N802
    """A curve's length, as ``cv2.arcLength``."""
    points = _points("arcLength", "curve", curve)
    return float(_call_mats("arcLength", _MatArg(points), bool(closed)))


def boundingRect(array: Image) -> tuple[int, int, int, int]:  # noqa: N802
    """The upright bounding box ``(x, y, w, h)`` of a point set, as ``cv2.boundingRect``."""
    points = _points("boundingRect", "array", array)
    rect = _call_mats("boundingRect", _MatArg(points))
    return int(rect.x), int(rect.y), int(rect.width), int(rect.height)


def warpAffine(  # noqa: N802
    src: Image,
    M: Image,  # noqa: N803
    dsize: tuple[int, int],
    dst: Image | None = None,
    flags: int = INTER_LINEAR,
    borderMode: int = BORDER_CONSTANT,  # noqa: N803
    borderValue: Any = 0,  # noqa: N803
) -> Image:
    """Apply a 2x3 affine transform, as ``cv2.warpAffine``."""
    return _warp("warpAffine", src, M, (2, 3), dsize, dst, flags, borderMode, borderValue)


def warpPerspective(  # noqa: N802
    src: Image,
    M: Image,  # noqa: N803
    dsize: tuple[int, int],
    dst: Image | None = None,
    flags: int = INTER_LINEAR,
    borderMode: int = BORDER_CONSTANT,  # noqa: N803
    borderValue: Any = 0,  # noqa: N803
) -> Image:
    """Apply a 3x3 perspective transform, as ``cv2.warpPerspective``."""
    return _warp("warpPerspective", src, M, (3, 3), dsize, dst, flags, borderMode, borderValue)


def _warp(
    func: str,
    src: Image,
    matrix: Image,
    shape: tuple[int, int],
    dsize: tuple[int, int],
    dst: Any,
    flags: int,
    border_mode: int,
    border_value: Any,
) -> Image:
    src = _check_image(func, "src", src)
    dst = _check_dst(func, dst)
    mat = _matrix(func, "M", matrix, shape)
    width, height = _size(func, "dsize", dsize)
    size = opencv_js().Size.new(width, height)
    border = _scalar(func, "borderValue", border_value)
    return _apply(func, src, mat, size, int(flags), int(border_mode), border, dst=dst)[1]


def getRotationMatrix2D(center: tuple[float, float], angle: float, scale: float) -> Image:  # noqa: N802
    """The 2x3 float64 matrix of a rotation about ``center``, as ``cv2.getRotationMatrix2D``."""
    point = _point2f("getRotationMatrix2D", "center", center)
    return _returns_mat("getRotationMatrix2D", point, float(angle), float(scale))


def getPerspectiveTransform(src: Image, dst: Image, solveMethod: int = DECOMP_LU) -> Image:  # noqa: N802,N803
    """The 3x3 float64 matrix mapping 4 points onto 4, as ``cv2.getPerspectiveTransform``."""
    quads = []
    for arg, value in (("src", src), ("dst", dst)):
        if not isinstance(value, np.ndarray) or value.dtype != np.float32 or value.size != 8:
            raise TypeError(
                f"getPerspectiveTransform(): '{arg}' must be 4 float32 points, shape (4, 2) or "
                f"(4, 1, 2), got {getattr(value, 'dtype', type(value).__name__)} "
                f"{getattr(value, 'shape', '')}"
            )
        quads.append(_MatArg(value.reshape(4, 1, 2)))
    return _returns_mat("getPerspectiveTransform", *quads, int(solveMethod))


def _bound(func: str, arg: str, value: Any) -> _MatArg:
    """An inRange bound: an array like ``src``, or a scalar as OpenCV's 4x1 float64 form."""
    if isinstance(value, np.ndarray) and value.ndim >= 2:
        return _MatArg(_check_image(func, arg, value))
    values = np.atleast_1d(np.asarray(value, np.float64)).ravel()
    if not 1 <= values.size <= 4:
        raise TypeError(
            f"{func}(): '{arg}' must be a number, up to 4 numbers or an array, got {value!r}"
        )
    return _MatArg(np.concatenate([values, np.zeros(4 - values.size)]).reshape(4, 1))


def inRange(src: Image, lowerb: Any, upperb: Any, dst: Image | None = None) -> Image:  # noqa: N802
    """255 where every channel lies in ``[lowerb, upperb]``, else 0, as ``cv2.inRange``."""
    src = _check_image("inRange", "src", src)
    dst = _check_dst("inRange", dst)
    bounds = (_bound("inRange", "lowerb", lowerb), _bound("inRange", "upperb", upperb))
    return _call_into("inRange", _Input(src), *bounds, _OUTPUT, dst=dst)[1]


def normalize(
    src: Image,
    dst: Image | None = None,
    alpha: float = 1,
    beta: float = 0,
    norm_type: int = NORM_L2,
    dtype: int = -1,
    mask: Image | None = None,
) -> Image:
    """Scale to a norm or a range, as ``cv2.normalize`` (``dst`` must be None)."""
    src = _check_image("normalize", "src", src)
    dst = _check_dst("normalize", dst)
    mask_arg = _MatArg(None if mask is None else _check_image("normalize", "mask", mask))
    args = (float(alpha), float(beta), int(norm_type), int(dtype), mask_arg)
    return _apply("normalize", src, *args, dst=dst)[1]


def addWeighted(  # noqa: N802
    src1: Image,
    alpha: float,
    src2: Image,
    beta: float,
    gamma: float,
    dst: Image | None = None,
    dtype: int = -1,
) -> Image:
    """``src1 * alpha + src2 * beta + gamma``, saturated, as ``cv2.addWeighted``."""
    src1 = _check_image("addWeighted", "src1", src1)
    second = _MatArg(_check_image("addWeighted", "src2", src2))
    dst = _check_dst("addWeighted", dst)
    args = (float(alpha), second, float(beta), float(gamma), _OUTPUT, int(dtype))
    return _call_into("addWeighted", _Input(src1), *args, dst=dst)[1]


def split(m: Image) -> tuple[Image, ...]:
    """One 2-D array per channel, as ``cv2.split`` (a pure copy: done in numpy)."""
    m = _check_image("split", "m", m)
    if m.ndim == 2:
        return (m.copy(),)
    return tuple(np.ascontiguousarray(m[..., channel]) for channel in range(m.shape[2]))


def merge(mv: Any) -> Image:
    """Stack same-size, same-dtype arrays' channels, as ``cv2.merge`` (done in numpy)."""
    if not isinstance(mv, (tuple, list)) or not mv:
        raise TypeError(f"merge(): 'mv' must be a non-empty list of arrays, got {mv!r:.60}")
    arrays = [_check_image("merge", f"mv[{i}]", a) for i, a in enumerate(mv)]
    first = arrays[0]
    for i, array in enumerate(arrays[1:], start=1):
        if array.shape[:2] != first.shape[:2] or array.dtype != first.dtype:
            raise error(
                f"merge(): 'mv[{i}]' is {array.dtype} {array.shape[:2]}, but 'mv[0]' is "
                f"{first.dtype} {first.shape[:2]}: all must have the same size and depth"
            )
    stacked = np.dstack(arrays)
    return stacked[..., 0].copy() if stacked.shape[2] == 1 else stacked


#: The keys of cv2.moments()'s dict, in opencv-python's order.
MOMENT_KEYS = (
    "m00", "m10", "m01", "m20", "m11", "m02", "m30", "m21", "m12", "m03",
    "mu20", "mu11", "mu02", "mu30", "mu21", "mu12", "mu03",
    "nu20", "nu11", "nu02", "nu30", "nu21", "nu12", "nu03",
)  # fmt: skip


def minAreaRect(points: Image) -> tuple[tuple[float, float], tuple[float, float], float]:  # noqa: N802
    """The smallest rotated rectangle around a point set, as ``cv2.minAreaRect``.

    Returns
    -------
    tuple
        ``((cx, cy), (width, height), angle)``, angle in degrees.
    """
    rect = _call_mats("minAreaRect", _MatArg(_points("minAreaRect", "points", points)))
    return (
        (float(rect.center.x), float(rect.center.y)),
        (float(rect.size.width), float(rect.size.height)),
        float(rect.angle),
    )


def boxPoints(box: Any, points: None = None) -> Image:  # noqa: N802
    """The 4 corners of a rotated rectangle as float32 (4, 2), as ``cv2.boxPoints``."""
    _no_dst("boxPoints", points, "points")
    try:
        (cx, cy), (width, height), angle = box
        values = [float(v) for v in (cx, cy, width, height, angle)]
    except (TypeError, ValueError):
        raise TypeError(
            f"boxPoints(): 'box' must be ((cx, cy), (width, height), angle), got {box!r:.80}"
        ) from None
    rect = _js.to_js_object(
        {
            "center": {"x": values[0], "y": values[1]},
            "size": {"width": values[2], "height": values[3]},
            "angle": values[4],
        }
    )
    # opencv.js returns the corners as 4 {x, y} objects (float32 values, exact as floats).
    corners = _call_mats("boxPoints", rect)
    return np.array([[corner.x, corner.y] for corner in corners], np.float32)


def approxPolyDP(curve: Image, epsilon: float, closed: bool, approxCurve: None = None) -> Image:  # noqa: N802,N803
    """A simpler polygon within ``epsilon`` of the curve, as ``cv2.approxPolyDP``."""
    points = _points("approxPolyDP", "curve", curve)
    _no_dst("approxPolyDP", approxCurve, "approxCurve")
    out = _call_into("approxPolyDP", _MatArg(points), _OUTPUT, float(epsilon), bool(closed))[1]
    return out.reshape(-1, 1, 2)


def convexHull(  # noqa: N802
    points: Image,
    hull: None = None,
    clockwise: bool = False,
    returnPoints: bool = True,  # noqa: N803
) -> Image:
    """The convex hull's points (or their indices), as ``cv2.convexHull``."""
    pts = _points("convexHull", "points", points)
    _no_dst("convexHull", hull, "hull")
    out = _call_into("convexHull", _MatArg(pts), _OUTPUT, bool(clockwise), bool(returnPoints))[1]
    return out.reshape(-1, 1, 2) if returnPoints else out.reshape(-1, 1)


def moments(array: Image, binaryImage: bool = False) -> dict[str, float]:  # noqa: N802,N803
    """Spatial, central and normalised moments, as ``cv2.moments``.

    ``array`` is a point set (int32/float32 ``(N, 1, 2)``) or a 1-channel image.
    """
    if isinstance(array, np.ndarray) and array.shape[-1:] == (2,) and array.ndim in (2, 3):
        source = _points("moments", "array", array)
    else:
        source = _check_image("moments", "array", array)
    found = _call_mats("moments", _MatArg(source), bool(binaryImage))
    return {key: float(getattr(found, key)) for key in MOMENT_KEYS}


def connectedComponentsWithStats(  # noqa: N802
    image: Image,
    labels: None = None,
    stats: None = None,
    centroids: None = None,
    connectivity: int = 8,
    ltype: int = CV_32S,
) -> tuple[int, Image, Image, Image]:
    """Label connected components, as ``cv2.connectedComponentsWithStats``.

    Returns
    -------
    tuple
        ``(count, labels, stats, centroids)``: int32 labels, int32 ``(count, 5)``
        stats (x, y, width, height, area) and float64 ``(count, 2)`` centroids.
    """
    image = _check_image("connectedComponentsWithStats", "image", image)
    for name, value in (("labels", labels), ("stats", stats), ("centroids", centroids)):
        _no_dst("connectedComponentsWithStats", value, name)
    cv = opencv_js()
    stats_mat, centroids_mat = cv.Mat.new(), cv.Mat.new()
    try:
        count, label_image = _call_into(
            "connectedComponentsWithStats", _Input(image), _OUTPUT, stats_mat, centroids_mat,
            int(connectivity), int(ltype),
        )  # fmt: skip
        return int(count), label_image, _from_mat(stats_mat), _from_mat(centroids_mat)
    finally:
        stats_mat.delete()
        centroids_mat.delete()


def mean(src: Image, mask: Image | None = None) -> tuple[float, float, float, float]:
    """The per-channel mean (where ``mask`` is non-zero), as ``cv2.mean``."""
    src = _check_image("mean", "src", src)
    mask_arg = _MatArg(None if mask is None else _check_image("mean", "mask", mask))
    values = _call_mats("mean", _Input(src), mask_arg)
    return (float(values[0]), float(values[1]), float(values[2]), float(values[3]))


#: drawContours's default maxLevel (INT_MAX): every level.
_ALL_LEVELS = 2**31 - 1


def _draw(func: str, img: Image, *args: Any) -> Image:
    """Draw on ``img`` in place, as cv2 does, and return it.

    The pixels go into opencv.js once and come back once, straight into
    ``img`` when it is C-contiguous.
    """
    img = _check_image(func, "img", img)
    if not img.flags.writeable:
        raise ValueError(f"{func}(): 'img' is read-only; cv2 draws in place, pass a writable array")
    drawn = _opencv.call(func, _Input(img), *args, dst=img, result="input")[1]
    if drawn is not img:  # an HxWx1 image comes back HxW
        np.copyto(img, np.asarray(drawn).reshape(img.shape))
    return img


def _polygons(func: str, arg: str, value: Any) -> _MatVectorArg:
    if isinstance(value, np.ndarray):
        value = [value] if value.ndim <= 3 else list(value)
    if not isinstance(value, (tuple, list)):
        raise TypeError(
            f"{func}(): '{arg}' must be a list of point arrays, got {type(value).__name__}"
        )
    return _MatVectorArg([_points(func, f"{arg}[{i}]", p) for i, p in enumerate(value)])


def line(
    img: Image,
    pt1: tuple[int, int],
    pt2: tuple[int, int],
    color: Any,
    thickness: int = 1,
    lineType: int = LINE_8,  # noqa: N803
    shift: int = 0,
) -> Image:
    """Draw a line segment on ``img`` in place, as ``cv2.line``."""
    ends = (_point("line", "pt1", pt1), _point("line", "pt2", pt2))
    color_value = _scalar("line", "color", color)
    return _draw("line", img, *ends, color_value, int(thickness), int(lineType), int(shift))


def rectangle(img: Image, pt1: Any, pt2: Any = None, *args: Any, **kwargs: Any) -> Image:
    """Draw a rectangle on ``img`` in place, as ``cv2.rectangle``.

    Both of cv2's forms: ``rectangle(img, pt1, pt2, color, thickness=1,
    lineType=LINE_8, shift=0)`` and ``rectangle(img, rec, color, ...)`` with
    ``rec = (x, y, w, h)``.
    """
    names = ("color", "thickness", "lineType", "shift")
    if isinstance(pt1, (tuple, list)) and len(pt1) == 4:
        x, y, width, height = (int(v) for v in pt1)
        positional = args if pt2 is None else (pt2, *args)
        pt1, pt2 = (x, y), (x + width - 1, y + height - 1)  # cv::Rect's br() is exclusive
    else:
        positional = args
    if len(positional) > len(names):
        raise TypeError(f"rectangle(): too many arguments ({len(positional)} after the corners)")
    given = dict(zip(names, positional, strict=False))
    for name in kwargs:
        if name not in names or name in given:
            raise TypeError(f"rectangle(): unexpected or repeated argument '{name}'")
    params = {"thickness": 1, "lineType": LINE_8, "shift": 0, **given, **kwargs}
    if "color" not in params:
        raise TypeError("rectangle(): missing the 'color' argument")
    corners = (_point("rectangle", "pt1", pt1), _point("rectangle", "pt2", pt2))
    color_value = _scalar("rectangle", "color", params["color"])
    style = (int(params["thickness"]), int(params["lineType"]), int(params["shift"]))
    return _draw("rectangle", img, *corners, color_value, *style)


def circle(
    img: Image,
    center: tuple[int, int],
    radius: int,
    color: Any,
    thickness: int = 1,
    lineType: int = LINE_8,  # noqa: N803
    shift: int = 0,
) -> Image:
    """Draw a circle on ``img`` in place, as ``cv2.circle`` (``thickness=-1`` fills it)."""
    point = _point("circle", "center", center)
    color_value = _scalar("circle", "color", color)
    args = (point, int(radius), color_value, int(thickness), int(lineType), int(shift))
    return _draw("circle", img, *args)


def polylines(
    img: Image,
    pts: Any,
    isClosed: bool,  # noqa: N803
    color: Any,
    thickness: int = 1,
    lineType: int = LINE_8,  # noqa: N803
    shift: int = 0,
) -> Image:
    """Draw polygonal chains on ``img`` in place, as ``cv2.polylines``."""
    polygons = _polygons("polylines", "pts", pts)
    color_value = _scalar("polylines", "color", color)
    args = (polygons, bool(isClosed), color_value, int(thickness), int(lineType), int(shift))
    return _draw("polylines", img, *args)


def fillPoly(  # noqa: N802
    img: Image,
    pts: Any,
    color: Any,
    lineType: int = LINE_8,  # noqa: N803
    shift: int = 0,
    offset: tuple[int, int] = (0, 0),
) -> Image:
    """Fill polygons on ``img`` in place, as ``cv2.fillPoly``."""
    polygons = _polygons("fillPoly", "pts", pts)
    color_value = _scalar("fillPoly", "color", color)
    point = _point("fillPoly", "offset", offset)
    return _draw("fillPoly", img, polygons, color_value, int(lineType), int(shift), point)


def drawContours(  # noqa: N802
    image: Image,
    contours: Any,
    contourIdx: int,  # noqa: N803
    color: Any,
    thickness: int = 1,
    lineType: int = LINE_8,  # noqa: N803
    hierarchy: Image | None = None,
    maxLevel: int = _ALL_LEVELS,  # noqa: N803
    offset: tuple[int, int] = (0, 0),
) -> Image:
    """Draw contours (all with ``contourIdx=-1``) on ``image`` in place, as ``cv2.drawContours``."""
    polygons = _polygons("drawContours", "contours", contours)
    color_value = _scalar("drawContours", "color", color)
    tree = _MatArg(None if hierarchy is None else np.asarray(hierarchy, np.int32).reshape(1, -1, 4))
    point = _point("drawContours", "offset", offset)
    args = (polygons, int(contourIdx), color_value, int(thickness), int(lineType), tree)
    return _draw("drawContours", image, *args, int(maxLevel), point)


def putText(  # noqa: N802
    img: Image,
    text: str,
    org: tuple[int, int],
    fontFace: int,  # noqa: N803
    fontScale: float,  # noqa: N803
    color: Any,
    thickness: int = 1,
    lineType: int = LINE_8,  # noqa: N803
    bottomLeftOrigin: bool = False,  # noqa: N803
) -> Image:
    """Draw text with a Hershey font on ``img`` in place, as ``cv2.putText``."""
    if not isinstance(text, str):
        raise TypeError(f"putText(): 'text' must be a str, got {type(text).__name__}")
    point = _point("putText", "org", org)
    color_value = _scalar("putText", "color", color)
    args = (text, point, int(fontFace), float(fontScale), color_value, int(thickness))
    return _draw("putText", img, *args, int(lineType), bool(bottomLeftOrigin))


# -- image files (Pillow: opencv.js has no codecs) ------------------------


def _codecs() -> ModuleType:
    """:mod:`image_codecs`, with Pillow loaded into the kernel on first use."""
    _js.ensure_package("pillow", "PIL")
    return image_codecs


def _encoded(func: str, ext: str, img: Image, params: Any) -> bytes:
    img = _check_image(func, "img", img)
    if params is not None and not all(isinstance(p, (int, np.integer)) for p in params):
        raise TypeError(f"{func}(): 'params' must be a list of ints, got {params!r:.60}")
    try:
        encoded: bytes = _codecs().encode(ext, img, [int(p) for p in params or ()])
        return encoded
    except (image_codecs.UnknownFormatError, ValueError) as err:
        raise error(f"{func}(): {err}") from None


def imread(filename: str, flags: int = IMREAD_COLOR) -> Image | None:
    """Read an image file from the kernel's file system, as ``cv2.imread``.

    Returns BGR (or per ``flags``, see :func:`imdecode`); None when the file
    is missing or not an image, as cv2 does.
    """
    if not isinstance(filename, (str, os.PathLike)):
        raise TypeError(f"imread(): 'filename' must be a str path, got {type(filename).__name__}")
    try:
        with open(filename, "rb") as image_file:
            data = image_file.read()
    except OSError:
        warnings.warn(
            f"imread('{os.fspath(filename)}'): can't open/read file. "
            + hints.missing_file_hint(filename),
            stacklevel=2,
        )
        return None
    decoded: Image | None = _codecs().decode(data, int(flags))
    return decoded


def imdecode(buf: Any, flags: int) -> Image | None:
    """Decode an image held in memory, as ``cv2.imdecode``; None if it is not one.

    ``flags``: ``IMREAD_COLOR`` (BGR), ``IMREAD_GRAYSCALE``, ``IMREAD_UNCHANGED``
    (alpha and 16-bit kept), ``IMREAD_COLOR_RGB``, ``IMREAD_ANYDEPTH``,
    ``IMREAD_ANYCOLOR``, ``IMREAD_IGNORE_ORIENTATION``.
    """
    if isinstance(buf, np.ndarray):
        data = np.ascontiguousarray(buf).tobytes()
    elif isinstance(buf, (bytes, bytearray, memoryview)):
        data = bytes(buf)
    else:
        raise TypeError(
            f"imdecode(): 'buf' must be a numpy array of bytes, got {type(buf).__name__}"
        )
    decoded: Image | None = _codecs().decode(data, int(flags))
    return decoded


def imencode(ext: str, img: Image, params: Sequence[int] | None = None) -> tuple[bool, Image]:
    """Encode an image to memory, as ``cv2.imencode``: ``(True, uint8 1-D array)``."""
    data = _encoded("imencode", ext, img, params)
    return True, np.frombuffer(data, np.uint8).copy()


def imwrite(filename: str, img: Image, params: Sequence[int] | None = None) -> bool:
    """Write an image to the kernel's file system by extension, as ``cv2.imwrite``."""
    if not isinstance(filename, (str, os.PathLike)):
        raise TypeError(f"imwrite(): 'filename' must be a str path, got {type(filename).__name__}")
    data = _encoded("imwrite", os.path.splitext(os.fspath(filename))[1], img, params)
    with open(filename, "wb") as image_file:
        image_file.write(data)
    return True
