"""Add checked-hash bytecode to every wheel of /in, written to /out.

Runs inside Pyodide (see compile_wheels.mjs), so the bytecode is the
kernel's own CPython's. Each wheel keeps every member byte for byte; it gains
``__pycache__/<module>.cpython-<ver>.pyc`` beside each source, listed in
RECORD. Checked-hash pycs (PEP 552) do not depend on file times, which
unpacking a wheel does not keep, and are ignored if their source changes.
"""

import base64
import hashlib
import importlib.util
import py_compile
import sys
import tempfile
import zipfile
from pathlib import Path

SITE_PACKAGES = f"/lib/python{sys.version_info.major}.{sys.version_info.minor}/site-packages"
FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # reproducible archives


def record_line(name: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}\n"


def compile_wheel(source: Path, dest: Path) -> int:
    with zipfile.ZipFile(source) as wheel, tempfile.TemporaryDirectory() as scratch:
        members = wheel.infolist()
        record = next(m for m in members if m.filename.endswith(".dist-info/RECORD"))
        if any("/__pycache__/" in f"/{m.filename}" for m in members):
            raise ValueError(f"{source.name} already has bytecode")
        sources = [m.filename for m in members if m.filename.endswith(".py")]
        for name in sources:
            wheel.extract(name, scratch)
        compiled = {}
        for name in sources:
            cache = importlib.util.cache_from_source(name)
            try:
                py_compile.compile(
                    f"{scratch}/{name}",
                    f"{scratch}/{cache}",
                    f"{SITE_PACKAGES}/{name}",
                    doraise=True,
                    invalidation_mode=py_compile.PycInvalidationMode.CHECKED_HASH,
                )
            except py_compile.PyCompileError:
                continue  # e.g. a template with a .py name: import would fail on it too
            compiled[cache] = Path(scratch, cache).read_bytes()
        lines = wheel.read(record).decode()
        with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as out:
            for member in members:
                if member is not record:
                    out.writestr(member, wheel.read(member))
            for name, data in sorted(compiled.items()):
                out.writestr(zipfile.ZipInfo(name, FIXED_TIME), data, zipfile.ZIP_DEFLATED)
            lines += "".join(record_line(n, d) for n, d in sorted(compiled.items()))
            out.writestr(record, lines)
    return len(compiled)


for wheel in sorted(Path("/in").glob("*.whl")):
    print(f"{wheel.name}: {compile_wheel(wheel, Path('/out', wheel.name))} modules compiled")
