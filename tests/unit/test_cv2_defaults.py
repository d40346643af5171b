"""The generator reads opencv-python's C++ defaults as the values the marshaller passes."""

from __future__ import annotations

import math

import cv2
import numpy as np

from portlite_site.cv2_bindings import OPAQUE, translate_default


def test_scoped_calls_and_named_numbers_are_read() -> None:
    # Each was @opaque before, so an argument after it could not be given alone
    # (drawMatches(..., flags=...) raised).
    assert translate_default("Scalar::all(-1)", "Scalar", cv2) == (-1.0,) * 4
    assert translate_default("cv::Scalar::all(0)", "Scalar", cv2) == (0.0,) * 4
    assert translate_default("CV_PI", "float", cv2) == math.pi
    criteria = "TermCriteria(TermCriteria::EPS + TermCriteria::COUNT, 20, FLT_EPSILON)"
    expected = (cv2.TERM_CRITERIA_EPS + cv2.TERM_CRITERIA_COUNT, 20, float(np.finfo("f4").eps))
    assert translate_default(criteria, "TermCriteria", cv2) == expected
    assert translate_default("vector_Mat()", "vector_Mat", cv2) is None


def test_what_cannot_be_spelt_stays_opaque() -> None:
    dictionary = "getPredefinedDictionary(cv::aruco::DICT_4X4_50)"
    assert translate_default(dictionary, "obj:aruco.Dictionary", cv2) == OPAQUE
    assert translate_default("Scalar::all(NO_SUCH_NAME)", "Scalar", cv2) == OPAQUE
