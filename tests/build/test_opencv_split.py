"""The built site serves opencv.js as a loader and its wasm, the pinned build's own bytes."""

from __future__ import annotations

import base64
import hashlib
import os
import re
from pathlib import Path

from portlite_site import DEFAULT_MANIFEST, DEFAULT_VENDOR_CACHE
from portlite_site.manifest import load_manifest
from portlite_site.opencv_wasm import OPENCV_WASM, WASM_URL_GLOBAL
from portlite_site.vendor_cache import VendorCache

#: The vendor cache the site was built from (the build tests move it with PORTLITE_CACHE).
DEFAULT_CACHE = Path(os.environ.get("PORTLITE_CACHE", DEFAULT_VENDOR_CACHE))


def test_the_site_serves_the_pinned_wasm_beside_a_loader_that_fetches_it(
    a_built_site: Path,
) -> None:
    manifest = load_manifest(DEFAULT_MANIFEST)
    pinned = VendorCache(DEFAULT_CACHE).file_path(manifest.file("opencv.js")).read_bytes()
    assert hashlib.sha256(pinned).hexdigest() == manifest.file("opencv.js").sha256
    folder = a_built_site / "static/portlite/opencv"
    assert {"opencv.js", OPENCV_WASM} <= {p.name for p in folder.iterdir()}
    embedded = re.search(rb"base64,([A-Za-z0-9+/=]+)\"", pinned)
    assert embedded is not None
    assert (folder / OPENCV_WASM).read_bytes() == base64.b64decode(embedded.group(1))
    loader = (folder / "opencv.js").read_text()
    assert f"wasmBinaryFile=self.{WASM_URL_GLOBAL}" in loader
    assert re.search(r"base64,[A-Za-z0-9+/=]{1000}", loader) is None  # nothing embedded
    assert len(loader) < len(pinned) // 20
