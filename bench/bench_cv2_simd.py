"""opencv.js with WebAssembly SIMD against the npm (scalar) build, op by op, in Chromium.

The site ships both builds (``static/portlite/opencv/`` and its ``scalar/``).
Each runs in a dedicated worker of one page, on the same 1080p inputs
(``bench/opencv_ops.js``); for every op the two workers take their samples in
turn, so a noisy moment hits both. Each sample times enough calls to take
~3 ms; each round times both builds back to back (which goes first alternates),
and an op's ratio is the median over 25 rounds of the two times' ratio.
Metrics: ``cv2.simd_over_scalar.<op>`` (goal <= 1.0 each) and their geometric
mean ``cv2.simd_over_scalar_geomean`` (goal <= 0.5 over the benchmark's own ops,
see :data:`HEADLINE`).
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from portlite_site.testing import guarded_page

OPS_JS = Path(__file__).with_name("opencv_ops.js").read_text(encoding="utf-8")

#: The ops of the cv2 benchmark and of the issue's table (their geometric mean is the goal's).
HEADLINE = ("resize_nearest", "resize_linear", "cvtColor_gray", "GaussianBlur", "medianBlur",
            "threshold", "findContours", "warpAffine", "equalizeHist", "Canny")  # fmt: skip

SAMPLES = 25
#: How long each build runs an op before its samples (ms), at least; then on until three
#: batches in a row agree within 5%, or WARM_MOST_MS has passed.
WARM_MS = 200
WARM_MOST_MS = 2000

#: One worker per build: loads it, makes the ops, answers "time op for batch calls".
WORKER_JS = """
self.portliteOpencvWasmUrl = URL_OF_WASM;
importScripts(URL_OF_SCRIPT);
OPS_SOURCE
(async () => {
  let cv = self.cv;
  if (cv instanceof Promise) cv = await cv;
  while (!cv.Mat) await new Promise((r) => setTimeout(r, 10));
  const ops = makeOps(cv);
  self.onmessage = ({ data: [name, batch] }) => {
    const op = ops[name];
    const started = performance.now();
    for (let i = 0; i < batch; i++) op();
    self.postMessage((performance.now() - started) / batch);
  };
  self.postMessage(Object.keys(ops));
})();
"""

PAGE_JS = """async ([sources, samples, WARM_MS, WARM_MOST_MS]) => {
  const start = (source) => new Promise((resolve) => {
    const worker = new Worker(URL.createObjectURL(new Blob([source], {type: 'text/javascript'})));
    worker.onmessage = ({ data }) => resolve([worker, data]);
  });
  const [[scalar, names], [simd]] = [await start(sources[0]), await start(sources[1])];
  const ask = (worker, name, batch) => new Promise((resolve) => {
    worker.onmessage = ({ data }) => resolve(data);
    worker.postMessage([name, batch]);
  });
  const median = (values) => values.sort((a, b) => a - b)[values.length >> 1];
  const results = {};
  for (const name of names) {
    await ask(simd, name, 1);
    const once = await ask(scalar, name, 1);
    const batch = Math.max(1, Math.round(3 / Math.max(once, 0.001)));
    // V8 runs a wasm function on its baseline code until its optimised code, compiled in
    // the background, lands (on 2 busy cores that took over 10 rounds for calcHist, at 2x
    // the steady time): each build runs the op until its times settle, so that no sample
    // times one build's baseline code against the other's optimised code.
    for (const worker of [scalar, simd]) {
      const recent = [];
      for (let spent = 0; spent < WARM_MOST_MS; ) {
        recent.push(await ask(worker, name, batch));
        spent += batch * recent[recent.length - 1];
        const last = recent.slice(-3);
        const settled = last.length === 3 && Math.max(...last) <= 1.05 * Math.min(...last);
        if (spent >= WARM_MS && settled) break;
      }
    }
    const times = [[], [], []];
    for (let r = 0; r < samples; r++) {
      // Each round times both builds back to back, the first one in turn, and keeps their
      // ratio: a slow moment of the machine then hits both sides of one ratio.
      const [first, second] = r % 2 ? [simd, scalar] : [scalar, simd];
      const a = await ask(first, name, batch), b = await ask(second, name, batch);
      const [s, v] = r % 2 ? [b, a] : [a, b];
      times[0].push(s); times[1].push(v); times[2].push(v / s);
    }
    results[name] = times.map(median);
  }
  scalar.terminate(); simd.terminate();
  return results;
}"""


def _worker(base_url: str, folder: str) -> str:
    script = f"{base_url}static/portlite/opencv/{folder}opencv.js"
    wasm = f"{base_url}static/portlite/opencv/{folder}opencv_js.wasm"
    return (
        WORKER_JS.replace("URL_OF_WASM", repr(wasm))
        .replace("URL_OF_SCRIPT", repr(script))
        .replace("OPS_SOURCE", OPS_JS)
    )


def run(browser: Any, base_url: str, site: Path) -> dict[str, float]:
    """Time every op on both builds; return the report's metrics."""
    if not (site / "static/portlite/opencv/scalar/opencv.js").exists():
        raise RuntimeError("the bench site has no scalar build beside the SIMD one")
    with guarded_page(browser, base_url) as (lite, _guard):
        lite.page.goto(base_url)
        timings = lite.page.evaluate(
            PAGE_JS,
            [[_worker(base_url, "scalar/"), _worker(base_url, "")], SAMPLES, WARM_MS, WARM_MOST_MS],
        )
    metrics: dict[str, float] = {}
    for name, (scalar_ms, simd_ms, ratio) in timings.items():
        metrics[f"cv2.simd_over_scalar.{name}"] = ratio
        metrics[f"cv2.ms.scalar.{name}"] = scalar_ms
        metrics[f"cv2.ms.simd.{name}"] = simd_ms
    ratios = [metrics[f"cv2.simd_over_scalar.{name}"] for name in timings]
    headline = [metrics[f"cv2.simd_over_scalar.{name}"] for name in HEADLINE]
    metrics["cv2.simd_over_scalar_geomean"] = math.exp(sum(map(math.log, headline)) / len(headline))
    metrics["cv2.simd_over_scalar_geomean_all"] = math.exp(sum(map(math.log, ratios)) / len(ratios))
    metrics["cv2.simd_slower_ops"] = float(sum(ratio > 1.0 for ratio in ratios))
    return metrics
