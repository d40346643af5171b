"""Hosts that cannot send isolation headers (static hosting such as GitHub Pages)."""

from __future__ import annotations

import re

from portlite_site.testing import guarded_page

INTERRUPT = "() => window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.interrupt()"

CLASSIFIER = "static/portlite/models/ch_ppocr_mobile_v2.0_cls_infer.onnx"


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
        # opencv.js and its wasm, and onnxruntime-web's loader and engine once a session
        # was made.
        assert re.search(
            r"^opencv\.js: ([\d.]+) of \1 MB, 2/2 file\(s\)$", indicator["title"], re.M
        )
        assert re.search(
            r"^onnxruntime-web: ([\d.]+) of \1 MB, 3/3 file\(s\)$", indicator["title"], re.M
        )


def test_without_headers_a_page_loaded_under_the_service_worker_is_isolated(
    a_browser, a_plain_site_url
) -> None:
    """PortLite's part of the service worker adds the isolation headers the host cannot."""
    with guarded_page(a_browser, a_plain_site_url) as (lite, _guard):
        lite.open_notebook("smoke.ipynb")
        assert lite.page.evaluate("() => crossOriginIsolated") is False
        lite.page.evaluate("() => navigator.serviceWorker.ready")
        lite.open_notebook("smoke.ipynb")  # the second load: under the worker's control
        assert lite.page.evaluate("() => crossOriginIsolated") is True
        assert lite.text("import cv2\nprint(cv2.__name__)").strip() == "portlite.cv2"
        indicator = lite.wait_for_preload()
        assert indicator["label"] == "PortLite: ready"
        assert "not cross-origin isolated" not in indicator["title"]
        # Kernel > Interrupt works again: a busy loop stops, the kernel's state stays.
        lite.text("kept = 41")
        lite.start("n = 0\nwhile True:\n    n += 1")
        lite.page.wait_for_timeout(1000)
        lite.page.evaluate(INTERRUPT)
        result = lite.finish_within(30)
        errors = [o for o in result["outputs"] if o["output_type"] == "error"]
        assert errors and "KeyboardInterrupt" in errors[0]["ename"], result
        assert lite.text("print(kept)").strip() == "41"
