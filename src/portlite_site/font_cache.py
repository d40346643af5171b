"""matplotlib's font list, built at site build time by the site's own Pyodide.

matplotlib scans its fonts the first time it is imported and writes
``fontlist-v<N>.json`` into its cache folder, logging "Matplotlib is
building the font cache; this may take a moment." A kernel's file system is
new at every start, so every first plot paid for it, under a red stderr
box. The build runs the site's Pyodide and matplotlib under Node once and
ships the list; the kernel puts it in place before matplotlib first loads
(``portlite.preload``).
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import tempfile
from pathlib import Path

from .vendor_cache import hash_file

__all__ = ["FONT_LIST", "build_font_list"]

#: Where the site serves the list (the kernel reads it from there).
FONT_LIST = "static/portlite/matplotlib/fontlist.json"

SCRIPT = Path(__file__).parent / "pyodide_node" / "font_cache.mjs"


def build_font_list(pyodide_dir: Path, lock: Path, dest: Path, cache_dir: Path) -> bool:
    """Write matplotlib's font list for the site's Pyodide to ``dest``.

    Parameters
    ----------
    pyodide_dir : pathlib.Path
        The site's ``static/pyodide`` (its wheels, compiled).
    lock : pathlib.Path
        The site's lock, already written.
    dest : pathlib.Path
        Where the list goes.
    cache_dir : pathlib.Path
        Lists already made, keyed by the lock's packages other than PortLite's
        own (which changes with every edit of the kernel package) and by this script.

    Returns
    -------
    bool
        True when it was built now, False when it came from the cache.

    Raises
    ------
    RuntimeError
        If Node or Pyodide fails.
    """
    packages = json.loads(lock.read_text(encoding="utf-8"))["packages"]
    packages.pop("portlite", None)
    key = hashlib.sha256(json.dumps(packages, sort_keys=True).encode()).hexdigest()[:32]
    key += "-" + hash_file(SCRIPT)[:16]
    cached = cache_dir / f"fontlist-{key}.json"
    built = not cached.exists()
    if built:
        cache_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory() as scratch:
            out = Path(scratch, "fontlist.json")
            result = subprocess.run(
                ["node", str(SCRIPT), str(pyodide_dir), str(lock), str(out)],
                capture_output=True, text=True,
            )  # fmt: skip
            if result.returncode != 0 or not out.exists():
                raise RuntimeError(
                    f"building matplotlib's font list under Node failed:\n{result.stderr[-3000:]}"
                )
            out.replace(cached)
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_bytes(cached.read_bytes())
    return built
