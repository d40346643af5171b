"""The real ``jupyter lite build`` with PortLite's addon: output, tampering, offline."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from portlite_site import DEFAULT_VENDOR_CACHE, REPO_ROOT
from portlite_site.manifest import load_manifest
from portlite_site.testing import build_site
from portlite_site.vendor_cache import VendorCache

MANIFEST = load_manifest(REPO_ROOT / "vendor.toml")
DEFAULT_CACHE = Path(os.environ.get("PORTLITE_CACHE", DEFAULT_VENDOR_CACHE))


def _build(output: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return build_site(output, check=False, **env)


def _assert_is_the_wheel_plus_bytecode(original: Path, shipped: Path) -> None:
    """Every member of ``original`` unchanged but RECORD; added: one pyc per module."""
    with zipfile.ZipFile(original) as pinned, zipfile.ZipFile(shipped) as ours:
        before, after = set(pinned.namelist()), set(ours.namelist())
        record = next(n for n in before if n.endswith(".dist-info/RECORD"))
        for name in before - {record}:
            assert ours.read(name) == pinned.read(name), f"{shipped.name}: {name} changed"
        added = after - before
        sources = {n for n in before if n.endswith(".py")}
        assert added and {_source_of(n) for n in added} <= sources, shipped.name
        assert all(n in ours.read(record).decode() for n in added), shipped.name


def _source_of(pyc: str) -> str:
    folder, _, name = pyc.rpartition("__pycache__/")
    module, _, tag = name.rpartition(".cpython-312.")
    assert tag == "pyc", pyc
    return folder + module + ".py"


def test_the_built_site_holds_every_pinned_file_and_a_trimmed_lock(a_built_site: Path) -> None:
    lock = json.loads((a_built_site / "static/pyodide/pyodide-lock.json").read_text())
    locked = {e["file_name"]: e["sha256"] for e in lock["packages"].values()}
    for vendor_file in MANIFEST.shipped:
        shipped = a_built_site / str(vendor_file.dest)
        digest = hashlib.sha256(shipped.read_bytes()).hexdigest()
        if shipped.suffix == ".whl":  # the pinned wheel plus its bytecode
            original = VendorCache(DEFAULT_CACHE).file_path(vendor_file)
            _assert_is_the_wheel_plus_bytecode(original, shipped)
            assert locked[shipped.name] == digest, shipped.name
        else:
            assert digest == vendor_file.sha256, vendor_file.dest

    assert lock["info"]["version"] == "0.27.7"
    assert {"numpy", "pillow", "matplotlib", "ipywidgets", "comm", "portlite"} <= set(
        lock["packages"]
    )
    assert "scipy" not in lock["packages"]
    for entry in lock["packages"].values():
        assert (a_built_site / "static/pyodide" / entry["file_name"]).exists(), entry["file_name"]

    config = json.loads((a_built_site / "jupyter-lite.json").read_text())
    kernel = config["jupyter-config-data"]["litePluginSettings"][
        "@jupyterlite/pyodide-kernel-extension:kernel"
    ]
    assert kernel["pyodideUrl"] == "./static/pyodide/pyodide.js"
    assert kernel["disablePyPIFallback"] is True
    extensions = {e["name"] for e in config["jupyter-config-data"]["federated_extensions"]}
    assert "@jupyter-widgets/jupyterlab-manager" in extensions
    # The heavy onnxruntime-web variants are not shipped.
    assert not list(a_built_site.rglob("*jsep*")) and not list(a_built_site.rglob("*asyncify*"))


def _ran(result: subprocess.CompletedProcess[str]) -> set[str]:
    """The doit tasks a build ran (doit marks them ``.``; ``--`` is up to date)."""
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    return {line[3:].strip() for line in result.stdout.splitlines() if line.startswith(".  ")}


#: JupyterLite's own tasks that run on every build: its icons' copy (no
#: targets) and jupyterlite-pyodide-kernel's piplite patch, whose target
#: pypi/all.json is written only for a site with piplite wheels (PortLite has none).
ALWAYS_RUN = {"build:icons:copy", "post_build:jupyterlite-pyodide-kernel-piplite:patch"}

#: PortLite's build-phase tasks: the costly ones.
PORTLITE_BUILD = {
    "build:portlite-vendor:files",
    "build:portlite-vendor:opencv",
    "build:portlite-wheels:wheels",
    "build:portlite-ocr:reference",
    "build:portlite-ocr:scan",
    "build:portlite-extension:labextension",
    "build:portlite-pages:patch:jupyter-lite.json",
}


def test_a_rebuild_runs_only_what_changed(tmp_path: Path, a_built_site: Path) -> None:
    site = tmp_path / "site"
    first = _build(site)
    assert {task for task in _ran(first) if ":portlite-" in task} >= PORTLITE_BUILD
    assert f"{len(MANIFEST.shipped)} vendored files verified" in first.stderr
    assert ", 0 downloaded" in first.stderr

    # JupyterLite's own patches settle jupyter-lite.json's format once; none of
    # PortLite's build tasks runs again.
    assert not _ran(_build(site)) & PORTLITE_BUILD
    # Then nothing runs but what JupyterLite always runs (and its status reports).
    again = {task for task in _ran(_build(site)) if not task.startswith(("status:", "pre_status:"))}
    assert again <= ALWAYS_RUN, sorted(again)

    # A lost file: its copy runs; wheels, references and extension do not, nor the
    # offline manifest (it follows contents: the same bytes came back).
    coins = site / str(MANIFEST.file("skimage-coins.png").dest)
    coins.unlink()
    after_loss = _ran(_build(site))
    assert "build:portlite-vendor:files" in after_loss
    assert not after_loss & (PORTLITE_BUILD - {"build:portlite-vendor:files"}), sorted(after_loss)
    assert "post_build:portlite-offline:manifest" not in after_loss
    assert coins.is_file()
    # The same for opencv.js's loader, written with its wasm by a task of its own.
    loader = site / "static/portlite/opencv/opencv.js"
    loader.unlink()
    after_loss = _ran(_build(site))
    assert not after_loss & (PORTLITE_BUILD - {"build:portlite-vendor:opencv"}), sorted(after_loss)
    assert "build:portlite-vendor:opencv" in after_loss and loader.is_file()


@pytest.fixture
def a_cache_copy(tmp_path: Path, a_built_site: Path) -> Path:
    """A copy of the verified single-file cache (no archives) to spoil."""
    cache = tmp_path / "cache"
    shutil.copytree(DEFAULT_CACHE / "files", cache / "files")
    return cache


def test_a_tampered_cached_file_stops_the_build_and_ships_nothing(
    tmp_path: Path, a_cache_copy: Path
) -> None:
    numpy = next(f for f in MANIFEST.files if f.lock_package == "numpy")
    cached = a_cache_copy / "files" / numpy.sha256 / numpy.file_name
    spoiled = bytearray(cached.read_bytes())
    spoiled[1000] ^= 0xFF
    cached.write_bytes(bytes(spoiled))
    output = tmp_path / "site"

    result = _build(output, PORTLITE_CACHE=str(a_cache_copy))

    log = result.stdout + result.stderr
    assert result.returncode != 0
    assert str(cached) in log
    assert f"expected sha256:{numpy.sha256}" in log
    assert f"got sha256:{hashlib.sha256(spoiled).hexdigest()}" in log
    assert not (output / "static" / "pyodide").exists()


def test_a_truncated_cached_file_stops_the_build(tmp_path: Path, a_cache_copy: Path) -> None:
    opencv = MANIFEST.file("opencv.js")
    cached = a_cache_copy / "files" / opencv.sha256 / opencv.file_name
    cached.write_bytes(cached.read_bytes()[:1000])

    result = _build(tmp_path / "site", PORTLITE_CACHE=str(a_cache_copy))

    assert result.returncode != 0
    assert f"size 1000 bytes, pinned {opencv.size}" in result.stdout + result.stderr


def test_offline_with_an_empty_cache_names_every_source(tmp_path: Path) -> None:
    # A proxy on a closed port makes every download fail at once, as offline.
    closed = "http://127.0.0.1:9"
    result = _build(
        tmp_path / "site", PORTLITE_CACHE=str(tmp_path / "empty"),
        https_proxy=closed, http_proxy=closed, HTTPS_PROXY=closed, HTTP_PROXY=closed,
        no_proxy="", NO_PROXY="",
    )  # fmt: skip

    log = result.stdout + result.stderr
    assert result.returncode != 0
    assert "every source failed" in log
    first = MANIFEST.files[0]
    for source in first.sources:
        assert source.describe() in log
    archive = MANIFEST.archives[first.sources[0].archive or ""]
    assert f"npm pack {archive.npm}" in log
    assert not (tmp_path / "site" / "static" / "pyodide").exists()


def test_the_site_ships_only_the_allowed_labextensions(a_built_site: Path) -> None:
    from portlite_site.addon import ALLOWED_LABEXTENSIONS

    config = json.loads((a_built_site / "jupyter-lite.json").read_text())
    listed = {e["name"] for e in config["jupyter-config-data"]["federated_extensions"]}
    assert listed == ALLOWED_LABEXTENSIONS
    shipped = {
        json.loads(p.read_text())["name"]
        for p in [
            *(a_built_site / "extensions").glob("*/package.json"),
            *(a_built_site / "extensions").glob("@*/*/package.json"),
        ]
    }
    assert shipped == ALLOWED_LABEXTENSIONS


def test_every_page_runs_under_the_content_security_policy(a_built_site: Path) -> None:
    """No inline script is left in a page (the policy allows none), and _headers has it."""
    from portlite_site.headers import CONTENT_SECURITY_POLICY

    pages = [
        p
        for p in a_built_site.rglob("*.html")
        if p.relative_to(a_built_site).parts[0] not in ("files", "extensions", "static")
    ]
    assert len(pages) > 5
    for page in pages:
        assert "<script>" not in page.read_text(), page
    assert (
        f"Content-Security-Policy: {CONTENT_SECURITY_POLICY}"
        in (a_built_site / "_headers").read_text()
    )


def test_a_tampered_kernel_extension_cache_is_built_again(a_built_site: Path, tmp_path) -> None:
    from portlite_site.addon import EXTENSION_CACHE
    from portlite_site.kernel_extension import build_labextension

    cached = build_labextension(EXTENSION_CACHE)  # the build's own entry: no work
    copy = tmp_path / cached.name
    shutil.copytree(cached, copy)
    manifest = cached.with_name(cached.name + ".sha256.json")
    shutil.copy(manifest, tmp_path / manifest.name)
    said: list[str] = []
    assert build_labextension(tmp_path, log=said.append) == copy and said == []
    script = next((copy / "static").glob("*.js"))
    script.write_text(script.read_text() + "\nfetch('https://elsewhere.invalid/');\n")
    rebuilt = build_labextension(tmp_path, log=said.append)
    assert any("does not match its manifest" in line for line in said)
    assert "elsewhere.invalid" not in (rebuilt / "static" / script.name).read_text()
