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
    assert status["cv2"] == {"status": "ready", "version": "4.12.0"}
    ort = status["onnxruntime"]
    assert ort["status"] == "ready" and ort["version"] == "1.30.0" and ort["simd"] is True
    assert ort["cross_origin_isolated"] is True and ort["num_threads"] >= 1
    assert status["cache"]["status"] == "ready"
    shape, total, mask, cv2_name, ort_name = json.loads(a_lite_page.text(SERVER_CODE))
    assert shape == [108, 192, 3] and total == 108 * 192 * 3 * 7 and mask == [1, 1, 64, 64]
    assert (cv2_name, ort_name) == ("portlite.cv2", "portlite.onnxruntime")
