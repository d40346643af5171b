"""Sharing notebooks by link in Chromium: a copy in another browser, untrusted, nothing run.

The link carries the notebook in its fragment; these tests make links with
the Share command in one browser context and open them in a fresh one (its
own storage, as another person's browser).
"""

from __future__ import annotations

import base64
import hashlib
import json
import random
import string
import zlib
from pathlib import Path

import pytest

from portlite_site.testing import guarded_page

SHARE = "void window.jupyterapp.commands.execute('portlite:share-notebook')"
CELLS = "() => window.jupyterapp.shell.currentWidget.content.model.toJSON().cells"
LISTING = (
    "async () => (await window.jupyterapp.serviceManager.contents.get('')).content"
    ".map((item) => item.name).sort()"
)


def _share(lite) -> str:
    """Share the current notebook (through the files dialog, if it asks); return the link."""
    lite.page.evaluate(SHARE)
    lite.page.locator(".portlite-ShareLink, .portlite-ShareFiles").first.wait_for()
    if lite.page.locator(".portlite-ShareFiles").count():
        lite.page.locator(".jp-Dialog").get_by_role("button", name="Make link").click()
    return lite.page.locator(".portlite-ShareLink").input_value()


def _open_link(lite, link: str) -> list[dict]:
    lite.page.goto(link)
    lite.page.wait_for_url("**/notebooks/index.html?path=*", timeout=60_000)
    lite.wait_for_kernel()
    cells: list[dict] = lite.page.evaluate(CELLS)
    return cells


def _sources(cells: list[dict]) -> list[tuple[str, str]]:
    return [
        (c["cell_type"], c["source"] if isinstance(c["source"], str) else "".join(c["source"]))
        for c in cells
    ]


def test_a_shared_notebook_opens_as_an_equal_copy_in_another_browser(
    a_lite_page, a_browser, a_site_url, a_built_site: Path
) -> None:
    a_lite_page.open_notebook("find-contours.ipynb")
    a_lite_page.run_all()  # the original has outputs; the link must not carry them
    link = _share(a_lite_page)
    assert link.startswith(f"{a_site_url}tree/index.html#portlite-share=1.")
    original = json.loads((a_built_site / "files" / "find-contours.ipynb").read_text())["cells"]

    with guarded_page(a_browser, a_site_url) as (other, _):
        copy = _open_link(other, link)
        assert other.page.url.endswith("?path=find-contours-shared.ipynb")
        assert _sources(copy) == _sources(original)
        code = [c for c in copy if c["cell_type"] == "code"]
        assert code and all(c["outputs"] == [] and c["execution_count"] is None for c in code)
        names = other.page.evaluate(LISTING)
        assert "find-contours.ipynb" in names and "find-contours-shared.ipynb" in names
        # Opening the same link again overwrites nothing either.
        _open_link(other, link)
        assert other.page.url.endswith("?path=find-contours-shared-2.ipynb")


def test_scripts_in_a_shared_notebook_do_not_run(a_lite_page, a_browser, a_site_url) -> None:
    a_lite_page.open_lab()
    script = "<script>window.__portliteRan = 'markdown'</script>"
    # A broken inline image: its onerror handler would run, with no request.
    image = "<img src='data:image/png;base64,AAAA' onerror=\"window.__portliteRan = 'img'\">"
    a_lite_page.save_notebook(
        "hostile.ipynb",
        [
            {"cell_type": "markdown", "id": "md", "metadata": {},
             "source": f"# Visible heading\n\n{script}\n\n{image}"},
            {"cell_type": "code", "id": "out", "metadata": {"trusted": True},
             "execution_count": 1, "source": "print('hi')",
             "outputs": [{"output_type": "display_data", "metadata": {}, "data": {
                 "text/html": "<script>window.__portliteRan = 'html'</script>",
                 "application/javascript": "window.__portliteRan = 'js'"}}]},
        ],
    )  # fmt: skip
    a_lite_page.open_notebook("hostile.ipynb")
    link = _share(a_lite_page)

    with guarded_page(a_browser, a_site_url) as (other, _):
        copy = _open_link(other, link)
        other.page.get_by_role("heading", name="Visible heading").wait_for(timeout=30_000)
        assert other.page.evaluate("() => window.__portliteRan") is None
        assert copy[1]["outputs"] == [] and copy[1]["execution_count"] is None
        trusted = other.page.evaluate(
            "() => window.jupyterapp.shell.currentWidget.content.model.cells.get(1).trusted"
        )
        assert trusted is False


def test_a_notebook_too_large_for_a_link_gets_a_message(a_lite_page) -> None:
    a_lite_page.open_lab()
    noise = "".join(random.Random(7).choices(string.ascii_letters + string.digits, k=60_000))
    a_lite_page.save_notebook(
        "large.ipynb",
        [{"cell_type": "markdown", "id": "noise", "metadata": {}, "source": noise}],
    )
    a_lite_page.open_notebook("large.ipynb")
    a_lite_page.page.evaluate(SHARE)
    dialog = a_lite_page.page.locator(".jp-Dialog")
    dialog.get_by_text("cannot be shared by link").wait_for(timeout=30_000)
    text = dialog.inner_text()
    assert "more than the 32,768 a share link may have" in text
    assert "File > Download" in text
    assert a_lite_page.page.locator(".portlite-ShareLink").count() == 0


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        ("truncate", "not a complete PortLite share link"),
        ("alter", "damaged or altered"),
    ],
)
def test_a_damaged_link_gets_a_message_and_creates_nothing(
    a_lite_page, a_browser, a_site_url, damage: str, reason: str
) -> None:
    a_lite_page.open_notebook("resize.ipynb")
    link = _share(a_lite_page)
    head, payload = link.rsplit(".", 1)
    if damage == "truncate":
        bad = head
    else:
        flipped = "A" if payload[40] != "A" else "B"
        bad = f"{head}.{payload[:40]}{flipped}{payload[41:]}"

    with guarded_page(a_browser, a_site_url) as (other, guard):
        guard.expect_error("Showing error|share link")
        other.page.goto(bad)
        dialog = other.page.locator(".jp-Dialog")
        dialog.get_by_text("This share link cannot be opened").wait_for(timeout=60_000)
        assert reason in dialog.inner_text() and "Nothing was created" in dialog.inner_text()
        assert "#" not in other.page.url
        names = other.page.evaluate(LISTING)
        assert not [name for name in names if "shared" in name or name.startswith("resize-")]


def _forged_link(base_url: str, name: str, notebook: dict) -> str:
    """A link in PortLite's format made by anyone (the checksum is not a signature)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    deflated = compressor.compress(json.dumps(notebook).encode()) + compressor.flush()

    def b64url(data: bytes) -> str:
        return base64.urlsafe_b64encode(data).decode().rstrip("=")

    safe_name, payload = b64url(name.encode()), b64url(deflated)
    checksum = hashlib.sha256(f"{safe_name}.{payload}".encode()).hexdigest()[:16]
    return f"{base_url}tree/index.html#portlite-share=1.{safe_name}.{checksum}.{payload}"


def _notebook(cells: list[dict]) -> dict:
    return {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": cells}


def _markdown(text: str) -> dict:
    return {"cell_type": "markdown", "id": "md", "metadata": {}, "source": text}


@pytest.mark.parametrize(
    ("megabytes", "reason"),
    [
        (100, "more than the 32,768 of any link PortLite makes"),  # a 130 KB link
        (20, "unpacks to more than 16 MB"),  # under the length limit, a bomb inside
    ],
)
def test_a_bomb_link_is_refused_before_it_fills_the_tab(
    a_lite_page, a_network_guard, a_site_url, megabytes: int, reason: str
) -> None:
    a_network_guard.expect_error("Showing error|share link")
    link = _forged_link(a_site_url, "bomb.ipynb", _notebook([_markdown("a" * megabytes * 2**20)]))
    a_lite_page.page.goto(link)
    dialog = a_lite_page.page.locator(".jp-Dialog")
    dialog.get_by_text("This share link cannot be opened").wait_for(timeout=60_000)
    assert reason in dialog.inner_text() and "Nothing was created" in dialog.inner_text()
    assert not [n for n in a_lite_page.page.evaluate(LISTING) if n.startswith("bomb")]


def test_a_shared_copy_shows_every_cell_under_a_clean_name(a_lite_page, a_site_url) -> None:
    hidden = {
        "cell_type": "code", "id": "hidden", "source": "print('hidden code')",
        "outputs": [], "execution_count": None,
        "metadata": {"jupyter": {"source_hidden": True, "outputs_hidden": True},
                     "editable": False, "deletable": False},
    }  # fmt: skip
    spoofed = "invoice\u202egpj.exe\x07" + "x" * 500 + ".ipynb"
    link = _forged_link(a_site_url, spoofed, _notebook([_markdown("# Hi"), hidden]))
    copy = _open_link(a_lite_page, link)
    name = a_lite_page.page.url.split("?path=")[1]
    assert "%E2%80%AE" not in name and "%07" not in name
    assert name.startswith("invoicegpj.exex") and len(name) == 120 + len(".ipynb")
    code = next(c for c in copy if c["id"] == "hidden")
    assert code["metadata"].get("jupyter", {}) == {}
    assert "editable" not in code["metadata"] and "deletable" not in code["metadata"]


def test_a_notebooks_remote_image_is_never_requested(a_lite_page, a_network_guard) -> None:
    """Markdown that points at another origin tells that origin nothing (CSP img-src)."""
    a_network_guard.expect_error("Content Security Policy")
    a_lite_page.open_lab()
    tracker = "https://tracker.invalid/pixel.png?who=visitor"
    a_lite_page.save_notebook(
        "remote-image.ipynb",
        [_markdown(f'# Look\n\n<img src="{tracker}">\n\n![chart]({tracker}&md=1)')],
    )
    a_lite_page.open_notebook("remote-image.ipynb")
    images = a_lite_page.page.locator(".jp-RenderedMarkdown img")
    images.first.wait_for(state="attached")
    assert images.count() == 2
    a_lite_page.page.wait_for_timeout(1000)  # any request would have started by now
    assert a_network_guard.offsite == []


def test_a_shared_notebook_carries_the_small_file_it_reads_and_says_where_it_came_from(
    a_lite_page, a_browser, a_site_url
) -> None:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 120, 40)).save(buffer, "PNG")
    receipt = buffer.getvalue()
    a_lite_page.open_lab()
    a_lite_page.save_file("receipt.png", receipt)  # an upload of the sharer's
    a_lite_page.save_file("big.bin", bytes(40_000))  # too large to ride in a link
    code = (
        "import cv2\nimage = cv2.imread('receipt.png')\nprint(image.shape)\n"
        "coins = cv2.imread('data/coins.png')  # the site ships this one\n"
        "blob = open('big.bin', 'rb').read()"
    )
    a_lite_page.save_notebook(
        "reads-files.ipynb",
        [{"cell_type": "code", "id": "c", "metadata": {}, "source": code,
          "outputs": [], "execution_count": None}],
    )  # fmt: skip
    a_lite_page.open_notebook("reads-files.ipynb")
    a_lite_page.page.evaluate(SHARE)
    dialog = a_lite_page.page.locator(".portlite-ShareFiles")
    dialog.wait_for()
    listed = dialog.inner_text()
    assert "receipt.png" in listed and "big.bin" in listed and "coins.png" not in listed
    assert "not carried: too large" in listed
    a_lite_page.page.locator(".jp-Dialog").get_by_role("button", name="Make link").click()
    link = a_lite_page.page.locator(".portlite-ShareLink").input_value()

    with guarded_page(a_browser, a_site_url) as (other, _):
        _open_link(other, link)
        banner = other.page.get_by_text("Opened from a link: reads-files.ipynb is your own copy")
        banner.wait_for()
        assert "Run All will run its 1 code cells" in banner.inner_text()
        assert "Files restored beside it: receipt.png" in banner.inner_text()
        names = other.page.evaluate(LISTING)
        assert "receipt.png" in names and "big.bin" not in names
        assert other.text("import cv2\nprint(cv2.imread('receipt.png').shape)").strip() == (
            "(30, 40, 3)"
        )
