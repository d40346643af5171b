"""The cv2 functions written in Python (opencv.js lacks them), against opencv-python on CPython.

They reach no JavaScript, so the unit tier runs them on many random inputs;
the browser's parity suite runs each once more inside the kernel.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import cv2 as native
import numpy as np
import pytest
from portlite import cv2 as bridge

TEXTS = ["", "person 0.87", "Hello, World!", "Привет мир", "naïve €", "tab\there", "日本", "\x7f~"]
FACES = [*range(8), *(16 + face for face in range(8))]


@pytest.mark.parametrize("face", FACES)
def test_get_text_size_is_opencv_pythons_for_every_font(face: int) -> None:
    for text in TEXTS:
        for scale in (0.3, 0.5, 1.0, 1.7, 2.5):
            for thickness in (-1, 0, 1, 2, 5):
                expected = native.getTextSize(text, face, scale, thickness)
                assert bridge.getTextSize(text, face, scale, thickness) == expected, (
                    text, scale, thickness)  # fmt: skip


def test_get_text_size_refuses_an_unknown_face_as_opencv_does() -> None:
    with pytest.raises(native.error):
        native.getTextSize("a", 9, 1.0, 1)
    with pytest.raises(bridge.error, match="getTextSize.*Unknown font type 9"):
        bridge.getTextSize("a", 9, 1.0, 1)
    with pytest.raises(bridge.error, match="getTextSize.*'fontFace'"):
        bridge.getTextSize("a", 1.5, 1.0, 1)


def _random_boxes(rng: np.random.Generator, count: int, whole: bool) -> np.ndarray:
    corners = rng.uniform(-20, 200, (count, 2))
    sizes = rng.uniform(-5, 80, (count, 2))  # a few empty boxes, as raw outputs have
    boxes = np.concatenate([corners, sizes], axis=1)
    return np.round(boxes) if whole else boxes


def test_nms_boxes_keep_what_opencv_keeps_in_its_order() -> None:
    rng = np.random.default_rng(20261207)
    for trial in range(400):
        count = int(rng.integers(0, 40))
        boxes = _random_boxes(rng, count, whole=trial % 3 == 0).tolist()
        scores = rng.uniform(0, 1, count).round(2 if trial % 2 else 6).tolist()  # ties too
        classes = rng.integers(0, 3, count).tolist()
        options = (float(rng.choice([0.0, 0.2, 0.5])), float(rng.choice([0.0, 0.3, 0.5, 0.7])),
                   float(rng.choice([1.0, 0.9, 0.5])), int(rng.choice([0, 3, 10])))  # fmt: skip
        expected = native.dnn.NMSBoxes(boxes, scores, *options)
        kept = bridge.dnn.NMSBoxes(boxes, scores, *options)
        assert type(kept) is type(expected) and np.array_equal(kept, expected), (trial, options)
        if isinstance(kept, np.ndarray):
            assert kept.dtype == expected.dtype == np.int32
        expected = native.dnn.NMSBoxesBatched(boxes, scores, classes, *options)
        kept = bridge.dnn.NMSBoxesBatched(boxes, scores, classes, *options)
        assert type(kept) is type(expected) and np.array_equal(kept, expected), (trial, options)


def test_nms_boxes_takes_arrays_and_refuses_mismatched_lengths() -> None:
    boxes = np.array([[10, 10, 50, 50], [12, 12, 50, 50], [100, 100, 20, 20]], np.float32)
    scores = np.array([0.9, 0.8, 0.7], np.float32)
    assert bridge.dnn.NMSBoxes(boxes, scores, 0.5, 0.4).tolist() == [0, 2]
    with pytest.raises(bridge.error, match=r"NMSBoxes.*bboxes.size\(\) == scores.size\(\)"):
        bridge.dnn.NMSBoxes(boxes, scores[:2], 0.5, 0.4)
    with pytest.raises(bridge.error, match="NMSBoxes.*'bboxes'"):
        bridge.dnn.NMSBoxes([[1, 2, 3]], [0.5], 0.5, 0.4)


def test_images_from_blob_are_opencv_pythons() -> None:
    rng = np.random.default_rng(3)
    for image in (rng.integers(0, 255, (12, 9, 3), np.uint8), rng.integers(0, 9, (5, 7), np.uint8)):
        blob = native.dnn.blobFromImages([image, image[::-1]], 0.5, (6, 4), (1, 2, 3), True)
        expected = native.dnn.imagesFromBlob(blob)
        got = bridge.dnn.imagesFromBlob(blob)
        assert len(got) == len(expected) == 2
        for mine, theirs in zip(got, expected, strict=True):
            assert mine.dtype == theirs.dtype
        assert np.array_equal(mine, theirs, equal_nan=True)  # wild lenses reach inf and NaN


def test_key_point_convert_both_ways() -> None:
    points = [(1.5, 2.0), (3.25, 4.0)]
    theirs = native.KeyPoint_convert(points, 5.0, 0.5, 1, 7)
    mine = bridge.KeyPoint_convert(points, 5.0, 0.5, 1, 7)
    fields = ("pt", "size", "angle", "response", "octave", "class_id")
    assert [[getattr(k, f) for f in fields] for k in mine] == [
        [getattr(k, f) for f in fields] for k in theirs
    ]
    assert np.array_equal(bridge.KeyPoint_convert(mine, [1]), native.KeyPoint_convert(theirs, [1]))
    assert bridge.KeyPoint_convert([]) == native.KeyPoint_convert([]) == ()
    assert bridge.KeyPoint.convert is bridge.KeyPoint_convert


def test_dmatch_takes_opencv_pythons_three_constructors() -> None:
    for args, kwargs in [((), {}), ((1, 2, 0.5), {}), ((1, 2, 3, 0.5), {}),
                         ((), {"_queryIdx": 4, "_trainIdx": 5, "_distance": 2.0})]:  # fmt: skip
        mine, theirs = bridge.DMatch(*args, **kwargs), native.DMatch(*args, **kwargs)
        for field in ("queryIdx", "trainIdx", "imgIdx", "distance"):
            assert getattr(mine, field) == getattr(theirs, field), (args, field)
    with pytest.raises(TypeError, match="DMatch"):
        bridge.DMatch(1, 2)


def test_sum_elems_is_opencv_pythons_on_integer_images() -> None:
    rng = np.random.default_rng(5)
    for image in (rng.integers(0, 255, (30, 40, 3), np.uint8),
                  rng.integers(-300, 300, (17, 3), np.int16),
                  rng.integers(0, 255, (8, 8, 4), np.uint8)):  # fmt: skip
        assert bridge.sumElems(image) == native.sumElems(image)


def test_cv2_error_has_opencv_pythons_fields() -> None:
    raised = bridge.error(
        "resize(): OpenCV(4.12.0) opencv/modules/imgproc/src/resize.cpp:4208: error: "
        "(-215:Assertion failed) !ssize.empty() in function 'resize'"
    )
    assert (raised.code, raised.err, raised.func, raised.line) == (
        -215, "!ssize.empty()", "resize", 4208)  # fmt: skip
    assert raised.file == "opencv/modules/imgproc/src/resize.cpp"
    # OpenCV's own messages, one-line and several-line (CV_Check's details) alike
    for call in (lambda: native.cvtColor(np.zeros((3, 3), np.uint8), native.COLOR_BGR2GRAY),
                 lambda: native.GaussianBlur(np.zeros((3, 3), np.uint8), (4, 4), 0),
                 lambda: native.resize(np.zeros((3, 3), np.uint8), (0, 0))):  # fmt: skip
        with pytest.raises(native.error) as theirs:
            call()
        mine = bridge.error(f"f(): {theirs.value}")
        for field in ("code", "err", "func", "file", "line"):
            assert getattr(mine, field) == getattr(theirs.value, field), field
    # a hand-written function's own OpenCV error keeps OpenCV's code and function
    own = bridge.error("reduceArgMax(): (-215:Assertion failed) srcMat.channels() == 1 in "
                       "function 'reduceMinMax' (shape (2, 2, 3))")  # fmt: skip
    assert (own.code, own.err, own.func, own.line) == (
        -215, "srcMat.channels() == 1 (shape (2, 2, 3))", "reduceMinMax", -1)  # fmt: skip
    refused = bridge.error("threshold(): missing required argument 'type'")
    assert (refused.code, refused.func, refused.line, refused.file) == (-5, "threshold", -1, "")
    assert refused.msg == str(refused) == "threshold(): missing required argument 'type'"


def test_start_up_settings_answer_as_on_a_one_thread_machine() -> None:
    assert bridge.setNumThreads(0) is None and bridge.getNumThreads() == 1
    assert bridge.ocl.haveOpenCL() is False and bridge.ocl.setUseOpenCL(False) is None
    assert bridge.getTickFrequency() == native.getTickFrequency() == 1e9
    assert bridge.getVersionString() == native.getVersionString()
    with pytest.raises(bridge.error, match="setNumThreads.*'nthreads'"):
        bridge.setNumThreads("four")


def test_accumulators_are_opencv_pythons() -> None:
    rng = np.random.default_rng(7)
    src = rng.integers(0, 255, (9, 11, 3), np.uint8)
    other = rng.integers(0, 255, (9, 11, 3), np.uint8)
    mask = (rng.random((9, 11)) > 0.5).astype(np.uint8)
    for depth in (np.float32, np.float64):
        start = rng.random((9, 11, 3)).astype(depth)
        for name, args in (("accumulate", (src,)), ("accumulateSquare", (src,)),
                           ("accumulateProduct", (src, other))):  # fmt: skip
            for given_mask in (None, mask):
                mine, theirs = start.copy(), start.copy()
                assert getattr(bridge, name)(*args, mine, given_mask) is mine
                getattr(native, name)(*args, theirs, given_mask)
                assert np.array_equal(mine, theirs), (name, depth)
        mine, theirs = start.copy(), start.copy()
        bridge.accumulateWeighted(src, mine, 0.3, mask)
        native.accumulateWeighted(src, theirs, 0.3, mask)
        np.testing.assert_allclose(mine, theirs, rtol=1e-6)  # a fused multiply-add natively
    with pytest.raises(bridge.error, match="accumulateWeighted.*'dst'"):
        bridge.accumulateWeighted(src, np.zeros(src.shape, np.uint8), 0.5)


REDUCED_FLAGS = (
    native.IMREAD_REDUCED_GRAYSCALE_2,
    native.IMREAD_REDUCED_COLOR_2,
    native.IMREAD_REDUCED_GRAYSCALE_4,
    native.IMREAD_REDUCED_COLOR_4,
    native.IMREAD_REDUCED_GRAYSCALE_8,
    native.IMREAD_REDUCED_COLOR_8,
)


def test_reduced_reads_are_opencv_pythons() -> None:
    from portlite.cv2 import _image_codecs

    rng = np.random.default_rng(11)
    image = native.GaussianBlur(rng.integers(0, 255, (61, 83, 3), np.uint8), (7, 7), 0)

    def shrink(pixels: np.ndarray, size: tuple[int, int]) -> np.ndarray:
        return native.resize(pixels, size, interpolation=native.INTER_LINEAR_EXACT)

    for ext in (".png", ".jpg", ".bmp"):
        encoded = native.imencode(ext, image)[1]
        for flags in REDUCED_FLAGS:
            mine = _image_codecs.decode(encoded.tobytes(), flags, shrink)
            theirs = native.imdecode(encoded, flags)
            assert mine is not None and mine.shape == theirs.shape, (ext, flags)
            assert np.array_equal(mine, theirs), (ext, flags)


def test_more_image_formats_round_trip_with_opencv_python() -> None:
    from portlite.cv2 import _image_codecs

    rng = np.random.default_rng(12)
    grey = rng.integers(0, 255, (13, 17), np.uint8)
    images = {
        "grey": grey,
        "bgr": rng.integers(0, 255, (13, 17, 3), np.uint8),
        "bgra": rng.integers(0, 255, (13, 17, 4), np.uint8),
        "grey16": grey.astype(np.uint16) * 257,
        "float": grey.astype(np.float32) / 7,
    }
    flags = (native.IMREAD_UNCHANGED, native.IMREAD_COLOR, native.IMREAD_GRAYSCALE,
             native.IMREAD_ANYDEPTH)  # fmt: skip
    for ext in (".tif", ".tiff", ".webp", ".pbm", ".pgm", ".ppm", ".pnm"):
        for name, image in images.items():
            ok, theirs = native.imencode(ext, image)
            try:
                mine = _image_codecs.encode(ext, image)
            except _image_codecs.EncoderRefusedError:
                assert not ok, (ext, name)  # both encoders refuse
                continue
            except ValueError:  # Pillow cannot write it (a float WebP is made uint8 first)
                continue
            assert ok, (ext, name)
            if ext in (".pbm", ".pgm", ".ppm", ".pnm"):  # written byte for byte as OpenCV
                assert mine == theirs.tobytes(), (ext, name)
            for flag in flags:  # my file read by OpenCV, OpenCV's read by me
                expected = native.imdecode(theirs, flag)
                assert_same(native.imdecode(np.frombuffer(mine, np.uint8), flag), expected)
                assert_same(_image_codecs.decode(theirs.tobytes(), flag), expected)
    lossy = _image_codecs.encode(".webp", images["bgr"], [native.IMWRITE_WEBP_QUALITY, 50])
    assert len(lossy) < len(_image_codecs.encode(".webp", images["bgr"]))


def assert_same(mine: np.ndarray | None, theirs: np.ndarray | None) -> None:
    assert (mine is None) == (theirs is None)
    if mine is not None and theirs is not None:
        assert mine.dtype == theirs.dtype and mine.shape == theirs.shape
        assert np.array_equal(mine, theirs)


def test_image_reader_and_writer_probes_match_opencv_python(tmp_path: Path) -> None:
    path = str(tmp_path / "x.png")
    native.imwrite(path, np.zeros((4, 4), np.uint8))
    (tmp_path / "junk.png").write_bytes(b"not an image")
    for name in (path, str(tmp_path / "junk.png"), str(tmp_path / "missing.png")):
        assert bridge.haveImageReader(name) == native.haveImageReader(name), name
    for name in ("a.png", ".jpg", "b.TIFF", "c.webp", "d.pgm", "e.xyz", "png"):
        assert bridge.haveImageWriter(name) == native.haveImageWriter(name), name


def test_grey_reads_of_colour_files_convert_as_each_opencv_decoder() -> None:
    from portlite.cv2 import _image_codecs

    # each decoder's own conversion: libpng's, imgcodecs' 14-bit one, WebP's cvtColor
    rng = np.random.default_rng(13)
    image = rng.integers(0, 256, (512, 512, 3), np.uint8)
    for ext in (".bmp", ".tiff", ".webp", ".ppm", ".png"):
        encoded = native.imencode(ext, image)[1]
        mine = _image_codecs.decode(encoded.tobytes(), native.IMREAD_GRAYSCALE)
        assert np.array_equal(mine, native.imdecode(encoded, native.IMREAD_GRAYSCALE)), ext


def test_estimate_affine_partial_2d_finds_opencv_pythons_inliers() -> None:
    rng = np.random.default_rng(1)
    for _ in range(150):
        n = int(rng.integers(2, 40))
        src = rng.uniform(0, 500, (n, 2)).astype(np.float32)
        angle, scale = rng.uniform(-1, 1), rng.uniform(0.5, 2)
        rotation = scale * np.array(
            [[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]]
        )
        dst = (
            src @ rotation.T
            + rng.uniform(-50, 50, 2)
            + rng.normal(0, rng.choice([0, 1, 5]), (n, 2))
        )
        outliers = rng.random(n) < rng.choice([0, 0.2, 0.5])
        dst[outliers] += rng.uniform(-100, 100, (int(outliers.sum()), 2))
        dst = dst.astype(np.float32)
        options = {"method": int(rng.choice([native.RANSAC, native.LMEDS])),
                   "ransacReprojThreshold": float(rng.uniform(0.5, 10)),
                   "refineIters": int(rng.choice([0, 10]))}  # fmt: skip
        theirs, their_inliers = native.estimateAffinePartial2D(src, dst, **options)
        mine, my_inliers = bridge.estimateAffinePartial2D(src, dst, **options)
        assert np.array_equal(my_inliers, their_inliers), options
        assert (mine is None) == (theirs is None)
        if mine is not None:
            np.testing.assert_allclose(mine, theirs, rtol=0, atol=1e-9 * np.abs(theirs).max())
    with pytest.raises(bridge.error, match="estimateAffinePartial2D.*'from_'"):
        bridge.estimateAffinePartial2D(np.zeros((0, 2), np.float32), np.zeros((0, 2), np.float32))


def test_undistortion_of_points_and_the_optimal_camera_are_opencv_pythons_bit_for_bit() -> None:
    rng = np.random.default_rng(2)
    weights = np.array([1, 0.5, 0.01, 0.01, 0.1, 1, 0.5, 0.1, 0.01, 0.01, 0.01, 0.01])
    for _ in range(120):
        fx, fy, cx, cy = rng.uniform(200, 900, 2).tolist() + rng.uniform(100, 300, 2).tolist()
        camera = np.array([[fx, 0, cx], [0, fy, cy], [0, 0, 1]])
        n = int(rng.choice([4, 5, 8, 12]))
        dist = rng.normal(0, 0.1, n) * weights[:n]
        points = rng.uniform(0, 600, (int(rng.integers(1, 50)), 1, 2))
        points = points.astype(rng.choice([np.float32, np.float64]))
        rotation = None if rng.random() < 0.5 else native.Rodrigues(rng.normal(0, 0.05, 3))[0]
        projection = None if rng.random() < 0.5 else camera
        theirs = native.undistortPoints(points, camera, dist, R=rotation, P=projection)
        mine = bridge.undistortPoints(points, camera, dist, R=rotation, P=projection)
        assert mine.dtype == theirs.dtype
        assert np.array_equal(mine, theirs, equal_nan=True)  # wild lenses reach inf and NaN
        # (an error test alone may never end in OpenCV: each criteria here has a count)
        criteria = (int(rng.choice([1, 3])), int(rng.integers(1, 20)), float(rng.random()))
        theirs = native.undistortPointsIter(points, camera, dist, None, camera, criteria)
        mine = bridge.undistortPointsIter(points, camera, dist, None, camera, criteria)
        assert np.array_equal(mine, theirs, equal_nan=True), criteria
        theirs = native.undistortImagePoints(points, camera, dist)
        assert np.array_equal(bridge.undistortImagePoints(points, camera, dist), theirs, True)
        size = (int(rng.integers(200, 800)), int(rng.integers(200, 600)))
        for alpha in (0.0, 1.0, float(rng.random())):
            for centered in (False, True):
                their_camera, their_roi = native.getOptimalNewCameraMatrix(
                    camera, dist, size, alpha, centerPrincipalPoint=centered
                )
                my_camera, my_roi = bridge.getOptimalNewCameraMatrix(
                    camera, dist, size, alpha, centerPrincipalPoint=centered
                )
                assert np.array_equal(my_camera, their_camera) and my_roi == their_roi


def test_tracker_mil_boxes_refused_are_those_opencv_cannot_sample() -> None:
    from portlite.cv2 import video

    rng = np.random.default_rng(0)
    image = native.GaussianBlur(rng.integers(0, 255, (48, 64, 3), np.uint8), (5, 5), 0)
    # measured: opencv-python raises std::bad_alloc for each of these (a wrapped count of
    # samples; other wrapped counts make it allocate for minutes, so it is not called here)
    for box in ((50, 30, 20, 10), (10, 10, 60, 10), (60, 40, 10, 10), (70, 10, 5, 5)):
        assert video._unbounded_sampling(image, box) is not None, box
    # measured: opencv-python tracks from each of these (two reach past the right edge)
    for box in ((30, 20, 34, 28), (30, 20, 35, 28), (-1, 0, 20, 20), (10, 8, 36, 28)):
        assert video._unbounded_sampling(image, box) is None, box
        native.TrackerMIL.create().init(image, box)


def test_pure_core_functions_are_opencv_pythons() -> None:
    rng = np.random.default_rng(11)
    images = (rng.random((5, 7)) * 3, rng.integers(-5, 300, (6, 4, 3)).astype(np.int16),
              rng.integers(0, 255, (4, 4)).astype(np.uint8),
              np.array([[0, 1], [2, np.inf]], np.float32), np.array([[1.0, np.nan]]))  # fmt: skip
    for image in images:
        for low, high in ((0, 2), (1.5, 200.2), (-3, 3)):
            assert bridge.checkRange(image, True, low, high) == native.checkRange(
                image, True, low, high), (image.dtype, low, high)  # fmt: skip
    for src in (rng.integers(0, 255, (3, 5)).astype(np.uint8), rng.random((4, 3)).astype("f4")):
        for ata in (True, False):
            for options in ({}, {"scale": 0.5}, {"delta": np.ones((1, src.shape[1]), src.dtype)}):
                mine = bridge.mulTransposed(src, ata, **options)
                theirs = native.mulTransposed(src, ata, **options)
                assert mine.dtype == theirs.dtype
                np.testing.assert_allclose(mine, theirs, rtol=1e-12)
    grid = rng.integers(0, 4, (6, 5)).astype(np.uint8)  # many ties
    for name in ("reduceArgMax", "reduceArgMin"):
        for axis in (0, 1):
            for last in (False, True):
                mine = getattr(bridge, name)(grid, axis, lastIndex=last)
                theirs = getattr(native, name)(grid, axis, lastIndex=last)
                assert mine.dtype == theirs.dtype and np.array_equal(mine, theirs)
    for chars in ("mp4v", "MJPG", "\xe9abc"):
        assert bridge.VideoWriter_fourcc(*chars) == native.VideoWriter_fourcc(*chars)
    for values in rng.uniform(1, 20, (200, 6)).tolist():
        mine = bridge.KeyPoint.overlap(bridge.KeyPoint(*values[:3]), bridge.KeyPoint(*values[3:]))
        theirs = native.KeyPoint_overlap(native.KeyPoint(*values[:3]), native.KeyPoint(*values[3:]))
        assert abs(mine - theirs) <= 1e-6


def test_pure_geometry_and_statistics_are_opencv_pythons() -> None:
    rng = np.random.default_rng(12)
    for border in (native.BORDER_REFLECT, native.BORDER_REFLECT_101, native.BORDER_REPLICATE,
                   native.BORDER_WRAP, native.BORDER_CONSTANT):  # fmt: skip
        for length in (1, 2, 5, 7):
            for p in range(-25, 25):
                assert bridge.borderInterpolate(p, length, border) == native.borderInterpolate(
                    p, length, border), (p, length, border)  # fmt: skip
    for values in rng.uniform(-5, 10, (2000, 8)).tolist():
        a, b = tuple(values[:4]), tuple(values[4:])
        assert bridge.rectangleIntersectionArea(a, b) == native.rectangleIntersectionArea(a, b)
    homogeneous = (np.array([[2, 4, 2], [3, 3, 0], [1, 1, -0.5], [1, 1, 1e-8]], np.float32),
                   rng.random((5, 1, 3)), np.array([[2, 4, 3], [1, 1, 0]], np.int32),
                   rng.random((1, 4, 4)).astype(np.float32))  # fmt: skip
    for points in homogeneous:
        mine = bridge.convertPointsFromHomogeneous(points)
        theirs = native.convertPointsFromHomogeneous(points)
        assert mine.dtype == theirs.dtype and np.array_equal(mine, theirs)
        back = bridge.convertPointsToHomogeneous(theirs)
        assert np.array_equal(back, native.convertPointsToHomogeneous(theirs))
    data = rng.integers(0, 255, (30, 20)).astype(np.uint8)
    for flags in (native.COVAR_NORMAL | native.COVAR_ROWS | native.COVAR_SCALE,
                  native.COVAR_SCRAMBLED | native.COVAR_COLS):  # fmt: skip
        for ctype in (native.CV_64F, native.CV_32F):
            mine = bridge.calcCovarMatrix(data, None, flags, ctype=ctype)
            theirs = native.calcCovarMatrix(data, None, flags, ctype=ctype)
            for got, expected in zip(mine, theirs, strict=True):
                assert got.dtype == expected.dtype
                np.testing.assert_allclose(got, expected, rtol=1e-6)
    with pytest.raises(bridge.error) as refused:  # reduce cannot average float64 into float32
        bridge.calcCovarMatrix(rng.random((4, 3)), None, native.COVAR_NORMAL | native.COVAR_ROWS,
                               ctype=native.CV_32F)  # fmt: skip
    assert refused.value.code == -210
    assert bridge.hasNonZero(np.eye(3)) and not bridge.hasNonZero(np.zeros((3, 3), np.uint8))


def test_kalman_filter_tracks_as_opencv_pythons() -> None:
    def track(cv: Any, kind: Any, depth: int, controls: int) -> list[Any]:
        kf = cv.KalmanFilter(4, 2, controls, depth)
        kf.measurementMatrix = np.array([[1, 0, 0, 0], [0, 1, 0, 0]], kind)
        kf.transitionMatrix = np.array([[1, 0, 1, 0], [0, 1, 0, 1], [0, 0, 1, 0], [0, 0, 0, 1]],
                                       kind)  # fmt: skip
        kf.processNoiseCov = np.eye(4, dtype=kind) * 0.03
        if controls:
            kf.controlMatrix = np.full((4, controls), 0.1, kind)
        rng = np.random.default_rng(0)
        states = []
        for step in range(40):
            states.append(kf.predict(np.ones((controls, 1), kind) if controls else None))
            seen = np.array([[step * 2.0 + rng.normal()], [step * 1.5 + rng.normal()]], kind)
            states.append(kf.correct(seen))
        return [*states, kf.gain, kf.errorCovPost, kf.errorCovPre]

    for kind, depth, controls in ((np.float32, native.CV_32F, 0), (np.float64, native.CV_64F, 1)):
        mine, theirs = track(bridge, kind, depth, controls), track(native, kind, depth, controls)
        for got, expected in zip(mine, theirs, strict=True):
            assert got.dtype == expected.dtype
            np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-6)
    mixed = bridge.KalmanFilter(4, 2)
    mixed.transitionMatrix = np.eye(4)  # float64 in a float32 filter: OpenCV's gemm refuses
    with pytest.raises(bridge.error, match="type"):
        mixed.predict()
    assert bridge.KalmanFilter().statePre is None
    # N arrays are Nx1 Mats to opencv-python: a flat measurement, control or state works,
    # and a state set flat stays flat (OpenCV writes into the matrix's own memory)
    shapes = []
    for cv in (bridge, native):
        flat = cv.KalmanFilter(4, 2, 1)
        flat.measurementMatrix = np.eye(2, 4, dtype=np.float32)
        flat.controlMatrix = np.ones((4, 1), np.float32)
        flat.statePost = np.array([1, 2, 3, 4], np.float32)
        predicted = flat.predict(np.array([1], np.float32))
        corrected = flat.correct(np.array([3, 4], np.float32))
        shapes.append((predicted.shape, corrected.shape, flat.statePost.shape, flat.gain.shape))
    assert shapes[0] == shapes[1]


def test_cosine_transforms_are_opencv_pythons() -> None:
    rng = np.random.default_rng(13)
    for shape in ((8, 6), (1, 8), (8, 1), (32, 32), (31, 17), (64, 48)):
        for kind in (np.float32, np.float64):
            image = (rng.random(shape) * 255).astype(kind)
            for flags in (0, native.DCT_ROWS, native.DCT_INVERSE):
                try:
                    theirs = native.dct(image, flags=flags)
                except native.error as refused:  # odd float64 lengths (float32's go to IPP)
                    with pytest.raises(bridge.error) as mine_refused:
                        bridge.dct(image, flags=flags)
                    assert mine_refused.value.code == refused.code
                    continue
                mine = bridge.dct(image, flags=flags)
                assert mine.dtype == theirs.dtype and mine.shape == theirs.shape
                np.testing.assert_allclose(mine, theirs, rtol=0, atol=1e-6 * np.abs(theirs).max())
    meter = bridge.TickMeter()
    meter.stop()  # before a start: nothing counted, as OpenCV's
    assert (meter.getCounter(), meter.getFPS(), meter.getAvgTimeSec()) == (0, 0.0, 0.0)
    meter.start()
    meter.stop()
    assert meter.getCounter() == 1 and meter.getLastTimeTicks() == meter.getTimeTicks() >= 0


def test_hand_written_functions_name_themselves_when_called_wrongly() -> None:
    # a fuzz of this session's functions found the marshaller's internal error escaping
    for call in (lambda: bridge.Mahalanobis([1, 2], np.zeros(2), np.eye(2)),
                 lambda: bridge.convertPointsToHomogeneous("x"),
                 lambda: bridge.KalmanFilter(2, 1).correct("x")):  # fmt: skip
        with pytest.raises(bridge.error, match=r"\(\): argument '\w+' must be"):
            call()
    with pytest.raises(TypeError, match="getIppVersion"):
        bridge.ipp.getIppVersion(1)  # type: ignore[call-arg]


def test_derivative_kernels_are_opencv_pythons_bit_for_bit() -> None:
    compared = 0
    for dx, dy in ((1, 0), (0, 1), (2, 1), (0, 3), (3, 0), (0, 0), (4, 4), (1, 1), (-1, 2)):
        for ksize in (-1, 0, 1, 2, 3, 5, 7, 9, 31, 33):
            for normalize in (False, True):
                for ktype in (native.CV_32F, native.CV_64F, native.CV_8U):
                    try:
                        theirs = native.getDerivKernels(dx, dy, ksize, normalize=normalize,
                                                        ktype=ktype)  # fmt: skip
                    except native.error as refused:
                        with pytest.raises(bridge.error) as mine_refused:
                            bridge.getDerivKernels(dx, dy, ksize, normalize=normalize, ktype=ktype)
                        assert mine_refused.value.code == refused.code
                        continue
                    mine = bridge.getDerivKernels(dx, dy, ksize, normalize=normalize, ktype=ktype)
                    for kernel, expected in zip(mine, theirs, strict=True):
                        assert kernel.dtype == expected.dtype
                        assert np.array_equal(kernel, expected), (dx, dy, ksize, normalize)
                    compared += 1
    assert compared == 160  # the rest are refused by both


def test_cubic_roots_are_opencv_pythons_bit_for_bit() -> None:
    rng = np.random.default_rng(17)
    special = [0.0, 1.0, -2.0, np.inf, -np.inf, np.nan, 1e300, -1e-300]
    coefficients = [
        *rng.normal(0, 10, (1500, 4)).tolist(),
        *rng.integers(-3, 4, (1500, 4)).tolist(),  # double and triple roots, zero leads
        *rng.integers(-3, 4, (300, 3)).tolist(),
        *rng.choice(special, (1500, 4)).tolist(),
    ]
    for values in coefficients:
        for kind in (np.float64, np.float32):
            with np.errstate(all="ignore"):
                coeffs = np.array(values, kind)
            count, roots = bridge.solveCubic(coeffs)
            expected_count, expected = native.solveCubic(coeffs)
            assert count == expected_count and roots.dtype == expected.dtype, values
            assert np.array_equal(roots, expected, equal_nan=True), values
    for refused in (np.int32([1, 2, 3, 4]), np.zeros(5), np.zeros((2, 2)), np.zeros((1, 4, 2))):
        with pytest.raises(native.error) as theirs:
            native.solveCubic(refused)
        with pytest.raises(bridge.error, match="solveCubic") as mine:
            bridge.solveCubic(refused)
        assert mine.value.code == theirs.value.code


def test_derivative_kernels_and_cubic_roots_land_in_the_callers_arrays() -> None:
    kx, ky = np.zeros((3, 1), np.float32), np.zeros((5, 1), np.float64)
    mine = bridge.getDerivKernels(1, 0, 3, kx, ky)
    theirs = native.getDerivKernels(1, 0, 3, kx.copy(), ky.copy())
    assert mine[0] is kx and np.array_equal(kx, theirs[0])  # the same Mat: written in place
    assert mine[1] is not ky and mine[1].shape == theirs[1].shape == (3, 1)  # reallocated
    roots = np.zeros((3, 1))
    count, found = bridge.solveCubic(np.float64([1, -6, 11, -6]), roots)
    assert count == 3 and found is roots and sorted(roots.ravel()) == [1.0, 2.0, 3.0]


def test_labellings_are_renumbered_as_each_opencv_algorithm_numbers() -> None:
    from portlite.cv2 import imgproc

    rng = np.random.default_rng(19)
    algorithms = [getattr(native, f"CCL_{name}") for name in
                  ("DEFAULT", "WU", "GRANA", "BOLELLI", "SAUF", "BBDT", "SPAGHETTI")]  # fmt: skip
    for trial in range(120):
        shape = (int(rng.integers(1, 200)), int(rng.integers(1, 200)))
        image = ((rng.random(shape) > rng.random()) * 255).astype(np.uint8)
        if trial % 2:  # larger blobs, as in real masks
            image = native.dilate(image, None)
        for connectivity in (4, 8):
            for algorithm in algorithms:
                default = functools.partial(native.connectedComponentsWithStats, image)
                mine = imgproc._labelled("f", connectivity, algorithm, default)
                theirs = native.connectedComponentsWithStatsWithAlgorithm(
                    image, connectivity, native.CV_32S, algorithm)  # fmt: skip
                assert mine[0] == theirs[0]
                for part, expected in zip(mine[1:], theirs[1:], strict=True):
                    assert np.array_equal(part, expected, equal_nan=True), (trial, algorithm)


def test_check_range_raises_opencvs_message_when_not_quiet() -> None:
    for image, low, high in ((np.float32([[0, 1], [np.nan, 2]]), 0, 1.5),
                             (np.uint8([[0, 200]]), 0, 100),
                             (np.int16([[[1, 2, 3], [4, -9, 6]]]), -2.5, 10),
                             (np.float32([[[1.5, 2.25, np.nan]]]), 0, 1),
                             (np.float64([[1 / 3 + 1, 1e-300]]), 0, 1)):  # fmt: skip
        with pytest.raises(native.error) as theirs:
            native.checkRange(image, False, low, high)
        with pytest.raises(bridge.error) as mine:
            bridge.checkRange(image, False, low, high)
        assert (mine.value.code, mine.value.err) == (theirs.value.code, theirs.value.err)


def test_sizes_beyond_the_python_implementations_caps_are_refused_before_allocating() -> None:
    # the cosine matrices of a 1 x 5,800 DCT would take 269 MB; 5,000 Kalman states 200 MB
    with pytest.raises(bridge.error, match=r"dct\(\): a 1x5800 transform is beyond"):
        bridge.dct(np.zeros((1, 5800), np.float32))
    with pytest.raises(bridge.error, match=r"KalmanFilter\(\): .* at most 4096"):
        bridge.KalmanFilter(5000, 2)
    assert bridge.dct(np.zeros((1, 4096), np.float32)).shape == (1, 4096)
    assert bridge.KalmanFilter(4096, 1).transitionMatrix.shape == (4096, 4096)


def test_a_wrong_array_is_a_cv2_error_as_in_opencv_python_and_a_type_or_value_error() -> None:
    with pytest.raises(bridge.error, match=r"sort\(\): 'src' has dtype bool") as wrong_type:
        bridge.sort(np.zeros((2, 2), bool), 0)
    assert isinstance(wrong_type.value, TypeError) and wrong_type.value.code == -5
    with pytest.raises(bridge.error, match=r"PSNR\(\): 'src1' is empty") as empty:
        bridge.PSNR(np.zeros((0, 3), np.uint8), np.zeros((0, 3), np.uint8))
    assert isinstance(empty.value, ValueError)
    with pytest.raises(native.error):  # the same call natively
        native.sort(np.zeros((2, 2), bool), 0)


def test_copy_to_and_accumulators_read_arrays_as_opencv_python_does() -> None:
    rng = np.random.default_rng(23)
    src = rng.integers(0, 255, (6, 7, 3)).astype(np.uint8)
    for mask in (rng.integers(0, 2, (6, 7)).astype(np.uint8),
                 rng.integers(0, 2, (6, 7, 1)).astype(np.uint8),
                 rng.integers(0, 2, (6, 7, 3)).astype(np.uint8)):  # fmt: skip
        assert np.array_equal(bridge.copyTo(src, mask), native.copyTo(src, mask))
    grey, into = src[..., :1], np.full((6, 7), 9, np.uint8)  # HxWx1 into an HxW dst
    assert bridge.copyTo(grey, src[..., 0], into) is into
    assert np.array_equal(into, native.copyTo(grey, src[..., 0], np.full((6, 7), 9, np.uint8)))
    with pytest.raises(native.error) as theirs:
        native.copyTo(src, np.ones((6, 7, 2), np.uint8))
    with pytest.raises(bridge.error) as mine:
        bridge.copyTo(src, np.ones((6, 7, 2), np.uint8))
    assert mine.value.code == theirs.value.code == -215
    frozen = np.zeros((6, 7), np.float32)
    frozen.flags.writeable = False
    with pytest.raises(bridge.error, match=r"accumulate\(\): 'dst' must be a writable array"):
        bridge.accumulate(src[..., 0], frozen)
