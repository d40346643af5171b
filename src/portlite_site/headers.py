"""The response headers every PortLite site is served with, in one place.

``portlite_site serve``, the built site's ``_headers`` file (the Netlify /
Cloudflare Pages convention) and ``docs/nginx-subpath.conf`` all send these;
a test checks that the nginx configuration agrees with this module.

The content security policy is the tightest under which the whole site
works (every test runs under it). Why each source is there:

- ``script-src 'self'``: JupyterLite's, Pyodide's, opencv.js's and
  onnxruntime-web's scripts are all the site's own files (the build moves
  JupyterLite's small inline start scripts into files, so no inline script
  is allowed). ``'unsafe-eval'``: Pyodide's ``js.eval`` (PortLite's bridges
  use it for their JavaScript helpers), opencv.js's embind and JupyterLab's
  settings validator build functions at run time. ``'wasm-unsafe-eval'``:
  compiling WebAssembly (Pyodide, opencv.js, onnxruntime-web). ``blob:``:
  onnxruntime-web starts its wasm threads from blob URLs.
- ``style-src 'self' 'unsafe-inline'``: JupyterLab sets styles at run time.
- ``img-src 'self' data: blob:``: plots and images in outputs are data: and
  blob: URLs. No other origin: a shared notebook's ``<img src=https://...>``
  is never requested, so opening it tells no one the visitor's address.
- ``connect-src 'self' data: blob:``: the kernel fetches packages, models and
  contents from the site only. A site that lets ``%pip`` reach a package
  index, or fetches models from another host, adds that origin here.
- ``frame-ancestors 'self'``, ``object-src 'none'``, ``base-uri 'self'``,
  ``form-action 'self'``: no framing by other sites, no plugins, no base or
  form redirection.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

__all__ = [
    "CONTENT_SECURITY_POLICY",
    "ISOLATION_HEADERS",
    "SECURITY_HEADERS",
    "externalize_inline_scripts",
    "netlify_headers_file",
    "site_headers",
]

#: Response headers that make the page cross-origin isolated.
ISOLATION_HEADERS = {
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Embedder-Policy": "require-corp",
    "Cross-Origin-Resource-Policy": "same-origin",
}

_CSP_DIRECTIVES = {
    "default-src": "'self'",
    "script-src": "'self' 'unsafe-eval' 'wasm-unsafe-eval' blob:",
    "worker-src": "'self' blob:",
    "style-src": "'self' 'unsafe-inline'",
    "img-src": "'self' data: blob:",
    "font-src": "'self' data:",
    "media-src": "'self' data: blob:",
    "connect-src": "'self' data: blob:",
    "frame-src": "'self'",
    "frame-ancestors": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
}

#: The site's Content-Security-Policy header value.
CONTENT_SECURITY_POLICY = "; ".join(f"{name} {value}" for name, value in _CSP_DIRECTIVES.items())

#: Headers that keep shared content in the site (see the module's docstring).
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def site_headers(isolated: bool = True) -> dict[str, str]:
    """Every header a PortLite response carries (``isolated``: with COOP/COEP/CORP)."""
    return {**(ISOLATION_HEADERS if isolated else {}), **SECURITY_HEADERS}


def netlify_headers_file() -> str:
    """The built site's ``_headers`` file: every path gets :func:`site_headers`."""
    lines = ["/*"] + [f"  {name}: {value}" for name, value in site_headers().items()]
    return "\n".join(lines) + "\n"


#: An inline, executable script element (not a src= script, not JSON data).
_INLINE_SCRIPT = re.compile(r"<script>(?P<code>.*?)</script>", re.S)


def externalize_inline_scripts(page: Path) -> int:
    """Move ``page``'s inline scripts into files beside it; return how many moved.

    The file is named by the code's hash, so a rebuild gives the same name
    and running this twice changes nothing.
    """
    html = page.read_text(encoding="utf-8")
    moved = 0

    def to_file(match: re.Match[str]) -> str:
        nonlocal moved
        code = match.group("code")
        name = f"portlite-start-{hashlib.sha256(code.encode()).hexdigest()[:12]}.js"
        (page.parent / name).write_text(code, encoding="utf-8")
        moved += 1
        return f'<script src="{name}"></script>'

    secured = _INLINE_SCRIPT.sub(to_file, html)
    if moved:
        page.write_text(secured, encoding="utf-8")
    return moved
