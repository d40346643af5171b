"""PortLite's in-kernel package: server-side cv2 and onnxruntime code, in the browser.

``portlite.cv2`` mirrors opencv-python's API on opencv.js;
``portlite.onnxruntime`` mirrors onnxruntime's on onnxruntime-web.
:func:`install_aliases` makes ``import cv2`` and ``import onnxruntime``
resolve to them.
"""

from __future__ import annotations

import sys

__all__ = ["install_aliases"]


def install_aliases() -> None:
    """Make ``import cv2`` and ``import onnxruntime`` resolve to PortLite's bridges.

    The onnxruntime submodules server code imports errors from
    (``onnxruntime.capi.onnxruntime_pybind11_state``) are aliased too, so
    every path names the same classes.
    """
    from . import cv2, onnxruntime
    from .onnxruntime import capi

    sys.modules["cv2"] = cv2
    sys.modules["onnxruntime"] = onnxruntime
    sys.modules["onnxruntime.capi"] = capi
    sys.modules["onnxruntime.capi.onnxruntime_pybind11_state"] = capi.onnxruntime_pybind11_state
