"""Figures the notebooks share: training curves, image grids, decision boundaries.

Each function draws on a Matplotlib ``Axes`` (made if not given) and returns
it (or the figure for grids), so notebooks can add titles or combine panels.
"""
from __future__ import annotations

from typing import Callable, Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np

__all__ = [
    "plot_history",
    "compare_histories",
    "show_images",
    "plot_decision_boundary",
    "plot_functions",
    "plot_loss_surface",
    "plot_spectra",
    "show_boxes",
    "show_masks",
    "plot_label_curves",
]


def _history_dict(history) -> Mapping[str, Sequence[float]]:
    """Accept a Keras ``History``, its ``.history`` dict, or any dict of lists."""
    return getattr(history, "history", history)


def plot_history(
    history,
    metrics: Sequence[str] = ("loss",),
    axes=None,
    title: str | None = None,
    marker: str | None = None,
):
    """Training (and validation, when present) curves, one panel per metric.

    ``history`` is what ``model.fit`` returns, or a dict such as
    ``{"loss": [...], "val_loss": [...]}`` from a hand-written loop.
    Points are marked for short histories (up to 50 epochs) unless ``marker``
    says otherwise (``marker=""`` for none).
    """
    from matplotlib.ticker import MaxNLocator

    hist = _history_dict(history)
    metrics = [m for m in metrics if m in hist]
    if not metrics:
        raise ValueError(f"None of the metrics is in the history; it has: {', '.join(hist)}")
    if axes is None:
        _, axes = plt.subplots(1, len(metrics), figsize=(5 * len(metrics), 3.5), squeeze=False)
        axes = axes[0]
    axes = np.atleast_1d(axes)
    for ax, metric in zip(axes, metrics):
        epochs = np.arange(1, len(hist[metric]) + 1)
        mk = ("o" if len(epochs) <= 50 else "") if marker is None else marker
        ax.plot(epochs, hist[metric], marker=mk, ms=3, label=f"training {metric}")
        if f"val_{metric}" in hist:
            ax.plot(epochs, hist[f"val_{metric}"], marker=mk, ms=3, label=f"validation {metric}")
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_xlabel("epoch")
        ax.set_ylabel(metric)
        ax.legend()
    if title:
        axes[0].figure.suptitle(title)
    return axes


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
    n = len(images)
    nrows = int(np.ceil(n / ncols))
    fig, axes = plt.subplots(nrows, ncols, figsize=(ncols * size, nrows * size * 1.1), squeeze=False)
    for i, ax in enumerate(axes.ravel()):
        ax.axis("off")
        if i >= n:
            continue
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


def plot_functions(
    functions: Mapping[str, Callable[[np.ndarray], np.ndarray]],
    x=None,
    ax=None,
    title: str | None = None,
    ylabel: str = "output",
):
    """Plot several 1-D functions on one axis (e.g. activations or their derivatives)."""
    x = np.linspace(-5, 5, 401) if x is None else np.asarray(x)
    if ax is None:
        _, ax = plt.subplots(figsize=(5, 3.5))
    for label, f in functions.items():
        ax.plot(x, np.asarray(f(x)), label=label, lw=2)
    ax.axhline(0, color="grey", lw=0.8)
    ax.axvline(0, color="grey", lw=0.8)
    ax.set_xlabel("z")
    ax.set_ylabel(ylabel)
    ax.legend()
    if title:
        ax.set_title(title)
    return ax


def compare_histories(
    histories: Mapping[str, object],
    metric: str = "loss",
    validation: bool = True,
    axes=None,
    title: str | None = None,
    logy: bool = False,
):
    """Several training runs side by side: one panel per run, training and validation curves.

    ``histories`` maps a label (e.g. ``"lr = 0.1"``) to a Keras ``History`` or a
    dict of lists. All panels share the y axis so the runs can be compared.
    """
    from matplotlib.ticker import MaxNLocator

    items = list(histories.items())
    if not items:
        raise ValueError("compare_histories needs at least one history")
    if axes is None:
        _, axes = plt.subplots(1, len(items), figsize=(3.6 * len(items), 3.2), sharey=True, squeeze=False)
        axes = axes[0]
    axes = np.atleast_1d(axes)
    for ax, (label, history) in zip(axes, items):
        hist = _history_dict(history)
        if metric not in hist:
            raise ValueError(f"{label!r} has no {metric!r}; it has: {', '.join(hist)}")
        epochs = np.arange(1, len(hist[metric]) + 1)
        ax.plot(epochs, hist[metric], label=f"training {metric}")
        if validation and f"val_{metric}" in hist:
            ax.plot(epochs, hist[f"val_{metric}"], label=f"validation {metric}")
        ax.set_title(label)
        ax.set_xlabel("epoch")
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        if logy:
            ax.set_yscale("log")
    axes[0].set_ylabel(metric)
    axes[0].legend()
    if title:
        axes[0].figure.suptitle(title)
    return axes


def plot_loss_surface(
    f: Callable[[np.ndarray, np.ndarray], np.ndarray],
    xlim: tuple = (-2.0, 2.0),
    ylim: tuple = (-2.0, 2.0),
    trajectories: Mapping[str, np.ndarray] | None = None,
    ax=None,
    levels: int = 30,
    log: bool = True,
    resolution: int = 200,
    title: str | None = None,
):
    """Contours of a 2-D loss ``f(w1, w2)`` with optimiser paths drawn on top.

    ``f`` takes two arrays of the same shape (a grid) and returns the loss at
    each point. Each trajectory is an array of shape ``(steps, 2)``: the
    parameters after every step, starting point first. ``log=True`` spaces the
    contour levels logarithmically, which shows narrow valleys better.
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(5.5, 4.5))
    w1, w2 = np.meshgrid(np.linspace(*xlim, resolution), np.linspace(*ylim, resolution))
    z = np.asarray(f(w1, w2), dtype=float)
    if log:
        lo = max(np.nanmin(z), 1e-12)
        shift = 0.0 if np.nanmin(z) > 0 else (1e-3 - np.nanmin(z))
        z_plot = z + shift
        lv = np.geomspace(max(lo, np.nanmin(z_plot)), np.nanmax(z_plot), levels)
        ax.contour(w1, w2, z_plot, levels=lv, cmap="viridis", linewidths=0.8)
    else:
        ax.contour(w1, w2, z, levels=levels, cmap="viridis", linewidths=0.8)
    for label, path in (trajectories or {}).items():
        path = np.asarray(path, dtype=float)
        line, = ax.plot(path[:, 0], path[:, 1], marker="o", ms=2.5, lw=1.3, label=label)
        ax.plot(path[0, 0], path[0, 1], marker="s", ms=6, color=line.get_color())
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_xlabel("$w_1$")
    ax.set_ylabel("$w_2$")
    if trajectories:
        ax.legend(fontsize=8, loc="best")
    if title:
        ax.set_title(title)
    return ax


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
    images = np.asarray(images)
    if images.ndim == 4:
        images = images[..., 0]
    n = len(images)
    nrows = int(np.ceil(n / ncols))
    fig, axes = plt.subplots(nrows, ncols, figsize=(ncols * size, nrows * size * 1.1), squeeze=False)
    for i, ax in enumerate(axes.ravel()):
        ax.axis("off")
        if i >= n:
            continue
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
    images = np.asarray(images)
    if images.ndim == 4:
        images = images[..., 0]
    rows = [("image", images, "gray"), ("true mask", np.asarray(masks), "viridis")]
    if predicted is not None:
        pred = np.asarray(predicted)
        rows.append(("predicted", pred[..., 0] if pred.ndim == 4 else pred, "viridis"))
    n = min(n, len(images))
    fig, axes = plt.subplots(len(rows), n, figsize=(n * size, len(rows) * size), squeeze=False)
    for r, (name, data, cmap) in enumerate(rows):
        for i in range(n):
            ax = axes[r, i]
            ax.imshow(data[i], cmap=cmap, vmin=0, vmax=1)
            ax.set_xticks([])
            ax.set_yticks([])
            if i == 0:
                ax.set_ylabel(name)
    fig.tight_layout()
    return fig


def plot_label_curves(
    n_labels: Sequence[int],
    results: Mapping[str, Sequence[float]],
    ax=None,
    ylabel: str = "test accuracy",
    title: str | None = None,
    chance: float | None = None,
):
    """Score against number of labelled examples, one line per strategy (log x axis).

    ``results`` maps a strategy name (e.g. ``"from scratch"``) to one score per
    entry of ``n_labels``.
    """
    n_labels = np.asarray(n_labels)
    if ax is None:
        _, ax = plt.subplots(figsize=(5.5, 3.8))
    for name, scores in results.items():
        scores = np.asarray(scores, dtype=float)
        if scores.shape != n_labels.shape:
            raise ValueError(f"{name!r} has {scores.size} scores for {n_labels.size} label counts")
        ax.plot(n_labels, scores, marker="o", label=name)
    if chance is not None:
        ax.axhline(chance, color="0.5", ls=":", lw=1, label="chance")
    ax.set_xscale("log")
    ax.set_xticks(n_labels)
    ax.set_xticklabels([str(int(v)) for v in n_labels])
    ax.minorticks_off()
    ax.set_xlabel("labelled training examples")
    ax.set_ylabel(ylabel)
    ax.legend(fontsize=8)
    if title:
        ax.set_title(title)
    return ax
