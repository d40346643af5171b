"""The generator's rule for constructors opencv.js tells apart by argument count alone."""

from __future__ import annotations

from portlite_site.cv2_bindings import Overload, separate_counts


def _overload(required: int, optional: int) -> Overload:
    args = [(f"a{i}", "int", "in", "@required") for i in range(required)]
    args += [(f"b{i}", "int", "in", 0) for i in range(optional)]
    return Overload("new X", args, list(range(len(args))), ["retval"], "obj:X", "X()")


def test_a_later_overload_is_handed_enough_arguments_to_be_told_apart() -> None:
    # GFTTDetector::create: (0..6 arguments) and (5 required, 2 optional: 5..7)
    first, second = _overload(0, 6), _overload(5, 2)
    kept = separate_counts([first, second])
    assert kept == [first, second]
    assert (first.fewest, second.fewest) == (0, 7)


def test_an_overload_opencv_js_cannot_reach_is_dropped() -> None:
    named, numbered = _overload(1, 0), _overload(1, 0)  # DescriptorMatcher::create(str | int)
    assert separate_counts([named, numbered]) == [named]
    # counts that interleave with an earlier overload's cannot be told apart either
    few, three, interleaved = _overload(0, 1), _overload(3, 0), _overload(2, 2)
    assert separate_counts([few, three, interleaved]) == [few, three]
