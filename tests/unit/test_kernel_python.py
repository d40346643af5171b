"""The kernel's Python environment helpers, on CPython: provided packages, imports, hints."""

from __future__ import annotations

import importlib.machinery
import importlib.metadata
import sys
from pathlib import Path

import pytest
from portlite import autoload, hints, provided

from portlite_site import DEFAULT_MANIFEST
from portlite_site.manifest import load_manifest


def test_the_provided_versions_follow_the_vendored_runtimes() -> None:
    archives = load_manifest(DEFAULT_MANIFEST).archives
    assert archives["opencv-js"].version.split("-")[0] == provided.OPENCV_VERSION
    assert archives["onnxruntime-web"].version == provided.ONNXRUNTIME_VERSION


def test_written_metadata_is_what_importlib_metadata_reads(tmp_path: Path) -> None:
    provided.write_metadata(tmp_path)
    provided.write_metadata(tmp_path)  # a second call (a restart's preload) changes nothing
    found = {
        dist.metadata["Name"]: dist.version
        for dist in importlib.metadata.distributions(path=[str(tmp_path)])
    }
    assert found == {name: version for name, (version, _) in provided.PROVIDED.items()}
    assert found["opencv-python-headless"].startswith("4.12.0.")
    assert found["onnxruntime"] == "1.30.0"


def test_requirements_split_by_name_whatever_the_spelling() -> None:
    given = ["OpenCV_Python-Headless>=4", "onnxruntime==1.30.0", "numpy", "emfs:./onnxruntime.whl"]
    assert provided.split_requirements(given) == (given[:2], given[2:])


def _complete(coroutine):
    """Run a coroutine that never suspends (no event loop: the browser tests hold one)."""
    try:
        coroutine.send(None)
    except StopIteration as finished:
        return finished.value
    raise AssertionError("the coroutine suspended")


def test_pip_install_reports_what_is_provided_and_installs_the_rest(capsys) -> None:
    calls = []

    async def install(requirements, *args, **kwargs):
        calls.append((requirements, args, kwargs))
        return "done"

    result = _complete(provided.pip_install(install, ["opencv-python", "tqdm"], keep_going=True))
    assert (result, calls) == ("done", [(["tqdm"], (), {"keep_going": True})])
    out = capsys.readouterr().out
    assert out.startswith("opencv-python: already satisfied, provided by PortLite")
    _complete(provided.pip_install(install, "onnxruntime"))
    assert len(calls) == 1  # nothing left to install: piplite is not called


@pytest.mark.parametrize(
    ("command", "hint"),
    [
        ("pip install opencv-python", "%pip install opencv-python"),
        ("pip3 install -r requirements.txt", "%pip install -r requirements.txt"),
        ("python -m pip install onnxruntime", "%pip install onnxruntime"),
        ("ls -la", None),
    ],
)
def test_shell_pip_points_to_the_magic(command: str, hint: str | None) -> None:
    said = provided.pip_hint(command)
    assert said.endswith(hint) if hint else said is None, said


def test_the_finder_loads_a_shipped_package_once_then_finds_it(tmp_path: Path, monkeypatch) -> None:
    loaded = []

    def load(package: str) -> None:
        loaded.append(package)
        (tmp_path / "shipped_pkg_xyz").mkdir()
        (tmp_path / "shipped_pkg_xyz" / "__init__.py").write_text("VALUE = 42\n")

    monkeypatch.syspath_prepend(str(tmp_path))
    finder = autoload.ShippedPackageFinder({"shipped_pkg_xyz": "shipped-pkg"}, load)
    monkeypatch.setattr(sys, "meta_path", [*sys.meta_path, finder])
    module = __import__("importlib").import_module("shipped_pkg_xyz")
    assert (module.VALUE, loaded) == (42, ["shipped-pkg"])
    assert finder.find_spec("shipped_pkg_xyz", None) is None  # loaded once, never again
    assert finder.find_spec("shipped_pkg_xyz.sub", ["x"]) is None
    monkeypatch.delitem(sys.modules, "shipped_pkg_xyz")


def test_the_finder_leaves_unknown_names_alone_and_says_why_a_load_failed() -> None:
    def load(package: str) -> None:
        raise ImportError(f"{package} has compiled code")

    finder = autoload.ShippedPackageFinder({"PIL": "pillow"}, load)
    assert finder.find_spec("not_shipped_anywhere", None) is None
    assert finder.shipped() == ["PIL"]
    with pytest.raises(ImportError, match="pillow has compiled code"):
        finder.find_spec("PIL", None)
    assert finder.find_spec("PIL", None) is None  # tried once, not on every import


def test_a_module_written_after_a_lookup_is_found_by_the_finder(
    tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.syspath_prepend(str(tmp_path))
    finder = autoload.ShippedPackageFinder({}, lambda package: None, stale_roots=(str(tmp_path),))
    assert importlib.machinery.PathFinder.find_spec("uploaded_helper_xyz") is None
    (tmp_path / "uploaded_helper_xyz.py").write_text("X = 1\n")  # same second: stale cache
    spec = finder.find_spec("uploaded_helper_xyz", None)
    assert spec is not None and spec.origin == str(tmp_path / "uploaded_helper_xyz.py")


def test_the_missing_file_hint_names_the_folder_uploads_and_the_exact_call() -> None:
    hint = hints.missing_file_hint("static/portlite/models/det.onnx", cwd="/drive/work")
    assert "/drive/work" in hint and "Upload" in hint and "/portlite/models" in hint
    assert 'path = portlite.models.fetch("static/portlite/models/det.onnx")' in hint
    assert 'await portlite.models.fetch_async("static/portlite/models/det.onnx")' in hint
    assert 'fetch("data/x.png")' in hints.missing_file_hint("./data/x.png", cwd="/drive")


def test_the_missing_module_hint_lists_what_the_site_ships() -> None:
    hint = hints.missing_module_hint("scipy.ndimage", ["PIL", "numpy"])
    assert "'scipy'" in hint and "PIL, numpy" in hint and hint.endswith("%pip install scipy")
