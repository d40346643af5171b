"""A cv2-compatible module whose work is done by opencv.js.

Server code that calls ``cv2.resize`` or ``cv2.cvtColor`` runs unchanged:
same names, arguments, defaults, constants and return types as
opencv-python. Pixels cross into opencv.js's heap with one copy and come
back with one copy into a numpy array that owns its memory. The bridge
keeps one input and one output ``cv.Mat`` between calls, reallocated only
when a call's shape or type changes (:func:`release_buffers` frees them).

Bridged so far: resize, cvtColor, GaussianBlur, threshold. Any other cv2
name raises ``NotImplementedError``; the raw opencv.js module stays
reachable as :func:`opencv_js`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np

from . import _js
from ._js import Image

#: The functions this module bridges (the rest of cv2 raises NotImplementedError).
BRIDGED = ("resize", "cvtColor", "GaussianBlur", "threshold")

#: Where the site keeps opencv.js.
OPENCV_JS = "static/portlite/opencv/opencv.js"

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
_DTYPES = {depth: dtype for dtype, depth in DEPTHS.items()}


class error(Exception):  # noqa: N801, N818 - the name opencv-python uses
    """OpenCV's exception, as ``cv2.error``; keeps OpenCV's own message."""


_cv: Any = None

#: Mats kept between calls: allocating and freeing a full image in opencv.js's
#: heap per call costs about as much as copying it. At most one input and one
#: output Mat are kept (the last call's sizes); release_buffers() frees them.
_reused: dict[str, Any] = {}
_call_js: Any = None

#: Calls ``cv[name](...args)``; opencv.js throws C++ exceptions as bare
#: numbers (pointers to cv::Exception), so read OpenCV's message out of them.
_CALL_JS = """(cv, name, args) => {
  try { return cv[name](...args); }
  catch (e) { throw new Error(typeof e === "number" ? cv.exceptionFromPtr(e).msg : String(e)); }
}"""


def _call(cv: Any, name: str, *args: Any) -> Any:
    global _call_js
    if _call_js is None:
        _call_js = _js.js_function(_CALL_JS)
    return _call_js(cv, name, _js.js_array(args))


def opencv_js() -> Any:
    """The raw opencv.js module, loaded into the kernel on first use."""
    global _cv
    if _cv is None:
        _js.load_script(_js.site_url(OPENCV_JS))
        # opencv.js's module is a thenable that never settles from Python:
        # wait for its runtime to define cv.Mat instead.
        _js.wait_for("self.cv && self.cv.Mat")
        _cv = _js.global_object("cv")
    return _cv


def __getattr__(name: str) -> Any:
    if name.startswith("__"):
        raise AttributeError(name)
    raise NotImplementedError(
        f"cv2.{name} is not bridged to opencv.js yet; bridged: {', '.join(BRIDGED)}. "
        "portlite.cv2.opencv_js() returns the raw opencv.js module."
    )


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


def _reused_mat(cv: Any, role: str, rows: int = 0, cols: int = 0, mat_type: int = 0) -> Any:
    """The kept Mat for ``role``, reallocated only when its shape or type changes."""
    mat = _reused.get(role)
    if mat is not None and (mat.rows, mat.cols, mat.type()) == (rows, cols, mat_type):
        return mat
    if mat is not None:
        mat.delete()
    mat = _reused[role] = cv.Mat.new(rows, cols, mat_type)
    return mat


def release_buffers() -> None:
    """Free the Mats kept in opencv.js's heap between calls."""
    while _reused:
        _reused.popitem()[1].delete()


def _to_mat(cv: Any, image: Image) -> Any:
    """The kept input Mat, holding ``image``'s pixels (one copy)."""
    contiguous = np.ascontiguousarray(image)  # copies only non-contiguous views
    channels = image.shape[2] if image.ndim == 3 else 1
    mat_type = DEPTHS[image.dtype] + (channels - 1) * 8
    mat = _reused_mat(cv, "input", image.shape[0], image.shape[1], mat_type)
    _js.copy_in(contiguous, cv, mat.data.byteOffset)
    return mat


def _from_mat(cv: Any, mat: Any) -> Image:
    """A numpy array that owns a copy of ``mat``'s pixels (one copy)."""
    mat_type, channels = mat.type(), mat.channels()
    dtype = _DTYPES[mat_type % 8]
    shape = (mat.rows, mat.cols) if channels == 1 else (mat.rows, mat.cols, channels)
    out = np.empty(shape, dtype)
    _js.copy_out(cv, mat.data.byteOffset, out)
    return out


@contextmanager
def _opencv_errors(func: str) -> Iterator[None]:
    """Turn an exception thrown inside opencv.js into ``cv2.error``."""
    try:
        yield
    except _js.JsException as err:
        raise error(f"{func}(): {str(err).removeprefix('Error: ')}") from None


def _size(func: str, arg: str, value: Any) -> tuple[int, int]:
    if (
        not isinstance(value, (tuple, list))
        or len(value) != 2
        or not all(isinstance(v, (int, np.integer)) and v >= 0 for v in value)
    ):
        raise TypeError(
            f"{func}(): '{arg}' must be a (width, height) pair of ints >= 0, got {value!r}"
        )
    return int(value[0]), int(value[1])


def _apply(func: str, src: Image, *args: Any) -> tuple[Any, Image]:
    """Run ``cv[func](src, dst, *args)`` on a copy of ``src``; return its value and ``dst``."""
    cv = opencv_js()
    with _opencv_errors(func):
        mat_in = _to_mat(cv, src)
        # opencv's create() reuses the output's memory when the result's
        # shape and type are those of the last call.
        if "output" not in _reused:
            _reused["output"] = cv.Mat.new()
        mat_out = _reused["output"]
        retval = _call(cv, func, mat_in, mat_out, *args)
        return retval, _from_mat(cv, mat_out)


def _no_dst(func: str, dst: Any) -> None:
    if dst is not None:
        raise NotImplementedError(f"{func}(): 'dst' is not supported yet; use the return value")


# -- bridged functions ---------------------------------------------------


def resize(
    src: Image,
    dsize: tuple[int, int] | None,
    dst: None = None,
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
    _no_dst("resize", dst)
    if (width == 0 or height == 0) and (fx <= 0 or fy <= 0):
        raise ValueError("resize(): give 'dsize' > 0 or both 'fx' and 'fy' > 0")
    size = opencv_js().Size.new(width, height)
    return _apply("resize", src, size, fx, fy, interpolation)[1]


def cvtColor(src: Image, code: int, dst: None = None, dstCn: int = 0) -> Image:  # noqa: N802,N803
    """Convert between colour spaces, as ``cv2.cvtColor``.

    Copies the pixels once into opencv.js and once back.
    """
    src = _check_image("cvtColor", "src", src)
    _no_dst("cvtColor", dst)
    return _apply("cvtColor", src, int(code), int(dstCn))[1]


def GaussianBlur(  # noqa: N802
    src: Image,
    ksize: tuple[int, int],
    sigmaX: float,  # noqa: N803
    dst: None = None,
    sigmaY: float = 0,  # noqa: N803
    borderType: int = BORDER_DEFAULT,  # noqa: N803
) -> Image:
    """Blur with a Gaussian kernel, as ``cv2.GaussianBlur``.

    Copies the pixels once into opencv.js and once back.
    """
    src = _check_image("GaussianBlur", "src", src)
    width, height = _size("GaussianBlur", "ksize", ksize)
    _no_dst("GaussianBlur", dst)
    size = opencv_js().Size.new(width, height)
    return _apply("GaussianBlur", src, size, float(sigmaX), float(sigmaY), borderType)[1]


def threshold(
    src: Image,
    thresh: float,
    maxval: float,
    type: int,
    dst: None = None,  # noqa: A002
) -> tuple[float, Image]:
    """Apply a fixed-level threshold, as ``cv2.threshold``.

    Returns
    -------
    tuple
        ``(retval, dst)``: the threshold used (Otsu's when ``THRESH_OTSU`` is
        set) and the thresholded image.
    """
    src = _check_image("threshold", "src", src)
    _no_dst("threshold", dst)
    retval, image = _apply("threshold", src, float(thresh), float(maxval), int(type))
    return float(retval), image
