"""The build stops when the pyodide-kernel bundle no longer has what the page fixes patch."""

from __future__ import annotations

from pathlib import Path

import pytest

from portlite_site.page_fixes import check_page_fixes, coincident_channel

BUNDLE = Path("extensions/@jupyterlite/pyodide-kernel-extension")


def test_the_vendored_bundle_has_what_the_page_fixes_rely_on(a_built_site: Path) -> None:
    check_page_fixes(a_built_site / BUNDLE)


def test_a_bundle_without_coincidents_channel_stops_the_build(tmp_path: Path) -> None:
    bundle = "const {wait, waitAsync: later} = Atomics; const channel = 'another-uuid';"
    (tmp_path / "worker.js").write_text(bundle)
    with pytest.raises(RuntimeError, match=coincident_channel()) as raised:
        check_page_fixes(tmp_path)
    assert "page/whole-replies.js" in str(raised.value)
    assert "atomics-wait-async" not in str(raised.value)
