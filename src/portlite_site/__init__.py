"""PortLite's site tooling: vendoring, the JupyterLite addon, serving, testing.

The package is installed editable from the repository (``make install``), so
its defaults point at the repository's own files.
"""

from pathlib import Path

__all__ = ["DEFAULT_MANIFEST", "DEFAULT_VENDOR_CACHE", "REPO_ROOT"]

#: The repository root (this file is ``<root>/src/portlite_site/__init__.py``).
REPO_ROOT = Path(__file__).resolve().parents[2]

#: The pinned manifest of every vendored file.
DEFAULT_MANIFEST = REPO_ROOT / "vendor.toml"

#: Where fetched files are kept between builds.
DEFAULT_VENDOR_CACHE = REPO_ROOT / ".cache" / "vendor"
