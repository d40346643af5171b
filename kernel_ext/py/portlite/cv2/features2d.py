"""cv2.KeyPoint and cv2.DMatch (the values feature detectors and matchers hand
back), cv2.DescriptorMatcher_create's numbered form and SimpleBlobDetector's
parameters' constructor.

opencv.js passes KeyPoints and DMatches as plain objects; these classes give
them opencv-python's constructors and attributes.
"""

from __future__ import annotations

from typing import Any

__all__ = ["DMatch", "DescriptorMatcher_create", "KeyPoint"]

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

    def __init__(
        self, queryIdx: int = -1, trainIdx: int = -1, imgIdx: int = -1, distance: float = 3.4e38
    ) -> None:
        self.queryIdx = int(queryIdx)
        self.trainIdx = int(trainIdx)
        self.imgIdx = int(imgIdx)
        self.distance = float(distance)

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
