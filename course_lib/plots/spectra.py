"""Spectra on a shared wavenumber axis."""
from __future__ import annotations

from typing import Sequence

import matplotlib.pyplot as plt
import numpy as np

__all__ = ["plot_spectra"]


def plot_spectra(
    axis,
    X,
    y=None,
    class_names: Sequence[str] | None = None,
    per_class: int = 3,
    ax=None,
    offset: float = 0.0,
    title: str | None = None,
):
    """A few spectra per class on a shared wavenumber axis, one colour per class.

    ``X`` is ``(n, n_points)`` (a trailing channel axis of 1 is dropped);
    ``offset`` stacks the classes vertically so overlapping spectra stay
    readable. Without ``y`` the first ``per_class`` spectra are drawn in grey.
    """
    axis, X = np.asarray(axis), np.asarray(X)
    if X.ndim == 3 and X.shape[-1] == 1:
        X = X[..., 0]
    if X.ndim != 2 or X.shape[1] != len(axis):
        raise ValueError(f"X must be (n, {len(axis)}) to match the axis, got {X.shape}")
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 3.5))
    if y is None:
        for row in X[:per_class]:
            ax.plot(axis, row, color="0.4", lw=0.8)
    else:
        y = np.asarray(y)
        cmap = plt.get_cmap("tab10")
        for k, c in enumerate(np.unique(y)):
            rows = X[y == c][:per_class]
            name = class_names[int(c)] if class_names is not None else f"class {c}"
            for j, row in enumerate(rows):
                ax.plot(axis, row + k * offset, color=cmap(k), lw=0.8, label=name if j == 0 else None)
        ax.legend(fontsize=8, loc="upper right")
    ax.set_xlabel("wavenumber (cm$^{-1}$)")
    ax.set_ylabel("intensity (a.u.)")
    if title:
        ax.set_title(title)
    return ax
