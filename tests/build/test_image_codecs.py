"""portlite.image_codecs on CPython: what cv2.imdecode/imencode give, through Pillow."""

from __future__ import annotations

import io
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image
from portlite.cv2 import _image_codecs as image_codecs

from portlite_site import DEFAULT_MANIFEST, DEFAULT_VENDOR_CACHE
from portlite_site.manifest import load_manifest
from portlite_site.vendor_cache import VendorCache

SAMPLES = ("page", "text", "coins", "camera", "chelsea", "astronaut")
FLAGS = (-1, 0, 1, 2, 4, 6, 256, 1 | 128)


def _sample(name: str) -> bytes:
    manifest = load_manifest(DEFAULT_MANIFEST)
    path = VendorCache(DEFAULT_VENDOR_CACHE).ensure_file(
        manifest.file(f"skimage-{name}.png"), manifest.archives
    )
    return Path(path).read_bytes()


def _native(data: bytes, flags: int) -> np.ndarray:
    return cv2.imdecode(np.frombuffer(data, np.uint8), flags)


def _same(ours: np.ndarray | None, theirs: np.ndarray) -> bool:
    return (
        ours is not None
        and ours.dtype == theirs.dtype
        and ours.shape == theirs.shape
        and np.array_equal(ours, theirs)
    )


def _synthetic_files() -> dict[str, bytes]:
    """Files cv2 itself writes: 16-bit grey PNG, BGRA PNG, grey and colour JPEGs."""
    rng = np.random.default_rng(5)
    bgr = cv2.imdecode(np.frombuffer(_sample("chelsea"), np.uint8), 1)
    grey16 = (rng.random((31, 47)) * 65535).astype(np.uint16)
    bgra = np.dstack([bgr, bgr[..., 1]])
    files = {
        "grey16.png": cv2.imencode(".png", grey16)[1].tobytes(),
        "bgra.png": cv2.imencode(".png", bgra)[1].tobytes(),
        "q95.jpg": cv2.imencode(".jpg", bgr)[1].tobytes(),
        "q60.jpg": cv2.imencode(".jpg", bgr, [cv2.IMWRITE_JPEG_QUALITY, 60])[1].tobytes(),
        "grey.jpg": cv2.imencode(".jpg", bgr[..., 0].copy())[1].tobytes(),
    }
    # A palette PNG with a transparent entry, and a JPEG whose EXIF says "rotate 90".
    palette = Image.fromarray(rng.integers(0, 4, (9, 13), dtype=np.uint8), "P")
    palette.putpalette([0, 0, 0, 255, 0, 0, 0, 255, 0, 0, 0, 255])
    buffer = io.BytesIO()
    palette.save(buffer, "PNG", transparency=2)
    files["palette.png"] = buffer.getvalue()
    exif = Image.Exif()
    exif[0x0112] = 6
    buffer = io.BytesIO()
    Image.fromarray(bgr[:40, :60, ::-1].copy()).save(buffer, "JPEG", exif=exif.tobytes())
    files["rotated.jpg"] = buffer.getvalue()
    return files


@pytest.mark.parametrize("name", SAMPLES)
def test_sample_pngs_decode_as_cv2_decodes_them(name: str) -> None:
    data = _sample(name)
    for flags in FLAGS:
        assert _same(image_codecs.decode(data, flags), _native(data, flags)), (name, flags)


@pytest.mark.parametrize("name", sorted(_synthetic_files()))
def test_other_files_decode_as_cv2_decodes_them(name: str) -> None:
    data = _synthetic_files()[name]
    for flags in FLAGS:
        assert _same(image_codecs.decode(data, flags), _native(data, flags)), (name, flags)


def test_exif_orientation_is_applied_unless_ignored() -> None:
    data = _synthetic_files()["rotated.jpg"]
    assert image_codecs.decode(data, 1).shape == (60, 40, 3)
    assert image_codecs.decode(data, 1 | 128).shape == (40, 60, 3)


@pytest.mark.parametrize("ext", [".png", ".bmp", ".jpg"])
def test_encoded_files_decode_to_what_cv2s_own_files_decode_to(ext: str) -> None:
    bgr = _native(_sample("chelsea"), 1)
    images = {
        "bgr": bgr,
        "grey": bgr[..., 2].copy(),
        "bgra": np.dstack([bgr, bgr[..., 0]]),
        "float": bgr.astype(np.float32) * 1.7 - 40,  # saturated to uint8, as cv2 does
    }
    if ext == ".png":
        images["grey16"] = bgr[..., 0].astype(np.uint16) * 257
    for name, image in images.items():
        params = [cv2.IMWRITE_JPEG_QUALITY, 80] if ext == ".jpg" else []
        ours = image_codecs.encode(ext, image, params)
        theirs = cv2.imencode(ext, image, params)[1].tobytes()
        assert _same(_native(ours, -1), _native(theirs, -1)), (ext, name)


def test_unknown_extensions_and_non_images() -> None:
    with pytest.raises(image_codecs.UnknownFormatError, match="could not find a writer"):
        image_codecs.encode(".xyz", np.zeros((2, 2), np.uint8))
    assert image_codecs.decode(b"not an image") is None
    assert cv2.imdecode(np.frombuffer(b"not an image", np.uint8), 1) is None
