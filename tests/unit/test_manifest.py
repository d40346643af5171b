"""The vendor manifest and the site's Pyodide lock (pure logic, CPython)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from portlite_site import DEFAULT_MANIFEST
from portlite_site.manifest import ManifestError, load_manifest
from portlite_site.pyodide_lock import closure, site_lock

LOCK = {
    "info": {"version": "0.27.7"},
    "packages": {
        "numpy": {"name": "numpy", "version": "2.0.2", "file_name": "numpy.whl",
                  "sha256": "a" * 64, "depends": []},
        "prompt_toolkit": {"name": "prompt_toolkit", "version": "3", "file_name": "pt.whl",
                           "sha256": "b" * 64, "depends": []},
        "ipython": {"name": "ipython", "version": "8", "file_name": "ipython.whl",
                    "sha256": "c" * 64, "depends": ["prompt-toolkit", "numpy"]},
        "scipy": {"name": "scipy", "version": "1", "file_name": "scipy.whl",
                  "sha256": "d" * 64, "depends": ["numpy"]},
    },
}  # fmt: skip


def _manifest_text(files: str, roots: str = '["ipython"]') -> str:
    return f"""
[pyodide]
version = "0.27.7"
official_lock = "pyodide-lock.json"
roots = {roots}

[archives.pyodide]
version = "0.27.7"
urls = ["https://registry.example/pyodide-0.27.7.tgz"]
integrity = "sha512-AAAA"

[[files]]
id = "pyodide-lock.json"
version = "0.27.7"
size = 1
sha256 = "{"e" * 64}"
sources = [{{ archive = "pyodide", member = "package/pyodide-lock.json" }}]
{files}
"""


def _wheel(name: str, file_name: str, sha: str, version: str) -> str:
    return f"""
[[files]]
id = "{file_name}"
dest = "static/pyodide/{file_name}"
version = "{version}"
size = 1
sha256 = "{sha}"
lock_package = "{name}"
sources = [{{ url = "https://cdn.example/{file_name}" }}]
"""


ALL_WHEELS = (
    _wheel("ipython", "ipython.whl", "c" * 64, "8")
    + _wheel("prompt_toolkit", "pt.whl", "b" * 64, "3")
    + _wheel("numpy", "numpy.whl", "a" * 64, "2.0.2")
)


def _load(tmp_path: Path, text: str):
    path = tmp_path / "vendor.toml"
    path.write_text(text)
    (tmp_path / "lock.json").write_text(json.dumps(LOCK))
    return load_manifest(path), tmp_path / "lock.json"


def test_the_repository_manifest_is_valid() -> None:
    manifest = load_manifest(DEFAULT_MANIFEST)
    assert manifest.pyodide_version == "0.27.7"
    assert manifest.file("opencv.js").version == "4.12.0-release.1"
    dests = [f.dest for f in manifest.shipped]
    assert len(dests) == len(set(dests))
    assert "static/pyodide/pyodide.asm.wasm" in dests


def test_closure_follows_dependencies_across_name_spellings() -> None:
    assert closure(LOCK, ["ipython"]) == ["ipython", "prompt_toolkit", "numpy"]
    with pytest.raises(ManifestError, match="'nope' is not in the official Pyodide lock"):
        closure(LOCK, ["nope"])


def test_site_lock_ships_only_the_closure(tmp_path: Path) -> None:
    manifest, lock_path = _load(tmp_path, _manifest_text(ALL_WHEELS))
    lock = site_lock(manifest, lock_path)
    assert sorted(lock["packages"]) == ["ipython", "numpy", "prompt_toolkit"]


def test_site_lock_rejects_a_pin_that_drifted_from_the_official_lock(tmp_path: Path) -> None:
    drifted = ALL_WHEELS.replace('sha256 = "' + "a" * 64, 'sha256 = "' + "f" * 64)
    manifest, lock_path = _load(tmp_path, _manifest_text(drifted))
    with pytest.raises(ManifestError, match=r"files \(numpy.whl\): sha256 'f+' differs"):
        site_lock(manifest, lock_path)


def test_site_lock_rejects_a_missing_dependency(tmp_path: Path) -> None:
    missing = _wheel("ipython", "ipython.whl", "c" * 64, "8")
    manifest, lock_path = _load(tmp_path, _manifest_text(missing))
    with pytest.raises(ManifestError, match=r"missing \['numpy', 'prompt_toolkit'\]"):
        site_lock(manifest, lock_path)


def test_a_malformed_entry_is_named(tmp_path: Path) -> None:
    bad = ALL_WHEELS.replace('sha256 = "' + "c" * 64 + '"', 'sha256 = "not-a-digest"')
    with pytest.raises(ManifestError, match=r"files\[1\] \(ipython.whl\): sha256 must be 64"):
        _load(tmp_path, _manifest_text(bad))
    escaping = ALL_WHEELS.replace('dest = "static/pyodide/pt.whl"', 'dest = "../pt.whl"')
    with pytest.raises(ManifestError, match=r"'dest' must be a relative path inside the site"):
        _load(tmp_path, _manifest_text(escaping))


def test_an_archive_resolved_by_pip_names_its_package_and_wheel() -> None:
    archive = load_manifest(DEFAULT_MANIFEST).archives["silero-vad"]
    assert (archive.pip, archive.file_name, archive.urls) == (
        "silero-vad==6.2.3",
        "silero_vad-6.2.3-py3-none-any.whl",
        (),
    )


def test_a_pip_archive_must_pin_its_own_name_and_version(tmp_path: Path) -> None:
    text = DEFAULT_MANIFEST.read_text().replace(
        'pip = "silero-vad==6.2.3"', 'pip = "silero-vad>=6"'
    )
    (tmp_path / "vendor.toml").write_text(text)
    with pytest.raises(ManifestError, match="'pip' must be silero-vad==6.2.3"):
        load_manifest(tmp_path / "vendor.toml")


def test_an_archive_resolved_by_npm_names_its_package_and_tarball(tmp_path: Path) -> None:
    archive = load_manifest(DEFAULT_MANIFEST).archives["opencv-js"]
    assert (archive.npm, archive.file_name, archive.urls) == (
        "@techstark/opencv-js@4.12.0-release.1",
        "techstark-opencv-js-4.12.0-release.1.tgz",
        (),
    )
    text = DEFAULT_MANIFEST.read_text().replace(
        'npm = "@techstark/opencv-js@4.12.0-release.1"', 'npm = "@techstark/opencv-js@latest"'
    )
    (tmp_path / "vendor.toml").write_text(text)
    with pytest.raises(ManifestError, match="'npm' must be <package>@4.12.0-release.1"):
        load_manifest(tmp_path / "vendor.toml")


def test_no_archive_or_file_is_fetched_from_a_registry_address() -> None:
    manifest = load_manifest(DEFAULT_MANIFEST)
    registries = ("pythonhosted.org", "pypi.org", "npmjs.org", "npmjs.com")
    addresses = [u for a in manifest.archives.values() for u in a.urls] + [
        s.url for f in manifest.files for s in f.sources if s.url
    ]
    assert not [u for u in addresses if any(r in u for r in registries)]
