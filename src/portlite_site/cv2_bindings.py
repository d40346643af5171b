"""Generate ``portlite/cv2/_table.py``: every cv2 function opencv.js can run, declared.

opencv-python and opencv.js are both generated from OpenCV's C++ headers,
read by OpenCV's own header parser (``modules/python/src2/hdr_parser.py``).
This module reads the same headers of the pinned OpenCV release (the
``opencv-python-headless`` source tarball pinned in ``vendor.toml``, parsed
by that tarball's parser; nothing of it is copied into the repository) and
intersects them with what the vendored opencv.js exports (listed by running
it in Node). For each function it writes one table entry: the C++ arguments
in order with their kind, role (input, output, in-place) and default, the
opencv-python argument order (derived as opencv-python's generator derives
it, then checked against the installed opencv-python's own docstrings) and
what comes back. The in-kernel marshaller (``portlite/cv2/_marshal.py``)
executes the entries; ``docs/cv2-coverage.md`` lists every opencv-python
function as bridged or not.

Run ``python -m portlite_site.cv2_bindings`` to regenerate;
``--check`` fails when the committed files differ from a fresh generation.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import json
import keyword
import math
import pprint
import re
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
TABLE = REPO / "kernel_ext/py/portlite/cv2/_table.py"
COVERAGE = REPO / "docs/cv2-coverage.md"
SOURCES_ARCHIVE = "opencv-python-headless"
OPENCV_JS_FILE = "opencv.js"

#: The OpenCV modules opencv.js is built from (opencv_js.config.py's list).
MODULES = ("core", "imgproc", "features2d", "objdetect", "dnn", "calib3d", "video", "photo")

#: What the header parser must assume of the preprocessor (OpenCV 4, its ABI).
PREPROCESSOR = {"CV_VERSION_MAJOR": 4, "OPENCV_ABI_COMPATIBILITY": 400, "CV_ENABLE_UNROLLED": 1}

#: C++ argument types the marshaller passes, by kind.
NUMBERS = {"int", "double", "float", "bool", "size_t", "int64", "int64_t", "uchar"}
STRINGS = {"String", "string", "c_string"}
VALUES = {"Size", "Size2f", "Point", "Point2f", "Point2d", "Rect", "Rect2f", "Rect2d",
          "RotatedRect", "Scalar", "TermCriteria", "Range"}  # fmt: skip
VECTORS = {"vector_int": "IntVector", "vector_float": "FloatVector",
           "vector_double": "DoubleVector", "vector_char": "CharVector",
           "vector_uchar": "CharVector", "vector_Rect": "RectVector",
           "vector_Point": "PointVector", "vector_Point2f": "Point2fVector",
           "vector_String": "StringVector", "vector_string": "StringVector",
           "vector_KeyPoint": "KeyPointVector", "vector_DMatch": "DMatchVector",
           "vector_vector_DMatch": "DMatchVectorVector"}  # fmt: skip
#: Vector kinds the marshaller takes back from opencv.js but cannot hand to it.
OUTPUT_VECTORS = {"vector_vector_Point": "PointVectorVector"}
MATS = {"Mat", "vector_Mat"}
#: Return types the marshaller converts (besides numbers, strings and values).
RETURNS = {"void", "Mat", "Moments"}


@dataclass
class Overload:
    """One C++ overload of a cv2 function, as the table stores it."""

    js: str
    args: list[tuple[str, str, str, Any]]  # (name, kind, role, default)
    python_order: list[int]
    returns: list[str]
    retval: str
    signature: str
    #: The fewest arguments to hand opencv.js: a constructor's overloads share one
    #: ``new X``, which embind tells apart by argument count alone.
    fewest: int = 0

    def entry(self) -> tuple[Any, ...]:
        return (self.js, tuple(tuple(a) for a in self.args), tuple(self.python_order),
                tuple(self.returns), self.retval, self.fewest)  # fmt: skip

    def counts(self) -> range:
        """The argument counts opencv.js may receive for this overload."""
        required = sum(1 for a in self.args if a[3] == "@required")
        return range(max(required, self.fewest), len(self.args) + 1)


def fit_counts(overload: Overload, counts: list[int]) -> None:
    """Raise a ``new X`` overload's ``fewest`` to the fewest arguments X's constructor takes.

    embind's constructors have no defaults: ``new aruco_RefineParameters()``
    fails where C++'s ``RefineParameters()`` fills in ``(10, 3, true)``.
    """
    required = sum(1 for a in overload.args if a[3] == "@required")
    usable = [n for n in counts if required <= n <= len(overload.args)]
    if usable:
        overload.fewest = max(overload.fewest, min(usable))


def separate_counts(overloads: list[Overload]) -> list[Overload]:
    """Overloads of one ``new X`` whose counts no earlier one takes (raising ``fewest``).

    embind picks a constructor by argument count, so a later overload must be
    handed more arguments than any earlier one takes at that count; one that
    cannot be is dropped (opencv.js cannot reach it).
    """
    kept: list[Overload] = []
    for overload in overloads:
        taken = {n for earlier in kept for n in earlier.counts()}
        free = [n for n in overload.counts() if n not in taken]
        if not free:
            continue
        overload.fewest = free[0]
        if set(range(free[0], len(overload.args) + 1)) & taken:
            continue  # its counts interleave with an earlier overload's
        kept.append(overload)
    return kept


@dataclass
class BridgedClass:
    """A class both opencv.js and opencv-python have, as the table stores it."""

    js: str
    base: str | None
    methods: dict[str, list[Overload]] = field(default_factory=dict)
    statics: dict[str, list[Overload]] = field(default_factory=dict)
    constructors: list[Overload] = field(default_factory=list)
    #: A struct's fields opencv.js binds as properties: ``{name: kind}``.
    properties: dict[str, str] = field(default_factory=dict)

    def entry(self) -> tuple[Any, ...]:
        def table(group: dict[str, list[Overload]]) -> dict[str, Any]:
            return {name: tuple(o.entry() for o in found) for name, found in sorted(group.items())}

        return (self.js, self.base, table(self.methods), table(self.statics),
                tuple(o.entry() for o in self.constructors),
                dict(sorted(self.properties.items())))  # fmt: skip


@dataclass
class Report:
    """What the generator found: bridged names and why others are not."""

    bridged: dict[str, list[Overload]] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)
    classes: dict[str, BridgedClass] = field(default_factory=dict)
    #: Functions that may write into the Mat the bridge keeps for outputs.
    kept_output: set[str] = field(default_factory=set)
    #: What only the SIMD build exports (its wider white list): the bridge's name (a
    #: function, a class, or a class's static) -> the opencv.js name it needs.
    simd_only: dict[str, str] = field(default_factory=dict)


# -- sources -----------------------------------------------------------------


def _vendor_paths() -> tuple[Path, Path, Path]:
    """The verified OpenCV source tarball, the npm opencv.js and the SIMD build's.

    The SIMD build comes from its cache (``portlite_site.opencv_build``), built
    there first if the site has not been built on this machine yet.
    """
    from . import opencv_build_cache_dir, vendor_cache_dir
    from .manifest import load_manifest
    from .opencv_build import build_simd_opencv
    from .vendor_cache import VendorCache

    manifest = load_manifest(REPO / "vendor.toml")
    cache = VendorCache(vendor_cache_dir())
    archive = manifest.archives[SOURCES_ARCHIVE]
    sources = cache.ensure_archive(archive)
    opencv_js = cache.ensure_file(manifest.file(OPENCV_JS_FILE), manifest.archives)
    pin = manifest.opencv_simd
    if pin is None or pin.archive != SOURCES_ARCHIVE:
        raise RuntimeError(
            f"vendor.toml has no [opencv-simd] table built from {SOURCES_ARCHIVE}: the table "
            "is generated from the SIMD build's exports"
        )
    simd = build_simd_opencv(
        sources, archive.digest.hexdigest, pin.emscripten, opencv_build_cache_dir(),
        pin.sha256, log=lambda line: print(line, file=sys.stderr),
    )  # fmt: skip
    return sources, opencv_js, simd / OPENCV_JS_FILE


@contextlib.contextmanager
def _headers(tarball: Path) -> Iterator[tuple[Any, list[Path]]]:
    """OpenCV's header parser and the public headers of :data:`MODULES`, unpacked."""
    wanted = re.compile(
        r"^[^/]+/opencv/modules/(python/src2/hdr_parser\.py|"
        rf"({'|'.join(MODULES)})/include/opencv2/[^/]+(/[^/]+)?\.hpp)$"
    )
    with tempfile.TemporaryDirectory() as scratch, tarfile.open(tarball) as archive:
        members = [m for m in archive.getmembers() if m.isfile() and wanted.match(m.name)]
        archive.extractall(scratch, members=members, filter="data")
        root = next(Path(scratch).iterdir()) / "opencv/modules"
        spec = importlib.util.spec_from_file_location(
            "hdr_parser", root / "python/src2/hdr_parser.py"
        )
        assert spec and spec.loader
        parser = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(parser)
        headers = []
        for module in MODULES:
            include = root / module / "include/opencv2"
            headers += [include / f"{module}.hpp", *sorted((include / module).glob("*.hpp"))]
        yield parser, [h for h in headers if h.is_file()]


#: Modules whose functions follow OpenCV's output convention (``dst.create()`` before
#: any use), so the bridge may hand them the Mat it keeps for outputs, already sized
#: by the last call. Others (objdetect's detectors) read an output's shape first.
KEPT_OUTPUT_MODULES = ("core", "imgproc")


def _renamed(decl: list[Any]) -> list[Any]:
    """A function's declaration under the name opencv-python (and opencv.js) give it.

    ``CV_WRAP_AS(detectMultiScale3)`` marks an overload ``=detectMultiScale3``:
    opencv-python and opencv.js both bind it under that name, not the C++ one.
    """
    head, flags = decl[0], decl[2]
    new_name = next((flag[1:] for flag in flags if flag.startswith("=")), None)
    if new_name is None or head.startswith(("class ", "struct ", "enum ", "const ")):
        return decl
    return [f"{head.rsplit('.', 1)[0]}.{new_name}", *decl[1:]]


def parse_headers(tarball: Path) -> tuple[list[Any], set[str], set[str]]:
    """Every declaration OpenCV's parser finds, the enum type names, and the names
    declared in :data:`KEPT_OUTPUT_MODULES`."""
    decls: list[Any] = []
    kept_output: set[str] = set()
    with _headers(tarball) as (parser_module, headers):
        parser = parser_module.CppHeaderParser(preprocessor_definitions=dict(PREPROCESSOR))
        for header in headers:
            with contextlib.redirect_stdout(io.StringIO()):
                try:
                    found = parser.parse(str(header))
                except Exception:  # noqa: BLE001 - SIMD helper headers the parser cannot read
                    continue
            found = [_renamed(decl) for decl in found]
            decls += found
            if header.parts[header.parts.index("modules") + 1] in KEPT_OUTPUT_MODULES:
                kept_output |= {decl[0] for decl in found}
    enums = set()
    for decl in decls:
        if decl[0].startswith("enum "):
            full = decl[0].split(" ", 1)[1].removeprefix("cv.")
            enums |= {full.rsplit(".", 1)[-1], full.replace(".", "_")}  # ScoreType, ORB_ScoreType
    return decls, enums, kept_output


_LIST_EXPORTS_JS = """
// Node's fetch cannot read a file path; without it, emscripten's loader reads the file.
delete globalThis.fetch;
let cv = require(process.argv[1]);
(async () => {
  if (cv instanceof Promise) cv = await cv;  // a MODULARIZE build (the SIMD one): its promise
  while (!cv.Mat) await new Promise((r) => setTimeout(r, 20));
  const out = {}, classes = [], enums = [];
  const counts = (f) => (f.overloadTable ? Object.keys(f.overloadTable).map(Number) : [f.length]);
  // embind names a class's constructor argument counts only in its error for a wrong count
  const constructorCounts = (v) => {
    try {
      new v(...new Array(99));
    } catch (e) {
      const expected = /expected \\(([^)]*)\\) parameters/.exec(String(e?.message ?? e));
      if (expected) return expected[1].split(/[ ,]+/).filter(Boolean).map(Number);
    }
    return []; // "has no accessible constructor"
  };
  // embind classes inherit ClassHandle's isAliasOf; functions (LUT, Canny) do not
  const isClass = (k, v) => typeof v.prototype?.isAliasOf === "function";
  for (const k of Object.keys(cv)) {
    const v = cv[k];
    // an embind enum: a function whose members are listed in .values
    if (typeof v === "function" && v.values && typeof v.values === "object") enums.push(k);
    else if (typeof v === "function" && v.overloadTable)
      out[k] = Object.keys(v.overloadTable).map(Number).filter((n) => n >= 0);
    else if (typeof v === "function" && !isClass(k, v)) out[k] = [v.length];
    else if (typeof v === "function") {
      classes.push(k);
      const methods = {};
      for (let p = v.prototype; p && p !== Object.prototype; p = Object.getPrototypeOf(p))
        for (const m of Object.getOwnPropertyNames(p)) {
          const f = Object.getOwnPropertyDescriptor(p, m).value;
          if (m in methods || m === "constructor" || typeof f !== "function") continue;
          methods[m] = counts(f);
        }
      for (const m of Object.getOwnPropertyNames(v))
        if (typeof v[m] === "function" && !["length", "name", "prototype"].includes(m))
          methods["static " + m] = counts(v[m]);
      // embind binds a struct's fields (ORB's none, aruco's DetectorParameters' 34) as
      // accessors: the names a Python attribute may read and write
      const accessors = [];
      for (let p = v.prototype; p && p !== Object.prototype; p = Object.getPrototypeOf(p))
        for (const m of Object.getOwnPropertyNames(p))
          if (Object.getOwnPropertyDescriptor(p, m).set) accessors.push(m);
      if (accessors.length) methods["@properties"] = accessors.sort();
      methods["new"] = constructorCounts(v);
      out["@class " + k] = methods;
    }
  }
  out["@classes"] = classes;
  out["@enums"] = enums;
  console.log(JSON.stringify(out));
  process.exit(0);
})();
"""


def opencv_js_exports(opencv_js: Path) -> dict[str, list[Any]]:
    """opencv.js's functions, with the argument counts of their overloads, and its classes."""
    listed = subprocess.run(
        ["node", "-e", _LIST_EXPORTS_JS, str(opencv_js)],
        check=True, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    exports: dict[str, list[Any]] = json.loads(listed.stdout)
    return exports


# -- one overload ------------------------------------------------------------


def _kind(cpp_type: str, enums: Mapping[str, bool]) -> str | None:
    if enums.get(cpp_type):
        return "enum:" + cpp_type  # opencv.js takes an embind enum member here, not a number
    if cpp_type in NUMBERS or cpp_type in enums:
        return (
            "bool"
            if cpp_type == "bool"
            else ("float" if cpp_type in ("double", "float") else "int")
        )
    if cpp_type in STRINGS:
        return "str"
    if cpp_type in VALUES or cpp_type in MATS:
        return cpp_type
    if cpp_type in VECTORS or cpp_type in OUTPUT_VECTORS:
        return cpp_type
    return None


_NUMBER = re.compile(r"^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?[fF]?$")
_CALL = re.compile(r"^(?:cv::)?(\w+)\((.*)\)$")
_LIMITS = {"DBL_MAX": 1.7976931348623157e308, "FLT_MAX": 3.4028234663852886e38,
           "INT_MAX": 2**31 - 1, "DBL_EPSILON": 2.220446049250313e-16,
           "FLT_EPSILON": 1.1920928955078125e-07, "CV_PI": math.pi}  # fmt: skip
#: ``Scalar::all(v)``: a call the general pattern does not read (its name has a scope).
_SCALAR_ALL = re.compile(r"^(?:cv::)?Scalar::all\((.*)\)$")
#: Defaults that are calls opencv.js makes itself (the marshaller asks for them).
JS_DEFAULTS = {"morphologyDefaultBorderValue()"}
#: A default the table cannot spell: the argument may only be left out at the end.
OPAQUE = "@opaque"
#: An object argument's default ``T()``: the marshaller makes one with T's own defaults.
NEW = "@new"


def _constant(text: str, cv2: Any) -> int | None:
    total = 0
    for term in re.split(r"\s*[+|]\s*", text.strip()):
        name = re.sub(r"^(cv::)?(\w+::)*", "", term.strip())
        value = getattr(cv2, name, None)
        if value is None:
            scope = re.match(r"^(?:cv::)?(\w+)::(\w+)$", term.strip())
            value = getattr(cv2, f"{scope.group(1)}_{scope.group(2)}", None) if scope else None
        if not isinstance(value, int):
            return None
        total |= value
    return total


def translate_default(text: str, kind: str, cv2: Any) -> Any:
    """A C++ default as the Python value the marshaller passes (or :data:`OPAQUE`)."""
    text = text.strip()
    if text in JS_DEFAULTS:
        return "@" + text.removesuffix("()")
    if text in ("noArray()", "cv::noArray()", "Mat()", "cv::Mat()") or text.startswith(
        ("std::vector<", "vector_")
    ):
        return None
    if text in ("true", "false"):
        return text == "true"
    if _NUMBER.match(text):
        number = float(text.rstrip("fF"))
        return int(number) if kind in ("int", "bool") or kind.startswith("enum:") else number
    if text in _LIMITS:
        return _LIMITS[text]
    if text in ('""', "String()", "std::string()", "cv::String()"):
        return ""
    every = _SCALAR_ALL.match(text)
    if every:
        value = translate_default(every.group(1), "float", cv2)
        return OPAQUE if value is OPAQUE else (value,) * 4
    called = _CALL.match(text)
    if called:
        name, inner = called.groups()
        parts = [p.strip() for p in inner.split(",")] if inner.strip() else []
        inner_kind = "int" if name in ("Point", "Size", "Rect") else "float"
        values = [translate_default(p, inner_kind, cv2) for p in parts]
        if OPAQUE in values:
            return OPAQUE
        if name in ("Point", "Point2f", "Size", "Size2f") and len(values) in (0, 2):
            return tuple(values) if values else (0, 0)
        if name == "Scalar" and len(values) <= 4:
            return tuple(values) + (0,) * (4 - len(values))
        if name == "TermCriteria" and len(values) == 3:
            return (int(values[0]), int(values[1]), float(values[2]))
        return OPAQUE
    value = _constant(text, cv2)
    return OPAQUE if value is None else value


def python_name(name: str) -> str:
    """An argument's keyword in opencv-python (Python keywords gain a ``_``)."""
    return name + "_" if keyword.iskeyword(name) else name


def python_order(args: list[list[Any]]) -> tuple[list[int], int]:
    """opencv-python's argument order for C++ ``args``, and where its optional ones start.

    opencv-python's rule: inputs keep their C++ order; output arrays move to
    just before the first input with a default (or the end); other outputs
    (pointers) are only returned.
    """
    order: list[int] = []
    pending_outputs: list[int] = []
    first_optional = 10**6
    for index, (cpp_type, _name, default, flags) in enumerate(args):
        is_input = "/O" not in flags
        big = cpp_type in MATS  # other vectors (points, ints) are only returned
        if not is_input and big:
            pending_outputs.append(index)
            continue
        if not is_input:
            continue
        if not default:
            order.append(index)
        else:
            first_optional = min(first_optional, len(order))
            order += pending_outputs
            pending_outputs = []
            order.append(index)
    if pending_outputs:
        first_optional = min(first_optional, len(order))
        order += pending_outputs
    return order, min(first_optional, len(order))


def _signature(name: str, args: list[list[Any]], order: list[int], first: int,
               returns: list[str]) -> str:  # fmt: skip
    names = [python_name(args[i][1]) for i in order]
    text = ", ".join(names[:first])
    optional = names[first:]
    for arg in optional:
        text += "[, " + arg
    text += "]" * len(optional)
    return f"{name}({text}) -> {', '.join(returns) if returns else 'None'}"


def documented_signatures(func: Any) -> set[str]:
    """The signatures at the head of each overload in an opencv-python docstring."""
    name = func.__name__
    doc = func.__doc__ or ""
    return {line.strip() for line in doc.splitlines() if re.match(rf"^{name}\(.*\) -> ", line)}


def _object_kind(cpp_type: str, classes: dict[str, str]) -> str | None:
    """``obj:<python class>`` for a bridged class returned by value or as a Ptr."""
    name = cpp_type.removeprefix("Ptr_")
    return f"obj:{classes[name]}" if name in classes else None


def make_overload(
    decl: list[Any],
    js: str,
    cv2: Any,
    enums: Mapping[str, bool],
    classes: dict[str, str] | None = None,
) -> Overload | str:
    """A table entry for one C++ declaration, or why it cannot be one.

    ``classes`` maps the C++ names of bridged classes (``CLAHE``, ``dnn_Net``) to
    opencv-python's (``CLAHE``, ``dnn.Net``): functions may take and return them.
    """
    full_name, ret_type, _modifiers, args = decl[0], decl[1], decl[2], decl[3]
    name = full_name.rsplit(".", 1)[-1]
    object_kind = _object_kind(ret_type, classes or {})
    if object_kind is None and (ret_type not in RETURNS and _kind(ret_type, enums) is None):
        return f"returns {ret_type}"
    table_args: list[tuple[str, str, str, Any]] = []
    for cpp_type, arg_name, default, flags in args:
        role = "out" if "/O" in flags else ("io" if "/IO" in flags else "in")
        kind = _kind(cpp_type, enums)
        if kind is None and role == "in":
            kind = _object_kind(cpp_type.removeprefix("Ptr_"), classes or {})
        if kind is None:
            return f"argument '{arg_name}' is a {cpp_type}"
        if kind == "str" and "/PATH" in flags:
            kind = "path"  # a file in the kernel's file system, which opencv.js cannot see
        if role != "in" and kind not in MATS and kind not in VECTORS | OUTPUT_VECTORS.keys():
            return f"argument '{arg_name}' is an output {cpp_type}"
        if role != "out" and kind in OUTPUT_VECTORS:
            return f"argument '{arg_name}' is a {cpp_type} given to opencv.js"
        if not default:
            value: Any = "@required"
        elif kind.startswith("obj:"):  # T(): the class's own defaults; anything else: opaque
            own = rf"(\w+::)*{cpp_type.split('_')[-1]}\(\)"
            value = NEW if re.fullmatch(own, default) else OPAQUE
        else:
            value = translate_default(default, kind, cv2)
        table_args.append((python_name(arg_name), kind, role, value))
    order, first = python_order(args)
    returns = (["retval"] if ret_type != "void" else []) + [
        python_name(a[1]) for a in args if "/O" in a[3] or "/IO" in a[3]
    ]
    signature = _signature(name, args, order, first, returns)
    retval = "void" if ret_type == "void" else (object_kind or _kind(ret_type, enums) or ret_type)
    return Overload(js, table_args, order, returns, retval, signature)


# -- the whole table ---------------------------------------------------------


def _python_function(cv2: Any, full_name: str) -> tuple[str, Any] | None:
    """opencv-python's name for a C++ function (``cv.dnn.f`` -> ``dnn.f``) and the function."""
    parts = full_name.split(".")[1:]
    target: Any = cv2
    for part in parts:
        target = getattr(target, part, None)
        if target is None:
            return None
    return ".".join(parts), target


def _js_names(full_name: str) -> list[str]:
    parts = full_name.split(".")[1:]
    return ["_".join(parts), parts[-1]] if len(parts) > 1 else [parts[-1]]


def _js_overload(
    full_name: str, decl: list[Any], exports: dict[str, list[int]], taken: set[str]
) -> str | None:
    """The opencv.js function that runs this C++ overload.

    opencv.js names a function's overloads ``name``, ``name1``, ... in its own
    order; the one whose argument counts are exactly this overload's (every
    count from its required arguments to all of them) is the match.
    """
    args = decl[3]
    required = sum(1 for a in args if not a[2])
    counts = list(range(required, len(args) + 1))
    for base in _js_names(full_name):
        for suffix in ("", *map(str, range(1, 5))):
            name = base + suffix
            if name in exports and name not in taken and sorted(exports[name]) == counts:
                return name
    return None


def build(decls: list[Any], enum_names: set[str], exports: dict[str, Any], cv2: Any) -> Report:
    """Match every function declaration with opencv.js's exports and opencv-python's names."""
    report = Report()
    registered = set(exports.get("@enums", ()))
    # Each enum, and whether opencv.js registers it as an embind enum (ORB_ScoreType): an
    # argument of that type must then be a member, as a plain number silently becomes 0.
    enums = {name: name in registered for name in enum_names}
    functions: dict[str, list[Any]] = {}
    for decl in decls:
        head = decl[0]
        if head.startswith(("class ", "struct ", "enum ", "const ")) or "/S" in decl[2]:
            continue
        parts = head.split(".")
        # A class's method has the class as its second-to-last part.
        if len(parts) > 2 and parts[-2][:1].isupper():
            continue
        functions.setdefault(head, []).append(decl)
    for full_name, overloads in sorted(functions.items()):
        found = _python_function(cv2, full_name)
        if found is None:
            continue
        python_name, func = found
        documented = documented_signatures(func)
        entries: list[Overload] = []
        reasons: list[str] = []
        taken: set[str] = set()
        for decl in overloads:
            js = _js_overload(full_name, decl, exports, taken)
            if js is None:
                own = [n for n in _js_names(full_name) if n in exports]
                reasons.append(
                    f"opencv.js's own {own[0]} takes {exports[own[0]]} arguments"
                    if own
                    else "not in opencv.js 4.12"
                )
                continue
            made = make_overload(decl, js, cv2, enums)
            if isinstance(made, str):
                reasons.append(made)
                continue
            if made.signature not in documented:
                reasons.append(f"derived {made.signature!r} is not opencv-python's")
                continue
            taken.add(js)
            entries.append(made)
        if entries:
            report.bridged[python_name] = entries
        else:
            report.skipped[python_name] = "; ".join(dict.fromkeys(reasons))
    build_classes(decls, enums, exports, cv2, report)
    for name, reason in WITHHELD_METHODS.items():
        owner, _, method = name.rpartition(".")
        if name in report.classes:
            report.classes[name].constructors.clear()
        elif owner in report.classes and report.classes[owner].methods.pop(method, []):
            report.skipped[name] = reason
    _factories(decls, enums, exports, cv2, report)
    for name, reason in WITHHELD.items():
        if report.bridged.pop(name, None) is not None:
            report.skipped[name] = reason
    _classes_and_factories(report, exports, cv2)
    return report


def simd_only(report: Report, npm: dict[str, Any]) -> dict[str, str]:
    """The bridged names the npm build's exports ``npm`` lack, with the name each needs.

    A function needs its first overload's opencv.js function (or class, for a
    factory ``new X``); a class, and each of its statics, needs the class.
    """
    needed: dict[str, str] = {}
    for name, overloads in report.bridged.items():
        js = overloads[0].js.removeprefix("new ")
        if js not in npm and "@class " + js not in npm:
            needed[name] = js
    for name, cls in report.classes.items():
        if "@class " + cls.js not in npm:
            needed[name] = cls.js
            needed.update({f"{name}.{static}": cls.js for static in cls.statics})
    return dict(sorted(needed.items()))


def _python_attr(cv2: Any, dotted: str) -> Any:
    target = cv2
    for part in dotted.split("."):
        target = getattr(target, part, None)
        if target is None:
            return None
    return target


#: Functions opencv.js has that stay unbridged, and why.
WITHHELD = {
    name: "no model in this format ships in a registry package, so nothing tests it"
    for name in ("dnn.readNet", "dnn.readNetFromCaffe", "dnn.readNetFromDarknet",
                 "dnn.readNetFromModelOptimizer", "dnn.readNetFromTFLite",
                 "dnn.readNetFromTensorflow", "dnn.readNetFromTorch")
}  # fmt: skip

#: Methods and constructors opencv.js has that stay unbridged, and why.
WITHHELD_METHODS = {
    "dnn.Net": "opencv.js's dnn_Net cannot be constructed: use cv2.dnn.readNetFromONNX",
}

#: The classes bridged: those server code uses (each method has a parity case).
CLASSES = ("Algorithm", "CLAHE", "Feature2D", "ORB", "AKAZE", "BRISK", "KAZE", "MSER",
           "FastFeatureDetector", "AgastFeatureDetector", "GFTTDetector",
           "DescriptorMatcher", "BFMatcher", "CascadeClassifier", "HOGDescriptor",
           "GraphicalCodeDetector", "QRCodeDetector", "QRCodeDetectorAruco",
           "barcode.BarcodeDetector", "BackgroundSubtractor", "BackgroundSubtractorMOG2",
           "dnn.Net", "AlignExposures", "AlignMTB", "CalibrateCRF", "CalibrateDebevec",
           "CalibrateRobertson", "MergeExposures", "MergeDebevec", "MergeMertens",
           "MergeRobertson", "Tonemap", "TonemapDrago", "TonemapMantiuk",
           "TonemapReinhard", "aruco.ArucoDetector", "aruco.Dictionary",
           "aruco.DetectorParameters", "aruco.RefineParameters", "SimpleBlobDetector",
           "SimpleBlobDetector.Params", "Tracker", "TrackerMIL", "aruco.Board",
           "aruco.GridBoard", "aruco.CharucoBoard", "aruco.CharucoDetector",
           "aruco.CharucoParameters", "SIFT", "StereoMatcher", "StereoBM",
           "StereoSGBM", "LineSegmentDetector")  # fmt: skip

#: opencv.js classes that stay unbridged, and why (the rest say "not bridged yet").
WITHHELD_CLASSES = {
    "FaceDetectorYN": "it needs the YuNet ONNX model, which no registry package ships, so "
    "nothing tests it",
    "TrackerMIL_Params": "opencv.js binds neither a constructor for TrackerMIL::Params nor "
    "a way to read one: TrackerMIL_create() takes OpenCV's defaults",
    "segmentation_IntelligentScissorsMB": "its setters return the object itself and "
    "applyImage's results live in the object, which the marshaller does not hand back",
}


def _class_names(decls: list[Any], exports: dict[str, Any], cv2: Any) -> dict[str, str]:
    """:data:`CLASSES` that opencv.js and opencv-python both have: ``{"dnn_Net": "dnn.Net"}``."""
    found = {}
    for decl in decls:
        if decl[0].startswith(("class cv.", "struct cv.")):
            cpp = decl[0].split(" ", 1)[1].removeprefix("cv.")
            js = cpp.replace(".", "_")
            if cpp not in CLASSES:
                continue
            if f"@class {js}" in exports and isinstance(_python_attr(cv2, cpp), type):
                # a class's own class (SimpleBlobDetector.Params) by its flat alias
                found[js] = js if cpp.split(".")[0][:1].isupper() and "." in cpp else cpp
    return found


def _method_overload(
    methods: dict[str, list[int]], name: str, decl: list[Any], taken: set[str]
) -> str | None:
    """The opencv.js method (``name``, ``name1``, ...) taking exactly this overload's counts."""
    args = decl[3]
    counts = list(range(sum(1 for a in args if not a[2]), len(args) + 1))
    for suffix in ("", *map(str, range(1, 5))):
        candidate = name + suffix
        if candidate not in taken and sorted(methods.get(candidate, ())) == counts:
            return candidate
    return None


def build_classes(
    decls: list[Any],
    enums: Mapping[str, bool],
    exports: dict[str, Any],
    cv2: Any,
    report: Report,
) -> None:
    """Every bridged class: constructors, factories, methods and static methods."""
    names = _class_names(decls, exports, cv2)
    # Inside its namespace a class is named without it (aruco's ArucoDetector takes a Dictionary).
    known = names | {js.split("_", 1)[1]: py for js, py in names.items() if "." in py}
    heads = {d[0].split(" ", 1)[1].removeprefix("cv.").replace(".", "_"): d for d in decls
             if d[0].startswith(("class cv.", "struct cv."))}  # fmt: skip
    for js, python in sorted(names.items()):
        head = heads.get(js, ["", ""])
        base = re.sub(r"^\s*:\s*(cv::)?", "", head[1]).replace("::", "_").strip()
        bridged = report.classes[python] = BridgedClass(js, names.get(base) if base else None)
        accessors = set(exports[f"@class {js}"].get("@properties", ()))
        for cpp_type, field_name, _default, flags in head[3] if len(head) > 3 else ():
            kind = _kind(cpp_type, enums)
            if "/RW" in flags and field_name in accessors and kind in ("int", "float", "bool"):
                bridged.properties[field_name] = kind
    by_head: dict[str, list[Any]] = {}
    for decl in decls:
        by_head.setdefault(decl[0], []).append(decl)
    for js, python in sorted(names.items()):
        bridged = report.classes[python]
        methods = exports[f"@class {js}"]
        short = python.rsplit(".", 1)[-1]
        cls = _python_attr(cv2, python)
        for head, group in sorted(by_head.items()):
            if not head.startswith(f"cv.{python}.") or head.count(".") != python.count(".") + 2:
                continue
            method = head.rsplit(".", 1)[1]
            taken: set[str] = set()
            for decl in group:
                static = "/S" in decl[2]
                if method in (short, "create") and not _constructs(exports, js, decl):
                    continue  # opencv.js did not bind this constructor (or factory)
                if method == short:
                    decl = [decl[0], f"Ptr_{js}", *decl[2:]]
                    made = make_overload(decl, f"new {js}", cv2, enums, known)
                    if isinstance(made, Overload):
                        made.returns, made.retval = ["retval"], f"obj:{python}"
                        fit_counts(made, methods.get("new", []))
                        bridged.constructors.append(made)
                    continue
                if method == "create" and static:
                    made = make_overload(decl, f"new {js}", cv2, enums, known)
                    if isinstance(made, Overload) and made.retval.startswith("obj:"):
                        fit_counts(made, methods.get("new", []))
                        bridged.statics.setdefault("create", []).append(made)
                    continue
                js_method = _method_overload(
                    {k.removeprefix("static "): v for k, v in methods.items()
                     if k.startswith("static ") == static}, method, decl, taken,
                )  # fmt: skip
                if js_method is None:
                    continue
                made = make_overload(decl, f"{js}.{js_method}" if static else js_method,
                                     cv2, enums, known)  # fmt: skip
                attr = getattr(cls, method, None)
                if isinstance(made, str) or attr is None:
                    continue
                if made.signature not in documented_signatures(attr):
                    continue
                taken.add(js_method)
                (bridged.statics if static else bridged.methods).setdefault(method, []).append(made)
        bridged.constructors = separate_counts(bridged.constructors)
        if "create" in bridged.statics:
            bridged.statics["create"] = separate_counts(bridged.statics["create"])
            if _python_attr(cv2, f"{python}_create") is not None:
                report.bridged[f"{python}_create"] = list(bridged.statics["create"])


def _constructs(exports: dict[str, Any], js: str, decl: list[Any]) -> bool:
    """Whether opencv.js binds ``new <js>`` for ``decl`` (with one of its argument counts)."""
    args = decl[3]
    counts = set(range(sum(1 for a in args if not a[2]), len(args) + 1))
    return bool(counts & set(exports.get(f"@class {js}", {}).get("new", ())))


def _factories(decls: list[Any], enums: Mapping[str, bool], exports: dict[str, Any], cv2: Any,
               report: Report) -> None:  # fmt: skip
    """Free functions that make a bridged class (``createCLAHE``, ``dnn.readNetFromONNX``)."""
    names = {c.js: python for python, c in report.classes.items()}
    # A namespace's class is named without its namespace inside it (dnn's Net).
    names |= {js.split("_", 1)[1]: py for js, py in list(names.items()) if "." in py}
    for decl in decls:
        head = decl[0]
        if head.startswith(("class ", "struct ", "enum ", "const ")):
            continue
        parts = head.split(".")
        if len(parts) > 2 and parts[-2][:1].isupper():
            continue  # a class's own (static) method: build_classes has it
        kind = _object_kind(decl[1], names)
        found = _python_function(cv2, head)
        if kind is None or found is None or found[0] in report.bridged:
            _takes_object(decl, kind, found, names, enums, exports, cv2, report)
            continue
        python_name, func = found
        js_candidates = [n for n in _js_names(head) if n in exports]
        js = next(iter(js_candidates), None) or f"new {kind.removeprefix('obj:').replace('.', '_')}"
        if js.startswith("new ") and not _constructs(exports, js.removeprefix("new "), decl):
            continue  # opencv.js bound neither the function nor a constructor in its place
        made = make_overload(decl, js, cv2, enums, names)
        if isinstance(made, Overload) and js.startswith("new "):
            fit_counts(made, exports[f"@class {js.removeprefix('new ')}"].get("new", []))
        if isinstance(made, Overload) and made.signature in documented_signatures(func):
            report.bridged.setdefault(python_name, []).append(made)
            report.skipped.pop(python_name, None)
    for python_name, overloads in report.bridged.items():
        if overloads[0].js.startswith("new "):
            report.bridged[python_name] = separate_counts(overloads)


def _takes_object(decl: list[Any], kind: str | None, found: tuple[str, Any] | None,
                  names: dict[str, str], enums: Mapping[str, bool], exports: dict[str, Any],
                  cv2: Any, report: Report) -> None:  # fmt: skip
    """A free function that takes a bridged object (``aruco.generateImageMarker``'s
    Dictionary): only once the classes are known can its argument be read."""
    if kind is not None or found is None or found[0] in report.bridged:
        return
    js = _js_overload(decl[0], decl, exports, set())
    made = None if js is None else make_overload(decl, js, cv2, enums, names)
    if isinstance(made, Overload) and made.signature in documented_signatures(found[1]):
        report.bridged[found[0]] = [made]
        report.skipped.pop(found[0], None)


def _classes_and_factories(report: Report, exports: dict[str, list[Any]], cv2: Any) -> None:
    """Why each other opencv-python callable (classes, ``X_create`` factories) is not bridged."""
    classes = set(exports.get("@classes", ()))
    for prefix in ("", *sorted(n.split(".")[0] for n in report.bridged if "." in n)):
        module = getattr(cv2, prefix) if prefix else cv2
        for name in dir(module):
            qualified = f"{prefix}.{name}" if prefix else name
            value = getattr(module, name)
            if name.startswith("_") or not callable(value) or isinstance(value, type(cv2)):
                continue
            if qualified in report.bridged or qualified in report.skipped:
                continue
            if qualified in report.classes or qualified.replace("_", ".", 1) in report.classes:
                continue  # a class, or its flat alias (cv2.dnn_Net for cv2.dnn.Net)
            cls = name.removesuffix("_create").removeprefix("create")
            js_class = f"{prefix}_{cls}" if prefix else cls
            known = next((c for c in (js_class, cls) if c in classes), None)
            report.skipped[qualified] = (
                "not in opencv.js 4.12"
                if known is None
                else WITHHELD_CLASSES.get(known, f"the opencv.js class {known} is not bridged yet")
            )


def _constants(cv2: Any, namespaces: set[str]) -> dict[str, int]:
    """Every integer constant opencv-python defines in cv2 and its bridged submodules."""
    found: dict[str, int] = {}
    for prefix in ("", *sorted(namespaces)):
        module = _python_attr(cv2, prefix) if prefix else cv2
        for name in sorted(dir(module)):
            value = getattr(module, name)
            if isinstance(value, int) and not isinstance(value, bool) and name[:1].isupper():
                found[f"{prefix}.{name}" if prefix else name] = value
    return found


#: The Hershey font faces (FONT_HERSHEY_SIMPLEX ... FONT_HERSHEY_SCRIPT_COMPLEX), each also
#: with FONT_ITALIC (16).
FONT_FACES = tuple(face | italic for italic in (0, 16) for face in range(8))
#: The glyph codes getTextSize reads (after OpenCV's readCheck): printable ASCII, and for
#: FONT_HERSHEY_COMPLEX (1) Cyrillic as codes 127-190.
_ASCII = range(32, 127)
_CYRILLIC = {code: chr(0x410 + code - 127) for code in range(127, 191)}


def font_metrics(cv2: Any) -> dict[int, tuple[int, int, tuple[int, ...]]]:
    """Each Hershey font's (baseline, cap line, advance of each glyph code from 32), read
    off opencv-python's own ``getTextSize`` (opencv.js does not bind it).

    At scale 1 and thickness 0, ``getTextSize`` gives these integers unrounded:
    width = the advance, height = cap line + baseline, and baseline.
    """
    metrics = {}
    for face in FONT_FACES:
        (_, height), baseline = cv2.getTextSize(" ", face, 1.0, 0)
        codes = {code: chr(code) for code in _ASCII}
        if face == cv2.FONT_HERSHEY_COMPLEX:
            codes.update(_CYRILLIC)
        advances = tuple(cv2.getTextSize(text, face, 1.0, 0)[0][0] for text in codes.values())
        metrics[face] = (baseline, height - baseline, advances)
    return metrics


def render_table(report: Report, cv2: Any) -> str:
    """The source of ``_table.py``."""
    namespaces = {n.split(".")[0] for n in [*report.bridged, *report.classes] if "." in n}
    functions = {name: tuple(o.entry() for o in overloads)
                 for name, overloads in sorted(report.bridged.items())}  # fmt: skip
    lines = [
        '"""Generated by ``python -m portlite_site.cv2_bindings``: do not edit.',
        "",
        "FUNCTIONS maps an opencv-python name to its overloads, each",
        "``(opencv.js name, C++ arguments, opencv-python order, returns, retval kind)``;",
        "an argument is ``(name, kind, role, default)``, role ``in``/``out``/``io``,",
        "default ``'@required'``, ``'@opaque'`` (may only be left out at the end)",
        "or the value to pass. UNAVAILABLE maps opencv-python functions opencv.js",
        "cannot run to the reason; SIMD_ONLY maps names only the SIMD build exports to",
        "the opencv.js name each needs; CONSTANTS holds opencv-python's integer constants;",
        "FONT_METRICS the Hershey fonts' sizes that getTextSize adds up.",
        '"""',
        "",
        "# ruff: noqa: E501",
        "# fmt: off",
        "",
        "from typing import Any",
        "",
        f"OPENCV_VERSION = {cv2.__version__!r}",
        "",
        "FUNCTIONS: dict[str, Any] = " + pprint.pformat(functions, width=100, sort_dicts=True),
        "",
        "CLASSES: dict[str, Any] = "
        + pprint.pformat(
            {name: c.entry() for name, c in sorted(report.classes.items())}, width=100
        ),
        "",
        "UNAVAILABLE: dict[str, str] = "
        + pprint.pformat(dict(sorted(report.skipped.items())), width=100),
        "",
        "SIMD_ONLY: dict[str, str] = " + pprint.pformat(report.simd_only, width=100),
        "",
        "KEPT_OUTPUT: frozenset[str] = frozenset("
        + pprint.pformat(sorted(report.kept_output), width=100, compact=True)
        + ")",
        "",
        "CONSTANTS: dict[str, int] = "
        + pprint.pformat(_constants(cv2, namespaces), width=100, sort_dicts=True),
        "",
        "#: Hershey font metrics for getTextSize: face -> (baseline, cap line, advances of",
        "#: glyph codes 32, 33, ...), read off opencv-python (see cv2_bindings.font_metrics).",
        "FONT_METRICS: dict[int, tuple[int, int, tuple[int, ...]]] = "
        + pprint.pformat(font_metrics(cv2), width=100, compact=True),
        "",
    ]
    return "\n".join(lines)


def render_coverage(report: Report, hand_written: dict[str, str]) -> str:
    """``docs/cv2-coverage.md``: every opencv-python function, bridged or why not."""
    lines = [
        "# cv2 coverage",
        "",
        "Generated by `python -m portlite_site.cv2_bindings` from OpenCV 4.12's headers,",
        "the vendored opencv.js and opencv-python 4.12: do not edit.",
        "",
        "| opencv-python name | on opencv.js |",
        "|---|---|",
    ]
    names = sorted(set(report.bridged) | set(report.skipped) | set(hand_written),
                   key=lambda name: (name.lower(), name))  # fmt: skip
    for name in names:
        if name in hand_written:
            status = f"bridged (by hand: {hand_written[name]})"
        elif name in report.simd_only:
            status = "bridged (the SIMD build only: not in the npm opencv.js)"
        elif name in report.bridged:
            status = "bridged"
        else:
            status = f"not bridged: {report.skipped[name]}"
        lines.append(f"| `cv2.{name}` | {status} |")
    return "\n".join(lines) + "\n"


def generate() -> dict[Path, str]:
    """The generated files' paths and contents."""
    import cv2

    tarball, npm_js, simd_js = _vendor_paths()
    decls, enums, kept_output = parse_headers(tarball)
    report = build(decls, enums, opencv_js_exports(simd_js), cv2)
    report.simd_only = simd_only(report, opencv_js_exports(npm_js))
    # ... but not a function with a mask: pixels outside it keep what the output held
    # (opencv-python's fresh output is zeroed there, the kept Mat has the last result)
    report.kept_output = {
        python for python, overloads in report.bridged.items()
        if f"cv.{python}" in kept_output
        and not any(arg[0] == "mask" for overload in overloads for arg in overload.args)
    }  # fmt: skip
    hand_written = _hand_written()
    # opencv-python's flat names of bridged statics (HOGDescriptor_getDefaultPeopleDetector)
    # are that static: cv2's package puts them in place
    for qualified, cls in report.classes.items():
        for static in cls.entry()[3]:
            flat = f"{qualified.replace('.', '_')}_{static}"
            if report.skipped.pop(flat, None) is not None:
                hand_written[flat] = f"the class's static {qualified}.{static}"
    return {TABLE: render_table(report, cv2), COVERAGE: render_coverage(report, hand_written)}


def _hand_written() -> dict[str, str]:
    """The hand-written wrappers' names and reasons, read from the kernel package."""
    path = REPO / "kernel_ext/py/portlite/cv2/_hand_written.py"
    spec = importlib.util.spec_from_file_location("_hand_written", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    reasons: dict[str, str] = module.REASONS
    return reasons


def main(argv: list[str] | None = None) -> int:
    """Write the generated files, or with ``--check`` report any difference."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if a file differs")
    options = parser.parse_args(argv)
    stale = []
    for path, text in generate().items():
        if options.check:
            if not path.exists() or path.read_text() != text:
                stale.append(str(path.relative_to(REPO)))
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)
    if stale:
        print("out of date (run python -m portlite_site.cv2_bindings):", *stale, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
