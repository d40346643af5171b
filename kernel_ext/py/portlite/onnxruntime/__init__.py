"""An onnxruntime-compatible module whose work is done by onnxruntime-web.

Server code written against ``onnxruntime.InferenceSession`` runs unchanged:
``InferenceSession(path_or_bytes, sess_options, providers)``,
``get_inputs``/``get_outputs``/``get_modelmeta``/``get_providers``, and a
synchronous ``run(output_names, input_feed)`` returning numpy arrays
(blocking through JSPI); ``run_async`` is its awaitable twin. Errors are
onnxruntime's own classes (``onnxruntime.capi.onnxruntime_pybind11_state``).
"""

from __future__ import annotations

from typing import Any

from ..provided import ONNXRUNTIME_VERSION
from ._session import (
    ExecutionMode,
    ExecutionOrder,
    GraphOptimizationLevel,
    InferenceSession,
    NodeArg,
    RunOptions,
    SessionOptions,
    get_available_providers,
)
from ._values import IOBinding, OrtValue
from ._web import runtime
from .capi import onnxruntime_pybind11_state
from .capi.onnxruntime_pybind11_state import (
    EngineError,
    EPFail,
    Fail,
    InvalidArgument,
    InvalidGraph,
    InvalidProtobuf,
    ModelLoaded,
    NoModel,
    NoSuchFile,
    RuntimeException,
)

__all__ = [
    "EPFail",
    "ExecutionOrder",
    "IOBinding",
    "OrtValue",
    "get_all_providers",
    "get_build_info",
    "get_version_string",
    "register_execution_provider_library",
    "set_default_logger_severity",
    "set_seed",
    "EngineError",
    "ExecutionMode",
    "Fail",
    "GraphOptimizationLevel",
    "InferenceSession",
    "InvalidArgument",
    "InvalidGraph",
    "InvalidProtobuf",
    "ModelLoaded",
    "NoModel",
    "NoSuchFile",
    "NodeArg",
    "RunOptions",
    "RuntimeException",
    "SessionOptions",
    "get_available_providers",
    "get_device",
    "onnxruntime_pybind11_state",
    "onnxruntime_web",
    "runtime_info",
]


def __getattr__(name: str) -> Any:
    # onnxruntime.__version__: the version of onnxruntime-web (loaded on demand).
    if name == "__version__":
        return runtime().version
    raise AttributeError(f"module 'onnxruntime' has no attribute {name!r}")


def get_version_string() -> str:
    """onnxruntime's version, as the bridge follows it."""
    return ONNXRUNTIME_VERSION


def get_build_info() -> str:
    """What this onnxruntime is."""
    return f"ORT Build Info: onnxruntime-web {ONNXRUNTIME_VERSION}, wasm backend (PortLite)"


def get_all_providers() -> list[str]:
    """The providers this build knows: the CPU one (onnxruntime-web's wasm backend)."""
    return get_available_providers()


def set_default_logger_severity(severity: int) -> None:
    """Accepted; onnxruntime-web's log level is set per session (``log_severity_level``)."""
    if not 0 <= int(severity) <= 4:
        raise ValueError(f"set_default_logger_severity(): severity must be 0-4, got {severity}")


def set_seed(seed: int) -> None:
    """Accepted; onnxruntime-web's random operators take no global seed."""
    int(seed)


def register_execution_provider_library(registration_name: str, path: str) -> None:
    """Not available: execution provider libraries are native code."""
    raise NotImplementedError(
        f"register_execution_provider_library({registration_name!r}, {path!r}): execution "
        "provider libraries are native code, which onnxruntime-web in the browser cannot load"
    )


def get_device() -> str:
    """The device onnxruntime runs on: ``CPU`` (onnxruntime-web's wasm backend)."""
    return "CPU"


def onnxruntime_web() -> Any:
    """The raw onnxruntime-web module (``ort``), loaded into the kernel on first use."""
    return runtime().ort


def runtime_info() -> dict[str, Any]:
    """What onnxruntime-web runs with here: version, threads, SIMD, heap size.

    Returns
    -------
    dict
        ``version``, ``num_threads`` (fixed once the first session exists),
        ``started``, ``simd`` (always True: the SIMD build is the one shipped),
        ``cross_origin_isolated`` and ``heap_bytes`` (None before the first session).
    """
    return runtime().info()
