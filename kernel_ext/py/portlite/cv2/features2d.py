"""cv2.KeyPoint and cv2.DMatch: the values feature detectors and matchers hand back.

opencv.js passes them as plain objects; these classes give them
opencv-python's constructors and attributes.
"""

from __future__ import annotations

from typing import Any

__all__ = ["DMatch", "KeyPoint"]


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
