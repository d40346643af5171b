"""Building PortLite's JupyterLite extension (``kernel_ext/``) and its settings.

The extension is TypeScript, built from source by every site build:
``npm ci`` from the committed lockfile (only when the lockfile changed),
``tsc``, then JupyterLab's ``build-labextension`` against the package.json
of the JupyterLite app that jupyterlite-core ships, so the shared packages
it consumes are the ones the site provides. The result is kept in the
cache under a hash of every input, so an unchanged extension is not
rebuilt.

Its settings live in ``litePluginSettings`` of ``jupyter-lite.json`` under
:data:`PLUGIN_ID`; ``kernel_ext/schema/preload.json`` is their schema, used
here at build time and by the extension in the browser.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import tarfile
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import jupyterlite_core

from . import REPO_ROOT
from .vendor_cache import hash_file

__all__ = [
    "EXTENSION_NAME",
    "PLUGIN_ID",
    "SOURCE",
    "build_labextension",
    "preload_settings",
]

#: The extension's source.
SOURCE = REPO_ROOT / "kernel_ext"

#: Its npm name, and where JupyterLite looks for it: ``extensions/<name>``.
EXTENSION_NAME = "@portlite/kernel-extension"

#: Its settings' key in ``litePluginSettings``.
PLUGIN_ID = f"{EXTENSION_NAME}:preload"

SCHEMA_PATH = SOURCE / "schema" / "preload.json"

#: Everything the built extension depends on, besides the app's package.json.
_INPUTS = ("package.json", "package-lock.json", "tsconfig.json", "src", "schema")

_LOCK_STAMP = "node_modules/.portlite-lock-sha256"


def _app_tarball() -> Path:
    """The JupyterLite app that jupyterlite-core copies into every site."""
    return next(Path(jupyterlite_core.__file__).parent.glob("jupyterlite-app-*.tgz"))


def extension_inputs() -> list[Path]:
    """Every file the extension is built from (the build's own cache key, as files)."""
    files = [_app_tarball()]
    for name in _INPUTS:
        root = SOURCE / name
        files.extend(
            sorted(p for p in ([root] if root.is_file() else root.rglob("*")) if p.is_file())
        )
    return files


def _inputs_digest(core_package_json: bytes) -> str:
    digest = hashlib.sha256(core_package_json)
    for name in _INPUTS:
        root = SOURCE / name
        for path in sorted([root] if root.is_file() else root.rglob("*")):
            if path.is_file():
                digest.update(str(path.relative_to(SOURCE)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _run(args: list[str], log: Callable[[str], None]) -> None:
    log(f"[portlite] kernel_ext: {' '.join(args)}")
    done = subprocess.run(args, cwd=SOURCE, capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(
            f"building {EXTENSION_NAME} failed at `{' '.join(args)}` "
            f"(exit {done.returncode}):\n{done.stdout[-4000:]}\n{done.stderr[-4000:]}"
        )


def _ensure_node_modules(log: Callable[[str], None]) -> None:
    """``npm ci`` when node_modules was not installed from this lockfile."""
    lock_digest = hashlib.sha256((SOURCE / "package-lock.json").read_bytes()).hexdigest()
    stamp = SOURCE / _LOCK_STAMP
    if stamp.is_file() and stamp.read_text().strip() == lock_digest:
        return
    _run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], log)
    stamp.write_text(lock_digest)


def build_labextension(cache_dir: Path, log: Callable[[str], None] = print) -> Path:
    """Build the extension (or reuse the cached build); return its folder.

    The folder holds ``package.json`` (with ``jupyterlab._build``) and
    ``static/``, as ``jupyter lite build`` expects of a federated extension.
    """
    with tarfile.open(_app_tarball()) as app:
        member = app.extractfile("package/lab/package.json")
        assert member is not None
        core_package_json = member.read()
    built = cache_dir / f"kernel-extension-{_inputs_digest(core_package_json)}"
    manifest = built.with_name(built.name + ".sha256.json")
    if (built / "package.json").is_file() and _intact(built, manifest):
        return built
    if built.exists():
        log(f"[portlite] the cached {built.name} does not match its manifest: building again")
        shutil.rmtree(built)
    _ensure_node_modules(log)
    _run(["node", "node_modules/typescript/bin/tsc", "-p", "."], log)
    with tempfile.TemporaryDirectory() as core:
        (Path(core) / "package.json").write_bytes(core_package_json)
        shutil.rmtree(SOURCE / "labextension", ignore_errors=True)
        _run(
            ["node", "node_modules/@jupyterlab/builder/lib/build-labextension.js",
             "--core-path", core, "."],
            log,
        )  # fmt: skip
    scratch = cache_dir / f".{built.name}.partial"
    shutil.rmtree(scratch, ignore_errors=True)
    shutil.copytree(SOURCE / "labextension", scratch)
    manifest.write_text(json.dumps(_tree_digests(scratch), indent=1, sort_keys=True))
    scratch.rename(built)
    return built


def _tree_digests(folder: Path) -> dict[str, str]:
    """The sha256 of every file under ``folder``, by relative path."""
    return {
        p.relative_to(folder).as_posix(): hash_file(p)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _intact(built: Path, manifest: Path) -> bool:
    """Whether a cached build is byte for byte what was built (no file added, lost or changed)."""
    try:
        return bool(json.loads(manifest.read_text()) == _tree_digests(built))
    except (OSError, ValueError):
        return False


def _schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return schema


def preload_settings(given: dict[str, Any]) -> dict[str, Any]:
    """The site's preload settings: the schema's defaults, overridden by ``given``.

    Raises
    ------
    ValueError
        When ``given`` does not match the schema; the message names the setting.
    """
    schema = _schema()
    try:
        jsonschema.validate(given, schema)
    except jsonschema.ValidationError as err:
        where = "".join(f"[{part!r}]" for part in err.absolute_path)
        raise ValueError(
            f'litePluginSettings["{PLUGIN_ID}"]{where} in jupyter-lite.json: {err.message}'
        ) from None
    defaults = {key: node["default"] for key, node in schema["properties"].items()}
    return {**defaults, **given}
