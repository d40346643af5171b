"""Every sample notebook runs top to bottom in Chromium, states its facts, and its widgets work.

Each notebook is opened by its link on a fresh browser (no setup cell, no
cache), run with "Run all", and checked: no error output anywhere, and the
facts its outputs state. A screenshot of each, after it ran, goes to
``tests/screenshots/`` (git-ignored) to show what a visitor sees.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from portlite.cv2 import BRIDGED as _BRIDGED

from portlite_site import REPO_ROOT
from portlite_site.landing import SAMPLE_NOTEBOOKS
from portlite_site.testing import stream_text

SCREENSHOTS = REPO_ROOT / "tests" / "screenshots"

#: Each notebook and the lines its stdout must contain.
FACTS = {
    "resize.ipynb": [
        "1080p frame (1080, 1920, 3) -> a tenth (108, 192, 3)",
        "photograph (300, 451, 3) uint8",
        "quarter: {'INTER_NEAREST': (75, 112, 3), 'INTER_LINEAR': (75, 112, 3), "
        "'INTER_CUBIC': (75, 112, 3), 'INTER_AREA': (75, 112, 3), "
        "'INTER_LANCZOS4': (75, 112, 3), 'INTER_LINEAR_EXACT': (75, 112, 3), "
        "'INTER_NEAREST_EXACT': (75, 112, 3)}",
    ],
    "find-contours.ipynb": [
        "image (303, 384), Otsu's threshold: 104",
        "Otsu alone: 22 blobs; adaptive threshold: 24 coins",
    ],
    "text-detection.ipynb": [
        "page: 5 boxes here, 5 on the server;",
        "text: 8 boxes here, 8 on the server;",
        "every box matched: True",
    ],
    "ocr.ipynb": [
        "models: ch_PP-OCRv4_det_infer.onnx, ch_ppocr_mobile_v2.0_cls_infer.onnx, "
        "ch_PP-OCRv4_rec_infer.onnx",
        "-import pyclipper\n-from shapely.geometry import Polygon\n"
        "+from portlite.stand_ins import pyclipper\n"
        "+from portlite.stand_ins.shapely import Polygon",
        "2 lines changed in 17 Python files",
        "receipt: every line equals the server's: True",
        "the upside-down stamp, turned by the classifier and read: ['PAID IN FULL']",
        "text: every line equals the server's: True",
    ],
    "document-scanner.ipynb": [
        " lines, 24 different cv2 calls:",
        "turned upright: True | page (840, 600, 3)",
        "clean page 99.5% equal",
        "the scan equals the server's: True",
    ],
    "model-cache.ipynb": [
        "/portlite/models/ch_PP-OCRv4_det_infer.onnx: opened, input x",
        "ch_PP-OCRv4_det_infer.onnx: 4.7 MB, sha256 d2a7720d45a5…",
        "after remove('ch_PP-OCRv4_det_infer.onnx'): []",
        "fetched again: ['ch_PP-OCRv4_det_infer.onnx']",
        "after clear(): []",
    ],
    "port-your-own-pipeline.ipynb": [
        "portlite.cv2 portlite.onnxruntime",
        f"{len(_BRIDGED)} cv2 names bridged, for example: AKAZE.create, ",
        "a raw cv.Mat: 2 x 3",
        "(64, 64, 3)",
        "shapes.area(3, 4) = 12",
    ],
}


def _run(lite, notebook: str) -> tuple[list[dict], str]:
    lite.open_notebook(notebook)
    cells = lite.run_all()
    outputs = [o for c in cells if c["cell_type"] == "code" for o in c["outputs"]]
    errors = [o for o in outputs if o["output_type"] == "error"]
    assert not errors, errors
    return cells, stream_text(outputs)


@pytest.mark.parametrize("notebook", sorted(FACTS))
def test_a_sample_notebook_runs_top_to_bottom_and_states_its_facts(a_lite_page, notebook) -> None:
    check_notebook(a_lite_page, notebook)


@pytest.mark.parametrize("notebook", sorted(FACTS))
def test_a_sample_notebook_runs_on_a_host_without_isolation_headers(
    a_plain_lite_page, notebook
) -> None:
    """As on GitHub Pages, a first visit: no SharedArrayBuffer, one thread, the same facts."""
    check_notebook(a_plain_lite_page, notebook, screenshot=f"{Path(notebook).stem}-plain-host")
    assert a_plain_lite_page.page.evaluate("() => crossOriginIsolated") is False


def check_notebook(lite, notebook: str, screenshot: str | None = None) -> None:
    """Run ``notebook`` by its link; check its facts, its first cell and its progress labels."""
    cells, stdout = _run(lite, notebook)
    for fact in FACTS[notebook]:
        assert fact in stdout, f"{notebook}: {fact!r} not in\n{stdout}"
    assert all(c["execution_count"] for c in cells if c["cell_type"] == "code")
    # No red box on first contact (e.g. "Matplotlib is building the font cache").
    first = next(c for c in cells if c["cell_type"] == "code")
    assert stream_text(first["outputs"], "stderr") == "", f"{notebook}: first cell wrote to stderr"
    # Progress bars name their download in full (they read "ch_PP-OC…" before).
    cut = lite.page.evaluate(
        """() => [...document.querySelectorAll('.widget-progress .widget-label')]
            .filter((label) => label.scrollWidth > label.clientWidth)
            .map((label) => label.textContent)"""
    )
    assert cut == [], f"{notebook}: progress labels cut short: {cut}"
    SCREENSHOTS.mkdir(exist_ok=True)
    lite.page.screenshot(path=SCREENSHOTS / f"{screenshot or Path(notebook).stem}.png")


def test_widget_outputs_stay_readable_after_a_save_and_reload(a_lite_page) -> None:
    a_lite_page.open_notebook("resize.ipynb")
    a_lite_page.run_all()
    a_lite_page.page.locator(".jp-OutputArea-output .widget-slider").first.wait_for()
    a_lite_page.page.evaluate("() => window.jupyterapp.commands.execute('docmanager:save')")
    a_lite_page.page.wait_for_function(
        "() => !window.jupyterapp.shell.currentWidget.context.model.dirty"
    )
    a_lite_page.open_notebook("resize.ipynb")  # the saved copy, with a new kernel
    note = a_lite_page.page.get_by_text("run the cell again to use it").first
    note.wait_for(state="attached")  # below the fold, maybe
    assert a_lite_page.page.get_by_text("Loading widget...").count() == 0
    widget_text = note.text_content() or ""
    assert "(" in widget_text  # ipywidgets' own text form, e.g. VBox(children=(...))
    dirty = "() => window.jupyterapp.shell.currentWidget.context.model.dirty"
    assert a_lite_page.page.evaluate(dirty) is False


def test_every_sample_notebook_is_tested() -> None:
    shipped = {p.name for p in (REPO_ROOT / "notebooks").glob("*.ipynb")}
    assert shipped == set(FACTS)


def _caption(lite) -> str:
    return lite.page.locator(".widget-label").last.inner_text()


def _change(lite, before: str) -> str:
    """Wait for the kernel to redraw the caption; return the new one."""
    lite.page.wait_for_function(
        "(before) => { const labels = document.querySelectorAll('.widget-label');"
        " return labels.length && labels[labels.length - 1].innerText !== before; }",
        arg=before,
        timeout=60_000,
    )
    return _caption(lite)


def _set_slider(lite, value: str) -> None:
    readout = lite.page.locator(".widget-readout").last
    readout.click()
    lite.page.keyboard.press("Control+A")
    lite.page.keyboard.type(value)
    lite.page.keyboard.press("Enter")


def test_the_resize_widgets_resize_again_in_the_kernel(a_lite_page) -> None:
    _run(a_lite_page, "resize.ipynb")
    before = _caption(a_lite_page)
    assert before == "INTER_LINEAR x0.50: 226x150"
    preview = a_lite_page.page.locator(".widget-image").last
    first_image = preview.get_attribute("src")
    a_lite_page.page.locator(".widget-dropdown select").last.select_option("INTER_AREA")
    after = _change(a_lite_page, before)
    assert after == "INTER_AREA x0.50: 226x150"
    _set_slider(a_lite_page, "0.25")
    resized = _change(a_lite_page, after)
    assert resized == "INTER_AREA x0.25: 113x75"
    assert preview.get_attribute("src") != first_image
    width = a_lite_page.page.evaluate(
        "() => { const images = document.querySelectorAll('.widget-image');"
        " return images[images.length - 1].naturalWidth; }"
    )
    assert width == 113


def test_the_threshold_slider_counts_the_coins_again(a_lite_page) -> None:
    _run(a_lite_page, "find-contours.ipynb")
    before = _caption(a_lite_page)
    assert re.fullmatch(r"threshold 104: \d+ blobs", before), before
    _set_slider(a_lite_page, "60")
    after = _change(a_lite_page, before)
    assert re.fullmatch(r"threshold 60: \d+ blobs", after), after


def test_the_landing_page_lists_every_sample_notebook_by_its_link(a_lite_page) -> None:
    a_lite_page.page.goto(a_lite_page.base_url)
    links = a_lite_page.page.locator("li a.title")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert hrefs == [f"notebooks/index.html?path={name}" for name in SAMPLE_NOTEBOOKS]
    assert set(SAMPLE_NOTEBOOKS) == set(FACTS)
    assert links.nth(2).inner_text() == "Text detection with PP-OCRv4, ported from the server"
    # The descriptions' markdown is rendered, not shown raw.
    description = a_lite_page.page.locator("li p").first
    assert "`" not in description.inner_text()
    assert description.locator("code").first.inner_text() == "cv2.resize"
    links.nth(0).click()
    a_lite_page.page.wait_for_url("**/notebooks/index.html?path=resize.ipynb")
    a_lite_page.wait_for_kernel()
    title = a_lite_page.page.evaluate("() => window.jupyterapp.shell.currentWidget.context.path")
    assert title == "resize.ipynb"


def _upload(lite, file: dict) -> None:
    """Pick ``file`` in the last FileUpload button, as a visitor does."""
    with lite.page.expect_file_chooser() as chooser:
        lite.page.locator("button.widget-upload").last.click()
    chooser.value.set_files(files=[file])


def check_ocr_upload(lite) -> None:
    """Upload the receipt and a non-image to the OCR notebook's widget (run already)."""
    receipt = lite.page.request.get(f"{lite.base_url}files/data/receipt.png").body()
    _upload(lite, {"name": "mine.png", "mimeType": "image/png", "buffer": receipt})
    said = lite.page.get_by_text("mine.png: 17 lines")
    said.wait_for(timeout=120_000)
    assert lite.page.get_by_text("PAID IN FULL").count() >= 2  # printed in both runs
    _upload(lite, {"name": "notes.png", "mimeType": "image/png", "buffer": b"x" * 100})
    lite.page.get_by_text("notes.png: not an image cv2 can read").wait_for(timeout=60_000)


def test_the_ocr_upload_reads_a_visitors_image_and_refuses_a_non_image(a_lite_page) -> None:
    _run(a_lite_page, "ocr.ipynb")
    check_ocr_upload(a_lite_page)
