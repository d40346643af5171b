"""Load a package the site ships the first time any code imports it.

Pyodide's kernel loads the packages a cell's own text imports, before it
runs the cell. Imports it cannot see (in a user's ``helpers.py``, through
``importlib.import_module``, inside a function called later) find nothing.
:class:`ShippedPackageFinder` sits at the end of ``sys.meta_path``, so it is
asked only about names no other finder found; when the name belongs to a
package of the site's Pyodide lock it loads that package and lets the
regular path finder find the module. For any other top-level name it
looks once more after clearing the path finders' caches: a module
uploaded beside the notebook after the kernel started is found (the
browser's file system does not update the folder times that the caches
are checked against). Pure Python, importable on CPython
(the loading is passed in).
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
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
        Loads one package by its lock name, blocking until it is importable.
    can_load : callable
        Whether this call stack can block for a load now (JSPI).
    """

    def __init__(
        self,
        packages: Mapping[str, str],
        load: Callable[[str], None],
        can_load: Callable[[], bool],
    ) -> None:
        self.packages = dict(packages)
        self._load = load
        self._can_load = can_load
        self._tried: set[str] = set()

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: Any = None
    ) -> ModuleSpec | None:
        """Load the package that provides ``fullname`` (top-level names only), then find it."""
        if path is not None:  # a submodule: its package's own loader finds it
            return None
        package = self.packages.get(fullname)
        if package is None:
            importlib.invalidate_caches()
            return importlib.machinery.PathFinder.find_spec(fullname)
        if package in self._tried or not self._can_load():
            return None
        self._tried.add(package)  # once: a failed load is not retried on every import
        self._load(package)
        importlib.invalidate_caches()
        return importlib.machinery.PathFinder.find_spec(fullname)

    def shipped(self) -> list[str]:
        """The import names the site ships, sorted."""
        return sorted(self.packages)
