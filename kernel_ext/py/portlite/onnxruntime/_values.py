"""``OrtValue`` and ``IOBinding``: onnxruntime's value and binding API, on the CPU.

Server code that keeps its tensors in ``OrtValue`` objects or binds inputs
and outputs ahead of a run (``io_binding``) runs unchanged. Every value
lives in Pyodide's memory as a numpy array (onnxruntime-web's wasm backend
has no other device), so these are thin holders: binding copies nothing,
and a run copies each input once into onnxruntime-web and each output once
back, as :meth:`InferenceSession.run` does. Pure Python, importable on CPython.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from .. import ort_types

if TYPE_CHECKING:
    from ._session import InferenceSession, RunOptions

__all__ = ["IOBinding", "OrtValue"]

_CPU = "cpu"


def _check_cpu(func: str, device_type: str) -> None:
    if str(device_type).lower() != _CPU:
        raise ValueError(
            f"{func}: device_type {device_type!r} is not available here; onnxruntime-web's "
            "wasm backend runs on the CPU only (device_type='cpu')"
        )


class OrtValue:
    """A tensor held for onnxruntime, as ``onnxruntime.OrtValue`` (CPU tensors only)."""

    def __init__(self, array: np.ndarray[Any, Any]) -> None:
        self._array = array

    @staticmethod
    def ortvalue_from_numpy(
        numpy_obj: Any, device_type: str = _CPU, device_id: int = 0
    ) -> OrtValue:
        """Wrap a numpy array (no copy, as onnxruntime does on the CPU)."""
        _check_cpu("OrtValue.ortvalue_from_numpy()", device_type)
        if not isinstance(numpy_obj, np.ndarray):
            raise TypeError(
                "OrtValue.ortvalue_from_numpy(): 'numpy_obj' must be a numpy.ndarray, "
                f"got {type(numpy_obj).__name__}"
            )
        return OrtValue(numpy_obj)

    @staticmethod
    def ortvalue_from_shape_and_type(
        shape: Sequence[int], element_type: Any, device_type: str = _CPU, device_id: int = 0
    ) -> OrtValue:
        """A new zero-filled tensor of ``shape`` and numpy ``element_type``."""
        _check_cpu("OrtValue.ortvalue_from_shape_and_type()", device_type)
        return OrtValue(np.zeros(tuple(int(d) for d in shape), np.dtype(element_type)))

    def numpy(self) -> np.ndarray[Any, Any]:
        """The tensor as a numpy array (the same memory)."""
        return self._array

    def shape(self) -> list[int]:
        """The tensor's dimensions."""
        return list(self._array.shape)

    def data_type(self) -> str:
        """onnxruntime's type name, e.g. ``tensor(float)``."""
        known = ort_types.by_dtype(self._array.dtype)
        return known.ort_name if known else f"tensor({self._array.dtype})"

    def element_type(self) -> int:
        """The ONNX element type code (1 = float, 7 = int64, ...)."""
        return _ONNX_ELEMENT_CODES.get(self._array.dtype, 0)

    def device_name(self) -> str:
        """``cpu``: the only device here."""
        return _CPU

    def data_ptr(self) -> int:
        """The address of the tensor's data in Pyodide's memory."""
        return int(self._array.ctypes.data)

    def tensor_size_in_bytes(self) -> int:
        """The tensor's size in bytes."""
        return int(self._array.nbytes)

    def is_tensor(self) -> bool:
        """Always True: sequences and maps are not bridged."""
        return True

    def is_sparse_tensor(self) -> bool:
        """Always False: sparse tensors are not bridged."""
        return False

    def is_tensor_sequence(self) -> bool:
        """Always False: sequences are not bridged."""
        return False

    def has_value(self) -> bool:
        """Always True."""
        return True

    def update_inplace(self, np_arr: Any) -> None:
        """Copy ``np_arr`` into this tensor (same shape and dtype)."""
        source = np.asarray(np_arr)
        if source.shape != self._array.shape or source.dtype != self._array.dtype:
            expected = f"{self._array.dtype}{list(self._array.shape)}"
            raise ValueError(
                f"OrtValue.update_inplace(): expected {expected}, "
                f"got {source.dtype}{list(source.shape)}"
            )
        np.copyto(self._array, source)


#: numpy dtype to ONNX TensorProto.DataType (onnx.proto).
_ONNX_ELEMENT_CODES: dict[np.dtype[Any], int] = {
    np.dtype(np.float32): 1,
    np.dtype(np.uint8): 2,
    np.dtype(np.int8): 3,
    np.dtype(np.uint16): 4,
    np.dtype(np.int16): 5,
    np.dtype(np.int32): 6,
    np.dtype(np.int64): 7,
    np.dtype(np.bool_): 9,
    np.dtype(np.float16): 10,
    np.dtype(np.float64): 11,
    np.dtype(np.uint32): 12,
    np.dtype(np.uint64): 13,
}


class IOBinding:
    """Inputs and outputs bound to a session ahead of a run, as ``onnxruntime.IOBinding``."""

    def __init__(self, session: InferenceSession) -> None:
        self._session = session
        self._inputs: dict[str, Any] = {}
        self._outputs: list[str] = []
        self._into: dict[str, OrtValue] = {}
        self._results: list[OrtValue] = []

    def bind_cpu_input(self, name: str, arr_on_cpu: Any) -> None:
        """Bind input ``name`` to a numpy array."""
        self._inputs[name] = arr_on_cpu

    def bind_ortvalue_input(self, name: str, ortvalue: OrtValue) -> None:
        """Bind input ``name`` to an :class:`OrtValue`."""
        self._inputs[name] = ortvalue.numpy()

    def bind_input(self, name: str, *args: Any, **kwargs: Any) -> None:
        """Not available: binding raw device pointers needs a native onnxruntime."""
        raise NotImplementedError(
            "IOBinding.bind_input() binds a raw buffer pointer, which onnxruntime-web cannot "
            "read; use bind_cpu_input(name, array) or bind_ortvalue_input(name, ortvalue)"
        )

    def bind_output(
        self,
        name: str,
        device_type: str = _CPU,
        device_id: int = 0,
        element_type: Any = None,
        shape: Sequence[int] | None = None,
        buffer_ptr: int | None = None,
    ) -> None:
        """Ask for output ``name`` (on the CPU; a preallocated buffer pointer is not taken)."""
        _check_cpu("IOBinding.bind_output()", device_type)
        if buffer_ptr is not None:
            raise NotImplementedError(
                "IOBinding.bind_output(): 'buffer_ptr' is not supported here; use "
                "bind_ortvalue_output(name, ortvalue) to receive an output in place"
            )
        self._outputs.append(name)

    def bind_ortvalue_output(self, name: str, ortvalue: OrtValue) -> None:
        """Receive output ``name`` into ``ortvalue`` (its shape and dtype must fit)."""
        self._outputs.append(name)
        self._into[name] = ortvalue

    def clear_binding_inputs(self) -> None:
        """Forget every bound input."""
        self._inputs.clear()

    def clear_binding_outputs(self) -> None:
        """Forget every bound output."""
        self._outputs.clear()
        self._into.clear()

    def synchronize_inputs(self) -> None:
        """Nothing to wait for on the CPU."""

    def synchronize_outputs(self) -> None:
        """Nothing to wait for on the CPU."""

    def get_outputs(self) -> list[OrtValue]:
        """The outputs of the last :meth:`InferenceSession.run_with_iobinding`."""
        return list(self._results)

    def copy_outputs_to_cpu(self) -> list[np.ndarray[Any, Any]]:
        """The outputs of the last run as numpy arrays."""
        return [value.numpy() for value in self._results]

    def _run(self, run_options: RunOptions | None) -> None:
        names = list(self._outputs) or None
        arrays = self._session.run(names, self._inputs, run_options)
        wanted = names or [arg.name for arg in self._session.get_outputs()]
        results = []
        for name, array in zip(wanted, arrays, strict=True):
            into = self._into.get(name)
            if into is not None:
                into.update_inplace(array)
                results.append(into)
            else:
                results.append(OrtValue(array))
        self._results = results
