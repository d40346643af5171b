"""Install a pure-Python wheel from its bytes, checked against the site's lock.

Where the browser has no JSPI, Pyodide's ``loadPackage`` cannot be waited
for in the middle of a cell, so a package a library imports from inside its
own modules (rapidocr's ``import yaml``) would be missing. A pure-Python
wheel needs nothing asynchronous: the kernel downloads it synchronously and
this module unpacks it into site-packages. Pure Python, importable on
CPython, where its tests run.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path, PurePosixPath

__all__ = ["MAX_WHEEL_BYTES", "WheelError", "install_wheel", "is_pure_wheel"]

#: The largest wheel installed this way (the largest pure wheel Pyodide 0.27 ships is ~6 MB).
MAX_WHEEL_BYTES = 64 * 1024 * 1024


class WheelError(ImportError):
    """A wheel could not be installed; the message says which and why."""


def is_pure_wheel(file_name: str) -> bool:
    """Whether ``file_name`` names a wheel that runs on any Python 3 (``*-none-any.whl``)."""
    return file_name.endswith("-none-any.whl")


def install_wheel(file_name: str, data: bytes, sha256: str, site_packages: Path) -> list[str]:
    """Unpack a pure wheel's files into ``site_packages`` after checking its digest.

    Parameters
    ----------
    file_name : str
        The wheel's file name (must be a pure wheel).
    data : bytes
        Its bytes.
    sha256 : str
        The digest the site's lock gives for it.
    site_packages : Path
        Where to unpack it.

    Returns
    -------
    list of str
        The files written, relative to ``site_packages``.

    Raises
    ------
    WheelError
        Not a pure wheel, too large, another digest, not a zip, or a member
        that would land outside ``site_packages``. Nothing is written then.
    """
    if not is_pure_wheel(file_name):
        raise WheelError(f"install_wheel(): {file_name} is not a pure-Python wheel")
    if len(data) > MAX_WHEEL_BYTES:
        raise WheelError(
            f"install_wheel(): {file_name} has {len(data):,} bytes, more than {MAX_WHEEL_BYTES:,}"
        )
    digest = hashlib.sha256(data).hexdigest()
    if digest != sha256:
        raise WheelError(
            f"install_wheel(): {file_name} has sha256 {digest}, the lock says {sha256}"
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as err:
        raise WheelError(f"install_wheel(): {file_name} is not a zip archive: {err}") from None
    with archive:
        members = [info for info in archive.infolist() if not info.is_dir()]
        for info in members:  # every name is checked before anything is written
            path = PurePosixPath(info.filename)
            if path.is_absolute() or ".." in path.parts or "\\" in info.filename:
                raise WheelError(
                    f"install_wheel(): {file_name} has a member outside site-packages: "
                    f"{info.filename!r}"
                )
        for info in members:
            target = site_packages.joinpath(*PurePosixPath(info.filename).parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(archive.read(info))
    return [info.filename for info in members]
