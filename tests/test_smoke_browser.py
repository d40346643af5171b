"""The smoke notebook, run in Chromium from a ?path= link, fully offline."""

from __future__ import annotations

import base64
import re

import pytest

from portlite_site.testing import outputs_of, stream_text

pytestmark = pytest.mark.browser


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
    from portlite_site.testing import NetworkGuard

    guard = NetworkGuard(origin=a_site_url.rstrip("/"))
    context = a_browser.new_context()
    guard.attach(context)
    page = context.new_page()
    page.goto(a_site_url + "lab/index.html")
    page.evaluate("fetch('https://pypi.org/simple/').catch(() => null)")
    page.evaluate("console.error('portlite-guard-probe')")
    page.wait_for_function("true")
    context.close()
    assert guard.offsite == ["https://pypi.org/simple/"]
    assert "portlite-guard-probe" in guard.unexpected_errors()
    with pytest.raises(AssertionError, match="left the site's origin"):
        guard.assert_clean()
