"""The SIMD opencv.js build's pure parts: its cache key, its cache, its pin, its API check."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from portlite_site import opencv_build
from portlite_site.manifest import ManifestError, load_manifest
from portlite_site.opencv_build import (
    WIDER_WHITE_LIST,
    OpencvBuildError,
    _widen_white_list,
    api_differences,
    build_simd_opencv,
    emscripten_version,
    input_key,
)
from portlite_site.opencv_wasm import OPENCV_WASM
from portlite_site.vendor_cache import hash_file

SDIST_SHA = "ab" * 32


def test_the_cache_key_changes_with_every_input(monkeypatch: pytest.MonkeyPatch) -> None:
    key = input_key(SDIST_SHA, "3.1.6")
    assert key == input_key(SDIST_SHA, "3.1.6")
    assert key != input_key("cd" * 32, "3.1.6")
    assert key != input_key(SDIST_SHA, "3.1.7")
    monkeypatch.setattr(opencv_build, "BUILD_JS_FLAGS", ("--build_wasm", "--simd"))
    assert key != input_key(SDIST_SHA, "3.1.6")
    monkeypatch.undo()
    monkeypatch.setattr(opencv_build, "SOURCE_PATCHES", {})
    assert key != input_key(SDIST_SHA, "3.1.6")
    monkeypatch.undo()
    monkeypatch.setattr(opencv_build, "WIDER_WHITE_LIST", {})
    assert key != input_key(SDIST_SHA, "3.1.6")


def test_the_build_information_is_cleaned_of_what_differs_between_machines() -> None:
    status = opencv_build._hooks()["STATUS_DUMP_EXTRA.cmake"]
    for machine_specific in ("OpenCV_SOURCE_DIR", "CMAKE_BINARY_DIR", "CMAKE_HOST_SYSTEM_VERSION",
                             "PYTHON_DEFAULT_EXECUTABLE"):  # fmt: skip
        assert "${" + machine_specific + "}" in status


def _product(cache: Path, key: str, script: bytes, wasm: bytes) -> dict[str, str]:
    folder = cache / key
    folder.mkdir(parents=True)
    (folder / "opencv.js").write_bytes(script)
    (folder / OPENCV_WASM).write_bytes(wasm)
    return {name: hash_file(folder / name) for name in ("opencv.js", OPENCV_WASM)}


def test_a_cached_product_is_reused_and_checked_against_the_pin(tmp_path: Path) -> None:
    emscripten = emscripten_version()  # this machine's emcc: make system-deps installs it
    key = input_key(SDIST_SHA, emscripten)
    pinned = _product(tmp_path, key, b"var cv;", b"\0asm\1\0\0\0")
    sdist = tmp_path / "absent.tar.gz"  # never read: the product is cached
    found = build_simd_opencv(sdist, SDIST_SHA, emscripten, tmp_path, pinned, log=print)
    assert found == tmp_path / key
    assert sorted(p.name for p in tmp_path.iterdir()) == [key]  # nothing was built
    other = {**pinned, OPENCV_WASM: "0" * 64}
    with pytest.raises(OpencvBuildError, match="not the pinned build") as refused:
        build_simd_opencv(sdist, SDIST_SHA, emscripten, tmp_path, other, log=print)
    assert pinned[OPENCV_WASM] in str(refused.value) and "0" * 64 in str(refused.value)


def test_another_toolchain_version_is_refused_before_anything_runs(tmp_path: Path) -> None:
    with pytest.raises(OpencvBuildError, match="pinned to emscripten 0.0.1"):
        build_simd_opencv(tmp_path / "x.tar.gz", SDIST_SHA, "0.0.1", tmp_path, {}, log=print)
    assert not list(tmp_path.iterdir())


def test_api_differences_name_what_the_bridge_calls_and_the_builds_export_differently() -> None:
    functions = {"resize": (("resize", (), (), (), None, 0),),
                 "ORB_create": (("new ORB", (), (), (), None, 0),)}  # fmt: skip
    classes = {"ORB": ("ORB", "Feature2D", {"setMaxFeatures": (("setMaxFeatures",),)})}
    scalar = {"resize": [3, 4], "@class ORB": {"setMaxFeatures": [1], "new": [0, 1]},
              "then": [1]}  # fmt: skip
    assert api_differences(scalar, {**scalar, "then": None}, functions, classes) == []
    simd = {"resize": [3], "@class ORB": {"setMaxFeatures": [2]}}
    assert api_differences(scalar, simd, functions, classes) == [
        "resize: [3, 4] in the npm build, [3] in the SIMD build",
        "ORB.setMaxFeatures: [1] in the npm build, [2] in the SIMD build",
    ]
    assert api_differences(scalar, {"resize": [3, 4]}, functions, classes) == [
        "ORB: not in the SIMD build"
    ]


def test_the_manifest_pins_the_simd_build_and_refuses_a_malformed_pin(tmp_path: Path) -> None:
    from portlite_site import DEFAULT_MANIFEST

    pin = load_manifest(DEFAULT_MANIFEST).opencv_simd
    assert pin is not None and pin.archive == "opencv-python-headless"
    assert set(pin.sha256) == {"opencv.js", OPENCV_WASM}
    text = DEFAULT_MANIFEST.read_text(encoding="utf-8")
    broken = tmp_path / "vendor.toml"
    broken.write_text(text.replace('"opencv_js.wasm" = "', '"opencv_js.wasm" = "x'), "utf-8")
    with pytest.raises(ManifestError, match="opencv-simd.sha256.opencv_js.wasm"):
        load_manifest(broken)


def test_source_patches_apply_once_and_refuse_text_that_is_not_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    header = tmp_path / "modules/core/intrin.hpp"
    header.parent.mkdir(parents=True)
    header.write_text("a = round_up(x);\nb = 1;\n", encoding="utf-8")
    patches = {"modules/core/intrin.hpp": (("round_up(x)", "nearest(x)", "why"),)}
    monkeypatch.setattr(opencv_build, "SOURCE_PATCHES", patches)
    opencv_build._patch_sources(tmp_path)
    assert header.read_text(encoding="utf-8") == "a = nearest(x);\nb = 1;\n"
    with pytest.raises(OpencvBuildError, match="occurs 0 times, expected once"):
        opencv_build._patch_sources(tmp_path)  # already patched: another source tree


def test_every_patch_says_why_and_names_a_file_of_opencvs_tree() -> None:
    for name, patches in opencv_build.SOURCE_PATCHES.items():
        assert name.startswith("modules/") and name.endswith((".hpp", ".cpp", ".h"))
        for before, after, why in patches:
            assert before != after and len(why) > 40


def test_api_differences_take_what_only_the_simd_build_has_from_it_alone() -> None:
    functions = {"findFundamentalMat": (("findFundamentalMat", (), (), (), None, 0),
                                        ("findFundamentalMat1", (), (), (), None, 0)),
                 "SIFT_create": (("new SIFT", (), (), (), None, 0),)}  # fmt: skip
    classes = {"SIFT": ("SIFT", "Feature2D", {"getSigma": (("getSigma",),)})}
    simd = {"findFundamentalMat": [2, 3], "findFundamentalMat1": [4],
            "@class SIFT": {"getSigma": [0], "new": [0]}}  # fmt: skip
    only = {"findFundamentalMat": "findFundamentalMat", "SIFT_create": "SIFT", "SIFT": "SIFT"}
    assert api_differences({}, simd, functions, classes, only) == []
    assert api_differences({}, {**simd, "findFundamentalMat1": None}, functions, classes,
                           only) == ["findFundamentalMat1: None in the npm build, None in "
                                     "the SIMD build"]  # fmt: skip
    assert api_differences({}, {"findFundamentalMat": [2], "findFundamentalMat1": [4]},
                           functions, classes, only) == ["SIFT: not in the SIMD build"]  # fmt: skip
    assert api_differences({}, simd, functions, classes) != []  # without SIMD_ONLY


def test_the_wider_white_list_is_added_to_the_modules_own(tmp_path: Path) -> None:
    for module in WIDER_WHITE_LIST:
        folder = tmp_path / "modules" / module / "misc" / "js"
        folder.mkdir(parents=True)
        own = {"whitelist": {"": ["kept"], "Old": ["method"]}, "namespace_prefix_override": {}}
        (folder / "gen_dict.json").write_text(json.dumps(own))
    _widen_white_list(tmp_path)
    for module, classes in WIDER_WHITE_LIST.items():
        path = tmp_path / "modules" / module / "misc" / "js" / "gen_dict.json"
        widened = json.loads(path.read_text())
        assert widened["namespace_prefix_override"] == {}
        assert widened["whitelist"]["Old"] == ["method"]
        assert widened["whitelist"][""] == ["kept", *classes.get("", ())]
        for name, methods in classes.items():
            assert set(methods) <= set(widened["whitelist"][name])
