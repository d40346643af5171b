"""How the runner's output slots become numpy arrays (``_runtime._Slot``), on CPython.

The runner reports each slot as ``[group, bytes, items]``, an item being
``[[rows, cols], mat_type, bytes, offset]``; these tests lay out bytes as it
does and check the arrays against the items read one by one.
"""

from __future__ import annotations

import numpy as np
import pytest
from portlite.cv2 import _runtime


def _packed(mats: list[np.ndarray], mat_type: int) -> tuple[np.ndarray, list[list[object]]]:
    """A buffer holding ``mats`` as the runner packs a vector (8-byte aligned), and its items."""
    items, end = [], 0
    for mat in mats:
        items.append([list(mat.shape[:2]), mat_type, mat.nbytes, end])
        end += mat.nbytes + (-mat.nbytes) % 8
    buffer = np.zeros(end + 16, np.uint8)  # room to spare, as a buffer made ready has
    for mat, (_shape, _type, nbytes, at) in zip(mats, items, strict=True):
        buffer[at : at + nbytes] = mat.view(np.uint8).ravel()
    return buffer, items


@pytest.mark.parametrize(
    ("dtype", "channels", "mat_type"),
    [(np.int32, 2, 12), (np.float32, 2, 13), (np.uint8, 1, 0), (np.uint8, 3, 16)],
)
def test_a_packed_vector_gives_each_mat_with_its_shape_and_values(
    dtype: type, channels: int, mat_type: int
) -> None:
    rng = np.random.default_rng(7)
    tail = (channels,) if channels > 1 else ()
    # Nx1 items (contours): back to back for 8-byte points, padded for 1- and 3-byte ones
    mats = [rng.integers(0, 100, (n, 1, *tail)).astype(dtype) for n in (4, 1, 0, 9, 3)]
    buffer, items = _packed(mats, mat_type)
    slot = _runtime._Slot(1, len(buffer) - 16, items)
    arrays = slot.arrays(buffer)
    assert isinstance(arrays, tuple) and len(arrays) == len(mats)
    for got, want in zip(arrays, mats, strict=True):
        assert got.shape == want.reshape(want.shape[0], 1, *tail).shape
        assert got.dtype == want.dtype and got.flags.c_contiguous
        assert np.array_equal(got.reshape(want.shape), want)
    # dense layouts are sliced from one array; padded ones are read item by item
    assert (slot.bounds is not None) == (np.dtype(dtype).itemsize * channels % 8 == 0)


def test_mats_of_other_widths_in_one_vector_are_read_one_by_one() -> None:
    mats = [
        np.arange(8, dtype=np.float64).reshape(2, 4),
        np.arange(6, dtype=np.float64).reshape(3, 2),
    ]
    buffer, items = _packed(mats, 6)
    slot = _runtime._Slot(1, len(buffer), items)
    assert slot.bounds is None
    for got, want in zip(slot.arrays(buffer), mats, strict=True):
        assert np.array_equal(got, want)


def test_an_empty_vector_is_an_empty_tuple() -> None:
    slot = _runtime._Slot(1, 0, [])
    assert slot.arrays(np.empty(0, np.uint8)) == ()


def test_a_mat_slot_is_its_own_array_or_the_same_bytes_reshaped() -> None:
    slot = _runtime._Slot(0, 24, [[[2, 4], 16, 24, 0]])  # 2x4 uint8, 3 channels
    assert slot.need == ((2, 4, 3), np.uint8)
    own = np.empty((2, 4, 3), np.uint8)
    assert slot.arrays(own) is own
    last_time = np.arange(24, dtype=np.uint8).reshape(4, 2, 3)  # ready from another shape
    again = slot.arrays(last_time)
    assert again.shape == (2, 4, 3) and np.shares_memory(again, last_time)


def test_a_repeated_slot_text_is_parsed_once_and_long_ones_are_not_kept() -> None:
    _runtime._slots_by_text.clear()
    text = "[[0,24,[[[2,4],16,24,0]]]]"
    assert _runtime._slots(text) is _runtime._slots(text)
    long_text = "[[1,0,[" + ",".join(["[[0,0],12,0,0]"] * 2000) + "]]]"
    assert len(long_text) > _runtime._SLOT_TEXT_KEPT
    assert len(_runtime._slots(long_text)[0].views) == 2000
    assert long_text not in _runtime._slots_by_text


def test_a_record_is_kept_only_when_nothing_in_it_can_reach_a_caller() -> None:
    _runtime._records_by_text.clear()
    plain = '{"r":128,"o":[0],"landed":true}'
    assert _runtime._record(plain) is _runtime._record(plain)
    # a Size, a vector or an object: the caller could be handed (and change) what they hold
    for nested in (
        '{"r":{"width":3,"height":4},"o":[],"landed":true}',
        '{"r":[1,2,3],"o":[0],"landed":true}',
        '{"r":{"obj":0},"o":[],"landed":true}',
    ):
        first = _runtime._record(nested)
        assert first == _runtime._record(nested) and first is not _runtime._record(nested)
    assert list(_runtime._records_by_text) == [plain]
