"""Check records: what a test cell's checks send out of the learner's process.

When a notebook is graded, the check helpers of :mod:`course_lib.checks` do not
decide anything inside the learner's kernel. They send back what the learner's
code produced, as *plain data*: JSON with NumPy arrays as ``.npy`` bytes
(loaded with ``allow_pickle=False``), Keras models as their configuration and
weights. Nothing with behaviour crosses over. The same test cells run in a
trusted kernel with the course's solution, whose records carry the expected
values, and a trusted process compares the two (:mod:`course_lib.grading.judge`).

:func:`encode` runs in the learner's process (it may be replaced or lied to:
whatever it sends is treated as a value the learner's code returned);
:func:`decode` runs in the trusted process and trusts nothing: depth, size and
types are bounded, and a malformed record is a :class:`RecordError`.
"""
from __future__ import annotations

import base64
import io
import json
import math
import sys
from typing import Any

import numpy as np

__all__ = ["MIME", "BATCH_MIME", "RecordError", "KerasPayload", "Opaque", "encode", "decode", "dumps", "loads", "dumps_batch", "loads_batch",
           "carries_records", "type_names"]

MIME = "application/x-course-check-record"
# Several records in one output: a JSON list of record texts. A kernel sends its records
# this way (a few messages a cell, not one per check): thousands of messages in a burst
# overflow the kernel's output socket, which then silently drops some of them.
BATCH_MIME = "application/x-course-check-records"
MAX_DEPTH = 24
MAX_STRING = 100_000
MAX_ITEMS = 100_000
MAX_RECORD_CHARS = 48 << 20      # one record, as JSON text
MAX_ARRAY_BYTES = 32 << 20       # all arrays of one record together


class RecordError(ValueError):
    """A record that cannot be read as plain data (malformed, too deep, too large)."""


class KerasPayload:
    """A Keras model or layer as plain data: its serialised config, weight arrays and
    the class names of its type. Rebuilt (safe mode) only where a check needs to run it."""

    def __init__(self, config: dict, weights: list, types: list[str]):
        self.config, self.weights, self.types = config, weights, types

    def __repr__(self) -> str:
        return f"<Keras {self.config.get('class_name', '?')} ({len(self.weights)} weight arrays)>"


class Opaque:
    """A value with no plain-data form (a function, an open file, ...): only its type is known."""

    def __init__(self, types: list[str]):
        self.types = types

    def __repr__(self) -> str:
        return f"<{self.types[0] if self.types else 'object'}>"


def type_names(value_or_type: Any) -> list[str]:
    """Qualified names of a value's type and its bases, e.g. ``["numpy.int64", ..., "builtins.object"]``."""
    cls = value_or_type if isinstance(value_or_type, type) else type(value_or_type)
    return [f"{c.__module__}.{c.__qualname__}" for c in cls.__mro__]


# -- encoding (learner's process) ----------------------------------------------
def _nd(arr: np.ndarray, scalar: bool = False) -> dict:
    buf = io.BytesIO()
    np.save(buf, arr, allow_pickle=False)
    out = {"$nd": base64.b64encode(buf.getvalue()).decode("ascii")}
    if scalar:
        out["scalar"] = True
    return out


def _keras(value) -> dict | None:
    keras = sys.modules.get("keras")
    if keras is None or not isinstance(value, keras.layers.Layer):
        return None
    config = keras.saving.serialize_keras_object(value)
    return {"$keras": {"config": json.loads(json.dumps(config, default=_json_default)),
                       "weights": [_nd(np.asarray(w)) for w in value.get_weights()],
                       "types": type_names(value)}}


def _json_default(obj):
    if isinstance(obj, np.generic):
        return obj.item()
    if isinstance(obj, np.ndarray):
        return obj.tolist()
    return repr(obj)


def encode(value: Any, _depth: int = 0) -> Any:
    """``value`` as JSON-able plain data (see the module docs)."""
    if _depth > MAX_DEPTH:
        raise RecordError("value nested too deeply")
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int) and type(value) is int:
        return value
    if isinstance(value, float) and type(value) is float:
        return value if math.isfinite(value) else {"$float": repr(value)}
    if isinstance(value, np.ndarray):
        if value.dtype == object:
            return {"$objarray": [encode(v, _depth + 1) for v in value.ravel().tolist()], "shape": list(value.shape)}
        return _nd(value)
    if isinstance(value, np.generic):
        return _nd(np.asarray(value), scalar=True)
    if isinstance(value, (list, tuple)):
        tag = "$list" if isinstance(value, list) else "$tuple"
        return {tag: [encode(v, _depth + 1) for v in value]}
    if isinstance(value, (set, frozenset)):
        return {"$set": [encode(v, _depth + 1) for v in value]}
    if isinstance(value, dict):
        return {"$dict": [[encode(k, _depth + 1), encode(v, _depth + 1)] for k, v in value.items()]}
    if isinstance(value, (int, float)):  # subclasses (bool is handled above)
        return encode(int(value) if isinstance(value, int) else float(value), _depth)
    keras_form = _keras(value)
    if keras_form is not None:
        return keras_form
    if hasattr(value, "numpy") and callable(value.numpy):  # tf.Tensor, tf.Variable, keras tensors
        try:
            return _nd(np.asarray(value.numpy()))
        except Exception:
            pass
    if hasattr(value, "__array__") and not callable(value):
        try:
            return _nd(np.asarray(value))
        except Exception:
            pass
    return {"$obj": type_names(value)}


def dumps(record: dict) -> str:
    return json.dumps(record, allow_nan=False)


def dumps_batch(texts: list[str]) -> str:
    """Record texts (from :func:`dumps`) as the text of one :data:`BATCH_MIME` output."""
    return json.dumps(texts)


def carries_records(data: Any) -> bool:
    """Whether an output's data bundle holds check records (one, or a batch)."""
    return isinstance(data, dict) and (MIME in data or BATCH_MIME in data)


def loads_batch(text: Any) -> list:
    """The record texts of one :data:`BATCH_MIME` output (untrusted: anything that is not a
    list of strings is a :class:`RecordError`; each text is read later by :func:`loads`)."""
    if not isinstance(text, str):
        raise RecordError("record batch is not text")
    try:
        texts = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise RecordError(f"record batch is not valid JSON ({type(exc).__name__})") from exc
    if not isinstance(texts, list) or not all(isinstance(t, str) for t in texts):
        raise RecordError("record batch is not a list of records")
    return texts


# -- decoding (trusted process) --------------------------------------------------
class _Budget:
    def __init__(self, array_limit: int = MAX_ARRAY_BYTES):
        self.array_bytes, self.items, self.array_limit = 0, 0, array_limit


def _load_nd(text: Any, budget: _Budget) -> np.ndarray:
    if not isinstance(text, str):
        raise RecordError("array field is not text")
    if len(text) * 3 // 4 + budget.array_bytes > budget.array_limit:
        raise RecordError("arrays too large")
    try:
        raw = base64.b64decode(text.encode("ascii"), validate=True)
        budget.array_bytes += len(raw)
        arr = np.load(io.BytesIO(raw), allow_pickle=False)
    except Exception as exc:  # not base64, not .npy, an object array (pickle), ...
        raise RecordError(f"not a plain array ({type(exc).__name__})") from exc
    if not isinstance(arr, np.ndarray) or arr.dtype.hasobject:
        raise RecordError("not a plain array")
    return arr


def _str_list(value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(s, str) and len(s) < 300 for s in value) or len(value) > 64:
        raise RecordError("malformed type names")
    return value


def decode(obj: Any, _depth: int = 0, _budget: _Budget | None = None, trusted: bool = False) -> Any:
    """Plain data back as Python values; raises :class:`RecordError` on anything unexpected.
    ``trusted`` (records of the course's own solution) lifts the size limit on arrays."""
    budget = _budget or _Budget(1 << 40 if trusted else MAX_ARRAY_BYTES)
    if _depth > MAX_DEPTH + 2:
        raise RecordError("value nested too deeply")
    budget.items += 1
    if budget.items > MAX_ITEMS:
        raise RecordError("value has too many parts")
    if obj is None or isinstance(obj, (bool, int, float)):
        return obj
    if isinstance(obj, str):
        if len(obj) > MAX_STRING:
            raise RecordError("string too long")
        return obj
    if not isinstance(obj, dict) or len(obj) > 3:
        raise RecordError(f"unexpected {type(obj).__name__} in a record")
    d = _depth + 1
    if "$nd" in obj:
        arr = _load_nd(obj["$nd"], budget)
        return arr[()] if obj.get("scalar") and arr.ndim == 0 else arr
    if "$float" in obj:
        if obj["$float"] not in ("nan", "inf", "-inf"):
            raise RecordError("bad float")
        return float(obj["$float"])
    for tag, kind in (("$list", list), ("$tuple", tuple), ("$set", set)):
        if tag in obj:
            items = obj[tag]
            if not isinstance(items, list):
                raise RecordError("malformed sequence")
            values = [decode(v, d, budget) for v in items]
            if kind is set:
                try:
                    return set(values)
                except TypeError as exc:
                    raise RecordError("unhashable set element") from exc
            return kind(values)
    if "$dict" in obj:
        pairs = obj["$dict"]
        if not isinstance(pairs, list) or not all(isinstance(p, list) and len(p) == 2 for p in pairs):
            raise RecordError("malformed dict")
        out = {}
        for k, v in pairs:
            key = decode(k, d, budget)
            try:
                hash(key)
            except TypeError as exc:
                raise RecordError("unhashable dict key") from exc
            out[key] = decode(v, d, budget)
        return out
    if "$objarray" in obj:
        items, shape = obj["$objarray"], obj.get("shape")
        if not isinstance(items, list) or not isinstance(shape, list) or not all(isinstance(s, int) and s >= 0 for s in shape):
            raise RecordError("malformed object array")
        arr = np.empty(len(items), dtype=object)
        for i, v in enumerate(items):
            arr[i] = decode(v, d, budget)
        try:
            return arr.reshape(shape)
        except ValueError as exc:
            raise RecordError("object array shape does not match") from exc
    if "$keras" in obj:
        k = obj["$keras"]
        if not isinstance(k, dict) or not isinstance(k.get("config"), dict) or not isinstance(k.get("weights"), list):
            raise RecordError("malformed Keras object")
        _check_json_depth(k["config"], 0)
        weights = [_load_nd(w.get("$nd") if isinstance(w, dict) else None, budget) for w in k["weights"]]
        return KerasPayload(k["config"], weights, _str_list(k.get("types", [])))
    if "$obj" in obj:
        return Opaque(_str_list(obj["$obj"]))
    raise RecordError("unknown value tag")


def _check_json_depth(value: Any, depth: int) -> None:
    if depth > 64:
        raise RecordError("Keras config nested too deeply")
    if isinstance(value, dict):
        for v in value.values():
            _check_json_depth(v, depth + 1)
    elif isinstance(value, list):
        for v in value:
            _check_json_depth(v, depth + 1)


def loads(text: str, trusted: bool = False) -> dict:
    """One record from its JSON text (bounded: size, nesting, plain types only)."""
    if not isinstance(text, str) or (len(text) > MAX_RECORD_CHARS and not trusted):
        raise RecordError("record too large")
    try:
        record = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise RecordError(f"record is not valid JSON ({type(exc).__name__})") from exc
    if not isinstance(record, dict) or not isinstance(record.get("kind"), str):
        raise RecordError("record without a kind")
    return record
