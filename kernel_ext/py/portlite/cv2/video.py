"""opencv-python's video module: TrackerMIL, whose calls opencv.js binds its own way."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import _marshal
from ._runtime import error

__all__ = ["TrackerMIL_create"]

#: ``new TrackerMIL()``: OpenCV's default parameters.
_NEW_TRACKER = _marshal.bridge(
    "TrackerMIL_create", (("new TrackerMIL", (), (), ("retval",), "obj:TrackerMIL", 0),)
)


def TrackerMIL_create(parameters: None = None) -> Any:
    """A MIL tracker with OpenCV's default parameters, as ``cv2.TrackerMIL_create()``.

    Raises
    ------
    NotImplementedError
        When ``parameters`` is given: opencv.js binds TrackerMIL::Params
        neither to make one nor to read one.
    """
    if parameters is not None:
        raise NotImplementedError(
            "TrackerMIL_create(): opencv.js 4.12 cannot take 'parameters' (it binds no "
            "TrackerMIL::Params); TrackerMIL_create() uses OpenCV's defaults"
        )
    return _NEW_TRACKER()


def initialising(init: Callable[..., Any]) -> Callable[..., Any]:
    """``Tracker.init`` that also records that the tracker has a target (see ``update``)."""

    def tracker_init(self: Any, *args: Any, **kwargs: Any) -> Any:
        found = init(self, *args, **kwargs)
        self._has_target = True
        return found

    tracker_init.__name__ = tracker_init.__qualname__ = "init"
    tracker_init.__doc__ = init.__doc__
    return tracker_init


def Tracker_update(self: Any, image: Any) -> tuple[bool, tuple[int, int, int, int]]:
    """Track the target into ``image``, as ``cv2.Tracker.update``: ``(found, (x, y, w, h))``.

    opencv.js returns ``[found, box]`` where OpenCV writes the box into an
    output argument.

    Raises
    ------
    cv2.error
        Before ``init``: OpenCV 4.12 then reads a model it has not made
        (opencv-python crashes).
    """
    if not getattr(self, "_has_target", False):
        raise error(
            "update(): call init(image, boundingBox) first (OpenCV 4.12's tracker reads a "
            "model it has not made yet: opencv-python crashes)"
        )
    args = (("image", "Mat", "in", "@required"),)
    found, box = _marshal.run_own("update", "update", args, (image,), target=self.native())
    return bool(found), _marshal.returned("Rect", box)
