"""A link that carries code (JupyterLite's REPL ``?code=``) runs nothing without consent."""

from __future__ import annotations

import urllib.parse

from portlite_site.kernel_extension import PLUGIN_ID

#: The attack: a link that writes into the visitor's files, its code hidden.
PAYLOAD = "open('/drive/pwned.txt', 'w').write('x')"
ATTACK = "repl/index.html?kernel=python&hideCodeInput=1&code=" + urllib.parse.quote(PAYLOAD)
DIALOG = ".jp-Dialog"
PWNED = "import os; print(os.path.exists('/drive/pwned.txt'))"


def _written(lite) -> bool:
    return lite.text(PWNED).strip() == "True"


def _wait_for_output(lite, text: str) -> None:
    """Wait until the console shows ``text`` in a cell's output (the link's code ran)."""
    lite.page.locator(".jp-CodeConsole .jp-OutputArea-output", has_text=text).first.wait_for()


def test_the_repl_link_shows_its_code_and_runs_nothing_when_declined(a_lite_page) -> None:
    a_lite_page.open_app(ATTACK)
    dialog = a_lite_page.page.locator(DIALOG)
    dialog.wait_for()
    assert PAYLOAD in dialog.locator("pre.portlite-LinkCode").inner_text()
    assert "code=" not in a_lite_page.page.url  # no reload runs it either
    assert not _written(a_lite_page)
    dialog.get_by_role("button", name="Do not run").click()
    dialog.wait_for(state="detached")
    assert not _written(a_lite_page)


def test_the_repl_link_runs_its_code_once_the_visitor_agrees(a_lite_page) -> None:
    a_lite_page.open_app(ATTACK)
    dialog = a_lite_page.page.locator(DIALOG)
    assert not _written(a_lite_page)
    dialog.get_by_role("button", name="Run", exact=True).click()
    _wait_for_output(a_lite_page, "1")  # write() returns the number of characters
    assert _written(a_lite_page)


def test_a_site_that_never_runs_link_code_drops_it_and_says_so(a_lite_page) -> None:
    a_lite_page.override_lite_settings(PLUGIN_ID, {"linkCode": "never"})
    a_lite_page.open_app(ATTACK)
    a_lite_page.page.get_by_text("never runs code from links").wait_for()
    assert a_lite_page.page.locator(DIALOG).count() == 0
    assert not _written(a_lite_page)


def test_a_site_that_embeds_a_console_can_run_link_code_at_once(a_lite_page) -> None:
    a_lite_page.override_lite_settings(PLUGIN_ID, {"linkCode": "run"})
    a_lite_page.open_app("repl/index.html?kernel=python&code=" + urllib.parse.quote("6 * 7"))
    _wait_for_output(a_lite_page, "42")
    assert a_lite_page.page.locator(DIALOG).count() == 0
