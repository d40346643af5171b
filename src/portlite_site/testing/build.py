"""The real ``jupyter lite build`` of a test site."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from .. import REPO_ROOT

#: Contents only test sites carry: ``smoke.ipynb``, the blank notebook tests open kernels in.
TEST_CONTENTS = REPO_ROOT / "tests" / "site-content"


def build_site(
    output_dir: Path, disable_pypi_fallback: bool = True, check: bool = True, **env: str
) -> subprocess.CompletedProcess[str]:
    """Run the real ``jupyter lite build`` into ``output_dir``.

    Parameters
    ----------
    output_dir : pathlib.Path
        Where the site goes.
    disable_pypi_fallback : bool
        Build with ``%pip``'s PyPI fallback off, so a missing file fails loudly.
    check : bool
        Raise ``CalledProcessError`` when the build fails.
    **env : str
        Extra environment variables (``PORTLITE_CACHE``, proxies, ...).

    Returns
    -------
    subprocess.CompletedProcess
        With the build's log in ``stdout`` and ``stderr``.
    """
    fallback = "1" if disable_pypi_fallback else "0"
    environment = {**os.environ, "PORTLITE_DISABLE_PYPI_FALLBACK": fallback, **env}
    jupyter = Path(sys.executable).with_name("jupyter")
    config = REPO_ROOT / "jupyter_lite_config.json"
    # The site's contents plus the tests' own (a blank notebook to open kernels
    # in), which a visitor's site does not carry.
    contents = [*json.loads(config.read_text())["LiteBuildConfig"]["contents"], TEST_CONTENTS]
    result = subprocess.run(
        [
            str(jupyter), "lite", "build",
            "--config", str(config),
            "--output-dir", str(output_dir),
            *(arg for folder in contents for arg in ("--contents", str(folder))),
        ],
        cwd=REPO_ROOT, env=environment, capture_output=True, text=True,
    )  # fmt: skip
    if check and result.returncode != 0:
        raise subprocess.CalledProcessError(
            result.returncode, result.args, result.stdout, result.stderr[-4000:]
        )
    return result
