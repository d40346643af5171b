"""What the page scripts' fixes rely on in the vendored pyodide-kernel bundle, checked at build.

``page/whole-replies.js`` and ``page/atomics-wait-async.js`` patch races in
"coincident", the page/worker channel pyodide-kernel 0.6.1 bundles. They
recognise its messages by its channel constant and its reply wait by
``Atomics.waitAsync``. A pyodide-kernel release that changed either would
leave the fixes silently doing nothing, so the build stops instead.
"""

from __future__ import annotations

import re
from pathlib import Path

__all__ = ["PAGE_DIR", "check_page_fixes", "coincident_channel"]

PAGE_DIR = Path(__file__).parent / "page"

#: What the bundle must contain besides the channel constant.
_REQUIRED = ("waitAsync:",)  # coincident takes it off Atomics: {notify, wait, waitAsync}


def coincident_channel() -> str:
    """The coincident channel constant that ``page/whole-replies.js`` matches messages by."""
    source = (PAGE_DIR / "whole-replies.js").read_text(encoding="utf-8")
    match = re.search(r"const CHANNEL = (['\"])([0-9a-f-]{36})\1;", source)
    if match is None:
        raise RuntimeError("page/whole-replies.js no longer declares coincident's CHANNEL")
    return match.group(2)


def check_page_fixes(bundle_dir: Path) -> None:
    """Raise unless the pyodide-kernel bundle in ``bundle_dir`` still has what the fixes need.

    Raises
    ------
    RuntimeError
        Naming what is missing and which page script depends on it.
    """
    sources = [p.read_text(encoding="utf-8", errors="replace") for p in bundle_dir.rglob("*.js")]
    needed = {coincident_channel(): "page/whole-replies.js"} | {
        text: "page/atomics-wait-async.js" for text in _REQUIRED
    }
    missing = [f"{text!r} ({script})" for text, script in needed.items()
               if not any(text in source for source in sources)]  # fmt: skip
    if missing:
        raise RuntimeError(
            f"the pyodide-kernel bundle in {bundle_dir} no longer contains what PortLite's "
            f"page fixes rely on: {', '.join(missing)}. Read the new bundle's coincident and "
            "update the page scripts (or drop a fix the new release makes unnecessary)."
        )
