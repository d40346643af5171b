"""PortLite's site tooling: vendoring, the JupyterLite addon, serving, testing.

The package is installed editable from the repository (``make install``), so
its defaults point at the repository's own files.
"""

import os
from pathlib import Path

__all__ = [
    "CACHE_ROOT",
    "DEFAULT_MANIFEST",
    "DEFAULT_OPENCV_BUILD_CACHE",
    "DEFAULT_VENDOR_CACHE",
    "REPO_ROOT",
    "opencv_build_cache_dir",
    "vendor_cache_dir",
]

#: The repository root (this file is ``<root>/src/portlite_site/__init__.py``).
REPO_ROOT = Path(__file__).resolve().parents[2]

#: The pinned manifest of every vendored file.
DEFAULT_MANIFEST = REPO_ROOT / "vendor.toml"

#: The one folder every build cache lives under (vendored files, the
#: extension's builds, compiled wheels, font lists, doit's state per output
#: folder); ``PORTLITE_CACHE_DIR`` moves it.
CACHE_ROOT = Path(os.environ.get("PORTLITE_CACHE_DIR", REPO_ROOT / ".cache"))

#: Where fetched files are kept between builds (``PORTLITE_CACHE`` moves this one alone).
DEFAULT_VENDOR_CACHE = CACHE_ROOT / "vendor"

#: Where SIMD builds of opencv.js are kept, one folder per hash of their inputs
#: (``PORTLITE_OPENCV_BUILD_CACHE`` moves this one alone).
DEFAULT_OPENCV_BUILD_CACHE = CACHE_ROOT / "opencv-simd"


def vendor_cache_dir() -> Path:
    """The folder of fetched files: ``PORTLITE_CACHE``, or :data:`DEFAULT_VENDOR_CACHE`."""
    return Path(os.environ.get("PORTLITE_CACHE", DEFAULT_VENDOR_CACHE))


def opencv_build_cache_dir() -> Path:
    """The folder of SIMD opencv.js builds: ``PORTLITE_OPENCV_BUILD_CACHE``, or
    :data:`DEFAULT_OPENCV_BUILD_CACHE`."""
    return Path(os.environ.get("PORTLITE_OPENCV_BUILD_CACHE", DEFAULT_OPENCV_BUILD_CACHE))
