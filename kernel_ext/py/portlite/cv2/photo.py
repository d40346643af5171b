"""cv2 functions of OpenCV's photo module that need more than the table's bridge.

OpenCV 4.12's seamless cloning (``seamlessClone``, ``colorChange``,
``illuminationChange``, ``textureFlattening``) works on the caller's own
one-channel mask: it erodes it and inverts it in place, and ``seamlessClone``
first clears its outer ring. opencv-python hands the numpy array itself to
OpenCV, so the caller's mask comes back changed, and a second call with it
gives another result. The bridge copies arrays into opencv.js, so these
wrappers make the same change to the caller's mask after the call, so that
server code that reuses a mask behaves as it does on CPython.

Each says why in :data:`portlite.cv2._hand_written.REASONS`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import numpy as np

from . import _marshal, _table

__all__ = ["colorChange", "illuminationChange", "seamlessClone", "textureFlattening"]

#: OpenCV's Cloning::computeDerivatives erodes the mask 3 times with a 3x3 square: one
#: erosion with a 7x7 square (OpenCV makes the same substitution).
_ERODED_SIDE = 7


def _eroded(mask: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    """``cv2.erode(mask, ones((3, 3)), iterations=3)`` with OpenCV's default border."""
    reach = _ERODED_SIDE // 2
    padded = np.pad(mask, reach, constant_values=np.iinfo(mask.dtype).max)
    windows = np.lib.stride_tricks.sliding_window_view(padded, (_ERODED_SIDE, _ERODED_SIDE))
    eroded: np.ndarray[Any, Any] = windows.min(axis=(2, 3))
    return eroded


def _plane(mask: Any) -> np.ndarray[Any, Any] | None:
    """The caller's mask as the one-channel 8-bit plane OpenCV writes into, or None if
    OpenCV works on a converted copy (3 or 4 channels) or makes its own (empty)."""
    if not isinstance(mask, np.ndarray) or mask.dtype != np.uint8 or not mask.size:
        return None
    if not mask.flags.writeable or not (mask.ndim == 2 or mask.ndim == 3 and mask.shape[2] == 1):
        return None
    plane: np.ndarray[Any, Any] = mask.reshape(mask.shape[:2])
    return plane


def _left_by_cloning(plane: np.ndarray[Any, Any]) -> None:
    """What Cloning's computeDerivatives and evaluate leave in the mask: eroded, inverted."""
    plane[...] = ~_eroded(plane)


def _left_by_seamless_clone(plane: np.ndarray[Any, Any]) -> None:
    """What seamlessClone leaves: the outer ring cleared, then the cloning's change within
    the bounding box of what is left (the erosion sees the zeros around it)."""
    plane[0], plane[-1], plane[:, 0], plane[:, -1] = 0, 0, 0, 0
    rows, cols = np.nonzero(plane)
    if rows.size:
        box = slice(rows.min(), rows.max() + 1), slice(cols.min(), cols.max() + 1)
        plane[box] = ~_eroded(plane)[box]


def _writing_mask(
    name: str, position: int, change: Callable[[np.ndarray[Any, Any]], None]
) -> Callable[..., Any]:
    """The table's ``cv2.<name>``, then ``change`` made to the caller's mask (the argument
    ``mask``, at ``position``) as OpenCV 4.12 makes it."""
    bridged = _marshal.bridge(name, _table.FUNCTIONS[name])

    @functools.wraps(bridged)
    def run(*args: Any, **kwargs: Any) -> Any:
        result = bridged(*args, **kwargs)
        plane = _plane(args[position] if len(args) > position else kwargs.get("mask"))
        if plane is not None:
            change(plane)
        return result

    return run


colorChange = _writing_mask("colorChange", 1, _left_by_cloning)
illuminationChange = _writing_mask("illuminationChange", 1, _left_by_cloning)
textureFlattening = _writing_mask("textureFlattening", 1, _left_by_cloning)
seamlessClone = _writing_mask("seamlessClone", 2, _left_by_seamless_clone)
