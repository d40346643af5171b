"""Reference results for the OCR sample notebooks, from the real server code.

The build runs rapidocr-onnxruntime 1.3.24's own text-detection code (read
out of the pinned wheel in the vendor cache: ``DetPreProcess``,
``DBPostProcess`` and ``TextDetector`` with the package's ``config.yaml``)
on CPython with opencv-python, onnxruntime, pyclipper and shapely, on the
sample images the site ships. The notebook runs its browser port of the
same steps and compares its boxes with these.

For the OCR notebook it renders a receipt and runs the whole package
(detection, direction classification, recognition: ``RapidOCR``) unchanged
on it and on scikit-image's ``text`` image.

For the detection boxes, only the package's session wrapper is replaced (``OrtInferSession``, which
reads onnxruntime settings that do not matter here); its imports of the
whole package (recognition, classification, PIL) are not run.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import tempfile
import types
import zipfile
from pathlib import Path
from typing import Any

__all__ = ["detect_boxes", "recognise", "render_receipt", "write_reference"]

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


#: The receipt the OCR notebook reads first: lines a server's detector finds
#: whole, and one stamp upside down for the direction classifier to turn.
RECEIPT_LINES = (
    "PORTLITE CAFE",
    "12 Harbour Street",
    "Receipt 0042  2026-12-06 09:41",
    "Espresso        2 x 3.20    6.40",
    "Croissant       1 x 2.80    2.80",
    "Orange juice    1 x 4.50    4.50",
    "Total                      13.70",
    "Card payment   approved",
    "Thank you for your visit",
)
RECEIPT_STAMP = "PAID IN FULL"


def render_receipt(out: Path) -> None:
    """Render the receipt image (Pillow's own font, so every build draws the same pixels)."""
    from PIL import Image, ImageDraw, ImageFont

    line_height, top = 54, 50
    image = Image.new("RGB", (760, 200 + len(RECEIPT_LINES) * line_height), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=30)
    for row, line in enumerate(RECEIPT_LINES):
        draw.text((50, top + row * line_height), line, fill=(20, 20, 20), font=font)
    stamp = Image.new("RGB", (300, 60), "white")
    stamp_font = ImageFont.load_default(size=38)
    ImageDraw.Draw(stamp).text((10, 8), RECEIPT_STAMP, fill=(150, 20, 20), font=stamp_font)
    image.paste(stamp.rotate(180), (400, top + len(RECEIPT_LINES) * line_height + 20))
    out.parent.mkdir(parents=True, exist_ok=True)
    image.save(out)


#: Run in a fresh interpreter: rapidocr's whole pipeline, as its README calls it.
_RECOGNISE = """
import json, sys
package, request = sys.argv[1], json.loads(sys.argv[2])
sys.path.insert(0, package)
from rapidocr_onnxruntime import RapidOCR
engine = RapidOCR(**request["models"])
found = {}
for name, image in request["images"].items():
    result, _ = engine(image)
    found[name] = [
        {"box": [[float(x), float(y)] for x, y in box], "text": text, "score": float(score)}
        for box, text, score in result or []
    ]
print(json.dumps(found))
"""


def recognise(wheel: Path, models: dict[str, Path], images: dict[str, Path]) -> dict[str, Any]:
    """Each image's lines (box, text, score) as rapidocr's ``RapidOCR`` reads them on CPython.

    The package runs unchanged, from the pinned wheel unpacked into a scratch
    folder, in its own interpreter (so its modules do not meet the
    detector's above), with the models the site ships.
    """
    request = {
        "models": {f"{part}_model_path": str(path) for part, path in models.items()},
        "images": {name: str(path) for name, path in images.items()},
    }
    with tempfile.TemporaryDirectory() as scratch:
        with zipfile.ZipFile(wheel) as archive:
            members = [m for m in archive.namelist() if m.startswith(f"{PACKAGE}/")]
            archive.extractall(scratch, [m for m in members if not m.endswith(".onnx")])
        done = subprocess.run(
            [sys.executable, "-c", _RECOGNISE, scratch, json.dumps(request)],
            check=True, capture_output=True, text=True,
        )  # fmt: skip
    found: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return found


def write_reference(
    wheel: Path,
    models: dict[str, Path],
    detection_images: dict[str, Path],
    ocr_images: dict[str, Path],
    out: Path,
) -> None:
    """Write the notebooks' reference to ``out`` (JSON).

    ``boxes`` holds the detector's boxes for the text-detection notebook and
    ``lines`` the whole pipeline's lines for the OCR notebook, per image name.
    """
    reference = {
        "source": "rapidocr-onnxruntime 1.3.24 on CPython (opencv-python, "
        "onnxruntime, pyclipper, shapely, PyYAML)",
        "boxes": detect_boxes(wheel, models["det"], detection_images),
        "lines": recognise(wheel, models, ocr_images),
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(reference, indent=1), encoding="utf-8")
