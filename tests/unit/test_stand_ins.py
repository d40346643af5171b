"""The pyclipper and shapely stand-ins against the real libraries on CPython."""

from __future__ import annotations

import cv2
import numpy as np
import pyclipper
import pytest
import shapely.geometry
from portlite.stand_ins import pyclipper as clipper_stand_in
from portlite.stand_ins import shapely as shapely_stand_in

ROUND, CLOSED = clipper_stand_in.JT_ROUND, clipper_stand_in.ET_CLOSEDPOLYGON


def _rectangles(count: int, seed: int) -> list[np.ndarray]:
    """Rotated rectangles as rapidocr's get_mini_boxes hands them over (float32 corners)."""
    rng = np.random.default_rng(seed)
    boxes = []
    for _ in range(count):
        center, size = rng.uniform(5, 900, 2), rng.uniform(1, 300, 2)
        box = cv2.boxPoints((tuple(center), tuple(size), float(rng.uniform(-90, 90))))
        boxes.append(box if rng.random() < 0.5 else box[::-1].copy())
    return boxes


def _convex_polygons(count: int, seed: int) -> list[np.ndarray]:
    rng = np.random.default_rng(seed)
    polygons = []
    for _ in range(count):
        hull = cv2.convexHull(rng.uniform(0, 500, (int(rng.integers(3, 12)), 2)).astype(np.float32))
        polygons.append(hull.reshape(-1, 2))
    return polygons


def _offset(module, path, delta):
    offset = module.PyclipperOffset()
    offset.AddPath(path, module.JT_ROUND, module.ET_CLOSEDPOLYGON)
    return offset.Execute(delta)


def _corner_distance(a: list, b: list) -> float:
    """How far apart the corners of two point sets' minimum-area rectangles are."""
    rects = [cv2.minAreaRect(np.array(points, np.int32)) for points in (a, b)]
    corners = [cv2.boxPoints(rect) for rect in rects]
    gaps = (np.abs(corners[0] - np.roll(corners[1], shift, axis=0)).max() for shift in range(4))
    return float(min(gaps))


def test_round_offset_equals_pyclipper_point_for_point_but_in_rare_rounding_cases() -> None:
    rng = np.random.default_rng(7)
    compared, differing = 0, []
    for path in _rectangles(6000, 11) + _convex_polygons(1000, 12):
        if len({(int(x), int(y)) for x, y in path}) < 3:
            continue  # truncated to a line or a point: not a polygon for either
        delta = float(rng.uniform(0.3, 40.0))
        expected, got = _offset(pyclipper, path, delta), _offset(clipper_stand_in, path, delta)
        compared += 1
        if got != expected:
            differing.append(_corner_distance(got[0], expected[0]))
    assert compared > 6900
    # The module's note states these figures: 7 of 7,000, rectangles within 0.43 px.
    assert len(differing) <= 7 and max(differing, default=0) < 0.5, differing


def test_rapidocr_unclip_gives_the_same_box_as_with_pyclipper_and_shapely() -> None:
    for box in _rectangles(500, 3):
        grown = []
        for polygon, clipper in (
            (shapely.geometry.Polygon, pyclipper),
            (shapely_stand_in.Polygon, clipper_stand_in),
        ):
            poly = polygon(box)
            distance = poly.area * 1.6 / poly.length
            grown.append(np.array(_offset(clipper, box, distance)).reshape(-1, 1, 2))
        assert cv2.minAreaRect(grown[0]) == cv2.minAreaRect(grown[1])


def test_polygon_area_and_length_equal_shapelys() -> None:
    for ring in _rectangles(200, 4) + _convex_polygons(200, 5):
        ours, theirs = shapely_stand_in.Polygon(ring), shapely.geometry.Polygon(ring)
        assert ours.area == pytest.approx(theirs.area, rel=1e-12, abs=1e-9)
        assert ours.length == pytest.approx(theirs.length, rel=1e-12)


@pytest.mark.parametrize(
    ("path", "join_type", "end_type", "words"),
    [
        ([[0, 0], [10, 0], [10, 10]], clipper_stand_in.JT_MITER, CLOSED, "round joins"),
        ([[0, 0], [10, 0], [10, 10]], ROUND, clipper_stand_in.ET_OPENROUND, "closed polygons"),
        ([[0, 0], [0.5, 0.5], [0.9, 0.2]], ROUND, CLOSED, "3 or more"),
    ],
)
def test_what_the_stand_in_cannot_offset_is_refused_by_name(
    path, join_type, end_type, words
) -> None:
    offset = clipper_stand_in.PyclipperOffset()
    with pytest.raises(NotImplementedError, match=f"PyclipperOffset.AddPath: .*{words}"):
        offset.AddPath(path, join_type, end_type)


def test_execute_refuses_a_shrink_and_polygon_refuses_too_few_points() -> None:
    offset = clipper_stand_in.PyclipperOffset()
    offset.AddPath([[0, 0], [10, 0], [10, 10]], ROUND, CLOSED)
    with pytest.raises(NotImplementedError, match="delta > 0, got 1 paths and delta=-2"):
        offset.Execute(-2)
    with pytest.raises(ValueError, match="at least 4 coordinates"):
        shapely_stand_in.Polygon([[0, 0], [1, 1]])
