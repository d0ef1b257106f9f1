"""Friendly assertion helpers for the test cells of graded exercises.

Every helper either returns quietly or raises :class:`CheckFailed` (an
``AssertionError``, so nbgrader counts the cell as failed) with a message in
plain words: what was checked, what was expected, what came, and a hint.

    check_shape(out, (32, 10), name="forward(X)")
    check_close(sigmoid(0.0), 0.5, name="sigmoid(0)")
    check_cases(relu, [((-1.0,), 0.0), ((2.0,), 2.0)])
"""
from __future__ import annotations

import math
from typing import Any, Callable, Iterable, Sequence

import numpy as np

__all__ = [
    "CheckFailed",
    "lend",
    "check_implemented",
    "check_type",
    "check_shape",
    "check_dtype",
    "check_close",
    "check_true",
    "check_cases",
    "check_layers",
    "passed",
]


class CheckFailed(AssertionError):
    """A test-cell check failed; the message is meant for the learner."""


def _fmt(value: Any, limit: int = 6) -> str:
    """Short, readable rendering of a value for a message."""
    try:
        arr = np.asarray(value)
    except Exception:  # not array-like
        return repr(value)
    if arr.dtype == object:
        return repr(value)
    if arr.ndim == 0:
        return np.array2string(arr, precision=6)
    flat = arr.ravel()
    shown = np.array2string(flat[:limit], precision=4, separator=", ")
    more = f" ... ({arr.size} values, shape {arr.shape})" if arr.size > limit else ""
    prefix = f"shape {arr.shape}: " if arr.ndim > 1 and not more else ""
    return prefix + shown + more


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


def lend(**references: Callable) -> Callable[[], None]:
    """Grade one exercise on its own: replace the notebook's functions named in
    ``references`` (earlier exercises this one builds on) by correct versions, and
    return a function that puts the learner's own back.

    Used in hidden tests, so that a mistake in an earlier exercise costs only that
    exercise's points::

        give_back = lend(conv2d=reference_conv2d)
        ...  # the checks of conv_layer, which calls conv2d
        give_back()
    """
    import sys

    namespace = sys._getframe(1).f_globals  # the notebook's (the calling cell's) globals
    missing = object()
    saved = {name: namespace.get(name, missing) for name in references}
    namespace.update(references)

    def give_back() -> None:
        for name, value in saved.items():
            if value is missing:
                namespace.pop(name, None)
            else:
                namespace[name] = value

    return give_back


def passed(what: str = "All visible tests") -> None:
    """Print the success line that ends a test cell."""
    print(f"\u2714 {what} passed.")


def _call(func: Callable, args: tuple, kwargs: dict | None, name: str):
    """Call a learner's function, turning 'not written yet' into a clear message."""
    __tracebackhide__ = True
    try:
        return func(*args, **(kwargs or {}))
    except NotImplementedError as exc:
        helper = _unwritten_helper(exc, func)
        # fail outside the except block: no chained traceback for the learner
    if helper:
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


def check_type(value: Any, types, name: str = "result", hint: str | None = None) -> None:
    """Check ``isinstance(value, types)``."""
    __tracebackhide__ = True
    if not isinstance(value, types):
        wanted = types if isinstance(types, tuple) else (types,)
        _fail(
            f"{name} has the wrong type.",
            expected=" or ".join(t.__name__ for t in wanted),
            got=type(value).__name__,
            hint=hint,
        )


def check_shape(value: Any, expected: Sequence[int | None], name: str = "result", hint: str | None = None) -> None:
    """Check an array's shape; ``None`` in ``expected`` matches any size."""
    __tracebackhide__ = True
    got = tuple(np.shape(value))
    expected = tuple(expected)
    ok = len(got) == len(expected) and all(e is None or e == g for e, g in zip(expected, got))
    if not ok:
        if hint is None and len(got) == len(expected) and sorted(got) == sorted(e for e in expected if e is not None) and None not in expected:
            hint = "the sizes are right but in the wrong order: did you transpose, or reduce over the wrong axis?"
        elif hint is None and len(got) != len(expected):
            hint = f"expected {len(expected)} dimension(s); check keepdims, reshape, or which axis you summed over."
        _fail(f"{name} has the wrong shape.", expected=str(expected), got=str(got), hint=hint)


def check_dtype(value: Any, kind: str = "float", name: str = "result", hint: str | None = None) -> None:
    """Check an array's dtype family: ``"float"``, ``"int"``, ``"bool"`` or an exact dtype name."""
    __tracebackhide__ = True
    dtype = np.asarray(value).dtype
    families = {"float": np.floating, "int": np.integer, "bool": np.bool_}
    ok = np.issubdtype(dtype, families[kind]) if kind in families else dtype == np.dtype(kind)
    if not ok:
        _fail(f"{name} has the wrong dtype.", expected=kind, got=str(dtype), hint=hint)


def check_close(
    actual: Any,
    expected: Any,
    name: str = "result",
    rtol: float = 1e-5,
    atol: float = 1e-8,
    hint: str | None = None,
) -> None:
    """Check values agree within a tolerance (shape first, then NaN/inf, then values)."""
    __tracebackhide__ = True
    try:
        a = np.asarray(actual, dtype=float)
    except (TypeError, ValueError):
        _fail(f"{name} is not a number or an array of numbers.", got=repr(actual)[:200], hint=hint)
    e = np.asarray(expected, dtype=float)
    if a.shape != e.shape:
        # A scalar compared with a one-element array is fine.
        if not (a.size == e.size == 1):
            check_shape(a, e.shape, name=name, hint=hint)
        a, e = a.reshape(()), e.reshape(())
    bad_a = ~np.isfinite(a) & np.isfinite(e)
    if np.any(bad_a):
        _fail(
            f"{name} contains NaN or inf where a finite number was expected.",
            expected=_fmt(e),
            got=_fmt(a),
            hint=hint or "this usually means an overflow (e.g. exp of a large number) or a division by zero.",
        )
    if not np.allclose(a, e, rtol=rtol, atol=atol, equal_nan=True):
        diff = np.abs(a - e)
        worst = int(np.nanargmax(diff)) if diff.size else 0
        where = ""
        if a.ndim > 0:
            idx = np.unravel_index(worst, a.shape)
            where = f" (largest difference {diff.ravel()[worst]:.3g} at index {tuple(int(i) for i in idx)})"
        _fail(f"{name} has wrong values{where}.", expected=_fmt(e), got=_fmt(a), hint=hint)


def check_true(condition: bool, message: str, hint: str | None = None) -> None:
    """Check a condition that has no better helper; ``message`` says what went wrong."""
    __tracebackhide__ = True
    if not condition:
        _fail(message, hint=hint)


def check_cases(
    func: Callable,
    cases: Iterable[tuple],
    name: str | None = None,
    rtol: float = 1e-5,
    atol: float = 1e-8,
    hint: str | None = None,
) -> None:
    """Check ``func`` over a table of ``(args, expected)`` or ``(args, expected, hint)`` rows.

    ``args`` is a tuple of positional arguments. The first failing row is reported
    with its inputs, so the learner can reproduce it.
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


def _layer_summary(layer) -> str:
    parts = [type(layer).__name__]
    units = getattr(layer, "units", None)
    if units is not None:
        parts.append(f"{units} units")
    act = getattr(layer, "activation", None)
    if act is not None:
        parts.append(f"activation={getattr(act, '__name__', act)}")
    return ", ".join(parts)


def check_layers(model, expected: Sequence[tuple], name: str = "model", hint: str | None = None) -> None:
    """Check a Keras model's layer stack (input layers are skipped).

    ``expected`` holds one tuple per layer: ``(class_name,)``,
    ``(class_name, units)`` or ``(class_name, units, activation)``; use ``None``
    to skip a field, e.g. ``("Dense", 10, "softmax")`` or ``("Flatten",)``.
    """
    __tracebackhide__ = True
    try:
        import keras
    except ImportError:  # pragma: no cover - the course always has Keras
        keras = None
    if keras is not None and not isinstance(model, keras.Model):
        _fail(f"{name} is not a Keras model.", expected="a keras.Model (Sequential or functional)", got=type(model).__name__, hint=hint)
    layers = [l for l in model.layers if type(l).__name__ != "InputLayer"]
    if len(layers) != len(expected):
        _fail(
            f"{name} has {len(layers)} layer(s), expected {len(expected)}.",
            expected=" -> ".join(e[0] for e in expected),
            got=" -> ".join(type(l).__name__ for l in layers) or "no layers",
            hint=hint,
        )
    for i, (layer, spec) in enumerate(zip(layers, expected), start=1):
        cls, units, act = (tuple(spec) + (None, None))[:3]
        if cls is not None and type(layer).__name__ != cls:
            _fail(f"Layer {i} of {name} is a {type(layer).__name__}.", expected=cls, got=_layer_summary(layer), hint=hint)
        if units is not None and getattr(layer, "units", None) != units:
            _fail(
                f"Layer {i} of {name} has the wrong number of units.",
                expected=f"{units} units",
                got=_layer_summary(layer),
                hint=hint,
            )
        if act is not None:
            got_act = getattr(getattr(layer, "activation", None), "__name__", None)
            if got_act != act:
                _fail(
                    f"Layer {i} of {name} has the wrong activation.",
                    expected=act,
                    got=str(got_act),
                    hint=hint or f"pass activation=\"{act}\" to the layer.",
                )
