"""The premise of the hand-written ``cv2.calibrateCamera``, checked in opencv-python itself.

opencv.js binds ``calibrateCameraExtended`` and not ``calibrateCamera``; the
bridge runs the first for the second. In OpenCV they are one fit: the
standard deviations and per-view errors are worked out after it.
"""

from __future__ import annotations

import cv2
import numpy as np
import pytest

_CAMERA = np.float64([[500, 0, 320], [0, 500, 240], [0, 0, 1]])
_DISTORTION = np.float64([0.05, -0.1, 0.001, 0.0005, 0])


@pytest.mark.parametrize(
    "flags", [0, cv2.CALIB_FIX_K3, cv2.CALIB_RATIONAL_MODEL, cv2.CALIB_ZERO_TANGENT_DIST]
)
def test_calibrate_camera_is_the_extended_fit_without_its_extras(flags: int) -> None:
    rng = np.random.default_rng(flags)
    grid = np.float32([[x, y, 0] for y in range(6) for x in range(9)]) * 0.03
    for views_count in (3, 5):
        views = []
        for _ in range(views_count):
            rotation = rng.normal(0, 0.2, 3)
            translation = np.float64([*rng.normal(0, 0.05, 2), 0.5 + rng.random()])
            projected = cv2.projectPoints(grid, rotation, translation, _CAMERA, _DISTORTION)[0]
            views.append(np.float32(projected + rng.normal(0, 0.3, projected.shape)))
        objects = [grid] * views_count
        plain = cv2.calibrateCamera(objects, views, (640, 480), None, None, flags=flags)
        extended = cv2.calibrateCameraExtended(objects, views, (640, 480), None, None, flags=flags)
        assert plain[0] == extended[0]
        for got, want in zip(plain[1:3], extended[1:3], strict=True):
            assert np.array_equal(got, want)
        for got_vectors, want_vectors in zip(plain[3:5], extended[3:5], strict=True):
            assert all(np.array_equal(g, w) for g, w in zip(got_vectors, want_vectors, strict=True))
