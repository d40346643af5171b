"""opencv-python's video module (TrackerMIL, whose calls opencv.js binds its own way) and
videoio's one pure function, VideoWriter_fourcc."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import _marshal
from ._runtime import error

__all__ = ["TrackerMIL_create", "VideoWriter_fourcc"]

#: ``new TrackerMIL()``: OpenCV's default parameters.
_NEW_TRACKER = _marshal.bridge(
    "TrackerMIL_create", (("new TrackerMIL", (), (), ("retval",), "obj:TrackerMIL", 0),)
)


def VideoWriter_fourcc(c1: str, c2: str, c3: str, c4: str) -> int:
    """A codec's four characters as one int, as ``cv2.VideoWriter_fourcc(*"mp4v")``
    (each argument's first character; opencv.js has no VideoWriter to take it)."""
    code = 0
    for index, (name, char) in enumerate((("c1", c1), ("c2", c2), ("c3", c3), ("c4", c4))):
        if not isinstance(char, str) or not char:
            raise TypeError(f"VideoWriter_fourcc(): argument '{name}' must be a character, "
                            f"got {char!r:.40}")  # fmt: skip
        code |= char.encode()[0] << (8 * index)  # opencv-python takes a C char: UTF-8's first
    return code - (1 << 32) if code >= 1 << 31 else code  # OpenCV returns a signed int


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


#: The radii (in pixels) of TrackerMIL's two samplings in init with OpenCV's default
#: parameters: samplerInitInRadius, and 2 * samplerSearchWinSize for the negatives.
_INIT_SAMPLING_RADII = (3, 50)


def _unbounded_sampling(image: Any, box: Any) -> str | None:
    """Why OpenCV 4.12's TrackerMIL::init would size its sample list from a negative count
    for this box, or None.

    TrackerSamplerCSC::sampleImage counts the box's positions within ``radius`` of it
    as an unsigned ``(maxrow - minrow + 1) * (maxcol - mincol + 1)``; for a box past the
    image's edge that count wraps to billions (opencv-python raises std::bad_alloc,
    opencv.js first grows its heap toward 1 GB and keeps it).
    """
    try:
        rows, cols = image.shape[:2]
        x, y, w, h = (int(v) for v in box)
    except (AttributeError, TypeError, ValueError):
        return None  # the bridged init reports malformed arguments itself
    for radius in _INIT_SAMPLING_RADII:
        for at, size, extent in ((y, h, rows), (x, w, cols)):
            last = min(extent - size - 2, at + radius)
            if last - max(0, at - radius) + 1 < 0:
                return (f"init(): the box {(x, y, w, h)} reaches past the {cols}x{rows} image's "
                        "edge, and OpenCV 4.12's TrackerMIL then counts its samples as a "
                        "negative number (opencv-python raises std::bad_alloc); keep the box "
                        "inside the image")  # fmt: skip
    return None


def initialising(init: Callable[..., Any]) -> Callable[..., Any]:
    """``Tracker.init`` that refuses a box TrackerMIL cannot sample (see
    :func:`_unbounded_sampling`) and records that the tracker has a target (see ``update``)."""

    def tracker_init(self: Any, *args: Any, **kwargs: Any) -> Any:
        image = args[0] if args else kwargs.get("image")
        box = args[1] if len(args) > 1 else kwargs.get("boundingBox")
        refused = _unbounded_sampling(image, box)
        if refused:
            raise error(refused)
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
