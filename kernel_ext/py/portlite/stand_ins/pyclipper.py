"""``pyclipper.PyclipperOffset`` for one convex closed path with round joins.

It follows Clipper 6.4's ``ClipperOffset`` (which pyclipper wraps) step by
step: coordinates are truncated to integers, the path is turned
counter-clockwise (in Clipper's sense), each edge is moved out by ``delta``
along its normal, and each corner is filled with an arc of as many steps as
the arc tolerance (0.25) asks for, every point rounded half away from zero.
Clipper then unions the result with itself; for a convex path that union
drops points that lie on a straight line between their neighbours and
starts the ring at a point of its own choosing; the stand-in does both.
Two cases are approximate: a path that truncation to integers dented (a
thin tilted box) is offset by its convex hull, and a ``delta`` below 1 can
round differently from what the union keeps. tests/unit/test_stand_ins.py
measures both against pyclipper: 7 of 7,000 random boxes and convex
polygons differ, and the minimum-area rectangles of the results (what
rapidocr keeps) by at most 0.43 px. Other join
types, open paths and several paths raise ``NotImplementedError``.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

__all__ = [
    "ET_CLOSEDLINE",
    "ET_CLOSEDPOLYGON",
    "ET_OPENBUTT",
    "ET_OPENROUND",
    "ET_OPENSQUARE",
    "JT_MITER",
    "JT_ROUND",
    "JT_SQUARE",
    "PyclipperOffset",
]

JT_SQUARE, JT_ROUND, JT_MITER = 0, 1, 2
ET_CLOSEDPOLYGON, ET_CLOSEDLINE, ET_OPENBUTT, ET_OPENSQUARE, ET_OPENROUND = 0, 1, 2, 3, 4

#: Clipper's default arc tolerance, also a fraction of ``delta`` below 1.
_ARC_TOLERANCE = 0.25


def _round(value: float) -> int:
    """Clipper's ``Round``: half away from zero."""
    return int(value - 0.5) if value < 0 else int(value + 0.5)


def _signed_area(path: list[tuple[int, int]]) -> float:
    """Clipper's ``Area``: positive for its counter-clockwise orientation."""
    total = 0.0
    previous = path[-1]
    for point in path:
        total += (previous[0] + point[0]) * (previous[1] - point[1])
        previous = point
    return -total * 0.5


def _is_convex(path: list[tuple[int, int]]) -> bool:
    signs = set()
    for i, (x0, y0) in enumerate(path):
        x1, y1 = path[(i + 1) % len(path)]
        x2, y2 = path[(i + 2) % len(path)]
        cross = (x1 - x0) * (y2 - y1) - (y1 - y0) * (x2 - x1)
        if cross:
            signs.add(cross > 0)
    return len(signs) <= 1


def _without_collinear(ring: list[list[int]]) -> list[list[int]]:
    """The ring without repeated points and points on a straight line (as Clipper's union)."""
    changed = True
    while changed and len(ring) > 2:
        changed = False
        for i in range(len(ring)):
            (x0, y0), (x1, y1), (x2, y2) = ring[i - 1], ring[i], ring[(i + 1) % len(ring)]
            if (x1 - x0) * (y2 - y1) == (y1 - y0) * (x2 - x1):
                del ring[i]
                changed = True
                break
    return ring


def _convex_hull(points: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The convex hull (Andrew's monotone chain), in Clipper's positive orientation."""
    ordered = sorted(set(points))

    def half(chain_points: list[tuple[int, int]]) -> list[tuple[int, int]]:
        chain: list[tuple[int, int]] = []
        for p in chain_points:
            while (
                len(chain) >= 2
                and (
                    (chain[-1][0] - chain[-2][0]) * (p[1] - chain[-2][1])
                    - (chain[-1][1] - chain[-2][1]) * (p[0] - chain[-2][0])
                )
                <= 0
            ):
                chain.pop()
            chain.append(p)
        return chain[:-1]

    return half(ordered) + half(ordered[::-1])


def _unit_normal(a: tuple[int, int], b: tuple[int, int]) -> tuple[float, float]:
    if a == b:
        return 0.0, 0.0
    dx, dy = float(b[0] - a[0]), float(b[1] - a[1])
    scale = 1.0 / math.sqrt(dx * dx + dy * dy)
    return dy * scale, -dx * scale


class PyclipperOffset:
    """Offsets one convex closed path with round joins (see the module's note).

    Parameters
    ----------
    miter_limit : float
        Kept for pyclipper's signature; round joins do not use it.
    arc_tolerance : float
        The largest distance of an arc's chord from the true arc.
    """

    def __init__(self, miter_limit: float = 2.0, arc_tolerance: float = _ARC_TOLERANCE) -> None:
        self.MiterLimit = miter_limit
        self.ArcTolerance = arc_tolerance
        self._paths: list[list[tuple[int, int]]] = []

    def AddPath(self, path: Any, join_type: int, end_type: int) -> None:  # noqa: N802 - pyclipper's name
        """Add a path of ``(x, y)`` points; coordinates are truncated to integers."""
        if join_type != JT_ROUND or end_type != ET_CLOSEDPOLYGON:
            raise NotImplementedError(
                "PyclipperOffset.AddPath: this stand-in offsets closed polygons with round joins "
                f"(JT_ROUND, ET_CLOSEDPOLYGON), got join_type={join_type}, end_type={end_type}"
            )
        points: list[tuple[int, int]] = []
        for x, y in np.asarray(path).reshape(-1, 2).tolist():
            point = (int(x), int(y))
            if not points or point != points[-1]:
                points.append(point)
        while len(points) > 1 and points[0] == points[-1]:
            points.pop()
        if len(points) < 3:
            raise NotImplementedError(
                "PyclipperOffset.AddPath: this stand-in offsets paths of 3 or more "
                f"distinct points, got {points}"
            )
        if not _is_convex(points):
            # Truncation can dent a thin convex box; its convex hull is
            # offset instead (see the module's note).
            points = _convex_hull(points)
        self._paths.append(points)

    def Clear(self) -> None:  # noqa: N802 - pyclipper's name
        """Forget the paths added."""
        self._paths.clear()

    def Execute(self, delta: float) -> list[list[list[int]]]:  # noqa: N802 - pyclipper's name
        """The path grown by ``delta`` (> 0), as a list of one path of ``[x, y]`` ints."""
        if len(self._paths) != 1 or not delta > 0:
            raise NotImplementedError(
                "PyclipperOffset.Execute: this stand-in grows one path by delta > 0, "
                f"got {len(self._paths)} paths and delta={delta}"
            )
        path = self._paths[0]
        if _signed_area(path) < 0:
            path = path[::-1]
        if self.ArcTolerance <= 0:
            tolerance = _ARC_TOLERANCE
        else:
            tolerance = min(self.ArcTolerance, delta * _ARC_TOLERANCE)
        steps = min(math.pi / math.acos(1 - tolerance / delta), delta * math.pi)
        step_sin, step_cos = math.sin(2 * math.pi / steps), math.cos(2 * math.pi / steps)
        steps_per_radian = steps / (2 * math.pi)
        count = len(path)
        normals = [_unit_normal(path[j], path[(j + 1) % count]) for j in range(count)]
        grown: list[list[int]] = []
        k = count - 1
        for j, (px, py) in enumerate(path):
            (kx, ky), (jx, jy) = normals[k], normals[j]
            sin_a = max(-1.0, min(1.0, kx * jy - jx * ky))
            cos_a = kx * jx + ky * jy
            if abs(sin_a * delta) < 1.0 and cos_a > 0:
                # Nearly straight on: one point, and Clipper keeps the
                # previous normal for the next corner (it returns before k = j).
                grown.append([_round(px + kx * delta), _round(py + ky * delta)])
                continue
            # The arc from the previous edge's normal to this edge's.
            arc_steps = max(_round(steps_per_radian * abs(math.atan2(sin_a, cos_a))), 1)
            x, y = kx, ky
            for _ in range(arc_steps):
                grown.append([_round(px + x * delta), _round(py + y * delta)])
                x, y = x * step_cos - step_sin * y, x * step_sin + y * step_cos
            grown.append([_round(px + jx * delta), _round(py + jy * delta)])
            k = j
        ring = _without_collinear(grown)
        # Clipper's union hands the ring back ending at its top point (the
        # smallest y; the largest x of a tie): start where it starts, so
        # order-sensitive consumers (cv2.minAreaRect's tie-breaks) agree.
        last = max(range(len(ring)), key=lambda i: (-ring[i][1], ring[i][0]))
        return [ring[last + 1 :] + ring[: last + 1]]
