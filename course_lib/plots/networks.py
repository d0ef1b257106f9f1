"""Diagrams of dense networks: a column of units per layer, a line per weight."""
from __future__ import annotations

from typing import Sequence

import matplotlib.pyplot as plt
import numpy as np

__all__ = ["draw_network"]


def _default_name(i: int, size: int, n_layers: int) -> str:
    if i == 0:
        return f"input\n{size} features"
    if i == n_layers - 1:
        return f"output layer\n{size} units"
    return f"hidden layer {i}\n{size} units"


def draw_network(
    layer_sizes: Sequence[int],
    names: Sequence[str] | None = None,
    ax=None,
    gap: float | None = None,
    shapes: bool | None = None,
):
    """Circles for units, lines for weights; layers from left (input) to right (output).

    ``layer_sizes`` counts the units per layer, input first. ``names`` labels the
    layers (default: "input / N features", "hidden layer i / N units",
    "output layer / N units"). ``shapes=True`` also writes the shapes of
    ``W`` and ``b`` above each weight layer and the activation shape
    ``(n, units)`` under each name; by default shapes are written exactly when
    ``names`` are given. ``gap`` is the distance between layers in units of
    the distance between two units of a layer, drawn with an equal aspect;
    without it the drawing fills the axes. Returns the axes (made, 8 x 4 inches,
    when not given).

    Used in solutions/01_fundamentals/01_neurons_and_activations.ipynb
    (``draw_network(sizes)``) and solutions/01_fundamentals/02_forward_and_losses.ipynb
    (``draw_network(sizes, names, ax)``, with shapes).
    """
    sizes = [int(s) for s in layer_sizes]
    if len(sizes) < 2:
        raise ValueError(f"a network has at least an input and an output layer, got sizes {sizes}")
    if names is not None and len(names) != len(sizes):
        raise ValueError(f"{len(names)} names for {len(sizes)} layers")
    shapes = names is not None if shapes is None else shapes
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 4))
    step = 1.0 if gap is None else float(gap)
    top, bottom = max(sizes) / 2, -max(sizes) / 2
    colours = ["tab:blue"] + ["tab:orange"] * (len(sizes) - 2) + ["tab:green"]
    positions = [np.linspace(-(n - 1) / 2, (n - 1) / 2, n) for n in sizes]
    # Markers shrink for layers of more than 8 units so neighbours do not overlap.
    marker_area = 220 * min(1.0, 8 / max(sizes)) ** 2
    for i in range(len(sizes) - 1):  # one line per weight
        for y0 in positions[i]:
            for y1 in positions[i + 1]:
                ax.plot([i * step, (i + 1) * step], [y0, y1], color="grey", lw=0.6, alpha=0.7, zorder=1)
        if shapes:
            ax.text((i + 0.5) * step, top + 0.2,
                    f"$W^{{({i + 1})}}$: ({sizes[i]}, {sizes[i + 1]})\n$b^{{({i + 1})}}$: ({sizes[i + 1]},)",
                    ha="center", va="bottom", fontsize=9)
    lines = 1
    for i, ys in enumerate(positions):  # one marker per unit, the layer's name below
        ax.scatter(np.full(len(ys), i * step), ys, s=marker_area, color=colours[i], edgecolor="black",
                   linewidth=0.6, zorder=2)
        name = names[i] if names is not None else _default_name(i, sizes[i], len(sizes))
        if shapes:
            name = f"{name}\nshape (n, {sizes[i]})"
        lines = max(lines, name.count("\n") + 1)
        ax.text(i * step, bottom - 0.2, name, ha="center", va="top", fontsize=9 if shapes else 10)
    margin = 0.5 * step if gap is None else 0.8
    ax.set_xlim(-margin, (len(sizes) - 1) * step + margin)
    ax.set_ylim(bottom - 0.4 - 0.55 * lines, top + (1.6 if shapes else 0.3))
    if gap is not None:
        ax.set_aspect("equal")
    ax.axis("off")
    return ax
