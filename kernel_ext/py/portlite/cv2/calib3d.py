"""cv2 functions of OpenCV's calib3d module that opencv.js lacks, written as OpenCV runs them.

Each says why in :data:`portlite.cv2._hand_written.REASONS`.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from .._js import Image
from . import _marshal, _table
from ._runtime import error, require_export

__all__ = [
    "RQDecomp3x3",
    "calibrateCamera",
    "calibrationMatrixValues",
    "convertPointsFromHomogeneous",
    "convertPointsToHomogeneous",
    "estimateAffinePartial2D",
    "findEssentialMat",
    "getOptimalNewCameraMatrix",
    "recoverPose",
    "stereoRectify",
    "undistortImagePoints",
    "undistortPoints",
    "undistortPointsIter",
]


def _point_rows(func: str, value: Any, widths: tuple[int, int]) -> Any:
    """Points as rows of one of two widths (OpenCV's checkVector of the first, then the
    second), in their own type: int32, float32 or float64."""
    points = _marshal.array_argument(func, "src", value)
    if points.dtype not in (np.int32, np.float32, np.float64):
        raise error(f"{func}(): (-215:Assertion failed) npoints >= 0 && (depth == CV_32S || "
                    f"depth == CV_32F || depth == CV_64F) in function '{func}' (got "
                    f"{points.dtype})")  # fmt: skip
    for width in widths:
        if (
            points.size
            and points.size % width == 0
            and points.shape[-1] == width
            and (points.ndim == 2 or points.ndim == 3 and 1 in points.shape[:2])
        ):
            return points.reshape(-1, width)
    raise error(f"{func}(): (-215:Assertion failed) npoints >= 0 in function '{func}' (points "
                f"of {widths[0]} or {widths[1]} coordinates expected, got shape "
                f"{points.shape})")  # fmt: skip


def convertPointsToHomogeneous(src: Image, dst: Image | None = None) -> Image:
    """Each point with a 1 appended, as ``cv2.convertPointsToHomogeneous``: ``Nx1x3``
    (or ``Nx1x4``) in the points' own type."""
    points = _point_rows("convertPointsToHomogeneous", src, (2, 3))
    ones = np.ones((len(points), 1), points.dtype)
    return np.hstack([points, ones])[:, None, :]


def convertPointsFromHomogeneous(src: Image, dst: Image | None = None) -> Image:
    """Each point divided by its last coordinate, as ``cv2.convertPointsFromHomogeneous``
    (``Nx1x2`` or ``Nx1x3``; float64 for float64 points, else float32). OpenCV's scale:
    ``1/w``, or 1 when ``|w|`` is at most float32's epsilon (exactly 0 for integers)."""
    points = _point_rows("convertPointsFromHomogeneous", src, (3, 4))
    kind = np.float64 if points.dtype == np.float64 else np.float32
    last = points[:, -1:].astype(kind)
    epsilon = 0 if points.dtype == np.int32 else np.finfo(np.float32).eps
    near_zero = np.abs(last) <= epsilon
    with np.errstate(divide="ignore"):
        scale = np.where(near_zero, kind(1), kind(1) / last)
    result: Image = (points[:, :-1].astype(kind) * scale)[:, None, :]
    return result


class _Rng:
    """OpenCV's ``cv::RNG`` (multiply-with-carry): the same seed gives the same numbers."""

    def __init__(self, state: int) -> None:
        self.state = state or 0xFFFFFFFF

    def uniform(self, low: int, high: int) -> int:
        """``RNG::uniform(int, int)``: an int in [low, high)."""
        if low == high:
            return low
        self.state = (self.state & 0xFFFFFFFF) * 4164903690 + (self.state >> 32)
        return (self.state & 0xFFFFFFFF) % (high - low) + low


def _similarity_of_two(src: Any, dst: Any) -> list[float]:
    """OpenCV's AffinePartial2DEstimatorCallback::runKernel: the rotation, scale and shift
    that take two points onto two, in its double arithmetic (row-major 2x3)."""
    (x1, y1), (x2, y2) = (map(float, point) for point in src)
    (big_x1, big_y1), (big_x2, big_y2) = (map(float, point) for point in dst)
    spread = (x1 - x2) * (x1 - x2) + (y1 - y2) * (y1 - y2)
    d = 1.0 / spread if spread else math.inf  # C++'s 1./0: the model is NaN, no point fits
    s0 = d * ((big_x1 - big_x2) * (x1 - x2) + (big_y1 - big_y2) * (y1 - y2))
    s1 = d * ((big_y1 - big_y2) * (x1 - x2) - (big_x1 - big_x2) * (y1 - y2))
    s2 = d * ((big_y1 - big_y2) * (x1 * y2 - x2 * y1) - (big_x1 * y2 - big_x2 * y1) * (y1 - y2)
              - (big_x1 * x2 - big_x2 * x1) * (x1 - x2))  # fmt: skip
    s3 = d * (-(big_x1 - big_x2) * (x1 * y2 - x2 * y1) - (big_y1 * x2 - big_y2 * x1) * (x1 - x2)
              - (big_y1 * y2 - big_y2 * y1) * (y1 - y2))  # fmt: skip
    return [s0, -s1, s2, s1, s0, s3]


def _squared_errors(model: list[float], src: Any, dst: Any) -> Any:
    """Affine2DEstimatorCallback::computeError: each point's squared distance, in float32."""
    f0, f1, f2, f3, f4, f5 = (np.float32(value) for value in model)
    a = f0 * src[:, 0] + f1 * src[:, 1] + f2 - dst[:, 0]
    b = f3 * src[:, 0] + f4 * src[:, 1] + f5 - dst[:, 1]
    return a * a + b * b


def _iterations_needed(confidence: float, outliers: float, points: int, most: int) -> int:
    """OpenCV's RANSACUpdateNumIters."""
    confidence, outliers = min(max(confidence, 0.0), 1.0), min(max(outliers, 0.0), 1.0)
    num = max(1.0 - confidence, 2.2250738585072014e-308)
    denom = 1.0 - math.pow(1.0 - outliers, points)
    if denom < 2.2250738585072014e-308:
        return 0
    num, denom = math.log(num), math.log(denom)
    return most if denom >= 0 or -num >= most * -denom else round(num / denom)


def _sample(rng: _Rng, count: int) -> tuple[int, int]:
    """RANSACPointSetRegistrator::getSubset for two points (which are never collinear)."""
    first = rng.uniform(0, count)
    second = rng.uniform(0, count)
    while second == first:
        second = rng.uniform(0, count)
    return first, second


def _ransac(src: Any, dst: Any, threshold: float, confidence: float,
            most: int) -> tuple[list[float], Any] | None:  # fmt: skip
    """RANSACPointSetRegistrator::run with a two-point model; None when none is found."""
    count, rng = len(src), _Rng(0xFFFFFFFFFFFFFFFF)
    limit, iterations, best_count = np.float32(threshold * threshold), max(most, 1), 0
    best: tuple[list[float], Any] | None = None
    iteration = 0
    while iteration < iterations:
        pair = list(_sample(rng, count))
        model = _similarity_of_two(src[pair], dst[pair])
        mask = _squared_errors(model, src, dst) <= limit
        good = int(mask.sum())
        if good > max(best_count, 1):
            best, best_count = (model, mask), good
            iterations = _iterations_needed(confidence, (count - good) / count, 2, iterations)
        iteration += 1
    return best


def _least_median(src: Any, dst: Any, confidence: float,
                  most: int) -> tuple[list[float], Any] | None:  # fmt: skip
    """LMeDSPointSetRegistrator::run with a two-point model; None when none is found."""
    count, rng = len(src), _Rng(0xFFFFFFFFFFFFFFFF)
    iterations = max(_iterations_needed(confidence, 0.45, 2, most), 3)
    best, least = None, math.inf
    for _ in range(iterations):
        pair = list(_sample(rng, count))
        model = _similarity_of_two(src[pair], dst[pair])
        median = float(np.partition(_squared_errors(model, src, dst), count // 2)[count // 2])
        if median < least:
            best, least = model, median
    if best is None:
        return None
    sigma = max(2.5 * 1.4826 * (1 + 5.0 / (count - 2)) * math.sqrt(least), 0.001)
    mask = _squared_errors(best, src, dst) <= np.float32(sigma * sigma)
    return (best, mask) if int(mask.sum()) >= 2 else None


def _refined(model: list[float], src: Any, dst: Any) -> list[float]:
    """The least-squares rotation, scale and shift of the inliers: what OpenCV's
    Levenberg-Marquardt refinement converges to (the model is linear in its parameters)."""
    x, y = src[:, 0].astype(np.float64), src[:, 1].astype(np.float64)
    ones, zeros = np.ones_like(x), np.zeros_like(x)
    rows = np.concatenate([np.stack([x, -y, ones, zeros], 1), np.stack([y, x, zeros, ones], 1)])
    targets = np.concatenate([dst[:, 0], dst[:, 1]]).astype(np.float64)
    (a, b, tx, ty), *_ = np.linalg.lstsq(rows, targets, rcond=None)
    return [float(a), float(-b), float(tx), float(b), float(a), float(ty)]


def _points(func: str, arg: str, value: Any) -> Any:
    """Points as float32 (N, 2), as OpenCV's checkVector(2) and convertTo(CV_32FC2) read them."""
    try:
        points = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise error(f"{func}(): '{arg}' must be an array of (x, y) points, got "
                    f"{type(value).__name__}") from None  # fmt: skip
    if points.size == 0 or points.size % 2 or points.shape[-1] != 2:
        raise error(f"{func}(): (-215:Assertion failed) count >= 0 && to.checkVector(2) == "
                    f"count in function '{func}' ('{arg}' has shape {points.shape})")  # fmt: skip
    return points.reshape(-1, 2).astype(np.float32)


def estimateAffinePartial2D(
    from_: Image,
    to: Image,
    inliers: Image | None = None,
    method: int = 8,
    ransacReprojThreshold: float = 3.0,
    maxIters: int = 2000,
    confidence: float = 0.99,
    refineIters: int = 10,
) -> tuple[Image | None, Image]:
    """The rotation, uniform scale and shift from ``from_`` to ``to``, as
    ``cv2.estimateAffinePartial2D``: ``(2x3 float64 matrix, Nx1 uint8 inlier mask)``.

    OpenCV's RANSAC (or LMEDS) step for step: its random generator and seed,
    its two-point model, its float32 errors and its iteration count, so the
    inliers are OpenCV's. The model is then refined on the inliers: OpenCV's
    Levenberg-Marquardt converges to the least-squares fit computed here
    (the two agree to about 1e-12 of the values).
    """
    func = "estimateAffinePartial2D"
    src, dst = _points(func, "from_", from_), _points(func, "to", to)
    if len(src) != len(dst):
        raise error(f"{func}(): (-215:Assertion failed) count >= 0 && to.checkVector(2) == count "
                    f"in function '{func}' ({len(src)} and {len(dst)} points)")  # fmt: skip
    method = _marshal.argument(func, "method", "int", method)
    threshold = _marshal.argument(func, "ransacReprojThreshold", "float", ransacReprojThreshold)
    most = _marshal.argument(func, "maxIters", "int", maxIters)
    confidence = _marshal.argument(func, "confidence", "float", confidence)
    refine = _marshal.argument(func, "refineIters", "int", refineIters)
    if not 0 < confidence < 1:
        raise error(f"{func}(): (-215:Assertion failed) confidence > 0 && confidence < 1 in "
                    f"function 'run' (got {confidence})")  # fmt: skip
    count = len(src)
    found: tuple[list[float], Any] | None
    if count < 2:
        found = None
    elif count == 2:
        found = (_similarity_of_two(src, dst), np.ones(2, bool))
    elif method == _table.CONSTANTS["RANSAC"]:
        found = _ransac(src, dst, threshold, confidence, most)
    elif method == _table.CONSTANTS["LMEDS"]:
        found = _least_median(src, dst, confidence, most)
    else:
        raise error(f"{func}(): (-5:Bad argument) Unknown or unsupported robust estimation "
                    f"method in function '{func}' (method {method})")  # fmt: skip
    matrix = None
    mask = np.zeros(count, bool) if found is None else found[1]
    if found is not None:
        model = found[0]
        if count > 2 and refine and mask.any():
            model = _refined(model, src[mask], dst[mask])
        matrix = np.array(model).reshape(2, 3)
    given = inliers if isinstance(inliers, np.ndarray) else None
    return matrix, _marshal.landed(mask.astype(np.uint8).reshape(-1, 1), given, "out")


def _matrix(func: str, arg: str, value: Any, shapes: tuple[tuple[int, int], ...]) -> Any:
    """A small matrix argument as float64, one of ``shapes``."""
    try:
        matrix = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise error(f"{func}(): '{arg}' must be a numeric matrix, got "
                    f"{type(value).__name__}") from None  # fmt: skip
    if matrix.shape not in shapes:
        wanted = " or ".join(f"{rows}x{cols}" for rows, cols in shapes)
        raise error(f"{func}(): '{arg}' must be {wanted}, got shape {matrix.shape}")
    return matrix


def _distortion(func: str, value: Any) -> list[float] | None:
    """OpenCV's 14 distortion coefficients (zeros past those given); None when empty."""
    if value is None:
        return None
    try:
        coefficients = np.asarray(value, dtype=np.float64).ravel()
    except (TypeError, ValueError):
        raise error(f"{func}(): 'distCoeffs' must be an array of numbers, got "
                    f"{type(value).__name__}") from None  # fmt: skip
    if coefficients.size == 0:
        return None
    if coefficients.size not in (4, 5, 8, 12, 14):
        raise error(f"{func}(): 'distCoeffs' must hold 4, 5, 8, 12 or 14 coefficients, got "
                    f"{coefficients.size}")  # fmt: skip
    if coefficients.size == 14 and (coefficients[12] or coefficients[13]):
        raise error(f"{func}(): a tilted sensor (tauX, tauY) is not supported by this bridge")
    return [float(c) for c in coefficients] + [0.0] * (14 - coefficients.size)


#: OpenCV's TermCriteria types.
_COUNT, _EPS = _table.CONSTANTS["TERM_CRITERIA_COUNT"], _table.CONSTANTS["TERM_CRITERIA_EPS"]
#: The most rounds of a criteria without a count (OpenCV's never end if a point diverges).
_ROUNDS_WITHOUT_A_COUNT = 10_000
#: undistortPoints' rounds: five, no error test (TermCriteria(MAX_ITER, 5, 0.01)).
_FIVE_ROUNDS = (_COUNT, 5, 0.01)


def _undistorted(points: Any, camera: Any, k: list[float] | None, rotation: Any,
                 projection: Any, criteria: tuple[int, int, float]) -> Any:  # fmt: skip
    """cvUndistortPointsInternal on float64 (N, 2) points, term for term (no tilt): its
    fixed-point rounds until ``criteria`` (type, count, eps) stop each point."""
    kind, most, epsilon = criteria
    fx, fy, cx, cy = camera[0, 0], camera[1, 1], camera[0, 2], camera[1, 2]
    ifx, ify = 1.0 / fx, 1.0 / fy
    u, v = points[:, 0], points[:, 1]
    x, y = (u - cx) * ifx, (v - cy) * ify
    if k is not None:
        x0, y0 = x.copy(), y.copy()
        active = np.ones(len(x), bool)
        error: Any = np.full(len(x), np.finfo(np.float64).max)
        round_ = 0
        while active.any():
            # An error test alone never ends for a point that does not converge: OpenCV
            # loops forever there, the bridge stops after _ROUNDS_WITHOUT_A_COUNT rounds.
            if round_ >= (most if kind & _COUNT else _ROUNDS_WITHOUT_A_COUNT):
                break
            if kind & _EPS:
                active &= ~(error < epsilon)
            round_ += 1
            r2 = x * x + y * y
            icdist = (1 + ((k[7] * r2 + k[6]) * r2 + k[5]) * r2) / (
                1 + ((k[4] * r2 + k[1]) * r2 + k[0]) * r2
            )
            stop = active & (icdist < 0)  # OpenCV's regression_14583: back to the start
            x[stop], y[stop] = (u[stop] - cx) * ifx, (v[stop] - cy) * ify
            active &= ~stop
            delta_x = 2 * k[2] * x * y + k[3] * (r2 + 2 * x * x) + k[8] * r2 + k[9] * r2 * r2
            delta_y = k[2] * (r2 + 2 * y * y) + 2 * k[3] * x * y + k[10] * r2 + k[11] * r2 * r2
            x = np.where(active, (x0 - delta_x) * icdist, x)
            y = np.where(active, (y0 - delta_y) * icdist, y)
            if kind & _EPS:  # the reprojection error, as OpenCV computes it
                r2 = x * x + y * y
                r4 = r2 * r2
                r6 = r4 * r2
                a1, a2, a3 = 2 * x * y, r2 + 2 * x * x, r2 + 2 * y * y
                cdist = 1 + k[0] * r2 + k[1] * r4 + k[4] * r6
                icdist2 = 1.0 / (1 + k[5] * r2 + k[6] * r4 + k[7] * r6)
                xd = x * cdist * icdist2 + k[2] * a1 + k[3] * a2 + k[8] * r2 + k[9] * r4
                yd = y * cdist * icdist2 + k[2] * a3 + k[3] * a1 + k[10] * r2 + k[11] * r4
                reprojected = np.sqrt((xd * fx + cx - u) ** 2 + (yd * fy + cy - v) ** 2)
                error = np.where(active, reprojected, error)
    if rotation is None and projection is None:
        return np.stack([x, y], 1)
    rr = [[float(v) for v in row] for row in (np.eye(3) if rotation is None else rotation)]
    if projection is not None:  # cvMatMul(P, R): each sum in C's order
        pp = [[float(v) for v in row[:3]] for row in projection]
        rr = [[pp[i][0] * rr[0][j] + pp[i][1] * rr[1][j] + pp[i][2] * rr[2][j]
               for j in range(3)] for i in range(3)]  # fmt: skip
    xx = rr[0][0] * x + rr[0][1] * y + rr[0][2]
    yy = rr[1][0] * x + rr[1][1] * y + rr[1][2]
    ww = 1.0 / (rr[2][0] * x + rr[2][1] * y + rr[2][2])
    return np.stack([xx * ww, yy * ww], 1)


def _undistort_call(func: str, src: Any, cameraMatrix: Any, distCoeffs: Any, R: Any,
                    P: Any, criteria: tuple[int, int, float]) -> Image:  # fmt: skip
    try:
        points = np.asarray(src)
    except (TypeError, ValueError):
        points = np.empty(0)
    if points.dtype not in (np.float32, np.float64) or points.size % 2 or points.size == 0:
        raise error(f"{func}(): (-215:Assertion failed) npoints >= 0 && src.isContinuous() && "
                    f"(depth == CV_32F || depth == CV_64F) in function 'undistortPoints' "
                    f"('src' is {points.dtype} {points.shape})")  # fmt: skip
    camera = _matrix(func, "cameraMatrix", cameraMatrix, ((3, 3),))
    rotation = None if R is None or np.size(R) == 0 else _matrix(func, "R", R, ((3, 3),))
    projection = None
    if P is not None and np.size(P):
        projection = _matrix(func, "P", P, ((3, 3), (3, 4)))
    k = _distortion(func, distCoeffs)
    with np.errstate(all="ignore"):  # C's double arithmetic: inf and NaN, silently
        result = _undistorted(points.reshape(-1, 2).astype(np.float64), camera, k, rotation,
                              projection, criteria)  # fmt: skip
        undistorted: Image = result.astype(points.dtype).reshape(-1, 1, 2)
    return undistorted


def undistortPoints(src: Image, cameraMatrix: Image, distCoeffs: Image | None,
                    dst: Image | None = None, R: Image | None = None,
                    P: Image | None = None) -> Image:  # fmt: skip
    """Ideal point coordinates from distorted ones, as ``cv2.undistortPoints``:
    (N, 1, 2) of the source's float type; normalized unless ``P`` is given.

    OpenCV's five fixed-point rounds, term for term in float64 (the same
    values; a tilted-sensor model is refused).
    """
    return _undistort_call("undistortPoints", src, cameraMatrix, distCoeffs, R, P, _FIVE_ROUNDS)


def undistortPointsIter(src: Image, cameraMatrix: Image, distCoeffs: Image | None,
                        R: Image | None, P: Image | None, criteria: Any,
                        dst: Image | None = None) -> Image:  # fmt: skip
    """:func:`undistortPoints` with its rounds stopped by ``criteria`` (type, count, eps):
    a count of rounds, a reprojection error in pixels, or both, as OpenCV stops them."""
    func = "undistortPointsIter"
    try:
        kind, count, epsilon = (int(criteria[0]), int(criteria[1]), float(criteria[2]))
    except (TypeError, ValueError, IndexError):
        raise error(f"{func}(): 'criteria' must be (type, maxCount, epsilon), got "
                    f"{criteria!r:.60}") from None  # fmt: skip
    if not (kind & _COUNT and count > 0 or kind & _EPS and epsilon >= 0):
        raise error(f"{func}(): (-215:Assertion failed) criteria.isValid() in function "
                    f"'cvUndistortPointsInternal' ({criteria!r:.60})")  # fmt: skip
    return _undistort_call(func, src, cameraMatrix, distCoeffs, R, P, (kind, count, epsilon))


def undistortImagePoints(src: Image, cameraMatrix: Image, distCoeffs: Image | None,
                         dst: Image | None = None, arg1: Any = None) -> Image:  # fmt: skip
    """Undistorted points in pixels, as ``cv2.undistortImagePoints``: the camera matrix
    as the projection; five rounds at most, fewer once a point reprojects within 0.01
    pixel (``arg1``: other criteria)."""
    if arg1 is not None:
        return undistortPointsIter(src, cameraMatrix, distCoeffs, None, cameraMatrix, arg1)
    return _undistort_call("undistortImagePoints", src, cameraMatrix, distCoeffs, None,
                           cameraMatrix, (_COUNT | _EPS, 5, 0.01))  # fmt: skip


def _undistort_rectangles(camera: Any, k: list[float] | None, projection: Any,
                          size: tuple[int, int], rotation: Any = None
                          ) -> tuple[list[float], list[float]]:  # fmt: skip
    """OpenCV's getUndistortRectangles: the inscribed and the circumscribed (x, y, w, h)
    of the image border's 32 grid points, undistorted (and rotated by ``rotation``)."""
    n = 9
    step_x, step_y = (size[0] - 1) / float(n - 1), (size[1] - 1) / float(n - 1)
    grid = [(x, y) for y in range(n) for x in range(n) if x in (0, n - 1) or y in (0, n - 1)]
    points = np.array([(x * step_x, y * step_y) for x, y in grid])
    moved = _undistorted(points, camera, k, rotation, projection, _FIVE_ROUNDS)
    flt_max = float(np.finfo(np.float32).max)
    ix0, ix1, iy0, iy1 = -flt_max, flt_max, -flt_max, flt_max
    for (x, y), (px, py) in zip(grid, moved.tolist(), strict=True):
        if x == 0:
            ix0 = max(ix0, px)
        if x == n - 1:
            ix1 = min(ix1, px)
        if y == 0:
            iy0 = max(iy0, py)
        if y == n - 1:
            iy1 = min(iy1, py)
    ox0, oy0 = float(moved[:, 0].min()), float(moved[:, 1].min())
    ox1, oy1 = float(moved[:, 0].max()), float(moved[:, 1].max())
    return [ix0, iy0, ix1 - ix0, iy1 - iy0], [ox0, oy0, ox1 - ox0, oy1 - oy0]


def _clipped(rect: tuple[int, int, int, int], width: int, height: int) -> tuple[int, ...]:
    """OpenCV's Rect ``&=`` with the image (0, 0, width, height); empty gives (0, 0, 0, 0)."""
    x, y, w, h = rect
    if w <= 0 or h <= 0 or width <= 0 or height <= 0:
        return (0, 0, 0, 0)
    x1, y1 = max(x, 0), max(y, 0)
    x2, y2 = min(x + w, width), min(y + h, height)
    return (0, 0, 0, 0) if x2 - x1 <= 0 or y2 - y1 <= 0 else (x1, y1, x2 - x1, y2 - y1)


def getOptimalNewCameraMatrix(cameraMatrix: Image, distCoeffs: Image | None, imageSize: Any,
                              alpha: float, newImgSize: Any = None,
                              centerPrincipalPoint: bool = False
                              ) -> tuple[Image, tuple[int, int, int, int]]:  # fmt: skip
    """The camera matrix that keeps ``alpha`` of the undistorted image (0: only valid
    pixels, 1: all source pixels), and the valid pixels' rectangle, as
    ``cv2.getOptimalNewCameraMatrix``: OpenCV's steps, with :func:`undistortPoints`'s."""
    func = "getOptimalNewCameraMatrix"
    given = np.asarray(cameraMatrix)
    camera = _matrix(func, "cameraMatrix", cameraMatrix, ((3, 3),))
    k = _distortion(func, distCoeffs)
    size = tuple(_marshal.argument(func, "imageSize", "Size", imageSize).values())
    alpha = _marshal.argument(func, "alpha", "float", alpha)
    new_size = size
    if newImgSize is not None:
        asked = tuple(_marshal.argument(func, "newImgSize", "Size", newImgSize).values())
        new_size = asked if asked[0] * asked[1] != 0 else size
    m = camera.copy()
    if centerPrincipalPoint:
        cx0, cy0 = m[0, 2], m[1, 2]
        cx, cy = (new_size[0] - 1) * 0.5, (new_size[1] - 1) * 0.5
        inner, outer = _undistort_rectangles(camera, k, camera, size)
        s0 = max(max(max(cx / (cx0 - inner[0]), cy / (cy0 - inner[1])),
                     cx / (inner[0] + inner[2] - cx0)),
                 cy / (inner[1] + inner[3] - cy0))  # fmt: skip
        s1 = min(min(min(cx / (cx0 - outer[0]), cy / (cy0 - outer[1])),
                     cx / (outer[0] + outer[2] - cx0)),
                 cy / (outer[1] + outer[3] - cy0))  # fmt: skip
        s = s0 * (1 - alpha) + s1 * alpha
        m[0, 0] *= s
        m[1, 1] *= s
        m[0, 2], m[1, 2] = cx, cy
        box = ((inner[0] - cx0) * s + cx, (inner[1] - cy0) * s + cy, inner[2] * s, inner[3] * s)
        roi = _clipped((math.ceil(box[0]), math.ceil(box[1]), math.floor(box[2]),
                        math.floor(box[3])), *new_size)  # fmt: skip
    else:
        inner, outer = _undistort_rectangles(camera, k, None, size)
        fx0, fy0 = (new_size[0] - 1) / inner[2], (new_size[1] - 1) / inner[3]
        cx0, cy0 = -fx0 * inner[0], -fy0 * inner[1]
        fx1, fy1 = (new_size[0] - 1) / outer[2], (new_size[1] - 1) / outer[3]
        cx1, cy1 = -fx1 * outer[0], -fy1 * outer[1]
        m[0, 0] = fx0 * (1 - alpha) + fx1 * alpha
        m[1, 1] = fy0 * (1 - alpha) + fy1 * alpha
        m[0, 2] = cx0 * (1 - alpha) + cx1 * alpha
        m[1, 2] = cy0 * (1 - alpha) + cy1 * alpha
        inner, _ = _undistort_rectangles(camera, k, m, size)
        rounded = tuple(_round_half_even(value) for value in inner)
        roi = _clipped(rounded, *new_size)  # type: ignore[arg-type]
    dtype = given.dtype if given.dtype in (np.float32, np.float64) else np.float64
    return m.astype(dtype), roi  # type: ignore[return-value]


def _round_half_even(value: float) -> int:
    """cvRound (saturate_cast<int> of a double): to nearest, ties to even."""
    return round(value)


#: opencv.js's calibrateCameraExtended, reporting errors as calibrateCamera's.
_calibrate = _marshal.bridge("calibrateCamera", _table.FUNCTIONS["calibrateCameraExtended"])


def calibrateCamera(objectPoints: Any, imagePoints: Any, imageSize: Any, cameraMatrix: Any,
                    distCoeffs: Any, rvecs: Any = None, tvecs: Any = None, flags: int = 0,
                    criteria: Any = None) -> tuple[Any, ...]:  # fmt: skip
    """Calibrate a camera from views of a known pattern, as ``cv2.calibrateCamera``.

    OpenCV's ``calibrateCamera`` is its ``calibrateCameraExtended`` without the
    standard deviations and per-view errors, which are worked out after the
    fit and do not change it: this runs opencv.js's ``calibrateCameraExtended``
    and returns ``retval, cameraMatrix, distCoeffs, rvecs, tvecs``.
    """
    optional = {"rvecs": rvecs, "tvecs": tvecs, "flags": flags, "criteria": criteria}
    given = {name: value for name, value in optional.items() if value is not None}
    found = _calibrate(objectPoints, imagePoints, imageSize, cameraMatrix, distCoeffs, **given)
    return tuple(found[:5])


#: opencv.js's stereoRectify as far as embind binds it: without the two ``Rect*`` outputs
#: (the valid pixels' rectangles), which :func:`stereoRectify` works out as OpenCV does.
_STEREO_RECTIFY = _marshal.bridge("stereoRectify", ((
    "stereoRectify",
    (*((name, "Mat", "in", "@required") for name in
       ("cameraMatrix1", "distCoeffs1", "cameraMatrix2", "distCoeffs2")),
     ("imageSize", "Size", "in", "@required"), ("R", "Mat", "in", "@required"),
     ("T", "Mat", "in", "@required"),
     *((name, "Mat", "out", "@required") for name in ("R1", "R2", "P1", "P2", "Q")),
     ("flags", "int", "in", _table.CONSTANTS["CALIB_ZERO_DISPARITY"]),
     ("alpha", "float", "in", -1.0), ("newImageSize", "Size", "in", (0, 0))),
    tuple(range(15)), ("R1", "R2", "P1", "P2", "Q"), "void", 0,
),))  # fmt: skip


def stereoRectify(cameraMatrix1: Image, distCoeffs1: Image | None, cameraMatrix2: Image,
                  distCoeffs2: Image | None, imageSize: Any, R: Image, T: Image,
                  R1: Image | None = None, R2: Image | None = None, P1: Image | None = None,
                  P2: Image | None = None, Q: Image | None = None,
                  flags: int = _table.CONSTANTS["CALIB_ZERO_DISPARITY"], alpha: float = -1.0,
                  newImageSize: Any = None) -> tuple[Any, ...]:  # fmt: skip
    """Rectification transforms of a calibrated stereo pair, as ``cv2.stereoRectify``:
    ``R1, R2, P1, P2, Q, validPixROI1, validPixROI2``.

    opencv.js computes the transforms; the valid rectangles (which embind
    cannot hand back) are worked out from them with OpenCV's steps: each
    camera's undistorted border (getUndistortRectangles) in the rectified view
    before OpenCV scales it by ``alpha``, then scaled and clipped.
    """
    require_export("stereoRectify", "stereoRectify")
    func = "stereoRectify"
    r1, r2, p1, p2, q = _STEREO_RECTIFY(
        cameraMatrix1, distCoeffs1, cameraMatrix2, distCoeffs2, imageSize, R, T, R1, R2, P1,
        P2, Q, flags, alpha, newImageSize,
    )  # fmt: skip
    size = tuple(_marshal.argument(func, "imageSize", "Size", imageSize).values())
    new_size = size
    if newImageSize is not None:
        asked = tuple(_marshal.argument(func, "newImageSize", "Size", newImageSize).values())
        new_size = asked if asked[0] * asked[1] != 0 else size
    cameras = [_matrix(func, name, value, ((3, 3),))
               for name, value in (("cameraMatrix1", cameraMatrix1),
                                   ("cameraMatrix2", cameraMatrix2))]  # fmt: skip
    distortions = [_distortion(func, distCoeffs1), _distortion(func, distCoeffs2)]
    rois = _valid_rectangles(cameras, distortions, [r1, r2], [p1, p2], size, new_size, alpha)
    return r1, r2, p1, p2, q, rois[0], rois[1]


def _valid_rectangles(cameras: list[Any], distortions: list[list[float] | None],
                      rotations: list[Any], projections: list[Any], size: tuple[int, ...],
                      new_size: tuple[int, ...], alpha: float
                      ) -> list[tuple[int, ...]]:  # fmt: skip
    """stereoRectify's two valid rectangles, from its rotations and final projections:
    OpenCV's steps, from the projections it had before it scaled them by ``alpha``."""
    # the baseline lies along x (0) or y (1): OpenCV's idx, the axis P2 carries it on
    idx = 0 if float(projections[1][0, 3]) != 0 else 1
    ratio = (new_size[0] / size[0] / 2) if idx == 1 else (new_size[1] / size[1] / 2)
    focal = (cameras[0][idx ^ 1, idx ^ 1] + cameras[1][idx ^ 1, idx ^ 1]) * ratio
    width, height = new_size[0], new_size[1]
    centres, inners, outers = [], [], []
    for camera, k, rotation, projection in zip(cameras, distortions, rotations, projections,
                                               strict=True):  # fmt: skip
        cx, cy = float(projection[0, 2]), float(projection[1, 2])
        # the principal point before OpenCV moved it to the new size
        cx0, cy0 = cx * size[0] / width, cy * size[1] / height
        before = np.array([[focal, 0, cx0], [0, focal, cy0], [0, 0, 1.0]])
        inner, outer = _undistort_rectangles(
            camera, k, before, (size[0], size[1]), np.asarray(rotation, np.float64)
        )
        centres.append((cx, cy, cx0, cy0))
        inners.append(inner)
        outers.append(outer)
    scale = 1.0
    if alpha >= 0:  # OpenCV's s0 (only valid pixels) and s1 (every pixel), mixed by alpha
        s0, s1 = -math.inf, math.inf
        for (cx, cy, cx0, cy0), (ix, iy, iw, ih), (ox, oy, ow, oh) in zip(
            centres, inners, outers, strict=True
        ):
            s0 = max(max(max(max(cx / (cx0 - ix), cy / (cy0 - iy)),
                             (width - 1 - cx) / (ix + iw - cx0)),
                         (height - 1 - cy) / (iy + ih - cy0)), s0)  # fmt: skip
            s1 = min(min(min(min(cx / (cx0 - ox), cy / (cy0 - oy)),
                             (width - 1 - cx) / (ox + ow - cx0)),
                         (height - 1 - cy) / (oy + oh - cy0)), s1)  # fmt: skip
        mix = min(alpha, 1.0)
        scale = s0 * (1 - mix) + s1 * mix
    rois = []
    for (cx, cy, cx0, cy0), (ix, iy, iw, ih) in zip(centres, inners, strict=True):
        box = (math.ceil((ix - cx0) * scale + cx), math.ceil((iy - cy0) * scale + cy),
               math.floor(iw * scale), math.floor(ih * scale))  # fmt: skip
        rois.append(_clipped(box, width, height))
    return rois


#: opencv.js's decomposeProjectionMatrix, which runs RQDecomp3x3 on the left 3x3 of its
#: matrix (errors reported as RQDecomp3x3's).
_DECOMPOSE = _marshal.bridge("RQDecomp3x3", _table.FUNCTIONS["decomposeProjectionMatrix"])


def RQDecomp3x3(src: Image, mtxR: Image | None = None, mtxQ: Image | None = None,
                Qx: Image | None = None, Qy: Image | None = None, Qz: Image | None = None
                ) -> tuple[Any, ...]:  # fmt: skip
    """RQ decomposition of a 3x3 matrix, as ``cv2.RQDecomp3x3``: ``retval`` (the three
    Euler angles in degrees), ``mtxR`` (upper triangular), ``mtxQ`` (orthogonal) and the
    three rotations ``Qx``, ``Qy``, ``Qz``, in ``src``'s type.

    opencv.js binds RQDecomp3x3 without its last output; its decomposeProjectionMatrix
    runs OpenCV's RQDecomp3x3 on ``[src | 0]`` in double and hands back all of them.
    """
    func = "RQDecomp3x3"
    require_export(func, "decomposeProjectionMatrix")
    matrix = _marshal.array_argument(func, "src", src)
    if matrix.shape != (3, 3):
        raise error(f"{func}(): (-215:Assertion failed) src must be a 3x3 one-channel matrix, "
                    f"got {matrix.dtype} array of shape {matrix.shape}")  # fmt: skip
    projection = np.hstack([matrix.astype(np.float64), np.zeros((3, 1))])
    upper, orthogonal, _shift, *rotations, angles = _DECOMPOSE(projection)
    results = []
    for array, given in zip((upper, orthogonal, *rotations), (mtxR, mtxQ, Qx, Qy, Qz),
                            strict=True):  # fmt: skip
        converted = _in_depth(array, matrix.dtype)
        given_array = given if isinstance(given, np.ndarray) else None
        results.append(_marshal.landed(converted, given_array, "out"))
    return (tuple(float(angle) for angle in np.ravel(angles)), *results)


def _in_depth(array: Any, dtype: Any) -> Any:
    """A double matrix converted as OpenCV's convertTo does: floats rounded to the nearest,
    integers to the nearest even on ties and saturated."""
    if np.dtype(dtype).kind == "f":
        return array.astype(dtype)
    limits = np.iinfo(dtype)
    return np.clip(np.rint(array), limits.min, limits.max).astype(dtype)


def calibrationMatrixValues(cameraMatrix: Image, imageSize: Any, apertureWidth: float,
                            apertureHeight: float) -> tuple[Any, ...]:  # fmt: skip
    """A camera matrix's fields of view (degrees), focal length and principal point (in
    the aperture's units, or pixels without one) and aspect ratio, as
    ``cv2.calibrationMatrixValues``: OpenCV's arithmetic in double."""
    func = "calibrationMatrixValues"
    matrix = _marshal.array_argument(func, "cameraMatrix", cameraMatrix)
    if matrix.shape != (3, 3):
        raise error(f"{func}(): (-209:Sizes of input arguments do not match) Size of "
                    f"cameraMatrix must be 3x3! (got shape {matrix.shape})")  # fmt: skip
    a = [[float(matrix[i, j]) for j in range(3)] for i in range(3)]
    width, height = _marshal.argument(func, "imageSize", "Size", imageSize).values()
    aperture_w = _marshal.argument(func, "apertureWidth", "float", apertureWidth)
    aperture_h = _marshal.argument(func, "apertureHeight", "float", apertureHeight)
    aspect = a[1][1] / a[0][0]
    if aperture_w != 0.0 and aperture_h != 0.0:
        mx, my = width / aperture_w, height / aperture_h
    else:
        mx, my = 1.0, aspect
    fovx = math.atan2(a[0][2], a[0][0]) + math.atan2(width - a[0][2], a[0][0])
    fovy = math.atan2(a[1][2], a[1][1]) + math.atan2(height - a[1][2], a[1][1])
    degrees = 180.0 / math.pi
    return fovx * degrees, fovy * degrees, a[0][0] / mx, (a[0][2] / mx, a[1][2] / my), aspect


def _focal_form(args: tuple[Any, ...], kwargs: dict[str, Any], camera_at: int,
                pp_at: int | None) -> bool:  # fmt: skip
    """Whether opencv-python would take a call's ``focal``/``pp`` overload: it names them,
    gives no camera matrix at all, or (where positional ``pp`` can reach that overload,
    ``pp_at``) gives ``pp`` as a pair where the camera-matrix form has a number."""
    if "focal" in kwargs or "pp" in kwargs:
        return True
    if pp_at is not None and len(args) > pp_at and isinstance(args[pp_at], (tuple, list)):
        return True
    cameras = ("cameraMatrix", "cameraMatrix1")
    return len(args) <= camera_at and not any(name in kwargs for name in cameras)


def _camera_from_focal(
    func: str, args: tuple[Any, ...], kwargs: dict[str, Any], camera_at: int, focal_at: int
) -> tuple[list[Any], dict[str, Any]]:
    """The call with ``focal`` and ``pp`` replaced by the camera matrix OpenCV builds of
    them (``[[focal, 0, pp.x], [0, focal, pp.y], [0, 0, 1]]``) where that overload takes it."""
    rest = dict(kwargs)
    given = list(args[focal_at : focal_at + 2])
    focal = given[0] if given else rest.pop("focal", 1.0)
    pp = given[1] if len(given) > 1 else rest.pop("pp", (0.0, 0.0))
    focal = _marshal.argument(func, "focal", "float", focal)
    centre = _marshal.argument(func, "pp", "Point2d", pp)
    camera = np.array([[focal, 0, centre["x"]], [0, focal, centre["y"]], [0, 0, 1]], np.float64)
    before, after = list(args[:focal_at]), list(args[focal_at + 2 :])
    return [*before[:camera_at], camera, *before[camera_at:], *after], rest


#: The table's findEssentialMat and recoverPose (opencv.js binds neither's focal/pp form).
_FIND_ESSENTIAL = _marshal.bridge("findEssentialMat", _table.FUNCTIONS["findEssentialMat"])
_RECOVER_POSE = _marshal.bridge("recoverPose", _table.FUNCTIONS["recoverPose"])


def findEssentialMat(*args: Any, **kwargs: Any) -> Any:
    """The essential matrix of two views' matched points, as ``cv2.findEssentialMat``:
    ``retval, mask``, with any of opencv-python's overloads.

    The ``focal``/``pp`` form is OpenCV's camera-matrix form with the matrix it
    builds of them (as OpenCV's own code does); the others are opencv.js's.
    """
    if _focal_form(args, kwargs, camera_at=2, pp_at=3):
        call, named = _camera_from_focal("findEssentialMat", args, kwargs, 2, 2)
        return _FIND_ESSENTIAL(*call, **named)
    return _FIND_ESSENTIAL(*args, **kwargs)


def recoverPose(*args: Any, **kwargs: Any) -> Any:
    """The relative pose of two views, as ``cv2.recoverPose``: ``retval, R, t, mask``
    (and ``triangulatedPoints`` with ``distanceThresh``), with any of opencv-python's
    overloads.

    The ``focal``/``pp`` form is OpenCV's camera-matrix form with the matrix it
    builds of them (as OpenCV's own code does); the others are opencv.js's.
    """
    # positional focal and pp never reach that overload: opencv-python's points-first
    # overload takes (E, points1, points2, R, t, focal, pp) first, and fails in OpenCV
    if _focal_form(args, kwargs, camera_at=3, pp_at=None):
        call, named = _camera_from_focal("recoverPose", args, kwargs, 3, 5)
        return _RECOVER_POSE(*call, **named)
    return _RECOVER_POSE(*args, **kwargs)
