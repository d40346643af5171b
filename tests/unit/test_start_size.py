"""The first-visit size: the files a kernel start fetches, summed part by part."""

from __future__ import annotations

from pathlib import Path

import pytest

from portlite_site.landing import first_visit_text
from portlite_site.start_size import (
    ONNXRUNTIME_LOADER,
    PAGE_CODE_BYTES,
    PYODIDE_CORE,
    start_size,
)


def _write(path: Path, size: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"x" * size)


def _site(tmp_path: Path) -> tuple[Path, dict]:
    pyodide = tmp_path / "pyodide"
    for index, name in enumerate(PYODIDE_CORE):
        _write(pyodide / name, 100 + index)
    lock = {"packages": {}}
    for name, depends, size in [("root", ["dep"], 1000), ("dep", [], 200), ("unused", [], 7),
                                ("later", ["dep", "extra"], 30), ("extra", [], 4)]:  # fmt: skip
        _write(pyodide / f"{name}.whl", size)
        lock["packages"][name] = {"file_name": f"{name}.whl", "depends": depends}
    _write(tmp_path / "opencv.js", 5000)
    ort = tmp_path / "ort"
    for name, size in [("ort.wasm.min.js", 50), ("ort-wasm-simd-threaded.mjs", 20),
                       ("ort-wasm-simd-threaded.wasm", 9000)]:  # fmt: skip
        _write(ort / name, size)
    return pyodide, lock


def test_a_start_counts_its_packages_with_their_dependencies_and_no_others(tmp_path) -> None:
    pyodide, lock = _site(tmp_path)
    size = start_size(pyodide, lock, ("root",), tmp_path / "opencv.js", tmp_path / "ort")
    assert size.parts == {
        "Pyodide": sum(100 + i for i in range(len(PYODIDE_CORE))),
        "packages": 1200,
        "opencv.js": 5000,
        "onnxruntime-web": 50,
    }
    assert size.first_session == 9020
    assert size.first_visit == PAGE_CODE_BYTES + sum(size.parts.values())
    assert size.after_start == 0


def test_deferred_packages_count_after_the_start_without_what_the_start_loaded(tmp_path) -> None:
    pyodide, lock = _site(tmp_path)
    size = start_size(
        pyodide, lock, ("root",), tmp_path / "opencv.js", tmp_path / "ort", ("later",)
    )
    assert size.parts["packages"] == 1200  # the start alone
    assert size.after_start == 34  # "later" and "extra", not "dep", which the start loaded


def test_a_missing_file_stops_the_build(tmp_path) -> None:
    pyodide, lock = _site(tmp_path)
    (pyodide / "dep.whl").unlink()
    with pytest.raises(FileNotFoundError, match="dep.whl"):
        start_size(pyodide, lock, ("root",), tmp_path / "opencv.js", tmp_path / "ort")


def test_the_landing_page_states_the_sum_and_each_part(tmp_path) -> None:
    pyodide, lock = _site(tmp_path)
    size = start_size(pyodide, lock, ("root",), tmp_path / "opencv.js", tmp_path / "ort")
    text = first_visit_text(size)
    assert text.startswith(f"the first run downloads about {size.first_visit / 1e6:.0f} MB")
    assert "packages 0.0 MB" in text and "then 0.0 MB in the background" in text
    assert "and 0.0 MB more for onnxruntime-web's engine" in text


def test_the_loader_counted_is_the_one_the_kernel_loads() -> None:
    from portlite.onnxruntime import _web

    assert (_web.LOADER_SCRIPT,) == ONNXRUNTIME_LOADER


def test_opencv_js_counts_its_wasm_when_it_loads_one_from_beside_it(tmp_path) -> None:
    pyodide, lock = _site(tmp_path)
    _write(tmp_path / "opencv_js.wasm", 700)
    size = start_size(pyodide, lock, ("root",), tmp_path / "opencv.js", tmp_path / "ort")
    assert size.parts["opencv.js"] == 5700
