"""The server packages PortLite's bridges stand in for, as installed distributions.

Server code and its packages depend on ``opencv-python`` (or ``-headless``,
``-contrib``) and ``onnxruntime``. In the kernel those are PortLite's
bridges, so :func:`write_metadata` gives them distribution metadata that
``importlib.metadata`` and micropip read: ``%pip install`` of a package that
depends on them finds them satisfied instead of fetching wheels that cannot
run here. :func:`pip_install` is what ``%pip install`` calls: it says which
requirements PortLite provides and hands the rest to piplite. Pure Python,
importable on CPython.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Iterable
from pathlib import Path
from typing import Any

__all__ = [
    "ONNXRUNTIME_VERSION",
    "OPENCV_VERSION",
    "PROVIDED",
    "pip_hint",
    "pip_install",
    "split_requirements",
    "write_metadata",
]

#: The OpenCV release opencv.js (vendor.toml's ``opencv-js``) is built from.
OPENCV_VERSION = "4.12.0"
#: The onnxruntime release onnxruntime-web (vendor.toml's ``onnxruntime-web``) is.
ONNXRUNTIME_VERSION = "1.30.0"

#: Distribution name to (version, what provides it). opencv-python's wheels
#: carry a fourth part; 4.12.0.88 is its release of OpenCV 4.12.0.
PROVIDED: dict[str, tuple[str, str]] = {
    "opencv-python": (f"{OPENCV_VERSION}.88", "portlite.cv2 on opencv.js"),
    "opencv-python-headless": (f"{OPENCV_VERSION}.88", "portlite.cv2 on opencv.js"),
    "opencv-contrib-python": (f"{OPENCV_VERSION}.88", "portlite.cv2 on opencv.js"),
    "opencv-contrib-python-headless": (f"{OPENCV_VERSION}.88", "portlite.cv2 on opencv.js"),
    "onnxruntime": (ONNXRUNTIME_VERSION, "portlite.onnxruntime on onnxruntime-web"),
}

_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")


def _normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def write_metadata(site_packages: Path) -> list[Path]:
    """Write a ``.dist-info`` for each provided distribution (once).

    Parameters
    ----------
    site_packages : pathlib.Path
        The kernel's ``site-packages``.

    Returns
    -------
    list of pathlib.Path
        The ``.dist-info`` folders, existing or new.
    """
    folders = []
    for name, (version, provider) in PROVIDED.items():
        folder = site_packages / f"{name.replace('-', '_')}-{version}.dist-info"
        if not folder.exists():
            folder.mkdir(parents=True)
            (folder / "METADATA").write_text(
                f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n"
                f"Summary: Provided by PortLite: {provider}\n",
                encoding="utf-8",
            )
            (folder / "INSTALLER").write_text("portlite\n", encoding="utf-8")
            (folder / "RECORD").write_text("", encoding="utf-8")
        folders.append(folder)
    return folders


def split_requirements(requirements: Iterable[str]) -> tuple[list[str], list[str]]:
    """Split pip requirements into those PortLite provides and the rest.

    Returns
    -------
    tuple of list
        ``(provided, others)``; wheel files and URLs are never "provided".
    """
    provided, others = [], []
    for requirement in requirements:
        match = _NAME.match(requirement)
        is_file = requirement.endswith(".whl") or ":" in requirement  # a wheel or URL
        if match and not is_file and _normalized(match.group(1)) in PROVIDED:
            provided.append(requirement)
        else:
            others.append(requirement)
    return provided, others


def _provided_line(requirement: str) -> str:
    name = _normalized(_NAME.match(requirement).group(1))  # type: ignore[union-attr]
    version, provider = PROVIDED[name]
    return (
        f"{requirement}: already satisfied, provided by PortLite ({provider}, "
        f"as {name} {version}); nothing to install."
    )


async def pip_install(
    install: Callable[..., Awaitable[Any]],
    requirements: str | list[str],
    *args: Any,
    **kwargs: Any,
) -> Any:
    """``%pip install``: report what PortLite provides, install the rest with ``install``.

    Parameters
    ----------
    install : callable
        piplite's own ``install``.
    requirements : str or list of str
        As piplite takes them.
    *args, **kwargs
        Passed on to ``install``.
    """
    wanted = [requirements] if isinstance(requirements, str) else list(requirements)
    provided, others = split_requirements(wanted)
    for requirement in provided:
        print(_provided_line(requirement))
    if others:
        return await install(others, *args, **kwargs)
    return None


def pip_hint(command: str) -> str | None:
    """What to say to ``!pip ...`` (shell commands do not run in the browser), or None."""
    words = command.split()
    if not words:
        return None
    is_pip = re.fullmatch(r"pip3?(\.\d+)?", words[0]) is not None
    is_module = len(words) > 2 and words[0].startswith("python") and words[1:3] == ["-m", "pip"]
    if not (is_pip or is_module):
        return None
    rest = " ".join(words[3:] if is_module else words[1:])
    return (
        "Shell commands do not run in this browser kernel. Use the %pip magic instead: "
        f"%pip {rest}".rstrip()
    )
