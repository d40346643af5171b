"""The premise of the hand-written ``cv2.RQDecomp3x3``, checked in opencv-python itself.

opencv.js binds RQDecomp3x3 without its last output; the bridge runs
decomposeProjectionMatrix on ``[src | 0]`` instead, which calls OpenCV's
RQDecomp3x3 on the left 3x3 in double. Its parts, converted to ``src``'s type
as ``portlite.cv2.calib3d`` converts them, are RQDecomp3x3's bit for bit.
"""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from portlite.cv2 import calib3d


@pytest.mark.parametrize("dtype", [np.float64, np.float32, np.int32, np.uint8])
def test_rq_decomposition_is_the_projection_decompositions(dtype: type) -> None:
    rng = np.random.default_rng(np.dtype(dtype).num)
    for _ in range(100):
        matrix = rng.normal(0, 5, (3, 3))
        matrix = (np.abs(matrix) * 20 if dtype is np.uint8 else matrix).astype(dtype)
        angles, *parts = cv2.RQDecomp3x3(matrix)
        projection = np.hstack([matrix.astype(np.float64), np.zeros((3, 1))])
        upper, orthogonal, _shift, qx, qy, qz, euler = cv2.decomposeProjectionMatrix(projection)
        assert angles == tuple(euler.ravel())
        for got, double in zip(parts, (upper, orthogonal, qx, qy, qz), strict=True):
            assert got.dtype == matrix.dtype
            assert np.array_equal(got, calib3d._in_depth(double, matrix.dtype))
