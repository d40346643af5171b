"""The model cache's streaming SHA-256 (JavaScript, in _model_store) against hashlib, in Node."""

from __future__ import annotations

import hashlib
import json
import random
import subprocess

from portlite._model_store import _STORE_JS

#: Node: build the store as the kernel does, hash each case fed in random-sized pieces.
_RUNNER = """
const cases = JSON.parse(require("node:fs").readFileSync(0, "utf8"));
const source = %s;
const shaSource = source.slice(source.indexOf("const K ="), source.indexOf("\\n  return {\\n"));
const sha256 = new Function(shaSource + "; return sha256;")();
eval(source);  // the whole store must still parse
const out = cases.map(([hex, pieces]) => {
  const bytes = Uint8Array.from(Buffer.from(hex, "hex"));
  const hash = sha256();
  let at = 0;
  for (const size of pieces) { hash.update(bytes.subarray(at, at + size)); at += size; }
  return hash.hex();
});
console.log(JSON.stringify(out));
"""


def test_the_streaming_sha256_equals_hashlib_for_any_split() -> None:
    rng = random.Random(3)
    sizes = [0, 1, 55, 56, 63, 64, 65, 119, 120, 128, 1000, 65536 + 7, 300_001]
    cases, expected = [], []
    for size in sizes:
        data = rng.randbytes(size)
        pieces, left = [], size
        while left:
            pieces.append(min(left, rng.randrange(1, 70_000)))
            left -= pieces[-1]
        cases.append([data.hex(), pieces])
        expected.append(hashlib.sha256(data).hexdigest())
    script = _RUNNER % json.dumps(_STORE_JS)
    result = subprocess.run(
        ["node", "-e", script],
        input=json.dumps(cases),
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(result.stdout) == expected
