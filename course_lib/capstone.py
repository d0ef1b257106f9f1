"""Data and pipeline pieces of the spectroscopy capstone (08_applications/05_spectroscopy_capstone).

* :data:`SUBSTANCES` - 48 made-up substances in 24 families of two (the members of a family
  share most of their Raman-like peaks ``(centre cm^-1, width cm^-1, height)``); the notebook
  trains on substances 0-39 and keeps 40-47 *unseen* for identification by similarity;
* :data:`INSTRUMENTS` - three simulated spectrometers that differ in resolution
  (peak width), calibration offset, baseline and noise;
* :func:`make_capstone_spectra` - seeded spectra ``(X, y, axis)`` of chosen substances
  measured on one instrument;
* :func:`baseline_projection` - the matrix that removes each spectrum's least-squares
  polynomial baseline (the ``remove_baseline`` of 03_cnn/03 as one matrix product);
* :func:`make_preprocessing` - baseline removal and SNV as a small Keras model of
  built-in layers, so that a saved or exported model takes *raw* spectra;
* :func:`make_triplets` - random (anchor, positive, negative) index triplets.

Nothing here is an exercise's answer (the notebook's learner writes the triplet
loss and the nearest-neighbour identification).
"""
from __future__ import annotations

import numpy as np

from .runtime import DEFAULT_SEED
from .synthetic import wavenumbers

__all__ = ["N_POINTS", "SUBSTANCES", "INSTRUMENTS", "make_capstone_spectra", "baseline_projection",
           "make_preprocessing", "make_triplets"]

N_POINTS = 512


def _make_substances(n_families: int = 24, seed: int = 2026):
    """Peaks of ``2 * n_families`` substances: the two members of a family share two or three
    peaks and differ by one more peak, 30 to 45 cm^-1 apart (like classes 0 and 1 of 03_cnn/03)."""
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(n_families):
        centres: list[float] = []
        while len(centres) < int(rng.integers(3, 5)):
            c = float(rng.uniform(460.0, 1740.0))
            if all(abs(c - d) >= 60.0 for d in centres):
                centres.append(c)
        shared, own = centres[:-1], centres[-1]
        gap = float(rng.uniform(30.0, 45.0))
        widths = rng.uniform(6.0, 14.0, size=len(centres))
        for sign in (-0.5, 0.5):
            heights = rng.uniform(0.4, 1.0, size=len(centres))
            heights /= heights.max()
            peaks = [(c, w, h) for c, w, h in zip(shared + [own + sign * gap], widths, heights)]
            out.append(tuple((round(c, 1), round(float(w), 1), round(float(h), 2)) for c, w, h in sorted(peaks)))
    return tuple(out)


SUBSTANCES = _make_substances()

# resolution: factor on every peak width; offset: calibration shift (cm^-1);
# baseline: factor on the drift and fluorescence; noise: std relative to the tallest peak.
INSTRUMENTS = {
    "A": {"name": "lab Raman", "resolution": 1.0, "offset": 0.0, "baseline": 1.0, "noise": 0.08},
    "B": {"name": "second lab", "resolution": 1.4, "offset": 5.0, "baseline": 1.6, "noise": 0.12},
    "C": {"name": "handheld", "resolution": 2.0, "offset": -8.0, "baseline": 2.5, "noise": 0.2},
}


def make_capstone_spectra(n: int, substances=range(8), instrument: str = "A", max_shift: float = 15.0,
                          seed: int = DEFAULT_SEED):
    """``n`` spectra ``(X, y, axis)`` of ``substances`` (equal shares) measured on ``instrument``.

    ``X`` is float32 ``(n, 512)``, ``y`` int64 substance numbers (indices into
    :data:`SUBSTANCES`), ``axis`` the wavenumbers (400-1800 cm^-1). Every spectrum has its
    own random shift (up to ``max_shift`` cm^-1, on top of the instrument's offset), peak
    heights, baseline (polynomial plus fluorescence), overall intensity and noise.
    """
    if instrument not in INSTRUMENTS:
        raise ValueError(f"instrument must be one of {sorted(INSTRUMENTS)}, not {instrument!r}")
    substances = [int(s) for s in substances]
    if not substances or any(not 0 <= s < len(SUBSTANCES) for s in substances):
        raise ValueError(f"substances must be numbers from 0 to {len(SUBSTANCES) - 1}")
    spec = INSTRUMENTS[instrument]
    rng = np.random.default_rng(seed)
    axis = wavenumbers(N_POINTS)
    t = (axis - axis[0]) / (axis[-1] - axis[0])
    y = rng.permutation(np.resize(np.asarray(substances), n))
    X = np.empty((n, N_POINTS))
    for i, s in enumerate(y):
        shift = spec["offset"] + rng.uniform(-max_shift, max_shift)
        peaks = np.zeros(N_POINTS)
        for centre, width, height in SUBSTANCES[s]:
            w = width * spec["resolution"] * rng.uniform(0.9, 1.1)
            peaks += height * rng.uniform(0.6, 1.4) * np.exp(-0.5 * ((axis - centre - shift) / w) ** 2)
        drift = spec["baseline"] * (rng.uniform(-0.3, 0.3) + rng.uniform(-0.4, 0.4) * t + rng.uniform(-0.3, 0.3) * t ** 2
                                    + rng.uniform(0.0, 0.8) * np.exp(-t / rng.uniform(0.2, 0.6)))
        X[i] = rng.uniform(0.7, 1.3) * (peaks + drift) + rng.normal(0.0, spec["noise"], N_POINTS)
    return X.astype("float32"), y.astype("int64"), axis


def baseline_projection(axis, degree: int = 3) -> np.ndarray:
    """``(p, p)`` matrix ``M`` with ``X @ M`` = each row of ``X`` minus its least-squares
    polynomial of ``degree`` in ``axis`` (as ``np.polyfit``/``np.polyval`` would give).

    ``M = I - V (V^T V)^{-1} V^T`` with ``V`` the Vandermonde matrix of the (rescaled) axis:
    a projection, symmetric, so ``X @ M`` equals ``X @ M.T``.
    """
    axis = np.asarray(axis, dtype=float)
    u = (axis - axis.mean()) / (np.ptp(axis) / 2)      # rescaled to [-1, 1]: same fit, better conditioned
    V = np.vander(u, degree + 1)
    Q, _ = np.linalg.qr(V)
    return np.eye(len(axis)) - Q @ Q.T


def make_preprocessing(axis, degree: int = 3, name: str = "preprocessing"):
    """Baseline removal and SNV as a Keras model of built-in layers, weights fixed.

    ``Dense`` without bias, not trainable, whose kernel is :func:`baseline_projection`,
    then ``LayerNormalization`` without centre or scale parameters: per spectrum, minus
    its mean, divided by its standard deviation (SNV; epsilon 1e-6). Input and output
    shape ``(None, len(axis))``.
    """
    import keras

    p = len(axis)
    model = keras.Sequential([
        keras.Input(shape=(p,)),
        keras.layers.Dense(p, use_bias=False, trainable=False, name="baseline_removal"),
        keras.layers.LayerNormalization(center=False, scale=False, epsilon=1e-6, name="snv"),
    ], name=name)
    model.get_layer("baseline_removal").set_weights([baseline_projection(axis, degree).astype("float32")])
    return model


def make_triplets(y, n: int, rng) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``n`` random index triplets ``(anchor, positive, negative)`` into ``y``.

    ``y[positive] == y[anchor]`` with ``positive != anchor``; ``y[negative] != y[anchor]``.
    Every class needs at least two examples, and there must be two classes or more.
    """
    y = np.asarray(y)
    classes = np.unique(y)
    if len(classes) < 2:
        raise ValueError("triplets need at least two classes")
    members = {c: np.flatnonzero(y == c) for c in classes}
    outside = {c: np.flatnonzero(y != c) for c in classes}
    if min(len(m) for m in members.values()) < 2:
        raise ValueError("every class needs at least two examples")
    anchor = rng.integers(0, len(y), size=n)
    positive = np.empty(n, dtype=int)
    negative = np.empty(n, dtype=int)
    for i, a in enumerate(anchor):
        same = members[y[a]]
        positive[i] = rng.choice(same[same != a])
        negative[i] = rng.choice(outside[y[a]])
    return anchor, positive, negative
