"""Seeded synthetic datasets for the CNN modules: spectra and shapes.

* :func:`make_spectra` - Raman/NIR-like spectra whose classes are defined by
  peak positions and widths, with what makes real spectra hard: baseline
  drift, noise, small shifts of the wavenumber axis, intensity scaling and
  class imbalance. ``domain="B"`` simulates a second instrument (broader
  peaks, another baseline, a calibration offset) for transfer learning.
* :func:`add_spectral_faults` - copies of spectra with what an anomaly detector
  should catch: a contaminant's extra peak, a dead band of detector pixels or
  cosmic-ray spikes (05_generative/01_autoencoders).
* :func:`make_shapes` - small grey images of squares, discs and triangles with
  their class, bounding box and pixel mask (classification, localisation,
  segmentation).

Everything is generated from a seed, so every run and every learner gets the
same data, offline.
"""
from __future__ import annotations

import numpy as np

from .runtime import DEFAULT_SEED

__all__ = ["SPECTRAL_CLASSES", "wavenumbers", "make_spectra", "FAULT_KINDS", "add_spectral_faults", "SHAPE_KINDS",
           "make_shapes"]

# Each class: list of (centre in cm^-1, width (std) in cm^-1, relative height).
# Classes 0 and 1 share two peaks and differ by a shifted third one, so
# alignment matters; class 3 is the rare one in the default imbalance.
SPECTRAL_CLASSES = (
    ((520.0, 6.0, 1.0), (1000.0, 8.0, 0.7), (1450.0, 14.0, 0.5)),
    ((520.0, 6.0, 1.0), (1000.0, 8.0, 0.7), (1480.0, 14.0, 0.5)),
    ((760.0, 10.0, 0.8), (1000.0, 8.0, 0.4), (1300.0, 12.0, 1.0)),
    ((640.0, 7.0, 0.6), (1120.0, 9.0, 1.0), (1600.0, 10.0, 0.8)),
)

_DOMAINS = {
    # width factor, calibration offset (cm^-1), baseline curvature scale, fluorescence scale
    "A": (1.0, 0.0, 1.0, 1.0),
    "B": (1.6, 6.0, 2.0, 0.3),
}


def wavenumbers(n_points: int = 512, low: float = 400.0, high: float = 1800.0) -> np.ndarray:
    """The shared wavenumber axis (cm^-1) of :func:`make_spectra`."""
    return np.linspace(low, high, n_points)


def make_spectra(
    n: int = 600,
    n_points: int = 512,
    class_weights=(0.4, 0.3, 0.2, 0.1),
    noise: float = 0.02,
    max_shift: float = 4.0,
    baseline: float = 1.0,
    domain: str = "A",
    seed: int = DEFAULT_SEED,
):
    """Synthetic spectra ``(X, y, axis)``: ``X`` float32 ``(n, n_points)``, ``y`` int labels.

    ``class_weights`` sets the class proportions (imbalance); its length is the
    number of classes (at most 4). ``max_shift`` is the largest random shift of
    a spectrum along the axis in cm^-1; ``baseline`` scales the smooth drift
    (polynomial plus a fluorescence-like exponential); ``noise`` is the std of
    white noise relative to the tallest peak.
    """
    if domain not in _DOMAINS:
        raise ValueError(f"domain must be 'A' or 'B', not {domain!r}")
    k = len(class_weights)
    if not 1 <= k <= len(SPECTRAL_CLASSES):
        raise ValueError(f"between 1 and {len(SPECTRAL_CLASSES)} classes are defined")
    rng = np.random.default_rng(seed)
    axis = wavenumbers(n_points)
    width_f, offset, curve_f, fluo_f = _DOMAINS[domain]

    # Exact class counts from the weights (largest remainders), then shuffled.
    w = np.asarray(class_weights, dtype=float) / np.sum(class_weights)
    counts = np.floor(w * n).astype(int)
    for i in np.argsort(-(w * n - counts))[: n - counts.sum()]:
        counts[i] += 1
    y = rng.permutation(np.repeat(np.arange(k), counts))

    t = (axis - axis[0]) / (axis[-1] - axis[0])  # 0..1 along the axis
    X = np.empty((n, n_points))
    for i, c in enumerate(y):
        shift = offset + rng.uniform(-max_shift, max_shift)
        spectrum = np.zeros(n_points)
        for centre, width, height in SPECTRAL_CLASSES[c]:
            h = height * rng.uniform(0.8, 1.2)
            s = width * width_f * rng.uniform(0.9, 1.1)
            spectrum += h * np.exp(-0.5 * ((axis - centre - shift) / s) ** 2)
        drift = baseline * (
            curve_f * (rng.uniform(-0.3, 0.3) + rng.uniform(-0.4, 0.4) * t + rng.uniform(-0.3, 0.3) * t**2)
            + fluo_f * rng.uniform(0.0, 0.8) * np.exp(-t / rng.uniform(0.2, 0.6))
        )
        scale = rng.uniform(0.7, 1.3)  # overall intensity (laser power, focus, path length)
        X[i] = scale * (spectrum + drift) + rng.normal(0.0, noise, n_points)
    return X.astype("float32"), y.astype("int64"), axis


FAULT_KINDS = ("contaminant", "dead_band", "spikes")
# The contaminant's peak sits where no class has one (see SPECTRAL_CLASSES), so it is new to a model
# trained on clean spectra, yet small next to the tallest peaks.
_CONTAMINANT_RANGE = (860.0, 900.0)


def add_spectral_faults(X, axis, kind: str, seed: int = DEFAULT_SEED):
    """Copies of the spectra ``X`` (rows on ``axis``) with one fault each; ``X`` is not changed.

    ``kind``: ``"contaminant"`` adds a peak of height 0.3-0.6 and width 6-10 cm^-1 centred at
    860-900 cm^-1, where no class has one; ``"dead_band"`` sets 20-40 consecutive points to 0
    (a dead stretch of the detector); ``"spikes"`` adds 2-4 single-point spikes of height 0.5-1.0
    (cosmic rays). Returns a float32 array of the shape of ``X``.
    """
    if kind not in FAULT_KINDS:
        raise ValueError(f"kind must be one of {FAULT_KINDS}, not {kind!r}")
    rng = np.random.default_rng(seed)
    out = np.array(X, dtype="float32", copy=True)
    axis = np.asarray(axis, dtype=float)
    n_points = out.shape[1]
    for row in out:
        if kind == "contaminant":
            centre, width = rng.uniform(*_CONTAMINANT_RANGE), rng.uniform(6.0, 10.0)
            row += rng.uniform(0.3, 0.6) * np.exp(-0.5 * ((axis - centre) / width) ** 2)
        elif kind == "dead_band":
            length = int(rng.integers(20, 41))
            start = int(rng.integers(0, n_points - length))
            row[start:start + length] = 0.0
        else:
            where = rng.choice(n_points, size=int(rng.integers(2, 5)), replace=False)
            row[where] += rng.uniform(0.5, 1.0, size=len(where))
    return out


SHAPE_KINDS = ("square", "disc", "triangle")


def make_shapes(n: int = 600, size: int = 32, noise: float = 0.05, seed: int = DEFAULT_SEED):
    """Images of one shape each: ``(images, labels, boxes, masks)``.

    * ``images``: float32 ``(n, size, size, 1)`` in [0, 1], a bright shape on a
      dark, slightly noisy background;
    * ``labels``: index into :data:`SHAPE_KINDS` (balanced);
    * ``boxes``: float32 ``(n, 4)`` as ``(y_min, x_min, y_max, x_max)`` in [0, 1],
      the tight box around the mask;
    * ``masks``: uint8 ``(n, size, size)``, 1 on the shape.
    """
    rng = np.random.default_rng(seed)
    labels = rng.permutation(np.arange(n) % len(SHAPE_KINDS)).astype("int64")
    yy, xx = np.mgrid[0:size, 0:size] + 0.5
    images = np.empty((n, size, size, 1), dtype="float32")
    masks = np.zeros((n, size, size), dtype="uint8")
    boxes = np.empty((n, 4), dtype="float32")
    for i, kind in enumerate(labels):
        r = rng.uniform(0.15, 0.3) * size  # half-size of the shape
        cy, cx = rng.uniform(r + 1, size - r - 1, size=2)
        if SHAPE_KINDS[kind] == "square":
            m = (np.abs(yy - cy) <= r) & (np.abs(xx - cx) <= r)
        elif SHAPE_KINDS[kind] == "disc":
            m = (yy - cy) ** 2 + (xx - cx) ** 2 <= r**2
        else:  # triangle pointing up: inside the two slanted sides and above the base
            top, base = cy - r, cy + r
            half_width = (yy - top) / (2 * r) * r
            m = (yy >= top) & (yy <= base) & (np.abs(xx - cx) <= half_width)
        if not m.any():  # cannot happen for the sizes above; keep the invariant anyway
            m[int(cy), int(cx)] = True
        masks[i] = m
        rows, cols = np.flatnonzero(m.any(axis=1)), np.flatnonzero(m.any(axis=0))
        boxes[i] = (rows[0] / size, cols[0] / size, (rows[-1] + 1) / size, (cols[-1] + 1) / size)
        brightness = rng.uniform(0.6, 1.0)
        background = rng.uniform(0.0, 0.2)
        img = np.where(m, brightness, background) + rng.normal(0.0, noise, (size, size))
        images[i, :, :, 0] = np.clip(img, 0.0, 1.0)
    return images, labels, boxes, masks
