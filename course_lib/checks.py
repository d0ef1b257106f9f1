"""Friendly checks for the test cells of graded exercises.

Every helper either returns quietly or raises :class:`CheckFailed` (an
``AssertionError``, so nbgrader counts the cell as failed) with a message in
plain words: what was checked, what was expected, what came, and a hint.

    check_shape(out, (32, 10), name="forward(X)")
    check_close(sigmoid(0.0), 0.5, name="sigmoid(0)")
    check_cases(relu, [((-1.0,), 0.0), ((2.0,), 2.0)])

**Three modes.** In a learner's notebook (and anywhere else by default) the
helpers compare on the spot, as above. When a notebook is graded the grader
sets ``COURSE_CHECK_MODE`` for the kernel:

* ``record`` (the learner's kernel): nothing is compared there. Each helper
  sends out what the learner's code produced, as plain data
  (:mod:`course_lib.records`), and returns; expected values are ignored.
* ``reference`` (a trusted kernel running the course's solution): each helper
  compares as usual *and* sends out the expected values, tolerances, names and
  hints.

A trusted process then pairs the records check by check and decides
(:mod:`course_lib.grading.judge`), with the same comparison functions as the
on-the-spot mode. So nothing a submission does inside its own process decides
its points: it can only change the values it sends.

**Hidden tests** compare with our solution: leave out ``expected`` (or write
:data:`REFERENCE`) and the grader takes the value our solution produced at the
same check. Expected values then never exist in the learner's process. Where
the comparison needs more than a value (a trained model's accuracy), the helper
sends the model as config and weights and the trusted side evaluates it
(:func:`check_accuracy`).
"""
from __future__ import annotations

import contextlib
import math
import os
from typing import Any, Callable, Iterable, Sequence

import numpy as np

from . import records

__all__ = [
    "CheckFailed",
    "REFERENCE",
    "lend",
    "recording",
    "check_implemented",
    "check_type",
    "check_shape",
    "check_dtype",
    "check_close",
    "check_equal",
    "check_agree",
    "check_range",
    "check_true",
    "check_cases",
    "check_layers",
    "check_model",
    "check_accuracy",
    "passed",
]


class CheckFailed(AssertionError):
    """A test-cell check failed; the message is meant for the learner."""


class _Reference:
    """Stands for "the value our solution produces at this check" (hidden tests)."""

    def __repr__(self) -> str:
        return "REFERENCE"

    def __reduce__(self):
        return "REFERENCE"


REFERENCE = _Reference()

# -- modes and records -------------------------------------------------------------
_override: dict = {"mode": None, "sink": None}


def _mode() -> str:
    mode = _override["mode"] or os.environ.get("COURSE_CHECK_MODE", "")
    return mode if mode in ("record", "reference") else "local"


@contextlib.contextmanager
def recording(mode: str):
    """Run checks in ``mode`` ("record" or "reference") in this process, collecting the
    records in the returned list instead of sending them as outputs (used by the tests'
    in-process notebook runner)."""
    if mode not in ("record", "reference"):
        raise ValueError(f"unknown mode {mode!r}")
    saved = dict(_override)
    sink: list = []
    _override.update(mode=mode, sink=sink)
    try:
        yield sink
    finally:
        _override.update(saved)


# In a kernel, records wait here and leave in batches: at the end of each cell (an IPython
# event that fires even when the cell raised) and whenever RECORDS_PER_MESSAGE records or
# CHARS_PER_MESSAGE characters of them have piled up.
# One message per check made a test with thousands of checks (2,000 draws of a sampler, each
# a check) burst thousands of messages: on a busy machine the kernel's output socket dropped
# some, records went missing and a correct answer could fail, or the end-of-cell message was
# lost and the grader waited for it forever.
RECORDS_PER_MESSAGE = 500
CHARS_PER_MESSAGE = 4 << 20   # a model's weights are one large record: it leaves soon, not with 499 others
_pending: list = []
_pending_chars = 0
_hooked: set = set()


def _send(record: dict) -> None:
    global _pending_chars
    if _override["sink"] is not None:
        _override["sink"].append(records.dumps(record))
        return
    shell = _shell()
    if shell is None:  # not in IPython (a plain script): nothing to batch for
        _publish([records.dumps(record)])
        return
    if id(shell) not in _hooked:
        shell.events.register("post_execute", flush_records)
        _hooked.add(id(shell))
    text = records.dumps(record)
    _pending.append(text)
    _pending_chars += len(text)
    if len(_pending) >= RECORDS_PER_MESSAGE or _pending_chars >= CHARS_PER_MESSAGE:
        flush_records()


def flush_records() -> None:
    """Send the records waiting in this kernel as one output (called after every cell)."""
    global _pending_chars
    if _pending:
        batch = list(_pending)
        _pending.clear()
        _pending_chars = 0
        _publish(batch)


def _shell():
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - grading always runs in a Jupyter kernel
        return None
    return get_ipython()


def _publish(texts: list) -> None:
    try:
        from IPython.display import publish_display_data
    except ImportError:  # pragma: no cover
        return
    publish_display_data({records.BATCH_MIME: records.dumps_batch(texts)})


def _encoded(value: Any) -> Any:
    try:
        return records.encode(value)
    except Exception as exc:  # too deep, unreadable: the trusted side reports it
        return {"$obj": [f"unreadable value ({type(exc).__name__})"]}


def _record(_kind: str, _value: Any, **reference: Any) -> str:
    """Send one record (in record or reference mode) and return the mode."""
    mode = _mode()
    if mode == "local":
        return mode
    rec = {"kind": _kind, "value": _encoded(_value)}
    if mode == "reference":
        rec["ref"] = {k: ({"$reference": True} if v is REFERENCE else _encoded(v)) for k, v in reference.items()}
    _send(rec)
    return mode


def _fmt(value: Any, limit: int = 6, around: int | None = None) -> str:
    """Short, readable rendering of a value for a message; ``around`` (a flat index)
    shows the values near that position instead of the first ones."""
    try:
        arr = np.asarray(value)
    except Exception:  # not array-like
        return _short_repr(value)
    if arr.dtype == object:
        return _short_repr(value)
    if arr.ndim == 0:
        return np.array2string(arr, precision=6)
    flat = arr.ravel()
    if arr.size <= limit:
        shown = np.array2string(flat, precision=4, separator=", ")
        return (f"shape {arr.shape}: " if arr.ndim > 1 else "") + shown
    start = 0
    if around is not None:
        start = min(max(0, around - limit // 2), arr.size - limit)
    body = np.array2string(flat[start:start + limit], precision=4, separator=", ")
    if start > 0:
        body = f"[... {body[1:]}"
    if start + limit < arr.size:
        body = f"{body[:-1]} ...]"
    where = f", from flat index {start}" if start else ""
    return f"{body} ({arr.size} values, shape {arr.shape}{where})"


def _short_repr(value: Any, limit: int = 300) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + " ..."


def _fail(what: str, expected: str | None = None, got: str | None = None, hint: str | None = None):
    __tracebackhide__ = True
    lines = [what]
    if expected is not None:
        lines.append(f"  expected: {expected}")
    if got is not None:
        lines.append(f"  got:      {got}")
    if hint:
        lines.append(f"  hint:     {hint}")
    raise CheckFailed("\n".join(lines))


class _Lent:
    """Correct versions of earlier exercises' functions, lent to the notebook while a
    test runs; see :func:`lend`."""

    def __init__(self, namespace: dict, references: dict):
        self._namespace = namespace
        self._saved = {name: namespace.get(name, _MISSING) for name in references}
        namespace.update(references)
        _LENT.append(self)

    def give_back(self) -> None:
        """Put the learner's own functions back (idempotent)."""
        for name, value in self._saved.items():
            if value is _MISSING:
                self._namespace.pop(name, None)
            else:
                self._namespace[name] = value
        self._saved = {}
        if self in _LENT:
            _LENT.remove(self)

    __call__ = give_back

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> bool:
        self.give_back()
        return False


_MISSING = object()
_LENT: list = []


def give_back_all(*_ignored) -> None:
    """Give back everything still lent (run after every cell: see :func:`lend`)."""
    for lent in reversed(list(_LENT)):
        lent.give_back()


def _give_back_after_this_cell() -> None:
    """In IPython, give back whatever is lent when the running cell ends, failed or not."""
    try:
        ip = get_ipython()  # noqa: F821 - defined inside IPython only
    except NameError:
        try:
            from IPython import get_ipython as _get
        except ImportError:  # pragma: no cover
            return
        ip = _get()
    if ip is None:
        return
    callbacks = ip.events.callbacks.get("post_run_cell", [])
    if give_back_all not in callbacks:
        ip.events.register("post_run_cell", give_back_all)


def lend(**references: Callable) -> _Lent:
    """Grade one exercise on its own: the notebook's functions named in ``references``
    (earlier exercises this one builds on) are correct versions until the test cell
    ends, failed or not; then the learner's own are back. Put one line in the test
    cell's first hidden block::

        lend(conv2d=reference_conv2d)    # the checks below see a correct conv2d

    It also works as a block, for part of a cell: ``with lend(conv2d=reference_conv2d): ...``.
    Used in hidden tests, so that a mistake in an earlier exercise costs only that
    exercise's points.
    """
    import sys

    _give_back_after_this_cell()
    return _Lent(sys._getframe(1).f_globals, references)  # the calling cell's (the notebook's) globals


def passed(what: str = "All visible tests") -> None:
    """Print the success line that ends a test cell."""
    print(f"\u2714 {what} passed.")


# -- calling the learner's functions ------------------------------------------------
def _call(func: Callable, args: tuple, kwargs: dict | None, name: str):
    """Call a learner's function, turning 'not written yet' and errors into clear messages
    that name the call and its inputs. Every call is a check of its own ("implemented")
    in the grader's records."""
    __tracebackhide__ = True
    raised = None
    try:
        result = func(*args, **(kwargs or {}))
    except NotImplementedError as exc:
        raised = ("unwritten", _unwritten_helper(exc, func))
    except Exception as exc:  # the learner's code raised: a message, not a traceback
        raised = ("raised", f"{type(exc).__name__}: {str(exc)[:300]}", _inputs(args, kwargs))
    if raised is None:
        _record("implemented", (True, None), name=name)
        return result
    # fail outside the except block: no chained traceback for the learner
    _record("implemented", (False, *raised[1:]) if raised[0] == "unwritten" else (False, None, *raised[1:]), name=name)
    verdict_implemented((False, *raised[1:]) if raised[0] == "unwritten" else (False, None, *raised[1:]),
                        {"name": name})


def _inputs(args: tuple, kwargs: dict | None) -> str:
    """The inputs of a call, shortly: types and shapes, e.g. "ndarray (2, 3) float64, 0.5"."""
    def one(a):
        if isinstance(a, np.ndarray):
            return f"array of shape {a.shape} ({a.dtype})"
        if isinstance(a, (list, tuple)) and len(a) > 6:
            return f"{type(a).__name__} of {len(a)} items"
        text = _short_repr(a, 60)
        return text
    parts = [one(a) for a in args] + [f"{k}={one(v)}" for k, v in (kwargs or {}).items()]
    return ", ".join(parts)


def verdict_implemented(got, ref: dict) -> None:
    __tracebackhide__ = True
    fields = tuple(got) + (None, None, None) if isinstance(got, (tuple, list)) else (bool(got), None, None, None)
    ok, helper, error, inputs = fields[:4]
    if ok is True:
        return
    name = ref.get("name") or "your function"
    if isinstance(error, str):
        shown = f" on inputs {inputs}" if isinstance(inputs, str) and inputs else ""
        _fail(f"{name} raised an error{shown}.", got=error[:400],
              hint="run this call yourself with inputs like these and read the traceback: "
                   "the error comes from your code.")
    if isinstance(helper, str) and helper.isidentifier() and len(helper) <= 60:
        _fail(
            f"{name} calls {helper}(), which is not written yet.",
            hint=f"write {helper} first (its exercise comes earlier in the notebook), run its cell, then run this one.",
        )
    _fail(
        f"{name} is not written yet.",
        hint="replace the line `raise NotImplementedError()` with your code, run that cell, then run this one.",
    )


def _unwritten_helper(exc: BaseException, func: Callable) -> str | None:
    """The notebook function that raised NotImplementedError, when it is not ``func``
    itself (an earlier exercise ``func`` builds on); None otherwise."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    if tb is None:
        return None
    frame = tb.tb_frame
    where = frame.f_code.co_name
    # Only functions defined in the notebook itself: library code may raise
    # NotImplementedError for its own reasons.
    if frame.f_globals.get("__name__") != "__main__" or where.startswith("<"):
        return None
    return None if where == getattr(func, "__name__", None) else where


def check_implemented(func: Callable, *args, name: str | None = None, **kwargs):
    """Call ``func(*args, **kwargs)`` and return its result, with a friendly error
    if the learner has not replaced ``raise NotImplementedError()`` yet."""
    __tracebackhide__ = True
    name = name or f"{getattr(func, '__name__', 'your function')}()"
    return _call(func, args, kwargs, name)


# -- types, shapes, dtypes ------------------------------------------------------------
def _type_label(names: Sequence[str]) -> str:
    short = {"builtins.int": "int", "builtins.float": "float", "builtins.str": "str", "builtins.dict": "dict",
             "builtins.list": "list", "builtins.tuple": "tuple", "builtins.bool": "bool"}
    first = names[0] if names else "?"
    return short.get(first, first.rsplit(".", 1)[-1])


def _public_names(types) -> list[str]:
    """Type names as the grader compares them: for each class its own qualified name
    (keras.Model is keras.src.models.model.Model, and so on)."""
    wanted = types if isinstance(types, tuple) else (types,)
    return [records.type_names(t)[0] for t in wanted]


def check_type(value: Any, types=REFERENCE, name: str = "result", hint: str | None = None) -> None:
    """Check ``isinstance(value, types)``; with ``REFERENCE`` (hidden tests), that the value
    is of exactly the same class as our solution's."""
    __tracebackhide__ = True
    wanted = types if types is REFERENCE else _public_names(types)
    mode = _record("type", records.type_names(value), types=wanted, name=name, hint=hint)
    if mode != "record" and types is not REFERENCE:
        verdict_type(records.type_names(value), {"types": wanted, "name": name, "hint": hint})


def verdict_type(got: Sequence[str], ref: dict) -> None:
    __tracebackhide__ = True
    wanted = list(ref.get("types") or [])
    if ref.get("types_are_reference"):   # our solution's value's own type names: the same class
        wanted = wanted[:1]
    if not any(t in list(got) for t in wanted):
        _fail(f"{ref.get('name', 'result')} has the wrong type.",
              expected=" or ".join(w.rsplit(".", 1)[-1] for w in wanted), got=_type_label(got), hint=ref.get("hint"))


def _shape_of(value: Any):
    try:
        return tuple(int(s) for s in np.shape(value))
    except Exception:  # ragged lists and other things without a shape
        return f"no shape ({type(value).__name__})"


def check_shape(value: Any, expected: Sequence[int | None] = REFERENCE, name: str = "result", hint: str | None = None) -> None:
    """Check an array's shape; ``None`` in ``expected`` matches any size."""
    __tracebackhide__ = True
    got = _shape_of(value)
    mode = _record("shape", got, expected=expected if expected is REFERENCE else tuple(expected), name=name, hint=hint)
    if mode != "record" and expected is not REFERENCE:
        verdict_shape(got, {"expected": tuple(expected), "name": name, "hint": hint})


def verdict_shape(got, ref: dict) -> None:
    __tracebackhide__ = True
    expected, name, hint = tuple(ref["expected"]), ref.get("name", "result"), ref.get("hint")
    if isinstance(got, str):
        _fail(f"{name} has the wrong shape.", expected=str(expected), got=got, hint=hint)
    got = tuple(got)
    ok = len(got) == len(expected) and all(e is None or e == g for e, g in zip(expected, got))
    if not ok:
        if hint is None and len(got) == len(expected) and None not in expected and sorted(got) == sorted(expected):
            hint = "the sizes are right but in the wrong order: did you transpose, or reduce over the wrong axis?"
        elif hint is None and len(got) != len(expected):
            hint = f"expected {len(expected)} dimension(s); check keepdims, reshape, or which axis you summed over."
        _fail(f"{name} has the wrong shape.", expected=str(expected), got=str(got), hint=hint)


def _dtype_of(value: Any) -> str:
    try:
        return str(np.asarray(value).dtype)
    except Exception:
        return f"no dtype ({type(value).__name__})"


def check_dtype(value: Any, kind: str = REFERENCE, name: str = "result", hint: str | None = None) -> None:
    """Check an array's dtype family: ``"float"``, ``"int"``, ``"bool"`` or an exact dtype name."""
    __tracebackhide__ = True
    got = _dtype_of(value)
    mode = _record("dtype", got, kind=kind, name=name, hint=hint)
    if mode != "record" and kind is not REFERENCE:
        verdict_dtype(got, {"kind": kind, "name": name, "hint": hint})


def verdict_dtype(got: str, ref: dict) -> None:
    __tracebackhide__ = True
    kind = ref["kind"]
    families = {"float": np.floating, "int": np.integer, "bool": np.bool_}
    try:
        dtype = np.dtype(got)
        ok = np.issubdtype(dtype, families[kind]) if kind in families else dtype == np.dtype(kind)
    except TypeError:
        ok = kind == got
    if not ok:
        _fail(f"{ref.get('name', 'result')} has the wrong dtype.", expected=kind, got=str(got), hint=ref.get("hint"))


# -- values ---------------------------------------------------------------------------
def check_close(
    actual: Any,
    expected: Any = REFERENCE,
    name: str = "result",
    rtol: float = 1e-5,
    atol: float = 1e-8,
    hint: str | None = None,
) -> None:
    """Check values agree within a tolerance (shape first, then NaN/inf, then values).
    Without ``expected`` (hidden tests) the value is compared with our solution's."""
    __tracebackhide__ = True
    mode = _record("close", actual, expected=expected, name=name, rtol=rtol, atol=atol, hint=hint)
    if mode != "record" and expected is not REFERENCE:
        verdict_close(actual, {"expected": expected, "name": name, "rtol": rtol, "atol": atol, "hint": hint})


def verdict_close(actual: Any, ref: dict) -> None:
    __tracebackhide__ = True
    name, hint = ref.get("name", "result"), ref.get("hint")
    rtol, atol = float(ref.get("rtol", 1e-5)), float(ref.get("atol", 1e-8))
    try:
        a = np.asarray(actual, dtype=float)
    except (TypeError, ValueError):
        a = None
    if a is None:
        _fail(f"{name} is not a number or an array of numbers.", got=_short_repr(actual, 200), hint=hint)
    e = np.asarray(ref["expected"], dtype=float)
    if a.shape != e.shape:
        # A scalar compared with a one-element array is fine.
        if not (a.size == e.size == 1):
            verdict_shape(a.shape, {"expected": e.shape, "name": name, "hint": hint})
        a, e = a.reshape(()), e.reshape(())
    bad_a = ~np.isfinite(a) & np.isfinite(e)
    if np.any(bad_a):
        _fail(
            f"{name} contains NaN or inf where a finite number was expected.",
            expected=_fmt(e, around=int(np.argmax(bad_a.ravel())) if a.ndim else None),
            got=_fmt(a, around=int(np.argmax(bad_a.ravel())) if a.ndim else None),
            hint=hint or "this usually means an overflow (e.g. exp of a large number) or a division by zero.",
        )
    if not np.allclose(a, e, rtol=rtol, atol=atol, equal_nan=True):
        with np.errstate(invalid="ignore"):
            diff = np.abs(a - e)
        worst = int(np.nanargmax(diff)) if diff.size and not np.all(np.isnan(diff)) else 0
        where = ""
        if a.ndim > 0:
            idx = np.unravel_index(worst, a.shape)
            where = f" (largest difference {diff.ravel()[worst]:.3g} at index {tuple(int(i) for i in idx)})"
        around = worst if a.ndim > 0 else None
        _fail(f"{name} has wrong values{where}.", expected=_fmt(e, around=around), got=_fmt(a, around=around), hint=hint)


def check_equal(actual: Any, expected: Any = REFERENCE, name: str = "result", hint: str | None = None) -> None:
    """Check exact equality of plain data: numbers, strings, booleans, None, lists and
    tuples (compared element by element; a list equals a tuple with the same items),
    dicts (same keys and values, in any order), sets, NumPy arrays (same shape and values).
    Without ``expected`` (hidden tests) the value is compared with our solution's."""
    __tracebackhide__ = True
    mode = _record("equal", actual, expected=expected, name=name, hint=hint)
    if mode != "record" and expected is not REFERENCE:
        verdict_equal(actual, {"expected": expected, "name": name, "hint": hint})


def _plain(value: Any) -> Any:
    """A value as the grader sees it (the learner's process sends plain data)."""
    return records.decode(records.encode(value))


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, (records.Opaque, records.KerasPayload)) or isinstance(b, (records.Opaque, records.KerasPayload)):
        return False
    if isinstance(a, dict) or isinstance(b, dict):
        return isinstance(a, dict) and isinstance(b, dict) and a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, (set, frozenset)) or isinstance(b, (set, frozenset)):
        return isinstance(a, (set, frozenset)) and isinstance(b, (set, frozenset)) and a == b
    if isinstance(a, (list, tuple)) or isinstance(b, (list, tuple)):
        return (isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)) and len(a) == len(b)
                and all(_same(x, y) for x, y in zip(a, b)))
    if isinstance(a, str) or isinstance(b, str) or a is None or b is None:
        return type(a) is type(b) and a == b
    try:
        x, y = np.asarray(a), np.asarray(b)
        return x.shape == y.shape and bool(np.array_equal(x, y))
    except Exception:
        return False


def verdict_equal(actual: Any, ref: dict) -> None:
    __tracebackhide__ = True
    expected = ref["expected"]
    got, want = _plain(actual), _plain(expected)
    if not _same(got, want):
        _fail(f"{ref.get('name', 'result')} is not what was expected.", expected=_fmt(want), got=_fmt(got),
              hint=ref.get("hint"))


def check_agree(actual: Any, other: Any, name: str = "result", rtol: float = 1e-5, atol: float = 1e-8,
                exact: bool = False, hint: str | None = None) -> None:
    """Check that two values that both come from the learner's code agree (within a
    tolerance, or ``exact`` equality for plain data), e.g. "best_score is the largest
    score in the history". Unlike :func:`check_close`, ``other`` is not taken from our
    solution when grading: both values are the learner's. Like :func:`check_true`, a
    pass proves nothing on its own; pair it with checks against our solution."""
    __tracebackhide__ = True
    mode = _record("agree", (actual, other), name=name, rtol=rtol, atol=atol, exact=exact, hint=hint)
    if mode != "record":
        verdict_agree((actual, other), {"name": name, "rtol": rtol, "atol": atol, "exact": exact, "hint": hint})


def verdict_agree(pair: Any, ref: dict) -> None:
    __tracebackhide__ = True
    if not isinstance(pair, (tuple, list)) or len(pair) != 2:
        _fail(f"{ref.get('name', 'result')}: the grader could not read the two values to compare.")
    actual, other = pair
    fields = {"expected": other, "name": ref.get("name", "result"), "hint": ref.get("hint")}
    if ref.get("exact"):
        verdict_equal(actual, fields)
    else:
        verdict_close(actual, {**fields, "rtol": ref.get("rtol", 1e-5), "atol": ref.get("atol", 1e-8)})


def check_range(value: Any, low: float | None = None, high: float | None = None, name: str = "result",
                hint: str | None = None) -> None:
    """Check that a number lies in ``[low, high]`` (either bound may be None)."""
    __tracebackhide__ = True
    mode = _record("range", value, low=low, high=high, name=name, hint=hint)
    if mode != "record":
        verdict_range(value, {"low": low, "high": high, "name": name, "hint": hint})


def verdict_range(value: Any, ref: dict) -> None:
    __tracebackhide__ = True
    low, high, name, hint = ref.get("low"), ref.get("high"), ref.get("name", "result"), ref.get("hint")
    bounds = "between {} and {}".format(low, high) if low is not None and high is not None else \
        (f"at least {low}" if low is not None else f"at most {high}")
    try:
        x = float(np.asarray(value, dtype=float).reshape(()))
    except (TypeError, ValueError):
        _fail(f"{name} is not a single number.", expected=bounds, got=_short_repr(value, 200), hint=hint)
    if not math.isfinite(x) or (low is not None and x < low) or (high is not None and x > high):
        _fail(f"{name} is out of range.", expected=bounds, got=f"{x:.6g}", hint=hint)


def check_true(condition: bool, message: str, hint: str | None = None) -> None:
    """Check a condition that has no better helper; ``message`` says what went wrong.

    The condition is computed in the learner's process: when grading, a False fails
    the test, but a True proves nothing. Every requirement that decides points must
    also be checked from values (check_close, check_equal, check_type, ...)."""
    __tracebackhide__ = True
    try:
        ok = bool(condition)
    except Exception:  # e.g. the truth value of an array
        ok = False
    # The learner's own message goes along: it may quote their values (an f-string).
    mode = _record("true", (ok, str(message)[:1000]), message=message, hint=hint)
    if mode != "record":
        verdict_true((ok, message), {"message": message, "hint": hint})


def verdict_true(got: Any, ref: dict) -> None:
    __tracebackhide__ = True
    ok, message = (tuple(got) + (None,))[:2] if isinstance(got, (tuple, list)) else (got, None)
    if ok is not True:
        text = message if isinstance(message, str) and message else ref.get("message", "a check failed")
        _fail(str(text)[:1000], hint=ref.get("hint"))


def check_cases(
    func: Callable,
    cases: Iterable[tuple],
    name: str | None = None,
    rtol: float = 1e-5,
    atol: float = 1e-8,
    hint: str | None = None,
) -> None:
    """Check ``func`` over a table of ``(args, expected)`` or ``(args, expected, hint)`` rows.

    ``args`` is a tuple of positional arguments; ``expected`` may be
    :data:`REFERENCE` in hidden tests. The first failing row is reported with its
    inputs, so the learner can reproduce it.
    """
    __tracebackhide__ = True
    fname = name or getattr(func, "__name__", "function")
    for row in cases:
        args, expected = row[0], row[1]
        row_hint = row[2] if len(row) > 2 else hint
        args = args if isinstance(args, tuple) else (args,)
        shown = ", ".join(_fmt(a) for a in args)
        call = f"{fname}({shown})"
        got = _call(func, tuple(np.copy(a) if isinstance(a, np.ndarray) else a for a in args), None, f"{fname}()")
        check_close(got, expected, name=call, rtol=rtol, atol=atol, hint=row_hint)


# -- Keras models ----------------------------------------------------------------------
_MODEL_KEYS = ("units", "filters", "kernel_size", "strides", "padding", "pool_size", "rate", "activation",
               "use_bias", "trainable", "dilation_rate", "axis", "target_shape")


def _structure(model: Any) -> dict:
    """What the grader needs to judge a model's architecture: its serialised config and
    the shapes of its weights (no weight values)."""
    import sys

    keras = sys.modules.get("keras")
    if keras is None or not isinstance(model, keras.layers.Layer):
        return {"types": records.type_names(model)}
    config = records.encode(model)["$keras"]["config"]
    return {"types": records.type_names(model), "config": config,
            "weight_shapes": [list(np.shape(w)) for w in model.weights], "built": bool(model.built)}


def _activation_name(act: Any) -> Any:
    if isinstance(act, dict):
        inner = act.get("config")
        return inner if isinstance(inner, str) else act.get("class_name")
    return act


def _is_mask_op(entry: dict) -> bool:
    """The ``not_equal`` operation a functional model records when an ``Embedding(mask_zero=True)``
    computes its padding mask: a node of the serialised graph, not one of ``model.layers``."""
    return entry.get("class_name") == "NotEqual" and str(entry.get("module", "")).startswith("keras.src.ops")


def _layer_entries(config: dict) -> list[dict]:
    """The entries of ``model.layers`` from a serialised model (input layers skipped)."""
    inner = config.get("config") if isinstance(config, dict) else None
    layers = inner.get("layers") if isinstance(inner, dict) else None
    if not isinstance(layers, list):
        return []
    out = []
    for entry in layers:
        if not isinstance(entry, dict) or entry.get("class_name") == "InputLayer" or _is_mask_op(entry):
            continue
        cfg = entry.get("config") if isinstance(entry.get("config"), dict) else {}
        row = {"class": entry.get("class_name")}
        for key in _MODEL_KEYS:
            if key in cfg:
                row[key] = _activation_name(cfg[key]) if key == "activation" else cfg[key]
        if entry.get("class_name") in ("Sequential", "Functional", "Model"):
            row["layers"] = _layer_entries(entry)
        out.append(row)
    return out


def _layer_text(row: dict) -> str:
    parts = [str(row.get("class"))]
    if row.get("units") is not None:
        parts.append(f"{row['units']} units")
    if row.get("activation") is not None:
        parts.append(f"activation={row['activation']}")
    return ", ".join(parts)


def _is_keras(struct: Any) -> bool:
    return isinstance(struct, dict) and isinstance(struct.get("config"), dict)


def _not_a_model(name: str, struct: Any, hint: str | None) -> None:
    __tracebackhide__ = True
    got = _type_label(struct.get("types", [])) if isinstance(struct, dict) else type(struct).__name__
    _fail(f"{name} is not a Keras model.", expected="a keras.Model (Sequential or functional)", got=got, hint=hint)


def check_layers(model, expected: Sequence[tuple], name: str = "model", hint: str | None = None) -> None:
    """Check a Keras model's layer stack (input layers are skipped).

    ``expected`` holds one tuple per layer: ``(class_name,)``,
    ``(class_name, units)`` or ``(class_name, units, activation)``; use ``None``
    to skip a field, e.g. ``("Dense", 10, "softmax")`` or ``("Flatten",)``.
    """
    __tracebackhide__ = True
    struct = _structure(model)
    spec = [list(e) for e in expected]
    mode = _record("layers", struct, expected=spec, name=name, hint=hint)
    if mode != "record":
        verdict_layers(struct, {"expected": spec, "name": name, "hint": hint})


def verdict_layers(struct: Any, ref: dict) -> None:
    __tracebackhide__ = True
    name, hint, expected = ref.get("name", "model"), ref.get("hint"), [tuple(e) for e in ref["expected"]]
    if not _is_keras(struct):
        _not_a_model(name, struct, hint)
    layers = _layer_entries(struct["config"])
    if len(layers) != len(expected):
        _fail(
            f"{name} has {len(layers)} layer(s), expected {len(expected)}.",
            expected=" -> ".join(str(e[0]) for e in expected),
            got=" -> ".join(str(l["class"]) for l in layers) or "no layers",
            hint=hint,
        )
    for i, (layer, spec) in enumerate(zip(layers, expected), start=1):
        cls, units, act = (tuple(spec) + (None, None))[:3]
        if cls is not None and layer["class"] != cls:
            _fail(f"Layer {i} of {name} is a {layer['class']}.", expected=cls, got=_layer_text(layer), hint=hint)
        if units is not None and layer.get("units") != units:
            _fail(f"Layer {i} of {name} has the wrong number of units.", expected=f"{units} units",
                  got=_layer_text(layer), hint=hint)
        if act is not None and layer.get("activation") != act:
            _fail(f"Layer {i} of {name} has the wrong activation.", expected=act, got=str(layer.get("activation")),
                  hint=hint or f"pass activation=\"{act}\" to the layer.")


def _input_shape(config: dict):
    inner = config.get("config") if isinstance(config.get("config"), dict) else {}
    for entry in inner.get("layers") or []:
        if isinstance(entry, dict) and entry.get("class_name") == "InputLayer":
            cfg = entry.get("config") or {}
            shape = cfg.get("batch_shape") or cfg.get("batch_input_shape")
            return list(shape)[1:] if shape else None
    build = config.get("build_config") or {}
    shape = build.get("input_shape") if isinstance(build, dict) else None
    return list(shape)[1:] if isinstance(shape, list) else None


def check_model(model, expected: Any = REFERENCE, name: str = "model", hint: str | None = None) -> None:
    """Check a Keras model's architecture against another model's (hidden tests: our
    solution's): input shape, the layers in order with their settings (units, filters,
    kernel size, strides, padding, pool size, dropout rate, activation, ...) and the
    number of parameters. Weight values are not compared."""
    __tracebackhide__ = True
    struct = _structure(model)
    mode = _record("model", struct, expected=expected if expected is REFERENCE else _structure(expected),
                   name=name, hint=hint)
    if mode != "record" and expected is not REFERENCE:
        verdict_model(struct, {"expected": _structure(expected), "name": name, "hint": hint})


def verdict_model(struct: Any, ref: dict) -> None:
    __tracebackhide__ = True
    name, hint, want = ref.get("name", "model"), ref.get("hint"), ref["expected"]
    if not _is_keras(struct):
        _not_a_model(name, struct, hint)
    if not struct.get("built"):
        _fail(f"{name} is not built: Keras does not know its input size, so it has no weights yet.",
              hint=hint or "start the model with keras.Input(shape=...).")
    got_in, want_in = _input_shape(struct["config"]), _input_shape(want["config"])
    if want_in is not None and got_in != want_in:
        _fail(f"{name} expects inputs of the wrong shape.", expected=str(tuple(want_in)),
              got=str(tuple(got_in)) if got_in else "unknown", hint=hint)
    got_l, want_l = _layer_entries(struct["config"]), _layer_entries(want["config"])
    if [l["class"] for l in got_l] != [l["class"] for l in want_l]:
        _fail(f"{name} has the wrong layers.", expected=" -> ".join(str(l["class"]) for l in want_l),
              got=" -> ".join(str(l["class"]) for l in got_l) or "no layers", hint=hint)
    for i, (g, w) in enumerate(zip(got_l, want_l), start=1):
        for key in _MODEL_KEYS:
            if key == "trainable" or key not in w:
                continue
            gv, wv = g.get(key), w.get(key)
            if _norm_setting(gv) != _norm_setting(wv):
                _fail(f"Layer {i} of {name} ({w['class']}) has the wrong {key.replace('_', ' ')}.",
                      expected=str(wv), got=str(gv), hint=hint)
    n_got = sum(int(np.prod(s)) for s in struct.get("weight_shapes", []))
    n_want = sum(int(np.prod(s)) for s in want.get("weight_shapes", []))
    if n_got != n_want:
        _fail(f"{name} has the wrong number of parameters.", expected=f"{n_want:,}", got=f"{n_got:,}", hint=hint)


def _norm_setting(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return tuple(_norm_setting(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def check_accuracy(model, x: Any, y: Any, at_least: float, name: str = "accuracy of the model",
                   hint: str | None = None) -> None:
    """Check that a Keras classifier gets at least ``at_least`` accuracy on ``(x, y)``
    (integer labels; predictions are the arg-max of the outputs, or ``> 0.5`` for a single
    output). When grading, the model is sent as config and weights and evaluated outside
    the learner's process, on the course's own ``x`` and ``y``."""
    __tracebackhide__ = True
    mode = _record("accuracy", model, x=np.asarray(x), y=np.asarray(y), at_least=float(at_least), name=name, hint=hint)
    if mode != "record":
        verdict_accuracy(model, {"x": x, "y": y, "at_least": at_least, "name": name, "hint": hint})


def accuracy_of(model: Any, x: Any, y: Any) -> float:
    """Accuracy of a Keras classifier (or a rebuilt :class:`records.KerasPayload`) on ``(x, y)``."""
    if isinstance(model, records.KerasPayload):
        model = rebuild(model)
    pred = np.asarray(model.predict(np.asarray(x), verbose=0, batch_size=256))
    y = np.asarray(y)
    labels = np.argmax(pred, axis=-1) if pred.ndim > 1 and pred.shape[-1] > 1 else (pred.reshape(len(pred), -1)[:, 0] > 0.5)
    truth = np.argmax(y, axis=-1) if y.ndim > 1 and y.shape[-1] > 1 else y.reshape(len(y))
    return float(np.mean(labels.astype(int) == truth.astype(int)))


def verdict_accuracy(model: Any, ref: dict) -> None:
    __tracebackhide__ = True
    name, hint, at_least = ref.get("name", "accuracy of the model"), ref.get("hint"), float(ref["at_least"])
    import sys

    keras = sys.modules.get("keras")
    is_model = isinstance(model, records.KerasPayload) or (keras is not None and isinstance(model, keras.Model))
    if not is_model:
        _fail(f"{name}: the value is not a Keras model.", expected="a trained keras.Model",
              got=_type_label(getattr(model, "types", None) or records.type_names(model)), hint=hint)
    try:
        acc = accuracy_of(model, ref["x"], ref["y"])
    except CheckFailed:
        raise
    except Exception as exc:
        acc = None
        problem = f"{type(exc).__name__}: {str(exc)[:200]}"
    if acc is None:
        _fail(f"{name}: the model could not be evaluated.", got=problem, hint=hint)
    if acc < at_least:
        _fail(f"{name} is too low.", expected=f"at least {at_least:.1%}", got=f"{acc:.1%}", hint=hint)


def rebuild(payload: records.KerasPayload):
    """A Keras model from plain data, in safe mode (no lambdas, no custom code): only
    classes from Keras itself may appear in the config."""
    import keras

    _only_keras(payload.config)
    try:
        model = keras.saving.deserialize_keras_object(payload.config, safe_mode=True)
    except Exception as exc:
        _fail("the model could not be rebuilt from its configuration (use Keras's own layers only).",
              got=f"{type(exc).__name__}: {str(exc)[:200]}")
    try:
        model.set_weights(payload.weights)
    except Exception as exc:
        _fail("the model's weights do not fit its layers.", got=f"{type(exc).__name__}: {str(exc)[:200]}")
    return model


def _only_keras(config: Any, depth: int = 0) -> None:
    __tracebackhide__ = True
    if depth > 64:
        _fail("the model's configuration is nested too deeply.")
    if isinstance(config, dict):
        module = config.get("module")
        if module is not None and (not isinstance(module, str) or not (module == "keras" or module.startswith("keras."))):
            _fail("the model uses code from outside Keras, which the grader does not run.", got=str(module)[:100])
        if config.get("registered_name") not in (None,) and "class_name" in config and \
                str(config.get("registered_name")) != str(config.get("class_name")):
            _fail("the model uses a custom (registered) class, which the grader does not run.",
                  got=str(config.get("registered_name"))[:100])
        if config.get("class_name") in ("Lambda", "__lambda__", "function"):
            _fail("the model uses a Lambda layer or a Python function, which the grader does not run.",
                  hint="use Keras's own layers and activations (by name).")
        for v in config.values():
            _only_keras(v, depth + 1)
    elif isinstance(config, list):
        for v in config:
            _only_keras(v, depth + 1)


# The comparison behind each kind of record, used by the trusted judge.
VERDICTS = {
    "implemented": verdict_implemented,
    "type": verdict_type,
    "shape": verdict_shape,
    "dtype": verdict_dtype,
    "close": verdict_close,
    "equal": verdict_equal,
    "agree": verdict_agree,
    "range": verdict_range,
    "true": verdict_true,
    "layers": verdict_layers,
    "model": verdict_model,
    "accuracy": verdict_accuracy,
}
# Reference fields that may stand for "the value our solution produced here".
REFERENCE_FIELDS = {"close": "expected", "equal": "expected", "shape": "expected", "dtype": "kind", "model": "expected",
                    "type": "types"}
