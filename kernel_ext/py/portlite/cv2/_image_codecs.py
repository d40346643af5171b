"""Image files for the cv2 bridge: decode and encode with Pillow, in OpenCV's conventions.

opencv.js has no image codecs, so ``cv2.imread``/``imwrite``/``imencode``/
``imdecode`` use Pillow (it ships with the site; the bridge loads it on
first use) and reproduce what opencv-python returns: BGR(A) channel order,
``IMREAD_*`` flags, EXIF orientation applied to JPEGs (not under
``IMREAD_UNCHANGED``), 16-bit PNGs kept under ``IMREAD_UNCHANGED`` and
``IMREAD_ANYDEPTH``, and OpenCV's own colour-to-grey rounding. Pure Python
on numpy and Pillow, importable (and tested) on CPython.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

__all__ = [
    "IMREAD_ANYCOLOR",
    "IMREAD_ANYDEPTH",
    "IMREAD_COLOR",
    "IMREAD_COLOR_RGB",
    "IMREAD_GRAYSCALE",
    "IMREAD_IGNORE_ORIENTATION",
    "IMREAD_UNCHANGED",
    "IMWRITE_JPEG_QUALITY",
    "IMWRITE_PNG_COMPRESSION",
    "IMWRITE_WEBP_QUALITY",
    "EncoderRefusedError",
    "UnknownFormatError",
    "decode",
    "encode",
    "has_writer",
    "readable",
    "reduction",
]

IMREAD_UNCHANGED, IMREAD_GRAYSCALE, IMREAD_COLOR = -1, 0, 1
IMREAD_ANYDEPTH, IMREAD_ANYCOLOR, IMREAD_IGNORE_ORIENTATION, IMREAD_COLOR_RGB = 2, 4, 128, 256
IMWRITE_JPEG_QUALITY, IMWRITE_PNG_COMPRESSION, IMWRITE_WEBP_QUALITY = 1, 16, 64
_IMREAD_LOAD_GDAL = 8
#: The IMREAD_REDUCED_* bits and the scale each asks for (OpenCV tests them in this order).
_REDUCED = ((16, 2), (32, 4), (64, 8))


def reduction(flags: int) -> int:
    """The IMREAD_REDUCED_* scale denominator in ``flags`` (1 when none), as OpenCV reads it."""
    if flags > _IMREAD_LOAD_GDAL:
        for bit, denominator in _REDUCED:
            if flags & bit:
                return denominator
    return 1


#: Extension -> (format, dtypes it stores as they are). PBM, PGM, PPM and PNM are
#: written here byte for byte as OpenCV writes them; the others through Pillow.
_WRITERS: dict[str, tuple[str, tuple[str, ...]]] = {
    ".png": ("PNG", ("uint8", "uint16")),
    ".jpg": ("JPEG", ("uint8",)),
    ".jpeg": ("JPEG", ("uint8",)),
    ".jpe": ("JPEG", ("uint8",)),
    ".bmp": ("BMP", ("uint8",)),
    ".dib": ("BMP", ("uint8",)),
    ".tif": ("TIFF", ("uint8", "uint16", "float32")),
    ".tiff": ("TIFF", ("uint8", "uint16", "float32")),
    ".webp": ("WEBP", ("uint8",)),
    ".pbm": ("PBM", ("uint8",)),
    ".pgm": ("PGM", ("uint8", "uint16")),
    ".ppm": ("PPM", ("uint8", "uint16")),
    ".pnm": ("PNM", ("uint8", "uint16")),
}


class UnknownFormatError(ValueError):
    """No writer for the extension (cv2 raises ``cv2.error`` for it)."""


class EncoderRefusedError(ValueError):
    """The format cannot hold this image (cv2's encoder then fails without raising:
    ``imencode`` gives ``(False, empty)`` and ``imwrite`` False)."""


def has_writer(ext: str) -> bool:
    """Whether :func:`encode` writes files with extension ``ext`` (``".png"``)."""
    return ext.lower() in _WRITERS


def readable(source: Any) -> bool:
    """Whether Pillow recognises the image file open as ``source`` (its header only)."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(source):
            return True
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        return False


def _netpbm(kind: str, image: NDArray[Any]) -> bytes:
    """A binary PBM (P4), PGM (P5) or PPM (P6) file with OpenCV's header, from grey or BGR."""
    channels = 1 if image.ndim == 2 else image.shape[2]
    if kind == "PNM":
        kind = "PGM" if channels == 1 else "PPM"
    wanted = {"PBM": 1, "PGM": 1, "PPM": 3}[kind]
    if channels != wanted:
        raise EncoderRefusedError(f"{kind} stores {'grey' if wanted == 1 else 'BGR'} images")
    height, width = image.shape[:2]
    if kind == "PBM":  # a set bit is black: OpenCV writes 0 as black, anything else white
        bits = np.packbits(image == 0, axis=1)
        return f"P4\n{width} {height}\n".encode() + bits.tobytes()
    pixels = image[..., ::-1] if kind == "PPM" else image  # the file holds RGB
    maxval = 65535 if image.dtype == np.uint16 else 255
    magic = "P6" if kind == "PPM" else "P5"
    samples = np.ascontiguousarray(pixels, ">u2" if maxval == 65535 else np.uint8)
    return f"{magic}\n{width} {height}\n{maxval}\n".encode() + samples.tobytes()


def _grey_from_rgb(rgb: NDArray[Any], file_format: str) -> NDArray[np.uint8]:
    """OpenCV's colour-to-grey of its decoder for ``file_format`` (Pillow's name)."""
    r, g, b = (rgb[..., i].astype(np.int64) for i in range(3))
    if file_format == "PNG":  # libpng's rgb_to_gray with OpenCV's 0.299/0.587 (truncating)
        grey = (9797 * r + 19234 * g + (32768 - 9797 - 19234) * b) >> 15
    elif file_format == "WEBP":  # cvtColor's BGR2GRAY: 15-bit fixed point, rounded
        grey = (9798 * r + 19235 * g + 3735 * b + (1 << 14)) >> 15
    else:  # imgcodecs' own icvCvt_BGR2Gray (BMP, TIFF, PxM): 14-bit fixed point, rounded
        grey = (4899 * r + 9617 * g + 1868 * b + (1 << 13)) >> 14
    return grey.astype(np.uint8)


def decode(
    data: bytes,
    flags: int = IMREAD_COLOR,
    shrink: Callable[[NDArray[Any], tuple[int, int]], NDArray[Any]] | None = None,
) -> NDArray[Any] | None:
    """Decode image bytes as ``cv2.imdecode`` does.

    Parameters
    ----------
    data : bytes
        The encoded file.
    flags : int
        ``IMREAD_*`` flags: ``UNCHANGED`` (-1) keeps alpha and 16-bit depth,
        ``GRAYSCALE`` (0), ``COLOR`` (1, BGR), ``COLOR_RGB`` (256),
        ``ANYDEPTH`` (2) and ``ANYCOLOR`` (4) combine as in OpenCV;
        ``IGNORE_ORIENTATION`` (128) skips the EXIF rotation; ``REDUCED_*``
        (16, 32, 64, with COLOR or not) decode at 1/2, 1/4 or 1/8 size.
    shrink : callable, optional
        ``shrink(pixels, (width, height))``: how a reduced image that is not a
        JPEG is scaled down (OpenCV resizes it with INTER_LINEAR_EXACT; a
        JPEG is decoded at the smaller size by libjpeg, as OpenCV does).

    Returns
    -------
    numpy.ndarray or None
        HxW, HxWx3 (BGR) or HxWx4 (BGRA); None when the bytes are not an
        image Pillow can read, as cv2 returns None.
    """
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        image = Image.open(io.BytesIO(data))
        is_jpeg = image.format == "JPEG"
        unchanged = flags < 0
        source_color = image.mode not in ("1", "L", "LA", "I", "I;16", "I;16B", "I;16L", "F")
        if unchanged:
            want_color = source_color
        elif flags & (IMREAD_COLOR | IMREAD_COLOR_RGB):
            want_color = True
        else:
            want_color = bool(flags & IMREAD_ANYCOLOR) and source_color
        denominator = reduction(flags)
        full_size = image.size
        if is_jpeg and (denominator > 1 or not want_color):
            # libjpeg's own grey output and scaled decoding, as OpenCV asks for them
            wanted = (full_size[0] // denominator, full_size[1] // denominator)
            image.draft("L" if not want_color else image.mode, wanted)
        if is_jpeg and not unchanged and not flags & IMREAD_IGNORE_ORIENTATION:
            image = ImageOps.exif_transpose(image)
        image.load()
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        return None
    keep_depth = unchanged or bool(flags & IMREAD_ANYDEPTH)
    try:
        pixels = _to_opencv(image, unchanged, want_color, keep_depth, flags)
    except _CannotDecodeError:
        return None
    if denominator > 1 and not is_jpeg:
        if shrink is None:
            raise ValueError("decode(): a reduced read of a non-JPEG image needs shrink")
        pixels = shrink(pixels, (full_size[0] // denominator, full_size[1] // denominator))
    return pixels


class _CannotDecodeError(Exception):
    """OpenCV's decoder cannot give the image in the form the flags ask for."""


def _to_opencv(
    image: Any, unchanged: bool, want_color: bool, keep_depth: bool, flags: int
) -> NDArray[Any]:
    from PIL import Image

    file_format, mode = image.format, image.mode  # a converted image has no format
    if mode == "F":  # float32 grey (TIFF): only read as it is, as OpenCV's TIFF decoder does
        if not (unchanged or flags & IMREAD_ANYDEPTH) or want_color and not unchanged:
            raise _CannotDecodeError
        return np.asarray(image, np.float32).copy()
    if mode in ("I", "I;16", "I;16B", "I;16L"):  # 16-bit grey
        grey16 = np.asarray(image).astype(np.uint16)
        pixels: NDArray[Any] = grey16 if keep_depth else (grey16 >> 8).astype(np.uint8)
        return np.dstack([pixels] * 3) if want_color and not unchanged else pixels
    if mode == "RGBX":  # 4 samples, the 4th unspecified (a BGRA TIFF as OpenCV writes it)
        mode = "RGBA"
        image = Image.fromarray(np.asarray(image), "RGBA")
    elif mode == "P":
        mode = "RGBA" if "transparency" in image.info else "RGB"
    elif mode == "1":
        mode = "L"
    elif mode not in ("L", "LA", "RGB", "RGBA"):
        mode = "RGB"
    if mode != image.mode:
        image = image.convert(mode)
    pixels = np.asarray(image)
    if mode == "LA":  # grey + alpha: BGRA when unchanged, else its grey
        grey = pixels[..., 0]
        if unchanged:
            return np.dstack([grey, grey, grey, pixels[..., 1]])
        pixels, mode = grey, "L"
    if mode == "L":
        return np.ascontiguousarray(np.dstack([pixels] * 3) if want_color else pixels)
    if not want_color:
        return _grey_from_rgb(pixels, file_format)
    rgb = pixels if unchanged else pixels[..., :3]
    if flags >= 0 and flags & IMREAD_COLOR_RGB:
        return np.ascontiguousarray(rgb)
    order = [2, 1, 0, 3][: rgb.shape[2]]
    return np.ascontiguousarray(rgb[..., order])


def encode(ext: str, image: NDArray[Any], params: Sequence[int] | None = None) -> bytes:
    """Encode an OpenCV-ordered image (grey, BGR or BGRA) as ``cv2.imencode`` does.

    Parameters
    ----------
    ext : str
        ``.png``, ``.jpg``/``.jpeg``/``.jpe``, ``.bmp``/``.dib``, ``.tif``/``.tiff``,
        ``.webp``, ``.pbm``, ``.pgm``, ``.ppm`` or ``.pnm``.
    image : numpy.ndarray
        HxW, HxWx1, HxWx3 or HxWx4. Depths a format cannot store are
        converted to uint8 with saturation and rounding, as OpenCV does.
    params : sequence of int, optional
        ``[IMWRITE_JPEG_QUALITY, q, IMWRITE_PNG_COMPRESSION, level,
        IMWRITE_WEBP_QUALITY, q, ...]`` (OpenCV's defaults: quality 95,
        compression 1, lossless WebP); others are ignored.

    Raises
    ------
    UnknownFormatError
        No writer for ``ext``.
    EncoderRefusedError
        The format cannot hold the image (a colour PGM, a grey PPM).
    """
    from PIL import Image

    writer = _WRITERS.get(ext.lower())
    if writer is None:
        raise UnknownFormatError(f"could not find a writer for the specified extension {ext!r}")
    pil_format, depths = writer
    options = dict(zip(params[::2], params[1::2], strict=False)) if params else {}
    if image.dtype.name not in depths:
        image = np.clip(np.rint(image.astype(np.float64)), 0, 255).astype(np.uint8)
    if image.ndim == 3 and image.shape[2] == 1:
        image = image[..., 0]
    if pil_format in ("PBM", "PGM", "PPM", "PNM"):
        return _netpbm(pil_format, image)
    if pil_format == "JPEG" and image.ndim == 3 and image.shape[2] == 4:
        image = image[..., :3]  # JPEG has no alpha: cv2 drops it
    if pil_format == "WEBP" and image.ndim == 2:
        image = np.dstack([image] * 3)  # OpenCV's WebP encoder takes grey as BGR
    if image.ndim == 2:
        grey_mode = {"uint16": "I;16", "float32": "F"}.get(image.dtype.name, "L")
        pil_image = Image.fromarray(image, grey_mode)
    else:
        if image.dtype != np.uint8:
            raise ValueError(f"{pil_format} through Pillow stores colour images as uint8 only")
        order = [2, 1, 0, 3][: image.shape[2]]
        # Pillow marks a TIFF's RGBA alpha as unassociated, which OpenCV's reader then
        # premultiplies; OpenCV's own BGRA TIFFs leave the 4th sample unspecified (RGBX).
        four = "RGBX" if pil_format == "TIFF" and image.shape[2] == 4 else None
        pil_image = Image.fromarray(np.ascontiguousarray(image[..., order]), four)
    save_options: dict[str, Any] = {}
    if pil_format == "JPEG":
        save_options["quality"] = int(options.get(IMWRITE_JPEG_QUALITY, 95))
    elif pil_format == "PNG":
        save_options["compress_level"] = int(options.get(IMWRITE_PNG_COMPRESSION, 1))
    elif pil_format == "TIFF":
        save_options["compression"] = "tiff_lzw"  # OpenCV's default
    elif pil_format == "WEBP":  # lossless unless a quality of at most 100 is asked for
        quality = int(options.get(IMWRITE_WEBP_QUALITY, 101))
        lossless = quality > 100
        save_options.update(lossless=lossless, quality=100 if lossless else max(1, quality))
    buffer = io.BytesIO()
    pil_image.save(buffer, pil_format, **save_options)
    return buffer.getvalue()
