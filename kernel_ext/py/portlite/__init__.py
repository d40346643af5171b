"""PortLite's in-kernel package: server-side cv2 code, run on opencv.js.

``portlite.cv2`` mirrors opencv-python's API for the functions it bridges.
:func:`install_aliases` makes ``import cv2`` resolve to it.
"""

from __future__ import annotations

import sys

__all__ = ["install_aliases"]


def install_aliases() -> None:
    """Make ``import cv2`` return :mod:`portlite.cv2` in this kernel."""
    from . import cv2

    sys.modules["cv2"] = cv2
