"""The extension (TypeScript) and the kernel package (Python) agree on the preload's entry point."""

from __future__ import annotations

import re

from portlite import preload

from portlite_site import REPO_ROOT

KERNEL_TS = (REPO_ROOT / "kernel_ext" / "src" / "preload" / "kernel.ts").read_text()


def test_the_payload_source_is_the_same_on_both_sides() -> None:
    match = re.search(r"const PAYLOAD_SOURCE = '([^']+)';", KERNEL_TS)
    assert match is not None and match.group(1) == preload.PAYLOAD_SOURCE


def test_the_start_code_calls_the_function_and_name_python_removes() -> None:
    match = re.search(r"'from (\S+) import (\w+) as (\w+)\\n'", KERNEL_TS)
    assert match is not None
    module, function, bound = match.groups()
    assert module == preload.__name__ and function == preload.kernel_start.__name__
    assert bound == preload.START_NAME
    assert f"`await {bound}(${{literal}})\\n`" in KERNEL_TS


def test_the_build_the_worker_and_the_kernel_name_the_same_deferred_packages_option() -> None:
    from portlite_site import addon

    meter = (REPO_ROOT / "src" / "portlite_site" / "worker" / "load-meter.js").read_text()
    match = re.search(r"const DEFERRED_OPTION = '(\w+)';", meter)
    assert match is not None
    assert match.group(1) == addon.DEFERRED_OPTION == preload.DEFERRED_OPTION
    # Deferred packages stay in the kernel's list (its worker skips what is listed).
    assert set(addon.DEFERRED_START_PACKAGES) <= set(addon.KERNEL_START_PACKAGES)
