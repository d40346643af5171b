"""opencv.js built from OpenCV's pinned sources with WebAssembly SIMD.

The npm opencv.js is scalar. OpenCV's own ``platforms/js/build_js.py``
builds it with ``--simd`` (its universal intrinsics on wasm SIMD128) from
the sources in the pinned ``opencv-python-headless`` sdist, with Debian's
``emscripten`` package. One build takes about 13 minutes on two cores, so
:func:`build_simd_opencv` keeps each product in a cache folder named by a
hash of every input (the sdist's sha256, the toolchain's version, this
module's flags and hooks); a second site build copies it.

The product is reproducible: build paths are mapped out of the binary
(``-ffile-prefix-map``), and the build information that
``cv.getBuildInformation()`` returns leaves out the time, the host's kernel
version and the build's paths. Its sha256 is pinned in ``vendor.toml``
(``[opencv-simd]``) and checked after every build, so a build on a fresh
machine proves that the same inputs give the same files.

The white list of functions is the sources' own (each module's
``misc/js/gen_dict.json``, from which the npm build was made too), widened
by :data:`WIDER_WHITE_LIST`. What both builds export must be the same API
(the bridge calls either), checked after the build by :func:`api_differences`;
the bridge's table knows which names the SIMD build alone has.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from .opencv_wasm import OPENCV_WASM
from .vendor_cache import hash_file

__all__ = [
    "BUILD_JS_FLAGS",
    "SOURCE_PATCHES",
    "WIDER_WHITE_LIST",
    "OpencvBuildError",
    "api_differences",
    "build_simd_opencv",
    "emscripten_version",
    "input_key",
]

#: OpenCV's build_js.py options: wasm, SIMD128 intrinsics, the wasm as a file of its own.
BUILD_JS_FLAGS = ("--build_wasm", "--simd", "--disable_single_file")

#: CMake options beside build_js.py's own: no timestamp in the build information; and
#: stackSave/stackRestore on the module (link only), which the bridge's runner needs: a C++
#: exception unwinds wasm frames without restoring the stack pointer (4.5 KB lost per error
#: measured), so the runner restores it after each error.
CMAKE_OPTIONS = (
    "-DBUILD_INFO_SKIP_TIMESTAMP=ON",
    "-DEMSCRIPTEN_LINK_FLAGS=-s EXPORTED_RUNTIME_METHODS=stackSave,stackRestore",
)

#: What this build exports beyond the npm build's white list (the sources'
#: ``modules/<module>/misc/js/gen_dict.json``), by module and class (``""``: free
#: functions). Server pipelines call these (two-view geometry, chessboard calibration,
#: stereo, the photo module's filters, SIFT, line segments, SVD), and opencv.js builds
#: them as it builds its other names of those modules. The npm build lacks them, so in a
#: browser without wasm SIMD (which gets the npm build) they raise NotImplementedError.
WIDER_WHITE_LIST: dict[str, dict[str, tuple[str, ...]]] = {
    "core": {
        "": ("SVBackSubst", "SVDecomp", "batchDistance", "eigenNonSymmetric", "mulSpectrums",
             "solveLP"),
    },
    "imgproc": {
        "": (
            "HoughCirclesWithAccumulator", "HoughLinesPointSet",
            "HoughLinesWithAccumulator", "cornerEigenValsAndVecs", "createLineSegmentDetector",
            "cvtColorTwoPlane", "getClosestEllipsePoints", "goodFeaturesToTrackWithQuality",
            "integral3", "pyrMeanShiftFiltering", "thresholdWithMask",
        ),
        "LineSegmentDetector": ("compareSegments", "detect", "drawSegments"),
    },
    "calib3d": {
        "": (
            "RQDecomp3x3", "calibrateCameraRO", "calibrateCameraROExtended", "calibrateHandEye",
            "checkChessboard", "composeRT", "computeCorrespondEpilines", "correctMatches",
            "decomposeEssentialMat", "decomposeHomographyMat", "decomposeProjectionMatrix",
            "drawChessboardCorners", "estimateAffine3D", "estimateChessboardSharpness",
            "estimateTranslation3D", "filterHomographyDecompByVisibleRefpoints",
            "filterSpeckles", "find4QuadCornerSubpix", "findChessboardCorners",
            "findChessboardCornersSB", "findChessboardCornersSBWithMeta", "findEssentialMat",
            "findFundamentalMat", "getValidDisparityROI", "initCameraMatrix2D", "matMulDeriv",
            "recoverPose", "reprojectImageTo3D", "sampsonDistance", "solveP3P",
            "solvePnPGeneric", "solvePnPRefineVVS", "stereoCalibrate", "stereoCalibrateExtended",
            "stereoRectify", "stereoRectifyUncalibrated", "triangulatePoints",
            "validateDisparity", "fisheye_calibrate", "fisheye_distortPoints",
            "fisheye_estimateNewCameraMatrixForUndistortRectify", "fisheye_stereoCalibrate",
            "fisheye_stereoRectify", "fisheye_undistortImage", "fisheye_undistortPoints",
        ),
        "StereoMatcher": (
            "compute", "getBlockSize", "setBlockSize", "getDisp12MaxDiff", "setDisp12MaxDiff",
            "getMinDisparity", "setMinDisparity", "getNumDisparities", "setNumDisparities",
            "getSpeckleRange", "setSpeckleRange", "getSpeckleWindowSize",
            "setSpeckleWindowSize",
        ),
        "StereoBM": (
            "create", "getPreFilterCap", "setPreFilterCap", "getPreFilterSize",
            "setPreFilterSize", "getPreFilterType", "setPreFilterType", "getTextureThreshold",
            "setTextureThreshold", "getUniquenessRatio", "setUniquenessRatio",
        ),
        "StereoSGBM": (
            "create", "getMode", "setMode", "getP1", "setP1", "getP2", "setP2",
            "getPreFilterCap", "setPreFilterCap", "getUniquenessRatio", "setUniquenessRatio",
        ),
    },
    "photo": {
        "": (
            "colorChange", "decolor", "detailEnhance", "edgePreservingFilter",
            "fastNlMeansDenoising", "fastNlMeansDenoisingColored",
            "fastNlMeansDenoisingColoredMulti", "fastNlMeansDenoisingMulti",
            "illuminationChange", "pencilSketch", "seamlessClone", "stylization",
            "textureFlattening",
        ),
    },
    "features2d": {
        "SIFT": (
            "create", "getContrastThreshold", "setContrastThreshold", "getEdgeThreshold",
            "setEdgeThreshold", "getNFeatures", "setNFeatures", "getNOctaveLayers",
            "setNOctaveLayers", "getSigma", "setSigma", "getDefaultName",
        ),
    },
}  # fmt: skip

#: Corrections to OpenCV's sources, applied before the build: file (under the source
#: tree) -> (text, replacement, why). Each text must occur exactly once. The three
#: gather patches share a macro: the first defines V_WASM_LOAD, the last undefines it,
#: in the header's own order (bytes, 16-bit, 32-bit).
SOURCE_PATCHES: dict[str, tuple[tuple[str, str, str], ...]] = {
    "modules/core/include/opencv2/core/hal/intrin_wasm.hpp": (
        (
            "    v128_t h = wasm_f32x4_splat(0.5);\n"
            "    return v_int32x4(wasm_i32x4_trunc_saturate_f32x4(wasm_f32x4_add(a.val, h)));",
            "    return v_int32x4(wasm_i32x4_trunc_saturate_f32x4(wasm_f32x4_nearest(a.val)));",
            "v_round on wasm was trunc(x + 0.5): halves rounded up, not to even, and negative "
            "values one too high (-1.7 became -1). cvRound, SSE and AVX2 round to nearest even, "
            "as f32x4.nearest does: without this, resize, blur, addWeighted, multiply, "
            "convertScaleAbs and warpPolar differed from opencv-python by 1-8",
        ),
        (
            "inline v_int8x16 v_lut_pairs(const schar* tab, const int* idx)\n{\n"
            "    return v_int8x16(tab[idx[0]], tab[idx[0]+1], tab[idx[1]], tab[idx[1]+1], "
            "tab[idx[2]], tab[idx[2]+1], tab[idx[3]], tab[idx[3]+1],\n"
            "                     tab[idx[4]], tab[idx[4]+1], tab[idx[5]], tab[idx[5]+1], "
            "tab[idx[6]], tab[idx[6]+1], tab[idx[7]], tab[idx[7]+1]);\n}\n"
            "inline v_int8x16 v_lut_quads(const schar* tab, const int* idx)\n{\n"
            "    return v_int8x16(tab[idx[0]], tab[idx[0]+1], tab[idx[0]+2], tab[idx[0]+3], "
            "tab[idx[1]], tab[idx[1]+1], tab[idx[1]+2], tab[idx[1]+3],\n"
            "                     tab[idx[2]], tab[idx[2]+1], tab[idx[2]+2], tab[idx[2]+3], "
            "tab[idx[3]], tab[idx[3]+1], tab[idx[3]+2], tab[idx[3]+3]);\n}\n",
            "template<typename T> inline T v_wasm_load_unaligned(const void* ptr)\n"
            "{ T value; std::memcpy(&value, ptr, sizeof(T)); return value; }\n"
            "#define V_WASM_LOAD(T, i) v_wasm_load_unaligned<T>(tab + idx[i])\n"
            "inline v_int8x16 v_lut_pairs(const schar* tab, const int* idx)\n{\n"
            "    return v_int8x16(wasm_i16x8_make(V_WASM_LOAD(short, 0), V_WASM_LOAD(short, 1), "
            "V_WASM_LOAD(short, 2), V_WASM_LOAD(short, 3), V_WASM_LOAD(short, 4), "
            "V_WASM_LOAD(short, 5), V_WASM_LOAD(short, 6), V_WASM_LOAD(short, 7)));\n}\n"
            "inline v_int8x16 v_lut_quads(const schar* tab, const int* idx)\n{\n"
            "    return v_int8x16(wasm_i32x4_make(V_WASM_LOAD(int, 0), V_WASM_LOAD(int, 1), "
            "V_WASM_LOAD(int, 2), V_WASM_LOAD(int, 3)));\n}\n",
            "v_lut_pairs and v_lut_quads of bytes built their vector one byte at a time (16 "
            "loads, 16 stores and a reload); SSE loads each pair or quad at once, and so does "
            "this (8 or 4 loads). pyrDown of a 3-channel image gathers five quads per 12 pixels: "
            "it was 1.3-1.6x slower than the scalar build, and is 0.64-0.67x with this",
        ),
        (
            "inline v_int16x8 v_lut_pairs(const short* tab, const int* idx)\n{\n"
            "    return v_int16x8(tab[idx[0]], tab[idx[0]+1], tab[idx[1]], tab[idx[1]+1],\n"
            "                     tab[idx[2]], tab[idx[2]+1], tab[idx[3]], tab[idx[3]+1]);\n}\n"
            "inline v_int16x8 v_lut_quads(const short* tab, const int* idx)\n{\n"
            "    return v_int16x8(tab[idx[0]], tab[idx[0]+1], tab[idx[0]+2], tab[idx[0]+3],\n"
            "                     tab[idx[1]], tab[idx[1]+1], tab[idx[1]+2], tab[idx[1]+3]);\n}\n",
            "inline v_int16x8 v_lut_pairs(const short* tab, const int* idx)\n{\n"
            "    return v_int16x8(wasm_i32x4_make(V_WASM_LOAD(int, 0), V_WASM_LOAD(int, 1), "
            "V_WASM_LOAD(int, 2), V_WASM_LOAD(int, 3)));\n}\n"
            "inline v_int16x8 v_lut_quads(const short* tab, const int* idx)\n{\n"
            "    return v_int16x8(wasm_i64x2_make(V_WASM_LOAD(int64_t, 0), "
            "V_WASM_LOAD(int64_t, 1)));\n}\n",
            "the same for pairs and quads of 16-bit values (4 or 2 loads instead of 8)",
        ),
        (
            "inline v_int32x4 v_lut_pairs(const int* tab, const int* idx)\n{\n"
            "    return v_int32x4(tab[idx[0]], tab[idx[0]+1],\n"
            "                     tab[idx[1]], tab[idx[1]+1]);\n}\n",
            "inline v_int32x4 v_lut_pairs(const int* tab, const int* idx)\n{\n"
            "    return v_int32x4(wasm_i64x2_make(V_WASM_LOAD(int64_t, 0), "
            "V_WASM_LOAD(int64_t, 1)));\n}\n"
            "#undef V_WASM_LOAD\n",
            "the same for pairs of 32-bit values (2 loads instead of 4)",
        ),
        (
            "inline int v_signmask(const _Tpvec& a) \\\n"
            "{ \\\n"
            "    _Tpvec::lane_type a_[_Tpvec::nlanes]; \\\n"
            "    wasm_v128_store(a_, a.val); \\\n"
            "    int mask = 0; \\\n"
            "    for (int i = 0; i < _Tpvec::nlanes; i++) \\\n"
            "        mask |= (reinterpret_int(a_[i]) < 0) << i; \\\n"
            "    return mask; \\\n"
            "} \\\n",
            "inline int v_signmask(const _Tpvec& a) \\\n"
            "{ return (int)OPENCV_HAL_WASM_BITMASK_##suffix(a.val); } \\\n",
            "v_signmask (and v_scan_forward, which finds the first set lane with it) stored the "
            "vector and tested each lane in a loop of up to 16; wasm SIMD has one instruction "
            "for it (bitmask), as SSE has movemask. The edge scans of HoughCircles, Canny, "
            "findContours and FAST use it. The macros naming each lane width's bitmask come "
            "with the next patch",
        ),
        (
            "#define OPENCV_HAL_IMPL_WASM_CHECK_SIGNS(_Tpvec, suffix, scalarType) \\\n",
            "#define OPENCV_HAL_WASM_BITMASK_i8x16 wasm_i8x16_bitmask\n"
            "#define OPENCV_HAL_WASM_BITMASK_i16x8 wasm_i16x8_bitmask\n"
            "#define OPENCV_HAL_WASM_BITMASK_i32x4 wasm_i32x4_bitmask\n"
            "#define OPENCV_HAL_WASM_BITMASK_f64x2 wasm_i64x2_bitmask\n"
            "#define OPENCV_HAL_IMPL_WASM_CHECK_SIGNS(_Tpvec, suffix, scalarType) \\\n",
            "the bitmask instruction of each lane width the sign checks are made for (a "
            "double's sign is its 64-bit lane's top bit)",
        ),
    ),
    "modules/imgproc/src/color_rgb.simd.hpp": (
        (
            "        for(; i <= n-vsize;\n"
            "            i += vsize, src += vsize*scn, dst += vsize*dcn)\n"
            "        {\n"
            "            vt a, b, c, d;\n",
            "        for(; (scn == 4 || dcn == 4) && i <= n-vsize;\n"
            "            i += vsize, src += vsize*scn, dst += vsize*dcn)\n"
            "        {\n"
            "            vt a, b, c, d;\n",
            "RGB2RGB from 3 channels to 3 (cvtColor BGR2RGB, RGB2BGR) takes its scalar loop: on "
            "wasm, deinterleaving and interleaving 3 channels take six two-input byte shuffles "
            "each, and the vector loop was 1.27-1.39x slower than the scalar build (0.90x with "
            "this)",
        ),
    ),
}

#: Emscripten's Debian package needs Debian's node modules (acorn) on Node's path.
_ENV = {"NODE_PATH": "/usr/share/nodejs", "EMSCRIPTEN": "/usr/share/emscripten"}
#: Where the sdist keeps OpenCV's sources.
_SOURCES_IN_SDIST = "opencv"
#: A CMake hook that runs just before OpenCV writes its build information (compiled into
#: the wasm): it drops what differs between machines.
_STATUS_HOOK = """\
# PortLite: what differs between machines stays out of the build information (and so
# out of the binary): the build's paths, the host's kernel version, Python's path.
foreach(machine_specific "${OpenCV_SOURCE_DIR}" "${CMAKE_BINARY_DIR}" \
        "${CMAKE_HOST_SYSTEM_VERSION}" "${PYTHON_DEFAULT_EXECUTABLE}")
  string(REPLACE "${machine_specific}" "." OPENCV_BUILD_INFO_STR "${OPENCV_BUILD_INFO_STR}")
endforeach()
set(OPENCV_BUILD_INFO_STR "${OPENCV_BUILD_INFO_STR}" CACHE INTERNAL "")
"""


class OpencvBuildError(RuntimeError):
    """The SIMD build cannot run here, failed, or made something other than the pin."""


def emscripten_version() -> str:
    """The version ``emcc --version`` reports, e.g. ``3.1.6``.

    Raises
    ------
    OpencvBuildError
        If ``emcc`` is missing, naming the package and the setting that avoids it.
    """
    try:
        shown = subprocess.run(
            ["emcc", "--version"], capture_output=True, text=True, check=True, timeout=120,
            env={**os.environ, **_ENV},
        ).stdout  # fmt: skip
    except (OSError, subprocess.CalledProcessError) as err:
        raise OpencvBuildError(
            f"the SIMD opencv.js build needs emscripten's emcc ({err}): install Debian's "
            "'emscripten' package (make system-deps does), or build with the npm opencv.js: "
            "PORTLITE_OPENCV_BUILD=npm"
        ) from None
    found = re.search(r"\b(\d+\.\d+\.\d+)\b", shown)
    if not found:
        raise OpencvBuildError(f"emcc --version printed no version: {shown[:200]!r}")
    return found.group(1)


def _hooks() -> dict[str, str]:
    """The CMake hook files (OpenCV's ``OPENCV_CMAKE_HOOKS_DIR``), by file name."""
    return {"STATUS_DUMP_EXTRA.cmake": _STATUS_HOOK}


def input_key(sdist_sha256: str, emscripten: str) -> str:
    """A hash of everything the build's product depends on (names its cache folder)."""
    inputs = {
        "sdist": sdist_sha256,
        "emscripten": emscripten,
        "flags": BUILD_JS_FLAGS,
        "cmake": CMAKE_OPTIONS,
        "hooks": _hooks(),
        "patches": SOURCE_PATCHES,
        "wider": WIDER_WHITE_LIST,
    }
    return hashlib.sha256(json.dumps(inputs, sort_keys=True).encode()).hexdigest()[:24]


def _extract_sources(sdist: Path, dest: Path) -> Path:
    """OpenCV's source tree out of the sdist, into ``dest``; refuses members outside it."""
    with tarfile.open(sdist) as tar:
        members = []
        for member in tar.getmembers():
            parts = Path(member.name).parts
            if len(parts) > 1 and parts[1] == _SOURCES_IN_SDIST:
                members.append(member)
        tar.extractall(dest, members=members, filter="data")
    roots = sorted(dest.glob(f"*/{_SOURCES_IN_SDIST}"))
    if len(roots) != 1 or not (roots[0] / "platforms" / "js" / "build_js.py").is_file():
        raise OpencvBuildError(f"{sdist.name} holds no OpenCV source tree with platforms/js")
    return roots[0]


def _patch_sources(sources: Path) -> None:
    """Apply :data:`SOURCE_PATCHES` to the extracted source tree."""
    for name, patches in SOURCE_PATCHES.items():
        path = sources / name
        text = path.read_text(encoding="utf-8")
        for before, after, _why in patches:
            if text.count(before) != 1:
                raise OpencvBuildError(
                    f"{name}: a patch's text occurs {text.count(before)} times, expected once "
                    "(another OpenCV version: look at the patch again)"
                )
            text = text.replace(before, after)
        path.write_text(text, encoding="utf-8")


def _widen_white_list(sources: Path) -> None:
    """Add :data:`WIDER_WHITE_LIST` to the modules' white lists in the source tree."""
    for module, classes in WIDER_WHITE_LIST.items():
        path = sources / "modules" / module / "misc" / "js" / "gen_dict.json"
        gen_dict = json.loads(path.read_text(encoding="utf-8"))
        white_list = gen_dict["whitelist"]
        for name, methods in classes.items():
            white_list[name] = [*white_list.get(name, []), *methods]
        path.write_text(json.dumps(gen_dict, indent=4) + "\n", encoding="utf-8")


def _run_build(sources: Path, build: Path, hooks: Path, log: Callable[[str], None]) -> None:
    """Run build_js.py, reporting its progress (CMake's percentages) through ``log``."""
    flags = f"-ffile-prefix-map={sources}=opencv -ffile-prefix-map={build}=build"
    command = [
        sys.executable, str(sources / "platforms" / "js" / "build_js.py"), str(build),
        *BUILD_JS_FLAGS, "--emscripten_dir", _ENV["EMSCRIPTEN"], f"--build_flags={flags}",
        *(f"--cmake_option={option}" for option in CMAKE_OPTIONS),
        f"--cmake_option=-DOPENCV_CMAKE_HOOKS_DIR={hooks}",
    ]  # fmt: skip
    env = {**os.environ, **_ENV, "SOURCE_DATE_EPOCH": "0"}
    tail: list[str] = []
    shown = -10
    with subprocess.Popen(
        command, cwd=build, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    ) as process:
        assert process.stdout is not None
        for line in process.stdout:
            tail = [*tail[-40:], line.rstrip()]
            progress = re.match(r"\[\s*(\d+)%\]", line)
            if progress and int(progress.group(1)) >= shown + 10:
                shown = int(progress.group(1))
                log(f"[portlite] building opencv.js with SIMD: {shown}%")
    if process.returncode:
        last = "\n".join(tail)
        raise OpencvBuildError(
            f"OpenCV's build_js.py failed (exit {process.returncode}); its last lines:\n{last}"
        )


def build_simd_opencv(
    sdist: Path,
    sdist_sha256: str,
    emscripten: str,
    cache: Path,
    pinned: dict[str, str],
    log: Callable[[str], None] = print,
) -> Path:
    """The folder holding the SIMD ``opencv.js`` and its wasm: from ``cache``, or built.

    Parameters
    ----------
    sdist : pathlib.Path
        The ``opencv-python-headless`` sdist, already checked against ``sdist_sha256``.
    sdist_sha256 : str
        Its pinned sha256 (part of the cache key).
    emscripten : str
        The pinned toolchain version; ``emcc`` must report it.
    cache : pathlib.Path
        Where products are kept, one folder per :func:`input_key`.
    pinned : dict
        The product's pinned sha256 by file name (``opencv.js``, :data:`OPENCV_WASM`).
    log : callable
        Receives progress lines (a build takes minutes).

    Raises
    ------
    OpencvBuildError
        If emscripten is missing, the build fails, or its files are not the pinned ones.
    """
    found = emscripten_version()
    if found != emscripten:
        raise OpencvBuildError(
            f"the SIMD opencv.js is pinned to emscripten {emscripten}, this machine's emcc is "
            f"{found}: install Debian 12's 'emscripten' package, or build with "
            "PORTLITE_OPENCV_BUILD=npm"
        )
    key = input_key(sdist_sha256, emscripten)
    product = cache / key
    if not product.is_dir():
        log(f"[portlite] building opencv.js with SIMD from {sdist.name} (about 13 minutes "
            f"on two cores, once per machine: kept in {product})")  # fmt: skip
        cache.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=cache, prefix="work-") as scratch:
            work = Path(scratch)
            sources = _extract_sources(sdist, work / "src")
            _patch_sources(sources)
            _widen_white_list(sources)
            hooks = work / "hooks"
            hooks.mkdir()
            for name, text in _hooks().items():
                (hooks / name).write_text(text, encoding="utf-8")
            build = work / "build"
            build.mkdir()
            _run_build(sources, build, hooks, log)
            made = work / "product"
            made.mkdir()
            for name in ("opencv.js", OPENCV_WASM):
                shutil.copyfile(build / "bin" / name, made / name)
            made.replace(product)  # whole or not at all: a reader never sees half a product
    _check_pin(product, pinned)
    return product


def _check_pin(product: Path, pinned: dict[str, str]) -> None:
    made = {name: hash_file(product / name) for name in ("opencv.js", OPENCV_WASM)}
    if made != pinned:
        raise OpencvBuildError(
            f"the SIMD opencv.js in {product} is not the pinned build: it has {made}, "
            f"vendor.toml's [opencv-simd] pins {pinned}. The same inputs should give the same "
            "files: a different toolchain build, or a change to portlite_site.opencv_build "
            "(then pin the new sha256s after checking the build)"
        )


def api_differences(
    scalar: dict[str, Any],
    simd: dict[str, Any],
    functions: dict[str, Any],
    classes: dict[str, Any],
    simd_only: Mapping[str, str] | None = None,
) -> list[str]:
    """What the bridge's table calls that the two builds export differently.

    ``scalar`` and ``simd`` are export listings (:func:`.cv2_bindings.opencv_js_exports`);
    ``functions``, ``classes`` and ``simd_only`` the table's ``FUNCTIONS``, ``CLASSES``
    and ``SIMD_ONLY`` (what only the SIMD build must export: every overload of those
    functions, and those classes). Each difference names the function, or the class and
    method, and both listings' entries (the argument counts embind resolves overloads by).
    """
    simd_only = simd_only or {}
    names: set[str] = set()
    only = set(simd_only.values())
    for python, overloads in functions.items():
        for overload in overloads:
            js = overload[0]
            names.add("@class " + js.split()[1] if js.startswith("new ") else js)
            if python in simd_only:
                only.add(js.removeprefix("new "))
    differences = [
        f"{name}: {scalar.get(name)} in the npm build, {simd.get(name)} in the SIMD build"
        for name in sorted(names)
        if not name.startswith("@class ")
        and (scalar.get(name) != simd.get(name) if name not in only else simd.get(name) is None)
    ]
    for js_class, _base, methods in (entry[:3] for entry in classes.values()):
        key = "@class " + js_class
        mine, theirs = scalar.get(key, {}), simd.get(key, {})
        if key not in simd:
            differences.append(f"{js_class}: not in the SIMD build")
            continue
        if js_class in only:
            continue  # the npm build lacks it: the bridge says so where that build runs
        for method in sorted({overload[0] for group in methods.values() for overload in group}):
            if mine.get(method) != theirs.get(method):
                differences.append(
                    f"{js_class}.{method}: {mine.get(method)} in the npm build, "
                    f"{theirs.get(method)} in the SIMD build"
                )
    return differences
