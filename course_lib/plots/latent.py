"""Pictures of a generative model's latent space (05_generative).

* :func:`plot_latent_2d` - 2-D codes as points coloured by a label the model never saw;
* :func:`show_latent_grid` - what a decoder draws over a grid of 2-D codes;
* :func:`show_image_rows` - rows of images with a title each (interpolations, traversals).
"""
from __future__ import annotations

from typing import Callable, Sequence

import matplotlib.pyplot as plt
import numpy as np

__all__ = ["plot_latent_2d", "show_latent_grid", "show_image_rows"]


def plot_latent_2d(codes, labels, ax=None, title: str | None = None, label_centres: bool = True,
                   colorbar: bool = True, xlabel: str = "$z_1$", ylabel: str = "$z_2$"):
    """Scatter 2-D ``codes`` (shape ``(n, 2)``) coloured by integer ``labels`` (0-9, tab10 colours).

    ``label_centres`` writes each label at the median of its codes, so the plot reads without
    a legend. Returns the ``Axes``.
    """
    codes = np.asarray(codes, dtype=float)
    labels = np.asarray(labels)
    if codes.ndim != 2 or codes.shape[1] != 2:
        raise ValueError(f"codes must have shape (n, 2), not {codes.shape}")
    if ax is None:
        _, ax = plt.subplots(figsize=(6.2, 5.4))
    points = ax.scatter(codes[:, 0], codes[:, 1], c=labels, cmap="tab10", s=12, vmin=-0.5, vmax=9.5)
    if label_centres:
        for label in np.unique(labels):
            cx, cy = np.median(codes[labels == label], axis=0)
            ax.text(cx, cy, str(label), fontsize=14, weight="bold", ha="center", va="center",
                    bbox=dict(boxstyle="circle,pad=0.2", fc="white", alpha=0.8))
    if colorbar:
        ax.figure.colorbar(points, ax=ax, ticks=range(10), label="label (not used in training)")
    ax.set(xlabel=xlabel, ylabel=ylabel)
    if title:
        ax.set_title(title)
    return ax


def show_latent_grid(decode: Callable, values_1: Sequence[float], values_2: Sequence[float] | None = None,
                     image_shape=(28, 28), ax=None, cmap: str = "gray_r"):
    """Decode every code ``(v1, v2)`` of the grid ``values_1 x values_2`` and tile the images.

    ``decode`` maps an array of codes ``(n, 2)`` to images (any shape with ``n`` first that
    reshapes to ``image_shape``). ``v2`` grows upwards, like a plot's y axis; ticks show
    the first, middle and last value. Returns the ``Axes``.
    """
    v1 = np.asarray(values_1, dtype=float)
    v2 = v1 if values_2 is None else np.asarray(values_2, dtype=float)
    z1, z2 = np.meshgrid(v1, v2[::-1])
    codes = np.stack([z1.ravel(), z2.ravel()], axis=1)
    h, w = image_shape
    tiles = np.asarray(decode(codes)).reshape(len(v2), len(v1), h, w)
    canvas = tiles.transpose(0, 2, 1, 3).reshape(len(v2) * h, len(v1) * w)
    if ax is None:
        _, ax = plt.subplots(figsize=(7.5, 7.5 * len(v2) / len(v1)))
    ax.imshow(canvas, cmap=cmap, extent=[-0.5, len(v1) - 0.5, -0.5, len(v2) - 0.5])
    for axis_values, set_ticks in [(v1, ax.set_xticks), (v2, ax.set_yticks)]:
        ticks = [0, len(axis_values) // 2, len(axis_values) - 1]
        set_ticks(ticks, [f"{np.round(axis_values[t], 2) + 0.0:.2f}" for t in ticks])   # + 0.0: no "-0.00"
    ax.grid(False)
    ax.set(xlabel="$z_1$", ylabel="$z_2$")
    return ax


def show_image_rows(rows: Sequence, titles: Sequence[str], size: float = 0.95, cmap: str = "gray_r",
                    image_shape=(28, 28)):
    """One row of images per entry of ``rows`` (each an array ``(k, ...)`` that reshapes to
    ``image_shape`` per image), the row's title on its left; no axes. Returns the figure."""
    if len(rows) != len(titles):
        raise ValueError(f"{len(rows)} rows but {len(titles)} titles")
    n_cols = max(len(r) for r in rows)
    fig, axes = plt.subplots(len(rows), n_cols, figsize=(n_cols * size + 2.0, len(rows) * size * 1.05), squeeze=False)
    for r, (row, title) in enumerate(zip(rows, titles)):
        row = np.asarray(row)
        for k, ax in enumerate(axes[r]):
            ax.set_xticks([]), ax.set_yticks([])
            for spine in ax.spines.values():
                spine.set_visible(False)
            if k < len(row):
                ax.imshow(row[k].reshape(image_shape), cmap=cmap, vmin=0, vmax=1)
        axes[r, 0].set_ylabel(title, rotation=0, ha="right", va="center", fontsize=9)
    fig.tight_layout()
    return fig
