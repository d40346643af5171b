"""Shared fixtures: one built site, one server and one browser per session.

Tests live in tiers, one folder each, and each is marked by its folder
(``-m unit``, ``-m build``, ``-m browser``): ``unit/`` runs pure logic on CPython,
``build/`` the site build and its pinned files, ``browser/`` the built site in
Chromium.

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

from portlite_site import REPO_ROOT

#: The test tiers: each a folder of tests/ and the marker its tests carry.
TIERS = ("unit", "build", "browser")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark each test with its tier, from the folder it lives in."""
    for item in items:
        tier = item.path.parent.name
        if tier not in TIERS:
            raise pytest.UsageError(
                f"{item.nodeid}: tests live in one of tests/{{{','.join(TIERS)}}}/"
            )
        item.add_marker(tier)


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
def a_plain_site_url(a_built_site: Path) -> Iterator[str]:
    """The built site served as most free hosts serve it: no headers of its own (no isolation)."""
    from portlite_site.serve import SiteHandler, serve_in_thread

    class PlainHandler(SiteHandler):
        response_headers: dict[str, str] = {}

    server, url = serve_in_thread(a_built_site, handler_class=PlainHandler)
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
def a_guarded_page(a_browser, a_site_url) -> Iterator[tuple[object, object]]:
    """A page in a fresh context with its guard; checked clean at teardown."""
    from portlite_site.testing import guarded_page

    with guarded_page(a_browser, a_site_url) as (lite_page, guard):
        yield lite_page, guard


@pytest.fixture
def a_plain_lite_page(a_browser, a_plain_site_url) -> Iterator[object]:
    """Like ``a_lite_page``, on the site served without isolation headers."""
    from portlite_site.testing import guarded_page

    with guarded_page(a_browser, a_plain_site_url) as (lite_page, _guard):
        yield lite_page


@pytest.fixture
def a_lite_page(a_guarded_page) -> object:
    """The page of ``a_guarded_page``."""
    return a_guarded_page[0]


@pytest.fixture
def a_network_guard(a_guarded_page) -> object:
    """The guard of ``a_guarded_page``."""
    return a_guarded_page[1]
