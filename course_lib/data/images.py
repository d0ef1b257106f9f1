"""Image datasets: the bundled 8x8 digits (offline), MNIST and Fashion-MNIST (downloaded once)."""
from __future__ import annotations

import gzip
from pathlib import Path

import numpy as np

from ..runtime import DEFAULT_SEED
from .download import fetch

__all__ = ["load_digits", "load_digits28", "upsample", "load_mnist", "load_fashion_mnist"]


def load_digits(n: int | None = None, seed: int = DEFAULT_SEED):
    """8x8 digits as ``(images, labels)``: float32 pixels in [0, 1], int labels 0-9.

    ``n`` keeps a seeded, class-balanced subset (for fast mode).
    """
    from sklearn.datasets import load_digits as _load

    bunch = _load()
    images = (bunch.images / 16.0).astype("float32")
    labels = bunch.target.astype("int64")
    if n is not None and n < len(labels):
        idx = _balanced_subset(labels, n, seed)
        images, labels = images[idx], labels[idx]
    return images, labels


def _balanced_subset(labels: np.ndarray, n: int, seed: int) -> np.ndarray:
    """Indices of ``n`` items with classes as even as possible, in a seeded order."""
    rng = np.random.default_rng(seed)
    classes = np.unique(labels)
    per_class = [rng.permutation(np.flatnonzero(labels == c)) for c in classes]
    # Interleave the classes, then take the first n: balanced and reproducible.
    order = [i for group in zip(*per_class) for i in group]
    leftovers = [i for group in per_class for i in group[min(map(len, per_class)):]]
    chosen = np.array((order + leftovers)[:n])
    return np.sort(chosen)


def upsample(images: np.ndarray, size: int = 28) -> np.ndarray:
    """Bilinear resize of a batch of square grey images ``(n, h, w)`` to ``(n, size, size)``."""
    images = np.asarray(images, dtype="float32")
    n, h, w = images.shape
    # Sample the source at pixel centres of the target grid.
    ys = (np.arange(size) + 0.5) * h / size - 0.5
    xs = (np.arange(size) + 0.5) * w / size - 0.5
    ys, xs = np.clip(ys, 0, h - 1), np.clip(xs, 0, w - 1)
    y0, x0 = np.floor(ys).astype(int), np.floor(xs).astype(int)
    y1, x1 = np.minimum(y0 + 1, h - 1), np.minimum(x0 + 1, w - 1)
    wy, wx = (ys - y0)[None, :, None], (xs - x0)[None, None, :]
    top = images[:, y0][:, :, x0] * (1 - wx) + images[:, y0][:, :, x1] * wx
    bottom = images[:, y1][:, :, x0] * (1 - wx) + images[:, y1][:, :, x1] * wx
    return (top * (1 - wy) + bottom * wy).astype("float32")


def load_digits28(n: int | None = None, seed: int = DEFAULT_SEED, pad: int = 4):
    """Digits as MNIST-like 28x28 images ``(images, labels)``, pixels in [0, 1].

    The 8x8 digit is upsampled to ``28 - 2*pad`` pixels and centred with a
    border of ``pad`` pixels, like MNIST's 20x20 digits in a 28x28 frame.
    Flatten with ``images.reshape(len(images), 784)`` for a dense network.
    """
    images, labels = load_digits(n=n, seed=seed)
    inner = upsample(images, 28 - 2 * pad)
    framed = np.zeros((len(inner), 28, 28), dtype="float32")
    framed[:, pad : 28 - pad, pad : 28 - pad] = inner
    return framed, labels


def load_mnist(**fetch_kwargs):
    """MNIST as ``(x_train, y_train), (x_test, y_test)`` uint8 images (downloads once)."""
    path = fetch("mnist", **fetch_kwargs)
    with np.load(path) as f:
        return (f["x_train"], f["y_train"]), (f["x_test"], f["y_test"])


def _read_idx(path: Path, offset: int) -> np.ndarray:
    """The payload of a gzipped IDX file, after its ``offset``-byte header."""
    with gzip.open(path, "rb") as fh:
        return np.frombuffer(fh.read(), dtype=np.uint8, offset=offset)


def load_fashion_mnist(**fetch_kwargs):
    """Fashion-MNIST as ``(x_train, y_train), (x_test, y_test)`` (downloads once)."""
    parts = {}
    for split, prefix in (("train", "train"), ("test", "t10k")):
        images = _read_idx(fetch("fashion_mnist", f"{prefix}-images-idx3-ubyte.gz", **fetch_kwargs), 16)
        labels = _read_idx(fetch("fashion_mnist", f"{prefix}-labels-idx1-ubyte.gz", **fetch_kwargs), 8)
        parts[split] = (images.reshape(len(labels), 28, 28), labels)
    return parts["train"], parts["test"]
