"""A persistent model cache: download once, then open from the browser's storage.

``fetch(url, sha256=...)`` returns a path on the kernel's file system under
``/portlite/models/``; that path works with ``onnxruntime.InferenceSession``,
``cv2.imread`` and ``open()``. The first call downloads (with a progress
bar), checks the sha256 and stores the file; later calls, after a kernel
restart, a page reload or in another tab, make no request for it. The
storage layout is described in :mod:`portlite._model_store`.
"""

from __future__ import annotations

import builtins
import posixpath
import re
import time
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlparse

from . import _js
from ._model_store import CACHE_DIR, store
from ._progress import Progress

__all__ = [
    "CACHE_DIR",
    "CacheError",
    "ChecksumError",
    "DownloadError",
    "QuotaError",
    "clear",
    "fetch",
    "info",
    "list",
    "mount",
    "path",
    "put",
    "remove",
    "usage",
]

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._+-]{0,199}$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")

#: (name, sha256) of entries whose bytes were hashed and matched in this kernel: keyed by
#: content, so an entry replaced by another tab is hashed again.
_verified: set[tuple[str, str]] = set()
_mounted = False


class CacheError(Exception):
    """A model cache operation failed; the message says which and why."""


class ChecksumError(CacheError):
    """Downloaded or given bytes do not match the expected sha256 (nothing was stored)."""


class DownloadError(CacheError):
    """The download failed or was cut off (nothing was stored)."""


class QuotaError(CacheError):
    """The browser refused to store more (existing entries are untouched)."""


def _check_name(func: str, name: Any) -> str:
    if not isinstance(name, str) or not _NAME.match(name):
        raise ValueError(
            f"models.{func}(): 'name' must be a file name of letters, digits and ._+- "
            f"(at most 200, not starting with a dot), got {name!r}"
        )
    return name


def _check_sha256(func: str, sha256: Any) -> str | None:
    if sha256 is None:
        return None
    if not isinstance(sha256, str) or not _SHA256.match(sha256.lower()):
        raise ValueError(f"models.{func}(): 'sha256' must be 64 hex digits, got {sha256!r}")
    return sha256.lower()


def _resolve(func: str, url: Any) -> str:
    """An absolute http(s) URL; a relative one is taken from the site's root."""
    if not isinstance(url, str) or not url:
        raise TypeError(f"models.{func}(): 'url' must be a non-empty str, got {url!r}")
    absolute = _js.site_url(url)
    if urlparse(absolute).scheme not in ("http", "https"):
        raise ValueError(f"models.{func}(): 'url' must be http(s) or site-relative, got {url!r}")
    return absolute


def _call(method: str, *args: Any) -> Any:
    try:
        return _js.block_on_call(store(), method, *args)
    except _js.JsError as err:
        if "QuotaExceededError" in str(err):
            raise QuotaError(
                f"the browser's storage quota is full ({err}); existing entries are untouched. "
                "Free space with models.remove() or models.clear()."
            ) from None
        raise CacheError(f"model cache {method} failed: {err}") from None


@contextmanager
def _locked(name: str) -> Iterator[None]:
    """Hold the cross-tab Web Lock for ``name``."""
    _call("lock", name)
    try:
        yield
    finally:
        store().unlock(name)


def mount() -> int:
    """Mount the cache at :data:`CACHE_DIR` (reads metadata only); return the entry count."""
    global _mounted
    count = int(_call("mount", _js.pyodide_fs(), CACHE_DIR))
    _mounted = True
    return count


def _ensure_mounted() -> None:
    if not _mounted:
        mount()


def path(name: str) -> str:
    """The file system path of a cached model (it may not exist yet)."""
    return posixpath.join(CACHE_DIR, _check_name("path", name))


def _record(entry: Any) -> dict[str, Any]:
    fields = entry.to_py()
    return {
        "name": fields["name"],
        "size": int(fields["size"]),
        "sha256": fields["sha256"],
        "url": fields.get("url"),
        "added": float(fields["added"]),
        "last_used": float(fields.get("lastUsed", fields["added"])),
        "path": posixpath.join(CACHE_DIR, fields["name"]),
    }


def _intact(name: str, sha256: str) -> bool:
    """Whether the stored bytes still hash to ``sha256`` (hashed once per kernel)."""
    if (name, sha256) in _verified:
        return True
    if _call("digestOf", name) == sha256:
        _verified.add((name, sha256))
        return True
    return False


def fetch(
    url: str, sha256: str | None = None, name: str | None = None, progress: bool | str = True
) -> str:
    """Return a local path for the model at ``url``, downloading it only if not cached.

    Parameters
    ----------
    url : str
        An absolute http(s) URL, or a path relative to the site's root
        (e.g. ``static/portlite/models/det.onnx``).
    sha256 : str, optional
        The expected digest. A mismatch raises :class:`ChecksumError` and
        keeps nothing; a cached entry with another digest is fetched again.
    name : str, optional
        The cache entry's name (default: the URL's file name).
    progress : bool or "text"
        Show a progress bar (a widget in notebooks, else text).

    Returns
    -------
    str
        ``/portlite/models/<name>``.

    Raises
    ------
    DownloadError, ChecksumError, QuotaError
        Nothing is stored in any of these cases.
    """
    absolute = _resolve("fetch", url)
    name = _check_name("fetch", name or posixpath.basename(urlparse(absolute).path))
    expected = _check_sha256("fetch", sha256)
    _ensure_mounted()
    with _locked(name):
        entry = _call("entry", name)
        if entry is not None:
            cached = _record(entry)
            if expected is None and cached["url"] != absolute:
                raise CacheError(
                    f"models.fetch(): {name!r} is cached from {cached['url'] or 'models.put()'}, "
                    f"and {absolute} may be another file with the same name. Give it its own "
                    f"name (name='...'), or pass sha256='...' to say which bytes you want."
                )
            if expected in (None, cached["sha256"]):
                if _intact(name, cached["sha256"]):
                    _call("touch", name, time.time())
                    if store().mountedDigest(name) != cached["sha256"]:
                        mount()  # committed or replaced by another kernel since our mount
                    return path(name)
                warnings.warn(
                    f"models.fetch(): the cached bytes of {name!r} no longer match their "
                    f"sha256 {cached['sha256']}; dropped, downloading again",
                    stacklevel=2,
                )
                _call("remove", name)
            # Another version is wanted: the cached one stays until the new one is stored.
        _download(name, absolute, expected, progress)
    mount()
    return path(name)


def _download(name: str, url: str, expected: str | None, mode: bool | str) -> None:
    try:
        total = int(_call("begin", url))
    except CacheError as err:
        raise DownloadError(f"models.fetch(): could not download {url}: {err}") from None
    bar = Progress(name, total if total > 0 else None, mode)
    received, done = 0, False
    try:
        while not done:
            step = _call("step")
            received, done = int(step[0]), bool(step[1])
            bar.update(received)
            _js.check_interrupt()
        if total > 0 and received != total:
            raise CacheError(f"received {received} of {total} bytes")
    except CacheError as err:
        store().cancel()
        bar.close(received, "failed")
        raise DownloadError(
            f"models.fetch(): the download of {url} stopped after {received} bytes ({err}); "
            "nothing was stored"
        ) from None
    except BaseException:  # KeyboardInterrupt: drop the reader and what it received
        store().cancel()
        bar.close(received, "interrupted")
        raise
    now = time.time()
    record = _js.to_js_object({"name": name, "url": url, "added": now, "lastUsed": now})
    ok, actual = _call("finish", record, expected)
    if not ok:
        bar.close(received, "sha256 mismatch")
        raise ChecksumError(
            f"models.fetch(): {url} has sha256 {actual}, expected {expected}; nothing was stored"
        )
    _verified.add((name, str(actual)))
    bar.close(received, "done")


def put(name: str, data: bytes | bytearray | memoryview, sha256: str | None = None) -> str:
    """Store ``data`` under ``name`` (replacing an entry of that name); return its path."""
    name = _check_name("put", name)
    expected = _check_sha256("put", sha256)
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"models.put(): 'data' must be bytes-like, got {type(data).__name__}")
    _ensure_mounted()
    now = time.time()
    record = _js.to_js_object({"name": name, "url": None, "added": now, "lastUsed": now})
    with _locked(name):
        ok, actual = _call("put", record, _js.to_js_bytes(data), expected)
    if not ok:
        raise ChecksumError(f"models.put(): the data has sha256 {actual}, expected {expected}")
    _verified.add((name, str(actual)))
    mount()
    return path(name)


def list() -> builtins.list[dict[str, Any]]:  # noqa: A001 - the name the API promises
    """Every entry: name, size, sha256, url, added and last_used (Unix times), path."""
    return sorted((_record(e) for e in _call("entries")), key=lambda r: r["name"])


def info(name: str) -> dict[str, Any]:
    """One entry's record (see :func:`list`); KeyError if it is not cached."""
    entry = _call("entry", _check_name("info", name))
    if entry is None:
        raise KeyError(f"models.info(): {name!r} is not in the cache")
    return _record(entry)


def remove(name: str) -> None:
    """Delete one entry (KeyError if it is not cached)."""
    info(name)
    with _locked(name):
        _call("remove", name)
    mount()


def clear() -> None:
    """Delete every entry."""
    _call("clear")
    _verified.clear()
    mount()


def usage() -> dict[str, Any]:
    """Bytes cached, entry count, and the browser's usage, quota and persistence.

    ``persisted`` says whether the browser granted persistent storage (the
    site's pages ask for it with ``navigator.storage.persist()``).
    """
    records = list()
    used, quota, persisted = _call("usage")
    return {
        "entries": len(records),
        "bytes": sum(r["size"] for r in records),
        "browser_usage": int(used),
        "browser_quota": int(quota),
        "persisted": bool(persisted),
    }
