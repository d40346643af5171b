# ruff: noqa: E501 - the error table reads best one case a line
"""portlite.models in Chromium: a persistent cache that survives reloads, verifies, and never keeps a bad download."""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

MODEL = "static/portlite/models/ch_PP-OCRv4_det_infer.onnx"
MODEL_NAME = "ch_PP-OCRv4_det_infer.onnx"


@pytest.fixture(scope="module")
def a_fault_site_url(a_built_site: Path) -> Iterator[str]:
    """The built site, served with the /_faults/ routes (cut-off and slow downloads)."""
    from portlite_site.serve import serve_in_thread
    from portlite_site.testing import FaultHandler

    server, url = serve_in_thread(a_built_site, handler_class=FaultHandler)
    yield url
    server.shutdown()


@pytest.fixture
def a_cache_page(a_browser, a_fault_site_url):
    """A fresh context (empty storage) on the fault-serving site, its guard, and its URL."""
    from portlite_site.testing import FaultHandler, guarded_page

    FaultHandler.requested.clear()
    with guarded_page(a_browser, a_fault_site_url) as (lite, guard):
        lite.open_notebook("smoke.ipynb")
        yield lite, guard, a_fault_site_url


def _sha256(site: Path, relative: str) -> str:
    return hashlib.sha256((site / relative).read_bytes()).hexdigest()


def _requests_for(guard, fragment: str) -> int:
    """How many requests for ``fragment`` reached the server."""
    from portlite_site.testing import FaultHandler

    return sum(fragment in path for path in FaultHandler.requested)


def _json(lite, code: str):
    return json.loads(lite.text("import json, hashlib\nfrom portlite import models\n" + code))


def _failed_fetch(lite, arguments: str, error: str) -> tuple[str, str]:
    """Run a fetch expected to raise ``models.<error>``: its message, then models.list()."""
    text = lite.text(
        "from portlite import models\n"
        f"try:\n    models.fetch({arguments}, progress=False)\n"
        f"except models.{error} as err:\n    print(err)\n"
        "print(models.list())\n"
    )
    message, listed = text.strip().split("\n")
    return message, listed


def test_a_fetched_model_survives_a_reload_without_a_request(a_cache_page, a_built_site) -> None:
    lite, guard, _ = a_cache_page
    digest = _sha256(a_built_site, MODEL)
    fetch = f"p = models.fetch({MODEL!r}, sha256={digest!r}, progress=False)\n"
    first = _json(
        lite, fetch + "print(json.dumps([p, hashlib.sha256(open(p, 'rb').read()).hexdigest()]))"
    )
    assert first == [f"/portlite/models/{MODEL_NAME}", digest]
    assert _requests_for(guard, MODEL) == 1

    lite.open_notebook("smoke.ipynb")  # a page load: a new kernel, the same browser storage
    again = _json(
        lite,
        fetch + "import portlite; portlite.install_aliases(); import onnxruntime\n"
        "s = onnxruntime.InferenceSession(p)\n"
        "print(json.dumps([p, s.get_inputs()[0].name, [r['name'] for r in models.list()]]))",
    )
    assert again == [first[0], "x", [MODEL_NAME]]
    assert _requests_for(guard, MODEL) == 1, "the cached model was requested again"


def test_list_info_remove_clear_and_usage(a_cache_page) -> None:
    lite, _, _ = a_cache_page
    state = _json(
        lite,
        "a = models.put('a.bin', b'x' * 1000)\n"
        "b = models.put('b.bin', b'y' * 24, sha256=hashlib.sha256(b'y' * 24).hexdigest())\n"
        "listed = [(r['name'], r['size'], r['sha256']) for r in models.list()]\n"
        "info = models.info('b.bin')\n"
        "usage = models.usage()\n"
        "models.remove('a.bin')\n"
        "after_remove = [r['name'] for r in models.list()]\n"
        "import os\n"
        "gone = not os.path.exists(a) and open(b, 'rb').read() == b'y' * 24\n"
        "models.clear()\n"
        "try:\n    models.info('b.bin')\nexcept KeyError as err:\n    missing = str(err)\n"
        "print(json.dumps([listed, info['size'], usage['entries'], usage['bytes'], usage['browser_quota'] > 0,\n"
        "                  after_remove, gone, models.list(), missing]))",
    )
    listed, size, entries, total, has_quota, after_remove, gone, final, missing = state
    assert listed == [
        ["a.bin", 1000, hashlib.sha256(b"x" * 1000).hexdigest()],
        ["b.bin", 24, hashlib.sha256(b"y" * 24).hexdigest()],
    ]
    assert (size, entries, total, has_quota) == (24, 2, 1024, True)
    assert after_remove == ["b.bin"] and gone and final == []
    assert "'b.bin' is not in the cache" in missing


def test_a_sha256_mismatch_raises_and_keeps_nothing(a_cache_page, a_built_site) -> None:
    lite, _, _ = a_cache_page
    wrong = "0" * 64
    message, listed = _failed_fetch(lite, f"{MODEL!r}, sha256={wrong!r}", "ChecksumError")
    assert f"has sha256 {_sha256(a_built_site, MODEL)}, expected {wrong}" in message
    assert "nothing was stored" in message and listed == "[]"


def test_a_download_cut_off_half_way_keeps_nothing(a_cache_page) -> None:
    lite, guard, _ = a_cache_page
    guard.expect_error("ERR_CONTENT_LENGTH_MISMATCH|_faults/truncate")
    cut = f"'_faults/truncate/{MODEL}', name='cut.onnx'"
    message, listed = _failed_fetch(lite, cut, "DownloadError")
    assert "_faults/truncate" in message and "nothing was stored" in message
    assert listed == "[]"


def test_a_tampered_entry_is_detected_dropped_and_fetched_again(a_cache_page, a_built_site) -> None:
    lite, guard, _ = a_cache_page
    digest = _sha256(a_built_site, MODEL)
    fetch = f"p = models.fetch({MODEL!r}, sha256={digest!r}, progress=False)\n"
    _json(lite, fetch + "print(json.dumps(p))")
    # Overwrite the stored bytes behind the cache's back, from the page.
    lite.page.evaluate(
        """(name) => new Promise((resolve, reject) => {
          const open = indexedDB.open("portlite-models", 1);
          open.onsuccess = () => {
            const tx = open.result.transaction(["blobs"], "readwrite");
            tx.objectStore("blobs").put(new Blob([new Uint8Array(1000)]), name);
            tx.oncomplete = () => { open.result.close(); resolve(); };
            tx.onerror = () => reject(tx.error);
          };
        })""",
        MODEL_NAME,
    )
    lite.open_notebook("smoke.ipynb")  # a new kernel: it has not hashed the entry yet
    result = _json(
        lite,
        "import warnings\n"
        "with warnings.catch_warnings(record=True) as caught:\n"
        "    warnings.simplefilter('always')\n    "
        + fetch
        + "print(json.dumps([str(w.message) for w in caught]"
        " + [hashlib.sha256(open(p, 'rb').read()).hexdigest()]))",
    )
    *warned, actual = result
    assert actual == digest
    assert any("no longer match their sha256" in w for w in warned), warned
    assert _requests_for(guard, MODEL) == 2


def test_two_pages_fetching_at_once_download_once(a_cache_page, a_built_site) -> None:
    from portlite_site.testing import LitePage

    lite, guard, base_url = a_cache_page
    other = LitePage(lite.page.context.new_page(), base_url)
    other.open_notebook("smoke.ipynb")
    slow = f"_faults/throttle/4000000/{MODEL}"  # about 1.2 s: the two fetches overlap
    code = (
        "import hashlib, json\nfrom portlite import models\n"
        f"p = models.fetch({slow!r}, sha256={_sha256(a_built_site, MODEL)!r}, progress=False)\n"
        "print(json.dumps([p, hashlib.sha256(open(p, 'rb').read()).hexdigest()]))\n"
    )
    lite.start(code)
    other.start(code)
    results = [page.finish() for page in (lite, other)]
    texts = ["".join(o.get("text", "") for o in r["outputs"]) for r in results]
    assert [r["status"] for r in results] == ["ok", "ok"], results
    assert json.loads(texts[0]) == json.loads(texts[1])
    assert _requests_for(guard, slow) == 1, "the second page downloaded too"


def test_progress_shows_a_widget_in_notebooks_and_text_elsewhere(a_cache_page) -> None:
    lite, _, _ = a_cache_page
    widget = lite.execute(f"from portlite import models\nmodels.fetch({MODEL!r}, name='w.onnx')")
    assert widget["status"] == "ok"
    assert any(
        "application/vnd.jupyter.widget-view+json" in o.get("data", {})
        for o in widget["outputs"]
        if o["output_type"] == "display_data"
    ), widget["outputs"]
    text = lite.text(f"models.fetch({MODEL!r}, name='t.onnx', progress='text')")
    assert "t.onnx: 4.7 MB of 4.7 MB at" in text and text.strip().endswith("(done)")


def test_cv2_imread_and_open_take_a_cache_path(a_cache_page, a_built_site) -> None:
    lite, _, _ = a_cache_page
    shape = _json(
        lite,
        "import portlite\nportlite.install_aliases()\nimport cv2\n"
        "p = models.fetch('files/data/coins.png', progress=False)\n"
        "print(json.dumps([cv2.imread(p, cv2.IMREAD_GRAYSCALE).shape, len(open(p, 'rb').read())]))",
    )
    assert shape == [[303, 384], (a_built_site / "files/data/coins.png").stat().st_size]


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        ("models.fetch(42)", r"TypeError: models.fetch\(\): 'url' must be a non-empty str, got 42"),
        ("models.fetch('ftp://example.org/m.onnx')", r"ValueError: models.fetch\(\): 'url' must be http\(s\) or site-relative"),
        ("models.fetch('static/x.onnx', sha256='abc')", r"ValueError: models.fetch\(\): 'sha256' must be 64 hex digits, got 'abc'"),
        ("models.put('../escape', b'')", r"ValueError: models.put\(\): 'name' must be a file name"),
        ("models.put('ok.bin', 'text')", r"TypeError: models.put\(\): 'data' must be bytes-like, got str"),
        ("models.fetch('static/no/such/model.onnx', progress=False)", r"DownloadError: models.fetch\(\): could not download .*static/no/such/model.onnx: .*HTTP 404"),
    ],
)  # fmt: skip
def test_bad_arguments_raise_clear_errors(a_cache_page, call, expected) -> None:
    import re

    lite, guard, _ = a_cache_page
    guard.expect_error("404")
    text = lite.text(
        "from portlite import models\n"
        f"try:\n    {call}\nexcept Exception as err:\n    print(f'{{type(err).__name__}}: {{err}}')\n"
    )
    assert re.search(expected, text), text


def test_pages_ask_for_persistent_storage_and_usage_reports_it(a_cache_page) -> None:
    lite, _, _ = a_cache_page
    assert lite.page.evaluate(
        "() => !!document.querySelector('script[src$=\"persist-storage.js\"]')"
    )
    granted = lite.page.evaluate("() => navigator.storage.persisted()")
    usage = _json(lite, "print(json.dumps(models.usage()))")
    assert usage["persisted"] is granted
    assert usage["browser_quota"] > usage["browser_usage"] >= 0


def test_two_urls_with_one_file_name_are_never_confused(a_cache_page, a_built_site) -> None:
    lite, _, _ = a_cache_page
    other = f"_faults/other/{MODEL}"  # other bytes, the same file name
    first = _json(lite, f"p = models.fetch({MODEL!r}, progress=False)\nprint(json.dumps(p))")
    message, listed = _failed_fetch(lite, repr(other), "CacheError")
    assert f"{MODEL_NAME!r} is cached from" in message and "name='...'" in message
    both = _json(
        lite,
        f"q = models.fetch({other!r}, name='other.onnx', progress=False)\n"
        f"print(json.dumps([hashlib.sha256(open(p, 'rb').read()).hexdigest() for p in ({first!r}, q)]))",
    )
    original = _sha256(a_built_site, MODEL)
    assert both == [original, hashlib.sha256((a_built_site / MODEL).read_bytes()[::-1]).hexdigest()]


def test_a_failed_refetch_keeps_the_good_copy(a_cache_page, a_built_site) -> None:
    lite, guard, _ = a_cache_page
    guard.expect_error("ERR_CONTENT_LENGTH_MISMATCH|_faults/truncate")
    digest = _sha256(a_built_site, MODEL)
    _json(lite, f"models.fetch({MODEL!r}, sha256={digest!r}, progress=False)\nprint(1)")
    newer = "1" * 64  # a newer version is asked for, and its download is cut off
    cut = f"'_faults/truncate/{MODEL}', sha256={newer!r}, name={MODEL_NAME!r}"
    message, _ = _failed_fetch(lite, cut, "DownloadError")
    assert "nothing was stored" in message
    kept = _json(
        lite,
        f"print(json.dumps([(r['name'], r['sha256']) for r in models.list()] + "
        f"[hashlib.sha256(open(models.path({MODEL_NAME!r}), 'rb').read()).hexdigest()]))",
    )
    assert kept == [[MODEL_NAME, digest], digest]


def test_a_gzip_encoded_download_is_measured_by_what_arrives(a_cache_page, a_built_site) -> None:
    lite, _, _ = a_cache_page
    digest = _sha256(a_built_site, MODEL)
    got = _json(
        lite,
        f"p = models.fetch('_faults/gzip/{MODEL}', sha256={digest!r}, name='gz.onnx', progress=False)\n"
        "print(json.dumps(hashlib.sha256(open(p, 'rb').read()).hexdigest()))",
    )
    assert got == digest


def test_an_interrupted_download_leaves_nothing_behind(a_cache_page) -> None:
    lite, _, _ = a_cache_page
    lite.start(
        "from portlite import models\n"
        f"models.fetch('_faults/throttle/200000/{MODEL}', name='slow.onnx', progress=False)"
    )
    # Interrupt once the download is under way (a fixed wait raced a slow
    # kernel start under load: the interrupt came before the fetch began).
    deadline = time.monotonic() + 60
    while not _requests_for(None, "_faults/throttle/"):
        assert time.monotonic() < deadline, "the download never reached the server"
        lite.page.wait_for_timeout(100)
    lite.page.wait_for_timeout(500)
    lite.page.evaluate(
        "() => window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.interrupt()"
    )
    result = lite.finish_within(30)
    assert "KeyboardInterrupt" in json.dumps(result)
    state = _json(
        lite,
        "from portlite._model_store import store\n"
        "print(json.dumps([store().download is None, models.list()]))",
    )
    assert state == [True, []]
