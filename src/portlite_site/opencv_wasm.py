"""opencv.js with its wasm as a file of its own.

The npm build embeds its 10.6 MB wasm in the script as a base64 data URI:
the browser keeps that 14 MB string alive as script source (20 MB more tab
memory, measured), decodes it on every start, and can neither stream-compile
it nor cache the compiled code. :func:`split_wasm` writes the wasm beside
the script and points the script's loader at it. The loader then fetches it
with ``WebAssembly.instantiateStreaming`` (served as ``application/wasm``).

A build made with ``--disable_single_file`` (the SIMD build,
:mod:`.opencv_build`) already loads its wasm by file name;
:func:`write_opencv` points its loader the same way.

A script in a worker cannot know its own URL, so the kernel tells it:
before it runs opencv.js it sets ``self[WASM_URL_GLOBAL]`` to the wasm's URL
(``portlite.cv2._runtime.start_loading``).
"""

from __future__ import annotations

import base64
import re
from pathlib import Path

__all__ = ["OPENCV_WASM", "WASM_URL_GLOBAL", "split_wasm", "write_opencv"]

#: The wasm's file name, beside opencv.js.
OPENCV_WASM = "opencv_js.wasm"
#: The worker global the kernel sets to the wasm's URL before it runs opencv.js.
WASM_URL_GLOBAL = "portliteOpencvWasmUrl"

_EMBEDDED = re.compile(r'wasmBinaryFile="data:application/octet-stream;base64,([A-Za-z0-9+/=]+)"')
_BY_NAME = f'wasmBinaryFile="{OPENCV_WASM}"'
#: Emscripten's loader prefixes a file name with the script's folder (in a worker, the
#: worker's own folder): the URL the kernel gives is already whole.
_LOCATE = "if(!isDataURI(wasmBinaryFile)){wasmBinaryFile=locateFile(wasmBinaryFile)}"


def split_wasm(script: bytes, out_dir: Path) -> None:
    """Write ``opencv.js`` (loading its wasm by URL) and :data:`OPENCV_WASM` into ``out_dir``.

    Raises
    ------
    RuntimeError
        If ``script`` is not an Emscripten script with one embedded wasm and one
        ``locateFile`` step for it (another opencv.js build: look at it before shipping).
    """
    text = script.decode("utf-8")
    embedded = _EMBEDDED.findall(text)
    if len(embedded) != 1 or text.count(_LOCATE) != 1:
        raise RuntimeError(
            f"split_wasm: opencv.js has {len(embedded)} embedded wasm data URIs and "
            f"{text.count(_LOCATE)} locateFile steps for it; expected one of each"
        )
    wasm = base64.b64decode(embedded[0], validate=True)
    text = _EMBEDDED.sub(_BY_NAME, text)
    write_opencv(text.encode("utf-8"), wasm, out_dir)


def write_opencv(script: bytes, wasm: bytes, out_dir: Path) -> None:
    """Write a build that loads :data:`OPENCV_WASM` by name, loading it from the kernel's URL.

    Raises
    ------
    RuntimeError
        If ``script`` does not name its wasm once with one ``locateFile`` step for it,
        or ``wasm`` is not a wasm module.
    """
    text = script.decode("utf-8")
    if text.count(_BY_NAME) != 1 or text.count(_LOCATE) != 1:
        raise RuntimeError(
            f"write_opencv: opencv.js names {OPENCV_WASM} {text.count(_BY_NAME)} times with "
            f"{text.count(_LOCATE)} locateFile steps for it; expected one of each"
        )
    if wasm[:4] != b"\0asm":
        raise RuntimeError("write_opencv: opencv.js's wasm is not a wasm module")
    text = text.replace(_BY_NAME, f"wasmBinaryFile=self.{WASM_URL_GLOBAL}").replace(_LOCATE, "")
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, data in (("opencv.js", text.encode("utf-8")), (OPENCV_WASM, wasm)):
        partial = out_dir / (name + ".partial")  # written aside: no reader sees half a file
        partial.write_bytes(data)
        partial.replace(out_dir / name)
