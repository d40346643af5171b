"""The committed cv2 table is what its generator makes from the pinned sources."""

from __future__ import annotations

import subprocess
import sys

from portlite_site import REPO_ROOT


def test_the_committed_table_is_what_the_generator_makes() -> None:
    """Regenerates the table from OpenCV's headers, opencv.js and opencv-python: no difference."""
    checked = subprocess.run(
        [sys.executable, "-m", "portlite_site.cv2_bindings", "--check"],
        cwd=REPO_ROOT, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert checked.returncode == 0, checked.stderr[-2000:]
