"""A document scanner as a server runs it: find the page in a photo, flatten it, clean it.

Plain opencv-python and numpy, nothing else: the same file runs on a server
(CPython) and, unchanged, in PortLite's notebook ``document-scanner.ipynb``.

``scan(photo)`` takes a BGR photo of a page lying on a surface and returns a
:class:`Scan`: the page's four corners in the photo, the page flattened to a
portrait rectangle, a black-and-white copy for archiving, and measurements
of its text (ink pixels, text lines, skew).
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

#: The flattened page, px (width, height), portrait.
PAGE_SIZE = (600, 840)


@dataclass
class Scan:
    corners: np.ndarray  # 4x2 float32: top-left, top-right, bottom-right, bottom-left
    turned: bool  # the page lay sideways in the photo and was turned upright
    page: np.ndarray  # BGR, PAGE_SIZE
    clean: np.ndarray  # black ink on white, uint8
    ink_pixels: int
    text_lines: list[tuple[int, int, int, int]]  # x, y, w, h of each line of text
    skew_degrees: float  # median angle of the text baselines


def order_corners(quad: np.ndarray) -> np.ndarray:
    """Four points as top-left, top-right, bottom-right, bottom-left."""
    points = quad.reshape(4, 2).astype(np.float32)
    sums, diffs = points.sum(axis=1), np.diff(points, axis=1).ravel()
    return np.float32(
        [
            points[np.argmin(sums)],
            points[np.argmin(diffs)],
            points[np.argmax(sums)],
            points[np.argmax(diffs)],
        ]
    )


def find_page(photo: np.ndarray) -> np.ndarray:
    """The corners of the largest four-sided outline in the photo."""
    grey = cv2.cvtColor(photo, cv2.COLOR_BGR2GRAY)
    grey = cv2.createCLAHE(clipLimit=2.0, tileGridSize=(8, 8)).apply(grey)
    blurred = cv2.GaussianBlur(grey, (5, 5), 0)
    edges = cv2.Canny(blurred, 60, 180)
    edges = cv2.morphologyEx(
        edges, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (5, 5))
    )
    contours, _ = cv2.findContours(edges, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    for contour in sorted(contours, key=cv2.contourArea, reverse=True)[:5]:
        hull = cv2.convexHull(contour)
        quad = cv2.approxPolyDP(hull, 0.02 * cv2.arcLength(hull, True), True)
        if len(quad) == 4 and cv2.isContourConvex(quad):
            return order_corners(quad)
    raise ValueError("no page found: no four-sided outline among the five largest")


def flatten(photo: np.ndarray, corners: np.ndarray) -> tuple[np.ndarray, bool]:
    """The page warped to PAGE_SIZE, its edge trimmed, turned upright if it lay sideways.

    A page wider than tall was photographed with the phone in landscape: its
    top is on the left, so it turns clockwise.
    """
    top, side = np.linalg.norm(corners[1] - corners[0]), np.linalg.norm(corners[3] - corners[0])
    sideways = bool(top > side)
    width, height = (PAGE_SIZE[1], PAGE_SIZE[0]) if sideways else PAGE_SIZE
    trim = 6  # px of the page's edge (and of the desk along it) left out
    target = np.float32(
        [
            [-trim, -trim],
            [width - 1 + trim, -trim],
            [width - 1 + trim, height - 1 + trim],
            [-trim, height - 1 + trim],
        ]
    )
    matrix = cv2.getPerspectiveTransform(corners, target)
    page = cv2.warpPerspective(photo, matrix, (width, height), flags=cv2.INTER_LINEAR)
    if sideways:
        page = cv2.rotate(page, cv2.ROTATE_90_CLOCKWISE)
    return page, sideways


def clean(page: np.ndarray) -> np.ndarray:
    """Black ink on white: uneven light divided out, then a local threshold."""
    grey = cv2.cvtColor(page, cv2.COLOR_BGR2GRAY)
    background = cv2.medianBlur(grey, 31)
    even = cv2.divide(grey, background, scale=255)
    gamma = np.array([255 * (i / 255) ** 1.5 for i in range(256)], np.uint8)
    even = cv2.LUT(even, gamma)
    binary = cv2.adaptiveThreshold(even, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY, 25, 12)
    ink = cv2.bitwise_not(binary)
    ink = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((2, 2), np.uint8))
    return cv2.bitwise_not(ink)


def measure_text(clean_page: np.ndarray) -> tuple[int, list[tuple[int, int, int, int]], float]:
    """Ink pixels, the boxes of the text lines, and the median baseline angle."""
    ink = cv2.bitwise_not(clean_page)
    ink_pixels = cv2.countNonZero(ink)
    smeared = cv2.dilate(ink, cv2.getStructuringElement(cv2.MORPH_RECT, (31, 3)))
    count, _labels, stats, _centroids = cv2.connectedComponentsWithStats(smeared)
    lines = [
        tuple(int(v) for v in stats[i, :4])
        for i in range(1, count)
        if stats[i, 2] > 60 and stats[i, 3] > 8
    ]
    lines.sort(key=lambda box: (box[1], box[0]))
    segments = cv2.HoughLinesP(smeared, 1, np.pi / 180, 80, minLineLength=120, maxLineGap=10)
    angles = [
        np.degrees(np.arctan2(y2 - y1, x2 - x1))
        for x1, y1, x2, y2 in (segments[:, 0] if segments is not None else [])
    ]
    skew = float(np.median(angles)) if angles else 0.0
    return ink_pixels, lines, skew


def scan(photo: np.ndarray) -> Scan:
    """Find, flatten and clean the page in ``photo``; measure its text."""
    corners = find_page(photo)
    page, turned = flatten(photo, corners)
    clean_page = clean(page)
    ink_pixels, lines, skew = measure_text(clean_page)
    return Scan(corners, turned, page, clean_page, ink_pixels, lines, skew)
