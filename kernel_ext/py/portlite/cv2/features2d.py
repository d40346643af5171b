"""cv2.KeyPoint and cv2.DMatch (the values feature detectors and matchers hand
back), cv2.DescriptorMatcher_create's numbered form and SimpleBlobDetector's
parameters' constructor.

opencv.js passes KeyPoints and DMatches as plain objects; these classes give
them opencv-python's constructors and attributes.
"""

from __future__ import annotations

from typing import Any

import numpy as np

__all__ = [
    "DMatch",
    "DescriptorMatcher_create",
    "KeyPoint",
    "KeyPoint_convert",
    "KeyPoint_overlap",
    "drawMatchesKnn",
]

FLT_MAX = 3.4028234663852886e38  # a DMatch's distance before it is matched

#: OpenCV's DescriptorMatcher::MatcherType numbers and the names they stand for.
MATCHER_TYPES = {
    1: "FlannBased",
    2: "BruteForce",
    3: "BruteForce-L1",
    4: "BruteForce-Hamming",
    5: "BruteForce-HammingLUT",
    6: "BruteForce-SL2",
}


def DescriptorMatcher_create(descriptorMatcherType: Any) -> Any:
    """A matcher by name (``"BruteForce-Hamming"``) or by number (``cv2.DESCRIPTOR_MATCHER_*``).

    opencv.js binds only the named form (its constructors differ by
    argument count, not type), so a number is turned into its name, as
    OpenCV's own ``create(int)`` does.
    """
    from . import _marshal, _table  # here: _marshal imports this module

    name = descriptorMatcherType
    if isinstance(name, int) and not isinstance(name, bool):
        if name not in MATCHER_TYPES:
            raise TypeError(
                "DescriptorMatcher_create(): argument 'descriptorMatcherType' must be a name or "
                f"one of {sorted(MATCHER_TYPES)} (cv2.DESCRIPTOR_MATCHER_*), got {name!r}"
            )
        name = MATCHER_TYPES[name]
    named = _table.FUNCTIONS["DescriptorMatcher_create"][:1]
    return _marshal.bridge("DescriptorMatcher_create", named)(name)


def blob_detector_defaults() -> Any:
    """A ``cv2.SimpleBlobDetector_Params`` with OpenCV's defaults.

    opencv.js binds no constructor for the struct: a new detector's own
    parameters are read instead.
    """
    from . import _marshal  # here: _marshal imports this module

    detector = _marshal.CLASSES["SimpleBlobDetector"].create()
    try:
        return detector.getParams()
    finally:
        detector.close()


class KeyPoint:
    """A salient point, as ``cv2.KeyPoint``: ``pt``, ``size``, ``angle``, ``response``, ..."""

    __slots__ = ("angle", "class_id", "octave", "pt", "response", "size")

    def __init__(
        self,
        x: float = 0.0,
        y: float = 0.0,
        size: float = 0.0,
        angle: float = -1.0,
        response: float = 0.0,
        octave: int = 0,
        class_id: int = -1,
    ) -> None:
        self.pt = (float(x), float(y))
        self.size = float(size)
        self.angle = float(angle)
        self.response = float(response)
        self.octave = int(octave)
        self.class_id = int(class_id)

    @classmethod
    def from_js(cls, value: dict[str, Any]) -> KeyPoint:
        """A KeyPoint from opencv.js's plain object."""
        point = value["pt"]
        return cls(point["x"], point["y"], value["size"], value["angle"], value["response"],
                   value["octave"], value["class_id"])  # fmt: skip

    def as_js(self) -> dict[str, Any]:
        """The plain object opencv.js takes."""
        return {"pt": {"x": self.pt[0], "y": self.pt[1]}, "size": self.size,
                "angle": self.angle, "response": self.response, "octave": self.octave,
                "class_id": self.class_id}  # fmt: skip

    def __repr__(self) -> str:
        return f"< cv2.KeyPoint pt={self.pt} size={self.size:g} angle={self.angle:g} >"


class DMatch:
    """A descriptor match, as ``cv2.DMatch``: query and train indices, image, distance."""

    __slots__ = ("distance", "imgIdx", "queryIdx", "trainIdx")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """``DMatch()``, ``DMatch(_queryIdx, _trainIdx, _distance)`` or
        ``DMatch(_queryIdx, _trainIdx, _imgIdx, _distance)``, as opencv-python's."""
        names: tuple[str, ...] = ("_queryIdx", "_trainIdx", "_imgIdx", "_distance")
        if len(args) + len(kwargs) == 3 and "_imgIdx" not in kwargs:
            names = ("_queryIdx", "_trainIdx", "_distance")
        values = {"_queryIdx": -1, "_trainIdx": -1, "_imgIdx": -1, "_distance": FLT_MAX}
        given = dict(zip(names, args, strict=False)) if len(args) <= len(names) else None
        unknown = set(kwargs) - set(names) if given is not None else set()
        if given is None or unknown or set(given) & set(kwargs) or 0 < len(args) + len(kwargs) < 3:
            raise TypeError(
                "DMatch(): takes (), (_queryIdx, _trainIdx, _distance) or (_queryIdx, "
                f"_trainIdx, _imgIdx, _distance), got {len(args)} positional and keywords "
                f"{sorted(kwargs)}"
            )
        values.update(given, **kwargs)
        self.queryIdx = int(values["_queryIdx"])
        self.trainIdx = int(values["_trainIdx"])
        self.imgIdx = int(values["_imgIdx"])
        self.distance = float(values["_distance"])

    @classmethod
    def from_js(cls, value: dict[str, Any]) -> DMatch:
        """A DMatch from opencv.js's plain object."""
        return cls(value["queryIdx"], value["trainIdx"], value["imgIdx"], value["distance"])

    def as_js(self) -> dict[str, Any]:
        """The plain object opencv.js takes."""
        return {"queryIdx": self.queryIdx, "trainIdx": self.trainIdx, "imgIdx": self.imgIdx,
                "distance": self.distance}  # fmt: skip

    def __repr__(self) -> str:
        return (f"< cv2.DMatch queryIdx={self.queryIdx} trainIdx={self.trainIdx} "
                f"distance={self.distance:g} >")  # fmt: skip


def KeyPoint_convert(*args: Any, **kwargs: Any) -> Any:
    """KeyPoints to points or points to KeyPoints, as ``cv2.KeyPoint_convert``.

    ``KeyPoint_convert(keypoints[, keypointIndexes])`` gives their ``pt`` as
    an (N, 2) float32 array (only the indexed ones, if given);
    ``KeyPoint_convert(points2f[, size[, response[, octave[, class_id]]]])``
    gives a tuple of KeyPoints. Pure values: nothing crosses to opencv.js.
    """
    from ._runtime import error  # here: _runtime's users import this module

    first = args[0] if args else kwargs.get("keypoints", kwargs.get("points2f"))
    if isinstance(first, (list, tuple)) and first and all(isinstance(k, KeyPoint) for k in first):
        indexes = args[1] if len(args) > 1 else kwargs.get("keypointIndexes")
        if indexes is not None and not (
            isinstance(indexes, (list, tuple, np.ndarray))
            and all(isinstance(i, (int, np.integer)) and 0 <= i < len(first) for i in indexes)
        ):
            raise error(f"KeyPoint_convert(): 'keypointIndexes' must be indexes into the "
                        f"{len(first)} keypoints, got {indexes!r:.80}")  # fmt: skip
        chosen = first if indexes is None or len(indexes) == 0 else [first[int(i)] for i in indexes]
        return np.array([k.pt for k in chosen], np.float32).reshape(-1, 2)
    names = ("points2f", "size", "response", "octave", "class_id")
    values = {"size": 1.0, "response": 1.0, "octave": 0, "class_id": -1,
              **dict(zip(names, args, strict=False)), **kwargs}  # fmt: skip
    try:
        points = np.asarray(values["points2f"], np.float64)
        if points.size and (points.ndim != 2 or points.shape[1] != 2):
            raise ValueError(points.shape)
    except (KeyError, TypeError, ValueError):
        raise error(
            "KeyPoint_convert(): argument 'keypoints' must be a sequence of cv2.KeyPoint, or "
            f"'points2f' a sequence of (x, y) points, got {first!r:.80}"
        ) from None
    if points.size == 0:
        return ()
    xy = points.astype(np.float32).tolist()  # Point2f: float32 coordinates
    return tuple(KeyPoint(x, y, values["size"], -1, values["response"], values["octave"],
                          values["class_id"]) for x, y in xy)  # fmt: skip


def KeyPoint_overlap(kp1: KeyPoint, kp2: KeyPoint) -> float:
    """How much two keypoints' circles overlap (intersection over union), as
    ``cv2.KeyPoint_overlap``: OpenCV's steps in float32; 0 when apart, the ratio of the
    areas when one holds the other."""
    from ._runtime import error  # here: _runtime's users import this module

    if not (isinstance(kp1, KeyPoint) and isinstance(kp2, KeyPoint)):
        raise error("KeyPoint_overlap(): 'kp1' and 'kp2' must be cv2.KeyPoint, got "
                    f"{type(kp1).__name__} and {type(kp2).__name__}")  # fmt: skip
    f = np.float32
    a, b = f(kp1.size) * f(0.5), f(kp2.size) * f(0.5)
    a_2, b_2 = a * a, b * b
    dx, dy = f(kp1.pt[0]) - f(kp2.pt[0]), f(kp1.pt[1]) - f(kp2.pt[1])
    c = f(np.sqrt(np.float64(dx) * dx + np.float64(dy) * dy))  # cv::norm sums in double
    if min(a, b) + c <= max(a, b):
        return float(min(a_2, b_2) / max(a_2, b_2))
    if not c < a + b:
        return 0.0
    c_2 = c * c
    cos_alpha = (b_2 + c_2 - a_2) / (f(kp2.size) * c)
    cos_beta = (a_2 + c_2 - b_2) / (f(kp1.size) * c)
    alpha, beta = np.arccos(cos_alpha), np.arccos(cos_beta)
    intersection = (a_2 * beta + b_2 * alpha - a_2 * np.sin(beta) * cos_beta
                    - b_2 * np.sin(alpha) * cos_alpha)  # fmt: skip
    union = (a_2 + b_2) * f(np.pi) - intersection
    return float(intersection / union)


def drawMatchesKnn(
    img1: Any,
    keypoints1: Any,
    img2: Any,
    keypoints2: Any,
    matches1to2: Any,
    outImg: Any,
    matchColor: Any = None,
    singlePointColor: Any = None,
    matchesMask: Any = None,
    flags: int = 0,
) -> Any:
    """Draw lists of matches (knnMatch's), as ``cv2.drawMatchesKnn``: the bridged
    ``drawMatches`` on them flattened, which is what OpenCV draws, in the same order (so
    random colours come from the same draws)."""
    from . import _marshal  # here: _marshal imports this module

    if not isinstance(matches1to2, (list, tuple)) or not all(
        isinstance(row, (list, tuple)) for row in matches1to2
    ):
        raise TypeError("drawMatchesKnn(): 'matches1to2' must be a list of lists of cv2.DMatch "
                        f"(knnMatch's result), got {matches1to2!r:.80}")  # fmt: skip
    matches = [match for row in matches1to2 for match in row]
    mask = None if matchesMask is None else [flag for row in matchesMask for flag in row]
    options = {"matchColor": matchColor, "singlePointColor": singlePointColor,
               "matchesMask": mask, "flags": flags}  # fmt: skip
    given = {key: value for key, value in options.items() if value is not None}
    draw = _marshal.installed("drawMatches")
    return draw(img1, keypoints1, img2, keypoints2, matches, outImg, **given)
