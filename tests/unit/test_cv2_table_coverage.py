"""Every function cv2.BRIDGED lists has a parity case in cv2_table_cases.py."""

from __future__ import annotations

import cv2_table_cases as table_cases


def test_every_bridged_function_has_a_case() -> None:
    from portlite import cv2 as bridge
    from portlite.cv2 import features2d, highgui, imgcodecs

    # tested on their own (image files, display) or plain values (KeyPoint, DMatch)
    by_hand_elsewhere = set(highgui.__all__) | set(imgcodecs.__all__) | set(features2d.__all__)
    with_cases = {function for function, _ in table_cases.CASES}
    missing = set(bridge.BRIDGED) - by_hand_elsewhere - with_cases
    assert missing == set(), f"bridged functions without a parity case: {sorted(missing)}"
    assert with_cases <= set(bridge.BRIDGED), "a case names a function that is not bridged"
