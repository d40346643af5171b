"""Kernel > Interrupt stops a running cell with KeyboardInterrupt and keeps the kernel's state."""

from __future__ import annotations

import json
import time

import pytest

INTERRUPT = "() => window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.interrupt()"

#: Code that runs until interrupted: pure Python, sleeping, and opencv.js calls.
ENDLESS = {
    "busy loop": "n = 0\nwhile True:\n    n += 1",
    "time.sleep": "import time\nwhile True:\n    time.sleep(0.05)",
    "cv2 loop": (
        "import cv2, numpy as np\nframe = np.zeros((480, 640, 3), np.uint8)\n"
        "while True:\n    frame = cv2.GaussianBlur(frame, (5, 5), 0)"
    ),
}


@pytest.mark.parametrize("kind", sorted(ENDLESS))
def test_interrupt_stops_a_running_cell_and_keeps_the_variables(a_lite_page, kind: str) -> None:
    a_lite_page.open_notebook("smoke.ipynb")
    a_lite_page.text("kept = 41")
    a_lite_page.start(ENDLESS[kind])
    time.sleep(1.5)  # let it run
    a_lite_page.page.evaluate(INTERRUPT)
    result = a_lite_page.finish_within(30)
    assert result["status"] == "error", json.dumps(result)[:1000]
    errors = [o for o in result["outputs"] if o["output_type"] == "error"]
    assert "KeyboardInterrupt" in errors[0]["ename"], json.dumps(errors)[:1000]
    assert a_lite_page.text("print(kept + 1)").strip() == "42"
    assert a_lite_page.preload_indicator()["label"] == "PortLite: ready"
    assert "not cross-origin isolated" not in a_lite_page.preload_indicator()["title"]
