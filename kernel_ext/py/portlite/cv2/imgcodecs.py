"""cv2's image files (imread, imwrite, imencode, imdecode) through Pillow.

opencv.js has no codecs; Pyodide's Pillow decodes and encodes, and
:mod:`._image_codecs` makes its results what opencv-python's would be.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Sequence
from types import ModuleType
from typing import Any

import numpy as np

from .. import _js, hints
from .._js import Image
from . import _image_codecs as image_codecs
from . import _marshal
from ._checks import _check_image
from ._image_codecs import IMREAD_COLOR
from ._runtime import error

__all__ = ["haveImageReader", "haveImageWriter", "imdecode", "imencode", "imread", "imwrite"]


def _codecs() -> ModuleType:
    """:mod:`image_codecs`, with Pillow loaded into the kernel on first use."""
    _js.ensure_package("pillow", "PIL")
    return image_codecs


def _encoded(func: str, ext: str, img: Image, params: Any) -> bytes | None:
    """The encoded file; None when the format cannot hold ``img`` (OpenCV's encoder
    then fails without raising, and warns)."""
    if not isinstance(ext, str):
        raise TypeError(f"{func}(): 'ext' must be a str such as '.png', got {type(ext).__name__}")
    img = _check_image(func, "img", img, max_channels=4)  # image files hold 1-4
    if params is not None and not all(isinstance(p, (int, np.integer)) for p in params):
        raise TypeError(f"{func}(): 'params' must be a list of ints, got {params!r:.60}")
    try:
        encoded: bytes = _codecs().encode(ext, img, [int(p) for p in params or ()])
        return encoded
    except image_codecs.EncoderRefusedError as refused:
        warnings.warn(f"{func}(): can't encode data: {refused}", stacklevel=3)
        return None
    except (image_codecs.UnknownFormatError, ValueError) as err:
        raise error(f"{func}(): {err}") from None


def _shrink(pixels: Image, size: tuple[int, int]) -> Image:
    """An IMREAD_REDUCED_* read of a non-JPEG image: OpenCV's resize to ``size``."""
    from . import _marshal, _table  # the package's bridged resize

    shrunk: Image = _marshal.installed("resize")(
        pixels, size, interpolation=_table.CONSTANTS["INTER_LINEAR_EXACT"]
    )
    return shrunk


def imread(filename: str, flags: int = IMREAD_COLOR) -> Image | None:
    """Read an image file from the kernel's file system, as ``cv2.imread``.

    Returns BGR (or per ``flags``, see :func:`imdecode`); None when the file
    is missing or not an image, as cv2 does.
    """
    if isinstance(filename, bytes):  # opencv-python takes a bytes path too
        filename = os.fsdecode(filename)
    if not isinstance(filename, (str, os.PathLike)):
        raise TypeError(f"imread(): 'filename' must be a str path, got {type(filename).__name__}")
    try:
        with open(filename, "rb") as image_file:
            data = image_file.read()
    except OSError:
        warnings.warn(
            f"imread('{os.fspath(filename)}'): can't open/read file. "
            + hints.missing_file_hint(filename),
            stacklevel=2,
        )
        return None
    flags = _marshal.argument("imread", "flags", "int", flags)
    decoded: Image | None = _codecs().decode(data, flags, _shrink)
    return decoded


def imdecode(buf: Any, flags: int) -> Image | None:
    """Decode an image held in memory, as ``cv2.imdecode``; None if it is not one.

    ``flags``: ``IMREAD_COLOR`` (BGR), ``IMREAD_GRAYSCALE``, ``IMREAD_UNCHANGED``
    (alpha and 16-bit kept), ``IMREAD_COLOR_RGB``, ``IMREAD_ANYDEPTH``,
    ``IMREAD_ANYCOLOR``, ``IMREAD_IGNORE_ORIENTATION``.
    """
    if isinstance(buf, np.ndarray):
        data = np.ascontiguousarray(buf).tobytes()
    elif isinstance(buf, (bytes, bytearray, memoryview)):
        data = bytes(buf)
    else:
        raise TypeError(
            f"imdecode(): 'buf' must be a numpy array of bytes, got {type(buf).__name__}"
        )
    flags = _marshal.argument("imdecode", "flags", "int", flags)
    decoded: Image | None = _codecs().decode(data, flags, _shrink)
    return decoded


def imencode(ext: str, img: Image, params: Sequence[int] | None = None) -> tuple[bool, Image]:
    """Encode an image to memory, as ``cv2.imencode``: ``(True, uint8 1-D array)``.

    ``(False, empty array)`` when the format cannot hold the image (a colour
    PGM), as OpenCV's encoders fail.
    """
    data = _encoded("imencode", ext, img, params)
    if data is None:
        return False, np.empty(0, np.uint8)
    return True, np.frombuffer(data, np.uint8).copy()


def imwrite(filename: str, img: Image, params: Sequence[int] | None = None) -> bool:
    """Write an image to the kernel's file system by extension, as ``cv2.imwrite``."""
    if isinstance(filename, bytes):
        filename = os.fsdecode(filename)
    if not isinstance(filename, (str, os.PathLike)):
        raise TypeError(f"imwrite(): 'filename' must be a str path, got {type(filename).__name__}")
    data = _encoded("imwrite", os.path.splitext(os.fspath(filename))[1], img, params)
    if data is None:
        return False
    with open(filename, "wb") as image_file:
        image_file.write(data)
    return True


def haveImageReader(filename: str) -> bool:
    """Whether the file exists and is an image this kernel can decode, as
    ``cv2.haveImageReader`` (which reads the file's signature)."""
    path = os.fsdecode(filename) if isinstance(filename, bytes) else filename
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"haveImageReader(): 'filename' must be a str path, got "
                        f"{type(filename).__name__}")  # fmt: skip
    try:
        with open(path, "rb") as image_file:
            readable: bool = _codecs().readable(image_file)
            return readable
    except OSError:
        return False


def haveImageWriter(filename: str) -> bool:
    """Whether ``imwrite`` has a writer for the name's extension, as ``cv2.haveImageWriter``
    (``"x.png"`` or ``".png"``; a name without a dot has none)."""
    if not isinstance(filename, str):
        raise TypeError(f"haveImageWriter(): 'filename' must be a str, got "
                        f"{type(filename).__name__}")  # fmt: skip
    dot = filename.rfind(".")
    return dot >= 0 and image_codecs.has_writer(filename[dot:])
