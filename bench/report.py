"""The one benchmark report that every benchmark adds to.

``bench/results/report.json`` is a flat object, metric name -> number, plus a
``meta`` entry (versions, browser, machine). Each benchmark merges its own
metrics in, so a run of one benchmark keeps the others' last figures.
``bench/results/report.md`` is the same data as a table.
"""

from __future__ import annotations

import json
import os
import platform
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results"
REPORT_JSON = RESULTS / "report.json"
REPORT_MD = RESULTS / "report.md"


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    return {
        "platform": platform.platform(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
    }


def merge(metrics: dict[str, float], meta: dict[str, Any]) -> dict[str, Any]:
    """Merge ``metrics`` and ``meta`` into the report; rewrite both files."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    report: dict[str, Any] = json.loads(REPORT_JSON.read_text()) if REPORT_JSON.exists() else {}
    report.update({k: round(float(v), 4) for k, v in metrics.items()})
    report["meta"] = {**report.get("meta", {}), **meta}
    REPORT_JSON.write_text(json.dumps(report, indent=2, sort_keys=True) + "\n")
    REPORT_MD.write_text(_markdown(report))
    return report


def _number(value: float) -> str:
    return f"{int(value):,}" if float(value).is_integer() else f"{value:.3f}"


def _markdown(report: dict[str, Any]) -> str:
    lines = ["# PortLite benchmark report", "", "| metric | value |", "| --- | ---: |"]
    lines += [f"| `{k}` | {_number(v)} |" for k, v in sorted(report.items()) if k != "meta"]
    lines += ["", "## Measured on", "", "| | |", "| --- | --- |"]
    lines += [f"| {k} | {v} |" for k, v in sorted(report.get("meta", {}).items())]
    return "\n".join(lines) + "\n"
