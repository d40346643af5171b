"""Phones: the landing page and a notebook at 390x844 (an iPhone 14's viewport)."""

from __future__ import annotations

from portlite_site import REPO_ROOT
from portlite_site.testing import guarded_page

SCREENSHOTS = REPO_ROOT / "tests" / "screenshots"

PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 3,
    "is_mobile": True,
    "has_touch": True,
}

#: Where an element is on screen: its box, or null when it is not laid out.
_JS_BOX = """(selector) => {
  const node = document.querySelector(selector);
  if (!node) return null;
  const box = node.getBoundingClientRect();
  return { left: box.left, right: box.right, width: box.width, height: box.height };
}"""


def test_on_a_phone_the_landing_page_fits_and_a_notebook_shows_its_status_and_share(
    a_browser, a_site_url
) -> None:
    with guarded_page(a_browser, a_site_url, **PHONE) as (lite, _guard):
        page = lite.page
        page.goto(a_site_url)
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
        SCREENSHOTS.mkdir(exist_ok=True)
        page.screenshot(path=SCREENSHOTS / "phone-landing.png", full_page=True)

        lite.open_notebook("smoke.ipynb")
        lite.wait_for_preload()
        # JupyterLab's toolbar may fold its items into its "⋯" popup on a
        # phone: PortLite's go in a bar of their own above the notebook.
        bar = ".jp-NotebookPanel .portlite-NotebookBar"
        for selector in (f"{bar} .portlite-PreloadIndicator",
                         f"{bar} [data-jp-item-name='portliteShare']"):  # fmt: skip
            box = page.evaluate(_JS_BOX, selector)
            assert box and box["width"] > 0 and box["height"] > 0, f"{selector} is not shown"
            assert box["left"] >= 0 and box["right"] <= 390, f"{selector} is off screen: {box}"
        assert page.locator(f"{bar} .portlite-PreloadIndicator").inner_text() == "PortLite: ready"
        page.screenshot(path=SCREENSHOTS / "phone-notebook.png")
