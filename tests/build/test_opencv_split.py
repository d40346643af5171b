"""The built site serves opencv.js as a loader and its wasm: the SIMD build, pinned, with
the npm build's own bytes beside it as the scalar fallback."""

from __future__ import annotations

import base64
import hashlib
import os
import re
from pathlib import Path

from portlite_site import DEFAULT_MANIFEST, DEFAULT_VENDOR_CACHE
from portlite_site.manifest import load_manifest
from portlite_site.opencv_wasm import OPENCV_WASM, WASM_URL_GLOBAL
from portlite_site.vendor_cache import VendorCache, hash_file

#: The vendor cache the site was built from (the build tests move it with PORTLITE_CACHE).
DEFAULT_CACHE = Path(os.environ.get("PORTLITE_CACHE", DEFAULT_VENDOR_CACHE))


def test_the_site_serves_the_pinned_npm_wasm_as_the_scalar_fallback(a_built_site: Path) -> None:
    manifest = load_manifest(DEFAULT_MANIFEST)
    pinned = VendorCache(DEFAULT_CACHE).file_path(manifest.file("opencv.js")).read_bytes()
    assert hashlib.sha256(pinned).hexdigest() == manifest.file("opencv.js").sha256
    folder = a_built_site / "static/portlite/opencv/scalar"
    assert {"opencv.js", OPENCV_WASM} <= {p.name for p in folder.iterdir()}
    embedded = re.search(rb"base64,([A-Za-z0-9+/=]+)\"", pinned)
    assert embedded is not None
    assert (folder / OPENCV_WASM).read_bytes() == base64.b64decode(embedded.group(1))
    loader = (folder / "opencv.js").read_text()
    assert f"wasmBinaryFile=self.{WASM_URL_GLOBAL}" in loader
    assert re.search(r"base64,[A-Za-z0-9+/=]{1000}", loader) is None  # nothing embedded
    assert len(loader) < len(pinned) // 20


def test_the_site_serves_the_pinned_simd_build_with_its_loader_pointed_at_the_kernels_url(
    a_built_site: Path,
) -> None:
    pin = load_manifest(DEFAULT_MANIFEST).opencv_simd
    assert pin is not None
    folder = a_built_site / "static/portlite/opencv"
    wasm = (folder / OPENCV_WASM).read_bytes()
    assert wasm[:4] == b"\0asm"
    assert hash_file(folder / OPENCV_WASM) == pin.sha256[OPENCV_WASM]
    # wasm SIMD opcodes (the 0xfd prefix) are in its code; the npm build's wasm differs
    assert wasm != (folder / "scalar" / OPENCV_WASM).read_bytes()
    loader = (folder / "opencv.js").read_text()
    assert loader.count(f"wasmBinaryFile=self.{WASM_URL_GLOBAL}") == 1
    assert f'"{OPENCV_WASM}"' not in loader  # no longer found by the worker's own folder
