"""Run any cv2 function declared in :mod:`._table` on opencv.js.

A table entry lists a function's C++ arguments in order, each with its kind
(Mat, number, Size, vector of ints, ...), its role (input, output, in-place)
and its default. :func:`bridge` turns the entries of one opencv-python name
into a Python function that binds the caller's arguments as opencv-python
does (its argument order and keywords; the first overload whose arguments
convert wins), converts them into one flat JSON descriptor, and crosses into
JavaScript once to run the call (:func:`._runtime.call_described`) and once
more to copy the resulting arrays out. Results come back by opencv-python's
conventions: the return value first, then outputs in C++ order; one value
alone, several as a tuple; an empty output array as ``None``; a ``dst=``
array of the right shape and dtype receives its output; in-place arguments
are written back into the caller's array.
"""

from __future__ import annotations

import json
import math
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any, TypeVar, cast

import numpy as np

from .. import _js
from . import _runtime, _table, data, features2d
from ._runtime import error

#: numpy dtypes opencv-python converts on the way in (int64 -> int32, as it does).
_CAST = {np.dtype(np.int64): np.dtype(np.int32), np.dtype(np.uint64): np.dtype(np.int32)}
_INTS = (int, np.integer)
_NUMBERS = (int, float, np.integer, np.floating)

#: An entry's argument: (name, kind, role, default).
Arg = tuple[str, str, str, Any]
#: An entry: (opencv.js name, args, opencv-python order, returns, retval kind).
Entry = tuple[str, tuple[Arg, ...], tuple[int, ...], tuple[str, ...], str, int]


class _NoMatchError(Exception):
    """This overload does not take these arguments (the next one may)."""


def _fail(func: str, arg: str, expected: str, value: Any) -> _NoMatchError:
    if isinstance(value, np.ndarray):
        shown = f"{value.dtype} array of shape {value.shape}"
    else:
        shown = f"{type(value).__name__} {value!r:.60}"
    return _NoMatchError(f"{func}(): argument '{arg}' must be {expected}, got {shown}")


# -- values in ---------------------------------------------------------------


#: Functions whose array inputs opencv-python reads as OpenCV Scalars when they are numbers
#: (its ``/AOS`` arguments, opencv/opencv#24057): ``cv2.add(img, 10)`` adds 10 to every channel.
ARITHMETIC = frozenset({"add", "subtract", "absdiff", "multiply", "divide"})


def as_array(func: str, arg: str, value: Any) -> np.ndarray[Any, Any]:
    """A Mat argument as a numpy array opencv.js can hold, converted as opencv-python does.

    A number becomes the 4x1 float64 column (x, 0, 0, 0), a tuple of numbers a
    float64 column of them; lists are refused, as opencv-python refuses them.
    For the :data:`ARITHMETIC` functions, a number is the Scalar (x, x, x, x)
    and a tuple or 1-D array of at most 4 numbers a Scalar, as opencv-python
    4.12 reads them.
    """
    if func in ARITHMETIC:
        if isinstance(value, _NUMBERS) and not isinstance(value, bool):
            return _scalar_mat((value,) * 4)
        if isinstance(value, np.ndarray) and value.ndim == 1 and 1 <= value.size <= 4:
            return _scalar_mat(tuple(value.tolist()))
    if isinstance(value, np.ndarray):
        array = value
    elif _is_scalar_like(value) and (func in ARITHMETIC or not isinstance(value, tuple)):
        return _scalar_mat(value)  # a number; a tuple only for the arithmetic ops
    elif isinstance(value, tuple) and value and all(isinstance(v, _NUMBERS) for v in value):
        # a column of its numbers: inRange(bgra, (1, 2, 3), ...) fails in OpenCV's scalar
        # check as in opencv-python, and a rotation vector (0.1, 0.2, 0.3) stays 3x1
        return np.array(value, np.float64).reshape(-1, 1)
    else:
        raise _fail(func, arg, "a numpy.ndarray", value)
    if array.dtype in _CAST:
        array = array.astype(_CAST[array.dtype])
    if array.dtype not in _runtime.DEPTHS:
        raise _fail(func, arg, "an array of uint8, int8, uint16, int16, int32, float32 or float64",
                    value)  # fmt: skip
    if array.ndim > 8 or (array.ndim == 3 and array.shape[2] > 512):
        raise _fail(func, arg, "an array of at most 8 dimensions", value)
    return array


def _scalar_mat(value: Any) -> np.ndarray[Any, Any]:
    """A number or up to 4 numbers as the 4x1 float64 Mat opencv-python makes of them."""
    values = [float(value)] if isinstance(value, _NUMBERS) else [float(v) for v in value]
    return np.array(values + [0.0] * (4 - len(values)), np.float64).reshape(4, 1)


def _passed_as_is(value: Any) -> bool:
    """Whether a ``dst=`` array can go to OpenCV with its contents, as opencv-python's would
    (else OpenCV gets a new output, as opencv-python's does for an array it cannot wrap)."""
    return (
        isinstance(value, np.ndarray)
        and value.size > 0
        and 2 <= value.ndim <= 3
        and value.flags.writeable
        and value.dtype in _runtime.DEPTHS
    )


def _is_scalar_like(value: Any) -> bool:
    if isinstance(value, _NUMBERS) and not isinstance(value, bool):
        return True
    return (
        isinstance(value, tuple)
        and 1 <= len(value) <= 4
        and all(isinstance(v, _NUMBERS) for v in value)
    )


def _numbers(
    func: str, arg: str, value: Any, count: int, what: str, kinds: tuple[type, ...]
) -> list[Any]:
    if isinstance(value, np.ndarray):
        value = value.ravel().tolist()
    if (
        not isinstance(value, (tuple, list))
        or len(value) != count
        or not all(isinstance(v, kinds) and not isinstance(v, str) for v in value)
    ):
        raise _fail(func, arg, what, value)
    return [v.item() if isinstance(v, np.generic) else v for v in value]


def _scalar(func: str, arg: str, value: Any) -> list[float]:
    values = [value] if isinstance(value, _NUMBERS) else value
    if isinstance(values, np.ndarray):
        values = values.ravel().tolist()
    if not isinstance(values, (tuple, list)) or not 1 <= len(values) <= 4:
        raise _fail(func, arg, "a number or up to 4 numbers", value)
    if not all(isinstance(v, _NUMBERS) for v in values):
        raise _fail(func, arg, "a number or up to 4 numbers", value)
    return [float(v) for v in values] + [0.0] * (4 - len(values))


def _value(func: str, arg: str, kind: str, value: Any) -> Any:
    """A value argument (number, string, Size, Point, Rect, ...) as JSON."""
    if kind.startswith("enum:"):  # opencv.js reads an embind enum's .value, not a number
        return ["enum", kind.removeprefix("enum:"), _value(func, arg, "int", value)]
    # opencv-python's own rules: an int takes no bool and no float (even 3.0), a
    # float no bool; a bool takes ints. Overloads are chosen by them (GFTTDetector.create).
    if kind == "int":
        if isinstance(value, _INTS) and not isinstance(value, bool):
            return int(value)
        raise _fail(func, arg, "an integer", value)
    if kind == "float":
        if isinstance(value, _NUMBERS) and not isinstance(value, bool):
            return float(value)
        raise _fail(func, arg, "a number", value)
    if kind == "bool":
        if isinstance(value, (bool, np.bool_, *_INTS)):
            return bool(value)
        raise _fail(func, arg, "a bool", value)
    if kind == "str":
        if isinstance(value, str):
            return value
        raise _fail(func, arg, "a str", value)
    if kind == "path":
        if not isinstance(value, (str, os.PathLike)):
            raise _fail(func, arg, "a file path", value)
        path = os.path.abspath(os.fspath(value))
        data.provide(path)
        _runtime.share_file(path)
        return path
    if kind == "Moments":
        if not isinstance(value, dict) or not all(key in value for key in MOMENT_KEYS):
            raise _fail(func, arg, "cv2.moments()'s dict", value)
        return {key: float(value[key]) for key in MOMENT_KEYS}
    if kind in ("KeyPoint", "DMatch"):
        if not isinstance(value, getattr(features2d, kind)):
            raise _fail(func, arg, f"a cv2.{kind}", value)
        return value.as_js()
    if kind == "Scalar":
        return _scalar(func, arg, value)
    if kind in ("Size", "Size2f"):
        number = _INTS if kind == "Size" else _NUMBERS
        width, height = _numbers(func, arg, value, 2, "a (width, height) pair", number)
        return {"width": width, "height": height}
    if kind in ("Point", "Point2f", "Point2d"):
        number = _INTS if kind == "Point" else _NUMBERS
        x, y = _numbers(func, arg, value, 2, "an (x, y) pair", number)
        return {"x": x, "y": y}
    if kind in ("Rect", "Rect2f", "Rect2d"):
        number = _INTS if kind == "Rect" else _NUMBERS
        x, y, w, h = _numbers(func, arg, value, 4, "an (x, y, width, height) rectangle", number)
        return {"x": x, "y": y, "width": w, "height": h}
    if kind == "Range":
        start, end = _numbers(func, arg, value, 2, "a (start, end) range", _INTS)
        return {"start": start, "end": end}
    if kind == "RotatedRect":
        try:
            (cx, cy), (width, height), angle = value
            numbers = [float(v) for v in (cx, cy, width, height, angle)]
        except (TypeError, ValueError):
            raise _fail(func, arg, "((cx, cy), (width, height), angle)", value) from None
        center = {"x": numbers[0], "y": numbers[1]}
        return {"center": center, "size": {"width": numbers[2], "height": numbers[3]},
                "angle": numbers[4]}  # fmt: skip
    if kind == "TermCriteria":
        kind_, count, epsilon = _numbers(func, arg, value, 3, "(type, maxCount, epsilon)", _NUMBERS)
        return {"type": int(kind_), "maxCount": int(count), "epsilon": float(epsilon)}
    raise _fail(func, arg, kind, value)


def parsed(func: str, arg: str, kind: str, value: Any) -> Any:
    """A value argument (``Point``, ``Rect``, ``Size``, ...) as :func:`bridge` reads it.

    Raises
    ------
    TypeError
        Naming the function, the argument, what it must be and what came,
        as opencv-python raises ``TypeError`` when it cannot parse one.
    """
    try:
        return _value(func, arg, kind, value)
    except _NoMatchError as failure:
        raise TypeError(str(failure)) from None


def installed(name: str) -> Any:
    """``cv2.<name>`` as the package installs it (for hand-written functions built on
    bridged ones: all are in place once ``portlite.cv2`` has loaded)."""
    value: Any = sys.modules[__package__ or ""]
    for part in name.split("."):
        value = getattr(value, part)
    return value


def argument(func: str, arg: str, kind: str, value: Any) -> Any:
    """A hand-written wrapper's value argument, checked as :func:`bridge` checks it.

    Raises
    ------
    cv2.error
        Naming the function, the argument, what it must be and what came,
        as opencv-python's argument parser does.
    """
    try:
        return _value(func, arg, kind, value)
    except _NoMatchError as failure:
        raise error(str(failure)) from None


def array_argument(func: str, arg: str, value: Any) -> np.ndarray[Any, Any]:
    """A hand-written wrapper's array argument, read as :func:`as_array` reads it.

    Raises
    ------
    cv2.error
        Naming the function and the argument when ``value`` is no array.
    """
    try:
        return as_array(func, arg, value)
    except _NoMatchError as failure:
        raise error(str(failure)) from None


_VECTOR_ITEMS = {
    "vector_int": ("int", 1), "vector_float": ("float", 1), "vector_double": ("float", 1),
    "vector_char": ("int", 1), "vector_uchar": ("int", 1), "vector_Rect": ("Rect", 4),
    "vector_Point": ("Point", 2), "vector_Point2f": ("Point2f", 2),
    "vector_String": ("str", 1), "vector_string": ("str", 1),
    "vector_KeyPoint": ("KeyPoint", 0), "vector_DMatch": ("DMatch", 0),
    "vector_vector_DMatch": ("DMatch", 0), "vector_vector_Point": ("Point", 0),
}  # fmt: skip


def _vector(func: str, arg: str, kind: str, value: Any) -> list[Any]:
    item_kind, width = _VECTOR_ITEMS[kind]
    if isinstance(value, np.ndarray) and width:
        value = value.reshape(-1, width).tolist() if width > 1 else value.ravel().tolist()
    if not isinstance(value, (list, tuple)):
        raise _fail(func, arg, f"a sequence ({kind[7:]} items)", value)
    return [_value(func, f"{arg}[{i}]", item_kind, v) for i, v in enumerate(value)]


class _Call:
    """One call being prepared: the descriptor and the arrays it points into."""

    def __init__(self, func: str, *, may_keep_output: bool = False) -> None:
        self.func = func
        self.args: list[Any] = []
        self.alive: list[
            np.ndarray[Any, Any]
        ] = []  # their addresses stay valid until the call ends
        self.nbytes = 0
        self.pointers: list[int] = []  # the arrays' addresses: the descriptor names slots
        # opencv.js objects passed as arguments (a Dictionary to ArucoDetector), and the
        # Python objects that own them, alive until the call ends
        self.refs: list[Any] = []
        self.owners: list[Any] = []
        self.kept_input = False
        # An array read as values (a vector, a Point, a Scalar): its contents are in the
        # descriptor, so the descriptor cannot be reused for other arrays (see _Plan).
        self.by_value = False
        # The Mat the runner keeps for outputs (emptied before each call, its header reused):
        # only functions that size their output before reading it may take it
        # (_table.KEPT_OUTPUT).
        self.may_keep_output = may_keep_output

    @property
    def text(self) -> str:
        """The descriptor as the runner reads it."""
        return json.dumps(self.args)

    def mat(self, array: np.ndarray[Any, Any], *, role: str = "in") -> list[Any]:
        if array.ndim > 3:
            return self.blob(array)
        contiguous = np.ascontiguousarray(array)
        self.alive.append(contiguous)
        self.nbytes += contiguous.nbytes
        rows, cols, mat_type = _runtime.geometry(contiguous)
        marker = "m"
        if role == "in" and not self.kept_input:
            marker, self.kept_input = "k", True
        elif role == "io":
            marker = "io"
        self.pointers.append(_js.address_of(contiguous))
        return [marker, len(self.pointers) - 1, rows, cols, mat_type, contiguous.nbytes]

    def blob(self, array: np.ndarray[Any, Any]) -> list[Any]:
        """A (1, C, H, W) float32 or uint8 blob, passed as its HxWxC pixels (see the runner)."""
        if array.ndim != 4 or array.shape[0] != 1 or array.dtype not in (np.float32, np.uint8):
            raise _NoMatchError(
                f"{self.func}(): opencv.js takes N-d arrays only as (1, C, H, W) float32 or uint8 "
                f"blobs (cv2.dnn.blobFromImage's), got {array.dtype} of shape {array.shape}"
            )
        pixels = np.ascontiguousarray(array[0].transpose(1, 2, 0))
        self.alive.append(pixels)
        self.nbytes += pixels.nbytes
        depth = _runtime.DEPTHS[pixels.dtype]
        self.pointers.append(_js.address_of(pixels))
        return ["nd", len(self.pointers) - 1, list(array.shape), depth, pixels.nbytes]

    def output(self) -> list[Any]:
        if not self.may_keep_output:
            return ["o"]
        self.may_keep_output = False
        return ["ko"]


def _convert(call: _Call, arg: Arg, value: Any) -> Any:
    name, kind, role, default = arg
    func = call.func
    if kind == "Mat":
        if role == "out" and _is_scalar_like(value):
            # opencv-python makes a Mat of a number and then replaces it with the result:
            # connectedComponentsWithStats(img, 4, cv2.CV_32S) passes 4 as `labels`.
            value = None
        if role == "out" and value is not None and not isinstance(value, np.ndarray):
            raise _fail(func, name, "a numpy.ndarray or None", value)
        if role == "out" and _passed_as_is(value):
            # opencv-python hands a given dst to OpenCV as it is, and some functions read
            # it: warpAffine's BORDER_TRANSPARENT keeps its pixels, a mask leaves them.
            return call.mat(value, role="io")
        if role == "out" or role == "io" and value is None:
            return call.output()
        primary = default == "@required" and not call.alive
        if value is None or isinstance(value, np.ndarray) and value.size == 0:
            if primary:  # the function's main array: OpenCV would only fail deeper down
                raise _fail(func, name, "a non-empty array", value)
            return ["e"]
        array = as_array(func, name, value)
        if role == "io":
            if not array.flags.writeable:
                raise _fail(func, name, "a writable array (cv2 writes into it)", value)
            return call.mat(array, role="io")
        return call.mat(array)
    if kind == "vector_Mat":
        if role == "out":
            return ["vo"]
        marker = "vio" if role == "io" else "v"
        if value is None:
            return [marker]
        if not isinstance(value, (list, tuple, np.ndarray)):
            raise _fail(func, name, "a sequence of arrays", value)
        return [marker, *(call.mat(as_array(func, f"{name}[{i}]", v), role="temp")
                          for i, v in enumerate(value))]  # fmt: skip
    if kind in _VECTOR_ITEMS:
        vector_class = _runtime.VECTOR_CLASSES[kind]
        if role == "out":
            return ["vecout", vector_class]
        call.by_value = call.by_value or isinstance(value, np.ndarray)
        items = [] if value is None else _vector(func, name, kind, value)
        if role == "in" and _VECTOR_ITEMS[kind][1] == 1:
            return ["arr", items]  # opencv.js takes vectors of numbers as plain JS arrays
        return ["vecio" if role == "io" else "vec", vector_class, items]
    if kind.startswith("obj:"):
        return _object_argument(call, arg, value)
    if isinstance(value, np.ndarray):
        call.by_value = True
    if value is None:  # opencv-python: None leaves the argument at its C++ default
        if isinstance(default, str) and default.startswith("@") and default[1:] in _JS_DEFAULTS:
            return ["js", default[1:]]
        value = _ZERO.get(kind) if isinstance(default, str) else default
        if value is None:
            raise _fail(func, name, f"a {kind}, not None", None)
    return _value(func, name, kind, value)


def _object_argument(call: _Call, arg: Arg, value: Any) -> list[Any]:
    """An instance of a bridged class, handed to opencv.js as its own object."""
    name, kind, _role, default = arg
    cls = CLASSES[kind.removeprefix("obj:")]
    if value is None and default == "@new":  # C++'s T(): one made with its own defaults
        value = cls()
    if not isinstance(value, cls):
        raise _fail(call.func, name, f"a cv2.{kind.removeprefix('obj:')}", value)
    call.refs.append(value.native())
    call.owners.append(value)
    return ["ref", len(call.refs) - 1]


#: Defaults opencv.js computes (the table writes them ``@name``).
_JS_DEFAULTS = ("morphologyDefaultBorderValue",)

#: What a value argument is when given as None and without a default (C++'s T()).
_ZERO: dict[str, Any] = {
    "int": 0, "float": 0.0, "bool": False, "Size": (0, 0), "Size2f": (0.0, 0.0),
    "Point": (0, 0), "Point2f": (0.0, 0.0), "Point2d": (0.0, 0.0), "Rect": (0, 0, 0, 0),
    "Rect2f": (0.0, 0.0, 0.0, 0.0), "Rect2d": (0.0, 0.0, 0.0, 0.0), "Scalar": (0.0,),
    "TermCriteria": (0, 0, 0.0), "RotatedRect": ((0.0, 0.0), (0.0, 0.0), 0.0),
}  # fmt: skip


def _describe(
    func: str, entry: Entry, bound: dict[int, Any], *, may_keep_output: bool = False
) -> _Call:
    """The call's descriptor: every C++ argument given, defaulted, or left to opencv.js.

    Arguments after the last one given (or required, or an output) are left
    out: opencv.js applies OpenCV's own defaults to them, as C++ does.
    """
    _js_name, args, _order, _returns, _retval, fewest = entry
    call = _Call(func, may_keep_output=may_keep_output)
    last_given = max(
        (i for i, a in enumerate(args) if i in bound or a[2] != "in" or a[3] == "@required"),
        default=fewest - 1,  # opencv.js tells overloads by count: pass at least this many
    )
    last_given = max(last_given, fewest - 1)
    for index, arg in enumerate(args[: last_given + 1]):
        name, kind, role, default = arg
        if index in bound:
            call.args.append(_convert(call, arg, bound[index]))
        elif role == "out" or default == "@required" and role == "io" or default == "@new":
            call.args.append(_convert(call, arg, None))
        elif default == "@required":
            raise _NoMatchError(f"{func}(): missing required argument '{name}'")
        elif default == "@opaque":
            raise _NoMatchError(
                f"{func}(): give '{name}' too when giving arguments after it "
                "(its default cannot be written here)"
            )
        elif isinstance(default, str) and default.startswith("@"):
            call.args.append(["js", default[1:]])
        else:
            call.args.append(_convert(call, arg, default))
    return call


_Fact = TypeVar("_Fact")
#: Facts worked out once per entry (its keywords, its outputs), by the entry's id and the
#: fact's name, each with the entry itself: hashing an entry's nested tuples each call would
#: cost more than the work.
_PER_ENTRY: dict[tuple[int, str], tuple[Entry, Any]] = {}


def _per_entry(entry: Entry, fact: str, work_out: Callable[[Entry], _Fact]) -> _Fact:
    found = _PER_ENTRY.get((id(entry), fact))
    if found is None or found[0] is not entry:  # an id is reused once its entry is gone
        found = _PER_ENTRY[(id(entry), fact)] = (entry, work_out(entry))
    return cast(_Fact, found[1])


def _outputs(entry: Entry) -> list[tuple[int, str, str]]:
    """An entry's output arguments, each (C++ index, kind, role), in the record's order."""
    return _per_entry(entry, "outputs", lambda e: [
        (i, kind, role) for i, (_n, kind, role, _d) in enumerate(e[1]) if role != "in"
    ])  # fmt: skip


def _keywords(entry: Entry) -> dict[str, int]:
    """An entry's keyword names, each with its C++ argument's index."""
    return _per_entry(entry, "keywords", lambda e: {e[1][i][0]: i for i in e[2]})


def _bind(func: str, entry: Entry, args: tuple[Any, ...], kwargs: dict[str, Any]) -> dict[int, Any]:
    """opencv-python's argument binding: positional in its order, then keywords."""
    order = entry[2]
    if len(args) > len(order):
        raise _NoMatchError(f"{func}(): takes at most {len(order)} arguments ({len(args)} given)")
    bound = dict(zip(order, args, strict=False))  # order is the longer
    by_name = _keywords(entry)
    for key, value in kwargs.items():
        index = by_name.get(key)
        if index is None:
            raise _NoMatchError(f"{func}(): unexpected keyword argument '{key}'")
        if index in bound:
            raise _NoMatchError(f"{func}(): argument '{key}' given twice")
        bound[index] = value
    return bound


# -- values out --------------------------------------------------------------


def returned(kind: str, value: Any) -> Any:
    """A value opencv.js returned, in opencv-python's form."""
    if kind == "float":
        return float(value)
    if kind == "int" or kind.startswith("enum:"):
        return int(value)
    if kind == "bool":
        return bool(value)
    # JS has one number type: a whole float arrives as a Python int, so the
    # C++ type says which one opencv-python gives.
    number = int if kind in ("Size", "Point", "Rect") else float
    if kind in ("Size", "Size2f"):
        return (number(value["width"]), number(value["height"]))
    if kind in ("Point", "Point2f", "Point2d"):
        return (number(value["x"]), number(value["y"]))
    if kind in ("Rect", "Rect2f", "Rect2d"):
        return tuple(number(value[key]) for key in ("x", "y", "width", "height"))
    if kind == "RotatedRect":
        center, size = value["center"], value["size"]
        return (
            (float(center["x"]), float(center["y"])),
            (float(size["width"]), float(size["height"])),
            float(value["angle"]),
        )
    if kind == "Scalar":
        return tuple(float(v) for v in value)
    if kind == "Moments":
        return {key: float(value[key]) for key in MOMENT_KEYS}
    return value


#: The keys of cv2.moments()'s dict, in opencv-python's order.
MOMENT_KEYS = (
    "m00", "m10", "m01", "m20", "m11", "m02", "m30", "m21", "m12", "m03",
    "mu20", "mu11", "mu02", "mu30", "mu21", "mu12", "mu03",
    "nu20", "nu11", "nu02", "nu30", "nu21", "nu12", "nu03",
)  # fmt: skip

_VECTOR_DTYPES = {
    "vector_int": (np.int32, ()), "vector_float": (np.float32, ()),
    "vector_double": (np.float64, ()), "vector_char": (np.uint8, ()),
    "vector_uchar": (np.uint8, ()), "vector_Rect": (np.int32, (4,)),
    "vector_Point": (np.int32, (2,)), "vector_Point2f": (np.float32, (2,)),
}  # fmt: skip


def _vector_out(kind: str, items: list[Any]) -> Any:
    if kind in ("vector_String", "vector_string"):
        return tuple(items)
    if kind == "vector_KeyPoint":
        return tuple(features2d.KeyPoint.from_js(item) for item in items)
    if kind == "vector_DMatch":
        return tuple(features2d.DMatch.from_js(item) for item in items)
    if kind == "vector_vector_DMatch":
        return tuple(tuple(features2d.DMatch.from_js(m) for m in row) for row in items)
    if kind == "vector_vector_Point":  # opencv-python: a tuple of Nx2 int32 arrays
        return tuple(np.array([(p["x"], p["y"]) for p in row], np.int32).reshape(-1, 2)
                     for row in items)  # fmt: skip
    dtype, tail = _VECTOR_DTYPES[kind]
    if not items:
        return ()
    rows: list[Any] = items
    if kind == "vector_Rect":
        rows = [(r["x"], r["y"], r["width"], r["height"]) for r in items]
    elif kind in ("vector_Point", "vector_Point2f"):
        rows = [(p["x"], p["y"]) for p in items]
    return np.array(rows, dtype).reshape(-1, *tail) if tail else np.array(rows, dtype)


def _run(
    func: str, entry: Entry, call: _Call | _Plan, bound: dict[int, Any], target: Any,
    pointers: Sequence[int], refs: Sequence[Any] = (),
) -> Any:  # fmt: skip
    """Cross with ``call``'s descriptor; hand the results back by opencv-python's conventions.

    ``pointers`` are its arrays' addresses, ``refs`` the opencv.js objects it passes.
    """
    js_name, _args, _order, returns, retval_kind, _fewest = entry
    if call.nbytes > _runtime.HEAP_LIMIT // 2:
        raise error(_runtime.too_large(func, call.nbytes))
    record, arrays, objects = _runtime.call_described(
        func, js_name, call.text, target, pointers, refs
    )
    results: list[Any] = []
    if retval_kind != "void":
        value: Any = record.get("r")
        if retval_kind == "Mat":
            results.append(None if value is None else arrays[value["m"]])
        elif retval_kind.startswith("obj:"):
            results.append(CLASSES[retval_kind[4:]].wrap(objects[value["obj"]]))
        elif retval_kind in _VECTOR_ITEMS:
            results.append(_vector_out(retval_kind, value))
        else:
            results.append(returned(retval_kind, value))
    for (index, kind, role), value in zip(_outputs(entry), record["o"], strict=True):
        given = bound.get(index)
        if kind == "Mat":
            array = None if value is None else arrays[value]
            results.append(landed(array, given if isinstance(given, np.ndarray) else None, role))
        elif kind == "vector_Mat":
            results.append(_landed_all(list(arrays[value]), given, role))
        else:
            results.append(_vector_out(kind, value))
    assert len(results) == len(returns)
    if not results:
        return None
    return results[0] if len(results) == 1 else tuple(results)


def landed(array: np.ndarray[Any, Any] | None, given: np.ndarray[Any, Any] | None,
            role: str) -> Any:  # fmt: skip
    """An output as opencv-python hands it back: in the caller's array when that fits.

    A ``dst=`` array whose Mat has the result's rows, columns, channels and
    dtype receives it (an N array and an Nx1 result are both an Nx1 Mat); an
    in-place argument is written back (an HxWx1 array takes an HxW result).
    """
    if array is None:
        return given if role == "io" else None
    fits = given is not None and given.flags.writeable and given.dtype == array.dtype
    if (
        fits
        and given is not None
        and (
            mat_geometry(given.shape) == mat_geometry(array.shape)
            or (role == "io" and given.size == array.size)
        )
    ):
        np.copyto(given, array.reshape(given.shape))
        return given
    return array


def mat_geometry(shape: tuple[int, ...]) -> tuple[int, ...]:
    """An array's shape as the Mat opencv-python makes of it: rows, columns, channels."""
    return (shape[0], 1, 1) if len(shape) == 1 else (*shape, 1) if len(shape) == 2 else shape


def _landed_all(arrays: list[Any], given: Any, role: str) -> Any:
    """A vector of output arrays: a tuple, or the caller's list written in place (in/out)."""
    if role == "io" and isinstance(given, list) and len(given) == len(arrays):
        for index, array in enumerate(arrays):
            given[index] = landed(array, given[index], role)
        return given
    return tuple(arrays)


# -- calls like earlier ones -------------------------------------------------

#: Argument types whose value (with its type) says all a descriptor takes from it.
_KEY_SCALARS = frozenset({int, bool, str, type(None), np.int32, np.int64, np.uint8, np.bool_})
_KEY_FLOATS = frozenset({float, np.float32, np.float64})
#: Plans kept per function: a loop calls with few argument shapes.
_PLANS_KEPT = 64


def _scalar_key(value: Any) -> Any:
    kind = type(value)
    if kind in _KEY_SCALARS:
        return (kind, value)
    if kind in _KEY_FLOATS:  # -0.0 == 0.0, but the descriptor keeps the sign
        return (kind, value, math.copysign(1.0, value))
    return _NO_KEY


_NO_KEY = object()


def _plan_key(args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, ...] | None:
    """What a call's descriptor depends on: arrays' geometry, other values with their types.

    ``None`` when an argument is of another kind (a list, an object, a nested
    tuple): such a call is described anew each time.
    """
    key: list[Any] = []
    for value in (*args, *kwargs.values()):
        if type(value) is np.ndarray:  # flags: contiguous and writeable (in-place) among them
            key.append((value.shape, value.dtype.num, value.flags.num))
        elif type(value) is tuple:
            items = tuple([_scalar_key(item) for item in value])
            if _NO_KEY in items:
                return None
            key.append(items)
        else:
            item = _scalar_key(value)
            if item is _NO_KEY:
                return None
            key.append(item)
    if kwargs:
        key.append(tuple(kwargs))
    return tuple(key)


class _Plan:
    """A call's descriptor, reused by later calls with the same :func:`_plan_key`.

    Only the arrays' addresses differ between such calls: ``slots`` says where
    each of the descriptor's arrays sits among the caller's arguments (a
    position, or a keyword's name).
    """

    __slots__ = ("entry", "keywords", "nbytes", "slots", "text")

    def __init__(self, entry: Entry, call: _Call, slots: tuple[int | str, ...]) -> None:
        self.entry = entry
        self.keywords = _keywords(entry)
        self.nbytes = call.nbytes
        self.slots = slots
        self.text = call.text

    @classmethod
    def of(cls, entry: Entry, call: _Call, args: tuple[Any, ...],
           kwargs: dict[str, Any]) -> _Plan | None:  # fmt: skip
        """The plan of ``call``, or ``None`` when its descriptor holds more than geometry.

        That is when it read an array as values, made an array of its own (a
        cast, a copy, a Scalar), names a file (shared anew each call), passes
        an object, or got one array twice.
        """
        if call.by_value or call.refs or any(arg[1] == "path" for arg in entry[1]):
            return None
        where: dict[int, int | str] = {}
        places: list[tuple[int | str, Any]] = [*enumerate(args), *kwargs.items()]
        for place, value in places:
            if type(value) is np.ndarray:
                if id(value) in where:
                    return None
                where[id(value)] = place
        slots = tuple(where.get(id(array), -1) for array in call.alive)
        if -1 in slots:
            return None
        return cls(entry, call, slots)


# -- the functions -----------------------------------------------------------


def _unsafe(func: str, entry: Entry, bound: dict[int, Any]) -> str | None:
    """Why OpenCV 4.12 must not run this call: it reads and writes past an array's end.

    Found by fuzzing opencv-python itself, which returns garbage for these
    calls or corrupts its heap (opencv.js's heap the same way).
    """
    values = {entry[1][index][0]: value for index, value in bound.items()}
    src, power = values.get("src"), values.get("power")
    integers = isinstance(src, np.ndarray) and src.dtype.kind in "biu"
    fraction = isinstance(power, _NUMBERS) and not float(power).is_integer()
    if integers and (func == "sqrt" or func == "pow" and fraction):
        when = "" if func == "sqrt" else " when 'power' is not a whole number"
        return str(_fail(func, "src", f"a float32 or float64 array{when}", src))
    camera = values.get("cameraMatrix")
    if func == "undistort" and not (isinstance(camera, np.ndarray) and camera.size):
        return str(_fail(func, "cameraMatrix", "a 3x3 camera matrix", camera))
    return None


#: The functions :func:`_unsafe` looks at.
_GUARDED = frozenset({"sqrt", "pow", "undistort"})


_Run = Callable[[Any, tuple[Any, ...], dict[str, Any]], Any]


def _requiring(name: str, js_name: str, run: _Run) -> _Run:
    """``run``, first checking that the loaded opencv.js exports ``js_name`` (SIMD_ONLY)."""

    def guarded(target: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        _runtime.require_export(name, js_name)
        return run(target, args, kwargs)

    return guarded


def bridge(name: str, entries: Sequence[Entry], *, method: bool = False) -> Callable[..., Any]:
    """The Python function for ``cv2.<name>``: tries each overload as opencv-python does.

    With ``method``, it is a method of a bridged class: its first argument is
    the instance, whose opencv.js object the call runs on.
    """
    short = name.rsplit(".", 1)[-1]
    may_keep_output = not method and name in _table.KEPT_OUTPUT
    plans: dict[tuple[Any, ...], _Plan] = {}

    def run(target: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        key = _plan_key(args, kwargs)
        plan = plans.get(key) if key is not None else None
        if plan is not None:  # a call like an earlier one: its descriptor, new addresses
            bound = dict(zip(plan.entry[2], args, strict=False))
            for keyword, value in kwargs.items():
                bound[plan.keywords[keyword]] = value
            pointers = [_js.address_of(args[s] if isinstance(s, int) else kwargs[s])
                        for s in plan.slots]  # fmt: skip
            return _run(short, plan.entry, plan, bound, target, pointers)
        failures = []
        for entry in entries:
            try:
                bound = _bind(short, entry, args, kwargs)
                call = _describe(short, entry, bound, may_keep_output=may_keep_output)
            except _NoMatchError as failure:
                failures.append(str(failure))
                continue
            unsafe = _unsafe(short, entry, bound) if name in _GUARDED else None
            if unsafe:
                raise error(
                    f"{unsafe} (OpenCV 4.12 reads and writes past the array's end there: "
                    "opencv-python returns garbage or corrupts its memory)"
                )
            plan = None if key is None else _Plan.of(entry, call, args, kwargs)
            if plan is not None and key is not None:
                if len(plans) >= _PLANS_KEPT:
                    plans.clear()
                plans[key] = plan
            return _run(short, entry, call, bound, target, call.pointers, call.refs)
        if len(failures) == 1:
            raise error(failures[0])
        listed = "\n".join(f" - {f}" for f in dict.fromkeys(failures))
        raise error(f"{short}(): no overload takes these arguments:\n{listed}")

    needs = _table.SIMD_ONLY.get(name)
    call = run if needs is None else _requiring(name, needs, run)

    def method_function(self: Any, *args: Any, **kwargs: Any) -> Any:
        return call(self.native(), args, kwargs)

    def plain_function(*args: Any, **kwargs: Any) -> Any:
        return call(None, args, kwargs)

    function = method_function if method else plain_function
    function.__name__ = function.__qualname__ = short
    function.__doc__ = _docstring(name, entries)
    return function


class MissingMethodError(AttributeError, NotImplementedError):
    """A method opencv-python's class has and opencv.js's lacks (probes as an AttributeError)."""


def run_own(
    func: str,
    js_name: str,
    args: Sequence[Arg],
    values: Sequence[Any],
    *,
    arrays: bool = False,
    target: Any = None,
) -> Any:
    """Run an opencv.js function whose own binding differs from OpenCV's C++ one.

    ``args`` declare the arguments opencv.js takes, as table entries do, and
    ``values`` are the caller's; the return value comes back as opencv.js
    gives it (a plain object for ``minMaxLoc``, ``minEnclosingCircle``, ...);
    with ``arrays``, also the output arrays, in order. With ``target`` (an
    opencv.js object), ``js_name`` is its method.
    """
    call = _Call(func)
    try:
        described = [_convert(call, arg, value) for arg, value in zip(args, values, strict=True)]
    except _NoMatchError as failure:
        raise error(str(failure)) from None
    if call.nbytes > _runtime.HEAP_LIMIT // 2:
        raise error(_runtime.too_large(func, call.nbytes))
    record, outputs, _objects = _runtime.call_described(
        func, js_name, json.dumps(described), target, call.pointers
    )
    return (record.get("r"), outputs) if arrays else record.get("r")


#: The bridged classes by opencv-python name, filled in by the cv2 package.
CLASSES: dict[str, Any] = {}


def _docstring(name: str, entries: Sequence[Entry]) -> str:
    lines = []
    for _js_name, args, order, returns, _retval, _fewest in entries:
        names = [args[i][0] for i in order]
        lines.append(f"{name.rsplit('.', 1)[-1]}({', '.join(names)}) -> "
                     f"{', '.join(returns) or 'None'}")  # fmt: skip
    return "\n".join(lines) + f"\n\nopencv-python's cv2.{name}, run on opencv.js."
