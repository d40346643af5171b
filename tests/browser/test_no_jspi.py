"""A browser without JSPI (WebAssembly stack switching), as Safari is in 2026.

Simulated in Chromium: the site's ``pyodide.js`` is served with
``WebAssembly.Suspending`` and ``WebAssembly.promising`` deleted in front
of it, so the kernel's worker has no JSPI before Pyodide loads, while the
page keeps its own. How this differs from Safari: Chromium's engine, wasm
features and storage stay (Safari's IndexedDB quotas, memory limits and
WebKit's wasm are not exercised), and only the kernel's worker lacks JSPI.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from test_sample_notebooks import FACTS, check_notebook, check_ocr_upload

from portlite_site.serve import serve_in_thread
from portlite_site.testing import WorkerPreludeHandler, guarded_page

CLASSIFIER = "static/portlite/models/ch_ppocr_mobile_v2.0_cls_infer.onnx"

#: Put in front of pyodide.js: what a browser without JSPI lacks.
HIDE_JSPI = b"delete WebAssembly.Suspending; delete WebAssembly.promising;\n"


class NoJspiHandler(WorkerPreludeHandler):
    """The site, with pyodide.js hiding JSPI from the kernel's worker."""

    prelude = HIDE_JSPI


@pytest.fixture(scope="module")
def a_no_jspi_site_url(a_built_site: Path) -> Iterator[str]:
    server, url = serve_in_thread(a_built_site, handler_class=NoJspiHandler)
    yield url
    server.shutdown()


def test_without_jspi_cv2_runs_as_on_a_server_and_sessions_run_after_one_await(
    a_browser, a_no_jspi_site_url, a_built_site: Path
) -> None:
    with guarded_page(a_browser, a_no_jspi_site_url) as (lite, _guard):
        lite.open_notebook("smoke.ipynb")
        indicator = lite.wait_for_preload()
        assert indicator["label"] == "PortLite: ready; no JSPI: use await for models and sessions"
        assert "await portlite.models.fetch_async(url)" in indicator["title"]
        probe = "import js\nprint(hasattr(js.WebAssembly, 'Suspending'))"
        assert lite.text(probe).strip() == "False"

        # cv2 needs no waiting: synchronous, as on a server.
        code = (
            "import cv2, numpy as np\nprint(cv2.resize(np.ones((40, 60), np.uint8), (6, 4)).sum())"
        )
        assert lite.text(code).strip() == "24"

        # Before any await, the blocking forms say which feature is missing and what to write.
        for call, awaitable in [
            (f"import portlite.models\nportlite.models.fetch({CLASSIFIER!r})",
             "await portlite.models.fetch_async(url, ...)"),
            ("import onnxruntime\nonnxruntime.InferenceSession(b'any bytes')",
             "session = await InferenceSession.create_async(path)"),
        ]:  # fmt: skip
            result = lite.execute(call)
            errors = [o for o in result["outputs"] if o["output_type"] == "error"]
            assert errors and "RuntimeError" in errors[0]["ename"], json.dumps(result)[:1000]
            assert "JSPI" in errors[0]["evalue"] and awaitable in errors[0]["evalue"]

        # One await (the model's download) loads onnxruntime's engine too: then a
        # server's synchronous calls run, and give native onnxruntime's numbers.
        x = np.linspace(0, 1, 2 * 3 * 48 * 192, dtype=np.float32).reshape(2, 3, 48, 192)
        got = lite.text(
            "import json\n"
            f"path = await portlite.models.fetch_async({CLASSIFIER!r}, progress=False)\n"
            "session = onnxruntime.InferenceSession(path)\n"
            "x = np.linspace(0, 1, 2 * 3 * 48 * 192, dtype=np.float32).reshape(2, 3, 48, 192)\n"
            "(out,) = session.run(None, {session.get_inputs()[0].name: x})\n"
            "(again,) = await session.run_async(None, {'x': x})\n"
            "assert (again == out).all()\n"
            "print(json.dumps([out.tolist(), session.get_provider_options()]))\n",
        )
        import onnxruntime

        native = onnxruntime.InferenceSession(str(a_built_site / CLASSIFIER))
        (expected,) = native.run(None, {native.get_inputs()[0].name: x})
        out, provider = json.loads(got)
        assert np.allclose(np.array(out), expected, atol=1e-5)
        assert provider["CPUExecutionProvider"]["num_threads"] == "1"
        listed = lite.text("print([m['name'] for m in await portlite.models.list_async()])")
        assert listed.strip() == "['ch_ppocr_mobile_v2.0_cls_infer.onnx']"

        # onnxruntime's errors, from the engine as from onnxruntime-web.
        for call, error, words in [
            ("onnxruntime.InferenceSession(b'not a model')", "InvalidProtobuf",
             "protobuf parsing failed"),
            ("session.run(None, {'x': x[:, :2]})", "InvalidArgument",
             "index: 1 Got: 2 Expected: 3"),
        ]:  # fmt: skip
            result = lite.execute(call)
            errors = [o for o in result["outputs"] if o["output_type"] == "error"]
            assert errors and error in errors[0]["ename"], json.dumps(result)[:1000]
            assert words in errors[0]["evalue"]
        # The kernel lives on, and so do its sessions.
        assert lite.text("print(session.run(None, {'x': x})[0].shape)").strip() == "(2, 2)"


@pytest.mark.parametrize("notebook", sorted(FACTS))
def test_without_jspi_every_sample_notebook_runs_top_to_bottom(
    a_browser, a_no_jspi_site_url, notebook: str
) -> None:
    with guarded_page(a_browser, a_no_jspi_site_url) as (lite, _guard):
        check_notebook(lite, notebook, screenshot=f"{Path(notebook).stem}-no-jspi")


def test_without_jspi_a_widget_callback_runs_the_ocr_models(a_browser, a_no_jspi_site_url) -> None:
    with guarded_page(a_browser, a_no_jspi_site_url) as (lite, _guard):
        lite.open_notebook("ocr.ipynb")
        lite.run_all()
        check_ocr_upload(lite)
