"""The bridged classes (CLAHE, ORB, BFMatcher, CascadeClassifier, dnn.Net, ...).

Each Python class holds one opencv.js object and runs its methods through
the table's marshaller. opencv.js objects live in its own heap and are not
garbage-collected: the object is freed when Python drops the instance, or
at once with ``close()`` or a ``with`` block (opencv-python has no such call;
it frees on drop too).
"""

from __future__ import annotations

import contextlib
from typing import Any

from . import _marshal

#: ``(opencv.js class, base, methods, static methods, constructors, properties)`` as the
#: table holds them; properties are a struct's fields, ``{name: kind}``.
ClassEntry = tuple[str, Any, dict[str, Any], dict[str, Any], tuple[Any, ...], dict[str, str]]


class Native:
    """The base of every bridged class: owns one opencv.js object.

    A struct's fields (``aruco.DetectorParameters().minMarkerPerimeterRate``) are
    attributes, read from and written to the opencv.js object, as in opencv-python.
    """

    _native: Any = None
    _constructor: Any = None
    _properties: dict[str, str] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if self._constructor is None:
            raise TypeError(
                f"cv2.{type(self).__qualname__} cannot be made directly in opencv-python either; "
                "use its create function (for example cv2.createCLAHE or cv2.ORB_create)"
            )
        made = self._constructor(*args, **kwargs)
        self._native, made._native = made._native, None

    @classmethod
    def wrap(cls, native: Any) -> Any:
        """An instance around an opencv.js object the call made (it now owns it)."""
        instance = cls.__new__(cls)
        instance._native = native
        return instance

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        kind = self._properties.get(name)
        if kind is not None:
            return _marshal.returned(kind, getattr(self.native(), name))
        raise _marshal.MissingMethodError(
            f"cv2.{type(self).__qualname__}.{name} is not bridged: opencv.js 4.12's "
            f"{type(self).__name__} has no such method",
            name=name,
        )

    def __setattr__(self, name: str, value: Any) -> None:
        if name.startswith("_"):
            object.__setattr__(self, name, value)
            return
        kind = self._properties.get(name)
        if kind is None:  # opencv-python's classes take no attributes of their own either
            raise AttributeError(
                f"'cv2.{type(self).__qualname__}' object has no attribute {name!r}", name=name
            )
        converted = _marshal.parsed(f"{type(self).__qualname__}.{name}", name, kind, value)
        setattr(self.native(), name, converted)

    def __dir__(self) -> list[str]:
        return sorted({*super().__dir__(), *self._properties})

    def native(self) -> Any:
        """The opencv.js object (a ``ValueError`` once closed)."""
        if self._native is None:
            raise ValueError(f"this cv2.{type(self).__qualname__} is closed")
        return self._native

    def close(self) -> None:
        """Free the opencv.js object now (also done when the instance is dropped)."""
        native, self._native = self._native, None
        if native is not None:
            native.delete()

    def __enter__(self) -> Any:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        with contextlib.suppress(Exception):  # the kernel is shutting down: nothing to free
            self.close()


def make_classes(table: dict[str, ClassEntry]) -> dict[str, type]:
    """Python classes for the table's classes, bases first, registered for the marshaller."""
    made: dict[str, type] = {}

    def make(name: str) -> type:
        if name in made:
            return made[name]
        _js, base, methods, statics, constructors, properties = table[name]
        parent: Any = make(base) if base in table else Native
        namespace: dict[str, Any] = {
            method: _marshal.bridge(f"{name}.{method}", entries, method=True)
            for method, entries in methods.items()
        }
        for method, entries in statics.items():
            namespace[method] = staticmethod(_marshal.bridge(f"{name}.{method}", entries))
        short = name.rsplit(".", 1)[-1]
        namespace["_properties"] = {**parent._properties, **properties}
        namespace["__doc__"] = f"opencv-python's cv2.{name}, on opencv.js."
        namespace["__module__"] = "cv2." + name.rsplit(".", 1)[0] if "." in name else "cv2"
        cls: Any = type(short, (parent,), namespace)
        made[name] = _marshal.CLASSES[name] = cls
        if constructors:
            cls._constructor = staticmethod(_marshal.bridge(name, constructors))
        made_class: type = cls
        return made_class

    for name in table:
        make(name)
    return made
