"""A page of the built site with a notebook, console or REPL open in it.

What runs in the page is ``js/lite-page.js`` (linted with the extension's
TypeScript), installed in each page as an init script.
"""

from __future__ import annotations

import base64
import json
import os
import time
import warnings
from collections import deque
from pathlib import Path
from typing import Any

from playwright.sync_api import ConsoleMessage, Page, Route, Worker
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

#: The page's half of the harness: defines ``window.portliteTest``.
PAGE_SCRIPT = (Path(__file__).parent / "js" / "lite-page.js").read_text()

#: Seconds to wait for a kernel to start, or for a cell to finish.
KERNEL_TIMEOUT_S = float(os.environ.get("PORTLITE_KERNEL_TIMEOUT_S", "180"))

#: A kernel is idle about 7 s after a page opens here. Under CI's load one
#: never became idle, or a "Run all" never ended, about once in a few hundred
#: page loads (one cause found and fixed: ``page/whole-replies.js``; the
#: stall report, :meth:`LitePage.stall_report`, says what it was). After this many
#: seconds the page is loaded once more, and the stall is reported as a
#: :class:`KernelStallWarning` (a stalled "Run all" waits KERNEL_TIMEOUT_S).
START_STALL_S = min(90.0, KERNEL_TIMEOUT_S)


class KernelStallWarning(UserWarning):
    """A page's kernel stalled, and the page was loaded (and run) again."""


#: Whether the current widget's kernel is idle (what a page open waits for).
_KERNEL_IDLE = "() => portliteTest.kernelIdle()"


class LitePage:
    """A page of the built site with a notebook open in it.

    Parameters
    ----------
    page : playwright.sync_api.Page
        A page whose context the :class:`NetworkGuard` watches.
    base_url : str
        The site's root, ending in ``/``.
    """

    def __init__(self, page: Page, base_url: str) -> None:
        self.page = page
        self.base_url = base_url
        #: The app path :meth:`open_app` last opened (what a stalled run reloads).
        self._opened: str | None = None
        self._started = time.perf_counter()
        #: The last console lines of the page and its workers, for stall reports.
        self.recent_console: deque[str] = deque(maxlen=40)
        # On the context: pages opened later in it (a test's second page) have it too.
        page.context.add_init_script(script=PAGE_SCRIPT)
        if page.url != "about:blank":
            page.evaluate(PAGE_SCRIPT)
        page.on("console", lambda message: self._remember("page", message))
        page.on("worker", self._watch_worker)
        page.on("requestfailed", lambda request: self._remember_text(
            "network", f"failed {request.url}: {request.failure}"))  # fmt: skip

    def _watch_worker(self, worker: Worker) -> None:
        self._remember_text("worker", f"started {worker.url[:120]}")
        worker.on("console", lambda message: self._remember("worker", message))
        worker.on("close", lambda _: self._remember_text("worker", f"closed {worker.url[:120]}"))

    def _remember(self, source: str, message: ConsoleMessage) -> None:
        self._remember_text(source, f"{message.type}: {message.text[:300]}")

    def _remember_text(self, source: str, text: str) -> None:
        self.recent_console.append(f"+{time.perf_counter() - self._started:7.2f}s {source} {text}")

    def stall_report(self, what: str, seconds: float = KERNEL_TIMEOUT_S) -> str:
        """Say what the page showed when ``what`` did not happen in ``seconds``."""
        try:
            state = self.page.evaluate("() => portliteTest.stallState()")
        except Exception as error:  # noqa: BLE001 - a report must not raise
            state = f"(page state unreadable: {error})"
        lines = "\n".join(self.recent_console) or "(no console output)"
        return f"{what} within {seconds:.0f} s.\nPage state: {state}\nLast lines:\n{lines}"

    def open_notebook(self, path: str, app: str = "notebooks") -> None:
        """Open ``<app>/index.html?path=<path>`` and wait for an idle kernel."""
        self.open_app(f"{app}/index.html?path={path}")

    def open_app(self, path: str) -> None:
        """Open ``<path>`` (an app with a kernel, e.g. ``repl/index.html?kernel=python``).

        A kernel stalled at start (see :data:`START_STALL_S`) gets one more
        page load, with a :class:`KernelStallWarning` that says what the
        stalled page showed.
        """
        self._opened = path
        self.page.goto(f"{self.base_url}{path}")
        try:
            self.page.wait_for_function(_KERNEL_IDLE, timeout=START_STALL_S * 1000)
        except PlaywrightTimeoutError:
            report = self.stall_report(f"The kernel of {path} was not idle", START_STALL_S)
            warnings.warn(KernelStallWarning(report + "\nThe page was loaded again."), stacklevel=2)
            self.page.goto(f"{self.base_url}{path}")
            self.wait_for_kernel()

    def open_lab(self) -> None:
        """Open JupyterLab with no document and wait until the app has started."""
        self.page.goto(f"{self.base_url}lab/index.html")
        self.page.wait_for_function("() => portliteTest.appStarted()")

    def save_file(self, path: str, content: bytes) -> None:
        """Put a file into the site's contents (the browser's storage), as an upload does."""
        self._save(path, "file", "base64", base64.b64encode(content).decode())

    def save_notebook(self, path: str, cells: list[dict[str, Any]]) -> None:
        """Save a notebook of ``cells`` (nbformat 4) for the Pyodide kernel into the contents."""
        kernel = {"name": "python", "display_name": "Python (Pyodide)", "language": "python"}
        notebook = {"cells": cells, "metadata": {"kernelspec": kernel},
                    "nbformat": 4, "nbformat_minor": 5}  # fmt: skip
        self._save(path, "notebook", "json", notebook)

    def _save(self, path: str, kind: str, form: str, content: object) -> None:
        self.page.evaluate("(args) => portliteTest.save(args)", [path, kind, form, content])

    def override_lite_settings(self, plugin_id: str, settings: dict[str, Any]) -> None:
        """Serve the site's ``jupyter-lite.json`` with ``settings`` merged into a plugin's.

        This is what a site owner's ``lite/jupyter-lite.json`` does at build
        time, done per browser context so a test needs no second build.
        """
        root = f"{self.base_url}jupyter-lite.json"

        def merge(route: Route) -> None:
            try:
                response = route.fetch()
                config = response.json()
                plugins = config["jupyter-config-data"].setdefault("litePluginSettings", {})
                plugins[plugin_id] = {**plugins.get(plugin_id, {}), **settings}
                route.fulfill(response=response, json=config)
            except PlaywrightError:
                # The context closed mid-request (the service worker still
                # keeping files for offline as a test ends): nobody waits for it.
                return

        self.page.context.route(lambda url: url.split("?")[0] == root, merge)

    def restart_kernel(self) -> None:
        """Restart the current widget's kernel (no dialog) and wait until it is idle."""
        self.page.evaluate("() => portliteTest.restartKernel()")
        self.wait_for_kernel()

    def preload_indicator(self) -> dict[str, str]:
        """PortLite's status item of the current widget: ``state``, ``label``, ``title``."""
        indicator: dict[str, str] = self.page.evaluate("() => portliteTest.indicator()")
        return indicator

    def wait_for_preload(self) -> dict[str, str]:
        """Wait until the status item shows a finished preload; return it."""
        self.page.wait_for_function(
            "() => portliteTest.preloadDone()",
            timeout=KERNEL_TIMEOUT_S * 1000,
        )
        return self.preload_indicator()

    def wait_for_kernel(self) -> None:
        """Wait until the current widget's kernel is idle."""
        try:
            self.page.wait_for_function(_KERNEL_IDLE, timeout=KERNEL_TIMEOUT_S * 1000)
        except PlaywrightTimeoutError:
            raise AssertionError(self.stall_report("The kernel was not idle")) from None

    def run_all(self) -> list[dict[str, Any]]:
        """Run every cell of the open notebook; return its cells as nbformat JSON.

        A run that stalls (not finished in :data:`KERNEL_TIMEOUT_S`) on a
        page opened by :meth:`open_app` is reported as a
        :class:`KernelStallWarning`; the page is loaded again and run once more.
        """
        try:
            return self._run_all_once()
        except AssertionError as stall:
            if self._opened is None:
                raise
            warnings.warn(KernelStallWarning(f"{stall}\nLoaded and run again."), stacklevel=2)
            self.open_app(self._opened)
            return self._run_all_once()

    def _run_all_once(self) -> list[dict[str, Any]]:
        # Not awaited: the command's promise can outlive the cells; the wait
        # below has a timeout, the evaluate would not.
        self.page.evaluate("() => portliteTest.runAll()")
        try:
            self.page.wait_for_function(
                "() => portliteTest.allRan()", timeout=KERNEL_TIMEOUT_S * 1000
            )
        except PlaywrightTimeoutError:
            # Say which cell stalled, so a rare hang can be told apart from a slow one.
            raise AssertionError(self.stall_report("Run all did not finish")) from None
        cells: list[dict[str, Any]] = self.page.evaluate("() => portliteTest.cells()")
        return cells

    def execute(self, code: str) -> dict[str, Any]:
        """Run ``code`` in the open notebook's kernel.

        Returns
        -------
        dict
            ``status`` (``'ok'`` or ``'error'``), ``outputs`` (nbformat-like
            dicts) and ``at_ms`` (page time when the reply arrived).
        """
        result: dict[str, Any] = self.page.evaluate(
            "(args) => portliteTest.execute(args)", [code, KERNEL_TIMEOUT_S * 1000]
        )
        return result

    def start(self, code: str) -> None:
        """Start running ``code`` without waiting (see :meth:`finish`)."""
        self.page.evaluate("(args) => portliteTest.start(args)", [code, KERNEL_TIMEOUT_S * 1000])

    def finish(self) -> dict[str, Any]:
        """Wait for the code given to :meth:`start`; return what :meth:`execute` returns."""
        result: dict[str, Any] = self.page.evaluate("() => window.portliteRun")
        return result

    def finish_within(self, seconds: float) -> dict[str, Any]:
        """Like :meth:`finish`, but fail if the code has not finished within ``seconds``."""
        result: dict[str, Any] = self.page.evaluate(
            "(ms) => portliteTest.finishWithin(ms)", seconds * 1000
        )
        return result

    def text(self, code: str) -> str:
        """Run ``code`` and return its stdout; raise ``AssertionError`` on an error."""
        result = self.execute(code)
        errors = [o for o in result["outputs"] if o["output_type"] == "error"]
        assert result["status"] == "ok" and not errors, json.dumps(errors or result)[:2000]
        return "".join(o["text"] for o in result["outputs"] if o["output_type"] == "stream")


def outputs_of(cells: list[dict[str, Any]], cell_id: str) -> list[dict[str, Any]]:
    """The outputs of the cell with id ``cell_id``."""
    for cell in cells:
        if cell.get("id") == cell_id:
            return list(cell.get("outputs", []))
    raise KeyError(f"no cell with id {cell_id!r}")


def stream_text(outputs: list[dict[str, Any]], name: str = "stdout") -> str:
    """Concatenated text of one stream in ``outputs``."""
    return "".join(
        "".join(o["text"]) if isinstance(o["text"], list) else o["text"]
        for o in outputs
        if o["output_type"] == "stream" and o["name"] == name
    )
