"""The site's landing page: the sample notebooks, each opened by its link.

The build writes it as the site's root ``index.html`` (in place of
JupyterLite's redirect, keeping the empty config element that marks the
site's root for JupyterLite's apps), listing each notebook with the title and first
paragraph of its opening markdown cell. It is plain HTML with inline
styles: nothing loads from elsewhere.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from urllib.parse import quote

from .start_size import PAGE_CODE_BYTES, StartSize

__all__ = [
    "SAMPLE_NOTEBOOKS",
    "first_visit_text",
    "inline_markdown",
    "landing_page",
    "notebook_summary",
]

#: The sample notebooks, in the order a visitor should meet them.
SAMPLE_NOTEBOOKS = (
    "resize.ipynb",
    "find-contours.ipynb",
    "text-detection.ipynb",
    "ocr.ipynb",
    "document-scanner.ipynb",
    "model-cache.ipynb",
    "port-your-own-pipeline.ipynb",
)

_STYLE = """
body { font: 16px/1.5 system-ui, sans-serif; max-width: 46rem; margin: 3rem auto; padding: 0 1rem;
       color: #1f2328; }
h1 { margin-bottom: 0.2rem; } .lead { color: #57606a; margin-top: 0; }
ol { padding-left: 1.2rem; } li { margin: 1.2rem 0; }
li a.title { font-weight: 600; font-size: 1.1rem; }
li p { margin: 0.2rem 0; } .also { color: #57606a; font-size: 0.9rem; }
nav a { margin-right: 1rem; }
"""


def notebook_summary(path: Path) -> tuple[str, str]:
    """The title (first ``#`` heading) and first paragraph of a notebook's first markdown cell."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    markdown = next(c for c in cells if c["cell_type"] == "markdown")
    source = (
        markdown["source"] if isinstance(markdown["source"], str) else "".join(markdown["source"])
    )
    blocks = [block.strip() for block in source.split("\n\n") if block.strip()]
    title = blocks[0].lstrip("#").strip()
    paragraph = " ".join(blocks[1].split()) if len(blocks) > 1 else ""
    return title, paragraph


_CODE_SPAN = re.compile(r"`([^`]+)`")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_STRONG = re.compile(r"\*\*(.+?)\*\*")
_EMPHASIS = re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])")


def inline_markdown(text: str) -> str:
    """A markdown paragraph's inline marks as HTML, everything else escaped.

    Code spans become ``<code>`` (their text as it is), links their text
    (the landing page links nowhere but to the site), ``**strong**`` and
    ``*emphasis*`` their tags.
    """
    pieces = []
    for index, piece in enumerate(_CODE_SPAN.split(text)):
        if index % 2:
            pieces.append(f"<code>{html.escape(piece)}</code>")
            continue
        piece = html.escape(_LINK.sub(r"\1", piece), quote=False)
        piece = _STRONG.sub(r"<strong>\1</strong>", piece)
        pieces.append(_EMPHASIS.sub(r"<em>\1</em>", piece))
    return "".join(pieces)


def first_visit_text(size: StartSize) -> str:
    """What the first run downloads, in the landing page's words."""
    parts = ", ".join(f"{name} {n / 1e6:.1f} MB" for name, n in size.parts.items())
    return (
        f"the first run downloads about {size.first_visit / 1e6:.0f} MB ({parts}, and "
        f"about {PAGE_CODE_BYTES / 1e6:.1f} MB of JupyterLite's own code), then "
        f"{size.after_start / 1e6:.1f} MB in the background once it is ready (ssl, and "
        f"jedi for completions) and {size.first_session / 1e6:.1f} MB more for "
        "onnxruntime-web's engine when a notebook first makes a model session"
    )


def landing_page(notebooks_dir: Path, size: StartSize) -> str:
    """The landing page's HTML for the sample notebooks in ``notebooks_dir``.

    ``size`` is what a first visit downloads (see :mod:`portlite_site.start_size`).
    """
    items = []
    for name in SAMPLE_NOTEBOOKS:
        title, paragraph = notebook_summary(notebooks_dir / name)
        link = f"notebooks/index.html?path={quote(name)}"
        items.append(
            f'<li><a class="title" href="{link}">{inline_markdown(title)}</a>'
            f"<p>{inline_markdown(paragraph)}</p>"
            f'<p class="also"><code>{html.escape(name)}</code> · '
            f'<a href="lab/index.html?path={quote(name)}">open in JupyterLab</a></p></li>'
        )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>PortLite: server-side Python vision and ML in your browser</title>
<!-- JupyterLite's apps read this element to find the site's root; without
     config-utils.js, this page does not redirect. -->
<script id="jupyter-config-data" type="application/json" data-jupyter-lite-root=".">{{}}</script>
<style>{_STYLE}</style>
</head>
<body>
<h1>PortLite</h1>
<p class="lead">Server-side Python vision and ML code (numpy, <code>cv2</code>,
<code>onnxruntime</code>) running unchanged in a notebook in your browser, on
opencv.js and onnxruntime-web. Nothing runs on a server; everything this site
needs is part of it, and nothing is fetched from elsewhere.</p>
<nav><a href="lab/index.html">JupyterLab</a><a href="tree/index.html">Files</a>
<a href="repl/index.html?kernel=python">Python console</a></nav>
<h2>Sample notebooks</h2>
<ol>
{chr(10).join(items)}
</ol>
<p class="also" id="first-visit">Each notebook opens by its link. Run it from the top:
{html.escape(first_visit_text(size))}. Your browser keeps them.
Share a notebook with the Share button in its toolbar: the link carries the
notebook itself.</p>
</body>
</html>
"""
