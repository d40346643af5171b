"""A local, hash-verified cache of the files the site vendors.

Layout under the cache root::

    archives/<archive file name>     tarballs and wheels, verified whole
    files/<sha256>/<file name>       single files, verified whole

A file is only ever moved into place after its digest matched, so a crash
half way through a download leaves a ``*.partial`` file, never a wrong one.
A file already in the cache is hashed again on every use: a tampered or
truncated cache stops the build instead of reaching the site.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import urllib.error
import urllib.request
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import IO

from .manifest import Archive, Digest, Source, VendorFile

__all__ = ["FetchError", "IntegrityError", "VendorCache", "hash_file", "npm_pack", "pip_download"]

#: Read and hash in chunks of this many bytes.
_CHUNK = 1 << 20

#: Seconds to wait on a silent connection before trying the next source.
DOWNLOAD_TIMEOUT_S = 60.0

#: Opens a URL and returns a readable binary stream (replaceable in tests).
Opener = Callable[[str], IO[bytes]]


class IntegrityError(OSError):
    """A file's digest is not the pinned one.

    Attributes
    ----------
    path : str
        The file (or archive member) that failed.
    expected, actual : str
        The pinned and the measured digest, as ``algorithm:hex``.
    """

    def __init__(self, path: str, expected: str, actual: str, hint: str = "") -> None:
        self.path, self.expected, self.actual = path, expected, actual
        message = f"integrity check failed for {path}: expected {expected}, got {actual}"
        super().__init__(message + (f"; {hint}" if hint else ""))


class FetchError(OSError):
    """No source of a file worked; ``attempts`` lists each source and why."""

    def __init__(self, name: str, attempts: list[tuple[str, str]]) -> None:
        self.name, self.attempts = name, attempts
        tried = "\n".join(f"  - {where}: {why}" for where, why in attempts)
        super().__init__(f"could not fetch {name}; every source failed:\n{tried}")


def hash_file(path: Path, algorithm: str = "sha256") -> str:
    """Return the hex digest of a file, read in chunks."""
    digest = hashlib.new(algorithm)
    with open(path, "rb") as stream:
        while chunk := stream.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _default_opener(url: str) -> IO[bytes]:
    request = urllib.request.Request(url, headers={"User-Agent": "portlite-build"})
    return urllib.request.urlopen(request, timeout=DOWNLOAD_TIMEOUT_S)  # type: ignore[no-any-return]


class VendorCache:
    """Fetch pinned files into a local folder and hand out verified paths.

    Parameters
    ----------
    root : pathlib.Path
        The cache folder; created when needed.
    opener : callable, optional
        ``opener(url) -> binary stream``; defaults to ``urllib``.
    log : callable, optional
        Receives one line per download.
    """

    def __init__(
        self,
        root: Path,
        opener: Opener | None = None,
        log: Callable[[str], None] = lambda line: None,
    ) -> None:
        self.root: Path = Path(root)
        self._open = opener or _default_opener
        self._log = log
        self.downloads: list[str] = []

    # -- archives --------------------------------------------------------

    def archive_path(self, archive: Archive) -> Path:
        """Where an archive lives in the cache."""
        return Path(self.root, "archives", archive.file_name)

    def ensure_archive(self, archive: Archive) -> Path:
        """Return the verified cached archive, downloading it if absent.

        Raises
        ------
        IntegrityError
            If the cached copy does not match its pin.
        FetchError
            If it is absent and no URL delivered a matching copy.
        """
        path = self.archive_path(archive)
        if path.exists():
            self._verify(path, archive.digest, label=f"cached archive {path}")
            return path
        attempts: list[tuple[str, str]] = []
        by_name = [
            (label, fetch)
            for label, fetch, spec in (
                (f"pip download {archive.pip}", self._pip_download, archive.pip),
                (f"npm pack {archive.npm}", self._npm_pack, archive.npm),
            )
            if spec
        ]
        for label, fetch in by_name:
            try:
                fetch(archive, path)
                return path
            except (OSError, subprocess.CalledProcessError, ValueError) as err:
                attempts.append((label, _reason(err)))
        for url in archive.urls:
            try:
                self._download(url, path, archive.digest)
                return path
            except (OSError, urllib.error.URLError, ValueError) as err:
                attempts.append((url, _reason(err)))
        raise FetchError(f"archive {archive.name} {archive.version}", attempts)

    # -- files -----------------------------------------------------------

    def file_path(self, vendor_file: VendorFile) -> Path:
        """Where a file lives in the cache."""
        return Path(self.root, "files", vendor_file.sha256, vendor_file.file_name)

    def ensure_file(self, vendor_file: VendorFile, archives: dict[str, Archive]) -> Path:
        """Return the verified cached file, fetching it from its sources.

        Sources are tried in the manifest's order; the first that yields the
        pinned bytes wins. A tampered cached copy is an error, not a miss: it
        says something changed the cache, which a person should look at.

        Raises
        ------
        IntegrityError
            If the cached copy does not match its pin.
        FetchError
            If it is absent and every source failed; names each one.
        """
        path = self.file_path(vendor_file)
        expected = Digest("sha256", vendor_file.sha256)
        if path.exists():
            self._verify(path, expected, label=f"cached file {path}", size=vendor_file.size)
            return path
        attempts: list[tuple[str, str]] = []
        for source in vendor_file.sources:
            try:
                if source.url:
                    self._download(source.url, path, expected)
                else:
                    self._extract(source, archives, path, expected)
                return path
            except (OSError, urllib.error.URLError, ValueError, KeyError) as err:
                attempts.append((source.describe(), _reason(err)))
        raise FetchError(f"{vendor_file.id} {vendor_file.version}", attempts)

    # -- internals -------------------------------------------------------

    def _verify(self, path: Path, expected: Digest, label: str, size: int | None = None) -> None:
        actual = Digest(expected.algorithm, hash_file(path, expected.algorithm))
        if actual != expected:
            real_size = path.stat().st_size
            hint = f"size {real_size} bytes" + (f", pinned {size}" if size is not None else "")
            raise IntegrityError(
                label, str(expected), str(actual), f"{hint}; delete it to fetch it again"
            )

    def _commit(self, stream: IO[bytes], dest: Path, expected: Digest, label: str) -> None:
        """Copy a stream aside while hashing it; move it into place only if it matches."""
        dest.parent.mkdir(parents=True, exist_ok=True)
        digest = hashlib.new(expected.algorithm)
        fd, partial = tempfile.mkstemp(dir=dest.parent, suffix=".partial")
        try:
            with os.fdopen(fd, "wb") as out:
                while chunk := stream.read(_CHUNK):
                    digest.update(chunk)
                    out.write(chunk)
            actual = Digest(expected.algorithm, digest.hexdigest())
            if actual != expected:
                raise IntegrityError(label, str(expected), str(actual))
            os.replace(partial, dest)
        finally:
            if os.path.exists(partial):
                os.unlink(partial)

    def _download(self, url: str, dest: Path, expected: Digest) -> None:
        self._log(f"download {url}")
        with self._open(url) as response:
            self._commit(response, dest, expected, label=url)
        self.downloads.append(url)

    def _pip_download(self, archive: Archive, dest: Path) -> None:
        """``pip download`` the archive by name into ``dest``, verified like any download."""
        self._log(f"pip download {archive.pip}")
        with tempfile.TemporaryDirectory() as scratch:
            pip_download(str(archive.pip), archive.sdist, Path(scratch))
            self._commit_delivered(Path(scratch), str(archive.wheel), dest, archive.digest,
                                   tool="pip", label=f"pip download {archive.pip}")  # fmt: skip
        self.downloads.append(f"pip:{archive.pip}")

    def _npm_pack(self, archive: Archive, dest: Path) -> None:
        """``npm pack`` the archive by name into ``dest``, verified like any download."""
        self._log(f"npm pack {archive.npm}")
        with tempfile.TemporaryDirectory() as scratch:
            npm_pack(str(archive.npm), Path(scratch))
            self._commit_delivered(Path(scratch), archive.file_name, dest, archive.digest,
                                   tool="npm", label=f"npm pack {archive.npm}")  # fmt: skip
        self.downloads.append(f"npm:{archive.npm}")

    def _commit_delivered(
        self, folder: Path, name: str, dest: Path, digest: Digest, *, tool: str, label: str
    ) -> None:
        """Verify and keep the file ``name`` that ``tool`` put into ``folder``."""
        delivered = folder / name
        if not delivered.is_file():
            found = sorted(p.name for p in folder.iterdir())
            raise ValueError(f"{tool} delivered {found}, not {name}")
        with delivered.open("rb") as stream:
            self._commit(stream, dest, digest, label=label)

    def _extract(
        self, source: Source, archives: dict[str, Archive], dest: Path, expected: Digest
    ) -> None:
        assert source.archive is not None
        archive_path = self.ensure_archive(archives[source.archive])
        if source.member is None:
            with archive_path.open("rb") as whole:
                self._commit(whole, dest, expected, archive_path.name)
            return
        label = f"{archive_path.name}:{source.member}"
        if zipfile.is_zipfile(archive_path):
            with zipfile.ZipFile(archive_path) as wheel, wheel.open(source.member) as member:
                self._commit(member, dest, expected, label)
            return
        with tarfile.open(archive_path) as tarball:
            extracted = tarball.extractfile(source.member)
            if extracted is None:
                raise KeyError(f"{source.member} is not a regular file")
            with extracted:
                self._commit(extracted, dest, expected, label)

    def copy_verified(
        self, vendor_file: VendorFile, archives: dict[str, Archive], dest: Path
    ) -> bool:
        """Copy a verified file to ``dest`` unless an identical copy is there.

        Returns whether it copied. The destination is written aside and
        renamed, so a reader never sees half a file.
        """
        source = self.ensure_file(vendor_file, archives)
        if (
            dest.exists()
            and dest.stat().st_size == vendor_file.size
            and hash_file(dest) == vendor_file.sha256
        ):
            return False
        dest.parent.mkdir(parents=True, exist_ok=True)
        partial = dest.with_name(dest.name + ".partial")
        shutil.copyfile(source, partial)
        os.replace(partial, dest)
        return True


def pip_download(spec: str, sdist: bool, folder: Path) -> None:
    """Run ``pip download spec`` (one distribution, no dependencies) into ``folder``.

    ``sdist`` asks for the source tarball: pip then runs the package's
    metadata step with the build tools this environment has (opencv-python's
    needs scikit-build), not a fresh isolated set fetched on every download.
    """
    kind = ["--no-binary", ":all:", "--no-build-isolation"] if sdist else ["--only-binary", ":all:"]
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
         *kind, "--dest", str(folder), spec],
        check=True, capture_output=True, text=True,
    )  # fmt: skip


def npm_pack(spec: str, folder: Path) -> None:
    """Run ``npm pack spec`` into ``folder``.

    With a cache of its own: npm asks the registry every time (as pip does
    here), so an offline build fails the same way whatever ran before.
    """
    subprocess.run(
        ["npm", "pack", "--silent", "--pack-destination", str(folder),
         "--cache", str(folder / ".npm"), "--fetch-retries", "1",
         "--fetch-retry-mintimeout", "1000", "--fetch-retry-maxtimeout", "5000", spec],
        check=True, capture_output=True, text=True, cwd=folder,
    )  # fmt: skip


def _reason(err: BaseException) -> str:
    if isinstance(err, urllib.error.HTTPError):
        return f"HTTP {err.code} {err.reason}"
    if isinstance(err, urllib.error.URLError):
        return f"unreachable ({err.reason})"
    return f"{type(err).__name__}: {err}"
