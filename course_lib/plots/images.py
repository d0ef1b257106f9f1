"""Grids of images: labelled samples, boxes for localisation, masks for segmentation.

Every grid comes from :func:`_image_grid`, so panel size, spacing and hidden
unused panels are the same in all of them.
"""
from __future__ import annotations

from typing import Sequence

import matplotlib.pyplot as plt
import numpy as np

__all__ = ["show_images", "show_boxes", "show_masks"]


def _image_grid(n: int, ncols: int, size: float, height: float = 1.1, frame: bool = False):
    """A figure with ``n`` panels in rows of ``ncols``; returns ``(fig, axes)``, ``axes`` the first ``n``.

    Each panel is ``size`` inches wide and ``size * height`` tall. Panels past ``n``
    are hidden. Used panels show no axis, or with ``frame=True`` a frame without
    ticks, which keeps room for a y label (a row name).
    """
    nrows = max(1, int(np.ceil(n / ncols)))
    fig, axes = plt.subplots(nrows, ncols, figsize=(ncols * size, nrows * size * height), squeeze=False)
    axes = axes.ravel()
    for i, ax in enumerate(axes):
        if i < n and frame:
            ax.set_xticks([])
            ax.set_yticks([])
        else:
            ax.axis("off")
    return fig, axes[:n]


def _grey(images) -> np.ndarray:
    """Images as ``(n, h, w)``: a trailing channel axis of 1 is dropped."""
    images = np.asarray(images)
    return images[..., 0] if images.ndim == 4 else images


def show_images(
    images,
    labels: Sequence | None = None,
    predictions: Sequence | None = None,
    ncols: int = 8,
    cmap: str = "gray_r",
    size: float = 1.3,
    symmetric: bool = False,
):
    """A grid of small images with optional labels (and predictions, red when wrong).

    ``symmetric=True`` centres the colour map on zero, for weights that can be
    negative (e.g. learned first-layer weights): red is positive, blue negative.
    """
    images = np.asarray(images)
    fig, axes = _image_grid(len(images), ncols, size)
    for i, ax in enumerate(axes):
        img = images[i]
        if symmetric:
            lim = np.abs(img).max() or 1.0
            ax.imshow(img, cmap=cmap if cmap != "gray_r" else "RdBu_r", vmin=-lim, vmax=lim)
        else:
            ax.imshow(img, cmap=cmap)
        text, colour = "", "black"
        if labels is not None:
            text = str(labels[i])
        if predictions is not None:
            text = f"{text} -> {predictions[i]}" if text else str(predictions[i])
            if labels is not None and predictions[i] != labels[i]:
                colour = "red"
        if text:
            ax.set_title(text, fontsize=9, color=colour)
    fig.tight_layout()
    return fig


def _box_patch(box, shape, colour, style="-"):
    from matplotlib.patches import Rectangle

    h, w = shape
    y0, x0, y1, x1 = np.asarray(box, dtype=float) * np.array([h, w, h, w])
    # imshow puts pixel centres at integers, so pixel edges sit at -0.5.
    return Rectangle((x0 - 0.5, y0 - 0.5), x1 - x0, y1 - y0, fill=False, edgecolor=colour, lw=1.5, ls=style)


def show_boxes(images, boxes, predicted=None, ncols: int = 8, size: float = 1.5, titles=None):
    """Images with their boxes ``(y_min, x_min, y_max, x_max)`` in [0, 1].

    True boxes are drawn green and solid, ``predicted`` boxes orange and dashed.
    """
    images = _grey(images)
    fig, axes = _image_grid(len(images), ncols, size)
    for i, ax in enumerate(axes):
        ax.imshow(images[i], cmap="gray", vmin=0, vmax=1)
        shape = images[i].shape[:2]
        ax.add_patch(_box_patch(boxes[i], shape, "limegreen"))
        if predicted is not None:
            ax.add_patch(_box_patch(predicted[i], shape, "orange", "--"))
        if titles is not None:
            ax.set_title(str(titles[i]), fontsize=8)
    fig.tight_layout()
    return fig


def show_masks(images, masks, predicted=None, n: int = 6, size: float = 1.6):
    """Rows of image / true mask / predicted mask (when given), one column per example."""
    images = _grey(images)
    rows = [("image", images, "gray"), ("true mask", np.asarray(masks), "viridis")]
    if predicted is not None:
        rows.append(("predicted", _grey(predicted), "viridis"))
    n = min(n, len(images))
    fig, axes = _image_grid(len(rows) * n, n, size, height=1.0, frame=True)
    for r, (name, data, cmap) in enumerate(rows):
        for i in range(n):
            ax = axes[r * n + i]
            ax.imshow(data[i], cmap=cmap, vmin=0, vmax=1)
            if i == 0:
                ax.set_ylabel(name)
    fig.tight_layout()
    return fig
