"""The share-link decoder, fuzzed in Node against the real TypeScript (compiled here):
every fragment is decoded or refused with ShareLinkError, none crashes or hangs."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from portlite_site import REPO_ROOT

EXTENSION = REPO_ROOT / "kernel_ext"
CASES = 3000


@pytest.fixture(scope="module")
def compiled_share_codec(tmp_path_factory) -> Path:
    """kernel_ext/src/share/codec.ts compiled to an ES module Node can import."""
    from portlite_site.kernel_extension import _ensure_node_modules

    _ensure_node_modules(print)
    out = tmp_path_factory.mktemp("share")
    subprocess.run(
        ["node", str(EXTENSION / "node_modules/typescript/bin/tsc"), "src/share/codec.ts",
         "--outDir", str(out), "--target", "es2021", "--module", "esnext",
         "--lib", "es2021,dom", "--strict", "--skipLibCheck"],
        cwd=EXTENSION, check=True, capture_output=True, text=True,
    )  # fmt: skip
    module = out / "codec.mjs"
    (out / "codec.js").rename(module)
    return module


@pytest.mark.parametrize("seed", [1, 2])
def test_the_share_decoder_refuses_or_decodes_every_fragment(compiled_share_codec, seed) -> None:
    result = subprocess.run(
        ["node", str(REPO_ROOT / "tests/fuzz/share_fragments.mjs"), str(compiled_share_codec),
         str(CASES), str(seed)],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    counts = json.loads(result.stdout)
    assert counts["decoded"] + counts["refused"] == CASES
    assert counts["refused"] > CASES // 2 and counts["decoded"] > 0, counts
