"""The loopback server: isolation headers, wasm type, revalidation by ETag."""

from __future__ import annotations

import os
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from portlite_site.serve import serve_in_thread

FIXED_DATE = 499162500  # JupyterLite stamps its files with one date in 1985


@pytest.fixture
def a_tiny_site(tmp_path: Path):
    (tmp_path / "index.html").write_text("<html></html>")
    (tmp_path / "module.wasm").write_bytes(b"\0asm\1\0\0\0")
    server, url = serve_in_thread(tmp_path)
    yield tmp_path, url
    server.shutdown()


def _get(url: str, **headers: str):
    try:
        return urllib.request.urlopen(urllib.request.Request(url, headers=headers))
    except urllib.error.HTTPError as err:
        return err


def test_headers_make_the_page_cross_origin_isolated(a_tiny_site) -> None:
    _, url = a_tiny_site
    response = _get(url + "module.wasm")
    assert response.headers["Content-Type"] == "application/wasm"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Embedder-Policy"] == "require-corp"


def test_a_rebuilt_file_with_the_same_date_is_not_served_from_cache(a_tiny_site) -> None:
    root, url = a_tiny_site
    page = root / "page.js"
    page.write_text("old()")
    os.utime(page, (FIXED_DATE, FIXED_DATE))
    first = _get(url + "page.js")
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    assert first.status == 200 and etag

    assert _get(url + "page.js", **{"If-None-Match": etag}).status == 304

    page.unlink()
    page.write_text("new()")  # a rebuild: new file, same size class, same date
    os.utime(page, (FIXED_DATE, FIXED_DATE))
    again = _get(url + "page.js", **{"If-None-Match": etag, "If-Modified-Since": modified})
    assert again.status == 200 and again.read() == b"new()"
