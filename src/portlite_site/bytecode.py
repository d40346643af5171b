"""Bytecode for the site's wheels, compiled at build time: a faster kernel start.

Pyodide's wheels carry Python sources only, so every kernel start compiled
IPython, numpy, micropip and the rest again: about 0.7 s of ``import IPython``
alone on these machines. The build adds ``__pycache__/*.cpython-312.pyc``
files to each wheel the site ships, compiled by the site's own Pyodide under
Node (``pyodide_node/``), so the bytecode is the kernel's CPython's. They are
checked-hash pycs (PEP 552): valid whatever times unpacking gives the files,
ignored if a source changes. The sources stay, so tracebacks show lines.

A compiled wheel differs from its pinned original only by the added pycs and
their RECORD lines; the site's lock carries the compiled wheel's sha256.
Compiled wheels are kept in a cache keyed by the original's sha256, the
Pyodide version and the compiler's own files, so a build compiles only what
changed; a cached wheel that no longer holds its original is compiled again.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

from .vendor_cache import hash_file

__all__ = ["COMPILER", "PYC_TAG", "compile_wheels", "expected_pyc", "is_compiled_from"]

#: The kernel's CPython (Pyodide 0.27: 3.12), as its pyc file names spell it.
PYC_TAG = "cpython-312"

#: The Node entry point and the Python it runs inside Pyodide.
COMPILER = (
    Path(__file__).parent / "pyodide_node" / "compile_wheels.mjs",
    Path(__file__).parent / "pyodide_node" / "compile_wheels.py",
)


def _cache_key(wheel_sha256: str, pyodide_version: str) -> str:
    inputs = hashlib.sha256(f"{wheel_sha256}:{pyodide_version}".encode())
    for part in COMPILER:
        inputs.update(part.read_bytes())
    return inputs.hexdigest()


def expected_pyc(module: str) -> str:
    """Where the compiler puts the bytecode of ``module`` (a ``.py`` member of a wheel)."""
    folder, _, file_name = module.rpartition("/")
    pyc = f"__pycache__/{file_name.removesuffix('.py')}.{PYC_TAG}.pyc"
    return f"{folder}/{pyc}" if folder else pyc


def is_compiled_from(original: Path, compiled: Path) -> bool:
    """Whether ``compiled`` is exactly ``original`` plus the bytecode of its modules.

    Every member of ``original`` is there unchanged (RECORD aside: the
    compiled wheel's lists the pycs too), and every other member is the
    pyc of one of its ``.py`` files: nothing else may ride along. A cached
    wheel that fails this (cut short, damaged, from another original,
    with a file slipped in) is compiled again rather than shipped.
    """
    if not compiled.is_file():
        return False
    try:
        with zipfile.ZipFile(original) as source, zipfile.ZipFile(compiled) as ours:
            if ours.testzip() is not None:
                return False
            theirs = {m.filename: (m.CRC, m.file_size) for m in ours.infolist()}
            members = [m for m in source.infolist() if not m.filename.endswith(".dist-info/RECORD")]
            kept = all(theirs.get(m.filename) == (m.CRC, m.file_size) for m in members)
            allowed = {m.filename for m in source.infolist()} | {
                expected_pyc(m.filename) for m in members if m.filename.endswith(".py")
            }
            return kept and set(theirs) <= allowed
    except (zipfile.BadZipFile, OSError, EOFError):
        return False


def compile_wheels(
    wheels: dict[Path, Path],
    pyodide_dir: Path,
    pyodide_lock: Path,
    pyodide_version: str,
    cache_dir: Path,
    log: Callable[[str], object] = print,
) -> dict[Path, str]:
    """Write a copy of each wheel with its modules' bytecode added.

    Parameters
    ----------
    wheels : dict of pathlib.Path to pathlib.Path
        Each verified original wheel, and where its compiled copy goes.
    pyodide_dir : pathlib.Path
        The site's Pyodide (``pyodide.mjs`` and its runtime), which compiles.
    pyodide_lock : pathlib.Path
        A ``pyodide-lock.json`` of that release (Pyodide will not start without one).
    pyodide_version : str
        Its version, part of the cache key.
    cache_dir : pathlib.Path
        Where compiled wheels are kept between builds.
    log : callable
        Receives a line when wheels are compiled.

    Returns
    -------
    dict
        The sha256 of each compiled copy, by destination.

    Raises
    ------
    RuntimeError
        If Node fails, or a wheel comes back missing.
    """
    cache_dir.mkdir(parents=True, exist_ok=True)
    cached = {w: cache_dir / f"{_cache_key(hash_file(w), pyodide_version)}.whl" for w in wheels}
    missing = {w: c for w, c in cached.items() if not is_compiled_from(w, c)}
    if missing:
        _compile(missing, pyodide_dir, pyodide_lock)
        log(f"[portlite] compiled the bytecode of {len(missing)} wheels")
    digests = {}
    for original, dest in wheels.items():
        _replace(cached[original], dest)
        digests[dest] = hash_file(dest)
    return digests


def _replace(source: Path, dest: Path) -> None:
    """Copy aside then rename: a reader never sees half a file."""
    partial = dest.with_name(dest.name + ".partial")
    shutil.copyfile(source, partial)
    partial.replace(dest)


def _compile(targets: dict[Path, Path], pyodide_dir: Path, lock: Path) -> None:
    script, python = COMPILER
    with tempfile.TemporaryDirectory() as scratch:
        source, out = Path(scratch, "in"), Path(scratch, "out")
        source.mkdir()
        out.mkdir()
        for wheel in targets:
            shutil.copyfile(wheel, source / wheel.name)
        result = subprocess.run(
            ["node", str(script), str(pyodide_dir), str(lock), str(source), str(out), str(python)],
            capture_output=True, text=True,
        )  # fmt: skip
        if result.returncode != 0:
            raise RuntimeError(f"compiling wheels under Node failed:\n{result.stderr[-3000:]}")
        for wheel, target in targets.items():
            compiled = out / wheel.name
            if not compiled.exists():
                raise RuntimeError(f"compiling wheels under Node gave no {wheel.name}")
            _replace(compiled, target)
