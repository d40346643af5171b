"""Hosts that cannot send isolation headers (static hosting such as GitHub Pages)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from portlite_site.serve import SiteHandler, serve_in_thread
from portlite_site.testing import guarded_page

pytestmark = pytest.mark.browser

CLASSIFIER = "static/portlite/models/ch_ppocr_mobile_v2.0_cls_infer.onnx"


class PlainHandler(SiteHandler):
    """A static server that sends no headers of its own, as most free hosts."""

    response_headers: dict[str, str] = {}


@pytest.fixture(scope="module")
def a_plain_site_url(a_built_site) -> Iterator[str]:
    server, url = serve_in_thread(a_built_site, handler_class=PlainHandler)
    yield url
    server.shutdown()


def test_without_isolation_the_bridges_run_on_one_thread_and_the_status_says_so(
    a_browser, a_plain_site_url
) -> None:
    with guarded_page(a_browser, a_plain_site_url) as (lite, _guard):
        lite.open_notebook("smoke.ipynb")
        assert lite.page.evaluate("() => crossOriginIsolated") is False
        text = lite.text(
            "import cv2, numpy as np, onnxruntime, portlite.models\n"
            "print(cv2.resize(np.ones((40, 60), np.uint8), (6, 4)).sum())\n"
            f"path = portlite.models.fetch({CLASSIFIER!r}, progress=False)\n"
            "session = onnxruntime.InferenceSession(path)\n"
            "(out,) = session.run(None, {'x': np.zeros((2, 3, 48, 192), np.float32)})\n"
            "print(out.shape, onnxruntime.runtime_info()['num_threads'])\n"
        )
        assert text.splitlines() == ["24", "(2, 2) 1"]
        indicator = lite.wait_for_preload()
        assert indicator["label"] == "PortLite: ready"
        assert "not cross-origin isolated: 1 thread" in indicator["title"]
        # The load meter counts the worker's files here too (its other worker script):
        # opencv.js, and onnxruntime-web's loader and engine once a session was made.
        assert re.search(
            r"^opencv\.js: ([\d.]+) of \1 MB, 1/1 file\(s\)$", indicator["title"], re.M
        )
        assert re.search(
            r"^onnxruntime-web: ([\d.]+) of \1 MB, 3/3 file\(s\)$", indicator["title"], re.M
        )
