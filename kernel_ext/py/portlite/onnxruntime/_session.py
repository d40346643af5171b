"""``InferenceSession`` on onnxruntime-web, with onnxruntime's Python API.

``run`` is synchronous, as on a server: the kernel blocks on onnxruntime-web's
promise through JSPI (``pyodide.ffi.run_sync``), or, in a browser without
JSPI, calls onnxruntime's engine directly (:mod:`._engine`). Every input is checked
against the model before anything reaches JavaScript, so a wrong name,
dtype, rank or dimension raises onnxruntime's own exception with a message
that names the input, what the model expects and what arrived.
"""

from __future__ import annotations

import enum
import os
import warnings
import weakref
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .. import _js, hints, ort_types
from ..onnx_model import Dim, ModelMetadata, ModelProtoError, read_io_shapes, read_metadata
from ..ort_errors import (
    error_for_code,
    from_web_error,
)
from ._values import IOBinding, OrtValue
from ._web import WebRuntime, runtime

__all__ = [
    "ExecutionMode",
    "ExecutionOrder",
    "GraphOptimizationLevel",
    "InferenceSession",
    "NodeArg",
    "RunOptions",
    "SessionOptions",
    "get_available_providers",
]

CPU_PROVIDER = "CPUExecutionProvider"


def get_available_providers() -> list[str]:
    """The execution providers of this build: the CPU one, on the wasm backend."""
    return [CPU_PROVIDER]


class GraphOptimizationLevel(enum.IntEnum):
    """onnxruntime's graph optimisation levels (same names and values)."""

    ORT_DISABLE_ALL = 0
    ORT_ENABLE_BASIC = 1
    ORT_ENABLE_EXTENDED = 2
    ORT_ENABLE_LAYOUT = 3
    ORT_ENABLE_ALL = 99


class ExecutionMode(enum.IntEnum):
    """onnxruntime's execution modes (same names and values)."""

    ORT_SEQUENTIAL = 0
    ORT_PARALLEL = 1


class ExecutionOrder(enum.IntEnum):
    """onnxruntime's node execution orders (same names and values)."""

    DEFAULT = 0
    PRIORITY_BASED = 1
    MEMORY_EFFICIENT = 2


_WEB_OPTIMIZATION = {
    GraphOptimizationLevel.ORT_DISABLE_ALL: "disabled",
    GraphOptimizationLevel.ORT_ENABLE_BASIC: "basic",
    GraphOptimizationLevel.ORT_ENABLE_EXTENDED: "extended",
    GraphOptimizationLevel.ORT_ENABLE_LAYOUT: "extended",
    GraphOptimizationLevel.ORT_ENABLE_ALL: "all",
}


def _set_entry(config: dict[str, str], key: str, value: str) -> None:
    config[str(key)] = str(value)


def _entry(config: dict[str, str], owner: str, key: str) -> str:
    """A config entry, or native onnxruntime's error for a missing one."""
    if key not in config:
        raise RuntimeError(f"{owner} does not have configuration with key: {key}")
    return config[key]


class SessionOptions:
    """onnxruntime's ``SessionOptions``, mapped onto onnxruntime-web where they apply.

    Applied: ``graph_optimization_level``, ``execution_mode``,
    ``enable_cpu_mem_arena``, ``enable_mem_pattern``, ``log_severity_level``,
    ``log_verbosity_level``, ``add_free_dimension_override_by_name``.
    ``intra_op_num_threads`` (0 = onnxruntime-web's recommendation) applies
    to the whole kernel and is taken from the first session: onnxruntime-web
    keeps one global thread pool. Accepted and kept, with no effect on the
    web (there is nothing for them to act on): ``inter_op_num_threads``,
    ``enable_mem_reuse``, ``enable_profiling``, ``profile_file_prefix``,
    ``optimized_model_filepath``, ``use_deterministic_compute``,
    ``use_per_session_threads``, ``execution_order``, ``logid`` and session
    config entries. Loading native code (``register_custom_ops_library``,
    execution provider libraries) raises ``NotImplementedError``.
    """

    def __init__(self) -> None:
        self.graph_optimization_level = GraphOptimizationLevel.ORT_ENABLE_ALL
        self.execution_mode = ExecutionMode.ORT_SEQUENTIAL
        self.execution_order = ExecutionOrder.DEFAULT
        self.intra_op_num_threads = 0
        self.inter_op_num_threads = 0
        self.enable_cpu_mem_arena = True
        self.enable_mem_pattern = True
        self.enable_mem_reuse = True
        self.enable_profiling = False
        self.profile_file_prefix = "onnxruntime_profile_"
        self.optimized_model_filepath = ""
        self.use_deterministic_compute = False
        self.use_per_session_threads = True
        self.log_severity_level = 2
        self.log_verbosity_level = 0
        self.logid = ""
        self._config: dict[str, str] = {}
        self._free_dimensions: dict[str, int] = {}

    def add_session_config_entry(self, config_key: str, config_value: str) -> None:
        """Keep a session config entry (onnxruntime-web has no equivalent to apply it to)."""
        _set_entry(self._config, config_key, config_value)

    def get_session_config_entry(self, config_key: str) -> str:
        """A config entry set with :meth:`add_session_config_entry`."""
        return _entry(self._config, "SessionOptions", config_key)

    def add_free_dimension_override_by_name(self, dim_name: str, dim_value: int) -> None:
        """Fix a symbolic dimension (onnxruntime-web's ``freeDimensionOverrides``)."""
        self._free_dimensions[str(dim_name)] = int(dim_value)

    def register_custom_ops_library(self, library_path: str) -> None:
        """Not available: custom operators are native libraries, which a browser cannot load."""
        raise NotImplementedError(
            f"SessionOptions.register_custom_ops_library({library_path!r}): custom operator "
            "libraries are native code; onnxruntime-web in the browser cannot load them"
        )

    def add_initializer(self, name: str, ortvalue: Any) -> None:
        """Not available in onnxruntime-web."""
        raise NotImplementedError(
            "SessionOptions.add_initializer(): onnxruntime-web takes initializers only from "
            "the model; put them in the model file"
        )

    def add_external_initializers(self, names: Any, values: Any) -> None:
        """Not available in onnxruntime-web."""
        raise NotImplementedError(
            "SessionOptions.add_external_initializers(): not supported by onnxruntime-web; "
            "save the model with its weights inside"
        )

    def _web_options(self) -> dict[str, Any]:
        level = GraphOptimizationLevel(self.graph_optimization_level)
        options: dict[str, Any] = {
            "executionProviders": ["wasm"],
            "graphOptimizationLevel": _WEB_OPTIMIZATION[level],
            "executionMode": "parallel"
            if self.execution_mode == ExecutionMode.ORT_PARALLEL
            else "sequential",
            "enableCpuMemArena": bool(self.enable_cpu_mem_arena),
            "enableMemPattern": bool(self.enable_mem_pattern),
            "logSeverityLevel": int(self.log_severity_level),
            "logVerbosityLevel": int(self.log_verbosity_level),
        }
        if self._free_dimensions:
            options["freeDimensionOverrides"] = dict(self._free_dimensions)
        return options


class RunOptions:
    """onnxruntime's ``RunOptions``: accepted and kept; onnxruntime-web's runs take none of them."""

    def __init__(self) -> None:
        self.log_severity_level = 2
        self.log_verbosity_level = 0
        self.logid = ""
        self.terminate = False
        self.only_execute_path_to_fetches = False
        self._config: dict[str, str] = {}

    def add_run_config_entry(self, config_key: str, config_value: str) -> None:
        """Keep a run config entry."""
        _set_entry(self._config, config_key, config_value)

    def get_run_config_entry(self, config_key: str) -> str:
        """A config entry set with :meth:`add_run_config_entry`."""
        return _entry(self._config, "RunOptions", config_key)


@dataclass(frozen=True)
class NodeArg:
    """A model input or output: ``name``, ``type`` (e.g. ``tensor(float)``) and ``shape``.

    ``shape`` holds ints for fixed dimensions, strings for named symbolic
    ones and None for unnamed dynamic ones, as onnxruntime reports them.
    """

    name: str
    type: str
    shape: list[Dim]
    #: False when the model declares no shape: any rank is accepted then.
    rank_known: bool = field(default=True, repr=False, compare=False)


def _node_arg(metadata: Any, declared: Mapping[str, list[Dim] | None]) -> NodeArg:
    """A NodeArg from onnxruntime-web's metadata, with the shape the model declares."""
    name = str(metadata.name)
    if not bool(metadata.isTensor):
        return NodeArg(name, "non-tensor", [])
    web_type = str(metadata.type)
    known = ort_types.by_web_name(web_type)
    ort_type = known.ort_name if known else f"tensor({web_type})"
    if name in declared:
        shape = declared[name]
        return NodeArg(name, ort_type, list(shape or []), rank_known=shape is not None)
    # Not in the main graph's declarations (should not happen): onnxruntime-web's view,
    # where -1 arrives as 4294967295 (uint32).
    web_shape = [
        dim if isinstance(dim, str) else None if int(dim) >= 2**31 else int(dim)
        for dim in metadata.shape
    ]
    return NodeArg(name, ort_type, web_shape)


def _read_model(path_or_bytes: Any) -> bytes:
    if isinstance(path_or_bytes, (bytes, bytearray, memoryview)):
        return bytes(path_or_bytes)
    if isinstance(path_or_bytes, (str, os.PathLike)):
        path = os.fspath(path_or_bytes)
        try:
            with open(path, "rb") as model_file:
                return model_file.read()
        except FileNotFoundError:
            raise error_for_code(
                3,
                f"Load model from {path} failed:Load model {path} failed. File doesn't exist\n"
                + hints.missing_file_hint(path),
            ) from None
    raise TypeError(
        "InferenceSession(): 'path_or_bytes' must be a path (str or os.PathLike) or the "
        f"model's bytes, got {type(path_or_bytes).__name__}"
    )


def _check_providers(providers: Any) -> None:
    if providers is None:
        return
    if isinstance(providers, str) or not isinstance(providers, Sequence):
        raise TypeError(
            "InferenceSession(): 'providers' must be a list of provider names or "
            f"(name, options) tuples, got {type(providers).__name__}"
        )
    for provider in providers:
        name = provider[0] if isinstance(provider, tuple) else provider
        if not isinstance(name, str):
            raise TypeError(
                f"InferenceSession(): 'providers' entries must be names, got {provider!r}"
            )
        if name != CPU_PROVIDER:
            warnings.warn(
                f"Specified provider '{name}' is not in available provider names. "
                f"Available providers: '{CPU_PROVIDER}'",
                stacklevel=3,
            )


def _start_backend(web: WebRuntime, options: SessionOptions) -> None:
    """Set the kernel-wide thread count before the wasm backend starts."""
    wanted = int(options.intra_op_num_threads)
    if wanted < 0:
        raise ValueError(
            f"SessionOptions.intra_op_num_threads must be >= 0, got {options.intra_op_num_threads}"
        )
    # 0 keeps what preload() set, else onnxruntime-web's recommendation.
    if not web.set_threads(wanted) and wanted and wanted != web.num_threads:
        why = (
            "in a browser without JSPI, sessions run on one thread"
            if web.synchronous
            else "onnxruntime-web's thread pool is shared by the whole kernel and already "
            f"runs {web.num_threads} thread(s); restart the kernel to change it"
        )
        warnings.warn(f"intra_op_num_threads={wanted} ignored: {why}", stacklevel=3)


def _no_jspi(what: str) -> RuntimeError:
    return hints.no_jspi_error(
        what,
        "session = await InferenceSession.create_async(path) and "
        "outputs = await session.run_async(output_names, input_feed)",
    )


def _engine_not_loaded(what: str) -> RuntimeError:
    return RuntimeError(
        f"{what}: this browser has no JavaScript Promise Integration (JSPI: Safari, Firefox "
        "before 153), so onnxruntime's engine must be loaded by an await before sessions "
        "can run without one. Await it once: path = await portlite.models.fetch_async(url) "
        "or session = await InferenceSession.create_async(path); after that, "
        "InferenceSession() and session.run() work as on a server"
    )


def _call(web: WebRuntime, what: str, method: str, *args: Any) -> Any:
    """``web.helper.<method>(*args)``, on whichever engine this browser runs sessions on."""
    if web.synchronous:
        if not web.engine_ready:
            raise _engine_not_loaded(what)
        return _js.call_now(web.helper, method, *args)
    if not _js.can_block():
        raise _no_jspi(what)
    return _js.block_on_call(web.helper, method, *args)


class InferenceSession:
    """onnxruntime's ``InferenceSession``, running on onnxruntime-web's wasm backend.

    Parameters
    ----------
    path_or_bytes : str, os.PathLike or bytes
        A model file on the kernel's file system, or the model's bytes.
    sess_options : SessionOptions, optional
        Graph optimisation level, threads (see :class:`SessionOptions`).
    providers : list, optional
        Execution providers; ``CPUExecutionProvider`` is the wasm backend.
        Others are warned about and ignored, as onnxruntime does.
    provider_options : list, optional
        Accepted for compatibility.

    Raises
    ------
    NoSuchFile
        The path does not exist.
    InvalidProtobuf, Fail
        The bytes are not a model onnxruntime-web can load.
    RuntimeError
        JSPI is missing and no await has loaded onnxruntime's engine yet
        (use :meth:`create_async` once).
    """

    def __init__(
        self,
        path_or_bytes: Any,
        sess_options: SessionOptions | None = None,
        providers: Sequence[Any] | None = None,
        provider_options: Sequence[Any] | None = None,
        **kwargs: Any,
    ) -> None:
        model, options, web = self._prepare(path_or_bytes, sess_options, providers)
        try:
            handle = _call(web, "InferenceSession()", *self._create_call(model, options, web))
        except _js.JsError as exc:
            raise from_web_error("InferenceSession()", str(exc)) from None
        self._adopt(handle, model, options, web)

    @classmethod
    async def create_async(
        cls,
        path_or_bytes: Any,
        sess_options: SessionOptions | None = None,
        providers: Sequence[Any] | None = None,
    ) -> InferenceSession:
        """Create a session without blocking (for browsers without JSPI)."""
        session = cls.__new__(cls)
        model, options, web = session._prepare(path_or_bytes, sess_options, providers)
        try:
            await web.load_engine_async()
            handle = await _js.await_call(web.helper, *session._create_call(model, options, web))
        except _js.JsError as exc:
            raise from_web_error("InferenceSession.create_async()", str(exc)) from None
        session._adopt(handle, model, options, web)
        return session

    # -- creation ------------------------------------------------------------

    def _prepare(
        self, path_or_bytes: Any, sess_options: SessionOptions | None, providers: Any
    ) -> tuple[bytes, SessionOptions, WebRuntime]:
        self._handle: Any = None
        if sess_options is not None and not isinstance(sess_options, SessionOptions):
            raise TypeError(
                "InferenceSession(): 'sess_options' must be an onnxruntime.SessionOptions, "
                f"got {type(sess_options).__name__}"
            )
        _check_providers(providers)
        model = _read_model(path_or_bytes)
        if not model:
            raise error_for_code(7, "InferenceSession(): the model is empty (0 bytes)")
        options = sess_options or SessionOptions()
        web = runtime()
        _start_backend(web, options)
        return model, options, web

    def _create_call(
        self, model: bytes, options: SessionOptions, web: WebRuntime
    ) -> tuple[Any, ...]:
        # onnxruntime-web fetches its wasm (a new task) before it reads the
        # model, so the model goes to a JS-owned buffer, not a heap view (the
        # synchronous engine's bytesOf only notes where the bytes are: ``model``
        # outlives the call, which copies them into the engine's heap).
        with memoryview(model) as view:
            address = np.frombuffer(view, np.uint8).ctypes.data
            model_js = web.helper.bytesOf(_js.pyodide_module(), address, len(model))
        web_options = _js.to_js_object(options._web_options())
        return "create", web.ort, model_js, web_options

    def _adopt(self, handle: Any, model: bytes, options: SessionOptions, web: WebRuntime) -> None:
        self._handle = handle
        self._web = web
        self._sess_options = options
        try:
            self._meta = read_metadata(model)
            declared = read_io_shapes(model)
        except ModelProtoError:  # onnxruntime-web loaded it, so this should not happen
            self._meta, declared = ModelMetadata(), {}
        self._inputs = [_node_arg(m, declared) for m in handle.inputMetadata]
        self._outputs = [_node_arg(m, declared) for m in handle.outputMetadata]
        # Free onnxruntime-web's session when this object goes away unclosed.
        self._finalizer = weakref.finalize(self, web.helper.release, handle)

    # -- onnxruntime's API -----------------------------------------------------

    def get_inputs(self) -> list[NodeArg]:
        """The model's inputs: name, type and shape."""
        return list(self._inputs)

    def get_outputs(self) -> list[NodeArg]:
        """The model's outputs: name, type and shape."""
        return list(self._outputs)

    def get_overridable_initializers(self) -> list[NodeArg]:
        """Not exposed by onnxruntime-web: always empty."""
        return []

    def get_modelmeta(self) -> ModelMetadata:
        """Producer, graph name, domain, description, version and custom metadata."""
        return self._meta

    def get_providers(self) -> list[str]:
        """The providers in use: the CPU provider, on onnxruntime-web's wasm backend."""
        return [CPU_PROVIDER]

    def get_provider_options(self) -> dict[str, dict[str, str]]:
        """What the CPU provider runs on: backend, threads, SIMD, cross-origin isolation."""
        info = self._web.info()
        return {
            CPU_PROVIDER: {
                "backend": "onnxruntime-web wasm",
                "version": info["version"],
                "num_threads": str(info["num_threads"]),
                "simd": str(int(info["simd"])),
                "cross_origin_isolated": str(int(info["cross_origin_isolated"])),
            }
        }

    def get_session_options(self) -> SessionOptions:
        """The options this session was created with."""
        return self._sess_options

    def run(
        self,
        output_names: Sequence[str] | None,
        input_feed: Mapping[str, Any],
        run_options: RunOptions | None = None,
    ) -> list[np.ndarray[Any, Any]]:
        """Run the model, synchronously.

        Parameters
        ----------
        output_names : list of str or None
            The outputs wanted, in order; None means all of them.
        input_feed : dict
            Input name to numpy array (or anything ``numpy.asarray`` takes).
        run_options : RunOptions, optional
            Accepted for compatibility.

        Returns
        -------
        list of numpy.ndarray
            One array per output name, owning its memory.

        Raises
        ------
        InvalidArgument
            An input or output name, dtype, rank or dimension does not fit the model.
        ValueError
            A required input is missing.
        RuntimeError
            JSPI is missing and no await has loaded onnxruntime's engine yet
            (use :meth:`run_async`).
        """
        names, inputs = self._check_run(output_names, input_feed)
        try:
            tensors = _call(self._web, "InferenceSession.run()", *self._run_call(names, inputs))
        except _js.JsError as exc:
            raise from_web_error("InferenceSession.run()", str(exc)) from None
        return self._collect(tensors)

    async def run_async(
        self,
        output_names: Sequence[str] | None,
        input_feed: Mapping[str, Any],
        run_options: RunOptions | None = None,
    ) -> list[np.ndarray[Any, Any]]:
        """Run the model without blocking the kernel; same arguments and results as :meth:`run`."""
        names, inputs = self._check_run(output_names, input_feed)
        try:
            tensors = await _js.await_call(self._web.helper, *self._run_call(names, inputs))
        except _js.JsError as exc:
            raise from_web_error("InferenceSession.run_async()", str(exc)) from None
        return self._collect(tensors)

    def run_with_ort_values(
        self,
        output_names: Sequence[str] | None,
        input_dict_ort_values: Mapping[str, OrtValue],
        run_options: RunOptions | None = None,
    ) -> list[OrtValue]:
        """Run with :class:`OrtValue` inputs; return :class:`OrtValue` outputs."""
        feed = {name: value.numpy() for name, value in input_dict_ort_values.items()}
        return [OrtValue(array) for array in self.run(output_names, feed, run_options)]

    def io_binding(self) -> IOBinding:
        """A new :class:`IOBinding` for this session."""
        return IOBinding(self)

    def run_with_iobinding(
        self, iobinding: IOBinding, run_options: RunOptions | None = None
    ) -> None:
        """Run with the inputs and outputs bound in ``iobinding``; read them from it."""
        iobinding._run(run_options)

    def set_providers(
        self, providers: Sequence[Any] | None = None, provider_options: Any = None
    ) -> None:
        """Accepted as onnxruntime does; only the CPU provider (the wasm backend) exists here."""
        _check_providers(providers)

    def enable_fallback(self) -> None:
        """Nothing to fall back from: the CPU provider is the only one."""

    def disable_fallback(self) -> None:
        """Nothing to fall back from: the CPU provider is the only one."""

    def end_profiling(self) -> str:
        """Not available: onnxruntime-web writes no profile file."""
        raise NotImplementedError(
            "InferenceSession.end_profiling(): onnxruntime-web writes no profile file; "
            "SessionOptions.enable_profiling has no effect in the browser"
        )

    def close(self) -> None:
        """Release onnxruntime-web's session now (also done on garbage collection)."""
        if self._handle is not None:
            self._finalizer()
            self._handle = None

    def __enter__(self) -> InferenceSession:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- the boundary ----------------------------------------------------------

    def _check_run(
        self, output_names: Sequence[str] | None, input_feed: Mapping[str, Any]
    ) -> tuple[list[str], list[np.ndarray[Any, Any]]]:
        if self._handle is None:
            raise error_for_code(1, "InferenceSession.run(): the session is closed")
        if not isinstance(input_feed, Mapping):
            raise TypeError(
                "InferenceSession.run(): 'input_feed' must be a dict of input name to array, "
                f"got {type(input_feed).__name__}"
            )
        known = {arg.name: arg for arg in self._inputs}
        missing = [name for name in known if name not in input_feed]
        if missing:
            raise ValueError(
                f"Required inputs ({missing}) are missing from input feed ({list(input_feed)})."
            )
        for name in input_feed:
            if name not in known:
                raise error_for_code(
                    2, f"Invalid input name: {name} (the model's inputs: {list(known)})"
                )
        arrays = [_check_input(known[name], input_feed[name]) for name in known]
        names = self._check_output_names(output_names)
        return names, arrays

    def _check_output_names(self, output_names: Iterable[str] | None) -> list[str]:
        all_names = [arg.name for arg in self._outputs]
        if output_names is None:
            return all_names
        if isinstance(output_names, str):
            raise TypeError(
                "InferenceSession.run(): 'output_names' must be a list of names or None, "
                f"got the string {output_names!r}"
            )
        names = list(output_names)
        for name in names:
            if name not in all_names:
                raise error_for_code(
                    2, f"Invalid output name:{name} (the model's outputs: {all_names})"
                )
        return names

    def _run_call(self, names: list[str], arrays: list[np.ndarray[Any, Any]]) -> tuple[Any, ...]:
        inputs = []
        for arg, array in zip(self._inputs, arrays, strict=True):
            tensor_type = ort_types.by_dtype(array.dtype)
            assert tensor_type is not None  # _check_input made sure
            # Text crosses as a JS array of strings; numbers as a heap address.
            data = _js.js_array(array.flat) if tensor_type.is_string else array.ctypes.data
            inputs.append(
                [
                    arg.name,
                    tensor_type.web_name,
                    tensor_type.typed_array,
                    data,
                    array.size,
                    list(array.shape),
                ]
            )
        # The views of Pyodide's heap are made in JS at the call, after every
        # array exists, so no heap growth can detach them before onnxruntime-web reads them.
        return (
            "run",
            self._web.ort,
            self._handle,
            _js.pyodide_module(),
            _js.js_array(_js.js_array(entry) for entry in inputs),
            _js.js_array(names),
        )

    def _collect(self, tensors: Any) -> list[np.ndarray[Any, Any]]:
        results = []
        try:
            for tensor in tensors:
                tensor_type = ort_types.by_web_name(str(tensor.type))
                if tensor_type is None:
                    raise error_for_code(
                        9, f"InferenceSession.run(): output type {tensor.type} is not bridged"
                    )
                dims = tuple(int(d) for d in tensor.dims)
                if tensor_type.is_string:
                    texts = list(tensor.data.to_py()) if tensor.size else []
                    out = np.empty(len(texts), object)
                    out[:] = texts
                    results.append(out.reshape(dims))
                    continue
                out = np.empty(dims, tensor_type.dtype)
                if out.nbytes:
                    self._web.helper.copyOut(_js.pyodide_module(), tensor, out.ctypes.data)
                results.append(out)
        finally:
            for tensor in tensors:
                tensor.dispose()
        return results


def _check_input(arg: NodeArg, value: Any) -> np.ndarray[Any, Any]:
    """The input as a C-contiguous, aligned, native-order array, or onnxruntime's error."""
    expected = ort_types.by_ort_name(arg.type)
    if expected is None:
        raise error_for_code(
            9, f"InferenceSession.run(): input '{arg.name}' has type {arg.type}, not bridged"
        )
    if isinstance(value, np.ndarray):
        array = value
    else:
        try:  # onnxruntime converts lists and scalars to the input's type
            array = np.asarray(value, dtype=expected.dtype)
        except (TypeError, ValueError) as exc:
            raise error_for_code(
                2,
                f"input '{arg.name}' expects {arg.type}; got {type(value).__name__} that numpy "
                f"cannot convert ({exc})",
            ) from None
    if expected.is_string:  # numpy unicode, or objects that are all str
        matches = array.dtype.kind in "UO" and all(isinstance(v, str) for v in array.flat)
    else:
        matches = array.dtype.newbyteorder("=") == expected.dtype
    if not matches:
        actual = ort_types.by_dtype(array.dtype.newbyteorder("="))
        named = actual.ort_name if actual and actual != expected else array.dtype
        raise error_for_code(
            2,
            f"Unexpected input data type for input '{arg.name}'. Actual: "
            f"({named}) , expected: ({arg.type})",
        )
    if arg.rank_known and array.ndim != len(arg.shape):
        raise error_for_code(
            2,
            f"Invalid rank for input: {arg.name} Got: {array.ndim} Expected: {len(arg.shape)} "
            f"(model shape {arg.shape}, array shape {array.shape})",
        )
    wrong = [
        f" index: {i} Got: {got} Expected: {want}"
        for i, (got, want) in enumerate(zip(array.shape, arg.shape, strict=False))
        if isinstance(want, int) and got != want
    ]
    if wrong:
        raise error_for_code(
            2,
            f"Got invalid dimensions for input: {arg.name} for the following indices\n"
            + "\n".join(wrong),
        )
    if expected.is_string:
        return array.astype(object)
    native = array.astype(expected.dtype, copy=False)  # byte order only
    # JS typed arrays need whole-element alignment; a fresh numpy array has it.
    if native.flags.c_contiguous and native.ctypes.data % native.itemsize == 0:
        return native
    return np.array(native, order="C")
