"""Pure-Python wheels for the kernel, made from a package's pinned source tarball.

Some server packages have a pure-Python implementation beside an optional C
extension (PyYAML runs without libyaml), but only their compiled wheels are
published, and Pyodide's own wasm builds are out of reach here. The build
packs the pure-Python modules of the pinned, verified source tarball into a
``py3-none-any`` wheel, byte for byte, so the kernel imports the package
unchanged. The wheel is reproducible: fixed member order and timestamps.
"""

from __future__ import annotations

import base64
import hashlib
import tarfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .vendor_cache import hash_file

__all__ = ["PureWheel", "build_pure_wheel"]

#: Every member's timestamp (zip cannot store earlier than 1980).
_EPOCH = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class PureWheel:
    """A pure-Python package to pack out of a source tarball.

    Attributes
    ----------
    name, version : str
        The distribution's name and version (as the tarball's ``PKG-INFO`` says).
    package_dir : str
        The folder of the import package inside the tarball's top folder (``lib/yaml``).
    import_name : str
        The name the package is imported by (``yaml``).
    """

    name: str
    version: str
    package_dir: str
    import_name: str

    @property
    def file_name(self) -> str:
        """The wheel's file name."""
        return f"{self.name}-{self.version}-py3-none-any.whl"


def _record_line(path: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{path},sha256={digest},{len(data)}"


def build_pure_wheel(sdist: Path, spec: PureWheel, dest_dir: Path) -> tuple[Path, str]:
    """Pack ``spec``'s modules from ``sdist`` into a wheel in ``dest_dir``.

    Parameters
    ----------
    sdist : pathlib.Path
        The verified source tarball.
    spec : PureWheel
        What to pack.
    dest_dir : pathlib.Path
        Where the wheel is written.

    Returns
    -------
    tuple of (pathlib.Path, str)
        The wheel and its sha256.

    Raises
    ------
    ValueError
        If the tarball has no ``.py`` module under ``spec.package_dir`` or no ``PKG-INFO``.
    """
    members: dict[str, bytes] = {}
    with tarfile.open(sdist) as tarball:
        top = tarball.getnames()[0].split("/")[0]
        for info in sorted(tarball.getmembers(), key=lambda m: m.name):
            folder, _, base = info.name.rpartition("/")
            if info.isfile() and folder == f"{top}/{spec.package_dir}" and base.endswith(".py"):
                stream = tarball.extractfile(info)
                assert stream is not None
                members[f"{spec.import_name}/{base}"] = stream.read()
        pkg_info = tarball.extractfile(f"{top}/PKG-INFO")
        metadata = pkg_info.read() if pkg_info else b""
    if not members or not metadata:
        raise ValueError(f"{sdist.name}: no modules under {spec.package_dir} or no PKG-INFO")
    info_dir = f"{spec.name}-{spec.version}.dist-info"
    members[f"{info_dir}/METADATA"] = metadata
    members[f"{info_dir}/WHEEL"] = (
        b"Wheel-Version: 1.0\nGenerator: portlite_site.pure_wheel\n"
        b"Root-Is-Purelib: true\nTag: py3-none-any\n"
    )
    members[f"{info_dir}/top_level.txt"] = f"{spec.import_name}\n".encode()
    record = [_record_line(path, data) for path, data in members.items()]
    members[f"{info_dir}/RECORD"] = ("\n".join([*record, f"{info_dir}/RECORD,,"]) + "\n").encode()
    dest_dir.mkdir(parents=True, exist_ok=True)
    wheel = dest_dir / spec.file_name
    with zipfile.ZipFile(wheel, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, data in members.items():
            archive.writestr(zipfile.ZipInfo(path, _EPOCH), data, zipfile.ZIP_DEFLATED)
    return wheel, hash_file(wheel)
