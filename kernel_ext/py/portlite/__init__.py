"""PortLite's in-kernel package: server-side cv2 and onnxruntime code, in the browser.

``portlite.cv2`` mirrors opencv-python's API on opencv.js;
``portlite.onnxruntime`` mirrors onnxruntime's on onnxruntime-web;
``portlite.models`` is the persistent model cache. :func:`install_aliases`
makes ``import cv2`` and ``import onnxruntime`` resolve to the bridges, and
:func:`portlite.preload.preload` prepares a kernel in one call.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable

__all__ = ["install_aliases"]


def install_aliases(names: Iterable[str] = ("cv2", "onnxruntime")) -> None:
    """Make ``import cv2`` and ``import onnxruntime`` resolve to PortLite's bridges.

    The onnxruntime submodules server code imports errors from
    (``onnxruntime.capi.onnxruntime_pybind11_state``) are aliased too, so
    every path names the same classes.
    """
    wanted = set(names)
    if "cv2" in wanted:
        from . import cv2

        sys.modules["cv2"] = cv2
        for namespace in cv2.NAMESPACES:  # cv2.dnn, cv2.fisheye, ... as opencv-python has them
            sys.modules[f"cv2.{namespace}"] = getattr(cv2, namespace)
    if "onnxruntime" in wanted:
        from . import onnxruntime
        from .onnxruntime import capi

        sys.modules["onnxruntime"] = onnxruntime
        sys.modules["onnxruntime.capi"] = capi
        sys.modules["onnxruntime.capi.onnxruntime_pybind11_state"] = capi.onnxruntime_pybind11_state
