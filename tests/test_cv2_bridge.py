# ruff: noqa: E501 - the error table reads best one case a line
"""portlite.cv2 in the browser kernel: bit-exact parity with opencv-python, no leaks, clear errors."""

from __future__ import annotations

import base64
import io
import json
import re
from pathlib import Path

import cv2
import cv2_parity_cases as parity
import numpy as np
import pytest

pytestmark = pytest.mark.browser

CASES_SOURCE = (Path(__file__).parent / "cv2_parity_cases.py").read_text()

RUN_IN_KERNEL = """
import base64, io
import numpy as np
import portlite
portlite.install_aliases()
import cv2
from PIL import Image
from pyodide.ffi import run_sync
from pyodide.http import pyfetch
images = make_inputs(np)
# Real photographs and scans from scikit-image, BGR like cv2.imread gives them.
for name in ("coins", "page", "chelsea"):
    png = run_sync(run_sync(pyfetch(portlite._js.site_url(f"files/data/{name}.png"))).bytes())
    pixels = np.asarray(Image.open(io.BytesIO(png)))
    images[name] = np.ascontiguousarray(pixels[..., ::-1]) if pixels.ndim == 3 else pixels
arrays = {f"in/{key}": value for key, value in images.items()}
for case in cases(images):
    for part, value in apply(cv2, np, images, case).items():
        arrays[f"out/{case[0]}/{part}"] = value
buffer = io.BytesIO()
np.savez(buffer, **arrays)
print(base64.b64encode(buffer.getvalue()).decode())
"""


@pytest.fixture(scope="module")
def a_cv2_kernel(a_browser, a_site_url):
    """One kernel for the module's tests (opencv.js loads once)."""
    from portlite_site.testing import guarded_page

    with guarded_page(a_browser, a_site_url) as (lite, _guard):
        lite.open_notebook("smoke.ipynb")
        lite.text("import portlite; portlite.install_aliases(); import cv2")
        yield lite


#: Cases that cannot be bit-identical, with the tolerance measured for them.
#: opencv-python runs SIMD paths (AVX2) that round differently from the wasm
#: build: with ``cv2.setUseOptimized(False)`` all but the cubic and Lanczos
#: resizes of 16-bit and float32 images match exactly. Measured on
#: 2026-11-30: integers differ by at most 1, floats (values 0-255) by at
#: most 6.7e-4.
TOLERANCES = (
    (
        re.compile(
            r"^resize(_fx)?/(u?int16_c\d|uint8_c\d|gradient|coins|page|chelsea)(/i[124])?/image$"
        ),
        1.0,
    ),
    # bilateralFilter: opencv-python's AVX2 exp/weight tables round differently
    # (measured 2026-11-30: uint8 by at most 1, float32 by at most 4.6e-5).
    (re.compile(r"^bilateral/(uint8_c\d|coins|page|chelsea)/image$"), 1.0),
    (re.compile(r"^bilateral/float32_c\d/image$"), 1e-4),
    # addWeighted and NORM_MINMAX: opencv-python differs from itself by the same
    # amounts with cv2.setUseOptimized(False) (measured 2026-11-30: integers by 1,
    # float32 in 0-255 by 1.5e-5, float64 by 2.8e-14).
    (re.compile(r"^addWeighted/\w+/image$"), 1.0),
    (re.compile(r"^addWeighted_f32/\w+/image$"), 1e-4),
    (re.compile(r"^normalize(/float(32|64)_c1/32|_f32/\w+)/image$"), 1e-4),
    (re.compile(r"^blur_noncontig/int16_c\d/image$"), 1.0),
    (
        re.compile(r"^(resize|resize_fx|blur5|blur_noncontig|cvtColor)/float(32|64)_c\d.*/image$"),
        1e-3,
    ),
)


#: Gaps allowed between a colour JPEG decoded (or encoded) by the kernel's
#: Pillow and by opencv-python's libjpeg-turbo: Pyodide's Pillow has its own
#: libjpeg, whose chroma upsampling differs. Measured 2026-11-30 on chelsea at
#: quality 90: at most 13 levels, 0.29 on average. Grey JPEGs and PNGs: exact.
JPEG_DECODE_TOLERANCE = 16
JPEG_MEAN_TOLERANCE = 0.5


def cv2_bridge_names(kernel) -> list[str]:
    """The names in portlite.cv2.BRIDGED, read from the kernel."""
    return json.loads(
        kernel.text("import json, portlite.cv2\nprint(json.dumps(portlite.cv2.BRIDGED))")
    )


def _tolerance(name: str) -> float:
    return next((atol for pattern, atol in TOLERANCES if pattern.match(name)), 0.0)


def test_every_case_matches_opencv_python(a_cv2_kernel) -> None:
    payload = a_cv2_kernel.text(CASES_SOURCE + RUN_IN_KERNEL)
    arrays = np.load(io.BytesIO(base64.b64decode(payload)))
    images = {k.removeprefix("in/"): arrays[k] for k in arrays.files if k.startswith("in/")}
    cases = parity.cases(images)
    assert len(cases) > 200
    failures, exact = [], 0
    for case in cases:
        native = parity.apply(cv2, np, images, case)
        prefix = f"out/{case[0]}/"
        web = {k.removeprefix(prefix): arrays[k] for k in arrays.files if k.startswith(prefix)}
        if native.keys() != web.keys():
            failures.append(f"{case[0]}: native gave {sorted(native)}, the bridge {sorted(web)}")
            continue
        for part, expected in native.items():
            got, name = web[part], f"{case[0]}/{part}"
            if got.dtype != expected.dtype or got.shape != expected.shape:
                failures.append(
                    f"{name}: {expected.dtype}{expected.shape} vs {got.dtype}{got.shape}"
                )
            elif np.array_equal(got, expected):
                exact += 1
            else:
                diff = float(np.abs(got.astype(np.float64) - expected.astype(np.float64)).max())
                if diff > _tolerance(name):
                    failures.append(f"{name}: max |diff| {diff:g} > {_tolerance(name):g}")
    assert failures == [], "\n".join(failures)
    assert exact >= 0.75 * len(cases)


def test_a_thousand_calls_of_each_function_do_not_grow_either_heap(a_cv2_kernel) -> None:
    text = a_cv2_kernel.text(
        """
import json, numpy as np, pyodide_js, portlite.cv2 as bridge
image = np.arange(64 * 48 * 3, dtype=np.uint8).reshape(64, 48, 3)
gray = image[..., 0].copy()
kernel = np.ones((3, 3), np.uint8)
points = np.array([[[0, 0]], [[10, 0]], [[10, 7]], [[0, 7]]], np.int32)
quad = np.array([[0, 0], [40, 2], [38, 30], [3, 28]], np.float32)
png = bridge.imencode(".png", image)[1]
# Every bridged function, and calls that fail inside opencv.js (they must not leak either).
calls = {
    "resize": lambda: bridge.resize(image, (32, 24)),
    "flip": lambda: bridge.flip(image, -1),
    "copyMakeBorder": lambda: bridge.copyMakeBorder(image, 2, 2, 2, 2, bridge.BORDER_CONSTANT, value=(1, 2, 3)),
    "cvtColor": lambda: bridge.cvtColor(image, bridge.COLOR_BGR2GRAY),
    "cvtColor/fails": lambda: bridge.cvtColor(image, 9999),
    "threshold": lambda: bridge.threshold(gray, 0, 255, bridge.THRESH_BINARY + bridge.THRESH_OTSU),
    "adaptiveThreshold": lambda: bridge.adaptiveThreshold(gray, 255, 0, 0, 11, 2),
    "GaussianBlur": lambda: bridge.GaussianBlur(image, (5, 5), 0),
    "blur": lambda: bridge.blur(image, (3, 5)),
    "medianBlur": lambda: bridge.medianBlur(image, 3),
    "bilateralFilter": lambda: bridge.bilateralFilter(image, 5, 50, 50),
    "Canny": lambda: bridge.Canny(gray, 50, 150),
    "Sobel": lambda: bridge.Sobel(gray, bridge.CV_16S, 1, 0),
    "dilate": lambda: bridge.dilate(image, kernel, iterations=2),
    "erode": lambda: bridge.erode(image, kernel),
    "morphologyEx": lambda: bridge.morphologyEx(gray, bridge.MORPH_OPEN, kernel),
    "getStructuringElement": lambda: bridge.getStructuringElement(bridge.MORPH_ELLIPSE, (5, 5)),
    "findContours": lambda: bridge.findContours(gray, bridge.RETR_TREE, bridge.CHAIN_APPROX_SIMPLE),
    "findContours/fails": lambda: bridge.findContours(image, bridge.RETR_TREE, bridge.CHAIN_APPROX_SIMPLE),
    "contourArea": lambda: bridge.contourArea(points),
    "arcLength": lambda: bridge.arcLength(points, True),
    "boundingRect": lambda: bridge.boundingRect(points),
    "warpAffine": lambda: bridge.warpAffine(image, np.eye(2, 3), (48, 64)),
    "getRotationMatrix2D": lambda: bridge.getRotationMatrix2D((20, 30), 15, 1),
    "warpPerspective": lambda: bridge.warpPerspective(image, np.eye(3), (40, 30), borderValue=(1, 2, 3)),
    "getPerspectiveTransform": lambda: bridge.getPerspectiveTransform(quad, quad[::-1].copy()),
    "inRange": lambda: bridge.inRange(image, (10, 20, 30), (200, 210, 220)),
    "normalize": lambda: bridge.normalize(gray, None, 0, 1, bridge.NORM_MINMAX, bridge.CV_32F, mask=gray),
    "addWeighted": lambda: bridge.addWeighted(image, 0.5, image, 0.5, 1),
    "addWeighted/fails": lambda: bridge.addWeighted(image, 0.5, gray, 0.5, 1),
    "split": lambda: bridge.split(image),
    "merge": lambda: bridge.merge([gray, gray]),
    "minAreaRect": lambda: bridge.minAreaRect(points),
    "boxPoints": lambda: bridge.boxPoints(((5, 5), (4, 2), 30)),
    "approxPolyDP": lambda: bridge.approxPolyDP(points, 1.5, True),
    "convexHull": lambda: bridge.convexHull(points, returnPoints=False),
    "moments": lambda: bridge.moments(points),
    "connectedComponentsWithStats": lambda: bridge.connectedComponentsWithStats(gray),
    "mean": lambda: bridge.mean(image, mask=gray),
    "line": lambda: bridge.line(image, (0, 0), (40, 60), (1, 2, 3), 2),
    "rectangle": lambda: bridge.rectangle(image, (1, 1, 5, 5), (0, 0, 0), 1),
    "circle": lambda: bridge.circle(image, (20, 20), 9, (5, 6, 7), -1),
    "polylines": lambda: bridge.polylines(image, [points], True, (1, 1, 1)),
    "fillPoly": lambda: bridge.fillPoly(image, [points], (1, 2, 3)),
    "drawContours": lambda: bridge.drawContours(image, [points, points + 5], -1, (255, 0, 0), 2),
    "putText": lambda: bridge.putText(image[::2], "leak?", (2, 20), 0, 0.5, (9, 9, 9)),
    "imencode": lambda: bridge.imencode(".png", image),
    "imdecode": lambda: bridge.imdecode(png, bridge.IMREAD_COLOR),
    "imwrite": lambda: bridge.imwrite("/tmp/leak.png", image),
    "imread": lambda: bridge.imread("/tmp/leak.png"),
}
def heaps():
    return bridge.opencv_js().HEAPU8.length, pyodide_js._module.HEAPU8.length
def run(n):
    for call in calls.values():
        for _ in range(n):
            try:
                call()
            except bridge.error:
                pass
run(50)
before = heaps()
run(1000)
print(json.dumps([sorted({name.split("/")[0] for name in calls}), before, heaps()]))
"""
    )
    covered, before, after = json.loads(text)
    assert covered == sorted(cv2_bridge_names(a_cv2_kernel))
    assert before == after


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        ("cv2.resize(None, (2, 2))", r"TypeError: resize\(\): 'src' must be a numpy.ndarray, got NoneType"),
        ("cv2.resize([[1, 2]], (2, 2))", r"TypeError: resize\(\): 'src' must be a numpy.ndarray, got list"),
        ("cv2.resize(np.zeros((4, 4), complex), (2, 2))", r"TypeError: resize\(\): 'src' has dtype complex128; expected one of uint8"),
        ("cv2.resize(np.zeros((0, 4), np.uint8), (2, 2))", r"ValueError: resize\(\): 'src' is empty \(shape \(0, 4\)\)"),
        ("cv2.resize(np.zeros((4, 4, 5), np.uint8), (2, 2))", r"ValueError: resize\(\): 'src' must be HxW or HxWxC with 1-4 channels, got shape \(4, 4, 5\)"),
        ("cv2.resize(np.zeros((4, 4), np.uint8), (2,))", r"TypeError: resize\(\): 'dsize' must be a \(width, height\) pair of ints >= 0, got \(2,\)"),
        ("cv2.cvtColor(np.zeros((4, 4, 3), np.uint8), 9999)", r"error: cvtColor\(\): OpenCV\(4.12.0\) .* Unknown/unsupported color conversion code"),
        ("cv2.fitEllipse", r"NotBridgedError: cv2.fitEllipse is not bridged to opencv.js yet; bridged: resize, flip"),
        ("cv2.dilate(np.zeros((4, 4), np.uint8), [[1]])", r"TypeError: dilate\(\): 'kernel' must be a 2-D numpy array \(e.g. getStructuringElement\(\)\), got list"),
        ("cv2.findContours(np.zeros((4, 4, 3), np.uint8), cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)", r"error: findContours\(\): OpenCV\(4.12.0\) .*"),
        ("cv2.contourArea(np.zeros((3, 2), np.float64))", r"TypeError: contourArea\(\): 'contour' must be int32 or float32 points, got dtype float64"),
        ("cv2.warpAffine(np.zeros((4, 4), np.uint8), np.eye(3), (4, 4))", r"ValueError: warpAffine\(\): 'M' must be a 2x3 float32 or float64 matrix, got float64 of shape \(3, 3\)"),
        ("cv2.getPerspectiveTransform(np.zeros((4, 2)), np.zeros((4, 2), np.float32))", r"TypeError: getPerspectiveTransform\(\): 'src' must be 4 float32 points, shape \(4, 2\) or \(4, 1, 2\), got float64 \(4, 2\)"),
        ("cv2.merge([np.zeros((4, 4), np.uint8), np.zeros((4, 5), np.uint8)])", r"error: merge\(\): 'mv\[1\]' is uint8 \(4, 5\), but 'mv\[0\]' is uint8 \(4, 4\)"),
        ("cv2.inRange(np.zeros((4, 4), np.uint8), (1, 2, 3, 4, 5), 9)", r"TypeError: inRange\(\): 'lowerb' must be a number, up to 4 numbers or an array, got \(1, 2, 3, 4, 5\)"),
        ("cv2.boxPoints(((1, 2), 3))", r"TypeError: boxPoints\(\): 'box' must be \(\(cx, cy\), \(width, height\), angle\), got \(\(1, 2\), 3\)"),
        ("cv2.convexHull(np.zeros((3, 2), np.int32), hull=np.zeros(3))", r"NotImplementedError: convexHull\(\): 'hull' is not supported yet; use the return value"),
        ("cv2.mean(np.zeros((4, 4), np.uint8), mask=np.zeros((3, 3), np.uint8))", r"error: mean\(\): OpenCV\(4.12.0\) .*"),
        ("cv2.line(np.broadcast_to(np.zeros((4, 4), np.uint8), (4, 4)), (0, 0), (3, 3), 255)", r"ValueError: line\(\): 'img' is read-only; cv2 draws in place, pass a writable array"),
        ("cv2.rectangle(np.zeros((4, 4), np.uint8), (0, 0), (3, 3))", r"TypeError: rectangle\(\): missing the 'color' argument"),
        ("cv2.putText(np.zeros((4, 4), np.uint8), 42, (0, 3), 0, 1.0, 255)", r"TypeError: putText\(\): 'text' must be a str, got int"),
        ("cv2.imwrite('/tmp/out.xyz', np.zeros((4, 4), np.uint8))", r"error: imwrite\(\): could not find a writer for the specified extension '.xyz'"),
        ("cv2.imdecode('not bytes', 1)", r"TypeError: imdecode\(\): 'buf' must be a numpy array of bytes, got str"),
        ("cv2.imencode('.png', np.zeros((4, 4), np.uint8), ['fast'])", r"TypeError: imencode\(\): 'params' must be a list of ints, got \['fast'\]"),
        ("cv2.blur(np.zeros((4, 4), np.uint8), (3, 3), anchor=(1.5, 0))", r"TypeError: blur\(\): 'anchor' must be an \(x, y\) pair of ints, got \(1.5, 0\)"),
    ],
)  # fmt: skip
def test_bad_input_raises_a_clear_error_and_the_kernel_lives(a_cv2_kernel, call, expected) -> None:
    text = a_cv2_kernel.text(
        f"import numpy as np, cv2\ntry:\n    {call}\nexcept Exception as err:\n"
        "    print(f'{type(err).__name__}: {err}')\n"
    )
    assert re.search(expected, text), text
    assert (
        a_cv2_kernel.text("print(cv2.resize(np.ones((2, 2), np.uint8), (4, 4)).sum())").strip()
        == "16"
    )


def test_released_buffers_are_made_again_on_the_next_call(a_cv2_kernel) -> None:
    text = a_cv2_kernel.text(
        "import numpy as np, portlite.cv2 as bridge\n"
        "image = np.full((6, 8, 3), 7, np.uint8)\n"
        "bridge.resize(image, (4, 3))\n"
        "kept = bridge.kept_buffers()\n"
        "bridge.release_buffers(); bridge.release_buffers()\n"
        "print(kept, bridge.kept_buffers(), bridge.resize(image, (4, 3)).sum())\n"
    )
    assert text.split() == ["2", "0", str(4 * 3 * 3 * 7)]


def test_image_files_in_the_kernel_match_opencv_python(a_cv2_kernel, a_built_site) -> None:
    """imdecode of files cv2 wrote, and imwrite/imread on the kernel's file system."""
    bgr = cv2.imread(str(a_built_site / "files/data/chelsea.png"))
    files = {
        "q90.jpg": cv2.imencode(".jpg", bgr, [cv2.IMWRITE_JPEG_QUALITY, 90])[1].tobytes(),
        "grey.jpg": cv2.imencode(".jpg", bgr[..., 1].copy())[1].tobytes(),
        "bgra.png": cv2.imencode(".png", np.dstack([bgr, bgr[..., 0]]))[1].tobytes(),
        "grey16.png": cv2.imencode(".png", bgr[..., 2].astype(np.uint16) * 257)[1].tobytes(),
    }
    encoded = {name: base64.b64encode(data).decode() for name, data in files.items()}
    payload = a_cv2_kernel.text(
        f"""
import base64, io, json, numpy as np, cv2
files = {{k: base64.b64decode(v) for k, v in {encoded!r}.items()}}
out = {{}}
for name, data in files.items():
    for flags in (-1, 0, 1):
        out[f"{{name}}/{{flags}}"] = cv2.imdecode(np.frombuffer(data, np.uint8), flags)
image = out["bgra.png/1"]
for ext in (".png", ".bmp", ".jpg"):
    written = cv2.imwrite(f"/tmp/roundtrip{{ext}}", image, [cv2.IMWRITE_JPEG_QUALITY, 85])
    out[f"read{{ext}}"] = cv2.imread(f"/tmp/roundtrip{{ext}}", cv2.IMREAD_UNCHANGED)
    ok, buffer = cv2.imencode(ext, image, [cv2.IMWRITE_JPEG_QUALITY, 85])
    out[f"encoded{{ext}}"] = buffer
    assert written and ok and buffer.ndim == 1 and buffer.dtype == np.uint8
import warnings
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    missing = cv2.imread("/tmp/no/such.png")
buffer = io.BytesIO()
np.savez(buffer, **out)
print(json.dumps([missing is None, cv2.imdecode(np.frombuffer(b"junk", np.uint8), 1) is None,
                  base64.b64encode(buffer.getvalue()).decode()]))
"""
    )
    missing_is_none, junk_is_none, packed = json.loads(payload)
    assert missing_is_none and junk_is_none
    web = np.load(io.BytesIO(base64.b64decode(packed)))
    gaps, mean_gaps = {}, {}
    for name, data in files.items():
        for flags in (-1, 0, 1):
            want = cv2.imdecode(np.frombuffer(data, np.uint8), flags)
            got = web[f"{name}/{flags}"]
            assert (got.dtype, got.shape) == (want.dtype, want.shape), (name, flags)
            gap = np.abs(got.astype(int) - want)
            gaps[f"{name}/{flags}"] = int(gap.max())
            mean_gaps[f"{name}/{flags}"] = float(gap.mean())
    # PNG is lossless and exact; Pyodide's Pillow decodes JPEG with its own libjpeg.
    exact = [
        key for key in gaps if ".png" in key or key.startswith("grey.jpg") or key.endswith("/0")
    ]
    assert all(gaps[key] == 0 for key in exact), gaps
    assert all(gap <= JPEG_DECODE_TOLERANCE for gap in gaps.values()), (gaps, mean_gaps)
    assert all(gap <= JPEG_MEAN_TOLERANCE for gap in mean_gaps.values()), mean_gaps
    image = cv2.imdecode(np.frombuffer(files["bgra.png"], np.uint8), 1)
    for ext in (".png", ".bmp"):
        assert np.array_equal(web[f"read{ext}"], image), ext
        assert np.array_equal(cv2.imdecode(web[f"encoded{ext}"], -1), image), ext
    jpeg = cv2.imdecode(web["encoded.jpg"], 1)
    reference = cv2.imdecode(cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, 85])[1], 1)
    assert int(np.abs(jpeg.astype(int) - reference).max()) <= JPEG_DECODE_TOLERANCE


def test_dst_receives_the_result_when_it_fits_as_in_opencv_python(a_cv2_kernel) -> None:
    text = a_cv2_kernel.text(
        """
import json, numpy as np, cv2
image = np.arange(60 * 40 * 3, dtype=np.uint8).reshape(60, 40, 3)
fits = np.zeros((11, 20, 3), np.uint8)
same = cv2.resize(image, (20, 11), fits) is fits and np.array_equal(fits, cv2.resize(image, (20, 11)))
wrong = np.zeros((5, 5, 3), np.uint8)
other = cv2.resize(image, (20, 11), wrong)
grey = np.zeros((60, 40), np.uint8)
retval, thresholded = cv2.threshold(image[..., 0], 100, 255, cv2.THRESH_BINARY, grey)
wide = np.zeros((60, 80), np.uint8)
blurred = cv2.GaussianBlur(image[..., 1], (3, 3), 0, dst=wide[:, ::2])
print(json.dumps([same, other is not wrong, int(wrong.sum()), other.shape == (11, 20, 3),
                  thresholded is grey, int(grey.max()),
                  bool(np.array_equal(wide[:, ::2], cv2.GaussianBlur(image[..., 1], (3, 3), 0)))]))
try:
    cv2.flip(image, 0, dst=[1])
except TypeError as err:
    print(err)
"""
    )
    checks, message = text.strip().split("\n")
    assert json.loads(checks) == [True, True, 0, True, True, 255, True]
    assert message == "flip(): 'dst' must be a numpy.ndarray or None, got list"


def test_an_input_too_large_for_opencv_js_is_refused_and_the_next_call_works(a_cv2_kernel) -> None:
    text = a_cv2_kernel.text(
        "import numpy as np, cv2, portlite.cv2 as bridge\n"
        "cv2.resize(np.ones((8, 8, 3), np.uint8), (4, 4))  # something kept\n"
        "huge = np.broadcast_to(np.zeros((1, 1, 3), np.uint8), (20000, 20000, 3))\n"
        "try:\n    cv2.resize(huge, (10, 10))\nexcept cv2.error as err:\n    print(err)\n"
        "print(cv2.resize(np.ones((4, 4), np.uint8), (2, 2)).sum())\n"
        "bridge.release_buffers()\nbridge.release_buffers()\nprint(bridge.kept_buffers())\n"
    )
    refused, small, kept = text.strip().split("\n")
    assert refused.startswith("resize(): the arrays of this call take 1144 MB;")
    assert "capped at 1024 MB" in refused
    assert (small, kept) == ("4", "0")
