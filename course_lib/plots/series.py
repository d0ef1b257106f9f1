"""Time series and their forecasts (used by 04_rnn/03_forecasting)."""
from __future__ import annotations

from typing import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np

__all__ = ["plot_forecasts"]


def plot_forecasts(
    ax,
    history,
    truth,
    forecasts: Mapping[str, Sequence[float]],
    x=None,
    title: str | None = None,
    xlabel: str = "time step",
    ylabel: str = "value",
):
    """One forecast origin: the past values, what really came next, and one line per forecast.

    ``history`` holds the values the forecasters saw (the input window), ``truth``
    the ``horizon`` values that followed, and ``forecasts`` maps a label to the
    ``horizon`` values a model predicted. ``x`` gives the positions (numbers or
    dates) of the ``len(history) + len(truth)`` points; by default 0, 1, 2, ...
    A dotted vertical line marks the forecast origin. ``ax=None`` makes a figure.
    Returns the ``Axes``.
    """
    history = np.asarray(history, dtype=float).ravel()
    truth = np.asarray(truth, dtype=float).ravel()
    n_hist, horizon = len(history), len(truth)
    x = np.arange(n_hist + horizon) if x is None else np.asarray(x)
    if len(x) != n_hist + horizon:
        raise ValueError(f"x needs {n_hist + horizon} positions (history + truth), got {len(x)}")
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 3.8))
    ax.plot(x[:n_hist], history, color="0.25", lw=1.6, label="history (input window)")
    # the truth starts at the last input value, so the black line stays connected
    ax.plot(x[n_hist - 1:], np.concatenate([history[-1:], truth]), color="black", lw=1.6, ls="--",
            marker="o", markersize=3, label="truth")
    for k, (label, values) in enumerate(forecasts.items()):
        values = np.asarray(values, dtype=float).ravel()
        if len(values) != horizon:
            raise ValueError(f"forecast {label!r} has {len(values)} values, the truth {horizon}")
        ax.plot(x[n_hist:], values, color=f"C{k}", lw=1.4, marker="o", markersize=3, label=label)
    ax.axvline(x[n_hist - 1], color="0.6", ls=":", lw=1)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if title:
        ax.set_title(title)
    ax.legend(fontsize=8, loc="best")
    return ax
