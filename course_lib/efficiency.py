"""Measuring small models before and after shrinking them (07_challenges/04_scaling_and_shrinking).

* :func:`keras_file_sizes` - bytes of a model saved as ``.keras`` for inference, and gzipped
  (where pruned zeros pay off);
* :func:`latency_per_example` - median seconds of one prediction on one example;
* :func:`keras_predictor` - a traced ``model(x, training=False)`` returning NumPy;
* :func:`to_litert` - a Keras model converted with the LiteRT (TFLite) converter, float32 or
  full int8 with a representative dataset;
* :class:`LiteRTModel` - runs a converted model with ``ai_edge_litert``'s interpreter,
  quantising inputs and dequantising outputs for an int8 model.

Timings depend on the machine and its load: print them with the machine, never assert on them.
"""
from __future__ import annotations

import contextlib
import gzip
import os
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np

__all__ = ["keras_file_sizes", "latency_per_example", "keras_predictor", "to_litert", "LiteRTModel"]


def keras_file_sizes(model) -> tuple[int, int]:
    """(bytes, gzip-compressed bytes) of the model saved as ``.keras`` for inference.

    The optimiser's state (Adam's two moving averages per weight, which ``fit`` adds) is left
    out, so a trained and an untrained model of one architecture have the same size. A
    ``.keras`` file stores its weights uncompressed, so zeros cost as much as any other
    number; a compressor (what a download or an app bundle uses) squeezes runs of zeros.
    """
    optimizer = getattr(model, "optimizer", None)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "model.keras"
        try:
            model.optimizer = None
            model.save(path)
        finally:
            model.optimizer = optimizer
        data = path.read_bytes()
    return len(data), len(gzip.compress(data, compresslevel=9, mtime=0))


def latency_per_example(predict, x, n: int = 100, warmup: int = 5, repeats: int = 3) -> float:
    """Median seconds of ``predict(x[i:i+1])`` over ``n`` single examples (best of ``repeats`` passes).

    One example at a time is how an app on a phone or a web request sees a model. The first
    ``warmup`` calls are not timed (tracing, allocation).
    """
    x = np.asarray(x)
    n = min(n, len(x))
    for i in range(min(warmup, len(x))):
        predict(x[i:i + 1])
    best = float("inf")
    for _ in range(max(repeats, 1)):
        times = []
        for i in range(n):
            start = time.perf_counter()
            predict(x[i:i + 1])
            times.append(time.perf_counter() - start)
        best = min(best, float(np.median(times)))
    return best


def keras_predictor(model):
    """``x -> model(x, training=False)`` as a traced tf.function returning NumPy (no ``predict`` overhead)."""
    import tensorflow as tf

    fn = tf.function(lambda a: model(a, training=False), reduce_retracing=True)
    return lambda a: np.asarray(fn(tf.convert_to_tensor(a, dtype=tf.float32)))


@contextlib.contextmanager
def _quiet_stderr():
    """Point file descriptor 2 at /dev/null (the converter's C++ code prints there)."""
    try:
        saved = os.dup(2)
    except OSError:
        yield
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(devnull)


def to_litert(model, representative=None, n_calibration: int = 200) -> bytes:
    """The LiteRT flatbuffer of a Keras model (bytes, what a ``.tflite`` file holds).

    The model is traced into a concrete function with a free batch dimension and converted
    with ``tf.lite.TFLiteConverter.from_concrete_functions``. Without ``representative`` the
    model stays float32. With ``representative`` (an array of typical inputs) the converter
    runs up to ``n_calibration`` of them through the model to find each tensor's range and
    quantises weights *and* activations to int8 (inputs and outputs too).
    """
    import tensorflow as tf

    shape = [None] + list(model.inputs[0].shape[1:])
    fn = tf.function(lambda a: model(a, training=False), input_signature=[tf.TensorSpec(shape, tf.float32)])
    converter = tf.lite.TFLiteConverter.from_concrete_functions([fn.get_concrete_function()])
    if representative is not None:
        sample = np.asarray(representative, dtype=np.float32)[:n_calibration]

        def calibration():
            for i in range(len(sample)):
                yield [sample[i:i + 1]]

        converter.optimizations = [tf.lite.Optimize.DEFAULT]
        converter.representative_dataset = calibration
        converter.target_spec.supported_ops = [tf.lite.OpsSet.TFLITE_BUILTINS_INT8]
        converter.inference_input_type = tf.int8
        converter.inference_output_type = tf.int8
    with _quiet_stderr(), warnings.catch_warnings():
        warnings.simplefilter("ignore")          # "Statistics for quantized inputs were expected ..."
        return converter.convert()


class LiteRTModel:
    """A converted model run by ``ai_edge_litert.interpreter.Interpreter``, one example at a time.

    ``predict(x)`` takes float inputs (batch first) and returns float outputs, whether the
    model is float32 or int8: for int8 it quantises ``q = round(x / scale) + zero_point``
    on the way in and dequantises ``(q - zero_point) * scale`` on the way out.
    """

    def __init__(self, flatbuffer: bytes):
        from ai_edge_litert.interpreter import Interpreter

        self.flatbuffer = bytes(flatbuffer)
        self.size = len(self.flatbuffer)
        with _quiet_stderr():                    # it prints "INFO: Created ... XNNPACK delegate" there
            self._interp = Interpreter(model_content=self.flatbuffer)
            self._interp.allocate_tensors()
            self._in = self._interp.get_input_details()[0]
            self._out = self._interp.get_output_details()[0]
            self._one(np.zeros([1] + list(self._in["shape"][1:]), dtype=np.float32))

    @property
    def input_dtype(self):
        return np.dtype(self._in["dtype"])

    def _one(self, x1: np.ndarray) -> np.ndarray:
        x1 = np.asarray(x1, dtype=np.float32)
        if np.issubdtype(self.input_dtype, np.integer):
            scale, zero = self._in["quantization"]
            info = np.iinfo(self.input_dtype)
            x1 = np.clip(np.round(x1 / scale) + zero, info.min, info.max).astype(self.input_dtype)
        self._interp.set_tensor(self._in["index"], x1)
        self._interp.invoke()
        out = self._interp.get_tensor(self._out["index"])
        if np.issubdtype(out.dtype, np.integer):
            scale, zero = self._out["quantization"]
            out = (out.astype(np.float32) - zero) * scale
        return np.asarray(out, dtype=np.float32)

    def predict(self, x) -> np.ndarray:
        """Outputs for every example of ``x`` (run one by one: the converted model has batch 1)."""
        x = np.asarray(x, dtype=np.float32)
        return np.concatenate([self._one(x[i:i + 1]) for i in range(len(x))], axis=0)

    def gzip_size(self) -> int:
        """Bytes of the flatbuffer gzip-compressed."""
        return len(gzip.compress(self.flatbuffer, compresslevel=9, mtime=0))

    __call__ = predict
