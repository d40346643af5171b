# ruff: noqa: E501 - the case table reads best one case a line
"""One or more calls of every bridged cv2 function, run by both sides.

Like ``cv2_parity_cases``, this module runs in the browser kernel (against
``portlite.cv2``) and on CPython (against opencv-python) on the same input
bytes, which the kernel makes and sends back. Each case is
``(function, expression)``; the expression sees the inputs of
:func:`inputs`, ``cv2`` and ``np``. :func:`flat` turns any result into
named arrays so both sides compare part by part. It imports nothing.
"""

from __future__ import annotations

from typing import Any

#: The size of the photographs the cases work on (the benchmark of every function takes
#: larger ones).
CROP = (120, 160)


def inputs(np: Any, images: dict[str, Any]) -> dict[str, Any]:
    """The arrays the cases use, made from the real photographs and scans in ``images``.

    ``images["cls_model"]`` (PaddleOCR's direction classifier, as bytes) is
    written to a file for ``cv2.dnn``.
    """
    cls_path = "/tmp/portlite_cases_cls.onnx"
    if "cls_model" in images:
        with open(cls_path, "wb") as model:
            model.write(images["cls_model"].tobytes())
    rows, cols = CROP
    bgr = images["chelsea"][:rows, :cols].copy()
    gray = images["coins"][:rows, :cols].copy()
    page = images["page"][:100, :140].copy()
    binary = ((gray > 110) * 255).astype("uint8")
    rng = np.random.default_rng(20261206)
    pts = np.array([[[10, 10]], [[60, 12]], [[70, 50]], [[40, 80]], [[12, 60]]], "int32")
    fpts = pts.reshape(-1, 2).astype("float32")
    square = np.array([[0, 0], [100, 0], [100, 100], [0, 100]], "float32")
    skew = np.array([[5, 3], [96, 8], [90, 97], [2, 90]], "float32")
    camera = np.array([[200.0, 0, 80], [0, 200.0, 60], [0, 0, 1]])
    dist = np.array([0.01, -0.02, 0.001, 0.0005, 0.0])
    obj = np.array(
        [[0, 0, 0], [1, 0, 0], [1, 1, 0], [0, 1, 0], [0.5, 0.5, 0.2], [0.2, 0.8, 0.1]], "float32"
    )
    rvec = np.array([[0.1], [-0.2], [0.05]])
    tvec = np.array([[0.2], [0.1], [4.0]])
    return {
        "bgr": bgr, "gray": gray, "page": page, "binary": binary,
        "bgra": np.dstack([bgr, gray]),
        "f32": (gray / 255).astype("float32"),
        "f64": (gray / 255.0),
        "i16": (gray.astype("int16") - 128),
        "u16": (gray.astype("uint16") * 257),
        "shifted": np.roll(gray, (2, 3), (0, 1)),
        "tmpl": gray[40:70, 50:90].copy(),
        "mask": binary,
        "kernel": np.ones((3, 3), "uint8"),
        "k32": np.array([[0, -1, 0], [-1, 5, -1], [0, -1, 0]], "float32"),
        "pts": pts, "fpts": fpts, "square": square, "skew": skew,
        "M23": np.array([[0.9, 0.1, 5.0], [-0.1, 0.9, 3.0]]),
        "M33": np.array([[1.0, 0.05, 2.0], [0.02, 1.0, 3.0], [0.0001, 0.0, 1.0]]),
        "K": camera, "dist": dist, "obj": obj, "rvec": rvec, "tvec": tvec,
        "img_pts": np.array([[80.0, 60.0], [130.0, 55.0], [132.0, 108.0], [78.0, 110.0], [104.0, 80.0], [88.0, 98.0]], "float32"),
        "samples": rng.normal(size=(60, 2)).astype("float32") + np.repeat(np.array([[0, 0], [5, 5], [0, 6]], "float32"), 20, 0),
        "mat3": np.array([[4.0, 1.0, 0.5], [1.0, 3.0, 0.2], [0.5, 0.2, 2.0]]),
        "vec3": np.array([[1.0], [2.0], [3.0]]),
        "xs": (rng.random((20, 30)) * 10).astype("float32"),
        "ys": (rng.random((20, 30)) * 10).astype("float32"),
        "markers": np.where(binary > 0, 1, 0).astype("int32") + np.pad(np.full((2, 2), 1, "int32"), ((0, gray.shape[0] - 2), (0, gray.shape[1] - 2))),
        "hull_idx": np.array([[4], [3], [2], [1], [0]], "int32"),
        "bayer": gray.copy(),
        "rects": [(10, 10, 20, 20), (11, 11, 20, 20), (12, 9, 21, 19), (60, 60, 10, 10)],
        "corners": (np.array([[[10, 10], [40, 10], [40, 40], [10, 40]]], "float32"),),
        "ids": np.array([[7]], "int32"),
        "rr1": ((50.0, 50.0), (40.0, 20.0), 30.0),
        "rr2": ((55.0, 45.0), (30.0, 30.0), 0.0),
        "poly_a": np.array([[0, 0], [40, 0], [40, 40], [0, 40]], "float32"),
        "poly_b": np.array([[20, 20], [60, 20], [60, 60], [20, 60]], "float32"),
        "coeffs": np.array([[-6.0], [11.0], [-6.0], [1.0]]),
        "flow_prev": gray, "flow_next": np.roll(gray, 1, 1),
        "track": np.array([[[60, 40]], [[90, 70]], [[30, 90]]], "float32"),
        "face": images["astronaut"][:256, 96:352].copy() if "astronaut" in images else bgr,
        "scene": images["chelsea"][:240, :320].copy(),
        "scene2": np.ascontiguousarray(np.roll(images["chelsea"][:240, :320], (5, 7), (0, 1))),
        "qr_blank": np.full((60, 60, 3), 255, "uint8"),
        "exposures": [np.clip(bgr.astype("float32") * gain, 0, 255).astype("uint8") for gain in (0.4, 1.0, 2.5)],
        "times": np.array([0.4, 1.0, 2.5], "float32"),
        "barcode": ean13(np, "4006381333931"),
        "cls_path": cls_path,
        "dict_bytes": rng.integers(0, 256, (5, 2, 4)).astype("uint8"),
        "tagged": lambda dictionary: tagged_scene(np, images["chelsea"][:240, :320, 1], dictionary),
        "text_blob": cv2_blob(np, images["page"][:48, :192]),
        "detections": detections(np, rng),
        "board": chessboard(np, 0.14, 22.0),
        "board2": chessboard(np, -0.2, 19.0),
        "left": images["chelsea"][:240, 8:328, 1].copy(),
        "right": images["chelsea"][:240, :320, 1].copy(),
        **two_views(np, rng, camera),
        **calibration_views(np),
        "rotation": lambda vector: rotation_matrix(np, vector),
        "hand_eye": hand_eye(np),
    }  # fmt: skip


def chessboard(np: Any, angle: float, square: float) -> Any:
    """A 10x7-square chessboard (9x6 inner corners) on white, turned by ``angle`` radians,
    anti-aliased by averaging 4x4 samples a pixel (so corners fall between pixels)."""
    ys, xs = np.mgrid[0:960, 0:1280] / 4.0 - np.array([120.0, 160.0]).reshape(2, 1, 1)
    c, s = np.cos(angle), np.sin(angle)
    u = (c * xs + s * ys) / square + 5
    v = (-s * xs + c * ys) / square + 3.5
    dark = (u >= 0) & (u < 10) & (v >= 0) & (v < 7) & ((np.floor(u) + np.floor(v)) % 2 == 1)
    return (255 - dark.reshape(240, 4, 320, 4).mean(axis=(1, 3)) * 255).round().astype("uint8")


def two_views(np: Any, rng: Any, camera: Any) -> dict[str, Any]:
    """40 points in front of two cameras (the second turned and moved), as each sees them
    (float64, with 0.2 px of noise), and the cameras' rotation, translation and 3x4
    projections."""
    world = rng.uniform([-1, -1, 4], [1, 1, 7], (40, 3))
    rotation = rotation_matrix(np, [0.02, -0.15, 0.03])
    shift = np.array([[0.6], [0.05], [0.1]])
    first = np.hstack([np.eye(3), np.zeros((3, 1))])
    second = np.hstack([rotation, shift])
    seen = []
    for pose in (first, second):
        projected = (camera @ pose @ np.vstack([world.T, np.ones(40)])).T
        seen.append(projected[:, :2] / projected[:, 2:] + rng.normal(0, 0.2, (40, 2)))
    return {"p1": seen[0], "p2": seen[1], "R2": rotation, "t2": shift,
            "P1": camera @ first, "P2": camera @ second, "world": world}  # fmt: skip


def rotation_matrix(np: Any, vector: Any) -> Any:
    """The rotation of a Rodrigues vector (numpy's own, so both sides get the same)."""
    angle = np.asarray(vector, "float64")
    theta = np.linalg.norm(angle)
    axis = (
        np.array([[0, -angle[2], angle[1]], [angle[2], 0, -angle[0]], [-angle[1], angle[0], 0]])
        / theta
    )
    return np.eye(3) + np.sin(theta) * axis + (1 - np.cos(theta)) * axis @ axis


def hand_eye(np: Any) -> tuple[list[Any], ...]:
    """A robot's gripper in 5 poses (gripper to base) and what a camera on it sees of a fixed
    target (target to camera): calibrateHandEye's four lists, rotations and translations."""

    def pose(vector: Any, shift: Any) -> Any:
        matrix = np.eye(4)
        matrix[:3, :3], matrix[:3, 3] = rotation_matrix(np, vector), shift
        return matrix

    camera_to_gripper = pose([0.1, -0.2, 0.3], [0.05, 0.02, 0.1])
    target_to_base = pose([0.3, 0.1, -0.2], [0.5, 0.2, 0.0])
    lists: tuple[list[Any], ...] = ([], [], [], [])
    for i in range(5):
        gripper = pose([0.4 * i - 0.8, 0.3 * (-1) ** i, 0.25 * i], [0.1 * i, 0.3 - 0.05 * i, 0.6])
        seen = np.linalg.inv(camera_to_gripper) @ np.linalg.inv(gripper) @ target_to_base
        for index, matrix in enumerate((gripper, seen)):
            lists[2 * index].append(matrix[:3, :3].copy())
            lists[2 * index + 1].append(matrix[:3, 3:].copy())
    return lists


def calibration_views(np: Any) -> dict[str, Any]:
    """A 9x6 grid of 3 cm squares seen by a stereo pair 10 cm apart (640x480, f = 500)
    from 5 poses, with a deterministic wobble of 0.3 px, as float32 Nx1x2 views."""
    grid = np.float32([[x, y, 0] for y in range(6) for x in range(9)]) * 0.03
    camera = np.array([[500.0, 0, 320], [0, 500.0, 240], [0, 0, 1]])
    views: dict[str, list[Any]] = {"views": [], "views2": []}
    for i in range(5):
        rotation = rotation_matrix(np, [0.1 * i - 0.2, 0.15 - 0.05 * i, 0.02 * i + 0.01])
        for name, baseline in (("views", 0.0), ("views2", -0.1)):
            shift = np.array([[-0.12 + baseline], [-0.08], [0.6 + 0.05 * i]])
            seen = (camera @ (rotation @ grid.T.astype("float64") + shift)).T
            wobble = 0.3 * np.sin(np.arange(108).reshape(54, 2) * (i + 1) + baseline * 10)
            views[name].append(
                (seen[:, :2] / seen[:, 2:] + wobble).astype("float32").reshape(54, 1, 2)
            )
    return {"grid": grid, "grids": [grid] * 5, **views}  # fmt: skip


def detections(np: Any, rng: Any) -> Any:
    """A detector's raw output: (x, y, w, h, score, class) rows, clustered as real ones are."""
    centres = rng.uniform(20, 300, (12, 2))
    rows = []
    for index, (cx, cy) in enumerate(centres):
        for _ in range(8):
            w, h = rng.uniform(20, 60, 2)
            x, y = cx + rng.normal(0, 4) - w / 2, cy + rng.normal(0, 4) - h / 2
            rows.append([x, y, w, h, rng.uniform(0.1, 1.0), index % 3])
    return np.array(rows, "float32")


def error_fields(call: Any, *, func: bool = True) -> Any:
    """The fields opencv-python's cv2.error has, of the error ``call`` raises (without
    ``func``: an error raised inside OpenCV names a C++ helper whose name the compilers
    spell differently)."""
    try:
        call()
    except Exception as err:  # noqa: BLE001 - the error is the result
        return (type(err).__name__, err.code, err.func if func else "",
                err.line > 0 or err.line == -1)  # fmt: skip
    return "no error"


def tagged_scene(np: Any, grey: Any, dictionary: Any) -> Any:
    """A grey photograph with ArUco markers 3, 7 and 12 of ``dictionary`` printed on it,
    each on a white margin (the detector needs the quiet zone)."""
    scene = np.array(grey, "uint8")
    for marker_id, (y, x) in ((3, (20, 20)), (7, (20, 200)), (12, (140, 110))):
        scene[y - 10 : y + 70, x - 10 : x + 70] = 255
        scene[y : y + 60, x : x + 60] = dictionary.generateImageMarker(marker_id, 60)
    return scene


#: EAN-13's digit patterns (L; R is L inverted; G is R reversed) and, by first digit, which
#: of the left six digits use G.
_EAN_L = ("0001101", "0011001", "0010011", "0111101", "0100011",
          "0110001", "0101111", "0111011", "0110111", "0001011")  # fmt: skip
_EAN_PARITY = ("LLLLLL", "LLGLGG", "LLGGLG", "LLGGGL", "LGLLGG",
               "LGGLLG", "LGGGLG", "LGLGGL", "LGLGLG", "LGGLGL")  # fmt: skip


def ean13(np: Any, digits: str) -> Any:
    """A printed EAN-13 barcode of ``digits``: 3 px a module, softened edges as a camera
    sees them (the detector finds no perfectly sharp bars), on a white page."""
    invert = str.maketrans("01", "10")
    bits = "101"
    for digit, parity in zip(digits[1:7], _EAN_PARITY[int(digits[0])], strict=True):
        left = _EAN_L[int(digit)]
        bits += left if parity == "L" else left.translate(invert)[::-1]
    bits += "01010" + "".join(_EAN_L[int(d)].translate(invert) for d in digits[7:]) + "101"
    row = np.repeat(
        np.array([0 if b == "1" else 255 for b in "0" * 40 + bits + "0" * 40], "float64"), 3
    )
    row = np.convolve(
        np.pad(row, 2, mode="edge"), [1 / 16, 4 / 16, 6 / 16, 4 / 16, 1 / 16], "valid"
    )
    page = np.full((290, row.size), 255, "uint8")
    page[100:190] = np.round(row).astype("uint8")
    return page


def cv2_blob(np: Any, grey: Any) -> Any:
    """An NCHW float32 blob of a text line, as PaddleOCR's classifier takes it."""
    pixels = (np.dstack([grey, grey, grey]).astype("float32") / 127.5 - 1).transpose(2, 0, 1)
    return np.ascontiguousarray(pixels[None])


#: ``(function, expression)``: at least one per bridged function.
# fmt: off
CASES: tuple[tuple[str, str], ...] = (
    ("absdiff", "cv2.absdiff(gray, shifted)"),
    ("adaptiveThreshold", "cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_GAUSSIAN_C, cv2.THRESH_BINARY, 11, 2)"),
    ("add", "cv2.add(bgr, (10, 20, 30, 0))"),
    ("add", "cv2.add(gray, shifted, mask=mask)"),
    ("add", "(cv2.add(gray, shifted), cv2.add(shifted, gray, mask=mask))[1]"),
    ("add", "cv2.add(gray, shifted, dtype=cv2.CV_16U)"),
    ("addWeighted", "cv2.addWeighted(gray, 0.3, shifted, 0.7, 5)"),
    ("applyColorMap", "cv2.applyColorMap(gray, cv2.COLORMAP_JET)"),
    ("approxPolyDP", "cv2.approxPolyDP(pts, 5.0, True)"),
    ("approxPolyN", "cv2.approxPolyN(pts, 4)"),
    ("arcLength", "cv2.arcLength(pts, True)"),
    ("arrowedLine", "cv2.arrowedLine(bgr.copy(), (5, 5), (100, 60), (0, 0, 255), 2)"),
    ("aruco.generateImageMarker", "(d := cv2.aruco.getPredefinedDictionary(cv2.aruco.DICT_4X4_50), cv2.aruco.generateImageMarker(d, 7, 60), cv2.aruco.generateImageMarker(d, 3, 48, borderBits=2), cv2.aruco.generateImageMarker(d, 9, 40, np.zeros((40, 40), 'uint8')))[1:]"),
    ("aruco.drawDetectedCornersCharuco", "cv2.aruco.drawDetectedCornersCharuco(bgr.copy(), corners[0].reshape(-1, 1, 2))"),
    ("aruco.drawDetectedDiamonds", "cv2.aruco.drawDetectedDiamonds(bgr.copy(), corners)"),
    ("aruco.drawDetectedMarkers", "cv2.aruco.drawDetectedMarkers(bgr.copy(), corners, ids)"),
    ("aruco.getPredefinedDictionary", "cv2.aruco.getPredefinedDictionary(cv2.aruco.DICT_4X4_50).generateImageMarker(7, 40)"),
    ("aruco.Dictionary.generateImageMarker", "cv2.aruco.getPredefinedDictionary(cv2.aruco.DICT_5X5_100).generateImageMarker(3, 50, borderBits=2)"),
    ("aruco.Dictionary.getDistanceToId", "[(d := cv2.aruco.getPredefinedDictionary(cv2.aruco.DICT_4X4_50)).getDistanceToId((d.generateImageMarker(7, 6)[1:5, 1:5] // 255).astype('uint8'), i) for i in (3, 7)]"),
    ("aruco.Dictionary", "(d := cv2.aruco.Dictionary(dict_bytes, 4, 1), d.markerSize, d.maxCorrectionBits, d.generateImageMarker(2, 30))[1:]"),
    ("aruco.Dictionary", "(d := cv2.aruco.Dictionary(), d.markerSize, setattr(d, 'markerSize', 5), d.markerSize)[1:]"),
    ("aruco.extendDictionary", "cv2.aruco.extendDictionary(6, 4, randomSeed=5).generateImageMarker(5, 24)"),
    ("aruco.DetectorParameters", "(p := cv2.aruco.DetectorParameters(), p.adaptiveThreshConstant, p.minMarkerPerimeterRate, p.cornerRefinementMethod, p.detectInvertedMarker)[1:]"),
    ("aruco.RefineParameters", "(r := cv2.aruco.RefineParameters(8.0, 2.0, False), r.minRepDistance, r.errorCorrectionRate, r.checkAllOrders, cv2.aruco.RefineParameters().minRepDistance)[1:]"),
    ("aruco.ArucoDetector", "cv2.aruco.ArucoDetector(cv2.aruco.getPredefinedDictionary(cv2.aruco.DICT_4X4_50)).detectMarkers(tagged(cv2.aruco.getPredefinedDictionary(cv2.aruco.DICT_4X4_50)))[:2]"),
    ("aruco.ArucoDetector.detectMarkers", "(d := cv2.aruco.getPredefinedDictionary(cv2.aruco.DICT_4X4_50), cv2.aruco.ArucoDetector(d, cv2.aruco.DetectorParameters(), cv2.aruco.RefineParameters()).detectMarkers(cv2.cvtColor(tagged(d), cv2.COLOR_GRAY2BGR)))[1][:2]"),
    ("aruco.ArucoDetector.detectMarkers", "cv2.aruco.ArucoDetector(cv2.aruco.getPredefinedDictionary(cv2.aruco.DICT_6X6_250)).detectMarkers(scene[..., 1].copy())[:2]"),
    ("aruco.ArucoDetector.setDictionary", "(a := cv2.aruco.ArucoDetector(cv2.aruco.getPredefinedDictionary(cv2.aruco.DICT_5X5_100)), a.setDictionary(cv2.aruco.getPredefinedDictionary(cv2.aruco.DICT_4X4_50)), a.detectMarkers(tagged(cv2.aruco.getPredefinedDictionary(cv2.aruco.DICT_4X4_50)))[:2])[2]"),
    ("aruco.ArucoDetector.setDetectorParameters", "(p := cv2.aruco.DetectorParameters(), setattr(p, 'minMarkerPerimeterRate', 0.9), a := cv2.aruco.ArucoDetector(cv2.aruco.getPredefinedDictionary(cv2.aruco.DICT_4X4_50)), a.setDetectorParameters(p), a.detectMarkers(tagged(cv2.aruco.getPredefinedDictionary(cv2.aruco.DICT_4X4_50)))[:2])[4]"),
    ("aruco.ArucoDetector.setRefineParameters", "(a := cv2.aruco.ArucoDetector(cv2.aruco.getPredefinedDictionary(cv2.aruco.DICT_4X4_50)), a.setRefineParameters(cv2.aruco.RefineParameters(5.0)), a.detectMarkers(tagged(cv2.aruco.getPredefinedDictionary(cv2.aruco.DICT_4X4_50)))[:2])[2]"),
    ('aruco.Board', '(d := cv2.aruco.getPredefinedDictionary(cv2.aruco.DICT_4X4_50), b := cv2.aruco.Board([np.float32([[0, 0, 0], [1, 0, 0], [1, 1, 0], [0, 1, 0]]), np.float32([[2, 0, 0], [3, 0, 0], [3, 1, 0], [2, 1, 0]])], d, np.int32([3, 7])), b.generateImage((200, 100), marginSize=5))[2]'),
    ('aruco.Board.generateImage', '(d := cv2.aruco.getPredefinedDictionary(cv2.aruco.DICT_4X4_50), gb := cv2.aruco.GridBoard((4, 3), 0.04, 0.01, d), cb := cv2.aruco.CharucoBoard((5, 4), 0.04, 0.03, d), gb.generateImage((400, 300), marginSize=10, borderBits=1), cb.generateImage((500, 400)), cb.generateImage((250, 200), marginSize=7, borderBits=2))[3:]'),
    ('aruco.Board.matchImagePoints', '(d := cv2.aruco.getPredefinedDictionary(cv2.aruco.DICT_4X4_50), gb := cv2.aruco.GridBoard((4, 3), 0.04, 0.01, d), H := np.float64([[0.9, 0.08, 30], [-0.06, 0.95, 25], [0.0002, 0.0001, 1]]), gimg := cv2.warpPerspective(gb.generateImage((400, 300), marginSize=10), H, (480, 380), borderValue=255), found := cv2.aruco.ArucoDetector(d).detectMarkers(gimg), gb.matchImagePoints(found[0], found[1]))[5]'),
    ('aruco.GridBoard', '(d := cv2.aruco.getPredefinedDictionary(cv2.aruco.DICT_4X4_50), gb := cv2.aruco.GridBoard((4, 3), 0.04, 0.01, d), gb.generateImage((200, 150)), cv2.aruco.GridBoard((2, 2), 1.0, 0.5, d, np.int32([9, 8, 7, 6])).generateImage((120, 120)))[2:]'),
    ('aruco.GridBoard.getGridSize', '(d := cv2.aruco.getPredefinedDictionary(cv2.aruco.DICT_4X4_50), gb := cv2.aruco.GridBoard((4, 3), 0.04, 0.01, d), gb.getGridSize())[2]'),
    ('aruco.GridBoard.getMarkerLength', '(d := cv2.aruco.getPredefinedDictionary(cv2.aruco.DICT_4X4_50), gb := cv2.aruco.GridBoard((4, 3), 0.04, 0.01, d), gb.getMarkerLength())[2]'),
    ('aruco.GridBoard.getMarkerSeparation', '(d := cv2.aruco.getPredefinedDictionary(cv2.aruco.DICT_4X4_50), gb := cv2.aruco.GridBoard((4, 3), 0.04, 0.01, d), gb.getMarkerSeparation())[2]'),
    ('aruco.CharucoBoard', '(d := cv2.aruco.getPredefinedDictionary(cv2.aruco.DICT_4X4_50), cb := cv2.aruco.CharucoBoard((5, 4), 0.04, 0.03, d), cb.generateImage((300, 240)), cv2.aruco.CharucoBoard((3, 3), 1.0, 0.6, d, np.int32([10, 11, 12, 13])).generateImage((150, 150)))[2:]'),
    ('aruco.CharucoBoard.checkCharucoCornersCollinear', '(d := cv2.aruco.getPredefinedDictionary(cv2.aruco.DICT_4X4_50), cb := cv2.aruco.CharucoBoard((5, 4), 0.04, 0.03, d), cb.checkCharucoCornersCollinear(np.int32([0, 1, 2])), cb.checkCharucoCornersCollinear(np.int32([0, 1, 5])), cb.checkCharucoCornersCollinear(np.int32([0, 4, 8])))[2:]'),
    ('aruco.CharucoBoard.getLegacyPattern', '(d := cv2.aruco.getPredefinedDictionary(cv2.aruco.DICT_4X4_50), cb := cv2.aruco.CharucoBoard((5, 4), 0.04, 0.03, d), cb.getLegacyPattern())[2]'),
    ('aruco.CharucoBoard.setLegacyPattern', '(d := cv2.aruco.getPredefinedDictionary(cv2.aruco.DICT_4X4_50), cb := cv2.aruco.CharucoBoard((5, 4), 0.04, 0.03, d), cb.setLegacyPattern(True), cb.getLegacyPattern(), cb.generateImage((250, 200)))[3:]'),
    ('aruco.CharucoDetector', '(d := cv2.aruco.getPredefinedDictionary(cv2.aruco.DICT_4X4_50), cb := cv2.aruco.CharucoBoard((5, 4), 0.04, 0.03, d), H := np.float64([[0.9, 0.08, 30], [-0.06, 0.95, 25], [0.0002, 0.0001, 1]]), cimg := cv2.warpPerspective(cb.generateImage((500, 400), marginSize=20), H, (580, 480), borderValue=255), cv2.aruco.CharucoDetector(cb).detectBoard(cimg))[4]'),
    ('aruco.CharucoDetector.detectBoard', '(d := cv2.aruco.getPredefinedDictionary(cv2.aruco.DICT_4X4_50), cb := cv2.aruco.CharucoBoard((5, 4), 0.04, 0.03, d), H := np.float64([[0.9, 0.08, 30], [-0.06, 0.95, 25], [0.0002, 0.0001, 1]]), cimg := cv2.warpPerspective(cb.generateImage((500, 400), marginSize=20), H, (580, 480), borderValue=255), det := cv2.aruco.CharucoDetector(cb), det.detectBoard(cimg), det.detectBoard(cv2.cvtColor(cimg, cv2.COLOR_GRAY2BGR)), det.detectBoard(np.full((100, 100), 255, np.uint8)))[5:]'),
    ('aruco.CharucoDetector.detectDiamonds', '(d := cv2.aruco.getPredefinedDictionary(cv2.aruco.DICT_4X4_50), cb := cv2.aruco.CharucoBoard((5, 4), 0.04, 0.03, d), H := np.float64([[0.9, 0.08, 30], [-0.06, 0.95, 25], [0.0002, 0.0001, 1]]), cimg := cv2.warpPerspective(cb.generateImage((500, 400), marginSize=20), H, (580, 480), borderValue=255), db := cv2.aruco.CharucoBoard((3, 3), 0.04, 0.025, d, np.int32([4, 5, 6, 7])), dimg := cv2.warpPerspective(cv2.copyMakeBorder(db.generateImage((240, 240)), 30, 30, 30, 30, cv2.BORDER_CONSTANT, value=255), H, (360, 340), borderValue=255), cv2.aruco.CharucoDetector(db).detectDiamonds(dimg), error_fields(lambda: cv2.aruco.CharucoDetector(cb).detectDiamonds(cimg)))[6:]'),
    ('aruco.CharucoDetector.setBoard', '(d := cv2.aruco.getPredefinedDictionary(cv2.aruco.DICT_4X4_50), cb := cv2.aruco.CharucoBoard((5, 4), 0.04, 0.03, d), H := np.float64([[0.9, 0.08, 30], [-0.06, 0.95, 25], [0.0002, 0.0001, 1]]), cimg := cv2.warpPerspective(cb.generateImage((500, 400), marginSize=20), H, (580, 480), borderValue=255), det := cv2.aruco.CharucoDetector(cv2.aruco.CharucoBoard((3, 3), 0.04, 0.03, d)), det.setBoard(cb), det.detectBoard(cimg))[6]'),
    ('aruco.CharucoParameters', "(d := cv2.aruco.getPredefinedDictionary(cv2.aruco.DICT_4X4_50), cb := cv2.aruco.CharucoBoard((5, 4), 0.04, 0.03, d), H := np.float64([[0.9, 0.08, 30], [-0.06, 0.95, 25], [0.0002, 0.0001, 1]]), cimg := cv2.warpPerspective(cb.generateImage((500, 400), marginSize=20), H, (580, 480), borderValue=255), p := cv2.aruco.CharucoParameters(), (p.minMarkers, p.tryRefineMarkers, p.checkMarkers), setattr(p, 'minMarkers', 1), setattr(p, 'tryRefineMarkers', True), cv2.aruco.CharucoDetector(cb, p).detectBoard(cimg))[5:]"),
    ('aruco.CharucoDetector.setCharucoParameters', "(d := cv2.aruco.getPredefinedDictionary(cv2.aruco.DICT_4X4_50), cb := cv2.aruco.CharucoBoard((5, 4), 0.04, 0.03, d), H := np.float64([[0.9, 0.08, 30], [-0.06, 0.95, 25], [0.0002, 0.0001, 1]]), cimg := cv2.warpPerspective(cb.generateImage((500, 400), marginSize=20), H, (580, 480), borderValue=255), p := cv2.aruco.CharucoParameters(), setattr(p, 'minMarkers', 2), det := cv2.aruco.CharucoDetector(cb), det.setCharucoParameters(p), det.detectBoard(cimg))[8]"),
    ('aruco.CharucoDetector.setDetectorParameters', "(d := cv2.aruco.getPredefinedDictionary(cv2.aruco.DICT_4X4_50), cb := cv2.aruco.CharucoBoard((5, 4), 0.04, 0.03, d), H := np.float64([[0.9, 0.08, 30], [-0.06, 0.95, 25], [0.0002, 0.0001, 1]]), cimg := cv2.warpPerspective(cb.generateImage((500, 400), marginSize=20), H, (580, 480), borderValue=255), dp := cv2.aruco.DetectorParameters(), setattr(dp, 'cornerRefinementMethod', cv2.aruco.CORNER_REFINE_SUBPIX), det := cv2.aruco.CharucoDetector(cb), det.setDetectorParameters(dp), det.detectBoard(cimg))[8]"),
    ('aruco.CharucoDetector.setRefineParameters', '(d := cv2.aruco.getPredefinedDictionary(cv2.aruco.DICT_4X4_50), cb := cv2.aruco.CharucoBoard((5, 4), 0.04, 0.03, d), H := np.float64([[0.9, 0.08, 30], [-0.06, 0.95, 25], [0.0002, 0.0001, 1]]), cimg := cv2.warpPerspective(cb.generateImage((500, 400), marginSize=20), H, (580, 480), borderValue=255), det := cv2.aruco.CharucoDetector(cb), det.setRefineParameters(cv2.aruco.RefineParameters(5.0, 2.0, True)), det.detectBoard(cimg))[6]'),
    ('aruco.ArucoDetector.refineDetectedMarkers', '(d := cv2.aruco.getPredefinedDictionary(cv2.aruco.DICT_4X4_50), gb := cv2.aruco.GridBoard((4, 3), 0.04, 0.01, d), H := np.float64([[0.9, 0.08, 30], [-0.06, 0.95, 25], [0.0002, 0.0001, 1]]), gimg := cv2.warpPerspective(gb.generateImage((400, 300), marginSize=10), H, (480, 380), borderValue=255), det := cv2.aruco.ArucoDetector(d), found := det.detectMarkers(gimg), c := found[0], i := found[1], r := found[2], keep := [k for k in range(len(c)) if k % 3], det.refineDetectedMarkers(gimg, gb, [c[k] for k in keep], i[keep], list(r) + [c[k] for k in range(len(c)) if k % 3 == 0]))[-1]'),
    ("bilateralFilter", "cv2.bilateralFilter(gray, 5, 40, 40)"),
    ("bitwise_and", "cv2.bitwise_and(bgr, bgr, mask=mask)"),
    ("bitwise_and", "(cv2.bitwise_or(gray, shifted), cv2.bitwise_and(shifted, gray, mask=mask))[1]"),
    ("bitwise_not", "cv2.bitwise_not(gray)"),
    ("bitwise_or", "cv2.bitwise_or(gray, shifted)"),
    ("bitwise_xor", "cv2.bitwise_xor(gray, shifted)"),
    ("blendLinear", "cv2.blendLinear(f32, f32[::-1].copy(), np.full(f32.shape, 0.25, 'float32'), np.full(f32.shape, 0.75, 'float32'))"),
    ("blur", "cv2.blur(bgr, (5, 3))"),
    ("boundingRect", "cv2.boundingRect(pts)"),
    ("boxFilter", "cv2.boxFilter(gray, cv2.CV_32F, (5, 5), normalize=False)"),
    ("boxPoints", "cv2.boxPoints(rr1)"),
    ("calcBackProject", "cv2.calcBackProject([gray], [0], cv2.calcHist([gray], [0], None, [16], [0, 256]), [0, 256], 1)"),
    ("calcHist", "cv2.calcHist([bgr], [0, 1], None, [8, 8], [0, 256, 0, 256])"),
    ("calcOpticalFlowFarneback", "cv2.calcOpticalFlowFarneback(flow_prev, flow_next, None, 0.5, 2, 9, 2, 5, 1.1, 0)"),
    ("calcOpticalFlowPyrLK", "cv2.calcOpticalFlowPyrLK(flow_prev, flow_next, track, None)"),
    ("Canny", "cv2.Canny(gray, 50, 150)"),
    ("Canny", "cv2.Canny(gray, 50, 150, L2gradient=True)"),
    ("Canny", "cv2.Canny(cv2.Sobel(gray, cv2.CV_16S, 1, 0), cv2.Sobel(gray, cv2.CV_16S, 0, 1), 50, 150)"),
    ("cartToPolar", "cv2.cartToPolar(xs, ys, angleInDegrees=True)"),
    ("circle", "cv2.circle(bgr.copy(), (60, 50), 20, (255, 0, 0), -1, cv2.LINE_AA)"),
    ("compare", "cv2.compare(gray, shifted, cv2.CMP_GT)"),
    ("compareHist", "cv2.compareHist(cv2.calcHist([gray], [0], None, [32], [0, 256]), cv2.calcHist([page], [0], None, [32], [0, 256]), cv2.HISTCMP_CORREL)"),
    ("connectedComponents", "cv2.connectedComponents(binary)"),
    ("connectedComponentsWithStats", "cv2.connectedComponentsWithStats(binary, connectivity=4)"),
    ("contourArea", "cv2.contourArea(pts)"),
    ("contourArea", "cv2.contourArea(fpts, True)"),
    ("convertMaps", "cv2.convertMaps(xs, ys, cv2.CV_16SC2)"),
    ("convertScaleAbs", "cv2.convertScaleAbs(i16, alpha=1.5, beta=3)"),
    ("convexHull", "cv2.convexHull(pts)"),
    ("convexHull", "cv2.convexHull(pts, returnPoints=False)"),
    ("convexityDefects", "cv2.convexityDefects(np.array([[[0, 0]], [[50, 10]], [[100, 0]], [[100, 100]], [[0, 100]]], 'int32'), np.array([[4], [3], [2], [0]], 'int32'))"),
    ("copyMakeBorder", "cv2.copyMakeBorder(bgr, 3, 4, 5, 6, cv2.BORDER_REFLECT)"),
    ("cornerHarris", "cv2.cornerHarris(f32, 2, 3, 0.04)"),
    ("cornerMinEigenVal", "cv2.cornerMinEigenVal(gray, 3)"),
    ("countNonZero", "cv2.countNonZero(binary)"),
    ("createHanningWindow", "cv2.createHanningWindow((16, 12), cv2.CV_32F)"),
    ("cvtColor", "cv2.cvtColor(bgr, cv2.COLOR_BGR2HSV)"),
    ("cvtColor", "cv2.cvtColor(bgr, cv2.COLOR_BGR2LAB)"),
    ("cvtColor", "cv2.cvtColor(bgr, cv2.COLOR_BGR2YCrCb)"),
    ("demosaicing", "cv2.demosaicing(bayer, cv2.COLOR_BayerBG2BGR)"),
    ("determinant", "cv2.determinant(mat3)"),
    ("dft", "cv2.dft(f32, flags=cv2.DFT_COMPLEX_OUTPUT)"),
    ("dilate", "cv2.dilate(binary, kernel, iterations=2)"),
    ("distanceTransform", "cv2.distanceTransform(binary, cv2.DIST_L2, 3)"),
    ("distanceTransformWithLabels", "(cv2.distanceTransformWithLabels(binary, cv2.DIST_L2, 3), cv2.distanceTransformWithLabels(binary, cv2.DIST_L1, 3, labelType=cv2.DIST_LABEL_PIXEL), cv2.distanceTransformWithLabels(binary, cv2.DIST_C, 5))"),
    ("divide", "cv2.divide(f32 + 1, f32 + 2)"),
    ("divide", "cv2.divide(2.0, f32 + 1)"),
    ("divSpectrums", "cv2.divSpectrums(cv2.dft(f64, flags=cv2.DFT_COMPLEX_OUTPUT), cv2.dft(f64 + 1, flags=cv2.DFT_COMPLEX_OUTPUT), 0)"),
    ("dnn.blobFromImage", "cv2.dnn.blobFromImage(bgr, 1 / 255, (64, 48), (10, 20, 30), swapRB=True)"),
    ("drawContours", "cv2.drawContours(bgr.copy(), [pts], -1, (0, 255, 0), 2)"),
    ("drawFrameAxes", "cv2.drawFrameAxes(bgr.copy(), K, dist, rvec, tvec, 1.0)"),
    ("drawMarker", "cv2.drawMarker(bgr.copy(), (50, 40), (0, 0, 255), cv2.MARKER_STAR, 15)"),
    ("eigen", "cv2.eigen(mat3)"),
    ("ellipse", "cv2.ellipse(bgr.copy(), (80, 60), (30, 15), 20, 0, 300, (255, 255, 0), 2)"),
    ("ellipse", "cv2.ellipse(bgr.copy(), rr1, (0, 255, 255), 2)"),
    ("ellipse2Poly", "cv2.ellipse2Poly((50, 50), (20, 10), 15, 0, 360, 20)"),
    ("equalizeHist", "cv2.equalizeHist(gray)"),
    ("erode", "cv2.erode(binary, kernel)"),
    ("estimateAffine2D", "cv2.estimateAffine2D(square, skew)"),
    ("exp", "cv2.exp(f32)"),
    ("fillConvexPoly", "cv2.fillConvexPoly(bgr.copy(), pts, (9, 99, 199))"),
    ("fillPoly", "cv2.fillPoly(bgr.copy(), [pts], (9, 99, 199))"),
    ("filter2D", "cv2.filter2D(gray, -1, k32)"),
    ("findContours", "cv2.findContours(binary, cv2.RETR_TREE, cv2.CHAIN_APPROX_SIMPLE)"),
    ("findContours", "cv2.findContours(np.zeros((5, 5), 'uint8'), cv2.RETR_LIST, cv2.CHAIN_APPROX_NONE)"),
    ("findContoursLinkRuns", "cv2.findContoursLinkRuns(binary)"),
    ("findHomography", "cv2.findHomography(square, skew)"),
    ("findTransformECC", "cv2.findTransformECC(f32, np.roll(f32, 1, 1), np.eye(2, 3, dtype='float32'), cv2.MOTION_TRANSLATION, (cv2.TERM_CRITERIA_EPS | cv2.TERM_CRITERIA_COUNT, 50, 1e-4), None, 5)"),
    ("fisheye.initUndistortRectifyMap", "cv2.fisheye.initUndistortRectifyMap(K, np.zeros(4), np.eye(3), K, (40, 30), cv2.CV_32FC1)"),
    ("fisheye.projectPoints", "cv2.fisheye.projectPoints(obj.reshape(-1, 1, 3).astype('float64'), rvec, tvec, K, np.zeros(4))"),
    ("fitEllipse", "cv2.fitEllipse(pts)"),
    ("fitEllipseAMS", "cv2.fitEllipseAMS(pts)"),
    ("fitEllipseDirect", "cv2.fitEllipseDirect(pts)"),
    ("fitLine", "cv2.fitLine(pts, cv2.DIST_L2, 0, 0.01, 0.01)"),
    ("flip", "cv2.flip(bgr, -1)"),
    ("GaussianBlur", "cv2.GaussianBlur(bgr, (7, 7), 1.5)"),
    ("gemm", "cv2.gemm(mat3, mat3, 1.0, None, 0.0, flags=cv2.GEMM_2_T)"),
    ("getAffineTransform", "cv2.getAffineTransform(square[:3], skew[:3])"),
    ("getDefaultNewCameraMatrix", "cv2.getDefaultNewCameraMatrix(K, (160, 120), True)"),
    ("getFontScaleFromHeight", "cv2.getFontScaleFromHeight(cv2.FONT_HERSHEY_SIMPLEX, 20, 2)"),
    ("getOptimalDFTSize", "cv2.getOptimalDFTSize(97)"),
    ("getPerspectiveTransform", "cv2.getPerspectiveTransform(square, skew)"),
    ("getRectSubPix", "cv2.getRectSubPix(gray, (11, 7), (40.5, 30.25))"),
    ("getRotationMatrix2D", "cv2.getRotationMatrix2D((40, 30), 33, 0.8)"),
    ("getStructuringElement", "cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (7, 5))"),
    ("goodFeaturesToTrack", "cv2.goodFeaturesToTrack(gray, 20, 0.05, 5)"),
    ("goodFeaturesToTrack", "cv2.goodFeaturesToTrack(gray, 10, 0.05, 5, mask=mask, blockSize=5, gradientSize=3)"),
    ("grabCut", "cv2.grabCut(bgr, np.zeros(bgr.shape[:2], 'uint8'), (20, 20, 100, 80), np.zeros((1, 65)), np.zeros((1, 65)), 1, cv2.GC_INIT_WITH_RECT)"),
    ("groupRectangles", "cv2.groupRectangles(rects, 1, 0.2)"),
    ("hconcat", "cv2.hconcat([gray, shifted])"),
    ("HoughCircles", "cv2.HoughCircles(gray, cv2.HOUGH_GRADIENT, 1.5, 20, param1=100, param2=30, minRadius=5, maxRadius=40)"),
    ("HoughLines", "cv2.HoughLines(cv2.Canny(page, 50, 150), 1, np.pi / 180, 60)"),
    ("HoughLines", "cv2.HoughLines(cv2.Canny(page, 50, 150), 1, np.pi / 180, 60, use_edgeval=False)"),
    ("HoughLinesP", "cv2.HoughLinesP(cv2.Canny(page, 50, 150), 1, np.pi / 180, 30, minLineLength=10, maxLineGap=3)"),
    ("HoughLinesP", "cv2.HoughLinesP(np.zeros((10, 10), 'uint8'), 1, np.pi / 180, 10)"),
    ("initUndistortRectifyMap", "cv2.initUndistortRectifyMap(K, dist, None, K, (40, 30), cv2.CV_32FC1)"),
    ("inpaint", "cv2.inpaint(bgr, (gray > 200).astype('uint8'), 3, cv2.INPAINT_TELEA)"),
    ("inRange", "cv2.inRange(bgr, (10, 20, 30), (150, 160, 170))"),
    ("integral", "cv2.integral(gray)"),
    ("intersectConvexConvex", "cv2.intersectConvexConvex(poly_a, poly_b)"),
    ("invert", "cv2.invert(mat3)"),
    ("invertAffineTransform", "cv2.invertAffineTransform(M23)"),
    ("isContourConvex", "cv2.isContourConvex(pts)"),
    ("kmeans", "(cv2.setRNGSeed(7), cv2.kmeans(samples, 3, None, (cv2.TERM_CRITERIA_EPS + cv2.TERM_CRITERIA_MAX_ITER, 20, 0.1), 2, cv2.KMEANS_PP_CENTERS))[1]"),
    ("Laplacian", "cv2.Laplacian(gray, cv2.CV_16S, ksize=3)"),
    ("minMaxLoc", "cv2.minMaxLoc(f32)"),
    ("minMaxLoc", "cv2.minMaxLoc(gray, mask=mask)"),
    ("minEnclosingCircle", "cv2.minEnclosingCircle(pts)"),
    ("HuMoments", "cv2.HuMoments(cv2.moments(pts))"),
    ("floodFill", "cv2.floodFill(gray.copy(), None, (80, 60), 255, 8, 8)"),
    ("floodFill", "(lambda img, m: cv2.floodFill(img, m, (30, 30), (0, 0, 255), (10, 10, 10), (12, 12, 12), 8 | cv2.FLOODFILL_FIXED_RANGE | (200 << 8)) + (img, m))(bgr.copy(), np.zeros((122, 162), np.uint8))"),
    ("floodFill", "(lambda m: cv2.floodFill(binary.copy(), m, (5, 5), 128, flags=4 | cv2.FLOODFILL_MASK_ONLY) + (m,))(np.zeros((122, 162), np.uint8))"),
    ("meanShift", "cv2.meanShift(gray, (20, 20, 40, 40), (cv2.TERM_CRITERIA_EPS + cv2.TERM_CRITERIA_COUNT, 10, 1))"),
    ("clipLine", "cv2.clipLine((10, 20, 160, 120), (-40, 5), (300, 250))"),
    ("clipLine", "cv2.clipLine((0, 0, 160, 120), (-40, -5), (-3, 250))"),
    ("CamShift", "cv2.CamShift(gray, (20, 20, 40, 40), (cv2.TERM_CRITERIA_EPS + cv2.TERM_CRITERIA_COUNT, 10, 1))"),
    ("LUT", "cv2.LUT(bgr, np.arange(256, dtype='uint8')[::-1].copy())"),
    ("line", "cv2.line(bgr.copy(), (0, 0), (150, 100), (0, 255, 0), 3, cv2.LINE_AA)"),
    ("log", "cv2.log(f32 + 1)"),
    ("magnitude", "cv2.magnitude(xs, ys)"),
    ("matchShapes", "cv2.matchShapes(pts, np.roll(pts, 1, 0) * 2, cv2.CONTOURS_MATCH_I1, 0)"),
    ("matchTemplate", "cv2.matchTemplate(gray, tmpl, cv2.TM_CCOEFF_NORMED)"),
    ("matchTemplate", "cv2.matchTemplate(gray, tmpl, cv2.TM_SQDIFF)"),
    ("max", "cv2.max(gray, shifted)"),
    ("mean", "cv2.mean(bgr, mask=mask)"),
    ("meanStdDev", "cv2.meanStdDev(bgr)"),
    ("medianBlur", "cv2.medianBlur(bgr, 5)"),
    ("merge", "cv2.merge([gray, shifted, gray])"),
    ("min", "cv2.min(gray, shifted)"),
    ("minAreaRect", "cv2.minAreaRect(pts)"),
    ("minEnclosingTriangle", "cv2.minEnclosingTriangle(fpts.reshape(-1, 1, 2))"),
    ("mixChannels", "cv2.mixChannels([bgr], [np.zeros_like(bgr)], [0, 2, 1, 1, 2, 0])"),
    ("moments", "cv2.moments(pts)"),
    ("moments", "cv2.moments(binary, True)"),
    ("morphologyEx", "cv2.morphologyEx(binary, cv2.MORPH_CLOSE, kernel)"),
    ("multiply", "cv2.multiply(gray, shifted, scale=1 / 64)"),
    ("norm", "cv2.norm(f32)"),
    ("norm", "cv2.norm(gray, shifted, cv2.NORM_L1)"),
    ("normalize", "cv2.normalize(gray, None, 0, 1, cv2.NORM_MINMAX, cv2.CV_32F)"),
    ("perspectiveTransform", "cv2.perspectiveTransform(fpts.reshape(-1, 1, 2), M33)"),
    ("pointPolygonTest", "cv2.pointPolygonTest(pts, (40.0, 40.0), True)"),
    ("polarToCart", "cv2.polarToCart(xs, ys)"),
    ("polylines", "cv2.polylines(bgr.copy(), [pts], True, (0, 0, 255), 2)"),
    ("pow", "cv2.pow(f32, 2.5)"),
    ("preCornerDetect", "cv2.preCornerDetect(f32, 3)"),
    ("projectPoints", "cv2.projectPoints(obj, rvec, tvec, K, dist)"),
    ("putText", "cv2.putText(bgr.copy(), 'PortLite 4.12', (5, 60), cv2.FONT_HERSHEY_SIMPLEX, 0.6, (255, 255, 255), 1, cv2.LINE_AA)"),
    ("pyrDown", "cv2.pyrDown(bgr)"),
    ("pyrUp", "cv2.pyrUp(gray)"),
    ("randn", "(cv2.setRNGSeed(3), cv2.randn(np.zeros((8, 8), 'float32'), 0, 1))[1]"),
    ("randu", "(cv2.setRNGSeed(3), cv2.randu(np.zeros((8, 8), 'uint8'), 0, 255))[1]"),
    ("rectangle", "cv2.rectangle(bgr.copy(), (10, 10), (60, 40), (0, 255, 0), 2)"),
    ("rectangle", "cv2.rectangle(bgr.copy(), (10, 10, 50, 30), (255, 0, 0), -1)"),
    ("reduce", "cv2.reduce(gray, 0, cv2.REDUCE_SUM, dtype=cv2.CV_32S)"),
    ("remap", "cv2.remap(gray, xs * 10, ys * 10, cv2.INTER_LINEAR)"),
    ("repeat", "cv2.repeat(tmpl, 2, 3)"),
    ("resize", "cv2.resize(bgr, (64, 48), interpolation=cv2.INTER_AREA)"),
    ("resize", "cv2.resize(gray, None, fx=0.5, fy=0.75)"),
    ("Rodrigues", "cv2.Rodrigues(rvec)"),
    ("rotate", "cv2.rotate(bgr, cv2.ROTATE_90_CLOCKWISE)"),
    ("rotate", "cv2.rotate(gray, cv2.ROTATE_180)"),
    ("rotate", "cv2.rotate(gray, cv2.ROTATE_90_COUNTERCLOCKWISE)"),
    ("rotatedRectangleIntersection", "cv2.rotatedRectangleIntersection(rr1, rr2)"),
    ("Scharr", "cv2.Scharr(gray, cv2.CV_32F, 1, 0)"),
    ("sepFilter2D", "cv2.sepFilter2D(gray, cv2.CV_32F, np.array([1, 2, 1], 'float32'), np.array([1, 0, -1], 'float32'))"),
    ("setIdentity", "cv2.setIdentity(np.zeros((3, 4)), 2.5)"),
    ("setRNGSeed", "cv2.setRNGSeed(11)"),
    ("Sobel", "cv2.Sobel(gray, cv2.CV_64F, 1, 1, ksize=5)"),
    ("solve", "cv2.solve(mat3, vec3)"),
    ("solvePnP", "cv2.solvePnP(obj, img_pts, K, dist)"),
    ("calibrateCamera", "(grid := np.float32([[x, y, 0] for y in range(6) for x in range(9)]) * 0.03, views := [cv2.projectPoints(grid, np.float64([0.1 * i - 0.2, 0.15 - 0.05 * i, 0.02 * i]), np.float64([-0.12, -0.08, 0.6 + 0.05 * i]), np.float64([[500, 0, 320], [0, 500, 240], [0, 0, 1]]), np.float64([0.05, -0.1, 0.001, 0.0005, 0]))[0].astype(np.float32) for i in range(5)], cv2.calibrateCamera([grid] * 5, views, (640, 480), None, None), cv2.calibrateCamera([grid] * 5, views, (640, 480), np.float64([[480, 0, 320], [0, 480, 240], [0, 0, 1]]), np.zeros(5), flags=cv2.CALIB_USE_INTRINSIC_GUESS | cv2.CALIB_FIX_K3), error_fields(lambda: cv2.calibrateCamera([grid], views[:2], (640, 480), None, None)))[2:]"),
    ("calibrateCameraExtended", "(grid := np.float32([[x, y, 0] for y in range(6) for x in range(9)]) * 0.03, views := [cv2.projectPoints(grid, np.float64([0.1 * i - 0.2, 0.15 - 0.05 * i, 0.02 * i]), np.float64([-0.12, -0.08, 0.6 + 0.05 * i]), np.float64([[500, 0, 320], [0, 500, 240], [0, 0, 1]]), np.float64([0.05, -0.1, 0.001, 0.0005, 0]))[0].astype(np.float32) + np.float32(0.3 * np.sin(np.arange(108).reshape(54, 1, 2) * (i + 1))) for i in range(4)], cv2.calibrateCameraExtended([grid] * 4, views, (640, 480), None, None))[2]"),
    ("solvePnPRansac", "(cv2.setRNGSeed(1), cv2.solvePnPRansac(obj, img_pts, K, dist))[1][:3]"),
    ("solvePnPRefineLM", "cv2.solvePnPRefineLM(obj, img_pts, K, dist, rvec.copy(), tvec.copy())"),
    ("solvePoly", "cv2.solvePoly(coeffs)"),
    ("spatialGradient", "cv2.spatialGradient(gray)"),
    ("split", "cv2.split(bgr)"),
    ("sqrBoxFilter", "cv2.sqrBoxFilter(f32, -1, (3, 3))"),
    ("sqrt", "cv2.sqrt(f32)"),
    ("stackBlur", "cv2.stackBlur(bgr, (5, 5))"),
    ("subtract", "cv2.subtract(gray, shifted)"),
    ("threshold", "cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)"),
    ("threshold", "(column := gray[:, :1].copy(), given := np.zeros(len(column), 'uint8'), cv2.threshold(column, 100, 255, cv2.THRESH_BINARY, dst=given)[1] is given, given, row := np.zeros((1, len(column)), 'uint8'), cv2.threshold(column, 100, 255, cv2.THRESH_BINARY, dst=row)[1] is row, row)"),
    ("trace", "cv2.trace(mat3)"),
    ("transform", "cv2.transform(bgr, np.array([[0.2, 0.3, 0.5], [1, 0, 0], [0, 0, 1]]))"),
    ("transpose", "cv2.transpose(bgr)"),
    ("undistort", "cv2.undistort(gray, K, dist)"),
    ("vconcat", "cv2.vconcat([gray, shifted])"),
    ("warpAffine", "cv2.warpAffine(bgr, M23, (140, 100), borderValue=(10, 20, 30))"),
    ("warpPerspective", "cv2.warpPerspective(bgr, M33, (150, 110), flags=cv2.INTER_NEAREST)"),
    ("warpPolar", "cv2.warpPolar(gray, (64, 64), (80, 60), 50, cv2.WARP_POLAR_LINEAR)"),
    ("watershed", "cv2.watershed(bgr, markers.copy())"),
    ("getLogLevel", "cv2.getLogLevel() * 0"),
    ("setLogLevel", "cv2.setLogLevel(cv2.getLogLevel()) * 0"),
    ("getBuildInformation", "cv2.getBuildInformation().startswith(chr(10) + 'General configuration for OpenCV 4.12.0')"),
    # -- classes: factories, constructors and every method -------------------
    ("createCLAHE", "cv2.createCLAHE(3.0, (4, 4)).apply(gray)"),
    ("CLAHE.apply", "cv2.createCLAHE().apply(gray)"),
    ("CLAHE.getClipLimit", "cv2.createCLAHE(2.5).getClipLimit()"),
    ("CLAHE.setClipLimit", "(c := cv2.createCLAHE(), c.setClipLimit(1.5), c.apply(gray))[2]"),
    ("CLAHE.getTilesGridSize", "cv2.createCLAHE(2.0, (3, 5)).getTilesGridSize()"),
    ("CLAHE.setTilesGridSize", "(c := cv2.createCLAHE(), c.setTilesGridSize((4, 6)), c.apply(gray))[2]"),
    ("CLAHE.collectGarbage", "(c := cv2.createCLAHE(), c.apply(gray), c.collectGarbage(), c.apply(page))[3]"),
    ("ORB_create", "cv2.ORB_create(300).detectAndCompute(scene, None)[1]"),
    ("ORB.create", "cv2.ORB.create(nfeatures=100, scoreType=cv2.ORB_FAST_SCORE).detect(gray, None)"),
    ("ORB.getDefaultName", "cv2.ORB_create().getDefaultName()"),
    ("ORB.getFastThreshold", "cv2.ORB_create(fastThreshold=12).getFastThreshold()"),
    ("ORB.setFastThreshold", "(o := cv2.ORB_create(), o.setFastThreshold(30), o.detect(scene, None))[2]"),
    ("ORB.setEdgeThreshold", "(o := cv2.ORB_create(), o.setEdgeThreshold(15), o.setPatchSize(15), o.detect(scene, None))[3]"),
    ("ORB.setPatchSize", "(o := cv2.ORB_create(), o.setPatchSize(21), o.setEdgeThreshold(21), o.detectAndCompute(scene, None)[1])[3]"),
    ("ORB.setFirstLevel", "(o := cv2.ORB_create(), o.setFirstLevel(1), o.detect(scene, None))[2]"),
    ("ORB.setMaxFeatures", "(o := cv2.ORB_create(), o.setMaxFeatures(40), o.detect(scene, None))[2]"),
    ("ORB.setNLevels", "(o := cv2.ORB_create(), o.setNLevels(3), o.detect(scene, None))[2]"),
    ("ORB.setScaleFactor", "(o := cv2.ORB_create(), o.setScaleFactor(1.5), o.detect(scene, None))[2]"),
    ("ORB.setScoreType", "(o := cv2.ORB_create(), o.setScoreType(cv2.ORB_FAST_SCORE), o.detect(scene, None))[2]"),
    ("ORB.setWTA_K", "(o := cv2.ORB_create(), o.setWTA_K(3), o.detectAndCompute(scene, None)[1])[2]"),
    ("Tracker.init", "(t := cv2.TrackerMIL_create(), t.init(scene, (120, 60, 80, 70)))[1]"),
    ("Tracker.update", "(cv2.setRNGSeed(7), t := cv2.TrackerMIL_create(), t.init(scene, (120, 60, 80, 70)), t.update(scene2), t.update(scene2))[3:]"),
    ("TrackerMIL_create", "(cv2.setRNGSeed(7), t := cv2.TrackerMIL_create(), t.init(gray, (8, 6, 40, 30)), t.update(np.roll(gray, (2, 3), (0, 1))))[3]"),
    ("TrackerMIL.create", "(cv2.setRNGSeed(7), t := cv2.TrackerMIL.create(), t.init(bgr, (10, 8, 36, 28)), t.update(bgr))[3]"),
    ("SimpleBlobDetector_Params", "(p := cv2.SimpleBlobDetector_Params(), p.minArea, p.maxArea, p.filterByColor, p.blobColor, p.minThreshold, p.minRepeatability)[1:]"),
    ("SimpleBlobDetector_create", "cv2.SimpleBlobDetector_create().detect(gray)"),
    ("SimpleBlobDetector.create", "(p := cv2.SimpleBlobDetector_Params(), setattr(p, 'minArea', 10.0), setattr(p, 'filterByInertia', False), setattr(p, 'blobColor', 255), cv2.SimpleBlobDetector.create(p).detect(binary))[4]"),
    ("SimpleBlobDetector.getParams", "(p := cv2.SimpleBlobDetector_create().getParams(), p.minDistBetweenBlobs, p.thresholdStep, p.filterByConvexity)[1:]"),
    ("SimpleBlobDetector.setParams", "(d := cv2.SimpleBlobDetector_create(), p := d.getParams(), setattr(p, 'filterByArea', False), setattr(p, 'minThreshold', 80.0), d.setParams(p), d.detect(gray), d.getParams().minThreshold)[5:]"),
    ("SimpleBlobDetector.getDefaultName", "cv2.SimpleBlobDetector_create().getDefaultName()"),
    ("Feature2D.detect", "cv2.ORB_create(200).detect(scene, mask=np.vstack([np.ones((120, 320), 'uint8'), np.zeros((120, 320), 'uint8')]))"),
    ("Feature2D.compute", "(o := cv2.ORB_create(100), o.compute(scene, o.detect(scene, None)))[1]"),
    ("Feature2D.detectAndCompute", "cv2.ORB_create(150).detectAndCompute(scene2, None)"),
    ("Feature2D.defaultNorm", "cv2.ORB_create().defaultNorm()"),
    ("Feature2D.descriptorSize", "cv2.ORB_create().descriptorSize()"),
    ("Feature2D.descriptorType", "cv2.ORB_create().descriptorType()"),
    ("Feature2D.empty", "cv2.ORB_create().empty()"),
    ("Feature2D.getDefaultName", "cv2.BRISK_create().getDefaultName()"),
    ("BRISK_create", "cv2.BRISK_create(40).detectAndCompute(scene, None)"),
    ("BRISK.create", "cv2.BRISK.create(50, 2).detect(scene, None)"),
    ("BRISK.getDefaultName", "cv2.BRISK_create().getDefaultName()"),
    ("AKAZE_create", "cv2.AKAZE_create().detectAndCompute(scene, None)"),
    ("AKAZE.create", "cv2.AKAZE.create(threshold=0.003).detect(scene, None)"),
    ("AKAZE.getDefaultName", "cv2.AKAZE_create().getDefaultName()"),
    ("AKAZE.getDescriptorType", "cv2.AKAZE_create(descriptor_type=cv2.AKAZE_DESCRIPTOR_KAZE).getDescriptorType()"),
    ("AKAZE.setDescriptorType", "(a := cv2.AKAZE_create(), a.setDescriptorType(cv2.AKAZE_DESCRIPTOR_MLDB_UPRIGHT), a.getDescriptorType(), a.detectAndCompute(scene, None)[1])[2:]"),
    ("AKAZE.getDiffusivity", "cv2.AKAZE_create(diffusivity=cv2.KAZE_DIFF_WEICKERT).getDiffusivity()"),
    ("AKAZE.setDiffusivity", "(a := cv2.AKAZE_create(), a.setDiffusivity(cv2.KAZE_DIFF_PM_G1), a.getDiffusivity())[2]"),
    ("AKAZE.getDescriptorChannels", "cv2.AKAZE_create(descriptor_channels=1).getDescriptorChannels()"),
    ("AKAZE.setDescriptorChannels", "(a := cv2.AKAZE_create(), a.setDescriptorChannels(1), a.getDescriptorChannels())[2]"),
    ("AKAZE.getDescriptorSize", "cv2.AKAZE_create(descriptor_size=64).getDescriptorSize()"),
    ("AKAZE.setDescriptorSize", "(a := cv2.AKAZE_create(), a.setDescriptorSize(256), a.getDescriptorSize())[2]"),
    ("AKAZE.getNOctaveLayers", "cv2.AKAZE_create(nOctaveLayers=3).getNOctaveLayers()"),
    ("AKAZE.setNOctaveLayers", "(a := cv2.AKAZE_create(), a.setNOctaveLayers(2), a.getNOctaveLayers())[2]"),
    ("AKAZE.getNOctaves", "cv2.AKAZE_create(nOctaves=3).getNOctaves()"),
    ("AKAZE.setNOctaves", "(a := cv2.AKAZE_create(), a.setNOctaves(2), a.getNOctaves())[2]"),
    ("AKAZE.getThreshold", "cv2.AKAZE_create(threshold=0.002).getThreshold()"),
    ("AKAZE.setThreshold", "(a := cv2.AKAZE_create(), a.setThreshold(0.004), a.getThreshold())[2]"),
    ("BFMatcher", "cv2.BFMatcher(cv2.NORM_HAMMING, crossCheck=True).match(*[cv2.ORB_create(200).detectAndCompute(s, None)[1] for s in (scene, scene2)])"),
    ("BFMatcher_create", "cv2.BFMatcher_create(cv2.NORM_HAMMING).knnMatch(*[cv2.ORB_create(200).detectAndCompute(s, None)[1] for s in (scene, scene2)], k=2)"),
    ("BFMatcher.create", "cv2.BFMatcher.create(cv2.NORM_L1).match(np.float32([[0, 1], [5, 5], [2, 2]]), np.float32([[5, 4], [0, 0]]))"),
    ("DescriptorMatcher_create", "cv2.DescriptorMatcher_create(cv2.DESCRIPTOR_MATCHER_BRUTEFORCE_HAMMING).match(*[cv2.ORB_create(100).detectAndCompute(s, None)[1] for s in (scene, scene2)])"),
    ("DescriptorMatcher_create", "cv2.DescriptorMatcher_create('BruteForce-Hamming').match(*[cv2.ORB_create(100).detectAndCompute(s, None)[1] for s in (scene, scene2)])"),
    ("DescriptorMatcher.create", "cv2.DescriptorMatcher.create('BruteForce').match(np.float32([[0, 1], [5, 5]]), np.float32([[5, 4], [0, 0]]))"),
    ("DescriptorMatcher.create", "cv2.DescriptorMatcher.create(cv2.DESCRIPTOR_MATCHER_BRUTEFORCE_L1).knnMatch(np.float32([[0, 1], [5, 5]]), np.float32([[5, 4], [0, 0], [1, 1]]), 2)"),
    ("DescriptorMatcher.match", "(m := cv2.BFMatcher(), m.add([np.float32([[5, 4], [0, 0], [9, 9]])]), m.match(np.float32([[0, 1], [5, 5]])))[2]"),
    ("DescriptorMatcher.knnMatch", "cv2.BFMatcher().knnMatch(np.float32([[0, 1], [5, 5], [7, 7]]), np.float32([[5, 4], [0, 0], [8, 8]]), 2)"),
    ("DescriptorMatcher.radiusMatch", "cv2.BFMatcher().radiusMatch(np.float32([[0, 1], [5, 5]]), np.float32([[5, 4], [0, 0], [1, 1]]), 2.0)"),
    ("DescriptorMatcher.knnMatch", "(m := cv2.BFMatcher(), m.add([np.float32([[5, 4], [0, 0], [8, 8]])]), m.knnMatch(np.float32([[0, 1], [5, 5]]), k=2, compactResult=True))[2]"),
    ("DescriptorMatcher.add", "(m := cv2.BFMatcher(), m.add([np.float32([[1, 1]]), np.float32([[3, 3]])]), m.knnMatch(np.float32([[2.2, 2.2]]), 2))[2]"),
    ("DescriptorMatcher.train", "(m := cv2.BFMatcher(), m.add([np.float32([[1, 1]])]), m.train(), m.match(np.float32([[0, 0]])))[3]"),
    ("DescriptorMatcher.clear", "(m := cv2.BFMatcher(), m.add([np.float32([[1, 1]])]), m.clear(), m.empty())[3]"),
    ("DescriptorMatcher.empty", "cv2.BFMatcher().empty()"),
    ("DescriptorMatcher.isMaskSupported", "cv2.BFMatcher().isMaskSupported()"),
    ("createBackgroundSubtractorMOG2", "(b := cv2.createBackgroundSubtractorMOG2(50, 16, True), b.apply(scene), b.apply(scene2))[2]"),
    ("BackgroundSubtractorMOG2.apply", "(b := cv2.createBackgroundSubtractorMOG2(), [b.apply(np.roll(scene, k, 1)) for k in range(4)])[1][3]"),
    ("BackgroundSubtractor.apply", "(b := cv2.createBackgroundSubtractorMOG2(), b.apply(scene, learningRate=0.5), b.apply(scene2, learningRate=0.5))[2]"),
    ("BackgroundSubtractor.getBackgroundImage", "(b := cv2.createBackgroundSubtractorMOG2(), b.apply(scene), b.apply(scene2), b.getBackgroundImage())[3]"),
    ("CascadeClassifier", "cv2.CascadeClassifier(cv2.data.haarcascades + 'haarcascade_frontalface_default.xml').detectMultiScale(cv2.cvtColor(face, cv2.COLOR_BGR2GRAY), 1.1, 5)"),
    ("CascadeClassifier", "[cv2.CascadeClassifier(cv2.data.haarcascades + f'haarcascade_{name}.xml').detectMultiScale(cv2.cvtColor(face, cv2.COLOR_BGR2GRAY), 1.1, 3) for name in ('eye', 'frontalface_alt2')]"),
    ("CascadeClassifier.empty", "(cv2.CascadeClassifier(cv2.data.haarcascades + 'haarcascade_profileface.xml').empty(), cv2.CascadeClassifier(cv2.data.haarcascades + 'haarcascade_none.xml').empty())"),
    ("CascadeClassifier.load", "(c := cv2.CascadeClassifier(), c.load(cv2.data.haarcascades + 'haarcascade_frontalface_default.xml'), c.empty())[1:]"),
    ("CascadeClassifier.empty", "cv2.CascadeClassifier().empty()"),
    ("CascadeClassifier.detectMultiScale", "cv2.CascadeClassifier(cv2.data.haarcascades + 'haarcascade_frontalface_default.xml').detectMultiScale(cv2.cvtColor(face, cv2.COLOR_BGR2GRAY), minSize=(30, 30))"),
    ("CascadeClassifier.detectMultiScale2", "cv2.CascadeClassifier(cv2.data.haarcascades + 'haarcascade_frontalface_default.xml').detectMultiScale2(cv2.cvtColor(face, cv2.COLOR_BGR2GRAY), 1.1, 3)"),
    ("CascadeClassifier.detectMultiScale3", "(c := cv2.CascadeClassifier(cv2.data.haarcascades + 'haarcascade_frontalface_default.xml'), c.detectMultiScale3(cv2.cvtColor(face, cv2.COLOR_BGR2GRAY), 1.1, 3, outputRejectLevels=True), c.detectMultiScale3(cv2.cvtColor(face, cv2.COLOR_BGR2GRAY), minSize=(30, 30)))[1:]"),
    ("HOGDescriptor", "(h := cv2.HOGDescriptor((32, 64), (16, 16), (8, 8), (8, 8), 9), h.load('/nonexistent/hog.yml'))[1]"),
    ("HOGDescriptor.getDefaultPeopleDetector", "cv2.HOGDescriptor.getDefaultPeopleDetector()"),
    ("HOGDescriptor.getDaimlerPeopleDetector", "cv2.HOGDescriptor.getDaimlerPeopleDetector()"),
    ("HOGDescriptor.setSVMDetector", "(h := cv2.HOGDescriptor(), h.setSVMDetector(cv2.HOGDescriptor.getDefaultPeopleDetector()), h.detectMultiScale(face, winStride=(8, 8)))[2]"),
    ("HOGDescriptor.detectMultiScale", "(h := cv2.HOGDescriptor(), h.setSVMDetector(cv2.HOGDescriptor.getDefaultPeopleDetector()), h.detectMultiScale(scene, hitThreshold=-0.5))[2]"),
    ("HOGDescriptor.load", "cv2.HOGDescriptor().load('/nonexistent/hog.yml')"),
    ("QRCodeDetector", "cv2.QRCodeDetector().detectAndDecode(qr_blank)"),
    ("QRCodeDetector.setEpsX", "(q := cv2.QRCodeDetector(), q.setEpsX(0.3), q.detect(qr_blank))[2]"),
    ("QRCodeDetector.setEpsY", "(q := cv2.QRCodeDetector(), q.setEpsY(0.3), q.detect(qr_blank))[2]"),
    ("QRCodeDetector.detectAndDecodeCurved", "cv2.QRCodeDetector().detectAndDecodeCurved(qr_blank)"),
    ("QRCodeDetector.decodeCurved", "cv2.QRCodeDetector().decodeCurved(qr_blank, np.float32([[5, 5], [50, 5], [50, 50], [5, 50]]))"),
    ("GraphicalCodeDetector.detect", "cv2.QRCodeDetector().detect(scene)"),
    ("GraphicalCodeDetector.decode", "cv2.QRCodeDetector().decode(qr_blank, np.float32([[5, 5], [50, 5], [50, 50], [5, 50]]))"),
    ("GraphicalCodeDetector.detectAndDecode", "cv2.QRCodeDetector().detectAndDecode(scene)"),
    ("GraphicalCodeDetector.detectMulti", "cv2.QRCodeDetector().detectMulti(scene)"),
    ("GraphicalCodeDetector.decodeMulti", "cv2.QRCodeDetector().decodeMulti(qr_blank, np.float32([[[5, 5], [50, 5], [50, 50], [5, 50]]]))"),
    ("GraphicalCodeDetector.detectAndDecodeMulti", "cv2.QRCodeDetector().detectAndDecodeMulti(scene)"),
    ("dnn.readNetFromONNX", "(n := cv2.dnn.readNetFromONNX(cls_path), n.setInput(text_blob), n.forward())[2]"),
    ("dnn.Net.setInput", "(n := cv2.dnn.readNetFromONNX(cls_path), n.setInput(text_blob * 0.5), n.forward())[2]"),
    ("dnn.Net.forward", "(n := cv2.dnn.readNetFromONNX(cls_path), n.setInput(text_blob), n.forward(n.getUnconnectedOutLayersNames()[0]))[2]"),
    ("dnn.Net.getUnconnectedOutLayersNames", "cv2.dnn.readNetFromONNX(cls_path).getUnconnectedOutLayersNames()"),
    ("dnn.Net.setPreferableBackend", "(n := cv2.dnn.readNetFromONNX(cls_path), n.setPreferableBackend(cv2.dnn.DNN_BACKEND_OPENCV), n.setInput(text_blob), n.forward())[3]"),
    ("KAZE_create", "cv2.KAZE_create().detectAndCompute(gray, None)"),
    ("KAZE.create", "cv2.KAZE.create(extended=True, threshold=0.002).detect(gray, None)"),
    ("KAZE.getDefaultName", "cv2.KAZE_create().getDefaultName()"),
    ("MSER_create", "cv2.MSER_create().detect(gray, None)"),
    ("MSER.create", "cv2.MSER.create(delta=8, min_area=30, max_area=2000).detect(page, None)"),
    ("MSER.getDefaultName", "cv2.MSER_create().getDefaultName()"),
    ("MSER.detectRegions", "(cv2.MSER_create().detectRegions(gray), cv2.MSER.create(delta=8, min_area=30, max_area=2000).detectRegions(page), cv2.MSER_create().detectRegions(np.full((40, 60), 7, np.uint8)))"),
    ("FastFeatureDetector_create", "cv2.FastFeatureDetector_create(30).detect(scene, None)"),
    ("FastFeatureDetector.create", "cv2.FastFeatureDetector.create(20, False, cv2.FAST_FEATURE_DETECTOR_TYPE_7_12).detect(gray, None)"),
    ("FastFeatureDetector.getDefaultName", "cv2.FastFeatureDetector_create().getDefaultName()"),
    ("AgastFeatureDetector_create", "cv2.AgastFeatureDetector_create(25).detect(scene, None)"),
    ("AgastFeatureDetector.create", "cv2.AgastFeatureDetector.create(15, True, cv2.AGAST_FEATURE_DETECTOR_OAST_9_16).detect(gray, None)"),
    ("AgastFeatureDetector.getDefaultName", "cv2.AgastFeatureDetector_create().getDefaultName()"),
    ("GFTTDetector_create", "cv2.GFTTDetector_create(80, 0.02, 5).detect(scene, None)"),
    ("GFTTDetector.create", "cv2.GFTTDetector.create(50, 0.01, 3, 3, 5, True).detect(gray, None)"),
    ("GFTTDetector.getDefaultName", "cv2.GFTTDetector_create().getDefaultName()"),
    ("KAZE.getDiffusivity", "(a := cv2.KAZE_create(), a.setDiffusivity(cv2.KAZE_DIFF_CHARBONNIER), a.getDiffusivity())[2]"),
    ("KAZE.setDiffusivity", "(a := cv2.KAZE_create(), a.setDiffusivity(cv2.KAZE_DIFF_CHARBONNIER), a.getDiffusivity())[2]"),
    ("KAZE.getExtended", "(a := cv2.KAZE_create(), a.setExtended(True), a.getExtended())[2]"),
    ("KAZE.setExtended", "(a := cv2.KAZE_create(), a.setExtended(True), a.getExtended())[2]"),
    ("KAZE.getNOctaveLayers", "(a := cv2.KAZE_create(), a.setNOctaveLayers(3), a.getNOctaveLayers())[2]"),
    ("KAZE.setNOctaveLayers", "(a := cv2.KAZE_create(), a.setNOctaveLayers(3), a.getNOctaveLayers())[2]"),
    ("KAZE.getNOctaves", "(a := cv2.KAZE_create(), a.setNOctaves(2), a.getNOctaves())[2]"),
    ("KAZE.setNOctaves", "(a := cv2.KAZE_create(), a.setNOctaves(2), a.getNOctaves())[2]"),
    ("KAZE.getThreshold", "(a := cv2.KAZE_create(), a.setThreshold(0.003), a.getThreshold())[2]"),
    ("KAZE.setThreshold", "(a := cv2.KAZE_create(), a.setThreshold(0.003), a.getThreshold())[2]"),
    ("KAZE.getUpright", "(a := cv2.KAZE_create(), a.setUpright(True), a.getUpright())[2]"),
    ("KAZE.setUpright", "(a := cv2.KAZE_create(), a.setUpright(True), a.getUpright())[2]"),
    ("MSER.getDelta", "(a := cv2.MSER_create(), a.setDelta(7), a.getDelta())[2]"),
    ("MSER.setDelta", "(a := cv2.MSER_create(), a.setDelta(7), a.getDelta())[2]"),
    ("MSER.getMaxArea", "(a := cv2.MSER_create(), a.setMaxArea(5000), a.getMaxArea())[2]"),
    ("MSER.setMaxArea", "(a := cv2.MSER_create(), a.setMaxArea(5000), a.getMaxArea())[2]"),
    ("MSER.getMinArea", "(a := cv2.MSER_create(), a.setMinArea(20), a.getMinArea())[2]"),
    ("MSER.setMinArea", "(a := cv2.MSER_create(), a.setMinArea(20), a.getMinArea())[2]"),
    ("MSER.getPass2Only", "(a := cv2.MSER_create(), a.setPass2Only(True), a.getPass2Only())[2]"),
    ("MSER.setPass2Only", "(a := cv2.MSER_create(), a.setPass2Only(True), a.getPass2Only())[2]"),
    ("FastFeatureDetector.getNonmaxSuppression", "(a := cv2.FastFeatureDetector_create(), a.setNonmaxSuppression(False), a.getNonmaxSuppression())[2]"),
    ("FastFeatureDetector.setNonmaxSuppression", "(a := cv2.FastFeatureDetector_create(), a.setNonmaxSuppression(False), a.getNonmaxSuppression())[2]"),
    ("FastFeatureDetector.getThreshold", "(a := cv2.FastFeatureDetector_create(), a.setThreshold(33), a.getThreshold())[2]"),
    ("FastFeatureDetector.setThreshold", "(a := cv2.FastFeatureDetector_create(), a.setThreshold(33), a.getThreshold())[2]"),
    ("FastFeatureDetector.getType", "(a := cv2.FastFeatureDetector_create(), a.setType(cv2.FAST_FEATURE_DETECTOR_TYPE_5_8), a.getType())[2]"),
    ("FastFeatureDetector.setType", "(a := cv2.FastFeatureDetector_create(), a.setType(cv2.FAST_FEATURE_DETECTOR_TYPE_5_8), a.getType())[2]"),
    ("AgastFeatureDetector.getNonmaxSuppression", "(a := cv2.AgastFeatureDetector_create(), a.setNonmaxSuppression(False), a.getNonmaxSuppression())[2]"),
    ("AgastFeatureDetector.setNonmaxSuppression", "(a := cv2.AgastFeatureDetector_create(), a.setNonmaxSuppression(False), a.getNonmaxSuppression())[2]"),
    ("AgastFeatureDetector.getThreshold", "(a := cv2.AgastFeatureDetector_create(), a.setThreshold(33), a.getThreshold())[2]"),
    ("AgastFeatureDetector.setThreshold", "(a := cv2.AgastFeatureDetector_create(), a.setThreshold(33), a.getThreshold())[2]"),
    ("AgastFeatureDetector.getType", "(a := cv2.AgastFeatureDetector_create(), a.setType(cv2.AGAST_FEATURE_DETECTOR_AGAST_7_12D), a.getType())[2]"),
    ("AgastFeatureDetector.setType", "(a := cv2.AgastFeatureDetector_create(), a.setType(cv2.AGAST_FEATURE_DETECTOR_AGAST_7_12D), a.getType())[2]"),
    ("GFTTDetector.getBlockSize", "(a := cv2.GFTTDetector_create(), a.setBlockSize(5), a.getBlockSize())[2]"),
    ("GFTTDetector.setBlockSize", "(a := cv2.GFTTDetector_create(), a.setBlockSize(5), a.getBlockSize())[2]"),
    ("GFTTDetector.getHarrisDetector", "(a := cv2.GFTTDetector_create(), a.setHarrisDetector(True), a.getHarrisDetector())[2]"),
    ("GFTTDetector.setHarrisDetector", "(a := cv2.GFTTDetector_create(), a.setHarrisDetector(True), a.getHarrisDetector())[2]"),
    ("GFTTDetector.getK", "(a := cv2.GFTTDetector_create(), a.setK(0.05), a.getK())[2]"),
    ("GFTTDetector.setK", "(a := cv2.GFTTDetector_create(), a.setK(0.05), a.getK())[2]"),
    ("GFTTDetector.getMaxFeatures", "(a := cv2.GFTTDetector_create(), a.setMaxFeatures(120), a.getMaxFeatures())[2]"),
    ("GFTTDetector.setMaxFeatures", "(a := cv2.GFTTDetector_create(), a.setMaxFeatures(120), a.getMaxFeatures())[2]"),
    ("GFTTDetector.getMinDistance", "(a := cv2.GFTTDetector_create(), a.setMinDistance(4.5), a.getMinDistance())[2]"),
    ("GFTTDetector.setMinDistance", "(a := cv2.GFTTDetector_create(), a.setMinDistance(4.5), a.getMinDistance())[2]"),
    ("GFTTDetector.getQualityLevel", "(a := cv2.GFTTDetector_create(), a.setQualityLevel(0.05), a.getQualityLevel())[2]"),
    ("GFTTDetector.setQualityLevel", "(a := cv2.GFTTDetector_create(), a.setQualityLevel(0.05), a.getQualityLevel())[2]"),
    ("createAlignMTB", "cv2.createAlignMTB(4, 2, False).calculateShift(gray, np.roll(gray, (2, -3), (0, 1)))"),
    ("AlignMTB.calculateShift", "cv2.createAlignMTB().calculateShift(gray, shifted)"),
    ("AlignMTB.computeBitmaps", "cv2.createAlignMTB().computeBitmaps(gray)"),
    ("AlignMTB.shiftMat", "cv2.createAlignMTB().shiftMat(bgr, (3, -2))"),
    ("AlignMTB.process", "cv2.createAlignMTB().process(exposures, [], times, np.ones((256, 1, 3), 'float32'))"),
    ("AlignExposures.process", "cv2.createAlignMTB().process(exposures, [], times, np.zeros((256, 1, 3), 'float32'))"),
    ("createCalibrateDebevec", "cv2.createCalibrateDebevec(30, 10.0, False).process(exposures, times)"),
    ("CalibrateCRF.process", "cv2.createCalibrateDebevec(random=False).process(exposures, times)"),
    ("createCalibrateRobertson", "np.nan_to_num(cv2.createCalibrateRobertson(5, 0.01).process(exposures, times))"),
    ("CalibrateRobertson.getRadiance", "(c := cv2.createCalibrateRobertson(3), c.process(exposures, times), c.getRadiance())[2]"),
    ("createMergeDebevec", "cv2.createMergeDebevec().process(exposures, times)"),
    ("MergeDebevec.process", "cv2.createMergeDebevec().process(exposures, times, cv2.createCalibrateDebevec(random=False).process(exposures, times))"),
    ("MergeExposures.process", "cv2.createMergeDebevec().process(exposures, times, np.tile(np.linspace(0.01, 3, 256, dtype='float32').reshape(256, 1, 1), (1, 1, 3)))"),
    ("createMergeMertens", "cv2.createMergeMertens(1.0, 0.5, 0.0).process(exposures)"),
    ("MergeMertens.process", "cv2.createMergeMertens().process(exposures)"),
    ("createMergeRobertson", "cv2.createMergeRobertson().process(exposures, times)"),
    ("MergeRobertson.process", "cv2.createMergeRobertson().process(exposures, times)"),
    ("Tonemap.process", "cv2.createTonemapDrago().process(cv2.createMergeDebevec().process(exposures, times))"),
    ("createTonemapDrago", "cv2.createTonemapDrago(1.0, 0.7, 0.85).process(cv2.createMergeRobertson().process(exposures, times))"),
    ("createTonemapMantiuk", "cv2.createTonemapMantiuk(2.2, 0.7, 1.0).process(cv2.createMergeMertens().process(exposures))"),
    ("createTonemapReinhard", "cv2.createTonemapReinhard(1.5, 0.0, 0.5, 0.5).process(cv2.createMergeRobertson().process(exposures, times))"),
    ("AlignMTB.getCut", "(a := cv2.createAlignMTB(), a.setCut(False), a.getCut())[2]"),
    ("AlignMTB.setCut", "(a := cv2.createAlignMTB(), a.setCut(False), a.getCut())[2]"),
    ("AlignMTB.getExcludeRange", "(a := cv2.createAlignMTB(), a.setExcludeRange(6), a.getExcludeRange())[2]"),
    ("AlignMTB.setExcludeRange", "(a := cv2.createAlignMTB(), a.setExcludeRange(6), a.getExcludeRange())[2]"),
    ("AlignMTB.getMaxBits", "(a := cv2.createAlignMTB(), a.setMaxBits(3), a.getMaxBits())[2]"),
    ("AlignMTB.setMaxBits", "(a := cv2.createAlignMTB(), a.setMaxBits(3), a.getMaxBits())[2]"),
    ("CalibrateDebevec.getLambda", "(a := cv2.createCalibrateDebevec(), a.setLambda(5.5), a.getLambda())[2]"),
    ("CalibrateDebevec.setLambda", "(a := cv2.createCalibrateDebevec(), a.setLambda(5.5), a.getLambda())[2]"),
    ("CalibrateDebevec.getRandom", "(a := cv2.createCalibrateDebevec(), a.setRandom(True), a.getRandom())[2]"),
    ("CalibrateDebevec.setRandom", "(a := cv2.createCalibrateDebevec(), a.setRandom(True), a.getRandom())[2]"),
    ("CalibrateDebevec.getSamples", "(a := cv2.createCalibrateDebevec(), a.setSamples(50), a.getSamples())[2]"),
    ("CalibrateDebevec.setSamples", "(a := cv2.createCalibrateDebevec(), a.setSamples(50), a.getSamples())[2]"),
    ("CalibrateRobertson.getMaxIter", "(a := cv2.createCalibrateRobertson(), a.setMaxIter(7), a.getMaxIter())[2]"),
    ("CalibrateRobertson.setMaxIter", "(a := cv2.createCalibrateRobertson(), a.setMaxIter(7), a.getMaxIter())[2]"),
    ("CalibrateRobertson.getThreshold", "(a := cv2.createCalibrateRobertson(), a.setThreshold(0.05), a.getThreshold())[2]"),
    ("CalibrateRobertson.setThreshold", "(a := cv2.createCalibrateRobertson(), a.setThreshold(0.05), a.getThreshold())[2]"),
    ("MergeMertens.getContrastWeight", "(a := cv2.createMergeMertens(), a.setContrastWeight(0.5), a.getContrastWeight())[2]"),
    ("MergeMertens.setContrastWeight", "(a := cv2.createMergeMertens(), a.setContrastWeight(0.5), a.getContrastWeight())[2]"),
    ("MergeMertens.getExposureWeight", "(a := cv2.createMergeMertens(), a.setExposureWeight(0.25), a.getExposureWeight())[2]"),
    ("MergeMertens.setExposureWeight", "(a := cv2.createMergeMertens(), a.setExposureWeight(0.25), a.getExposureWeight())[2]"),
    ("MergeMertens.getSaturationWeight", "(a := cv2.createMergeMertens(), a.setSaturationWeight(0.75), a.getSaturationWeight())[2]"),
    ("MergeMertens.setSaturationWeight", "(a := cv2.createMergeMertens(), a.setSaturationWeight(0.75), a.getSaturationWeight())[2]"),
    ("Tonemap.getGamma", "(a := cv2.createTonemapMantiuk(), a.setGamma(1.8), a.getGamma())[2]"),
    ("Tonemap.setGamma", "(a := cv2.createTonemapReinhard(), a.setGamma(1.8), a.getGamma())[2]"),
    ("TonemapDrago.getBias", "(a := cv2.createTonemapDrago(), a.setBias(0.7), a.getBias())[2]"),
    ("TonemapDrago.setBias", "(a := cv2.createTonemapDrago(), a.setBias(0.7), a.getBias())[2]"),
    ("TonemapDrago.getSaturation", "(a := cv2.createTonemapDrago(), a.setSaturation(0.5), a.getSaturation())[2]"),
    ("TonemapDrago.setSaturation", "(a := cv2.createTonemapDrago(), a.setSaturation(0.5), a.getSaturation())[2]"),
    ("TonemapMantiuk.getSaturation", "(a := cv2.createTonemapMantiuk(), a.setSaturation(0.5), a.getSaturation())[2]"),
    ("TonemapMantiuk.setSaturation", "(a := cv2.createTonemapMantiuk(), a.setSaturation(0.5), a.getSaturation())[2]"),
    ("TonemapMantiuk.getScale", "(a := cv2.createTonemapMantiuk(), a.setScale(0.6), a.getScale())[2]"),
    ("TonemapMantiuk.setScale", "(a := cv2.createTonemapMantiuk(), a.setScale(0.6), a.getScale())[2]"),
    ("TonemapReinhard.getColorAdaptation", "(a := cv2.createTonemapReinhard(), a.setColorAdaptation(0.3), a.getColorAdaptation())[2]"),
    ("TonemapReinhard.setColorAdaptation", "(a := cv2.createTonemapReinhard(), a.setColorAdaptation(0.3), a.getColorAdaptation())[2]"),
    ("TonemapReinhard.getIntensity", "(a := cv2.createTonemapReinhard(), a.setIntensity(0.4), a.getIntensity())[2]"),
    ("TonemapReinhard.setIntensity", "(a := cv2.createTonemapReinhard(), a.setIntensity(0.4), a.getIntensity())[2]"),
    ("TonemapReinhard.getLightAdaptation", "(a := cv2.createTonemapReinhard(), a.setLightAdaptation(0.6), a.getLightAdaptation())[2]"),
    ("TonemapReinhard.setLightAdaptation", "(a := cv2.createTonemapReinhard(), a.setLightAdaptation(0.6), a.getLightAdaptation())[2]"),
    ("barcode.BarcodeDetector", "cv2.barcode.BarcodeDetector().detectAndDecode(barcode)"),
    ("barcode.BarcodeDetector.detectAndDecodeWithType", "cv2.barcode.BarcodeDetector().detectAndDecodeWithType(barcode)"),
    ("barcode.BarcodeDetector.decodeWithType", "(d := cv2.barcode.BarcodeDetector(), d.decodeWithType(barcode, d.detect(barcode)[1]))[1]"),
    ("QRCodeDetectorAruco", "cv2.QRCodeDetectorAruco().detectAndDecode(scene)"),
    ("QRCodeDetectorAruco.setArucoParameters", "(q := cv2.QRCodeDetectorAruco(), q.setArucoParameters(cv2.aruco.DetectorParameters()), q.detectAndDecode(scene))[2]"),
    ("drawKeypoints", "cv2.drawKeypoints(scene, cv2.ORB_create(50).detect(scene, None), None, (0, 255, 0))"),
    ("drawKeypoints", "cv2.drawKeypoints(scene, cv2.ORB_create(30).detect(scene, None), None, (255, 0, 0), cv2.DRAW_MATCHES_FLAGS_DRAW_RICH_KEYPOINTS)"),
    ("drawKeypoints", "cv2.drawKeypoints(scene, cv2.ORB_create(30).detect(scene, None), None, flags=cv2.DRAW_MATCHES_FLAGS_DRAW_RICH_KEYPOINTS)"),
    # hand-written for names opencv.js lacks
    ("getTextSize", "[cv2.getTextSize(t, face, scale, thick) for t in ('person 0.87', 'Привет', 'naïve €') for face in (cv2.FONT_HERSHEY_SIMPLEX, cv2.FONT_HERSHEY_COMPLEX, cv2.FONT_HERSHEY_SCRIPT_SIMPLEX | cv2.FONT_ITALIC) for scale, thick in ((0.5, 1), (1.3, 3))]"),
    ("dnn.NMSBoxes", "cv2.dnn.NMSBoxes(rects, [0.9, 0.8, 0.75, 0.6], 0.5, 0.4)"),
    ("dnn.NMSBoxes", "cv2.dnn.NMSBoxes(np.array(rects, 'float32'), np.array([0.9, 0.8, 0.75, 0.6]), 0.7, 0.4)"),
    ("dnn.NMSBoxes", "cv2.dnn.NMSBoxes(detections[:, :4], detections[:, 4], 0.3, 0.45, eta=0.9, top_k=40)"),
    ("dnn.NMSBoxes", "cv2.dnn.NMSBoxes([], [], 0.5, 0.4)"),
    ("dnn.NMSBoxesBatched", "cv2.dnn.NMSBoxesBatched(detections[:, :4], detections[:, 4], detections[:, 5].astype(int), 0.3, 0.45)"),
    ("dnn.NMSBoxesRotated", "cv2.dnn.NMSBoxesRotated([rr1, rr2, ((52.0, 49.0), (38.0, 22.0), 25.0), ((90.0, 90.0), (10.0, 10.0), 0.0)], [0.6, 0.7, 0.9, 0.5], 0.4, 0.3)"),
    ("dnn.blobFromImages", "cv2.dnn.blobFromImages([bgr, bgr[::-1].copy(), bgr[:, ::-1].copy()], 1 / 127.5, (40, 32), (127.5, 127.5, 127.5), True)"),
    ("dnn.imagesFromBlob", "cv2.dnn.imagesFromBlob(cv2.dnn.blobFromImage(bgr, 1 / 255, (20, 16), swapRB=True))"),
    ("idft", "cv2.idft(cv2.dft(f32, flags=cv2.DFT_COMPLEX_OUTPUT), flags=cv2.DFT_SCALE | cv2.DFT_REAL_OUTPUT)"),
    ("sumElems", "(cv2.sumElems(bgr), cv2.sumElems(gray), cv2.sumElems(i16))"),
    ("KeyPoint_convert", "(cv2.KeyPoint_convert(cv2.ORB_create(20).detect(scene, None))[:0].shape, cv2.KeyPoint_convert([cv2.KeyPoint(1.5, 2, 3)]), [k.pt for k in cv2.KeyPoint_convert(fpts, 4.0)])"),
    ("KeyPoint.convert", "cv2.KeyPoint.convert([cv2.KeyPoint(1.5, 2, 3), cv2.KeyPoint(7, 8, 9)], [1])"),
    ("HOGDescriptor_getDefaultPeopleDetector", "cv2.HOGDescriptor_getDefaultPeopleDetector()"),
    ("HOGDescriptor_getDaimlerPeopleDetector", "cv2.HOGDescriptor_getDaimlerPeopleDetector()"),
    ("getNumThreads", "(cv2.setNumThreads(0), cv2.getNumThreads() >= 1)"),
    ("setNumThreads", "cv2.setNumThreads(4)"),
    ("getNumberOfCPUs", "cv2.getNumberOfCPUs() >= 1"),
    ("getTickCount", "(t := cv2.getTickCount(), isinstance(t, int), cv2.getTickCount() >= t)[1:]"),
    ("getTickFrequency", "cv2.getTickFrequency()"),
    ("getVersionString", "cv2.getVersionString()"),
    ("getVersionMajor", "(cv2.getVersionMajor(), cv2.getVersionMinor(), cv2.getVersionRevision())"),
    ("getVersionMinor", "cv2.getVersionMinor()"),
    ("getVersionRevision", "cv2.getVersionRevision()"),
    ("setUseOptimized", "(cv2.setUseOptimized(False), cv2.useOptimized(), cv2.setUseOptimized(True), cv2.useOptimized())"),
    ("useOptimized", "cv2.useOptimized()"),
    ("findNonZero", "(cv2.findNonZero(binary), cv2.findNonZero(np.zeros_like(gray)), cv2.findNonZero((f32 > 0.7).astype('uint8')))"),
    ("PSNR", "(cv2.PSNR(gray, shifted), cv2.PSNR(bgr, bgr), cv2.PSNR(f32, f32 * 0.9, 1.0))"),
    ("copyTo", "(cv2.copyTo(bgr, binary), cv2.copyTo(gray, mask, np.full_like(gray, 7)), cv2.copyTo(bgr, np.dstack([binary] * 3)))"),
    ("extractChannel", "(cv2.extractChannel(bgr, 2), cv2.extractChannel(bgra, 3))"),
    ("insertChannel", "cv2.insertChannel(gray, bgr.copy(), 1)"),
    ("phase", "(cv2.phase(xs, ys), cv2.phase(xs - 5, ys - 5, angleInDegrees=True))"),
    ("estimateAffinePartial2D", "(p := np.random.default_rng(3).uniform(0, 150, (40, 2)).astype('float32'), q := (np.stack([0.9 * p[:, 0] - 0.3 * p[:, 1] + 4, 0.3 * p[:, 0] + 0.9 * p[:, 1] - 2], 1) + np.random.default_rng(4).uniform(-2, 2, (40, 2))).astype('float32'), q.__setitem__(slice(0, 8), q[:8] + 60), cv2.estimateAffinePartial2D(p, q), cv2.estimateAffinePartial2D(p.reshape(-1, 1, 2), q.reshape(-1, 1, 2), method=cv2.LMEDS), cv2.estimateAffinePartial2D(fpts, fpts * 1.5 + 2, ransacReprojThreshold=1.0, refineIters=0), given := np.zeros(40, 'uint8'), cv2.estimateAffinePartial2D(p, q, inliers=given)[1] is given, given)[3:]"),
    ("undistortPoints", "(cv2.undistortPoints(img_pts, K, dist), cv2.undistortPoints(img_pts.astype('float64').reshape(-1, 1, 2), K, np.array([0.2, -0.4, 0.001, 0.002, 0.1, 0.05, -0.02, 0.01]), R=np.eye(3), P=K), cv2.undistortPoints(img_pts, K, None))"),
    ("undistortPointsIter", "(cv2.undistortPointsIter(img_pts, K, dist, None, K, (cv2.TERM_CRITERIA_COUNT, 12, 0)), cv2.undistortPointsIter(img_pts, K, dist, None, None, (cv2.TERM_CRITERIA_EPS, 0, 1e-9)), cv2.undistortPointsIter(img_pts, K, dist, np.eye(3), K, (cv2.TERM_CRITERIA_EPS | cv2.TERM_CRITERIA_COUNT, 3, 0.5)))"),
    ("undistortImagePoints", "cv2.undistortImagePoints(img_pts, K, np.array([0.1, -0.2, 0.0, 0.0, 0.05]))"),
    ("getOptimalNewCameraMatrix", "[cv2.getOptimalNewCameraMatrix(K, np.array([-0.3, 0.1, 0.001, -0.002, 0.0]), (160, 120), a, centerPrincipalPoint=c) for a in (0, 0.4, 1) for c in (False, True)] + [cv2.getOptimalNewCameraMatrix(K.astype('float32'), dist, (160, 120), 1, (320, 240))]"),
    ("PCACompute", "(cv2.PCACompute(samples.astype('float64'), mean=np.empty((0))), cv2.PCACompute(samples, None, maxComponents=1), cv2.PCACompute(xs[:4].copy(), mean=None, maxComponents=3))"),
    ("PCACompute2", "(cv2.PCACompute2(samples.astype('float64'), np.empty((0))), cv2.PCACompute2(samples.astype('float64'), np.array([[1.0, 2.0]])))"),
    ("cornerSubPix", "(c := cv2.goodFeaturesToTrack(gray, 25, 0.05, 6), r := cv2.cornerSubPix(gray, c.copy(), (5, 5), (-1, -1), (cv2.TERM_CRITERIA_EPS + cv2.TERM_CRITERIA_MAX_ITER, 30, 0.001)), cv2.cornerSubPix(f32, c.copy(), (3, 4), (1, 1), (cv2.TERM_CRITERIA_MAX_ITER, 5, 0)))[1:]"),
    ("sort", "[cv2.sort(a, f) for a in (gray, f32, xs) for f in (cv2.SORT_EVERY_ROW, cv2.SORT_EVERY_COLUMN | cv2.SORT_DESCENDING, cv2.SORT_EVERY_ROW + cv2.SORT_DESCENDING)]"),
    ("sortIdx", "[cv2.sortIdx(a, f) for a in (xs, ys) for f in (cv2.SORT_EVERY_ROW, cv2.SORT_EVERY_COLUMN + cv2.SORT_DESCENDING)]"),
    ("completeSymm", "(cv2.completeSymm(mat3 * [[1, 2, 3], [4, 5, 6], [7, 8, 9]]), cv2.completeSymm(xs[:5, :5].copy(), True))"),
    ("patchNaNs", "(a := f32.copy(), a.__setitem__((slice(0, 3), slice(0, 9)), np.nan), cv2.patchNaNs(a, 7.5), cv2.patchNaNs(np.full((2, 2), np.nan, 'float32')))[2:]"),
    ("getGaussianKernel", "[cv2.getGaussianKernel(n, s, t) for n in (1, 3, 5, 7, 9, 11, 31) for s in (0, -1, 0.5, 1.3, 4.0) for t in (cv2.CV_32F, cv2.CV_64F)] + [cv2.getGaussianKernel(4, 1.0), cv2.getGaussianKernel(ksize=20, sigma=0)]"),
    ("getGaborKernel", "[cv2.getGaborKernel((21, 21), 4.0, t, 10.0, 0.5, 0, ktype=cv2.CV_32F) for t in (0, 0.7, 2.1)] + [cv2.getGaborKernel((0, 0), 2.0, 0.3, 6.0, 0.8), cv2.getGaborKernel(ksize=(9, 7), sigma=1.5, theta=1.0, lambd=4.0, gamma=1.0, psi=0.2)]"),
    ("integral2", "(cv2.integral2(gray), cv2.integral2(bgr, sdepth=cv2.CV_64F), cv2.integral2(f32, sdepth=cv2.CV_32F, sqdepth=cv2.CV_32F), cv2.integral2(gray, sqdepth=cv2.CV_32S), cv2.integral2(i16), cv2.integral2(u16), given := np.zeros((gray.shape[0] + 1, gray.shape[1] + 1)), cv2.integral2(gray, sqsum=given)[1] is given, given, cv2.integral2(gray, sqsum=np.zeros(3))[1].shape)"),
    ("scaleAdd", "(cv2.scaleAdd(gray, 1.5, shifted), cv2.scaleAdd(i16, -0.5, i16), cv2.scaleAdd(f64, 2.0, f64))"),
    ("accumulate", "(a := np.zeros(bgr.shape, 'float32'), cv2.accumulate(bgr, a), cv2.accumulate(bgr, a, mask=binary))[2]"),
    ("accumulateSquare", "(a := np.zeros(gray.shape, 'float64'), cv2.accumulateSquare(gray, a, binary))[1]"),
    ("accumulateProduct", "(a := np.ones(gray.shape, 'float32'), cv2.accumulateProduct(gray, shifted, a))[1]"),
    ("accumulateWeighted", "(a := gray.astype('float32'), [cv2.accumulateWeighted(np.roll(gray, i, 1), a, 0.25) for i in range(4)], cv2.accumulateWeighted(f32, a, 0.5, mask=binary))[2]"),
    ("drawMatchesKnn", "(o := cv2.ORB_create(60), a := o.detectAndCompute(scene, None), b := o.detectAndCompute(scene2, None), pairs := cv2.BFMatcher(cv2.NORM_HAMMING).knnMatch(a[1], b[1], k=2), cv2.drawMatchesKnn(scene, a[0], scene2, b[0], [[m] for m, n in pairs[:12]], None, matchColor=(0, 255, 0), singlePointColor=(255, 0, 0)))[4]"),
    ("dnn.readNet", "(n := cv2.dnn.readNet(cls_path), n.setInput(text_blob), n.forward())[2]"),
    ("dnn.Net.setPreferableTarget", "(n := cv2.dnn.readNetFromONNX(cls_path), n.setPreferableBackend(cv2.dnn.DNN_BACKEND_OPENCV), n.setPreferableTarget(cv2.dnn.DNN_TARGET_CPU), n.setInput(text_blob), n.forward())[4]"),
    ("ocl.haveOpenCL", "cv2.ocl.haveOpenCL()"),
    ("ocl.useOpenCL", "(cv2.ocl.setUseOpenCL(True), cv2.ocl.useOpenCL())"),
    ("ocl.setUseOpenCL", "(cv2.ocl.setUseOpenCL(False), cv2.ocl.useOpenCL())"),
    ("convertPointsToHomogeneous", "(cv2.convertPointsToHomogeneous(fpts), cv2.convertPointsToHomogeneous(pts), cv2.convertPointsToHomogeneous(obj.astype('float64')))"),
    ("convertPointsFromHomogeneous", "(cv2.convertPointsFromHomogeneous(np.float32([[2, 4, 2], [3, 3, 0], [1, 1, -0.5], [1, 1, 1e-8]])), cv2.convertPointsFromHomogeneous(cv2.convertPointsToHomogeneous(obj) * 3), cv2.convertPointsFromHomogeneous(np.int32([[2, 4, 3], [1, 1, 0]])), cv2.convertPointsFromHomogeneous(np.float64([[1, 2, 3, 4]])), error_fields(lambda: cv2.convertPointsFromHomogeneous(np.zeros((3, 5))), func=False))"),
    ("hasNonZero", "(cv2.hasNonZero(binary), cv2.hasNonZero(np.zeros_like(gray)), cv2.hasNonZero(f32), error_fields(lambda: cv2.hasNonZero(bgr), func=False))"),
    ("borderInterpolate", "[cv2.borderInterpolate(p, n, b) for b in (cv2.BORDER_REFLECT, cv2.BORDER_REFLECT_101, cv2.BORDER_REPLICATE, cv2.BORDER_WRAP, cv2.BORDER_CONSTANT) for n in (1, 2, 5) for p in range(-12, 17)]"),
    ("rectangleIntersectionArea", "[cv2.rectangleIntersectionArea(tuple(r[:4]), tuple(r[4:])) for r in np.random.default_rng(3).uniform(-5, 10, (300, 8)).tolist()] + [cv2.rectangleIntersectionArea((0, 0, 10, 10), (5, 5, 10, 10))]"),
    ("Mahalanobis", "(icov := np.linalg.inv(np.cov(samples.T.astype('float64'))), [cv2.Mahalanobis(samples[i:i + 1].astype('float64'), samples[:1].astype('float64') * 0.5, icov) for i in range(10)])[1]"),
    ("PCAProject", "(m := np.float32([[2.0, 3.0]]), v := np.float32([[0.6, 0.8], [-0.8, 0.6]]), cv2.PCAProject(samples, m, v), cv2.PCAProject(samples.astype('float64'), m.astype('float64'), v[:1].astype('float64')))[2:]"),
    ("PCABackProject", "(m := np.float32([[2.0, 3.0]]), v := np.float32([[0.6, 0.8], [-0.8, 0.6]]), cv2.PCABackProject(samples, m, v), cv2.PCABackProject(samples[:, :1].astype('float64'), m.astype('float64'), v[:1].astype('float64')))[2:]"),
    ("calcCovarMatrix", "(cv2.calcCovarMatrix(samples, None, cv2.COVAR_NORMAL | cv2.COVAR_ROWS | cv2.COVAR_SCALE), cv2.calcCovarMatrix(samples[:8], None, cv2.COVAR_SCRAMBLED | cv2.COVAR_ROWS, ctype=cv2.CV_32F), cv2.calcCovarMatrix(gray[:10, :12], None, cv2.COVAR_NORMAL | cv2.COVAR_COLS), cv2.calcCovarMatrix(samples, np.float32([[1.0, 2.0]]), cv2.COVAR_NORMAL | cv2.COVAR_ROWS | cv2.COVAR_USE_AVG), error_fields(lambda: cv2.calcCovarMatrix(samples, None, cv2.COVAR_NORMAL), func=False))"),
    ("KalmanFilter", "(kf := cv2.KalmanFilter(4, 2, 1), setattr(kf, 'measurementMatrix', np.float32([[1, 0, 0, 0], [0, 1, 0, 0]])), setattr(kf, 'transitionMatrix', np.float32([[1, 0, 1, 0], [0, 1, 0, 1], [0, 0, 1, 0], [0, 0, 0, 1]])), setattr(kf, 'processNoiseCov', np.eye(4, dtype='float32') * 0.03), setattr(kf, 'controlMatrix', np.full((4, 1), 0.1, 'float32')), [(kf.predict(np.ones((1, 1), 'float32')), kf.correct(track[i % 3].reshape(2, 1) + np.float32(i))) for i in range(25)], kf.gain, kf.errorCovPost, cv2.KalmanFilter().statePre, error_fields(lambda: (setattr(kf, 'transitionMatrix', np.eye(4)), kf.predict()), func=False))[5:]"),
    ("dct", "(cv2.dct(f32), cv2.dct(f64[:64, :80]), cv2.dct(f32[:, :7]), cv2.dct(f32, flags=cv2.DCT_ROWS), cv2.dct(np.float32(gray[:32, :32]))[:8, :8], error_fields(lambda: cv2.dct(gray)), error_fields(lambda: cv2.dct(f64[:5, :7]), func=False))"),
    ("idct", "(cv2.idct(cv2.dct(f64)), cv2.idct(f32, flags=cv2.DCT_ROWS), cv2.dct(f32[:40, :40], flags=cv2.DCT_INVERSE))"),
    # without WARP_FILL_OUTLIERS, OpenCV leaves each pixel whose sample falls outside the
    # image as the new array's memory held: such cases keep their samples inside
    ("linearPolar", "(cv2.linearPolar(bgr, (80, 60), 50, cv2.WARP_FILL_OUTLIERS), cv2.linearPolar(gray, (40.5, 70.25), 90, cv2.INTER_NEAREST | cv2.WARP_POLAR_LOG | cv2.WARP_FILL_OUTLIERS), cv2.linearPolar(gray, (80, 60), 40, cv2.INTER_CUBIC), cv2.linearPolar(f32, (80, 60), 40, cv2.WARP_INVERSE_MAP | cv2.WARP_FILL_OUTLIERS))"),
    ("logPolar", "(cv2.logPolar(bgr, (80, 60), 20, cv2.WARP_FILL_OUTLIERS), cv2.logPolar(gray, (80, 60), 35.5, cv2.INTER_LINEAR | cv2.WARP_FILL_OUTLIERS), cv2.logPolar(gray, (80, 60), 80, cv2.INTER_LINEAR), cv2.logPolar(f32, (30, 20), -1, 0), cv2.logPolar(gray, (80, 60), 25, cv2.WARP_INVERSE_MAP | cv2.WARP_FILL_OUTLIERS))"),
    ("getDerivKernels", "([cv2.getDerivKernels(dx, dy, k, normalize=n, ktype=t) for dx, dy in ((1, 0), (0, 1), (2, 1), (0, 3)) for k in (1, 3, 5, 7, 31) if k > max(dx, dy) or k == 1 and max(dx, dy) < 3 for n in (False, True) for t in (cv2.CV_32F, cv2.CV_64F)], cv2.getDerivKernels(1, 0, cv2.FILTER_SCHARR, normalize=True), cv2.getDerivKernels(0, 1, -1), error_fields(lambda: cv2.getDerivKernels(1, 1, 4)), error_fields(lambda: cv2.getDerivKernels(1, 1, -1)), error_fields(lambda: cv2.getDerivKernels(0, 0, 3)), error_fields(lambda: cv2.getDerivKernels(1, 0, 3, ktype=cv2.CV_8U)))"),
    ("solveCubic", "([cv2.solveCubic(np.array(c, t)) for c in ([1, -6, 11, -6], [2, -4, -22, 24], [1, -4, 5, -2], [1, -3, 3, -1], [1, 0, 0, 1], [0, 1, -3, 2], [0, 1, 2, 1], [0, 0, 2, 1], [0, 0, 0, 0], [0, 0, 0, 3], [0, 1, 0, 1], [-6, 11, -6], [1e6, 3, -2e-3, 7]) for t in ('float64', 'float32')], cv2.solveCubic(np.float64([[1, 2, 3, 4]])), cv2.solveCubic((0, 0, 1, 2)), error_fields(lambda: cv2.solveCubic(np.int32([1, 2, 3, 4]))), error_fields(lambda: cv2.solveCubic(np.zeros(5))))"),
    ("connectedComponentsWithAlgorithm", "[cv2.connectedComponentsWithAlgorithm(image, c, t, a) for image in (binary, cv2.Canny(gray, 50, 150), (page < 128).astype('uint8')) for c in (4, 8) for t in (cv2.CV_32S, cv2.CV_16U) for a in (cv2.CCL_WU, cv2.CCL_SAUF, cv2.CCL_GRANA, cv2.CCL_DEFAULT)] + [error_fields(lambda: cv2.connectedComponentsWithAlgorithm(binary, 8, cv2.CV_32S, 9)), error_fields(lambda: cv2.connectedComponentsWithAlgorithm(binary, 6, cv2.CV_32S, 0))]"),
    ("connectedComponentsWithStatsWithAlgorithm", "[cv2.connectedComponentsWithStatsWithAlgorithm(image, c, cv2.CV_32S, a) for image in (binary, cv2.Canny(gray, 50, 150), np.ones((5, 7), 'uint8')) for c in (4, 8) for a in (cv2.CCL_WU, cv2.CCL_SAUF, cv2.CCL_BBDT, cv2.CCL_SPAGHETTI)]"),
    ("copyTo", "(cv2.copyTo(bgra, np.dstack([binary] * 4)), cv2.copyTo(bgr, binary[..., None]), error_fields(lambda: cv2.copyTo(bgra, np.dstack([binary] * 3))))"),
    ("accumulateWeighted", "(a := np.zeros(gray.shape, 'float64'), cv2.accumulateWeighted(f64, a, 0.3), error_fields(lambda: cv2.accumulateWeighted(f64, np.zeros(gray.shape, 'float32'), 0.3)), error_fields(lambda: cv2.accumulate(i16, np.zeros(gray.shape, 'float32'))))[1:]"),
    # an HxWx1 array is the HxW Mat to opencv-python: results are HxW, and either fits
    ("sort", "(g1 := gray[..., None], cv2.sort(g1, cv2.SORT_EVERY_ROW), cv2.sortIdx(np.float32(np.random.default_rng(2).permutation(64).reshape(8, 8, 1)), cv2.SORT_EVERY_COLUMN), cv2.integral2(g1), cv2.scaleAdd(g1, 0.5, gray), cv2.mulTransposed(g1[:20, :30], True), cv2.extractChannel(g1, 0), cv2.split(g1), error_fields(lambda: cv2.mulTransposed(gray[:20, :30].astype('int8'), True)))[1:]"),
    ("insertChannel", "(g1 := gray[..., None], b := bgr.copy(), cv2.insertChannel(g1, b, 2), a := np.zeros(gray.shape + (1,), 'float32'), cv2.accumulateWeighted(gray, a, 0.5), cv2.accumulateProduct(g1, shifted, a, mask=binary[..., None]), cv2.copyTo(g1, binary, np.full_like(g1, 9)))[1:]"),
    ("TickMeter", "(t := cv2.TickMeter(), t.stop(), t.getCounter(), t.getFPS(), t.getAvgTimeSec(), t.start(), t.stop(), t.getCounter(), t.getTimeTicks() >= 0, t.getLastTimeTicks() == t.getTimeTicks(), t.getTimeMilli() == t.getTimeSec() * 1e3, t.reset(), t.getCounter(), t.getTimeSec(), t.getLastTimeMicro())[1:]"),
    ("checkRange", "(cv2.checkRange(f32), cv2.checkRange(f32, True, 0.2, 0.8), cv2.checkRange(gray, minVal=10.5, maxVal=200.5), cv2.checkRange(bgr, True, 0, 256), cv2.checkRange(np.float32([[0, 1], [np.nan, 2]])), cv2.checkRange(i16, maxVal=100), error_fields(lambda: cv2.checkRange(f32, False, 0.5, 1.0), func=False))"),
    ("mulTransposed", "(cv2.mulTransposed(gray[:20, :30], True), cv2.mulTransposed(gray[:20, :30], False, scale=0.5), cv2.mulTransposed(f32[:15, :10], True, delta=f32[:1, :10]), cv2.mulTransposed(f64[:12, :9], False, None, np.ones((12, 1)), 2.0), cv2.mulTransposed(i16[:8, :8], True, dtype=cv2.CV_64F))"),
    ("reduceArgMax", "(cv2.reduceArgMax(gray, 0), cv2.reduceArgMax(gray, 1, lastIndex=True), cv2.reduceArgMax(f32, 1), cv2.reduceArgMax(binary, 0, lastIndex=True), error_fields(lambda: cv2.reduceArgMax(bgr, 0), func=False))"),
    ("reduceArgMin", "(cv2.reduceArgMin(gray, 0), cv2.reduceArgMin(i16, 1, lastIndex=True), cv2.reduceArgMin(binary, 1), cv2.reduceArgMin(f64, 0, lastIndex=False))"),
    ("KeyPoint.overlap", "[cv2.KeyPoint.overlap(cv2.KeyPoint(10, 10, 8), cv2.KeyPoint(x, y, s)) for x, y, s in ((13, 11, 6), (10, 10, 4), (50, 10, 4), (14.5, 10.25, 3.5), (10, 17.9, 8))]"),
    ("KeyPoint_overlap", "[cv2.KeyPoint_overlap(cv2.KeyPoint(p[0], p[1], p[2]), cv2.KeyPoint(p[3], p[4], p[5])) for p in np.random.default_rng(5).uniform(1, 20, (300, 6)).tolist()]"),
    ("VideoWriter_fourcc", "(cv2.VideoWriter_fourcc(*'mp4v'), cv2.VideoWriter_fourcc('M', 'J', 'P', 'G'), cv2.VideoWriter_fourcc(*'XVID'), cv2.VideoWriter_fourcc(*'avc1'))"),
    ("ipp.useIPP", "(cv2.ipp.setUseIPP(False), cv2.ipp.useIPP(), cv2.ipp.setUseIPP(True))"),
    ("ipp.useIPP_NotExact", "(cv2.ipp.setUseIPP_NotExact(False), cv2.ipp.useIPP_NotExact())"),
    ("ipp.setUseIPP_NotExact", "(cv2.ipp.setUseIPP_NotExact(True), cv2.ipp.setUseIPP_NotExact(False))"),
    ("ipp.getIppVersion", "isinstance(cv2.ipp.getIppVersion(), str)"),
    # opencv-python's x86 wheels resize 8-bit images with INTER_CUBIC (16-bit ones with
    # INTER_LINEAR), convert to HLS_FULL and sample getRectSubPix through IPP (1 level
    # apart from OpenCV's own code on up to 16% of the values); opencv.js runs OpenCV's own
    ("ipp.setUseIPP", "(cv2.ipp.setUseIPP(False), cv2.resize(bgr, (333, 251), interpolation=cv2.INTER_CUBIC), cv2.resize(gray, None, fx=0.6, fy=0.45, interpolation=cv2.INTER_CUBIC), cv2.cvtColor(bgr, cv2.COLOR_BGR2HLS_FULL), cv2.cvtColor(bgra, cv2.COLOR_RGB2HLS_FULL), cv2.resize(u16, None, fx=0.5, fy=0.75), cv2.resize(i16, None, fx=0.5, fy=0.75), cv2.getRectSubPix(gray[5:105, 7:150], (11, 7), (40.5, 30.25)), cv2.ipp.setUseIPP(True))"),
    # conventions opencv-python has for any function
    ("connectedComponentsWithStats", "cv2.connectedComponentsWithStats(binary, 4, cv2.CV_32S)"),
    # a number is the Scalar (x, x, x, x) for add, subtract, absdiff, multiply and divide only
    ("add", "(cv2.add(bgr, 10), cv2.add(bgr, 2.5), cv2.add(bgr, np.array([1, 2, 3])), cv2.add(bgra, (1, 2)))"),
    ("subtract", "(cv2.subtract(bgr, 5.5, mask=binary), cv2.subtract(200, bgr))"),
    ("multiply", "(cv2.multiply(bgr, (2,)), cv2.multiply(bgr, 1.5), cv2.multiply(f32, 3))"),
    ("divide", "(cv2.divide(bgr, np.array([2.0])), cv2.divide(bgr, 3), cv2.divide(2.0, bgr.astype('float32') + 1))"),
    # a tuple is a column of its numbers (padded to a Scalar for the five arithmetic ops
    # only): OpenCV's scalar check refuses a length that is neither 1, 4 nor the channels
    ("inRange", "(cv2.inRange(bgr, (10, 20, 30, 0), (150, 160, 170, 0)), cv2.inRange(gray, (10,), (150,)), cv2.inRange(gray, 10, 150), error_fields(lambda: cv2.inRange(bgra, (10, 20, 30), (150, 160, 170))), error_fields(lambda: cv2.inRange(gray, (10, 20, 30), (150, 160, 170))), error_fields(lambda: cv2.compare(bgra, (1, 2, 3), cv2.CMP_GT)), error_fields(lambda: cv2.bitwise_and(bgra, (1, 2, 3))), cv2.compare(bgr, (100, 120, 140), cv2.CMP_GT))"),
    ("Rodrigues", "(cv2.Rodrigues((0.1, 0.2, 0.3)), cv2.projectPoints(obj, (0.1, -0.2, 0.05), (0.2, 0.1, 4.0), camera, (0.01, -0.02, 0.001, 0.0005)))"),
    ("absdiff", "cv2.absdiff(bgr, 120)"),
    ("bitwise_and", "(cv2.bitwise_and(bgr, 15), cv2.min(bgr, 50), cv2.max(bgr, 200.0))"),
    ("warpAffine", "cv2.warpAffine(bgr, M23, (160, 120), np.full_like(bgr, 77), cv2.INTER_LINEAR, cv2.BORDER_TRANSPARENT)"),
    ("add", "cv2.add(gray, shifted, np.full_like(gray, 5), mask=binary)"),
    ("HoughCircles", "(cv2.HoughCircles(gray, cv2.HOUGH_GRADIENT, 1.5, 20, param1=100, param2=30, minRadius=5, maxRadius=40).shape, cv2.HoughCircles(np.zeros_like(gray), cv2.HOUGH_GRADIENT, 1.5, 20))"),
    ("cvtColor", "error_fields(lambda: cv2.cvtColor(gray, cv2.COLOR_BGR2GRAY), func=False)"),
    ("threshold", "error_fields(lambda: cv2.threshold(gray, 10, 255))"),
    ("resize", "error_fields(lambda: cv2.resize(gray, (0, 0)))"),
    ("drawMatches", "(o := cv2.ORB_create(60), a := o.detectAndCompute(scene, None), b := o.detectAndCompute(scene2, None), cv2.drawMatches(scene, a[0], scene2, b[0], cv2.BFMatcher(cv2.NORM_HAMMING, True).match(a[1], b[1])[:10], None))[3]"),
    ("drawMatches", "(o := cv2.ORB_create(60), a := o.detectAndCompute(scene, None), b := o.detectAndCompute(scene2, None), m := cv2.BFMatcher(cv2.NORM_HAMMING, True).match(a[1], b[1])[:10], cv2.drawMatches(scene, a[0], scene2, b[0], m, None, flags=cv2.DrawMatchesFlags_NOT_DRAW_SINGLE_POINTS), cv2.drawMatches(scene, a[0], scene2, b[0], m, None, matchesMask=[1, 0] * 5))[4:]"),
    # Exported by the SIMD build alone (portlite_site.opencv_build.WIDER_WHITE_LIST)
    ("findFundamentalMat", "cv2.findFundamentalMat(p1, p2, cv2.FM_8POINT)"),
    ("findFundamentalMat", "cv2.findFundamentalMat(p1, p2, cv2.FM_RANSAC, 1.0, 0.99)"),
    ("findFundamentalMat", "cv2.findFundamentalMat(p1.astype(np.float32), p2.astype(np.float32), cv2.FM_LMEDS)"),
    ("findFundamentalMat", "cv2.findFundamentalMat(p1, p2, cv2.FM_RANSAC, 0.5, 0.999, 500)"),
    ("findEssentialMat", "cv2.findEssentialMat(p1, p2, K, cv2.RANSAC, 0.999, 1.0)"),
    ("findEssentialMat", "cv2.findEssentialMat(p1, p2, K, dist, K, dist, cv2.LMEDS)"),
    ("findEssentialMat", "cv2.findEssentialMat(p1, p2, focal=200.0, pp=(80.0, 60.0), method=cv2.LMEDS)"),
    ("findEssentialMat", "cv2.findEssentialMat(p1, p2, 200.0, [80, 60], cv2.LMEDS, 0.99, 2.0)"),
    ("findEssentialMat", "(cv2.setRNGSeed(3), cv2.findEssentialMat(p1 / 200, p2 / 200, threshold=0.005))[1]"),
    ("findEssentialMat", "error_fields(lambda: cv2.findEssentialMat(p1, p2, 420.0), func=False)"),
    ("recoverPose", "cv2.recoverPose(cv2.findEssentialMat(p1, p2, K, cv2.LMEDS)[0], p1, p2, K)"),
    ("recoverPose", "cv2.recoverPose(p1, p2, K, None, K, None, method=cv2.LMEDS)"),
    ("recoverPose", "cv2.recoverPose(cv2.findEssentialMat(p1, p2, K, cv2.LMEDS)[0], p1, p2, K, 50.0)"),
    ("recoverPose", "cv2.recoverPose(cv2.findEssentialMat(p1, p2, K, cv2.LMEDS)[0], p1, p2, focal=200.0, pp=(80.0, 60.0))"),
    ("recoverPose", "(e := cv2.findEssentialMat(p1, p2, 200.0, (80.0, 60.0), cv2.LMEDS), cv2.recoverPose(e[0], p1, p2, focal=200.0, pp=(80, 60), mask=e[1]))[1]"),
    ("triangulatePoints", "cv2.triangulatePoints(P1, P2, p1.T, p2.T)"),
    ("triangulatePoints", "cv2.triangulatePoints(P1.astype(np.float32), P2.astype(np.float32), p1.T.astype(np.float32), p2.T.astype(np.float32))"),
    ("computeCorrespondEpilines", "cv2.computeCorrespondEpilines(p1.reshape(-1, 1, 2), 1, cv2.findFundamentalMat(p1, p2, cv2.FM_8POINT)[0])"),
    ("correctMatches", "cv2.correctMatches(cv2.findFundamentalMat(p1, p2, cv2.FM_8POINT)[0], p1.reshape(1, -1, 2), p2.reshape(1, -1, 2))"),
    ("sampsonDistance", "cv2.sampsonDistance(np.array([[p1[0, 0]], [p1[0, 1]], [1.0]]), np.array([[p2[0, 0]], [p2[0, 1]], [1.0]]), cv2.findFundamentalMat(p1, p2, cv2.FM_8POINT)[0])"),
    ("decomposeEssentialMat", "(d := cv2.decomposeEssentialMat(cv2.findEssentialMat(p1, p2, K, cv2.LMEDS)[0]), sorted(d[:2], key=np.trace), d[2] * np.sign(d[2][0, 0]))[1:]"),
    ("decomposeHomographyMat", "cv2.decomposeHomographyMat(M33, K)"),
    ("filterHomographyDecompByVisibleRefpoints", "(d := cv2.decomposeHomographyMat(M33, K), cv2.filterHomographyDecompByVisibleRefpoints(d[1], d[3], square.reshape(-1, 1, 2), cv2.perspectiveTransform(square.reshape(-1, 1, 2), M33)))[1]"),
    ("decomposeProjectionMatrix", "cv2.decomposeProjectionMatrix(P2)"),
    ("calibrationMatrixValues", "cv2.calibrationMatrixValues(K, (160, 120), 6.4, 4.8)"),
    ("calibrationMatrixValues", "cv2.calibrationMatrixValues(K.astype(np.float32) * [[1], [1.03], [1]], (160, 120), 0, 0)"),
    ("calibrationMatrixValues", "error_fields(lambda: cv2.calibrationMatrixValues(np.eye(4), (160, 120), 0, 0), func=False)"),
    ("RQDecomp3x3", "cv2.RQDecomp3x3(mat3)"),
    ("RQDecomp3x3", "cv2.RQDecomp3x3(P2[:, :3].astype(np.float32))"),
    ("RQDecomp3x3", "cv2.RQDecomp3x3(np.array([[3, 1, 2], [0, -2, 5], [1, 1, 1]], np.int32))"),
    ("RQDecomp3x3", "(q := np.zeros((3, 3)), cv2.RQDecomp3x3(K, mtxQ=q), q)[1:]"),
    ("composeRT", "cv2.composeRT(rvec, tvec, rvec * 2, tvec + 1)"),
    ("matMulDeriv", "cv2.matMulDeriv(mat3, vec3)"),
    ("solveP3P", "cv2.solveP3P(obj[:3], img_pts[:3], K, dist, cv2.SOLVEPNP_P3P)"),
    ("solveP3P", "cv2.solveP3P(obj[:3], img_pts[:3], K, None, cv2.SOLVEPNP_AP3P)"),
    ("solvePnPGeneric", "cv2.solvePnPGeneric(obj, img_pts, K, dist)"),
    ("solvePnPGeneric", "cv2.solvePnPGeneric(obj[:4], img_pts[:4], K, dist, flags=cv2.SOLVEPNP_IPPE)"),
    ("solvePnPRefineVVS", "cv2.solvePnPRefineVVS(obj, img_pts, K, dist, rvec.copy(), tvec.copy())"),
    ("estimateAffine3D", "cv2.estimateAffine3D(world, world @ rotation([0.1, 0.2, 0.3]).T + 0.5)"),
    ("estimateTranslation3D", "cv2.estimateTranslation3D(world, world + np.array([0.5, -0.2, 0.1]))"),
    ("initCameraMatrix2D", "cv2.initCameraMatrix2D(grids, views, (640, 480))"),
    ("calibrateCameraRO", "cv2.calibrateCameraRO(grids, views, (640, 480), 8, None, None)[:3]"),
    ("calibrateCameraROExtended", "cv2.calibrateCameraROExtended(grids, views, (640, 480), 8, None, None)[6:]"),
    ("calibrateHandEye", "cv2.calibrateHandEye(*hand_eye)"),
    ("calibrateHandEye", "cv2.calibrateHandEye(*hand_eye, method=cv2.CALIB_HAND_EYE_PARK)"),
    ("calibrateHandEye", "cv2.calibrateHandEye(*hand_eye, method=cv2.CALIB_HAND_EYE_DANIILIDIS)"),
    ("findChessboardCorners", "cv2.findChessboardCorners(board, (9, 6))"),
    ("findChessboardCorners", "cv2.findChessboardCorners(board2, (9, 6), flags=cv2.CALIB_CB_ADAPTIVE_THRESH | cv2.CALIB_CB_NORMALIZE_IMAGE | cv2.CALIB_CB_FAST_CHECK)"),
    ("findChessboardCorners", "cv2.findChessboardCorners(gray, (9, 6))"),
    ("checkChessboard", "(cv2.checkChessboard(board, (9, 6)), cv2.checkChessboard(gray, (9, 6)))"),
    ("findChessboardCornersSB", "cv2.findChessboardCornersSB(board, (9, 6))"),
    ("findChessboardCornersSBWithMeta", "cv2.findChessboardCornersSBWithMeta(board2, (9, 6), cv2.CALIB_CB_ACCURACY)"),
    ("estimateChessboardSharpness", "cv2.estimateChessboardSharpness(board, (9, 6), cv2.findChessboardCornersSB(board, (9, 6))[1])"),
    ("find4QuadCornerSubpix", "cv2.find4QuadCornerSubpix(board, cv2.findChessboardCorners(board, (9, 6))[1], (3, 3))"),
    ("drawChessboardCorners", "cv2.drawChessboardCorners(cv2.cvtColor(board, cv2.COLOR_GRAY2BGR), (9, 6), cv2.findChessboardCorners(board, (9, 6))[1], True)"),
    ("stereoCalibrate", "cv2.stereoCalibrate(grids, views, views2, np.array([[500.0, 0, 320], [0, 500.0, 240], [0, 0, 1]]), np.zeros(5), np.array([[500.0, 0, 320], [0, 500.0, 240], [0, 0, 1]]), np.zeros(5), (640, 480), flags=cv2.CALIB_FIX_INTRINSIC)[5:]"),
    ("stereoCalibrateExtended", "cv2.stereoCalibrateExtended(grids, views, views2, np.array([[500.0, 0, 320], [0, 500.0, 240], [0, 0, 1]]), np.zeros(5), np.array([[500.0, 0, 320], [0, 500.0, 240], [0, 0, 1]]), np.zeros(5), (640, 480), None, None, flags=cv2.CALIB_FIX_INTRINSIC)[5:8]"),
    ("stereoRectify", "cv2.stereoRectify(K, dist, K, dist, (160, 120), R2, t2)"),
    ("stereoRectify", "cv2.stereoRectify(K, dist, K * [[1.02], [1.02], [1]], None, (160, 120), R2, t2, flags=0, alpha=0.5)"),
    ("stereoRectify", "cv2.stereoRectify(K, dist, K, dist, (160, 120), rotation([0.01, 0.0, 0.02]), np.array([[0.0], [-0.2], [0.01]]), alpha=0, newImageSize=(200, 150))"),
    ("stereoRectify", "cv2.stereoRectify(K, dist, K, dist, (160, 120), R2, t2, alpha=1)[5:]"),
    ("stereoRectifyUncalibrated", "cv2.stereoRectifyUncalibrated(p1, p2, cv2.findFundamentalMat(p1, p2, cv2.FM_8POINT)[0], (160, 120))"),
    ("fisheye.undistortImage", "cv2.fisheye.undistortImage(bgr, K, np.array([0.05, -0.01, 0.002, 0.0]), Knew=K)"),
    ("fisheye.undistortPoints", "cv2.fisheye.undistortPoints(img_pts.reshape(-1, 1, 2).astype(np.float64), K, np.array([0.05, -0.01, 0.002, 0.0]))"),
    ("fisheye.distortPoints", "cv2.fisheye.distortPoints(np.float64([[[0.1, 0.2]], [[-0.3, 0.1]], [[0.0, 0.0]]]), K, np.array([0.05, -0.01, 0.002, 0.0]))"),
    ("fisheye.estimateNewCameraMatrixForUndistortRectify", "cv2.fisheye.estimateNewCameraMatrixForUndistortRectify(K, np.array([0.05, -0.01, 0.002, 0.0]), (160, 120), np.eye(3), balance=0.5)"),
    ("fisheye.calibrate", "cv2.fisheye.calibrate([g.reshape(-1, 1, 3).astype(np.float64) for g in grids], [v.astype(np.float64) for v in views], (640, 480), None, None, flags=cv2.fisheye.CALIB_RECOMPUTE_EXTRINSIC | cv2.fisheye.CALIB_FIX_SKEW)[:3]"),
    ("fisheye.stereoRectify", "cv2.fisheye.stereoRectify(K, np.array([0.05, -0.01, 0.002, 0.0]), K, np.array([0.05, -0.01, 0.002, 0.0]), (160, 120), R2, t2, cv2.CALIB_ZERO_DISPARITY)"),
    ("fisheye.stereoCalibrate", "cv2.fisheye.stereoCalibrate([g.reshape(-1, 1, 3).astype(np.float64) for g in grids], [v.astype(np.float64) for v in views], [v.astype(np.float64) for v in views2], np.array([[500.0, 0, 320], [0, 500.0, 240], [0, 0, 1]]), np.zeros(4), np.array([[500.0, 0, 320], [0, 500.0, 240], [0, 0, 1]]), np.zeros(4), (640, 480), flags=cv2.fisheye.CALIB_FIX_INTRINSIC)[5:]"),
    ("reprojectImageTo3D", "cv2.reprojectImageTo3D(cv2.StereoBM_create(32, 15).compute(left, right).astype(np.float32) / 16, np.float64([[1, 0, 0, -160], [0, 1, 0, -120], [0, 0, 0, 200], [0, 0, 10, 0]]))"),
    ("filterSpeckles", "cv2.filterSpeckles(cv2.StereoBM_create(32, 15).compute(left, right), 0, 40, 16)[0]"),
    ("getValidDisparityROI", "cv2.getValidDisparityROI((0, 0, 320, 240), (5, 3, 300, 230), 0, 16, 9)"),
    ("validateDisparity", "cv2.validateDisparity(cv2.StereoBM_create(32, 15).compute(left, right), np.full((240, 320), 5, np.int16), 0, 32)"),
    ("StereoBM_create", "cv2.StereoBM_create(32, 15).compute(left, right)"),
    ("StereoBM.create", "cv2.StereoBM.create(16, 9).compute(left, right)"),
    ("StereoSGBM_create", "cv2.StereoSGBM_create(0, 32, 5, 8 * 25, 32 * 25, uniquenessRatio=5).compute(left, right)"),
    ("StereoSGBM_create", "cv2.StereoSGBM_create(0, 16, 3, mode=cv2.StereoSGBM_MODE_HH).compute(left, right)"),
    ("StereoSGBM.create", "cv2.StereoSGBM.create(minDisparity=-8, numDisparities=32, blockSize=7, P1=200, P2=800, mode=cv2.STEREO_SGBM_MODE_SGBM_3WAY).compute(bgr, np.roll(bgr, -3, 1))"),
    ("StereoMatcher.compute", "cv2.StereoSGBM_create(0, 32, 5).compute(left, right)"),
    ("StereoMatcher.setBlockSize", "(o := cv2.StereoSGBM_create(0, 32, 5), o.setBlockSize(7), o.compute(left, right))[-1]"),
    ("StereoMatcher.getBlockSize", "(o := cv2.StereoSGBM_create(0, 32, 5), o.setBlockSize(7), o.getBlockSize())[-1]"),
    ("StereoMatcher.setDisp12MaxDiff", "(o := cv2.StereoBM_create(32, 15), o.setDisp12MaxDiff(1), o.compute(left, right))[-1]"),
    ("StereoMatcher.getDisp12MaxDiff", "(o := cv2.StereoBM_create(32, 15), o.setDisp12MaxDiff(1), o.getDisp12MaxDiff())[-1]"),
    ("StereoMatcher.setMinDisparity", "(o := cv2.StereoSGBM_create(0, 32, 5), o.setMinDisparity(4), o.compute(left, right))[-1]"),
    ("StereoMatcher.getMinDisparity", "(o := cv2.StereoSGBM_create(0, 32, 5), o.setMinDisparity(4), o.getMinDisparity())[-1]"),
    ("StereoMatcher.setNumDisparities", "(o := cv2.StereoBM_create(32, 15), o.setNumDisparities(48), o.compute(left, right))[-1]"),
    ("StereoMatcher.getNumDisparities", "(o := cv2.StereoBM_create(32, 15), o.setNumDisparities(48), o.getNumDisparities())[-1]"),
    ("StereoMatcher.setSpeckleRange", "(o := cv2.StereoBM_create(32, 15), o.setSpeckleRange(2), o.setSpeckleWindowSize(50), o.compute(left, right))[-1]"),
    ("StereoMatcher.getSpeckleRange", "(o := cv2.StereoBM_create(32, 15), o.setSpeckleRange(2), o.getSpeckleRange())[-1]"),
    ("StereoMatcher.setSpeckleWindowSize", "(o := cv2.StereoBM_create(32, 15), o.setSpeckleWindowSize(50), o.compute(left, right))[-1]"),
    ("StereoMatcher.getSpeckleWindowSize", "(o := cv2.StereoBM_create(32, 15), o.setSpeckleWindowSize(50), o.getSpeckleWindowSize())[-1]"),
    ("StereoBM.setPreFilterCap", "(o := cv2.StereoBM_create(32, 15), o.setPreFilterCap(20), o.compute(left, right))[-1]"),
    ("StereoBM.getPreFilterCap", "(o := cv2.StereoBM_create(32, 15), o.setPreFilterCap(20), o.getPreFilterCap())[-1]"),
    ("StereoBM.setPreFilterSize", "(o := cv2.StereoBM_create(32, 15), o.setPreFilterSize(11), o.compute(left, right))[-1]"),
    ("StereoBM.getPreFilterSize", "(o := cv2.StereoBM_create(32, 15), o.setPreFilterSize(11), o.getPreFilterSize())[-1]"),
    ("StereoBM.setPreFilterType", "(o := cv2.StereoBM_create(32, 15), o.setPreFilterType(0), o.compute(left, right))[-1]"),
    ("StereoBM.getPreFilterType", "(o := cv2.StereoBM_create(32, 15), o.setPreFilterType(0), o.getPreFilterType())[-1]"),
    ("StereoBM.setTextureThreshold", "(o := cv2.StereoBM_create(32, 15), o.setTextureThreshold(20), o.compute(left, right))[-1]"),
    ("StereoBM.getTextureThreshold", "(o := cv2.StereoBM_create(32, 15), o.setTextureThreshold(20), o.getTextureThreshold())[-1]"),
    ("StereoBM.setUniquenessRatio", "(o := cv2.StereoBM_create(32, 15), o.setUniquenessRatio(15), o.compute(left, right))[-1]"),
    ("StereoBM.getUniquenessRatio", "(o := cv2.StereoBM_create(32, 15), o.setUniquenessRatio(15), o.getUniquenessRatio())[-1]"),
    ("StereoSGBM.setMode", "(o := cv2.StereoSGBM_create(0, 32, 5), o.setMode(1), o.compute(left, right))[-1]"),
    ("StereoSGBM.getMode", "(o := cv2.StereoSGBM_create(0, 32, 5), o.setMode(1), o.getMode())[-1]"),
    ("StereoSGBM.setP1", "(o := cv2.StereoSGBM_create(0, 32, 5), o.setP1(100), o.compute(left, right))[-1]"),
    ("StereoSGBM.getP1", "(o := cv2.StereoSGBM_create(0, 32, 5), o.setP1(100), o.getP1())[-1]"),
    ("StereoSGBM.setP2", "(o := cv2.StereoSGBM_create(0, 32, 5), o.setP2(900), o.compute(left, right))[-1]"),
    ("StereoSGBM.getP2", "(o := cv2.StereoSGBM_create(0, 32, 5), o.setP2(900), o.getP2())[-1]"),
    ("StereoSGBM.setPreFilterCap", "(o := cv2.StereoSGBM_create(0, 32, 5), o.setPreFilterCap(31), o.compute(left, right))[-1]"),
    ("StereoSGBM.getPreFilterCap", "(o := cv2.StereoSGBM_create(0, 32, 5), o.setPreFilterCap(31), o.getPreFilterCap())[-1]"),
    ("StereoSGBM.setUniquenessRatio", "(o := cv2.StereoSGBM_create(0, 32, 5), o.setUniquenessRatio(10), o.compute(left, right))[-1]"),
    ("StereoSGBM.getUniquenessRatio", "(o := cv2.StereoSGBM_create(0, 32, 5), o.setUniquenessRatio(10), o.getUniquenessRatio())[-1]"),
    ("SIFT_create", "cv2.SIFT_create(200).detectAndCompute(scene, None)"),
    ("SIFT.create", "cv2.SIFT.create(nfeatures=50, contrastThreshold=0.05).detect(gray, None)"),
    ("SIFT.getDefaultName", "cv2.SIFT_create().getDefaultName()"),
    ("SIFT.setContrastThreshold", "(o := cv2.SIFT_create(), o.setContrastThreshold(0.08), o.detect(scene, None))[-1]"),
    ("SIFT.getContrastThreshold", "(o := cv2.SIFT_create(), o.setContrastThreshold(0.08), o.getContrastThreshold())[-1]"),
    ("SIFT.setEdgeThreshold", "(o := cv2.SIFT_create(), o.setEdgeThreshold(5.0), o.detect(scene, None))[-1]"),
    ("SIFT.getEdgeThreshold", "(o := cv2.SIFT_create(), o.setEdgeThreshold(5.0), o.getEdgeThreshold())[-1]"),
    ("SIFT.setNFeatures", "(o := cv2.SIFT_create(), o.setNFeatures(30), o.detect(scene, None))[-1]"),
    ("SIFT.getNFeatures", "(o := cv2.SIFT_create(), o.setNFeatures(30), o.getNFeatures())[-1]"),
    ("SIFT.setNOctaveLayers", "(o := cv2.SIFT_create(), o.setNOctaveLayers(2), o.detect(scene, None))[-1]"),
    ("SIFT.getNOctaveLayers", "(o := cv2.SIFT_create(), o.setNOctaveLayers(2), o.getNOctaveLayers())[-1]"),
    ("SIFT.setSigma", "(o := cv2.SIFT_create(), o.setSigma(1.2), o.detect(scene, None))[-1]"),
    ("SIFT.getSigma", "(o := cv2.SIFT_create(), o.setSigma(1.2), o.getSigma())[-1]"),
    ("colorChange", "cv2.colorChange(bgr, mask.copy(), red_mul=1.5, green_mul=0.8)"),
    ("colorChange", "(m := mask.copy(), cv2.colorChange(bgr, m), m)[2]"),
    ("decolor", "cv2.decolor(bgr)"),
    ("detailEnhance", "cv2.detailEnhance(bgr)"),
    ("edgePreservingFilter", "cv2.edgePreservingFilter(bgr, flags=cv2.RECURS_FILTER)"),
    ("edgePreservingFilter", "cv2.edgePreservingFilter(bgr, flags=cv2.NORMCONV_FILTER, sigma_s=30, sigma_r=0.3)"),
    ("fastNlMeansDenoising", "cv2.fastNlMeansDenoising(gray, None, 10, 7, 21)"),
    ("fastNlMeansDenoising", "cv2.fastNlMeansDenoising(u16, [2000.0], None, 5, 11, cv2.NORM_L1)"),
    ("fastNlMeansDenoisingColored", "cv2.fastNlMeansDenoisingColored(bgr, None, 10, 10, 7, 15)"),
    ("fastNlMeansDenoisingMulti", "cv2.fastNlMeansDenoisingMulti([gray, shifted, gray], 1, 3, None, 8, 5, 11)"),
    ("fastNlMeansDenoisingColoredMulti", "cv2.fastNlMeansDenoisingColoredMulti([bgr, bgr, np.roll(bgr, 1, 0)], 1, 3, None, 8, 8, 5, 11)"),
    ("illuminationChange", "cv2.illuminationChange(bgr, mask.copy(), alpha=0.3, beta=0.5)"),
    ("illuminationChange", "(m := mask.copy(), cv2.illuminationChange(bgr, m), m, cv2.illuminationChange(bgr, m))[2:]"),
    ("pencilSketch", "cv2.pencilSketch(bgr)"),
    ("seamlessClone", "cv2.seamlessClone(bgr[20:80, 30:110].copy(), np.ascontiguousarray(scene), np.full((60, 80), 255, np.uint8), (160, 120), cv2.NORMAL_CLONE)"),
    ("seamlessClone", "(m := mask[20:80, 30:110].copy(), cv2.seamlessClone(bgr[20:80, 30:110].copy(), np.ascontiguousarray(scene), m, (160, 120), cv2.NORMAL_CLONE), m)[1:]"),
    ("seamlessClone", "cv2.seamlessClone(bgr[20:80, 30:110].copy(), np.ascontiguousarray(scene), np.full((60, 80), 255, np.uint8), (100, 90), cv2.MIXED_CLONE)"),
    ("stylization", "cv2.stylization(bgr)"),
    ("textureFlattening", "cv2.textureFlattening(bgr, mask.copy(), low_threshold=20, high_threshold=60)"),
    ("textureFlattening", "(m := mask.copy()[..., None], cv2.textureFlattening(bgr, mask=m), m)[2]"),
    ("SVDecomp", "cv2.SVDecomp(mat3)"),
    ("SVDecomp", "cv2.SVDecomp(np.float32([[1, 2], [3, 4], [5, 6]]), flags=cv2.SVD_FULL_UV)"),
    ("SVBackSubst", "(s := cv2.SVDecomp(mat3), cv2.SVBackSubst(*s, vec3))[1]"),
    ("eigenNonSymmetric", "cv2.eigenNonSymmetric(np.array([[2.0, 1.0, 0.0], [0.5, 3.0, 1.0], [0.0, 0.2, 1.0]]))"),
    ("mulSpectrums", "cv2.mulSpectrums(cv2.dft(f32, flags=cv2.DFT_COMPLEX_OUTPUT), cv2.dft(f32[::-1].copy(), flags=cv2.DFT_COMPLEX_OUTPUT), 0, conjB=True)"),
    ("mulSpectrums", "cv2.mulSpectrums(cv2.dft(f32), cv2.dft(f32), cv2.DFT_ROWS)"),
    ("batchDistance", "cv2.batchDistance(samples[:10], samples[10:30], cv2.CV_32F, K=3)"),
    ("batchDistance", "cv2.batchDistance(samples[:10], samples[10:30], cv2.CV_32F, normType=cv2.NORM_L1, K=1)"),
    ("batchDistance", "error_fields(lambda: cv2.batchDistance(samples[:10], samples[10:30], cv2.CV_32F), func=False)"),
    ("solveLP", "cv2.solveLP(np.array([[3.0, 1.0, 2.0]]), np.array([[1.0, 1.0, 3.0, 30.0], [2.0, 2.0, 5.0, 24.0], [4.0, 1.0, 2.0, 36.0]]), 1e-9)"),
    ("cornerEigenValsAndVecs", "(e := cv2.cornerEigenValsAndVecs(gray, 3, 3), apart := (e[..., 0] - e[..., 1] > 1e-3 * e[..., 0].max())[..., None, None], e[..., :2], apart * e[..., 2:4, None] * e[..., None, 2:4], apart * e[..., 4:, None] * e[..., None, 4:])[2:]"),
    ("cornerEigenValsAndVecs", "(e := cv2.cornerEigenValsAndVecs(f32, 5, 3, borderType=cv2.BORDER_REFLECT), apart := (e[..., 0] - e[..., 1] > 1e-3 * e[..., 0].max())[..., None, None], e[..., :2], apart * e[..., 2:4, None] * e[..., None, 2:4])[2:]"),
    ("pyrMeanShiftFiltering", "cv2.pyrMeanShiftFiltering(bgr, 10, 20)"),
    ("pyrMeanShiftFiltering", "cv2.pyrMeanShiftFiltering(bgr, 8, 16, maxLevel=1)"),
    ("goodFeaturesToTrackWithQuality", "cv2.goodFeaturesToTrackWithQuality(gray, 50, 0.01, 5, None)"),
    ("HoughLinesWithAccumulator", "cv2.HoughLinesWithAccumulator(cv2.Canny(gray, 50, 150), 1, np.pi / 180, 40)"),
    ("HoughLinesPointSet", "cv2.HoughLinesPointSet(np.float32([[x, 2 * x + 3] for x in range(20)] + [[x, 40 - x] for x in range(15)]).reshape(-1, 1, 2), 5, 10, 0, 100, 1, 0, np.pi, np.pi / 180)"),
    ("HoughCirclesWithAccumulator", "cv2.HoughCirclesWithAccumulator(gray, cv2.HOUGH_GRADIENT, 1, 20, param1=100, param2=20, minRadius=5, maxRadius=40)"),
    ("getClosestEllipsePoints", "cv2.getClosestEllipsePoints(rr1, fpts)"),
    ("integral3", "cv2.integral3(gray)"),
    ("integral3", "cv2.integral3(bgr, sdepth=cv2.CV_64F, sqdepth=cv2.CV_64F)"),
    ("cvtColorTwoPlane", "cv2.cvtColorTwoPlane(gray[:120:, :160], gray[:60, :160].reshape(60, 80, 2).copy(), cv2.COLOR_YUV2BGR_NV12)"),
    ("thresholdWithMask", "cv2.thresholdWithMask(gray, np.zeros_like(gray), mask, 100, 255, cv2.THRESH_BINARY)"),
    ("thresholdWithMask", "cv2.thresholdWithMask(f32, np.full_like(f32, 7), mask, 0.5, 1.0, cv2.THRESH_TRUNC)"),
    ("createLineSegmentDetector", "cv2.createLineSegmentDetector().detect(gray)"),
    ("createLineSegmentDetector", "cv2.createLineSegmentDetector(cv2.LSD_REFINE_STD, 0.8, 0.6, 2.0, 22.5, 0, 0.7, 1024).detect(cv2.cvtColor(scene, cv2.COLOR_BGR2GRAY))"),
    ("LineSegmentDetector.detect", "cv2.createLineSegmentDetector(cv2.LSD_REFINE_NONE, 0.5).detect(gray)[0]"),
    ("LineSegmentDetector.drawSegments", "(d := cv2.createLineSegmentDetector(), img := bgr.copy(), d.drawSegments(img, d.detect(gray)[0]))[1]"),
    ("LineSegmentDetector.compareSegments", "(d := cv2.createLineSegmentDetector(), img := np.zeros((120, 160, 3), np.uint8), d.compareSegments((160, 120), d.detect(gray)[0], d.detect(shifted)[0], img))[2:]"),
    ("LineSegmentDetector.compareSegments", "(d := cv2.createLineSegmentDetector(), error_fields(lambda: d.compareSegments((160, 120), d.detect(gray)[0], d.detect(shifted)[0]), func=False))[1]"),
)
# fmt: on


def flat(np: Any, value: Any, name: str = "") -> dict[str, Any]:
    """Any result (array, number, tuple, dict, None) as named numpy arrays."""
    if isinstance(value, np.ndarray):
        return {name or "value": value}
    if value is None:
        return {name or "value": np.array("None")}
    if hasattr(value, "queryIdx"):  # cv2.DMatch
        fields = ("queryIdx", "trainIdx", "imgIdx", "distance")
        return flat(np, {f: getattr(value, f) for f in fields}, name)
    if hasattr(value, "pt") and hasattr(value, "octave"):  # cv2.KeyPoint
        fields = ("pt", "size", "angle", "response", "octave", "class_id")
        return flat(np, {f: getattr(value, f) for f in fields}, name)
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key in sorted(value):
            out.update(flat(np, value[key], f"{name}.{key}"))
        return out
    if isinstance(value, (tuple, list)):
        out = {f"{name}#len": np.array(len(value), "int64")}
        for index, item in enumerate(value):
            out.update(flat(np, item, f"{name}[{index}]"))
        return out
    if isinstance(value, bool):
        return {name or "value": np.array(value, "bool")}
    if isinstance(value, int):  # Pyodide's numpy would make int32 of a Python int
        return {name or "value": np.array(value, "int64")}
    if isinstance(value, float):
        return {name or "value": np.array(value, "float64")}
    if isinstance(value, str):
        return {name or "value": np.array(value)}
    return {name or "value": np.array(f"object {type(value).__name__}")}


def run(cv2: Any, np: Any, images: dict[str, Any]) -> dict[str, Any]:
    """Every case's result as ``{"<index>/<part>": array}`` (an error as its message)."""
    env = inputs(np, images)
    results: dict[str, Any] = {}
    for index, (_function, expression) in enumerate(CASES):
        try:
            value = eval(expression, {"cv2": cv2, "np": np, "error_fields": error_fields, **env})  # noqa: S307 - our own table
        except Exception as err:  # noqa: BLE001 - an error is a result to compare
            value = f"error: {type(err).__name__}"
        for part, array in flat(np, value).items():
            results[f"{index}/{part}"] = array
    return results
