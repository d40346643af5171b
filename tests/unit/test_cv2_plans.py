"""The marshaller's reuse of descriptors (``_marshal._Plan``) on CPython: what may share one."""

from __future__ import annotations

import numpy as np
from portlite.cv2 import _marshal, _table


def _plan(name: str, *args, **kwargs):
    """The plan the marshaller would keep for ``cv2.<name>(*args, **kwargs)``, or None."""
    entry = _table.FUNCTIONS[name][0]
    bound = _marshal._bind(name, entry, args, kwargs)
    call = _marshal._describe(name, entry, bound)
    return _marshal._Plan.of(entry, call, args, kwargs)


def test_arrays_are_keyed_by_geometry_and_other_values_by_value_and_type() -> None:
    key = _marshal._plan_key
    image, other = np.zeros((4, 6, 3), np.uint8), np.ones((4, 6, 3), np.uint8)
    assert key((image, (3, 2)), {}) == key((other, (3, 2)), {})  # pixels do not count
    assert key((image, (3, 2)), {}) != key((image.astype(np.float32), (3, 2)), {})
    assert key((image, (3, 2)), {}) != key((image[:, ::2], (3, 2)), {})  # not contiguous
    assert key((image, (3, 2)), {}) != key((image, (3.0, 2)), {})  # 3 == 3.0, not as a Size
    assert key((image, 1), {}) != key((image, True), {})
    assert key((image, 0.0), {}) != key((image, -0.0), {})  # the descriptor keeps the sign
    assert key((image,), {"fx": 0.5}) != key((image,), {"fy": 0.5})
    read_only = image.copy()
    read_only.flags.writeable = False
    assert key((image,), {}) != key((read_only,), {})  # in-place arguments refuse it


def test_a_list_an_object_or_a_nested_tuple_is_described_each_time() -> None:
    image = np.zeros((4, 6), np.uint8)
    assert _marshal._plan_key(([image],), {}) is None
    assert _marshal._plan_key((image, object()), {}) is None
    assert _marshal._plan_key((((1.0, 2.0), (3.0, 4.0), 5.0),), {}) is None


def test_a_plan_says_where_each_array_comes_from() -> None:
    image, dst = np.zeros((4, 6, 3), np.uint8), np.zeros((2, 3, 3), np.uint8)
    plan = _plan("resize", image, (3, 2), dst=dst)
    # a given dst goes in with its contents, as opencv-python's does (a function may read it)
    assert plan is not None and plan.slots == (0, "dst")
    assert _plan("resize", image, (3, 2)).slots == (0,)  # no dst: nothing more goes in
    plan = _plan("addWeighted", image, 0.5, image.copy(), 0.5, 0.0)
    assert plan is not None and plan.slots == (0, 2)
    assert _plan("resize", dst=dst, src=image, dsize=(3, 2)).slots == ("src", "dst")


def test_no_plan_when_the_descriptor_holds_more_than_geometry() -> None:
    image = np.zeros((4, 6, 3), np.uint8)
    # read as values: the next call's array would get this one's numbers
    assert _plan("resize", image, np.array([3, 2])) is None
    # an array the marshaller made: a cast (int64 -> int32), a copy, a Scalar
    assert _plan("resize", image.astype(np.int64), (3, 2)) is None
    assert _plan("resize", image[:, ::2], (3, 2)) is None
    assert _plan("add", image, (1, 2, 3)) is None
    # one array twice: a later call with two arrays must not read the first one twice
    assert _plan("add", image, image) is None
    assert _plan("add", image, image.copy()).slots == (0, 1)
