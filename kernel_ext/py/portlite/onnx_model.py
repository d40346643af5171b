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

__all__ = ["ModelMetadata", "ModelProtoError", "read_metadata"]

# Field numbers from onnx.proto (ModelProto, GraphProto, StringStringEntryProto).
_MODEL_PRODUCER_NAME, _MODEL_DOMAIN, _MODEL_VERSION, _MODEL_DOC = 2, 4, 5, 6
_MODEL_GRAPH, _MODEL_METADATA_PROPS = 7, 14
_GRAPH_NAME, _GRAPH_DOC = 2, 10
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


def _text(value: int | memoryview) -> str:
    return bytes(value).decode("utf-8") if isinstance(value, memoryview) else ""


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
