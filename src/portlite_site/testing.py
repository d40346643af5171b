"""Drive a built PortLite site in Chromium: shared by the tests and benchmarks.

Needs Playwright (the ``test`` extra). Chromium is Debian's ``/usr/bin/chromium``;
Playwright's own browser download does not work offline.

The pieces:

- :func:`launch_chromium` starts the browser with flags that work as root on a
  machine with no network.
- :class:`NetworkGuard` aborts and records every request that leaves the
  site's origin, counts the bytes fetched, and records console errors and
  uncaught page errors; :meth:`NetworkGuard.assert_clean` fails on any of them
  that the test did not expect.
- :class:`LitePage` opens a notebook by its ``?path=`` link, runs it, and runs
  code in its kernel, returning outputs as plain JSON.
"""

from __future__ import annotations

import base64
import gzip
import http
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.parse
import warnings
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Page,
    Playwright,
    Request,
    Route,
    Worker,
)
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from . import REPO_ROOT
from .serve import SiteHandler

__all__ = [
    "CHROMIUM",
    "CHROMIUM_FLAGS",
    "KernelStallWarning",
    "LitePage",
    "NetworkGuard",
    "build_site",
    "guarded_page",
    "launch_chromium",
    "outputs_of",
    "stream_text",
]

#: Debian's Chromium; override with PORTLITE_CHROMIUM.
CHROMIUM = os.environ.get("PORTLITE_CHROMIUM", "/usr/bin/chromium")

#: Flags that work here: root needs --no-sandbox; the rest stop Chromium's
#: own background traffic, which a closed network refuses many times a second.
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

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


#: Contents only test sites carry: ``smoke.ipynb``, the blank notebook tests open kernels in.
TEST_CONTENTS = REPO_ROOT / "tests" / "site-content"


def launch_chromium(playwright: Playwright) -> Browser:
    """Launch headless Debian Chromium."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)


def build_site(
    output_dir: Path, disable_pypi_fallback: bool = True, check: bool = True, **env: str
) -> subprocess.CompletedProcess[str]:
    """Run the real ``jupyter lite build`` into ``output_dir``.

    Parameters
    ----------
    output_dir : pathlib.Path
        Where the site goes.
    disable_pypi_fallback : bool
        Build with ``%pip``'s PyPI fallback off, so a missing file fails loudly.
    check : bool
        Raise ``CalledProcessError`` when the build fails.
    **env : str
        Extra environment variables (``PORTLITE_CACHE``, proxies, ...).

    Returns
    -------
    subprocess.CompletedProcess
        With the build's log in ``stdout`` and ``stderr``.
    """
    fallback = "1" if disable_pypi_fallback else "0"
    environment = {**os.environ, "PORTLITE_DISABLE_PYPI_FALLBACK": fallback, **env}
    jupyter = Path(sys.executable).with_name("jupyter")
    # jupyterlite keeps doit's state in the working folder, keyed by task
    # name, not by output: a build into another folder would skip tasks.
    for state in REPO_ROOT.glob(".jupyterlite.doit.db*"):
        state.unlink()
    config = REPO_ROOT / "jupyter_lite_config.json"
    # The site's contents plus the tests' own (a blank notebook to open kernels
    # in), which a visitor's site does not carry.
    contents = [*json.loads(config.read_text())["LiteBuildConfig"]["contents"], TEST_CONTENTS]
    result = subprocess.run(
        [
            str(jupyter), "lite", "build",
            "--config", str(config),
            "--output-dir", str(output_dir),
            *(arg for folder in contents for arg in ("--contents", str(folder))),
        ],
        cwd=REPO_ROOT, env=environment, capture_output=True, text=True,
    )  # fmt: skip
    if check and result.returncode != 0:
        raise subprocess.CalledProcessError(
            result.returncode, result.args, result.stdout, result.stderr[-4000:]
        )
    return result


@contextmanager
def guarded_page(
    browser: Browser, base_url: str, block: bool = True, **context_options: Any
) -> Iterator[tuple[LitePage, NetworkGuard]]:
    """A page in a fresh browser context under a guard for ``base_url``'s origin.

    The context starts with an empty cache and storage; ``context_options``
    go to Playwright's ``new_context`` (a phone's viewport, ...). On leaving,
    the context is closed and :meth:`NetworkGuard.assert_clean` runs.
    """
    parts = urllib.parse.urlsplit(base_url)
    guard = NetworkGuard(origin=f"{parts.scheme}://{parts.netloc}", block=block)
    context = browser.new_context(**context_options)
    guard.attach(context)
    try:
        yield LitePage(context.new_page(), base_url), guard
    finally:
        context.close()
    guard.assert_clean()


@dataclass
class NetworkGuard:
    """Keep a browser context on its own origin and count what it fetched.

    Attributes
    ----------
    origin : str
        ``scheme://host:port`` of the site; every other origin is aborted.
    block : bool
        Abort off-origin requests through a route (the default). Playwright
        turns the browser's HTTP cache off while a route is set, so
        benchmarks of a warm cache pass ``False`` and only record them.
    offsite : list of str
        URLs of requests that tried to leave the origin.
    console_errors, page_errors : list of str
        Console ``error`` messages and uncaught exceptions, in order.
    """

    origin: str
    block: bool = True
    offsite: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    finished: list[Request] = field(default_factory=list)
    expected_errors: list[re.Pattern[str]] = field(default_factory=list)

    def attach(self, context: BrowserContext) -> None:
        """Route every request of ``context`` through the guard."""
        if self.block:
            context.route(lambda url: not url.startswith(self.origin), self._abort_offsite)
        else:
            context.on("request", self._record_offsite)
        context.on("requestfinished", lambda request: self.finished.append(request))
        context.on("page", self.watch_page)
        for page in context.pages:
            self.watch_page(page)

    def watch_page(self, page: Page) -> None:
        """Record console errors and page errors of ``page``."""
        page.on("console", self._record_console)
        page.on("pageerror", lambda error: self.page_errors.append(str(error)))

    def _abort_offsite(self, route: Route) -> None:
        if route.request.url.startswith(("data:", "blob:")):
            route.continue_()
            return
        self.offsite.append(route.request.url)
        route.abort("blockedbyclient")

    def _record_console(self, message: ConsoleMessage) -> None:
        if message.type != "error":
            return
        # "Failed to load resource" names the resource only in its location.
        where = message.location.get("url", "")
        self.console_errors.append(
            f"{message.text} ({where})"
            if message.text.startswith("Failed to load")
            else message.text
        )

    def _record_offsite(self, request: Request) -> None:
        if not request.url.startswith((self.origin, "data:", "blob:")):
            self.offsite.append(request.url)

    def expect_error(self, pattern: str) -> None:
        """Allow console or page errors that match ``pattern`` (a regex)."""
        self.expected_errors.append(re.compile(pattern))

    def unexpected_errors(self) -> list[str]:
        """Console and page errors that no expectation matches."""
        return [
            text
            for text in self.console_errors + self.page_errors
            if not any(p.search(text) for p in self.expected_errors)
        ]

    def bytes_fetched(self) -> int:
        """Body bytes of every finished request (0 for cache hits and 304s)."""
        total = 0
        for request in self.finished:
            try:
                total += request.sizes()["responseBodySize"]
            except Exception:  # noqa: BLE001 - a request whose page closed has no sizes
                continue
        return total

    def assert_clean(self) -> None:
        """Fail if anything left the origin or an unexpected error was logged."""
        assert not self.offsite, f"requests left the site's origin: {self.offsite}"
        errors = self.unexpected_errors()
        assert not errors, f"unexpected console or page errors: {errors}"


# JavaScript run in the page. ``window.jupyterapp`` is there because the site
# sets ``exposeAppInBrowser``.
_CURRENT_PANEL = "window.jupyterapp.shell.currentWidget"

_JS_KERNEL_IDLE = f"""() => {{
  const panel = window.jupyterapp && window.jupyterapp.shell && {_CURRENT_PANEL};
  const kernel = panel && panel.sessionContext && panel.sessionContext.session
    && panel.sessionContext.session.kernel;
  return !!kernel && kernel.status === 'idle' && !panel.sessionContext.isRestarting;
}}"""

_JS_INDICATOR = """() => {
  const node = document.querySelector('.portlite-PreloadIndicator');
  return node ? { state: node.dataset.state, label: node.textContent, title: node.title } : {};
}"""

_JS_ALL_RAN = f"""() => {{
  const panel = {_CURRENT_PANEL};
  const cells = panel.content.model.toJSON().cells.filter(c => c.cell_type === 'code');
  return cells.every(c => c.execution_count !== null)
    && panel.sessionContext.session.kernel.status === 'idle';
}}"""

_JS_STALL_STATE = f"""() => {{
  const panel = window.jupyterapp && window.jupyterapp.shell && {_CURRENT_PANEL};
  const context = panel && panel.sessionContext;
  const kernel = context && context.session && context.session.kernel;
  const model = panel && panel.content && panel.content.model;
  const code = model ? model.toJSON().cells.filter(c => c.cell_type === 'code') : [];
  return {{ widget: panel ? panel.constructor.name : null,
           session: !!(context && context.session), restarting: !!(context && context.isRestarting),
           kernel: kernel ? {{ status: kernel.status, connection: kernel.connectionStatus }} : null,
           preload: ({_JS_INDICATOR})(),
           execution_counts: code.map(c => c.execution_count),
           output_counts: code.map(c => (c.outputs || []).length) }};
}}"""

_JS_EXECUTE = f"""async ([code, timeoutMs]) => {{
  const kernel = {_CURRENT_PANEL}.sessionContext.session.kernel;
  const outputs = [];
  const future = kernel.requestExecute({{ code, store_history: false }});
  future.onIOPub = (msg) => {{
    const t = msg.header.msg_type;
    if (['stream', 'execute_result', 'display_data', 'error'].includes(t)) {{
      outputs.push({{ output_type: t, ...msg.content }});
    }}
  }};
  const timeout = new Promise((_, reject) => setTimeout(
    () => reject(new Error(`no reply from the kernel within ${{timeoutMs}} ms`)), timeoutMs));
  const reply = await Promise.race([future.done, timeout]);
  return {{ status: reply.content.status, outputs, at_ms: performance.now() }};
}}"""


class FaultHandler(SiteHandler):
    """The site's handler plus two kinds of bad network, for tests and benchmarks.

    - ``/_faults/truncate/<path>``: announces the whole file, sends half of
      it, then closes the connection (a download cut off mid-way);
    - ``/_faults/throttle/<bytes per second>/<path>``: sends the file at that
      rate (a slow network, the same for page and worker requests);
    - ``/_faults/gzip/<path>``: sends the file gzip-encoded (Content-Length
      counts the encoded bytes, as a compressing server's does);
    - ``/_faults/other/<path>``: sends other bytes (the file reversed) under
      the same file name, as another folder's ``model.onnx`` would.

    Every path asked for is appended to :attr:`requested`: what reached the
    server, whatever the browser's service worker or caches did.
    """

    requested: ClassVar[list[str]] = []

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        """Serve a fault route, or the site as usual."""
        FaultHandler.requested.append(self.path.split("?")[0])
        match = re.match(
            r"^/_faults/(truncate|gzip|other|throttle/(\d+))/(.+)$", self.path.split("?")[0]
        )
        if match is None:
            super().do_GET()
            return
        file = Path(self.translate_path("/" + match.group(3)))
        if not file.is_file():
            self.send_error(http.HTTPStatus.NOT_FOUND)
            return
        data = file.read_bytes()
        if match.group(1) == "other":
            data = data[::-1]
        self.send_response(http.HTTPStatus.OK)
        self.send_header("Content-Type", "application/octet-stream")
        if match.group(1) == "gzip":
            data = gzip.compress(data)
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if match.group(1) in ("gzip", "other"):
            self.wfile.write(data)
            return
        if match.group(1) == "truncate":
            self.wfile.write(data[: len(data) // 2])
            self.wfile.flush()
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        rate, chunk = int(match.group(2)), 64 * 1024
        started = time.perf_counter()
        for offset in range(0, len(data), chunk):
            self.wfile.write(data[offset : offset + chunk])
            ahead = (offset + chunk) / rate - (time.perf_counter() - started)
            if ahead > 0:
                time.sleep(ahead)


_JS_START = f"""([code, timeoutMs]) => {{
  window.__portliteRun = ({_JS_EXECUTE})([code, timeoutMs]);
}}"""


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
            state = self.page.evaluate(_JS_STALL_STATE)
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
            self.page.wait_for_function(_JS_KERNEL_IDLE, timeout=START_STALL_S * 1000)
        except PlaywrightTimeoutError:
            report = self.stall_report(f"The kernel of {path} was not idle", START_STALL_S)
            warnings.warn(KernelStallWarning(report + "\nThe page was loaded again."), stacklevel=2)
            self.page.goto(f"{self.base_url}{path}")
            self.wait_for_kernel()

    def open_lab(self) -> None:
        """Open JupyterLab with no document and wait until the app has started."""
        self.page.goto(f"{self.base_url}lab/index.html")
        self.page.wait_for_function("() => window.jupyterapp && window.jupyterapp.started")

    def save_file(self, path: str, content: bytes) -> None:
        """Put a file into the site's contents (the browser's storage), as an upload does."""
        self.page.evaluate(
            "([path, content]) => window.jupyterapp.serviceManager.contents.save("
            "path, { type: 'file', format: 'base64', content })",
            [path, base64.b64encode(content).decode()],
        )

    def save_notebook(self, path: str, cells: list[dict[str, Any]]) -> None:
        """Save a notebook of ``cells`` (nbformat 4) for the Pyodide kernel into the contents."""
        kernel = {"name": "python", "display_name": "Python (Pyodide)", "language": "python"}
        notebook = {"cells": cells, "metadata": {"kernelspec": kernel},
                    "nbformat": 4, "nbformat_minor": 5}  # fmt: skip
        self.page.evaluate(
            "([path, content]) => window.jupyterapp.serviceManager.contents.save("
            "path, { type: 'notebook', format: 'json', content })",
            [path, notebook],
        )

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
        self.page.evaluate(f"() => {_CURRENT_PANEL}.sessionContext.session.kernel.restart()")
        self.wait_for_kernel()

    def preload_indicator(self) -> dict[str, str]:
        """PortLite's status item of the current widget: ``state``, ``label``, ``title``."""
        indicator: dict[str, str] = self.page.evaluate(_JS_INDICATOR)
        return indicator

    def wait_for_preload(self) -> dict[str, str]:
        """Wait until the status item shows a finished preload; return it."""
        self.page.wait_for_function(
            f"() => !['loading', 'none', undefined].includes(({_JS_INDICATOR})().state)",
            timeout=KERNEL_TIMEOUT_S * 1000,
        )
        return self.preload_indicator()

    def wait_for_kernel(self) -> None:
        """Wait until the current widget's kernel is idle."""
        try:
            self.page.wait_for_function(_JS_KERNEL_IDLE, timeout=KERNEL_TIMEOUT_S * 1000)
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
        self.page.evaluate("void window.jupyterapp.commands.execute('notebook:run-all-cells')")
        try:
            self.page.wait_for_function(_JS_ALL_RAN, timeout=KERNEL_TIMEOUT_S * 1000)
        except PlaywrightTimeoutError:
            # Say which cell stalled, so a rare hang can be told apart from a slow one.
            raise AssertionError(self.stall_report("Run all did not finish")) from None
        cells: list[dict[str, Any]] = self.page.evaluate(
            f"{_CURRENT_PANEL}.content.model.toJSON().cells"
        )
        return cells

    def execute(self, code: str) -> dict[str, Any]:
        """Run ``code`` in the open notebook's kernel.

        Returns
        -------
        dict
            ``status`` (``'ok'`` or ``'error'``), ``outputs`` (nbformat-like
            dicts) and ``at_ms`` (page time when the reply arrived).
        """
        result: dict[str, Any] = self.page.evaluate(_JS_EXECUTE, [code, KERNEL_TIMEOUT_S * 1000])
        return result

    def start(self, code: str) -> None:
        """Start running ``code`` without waiting (see :meth:`finish`)."""
        self.page.evaluate(_JS_START, [code, KERNEL_TIMEOUT_S * 1000])

    def finish(self) -> dict[str, Any]:
        """Wait for the code given to :meth:`start`; return what :meth:`execute` returns."""
        result: dict[str, Any] = self.page.evaluate("() => window.__portliteRun")
        return result

    def finish_within(self, seconds: float) -> dict[str, Any]:
        """Like :meth:`finish`, but fail if the code has not finished within ``seconds``."""
        result: dict[str, Any] = self.page.evaluate(
            """([ms]) => Promise.race([window.__portliteRun, new Promise((_, reject) =>
              setTimeout(() => reject(new Error(`still running after ${ms} ms`)), ms))])""",
            [seconds * 1000],
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
