"""onnxruntime bridge: ``session.run`` through the bridge vs onnxruntime-web alone vs native.

On the PP-OCRv4 text detector at 640x640, for one thread and for several
threads (the wasm backend's pool is per kernel, so each count gets a fresh
kernel), in one run of this script:
(a) ``InferenceSession.run`` through ``portlite.onnxruntime`` (numpy in, numpy out);
(b) the same onnxruntime-web ``session.run`` awaited in JavaScript, the input
    already in an ``ort.Tensor``;
(c) native onnxruntime on CPython, same model, input and thread count.
(a) and (b) alternate run by run, so machine noise hits both alike. Medians.
Ratios: ``bridge_over_js`` = a / b, ``web_over_native`` = b / c.
"""

from __future__ import annotations

import json
import statistics
import time
from pathlib import Path
from typing import Any

import numpy as np
import onnxruntime

from portlite_site.testing import guarded_page

#: Repetitions per measurement; the median is reported.
REPEATS = 9
DETECTOR = "static/portlite/models/ch_PP-OCRv4_det_infer.onnx"
#: Thread counts: one, and the threaded run (this machine's cores, at most 4).
THREADS = {"t1": 1, "tN": 2}

KERNEL_CODE = """
import json, statistics, time
import numpy as np
import portlite
portlite.install_aliases()
import onnxruntime as ort
from portlite import _js
from pyodide.ffi import run_sync
from pyodide.http import pyfetch

model = run_sync(run_sync(pyfetch(_js.site_url({detector!r}))).bytes())
options = ort.SessionOptions()
options.intra_op_num_threads = {threads}
session = ort.InferenceSession(model, sess_options=options)
x = np.random.default_rng(3).standard_normal((1, 3, 640, 640)).astype(np.float32)
direct = _js.js_function('''({{
  tensor: null,
  prepare(ort, pyodideModule, address, length) {{
    const data = new Float32Array(length);
    data.set(new Float32Array(pyodideModule.HEAPU8.buffer, address, length));
    this.tensor = new ort.Tensor("float32", data, [1, 3, 640, 640]);
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


def _native_ms(model: Path, threads: int) -> float:
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    session = onnxruntime.InferenceSession(str(model), sess_options=options)
    x = np.random.default_rng(3).standard_normal((1, 3, 640, 640)).astype(np.float32)
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
    for label, threads in THREADS.items():
        code = KERNEL_CODE.format(detector=DETECTOR, threads=threads, repeats=REPEATS)
        with guarded_page(browser, base_url) as (lite, _guard):
            lite.open_notebook("smoke.ipynb")
            web = json.loads(lite.text(code))
        assert web["threads"] == threads and web["isolated"], web
        native = _native_ms(site / DETECTOR, threads)
        metrics[f"ort.bridge_over_js.{label}"] = web["bridged"] / web["js"]
        metrics[f"ort.web_over_native.{label}"] = web["js"] / native
        metrics[f"ort.ms.bridged.{label}"] = web["bridged"]
        metrics[f"ort.ms.js_only.{label}"] = web["js"]
        metrics[f"ort.ms.native.{label}"] = native
        metrics[f"ort.threads.{label}"] = threads
    return metrics
