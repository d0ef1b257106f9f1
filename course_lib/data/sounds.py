"""Short synthetic sounds in five classes, generated offline and seeded.

Used in ``solutions/08_applications/03_audio.ipynb`` (spectrograms, log-mel features and a
small audio classifier). :func:`make_sounds` draws a balanced, shuffled set of clips;
:func:`make_sound` draws one clip of a given class. Every clip lasts ``duration`` seconds at
``sample_rate`` Hz and holds one event (its onset, length, pitch and loudness drawn at random)
over a background of white noise of random level:

* ``"tone"``      - a pure sine of 300-3000 Hz with short fades;
* ``"chirp"``     - a sine whose frequency sweeps linearly up or down (at least 600 Hz of
  sweep between 300 and 3400 Hz);
* ``"clicks"``    - a train of 3-9 short decaying clicks at random times;
* ``"noise"``     - a burst of white noise (band-limited at random, from 400 Hz to 3800 Hz wide);
* ``"harmonic"``  - a vowel-like sound: a fundamental of 100-300 Hz with 6-14 harmonics whose
  amplitudes follow two random "formant" bumps, with a little vibrato.

The classes overlap on purpose in the simple statistics: a tone and a harmonic sound can have
the same loudness, a noise burst and a click train similar zero-crossing rates and mean spectra.
"""
from __future__ import annotations

import numpy as np

__all__ = ["SOUND_CLASSES", "SAMPLE_RATE", "make_sound", "make_sounds"]

SOUND_CLASSES = ("tone", "chirp", "clicks", "noise", "harmonic")
SAMPLE_RATE = 8000


def _envelope(n, start, length, fade, total):
    """1 inside [start, start + length), linear fades of `fade` samples, 0 elsewhere."""
    env = np.zeros(total)
    stop = min(start + length, total)
    env[start:stop] = 1.0
    fade = max(1, min(fade, (stop - start) // 2))
    env[start:start + fade] *= np.linspace(0.0, 1.0, fade, endpoint=False)
    env[stop - fade:stop] *= np.linspace(1.0, 0.0, fade)
    return env


def _event(kind, rng, n, sr):
    """The event of class `kind` (before background noise), peak amplitude about 1."""
    t = np.arange(n) / sr
    length = int(rng.uniform(0.15, 0.6) * n)
    start = int(rng.integers(0, n - length + 1))
    env = _envelope(n, start, length, int(0.01 * sr), n)
    if kind == "tone":
        f = rng.uniform(300, 3000)
        return env * np.sin(2 * np.pi * f * t + rng.uniform(0, 2 * np.pi))
    if kind == "chirp":
        while True:
            f0, f1 = rng.uniform(300, 3400, size=2)
            if abs(f1 - f0) >= 600:
                break
        tau = np.clip(t - start / sr, 0.0, None)
        rate = (f1 - f0) / (length / sr)
        phase = 2 * np.pi * (f0 * tau + 0.5 * rate * tau ** 2)
        return env * np.sin(phase + rng.uniform(0, 2 * np.pi))
    if kind == "clicks":
        out = np.zeros(n)
        width = int(0.004 * sr)
        decay = np.exp(-np.arange(width) / (0.0008 * sr))
        for at in rng.integers(start, max(start + 1, start + length - width), size=rng.integers(3, 10)):
            click = rng.normal(size=width) * decay * rng.uniform(0.5, 1.0)
            out[at:at + width] += click[: n - at]
        return out / max(np.abs(out).max(), 1e-9)
    if kind == "noise":
        spectrum = np.fft.rfft(rng.normal(size=n))
        freqs = np.fft.rfftfreq(n, 1 / sr)
        width = rng.uniform(400, 3800)
        low = rng.uniform(0, 4000 - width)
        spectrum[(freqs < low) | (freqs > low + width)] = 0.0
        burst = np.fft.irfft(spectrum, n)
        return env * burst / max(3 * burst.std(), 1e-9)
    if kind == "harmonic":
        f0 = rng.uniform(100, 300)
        vibrato = 1 + 0.01 * np.sin(2 * np.pi * rng.uniform(4, 7) * t)
        phase = 2 * np.pi * f0 * np.cumsum(vibrato) / sr
        formants = rng.uniform([300, 900], [900, 2800])
        out = np.zeros(n)
        for k in range(1, int(rng.integers(6, 15)) + 1):
            if k * f0 >= sr / 2 - 100:
                break
            gain = sum(np.exp(-0.5 * ((k * f0 - fm) / 150.0) ** 2) for fm in formants) + 0.1 / k
            out += gain * np.sin(k * phase + rng.uniform(0, 2 * np.pi))
        return env * out / max(np.abs(out).max(), 1e-9)
    raise ValueError(f"unknown sound class {kind!r}; expected one of {SOUND_CLASSES}")


def make_sound(kind: str, rng=None, duration: float = 0.5, sample_rate: int = SAMPLE_RATE,
               noise_level=(0.01, 0.15)) -> np.ndarray:
    """One float32 clip of ``round(duration * sample_rate)`` samples of class ``kind``: the event,
    scaled to a random peak amplitude in [0.3, 1], plus white background noise whose standard
    deviation is drawn uniformly from ``noise_level`` (a pair) or fixed (a number).
    ``rng`` is a ``np.random.Generator`` or a seed."""
    rng = rng if isinstance(rng, np.random.Generator) else np.random.default_rng(rng)
    n = int(round(duration * sample_rate))
    clip = rng.uniform(0.3, 1.0) * _event(kind, rng, n, sample_rate)
    level = rng.uniform(*noise_level) if np.ndim(noise_level) else float(noise_level)
    return (clip + level * rng.normal(size=n)).astype("float32")


def make_sounds(n_per_class: int, seed: int = 0, duration: float = 0.5, sample_rate: int = SAMPLE_RATE,
                classes=SOUND_CLASSES, noise_level=(0.01, 0.15)):
    """A shuffled, balanced set: ``(x, y)`` with ``x`` float32 of shape
    ``(n_per_class * len(classes), round(duration * sample_rate))`` and ``y`` int64 labels, the
    index of each clip's class in ``classes``. The same ``seed`` gives the same clips."""
    rng = np.random.default_rng(seed)
    labels = np.repeat(np.arange(len(classes)), n_per_class)
    rng.shuffle(labels)
    x = np.stack([make_sound(classes[k], rng, duration, sample_rate, noise_level) for k in labels])
    return x, labels.astype("int64")
