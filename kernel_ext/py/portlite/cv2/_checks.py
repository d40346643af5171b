"""Argument checks of the hand-written wrappers: each names the function and argument."""

from __future__ import annotations

from typing import Any

import numpy as np

from .._js import Image
from ._runtime import DEPTHS

#: OpenCV's most channels a Mat may have (CV_CN_MAX): an HxWx19 heatmap is a Mat too.
CV_CN_MAX = 512


def _check_image(func: str, arg: str, value: Any, max_channels: int = CV_CN_MAX) -> Image:
    if not isinstance(value, np.ndarray):
        raise TypeError(f"{func}(): '{arg}' must be a numpy.ndarray, got {type(value).__name__}")
    if value.dtype not in DEPTHS:
        allowed = ", ".join(str(d) for d in DEPTHS)
        raise TypeError(f"{func}(): '{arg}' has dtype {value.dtype}; expected one of {allowed}")
    channels = value.shape[2] if value.ndim == 3 else 1
    if value.ndim not in (2, 3) or not 1 <= channels <= max_channels:
        shapes = "HxW (one channel)" if max_channels == 1 else f"HxW or HxWxC, C 1-{max_channels}"
        raise ValueError(f"{func}(): '{arg}' must be {shapes}, got shape {value.shape}")
    if value.size == 0:
        raise ValueError(f"{func}(): '{arg}' is empty (shape {value.shape})")
    return value


def _no_dst(func: str, dst: Any, arg: str = "dst") -> None:
    if dst is not None:
        raise NotImplementedError(f"{func}(): '{arg}' is not supported yet; use the return value")
