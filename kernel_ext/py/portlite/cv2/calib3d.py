"""cv2 functions of OpenCV's calib3d module that opencv.js lacks, written as OpenCV runs them.

Each says why in :data:`portlite.cv2._hand_written.REASONS`.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from .._js import Image
from . import _marshal, _table
from ._runtime import error

__all__ = ["estimateAffinePartial2D"]

_FLT_EPSILON = float(np.finfo(np.float32).eps)


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
    if found is None:
        return None, np.zeros((count, 1), np.uint8)
    model, mask = found
    if count > 2 and refine and mask.any():
        model = _refined(model, src[mask], dst[mask])
    return np.array(model).reshape(2, 3), mask.astype(np.uint8).reshape(-1, 1)
