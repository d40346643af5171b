"""``shapely.geometry.Polygon``'s measures of a simple polygon: ``area`` and ``length``."""

from __future__ import annotations

from typing import Any

import numpy as np

__all__ = ["Polygon"]


class Polygon:
    """A polygon's exterior ring, measured as shapely measures it.

    Parameters
    ----------
    shell : array_like
        The ring's points, shape ``(n, 2)``, ``n >= 3`` (closing the ring is optional).

    Raises
    ------
    ValueError
        If ``shell`` is not ``(n, 2)`` points with ``n >= 3`` (shapely's check, its wording).
    """

    def __init__(self, shell: Any) -> None:
        points = np.asarray(shell, dtype=np.float64)
        if points.ndim != 2 or points.shape[1] != 2:
            raise ValueError(
                f"Polygon: shell must be (n, 2) points, got an array of shape {points.shape}"
            )
        if len(points) > 1 and np.array_equal(points[0], points[-1]):
            points = points[:-1]
        if len(points) < 3:
            raise ValueError("A linearring requires at least 4 coordinates.")
        self._points = points

    @property
    def area(self) -> float:
        """The enclosed area (shoelace formula; always >= 0, as shapely's)."""
        x, y = self._points[:, 0], self._points[:, 1]
        return float(abs(np.dot(x, np.roll(y, -1)) - np.dot(np.roll(x, -1), y)) / 2.0)

    @property
    def length(self) -> float:
        """The ring's perimeter, closing edge included."""
        edges = np.roll(self._points, -1, axis=0) - self._points
        return float(np.hypot(edges[:, 0], edges[:, 1]).sum())
