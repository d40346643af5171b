"""Start-up: navigation to the first output of a one-line numpy cell.

Cold: a fresh browser context (empty HTTP cache and storage). Warm: the same
context navigating again. Each is repeated and the median reported, with
the bytes the browser fetched for the run. ``site.bytes_total`` is the size
of the built site on disk.
"""

from __future__ import annotations

import statistics
from pathlib import Path
from typing import Any

from portlite_site.testing import LitePage, guarded_page

#: Repetitions per condition; the median is reported.
ROUNDS = 3

FIRST_CELL = "import numpy; print(numpy.__version__)"


def _first_output(lite: LitePage) -> float:
    """Navigate, start the kernel, run the cell; seconds since navigation began."""
    lite.open_notebook("smoke.ipynb")
    result = lite.execute(FIRST_CELL)
    assert result["status"] == "ok", result
    return float(result["at_ms"]) / 1000.0


def run(browser: Any, base_url: str, site: Path) -> dict[str, float]:
    """Measure cold and warm start; return metrics for the report."""
    cold, warm, cold_bytes = [], [], []
    for _ in range(ROUNDS):
        # block=False: a route would turn the HTTP cache off, and warm needs it.
        with guarded_page(browser, base_url, block=False) as (lite, guard):
            cold.append(_first_output(lite))
            cold_bytes.append(guard.bytes_fetched())
            warm.append(_first_output(lite))
    return {
        "startup.first_output_s.cold": statistics.median(cold),
        "startup.first_output_s.warm": statistics.median(warm),
        "startup.bytes_fetched.cold": statistics.median(cold_bytes),
        "site.bytes_total": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()),
    }
