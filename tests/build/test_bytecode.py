"""Bytecode compiled into the site's wheels by its own Pyodide under Node."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest

from portlite_site import REPO_ROOT, vendor_cache_dir
from portlite_site.bytecode import compile_wheels, is_compiled_from
from portlite_site.manifest import load_manifest
from portlite_site.vendor_cache import VendorCache

MANIFEST = load_manifest(REPO_ROOT / "vendor.toml")
CACHE = VendorCache(vendor_cache_dir())
#: CPython 3.12's bytecode magic (Pyodide 0.27.7 is CPython 3.12.7).
MAGIC_312 = (3531).to_bytes(2, "little") + b"\r\n"


def _pinned(package: str) -> Path:
    return CACHE.file_path(next(f for f in MANIFEST.files if f.lock_package == package))


@pytest.fixture
def a_compiler(a_built_site: Path, tmp_path: Path):
    """compile_wheels on the built site's Pyodide, with a fresh cache; and its log."""
    lines: list[str] = []
    official_lock = CACHE.file_path(MANIFEST.file(MANIFEST.official_lock))

    pyodide, version = a_built_site / "static/pyodide", MANIFEST.pyodide_version

    def run(wheels: dict[Path, Path]) -> dict[Path, str]:
        return compile_wheels(
            wheels, pyodide, official_lock, version, tmp_path / "cache", log=lines.append
        )

    return run, lines, tmp_path / "cache"


def test_a_compiled_wheel_is_the_original_plus_checked_hash_pycs(a_compiler, tmp_path) -> None:
    run, lines, _ = a_compiler
    original, dest = _pinned("six"), tmp_path / _pinned("six").name
    digests = run({original: dest})
    assert digests == {dest: hashlib.sha256(dest.read_bytes()).hexdigest()}
    assert is_compiled_from(original, dest)
    with zipfile.ZipFile(dest) as wheel:
        header = wheel.read("__pycache__/six.cpython-312.pyc")[:8]
    assert header[:4] == MAGIC_312 and int.from_bytes(header[4:], "little") == 3  # checked hash
    assert lines == ["[portlite] compiled the bytecode of 1 wheels"]


def test_the_cache_is_used_and_a_damaged_entry_compiled_again(a_compiler, tmp_path) -> None:
    run, lines, cache = a_compiler
    original, dest = _pinned("six"), tmp_path / _pinned("six").name
    first = run({original: dest})[dest]
    assert run({original: dest})[dest] == first and len(lines) == 1  # from the cache
    (entry,) = cache.glob("*.whl")
    entry.write_bytes(entry.read_bytes()[: entry.stat().st_size // 2])  # cut short
    assert run({original: dest})[dest] == first and len(lines) == 2  # same bytes again


def test_a_wheel_is_not_taken_for_the_compiled_copy_of_another(a_compiler, tmp_path) -> None:
    run, _, _ = a_compiler
    six, decorator = _pinned("six"), _pinned("decorator")
    run({six: tmp_path / six.name})
    assert not is_compiled_from(decorator, tmp_path / six.name)
    assert not is_compiled_from(six, tmp_path / "missing.whl")


def test_a_failed_compile_says_why_and_ships_nothing(a_compiler, tmp_path) -> None:
    run, _, cache = a_compiler
    first = tmp_path / "first" / _pinned("six").name
    first.parent.mkdir()
    run({_pinned("six"): first})
    again = tmp_path / "again.whl"
    with pytest.raises(RuntimeError, match="already has bytecode"):
        run({first: again})  # a compiled wheel is not compiled twice
    assert not again.exists() and len(list(cache.glob("*.whl"))) == 1


@pytest.mark.parametrize(
    "extra",
    [
        "__pycache__/evil.cpython-312.pyc",  # a pyc of no module of the wheel
        "six_helper.py",  # a new module
        "__pycache__/six.cpython-311.pyc",  # another interpreter's pyc
    ],
)
def test_a_cached_wheel_with_anything_extra_is_compiled_again(a_compiler, tmp_path, extra) -> None:
    run, lines, cache = a_compiler
    original, dest = _pinned("six"), tmp_path / _pinned("six").name
    first = run({original: dest})[dest]
    (entry,) = cache.glob("*.whl")
    with zipfile.ZipFile(entry, "a") as wheel:
        wheel.writestr(extra, b"import os")
    assert not is_compiled_from(original, entry)
    assert run({original: dest})[dest] == first and len(lines) == 2
