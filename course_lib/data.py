"""Datasets for the course: a registry, offline data, and verified downloads.

Offline (always works, also in CI):

* :func:`load_digits` - scikit-learn's bundled 8x8 handwritten digits;
* :func:`load_digits28` - the same digits upsampled to MNIST's 28x28;
* :func:`make_toy2d` - seeded 2-D toy sets (moons, circles, spirals, xor, blobs).

Online (needs the internet once, then reads from the cache):

* :func:`load_mnist`, :func:`load_fashion_mnist`, :func:`load_imdb` go through
  :func:`fetch`, which downloads into :func:`course_lib.runtime.data_home`,
  verifies the checksum from the registry and never leaves a half-written file.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import tempfile
import urllib.error
import urllib.request
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from .runtime import DEFAULT_SEED, data_home
from .synthetic import make_shapes, make_spectra  # registered generators, re-exported here

__all__ = [
    "DatasetError",
    "registry",
    "dataset_info",
    "file_checksum",
    "fetch",
    "train_test_split",
    "load_digits",
    "load_digits28",
    "make_toy2d",
    "make_spectra",
    "make_shapes",
    "load_mnist",
    "load_fashion_mnist",
    "load_imdb",
]


class DatasetError(RuntimeError):
    """A dataset could not be found, downloaded or verified."""


# --------------------------------------------------------------------------- registry


def _registry_text() -> str:
    # Installed package: the registry ships as package data of ``course_datasets``.
    # Source checkout: read datasets/registry.json next to course_lib/.
    try:
        return resources.files("course_datasets").joinpath("registry.json").read_text()
    except Exception:  # not installed as a package (plain source checkout)
        path = Path(__file__).resolve().parent.parent / "datasets" / "registry.json"
        return path.read_text()


@lru_cache(maxsize=1)
def registry() -> dict:
    """All registered datasets, by name (see ``datasets/registry.json``)."""
    data = json.loads(_registry_text())
    return {k: v for k, v in data.items() if not k.startswith("_")}


def dataset_info(name: str) -> dict:
    """Registry entry of one dataset, with a clear error for an unknown name."""
    reg = registry()
    if name not in reg:
        raise DatasetError(f"Unknown dataset {name!r}. Known datasets: {', '.join(sorted(reg))}.")
    return reg[name]


# --------------------------------------------------------------------------- downloads


def file_checksum(path: str | os.PathLike, algorithm: str = "sha256") -> str:
    """Hex digest of a file, read in chunks so large files are fine."""
    digest = hashlib.new(algorithm)
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _split_checksum(checksum: str) -> tuple[str, str]:
    algorithm, _, value = checksum.partition(":")
    if not value:  # bare hex means sha256
        return "sha256", algorithm.lower()
    return algorithm.lower(), value.lower()


def _verify(path: Path, checksum: str) -> bool:
    algorithm, expected = _split_checksum(checksum)
    return file_checksum(path, algorithm) == expected


def _download(url: str, dest: Path, timeout: float) -> None:
    """Download ``url`` to ``dest`` atomically (temp file, then rename)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=dest.parent, prefix=dest.name + ".", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as out, urllib.request.urlopen(url, timeout=timeout) as resp:
            shutil.copyfileobj(resp, out)
        os.replace(tmp, dest)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def fetch(
    name: str,
    filename: str | None = None,
    *,
    base_url: str | None = None,
    cache_dir: str | os.PathLike | None = None,
    timeout: float = 60.0,
) -> Path:
    """Return the local path of one file of a registered dataset, downloading it once.

    The file is checked against the registry's checksum both after download and
    when found in the cache (a corrupt cached file is downloaded again).
    ``base_url`` replaces the registry's URL folder, e.g. for a mirror or a test server.
    """
    info = dataset_info(name)
    files = info.get("files")
    if info.get("kind") != "download" or not files:
        raise DatasetError(f"Dataset {name!r} is {info.get('kind')}, not downloaded; use {info.get('loader')}.")
    if filename is None:
        if len(files) != 1:
            raise DatasetError(f"Dataset {name!r} has several files; pass one of: {', '.join(files)}.")
        filename = next(iter(files))
    if filename not in files:
        raise DatasetError(f"Dataset {name!r} has no file {filename!r}; it has: {', '.join(files)}.")
    checksum = files[filename]
    dest = Path(cache_dir) if cache_dir is not None else data_home()
    dest = dest / name / filename

    if dest.exists():
        if _verify(dest, checksum):
            return dest
        dest.unlink()  # corrupt or truncated: fetch again

    url = info["url"]
    if base_url is not None:
        url = base_url
    if url.endswith("/"):
        url = url + filename
    try:
        _download(url, dest, timeout)
    except (urllib.error.URLError, OSError, TimeoutError) as exc:
        raise DatasetError(
            f"Could not download {name!r} from {url} ({exc}). You seem to be offline: "
            f"the offline datasets (load_digits, load_digits28, make_toy2d) work without a network, "
            f"or copy {filename} into {dest.parent} by hand."
        ) from exc
    if not _verify(dest, checksum):
        dest.unlink(missing_ok=True)
        raise DatasetError(
            f"Checksum mismatch for {name}/{filename} from {url}: the file is corrupt or has changed upstream. "
            f"It was deleted; try again, and if it persists, report it."
        )
    return dest


# --------------------------------------------------------------------------- splitting


def train_test_split(*arrays, test_size: float = 0.25, seed: int = DEFAULT_SEED, stratify=None):
    """Seeded, optionally stratified split (scikit-learn's, with the course seed)."""
    from sklearn.model_selection import train_test_split as _split

    return _split(*arrays, test_size=test_size, random_state=seed, stratify=stratify)


# --------------------------------------------------------------------------- offline data


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


# --------------------------------------------------------------------------- online data


def load_mnist(**fetch_kwargs):
    """MNIST as ``(x_train, y_train), (x_test, y_test)`` uint8 images (downloads once)."""
    path = fetch("mnist", **fetch_kwargs)
    with np.load(path) as f:
        return (f["x_train"], f["y_train"]), (f["x_test"], f["y_test"])


def _read_idx(path: Path, offset: int) -> np.ndarray:
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


def load_imdb(num_words: int | None = 10000, **fetch_kwargs):
    """IMDB reviews as lists of word indices, ``(x_train, y_train), (x_test, y_test)``.

    Indices follow Keras's convention (1 = start, 2 = out-of-vocabulary, words from 3).
    """
    path = fetch("imdb", **fetch_kwargs)
    with np.load(path, allow_pickle=True) as f:
        splits = [(f["x_train"], f["y_train"]), (f["x_test"], f["y_test"])]
    out = []
    for xs, ys in splits:
        seqs = [[1] + [w + 3 if (num_words is None or w + 3 < num_words) else 2 for w in s] for s in xs]
        out.append((np.array(seqs, dtype=object), ys))
    return out[0], out[1]
