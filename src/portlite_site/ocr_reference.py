"""Reference text boxes for the OCR sample notebook, from the real server code.

The build runs rapidocr-onnxruntime 1.3.24's own text-detection code (read
out of the pinned wheel in the vendor cache: ``DetPreProcess``,
``DBPostProcess`` and ``TextDetector`` with the package's ``config.yaml``)
on CPython with opencv-python, onnxruntime, pyclipper and shapely, on the
sample images the site ships. The notebook runs its browser port of the
same steps and compares its boxes with these.

Only the package's session wrapper is replaced (``OrtInferSession``, which
reads onnxruntime settings that do not matter here); its imports of the
whole package (recognition, classification, PIL) are not run.
"""

from __future__ import annotations

import importlib.util
import json
import sys
import types
import zipfile
from pathlib import Path
from typing import Any

__all__ = ["detect_boxes", "write_reference"]

PACKAGE = "rapidocr_onnxruntime"
DETECTOR = f"{PACKAGE}.ch_ppocr_v3_det"


class _OrtInferSession:
    """rapidocr's session wrapper, reduced to what detection calls."""

    def __init__(self, config: dict[str, Any]) -> None:
        import onnxruntime

        self.session = onnxruntime.InferenceSession(
            config["model_path"], providers=["CPUExecutionProvider"]
        )

    def __call__(self, blob: Any) -> Any:
        return self.session.run(None, {self.session.get_inputs()[0].name: blob})


def _load_module(name: str, source: bytes, filename: str) -> types.ModuleType:
    spec = importlib.util.spec_from_loader(name, loader=None)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    module.__package__ = name.rpartition(".")[0]
    sys.modules[name] = module
    exec(compile(source, filename, "exec"), module.__dict__)  # noqa: S102 - pinned, verified wheel
    return module


def _text_detector(wheel: Path, model: Path) -> Any:
    """rapidocr's ``TextDetector``, configured as the package configures it."""
    import yaml

    with zipfile.ZipFile(wheel) as archive:
        for package in (PACKAGE, DETECTOR):
            stub = types.ModuleType(package)
            stub.__path__ = []
            sys.modules.setdefault(package, stub)
        utils = types.ModuleType(f"{PACKAGE}.utils")
        utils.OrtInferSession = _OrtInferSession  # type: ignore[attr-defined]
        sys.modules[f"{PACKAGE}.utils"] = utils
        for module in ("utils", "text_detect"):
            member = f"{PACKAGE}/ch_ppocr_v3_det/{module}.py"
            _load_module(f"{DETECTOR}.{module}", archive.read(member), member)
        config = yaml.safe_load(archive.read(f"{PACKAGE}/config.yaml"))["Det"]
    config["model_path"] = str(model)
    return sys.modules[f"{DETECTOR}.text_detect"].TextDetector(config)


def detect_boxes(wheel: Path, model: Path, images: dict[str, Path]) -> dict[str, Any]:
    """The text boxes (4 corners, x then y) rapidocr's detector finds in each image."""
    import cv2

    detector = _text_detector(wheel, model)
    found = {}
    for name, image in images.items():
        boxes, _ = detector(cv2.imread(str(image)))
        found[name] = [[[float(x), float(y)] for x, y in box] for box in boxes]
    return found


def write_reference(wheel: Path, model: Path, images: dict[str, Path], out: Path) -> None:
    """Write ``{"source": ..., "boxes": {image name: boxes}}`` to ``out`` (JSON)."""
    reference = {
        "source": "rapidocr-onnxruntime 1.3.24 text detection on CPython (opencv-python, "
        "onnxruntime, pyclipper, shapely)",
        "boxes": detect_boxes(wheel, model, images),
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(reference, indent=1), encoding="utf-8")
