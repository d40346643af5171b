"""portlite.preload in Chromium: bridges ready in one call; a broken one fails alone, saying why."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.browser

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


def test_a_broken_opencv_url_leaves_onnxruntime_working_and_import_cv2_says_why(
    a_lite_page, a_network_guard
) -> None:
    a_network_guard.expect_error("no-such-opencv.js|404")
    a_lite_page.open_notebook("smoke.ipynb")
    status = _preload(a_lite_page, "opencv_url='static/portlite/no-such-opencv.js'")
    assert status["cv2"]["status"] == "failed"
    assert "no-such-opencv.js" in status["cv2"]["reason"]
    assert status["onnxruntime"]["status"] == "ready"
    text = a_lite_page.text(
        "import onnxruntime, numpy as np\n"
        "print(onnxruntime.get_available_providers())\n"
        "try:\n    import cv2\nexcept ImportError as err:\n    print(err)\n"
    )
    providers, message = text.strip().split("\n")
    assert providers == "['CPUExecutionProvider']"
    assert message.startswith("import cv2: PortLite's cv2 bridge is not available in this kernel:")
    assert "no-such-opencv.js" in message


def test_without_aliases_import_cv2_is_not_the_bridge(a_lite_page) -> None:
    a_lite_page.open_notebook("smoke.ipynb")
    status = _preload(a_lite_page, "aliases=False")
    assert status["cv2"]["status"] == "ready"
    text = a_lite_page.text(
        "try:\n    import cv2\nexcept ImportError as err:\n    print(type(err).__name__)\n"
    )
    assert text.strip() == "ModuleNotFoundError"
