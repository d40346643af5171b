"""The focal/pp forms of ``cv2.findEssentialMat`` and ``cv2.recoverPose``, on CPython.

opencv.js binds only their camera-matrix forms; ``portlite.cv2.calib3d``
rewrites a focal/pp call into the camera-matrix call OpenCV's own code makes.
Checked here in opencv-python itself: the rewritten call gives what the
original gives, bit for bit, for each way of passing the arguments.
"""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from portlite.cv2 import calib3d

_RNG = np.random.default_rng(5)
_P1 = _RNG.uniform(0, 640, (60, 2))
_P2 = _P1 + _RNG.normal(0, 2, (60, 2)) + [12, 3]

ESSENTIAL_CALLS = [
    ((_P1, _P2), {"focal": 500.0, "pp": (320, 240)}),
    ((_P1, _P2, 500.0, (320.0, 240.0), cv2.LMEDS), {}),
    ((_P1, _P2, 420.0, [300, 250]), {"method": cv2.LMEDS}),
    ((_P1, _P2), {"method": cv2.LMEDS}),
    ((_P1, _P2), {"pp": (300, 200), "method": cv2.RANSAC, "prob": 0.99, "threshold": 2.0}),
]


def _equal(left: object, right: object) -> bool:
    if isinstance(left, tuple) and isinstance(right, tuple):
        return len(left) == len(right) and all(map(_equal, left, right))
    return bool(np.array_equal(left, right))  # type: ignore[arg-type]


@pytest.mark.parametrize(("args", "kwargs"), ESSENTIAL_CALLS)
def test_find_essential_mat_focal_form_is_the_camera_matrix_form(args, kwargs) -> None:
    assert calib3d._focal_form(args, kwargs, camera_at=2, pp_at=3)
    call, named = calib3d._camera_from_focal("findEssentialMat", args, kwargs, 2, 2)
    cv2.setRNGSeed(0)
    expected = cv2.findEssentialMat(*args, **kwargs)
    cv2.setRNGSeed(0)
    assert _equal(cv2.findEssentialMat(*call, **named), expected)


@pytest.mark.parametrize("form", ["keywords", "defaults", "mask"])
def test_recover_pose_focal_form_is_the_camera_matrix_form(form: str) -> None:
    essential = cv2.findEssentialMat(_P1, _P2, 500.0, (320.0, 240.0), cv2.LMEDS)[0]
    args, kwargs = {
        "keywords": ((essential, _P1, _P2), {"focal": 500.0, "pp": (320.0, 240.0)}),
        "defaults": ((essential, _P1, _P2), {}),
        "mask": ((essential, _P1, _P2), {"focal": 500.0, "mask": np.ones((60, 1), np.uint8)}),
    }[form]
    assert calib3d._focal_form(args, kwargs, camera_at=3, pp_at=None)
    call, named = calib3d._camera_from_focal("recoverPose", args, kwargs, 3, 5)
    assert _equal(cv2.recoverPose(*call, **named), cv2.recoverPose(*args, **kwargs))


def test_other_calls_keep_the_camera_matrix_form_as_in_opencv_python() -> None:
    camera = np.float64([[500, 0, 320], [0, 500, 240], [0, 0, 1]])
    essential = cv2.findEssentialMat(_P1, _P2, camera, cv2.LMEDS)[0]
    for args, kwargs in (((_P1, _P2, camera), {}), ((_P1, _P2), {"cameraMatrix": camera}),
                         ((_P1, _P2, camera, None, camera, None), {})):  # fmt: skip
        assert not calib3d._focal_form(args, kwargs, camera_at=2, pp_at=3)
    # a lone number where the camera matrix goes is a 1x1 matrix to opencv-python too
    assert not calib3d._focal_form((_P1, _P2, 420.0), {}, camera_at=2, pp_at=3)
    with pytest.raises(cv2.error, match="cameraMatrix.rows == 3"):
        cv2.findEssentialMat(_P1, _P2, 420.0)
    for args, kwargs in (((essential, _P1, _P2, camera), {}),
                         ((essential, _P1, _P2), {"cameraMatrix": camera}),
                         ((_P1, _P2, camera, None, camera, None), {})):  # fmt: skip
        assert not calib3d._focal_form(args, kwargs, camera_at=3, pp_at=None)
    # positional focal and pp: opencv-python's points-first overload takes them, and fails
    positional = (essential, _P1, _P2, None, None, 500.0, (320.0, 240.0))
    assert not calib3d._focal_form(positional, {}, camera_at=3, pp_at=None)
    with pytest.raises(cv2.error):
        cv2.recoverPose(*positional)
