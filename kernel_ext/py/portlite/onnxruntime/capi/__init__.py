"""Mirror of ``onnxruntime.capi``: where onnxruntime keeps its exception classes."""
