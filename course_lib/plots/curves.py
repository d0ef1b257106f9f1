"""Curves over training: loss and metrics per epoch, scores against the number of labels."""
from __future__ import annotations

from typing import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np

__all__ = ["plot_history", "compare_histories", "plot_label_curves"]


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
