"""Seeded 2-D toy classification sets (offline)."""
from __future__ import annotations

import numpy as np

from ..runtime import DEFAULT_SEED

__all__ = ["make_toy2d"]


def make_toy2d(kind: str = "moons", n: int = 400, noise: float = 0.1, seed: int = DEFAULT_SEED):
    """A seeded 2-D classification set ``(X, y)`` with ``X`` of shape ``(n, 2)``.

    ``kind``: ``"moons"``, ``"circles"``, ``"xor"`` (binary), ``"spirals"``
    (3 classes) or ``"blobs"`` (3 classes). Features are roughly in [-1.5, 1.5].
    """
    rng = np.random.default_rng(seed)
    if kind == "moons":
        from sklearn.datasets import make_moons

        X, y = make_moons(n_samples=n, noise=noise, random_state=seed)
        X = (X - [0.5, 0.25]) / [1.0, 0.5] * 0.8
    elif kind == "circles":
        from sklearn.datasets import make_circles

        X, y = make_circles(n_samples=n, noise=noise, factor=0.45, random_state=seed)
    elif kind == "xor":
        X = rng.uniform(-1, 1, size=(n, 2))
        y = (X[:, 0] * X[:, 1] > 0).astype(int)
        X = X + rng.normal(0, noise, size=X.shape)
    elif kind == "spirals":
        k = 3
        per = [n // k + (1 if i < n % k else 0) for i in range(k)]
        X, y = [], []
        for c, m in enumerate(per):
            r = np.linspace(0.05, 1.0, m)
            t = np.linspace(c * 2 * np.pi / k, c * 2 * np.pi / k + 1.6 * np.pi, m) + rng.normal(0, noise * 2, m)
            X.append(np.c_[r * np.sin(t), r * np.cos(t)])
            y.append(np.full(m, c))
        X, y = np.concatenate(X), np.concatenate(y)
    elif kind == "blobs":
        centres = np.array([[-0.8, -0.6], [0.8, -0.6], [0.0, 0.8]])
        y = np.arange(n) % 3
        X = centres[y] + rng.normal(0, 0.15 + noise, size=(n, 2))
    else:
        raise ValueError(f"Unknown toy set {kind!r}; choose moons, circles, xor, spirals or blobs.")
    order = rng.permutation(len(y))
    return np.asarray(X, dtype="float32")[order], np.asarray(y, dtype="int64")[order]
