"""The smoke notebook, run in Chromium from a ?path= link, fully offline."""

from __future__ import annotations

import base64
import re

import pytest

from portlite_site.testing import guarded_page, outputs_of, stream_text


def test_the_smoke_notebook_runs_offline(a_lite_page, a_network_guard) -> None:
    a_lite_page.open_notebook("smoke.ipynb")
    assert a_lite_page.page.evaluate("crossOriginIsolated") is True

    cells = a_lite_page.run_all()

    errors = [
        o
        for c in cells
        if c["cell_type"] == "code"
        for o in c["outputs"]
        if o["output_type"] == "error"
    ]
    assert errors == []
    assert "numpy 2.0.2 sum of squares 285" in stream_text(outputs_of(cells, "numpy"))
    assert "Pillow 10.2.0 (16, 12) (200, 30, 10)" in stream_text(outputs_of(cells, "pillow"))

    figure = [o for o in outputs_of(cells, "matplotlib") if "image/png" in o.get("data", {})]
    assert len(figure) == 1
    png = base64.b64decode(figure[0]["data"]["image/png"])
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 5_000

    # The slider rendered in the page; type a new value into its readout.
    page = a_lite_page.page
    readout = page.locator(".widget-slider .widget-readout").first
    readout.wait_for(state="visible")
    assert readout.text_content().strip() == "3"
    readout.click()
    page.keyboard.press("Control+A")
    page.keyboard.type("5")
    page.keyboard.press("Enter")
    page.wait_for_function(
        "() => document.querySelector('.widget-slider .noUi-handle')"
        ".getAttribute('aria-valuenow') === '5.0'"
    )
    seen = a_lite_page.text("print(slider.value, seen)")
    assert seen.strip() == "5 [5]"
    assert a_network_guard.offsite == []
    assert a_network_guard.bytes_fetched() > 10_000_000


def test_a_package_the_site_does_not_ship_fails_loudly(a_lite_page, a_network_guard) -> None:
    a_lite_page.open_notebook("smoke.ipynb")
    result = a_lite_page.execute("import piplite\nawait piplite.install('left-pad-portlite')")
    assert result["status"] == "error"
    text = " ".join(o.get("evalue", "") for o in result["outputs"])
    assert re.search(r"PyPI fallback is disabled", text), text
    assert a_network_guard.offsite == []


def test_the_network_guard_catches_offsite_requests_and_errors(a_browser, a_site_url) -> None:
    with pytest.raises(AssertionError, match="left the site's origin"):  # noqa: SIM117
        with guarded_page(a_browser, a_site_url) as (lite, guard):
            lite.page.goto(a_site_url + "lab/index.html")
            # A fetch never leaves (the site's CSP refuses it before any request);
            # a navigation is not a fetch, so it reaches the guard.
            lite.page.evaluate("fetch('https://example.org/offsite/').catch(() => null)")
            guard.expect_error("Content Security Policy")
            assert guard.offsite == []
            lite.page.evaluate("() => { window.open('https://example.org/offsite/'); }")
            lite.page.wait_for_timeout(500)
            lite.page.evaluate("console.error('portlite-guard-probe')")
            lite.page.evaluate("console.error('an expected probe')")
            guard.expect_error("^an expected probe$")
    assert guard.offsite == ["https://example.org/offsite/"]
    unexpected = guard.unexpected_errors()
    assert "portlite-guard-probe" in unexpected
    assert "an expected probe" not in unexpected and "an expected probe" in guard.console_errors


def test_waitasync_always_returns_a_promise_on_every_app_page(a_lite_page) -> None:
    """The page fix that keeps the kernel's page/worker replies from being lost."""
    for app in ("lab", "notebooks", "repl", "tree", "edit", "consoles"):
        a_lite_page.page.goto(f"{a_lite_page.base_url}{app}/index.html")
        settled = a_lite_page.page.evaluate(
            """async () => {
              const cell = new Int32Array(new SharedArrayBuffer(4));
              const result = Atomics.waitAsync(cell, 0, 1);  // 0 != 1: answers at once
              return [result.async, typeof result.value.then, await result.value];
            }"""
        )
        assert settled == [False, "function", "not-equal"], app
