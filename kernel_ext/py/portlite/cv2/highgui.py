"""Desktop display calls, as a notebook can honour them.

``cv2.imshow(name, img)`` shows the image in the cell's output (what a
window would show: BGR colour, grey, float images scaled as OpenCV scales
them); ``waitKey`` answers "no key" at once; window calls do nothing.
"""

from __future__ import annotations

import base64
import io

import numpy as np

from .._js import Image

__all__ = ["destroyAllWindows", "destroyWindow", "imshow", "namedWindow", "waitKey", "waitKeyEx"]


def displayed(img: Image) -> Image:
    """The 8-bit RGB(A) or grey pixels OpenCV's window would show for ``img``.

    As ``cv::imshow``: 16-bit images are divided by 256, float images
    multiplied by 255 (values 0-1 fill the range), colour is BGR(A).
    """
    if not isinstance(img, np.ndarray) or img.ndim not in (2, 3) or img.size == 0:
        raise TypeError(
            f"imshow(): 'mat' must be a non-empty HxW or HxWxC numpy array, got "
            f"{type(img).__name__}{getattr(img, 'shape', '')}"
        )
    if img.ndim == 3 and img.shape[2] not in (1, 3, 4):
        raise ValueError(f"imshow(): 'mat' must have 1, 3 or 4 channels, got {img.shape[2]}")
    if img.dtype == np.uint8:
        pixels = img
    elif img.dtype in (np.uint16, np.int16):
        pixels = (img.astype(np.float64) / 256).clip(0, 255).astype(np.uint8)
    elif img.dtype == np.int8:
        pixels = (img.astype(np.int16) + 128).astype(np.uint8)
    elif img.dtype.kind == "f":
        pixels = (img.astype(np.float64) * 255).round().clip(0, 255).astype(np.uint8)
    else:
        pixels = img.clip(0, 255).astype(np.uint8)
    if pixels.ndim == 3 and pixels.shape[2] == 1:
        pixels = pixels[..., 0]
    if pixels.ndim == 3:
        pixels = pixels[..., [2, 1, 0, 3][: pixels.shape[2]]]
    return np.ascontiguousarray(pixels)


def imshow(winname: str, mat: Image) -> None:
    """Show ``mat`` in the cell's output, titled ``winname``, as ``cv2.imshow`` shows a window."""
    if not isinstance(winname, str):
        raise TypeError(f"imshow(): 'winname' must be a str, got {type(winname).__name__}")
    pixels = displayed(mat)
    from IPython.display import display
    from PIL import Image as PILImage

    png = io.BytesIO()
    PILImage.fromarray(pixels).save(png, format="PNG")
    # Front ends take image/png as base64 text (raw bytes would not render).
    bundle = {
        "image/png": base64.b64encode(png.getvalue()).decode("ascii"),
        "text/plain": f"<cv2.imshow {winname!r}: {pixels.shape[1]}x{pixels.shape[0]}>",
    }
    display(bundle, raw=True, metadata={"portlite": {"window": winname}})


def waitKey(delay: int = 0) -> int:
    """-1 at once, as ``cv2.waitKey`` when no key is pressed (a notebook has no window)."""
    return -1


def waitKeyEx(delay: int = 0) -> int:
    """-1 at once, as ``cv2.waitKeyEx`` when no key is pressed."""
    return -1


def namedWindow(winname: str, flags: int = 1) -> None:
    """Nothing: images are shown in the cell's output."""


def destroyWindow(winname: str) -> None:
    """Nothing: there is no window."""


def destroyAllWindows() -> None:
    """Nothing: there are no windows."""
