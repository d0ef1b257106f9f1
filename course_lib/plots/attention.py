"""Pictures of attention (06_transformers and later).

* :func:`plot_attention` - one attention matrix (queries down, keys across) as a heat map;
* :func:`plot_attention_heads` - one heat map per head, side by side;
* :func:`plot_attention_patterns` - which positions each position may attend to, for
  several masks (bidirectional, causal, prefix, segments) side by side;
* :func:`plot_attention_over_positions` - attention weights over a 1-D input (a
  spectrum's wavelengths) under the input itself.
"""
from __future__ import annotations

from typing import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np

__all__ = ["plot_attention", "plot_attention_heads", "plot_attention_patterns",
           "plot_attention_over_positions"]


def _matrix(weights, name: str = "weights") -> np.ndarray:
    w = np.asarray(weights, dtype=float)
    if w.ndim != 2:
        raise ValueError(f"{name} must be a 2-D (queries, keys) matrix, not shape {w.shape}")
    return w


def plot_attention(weights, keys: Sequence[str] | None = None, queries: Sequence[str] | None = None,
                   ax=None, title: str | None = None, vmax: float | None = 1.0, annotate: bool = False,
                   colorbar: bool = True, cmap: str = "viridis"):
    """Heat map of an attention matrix ``(n_queries, n_keys)``: row ``i`` is where query ``i`` looks.

    ``keys`` / ``queries`` label the columns / rows (tokens); ``queries`` defaults to
    ``keys`` when the matrix is square (self-attention). ``vmax=1`` keeps colours
    comparable between plots (weights lie in [0, 1]); ``None`` scales to the data.
    ``annotate`` writes each weight in its cell (small matrices). Returns the ``Axes``.
    """
    w = _matrix(weights)
    if queries is None and keys is not None and w.shape[0] == w.shape[1]:
        queries = keys
    for labels, n, what in ((keys, w.shape[1], "keys"), (queries, w.shape[0], "queries")):
        if labels is not None and len(labels) != n:
            raise ValueError(f"{len(labels)} {what} labels for a matrix with {n} {what}")
    if ax is None:
        _, ax = plt.subplots(figsize=(0.45 * w.shape[1] + 2.5, 0.45 * w.shape[0] + 1.5))
    image = ax.imshow(w, cmap=cmap, vmin=0.0, vmax=vmax, aspect="auto")
    if keys is not None:
        ax.set_xticks(range(len(keys)), list(keys), rotation=90)
    if queries is not None:
        ax.set_yticks(range(len(queries)), list(queries))
    ax.set(xlabel="key (attended to)", ylabel="query (attending)")
    if annotate:
        top = vmax if vmax is not None else w.max()
        for (i, j), v in np.ndenumerate(w):
            ax.text(j, i, f"{v:.2f}", ha="center", va="center", fontsize=7,
                    color="black" if v > 0.6 * top else "white")
    if colorbar:
        ax.figure.colorbar(image, ax=ax, fraction=0.046, pad=0.04, label="attention weight")
    if title:
        ax.set_title(title)
    return ax


def plot_attention_heads(weights, tokens: Sequence[str] | None = None, titles: Sequence[str] | None = None,
                         title: str | None = None, vmax: float | None = 1.0):
    """One heat map per head of ``weights`` shaped ``(num_heads, n_queries, n_keys)``.

    Shares one colour scale (``vmax``). Returns the figure.
    """
    w = np.asarray(weights, dtype=float)
    if w.ndim != 3:
        raise ValueError(f"weights must have shape (num_heads, n_queries, n_keys), not {w.shape}")
    heads = w.shape[0]
    size = 0.3 * max(w.shape[1:]) + 1.5
    fig, axes = plt.subplots(1, heads, figsize=(size * heads + 1, size + 0.6), squeeze=False)
    for h, ax in enumerate(axes[0]):
        plot_attention(w[h], keys=tokens, ax=ax, vmax=vmax, colorbar=False,
                       title=titles[h] if titles is not None else f"head {h + 1}")
        if h:
            ax.set_ylabel("")
    fig.colorbar(axes[0, -1].images[0], ax=list(axes[0]), fraction=0.02, pad=0.02, label="attention weight")
    if title:
        fig.suptitle(title)
    return fig


def plot_attention_patterns(patterns: Mapping[str, np.ndarray], tokens: Sequence[str] | None = None,
                            title: str | None = None):
    """Side by side, which keys (columns) each query (row) may attend to, for several masks.

    ``patterns`` maps a name (e.g. "BERT: bidirectional") to a boolean or 0/1 matrix
    ``(n, n)``, True where attention is allowed. Allowed cells are dark, forbidden
    ones white. Returns the figure.
    """
    if not patterns:
        raise ValueError("patterns is empty: give at least one name -> mask")
    masks = {name: _matrix(m, f"pattern {name!r}") for name, m in patterns.items()}
    n = max(m.shape[1] for m in masks.values())
    size = 0.22 * n + 1.6
    fig, axes = plt.subplots(1, len(masks), figsize=(size * len(masks), size + 0.5), squeeze=False)
    for ax, (name, m) in zip(axes[0], masks.items()):
        ax.imshow(m > 0, cmap="Greys", vmin=0, vmax=1.25, aspect="equal")
        ax.set_xticks(np.arange(-0.5, m.shape[1], 1), minor=True)
        ax.set_yticks(np.arange(-0.5, m.shape[0], 1), minor=True)
        ax.grid(which="minor", color="0.85", lw=0.5)
        ax.tick_params(which="minor", length=0)
        labels = tokens if tokens is not None and len(tokens) == m.shape[1] else None
        if labels is not None:
            ax.set_xticks(range(m.shape[1]), list(labels), rotation=90, fontsize=7)
            ax.set_yticks(range(m.shape[0]), list(labels), fontsize=7)
        else:
            ax.set_xticks([])
            ax.set_yticks([])
        ax.set_title(name, fontsize=10)
        ax.set_xlabel("key")
    axes[0, 0].set_ylabel("query")
    if title:
        fig.suptitle(title)
    return fig


def plot_attention_over_positions(signal, weights, axis=None, ax=None, title: str | None = None,
                                  signal_label: str = "input", axis_label: str = "position"):
    """A 1-D input (``(length,)``) and attention weights over its positions (``(length,)``)
    on twin y axes: do the weights sit on the features (peaks) that matter?

    ``axis`` gives the x values (e.g. wavenumbers); ``weights`` may be on a coarser grid
    (a CNN front end that downsamples): they are then spread evenly over ``axis``.
    Returns the ``Axes`` of the signal.
    """
    signal = np.asarray(signal, dtype=float).ravel()
    weights = np.asarray(weights, dtype=float).ravel()
    x = np.arange(len(signal)) if axis is None else np.asarray(axis, dtype=float)
    if len(x) != len(signal):
        raise ValueError(f"axis has {len(x)} values for a signal of {len(signal)}")
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 3.2))
    ax.plot(x, signal, color="0.25", lw=1.2, label=signal_label)
    ax.set(xlabel=axis_label, ylabel=signal_label)
    twin = ax.twinx()
    # Each weight covers an equal share of the x range, as pooled positions do.
    edges = np.linspace(x[0], x[-1], len(weights) + 1)
    twin.bar(edges[:-1], weights, width=np.diff(edges), align="edge", color="tab:orange", alpha=0.45,
             label="attention")
    twin.set_ylim(0, max(weights.max() * 1.15, 1e-9))
    twin.set_ylabel("attention weight", color="tab:orange")
    if title:
        ax.set_title(title)
    return ax
