"""``cv2.data``: where opencv-python keeps its Haar cascades.

The site ships opencv-python's Haar cascades; ``cv2.data.haarcascades``
names a folder of the kernel's file system where a cascade is fetched the
first time a path in it is used.
"""

from __future__ import annotations

import os

from .. import _js

#: The folder of the cascades, as ``cv2.data.haarcascades`` (with its trailing slash).
haarcascades = "/usr/share/portlite/haarcascades/"

#: Where the site keeps the cascades it ships.
SITE_FOLDER = "static/portlite/opencv/haarcascades/"


def provide(path: str) -> None:
    """Fetch a cascade the site ships into :data:`haarcascades`, if ``path`` names one."""
    if not path.startswith(haarcascades) or os.path.exists(path):
        return
    name = path.removeprefix(haarcascades)
    if "/" in name or not name.endswith(".xml"):
        return
    try:
        text = _js.read_site_text(SITE_FOLDER + name)
    except Exception:  # noqa: BLE001 - not shipped (any fetch failure): OpenCV reports it
        return
    os.makedirs(haarcascades, exist_ok=True)
    with open(path, "w") as cascade:
        cascade.write(text)
