"""cv2's argument checks on CPython: the pair rule shared by sizes and points."""

from __future__ import annotations

import numpy as np
import pytest
from portlite import cv2

pytestmark = pytest.mark.unit


@pytest.mark.parametrize("value", [(3, 4), [0, 0], (np.int64(7), 2)])
def test_sizes_take_pairs_of_non_negative_ints(value) -> None:
    assert cv2._size("resize", "dsize", value) == (int(value[0]), int(value[1]))


@pytest.mark.parametrize("value", [(2,), (1.5, 2), (-1, 2), [1, 2, 3], "ab", None])
def test_bad_sizes_name_the_function_the_argument_and_what_was_expected(value) -> None:
    with pytest.raises(TypeError) as raised:
        cv2._size("resize", "dsize", value)
    assert str(raised.value) == (
        f"resize(): 'dsize' must be a (width, height) pair of ints >= 0, got {value!r}"
    )


def test_unbridged_names_probe_as_attributes_and_say_what_is_bridged() -> None:
    assert not hasattr(cv2, "xfeatures2d")
    assert getattr(cv2, "setNumThreads", None) is None
    with pytest.raises(NotImplementedError, match="cv2.SIFT_create is not bridged"):
        cv2.SIFT_create  # noqa: B018 - the attribute access is the test
    assert cv2.__version__ == "4.12.0"
