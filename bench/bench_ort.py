"""onnxruntime bridge: ``session.run`` through the bridge vs onnxruntime-web alone vs native.

On the PP-OCRv4 text detector at 640x640, for one thread and for several
threads (the wasm backend's pool is per kernel, so each count gets a fresh
kernel), and on one thread for the direction classifier (a batch of 6 text
lines, 48x192) and the recogniser (a batch of 6 lines, 48x480: its width is
dynamic), in one run of this script:
(a) ``InferenceSession.run`` through ``portlite.onnxruntime`` (numpy in, numpy out);
(b) the same onnxruntime-web ``session.run`` awaited in JavaScript, the input
    already in an ``ort.Tensor``;
(c) native onnxruntime on CPython, same model, input and thread count.
(a) and (b) alternate run by run, so machine noise hits both alike. Medians.
Ratios: ``bridge_over_js`` = a / b, ``web_over_native`` = b / c.

Then rapidocr's whole pipeline (its own code, as the OCR notebook runs it)
on the notebook's receipt, one thread on both sides: the kernel against
rapidocr on CPython, ``ocr.web_over_native``.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import onnxruntime

from portlite_site.addon import OCR_MODELS, OCR_RECEIPT
from portlite_site.testing import guarded_page

#: Repetitions per measurement; the median is reported.
REPEATS = 9
MODELS = "static/portlite/models"
#: Each measured run: (label, model, input shape, threads). The detector at
#: one thread and at this machine's cores (at most 4); the line models at one.
RUNS = (
    ("t1", "ch_PP-OCRv4_det_infer.onnx", (1, 3, 640, 640), 1),
    ("tN", "ch_PP-OCRv4_det_infer.onnx", (1, 3, 640, 640), 2),
    ("cls", "ch_ppocr_mobile_v2.0_cls_infer.onnx", (6, 3, 48, 192), 1),
    ("rec", "ch_PP-OCRv4_rec_infer.onnx", (6, 3, 48, 480), 1),
)

KERNEL_CODE = """
import json, statistics, time
import numpy as np
import portlite
portlite.install_aliases()
import onnxruntime as ort
from portlite import _js
from pyodide.ffi import run_sync
from pyodide.http import pyfetch

model = run_sync(run_sync(pyfetch(_js.site_url({model!r}))).bytes())
options = ort.SessionOptions()
options.intra_op_num_threads = {threads}
session = ort.InferenceSession(model, sess_options=options)
x = np.random.default_rng(3).standard_normal({shape}).astype(np.float32)
direct = _js.js_function('''({{
  tensor: null,
  prepare(ort, pyodideModule, address, length) {{
    const data = new Float32Array(length);
    data.set(new Float32Array(pyodideModule.HEAPU8.buffer, address, length));
    this.tensor = new ort.Tensor("float32", data, {shape_js});
  }},
  async time(session) {{
    const started = performance.now();
    const results = await session.run({{x: this.tensor}});
    const elapsed = performance.now() - started;
    for (const name in results) results[name].dispose();
    return elapsed;
  }},
}})''')
direct.prepare(ort.onnxruntime_web(), _js.pyodide_module(), x.ctypes.data, x.size)
session.run(None, {{"x": x}})
_js.block_on_call(direct, "time", session._handle)
bridged, js_only = [], []
for _ in range({repeats}):
    started = time.perf_counter()
    session.run(None, {{"x": x}})
    bridged.append((time.perf_counter() - started) * 1000)
    js_only.append(float(_js.block_on_call(direct, "time", session._handle)))
info = ort.runtime_info()
print(json.dumps({{"bridged": statistics.median(bridged), "js": statistics.median(js_only),
                  "threads": info["num_threads"], "isolated": info["cross_origin_isolated"]}}))
"""


OCR_KERNEL_CODE = """
import json, shutil, statistics, sys, time
from pathlib import Path
work = Path("/tmp/rapidocr-bench")
shutil.rmtree(work, ignore_errors=True)
shutil.copytree("rapidocr", work)
utils = work / "rapidocr_onnxruntime/ch_ppocr_v3_det/utils.py"
source = utils.read_text()
for old, new in (("import pyclipper", "from portlite.stand_ins import pyclipper"),
                 ("from shapely.geometry import Polygon",
                  "from portlite.stand_ins.shapely import Polygon")):
    source = source.replace(old + "\\n", new + "\\n")
utils.write_text(source)
sys.path.insert(0, str(work))
from portlite import models
from rapidocr_onnxruntime import RapidOCR
paths = {{part: models.fetch("{models}/" + name) for part, name in {names!r}.items()}}
given = {{f"{{part}}_model_path": path for part, path in paths.items()}}
engine = RapidOCR(intra_op_num_threads=1, **given)
engine("data/receipt.png")
times = []
for _ in range({repeats}):
    started = time.perf_counter()
    lines, _ = engine("data/receipt.png")
    times.append((time.perf_counter() - started) * 1000)
print(json.dumps({{"ms": statistics.median(times), "lines": len(lines)}}))
"""


def _native_ocr_ms(site: Path) -> tuple[float, int]:
    """rapidocr's pipeline on CPython (the pinned wheel's code), one thread: median ms, lines."""
    # The same files the site ships (the wheel's, unchanged), from its contents.
    sys.path.insert(0, str(site / "files" / "rapidocr"))
    try:
        from rapidocr_onnxruntime import RapidOCR
    finally:
        sys.path.pop(0)
    paths = {f"{part}_model_path": str(site / MODELS / name) for part, name in OCR_MODELS.items()}
    engine = RapidOCR(intra_op_num_threads=1, **paths)
    image = str(site / OCR_RECEIPT)
    engine(image)
    times = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        lines, _ = engine(image)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), len(lines)


def _native_ms(model: Path, shape: tuple[int, ...], threads: int) -> float:
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    session = onnxruntime.InferenceSession(str(model), sess_options=options)
    x = np.random.default_rng(3).standard_normal(shape).astype(np.float32)
    session.run(None, {"x": x})
    times = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        session.run(None, {"x": x})
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def run(browser: Any, base_url: str, site: Path) -> dict[str, float]:
    """Measure one thread and several; return the report's ort.* metrics (and raw ms)."""
    metrics: dict[str, float] = {}
    for label, name, shape, threads in RUNS:
        code = KERNEL_CODE.format(
            model=f"{MODELS}/{name}", shape=shape, shape_js=list(shape), threads=threads,
            repeats=REPEATS,
        )  # fmt: skip
        with guarded_page(browser, base_url) as (lite, _guard):
            lite.open_notebook("smoke.ipynb")
            web = json.loads(lite.text(code))
        assert web["threads"] == threads and web["isolated"], web
        native = _native_ms(site / MODELS / name, shape, threads)
        metrics[f"ort.bridge_over_js.{label}"] = web["bridged"] / web["js"]
        metrics[f"ort.web_over_native.{label}"] = web["js"] / native
        metrics[f"ort.ms.bridged.{label}"] = web["bridged"]
        metrics[f"ort.ms.js_only.{label}"] = web["js"]
        metrics[f"ort.ms.native.{label}"] = native
        metrics[f"ort.threads.{label}"] = threads
    code = OCR_KERNEL_CODE.format(models=MODELS, names=OCR_MODELS, repeats=REPEATS)
    with guarded_page(browser, base_url) as (lite, _guard):
        lite.open_notebook("smoke.ipynb")
        web = json.loads(lite.text(code))
    native, lines = _native_ocr_ms(site)
    assert web["lines"] == lines, (web, lines)
    metrics["ocr.web_over_native"] = web["ms"] / native
    metrics["ocr.ms.web"] = web["ms"]
    metrics["ocr.ms.native"] = native
    return metrics
