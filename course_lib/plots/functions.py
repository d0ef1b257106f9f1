"""Functions of one or two variables: activations on a line, loss surfaces with optimiser paths."""
from __future__ import annotations

from typing import Callable, Mapping

import matplotlib.pyplot as plt
import numpy as np

__all__ = ["plot_functions", "plot_loss_surface"]


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
