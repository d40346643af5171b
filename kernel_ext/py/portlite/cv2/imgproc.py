"""cv2 functions bridged by hand: the ones whose conventions the table cannot state.

Each says why in :data:`portlite.cv2._hand_written.REASONS`.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import numpy as np

from .._js import Image
from . import _marshal, _runtime, _table
from ._checks import _check_image, _no_dst
from ._runtime import error

__all__ = [
    "accumulate",
    "accumulateProduct",
    "accumulateSquare",
    "accumulateWeighted",
    "CamShift",
    "clipLine",
    "connectedComponentsWithAlgorithm",
    "connectedComponentsWithStatsWithAlgorithm",
    "cornerSubPix",
    "floodFill",
    "getDerivKernels",
    "getGaborKernel",
    "getGaussianKernel",
    "getTextSize",
    "HuMoments",
    "boxPoints",
    "linearPolar",
    "logPolar",
    "meanShift",
    "merge",
    "minEnclosingCircle",
    "minMaxLoc",
    "split",
]

_REQUIRED = "@required"


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


def boxPoints(box: Any, points: None = None) -> Image:
    """The 4 corners of a rotated rectangle as float32 (4, 2), as ``cv2.boxPoints``."""
    _no_dst("boxPoints", points, "points")
    try:
        (cx, cy), (width, height), angle = box
        values = [float(v) for v in (cx, cy, width, height, angle)]
    except (TypeError, ValueError):
        raise TypeError(
            f"boxPoints(): 'box' must be ((cx, cy), (width, height), angle), got {box!r:.80}"
        ) from None
    box = ((values[0], values[1]), (values[2], values[3]), values[4])
    args = (("box", "RotatedRect", "in", _REQUIRED),)
    # opencv.js returns the corners as 4 {x, y} objects (float32 values, exact as floats).
    corners = _marshal.run_own("boxPoints", "boxPoints", args, (box,))
    return np.array([[corner["x"], corner["y"]] for corner in corners], np.float32)


def minMaxLoc(src: Image, mask: Image | None = None) -> tuple[float, float, Any, Any]:
    """The smallest and largest values and where they are, as ``cv2.minMaxLoc``.

    Returns
    -------
    tuple
        ``(minVal, maxVal, minLoc, maxLoc)``, the locations as ``(x, y)``.
    """
    args = (("src", "Mat", "in", _REQUIRED), ("mask", "Mat", "in", None))
    found = _marshal.run_own("minMaxLoc", "minMaxLoc", args, (src, mask))
    low, high = found["minLoc"], found["maxLoc"]
    return (float(found["minVal"]), float(found["maxVal"]), (int(low["x"]), int(low["y"])),
            (int(high["x"]), int(high["y"])))  # fmt: skip


def minEnclosingCircle(points: Image) -> tuple[tuple[float, float], float]:
    """The smallest circle around a point set, as ``cv2.minEnclosingCircle``: ``((x, y), r)``."""
    args = (("points", "Mat", "in", _REQUIRED),)
    found = _marshal.run_own("minEnclosingCircle", "minEnclosingCircle", args, (points,))
    center = found["center"]
    return (float(center["x"]), float(center["y"])), float(found["radius"])


def HuMoments(m: dict[str, float], hu: Image | None = None) -> Image:
    """The seven Hu invariants of ``cv2.moments``'s dict, as ``cv2.HuMoments``: (7, 1) float64."""
    args = (("m", "Moments", "in", _REQUIRED), ("hu", "Mat", "out", _REQUIRED))
    _found, arrays = _marshal.run_own("HuMoments", "HuMoments", args, (m, hu), arrays=True)
    out: Image = arrays[0]
    if isinstance(hu, np.ndarray) and hu.shape == out.shape and hu.dtype == out.dtype:
        hu[...] = out
        return hu
    return out


#: meanShift's and CamShift's arguments, as opencv.js takes them.
_SHIFT_ARGS = (
    ("probImage", "Mat", "in", _REQUIRED),
    ("window", "Rect", "in", _REQUIRED),
    ("criteria", "TermCriteria", "in", _REQUIRED),
)


def meanShift(probImage: Image, window: Any, criteria: Any) -> tuple[int, tuple[int, ...]]:
    """Move ``window`` to the densest part of ``probImage``, as ``cv2.meanShift``.

    Returns
    -------
    tuple
        ``(iterations, (x, y, width, height))``: the window where it stopped.
    """
    found = _marshal.run_own("meanShift", "meanShift", _SHIFT_ARGS, (probImage, window, criteria))
    return int(found[0]), _marshal.returned("Rect", found[1])


def CamShift(probImage: Image, window: Any, criteria: Any) -> tuple[Any, tuple[int, ...]]:
    """Track an object's rotated box in ``probImage``, as ``cv2.CamShift``.

    Returns
    -------
    tuple
        ``(((cx, cy), (width, height), angle), (x, y, width, height))``: the
        rotated box found, and the window for the next frame.
    """
    found = _marshal.run_own("CamShift", "CamShift", _SHIFT_ARGS, (probImage, window, criteria))
    return _marshal.returned("RotatedRect", found[0]), _marshal.returned("Rect", found[1])


_FLOOD_ARGS = (
    ("image", "Mat", "io", _REQUIRED),
    ("mask", "Mat", "io", _REQUIRED),
    ("seedPoint", "Point", "in", _REQUIRED),
    ("newVal", "Scalar", "in", _REQUIRED),
    ("rect", "Rect", "in", _REQUIRED),
    ("loDiff", "Scalar", "in", _REQUIRED),
    ("upDiff", "Scalar", "in", _REQUIRED),
    ("flags", "int", "in", _REQUIRED),
)


def floodFill(
    image: Image,
    mask: Image | None,
    seedPoint: Any,
    newVal: Any,
    loDiff: Any = None,
    upDiff: Any = None,
    flags: int = 4,
) -> tuple[int, Image, Image, tuple[int, int, int, int]]:
    """Fill the connected region around ``seedPoint``, in place, as ``cv2.floodFill``.

    ``mask`` is None or a uint8 array two pixels larger than ``image`` each
    way (the filled pixels are marked in it, also in place).

    Returns
    -------
    tuple
        ``(area, image, mask, (x, y, width, height))``: the number of pixels
        filled, the same image, the mask (a new one when ``mask`` was None,
        as opencv-python returns it) and the filled region's bounding box.
    """
    if not isinstance(image, np.ndarray) or image.ndim not in (2, 3):
        raise error(f"floodFill(): argument 'image' must be an image array, got {image!r}")
    height, width = image.shape[:2]
    marks = np.zeros((height + 2, width + 2), np.uint8) if mask is None else mask
    if (
        not isinstance(marks, np.ndarray)
        or marks.shape != (height + 2, width + 2)
        or (marks.dtype != np.uint8)
    ):
        raise error(
            f"floodFill(): argument 'mask' must be None or uint8 of shape "
            f"{(height + 2, width + 2)} (the image's plus 2 each way), got "
            f"{getattr(marks, 'dtype', type(marks).__name__)} {getattr(marks, 'shape', '')}"
        )
    before = marks.copy()
    low = (0.0,) * 4 if loDiff is None else loDiff
    high = (0.0,) * 4 if upDiff is None else upDiff
    values = (image, marks, seedPoint, newVal, (0, 0, 0, 0), low, high, flags)
    area, (filled, marked) = _marshal.run_own(
        "floodFill", "floodFill", _FLOOD_ARGS, values, arrays=True
    )
    image[...] = filled.reshape(image.shape)
    marks[...] = marked
    # opencv.js drops the rect output: it is the box of the pixels this call
    # marked inside the mask's one-pixel frame (OpenCV marks the frame too).
    rows, cols = np.nonzero(marks[1:-1, 1:-1] != before[1:-1, 1:-1])
    rect = (0, 0, 0, 0)
    if rows.size:
        rect = (int(cols.min()), int(rows.min()),
                int(cols.max() - cols.min()) + 1, int(rows.max() - rows.min()) + 1)  # fmt: skip
    return int(area), image, marks, rect


def _truncated(value: float) -> int:
    """C's cast of a double to an integer: toward zero."""
    return int(value)


def _clip_to_size(
    width: int, height: int, x1: int, y1: int, x2: int, y2: int
) -> tuple[bool, int, int, int, int]:
    """OpenCV's ``clipLine(Size2l, Point2l&, Point2l&)``: Cohen-Sutherland on integers.

    The same steps and the same truncation of each intersection (a double
    cast to int64), so the clipped ends are OpenCV's to the pixel.
    """
    if width <= 0 or height <= 0:
        return False, x1, y1, x2, y2
    right, bottom = width - 1, height - 1

    def code(x: int, y: int) -> int:
        return (x < 0) + (x > right) * 2 + (y < 0) * 4 + (y > bottom) * 8

    c1, c2 = code(x1, y1), code(x2, y2)
    if (c1 & c2) == 0 and (c1 | c2) != 0:
        if c1 & 12:
            a = 0 if c1 < 8 else bottom
            x1 += _truncated(float(a - y1) * (x2 - x1) / (y2 - y1))
            y1 = a
            c1 = (x1 < 0) + (x1 > right) * 2
        if c2 & 12:
            a = 0 if c2 < 8 else bottom
            x2 += _truncated(float(a - y2) * (x2 - x1) / (y2 - y1))
            y2 = a
            c2 = (x2 < 0) + (x2 > right) * 2
        if (c1 & c2) == 0 and (c1 | c2) != 0:
            if c1:
                a = 0 if c1 == 1 else right
                y1 += _truncated(float(a - x1) * (y2 - y1) / (x2 - x1))
                x1 = a
                c1 = 0
            if c2:
                a = 0 if c2 == 1 else right
                y2 += _truncated(float(a - x2) * (y2 - y1) / (x2 - x1))
                x2 = a
                c2 = 0
    return (c1 | c2) == 0, x1, y1, x2, y2


def clipLine(imgRect: Any, pt1: Any, pt2: Any) -> tuple[bool, tuple[int, int], tuple[int, int]]:
    """Clip the segment ``pt1``-``pt2`` to the rectangle ``imgRect``, as ``cv2.clipLine``.

    Parameters
    ----------
    imgRect : tuple of 4 int
        ``(x, y, width, height)``.
    pt1, pt2 : tuple of 2 int
        The segment's ends.

    Returns
    -------
    tuple
        ``(retval, pt1, pt2)``: False when the segment lies wholly outside
        the rectangle, and the clipped ends (unchanged ends when outside).
    """
    rect = _marshal.parsed("clipLine", "imgRect", "Rect", imgRect)
    x, y = rect["x"], rect["y"]
    start = _marshal.parsed("clipLine", "pt1", "Point", pt1)
    end = _marshal.parsed("clipLine", "pt2", "Point", pt2)
    inside, x1, y1, x2, y2 = _clip_to_size(
        rect["width"], rect["height"], start["x"] - x, start["y"] - y, end["x"] - x, end["y"] - y
    )
    return inside, (x1 + x, y1 + y), (x2 + x, y2 + y)


def _glyph_codes(text: bytes, face: int) -> list[int]:
    """The glyph code of each character of UTF-8 ``text``, as OpenCV's ``readCheck`` reads
    them: printable ASCII, Cyrillic for FONT_HERSHEY_COMPLEX, and '?' for anything else."""
    codes, i = [], 0

    def at(j: int) -> int:  # std::string reads '\0' at its end
        return text[j] if j < len(text) else 0

    while i < len(text):
        code, low, high = text[i], 32, 127
        if code >= 0x80 and face == _table.CONSTANTS["FONT_HERSHEY_COMPLEX"]:  # Cyrillic glyphs
            if code == 0xD0 and 0x90 <= at(i + 1) <= 0xBF:
                i += 1
                code, low, high = text[i] - 17, 127, 175
            elif code == 0xD1 and 0x80 <= at(i + 1) <= 0x8F:
                i += 1
                code, low, high = text[i] + 47, 175, 191
            else:
                for lead in (0xC0, 0xE0, 0xF0, 0xF8, 0xFC):  # skip the sequence's bytes
                    if code >= lead and at(i + 1) != 0:
                        i += 1
                code = ord("?")
        codes.append(code if low <= code < high else ord("?"))
        i += 1
    return codes


def getTextSize(
    text: str, fontFace: int, fontScale: float, thickness: int
) -> tuple[tuple[int, int], int]:
    """The size of ``text`` as ``cv2.putText`` would draw it, as ``cv2.getTextSize``.

    opencv.js does not bind it; the Hershey fonts' metrics (read off
    opencv-python, :data:`._table.FONT_METRICS`) are added up with OpenCV's
    arithmetic and rounding.

    Parameters
    ----------
    text : str
        The text.
    fontFace : int
        A ``cv2.FONT_HERSHEY_*`` face, optionally ``| cv2.FONT_ITALIC``.
    fontScale : float
        The scale factor putText would use.
    thickness : int
        The stroke thickness putText would use.

    Returns
    -------
    tuple
        ``((width, height), baseline)``: the box above the baseline, and
        the baseline's distance from the text's lowest point.
    """
    text = _marshal.argument("getTextSize", "text", "str", text)
    face = _marshal.argument("getTextSize", "fontFace", "int", fontFace)
    scale = _marshal.argument("getTextSize", "fontScale", "float", fontScale)
    thickness = _marshal.argument("getTextSize", "thickness", "int", thickness)
    if face not in _table.FONT_METRICS:
        raise error(f"getTextSize(): (-211:One of the arguments' values is out of range) "
                    f"Unknown font type {face} in function 'getFontData'")  # fmt: skip
    baseline, cap_line, advances = _table.FONT_METRICS[face]
    height = round((cap_line + baseline) * scale + int((thickness + 1) / 2))
    view_x = 0.0
    for code in _glyph_codes(text.encode("utf-8"), face):
        view_x += advances[code - 32] * scale  # summed in order, as OpenCV does
    return (round(view_x + thickness), height), round(baseline * scale + thickness * 0.5)


def _accumulator(func: str, src: Image, dst: Any, mask: Any) -> tuple[Image, Image, Any]:
    """The checked ``src``, a view of ``dst`` (float32 or float64, src's size and channels,
    written in place) in src's shape, and the mask (True where to add) of the accumulate
    functions."""
    src = _check_image(func, "src", src)
    if not isinstance(dst, np.ndarray) or dst.dtype not in (np.float32, np.float64):
        raise error(
            f"{func}(): (-215:Assertion failed) func != 0 in function '{func}' ('dst' "
            f"must be a float32 or float64 array, got {getattr(dst, 'dtype', dst)!r})"
        )
    if _marshal.mat_geometry(dst.shape) != _marshal.mat_geometry(src.shape):
        raise error(f"{func}(): 'dst' must be a writable array of the source's shape "
                    f"{src.shape}, got {dst.shape}")  # fmt: skip
    if not dst.flags.writeable:
        raise error(f"{func}(): 'dst' must be a writable array (it accumulates in place)")
    # OpenCV's accumulators: 8u and 16u into 32f or 64f, 32f into 32f or 64f, 64f into 64f
    narrowing = src.dtype == np.float64 and dst.dtype == np.float32
    if src.dtype not in (np.uint8, np.uint16, np.float32, np.float64) or narrowing:
        raise error(f"{func}(): (-215:Assertion failed) func != 0 in function '{func}' (no "
                    f"accumulator adds {src.dtype} into {dst.dtype}: 'src' must be uint8, "
                    f"uint16, float32 or float64, and no wider than 'dst')")  # fmt: skip
    where: Any = True
    if mask is not None:
        mask = _check_image(func, "mask", mask)
        if mask.dtype != np.uint8 or mask.shape[:2] != src.shape[:2] or mask.ndim != 2:
            raise error(f"{func}(): 'mask' must be a uint8 HxW array of the source's size, got "
                        f"{mask.dtype} {mask.shape}")  # fmt: skip
        where = (mask != 0)[..., None] if src.ndim == 3 else mask != 0
    return src, dst.reshape(src.shape), where


def accumulate(src: Image, dst: Image, mask: Image | None = None) -> Image:
    """Add ``src`` to the float accumulator ``dst`` in place, as ``cv2.accumulate`` (numpy,
    in dst's precision)."""
    src, total, where = _accumulator("accumulate", src, dst, mask)
    np.add(total, src.astype(total.dtype), out=total, where=where)
    return dst


def accumulateSquare(src: Image, dst: Image, mask: Image | None = None) -> Image:
    """Add ``src`` squared to ``dst`` in place, as ``cv2.accumulateSquare``."""
    src, total, where = _accumulator("accumulateSquare", src, dst, mask)
    value = src.astype(total.dtype)
    np.add(total, value * value, out=total, where=where)
    return dst


def accumulateProduct(src1: Image, src2: Image, dst: Image, mask: Image | None = None) -> Image:
    """Add ``src1 * src2`` to ``dst`` in place, as ``cv2.accumulateProduct``."""
    src1, total, where = _accumulator("accumulateProduct", src1, dst, mask)
    src2 = _check_image("accumulateProduct", "src2", src2)
    if src2.shape != src1.shape or src2.dtype != src1.dtype:
        raise error("accumulateProduct(): 'src2' must have src1's shape and dtype "
                    f"({src1.shape} {src1.dtype}), got {src2.shape} {src2.dtype}")  # fmt: skip
    product = src1.astype(total.dtype) * src2.astype(total.dtype)
    np.add(total, product, out=total, where=where)
    return dst


def accumulateWeighted(src: Image, dst: Image, alpha: float, mask: Image | None = None) -> Image:
    """The running average ``dst = (1 - alpha) * dst + alpha * src`` in place, as
    ``cv2.accumulateWeighted`` (numpy, in dst's precision: OpenCV's fused multiply-adds
    may round the last bit otherwise)."""
    src, total, where = _accumulator("accumulateWeighted", src, dst, mask)
    weight = total.dtype.type(_marshal.argument("accumulateWeighted", "alpha", "float", alpha))
    blended = total * (total.dtype.type(1) - weight) + src.astype(total.dtype) * weight
    np.copyto(total, blended, where=where)
    return dst


def _float_ktype(func: str, ktype: Any, asserted_in: str = "") -> Any:
    """The numpy type of a kernel's ``ktype`` (CV_32F or CV_64F, as OpenCV asserts in
    ``asserted_in``, by default ``func`` itself)."""
    ktype = _marshal.argument(func, "ktype", "int", ktype)
    if ktype not in (_table.CONSTANTS["CV_32F"], _table.CONSTANTS["CV_64F"]):
        raise error(f"{func}(): (-215:Assertion failed) ktype == CV_32F || ktype == CV_64F in "
                    f"function '{asserted_in or func}' (got {ktype})")  # fmt: skip
    return _runtime.DTYPES[ktype].type


def _even_gaussian(n: int, sigma: float) -> list[float]:
    """OpenCV's getGaussianKernelBitExact for an even ``n``, in Python floats (its exp is
    a soft-float one: a value may differ in the last bits)."""
    if sigma <= 0:  # OpenCV's mulAdd(n, 0.15, 0.35), rounded once
        sigma = float(n * Fraction(0.15) + Fraction(0.35))
    scale = -0.125 / (sigma * sigma)
    half = (n - 1) // 2
    values = [math.exp(float((1 - n + 2 * i) ** 2) * scale) for i in range(half)]
    inverse = 1.0 / (2.0 * sum(values) + 2.0)  # OpenCV's sum: the centre pair counts 1 each
    kernel = [v * inverse for v in values]
    return kernel + [inverse, inverse] + kernel[::-1]


def getGaussianKernel(ksize: int, sigma: float, ktype: int = 6) -> Image:
    """The ``ksize`` x 1 Gaussian kernel, as ``cv2.getGaussianKernel``.

    An odd size is read off the bridged ``GaussianBlur`` of a unit impulse:
    OpenCV blurs a float64 image with exactly this kernel, so it comes back
    bit for bit. An even size (no blur takes one) follows OpenCV's steps in
    Python.
    """
    n = _marshal.argument("getGaussianKernel", "ksize", "int", ksize)
    sigma = _marshal.argument("getGaussianKernel", "sigma", "float", sigma)
    dtype = _float_ktype("getGaussianKernel", ktype)
    if n <= 0:
        raise error("getGaussianKernel(): (-215:Assertion failed) n > 0 in function "
                    f"'getGaussianKernelBitExact' (ksize {n})")  # fmt: skip
    if n % 2:
        impulse = np.zeros((1, 2 * n - 1))
        impulse[0, n - 1] = 1.0
        blurred = _marshal.installed("GaussianBlur")(
            impulse, (n, 1), sigma, borderType=_table.CONSTANTS["BORDER_CONSTANT"]
        )
        kernel: Image = blurred[0, n // 2 : n // 2 + n]
    else:
        kernel = np.array(_even_gaussian(n, sigma))
    return kernel.reshape(n, 1).astype(dtype)


def _derivative_taps(order: int, size: int) -> list[int]:
    """OpenCV's integer Sobel taps of one derivative ``order`` over ``size`` pixels: the
    binomial smoothing row, differenced ``order`` times."""
    if size == 1:
        return [1]
    if size == 3:
        return [[1, 2, 1], [-1, 0, 1], [1, -2, 1]][order]
    taps = [1] + [0] * size
    for _ in range(size - order - 1):
        taps = [taps[0]] + [taps[j] + taps[j - 1] for j in range(1, size)] + [taps[size]]
    for _ in range(order):
        taps = [-taps[0]] + [taps[j - 1] - taps[j] for j in range(1, size)] + [taps[size]]
    return taps[:size]


def getDerivKernels(dx: int, dy: int, ksize: int, kx: Any = None, ky: Any = None,
                    normalize: bool = False, ktype: int = 5) -> tuple[Image, Image]:  # fmt: skip
    """The separable Sobel (or, for ``ksize`` <= 0, Scharr) kernels of the derivative
    (``dx``, ``dy``), as ``cv2.getDerivKernels``: OpenCV's integer taps, scaled by
    ``1 / 2**(ksize - order - 1)`` when ``normalize``."""
    func = "getDerivKernels"
    orders = (_marshal.argument(func, "dx", "int", dx), _marshal.argument(func, "dy", "int", dy))
    size = _marshal.argument(func, "ksize", "int", ksize)
    scaled = bool(_marshal.argument(func, "normalize", "bool", normalize))
    dtype = _float_ktype(func, ktype, "getScharrKernels" if size <= 0 else "getSobelKernels")
    kernels = []
    if size <= 0:  # Scharr: 3 taps, one first derivative
        if min(orders) < 0 or sum(orders) != 1:
            raise error(f"{func}(): (-215:Assertion failed) dx >= 0 && dy >= 0 && dx+dy == 1 "
                        f"in function 'getScharrKernels' (dx, dy = {orders})")  # fmt: skip
        for order in orders:
            taps = [-1, 0, 1] if order else [3, 10, 3]
            kernels.append(np.array(taps, np.float64) * (1 / 32 if scaled and not order else 1))
    else:
        if size % 2 == 0 or size > 31:
            raise error(f"{func}(): (-211:One of the arguments' values is out of range) The "
                        f"kernel size must be odd and not larger than 31 in function "
                        f"'getSobelKernels' (got {size})")  # fmt: skip
        if min(orders) < 0 or sum(orders) <= 0:
            raise error(f"{func}(): (-215:Assertion failed) dx >= 0 && dy >= 0 && dx+dy > 0 "
                        f"in function 'getSobelKernels' (dx, dy = {orders})")  # fmt: skip
        for order in orders:
            taps_size = 3 if size == 1 and order > 0 else size
            if taps_size <= order:
                raise error(f"{func}(): (-215:Assertion failed) ksize > order in function "
                            f"'getSobelKernels' (ksize {taps_size}, order {order})")  # fmt: skip
            scale = 1 / (1 << (taps_size - order - 1)) if scaled else 1.0
            kernels.append(np.array(_derivative_taps(order, taps_size), np.float64) * scale)
    first, second = (
        _marshal.landed(kernel.reshape(-1, 1).astype(dtype),
                        given if isinstance(given, np.ndarray) else None, "out")
        for kernel, given in zip(kernels, (kx, ky), strict=True)
    )  # fmt: skip
    return first, second


_warp_polar = _marshal.bridge("linearPolar", _table.FUNCTIONS["warpPolar"])
_log_warp_polar = _marshal.bridge("logPolar", _table.FUNCTIONS["warpPolar"])


def linearPolar(src: Image, center: Any, maxRadius: float, flags: int,
                dst: Image | None = None) -> Image:  # fmt: skip
    """Remap an image to polar coordinates, as ``cv2.linearPolar`` (deprecated in OpenCV):
    OpenCV's own ``warpPolar`` at ``src``'s size, without ``WARP_POLAR_LOG``."""
    flags = _marshal.argument("linearPolar", "flags", "int", flags)
    image = _check_image("linearPolar", "src", src)
    size = (image.shape[1], image.shape[0])
    log = _table.CONSTANTS["WARP_POLAR_LOG"]
    polar: Image = _warp_polar(image, size, center, maxRadius, flags & ~log, dst)
    return polar


def logPolar(src: Image, center: Any, M: float, flags: int, dst: Image | None = None) -> Image:
    """Remap an image to log-polar coordinates, as ``cv2.logPolar`` (deprecated in
    OpenCV): OpenCV's own ``warpPolar`` at ``src``'s size with ``WARP_POLAR_LOG`` and a
    radius of ``exp(width / M)`` (1 when ``M`` <= 0)."""
    flags = _marshal.argument("logPolar", "flags", "int", flags)
    magnitude = _marshal.argument("logPolar", "M", "float", M)
    image = _check_image("logPolar", "src", src)
    size = (image.shape[1], image.shape[0])
    radius = math.exp(image.shape[1] / magnitude) if magnitude > 0 else 1.0
    log = _table.CONSTANTS["WARP_POLAR_LOG"]
    polar: Image = _log_warp_polar(image, size, center, radius, flags | log, dst)
    return polar


#: OpenCV's labelling algorithms (cv2.CCL_*), by number.
_CCL_TYPES = frozenset(
    _table.CONSTANTS[f"CCL_{name}"]
    for name in ("DEFAULT", "WU", "GRANA", "BOLELLI", "SAUF", "BBDT", "SPAGHETTI")
)
#: The ones that scan pixel by pixel: with 8-connectivity they number components in the
#: order of each one's first pixel, where the default (block-based) one may not.
_CCL_PIXEL_SCANS = frozenset((_table.CONSTANTS["CCL_WU"], _table.CONSTANTS["CCL_SAUF"]))

_components = _marshal.bridge(
    "connectedComponentsWithAlgorithm", _table.FUNCTIONS["connectedComponents"]
)
_components_with_stats = _marshal.bridge(
    "connectedComponentsWithStatsWithAlgorithm", _table.FUNCTIONS["connectedComponentsWithStats"]
)


def _labelled(func: str, connectivity: Any, ccltype: Any,
              label: Callable[..., tuple[Any, ...]]) -> tuple[Any, ...]:  # fmt: skip
    """The bridged default labelling ``label(connectivity=...)``, numbered as ``ccltype`` does.

    Every algorithm finds the same components; Wu's and SAUF (pixel scans) number
    them, under 8-connectivity, by their first pixel in row order, so the default's
    labels, stats and centroids are renumbered so, in place.
    """
    connectivity = _marshal.argument(func, "connectivity", "int", connectivity)
    ccltype = _marshal.argument(func, "ccltype", "int", ccltype)
    found = label(connectivity=connectivity)  # OpenCV checks ltype and connectivity before ccltype
    if ccltype not in _CCL_TYPES:
        raise error(f"{func}(): (-215:Assertion failed) ccltype == CCL_SPAGHETTI || ... || "
                    f"ccltype == CCL_DEFAULT in function 'connectedComponents_sub1' "
                    f"(got {ccltype})")  # fmt: skip
    if connectivity != 8 or ccltype not in _CCL_PIXEL_SCANS:
        return found
    count, labels, *tables = found
    present, first = np.unique(labels, return_index=True)
    components = present > 0
    renumbered = np.zeros(count, labels.dtype)
    in_row_order = present[components][np.argsort(first[components], kind="stable")]
    renumbered[in_row_order] = np.arange(1, len(in_row_order) + 1)
    labels[...] = renumbered[labels]
    for table in tables:  # one row per label
        table[renumbered] = table.copy()
    return (count, labels, *tables)


def connectedComponentsWithAlgorithm(image: Image, connectivity: int, ltype: int, ccltype: int,
                                     labels: Image | None = None) -> tuple[int, Image]:  # fmt: skip
    """Label the connected components of ``image``, as
    ``cv2.connectedComponentsWithAlgorithm``: ``(count, labels)``, numbered as the
    algorithm ``ccltype`` numbers them (see :func:`_labelled`)."""

    found = _labelled(
        "connectedComponentsWithAlgorithm", connectivity, ccltype,
        lambda connectivity: _components(image, labels, connectivity, ltype),
    )  # fmt: skip
    return found[0], found[1]


def connectedComponentsWithStatsWithAlgorithm(
    image: Image, connectivity: int, ltype: int, ccltype: int, labels: Image | None = None,
    stats: Image | None = None, centroids: Image | None = None,
) -> tuple[int, Image, Image, Image]:  # fmt: skip
    """Label the connected components of ``image`` with their stats and centroids, as
    ``cv2.connectedComponentsWithStatsWithAlgorithm``, numbered as the algorithm
    ``ccltype`` numbers them (see :func:`_labelled`)."""
    found = _labelled(
        "connectedComponentsWithStatsWithAlgorithm", connectivity, ccltype,
        lambda connectivity: _components_with_stats(image, labels, stats, centroids,
                                                    connectivity, ltype),
    )  # fmt: skip
    return found[0], found[1], found[2], found[3]


def getGaborKernel(ksize: Any, sigma: float, theta: float, lambd: float, gamma: float,
                   psi: float = math.pi * 0.5, ktype: int = 6) -> Image:  # fmt: skip
    """A Gabor filter kernel, as ``cv2.getGaborKernel``: OpenCV's formula, term for term
    (its exp and cos from the C library: a value may differ in the last bit)."""
    func = "getGaborKernel"
    width, height = _marshal.argument(func, "ksize", "Size", ksize).values()
    sigma, theta, lambd, gamma, psi = (
        _marshal.argument(func, name, "float", value)
        for name, value in (("sigma", sigma), ("theta", theta), ("lambd", lambd),
                            ("gamma", gamma), ("psi", psi))
    )  # fmt: skip
    dtype = _float_ktype(func, ktype)
    sigma_x, sigma_y = sigma, sigma / gamma
    c, s = math.cos(theta), math.sin(theta)
    xmax = width // 2 if width > 0 else round(max(abs(3 * sigma_x * c), abs(3 * sigma_y * s)))
    ymax = height // 2 if height > 0 else round(max(abs(3 * sigma_x * s), abs(3 * sigma_y * c)))
    ex, ey = -0.5 / (sigma_x * sigma_x), -0.5 / (sigma_y * sigma_y)
    cscale = math.pi * 2 / lambd
    kernel = np.empty((2 * ymax + 1, 2 * xmax + 1), dtype)
    for y in range(-ymax, ymax + 1):
        for x in range(-xmax, xmax + 1):
            xr, yr = x * c + y * s, -x * s + y * c
            value = math.exp(ex * xr * xr + ey * yr * yr) * math.cos(cscale * xr + psi)
            kernel[ymax - y, xmax - x] = value
    return kernel


def _subpixel_weights(win: tuple[int, int], zero_zone: tuple[int, int]) -> Image:
    """cornerSubPix's Gaussian window (float32, its expf), zero in the dead zone."""
    width, height = win
    ys = (np.arange(2 * height + 1, dtype=np.float32) - np.float32(height)) / np.float32(height)
    xs = (np.arange(2 * width + 1, dtype=np.float32) - np.float32(width)) / np.float32(width)
    weights: Image = np.exp(-ys * ys)[:, None] * np.exp(-xs * xs)[None, :]
    dead_w, dead_h = zero_zone
    if 0 <= dead_w < width and 0 <= dead_h < height:  # OpenCV: 2 * zone + 1 < 2 * win + 1
        weights[height - dead_h : height + dead_h + 1, width - dead_w : width + dead_w + 1] = 0
    return weights


def _inside(x: np.float32, y: np.float32, cols: int, rows: int) -> bool:
    """Rect(0, 0, cols, rows).contains(Point2f): OpenCV rounds the point to ints first."""
    return 0 <= round(float(x)) < cols and 0 <= round(float(y)) < rows


def cornerSubPix(image: Image, corners: Image, winSize: Any, zeroZone: Any,
                 criteria: Any) -> Image:  # fmt: skip
    """Refine corner positions to sub-pixel accuracy in place, as ``cv2.cornerSubPix``.

    OpenCV's iteration step for step: the window's gradients from the
    bridged ``getRectSubPix``, its sums in double in its order, its float32
    positions and its stopping rules. Its window weights use numpy's expf,
    which may differ from the C library's in the last bit.
    """
    func = "cornerSubPix"
    src = _check_image(func, "image", image, max_channels=1)
    if not isinstance(corners, np.ndarray) or corners.dtype != np.float32 or corners.size % 2:
        raise error(f"{func}(): (-215:Assertion failed) count >= 0 in function '{func}' "
                    "('corners' must be a float32 array of (x, y) points)")  # fmt: skip
    win = tuple(_marshal.argument(func, "winSize", "Size", winSize).values())
    zero = tuple(_marshal.argument(func, "zeroZone", "Size", zeroZone).values())
    try:
        kind, count, epsilon = int(criteria[0]), int(criteria[1]), float(criteria[2])
    except (TypeError, ValueError, IndexError):
        raise error(f"{func}(): 'criteria' must be (type, maxCount, epsilon), got "
                    f"{criteria!r:.60}") from None  # fmt: skip
    rows, cols = src.shape[:2]
    if win[0] <= 0 or win[1] <= 0 or cols < win[0] * 2 + 5 or rows < win[1] * 2 + 5:
        raise error(f"{func}(): (-215:Assertion failed) win.width > 0 && win.height > 0 and the "
                    f"image at least 2 * win + 5 in function '{func}' (win {win}, image "
                    f"{src.shape})")  # fmt: skip
    most = min(max(count, 1), 100) if kind & _table.CONSTANTS["TERM_CRITERIA_COUNT"] else 100
    eps = max(epsilon, 0.0) ** 2 if kind & _table.CONSTANTS["TERM_CRITERIA_EPS"] else 0.0
    weights = _subpixel_weights(win, zero).astype(np.float64).ravel()
    px = np.tile(np.arange(-win[0], win[0] + 1, dtype=np.float64), 2 * win[1] + 1)
    py = np.repeat(np.arange(-win[1], win[1] + 1, dtype=np.float64), 2 * win[0] + 1)
    patch = _marshal.installed("getRectSubPix")
    points = corners.reshape(-1, 2)
    for index, (start_x, start_y) in enumerate(points.tolist()):
        start = np.float32(start_x), np.float32(start_y)
        if not _inside(*start, cols, rows):
            raise error(f"{func}(): (-215:Assertion failed) Rect(0, 0, src.cols, src.rows)."
                        f"contains(cT) in function '{func}' (corner {index} at "
                        f"{start_x}, {start_y})")  # fmt: skip
        x, y = start
        for _ in range(most):
            pixels = patch(src, (2 * win[0] + 3, 2 * win[1] + 3), (float(x), float(y)),
                           patchType=_table.CONSTANTS["CV_32F"])  # fmt: skip
            gx = (pixels[1:-1, 2:] - pixels[1:-1, :-2]).astype(np.float64).ravel()
            gy = (pixels[2:, 1:-1] - pixels[:-2, 1:-1]).astype(np.float64).ravel()
            gxx, gxy, gyy = gx * gx * weights, gx * gy * weights, gy * gy * weights
            # sequential sums (cumsum), in OpenCV's order: numpy's sum is pairwise
            a, b, c, bb1, bb2 = (float(np.cumsum(terms)[-1]) for terms in (
                gxx, gxy, gyy, gxx * px + gxy * py, gxy * px + gyy * py))  # fmt: skip
            det = a * c - b * b
            if abs(det) <= _DBL_EPSILON * _DBL_EPSILON:
                break
            scale = 1.0 / det
            new_x = np.float32(float(x) + c * scale * bb1 - b * scale * bb2)
            new_y = np.float32(float(y) - b * scale * bb1 + a * scale * bb2)
            step = (new_x - x) * (new_x - x) + (new_y - y) * (new_y - y)  # float32, as OpenCV
            if not _inside(new_x, new_y, cols, rows):
                break
            x, y = new_x, new_y
            if not float(step) > eps:
                break
        if abs(x - start[0]) > win[0] or abs(y - start[1]) > win[1]:
            x, y = start  # too far from the start: OpenCV keeps the start
        points[index] = (x, y)
    return corners


_DBL_EPSILON = float(np.finfo(np.float64).eps)
