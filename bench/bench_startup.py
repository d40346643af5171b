"""Start-up: navigation to the first output, PortLite's kernel against a bare one.

(a) bare: the same site with PortLite's kernel extension disabled and the
Pyodide kernel's stock settings, its first cell ``import numpy``;
(b) PortLite: the site as built, its first cell ``import cv2, onnxruntime``
and a resize; (c) sources: (b) with its wheels as Pyodide ships them,
without the bytecode the build adds. Cold is a fresh browser context
(empty HTTP cache and storage); warm is the same context navigating again.
Rounds alternate between (a), (b) and (c); medians are reported, and
(b)/(a) and (c)/(b) per round. After each cold first output, the tab's memory
(``performance.measureUserAgentSpecificMemory()``: the page and its workers).

The warm PortLite start is broken down from the page clock and the kernel
worker's clock (``portlite.preload.timing()``): page to kernel, the kernel's
own boot (Pyodide, its packages, IPython), numpy and portlite imports, each
bridge, the first cell. The same steps are also timed in isolation in a
plain worker (``startup.breakdown.isolated.*``) to show what Pyodide and
the kernel's imports cost with nothing else around.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import threading
import time
import zipfile
from pathlib import Path
from typing import Any

from portlite_site import addon
from portlite_site.kernel_extension import EXTENSION_NAME
from portlite_site.serve import SiteHandler, serve_in_thread
from portlite_site.testing import LitePage, guarded_page
from portlite_site.vendor_cache import hash_file

#: Rounds per site and condition; medians are reported.
ROUNDS = 3

BARE_CELL = "import numpy; print(numpy.__version__)"
PORTLITE_CELL = (
    "import cv2, onnxruntime, numpy as np\n"
    "print(cv2.resize(np.zeros((1080, 1920, 3), np.uint8), (192, 108)).shape)"
)

#: The slow link of a throttled first visit: 10 Mbit/s shared by every request, 40 ms each.
LINK_BYTES_PER_S = 10_000_000 // 8
LINK_LATENCY_S = 0.040


class SlowLinkHandler(SiteHandler):
    """The site behind one slow link, paced in the server (Chromium's network
    emulation applies per target and misses the kernel's worker, which
    fetches most of the bytes)."""

    _lock = threading.Lock()
    _free_at = 0.0  # when the link has sent everything asked of it so far

    def send_head(self) -> Any:
        time.sleep(LINK_LATENCY_S)
        return super().send_head()

    def copyfile(self, source: Any, outputfile: Any) -> None:
        while block := source.read(64 * 1024):
            with SlowLinkHandler._lock:
                start = max(time.perf_counter(), SlowLinkHandler._free_at)
                SlowLinkHandler._free_at = start + len(block) / LINK_BYTES_PER_S
                wait = SlowLinkHandler._free_at - time.perf_counter()
            if wait > 0:
                time.sleep(wait)
            outputfile.write(block)


class EagerSlowLinkHandler(SlowLinkHandler):
    """The same link and site, with no start package deferred: each
    ``jupyter-lite.json`` is served without the deferral option, so Pyodide
    loads ssl and jedi at start as it did before the deferral (the baseline)."""

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        """Serve ``jupyter-lite.json`` without :data:`addon.DEFERRED_OPTION`."""
        path = Path(self.translate_path(self.path.split("?")[0]))
        if path.name != "jupyter-lite.json" or not path.is_file():
            super().do_GET()
            return
        config = json.loads(path.read_text(encoding="utf-8"))
        plugins = config.get("jupyter-config-data", {}).get("litePluginSettings", {})
        for settings in plugins.values():
            settings.get("loadPyodideOptions", {}).pop(addon.DEFERRED_OPTION, None)
        data = json.dumps(config).encode()
        time.sleep(LINK_LATENCY_S)
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        for name, value in self.response_headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)


_JS_STATUS_LABEL = """() => {
  const node = document.querySelector('.portlite-PreloadIndicator');
  return node ? node.textContent : '';
}"""


def _throttled_cold_start(browser: Any, site: Path) -> dict[str, float]:
    """Cold first visits over the slow link, as built and with nothing deferred."""
    built = _throttled_visit(browser, site, SlowLinkHandler)
    eager = _throttled_visit(browser, site, EagerSlowLinkHandler)
    return {
        "startup.first_output_s.cold_10mbit": built["first_output_s"],
        "startup.progress_labels_seen.cold_10mbit": built["labels"],
        "startup.worker_bytes.cold_10mbit": built["worker_bytes"],
        "startup.first_output_s.eager.cold_10mbit": eager["first_output_s"],
        "startup.worker_bytes.eager.cold_10mbit": eager["worker_bytes"],
        "startup.eager_over_deferred.cold_10mbit": eager["first_output_s"]
        / built["first_output_s"],
    }


def _throttled_visit(browser: Any, site: Path, handler: type[SlowLinkHandler]) -> dict[str, float]:
    """One cold first visit served by ``handler``: time to first output, the status
    labels a visitor saw meanwhile (how many distinct progress figures), the worker's bytes."""
    server, url = serve_in_thread(site, handler_class=handler)
    try:
        with guarded_page(browser, url, block=False) as (lite, _guard):
            labels: list[str] = []
            started = time.perf_counter()
            lite.page.goto(f"{url}notebooks/index.html?path=smoke.ipynb")
            while time.perf_counter() - started < 600:
                label = lite.page.evaluate(_JS_STATUS_LABEL)
                if label and (not labels or labels[-1] != label):
                    labels.append(label)
                if label.startswith("PortLite: ready"):
                    break
                time.sleep(0.25)
            result = lite.execute(PORTLITE_CELL)
            assert result["status"] == "ok", result
            first_output_s = float(result["at_ms"]) / 1000.0
            loaded = [label for label in labels if "MB" in label]
            worker_bytes = lite.page.evaluate(
                "() => Object.values(JSON.parse(document.querySelector("
                "'.portlite-PreloadIndicator').dataset.load || '{}'))"
                ".reduce((n, part) => n + part.loaded, 0)"
            )
    finally:
        server.shutdown()
    return {
        "first_output_s": first_output_s,
        "labels": float(len(loaded)),
        "worker_bytes": float(worker_bytes),
    }


_TIMING_CELL = """\
import json
from portlite.preload import timing
print(json.dumps(timing()))
"""

_INDICATOR_TIMES = """() => {
  const data = document.querySelector('.portlite-PreloadIndicator').dataset;
  return { created: +data.createdAtMs, ready: +data.readyAtMs, done: +data.doneAtMs,
           timeOrigin: performance.timeOrigin };
}"""

#: A plain worker that times Pyodide's start, the kernel's packages and imports.
_ISOLATED_WORKER = """
importScripts(BASE + 'static/pyodide/pyodide.js');
(async () => {
  const t = [performance.now()];
  const py = await loadPyodide({ indexURL: BASE + 'static/pyodide/' });
  t.push(performance.now());
  await py.loadPackage(PACKAGES);
  t.push(performance.now());
  for (const module of ['numpy', 'IPython', 'pyodide_kernel']) {
    py.runPython('import ' + module);
    t.push(performance.now());
  }
  postMessage(t);
})();
"""

_RUN_WORKER = """(source) => new Promise((resolve) => {
  const worker = new Worker(URL.createObjectURL(new Blob([source])));
  worker.onmessage = (event) => { resolve(event.data); worker.terminate(); };
})"""


def bare_copy(site: Path, bare: Path) -> None:
    """The site with PortLite's extension disabled and the kernel's stock settings.

    Files are hard links, so the copy costs no space; only jupyter-lite.json differs.
    """
    shutil.rmtree(bare, ignore_errors=True)
    shutil.copytree(site, bare, copy_function=os.link)
    config_path = bare / "jupyter-lite.json"
    config = json.loads(config_path.read_text())
    data = config["jupyter-config-data"]
    data["disabledExtensions"] = [*data.get("disabledExtensions", []), EXTENSION_NAME]
    for plugin, settings in data.get("litePluginSettings", {}).items():
        if plugin.startswith("@jupyterlite/pyodide-kernel-extension"):
            settings.pop("loadPyodideOptions", None)
    config_path.unlink()  # a hard link: do not write through to the built site
    config_path.write_text(json.dumps(config, indent=2))


def sources_copy(site: Path, dest: Path) -> None:
    """The site with every wheel of its lock stripped of the build's bytecode.

    Files are hard links but for the wheels and the lock, which are rewritten.
    """
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(site, dest, copy_function=os.link)
    lock_path = dest / "static/pyodide/pyodide-lock.json"
    lock = json.loads(lock_path.read_text())
    for entry in lock["packages"].values():
        if not entry["file_name"].endswith(".whl"):
            continue
        wheel = dest / "static/pyodide" / entry["file_name"]
        stripped = wheel.with_name(wheel.name + ".stripped")
        with zipfile.ZipFile(wheel) as source, zipfile.ZipFile(stripped, "w") as out:
            for member in source.infolist():
                if "__pycache__/" not in member.filename:
                    out.writestr(member, source.read(member))
        stripped.replace(wheel)  # a new file: the built site's link is untouched
        entry["sha256"] = hash_file(wheel)
    lock_path.unlink()
    lock_path.write_text(json.dumps(lock))


def _first_output(lite: LitePage, code: str) -> float:
    """Navigate, wait for the kernel, run ``code``; seconds since navigation began."""
    lite.open_notebook("smoke.ipynb")
    result = lite.execute(code)
    assert result["status"] == "ok" and not any(
        o["output_type"] == "error" for o in result["outputs"]
    ), result
    return float(result["at_ms"]) / 1000.0


#: The tab's memory (page and workers: JavaScript heaps, wasm memories, DOM), in MB.
_TAB_MB = """async () => {
  const measured = await performance.measureUserAgentSpecificMemory();
  return measured.bytes / 2 ** 20;
}"""


def _breakdown(lite: LitePage, first_output_s: float) -> dict[str, float]:
    """Where the warm PortLite start went (seconds), from the page's and the worker's clocks."""
    page = lite.page.evaluate(_INDICATOR_TIMES)
    marks = json.loads(lite.text(_TIMING_CELL))
    offset = marks.pop("time_origin") - page["timeOrigin"]  # worker clock -> page clock
    at = {name: (value + offset) / 1000.0 for name, value in marks.items()}
    return {
        "page_to_kernel_s": page["created"] / 1000.0,
        "kernel_boot_s": (page["ready"] - page["created"]) / 1000.0,
        "numpy_portlite_import_s": at["kernel_start"] - page["ready"] / 1000.0,
        "bridge_opencv_script_s": at["opencv_script"] - at["start"],
        "bridge_onnxruntime_s": at["onnxruntime"] - at["opencv_script"],
        "bridge_opencv_ready_s": at["opencv_ready"] - at["onnxruntime"],
        "model_cache_mount_s": at["cache"] - at["opencv_ready"],
        "bridges_total_s": at["done"] - at["start"],
        "first_cell_s": first_output_s - page["done"] / 1000.0,
    }


def _isolated(lite: LitePage, base_url: str, packages: list[str]) -> dict[str, float]:
    source = f"const BASE = {json.dumps(base_url)}; const PACKAGES = {json.dumps(packages)};"
    t = lite.page.evaluate(_RUN_WORKER, source + _ISOLATED_WORKER)
    steps = ["pyodide_s", "kernel_packages_s", "import_numpy_s", "import_ipython_s",
             "import_pyodide_kernel_s"]  # fmt: skip
    return {step: (t[i + 1] - t[i]) / 1000.0 for i, step in enumerate(steps)}


def _kernel_packages(site: Path) -> list[str]:
    config = json.loads((site / "jupyter-lite.json").read_text())["jupyter-config-data"]
    kernel = config["litePluginSettings"]["@jupyterlite/pyodide-kernel-extension:kernel"]
    return list(kernel["loadPyodideOptions"]["packages"])


def _median_of(rows: list[dict[str, float]]) -> dict[str, float]:
    return {key: statistics.median(row[key] for row in rows) for key in rows[0]}


def run(browser: Any, base_url: str, site: Path) -> dict[str, float]:
    """Measure both kernels cold and warm; return metrics for the report."""
    bare_site = site.with_name(site.name + "-bare")
    bare_copy(site, bare_site)
    bare_server, bare_url = serve_in_thread(bare_site)
    sources_site = site.with_name(site.name + "-sources")
    sources_copy(site, sources_site)
    sources_server, sources_url = serve_in_thread(sources_site)
    sites = ("bare", "portlite", "sources")
    times: dict[str, list[float]] = {f"{s}.{c}": [] for s in sites for c in ("cold", "warm")}
    fetched: dict[str, list[int]] = {name: [] for name in sites}
    tab_mb: dict[str, list[float]] = {name: [] for name in sites}
    breakdowns, isolated = [], []
    try:
        for _ in range(ROUNDS):
            for name, url, cell in (("bare", bare_url, BARE_CELL),
                                    ("portlite", base_url, PORTLITE_CELL),
                                    ("sources", sources_url, PORTLITE_CELL)):  # fmt: skip
                # block=False: a route would turn the HTTP cache off, and warm needs it.
                with guarded_page(browser, url, block=False) as (lite, guard):
                    times[f"{name}.cold"].append(_first_output(lite, cell))
                    fetched[name].append(guard.bytes_fetched())
                    tab_mb[name].append(lite.page.evaluate(_TAB_MB))
                    warm = _first_output(lite, cell)
                    times[f"{name}.warm"].append(warm)
                    if name == "portlite":
                        breakdowns.append(_breakdown(lite, warm))
                        isolated.append(_isolated(lite, base_url, _kernel_packages(site)))
    finally:
        for server, folder in ((bare_server, bare_site), (sources_server, sources_site)):
            server.shutdown()
            shutil.rmtree(folder, ignore_errors=True)
    median = {key: statistics.median(values) for key, values in times.items()}

    def ratio(over: str, under: str, condition: str) -> float:
        pairs = zip(times[f"{over}.{condition}"], times[f"{under}.{condition}"], strict=True)
        return statistics.median(a / b for a, b in pairs)

    return {
        "startup.portlite_over_bare.cold": ratio("portlite", "bare", "cold"),
        "startup.portlite_over_bare.warm": ratio("portlite", "bare", "warm"),
        "startup.sources_over_bytecode.cold": ratio("sources", "portlite", "cold"),
        "startup.sources_over_bytecode.warm": ratio("sources", "portlite", "warm"),
        "startup.first_output_s.sources.cold": median["sources.cold"],
        "startup.first_output_s.sources.warm": median["sources.warm"],
        "startup.bytes_fetched.sources.cold": statistics.median(fetched["sources"]),
        "startup.first_output_s.cold": median["portlite.cold"],
        "startup.first_output_s.warm": median["portlite.warm"],
        "startup.first_output_s.bare.cold": median["bare.cold"],
        "startup.first_output_s.bare.warm": median["bare.warm"],
        "startup.bytes_fetched.portlite.cold": statistics.median(fetched["portlite"]),
        "startup.bytes_fetched.bare.cold": statistics.median(fetched["bare"]),
        "memory.tab_mb.after_first_output": statistics.median(tab_mb["portlite"]),
        "memory.tab_mb.bare.after_first_output": statistics.median(tab_mb["bare"]),
        "memory.portlite_over_bare.after_first_output": statistics.median(
            a / b for a, b in zip(tab_mb["portlite"], tab_mb["bare"], strict=True)
        ),
        **{f"startup.breakdown.{k}": v for k, v in _median_of(breakdowns).items()},
        **{f"startup.breakdown.isolated.{k}": v for k, v in _median_of(isolated).items()},
        **_throttled_cold_start(browser, site),
        "site.bytes_total": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()),
    }
