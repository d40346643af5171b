"""onnxruntime's exception classes, and the mapping from onnxruntime-web's errors.

Server code catches ``onnxruntime.capi.onnxruntime_pybind11_state.InvalidArgument``
and friends; that module re-exports these classes and the aliases make its
path resolve. Messages follow onnxruntime's
``[ONNXRuntimeError] : <code> : <STATUS> : <text>`` form. Pure Python,
importable on CPython.
"""

from __future__ import annotations

import re

__all__ = [
    "EPFail",
    "EngineError",
    "Fail",
    "InvalidArgument",
    "InvalidGraph",
    "InvalidProtobuf",
    "ModelLoaded",
    "NoModel",
    "NoSuchFile",
    "NotImplemented",
    "RuntimeException",
    "error_for_code",
    "from_web_error",
]


class Fail(Exception):  # noqa: N818 - onnxruntime's names
    """ORT status FAIL (1)."""


class InvalidArgument(Exception):  # noqa: N818
    """ORT status INVALID_ARGUMENT (2)."""


class NoSuchFile(Exception):  # noqa: N818
    """ORT status NO_SUCHFILE (3)."""


class NoModel(Exception):  # noqa: N818
    """ORT status NO_MODEL (4)."""


class EngineError(Exception):
    """ORT status ENGINE_ERROR (5)."""


class RuntimeException(Exception):  # noqa: N818
    """ORT status RUNTIME_EXCEPTION (6)."""


class InvalidProtobuf(Exception):  # noqa: N818
    """ORT status INVALID_PROTOBUF (7)."""


class ModelLoaded(Exception):  # noqa: N818
    """ORT status MODEL_LOADED (8)."""


class NotImplemented(Exception):  # noqa: A001, N818 - shadows the builtin, as onnxruntime does
    """ORT status NOT_IMPLEMENTED (9)."""


class InvalidGraph(Exception):  # noqa: N818
    """ORT status INVALID_GRAPH (10)."""


class EPFail(Exception):  # noqa: N818
    """ORT status EP_FAIL (11)."""


_BY_CODE: dict[int, tuple[type[Exception], str]] = {
    1: (Fail, "FAIL"),
    2: (InvalidArgument, "INVALID_ARGUMENT"),
    3: (NoSuchFile, "NO_SUCHFILE"),
    4: (NoModel, "NO_MODEL"),
    5: (EngineError, "ENGINE_ERROR"),
    6: (RuntimeException, "RUNTIME_EXCEPTION"),
    7: (InvalidProtobuf, "INVALID_PROTOBUF"),
    8: (ModelLoaded, "MODEL_LOADED"),
    9: (NotImplemented, "NOT_IMPLEMENTED"),
    10: (InvalidGraph, "INVALID_GRAPH"),
    11: (EPFail, "EP_FAIL"),
}

# onnxruntime-web reports a failed status as "... ERROR_CODE: 7, ERROR_MESSAGE: ...".
_WEB_STATUS = re.compile(r"ERROR_CODE: (\d+), ERROR_MESSAGE: (.*)", re.DOTALL)


def error_for_code(code: int, text: str) -> Exception:
    """The onnxruntime exception for status ``code``, with onnxruntime's message form."""
    cls, status = _BY_CODE.get(code, (Fail, "FAIL"))
    return cls(f"[ONNXRuntimeError] : {code} : {status} : {text}")


def from_web_error(context: str, message: str) -> Exception:
    """Turn an onnxruntime-web error message into onnxruntime's exception.

    Parameters
    ----------
    context : str
        What was being done, e.g. ``InferenceSession.run``; starts the text.
    message : str
        The JS error's message.
    """
    match = _WEB_STATUS.search(message)
    if match is None:
        return error_for_code(1, f"{context}: {message}")
    return error_for_code(int(match.group(1)), f"{context}: {match.group(2).strip()}")
