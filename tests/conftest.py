"""Shared fixtures: one built site, one server and one browser per session.

Browser tests use ``a_lite_page``: a fresh browser context (empty cache and
storage) whose every request is checked by a :class:`NetworkGuard`; the test
fails at teardown if a request left the origin or an unexpected console or
page error appeared.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]

#: The site the browser tests use: built once per session, PyPI fallback off.
TEST_SITE = Path(os.environ.get("PORTLITE_TEST_SITE", REPO_ROOT / "build" / "test-site"))


@pytest.fixture(scope="session")
def a_built_site() -> Path:
    """The site built with PyPI fallback off, so a missing file fails loudly."""
    from portlite_site.testing import build_site

    build_site(TEST_SITE, disable_pypi_fallback=True)
    assert (TEST_SITE / "index.html").exists()
    return TEST_SITE


@pytest.fixture(scope="session")
def a_site_url(a_built_site: Path) -> Iterator[str]:
    """The base URL of the built site, served on loopback with isolation headers."""
    from portlite_site.serve import serve_in_thread

    server, url = serve_in_thread(a_built_site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def a_browser() -> Iterator[object]:
    """One headless Chromium for the whole session."""
    from playwright.sync_api import sync_playwright

    from portlite_site.testing import launch_chromium

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()


@pytest.fixture
def a_network_guard(a_site_url: str) -> object:
    """A guard for the site's origin (attached by ``a_lite_page``)."""
    from portlite_site.testing import NetworkGuard

    return NetworkGuard(origin=a_site_url.rstrip("/"))


@pytest.fixture
def a_lite_page(a_browser, a_site_url, a_network_guard) -> Iterator[object]:
    """A page in a fresh context, guarded; checked clean at teardown."""
    from portlite_site.testing import LitePage

    context = a_browser.new_context()
    a_network_guard.attach(context)
    page = context.new_page()
    yield LitePage(page, a_site_url)
    context.close()
    a_network_guard.assert_clean()
