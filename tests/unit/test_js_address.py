"""``portlite._js.address_of`` gives what ``ndarray.ctypes.data`` gives, on CPython."""

from __future__ import annotations

import numpy as np
from portlite import _js


class _Subclass(np.ndarray):
    pass


def test_the_address_of_every_kind_of_array_is_its_ctypes_data() -> None:
    base = np.arange(240, dtype=np.float32).reshape(4, 6, 10)
    read_only = base.copy()
    read_only.flags.writeable = False
    arrays = [
        base,
        base[1:, ::2],  # a strided view: its first byte, not its base's
        base[2],
        base.T,
        read_only,
        np.empty(0, np.uint8),
        np.frombuffer(bytearray(16), np.uint8)[3:],
        base.view(_Subclass),  # read through ctypes
    ]
    assert _js._DATA_POINTER_OFFSET is not None  # the fast path is the one tested
    for array in arrays:
        assert _js.address_of(array) == array.ctypes.data
