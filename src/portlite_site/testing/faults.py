"""The site's server with bad networks on demand: cut, throttled, gzipped, swapped files."""

from __future__ import annotations

import gzip
import http
import re
import socket
import time
from pathlib import Path
from typing import ClassVar

from ..serve import SiteHandler


class FaultHandler(SiteHandler):
    """The site's handler plus two kinds of bad network, for tests and benchmarks.

    - ``/_faults/truncate/<path>``: announces the whole file, sends half of
      it, then closes the connection (a download cut off mid-way);
    - ``/_faults/throttle/<bytes per second>/<path>``: sends the file at that
      rate (a slow network, the same for page and worker requests);
    - ``/_faults/gzip/<path>``: sends the file gzip-encoded (Content-Length
      counts the encoded bytes, as a compressing server's does);
    - ``/_faults/other/<path>``: sends other bytes (the file reversed) under
      the same file name, as another folder's ``model.onnx`` would.

    Every path asked for is appended to :attr:`requested`: what reached the
    server, whatever the browser's service worker or caches did.
    """

    requested: ClassVar[list[str]] = []

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        """Serve a fault route, or the site as usual."""
        FaultHandler.requested.append(self.path.split("?")[0])
        match = re.match(
            r"^/_faults/(truncate|gzip|other|throttle/(\d+))/(.+)$", self.path.split("?")[0]
        )
        if match is None:
            super().do_GET()
            return
        file = Path(self.translate_path("/" + match.group(3)))
        if not file.is_file():
            self.send_error(http.HTTPStatus.NOT_FOUND)
            return
        data = file.read_bytes()
        if match.group(1) == "other":
            data = data[::-1]
        self.send_response(http.HTTPStatus.OK)
        self.send_header("Content-Type", "application/octet-stream")
        if match.group(1) == "gzip":
            data = gzip.compress(data)
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if match.group(1) in ("gzip", "other"):
            self.wfile.write(data)
            return
        if match.group(1) == "truncate":
            self.wfile.write(data[: len(data) // 2])
            self.wfile.flush()
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        rate, chunk = int(match.group(2)), 64 * 1024
        started = time.perf_counter()
        for offset in range(0, len(data), chunk):
            self.wfile.write(data[offset : offset + chunk])
            ahead = (offset + chunk) / rate - (time.perf_counter() - started)
            if ahead > 0:
                time.sleep(ahead)


class WorkerPreludeHandler(SiteHandler):
    """The site, with :attr:`prelude` put in front of ``pyodide.js``: a browser that lacks
    something, in the kernel's worker only (the page keeps it). Subclass and set it."""

    prelude: ClassVar[bytes] = b""

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        """Serve pyodide.js with :attr:`prelude` first, everything else as it is."""
        path = self.path.split("?")[0]
        if not path.endswith("/static/pyodide/pyodide.js"):
            super().do_GET()
            return
        data = self.prelude + Path(self.translate_path(path)).read_bytes()
        self.send_response(http.HTTPStatus.OK)
        self.send_header("Content-Type", "text/javascript")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


class NoWasmSimdHandler(WorkerPreludeHandler):
    """The site, with ``WebAssembly.validate`` refusing any module that holds a SIMD
    instruction (the 0xfd prefix) in the kernel's worker: a browser without wasm SIMD
    (Safari before 16.4), as far as the kernel's choice of opencv.js build goes. The
    engine still runs SIMD code it is given, so this proves the choice, not a failure."""

    prelude = b"""{
  const validate = WebAssembly.validate;
  WebAssembly.validate = (bytes, ...rest) => {
    const view = ArrayBuffer.isView(bytes)
      ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)
      : new Uint8Array(bytes);
    return view.includes(0xfd) ? false : validate(bytes, ...rest);
  };
}
"""
