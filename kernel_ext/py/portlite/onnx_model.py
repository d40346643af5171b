"""Read an ONNX model's metadata straight from its protobuf bytes.

onnxruntime-web does not expose a model's metadata (producer, domain,
version, custom properties), so ``InferenceSession.get_modelmeta`` reads
them here. Only the few ModelProto fields it needs are decoded; everything
else (the weights included) is skipped without copying. Pure Python,
importable on CPython.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

__all__ = ["Dim", "ModelMetadata", "ModelProtoError", "read_io_shapes", "read_metadata"]

# Field numbers from onnx.proto (ModelProto, GraphProto, StringStringEntryProto).
_MODEL_PRODUCER_NAME, _MODEL_DOMAIN, _MODEL_VERSION, _MODEL_DOC = 2, 4, 5, 6
_MODEL_GRAPH, _MODEL_METADATA_PROPS = 7, 14
_GRAPH_NAME, _GRAPH_DOC, _GRAPH_INPUT, _GRAPH_OUTPUT = 2, 10, 11, 12
# ValueInfoProto, TypeProto, TypeProto.Tensor, TensorShapeProto, its Dimension.
_VALUE_INFO_NAME, _VALUE_INFO_TYPE = 1, 2
_TYPE_TENSOR = 1
_TENSOR_SHAPE = 2
_SHAPE_DIM = 1
_DIM_VALUE, _DIM_PARAM = 1, 2
_ENTRY_KEY, _ENTRY_VALUE = 1, 2

_VARINT, _FIXED64, _LENGTH_DELIMITED, _FIXED32 = 0, 1, 2, 5


class ModelProtoError(ValueError):
    """The bytes are not a well-formed ONNX ModelProto."""


@dataclass
class ModelMetadata:
    """The fields of onnxruntime's ``ModelMetadata``."""

    producer_name: str = ""
    graph_name: str = ""
    domain: str = ""
    description: str = ""
    graph_description: str = ""
    #: onnxruntime reports INT64_MAX for a model without ``model_version``.
    version: int = 2**63 - 1
    custom_metadata_map: dict[str, str] = field(default_factory=dict)


def _varint(data: memoryview, pos: int) -> tuple[int, int]:
    result = shift = 0
    while True:
        if pos >= len(data) or shift > 63:
            raise ModelProtoError(f"truncated or malformed varint at byte {pos}")
        byte = data[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return result, pos
        shift += 7


def _fields(data: memoryview) -> Iterator[tuple[int, int | memoryview]]:
    """Yield ``(field number, value)``: ints for varints, views for the rest."""
    pos = 0
    while pos < len(data):
        key, pos = _varint(data, pos)
        number, wire_type = key >> 3, key & 7
        if wire_type == _VARINT:
            value, pos = _varint(data, pos)
            yield number, value
            continue
        if wire_type == _LENGTH_DELIMITED:
            size, pos = _varint(data, pos)
        elif wire_type in (_FIXED64, _FIXED32):
            size = 8 if wire_type == _FIXED64 else 4
        else:
            raise ModelProtoError(f"unsupported wire type {wire_type} at byte {pos}")
        if pos + size > len(data):
            raise ModelProtoError(f"field {number} runs past the end ({pos + size} > {len(data)})")
        yield number, data[pos : pos + size]
        pos += size


#: One dimension as onnxruntime reports it: an int when fixed, the symbol's
#: name when symbolic, None when unknown.
Dim = int | str | None


def _text(value: int | memoryview) -> str:
    # protobuf does not check onnx.proto's (proto2) strings: a model that
    # onnxruntime loads may hold bytes that are not UTF-8. They read as
    # U+FFFD, as onnxruntime-web's own TextDecoder reads its names.
    return bytes(value).decode("utf-8", errors="replace") if isinstance(value, memoryview) else ""


def read_metadata(model: bytes | bytearray | memoryview) -> ModelMetadata:
    """Decode the metadata of an ONNX model.

    Parameters
    ----------
    model : bytes-like
        The serialized ``ModelProto``.

    Returns
    -------
    ModelMetadata
        The same fields as onnxruntime's ``InferenceSession.get_modelmeta()``.

    Raises
    ------
    ModelProtoError
        If the bytes are not a well-formed protobuf message.
    """
    meta = ModelMetadata()
    for number, value in _fields(memoryview(model).cast("B")):
        if number == _MODEL_PRODUCER_NAME:
            meta.producer_name = _text(value)
        elif number == _MODEL_DOMAIN:
            meta.domain = _text(value)
        elif number == _MODEL_VERSION and isinstance(value, int):
            meta.version = value
        elif number == _MODEL_DOC:
            meta.description = _text(value)
        elif number == _MODEL_GRAPH and isinstance(value, memoryview):
            for graph_number, graph_value in _fields(value):
                if graph_number == _GRAPH_NAME:
                    meta.graph_name = _text(graph_value)
                elif graph_number == _GRAPH_DOC:
                    meta.graph_description = _text(graph_value)
        elif number == _MODEL_METADATA_PROPS and isinstance(value, memoryview):
            entry = dict(_fields(value))
            meta.custom_metadata_map[_text(entry.get(_ENTRY_KEY, 0))] = _text(
                entry.get(_ENTRY_VALUE, 0)
            )
    return meta


def _dimension(data: memoryview) -> Dim:
    fields = dict(_fields(data))
    value = fields.get(_DIM_VALUE)
    if isinstance(value, int):
        signed = value - 2**64 if value >= 2**63 else value  # int64, two's complement
        # paddle2onnx writes -1 for "any"; onnxruntime reports such a dimension as None.
        return signed if signed >= 0 else None
    param = fields.get(_DIM_PARAM)
    return _text(param) if isinstance(param, memoryview) else None


def _tensor_shape(type_proto: memoryview) -> list[Dim] | None:
    for number, value in _fields(type_proto):
        if number == _TYPE_TENSOR and isinstance(value, memoryview):
            for tensor_number, tensor_value in _fields(value):
                if tensor_number == _TENSOR_SHAPE and isinstance(tensor_value, memoryview):
                    return [
                        _dimension(dim)
                        for dim_number, dim in _fields(tensor_value)
                        if dim_number == _SHAPE_DIM and isinstance(dim, memoryview)
                    ]
    return None


def read_io_shapes(model: bytes | bytearray | memoryview) -> dict[str, list[Dim] | None]:
    """Decode the declared shapes of a model's graph inputs and outputs.

    onnxruntime-web reports a dimension stored as ``-1`` as 4294967295 and
    cannot tell an unknown rank from rank 0, so the session takes shapes
    from the model itself, as native onnxruntime does.

    Parameters
    ----------
    model : bytes-like
        The serialized ``ModelProto``.

    Returns
    -------
    dict
        Name to shape, for every tensor input and output of the main graph:
        a list of :data:`Dim`, or None when the model declares no shape (any
        rank is accepted then).

    Raises
    ------
    ModelProtoError
        If the bytes are not a well-formed protobuf message.
    """
    shapes: dict[str, list[Dim] | None] = {}
    for number, graph in _fields(memoryview(model).cast("B")):
        if number != _MODEL_GRAPH or not isinstance(graph, memoryview):
            continue
        for graph_number, value_info in _fields(graph):
            if graph_number not in (_GRAPH_INPUT, _GRAPH_OUTPUT):
                continue
            if not isinstance(value_info, memoryview):
                continue
            info = dict(_fields(value_info))
            type_proto = info.get(_VALUE_INFO_TYPE)
            name = _text(info.get(_VALUE_INFO_NAME, 0))
            if isinstance(type_proto, memoryview):
                shapes[name] = _tensor_shape(type_proto)
    return shapes
