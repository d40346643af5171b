"""Thousands of random argument combinations for the table's functions: errors, never a crash."""

from __future__ import annotations

import json

FUZZ = """
import json, random, numpy as np, pyodide_js
import portlite
portlite.install_aliases()
import cv2
from portlite.cv2 import _table

rng = np.random.default_rng(7)
POOL = [
    None, 0, 1, -1, 3, 7, 2.5, -0.5, True, "x", (3, 3), (0, 0), (-1, 2), (1, 2, 3), [1, 2],
    (1.5, 2.5), ((5.0, 5.0), (3.0, 2.0), 10.0), np.zeros((0, 3), np.uint8),
] + [
    rng.integers(0, 255, shape, dtype=np.uint8).astype(dtype)
    for shape in [(8, 8), (9, 7, 3), (5, 1, 2), (4, 4, 4), (6,), (16, 12)]
    for dtype in ("uint8", "float32", "int32", "int16", "float64", "bool")
]
names = sorted(_table.FUNCTIONS)
def heaps():
    return cv2.opencv_js().HEAPU8.length, pyodide_js._module.HEAPU8.length
def run(seed, count):
    pick = random.Random(seed)
    outcomes = {"ok": 0, "error": 0, "other": 0}
    for _ in range(count):
        name = pick.choice(names)
        function = cv2
        for part in name.split("."):
            function = getattr(function, part)
        args = [pick.choice(POOL) for _ in range(pick.randint(0, 6))]
        try:
            function(*args)
            outcomes["ok"] += 1
        except cv2.error:
            outcomes["error"] += 1
        except (TypeError, ValueError, NotImplementedError) as err:
            outcomes["other"] += 1
    return outcomes
first = run(1, COUNT)
before = heaps()
second = run(1, COUNT)
alive = int(cv2.resize(np.ones((2, 2), np.uint8), (4, 4)).sum())
print(json.dumps([first, second, before, heaps(), alive]))
"""


def test_random_arguments_to_every_table_function_never_crash_or_leak(a_lite_page) -> None:
    count = 2500
    a_lite_page.open_notebook("smoke.ipynb")
    first, second, before, after, alive = json.loads(
        a_lite_page.text(FUZZ.replace("COUNT", str(count)))
    )
    assert first == second  # the same calls give the same outcomes the second time
    assert sum(first.values()) == count
    assert first["ok"] > 50 and first["error"] > 1000  # both paths were exercised
    assert before == after  # the second pass allocated nothing that stayed
    assert alive == 16  # the kernel and opencv.js still work
