"""A model's text fields that are not UTF-8 read as U+FFFD, never as an exception."""

from __future__ import annotations

from portlite.onnx_model import read_io_shapes, read_metadata


def _field(number: int, payload: bytes) -> bytes:
    return bytes([number << 3 | 2, len(payload)]) + payload


def test_metadata_with_bytes_that_are_not_utf8_reads_with_replacement_characters() -> None:
    model = (
        _field(2, b"ok\xff")
        + _field(4, b"\xcd")
        + _field(14, _field(1, b"k\xfe") + _field(2, b"v"))
    )
    meta = read_metadata(model)
    assert meta.producer_name == "ok\ufffd"
    assert meta.domain == "\ufffd"
    assert meta.custom_metadata_map == {"k\ufffd": "v"}


def test_an_input_name_that_is_not_utf8_is_read() -> None:
    float_tensor = _field(1, b"\x08\x01")  # TypeProto.tensor_type, elem_type FLOAT, no shape
    value_info = _field(1, b"in\xff") + _field(2, float_tensor)
    model = _field(7, _field(11, value_info))
    assert read_io_shapes(model) == {"in\ufffd": None}
