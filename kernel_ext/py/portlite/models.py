"""A persistent model cache: download once, then open from the browser's storage.

``fetch(url, sha256=...)`` returns a path on the kernel's file system under
``/portlite/models/``; that path works with ``onnxruntime.InferenceSession``,
``cv2.imread`` and ``open()``. The first call downloads (with a progress
bar), checks the sha256 and stores the file; later calls, after a kernel
restart, a page reload or in another tab, make no request for it. The
storage layout is described in :mod:`portlite._model_store`.
"""

from __future__ import annotations

import asyncio
import builtins
import posixpath
import re
import time
import warnings
from collections.abc import Generator
from typing import Any, TypeVar
from urllib.parse import urlparse

from . import _js, hints
from ._model_store import CACHE_DIR, store
from ._progress import Progress

__all__ = [
    "CACHE_DIR",
    "CacheError",
    "ChecksumError",
    "DownloadError",
    "QuotaError",
    "clear",
    "clear_async",
    "fetch",
    "fetch_async",
    "info",
    "info_async",
    "list",
    "list_async",
    "mount",
    "mount_async",
    "path",
    "put",
    "put_async",
    "remove",
    "remove_async",
    "usage",
    "usage_async",
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


#: One store call a step function asks for: the method and its arguments.
_Request = tuple[Any, ...]
_T = TypeVar("_T")
#: A cache operation written once as steps that yield store calls and
#: return a ``_T``; :func:`_blocking` and :func:`_awaiting` run it with or
#: without JSPI.
_Steps = Generator[_Request, Any, _T]


def _failure(method: str, err: Exception) -> CacheError:
    if "QuotaExceededError" in str(err):
        return QuotaError(
            f"the browser's storage quota is full ({err}); existing entries are untouched. "
            "Free space with models.remove() or models.clear()."
        )
    return CacheError(f"model cache {method} failed: {err}")


def _blocking(what: str, awaitable: str, steps: _Steps[_T]) -> _T:
    """Run ``steps``, blocking on each store call (needs JSPI)."""
    if not _js.can_block():
        steps.close()
        raise hints.no_jspi_error(what, awaitable)
    # Each call blocks, so the coroutine never suspends: one send runs it to the end.
    running = _run(steps, _blocked_call)
    try:
        running.send(None)
    except StopIteration as done:
        value: _T = done.value
        return value
    raise AssertionError("a blocking model cache call suspended")  # pragma: no cover


async def _blocked_call(method: str, *args: Any) -> Any:
    return _js.block_on_call(store(), method, *args)


async def _awaited_call(method: str, *args: Any) -> Any:
    return await _js.await_call(store(), method, *args)


async def _awaiting(steps: _Steps[_T]) -> _T:
    """Run ``steps``, awaiting each store call (works without JSPI)."""
    return await _run(steps, _awaited_call)


async def _run(steps: _Steps[_T], call: Any) -> _T:
    """Answer each store call ``steps`` asks for with ``call``'s result (or its failure)."""
    try:
        request = next(steps)
        while True:
            try:
                result = await call(*request)
            except _js.JsError as err:
                request = steps.throw(_failure(request[0], err))
            except BaseException as err:  # noqa: BLE001 - KeyboardInterrupt mid-call: the
                request = steps.throw(err)  # steps clean up (cancel, unlock) and re-raise
            else:
                request = steps.send(result)
    except StopIteration as stop:
        value: _T = stop.value
        return value


def _mount_steps() -> _Steps[int]:
    global _mounted
    count = int((yield ("mount", _js.pyodide_fs(), CACHE_DIR)))
    _mounted = True
    return count


def _ensure_mounted_steps() -> _Steps[None]:
    if not _mounted:
        yield from _mount_steps()


def mount() -> int:
    """Mount the cache at :data:`CACHE_DIR` (reads metadata only); return the entry count."""
    return int(_blocking("models.mount()", "await portlite.models.mount_async()", _mount_steps()))


async def mount_async() -> int:
    """:func:`mount`, awaitable: for browsers without JSPI."""
    return int(await _awaiting(_mount_steps()))


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


def _intact_steps(name: str, sha256: str) -> _Steps[bool]:
    """Whether the stored bytes still hash to ``sha256`` (hashed once per kernel)."""
    if (name, sha256) in _verified:
        return True
    if (yield ("digestOf", name)) == sha256:
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
    return _blocking(
        "models.fetch()",
        "path = await portlite.models.fetch_async(url, ...)",
        _fetch_steps(url, sha256, name, progress),
    )


async def fetch_async(
    url: str, sha256: str | None = None, name: str | None = None, progress: bool | str = True
) -> str:
    """:func:`fetch`, awaitable: for browsers without JSPI (``await models.fetch_async(url)``).

    In a browser without JSPI it also loads onnxruntime's engine, alongside
    the model, so that sessions on the model then run without ``await``
    (:mod:`portlite.onnxruntime`), as a server's code calls them.
    """
    fetching = _awaiting(_fetch_steps(url, sha256, name, progress))
    if _js.has_jspi():
        return str(await fetching)
    from .onnxruntime._web import runtime

    fetched, _ = await asyncio.gather(fetching, runtime().load_engine_async())
    return str(fetched)


def _fetch_steps(
    url: str, sha256: str | None, name: str | None, progress: bool | str
) -> _Steps[str]:
    absolute = _resolve("fetch", url)
    name = _check_name("fetch", name or posixpath.basename(urlparse(absolute).path))
    expected = _check_sha256("fetch", sha256)
    yield from _ensure_mounted_steps()
    yield ("lock", name)
    try:
        entry = yield ("entry", name)
        if entry is not None:
            cached = _record(entry)
            if expected is None and cached["url"] != absolute:
                raise CacheError(
                    f"models.fetch(): {name!r} is cached from {cached['url'] or 'models.put()'}, "
                    f"and {absolute} may be another file with the same name. Give it its own "
                    f"name (name='...'), or pass sha256='...' to say which bytes you want."
                )
            if expected in (None, cached["sha256"]):
                if (yield from _intact_steps(name, cached["sha256"])):
                    yield ("touch", name, time.time())
                    if store().mountedDigest(name) != cached["sha256"]:
                        yield from _mount_steps()  # committed or replaced by another kernel
                    return path(name)
                warnings.warn(
                    f"models.fetch(): the cached bytes of {name!r} no longer match their "
                    f"sha256 {cached['sha256']}; dropped, downloading again",
                    stacklevel=2,
                )
                yield ("remove", name)
            # Another version is wanted: the cached one stays until the new one is stored.
        yield from _download_steps(name, absolute, expected, progress)
    finally:
        store().unlock(name)
    yield from _mount_steps()
    return path(name)


def _download_steps(name: str, url: str, expected: str | None, mode: bool | str) -> _Steps[None]:
    try:
        total = int((yield ("begin", url)))
    except CacheError as err:
        raise DownloadError(f"models.fetch(): could not download {url}: {err}") from None
    except BaseException:  # KeyboardInterrupt as "begin" returned: its reader is open
        store().cancel()
        raise
    bar = Progress(name, total if total > 0 else None, mode)
    received, done = 0, False
    try:
        while not done:
            step = yield ("step",)
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
    ok, actual = yield ("finish", record, expected)
    if not ok:
        bar.close(received, "sha256 mismatch")
        raise ChecksumError(
            f"models.fetch(): {url} has sha256 {actual}, expected {expected}; nothing was stored"
        )
    _verified.add((name, str(actual)))
    bar.close(received, "done")


def put(name: str, data: bytes | bytearray | memoryview, sha256: str | None = None) -> str:
    """Store ``data`` under ``name`` (replacing an entry of that name); return its path."""
    steps = _put_steps(name, data, sha256)
    return str(_blocking("models.put()", "await portlite.models.put_async(...)", steps))


async def put_async(
    name: str, data: bytes | bytearray | memoryview, sha256: str | None = None
) -> str:
    """:func:`put`, awaitable: for browsers without JSPI."""
    return str(await _awaiting(_put_steps(name, data, sha256)))


def _put_steps(name: str, data: Any, sha256: str | None) -> _Steps[str]:
    name = _check_name("put", name)
    expected = _check_sha256("put", sha256)
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"models.put(): 'data' must be bytes-like, got {type(data).__name__}")
    yield from _ensure_mounted_steps()
    now = time.time()
    record = _js.to_js_object({"name": name, "url": None, "added": now, "lastUsed": now})
    yield ("lock", name)
    try:
        ok, actual = yield ("put", record, _js.to_js_bytes(data), expected)
    finally:
        store().unlock(name)
    if not ok:
        raise ChecksumError(f"models.put(): the data has sha256 {actual}, expected {expected}")
    _verified.add((name, str(actual)))
    yield from _mount_steps()
    return path(name)


def list() -> builtins.list[dict[str, Any]]:  # noqa: A001 - the name the API promises
    """Every entry: name, size, sha256, url, added and last_used (Unix times), path."""
    return _blocking("models.list()", "await portlite.models.list_async()", _list_steps())


async def list_async() -> builtins.list[dict[str, Any]]:
    """:func:`list`, awaitable: for browsers without JSPI."""
    return await _awaiting(_list_steps())


def _list_steps() -> _Steps[builtins.list[dict[str, Any]]]:
    return sorted((_record(e) for e in (yield ("entries",))), key=lambda r: r["name"])


def info(name: str) -> dict[str, Any]:
    """One entry's record (see :func:`list`); KeyError if it is not cached."""
    return _blocking("models.info()", "await portlite.models.info_async(name)", _info_steps(name))


async def info_async(name: str) -> dict[str, Any]:
    """:func:`info`, awaitable: for browsers without JSPI."""
    return await _awaiting(_info_steps(name))


def _info_steps(name: str) -> _Steps[dict[str, Any]]:
    entry = yield ("entry", _check_name("info", name))
    if entry is None:
        raise KeyError(f"models.info(): {name!r} is not in the cache")
    return _record(entry)


def remove(name: str) -> None:
    """Delete one entry (KeyError if it is not cached)."""
    _blocking("models.remove()", "await portlite.models.remove_async(name)", _remove_steps(name))


async def remove_async(name: str) -> None:
    """:func:`remove`, awaitable: for browsers without JSPI."""
    await _awaiting(_remove_steps(name))


def _remove_steps(name: str) -> _Steps[None]:
    yield from _info_steps(name)
    yield ("lock", name)
    try:
        yield ("remove", name)
    finally:
        store().unlock(name)
    yield from _mount_steps()


def clear() -> None:
    """Delete every entry."""
    _blocking("models.clear()", "await portlite.models.clear_async()", _clear_steps())


async def clear_async() -> None:
    """:func:`clear`, awaitable: for browsers without JSPI."""
    await _awaiting(_clear_steps())


def _clear_steps() -> _Steps[None]:
    yield ("clear",)
    _verified.clear()
    yield from _mount_steps()


def usage() -> dict[str, Any]:
    """Bytes cached, entry count, and the browser's usage, quota and persistence.

    ``persisted`` says whether the browser granted persistent storage (the
    site's pages ask for it with ``navigator.storage.persist()``).
    """
    return _blocking("models.usage()", "await portlite.models.usage_async()", _usage_steps())


async def usage_async() -> dict[str, Any]:
    """:func:`usage`, awaitable: for browsers without JSPI."""
    return await _awaiting(_usage_steps())


def _usage_steps() -> _Steps[dict[str, Any]]:
    records = yield from _list_steps()
    used, quota, persisted = yield ("usage",)
    return {
        "entries": len(records),
        "bytes": sum(r["size"] for r in records),
        "browser_usage": int(used),
        "browser_quota": int(quota),
        "persisted": bool(persisted),
    }
