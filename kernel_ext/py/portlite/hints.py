"""Where files are in the browser: the hint that missing-file errors carry.

A server path (``models/det.onnx``, ``static/...``, ``/data/...``) does not
exist in the kernel's file system. The kernel sees the notebook's folder
(its files and uploads, under ``/drive``) and PortLite's model cache;
files the site serves are brought in with ``portlite.models.fetch``.
Pure Python, importable on CPython.
"""

from __future__ import annotations

import os

__all__ = ["NO_JSPI_STATUS", "missing_file_hint", "missing_module_hint", "no_jspi_error"]

#: What the kernel's status says when this browser cannot block on a promise.
NO_JSPI_STATUS = "no JSPI: use await for models and sessions"

#: The folder JupyterLite mounts the browser's files at.
DRIVE = "/drive"


def missing_file_hint(path: str | os.PathLike[str], cwd: str | None = None) -> str:
    """One paragraph that says where files live here and the exact call to get ``path``.

    Parameters
    ----------
    path : str or os.PathLike
        The path that was not found.
    cwd : str, optional
        The kernel's working folder (default: ``os.getcwd()``).

    Returns
    -------
    str
        The hint, naming the notebook's folder, uploads and ``portlite.models.fetch``.
    """
    wanted = os.fspath(path)
    folder = cwd if cwd is not None else os.getcwd()
    site_path = wanted.lstrip("/").removeprefix("./")
    return (
        f"'{wanted}' is not in this browser's files. Here a notebook sees its own folder "
        f"({folder}: the files beside the notebook, and what you upload there with the file "
        "browser's Upload button or an ipywidgets FileUpload) and PortLite's model cache "
        "(/portlite/models). To use a file the site serves (or any URL), download it once "
        "into the cache and use the path it returns: "
        f'path = portlite.models.fetch("{site_path}") (in a browser without JSPI, '
        f'such as Safari: path = await portlite.models.fetch_async("{site_path}"))'
    )


def missing_module_hint(name: str, shipped: list[str]) -> str:
    """What to say when ``import name`` finds nothing: what the site ships, and ``%pip``.

    Parameters
    ----------
    name : str
        The module that was not found.
    shipped : list of str
        The import names of the packages the site ships.
    """
    top = name.partition(".")[0]
    return (
        f"'{top}' is not one of the packages this site ships ({', '.join(shipped)}; plus "
        "Python's standard library, cv2 and onnxruntime). A pure-Python package can be "
        f"installed with: %pip install {top}"
    )


def no_jspi_error(what: str, awaitable: str) -> RuntimeError:
    """What a call that must wait says when this browser cannot block (no JSPI, e.g. Safari).

    Parameters
    ----------
    what : str
        The call, e.g. ``"models.fetch()"``.
    awaitable : str
        The awaitable call to use instead, e.g. ``"await portlite.models.fetch_async(url)"``.
    """
    return RuntimeError(
        f"{what} must wait for the browser, and this browser (or call stack) cannot block "
        "on a promise: JavaScript Promise Integration (JSPI) is not available (Safari, "
        f"Firefox before 153). Use the awaitable form instead: {awaitable}"
    )
