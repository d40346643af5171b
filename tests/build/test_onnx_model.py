"""The in-kernel package's pure parts, on CPython: model metadata, type table, error mapping."""

from __future__ import annotations

import numpy as np
import onnx
import onnxruntime
import ort_parity_cases as parity
import pytest
from portlite import ort_types
from portlite.onnx_model import ModelProtoError, read_io_shapes, read_metadata
from portlite.ort_errors import (
    Fail,
    InvalidArgument,
    InvalidProtobuf,
    from_web_error,
)

from portlite_site import DEFAULT_MANIFEST, DEFAULT_VENDOR_CACHE
from portlite_site.manifest import load_manifest
from portlite_site.vendor_cache import VendorCache


def _fields(meta: object) -> tuple:
    names = ("producer_name", "graph_name", "domain", "description", "graph_description")
    return (*(getattr(meta, n) for n in names), meta.version, meta.custom_metadata_map)


def _native_meta(model: bytes) -> tuple:
    return _fields(onnxruntime.InferenceSession(model).get_modelmeta())


def _ours(model: bytes) -> tuple:
    return _fields(read_metadata(model))


@pytest.mark.parametrize("name", ["dtypes", "mlp"])
def test_metadata_of_generated_models_matches_onnxruntime(name: str) -> None:
    model = parity.make_models()[name]
    assert _ours(model) == _native_meta(model)
    assert read_metadata(model).custom_metadata_map["purpose"]


def test_metadata_of_the_ppocr_detector_matches_onnxruntime() -> None:
    manifest = load_manifest(DEFAULT_MANIFEST)
    path = VendorCache(DEFAULT_VENDOR_CACHE).ensure_file(
        manifest.file("ch_PP-OCRv4_det_infer.onnx"), manifest.archives
    )
    model = path.read_bytes()
    assert _ours(model) == _native_meta(model)
    assert read_metadata(model).graph_name == "Model from PaddlePaddle."


def test_truncated_metadata_is_an_error() -> None:
    model = parity.make_models()["mlp"]
    with pytest.raises(ModelProtoError, match="runs past the end"):
        read_metadata(model[: len(model) // 2])


#: The numeric types (text is checked on its own model below).
NUMERIC = tuple(t for t in ort_types.TENSOR_TYPES if not t.is_string)


def test_type_table_agrees_with_onnx_and_numpy() -> None:
    assert len(NUMERIC) == len(parity.DTYPES) == len(ort_types.TENSOR_TYPES) - 1
    for numpy_name, onnx_name in parity.DTYPES.items():
        by_dtype = ort_types.by_dtype(np.dtype(numpy_name))
        assert by_dtype is not None, numpy_name
        elem = getattr(onnx.TensorProto, onnx_name)
        assert onnx.helper.tensor_dtype_to_np_dtype(elem) == by_dtype.dtype
        assert ort_types.by_web_name(by_dtype.web_name) is by_dtype
    assert ort_types.by_dtype(np.dtype(np.complex64)) is None


def test_onnxruntime_type_names_match_native() -> None:
    session = onnxruntime.InferenceSession(parity.make_models()["dtypes"])
    native = {arg.name.removeprefix("in_"): arg.type for arg in session.get_inputs()}
    ours = {t.dtype.name: t.ort_name for t in NUMERIC}
    assert ours == native
    text = onnxruntime.InferenceSession(parity.make_models()["strings"]).get_inputs()[0]
    assert ort_types.by_dtype(np.dtype("<U3")).ort_name == text.type == "tensor(string)"


@pytest.mark.parametrize(
    ("message", "cls", "text"),
    [
        (
            "Can't create a session. ERROR_CODE: 7, ERROR_MESSAGE: Failed to load model",
            InvalidProtobuf,
            "[ONNXRuntimeError] : 7 : INVALID_PROTOBUF : ctx: Failed to load model",
        ),
        (
            "failed to call OrtRun(). ERROR_CODE: 2, ERROR_MESSAGE: bad input",
            InvalidArgument,
            "[ONNXRuntimeError] : 2 : INVALID_ARGUMENT : ctx: bad input",
        ),
        ("something else broke", Fail, "[ONNXRuntimeError] : 1 : FAIL : ctx: something else broke"),
    ],
)
def test_web_errors_become_onnxruntimes_classes(message: str, cls: type, text: str) -> None:
    error = from_web_error("ctx", message)
    assert type(error) is cls and str(error) == text


@pytest.mark.parametrize(
    "name",
    [
        "ch_PP-OCRv4_det_infer.onnx",
        "ch_ppocr_mobile_v2.0_cls_infer.onnx",
        "ch_PP-OCRv4_rec_infer.onnx",
    ],
)
def test_declared_shapes_of_the_ppocr_models_match_onnxruntime(name: str) -> None:
    manifest = load_manifest(DEFAULT_MANIFEST)
    model = (
        VendorCache(DEFAULT_VENDOR_CACHE)
        .ensure_file(manifest.file(name), manifest.archives)
        .read_bytes()
    )
    native = onnxruntime.InferenceSession(model)
    shapes = read_io_shapes(model)
    for arg in [*native.get_inputs(), *native.get_outputs()]:
        assert shapes[arg.name] == arg.shape, arg.name


def test_declared_shapes_read_negative_symbolic_and_missing_dimensions() -> None:
    from onnx import TensorProto, helper

    def value(name: str, shape: list | None) -> onnx.ValueInfoProto:
        return helper.make_tensor_value_info(name, TensorProto.FLOAT, shape)

    x = value("x", [-1, 3, "height", None])
    x.type.tensor_type.shape.dim[3].Clear()  # neither a value nor a name
    graph = helper.make_graph(
        [helper.make_node("Identity", ["x"], ["y"]), helper.make_node("Identity", ["s"], ["t"])],
        "g",
        [x, value("s", None)],
        [value("y", [-1, 3, "height", None]), value("t", None)],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    data = model.SerializeToString()
    native = onnxruntime.InferenceSession(data)
    assert read_io_shapes(data)["x"] == [None, 3, "height", None] == native.get_inputs()[0].shape
    assert read_io_shapes(data)["s"] is None  # no shape declared: any rank
