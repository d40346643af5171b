"""portlite.preload by hand in Chromium: it reports every part ready, with versions.

The kernel extension runs it at every kernel start; its tests
(``test_kernel_extension.py``) cover a broken bridge, aliases off and bad settings.
"""

from __future__ import annotations

import json

SERVER_CODE = """
import json
import cv2, onnxruntime, numpy as np
from portlite import models
small = cv2.resize(np.full((1080, 1920, 3), 7, np.uint8), (192, 108))
session = onnxruntime.InferenceSession(models.fetch(
    "static/portlite/models/ch_PP-OCRv4_det_infer.onnx", progress=False))
(mask,) = session.run(None, {"x": np.zeros((1, 3, 64, 64), np.float32)})
print(json.dumps([small.shape, int(small.sum()), mask.shape, cv2.__name__, onnxruntime.__name__]))
"""


def _preload(lite, arguments: str = "") -> dict:
    return json.loads(
        lite.text(
            "import json\nfrom portlite.preload import preload\n"
            f"print(json.dumps(preload({arguments})))"
        )
    )


def test_preload_readies_both_bridges_the_cache_and_the_aliases(a_lite_page) -> None:
    a_lite_page.open_notebook("smoke.ipynb")
    status = _preload(a_lite_page)
    assert status["cv2"] == {"status": "ready", "version": "4.12.0", "simd": True}
    ort = status["onnxruntime"]
    assert ort["status"] == "ready" and ort["version"] == "1.30.0" and ort["simd"] is True
    assert ort["cross_origin_isolated"] is True and ort["num_threads"] >= 1
    assert status["cache"]["status"] == "ready"
    shape, total, mask, cv2_name, ort_name = json.loads(a_lite_page.text(SERVER_CODE))
    assert shape == [108, 192, 3] and total == 108 * 192 * 3 * 7 and mask == [1, 1, 64, 64]
    assert (cv2_name, ort_name) == ("portlite.cv2", "portlite.onnxruntime")


DEFERRED_CODE = """
import asyncio, json, js, pyodide_js
from IPython.core.completer import provisionalcompleter
from portlite.preload import timing
shell = get_ipython()
for _ in range(600):  # they load in the background: up to a minute
    if shell.Completer.use_jedi and "ssl" in set(js.Object.keys(pyodide_js.loadedPackages)):
        break
    await asyncio.sleep(0.1)
started = {entry.name.rsplit("/", 1)[-1].split("-")[0]: entry.startTime
           for entry in js.performance.getEntriesByType("resource")
           if entry.name.rsplit("/", 1)[-1].startswith(("jedi-", "openssl-", "numpy-"))}
with provisionalcompleter():
    completions = [c.text for c in shell.Completer.completions("import json\\njson.dum", 19)]
import ssl
print(json.dumps({"started": started, "done": timing()["done"],
                  "use_jedi": shell.Completer.use_jedi, "completions": completions,
                  "ssl": ssl.OPENSSL_VERSION}))
"""


def test_jedi_and_ssl_load_after_the_first_output_and_then_serve_as_before(a_lite_page) -> None:
    """4.4 MB the first output does not need (issue 15): fetched after the preload, not before."""
    a_lite_page.open_notebook("smoke.ipynb")
    a_lite_page.wait_for_preload()
    facts = json.loads(a_lite_page.text(DEFERRED_CODE))
    started = facts["started"]
    assert set(started) == {"jedi", "openssl", "numpy"}, started
    assert started["numpy"] < facts["done"] < min(started["jedi"], started["openssl"])
    assert facts["use_jedi"] is True and "dumps" in facts["completions"]
    assert facts["ssl"].startswith("OpenSSL")
