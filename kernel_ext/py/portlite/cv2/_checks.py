"""Argument checks of the hand-written wrappers: each names the function and argument."""

from __future__ import annotations

from typing import Any

import numpy as np

from .._js import Image
from ._runtime import DEPTHS, error

#: OpenCV's most channels a Mat may have (CV_CN_MAX): an HxWx19 heatmap is a Mat too.
CV_CN_MAX = 512


class ArgumentTypeError(error, TypeError):
    """An argument of the wrong type or dtype: the ``cv2.error`` opencv-python raises for
    it, and a ``TypeError`` too."""


class ArgumentShapeError(error, ValueError):
    """An argument of the wrong shape or an empty one: a ``cv2.error``, and a
    ``ValueError`` too."""


def _check_image(func: str, arg: str, value: Any, max_channels: int = CV_CN_MAX, *,
                 as_mat: bool = True) -> Image:  # fmt: skip
    """``value`` checked as an image argument, and read as opencv-python reads it into a
    Mat: an HxWx1 array is the HxW one (a view), unless ``as_mat`` is False (an array the
    function writes into and returns)."""
    if not isinstance(value, np.ndarray):
        raise ArgumentTypeError(
            f"{func}(): '{arg}' must be a numpy.ndarray, got {type(value).__name__}"
        )
    if value.dtype not in DEPTHS:
        allowed = ", ".join(str(d) for d in DEPTHS)
        raise ArgumentTypeError(
            f"{func}(): '{arg}' has dtype {value.dtype}; expected one of {allowed}"
        )
    channels = value.shape[2] if value.ndim == 3 else 1
    if value.ndim not in (2, 3) or not 1 <= channels <= max_channels:
        shapes = "HxW (one channel)" if max_channels == 1 else f"HxW or HxWxC, C 1-{max_channels}"
        raise ArgumentShapeError(f"{func}(): '{arg}' must be {shapes}, got shape {value.shape}")
    if value.size == 0:
        raise ArgumentShapeError(f"{func}(): '{arg}' is empty (shape {value.shape})")
    if as_mat and value.ndim == 3 and channels == 1:
        return value[..., 0]
    return value


def _no_dst(func: str, dst: Any, arg: str = "dst") -> None:
    if dst is not None:
        raise NotImplementedError(f"{func}(): '{arg}' is not supported yet; use the return value")
