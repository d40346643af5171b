"""The document-scanner notebook's photo and its reference scan, made at build time.

:func:`render_letter` draws a one-page letter; :func:`render_photo` lays it
sideways on scikit-image's ``gravel`` texture, in perspective and under
uneven light, as a phone held in landscape would photograph it.
:func:`write_reference` runs the notebook's own ``scan_document.py`` on that
photo with opencv-python on CPython and writes what it found, which the
notebook compares with its run in the browser.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

__all__ = ["render_letter", "render_photo", "write_reference"]

#: The letter's text: a heading, then paragraphs (each a list of lines).
LETTER = [
    ["PortLite Field Office", "Harbour Street 12"],
    ["Dear reader,"],
    ["this page was drawn by the site's build, laid on",
     "a desk and photographed in perspective, with",
     "light falling off towards one corner."],
    ["The notebook beside it runs a scanner written for",
     "a server: it finds the page, flattens it, turns",
     "it upright and cleans it to black and white."],
    ["Every call is opencv-python's own API. In the",
     "browser it runs on opencv.js, and the answers",
     "are compared with the server's, line by line."],
    ["With kind regards,", "the PortLite team"],
]  # fmt: skip

#: The photo's size, px (width, height), and where the page's corners land in it, from
#: its top left, clockwise: it lies sideways, its top edge along the photo's left side.
PHOTO_SIZE = (1280, 960)
PAGE_IN_PHOTO = [[190, 855], [215, 120], [1090, 160], [1130, 800]]


def render_letter(out: Path) -> None:
    """A portrait page of text (Pillow's own font, so every build draws the same pixels)."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", (620, 877), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=24)
    y = 60
    for paragraph in LETTER:
        for line in paragraph:
            draw.text((60, y), line, fill=(25, 25, 30), font=font)
            y += 34
        y += 26
    out.parent.mkdir(parents=True, exist_ok=True)
    image.save(out)


def render_photo(document: Path, background: Path, out: Path) -> None:
    """A photo of ``document`` lying on ``background`` (both images), written as PNG."""
    import cv2
    import numpy as np

    page, desk = cv2.imread(str(document)), cv2.imread(str(background))
    if page is None or desk is None:
        raise ValueError(f"render_photo: {document} or {background} is not an image cv2 reads")
    height, width = page.shape[:2]
    surface = cv2.resize(desk, PHOTO_SIZE, interpolation=cv2.INTER_CUBIC)
    # a desk out of focus: the texture softened and darker than the paper
    surface = (cv2.GaussianBlur(surface, (0, 0), 6) * 0.5).astype(np.uint8)
    right, bottom = width - 1, height - 1
    source = np.array([[0, 0], [right, 0], [right, bottom], [0, bottom]], np.float32)
    matrix = cv2.getPerspectiveTransform(source, np.array(PAGE_IN_PHOTO, np.float32))
    warped = cv2.warpPerspective(page, matrix, PHOTO_SIZE, flags=cv2.INTER_AREA)
    mask = cv2.warpPerspective(np.full((height, width), 255, np.uint8), matrix, PHOTO_SIZE)
    photo = np.where(mask[..., None] > 127, warped, surface).astype(np.float32)
    # light from the top left, falling to 60% across the photo; a little sensor noise
    ys, xs = np.mgrid[0 : PHOTO_SIZE[1], 0 : PHOTO_SIZE[0]].astype(np.float32)
    light = 1.0 - 0.4 * (xs / PHOTO_SIZE[0] + ys / PHOTO_SIZE[1]) / 2
    noise = np.random.default_rng(20261206).normal(0, 3, photo.shape)
    photo = np.clip(photo * light[..., None] + noise, 0, 255).astype(np.uint8)
    out.parent.mkdir(parents=True, exist_ok=True)
    cv2.imwrite(str(out), photo)


#: Run in a fresh interpreter, as a server would: the script imported from its folder.
_SCAN = """
import json, sys
import cv2
script, photo, clean_out = sys.argv[1:4]
sys.path.insert(0, script)
from scan_document import scan
found = scan(cv2.imread(photo))
cv2.imwrite(clean_out, found.clean)
print(json.dumps({
    "source": f"scan_document.py on CPython {sys.version.split()[0]}, "
              f"opencv-python {cv2.__version__}",
    "corners": found.corners.tolist(),
    "turned": found.turned,
    "page_shape": list(found.page.shape),
    "ink_pixels": found.ink_pixels,
    "text_lines": [list(box) for box in found.text_lines],
    "skew_degrees": found.skew_degrees,
}))
"""


def write_reference(script: Path, photo: Path, clean_out: Path, out: Path) -> None:
    """Run ``script`` (scan_document.py) on ``photo``; write its clean page and its findings."""
    found = subprocess.run(
        [sys.executable, "-c", _SCAN, str(script.parent), str(photo), str(clean_out)],
        check=True, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    out.write_text(json.dumps(json.loads(found.stdout), indent=1) + "\n")
