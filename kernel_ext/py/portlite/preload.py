"""Preparing a kernel for server code in one call: bridges loaded, cache mounted, aliases set.

:func:`preload` is what PortLite's kernel extension runs at every kernel
start (and what a user can run by hand). opencv.js's script starts first:
its wasm compiles in the background while onnxruntime-web's script loads.
A bridge that fails leaves the others working, and ``import`` of its alias
then raises an ImportError that says why.
"""

from __future__ import annotations

import importlib.abc
import sys
from collections.abc import Sequence
from typing import Any

from . import _opencv, install_aliases

__all__ = ["preload", "status"]

_status: dict[str, dict[str, Any]] = {}


class _UnavailableBridge(importlib.abc.MetaPathFinder):
    """Makes ``import <alias>`` of a bridge that failed to load say why."""

    def __init__(self) -> None:
        self.reasons: dict[str, str] = {}

    def find_spec(self, fullname: str, path: Any, target: Any = None) -> None:
        reason = self.reasons.get(fullname.partition(".")[0])
        if reason is not None:
            raise ImportError(
                f"import {fullname}: PortLite's {fullname.partition('.')[0]} bridge is not "
                f"available in this kernel: {reason}"
            )


_finder = _UnavailableBridge()


def _failed(err: BaseException) -> dict[str, Any]:
    return {"status": "failed", "reason": f"{type(err).__name__}: {err}"}


def _opencv_version(cv: Any) -> str:
    first = str(cv.getBuildInformation()).strip().splitlines()[0]
    return first.split("OpenCV")[-1].strip(" =")


def preload(
    bridges: Sequence[str] = ("cv2", "onnxruntime"),
    aliases: bool = True,
    opencv_url: str | None = None,
    onnxruntime_url: str | None = None,
    num_threads: int | None = None,
    cache: bool = True,
) -> dict[str, dict[str, Any]]:
    """Load the bridges, mount the model cache and install the aliases.

    Parameters
    ----------
    bridges : sequence of str
        Which of ``"cv2"`` and ``"onnxruntime"`` to load.
    aliases : bool
        Install ``import cv2``/``import onnxruntime`` for the bridges that loaded.
    opencv_url, onnxruntime_url : str, optional
        Where opencv.js (a script URL) and onnxruntime-web (a folder URL
        ending in ``/``) are; default: the site's vendored copies.
    num_threads : int, optional
        onnxruntime-web's thread count (default: its recommendation).
    cache : bool
        Mount the model cache (reads its metadata only).

    Returns
    -------
    dict
        Per part (``cv2``, ``onnxruntime``, ``cache``): ``status`` (``ready``
        or ``failed``) and details (versions, threads, SIMD, entries and
        bytes cached) or the ``reason`` it failed. Also kept for :func:`status`.
    """
    result: dict[str, dict[str, Any]] = {}
    if "cv2" in bridges:
        try:
            _opencv.start_loading(opencv_url)
        except ImportError as err:
            result["cv2"] = _failed(err)
    if "onnxruntime" in bridges:
        try:
            from .onnxruntime._web import runtime

            web = runtime(onnxruntime_url)
            if num_threads and not web.initialized:
                web.ort.env.wasm.numThreads = int(num_threads)
            result["onnxruntime"] = {"status": "ready", **web.info()}
        except Exception as err:  # noqa: BLE001 - reported, and the other bridge goes on
            result["onnxruntime"] = _failed(err)
    if "cv2" in bridges and "cv2" not in result:
        try:
            result["cv2"] = {"status": "ready", "version": _opencv_version(_opencv.opencv_js())}
        except Exception as err:  # noqa: BLE001
            result["cv2"] = _failed(err)
    if cache:
        try:
            from . import models

            models.mount()
            usage = models.list()
            result["cache"] = {
                "status": "ready",
                "entries": len(usage),
                "bytes": sum(entry["size"] for entry in usage),
            }
        except Exception as err:  # noqa: BLE001
            result["cache"] = _failed(err)
    if aliases:
        ready = [name for name in bridges if result.get(name, {}).get("status") == "ready"]
        install_aliases(ready)
        for name in bridges:
            if name not in ready:
                _finder.reasons[name] = str(result[name]["reason"])
                sys.modules.pop(name, None)
            else:
                _finder.reasons.pop(name, None)
        if _finder.reasons and _finder not in sys.meta_path:
            sys.meta_path.insert(0, _finder)
    _status.clear()
    _status.update(result)
    return result


def status() -> dict[str, dict[str, Any]]:
    """What the last :func:`preload` reported (empty before it ran)."""
    return dict(_status)
