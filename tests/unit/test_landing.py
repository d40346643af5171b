"""The landing page's text: the notebooks' markdown rendered, everything else escaped."""

from __future__ import annotations

import pytest

from portlite_site.landing import inline_markdown


@pytest.mark.parametrize(
    ("markdown", "rendered"),
    [
        ("runs `cv2.resize` as is", "runs <code>cv2.resize</code> as is"),
        ("a **detector** and *one* model", "a <strong>detector</strong> and <em>one</em> model"),
        ("see [the docs](https://example.org/x)", "see the docs"),
        ("`<img src=x>` & <script>", "<code>&lt;img src=x&gt;</code> &amp; &lt;script&gt;"),
        ("`**not bold**` stays", "<code>**not bold**</code> stays"),
        ("2 * 3 * 4, snake_case_name", "2 * 3 * 4, snake_case_name"),
    ],
)
def test_inline_marks_become_html_and_the_rest_is_escaped(markdown: str, rendered: str) -> None:
    assert inline_markdown(markdown) == rendered
