"""The built site under a sub-path of Debian's nginx, with the documented config."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from portlite_site import REPO_ROOT
from portlite_site.headers import site_headers
from portlite_site.testing import guarded_page, outputs_of, stream_text

DOCUMENTED_CONFIG = REPO_ROOT / "docs" / "nginx-subpath.conf"
CLASSIFIER = "static/portlite/models/ch_ppocr_mobile_v2.0_cls_infer.onnx"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def a_subpath_url(a_built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The site at ``/portlite/`` of an nginx that runs the documented server block."""
    if not Path(NGINX).exists():
        pytest.fail("nginx is not installed: run `make test`, which installs it")
    state = tmp_path_factory.mktemp("nginx")
    port = _free_port()
    server_block = (
        DOCUMENTED_CONFIG.read_text()
        .replace("listen 8080;", f"listen 127.0.0.1:{port};")
        .replace("/srv/portlite/", f"{a_built_site}/")
    )
    (state / "nginx.conf").write_text(
        f"""
daemon off;
master_process off;
worker_processes 1;
pid {state}/nginx.pid;
error_log {state}/error.log;
events {{}}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {state}/body;
    proxy_temp_path {state}/proxy;
    fastcgi_temp_path {state}/fastcgi;
    uwsgi_temp_path {state}/uwsgi;
    scgi_temp_path {state}/scgi;
    {server_block}
}}
"""
    )
    process = subprocess.Popen([NGINX, "-p", str(state), "-c", str(state / "nginx.conf")])
    base = f"http://127.0.0.1:{port}/portlite/"
    deadline = time.monotonic() + 20
    while True:
        try:
            urllib.request.urlopen(base, timeout=2).close()
            break
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                raise RuntimeError((state / "error.log").read_text()) from None
            time.sleep(0.1)
    yield base
    process.terminate()
    process.wait(timeout=10)


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("static/pyodide/pyodide.asm.wasm", "application/wasm"),
        ("static/portlite/onnxruntime-web/ort-wasm-simd-threaded.mjs", "text/javascript"),
        ("static/pyodide/pyodide.mjs", "text/javascript"),
        ("lab/index.html", "text/html"),
    ],
)
def test_nginx_serves_the_right_types_and_every_site_header(
    a_subpath_url: str, path: str, content_type: str
) -> None:
    with urllib.request.urlopen(a_subpath_url + path) as response:
        assert response.headers["Content-Type"].split(";")[0] == content_type
        for name, value in site_headers().items():
            assert response.headers[name] == value, name


def test_an_onnxruntime_session_runs_under_the_documented_nginx(
    a_browser, a_subpath_url: str
) -> None:
    with guarded_page(a_browser, a_subpath_url) as (lite, _guard):
        lite.open_notebook("smoke.ipynb")
        text = lite.text(
            "import numpy as np, onnxruntime, portlite.models\n"
            f"path = portlite.models.fetch({CLASSIFIER!r}, progress=False)\n"
            "session = onnxruntime.InferenceSession(path)\n"
            "(out,) = session.run(None, {'x': np.zeros((1, 3, 48, 192), np.float32)})\n"
            "print(out.shape)\n"
        )
        assert text.strip() == "(1, 2)"


def test_the_smoke_notebook_runs_under_a_subpath(a_browser, a_subpath_url: str) -> None:
    with guarded_page(a_browser, a_subpath_url) as (lite, guard):
        lite.open_notebook("smoke.ipynb")
        assert lite.page.evaluate("crossOriginIsolated") is True
        cells = lite.run_all()
        assert "sum of squares 285" in stream_text(outputs_of(cells, "numpy"))
        requested = [r.url for r in guard.finished]
        # JupyterLite pings the root-absolute /api/service-worker-heartbeat
        # every 20 s; its own service worker answers it (it never reaches the
        # server), so a slow run may record it: not a file outside the subpath.
        outside = [
            url
            for url in requested
            if "/portlite/" not in url and not url.endswith("/api/service-worker-heartbeat")
        ]
        assert requested and outside == []
