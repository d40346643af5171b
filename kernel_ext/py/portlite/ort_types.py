"""Tensor element types: onnxruntime's names, onnxruntime-web's, numpy's.

Pure data, importable on CPython; the onnxruntime bridge and its tests share it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = ["TENSOR_TYPES", "TensorType", "by_dtype", "by_ort_name", "by_web_name"]


@dataclass(frozen=True)
class TensorType:
    """One tensor element type, as each side of the bridge spells it."""

    #: onnxruntime's Python name, e.g. ``tensor(float)``.
    ort_name: str
    #: onnxruntime-web's name, e.g. ``float32``.
    web_name: str
    #: The numpy dtype that holds it.
    dtype: np.dtype[Any]
    #: The JS TypedArray onnxruntime-web takes it in (``Array`` for strings,
    #: which cross as a plain JS array, not through the heap).
    typed_array: str

    @property
    def is_string(self) -> bool:
        """Whether elements are text (numpy keeps them in an object array of ``str``)."""
        return self.web_name == "string"


TENSOR_TYPES: tuple[TensorType, ...] = (
    TensorType("tensor(float)", "float32", np.dtype(np.float32), "Float32Array"),
    TensorType("tensor(double)", "float64", np.dtype(np.float64), "Float64Array"),
    # onnxruntime-web takes float16 as raw 16-bit words.
    TensorType("tensor(float16)", "float16", np.dtype(np.float16), "Uint16Array"),
    TensorType("tensor(int8)", "int8", np.dtype(np.int8), "Int8Array"),
    TensorType("tensor(uint8)", "uint8", np.dtype(np.uint8), "Uint8Array"),
    TensorType("tensor(int16)", "int16", np.dtype(np.int16), "Int16Array"),
    TensorType("tensor(uint16)", "uint16", np.dtype(np.uint16), "Uint16Array"),
    TensorType("tensor(int32)", "int32", np.dtype(np.int32), "Int32Array"),
    TensorType("tensor(uint32)", "uint32", np.dtype(np.uint32), "Uint32Array"),
    TensorType("tensor(int64)", "int64", np.dtype(np.int64), "BigInt64Array"),
    TensorType("tensor(uint64)", "uint64", np.dtype(np.uint64), "BigUint64Array"),
    TensorType("tensor(bool)", "bool", np.dtype(np.bool_), "Uint8Array"),
    # onnxruntime returns string tensors as object arrays of str, and takes
    # those or numpy's fixed-width unicode arrays.
    TensorType("tensor(string)", "string", np.dtype(object), "Array"),
)

_BY_WEB_NAME = {t.web_name: t for t in TENSOR_TYPES}
_BY_DTYPE = {t.dtype: t for t in TENSOR_TYPES}
_BY_ORT_NAME = {t.ort_name: t for t in TENSOR_TYPES}


def by_web_name(web_name: str) -> TensorType | None:
    """The type onnxruntime-web calls ``web_name``, or None if the bridge lacks it."""
    return _BY_WEB_NAME.get(web_name)


def by_dtype(dtype: np.dtype[Any]) -> TensorType | None:
    """The type that numpy ``dtype`` maps onto, or None if the bridge lacks it."""
    dtype = np.dtype(dtype)
    return _BY_DTYPE.get(np.dtype(object) if dtype.kind == "U" else dtype)


def by_ort_name(ort_name: str) -> TensorType | None:
    """The type onnxruntime calls ``ort_name`` (``tensor(float)``), or None if not bridged."""
    return _BY_ORT_NAME.get(ort_name)
