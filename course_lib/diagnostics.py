"""Deep networks to diagnose, and the figures that diagnose them.

Used in solutions/07_challenges/01_fit_and_gradients.ipynb: deep multilayer perceptrons
that differ only in activation, initialisation, batch normalisation or residual
connections (:func:`build_deep_mlp`), learning curves with their spread over seeds
(:func:`plot_learning_curves`) and gradient norms per layer on a log scale
(:func:`plot_layer_norms`). The exercises of that notebook (a learning curve and
per-layer gradient norms) are not here.
"""
from __future__ import annotations

from typing import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np

__all__ = ["build_deep_mlp", "plot_learning_curves", "plot_layer_norms"]


def build_deep_mlp(
    input_dim: int,
    n_classes: int,
    depth: int = 20,
    width: int = 64,
    activation: str = "relu",
    initializer="glorot_uniform",
    batch_norm: bool = False,
    residual: bool = False,
    name: str | None = None,
):
    """A functional Keras classifier: ``depth`` hidden Dense layers of ``width`` units, then a
    Dense softmax layer of ``n_classes`` units (so ``depth + 1`` Dense layers in all).

    ``initializer`` (a Keras initializer or its name) sets the kernels of the hidden layers;
    the output layer always starts with Glorot uniform. With ``batch_norm`` each hidden block
    is Dense (no bias) -> BatchNormalization -> activation. With ``residual`` every hidden block
    after the first adds its input to its output (``h + f(h)``), a skip connection.
    Only Keras's own layers are used.
    """
    import keras

    if depth < 1:
        raise ValueError("depth must be at least 1")
    inputs = keras.Input(shape=(input_dim,), name="pixels")
    h = inputs
    for i in range(depth):
        init = keras.initializers.get(initializer)
        init = init.__class__.from_config(init.get_config())     # a fresh copy for each layer
        if batch_norm:
            z = keras.layers.Dense(width, use_bias=False, kernel_initializer=init, name=f"dense_{i + 1}")(h)
            z = keras.layers.BatchNormalization(name=f"bn_{i + 1}")(z)
            z = keras.layers.Activation(activation, name=f"act_{i + 1}")(z)
        else:
            z = keras.layers.Dense(width, activation=activation, kernel_initializer=init, name=f"dense_{i + 1}")(h)
        h = keras.layers.Add(name=f"skip_{i + 1}")([h, z]) if residual and i > 0 else z
    outputs = keras.layers.Dense(n_classes, activation="softmax", name="output")(h)
    return keras.Model(inputs, outputs, name=name or f"deep_{activation}")


def plot_learning_curves(
    train_sizes: Sequence[int],
    curves: Mapping[str, tuple],
    target: float | None = None,
    ylabel: str = "accuracy",
    axes=None,
):
    """One panel per model: mean training and validation score against the training-set size,
    with a band of plus or minus one standard deviation over the seeds.

    ``curves`` maps a model's name to ``(train_scores, val_scores)``, each of shape
    ``(len(train_sizes), n_seeds)``; ``target`` draws a dotted horizontal line.
    Returns the axes.
    """
    sizes = np.asarray(train_sizes)
    if axes is None:
        _, axes = plt.subplots(1, len(curves), figsize=(4.2 * len(curves), 3.6), sharey=True, squeeze=False)
        axes = axes[0]
    for ax, (title, (train, val)) in zip(axes, curves.items()):
        for scores, label, colour in ((train, "training", "C0"), (val, "validation", "C1")):
            scores = np.asarray(scores, dtype=float)
            if scores.ndim != 2 or scores.shape[0] != sizes.size:
                raise ValueError(f"{title!r}: scores of shape {scores.shape} for {sizes.size} sizes")
            mean, std = scores.mean(axis=1), scores.std(axis=1)
            ax.plot(sizes, mean, marker="o", color=colour, label=label)
            ax.fill_between(sizes, mean - std, mean + std, color=colour, alpha=0.2)
        if target is not None:
            ax.axhline(target, color="0.4", ls=":", lw=1, label=f"target {target:g}")
        ax.set_xscale("log")
        ax.set_xticks(sizes)
        ax.set_xticklabels([str(int(s)) for s in sizes], rotation=45)
        ax.minorticks_off()
        ax.set_xlabel("training examples")
        ax.set_title(title)
    axes[0].set_ylabel(ylabel)
    axes[0].legend(fontsize=8, loc="lower right")
    return axes


def plot_layer_norms(norms: Mapping[str, Sequence[float]], ax=None, ylabel: str = "gradient norm of the kernel",
                     title: str | None = None):
    """One line per network: a value per Dense layer (layer 1 = nearest the input), log y axis.
    Zeros and non-finite values (a gradient that vanished or overflowed) are left out of the line."""
    if ax is None:
        _, ax = plt.subplots(figsize=(8.5, 4))
    n_layers = 1
    for label, values in norms.items():
        values = np.asarray(values, dtype=float)
        layers = np.arange(1, values.size + 1)
        n_layers = max(n_layers, values.size)
        shown = np.where(np.isfinite(values) & (values > 0), values, np.nan)
        ax.plot(layers, shown, marker="o", ms=3, label=label)
    ax.set_yscale("log")
    ax.set_xticks(np.arange(1, n_layers + 1, 2 if n_layers > 12 else 1))
    ax.set_xlabel("Dense layer (1 = nearest the input)")
    ax.set_ylabel(ylabel)
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    if title:
        ax.set_title(title)
    return ax
