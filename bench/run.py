"""Run every benchmark against the built site in Chromium; merge into the report.

Usage: ``python bench/run.py [name ...]`` (names: startup, cv2, cv2_simd, cv2_functions, ort,
cache).
Benchmarks are scripts, not tests: they report figures and ratios measured side by side in
one run, and never fail on a time.
"""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))

from report import REPORT_MD, machine, merge  # noqa: E402

from portlite_site import DEFAULT_MANIFEST, REPO_ROOT  # noqa: E402
from portlite_site.manifest import load_manifest  # noqa: E402
from portlite_site.serve import serve_in_thread  # noqa: E402
from portlite_site.testing import build_site, launch_chromium  # noqa: E402

SITE = REPO_ROOT / "build" / "bench-site"
BENCHMARKS = ["startup", "cv2", "cv2_simd", "cv2_functions", "ort", "cache"]


def main(names: list[str]) -> int:
    """Build the site, serve it, run the named benchmarks (all by default)."""
    build_site(SITE, disable_pypi_fallback=True)
    manifest = load_manifest(DEFAULT_MANIFEST)
    server, base_url = serve_in_thread(SITE)
    try:
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            meta = {
                **machine(),
                "browser": f"chromium {browser.version}",
                "pyodide": manifest.pyodide_version,
                **{f"{name}": a.version for name, a in manifest.archives.items()},
            }
            for name in names or BENCHMARKS:
                module = importlib.import_module(f"bench_{name}")
                metrics = module.run(browser, base_url, SITE)
                print(json.dumps(metrics, indent=2))
                merge(metrics, meta)
            browser.close()
    finally:
        server.shutdown()
    print(REPORT_MD.read_text())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
