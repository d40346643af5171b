"""Argument checks of the hand-written wrappers: each names the function and argument."""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import _js
from .._js import Image
from ._runtime import DEPTHS
from ._runtime import MatArg as _MatArg


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
