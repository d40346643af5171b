"""opencv-python's video module (TrackerMIL, whose calls opencv.js binds its own way;
KalmanFilter, which opencv.js lacks) and videoio's one pure function, VideoWriter_fourcc."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from . import _marshal, _table
from ._runtime import error

__all__ = ["KalmanFilter", "TrackerMIL_create", "VideoWriter_fourcc"]

#: ``new TrackerMIL()``: OpenCV's default parameters.
_NEW_TRACKER = _marshal.bridge(
    "TrackerMIL_create", (("new TrackerMIL", (), (), ("retval",), "obj:TrackerMIL", 0),)
)


def _gemm(a: Any, b: Any, alpha: float = 1.0, c: Any = None, beta: float = 0.0, *,
          b_transposed: bool = False) -> Any:  # fmt: skip
    """``alpha * a * b (+ beta * c)``, as OpenCV's gemm on small matrices: same types
    required, the sums in double, one rounding to the type at the end."""
    right = b.T if b_transposed else b
    given = (a, b) if c is None else (a, b, c)
    if a.dtype != b.dtype or (c is not None and c.dtype != a.dtype):
        other = "B" if a.dtype != b.dtype else "C"
        raise error(f"gemm(): (-215:Assertion failed) {other}.type() == type in function "
                    f"'gemm' ({', '.join(str(m.dtype) for m in given)})")  # fmt: skip
    if a.shape[1] != right.shape[0] or (c is not None and c.shape != (a.shape[0], right.shape[1])):
        raise error(f"gemm(): (-215:Assertion failed) a_size.width == len in function 'gemm' "
                    f"(shapes {', '.join(str(m.shape) for m in given)})")  # fmt: skip
    total = alpha * (a.astype(np.float64) @ right.astype(np.float64))
    if c is not None:
        total += beta * c.astype(np.float64)
    return total.astype(a.dtype)


def _as_matrix(array: Any) -> Any:
    """An array as the 2-D Mat opencv-python reads it as (an N array is an Nx1 column)."""
    return array if array is None or array.ndim == 2 else array.reshape(array.shape[0], -1)


#: The most states, measurements or controls a KalmanFilter takes: its covariances hold the
#: square (4096 states: 16 million values, 64 MB of float32).
_KALMAN_MOST = 4096
#: KalmanFilter's matrices, in OpenCV's order.
_KALMAN_MATRICES = ("statePre", "statePost", "transitionMatrix", "controlMatrix",
                    "measurementMatrix", "processNoiseCov", "measurementNoiseCov",
                    "errorCovPre", "gain", "errorCovPost")  # fmt: skip


class KalmanFilter:
    """A linear Kalman filter, as ``cv2.KalmanFilter(dynamParams, measureParams[,
    controlParams[, type]])``: OpenCV's ``predict`` and ``correct`` step for step (its
    products summed in double; the gain from an SVD solve, here numpy's in double).

    Its matrices are attributes, as in opencv-python: reading one gives a copy, and
    setting one takes a numpy array (all of the filter's type, float32 by default).
    """

    __slots__ = tuple(f"_{name}" for name in _KALMAN_MATRICES)

    def __init__(self, dynamParams: int = 0, measureParams: int = 0, controlParams: int = 0,
                 type: int = 5) -> None:  # noqa: A002  # fmt: skip
        func = "KalmanFilter"
        dynamic = _marshal.argument(func, "dynamParams", "int", dynamParams)
        measured = _marshal.argument(func, "measureParams", "int", measureParams)
        controls = _marshal.argument(func, "controlParams", "int", controlParams)
        depth = _marshal.argument(func, "type", "int", type)
        for name in _KALMAN_MATRICES:
            setattr(self, f"_{name}", None)
        if dynamic == measured == controls == 0:
            return  # KalmanFilter(): every matrix empty, as OpenCV's default constructor
        if dynamic <= 0 or measured <= 0:
            raise error(f"{func}(): (-215:Assertion failed) DP > 0 && MP > 0 in function "
                        f"'init' (got {dynamic}, {measured})")  # fmt: skip
        if max(dynamic, measured, controls) > _KALMAN_MOST:
            raise error(f"{func}(): dynamParams, measureParams and controlParams must be at "
                        f"most {_KALMAN_MOST} here (got {dynamic}, {measured}, {controls}): "
                        "the covariances are squares of them, in the kernel's memory")  # fmt: skip
        if depth not in (_table.CONSTANTS["CV_32F"], _table.CONSTANTS["CV_64F"]):
            raise error(f"{func}(): (-215:Assertion failed) type == CV_32F || type == CV_64F "
                        f"in function 'init' (got {depth})")  # fmt: skip
        kind = np.float32 if depth == _table.CONSTANTS["CV_32F"] else np.float64
        self._statePre = np.zeros((dynamic, 1), kind)
        self._statePost = np.zeros((dynamic, 1), kind)
        self._transitionMatrix = np.eye(dynamic, dtype=kind)
        self._processNoiseCov = np.eye(dynamic, dtype=kind)
        self._measurementMatrix = np.zeros((measured, dynamic), kind)
        self._measurementNoiseCov = np.eye(measured, dtype=kind)
        self._errorCovPre = np.zeros((dynamic, dynamic), kind)
        self._errorCovPost = np.zeros((dynamic, dynamic), kind)
        self._gain = np.zeros((dynamic, measured), kind)
        self._controlMatrix = np.zeros((dynamic, controls), kind) if controls > 0 else None

    def predict(self, control: Any = None) -> Any:
        """The predicted state ``x' = A x (+ B u)``; ``P' = A P A^T + Q``."""
        matrices = self._ready("predict")
        state = _gemm(matrices["transitionMatrix"], matrices["statePost"])
        if control is not None and np.asarray(control).size:
            control = _as_matrix(_marshal.array_argument("predict", "control", control))
            if self._controlMatrix is None:
                raise error("predict(): (-215:Assertion failed) the filter was made without "
                            "controlParams, so it takes no control in function 'gemm'")  # fmt: skip
            state = _gemm(matrices["controlMatrix"], control, 1.0, state, 1.0)
        spread = _gemm(matrices["transitionMatrix"], matrices["errorCovPost"])
        covariance = _gemm(spread, matrices["transitionMatrix"], 1.0,
                           matrices["processNoiseCov"], 1.0, b_transposed=True)  # fmt: skip
        self._store("statePre", state)
        self._store("errorCovPre", covariance)
        # a measurement may come before the next predict: OpenCV copies the prediction
        self._store("statePost", state)
        self._store("errorCovPost", covariance)
        return self._statePre.copy()

    def correct(self, measurement: Any) -> Any:
        """The state corrected by ``measurement``: OpenCV's gain ``K = P' H^T (H P' H^T +
        R)^-1`` (an SVD solve), ``x = x' + K (z - H x')``, ``P = P' - K H P'``."""
        matrices = self._ready("correct")
        measurement = _as_matrix(_marshal.array_argument("correct", "measurement", measurement))
        observe, before = matrices["measurementMatrix"], matrices["errorCovPre"]
        seen = _gemm(observe, before)
        innovation_cov = _gemm(seen, observe, 1.0, matrices["measurementNoiseCov"], 1.0,
                               b_transposed=True)  # fmt: skip
        solved = np.linalg.pinv(innovation_cov.astype(np.float64)) @ seen.astype(np.float64)
        gain = solved.T.astype(before.dtype)
        self._store("gain", gain)
        residual = _gemm(observe, matrices["statePre"], -1.0, measurement, 1.0)
        self._store("statePost", _gemm(gain, residual, 1.0, matrices["statePre"], 1.0))
        self._store("errorCovPost", _gemm(gain, seen, -1.0, before, 1.0))
        return self._statePost.copy()

    def _store(self, name: str, value: Any) -> None:
        """A result into one of the matrices. OpenCV writes it into the matrix's own memory
        when the size and type are the same, so a matrix set as an N array stays one."""
        old = getattr(self, f"_{name}")
        same = old is not None and old.size == value.size and old.dtype == value.dtype
        setattr(self, f"_{name}", value.reshape(old.shape).copy() if same else value.copy())

    def _ready(self, method: str) -> dict[str, Any]:
        """The filter's matrices, each there (a default-made filter has none)."""
        missing = [n for n in _KALMAN_MATRICES
                   if n != "controlMatrix" and getattr(self, f"_{n}") is None]  # fmt: skip
        if missing:
            raise error(f"{method}(): (-215:Assertion failed) !{missing[0]}.empty() in "
                        "function 'gemm' (set the filter's matrices, or make it with "
                        "KalmanFilter(dynamParams, measureParams))")  # fmt: skip
        return {n: _as_matrix(getattr(self, f"_{n}")) for n in _KALMAN_MATRICES}


def _kalman_matrix(name: str) -> property:
    """One of KalmanFilter's matrices as opencv-python's attribute: a copy out, an array in."""

    def read(self: KalmanFilter) -> Any:
        value = getattr(self, f"_{name}")
        return None if value is None else value.copy()

    def write(self: KalmanFilter, value: Any) -> None:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = np.array([[value]], np.float64)
        if not isinstance(value, np.ndarray):
            raise TypeError(f"KalmanFilter.{name}: value is not a numpy array, neither a "
                            f"scalar (got {type(value).__name__})")  # fmt: skip
        array = _marshal.array_argument(f"KalmanFilter.{name}", name, value)
        setattr(self, f"_{name}", array.copy())  # kept as given, as opencv-python keeps it

    return property(read, write, doc=f"The filter's ``{name}`` (a copy when read).")


for _name in _KALMAN_MATRICES:
    setattr(KalmanFilter, _name, _kalman_matrix(_name))


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
