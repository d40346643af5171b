"""A browser context kept on its site's origin, its errors recorded."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from playwright.sync_api import BrowserContext, ConsoleMessage, Page, Request, Route


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
