# ruff: noqa: E501 - the case tables read best one case a line
"""Parity cases for the cv2 bridge, run by both sides.

This module runs twice: in the browser kernel against ``portlite.cv2`` and on
CPython against opencv-python. The kernel makes the inputs and sends them
back with its results, so both sides compute on the same bytes whatever
their numpy versions' random streams do. It imports nothing but numpy.
"""

from __future__ import annotations

from typing import Any

#: dtype names the bridge accepts.
DTYPES = ("uint8", "int8", "uint16", "int16", "int32", "float32", "float64")


def make_inputs(np: Any) -> dict[str, Any]:
    """Seeded images: every dtype x 1/3/4 channels, odd sizes, a 1x1 and a 1xN."""
    rng = np.random.default_rng(20261130)
    images: dict[str, Any] = {}
    for dtype in DTYPES:
        for channels in (1, 3, 4):
            shape = (37, 53) if channels == 1 else (37, 53, channels)
            if dtype.startswith("float"):
                data = (rng.random(shape) * 255).astype(dtype)
            else:
                info = np.iinfo(dtype)
                data = rng.integers(info.min, info.max, shape, dtype=dtype, endpoint=True)
            images[f"{dtype}_c{channels}"] = data
    images["one_pixel"] = rng.integers(0, 256, (1, 1, 3), dtype="uint8")
    images["one_row"] = rng.integers(0, 256, (1, 17), dtype="uint8")
    # A smooth gradient with noise: Otsu has two real classes to split.
    y, x = np.mgrid[0:41, 0:67]
    images["gradient"] = ((x * 3 + y * 2) % 256).astype("uint8")
    return images


def cases(images: dict[str, Any]) -> list[tuple[str, str, str, tuple[Any, ...], dict[str, Any]]]:
    """``(case id, input id, function, args, kwargs)`` for every case."""
    out: list[tuple[str, str, str, tuple[Any, ...], dict[str, Any]]] = []
    for key in images:
        for interpolation in (0, 1, 2, 3, 4):
            out.append((f"resize/{key}/i{interpolation}", key, "resize", ((20, 11),),
                        {"interpolation": interpolation}))  # fmt: skip
        out.append((f"resize_fx/{key}", key, "resize", (None,), {"fx": 1.5, "fy": 0.5}))
        out.append((f"blur5/{key}", key, "GaussianBlur", ((5, 5), 0), {}))
        out.append((f"blur_noncontig/{key}", key, "GaussianBlur@flip", ((3, 3), 1.2), {}))
    for key in ("uint8_c3", "float32_c3", "uint16_c3", "uint8_c4"):
        for code in (4, 6, 40, 2):  # BGR2RGB, BGR2GRAY, BGR2HSV, BGR2RGBA
            out.append((f"cvtColor/{key}/{code}", key, "cvtColor", (code,), {}))
    for key in ("uint8_c1", "float32_c1", "gradient", "int16_c1"):
        for kind in (0, 1, 2, 3, 4, 8, 9):
            out.append((f"threshold/{key}/{kind}", key, "threshold", (100, 255, kind), {}))
    out += _more_cases(images)
    return out


#: A structuring element, made on each side by cv2.getStructuringElement.
def _element(shape: int, size: int) -> tuple[str, int, tuple[int, int]]:
    return ("element", shape, (size, size))


def _more_cases(
    images: dict[str, Any],
) -> list[tuple[str, str, str, tuple[Any, ...], dict[str, Any]]]:
    real = [key for key in ("coins", "page", "chelsea") if key in images]
    gray8 = ["uint8_c1", "gradient", *[k for k in real if images[k].ndim == 2]]
    out: list[tuple[str, str, str, tuple[Any, ...], dict[str, Any]]] = []
    for key in ("uint8_c3", "float32_c1", "int16_c4", *real):
        for code in (0, 1, -1):
            out.append((f"flip/{key}/{code}", key, "flip", (code,), {}))
        for border in (0, 1, 2, 4):
            out.append((f"border/{key}/{border}", key, "copyMakeBorder", (3, 1, 4, 2, border),
                        {"value": (10, 20, 30, 40)}))  # fmt: skip
        for size in (3, 5):
            out.append((f"boxblur/{key}/{size}", key, "blur", ((size, size + 2),), {}))
    for key in ("uint8_c1", "uint8_c3", "float32_c1", *real):
        out.append((f"median/{key}/3", key, "medianBlur", (3,), {}))
        if images[key].dtype.name == "uint8":
            out.append((f"median/{key}/5", key, "medianBlur", (5,), {}))
    for key in ("uint8_c1", "uint8_c3", "float32_c3", *real):
        out.append((f"bilateral/{key}", key, "bilateralFilter", (5, 50.0, 50.0), {}))
    for key in gray8:
        for method in (0, 1):
            for kind in (0, 1):
                out.append((f"adaptive/{key}/{method}{kind}", key, "adaptiveThreshold",
                            (255, method, kind, 11, 2), {}))  # fmt: skip
        out.append((f"canny/{key}", key, "Canny", (50, 150), {}))
        out.append((f"canny_l2/{key}", key, "Canny", (50, 150), {"L2gradient": True}))
        out.append((f"sobel/{key}/x16s", key, "Sobel", (3, 1, 0), {}))
        out.append((f"sobel/{key}/y32f", key, "Sobel", (5, 0, 1), {"ksize": 5}))
    for key in ("uint8_c1", "uint8_c3", "float32_c1", "uint16_c1", *real):
        for shape in (0, 1, 2):
            out.append((f"dilate/{key}/{shape}", key, "dilate", (_element(shape, 5),), {}))
            out.append((f"erode/{key}/{shape}", key, "erode", (_element(shape, 3),),
                        {"iterations": 2}))  # fmt: skip
        for op in (2, 3, 4, 5, 6):
            out.append((f"morph/{key}/{op}", key, "morphologyEx", (op, _element(2, 5)), {}))
    for shape in (0, 1, 2):
        for size in ((3, 3), (5, 7), (1, 4)):
            out.append((f"element/{shape}/{size[0]}x{size[1]}", "one_pixel",
                        "getStructuringElement", (shape, size), {}))  # fmt: skip
    for key in gray8:
        for mode in (0, 1, 2, 3, 4):  # 4: RETR_FLOODFILL, on an int32 image
            for method in (1, 2, 3, 4):
                out.append((f"contours/{key}/{mode}{method}", key, "findContours",
                            (mode, method), {}))  # fmt: skip
        out.append((f"shapes/{key}", key, "shapes", (), {}))
    return out + _geometry_and_array_cases(images) + _drawing_cases(images)


DRAWING = ("line", "rectangle", "circle", "polylines", "fillPoly", "drawContours", "putText")
TRIANGLE = ("array", "int32", [[[3, 4]], [[40, 10]], [[20, 33]]])
ZIGZAG = ("array", "int32", [[5, 30], [15, 5], [25, 30], [35, 5], [45, 30]])


def _drawing_cases(
    images: dict[str, Any],
) -> list[tuple[str, str, str, tuple[Any, ...], dict[str, Any]]]:
    real = [key for key in ("coins", "page", "chelsea") if key in images]
    colour = (40, 200, 90, 255)
    out: list[tuple[str, str, str, tuple[Any, ...], dict[str, Any]]] = []
    for key in ("uint8_c3", "float32_c1", "uint16_c4", "uint8_c1", *real):
        for line_type in (4, 8, 16):
            out += [
                (f"line/{key}/{line_type}", key, "line", ((2, 3), (50, 30), colour, 2, line_type), {}),
                (f"circle/{key}/{line_type}", key, "circle", ((25, 18), 10, colour, 1, line_type), {}),
                (f"polylines/{key}/{line_type}", key, "polylines",
                 ([TRIANGLE, ZIGZAG], True, colour, 2, line_type), {}),
                (f"fillPoly/{key}/{line_type}", key, "fillPoly", ([TRIANGLE, ZIGZAG], colour, line_type), {}),
                (f"putText/{key}/{line_type}", key, "putText",
                 ("PortLite 4.12", (1, 25), 0, 0.5, colour, 1, line_type), {}),
            ]  # fmt: skip
        out += [
            (f"rectangle/{key}", key, "rectangle", ((5, 5), (30, 20), colour, 3), {}),
            (f"rectangle_filled/{key}", key, "rectangle", ((5, 5), (30, 20), colour, -1), {}),
            (f"rectangle_rec/{key}", key, "rectangle", ((4, 6, 20, 12), colour, 2), {}),
            (f"circle_filled/{key}", key, "circle", ((25, 18), 12, colour), {"thickness": -1}),
            (f"putText_italic/{key}", key, "putText", ("Hi!", (2, 30), 1 | 16, 1.2, colour, 2), {}),
        ]
    for key, source in (("uint8_c1", "uint8_c1"), ("uint8_c3", "uint8_c1"),
                        *[(k, k) for k in real if images[k].ndim == 2]):  # fmt: skip
        out += [
            (f"drawContours/{key}", key, "drawContours", (("contours", source), -1, (255, 0, 0), 1), {}),
            (f"drawContours_filled/{key}", key, "drawContours", (("contours", source), 3, (90,), -1), {}),
            (f"drawContours_levels/{key}", key, "drawContours", (("tree", source), -1, (200, 10, 10), 2),
             {"hierarchy": ("hierarchy", source), "maxLevel": 1}),
        ]  # fmt: skip
    return out


AFFINE = ("array", "float64", [[0.9, -0.2, 3.5], [0.25, 1.1, -2.0]])
PERSPECTIVE = ("array", "float64", [[1.05, 0.1, -3.0], [0.05, 0.95, 2.0], [5e-4, 3e-4, 1.0]])
QUAD_FROM = ("array", "float32", [[0, 0], [50, 2], [48, 35], [3, 30]])
QUAD_TO = ("array", "float32", [[[2, 1]], [[52, 0]], [[50, 37]], [[0, 33]]])


def _geometry_and_array_cases(
    images: dict[str, Any],
) -> list[tuple[str, str, str, tuple[Any, ...], dict[str, Any]]]:
    real = [key for key in ("coins", "page", "chelsea") if key in images]
    out: list[tuple[str, str, str, tuple[Any, ...], dict[str, Any]]] = []
    for key in ("uint8_c3", "float32_c1", "uint16_c4", "int16_c1", *real):
        for flags in (0, 1, 2, 1 + 16):  # nearest, linear, cubic, linear | WARP_INVERSE_MAP
            out.append((f"affine/{key}/{flags}", key, "warpAffine", (AFFINE, (45, 31)),
                        {"flags": flags, "borderValue": (7, 8, 9, 10)}))  # fmt: skip
            out.append((f"perspective/{key}/{flags}", key, "warpPerspective",
                        (PERSPECTIVE, (60, 40)), {"flags": flags}))  # fmt: skip
        out.append((f"affine_replicate/{key}", key, "warpAffine", (AFFINE, (45, 31)),
                    {"borderMode": 1}))  # fmt: skip
    for center, angle, scale in (((26.5, 18.0), 30.0, 1.0), ((0, 0), -45.5, 0.75)):
        out.append((f"rotation/{angle}", "one_pixel", "getRotationMatrix2D",
                    (center, angle, scale), {}))  # fmt: skip
    out.append(("perspective_matrix", "one_pixel", "getPerspectiveTransform",
                (QUAD_FROM, QUAD_TO), {}))  # fmt: skip
    for key, low, high in (
        ("uint8_c3", (50, 60, 70), (200, 210, 220)),
        ("uint8_c1", 100, 200),
        ("float32_c3", (20.5, 0, 0), (180.0, 255, 128)),
        ("int16_c1", -1000, 1000),
        *[(k, (40, 40, 40), (160, 200, 220)) for k in real if images[k].ndim == 3],
    ):
        out.append((f"inRange/{key}", key, "inRange", (low, high), {}))
    for key in ("float32_c1", "uint8_c3", "float64_c1", "int16_c1", *real):
        for norm in (1, 2, 4, 32):
            out.append((f"normalize/{key}/{norm}", key, "normalize", (None, 0, 255, norm), {}))
        out.append((f"normalize_f32/{key}", key, "normalize", (None, 0, 1, 32, 5), {}))
    out.append(("normalize_mask", "uint8_c1", "normalize", (None, 0, 255, 32),
                {"mask": ("binary", "gradient_crop")}))  # fmt: skip
    for key in ("uint8_c3", "float32_c1", "int16_c1", "uint16_c3", *real):
        out.append(
            (f"addWeighted/{key}", key, "addWeighted", (0.7, ("flipped", key), 0.4, 5.0), {})
        )
        out.append((f"addWeighted_f32/{key}", key, "addWeighted", (0.5, ("flipped", key), 0.5, 0.0),
                    {"dtype": 5}))  # fmt: skip
    for key in ("uint8_c3", "float64_c4", "uint8_c1", *real):
        out.append((f"split/{key}", key, "split", (), {}))
        out.append((f"merge/{key}", key, "merge", (), {}))
    return out


def _resolve(cv2: Any, np: Any, images: dict[str, Any], arg: Any) -> Any:
    """Turn a marker tuple into the array it stands for, the same way on both sides."""
    if isinstance(arg, list):
        return [_resolve(cv2, np, images, item) for item in arg]
    if not (isinstance(arg, tuple) and arg and isinstance(arg[0], str)):
        return arg
    kind = arg[0]
    if kind == "element":
        return cv2.getStructuringElement(arg[1], arg[2])
    if kind == "array":
        return np.array(arg[2], arg[1])
    if kind == "flipped":  # a negative-stride view of another image
        return images[arg[1]][::-1]
    if kind in ("contours", "tree", "hierarchy"):
        mode = 1 if kind == "contours" else 3  # RETR_LIST or RETR_TREE
        contours, hierarchy = cv2.findContours(_binary(np, images[arg[1]]), mode, 2)
        return hierarchy if kind == "hierarchy" else contours
    if kind == "binary":
        source = images["uint8_c1"] if arg[1] == "gradient_crop" else images[arg[1]]
        return _binary(np, source[::-1])
    return arg


def _binary(np: Any, image: Any) -> Any:
    """A binary image for the contour cases: above the mean is foreground."""
    return ((image > image.mean()) * 255).astype(np.uint8)


def _contour_outputs(np: Any, result: Any) -> dict[str, Any]:
    contours, hierarchy = result
    out = {f"c{i:05d}": c for i, c in enumerate(contours)}
    out["count"] = np.array(len(contours), np.int64)
    out["hierarchy"] = np.zeros((0,), np.int32) if hierarchy is None else hierarchy
    return out


def _shapes(cv2: Any, np: Any, image: Any) -> dict[str, Any]:
    binary = _binary(np, image)
    contours, _ = cv2.findContours(binary, 0, 2)
    floats = [c.astype(np.float32) for c in contours]
    rects = [cv2.minAreaRect(c) for c in contours]
    out = {
        "area": np.array([cv2.contourArea(c) for c in contours], np.float64),
        "oriented": np.array([cv2.contourArea(c, True) for c in contours], np.float64),
        "length": np.array([cv2.arcLength(c, True) for c in contours], np.float64),
        "open_length": np.array([cv2.arcLength(c, False) for c in floats], np.float64),
        "rect": np.array([cv2.boundingRect(c) for c in contours], np.int64).reshape(-1, 4),
        "min_rect": np.array([[*r[0], *r[1], r[2]] for r in rects], np.float64).reshape(-1, 5),
        "box": np.array([cv2.boxPoints(r) for r in rects], np.float32).reshape(-1, 4, 2),
        "moments": np.array(
            [[cv2.moments(c)[k] for k in sorted(cv2.moments(c))] for c in contours], np.float64
        ).reshape(-1, 24),
        "image_moments": np.array(
            [v for _, v in sorted(cv2.moments(binary, True).items())], np.float64
        ),
        "mean": np.array(cv2.mean(image), np.float64),
        "mean_masked": np.array(cv2.mean(image, mask=binary), np.float64),
    }
    for i, c in enumerate(contours[:40]):
        out[f"approx{i:03d}"] = cv2.approxPolyDP(c, 0.02 * cv2.arcLength(c, True), True)
        out[f"hull{i:03d}"] = cv2.convexHull(c)
        out[f"hull_idx{i:03d}"] = cv2.convexHull(c, returnPoints=False, clockwise=True)
        out[f"hull_f{i:03d}"] = cv2.convexHull(floats[i])
    count, labels, stats, centroids = cv2.connectedComponentsWithStats(binary)
    out |= {"cc_count": np.array(count, np.int64), "cc_labels": labels, "cc_stats": stats,
            "cc_centroids": centroids}  # fmt: skip
    count4, labels4, _, _ = cv2.connectedComponentsWithStats(binary, connectivity=4)
    out |= {"cc4_count": np.array(count4, np.int64), "cc4_labels": labels4}
    return out


def apply(cv2: Any, np: Any, images: dict[str, Any], case: tuple[Any, ...]) -> dict[str, Any]:
    """Run one case; return its outputs as arrays (an error becomes its type name)."""
    _, key, func, args, kwargs = case
    image = images[key]
    if func.endswith("@flip"):  # a negative-stride, non-contiguous view
        func, image = func[: -len("@flip")], image[:, ::-1]
    args = tuple(_resolve(cv2, np, images, a) for a in args)
    kwargs = {k: _resolve(cv2, np, images, v) for k, v in kwargs.items()}
    try:
        if func in ("getStructuringElement", "getRotationMatrix2D", "getPerspectiveTransform"):
            return {"image": getattr(cv2, func)(*args)}
        if func in DRAWING:  # cv2 draws in place: on a copy, and it must return that copy
            canvas = image.copy()
            drawn = getattr(cv2, func)(canvas, *args, **kwargs)
            return {"image": drawn, "in_place": np.array(drawn is canvas)}
        if func == "split":
            return {f"ch{i}": channel for i, channel in enumerate(cv2.split(image))}
        if func == "merge":  # channels reversed, then a two-channel merge of the first
            channels = cv2.split(image)
            return {"image": cv2.merge(channels[::-1]), "pair": cv2.merge([channels[0]] * 2)}
        if func == "shapes":
            return _shapes(cv2, np, image)
        if func == "findContours":
            binary = _binary(np, image)
            if args[0] == 4:  # RETR_FLOODFILL takes CV_32SC1
                binary = (binary // 255).astype(np.int32)
            return _contour_outputs(np, cv2.findContours(binary, *args))
        result = getattr(cv2, func)(image, *args, **kwargs)
    except cv2.error:
        return {"error": np.array("cv2.error")}
    if isinstance(result, tuple):
        return {"retval": np.array(result[0]), "image": result[1]}
    return {"image": result}
