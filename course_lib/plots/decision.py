"""Decision boundaries of a classifier on 2-D inputs."""
from __future__ import annotations

from typing import Callable

import matplotlib.pyplot as plt
import numpy as np

__all__ = ["plot_decision_boundary"]


def plot_decision_boundary(
    predict: Callable[[np.ndarray], np.ndarray],
    X: np.ndarray,
    y: np.ndarray,
    ax=None,
    resolution: int = 200,
    margin: float = 0.3,
    title: str | None = None,
):
    """Colour the plane by the predicted class and scatter the data on top.

    ``predict`` maps an ``(n, 2)`` array to class scores: shape ``(n,)`` or
    ``(n, 1)`` for a binary probability, ``(n, k)`` for ``k`` classes.
    """
    X, y = np.asarray(X), np.asarray(y)
    if ax is None:
        _, ax = plt.subplots(figsize=(4.5, 4.5))
    x0 = np.linspace(X[:, 0].min() - margin, X[:, 0].max() + margin, resolution)
    x1 = np.linspace(X[:, 1].min() - margin, X[:, 1].max() + margin, resolution)
    g0, g1 = np.meshgrid(x0, x1)
    grid = np.c_[g0.ravel(), g1.ravel()].astype("float32")
    scores = np.asarray(predict(grid))
    if scores.ndim == 2 and scores.shape[1] > 1:
        classes = scores.argmax(axis=1)
    else:
        classes = (scores.reshape(-1) > 0.5).astype(int)
    n_classes = int(max(classes.max(), y.max()) + 1)
    cmap = plt.get_cmap("tab10")
    ax.contourf(g0, g1, classes.reshape(g0.shape), levels=np.arange(n_classes + 1) - 0.5,
                colors=[cmap(i) for i in range(n_classes)], alpha=0.25)
    for c in range(n_classes):
        pts = X[y == c]
        ax.scatter(pts[:, 0], pts[:, 1], s=14, color=cmap(c), edgecolor="white", linewidth=0.4, label=f"class {c}")
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.set_aspect("equal")
    ax.legend(loc="best", fontsize=8)
    if title:
        ax.set_title(title)
    return ax
