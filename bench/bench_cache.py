"""Model cache: cold fetch over a slow network vs warm load, and start-up with 200 MB cached.

In one browser context (one origin's storage), on the built site served with
a throttled route (20 Mbit/s, done by the server, so page and worker
requests are slowed alike):

- for a 5 MB model (the PP-OCRv4 detector) and a 50 MB file: a cold
  ``models.fetch`` plus reading the file, in a kernel with an empty cache,
  then the same in a fresh kernel (page reload) with the entry cached; the
  warm figure includes the once-per-kernel sha256 check of the entry;
- the time from opening a notebook to the first output of a cell that
  mounts the cache, with an empty cache and with 200 MB cached (medians of 3).

Ratios: ``cache.warm_speedup.<size>`` = cold / warm and
``cache.start_ratio.200mb`` = start with 200 MB / start with an empty cache.
"""

from __future__ import annotations

import hashlib
import json
import statistics
from pathlib import Path
from typing import Any

import numpy as np

from portlite_site.serve import serve_in_thread
from portlite_site.testing import FaultHandler, LitePage, guarded_page

#: 20 Mbit/s, in bytes per second.
RATE = 2_500_000
MODELS = {
    "5mb": "static/portlite/models/ch_PP-OCRv4_det_infer.onnx",
    "50mb": "static/portlite/bench/model-50mb.bin",
}
STARTS = 3

TIMED_FETCH = """
import time, json
from portlite import models
started = time.perf_counter()
p = models.fetch({url!r}, sha256={sha256!r}, name={name!r}, progress=False)
size = len(open(p, "rb").read())
print(json.dumps([(time.perf_counter() - started) * 1000, size]))
"""


def _big_file(site: Path) -> Path:
    """A 50 MB file of seeded random bytes, written into the bench site once."""
    path = site / MODELS["50mb"]
    if not path.exists() or path.stat().st_size != 50_000_000:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(np.random.default_rng(50).bytes(50_000_000))
    return path


def _fetch_ms(lite: LitePage, url: str, sha256: str, name: str, size: int) -> float:
    lite.open_notebook("smoke.ipynb")  # a fresh kernel
    elapsed, got = json.loads(lite.text(TIMED_FETCH.format(url=url, sha256=sha256, name=name)))
    assert got == size, (name, got, size)
    return float(elapsed)


def _start_ms(lite: LitePage) -> float:
    """Page load to the first output of a cell that mounts the cache (page clock)."""
    lite.open_notebook("smoke.ipynb")
    result = lite.execute("from portlite import models\nprint(models.mount())")
    assert result["status"] == "ok", result
    return float(result["at_ms"])


def run(browser: Any, base_url: str, site: Path) -> dict[str, float]:
    """Cold vs warm for both sizes, then start-up empty vs 200 MB: the cache.* metrics."""
    _big_file(site)
    server, url = serve_in_thread(site, handler_class=FaultHandler)
    metrics: dict[str, float] = {}
    try:
        with guarded_page(browser, url) as (lite, _guard):
            for label, relative in MODELS.items():
                data = (site / relative).read_bytes()
                digest = hashlib.sha256(data).hexdigest()
                slow = f"_faults/throttle/{RATE}/{relative}"
                cold = _fetch_ms(lite, slow, digest, f"{label}.bin", len(data))
                warm = _fetch_ms(lite, slow, digest, f"{label}.bin", len(data))
                metrics[f"cache.ms.cold.{label}"] = cold
                metrics[f"cache.ms.warm.{label}"] = warm
                metrics[f"cache.warm_speedup.{label}"] = cold / warm
            lite.text("from portlite import models\nmodels.clear()")
            empty = statistics.median(_start_ms(lite) for _ in range(STARTS))
            lite.text(
                "from portlite import models\n"
                + "".join(
                    f"models.fetch({MODELS['50mb']!r}, name='fill{i}.bin', progress=False)\n"
                    for i in range(4)
                )
            )
            cached = json.loads(lite.text("import json\nprint(json.dumps(models.usage()))"))
            assert cached["bytes"] >= 200_000_000, cached
            full = statistics.median(_start_ms(lite) for _ in range(STARTS))
            lite.text("models.clear()")
    finally:
        server.shutdown()
    metrics["cache.ms.start.empty"] = empty
    metrics["cache.ms.start.200mb"] = full
    metrics["cache.start_ratio.200mb"] = full / empty
    return metrics
