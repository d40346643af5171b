"""cv2.dnn's helpers that opencv.js does not bind: non-maximum suppression and batches.

Detection post-processing calls ``cv2.dnn.NMSBoxes`` on the boxes a model
(often run by onnxruntime) gives; opencv.js 4.12 has no NMS. These follow
OpenCV's ``NMSFast_`` step for step (scores above the threshold, a stable
sort by score, top_k, then greedy suppression), with its float32 and
float64 arithmetic, so the same boxes are kept in the same order.

This module is ``cv2.dnn``: the generated functions (``blobFromImage``,
``readNetFromONNX``) are added to it when ``portlite.cv2`` loads.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import numpy as np

from .._js import Image
from . import _marshal, _table
from ._runtime import error

__all__: list[str] = []


def _float32(func: str, arg: str, value: Any) -> np.float32:
    return np.float32(_marshal.argument(func, arg, "float", value))


def _rows(func: str, arg: str, value: Any, width: int, what: str) -> np.ndarray[Any, Any]:
    """A sequence of ``width`` numbers each (or an (N, width) array) as float64 rows."""
    if not isinstance(value, (list, tuple, np.ndarray)):
        raise error(f"{func}(): argument '{arg}' must be a sequence of {what}, got "
                    f"{type(value).__name__}")  # fmt: skip
    try:
        rows = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise error(f"{func}(): argument '{arg}' must be a sequence of {what}") from None
    if rows.size == 0:
        return rows.reshape(0, width)
    if width == 1:
        return rows.reshape(-1)
    if rows.ndim != 2 or rows.shape[1] != width:
        raise error(f"{func}(): argument '{arg}' must be a sequence of {what}, got an array "
                    f"of shape {rows.shape}")  # fmt: skip
    return rows


def _assert(func: str, ok: bool | np.bool_, condition: str) -> None:
    if not ok:
        raise error(f"{func}(): (-215:Assertion failed) {condition} in function '{func}'")


def _scored_boxes(
    func: str, bboxes: Any, scores: Any
) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """Axis-aligned boxes as float64 (x, y, w, h) rows (OpenCV's Rect2d) and their float32
    scores, one per box."""
    boxes = _rows(func, "bboxes", bboxes, 4, "(x, y, width, height) boxes")
    values = _rows(func, "scores", scores, 1, "scores").astype(np.float32)
    _assert(func, len(boxes) == len(values), "bboxes.size() == scores.size()")
    return boxes, values


_Options = tuple[np.float32, np.float32, np.float32, int]


def _options(
    func: str, score_threshold: Any, nms_threshold: Any, eta: Any, top_k: Any, *, batched: bool
) -> _Options:
    """The thresholds as the float32s OpenCV takes, checked as OpenCV asserts them."""
    score = _float32(func, "score_threshold", score_threshold)
    nms = _float32(func, "nms_threshold", nms_threshold)
    shrink = _float32(func, "eta", eta)
    if not batched:  # NMSBoxesBatched does not assert this one
        _assert(func, score >= 0, "score_threshold >= 0")
    _assert(func, nms >= 0, "nms_threshold >= 0")
    _assert(func, shrink > 0, "eta > 0")
    return score, nms, shrink, _marshal.argument(func, "top_k", "int", top_k)


def _rect_overlaps(a: np.ndarray[Any, Any], b: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    """OpenCV's ``rectOverlap`` of Rect2d ``a`` with each row of ``b``: 1 - Jaccard distance,
    with ``Rect_::operator&``'s own steps (so rounding matches), cast to float32."""
    ax, ay, aw, ah = a
    bx, by, bw, bh = b.T
    a_first_x, a_first_y = ax < bx, ay < by  # Rx_min is a when a.x < b.x, else b
    min_x, min_w = np.where(a_first_x, ax, bx), np.where(a_first_x, aw, bw)
    max_x, max_w = np.where(a_first_x, bx, ax), np.where(a_first_x, bw, aw)
    min_y, min_h = np.where(a_first_y, ay, by), np.where(a_first_y, ah, bh)
    max_y, max_h = np.where(a_first_y, by, ay), np.where(a_first_y, bh, ah)
    apart = (
        ((min_x < 0) & (min_x + min_w < max_x)) | ((min_x >= 0) & (min_w < max_x - min_x))
        | ((min_y < 0) & (min_y + min_h < max_y)) | ((min_y >= 0) & (min_h < max_y - min_y))
    )  # fmt: skip
    empty = (aw <= 0) | (ah <= 0) | (bw <= 0) | (bh <= 0) | apart
    width = np.minimum(min_w - (max_x - min_x), max_w)
    height = np.minimum(min_h - (max_y - min_y), max_h)
    inter = np.where(empty, 0.0, width * height)
    area_a, area_b = aw * ah, bw * bh
    with np.errstate(divide="ignore", invalid="ignore"):
        distance = np.where(
            area_a + area_b <= np.finfo(np.float64).eps,
            0.0,
            1.0 - inter / (area_a + area_b - inter),
        )
    return np.float32(1.0) - distance.astype(np.float32)


def _nms(
    scores: np.ndarray[Any, Any],
    options: _Options,
    overlaps: Callable[[int, np.ndarray[Any, Any]], np.ndarray[Any, Any]],
) -> Any:
    """OpenCV's ``NMSFast_``: the kept indices as int32, or ``()`` when none is kept."""
    score_threshold, nms_threshold, eta, top_k = options
    candidates = np.flatnonzero(scores > score_threshold)
    order = candidates[np.argsort(-scores[candidates], kind="stable")]
    if 0 < top_k < order.size:
        order = order[:top_k]
    kept: list[int] = []
    if eta >= 1:  # a fixed threshold: suppress by each kept box at once (same result)
        alive = np.ones(order.size, bool)
        for position, index in enumerate(order):
            if alive[position]:
                kept.append(int(index))
                rest = order[position + 1 :]
                alive[position + 1 :] &= overlaps(int(index), rest) <= nms_threshold
    else:  # the threshold shrinks after each kept box: OpenCV's loop as written
        threshold = nms_threshold
        for index in order:
            keep = not kept or bool(np.all(overlaps(int(index), np.array(kept)) <= threshold))
            if keep:
                kept.append(int(index))
                if threshold > 0.5:
                    threshold = np.float32(threshold * eta)
    return np.array(kept, np.int32) if kept else ()


def NMSBoxes(
    bboxes: Any,
    scores: Any,
    score_threshold: float,
    nms_threshold: float,
    eta: float = 1.0,
    top_k: int = 0,
) -> Any:
    """Non-maximum suppression of axis-aligned boxes, as ``cv2.dnn.NMSBoxes``.

    Parameters
    ----------
    bboxes : sequence of (x, y, width, height)
        The boxes (numbers, or an (N, 4) array).
    scores : sequence of float
        One score per box.
    score_threshold : float
        Boxes scoring at or below it are dropped first.
    nms_threshold : float
        A box overlapping a kept, higher-scored box by more than this
        intersection over union is dropped.
    eta : float
        With ``eta < 1``, the threshold is multiplied by it after each kept
        box while it is above 0.5 (OpenCV's adaptive NMS).
    top_k : int
        If positive, only the ``top_k`` best-scored boxes are considered.

    Returns
    -------
    numpy.ndarray or tuple
        The kept boxes' indices, best score first, as int32; ``()`` when
        none is kept (as opencv-python returns an empty vector).
    """
    func = "NMSBoxes"
    boxes, values = _scored_boxes(func, bboxes, scores)
    options = _options(func, score_threshold, nms_threshold, eta, top_k, batched=False)
    return _nms(values, options, lambda i, others: _rect_overlaps(boxes[i], boxes[others]))


def NMSBoxesBatched(
    bboxes: Any,
    scores: Any,
    class_ids: Any,
    score_threshold: float,
    nms_threshold: float,
    eta: float = 1.0,
    top_k: int = 0,
) -> Any:
    """Non-maximum suppression within each class, as ``cv2.dnn.NMSBoxesBatched``.

    As :func:`NMSBoxes`, with ``class_ids`` (one int per box): boxes of two
    classes never suppress each other. OpenCV shifts each class's boxes by
    ``class_id * (largest coordinate + 1)``; so does this.
    """
    func = "NMSBoxesBatched"
    boxes, values = _scored_boxes(func, bboxes, scores)
    classes = _rows(func, "class_ids", class_ids, 1, "class ids")
    _assert(func, len(values) == len(classes), "scores.size() == class_ids.size()")
    options = _options(func, score_threshold, nms_threshold, eta, top_k, batched=True)
    if len(boxes):
        ends = np.concatenate([boxes[:, :2], boxes[:, :2] + boxes[:, 2:]], axis=1)
        offsets = classes.astype(np.int32) * (max(float(ends.max()), 0.0) + 1)
        boxes = boxes.copy()
        boxes[:, 0] += offsets
        boxes[:, 1] += offsets
    return _nms(values, options, lambda i, others: _rect_overlaps(boxes[i], boxes[others]))


def NMSBoxesRotated(
    bboxes: Any,
    scores: Any,
    score_threshold: float,
    nms_threshold: float,
    eta: float = 1.0,
    top_k: int = 0,
) -> Any:
    """Non-maximum suppression of rotated boxes, as ``cv2.dnn.NMSBoxesRotated``.

    ``bboxes`` holds ``((cx, cy), (width, height), angle)`` boxes. Their
    overlaps come from the bridged ``cv2.rotatedRectangleIntersection`` and
    ``cv2.contourArea``, as in OpenCV's ``rotatedRectIOU``.
    """
    func = "NMSBoxesRotated"
    if not isinstance(bboxes, (list, tuple)):
        raise error(f"{func}(): argument 'bboxes' must be a sequence of rotated boxes, got "
                    f"{type(bboxes).__name__}")  # fmt: skip
    for index, box in enumerate(bboxes):  # checked as the table checks a RotatedRect
        _marshal.argument(func, f"bboxes[{index}]", "RotatedRect", box)
    values = _rows(func, "scores", scores, 1, "scores").astype(np.float32)
    _assert(func, len(bboxes) == len(values), "bboxes.size() == scores.size()")
    options = _options(func, score_threshold, nms_threshold, eta, top_k, batched=False)

    def area(box: Any) -> np.float32:
        return np.float32(box[1][0]) * np.float32(box[1][1])

    def overlap(a: Any, b: Any) -> np.float32:
        found, region = _marshal.installed("rotatedRectangleIntersection")(a, b)
        if region is None or len(region) == 0 or found == _table.CONSTANTS["INTERSECT_NONE"]:
            return np.float32(0.0)
        if found == _table.CONSTANTS["INTERSECT_FULL"]:
            return np.float32(1.0)
        inter = np.float32(_marshal.installed("contourArea")(region))
        return np.float32(inter / (area(a) + area(b) - inter))

    return _nms(values, options,
                lambda i, others: np.array([overlap(bboxes[i], bboxes[j]) for j in others],
                                           np.float32))  # fmt: skip


def blobFromImages(
    images: Any,
    scalefactor: float = 1.0,
    size: Any = (0, 0),
    mean: Any = (0, 0, 0, 0),
    swapRB: bool = False,
    crop: bool = False,
    ddepth: int = 5,
) -> Image:
    """A 4-D (N, C, H, W) blob of several images, as ``cv2.dnn.blobFromImages``.

    Each image goes through the bridged ``cv2.dnn.blobFromImage`` with the
    same arguments (OpenCV prepares each image on its own the same way); the
    blobs are stacked. All must come out the same size.
    """
    if not isinstance(images, (list, tuple, np.ndarray)) or len(images) == 0:
        raise error("blobFromImages(): argument 'images' must be a non-empty sequence of "
                    f"images, got {type(images).__name__}")  # fmt: skip
    blob_from_image = _marshal.installed("dnn").blobFromImage
    blobs = [blob_from_image(image, scalefactor, size, mean, swapRB, crop, ddepth)
             for image in images]  # fmt: skip
    shapes = {blob.shape for blob in blobs}
    if len(shapes) > 1:
        raise error(f"blobFromImages(): the images make blobs of different shapes {sorted(shapes)}"
                    ": give a size, or images of one size")  # fmt: skip
    return np.concatenate(blobs, axis=0)


def imagesFromBlob(blob_: Image, images_: Any = None) -> tuple[Image, ...]:
    """The images of a 4-D float32 blob (N, C, H, W), as ``cv2.dnn.imagesFromBlob``.

    Each is H x W x C float32 (H x W for one channel), without the blob's
    scaling or mean undone, as OpenCV gives them.
    """
    if images_ is not None:
        raise error("imagesFromBlob(): 'images_' is an output: use the return value")
    if not isinstance(blob_, np.ndarray) or blob_.ndim != 4 or blob_.dtype != np.float32:
        shown = f"{blob_.dtype} array of shape {blob_.shape}" if isinstance(
            blob_, np.ndarray) else type(blob_).__name__  # fmt: skip
        raise error(f"imagesFromBlob(): argument 'blob_' must be a 4-D float32 blob, got {shown}")
    images = (np.ascontiguousarray(item.transpose(1, 2, 0)) for item in blob_)
    return tuple(image[..., 0].copy() if image.shape[2] == 1 else image for image in images)


def readNet(model: Any, config: Any = "", framework: Any = "") -> Any:
    """A network from an ONNX file, as ``cv2.dnn.readNet`` (by its extension or
    ``framework="onnx"``): the bridged ``readNetFromONNX``. opencv.js reads other formats
    too, but no such model ships in a registry package here, so they are not bridged."""
    path = os.fspath(model) if isinstance(model, (str, os.PathLike)) else None
    if path is None or not (path.lower().endswith(".onnx") or str(framework).lower() == "onnx"):
        raise error(
            f"readNet(): only ONNX models are bridged (by a .onnx file name or "
            f"framework='onnx'), got model {model!r:.80} with framework {framework!r}"
        )
    if config:
        raise error(f"readNet(): an ONNX model takes no config, got {config!r:.80}")
    return _marshal.installed("dnn.readNetFromONNX")(path)


def Net_setPreferableTarget(self: Any, targetId: int) -> None:
    """Accepted, as on a machine without the target: opencv.js computes on the CPU
    (``cv2.dnn.DNN_TARGET_CPU``), which is where OpenCV falls back to."""
    _marshal.argument("Net.setPreferableTarget", "targetId", "int", targetId)


NAMESPACED: dict[str, Callable[..., Any]] = {
    "dnn.readNet": readNet,
    "dnn.NMSBoxes": NMSBoxes,
    "dnn.NMSBoxesBatched": NMSBoxesBatched,
    "dnn.NMSBoxesRotated": NMSBoxesRotated,
    "dnn.blobFromImages": blobFromImages,
    "dnn.imagesFromBlob": imagesFromBlob,
}
