"""Small numerical tools the notebooks share: finite-difference gradients.

Used to check hand-written backpropagation (module 01) and optimisers
(module 02) against an independent, slow but simple estimate.
"""
from __future__ import annotations

from typing import Callable

import numpy as np

__all__ = ["numerical_gradient", "relative_error"]


def numerical_gradient(f: Callable[[], float], x: np.ndarray, eps: float = 1e-5) -> np.ndarray:
    """Central-difference gradient of the scalar ``f()`` with respect to array ``x``.

    ``x`` is changed in place one entry at a time (and restored), so ``f`` can
    read it from the enclosing scope, e.g. ``numerical_gradient(lambda: loss(W), W)``.
    Cost: two calls of ``f`` per entry of ``x``, so keep ``x`` small.
    """
    x = np.asarray(x)
    if not np.issubdtype(x.dtype, np.floating):
        raise TypeError("numerical_gradient needs a floating-point array to nudge.")
    grad = np.zeros_like(x, dtype=np.float64)
    it = np.nditer(x, flags=["multi_index"], op_flags=[["readwrite"]])
    for _ in it:
        i = it.multi_index
        old = x[i].copy()
        x[i] = old + eps
        plus = float(f())
        x[i] = old - eps
        minus = float(f())
        x[i] = old
        grad[i] = (plus - minus) / (2 * eps)
    return grad


def relative_error(a, b, floor: float = 1e-12) -> float:
    """max |a - b| / max(|a| + |b|): about 1e-7 or less when two gradients agree."""
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    return float(np.max(np.abs(a - b)) / max(np.max(np.abs(a) + np.abs(b)), floor))
