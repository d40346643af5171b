"""The site offline after a visit: JupyterLite's service worker with PortLite's part.

A visitor opens the landing page and a notebook online, runs it (its model
goes into the model cache); then the server stops. The same browser opens
the landing page, the notebook, and runs it again. A rebuilt site replaces
the kept files cleanly and the open page says a new version is there.
"""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

from portlite_site.offline import OFFLINE_MANIFEST, write_offline_worker
from portlite_site.serve import serve_in_thread
from portlite_site.testing import guarded_page, outputs_of, stream_text

CLASSIFIER = "static/portlite/models/ch_ppocr_mobile_v2.0_cls_infer.onnx"

#: A notebook's cell: cv2, a cached model and an onnxruntime session.
CELL = f"""\
import cv2, numpy as np, onnxruntime, portlite.models
image = cv2.GaussianBlur(np.arange(48 * 192, dtype=np.uint8).reshape(48, 192), (5, 5), 0)
blob = np.stack([image] * 3)[None].astype(np.float32) / 255
session = onnxruntime.InferenceSession(portlite.models.fetch({CLASSIFIER!r}, progress=False))
(scores,) = session.run(None, {{session.get_inputs()[0].name: blob}})
print(int(image.sum()), np.round(scores, 4).tolist())
"""

#: The offline cache of the page's site: its names, and the paths kept in it.
_JS_KEPT = """async () => {
  const names = (await caches.keys()).filter((name) => name.startsWith('portlite-offline-'));
  const paths = [];
  for (const name of names) {
    for (const request of await (await caches.open(name)).keys()) {
      paths.push(new URL(request.url).pathname.slice(1));
    }
  }
  return { names, paths };
}"""

#: What a notebook's run needs offline, besides the app's own code.
NEEDED = (
    "index.html", "notebooks/index.html", "api/contents/all.json",
    "static/pyodide/pyodide.asm.wasm", "static/portlite/opencv/opencv.js",
    "static/portlite/onnxruntime-web/ort-wasm-simd-threaded.wasm",
)  # fmt: skip


def _wait_until_kept(page, paths: tuple[str, ...], seconds: float = 60) -> dict:
    """Wait until the offline cache holds ``paths`` and has stopped growing."""
    deadline, last = time.monotonic() + seconds, None
    while time.monotonic() < deadline:
        kept = page.evaluate(_JS_KEPT)
        if set(paths) <= set(kept["paths"]) and kept == last:
            return kept
        last = kept
        time.sleep(1)
    raise AssertionError(f"not kept offline: {sorted(set(paths) - set(last['paths']))}")


def _run_notebook(lite) -> str:
    lite.open_notebook("offline.ipynb")
    cells = lite.run_all()
    outputs = outputs_of(cells, "offline")
    assert not [o for o in outputs if o["output_type"] == "error"], json.dumps(outputs)[:2000]
    return stream_text(outputs)


def test_after_a_visit_the_landing_page_and_a_notebook_open_and_run_with_the_server_gone(
    a_browser, a_built_site: Path
) -> None:
    server, url = serve_in_thread(a_built_site)
    # No route: Playwright's routes would stand between the page and the service worker.
    with guarded_page(a_browser, url, block=False) as (lite, _guard):
        page = lite.page
        page.goto(url)
        lite.open_lab()
        cell = {"cell_type": "code", "id": "offline", "metadata": {}, "outputs": [],
                "execution_count": None, "source": CELL}  # fmt: skip
        lite.save_notebook("offline.ipynb", [cell])
        online = _run_notebook(lite)
        kept = _wait_until_kept(page, NEEDED)
        assert len(kept["names"]) == 1
        assert not [p for p in kept["paths"] if p.startswith("static/portlite/models/")]

        server.shutdown()
        server.server_close()
        offline_page = page.context.new_page()
        page.close()
        lite.page = offline_page
        response = offline_page.goto(url)
        assert response is not None and response.ok
        assert offline_page.locator("#first-visit").count() == 1
        offline_page.locator("a", has_text="JupyterLab").first.wait_for()
        assert _run_notebook(lite) == online
        indicator = lite.wait_for_preload()
        assert indicator["label"] == "PortLite: ready", indicator


def test_a_rebuilt_site_replaces_what_changed_and_the_open_page_says_so(
    a_browser, a_built_site: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    shutil.copytree(a_built_site, site)
    server, url = serve_in_thread(site)
    try:
        with guarded_page(a_browser, url, block=False) as (lite, _guard):
            lite.open_notebook("smoke.ipynb")
            old = _wait_until_kept(
                lite.page, ("notebooks/index.html", "static/portlite/opencv/opencv.js")
            )
            old_version = json.loads((site / OFFLINE_MANIFEST).read_text())["version"]
            assert old["names"] == [f"portlite-offline-{old_version}"]

            # A rebuild that changed one file the page kept.
            landing = site / "index.html"
            landing.write_text(
                landing.read_text().replace("<h1>PortLite</h1>", "<h1>PortLite 2</h1>")
            )
            new_version = write_offline_worker(site)
            assert new_version != old_version
            lite.page.evaluate(
                "async () => (await navigator.serviceWorker.getRegistration()).update()"
            )
            lite.page.get_by_text("PortLite has a new version. Reload to use it.").wait_for(
                timeout=60_000
            )

            # The old version's cache goes once the new worker is active.
            deadline = time.monotonic() + 30
            while len((new := lite.page.evaluate(_JS_KEPT))["names"]) > 1:
                assert time.monotonic() < deadline, new["names"]
                time.sleep(0.5)
            assert new["names"] == [f"portlite-offline-{new_version}"]
            # The unchanged files came over; the changed one did not.
            assert "static/portlite/opencv/opencv.js" in new["paths"]
            assert "index.html" in old["paths"] and "index.html" not in new["paths"]
    finally:
        server.shutdown()
        server.server_close()
