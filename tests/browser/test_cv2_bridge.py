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

CASES_SOURCE = Path(parity.__file__).read_text()

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
#: IMREAD_REDUCED_* JPEG reads: libjpeg decodes at 1/2 or 1/4 size with a scaled IDCT, whose
#: rounding differs between the two libjpegs (measured 2026-12-07: at most 17 levels, 1.12 on
#: average).
JPEG_SCALED_TOLERANCE = 24
JPEG_SCALED_MEAN_TOLERANCE = 1.5


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


def test_a_thousand_image_file_calls_do_not_grow_either_heap(a_cv2_kernel) -> None:
    text = a_cv2_kernel.text(
        """
import json, numpy as np, pyodide_js, portlite.cv2 as bridge
image = np.arange(64 * 48 * 3, dtype=np.uint8).reshape(64, 48, 3)
png = bridge.imencode(".png", image)[1]
calls = [
    lambda: bridge.imencode(".png", image),
    lambda: bridge.imdecode(png, bridge.IMREAD_COLOR),
    lambda: bridge.imwrite("/tmp/leak.png", image),
    lambda: bridge.imread("/tmp/leak.png"),
    lambda: bridge.split(image),
    lambda: bridge.merge([image[..., 0], image[..., 1]]),
    lambda: bridge.boxPoints(((5, 5), (4, 2), 30)),
]
def heaps():
    return bridge.opencv_js().HEAPU8.length, pyodide_js._module.HEAPU8.length
for n, check in ((50, False), (1000, True)):
    before = heaps()
    for call in calls:
        for _ in range(n):
            call()
print(json.dumps([before, heaps()]))
"""
    )
    before, after = json.loads(text)
    assert before == after


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        ("cv2.resize(None, (2, 2))", r"error: resize\(\): argument 'src' must be a non-empty array, got NoneType"),
        ("cv2.resize([[1, 2]], (2, 2))", r"error: resize\(\): argument 'src' must be a numpy.ndarray, got list"),
        ("cv2.resize(np.zeros((4, 4), complex), (2, 2))", r"error: resize\(\): argument 'src' must be an array of uint8, .* got complex128 array of shape \(4, 4\)"),
        ("cv2.GaussianBlur(np.zeros((4, 4), bool), (3, 3), 0)", r"error: GaussianBlur\(\): argument 'src' must be an array of uint8, .* got bool array"),
        ("cv2.resize(np.zeros((0, 4), np.uint8), (2, 2))", r"error: resize\(\): argument 'src' must be a non-empty array, got uint8 array of shape \(0, 4\)"),
        ("cv2.cvtColor(np.zeros((4, 4, 5), np.uint8), cv2.COLOR_BGR2GRAY)", r"error: cvtColor\(\): OpenCV\(4.12.0\) .*Bad number of channels"),
        ("cv2.resize(np.zeros((4, 4), np.uint8), (2,))", r"error: resize\(\): argument 'dsize' must be a \(width, height\) pair, got tuple \(2,\)"),
        ("cv2.resize(np.zeros((4, 4), np.uint8), (2, 2), foo=1)", r"error: resize\(\): unexpected keyword argument 'foo'"),
        ("cv2.cvtColor(np.zeros((4, 4, 3), np.uint8), 9999)", r"error: cvtColor\(\): OpenCV\(4.12.0\) .* Unknown/unsupported color conversion code"),
        ("cv2.threshold(np.zeros((4, 4), np.uint8), 'x', 255, 0)", r"error: threshold\(\): argument 'thresh' must be a number, got str 'x'"),
        ("cv2.Canny(np.zeros((4, 4), np.float32), 1, 2)", r"error: Canny\(\): OpenCV\(4.12.0\) .*_src.depth\(\) == CV_8U"),
        ("cv2.add(np.zeros((4, 4), np.uint8), np.zeros((4, 4, 3), np.uint8))", r"error: add\(\): OpenCV\(4.12.0\) .*Sizes of input arguments do not match"),
        ("cv2.VideoCapture", r"NotBridgedError: cv2.VideoCapture is not bridged to opencv.js: .*Closest bridged alternative: read frames as image files with cv2.imread"),
        ("cv2.dilate(np.zeros((4, 4), np.uint8), [[1]])", r"error: dilate\(\): argument 'kernel' must be a numpy.ndarray, got list"),
        ("cv2.findContours(np.zeros((4, 4, 3), np.uint8), cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)", r"error: findContours\(\): OpenCV\(4.12.0\) .*"),
        ("cv2.warpAffine(np.zeros((4, 4), np.uint8), np.eye(3), (4, 4))", r"error: warpAffine\(\): OpenCV\(4.12.0\) .*M0.rows == 2 && M0.cols == 3"),
        ("cv2.merge([np.zeros((4, 4), np.uint8), np.zeros((4, 5), np.uint8)])", r"error: merge\(\): 'mv\[1\]' is uint8 \(4, 5\), but 'mv\[0\]' is uint8 \(4, 4\)"),
        ("cv2.boxPoints(((1, 2), 3))", r"TypeError: boxPoints\(\): 'box' must be \(\(cx, cy\), \(width, height\), angle\), got \(\(1, 2\), 3\)"),
        ("cv2.mean(np.zeros((4, 4), np.uint8), mask=np.zeros((3, 3), np.uint8))", r"error: mean\(\): OpenCV\(4.12.0\) .*"),
        ("cv2.line(np.broadcast_to(np.zeros((4, 4), np.uint8), (4, 4)), (0, 0), (3, 3), 255)", r"error: line\(\): argument 'img' must be a writable array \(cv2 writes into it\)"),
        ("cv2.rectangle(np.zeros((4, 4), np.uint8), (0, 0), (3, 3))", r"error: rectangle\(\): no overload takes these arguments:\n - rectangle\(\): missing required argument 'color'"),
        ("cv2.putText(np.zeros((4, 4), np.uint8), 42, (0, 3), 0, 1.0, 255)", r"error: putText\(\): argument 'text' must be a str, got int 42"),
        ("cv2.imwrite('/tmp/out.xyz', np.zeros((4, 4), np.uint8))", r"error: imwrite\(\): could not find a writer for the specified extension '.xyz'"),
        ("cv2.imdecode('not bytes', 1)", r"TypeError: imdecode\(\): 'buf' must be a numpy array of bytes, got str"),
        ("cv2.imencode('.png', np.zeros((4, 4), np.uint8), ['fast'])", r"TypeError: imencode\(\): 'params' must be a list of ints, got \['fast'\]"),
        ("cv2.blur(np.zeros((4, 4), np.uint8), (3, 3), anchor=(1.5, 0))", r"error: blur\(\): argument 'anchor' must be an \(x, y\) pair, got tuple \(1.5, 0\)"),
        ("cv2.flip(np.zeros((4, 4), np.uint8), 0, dst=[1])", r"error: flip\(\): argument 'dst' must be a numpy.ndarray or None, got list \[1\]"),
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
    """imdecode of files cv2 wrote (whole, and at 1/2 and 1/4 size), and imwrite/imread on
    the kernel's file system."""
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
    for flags in (-1, 0, 1, cv2.IMREAD_REDUCED_COLOR_2, cv2.IMREAD_REDUCED_GRAYSCALE_4):
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
        for flags in (-1, 0, 1, cv2.IMREAD_REDUCED_COLOR_2, cv2.IMREAD_REDUCED_GRAYSCALE_4):
            want = cv2.imdecode(np.frombuffer(data, np.uint8), flags)
            got = web[f"{name}/{flags}"]
            assert (got.dtype, got.shape) == (want.dtype, want.shape), (name, flags)
            gap = np.abs(got.astype(int) - want)
            gaps[f"{name}/{flags}"] = int(gap.max())
            mean_gaps[f"{name}/{flags}"] = float(gap.mean())
    # PNG is lossless and exact; Pyodide's Pillow decodes JPEG with its own libjpeg, and
    # its scaled decoding (IMREAD_REDUCED_*) with its own scaled IDCT.
    scaled = {f"{name}/{flags}" for name in files if name.endswith(".jpg") for flags in (17, 32)}
    exact = [
        key for key in gaps
        if ".png" in key or (key.startswith("grey.jpg") or key.endswith("/0")) and key not in scaled
    ]  # fmt: skip
    assert all(gaps[key] == 0 for key in exact), str(gaps)
    whole = [key for key in gaps if key not in scaled]
    assert all(gaps[key] <= JPEG_DECODE_TOLERANCE for key in whole), (gaps, mean_gaps)
    assert all(mean_gaps[key] <= JPEG_MEAN_TOLERANCE for key in whole), mean_gaps
    assert all(gaps[key] <= JPEG_SCALED_TOLERANCE for key in scaled), str((gaps, mean_gaps))
    assert all(mean_gaps[key] <= JPEG_SCALED_MEAN_TOLERANCE for key in scaled), str(mean_gaps)
    image = cv2.imdecode(np.frombuffer(files["bgra.png"], np.uint8), 1)
    for ext in (".png", ".bmp"):
        assert np.array_equal(web[f"read{ext}"], image), ext
        assert np.array_equal(cv2.imdecode(web[f"encoded{ext}"], -1), image), ext
    jpeg = cv2.imdecode(web["encoded.jpg"], 1)
    reference = cv2.imdecode(cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, 85])[1], 1)
    assert int(np.abs(jpeg.astype(int) - reference).max()) <= JPEG_DECODE_TOLERANCE


def test_tiff_webp_and_netpbm_files_in_the_kernel_match_opencv_python(a_cv2_kernel) -> None:
    """Files opencv-python wrote, read in the kernel; files the kernel wrote, read by
    opencv-python: the same pixels under every read flag (all these formats are lossless)."""
    rng = np.random.default_rng(3)
    grey = cv2.GaussianBlur(rng.integers(0, 255, (40, 56), np.uint8), (5, 5), 0)
    images = {
        "bgra.tif": np.dstack([cv2.merge([grey, grey[::-1], 255 - grey]), np.roll(grey, 7, 1)]),
        "grey16.tif": grey.astype(np.uint16) * 257,
        "float.tif": grey.astype(np.float32) / 7,
        "bgr.webp": cv2.merge([grey, 255 - grey, grey[:, ::-1]]),
        "grey16.pgm": grey.astype(np.uint16) * 300,
        "bgr.ppm": cv2.merge([grey, 255 - grey, grey[::-1]]),
        "grey.pbm": grey,
    }
    files = {
        name: cv2.imencode(name[name.rfind(".") :], image)[1] for name, image in images.items()
    }
    flags = (cv2.IMREAD_UNCHANGED, cv2.IMREAD_COLOR, cv2.IMREAD_GRAYSCALE, cv2.IMREAD_ANYDEPTH)
    encoded = {name: base64.b64encode(data.tobytes()).decode() for name, data in files.items()}
    payload = a_cv2_kernel.text(
        f"""
import base64, io, json, numpy as np, cv2
files = {{k: np.frombuffer(base64.b64decode(v), np.uint8) for k, v in {encoded!r}.items()}}
out = {{}}
for name, data in files.items():
    for flag in {flags!r}:
        image = cv2.imdecode(data, flag)
        out[f"read/{{name}}/{{flag}}"] = np.array("None") if image is None else image
    ok, mine = cv2.imencode(name[name.rfind("."):], cv2.imdecode(data, -1))
    out[f"wrote/{{name}}"] = mine if ok else np.array("failed")
import warnings
with warnings.catch_warnings(record=True) as warned:
    warnings.simplefilter("always")
    refused = cv2.imencode(".ppm", np.zeros((4, 4), np.uint8))  # warns, as OpenCV logs
probes = [cv2.haveImageWriter(x) for x in ("a.tiff", ".webp", "b.pgm", "c.xyz")]
buffer = io.BytesIO()
np.savez(buffer, **out)
print(json.dumps([refused[0], refused[1].size, len(warned), probes, base64.b64encode(buffer.getvalue()).decode()]))
"""
    )
    refused_ok, refused_size, warnings, probes, packed = json.loads(payload)
    assert (refused_ok, refused_size, warnings) == (False, 0, 1)  # OpenCV's encoder fails
    assert probes == [True, True, True, False]
    web = np.load(io.BytesIO(base64.b64decode(packed)))
    for name, data in files.items():
        for flag in flags:
            want = cv2.imdecode(data, flag)
            got = web[f"read/{name}/{flag}"]
            if want is None:
                assert got.dtype.kind == "U", (name, flag)
                continue
            assert (got.dtype, got.shape) == (want.dtype, want.shape), (name, flag)
            assert np.array_equal(got, want), (name, flag)
        theirs = cv2.imdecode(web[f"wrote/{name}"], cv2.IMREAD_UNCHANGED)
        assert np.array_equal(theirs, cv2.imdecode(data, cv2.IMREAD_UNCHANGED)), name


def test_a_tracker_box_past_the_edge_is_refused_before_opencv_js_sizes_its_samples(
    a_cv2_kernel,
) -> None:
    """OpenCV 4.12's TrackerMIL counts such a box's samples as a wrapped unsigned number:
    opencv-python raises std::bad_alloc, opencv.js grew its heap from 128 to 826 MB."""
    text = a_cv2_kernel.text(
        """
import json, numpy as np, cv2
image = np.zeros((48, 64, 3), np.uint8)
heap = cv2.opencv_js().HEAPU8.length
try:
    cv2.TrackerMIL.create().init(image, (50, 30, 20, 10))
    refused = ""
except cv2.error as err:
    refused = str(err)
tracker = cv2.TrackerMIL.create()
tracker.init(image, (10, 8, 36, 28))
print(json.dumps([refused, heap, cv2.opencv_js().HEAPU8.length, tracker.update(image)[0]]))
"""
    )
    refused, heap_before, heap_after, found = json.loads(text)
    assert refused.startswith("init():") and "(50, 30, 20, 10)" in refused
    assert heap_after == heap_before and found is True


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
"""
    )
    assert json.loads(text) == [True, True, 0, True, True, 255, True]


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


def test_imshow_shows_the_image_in_the_cell_and_window_calls_return_at_once(a_cv2_kernel) -> None:
    result = a_cv2_kernel.execute(
        "import numpy as np, cv2\n"
        "bgr = np.zeros((6, 8, 3), np.uint8); bgr[..., 0] = 200; bgr[2, 3] = (1, 2, 3)\n"
        "cv2.namedWindow('frame')\n"
        "cv2.imshow('frame', bgr)\n"
        "cv2.imshow('depth', np.linspace(0, 1, 48, dtype=np.float32).reshape(6, 8))\n"
        "print(cv2.waitKey(0), cv2.waitKey(1) & 0xFF == ord('q'))\n"
        "cv2.destroyAllWindows()\n"
    )
    assert result["status"] == "ok", result
    pictures = [o for o in result["outputs"] if "image/png" in o.get("data", {})]
    assert [p["metadata"]["portlite"]["window"] for p in pictures] == ["frame", "depth"]
    from PIL import Image

    frame, depth = (
        np.asarray(Image.open(io.BytesIO(base64.b64decode(p["data"]["image/png"]))))
        for p in pictures
    )
    expected = np.zeros((6, 8, 3), np.uint8)
    expected[..., 2] = 200  # shown as RGB: OpenCV's blue channel is the picture's blue
    expected[2, 3] = (3, 2, 1)
    assert np.array_equal(frame, expected)
    # a float image is shown as OpenCV shows it: 0-1 spans black to white
    assert depth.shape == (6, 8) and depth[0, 0] == 0 and depth[-1, -1] == 255
    text = "".join(o.get("text", "") for o in result["outputs"] if o.get("name") == "stdout")
    assert text.strip() == "-1 False"


REPEATED_CALLS = """
import json
import numpy as np
from portlite.cv2 import _runtime
_runtime._last_outputs.clear()  # no call of this module's earlier tests counts
copies = []
copy_out = _runtime._bound["copy_out"]
_runtime._bound["copy_out"] = lambda *places: (copies.append(len(places)), copy_out(*places))[1]
try:
    frame = np.random.default_rng(7).integers(0, 256, (240, 320, 3), dtype=np.uint8)
    first = cv2.resize(frame, (64, 48))
    after_first = len(copies)
    again = cv2.resize(frame[::-1].copy(), (64, 48))
    after_again = len(copies)
    # same arguments, other pixels, another number of corners: the arrays made ready
    # do not fit, and the call takes the second crossing
    grey = np.zeros((120, 160), np.uint8)
    grey[20:60, 20:60] = 255
    few = cv2.goodFeaturesToTrack(grey, 50, 0.01, 5)
    grey[70:110, 90:150] = 200
    more = cv2.goodFeaturesToTrack(grey, 50, 0.01, 5)
finally:
    _runtime._bound["copy_out"] = copy_out
print(json.dumps({"after_first": after_first, "after_again": after_again,
                  "first": first.tolist(), "again": again.tolist(),
                  "few": few.tolist(), "more": more.tolist(), "crossings": len(copies)}))
"""


def test_a_repeated_call_makes_its_output_before_and_crosses_once(a_cv2_kernel) -> None:
    found = json.loads(a_cv2_kernel.text(REPEATED_CALLS))
    # the first resize of this shape takes a second crossing to copy out; the next does not
    assert found["after_first"] >= 1 and found["after_again"] == found["after_first"]
    frame = np.random.default_rng(7).integers(0, 256, (240, 320, 3), dtype=np.uint8)
    assert found["first"] == cv2.resize(frame, (64, 48)).tolist()
    assert found["again"] == cv2.resize(frame[::-1].copy(), (64, 48)).tolist()
    grey = np.zeros((120, 160), np.uint8)
    grey[20:60, 20:60] = 255
    few = cv2.goodFeaturesToTrack(grey, 50, 0.01, 5)
    grey[70:110, 90:150] = 200
    more = cv2.goodFeaturesToTrack(grey, 50, 0.01, 5)
    assert len(found["few"]) == len(few) != len(found["more"]) == len(more)
    assert np.allclose(found["more"], more)


REUSED_DESCRIPTORS = """
import json, numpy as np, cv2
rng = np.random.default_rng(3)
a, b = (rng.integers(0, 200, (30, 40, 3), dtype=np.uint8) for _ in range(2))
found = {
    # the same key as add(a, a): the second call must read b
    "add_same": cv2.add(a, a), "add_two": cv2.add(a, b),
    "blur_a": cv2.GaussianBlur(a, (3, 3), 0), "blur_b": cv2.GaussianBlur(b, (3, 3), 0),
    # a Size read from an array: its numbers are in the descriptor
    "size_big": cv2.resize(a, np.array([20, 10])), "size_small": cv2.resize(a, np.array([10, 5])),
    "turn_zero": cv2.getRotationMatrix2D((0.0, 0.0), 0.0, 1.0),
    "turn_minus_zero": cv2.getRotationMatrix2D((0.0, 0.0), -0.0, 1.0),
}
contours = {}
for count in (4, 9, 2):  # more contours than the buffer made ready holds, then fewer
    image = np.zeros((90, 90), np.uint8)
    for i in range(count):
        cv2.circle(image, (10 + 20 * (i % 4), 10 + 20 * (i // 4)), 6, 255, -1)
    contours[count], _ = cv2.findContours(image, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
listed = {count: [c.tolist() for c in found_] for count, found_ in contours.items()}
before = contours[2][1].copy()
contours[2][0][:] = -1  # each contour is an array of its own: writing one leaves the others
print(json.dumps({
    "arrays": {key: value.tolist() for key, value in found.items()},
    "signs": np.signbit(found["turn_minus_zero"]).tolist(),
    "contours": listed,
    "untouched": bool(np.array_equal(before, contours[2][1])),
}))
"""


def test_calls_like_earlier_ones_get_their_own_results(a_cv2_kernel) -> None:
    found = json.loads(a_cv2_kernel.text(REUSED_DESCRIPTORS))
    rng = np.random.default_rng(3)
    a, b = (rng.integers(0, 200, (30, 40, 3), dtype=np.uint8) for _ in range(2))
    expected = {
        "add_same": cv2.add(a, a), "add_two": cv2.add(a, b),
        "blur_a": cv2.GaussianBlur(a, (3, 3), 0), "blur_b": cv2.GaussianBlur(b, (3, 3), 0),
        "size_big": cv2.resize(a, (20, 10)), "size_small": cv2.resize(a, (10, 5)),
        "turn_zero": cv2.getRotationMatrix2D((0.0, 0.0), 0.0, 1.0),
        "turn_minus_zero": cv2.getRotationMatrix2D((0.0, 0.0), -0.0, 1.0),
    }  # fmt: skip
    for key, value in expected.items():
        assert np.array_equal(np.asarray(found["arrays"][key]), value), key
    assert found["signs"] == np.signbit(expected["turn_minus_zero"]).tolist()
    for count in (4, 9, 2):
        image = np.zeros((90, 90), np.uint8)
        for i in range(count):
            cv2.circle(image, (10 + 20 * (i % 4), 10 + 20 * (i // 4)), 6, 255, -1)
        native, _ = cv2.findContours(image, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        assert found["contours"][str(count)] == [c.tolist() for c in native], count
    assert found["untouched"]
