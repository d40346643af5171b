"""Chromium as the tests run it, and a guarded page in a fresh browser context."""

from __future__ import annotations

import os
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from playwright.sync_api import Browser, Playwright

from .guard import NetworkGuard
from .page import LitePage

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
    # performance.measureUserAgentSpecificMemory() answers at once instead of at the
    # next garbage collection (the memory benchmark)
    "--enable-blink-features=ForceEagerMeasureMemory",
]


def launch_chromium(playwright: Playwright) -> Browser:
    """Launch headless Debian Chromium."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)


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
