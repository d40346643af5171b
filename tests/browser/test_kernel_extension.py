"""PortLite's kernel extension in Chromium: every Pyodide kernel starts with the bridges ready.

No test here runs a setup cell: the user's first cell is server code, as on
a server. Settings a site owner would put in ``lite/jupyter-lite.json`` are
served per browser context (``LitePage.override_lite_settings``).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from portlite_site.addon import site_start_size
from portlite_site.kernel_extension import PLUGIN_ID, preload_settings

MODEL = "static/portlite/models/ch_PP-OCRv4_det_infer.onnx"

#: A user's first cell, unchanged from the server: no import of portlite, no setup.
SERVER_CODE = """\
import cv2, onnxruntime, numpy as np
frame = np.arange(1080 * 1920 * 3, dtype=np.uint32).astype(np.uint8).reshape(1080, 1920, 3)
image = cv2.resize(frame, (320, 160))
blob = (image.astype(np.float32) / 255.0).transpose(2, 0, 1)[None]
session = onnxruntime.InferenceSession("det.onnx", providers=["CPUExecutionProvider"])
(probabilities,) = session.run(None, {session.get_inputs()[0].name: blob})
print(json.dumps({"image": image.tolist(), "probabilities": probabilities.tolist(),
                  "modules": [cv2.__name__, onnxruntime.__name__]}))
"""


def _first_cell(code: str) -> str:
    return "import json\n" + code


def _expected(a_built_site: Path) -> tuple[np.ndarray, np.ndarray]:
    """The same first cell on CPython with opencv-python and onnxruntime."""
    import cv2
    import onnxruntime

    source = np.arange(1080 * 1920 * 3, dtype=np.uint32).astype(np.uint8).reshape(1080, 1920, 3)
    image = cv2.resize(source, (320, 160))
    blob = (image.astype(np.float32) / 255.0).transpose(2, 0, 1)[None]
    session = onnxruntime.InferenceSession(str(a_built_site / MODEL))
    (probabilities,) = session.run(None, {session.get_inputs()[0].name: blob})
    return image, probabilities


def _check_server_code(stdout: str, expected: tuple[np.ndarray, np.ndarray]) -> None:
    result = json.loads(stdout)
    image, probabilities = expected
    assert result["modules"] == ["portlite.cv2", "portlite.onnxruntime"]
    assert np.array_equal(np.array(result["image"], np.uint8), image)
    got = np.array(result["probabilities"], np.float32)
    assert got.shape == probabilities.shape == (1, 1, 160, 320)
    assert np.allclose(got, probabilities, atol=1e-4, rtol=1e-4)


@pytest.fixture
def a_notebook_with_server_code(a_lite_page, a_built_site: Path) -> object:
    """The site open on a notebook whose only cell is :data:`SERVER_CODE`, and its model."""
    a_lite_page.open_lab()
    a_lite_page.save_file("det.onnx", (a_built_site / MODEL).read_bytes())
    server_cell = {"cell_type": "code", "id": "server-code", "metadata": {}, "outputs": [],
                   "execution_count": None, "source": _first_cell(SERVER_CODE)}  # fmt: skip
    a_lite_page.save_notebook("server.ipynb", [server_cell])
    a_lite_page.open_notebook("server.ipynb")
    return a_lite_page


def test_a_notebook_runs_server_code_as_its_first_cell_and_again_after_a_restart(
    a_notebook_with_server_code, a_built_site: Path
) -> None:
    lite = a_notebook_with_server_code
    expected = _expected(a_built_site)
    cells = lite.run_all()
    (cell,) = cells
    assert cell["execution_count"] == 1
    stdout = "".join(o.get("text", "") for o in cell["outputs"] if o["output_type"] == "stream")
    assert not [o for o in cell["outputs"] if o["output_type"] == "error"], cell["outputs"]
    _check_server_code(stdout, expected)
    indicator = lite.wait_for_preload()
    assert indicator["state"] == "ready" and indicator["label"] == "PortLite: ready"
    assert "opencv.js 4.12.0" in indicator["title"]
    assert "onnxruntime-web 1.30.0" in indicator["title"] and "SIMD on" in indicator["title"]
    assert "model cache: 0 model(s)" in indicator["title"]

    lite.text("left_over = 1")
    lite.restart_kernel()
    assert lite.text("print('left_over' in globals())").strip() == "False"
    _check_server_code(lite.text(_first_cell(SERVER_CODE)), expected)
    assert lite.wait_for_preload()["state"] == "ready"


def test_the_start_leaves_no_trace_in_the_users_namespace_or_history(a_lite_page) -> None:
    a_lite_page.open_notebook("smoke.ipynb")
    cells = a_lite_page.run_all()
    first = next(c for c in cells if c["cell_type"] == "code")
    assert first["execution_count"] == 1
    facts = json.loads(
        a_lite_page.text(
            "import json\nip = get_ipython()\n"
            "print(json.dumps([ip.execution_count, In[1],"
            " [n for n in globals() if 'kernel_start' in n]]))"
        )
    )
    code_cells = [c for c in cells if c["cell_type"] == "code"]
    source = first["source"] if isinstance(first["source"], str) else "".join(first["source"])
    assert facts == [len(code_cells) + 1, source, []]


def test_the_kernel_imports_the_bytecode_the_site_ships(a_lite_page) -> None:
    # A pyc the build compiled is hash-based (PEP 552 flags 3: checked); one
    # the kernel wrote itself after compiling a source would carry flags 0.
    names = ["IPython.core.interactiveshell", "numpy.linalg", "portlite.cv2", "matplotlib"]
    a_lite_page.open_notebook("smoke.ipynb")
    facts = json.loads(
        a_lite_page.text(
            # an import statement: the kernel loads a package it finds in the cell
            f"import importlib, importlib.util, json, {', '.join(names)}\nnames = {names!r}\n"
            "def flags(module):\n"
            "    with open(importlib.util.cache_from_source(module.__file__), 'rb') as pyc:\n"
            "        return int.from_bytes(pyc.read(8)[4:], 'little')\n"
            "print(json.dumps({n: flags(importlib.import_module(n)) for n in names}))"
        )
    )
    assert facts == dict.fromkeys(names, 3), facts


def test_a_cell_sent_while_the_bridges_load_waits_for_them(a_lite_page) -> None:
    a_lite_page.page.goto(f"{a_lite_page.base_url}notebooks/index.html?path=smoke.ipynb")
    a_lite_page.page.wait_for_function(
        "() => window.jupyterapp && window.jupyterapp.shell.currentWidget"
        " && window.jupyterapp.shell.currentWidget.sessionContext.session"
        " && window.jupyterapp.shell.currentWidget.sessionContext.session.kernel",
        timeout=120_000,
    )
    assert a_lite_page.preload_indicator()["state"] == "loading"
    a_lite_page.start("import cv2\nprint(cv2.__name__)")
    result = a_lite_page.finish()
    assert result["status"] == "ok"
    assert "".join(o.get("text", "") for o in result["outputs"]).strip() == "portlite.cv2"


@pytest.mark.parametrize("app", ["repl", "console"])
def test_consoles_and_the_repl_start_with_the_bridges(a_lite_page, app: str) -> None:
    if app == "repl":
        a_lite_page.open_app("repl/index.html?kernel=python")
    else:
        a_lite_page.open_lab()
        a_lite_page.page.evaluate(
            "() => window.jupyterapp.commands.execute("
            "'console:create', { kernelPreference: { name: 'python' } })"
        )
        a_lite_page.wait_for_kernel()
    text = a_lite_page.text(
        "import cv2, onnxruntime, numpy as np\n"
        "print(cv2.__name__, onnxruntime.__name__,"
        " cv2.resize(np.ones((40, 60), np.uint8), (6, 4)).sum())"
    )
    assert text.split() == ["portlite.cv2", "portlite.onnxruntime", "24"]


def test_a_broken_opencv_url_leaves_onnxruntime_working_and_says_why(
    a_lite_page, a_network_guard
) -> None:
    a_network_guard.expect_error("no-such-opencv.js|404")
    a_lite_page.override_lite_settings(PLUGIN_ID, {"opencvUrl": "./static/no-such-opencv.js"})
    a_lite_page.open_notebook("smoke.ipynb", app="lab")
    indicator = a_lite_page.wait_for_preload()
    assert indicator["label"] == "PortLite: ready (cv2 failed)"
    assert "cv2: failed:" in indicator["title"] and "no-such-opencv.js" in indicator["title"]
    text = a_lite_page.text(
        "import onnxruntime\nprint(onnxruntime.get_available_providers())\n"
        "try:\n    import cv2\nexcept ImportError as err:\n    print(err)\n"
    )
    providers, message = text.strip().split("\n")
    assert providers == "['CPUExecutionProvider']"
    assert message.startswith("import cv2: PortLite's cv2 bridge is not available in this kernel:")
    assert "no-such-opencv.js" in message
    a_lite_page.page.evaluate("() => window.jupyterapp.commands.execute('logconsole:open')")
    log = a_lite_page.page.locator(".jp-LogConsolePanel")
    log.get_by_text("no-such-opencv.js").first.wait_for(timeout=30_000)
    assert "PortLite: cv2: failed:" in log.inner_text()


def test_with_aliases_off_import_cv2_is_not_the_bridge(a_lite_page) -> None:
    a_lite_page.override_lite_settings(PLUGIN_ID, {"aliases": False})
    a_lite_page.open_notebook("smoke.ipynb")
    assert a_lite_page.wait_for_preload()["state"] == "ready"
    text = a_lite_page.text(
        "from portlite import cv2 as bridge\nimport numpy as np\n"
        "print(bridge.resize(np.ones((4, 6), np.uint8), (3, 2)).sum())\n"
        "try:\n    import cv2\nexcept ImportError as err:\n    print(type(err).__name__)\n"
    )
    assert text.split() == ["6", "ModuleNotFoundError"]


def test_settings_the_schema_refuses_start_no_bridge_and_say_why(
    a_lite_page, a_network_guard
) -> None:
    a_network_guard.expect_error("PortLite: settings refused")
    a_lite_page.override_lite_settings(PLUGIN_ID, {"bridges": ["cv3"], "threads": 2})
    a_lite_page.open_notebook("smoke.ipynb")
    indicator = a_lite_page.wait_for_preload()
    assert indicator["state"] == "failed"
    assert (
        'settings refused: litePluginSettings["@portlite/kernel-extension:preload"]'
        in (indicator["title"])
    )
    assert '.bridges[0]: expected one of ["cv2","onnxruntime"], got "cv3"' in indicator["title"]
    assert 'unknown setting "threads"' in indicator["title"]
    text = a_lite_page.text(
        "try:\n    import cv2\nexcept ImportError as err:\n    print(type(err).__name__)\n"
    )
    assert text.strip() == "ModuleNotFoundError"


def test_the_thread_setting_sizes_onnxruntime_webs_pool(a_lite_page) -> None:
    a_lite_page.override_lite_settings(PLUGIN_ID, {"numThreads": 2, "bridges": ["onnxruntime"]})
    a_lite_page.open_notebook("smoke.ipynb")
    indicator = a_lite_page.wait_for_preload()
    assert "onnxruntime-web 1.30.0, 2 thread(s)" in indicator["title"]
    assert "cv2" not in indicator["title"]
    text = a_lite_page.text("import onnxruntime\nprint(onnxruntime.runtime_info()['num_threads'])")
    assert text.strip() == "2"


def test_the_repl_shows_the_preload_status_above_its_console(a_lite_page) -> None:
    a_lite_page.open_app("repl/index.html?kernel=python")
    item = a_lite_page.page.locator(".jp-ConsolePanel .portlite-PreloadIndicator")
    item.wait_for()
    a_lite_page.page.wait_for_function(
        "() => document.querySelector('.jp-ConsolePanel .portlite-PreloadIndicator')"
        ".dataset.state === 'ready'"
    )
    assert item.inner_text() == "PortLite: ready"
    assert "cv2: opencv.js 4.12.0, SIMD on" in (item.get_attribute("title") or "")


_JS_LOAD = """() => {
  const node = document.querySelector('.portlite-PreloadIndicator');
  return node ? [node.dataset.state, node.textContent, node.dataset.load || '{}'] : null;
}"""


def test_a_first_visit_shows_each_parts_bytes_and_the_landing_page_states_its_size(
    a_lite_page, a_built_site: Path
) -> None:
    """The newcomer's first visit: the status counts the kernel's downloads, part
    by part, up to the build's figures, and the landing page's size is what arrived."""
    import re
    import time

    page = a_lite_page.page
    # Room for every file the page loads in its resource timing (250 by default).
    page.add_init_script("performance.setResourceTimingBufferSize(5000)")
    page.goto(f"{a_lite_page.base_url}notebooks/index.html?path=smoke.ipynb")
    seen: list[tuple[str, str, dict]] = []
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        state = page.evaluate(_JS_LOAD)
        if state:
            seen.append((state[0], state[1], json.loads(state[2])))
            if state[0] not in ("none", "loading"):
                break
        time.sleep(0.1)
    assert seen and seen[-1][0] == "ready", seen[-1:]

    progress = [
        (float(m[1]), float(m[2]))
        for _, label, _ in seen
        if (m := re.fullmatch(r"PortLite: loading… ([\d.]+) of ([\d.]+) MB", label))
    ]
    # Shown while loading, growing, and short of its total before the end.
    assert len({loaded for loaded, _ in progress}) >= 3, [label for _, label, _ in seen]
    assert [loaded for loaded, _ in progress] == sorted(loaded for loaded, _ in progress)
    assert progress[0][0] < progress[0][1]

    config = json.loads((a_built_site / "jupyter-lite.json").read_text(encoding="utf-8"))
    expected = config["jupyter-config-data"]["portliteStartBytes"]
    assert set(expected) == {"Pyodide", "packages", "opencv.js", "onnxruntime-web"}
    settings = config["jupyter-config-data"]["litePluginSettings"][PLUGIN_ID]
    after_start = site_start_size(a_built_site, preload_settings(settings)).after_start
    assert after_start > 4_000_000  # ssl and jedi, with openssl and parso
    # The packages deferred past the start arrive in the background once it is ready.
    with_deferred = {**expected, "packages": expected["packages"] + after_start}
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        time.sleep(0.5)  # the meter reports at most ten times a second
        load = json.loads(page.evaluate(_JS_LOAD)[2])
        if load["packages"]["loaded"] >= with_deferred["packages"]:
            break
    # The site serves its files as they are, so each part's bytes are the build's to the byte.
    assert {part: load[part]["loaded"] for part in expected} == with_deferred, load
    assert all(load[part]["done"] == load[part]["files"] > 0 for part in expected), load
    title = a_lite_page.preload_indicator()["title"]
    megabytes = f"{expected['opencv.js'] / 1e6:.1f}"
    assert f"opencv.js: {megabytes} of {megabytes} MB, 2/2 file(s)" in title, title

    worker_bytes = sum(part["loaded"] for part in load.values())
    page_bytes = page.evaluate(
        "() => performance.getEntriesByType('resource').reduce((n, e) => n + e.decodedBodySize, 0)"
    )
    arrived = worker_bytes - after_start + page_bytes  # what came before the first output
    landing = (a_built_site / "index.html").read_text(encoding="utf-8")
    stated = re.search(r"the first run downloads about (\d+) MB", landing)
    assert stated, "the landing page states no first-visit size"
    assert abs(int(stated[1]) * 1e6 - arrived) / arrived < 0.1, (stated[0], arrived)
