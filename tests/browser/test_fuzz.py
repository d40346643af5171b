"""Fuzzing in the browser: mutated model bytes and random cache calls never crash,
hang or leave anything behind (the share decoder's fuzz is in tests/unit)."""

from __future__ import annotations

import json

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


CACHE_FUZZ = """
import json, random
from portlite import models
rng = random.Random(17)
valid, odd = "abcXYZ019._+-", "/\\\\ \\u202e:%?#\\x00"
urls = ["static/nope/", "data:,x", "file:///etc/passwd", "javascript:alert(1)", "ftp://x/",
        "", "static/portlite/models/none.onnx", "//elsewhere.invalid/m.onnx"]
outcomes, stored = {}, {}
for i in range(150):
    alphabet = valid if rng.random() < 0.6 else valid + odd
    name = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 30)))
    try:
        if i % 3 == 0:
            data = rng.randbytes(rng.randrange(0, 5000))
            models.put(name, data)
            stored[name] = len(data)
            outcome = "stored"
        elif i % 3 == 1:
            url = rng.choice(urls) + "".join(rng.choice(alphabet) for _ in range(rng.randrange(9)))
            models.fetch(url, name=name or None, progress=False)
            outcome = "fetched"
        else:
            models.info(name)
            outcome = "info"
    except (ValueError, TypeError, KeyError, models.CacheError) as err:
        outcome = type(err).__name__
    except Exception as err:  # anything else is a bug of the cache
        outcome = f"OTHER {type(err).__name__}: {err}"[:150]
    outcomes[outcome] = outcomes.get(outcome, 0) + 1
listed = {r["name"]: r["size"] for r in models.list()}
print(json.dumps([outcomes, listed == stored]))
"""


def test_random_names_urls_and_sizes_never_break_the_model_cache(a_browser, a_site_url) -> None:
    from portlite_site.testing import guarded_page

    with guarded_page(a_browser, a_site_url) as (lite, guard):
        guard.expect_error("Content Security Policy|Failed to load resource|Failed to fetch")
        lite.open_notebook("smoke.ipynb")
        outcomes, consistent = json.loads(lite.text(CACHE_FUZZ))
        assert sum(outcomes.values()) == 150
        assert not [k for k in outcomes if k.startswith("OTHER")], outcomes
        assert outcomes.get("stored", 0) > 10 and outcomes.get("ValueError", 0) > 10, outcomes
        assert consistent  # exactly what was stored is listed, at its size
        assert guard.offsite == []
