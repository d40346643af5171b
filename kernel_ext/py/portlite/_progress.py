"""Download progress in a notebook: an ipywidgets bar, or plain text where widgets are missing."""

from __future__ import annotations

import sys
import time
from typing import Any

from . import _js

__all__ = ["Progress", "human_bytes"]


def human_bytes(count: float) -> str:
    """``4.7 MB``-style sizes (decimal units, as browsers show downloads)."""
    for unit in ("B", "kB", "MB", "GB"):
        if abs(count) < 1000 or unit == "GB":
            return f"{count:.0f} {unit}" if unit == "B" else f"{count:.1f} {unit}"
        count /= 1000
    return f"{count:.1f} GB"


class Progress:
    """Bytes done of total, and the rate, for one download.

    Parameters
    ----------
    label : str
        What is downloaded (the model's name).
    total : int or None
        Expected bytes, when the server said.
    mode : bool or str
        True: a widget where ipywidgets and a notebook front end are there,
        else text; ``"text"``: text; False: nothing.
    """

    def __init__(self, label: str, total: int | None, mode: bool | str = True) -> None:
        self.label, self.total = label, total
        self.started = time.perf_counter()
        self.widget: Any = None
        self.text = mode == "text"
        self.silent = mode is False
        self._last_text = 0.0
        if mode is True:
            self.widget = _make_widget(label, total)
            self.text = self.widget is None

    def _summary(self, done: int) -> str:
        elapsed = max(time.perf_counter() - self.started, 1e-6)
        of = f" of {human_bytes(self.total)}" if self.total else ""
        return f"{self.label}: {human_bytes(done)}{of} at {human_bytes(done / elapsed)}/s"

    def update(self, done: int) -> None:
        """Show ``done`` bytes received."""
        if self.widget is not None:
            bar, caption = self.widget.children
            bar.value = done if self.total else 0
            caption.value = self._summary(done)
        elif self.text and time.perf_counter() - self._last_text > 0.5:
            self._last_text = time.perf_counter()
            sys.stdout.write("\r" + self._summary(done))
            sys.stdout.flush()

    def close(self, done: int, outcome: str) -> None:
        """Show the final count and how it ended (``done``, ``failed: ...``)."""
        if self.widget is not None:
            bar, caption = self.widget.children
            bar.value = bar.max if outcome == "done" else bar.value
            bar.bar_style = "success" if outcome == "done" else "danger"
            caption.value = f"{self._summary(done)} ({outcome})"
        elif self.text:
            sys.stdout.write(f"\r{self._summary(done)} ({outcome})\n")
            sys.stdout.flush()


def _make_widget(label: str, total: int | None) -> Any:
    """An ipywidgets bar shown in the notebook, or None where that is not possible."""
    try:
        from IPython import get_ipython
        from IPython.display import display

        shell = get_ipython()
        if shell is None or not hasattr(shell, "kernel"):
            return None
        _js.ensure_package("ipywidgets", "ipywidgets")
        import ipywidgets
    except Exception:  # noqa: BLE001 - any missing piece means: fall back to text
        return None
    # "initial" sizes the description to its text: the default width cut
    # model names to "ch_PP-OC…".
    bar = ipywidgets.IntProgress(
        value=0, min=0, max=total or 1, description=label, style={"description_width": "initial"}
    )
    box = ipywidgets.VBox([bar, ipywidgets.Label(value=f"{label}: starting")])
    display(box)
    return box
