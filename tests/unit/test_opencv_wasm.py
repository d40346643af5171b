"""opencv.js split into a script and its wasm: the names both sides use, a build refused."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from portlite.cv2 import _runtime

from portlite_site.opencv_wasm import OPENCV_WASM, WASM_URL_GLOBAL, split_wasm


def test_the_kernel_and_the_build_name_the_same_wasm_and_global() -> None:
    assert (_runtime.OPENCV_WASM, _runtime.OPENCV_WASM_URL_GLOBAL) == (OPENCV_WASM, WASM_URL_GLOBAL)


def test_another_build_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError, match="0 embedded wasm data URIs"):
        split_wasm(b"var cv = {}; // a build that loads its wasm by itself", tmp_path)
    fake = b'wasmBinaryFile="data:application/octet-stream;base64,' + base64.b64encode(b"notwasm")
    locate = b"if(!isDataURI(wasmBinaryFile)){wasmBinaryFile=locateFile(wasmBinaryFile)}"
    with pytest.raises(RuntimeError, match="not a wasm module"):
        split_wasm(fake + b'";' + locate, tmp_path)
    assert not list(tmp_path.iterdir())
