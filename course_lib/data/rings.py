"""A ring of Gaussians: the 2-D toy problem on which mode collapse of a GAN is easy to see.

Used in ``solutions/05_generative/03_gans.ipynb``: :func:`make_ring` draws the training points,
:func:`mode_counts` and :func:`modes_covered` say how many of the modes a generator's samples hit.
"""
from __future__ import annotations

import numpy as np


def ring_centres(n_modes: int = 8, radius: float = 2.0) -> np.ndarray:
    """The ``(n_modes, 2)`` centres, evenly spaced on a circle of ``radius``, the first at angle 0."""
    angles = 2 * np.pi * np.arange(n_modes) / n_modes
    return radius * np.stack([np.cos(angles), np.sin(angles)], axis=1)


def make_ring(n: int, n_modes: int = 8, radius: float = 2.0, std: float = 0.05, seed: int = 0) -> np.ndarray:
    """``n`` float32 points of shape ``(n, 2)``: a mixture of ``n_modes`` round Gaussians of
    standard deviation ``std``, with equal weights, centred on a circle of ``radius``."""
    rng = np.random.default_rng(seed)
    centres = ring_centres(n_modes, radius)
    which = rng.integers(0, n_modes, size=n)
    return (centres[which] + std * rng.normal(size=(n, 2))).astype("float32")


def mode_counts(samples, n_modes: int = 8, radius: float = 2.0, std: float = 0.05) -> np.ndarray:
    """How many of ``samples`` (shape ``(n, 2)``) lie within ``3 * std`` of each centre:
    an int array of shape ``(n_modes,)``. Samples far from every centre count nowhere."""
    samples = np.asarray(samples, dtype="float64").reshape(-1, 2)
    dist = np.linalg.norm(samples[:, None, :] - ring_centres(n_modes, radius)[None], axis=-1)
    nearest = dist.argmin(axis=1)
    close = dist[np.arange(len(samples)), nearest] <= 3 * std
    return np.bincount(nearest[close], minlength=n_modes).astype("int64")


def modes_covered(samples, n_modes: int = 8, radius: float = 2.0, std: float = 0.05,
                  min_fraction: float = 0.02) -> int:
    """The number of modes that received at least ``min_fraction`` of the samples (within
    ``3 * std`` of its centre). A generator that covers the ring scores ``n_modes``; one that
    collapsed onto a single mode scores 1; one whose samples land between the modes scores 0."""
    counts = mode_counts(samples, n_modes, radius, std)
    n = max(len(np.asarray(samples).reshape(-1, 2)), 1)
    return int((counts >= min_fraction * n).sum())
