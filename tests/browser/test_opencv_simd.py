"""opencv.js with WebAssembly SIMD in the kernel, and the scalar build where wasm SIMD is missing.

A browser without wasm SIMD (Safari before 16.4) is simulated in Chromium
by :class:`portlite_site.testing.NoWasmSimdHandler` (see there how it differs
from such a browser).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import cv2
import numpy as np
import pytest

from portlite_site.serve import serve_in_thread
from portlite_site.testing import NoWasmSimdHandler, guarded_page

#: The same pixels on both sides, with no randomness to agree on.
PIXELS = "(np.arange(240 * 320 * 3, dtype=np.uint32).reshape(240, 320, 3) * 2654435761 % 251)"

#: Calls whose results the scalar kernel sends back, to compare with opencv-python's.
CALLS = {
    "blur": "cv2.GaussianBlur(image, (5, 5), 0)",
    "small": "cv2.resize(image, (80, 60), interpolation=cv2.INTER_AREA)",
    "gray": "cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)",
    "edges": "cv2.Canny(cv2.cvtColor(image, cv2.COLOR_BGR2GRAY), 50, 150)",
    "down": "cv2.pyrDown(image)",
}

#: Calls of names only the SIMD build exports (a function, a class's factory and static):
#: each one's result, or the error it raised.
SIMD_ONLY_CALLS = {
    "findFundamentalMat": "cv2.findFundamentalMat(points, points * 1.1 + 3, cv2.FM_8POINT)[0]",
    "SIFT_create": "len(cv2.SIFT_create(50).detect(image, None))",
    "StereoBM.create": "cv2.StereoBM.create(16, 9).compute(image[..., 0], image[..., 1])",
    "stereoRectify": "cv2.stereoRectify(np.diag([300.0, 300.0, 1.0]), None, np.diag([300.0, "
    "300.0, 1.0]), None, (320, 240), np.eye(3), np.array([[-0.1], [0.0], [0.01]]))[2]",
}
POINTS = "(np.arange(40, dtype=np.float64).reshape(20, 2) ** 1.5 % 97)"

KERNEL_CODE = f"""
import json
import cv2, numpy as np
from portlite import preload
from portlite.cv2 import _runtime
image = {PIXELS}.astype(np.uint8)
points = {POINTS}
results = {{name: eval(call).tolist() for name, call in {CALLS!r}.items()}}
simd_only = {{}}
for name, call in {SIMD_ONLY_CALLS!r}.items():
    try:
        value = eval(call)
        simd_only[name] = value if isinstance(value, int) else value.tolist()
    except Exception as err:
        simd_only[name] = f"{{type(err).__name__}}: {{err}}"
print(json.dumps({{"url": _runtime.loaded_from(), "cv2": preload.status()["cv2"],
                   "results": results, "simd_only": simd_only}}))
"""


@pytest.fixture(scope="module")
def a_no_simd_site_url(a_built_site: Path) -> Iterator[str]:
    server, url = serve_in_thread(a_built_site, handler_class=NoWasmSimdHandler)
    yield url
    server.shutdown()


def _run(browser: object, url: str) -> dict[str, object]:
    with guarded_page(browser, url) as (lite, _guard):
        lite.open_notebook("smoke.ipynb")
        indicator = lite.wait_for_preload()
        report = json.loads(lite.text(KERNEL_CODE))
        report["title"] = indicator["title"]
        return report


def _check_against_opencv_python(results: dict[str, list[object]]) -> None:
    image = eval(PIXELS).astype(np.uint8)
    for name, call in CALLS.items():
        expected = eval(call, {"cv2": cv2, "np": np, "image": image})
        got = np.asarray(results[name], dtype=expected.dtype)
        assert got.shape == expected.shape, name
        assert np.abs(got.astype(int) - expected.astype(int)).max() <= 1, name


def test_a_browser_with_wasm_simd_runs_the_simd_build(a_browser, a_site_url) -> None:
    report = _run(a_browser, a_site_url)
    assert str(report["url"]).endswith("/static/portlite/opencv/opencv.js")
    assert report["cv2"] == {"status": "ready", "version": "4.12.0", "simd": True}
    assert "cv2: opencv.js 4.12.0, SIMD on" in str(report["title"])
    _check_against_opencv_python(report["results"])  # type: ignore[arg-type]
    image, points = eval(PIXELS).astype(np.uint8), eval(POINTS)
    for name, call in SIMD_ONLY_CALLS.items():  # what only this build has, as natively
        expected = eval(call, {"cv2": cv2, "np": np, "image": image, "points": points})
        got = report["simd_only"][name]  # type: ignore[index]
        assert np.allclose(np.asarray(got), expected, rtol=1e-9), (name, got)


def test_a_browser_without_wasm_simd_runs_the_scalar_build(a_browser, a_no_simd_site_url) -> None:
    report = _run(a_browser, a_no_simd_site_url)
    assert str(report["url"]).endswith("/static/portlite/opencv/scalar/opencv.js")
    assert report["cv2"] == {"status": "ready", "version": "4.12.0", "simd": False}
    assert "cv2: opencv.js 4.12.0, SIMD off" in str(report["title"])
    _check_against_opencv_python(report["results"])  # type: ignore[arg-type]
    for name in SIMD_ONLY_CALLS:  # the npm build lacks them: a clear error, not a JS one
        got = str(report["simd_only"][name])  # type: ignore[index]
        assert got.startswith(f"NotImplementedError: cv2.{name} is not available"), got
        assert "WebAssembly SIMD" in got, got
