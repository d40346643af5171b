"""make pin reproduces vendor.toml byte for byte: every archive resolved anew by name
through pip and npm, every size and hash read out of what they delivered."""

from __future__ import annotations

import subprocess
import sys

from portlite_site import DEFAULT_MANIFEST, REPO_ROOT


def test_pinning_anew_changes_nothing() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "portlite_site", "pin", "--check", "--manifest",
         str(DEFAULT_MANIFEST)],
        cwd=REPO_ROOT, capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    assert run.returncode == 0, (run.stdout + run.stderr)[-4000:]
    assert "every pin reproduced, nothing changed" in run.stdout
