"""Fuzzing in CI: bad input never crashes, hangs or leaves anything behind.

The share-link decoder runs in Node against the real TypeScript (compiled
here); the onnxruntime bridge meets mutated model bytes in the browser.
"""

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
    """kernel_ext/src/share.ts compiled to an ES module Node can import."""
    from portlite_site.kernel_extension import _ensure_node_modules

    _ensure_node_modules(print)
    out = tmp_path_factory.mktemp("share")
    subprocess.run(
        ["node", str(EXTENSION / "node_modules/typescript/bin/tsc"), "src/share.ts",
         "--outDir", str(out), "--target", "es2021", "--module", "esnext",
         "--lib", "es2021,dom", "--strict", "--skipLibCheck"],
        cwd=EXTENSION, check=True, capture_output=True, text=True,
    )  # fmt: skip
    module = out / "share.mjs"
    (out / "share.js").rename(module)
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


MUTATED_MODELS = """
import json, random
import onnxruntime as ort
from portlite import ort_errors
errors = tuple(getattr(ort_errors, name) for name in ort_errors.__all__ if name[0].isupper())
model = models["mlp"]
rng = random.Random(11)
outcomes = {}
for i in range(240):
    data = bytearray(model)
    if i % 3 == 0:
        data = data[: rng.randrange(len(data))]
    elif i % 3 == 1:
        for _ in range(rng.randrange(1, 9)):
            data[rng.randrange(len(data))] = rng.randrange(256)
    else:
        data = bytearray(rng.randbytes(rng.randrange(1, 4000)))
    try:
        ort.InferenceSession(bytes(data)).close()
        outcome = "opened"
    except errors as err:
        outcome = type(err).__name__
    except Exception as err:  # anything else is a bug of the bridge
        outcome = f"OTHER {type(err).__name__}: {str(err)[:120]}"
    outcomes[outcome] = outcomes.get(outcome, 0) + 1
print(json.dumps(outcomes))
"""


@pytest.mark.browser
def test_mutated_models_raise_onnxruntimes_errors_and_the_kernel_lives(
    a_browser, a_site_url
) -> None:
    import base64

    import ort_parity_cases as parity

    from portlite_site.testing import guarded_page

    encoded = base64.b64encode(parity.make_models()["mlp"]).decode()
    with guarded_page(a_browser, a_site_url) as (lite, _guard):
        lite.open_notebook("smoke.ipynb")
        outcomes = json.loads(
            lite.text(
                f"import base64\nmodels = {{'mlp': base64.b64decode({encoded!r})}}\n"
                + MUTATED_MODELS
            )  # fmt: skip
        )
        assert sum(outcomes.values()) == 240
        assert not [k for k in outcomes if k.startswith("OTHER")], outcomes
        assert len(outcomes) > 1  # the mutations reached more than one outcome
        assert lite.text("import numpy as np, cv2\nprint(int(np.ones(3).sum()))").strip() == "3"
