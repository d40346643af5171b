"""The hand-written part of ``cv2.stereoRectify``: its valid rectangles, on CPython.

opencv.js's stereoRectify computes the transforms but cannot hand back the
two ``Rect*`` outputs; ``portlite.cv2.calib3d`` works them out from the
transforms with OpenCV's steps. Checked here against opencv-python's own
rectangles, from opencv-python's transforms.
"""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from portlite.cv2 import calib3d


def _pair(rng: np.random.Generator, vertical: bool) -> tuple[np.ndarray, ...]:
    """Two cameras, their distortions, and the second's rotation and translation."""
    cameras = []
    for _ in range(2):
        focal = rng.uniform(300, 900)
        centre = rng.uniform([250, 200], [390, 280])
        cameras.append(np.array([[focal, 0, centre[0]], [0, focal * rng.uniform(0.98, 1.02),
                                 centre[1]], [0, 0, 1]]))  # fmt: skip
    distortions = [rng.normal(0, 0.05, 5) * [1, 1, 0.1, 0.1, 0.2] for _ in range(2)]
    rotation = cv2.Rodrigues(rng.normal(0, 0.03, 3))[0]
    shift = np.array([[-rng.uniform(0.05, 0.3)], [rng.normal(0, 0.01)], [rng.normal(0, 0.01)]])
    if vertical:
        shift = shift[[1, 0, 2]]
    return cameras[0], distortions[0], cameras[1], distortions[1], rotation, shift


@pytest.mark.parametrize("new_size", [None, (800, 600), (320, 240)])
@pytest.mark.parametrize("flags", [cv2.CALIB_ZERO_DISPARITY, 0])
@pytest.mark.parametrize("alpha", [-1.0, 0.0, 0.5, 1.0, 2.0])
def test_valid_rectangles_are_opencv_pythons(alpha: float, flags: int, new_size) -> None:
    rng = np.random.default_rng([int(alpha * 10) + 10, flags, 0 if new_size is None else 1])
    size = (640, 480)
    for trial in range(12):
        k1, d1, k2, d2, rotation, shift = _pair(rng, vertical=trial % 4 == 3)
        if trial % 6 == 5:
            d1 = d2 = None
        r1, r2, p1, p2, _q, roi1, roi2 = cv2.stereoRectify(
            k1, d1, k2, d2, size, rotation, shift, flags=flags, alpha=alpha,
            newImageSize=new_size or (0, 0),
        )  # fmt: skip
        distortions = [calib3d._distortion("stereoRectify", d) for d in (d1, d2)]
        found = calib3d._valid_rectangles(
            [k1, k2], distortions, [r1, r2], [p1, p2], size, new_size or size, alpha
        )
        assert found == [tuple(roi1), tuple(roi2)], trial
