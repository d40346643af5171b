"""Parity cases for the cv2 bridge, run by both sides.

This module runs twice: in the browser kernel against ``portlite.cv2`` and on
CPython against opencv-python. The kernel makes the inputs and sends them
back with its results, so both sides compute on the same bytes whatever
their numpy versions' random streams do. It imports nothing but numpy.
"""

from __future__ import annotations

from typing import Any

#: dtype names the bridge accepts.
DTYPES = ("uint8", "int8", "uint16", "int16", "int32", "float32", "float64")


def make_inputs(np: Any) -> dict[str, Any]:
    """Seeded images: every dtype x 1/3/4 channels, odd sizes, a 1x1 and a 1xN."""
    rng = np.random.default_rng(20261130)
    images: dict[str, Any] = {}
    for dtype in DTYPES:
        for channels in (1, 3, 4):
            shape = (37, 53) if channels == 1 else (37, 53, channels)
            if dtype.startswith("float"):
                data = (rng.random(shape) * 255).astype(dtype)
            else:
                info = np.iinfo(dtype)
                data = rng.integers(info.min, info.max, shape, dtype=dtype, endpoint=True)
            images[f"{dtype}_c{channels}"] = data
    images["one_pixel"] = rng.integers(0, 256, (1, 1, 3), dtype="uint8")
    images["one_row"] = rng.integers(0, 256, (1, 17), dtype="uint8")
    # A smooth gradient with noise: Otsu has two real classes to split.
    y, x = np.mgrid[0:41, 0:67]
    images["gradient"] = ((x * 3 + y * 2) % 256).astype("uint8")
    return images


def cases(images: dict[str, Any]) -> list[tuple[str, str, str, tuple[Any, ...], dict[str, Any]]]:
    """``(case id, input id, function, args, kwargs)`` for every case."""
    out: list[tuple[str, str, str, tuple[Any, ...], dict[str, Any]]] = []
    for key in images:
        for interpolation in (0, 1, 2, 3, 4):
            out.append((f"resize/{key}/i{interpolation}", key, "resize", ((20, 11),),
                        {"interpolation": interpolation}))  # fmt: skip
        out.append((f"resize_fx/{key}", key, "resize", (None,), {"fx": 1.5, "fy": 0.5}))
        out.append((f"blur5/{key}", key, "GaussianBlur", ((5, 5), 0), {}))
        out.append((f"blur_noncontig/{key}", key, "GaussianBlur@flip", ((3, 3), 1.2), {}))
    for key in ("uint8_c3", "float32_c3", "uint16_c3", "uint8_c4"):
        for code in (4, 6, 40, 2):  # BGR2RGB, BGR2GRAY, BGR2HSV, BGR2RGBA
            out.append((f"cvtColor/{key}/{code}", key, "cvtColor", (code,), {}))
    for key in ("uint8_c1", "float32_c1", "gradient", "int16_c1"):
        for kind in (0, 1, 2, 3, 4, 8, 9):
            out.append((f"threshold/{key}/{kind}", key, "threshold", (100, 255, kind), {}))
    return out


def apply(cv2: Any, np: Any, images: dict[str, Any], case: tuple[Any, ...]) -> dict[str, Any]:
    """Run one case; return its outputs as arrays (an error becomes its type name)."""
    _, key, func, args, kwargs = case
    image = images[key]
    if func.endswith("@flip"):  # a negative-stride, non-contiguous view
        func, image = func[: -len("@flip")], image[:, ::-1]
    try:
        result = getattr(cv2, func)(image, *args, **kwargs)
    except cv2.error:
        return {"error": np.array("cv2.error")}
    if isinstance(result, tuple):
        return {"retval": np.array(result[0]), "image": result[1]}
    return {"image": result}
