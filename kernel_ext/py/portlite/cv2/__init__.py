"""A cv2-compatible module whose work is done by opencv.js.

Server code that calls ``cv2.resize`` or ``cv2.cvtColor`` runs unchanged:
same names, arguments, defaults, constants and return types as
opencv-python. Pixels cross into opencv.js's heap with one copy and come
back with one copy into a numpy array that owns its memory (a vector of
Mats, such as contours, into one buffer that its arrays view).

Most functions are generated: :mod:`._table` (made by
``python -m portlite_site.cv2_bindings`` from OpenCV's own headers, the
vendored opencv.js and opencv-python) declares each one, and
:mod:`._marshal` runs it. A few keep a hand-written wrapper, each with its
reason in :data:`._hand_written.REASONS`. The files are named after OpenCV's
modules: :mod:`.core`, :mod:`.imgproc`, :mod:`.imgcodecs`, :mod:`.highgui`,
:mod:`.features2d`, :mod:`.video`, :mod:`.dnn` (which is ``cv2.dnn`` itself).

Bridged: the names in :data:`BRIDGED`. Any other cv2 name raises
:class:`NotBridgedError`, both an ``AttributeError`` (so ``hasattr`` and
``getattr(cv2, name, default)`` probe as on a server) and a
``NotImplementedError`` that says whether opencv.js 4.12 has it at all;
the raw opencv.js module stays reachable as :func:`opencv_js`.
"""

from __future__ import annotations

import sys
from types import ModuleType
from typing import Any

from ..provided import OPENCV_VERSION
from . import (
    _hand_written,
    _marshal,
    _objects,
    _table,
    calib3d,
    core,
    data,  # noqa: F401 - cv2.data.haarcascades, as in opencv-python
    dnn,
    features2d,
    highgui,
    imgcodecs,
    imgproc,
    photo,
    video,
)
from ._runtime import DEPTHS as DEPTHS
from ._runtime import error as error
from ._runtime import kept_buffers as kept_buffers
from ._runtime import opencv_js as opencv_js
from ._runtime import release_buffers as release_buffers

#: The OpenCV release the bridge follows (opencv.js is built from it).
__version__ = OPENCV_VERSION

globals().update({name: value for name, value in _table.CONSTANTS.items() if "." not in name})


class NotBridgedError(AttributeError, NotImplementedError):
    """A cv2 name this bridge does not provide.

    An ``AttributeError``, so feature probes (``hasattr``, ``getattr`` with a
    default, ``from cv2 import name``) behave as on a server, and a
    ``NotImplementedError`` for code that catches that.
    """


def _missing(qualified: str) -> NotBridgedError:
    reason = _table.UNAVAILABLE.get(qualified)
    why = f": {reason}" if reason else ": opencv-python 4.12 has no such name either"
    if reason == "not in opencv.js 4.12":
        why = ": opencv.js 4.12 does not contain it"
    alternative = _hand_written.ALTERNATIVES.get(qualified)
    hint = f" Closest bridged alternative: {alternative}." if alternative else ""
    return NotBridgedError(
        f"cv2.{qualified} is not bridged to opencv.js{why}.{hint} "
        "portlite.cv2.opencv_js() returns the raw opencv.js module; docs/cv2-coverage.md "
        "lists every name.",
        name=qualified.rsplit(".", 1)[-1],
    )


def __getattr__(name: str) -> Any:
    if name.startswith("__"):
        raise AttributeError(f"module 'cv2' has no attribute {name!r}")
    raise _missing(name)


def getBuildInformation() -> str:
    """opencv.js's build information (its first line names the OpenCV version)."""
    return str(opencv_js().getBuildInformation())


def _namespace(prefix: str) -> ModuleType:
    """``cv2.<prefix>`` (``dnn``, ``fisheye``, ...): a module of its own, as in opencv-python."""
    module = sys.modules.get(f"{__name__}.{prefix}")
    if module is None:
        module = ModuleType(f"{__name__}.{prefix}", f"cv2.{prefix}, bridged to opencv.js.")
        sys.modules[module.__name__] = module
    if not hasattr(module, "__getattr__"):

        def missing(name: str) -> Any:
            if name.startswith("__"):
                raise AttributeError(f"module 'cv2.{prefix}' has no attribute {name!r}")
            raise _missing(f"{prefix}.{name}")

        module.__getattr__ = missing  # type: ignore[method-assign]
    globals()[prefix] = module
    return module


def _install() -> tuple[str, ...]:
    """Put every table function and hand-written wrapper in place; return their names."""
    names = []
    for qualified, entries in _table.FUNCTIONS.items():
        *prefix, name = qualified.split(".")
        home = vars(_namespace(prefix[0])) if prefix else globals()
        home[name] = _marshal.bridge(qualified, entries)
        names.append(qualified)
    for qualified, cls in _objects.make_classes(_table.CLASSES).items():
        *prefix, name = qualified.split(".")
        home = vars(_namespace(prefix[0])) if prefix else globals()
        home[name] = cls
        if prefix:  # opencv-python's flat alias too: cv2.dnn_Net is cv2.dnn.Net
            globals()[f"{prefix[0]}_{name}"] = cls
        _js, _base, methods, statics, constructors, _fields = _table.CLASSES[qualified]
        names += [qualified] if constructors else []
        names += [f"{qualified}.{method}" for method in (*methods, *statics)]
        for static in statics:  # opencv-python's flat alias: cv2.HOGDescriptor_getDefault...
            flat = f"{qualified.replace('.', '_')}_{static}"
            if flat not in globals():
                globals()[flat] = getattr(cls, static)
                names.append(flat)
    for module in (core, dnn, imgproc, imgcodecs, highgui, features2d, video, calib3d, photo):
        for name in module.__all__:
            globals()[name] = getattr(module, name)
            names.append(name)
        for qualified, function in getattr(module, "NAMESPACED", {}).items():
            prefix, name = qualified.split(".")
            setattr(_namespace(prefix), name, function)
            names.append(qualified)
    # DescriptorMatcher.create(int) as well as (str): the number form is hand-written
    globals()["DescriptorMatcher"].create = staticmethod(features2d.DescriptorMatcher_create)
    # SimpleBlobDetector.Params, also by opencv-python's flat name: its constructor is too
    blob_params = globals()["SimpleBlobDetector_Params"]
    blob_params._constructor = staticmethod(features2d.blob_detector_defaults)
    globals()["SimpleBlobDetector"].Params = blob_params
    names.append("SimpleBlobDetector_Params")
    # Tracker.update and TrackerMIL.create: opencv.js binds them its own way
    globals()["Tracker"].update = video.Tracker_update
    globals()["Tracker"].init = video.initialising(globals()["Tracker"].init)
    globals()["TrackerMIL"].create = staticmethod(video.TrackerMIL_create)
    names += ["Tracker.update", "TrackerMIL.create"]
    features2d.KeyPoint.convert = staticmethod(features2d.KeyPoint_convert)  # type: ignore[attr-defined]
    features2d.KeyPoint.overlap = staticmethod(features2d.KeyPoint_overlap)  # type: ignore[attr-defined]
    names += ["KeyPoint.convert", "KeyPoint.overlap"]
    vars(_namespace("dnn"))["Net"].setPreferableTarget = dnn.Net_setPreferableTarget
    names.append("dnn.Net.setPreferableTarget")
    for qualified in _hand_written.REASONS:
        if qualified not in names:
            raise AssertionError(f"cv2.{qualified} has a reason but no hand-written wrapper")
    for qualified in _hand_written.ALTERNATIVES:
        if qualified in names:
            raise AssertionError(f"cv2.{qualified} is bridged: it needs no alternative")
    return tuple(sorted(set(names), key=str.lower))


for _qualified, _value in _table.CONSTANTS.items():  # cv2.dnn.DNN_BACKEND_OPENCV, ...
    if "." in _qualified:
        _prefix, _name = _qualified.split(".", 1)
        setattr(_namespace(_prefix), _name, _value)

#: Every cv2 function this module bridges, with opencv-python's (qualified) name: functions,
#: classes that have constructors, and methods as ``Class.method``.
BRIDGED = _install()

#: opencv-python's submodules that hold bridged functions (``cv2.dnn``, ...).
NAMESPACES = tuple(sorted({name.split(".")[0] for name in BRIDGED if "." in name}))
