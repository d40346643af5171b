"""The extension's TypeScript unit tests (kernel_ext/test/, Node's test runner):
the share-link codec and the settings' check, on the real sources."""

from __future__ import annotations

import re
import subprocess

from portlite_site import REPO_ROOT
from portlite_site.kernel_extension import _ensure_node_modules


def test_the_typescript_unit_tests_pass() -> None:
    _ensure_node_modules(print)
    run = subprocess.run(
        ["npm", "test", "--silent"], cwd=REPO_ROOT / "kernel_ext",
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    counts = {key: int(n) for key, n in re.findall(r"^# (pass|fail) (\d+)$", run.stdout, re.M)}
    assert run.returncode == 0 and counts.get("fail") == 0, (run.stdout + run.stderr)[-3000:]
    assert counts.get("pass", 0) >= 9, run.stdout[-2000:]
