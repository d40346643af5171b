# ruff: noqa: E501 - the error table reads best one case a line
"""The cv2 marshaller's pure parts on CPython: binding, conversion, error wording."""

from __future__ import annotations

import numpy as np
import pytest
from portlite import cv2
from portlite.cv2 import _marshal, _table


def _describe(name: str, *args, **kwargs):
    """The JSON descriptor the marshaller would send for ``cv2.<name>(*args, **kwargs)``."""
    entry = _table.FUNCTIONS[name][0]
    bound = _marshal._bind(name, entry, args, kwargs)
    call = _marshal._describe(name, entry, bound, may_keep_output=name in _table.KEPT_OUTPUT)
    return call.args


def test_arguments_bind_in_opencv_pythons_order_and_defaults_fill_the_rest() -> None:
    image = np.zeros((4, 6, 3), np.uint8)
    described = _describe("resize", image, (3, 2), interpolation=cv2.INTER_AREA)
    # C++ order: src, dst, dsize, fx, fy, interpolation
    assert described[0][0] == "k" and described[0][2:5] == [4, 6, 16]
    assert described[1:] == [["ko"], {"width": 3, "height": 2}, 0.0, 0.0, cv2.INTER_AREA]


def test_none_takes_a_value_arguments_default_as_opencv_python_does() -> None:
    described = _describe("resize", np.zeros((4, 4), np.uint8), None, fx=0.5, fy=0.5)
    assert described[2:5] == [{"width": 0, "height": 0}, 0.5, 0.5]


def test_a_js_side_default_is_asked_of_opencv_js() -> None:
    image, kernel = np.zeros((4, 4), np.uint8), np.ones((3, 3), np.uint8)
    assert _describe("dilate", image, kernel, borderValue=None)[-1] == [
        "js",
        "morphologyDefaultBorderValue",
    ]
    # arguments after the last one given are left to opencv.js's own defaults
    assert len(_describe("dilate", image, kernel)) == 3


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((np.zeros((4, 4), np.uint8), (2,)), "resize(): argument 'dsize' must be a (width, height) pair, got tuple (2,)"),
        ((np.zeros((4, 4), np.int64), (1.5, 2)), "resize(): argument 'dsize' must be a (width, height) pair, got tuple (1.5, 2)"),
        (([[1, 2]], (2, 2)), "resize(): argument 'src' must be a numpy.ndarray, got list [[1, 2]]"),
        ((np.zeros((4, 4), complex), (2, 2)), "resize(): argument 'src' must be an array of uint8, int8, uint16, int16, int32, float32 or float64, got complex128 array of shape (4, 4)"),
        ((np.zeros((0, 3), np.uint8), (2, 2)), "resize(): argument 'src' must be a non-empty array, got uint8 array of shape (0, 3)"),
    ],
)  # fmt: skip
def test_bad_arguments_name_the_function_the_argument_and_what_was_expected(args, message) -> None:
    with pytest.raises(cv2.error) as raised:
        cv2.resize(*args)
    assert str(raised.value) == message


def test_int64_arrays_are_narrowed_to_int32_as_opencv_python_does() -> None:
    described = _describe("boundingRect", np.zeros((3, 1, 2), np.int64))
    assert described[0][4] == 4 + 8  # CV_32SC2


def test_overloads_are_tried_in_turn_and_every_failure_is_reported() -> None:
    with pytest.raises(cv2.error) as raised:
        cv2.rectangle(np.zeros((4, 4), np.uint8), (0, 0), (3, 3))
    assert str(raised.value).splitlines() == [
        "rectangle(): no overload takes these arguments:",
        " - rectangle(): missing required argument 'color'",
        " - rectangle(): argument 'rec' must be an (x, y, width, height) rectangle, got tuple (0, 0)",
    ]


def test_unbridged_names_probe_as_attributes_and_say_why() -> None:
    assert not hasattr(cv2, "xfeatures2d")
    assert getattr(cv2, "createBackgroundSubtractorKNN", None) is None
    with pytest.raises(NotImplementedError, match="cv2.VideoCapture is not bridged"):
        cv2.VideoCapture  # noqa: B018 - the attribute access is the test
    with pytest.raises(NotImplementedError, match="opencv.js 4.12 does not contain it"):
        cv2.dnn.softNMSBoxes  # noqa: B018
    assert cv2.__version__ == "4.12.0"


def test_every_constant_of_opencv_python_is_defined_with_its_value() -> None:
    import cv2 as native

    names = [n for n in dir(native) if n[:1].isupper() and type(getattr(native, n)) is int]
    assert len(names) > 1500
    assert {n: getattr(cv2, n) for n in names} == {n: getattr(native, n) for n in names}


def test_a_file_too_large_for_opencv_js_is_refused_before_it_is_read(tmp_path) -> None:
    from portlite.cv2 import _runtime

    model = tmp_path / "huge.onnx"
    with model.open("wb") as sparse:  # 600 MB on paper, nothing on disk
        sparse.truncate(600 * 2**20)
    with pytest.raises(cv2.error, match=r"huge.onnx: 600 MB is more than opencv.js's heap"):
        _runtime.share_file(str(model))


def test_a_method_opencv_js_lacks_probes_as_missing_and_says_so() -> None:
    orb = cv2.ORB.wrap(None)  # no opencv.js object is needed to look a method up
    assert not hasattr(orb, "getMaxFeatures")
    with pytest.raises(NotImplementedError, match=r"cv2.ORB.getMaxFeatures is not bridged"):
        orb.getMaxFeatures()
    assert callable(orb.setMaxFeatures) and callable(orb.detectAndCompute)


def test_flood_fill_checks_its_image_and_mask_before_reaching_opencv_js() -> None:
    image = np.zeros((4, 6), np.uint8)
    with pytest.raises(cv2.error, match=r"floodFill\(\): argument 'image' must be an image array"):
        cv2.floodFill([[0, 0]], None, (0, 0), 1)
    with pytest.raises(cv2.error, match=r"argument 'mask' must be None or uint8 of shape \(6, 8\)"):
        cv2.floodFill(image, np.zeros((4, 6), np.uint8), (0, 0), 1)
    with pytest.raises(cv2.error, match=r"got float32 \(6, 8\)"):
        cv2.floodFill(image, np.zeros((6, 8), np.float32), (0, 0), 1)


def test_clip_line_clips_as_opencv_python_does_to_the_pixel() -> None:
    """clipLine is OpenCV's integer clipping in Python (opencv.js loses the clipped ends)."""
    import cv2 as native

    rng = np.random.default_rng(7)
    for _ in range(20_000):
        rect = tuple(int(v) for v in (*rng.integers(-50, 50, 2), *rng.integers(-5, 120, 2)))
        start = tuple(int(v) for v in rng.integers(-300, 300, 2))
        end = tuple(int(v) for v in rng.integers(-300, 300, 2))
        assert cv2.clipLine(rect, start, end) == native.clipLine(rect, start, end), (
            rect,
            start,
            end,
        )
    with pytest.raises(TypeError, match=r"clipLine\(\): argument 'pt1' must be an \(x, y\) pair"):
        cv2.clipLine((0, 0, 10, 10), (1.5, 2), (3, 4))


def test_numbers_follow_opencv_pythons_rules_so_overloads_resolve_as_there() -> None:
    image = np.zeros((4, 4), np.uint8)
    refused = _marshal._NoMatchError  # a TypeError once no overload fits
    with pytest.raises(refused, match="'ksize'"):  # an int takes no float, even 3.0
        _describe("medianBlur", image, 3.0)
    with pytest.raises(refused, match="'ksize'"):  # ... and no bool
        _describe("medianBlur", image, True)
    with pytest.raises(refused, match="'thresh'"):  # a float takes no bool
        _describe("threshold", image, True, 255, cv2.THRESH_BINARY)
    # GFTTDetector.create(50, 0.01, 3, 3, 5, True): 'k' cannot be True, so the second
    # overload (with gradiantSize) is the one opencv-python and the bridge both pick
    first, second = _table.FUNCTIONS["GFTTDetector_create"]
    args = (50, 0.01, 3, 3, 5, True)
    with pytest.raises(refused, match="'k'"):
        _marshal._describe("GFTTDetector_create", first, _marshal._bind("x", first, args, {}))
    picked = _marshal._describe(
        "GFTTDetector_create", second, _marshal._bind("x", second, args, {})
    )
    # ... and hands opencv.js all 7 arguments, since embind tells its constructors by count
    assert picked.args == [50, 0.01, 3.0, 3, 5, True, 0.04]


def test_an_embind_enum_argument_goes_as_an_object_with_its_value() -> None:
    described = _describe(
        "FastFeatureDetector_create", 20, False, cv2.FAST_FEATURE_DETECTOR_TYPE_7_12
    )
    assert described == [20, False, ["enum", "FastFeatureDetector_DetectorType", 1]]


def test_only_functions_that_size_their_output_first_write_into_the_kept_one() -> None:
    image = np.zeros((4, 4), np.uint8)
    assert _describe("GaussianBlur", image, (3, 3), 0)[1] == ["ko"]
    # a mask leaves the output's other pixels as they were: they must start fresh (zeros)
    assert _describe("add", image, image, mask=image)[2] == ["o"]
    assert "add" not in _table.KEPT_OUTPUT and "bitwise_and" not in _table.KEPT_OUTPUT


def test_an_object_argument_must_be_an_instance_of_its_bridged_class() -> None:
    with pytest.raises(cv2.error) as raised:
        cv2.aruco.ArucoDetector("DICT_4X4_50")
    assert str(raised.value) == (
        "ArucoDetector(): argument 'dictionary' must be a cv2.aruco.Dictionary, got str 'DICT_4X4_50'"
    )


def test_a_structs_fields_are_its_attributes_and_other_names_are_refused() -> None:
    params = cv2.aruco.DetectorParameters.__new__(cv2.aruco.DetectorParameters)
    assert "minMarkerPerimeterRate" in dir(params)
    with pytest.raises(AttributeError, match="object has no attribute 'minMarkerPerimeter'"):
        params.minMarkerPerimeter = 0.1  # a misspelt field: opencv-python refuses it too
    with pytest.raises(TypeError, match="DetectorParameters.adaptiveThreshWinSizeMin.*an integer"):
        params.adaptiveThreshWinSizeMin = 2.5


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: cv2.sqrt(np.full((2, 2), 16, np.uint8)), "sqrt(): argument 'src' must be a float32 or float64 array, got uint8 array of shape (2, 2)"),
        (lambda: cv2.pow(np.full((2, 2), 4, np.int32), 2.5), "pow(): argument 'src' must be a float32 or float64 array when 'power' is not a whole number, got int32 array of shape (2, 2)"),
        (lambda: cv2.undistort(np.ones((8, 8), np.float32), None, None), "undistort(): argument 'cameraMatrix' must be a 3x3 camera matrix, got NoneType None"),
    ],
)  # fmt: skip
def test_calls_opencv_answers_past_an_arrays_end_are_refused(call, message) -> None:
    # opencv-python 4.12 itself returns garbage here, or corrupts its heap and aborts
    with pytest.raises(cv2.error) as raised:
        call()
    assert str(raised.value).startswith(message + " (OpenCV 4.12 reads and writes past")


def test_a_tracker_refuses_update_before_init() -> None:
    # opencv-python 4.12 segfaults here: the tracker reads a model it has not made
    tracker = cv2.TrackerMIL.__new__(cv2.TrackerMIL)
    with pytest.raises(cv2.error, match=r"update\(\): call init\(image, boundingBox\) first"):
        tracker.update(np.zeros((8, 8, 3), np.uint8))
