"""The site's ``pyodide-lock.json``: the official lock, cut to what ships.

The site carries only some of Pyodide's packages. Its lock lists exactly
those (so ``import scipy`` fails with ``ModuleNotFoundError`` rather than a
404 in the middle of a kernel start) plus PortLite's own pure-Python wheels,
so that ``import ipywidgets`` loads from the site like any Pyodide package.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from .manifest import Manifest, ManifestError, VendorFile

__all__ = ["closure", "lock_entry", "site_lock"]


def _normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def closure(lock: dict[str, Any], roots: tuple[str, ...] | list[str]) -> list[str]:
    """Return the lock's package names that ``roots`` need, depth first.

    Raises
    ------
    ManifestError
        If a root or a dependency is not in the lock.
    """
    packages = lock["packages"]
    by_normal = {_normalize(name): name for name in packages}
    seen: list[str] = []

    def visit(name: str) -> None:
        key = by_normal.get(_normalize(name))
        if key is None:
            raise ManifestError(f"package {name!r} is not in the official Pyodide lock")
        if key in seen:
            return
        seen.append(key)
        for dependency in packages[key]["depends"]:
            visit(dependency)

    for root in roots:
        visit(root)
    return seen


def lock_entry(
    name: str,
    version: str,
    file_name: str,
    sha256: str,
    imports: list[str],
    depends: list[str],
) -> dict[str, Any]:
    """A lock entry for a pure-Python wheel that sits beside Pyodide."""
    return {
        "name": name,
        "version": version,
        "file_name": file_name,
        "install_dir": "site",
        "sha256": sha256,
        "package_type": "package",
        "imports": imports,
        "depends": depends,
        "unvendored_tests": False,
        "shared_library": False,
    }


def _extra_entry(vendor_file: VendorFile) -> dict[str, Any]:
    extra = vendor_file.extra_lock_package or {}
    return lock_entry(
        extra["name"],
        vendor_file.version,
        vendor_file.file_name,
        vendor_file.sha256,
        list(extra.get("imports", [extra["name"]])),
        list(extra.get("depends", [])),
    )


def site_lock(
    manifest: Manifest, official_lock_path: Path, own_wheels: tuple[dict[str, Any], ...] = ()
) -> dict[str, Any]:
    """Build the lock the site ships, checking every pin against the official one.

    Parameters
    ----------
    manifest : Manifest
        The vendor manifest.
    official_lock_path : pathlib.Path
        The verified official ``pyodide-lock.json`` of the pinned release.
    own_wheels : tuple of dict
        Lock entries (:func:`lock_entry`) of wheels built from this repository.

    Returns
    -------
    dict
        A lock with the official ``info`` and only the shipped packages.

    Raises
    ------
    ManifestError
        If the manifest's Pyodide files are not exactly the closure of its
        roots, or any of them differs from the official lock.
    """
    official = json.loads(official_lock_path.read_text(encoding="utf-8"))
    if official["info"]["version"] != manifest.pyodide_version:
        raise ManifestError(
            f"official lock is Pyodide {official['info']['version']}, "
            f"manifest pins {manifest.pyodide_version}"
        )
    needed = closure(official, manifest.roots)
    pinned = {f.lock_package: f for f in manifest.files if f.lock_package}
    missing = sorted(set(needed) - set(pinned))
    unneeded = sorted(set(pinned) - set(needed))
    if missing or unneeded:
        raise ManifestError(
            f"manifest's Pyodide packages differ from the closure of {list(manifest.roots)}: "
            f"missing {missing}, not needed {unneeded}"
        )
    packages: dict[str, Any] = {}
    for name in needed:
        entry, vendor_file = official["packages"][name], pinned[name]
        for key, ours in (
            ("file_name", vendor_file.file_name),
            ("sha256", vendor_file.sha256),
            ("version", vendor_file.version),
        ):
            if entry[key] != ours:
                raise ManifestError(
                    f"files ({vendor_file.id}): {key} {ours!r} differs from the "
                    f"official lock's {entry[key]!r}"
                )
        packages[name] = entry
    extras = [_extra_entry(f) for f in manifest.files if f.extra_lock_package]
    for entry in [*extras, *own_wheels]:
        if entry["name"] in packages:
            raise ManifestError(f"extra package {entry['name']!r} is already in the lock")
        packages[entry["name"]] = entry
    return {"info": official["info"], "packages": packages}
