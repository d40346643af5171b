"""Serve a built site on loopback, cross-origin isolated.

The headers make ``crossOriginIsolated`` true in the page (so
SharedArrayBuffer and wasm threads are available), ``.wasm`` goes out as
``application/wasm`` (needed for streaming compilation), and a second visit
revalidates with an ETag so a warm browser cache is cheap.
"""

from __future__ import annotations

import functools
import http
import http.server
import os
import threading
from pathlib import Path
from typing import Any

from .headers import ISOLATION_HEADERS, site_headers

__all__ = ["ISOLATION_HEADERS", "SiteHandler", "make_server", "serve_in_thread"]


#: Types the standard library does not map (or maps differently everywhere).
EXTRA_TYPES = {
    ".wasm": "application/wasm",
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".json": "application/json",
    ".ipynb": "application/json",
    ".whl": "application/zip",
    ".zip": "application/zip",
}


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """A static file handler with isolation headers and quiet logging."""

    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **EXTRA_TYPES}
    #: Sent with every response (a test's plain host sends none of them).
    response_headers: dict[str, str] = site_headers()

    def send_head(self) -> Any:
        """Revalidate by ETag, not by date.

        JupyterLite stamps its files with one fixed date, so a rebuilt file
        keeps its Last-Modified and ``If-Modified-Since`` would answer 304
        for changed content. The ETag uses the inode change time, which any
        write or copy updates and no tool can set back.
        """
        self._etag: str | None = None
        path = self.translate_path(self.path)
        del self.headers["If-Modified-Since"]
        if not os.path.isfile(path):
            return super().send_head()
        stat = os.stat(path)
        self._etag = f'"{stat.st_ino:x}-{stat.st_size:x}-{stat.st_ctime_ns:x}"'
        if self.headers.get("If-None-Match") == self._etag:
            self.send_response(http.HTTPStatus.NOT_MODIFIED)
            self.end_headers()
            return None
        return super().send_head()

    def end_headers(self) -> None:
        etag = getattr(self, "_etag", None)
        if etag:
            self.send_header("ETag", etag)
        for name, value in self.response_headers.items():
            self.send_header(name, value)
        # The site changes only on rebuild: let the browser keep files, but
        # ask again each time (a 304 is cheap) so a rebuild is picked up.
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        if getattr(self.server, "verbose", False):
            super().log_message(format, *args)


def make_server(
    root: Path,
    host: str = "127.0.0.1",
    port: int = 8000,
    verbose: bool = False,
    handler_class: type[SiteHandler] = SiteHandler,
) -> http.server.ThreadingHTTPServer:
    """Create (but do not start) a server for ``root``; port 0 picks a free one."""
    if not (Path(root) / "index.html").exists():
        raise FileNotFoundError(f"{root} has no index.html: build the site first (make build)")
    handler = functools.partial(handler_class, directory=str(root))
    server = http.server.ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    server.verbose = verbose  # type: ignore[attr-defined]
    return server


def serve_in_thread(
    root: Path,
    host: str = "127.0.0.1",
    port: int = 0,
    handler_class: type[SiteHandler] = SiteHandler,
) -> tuple[Any, str]:
    """Start a server in a daemon thread; return it and its base URL."""
    server = make_server(root, host, port, handler_class=handler_class)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, f"http://{host}:{server.server_address[1]}/"
