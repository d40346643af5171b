"""Every bridged cv2 function on the SIMD and the scalar opencv.js build, through the bridge.

``bench_cv2_simd`` times 61 kernels in JavaScript; this times every case of the
parity suite (``tests/cases/cv2_table_cases.py``, each bridged function at least
once) as server code calls it, in two kernels: one on the site as served (the
SIMD build) and one whose worker is told wasm SIMD is missing, so it loads the
scalar build (:class:`~portlite_site.testing.NoWasmSimdHandler`). The photographs
are cropped to 240x320, four times the parity suite's pixels.

Each round runs every case once in both kernels, one kernel after the other
(which goes first alternates); a case's time in a round is the mean over
enough calls to take ``SAMPLE_MS``. The first round only warms V8's optimising
tier up. A case's ratio is the median of its per-round ratios (SIMD over
scalar); a function's is the geometric mean of its cases'. The bridge's own
cost is in both times alike, so it pulls ratios toward 1 and hides no loss.

Metrics: ``cv2.functions.simd_over_scalar_geomean``, ``cv2.functions.count``,
``cv2.functions.slower_10pct`` (functions above 1.10); the whole table is
written to ``bench/results/cv2_functions.md``.
"""

from __future__ import annotations

import json
import math
import statistics
import sys
from pathlib import Path
from typing import Any

from portlite_site import REPO_ROOT
from portlite_site.serve import serve_in_thread
from portlite_site.testing import NoWasmSimdHandler, guarded_page

sys.path[:0] = [str(REPO_ROOT / "tests/cases"), str(REPO_ROOT / "tests/browser")]

from test_cv2_table import CASES_SOURCE, LOAD_IMAGES  # noqa: E402

ROUNDS = 4  # the first warms up and is dropped
SAMPLE_MS = 15
TABLE_MD = Path(__file__).with_name("results") / "cv2_functions.md"

SETUP = (
    LOAD_IMAGES
    + CASES_SOURCE
    + """
CROP = (240, 320)
import time
env = inputs(np, images)
scope = {"cv2": cv2, "np": np, "error_fields": error_fields, **env}
compiled = [compile(expression, function, "eval") for function, expression in CASES]
from portlite.cv2 import _runtime
cv2.resize(np.zeros((2, 2), np.uint8), (1, 1))  # opencv.js loaded
print(_runtime.loaded_from())
"""
)

#: One round: every case's mean time per call in ms (None when it raises).
ROUND = """
times = []
for _ in range(20):  # the first calls after a cell starts run slow (measured 5x): not a case's
    eval(compiled[0], scope)
for code in compiled:
    try:
        eval(code, scope)
        calls, started = 0, time.perf_counter()
        while True:
            eval(code, scope)
            calls += 1
            spent = time.perf_counter() - started
            if spent * 1000 >= SAMPLE_MS or calls >= 200:
                break
        times.append(spent * 1000 / calls)
    except Exception:
        times.append(None)
print(json.dumps(times))
"""


def _geomean(values: list[float]) -> float:
    return math.exp(sum(map(math.log, values)) / len(values))


def run(browser: Any, base_url: str, site: Path) -> dict[str, float]:
    """Time every case in both kernels; return the summary metrics, write the table."""
    import cv2_table_cases as table_cases

    scalar_server, scalar_url = serve_in_thread(site, handler_class=NoWasmSimdHandler)
    try:
        with (
            guarded_page(browser, base_url) as (simd, _),
            guarded_page(browser, scalar_url) as (scalar, _),
        ):
            kernels = {"simd": simd, "scalar": scalar}
            for name, lite in kernels.items():
                lite.open_notebook("smoke.ipynb")
                loaded = lite.text(SETUP + f"\nSAMPLE_MS = {SAMPLE_MS}\nimport json")
                if ("/scalar/" in loaded) != (name == "scalar"):
                    raise RuntimeError(f"the {name} kernel loaded {loaded.strip()}")
            rounds: list[dict[str, list[float | None]]] = []
            for index in range(ROUNDS):
                order = ["simd", "scalar"] if index % 2 == 0 else ["scalar", "simd"]
                rounds.append({name: json.loads(kernels[name].text(ROUND)) for name in order})
    finally:
        scalar_server.shutdown()
    by_function: dict[str, list[float]] = {}
    case_ms: dict[str, list[tuple[float, float]]] = {}
    for index, (function, _expression) in enumerate(table_cases.CASES):
        ratios, pairs = [], []
        for sample in rounds[1:]:
            simd_ms, scalar_ms = sample["simd"][index], sample["scalar"][index]
            if simd_ms and scalar_ms:
                ratios.append(simd_ms / scalar_ms)
                pairs.append((simd_ms, scalar_ms))
        if ratios:
            by_function.setdefault(function, []).append(statistics.median(ratios))
            case_ms.setdefault(function, []).extend(pairs)
    table = {function: _geomean(ratios) for function, ratios in by_function.items()}
    _write_table(table, case_ms)
    return {
        "cv2.functions.count": float(len(table)),
        "cv2.functions.simd_over_scalar_geomean": _geomean(list(table.values())),
        "cv2.functions.slower_10pct": float(sum(ratio > 1.10 for ratio in table.values())),
    }


def _write_table(table: dict[str, float], case_ms: dict[str, list[tuple[float, float]]]) -> None:
    lines = [
        "# Every bridged cv2 function: SIMD over scalar opencv.js, through the bridge",
        "",
        "Written by `python bench/run.py cv2_functions` (see `bench/bench_cv2_functions.py`):",
        "the parity suite's cases on 240x320 photographs, both builds in one run. Slowest first.",
        "",
        "| function | SIMD / scalar | SIMD ms (median) | scalar ms (median) |",
        "| --- | ---: | ---: | ---: |",
    ]
    for function, ratio in sorted(table.items(), key=lambda item: -item[1]):
        simd_ms = statistics.median(pair[0] for pair in case_ms[function])
        scalar_ms = statistics.median(pair[1] for pair in case_ms[function])
        lines.append(f"| `{function}` | {ratio:.3f} | {simd_ms:.3f} | {scalar_ms:.3f} |")
    TABLE_MD.write_text("\n".join(lines) + "\n")
