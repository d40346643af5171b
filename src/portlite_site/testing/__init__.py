"""Drive a built PortLite site in Chromium: shared by the tests and benchmarks.

Needs Playwright (the ``test`` extra). Chromium is Debian's ``/usr/bin/chromium``;
Playwright's own browser download does not work offline.

The pieces, a module each:

- :mod:`.browser`: :func:`launch_chromium` starts the browser with flags that
  work as root on a machine with no network; :func:`guarded_page` opens a
  page in a fresh context under a guard.
- :mod:`.guard`: :class:`NetworkGuard` aborts and records every request that
  leaves the site's origin, counts the bytes fetched, and records console
  errors and uncaught page errors; :meth:`NetworkGuard.assert_clean` fails on
  any of them that the test did not expect.
- :mod:`.page`: :class:`LitePage` opens a notebook by its ``?path=`` link,
  runs it, and runs code in its kernel, returning outputs as plain JSON;
  what it runs in the page is ``js/lite-page.js``.
- :mod:`.faults`: :class:`FaultHandler`, the site's server with bad networks.
- :mod:`.build`: :func:`build_site`, the real ``jupyter lite build``.
"""

from .browser import CHROMIUM, CHROMIUM_FLAGS, guarded_page, launch_chromium
from .build import TEST_CONTENTS, build_site
from .faults import FaultHandler, NoWasmSimdHandler, WorkerPreludeHandler
from .guard import NetworkGuard
from .page import KernelStallWarning, LitePage, outputs_of, stream_text

__all__ = [
    "CHROMIUM",
    "CHROMIUM_FLAGS",
    "TEST_CONTENTS",
    "FaultHandler",
    "KernelStallWarning",
    "LitePage",
    "NetworkGuard",
    "NoWasmSimdHandler",
    "WorkerPreludeHandler",
    "build_site",
    "guarded_page",
    "launch_chromium",
    "outputs_of",
    "stream_text",
]
