"""onnxruntime's input checks on CPython: the same classes and wording as native."""

from __future__ import annotations

import re

import numpy as np
import onnxruntime
import ort_parity_cases as parity
import pytest
from portlite.onnxruntime._session import NodeArg, _check_input
from portlite.ort_errors import InvalidArgument

FEATURES = NodeArg("features", "tensor(float)", ["batch", 8])


@pytest.mark.parametrize(
    ("value", "phrase"),
    [
        (np.zeros((2, 8), np.float64), "Unexpected input data type"),
        (np.zeros((2, 8, 1), np.float32), "Invalid rank for input: features"),
        (np.zeros((2, 7), np.float32), "Got invalid dimensions for input: features"),
    ],
)
def test_a_bad_input_fails_as_native_does(value: np.ndarray, phrase: str) -> None:
    native = onnxruntime.InferenceSession(parity.make_models()["mlp"])
    feeds = {"features": value, "offsets": np.zeros(value.shape[0], np.int64)}
    with pytest.raises(onnxruntime.capi.onnxruntime_pybind11_state.InvalidArgument) as theirs:
        native.run(None, feeds)
    with pytest.raises(InvalidArgument) as ours:
        _check_input(FEATURES, value)
    prefix = "[ONNXRuntimeError] : 2 : INVALID_ARGUMENT : "
    assert str(theirs.value).startswith(prefix + phrase)
    assert str(ours.value).startswith(prefix + phrase)


def test_dynamic_and_undeclared_dimensions_take_any_size() -> None:
    assert _check_input(FEATURES, np.zeros((5, 8), np.float32)).shape == (5, 8)
    anything = NodeArg("x", "tensor(float)", [], rank_known=False)
    assert _check_input(anything, np.zeros((1, 2, 3), np.float32)).ndim == 3
    assert _check_input(FEATURES, [[0.0] * 8]).dtype == np.float32  # lists convert


TEXT = NodeArg("text", "tensor(string)", ["words"])


def test_text_inputs_are_taken_as_native_takes_them_and_others_refused() -> None:
    # numpy's unicode arrays and object arrays of str become object arrays of str.
    for value in (np.array(["a", "bc"]), np.array(["a", "bc"], dtype=object), ["a", "bc"]):
        checked = _check_input(TEXT, value)
        assert checked.dtype == object and checked.tolist() == ["a", "bc"]
    for value, phrase in (
        (np.array([1, 2]), "Actual: (tensor(int64)) , expected: (tensor(string))"),
        (np.array(["a", 3], dtype=object), "expected: (tensor(string))"),
        (np.array([["a"]]), "Invalid rank for input: text Got: 2 Expected: 1"),
    ):
        with pytest.raises(InvalidArgument, match=re.escape(phrase)):
            _check_input(TEXT, value)
