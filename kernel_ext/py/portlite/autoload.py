"""Load a package the site ships the first time any code imports it.

Pyodide's kernel loads the packages a cell's own text imports, before it
runs the cell. Imports it cannot see (in a user's ``helpers.py``, through
``importlib.import_module``, inside a function called later) find nothing.
:class:`ShippedPackageFinder` sits at the end of ``sys.meta_path``, so it is
asked only about names no other finder found; when the name belongs to a
package of the site's Pyodide lock it loads that package and lets the
regular path finder find the module. For any other top-level name it
looks once more after clearing the caches of the folders in the browser's
file system (``/drive``): a module uploaded beside the notebook after the
kernel started is found (that file system does not update the folder
times the caches are checked against). Other folders keep their caches,
so a library probing optional modules costs no re-listing of site-packages.
Pure Python, importable on CPython (the loading is passed in).
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import sys
from collections.abc import Callable, Mapping, Sequence
from importlib.machinery import ModuleSpec
from typing import Any

__all__ = ["ShippedPackageFinder"]


class ShippedPackageFinder(importlib.abc.MetaPathFinder):
    """A meta-path finder that loads shipped packages on first import.

    Parameters
    ----------
    packages : mapping of str to str
        Top-level import name to the lock's package name (``PIL`` to ``pillow``).
    load : callable
        Loads one package by its lock name, blocking until it is importable
        (or raises ImportError saying why it cannot).
    stale_roots : tuple of str
        Folders whose directory caches may be stale (default: the browser's
        file system, ``/drive``).
    """

    def __init__(
        self,
        packages: Mapping[str, str],
        load: Callable[[str], None],
        stale_roots: tuple[str, ...] = ("/drive",),
    ) -> None:
        self.packages = dict(packages)
        self._stale_roots = stale_roots
        self._load = load
        self._tried: set[str] = set()

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: Any = None
    ) -> ModuleSpec | None:
        """Load the package that provides ``fullname`` (top-level names only), then find it."""
        if path is not None:  # a submodule: its package's own loader finds it
            return None
        package = self.packages.get(fullname)
        if package is None:
            return self._find_in_stale_folders(fullname)
        if package in self._tried:
            return None
        self._tried.add(package)  # once: a failed load is not retried on every import
        self._load(package)
        importlib.invalidate_caches()
        return importlib.machinery.PathFinder.find_spec(fullname)

    def _find_in_stale_folders(self, fullname: str) -> ModuleSpec | None:
        stale = [
            finder
            for entry, finder in list(sys.path_importer_cache.items())
            if finder is not None and str(entry).startswith(self._stale_roots)
        ]
        if not stale:
            return None
        for finder in stale:
            refresh = getattr(finder, "invalidate_caches", None)  # FileFinder has it
            if refresh is not None:
                refresh()
        return importlib.machinery.PathFinder.find_spec(fullname)

    def shipped(self) -> list[str]:
        """The import names the site ships, sorted."""
        return sorted(self.packages)
