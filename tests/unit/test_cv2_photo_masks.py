"""The seamless-cloning wrappers change the caller's mask as opencv-python's OpenCV does.

OpenCV 4.12 erodes and inverts a one-channel mask in place (``seamlessClone``
clears its outer ring first); the wrappers in ``portlite.cv2.photo`` make the
same change after the bridged call. Checked here against opencv-python itself.
"""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from portlite.cv2 import photo

_RNG = np.random.default_rng(20261208)
_IMAGE = cv2.GaussianBlur(_RNG.integers(0, 256, (96, 128, 3)).astype(np.uint8), (9, 9), 0)
_SCENE = cv2.GaussianBlur(_RNG.integers(0, 256, (200, 260, 3)).astype(np.uint8), (9, 9), 0)


def _masks() -> list[np.ndarray]:
    """Blobs, blobs touching the edge, speckle of any non-zero value, a box, nothing."""
    rng = np.random.default_rng(7)
    masks = []
    for _ in range(4):
        blobs = cv2.GaussianBlur(rng.random((96, 128)), (0, 0), 6) > 0.5
        masks.append(blobs.astype(np.uint8) * 255)
    masks.append((rng.integers(0, 2, (96, 128)) * 37).astype(np.uint8))
    box = np.zeros((96, 128), np.uint8)
    box[20:70, 30:100] = 255
    masks += [box, np.zeros((96, 128), np.uint8)]
    return masks


@pytest.mark.parametrize("index", range(7))
@pytest.mark.parametrize("name", ["colorChange", "illuminationChange", "textureFlattening"])
def test_cloning_leaves_the_mask_eroded_and_inverted(name: str, index: int) -> None:
    mask = _masks()[index]
    native = mask.copy()
    getattr(cv2, name)(_IMAGE, native)
    assert not np.array_equal(native, mask)  # opencv-python changed the caller's array
    mine = mask.copy()
    photo._left_by_cloning(mine)
    assert np.array_equal(mine, native)


@pytest.mark.parametrize("index", range(7))
def test_seamless_clone_leaves_the_mask_cleared_at_its_edge_eroded_and_inverted(
    index: int,
) -> None:
    mask = _masks()[index]
    native = mask.copy()
    cv2.seamlessClone(_IMAGE, _SCENE, native, (130, 100), cv2.NORMAL_CLONE)
    mine = mask.copy()
    photo._left_by_seamless_clone(mine)
    assert np.array_equal(mine, native)


def test_only_a_writable_one_channel_8_bit_mask_is_the_plane_opencv_writes() -> None:
    mask = np.zeros((4, 5), np.uint8)
    assert photo._plane(mask) is not None
    assert photo._plane(mask[..., None]) is not None
    assert photo._plane(np.zeros((4, 5, 3), np.uint8)) is None  # a converted copy
    assert photo._plane(np.zeros((4, 5), np.float32)) is None
    assert photo._plane(np.zeros((0, 5), np.uint8)) is None
    assert photo._plane(None) is None
    mask.flags.writeable = False
    assert photo._plane(mask) is None
