"""Sequence data for module 04 (recurrent networks), all offline.

* :func:`make_series` - a seeded monthly series with trend, seasonality, noise and
  a regime change (forecasting, 04_rnn/03_forecasting);
* :func:`load_co2_monthly` - the Mauna Loa CO2 record that ships inside
  statsmodels, as monthly means (a real series, public domain);
* :func:`make_first_token_task` - "remember the first token" sequences, whose
  answer sits at the start of a long sequence (04_rnn/01 and 02);
* :func:`make_order_reviews` - short generated reviews whose sentiment depends
  on word order (negation, "but"), so a bag of words cannot read them
  (04_rnn/04_text_and_generation);
* :func:`load_char_corpus` - a bundled snapshot of Python standard-library
  docstrings for character-level generation (04_rnn/04_text_and_generation).
"""
from __future__ import annotations

import importlib.util
from importlib import resources
from pathlib import Path

import numpy as np

from ..runtime import DEFAULT_SEED
from .catalog import DatasetError

__all__ = ["make_series", "load_co2_monthly", "make_first_token_task", "make_order_reviews",
           "REVIEW_KINDS", "load_char_corpus", "bundled_text"]

_CHECKOUT_DATASETS = Path(__file__).resolve().parents[2] / "datasets"


# ----------------------------------------------------------------- time series

def make_series(n: int = 480, period: int = 12, noise: float = 0.5, change_at: float = 0.75,
                seed: int = DEFAULT_SEED) -> np.ndarray:
    """A seeded series of ``n`` monthly values (float64), like a sales or sensor record.

    Made of a slow linear trend, a seasonal pattern of ``period`` steps (a main
    wave and a smaller second harmonic), autocorrelated noise (AR(1), standard
    deviation about ``noise``), and from ``int(change_at * n)`` on a **regime
    change**: the level jumps, the trend steepens and the seasonal swing grows
    by half. A forecaster trained on the early part must cope with it.
    """
    if n < 2 * period:
        raise ValueError(f"n={n} is too short: need at least two periods ({2 * period} steps)")
    rng = np.random.default_rng(seed)
    t = np.arange(n, dtype=float)
    phase = 2 * np.pi * t / period
    season = 3.0 * np.sin(phase) + 1.0 * np.sin(2 * phase + 0.6)
    level = 20.0 + 0.03 * t
    change = int(change_at * n)
    after = t >= change
    level = level + after * (4.0 + 0.05 * (t - change))
    season = season * np.where(after, 1.5, 1.0)
    ar = np.zeros(n)
    shocks = rng.normal(0.0, noise * np.sqrt(1 - 0.5 ** 2), size=n)
    for i in range(1, n):
        ar[i] = 0.5 * ar[i - 1] + shocks[i]
    return level + season + ar


def load_co2_monthly():
    """Monthly mean atmospheric CO2 at Mauna Loa, March 1958 to December 2001 (ppm).

    Returns ``(months, values)``: ``months`` a ``datetime64[M]`` array, ``values``
    float64, 526 of each. The weekly flask record ships with statsmodels
    (``statsmodels.datasets.co2``, public domain); weeks are averaged per month
    and the five months without a measurement are filled by linear interpolation.
    """
    try:
        from statsmodels.datasets import co2
    except ImportError as err:  # pragma: no cover - statsmodels is in requirements.txt
        raise DatasetError("the CO2 series ships with statsmodels: pip install statsmodels") from err
    weekly = co2.load_pandas().data["co2"]
    monthly = weekly.resample("MS").mean().interpolate()
    months = monthly.index.values.astype("datetime64[M]")
    return months, monthly.to_numpy(dtype=float)


# ----------------------------------------------------------------- long memory

def make_first_token_task(n: int = 1000, length: int = 20, n_tokens: int = 4, seed: int = DEFAULT_SEED):
    """Sequences whose label is their **first** token: ``(x, y)``.

    ``x`` has shape ``(n, length, n_tokens)`` (float32, one-hot tokens drawn
    uniformly), ``y`` shape ``(n,)`` (int, the index of the first token). Every
    later token is noise, so a model must carry one piece of information across
    ``length - 1`` steps; chance accuracy is ``1 / n_tokens``.
    """
    if length < 1 or n_tokens < 2:
        raise ValueError("need length >= 1 and n_tokens >= 2")
    rng = np.random.default_rng(seed)
    tokens = rng.integers(0, n_tokens, size=(n, length))
    x = np.eye(n_tokens, dtype="float32")[tokens]
    return x, tokens[:, 0].astype(int)


# ----------------------------------------------------------------- reviews

REVIEW_KINDS = ("plain", "negated", "contrast")

_SUBJECTS = ("the food", "the service", "the film", "the plot", "the acting", "the music", "the room",
             "the staff", "the ending", "the price", "the view", "the story")
_POSITIVE = ("good", "great", "lovely", "excellent", "fine", "superb", "pleasant", "wonderful")
_NEGATIVE = ("bad", "awful", "boring", "poor", "terrible", "dull", "bland", "dreadful")
_ADVERBS = ("", "", "", "really ", "quite ", "truly ")
_OPENERS = ("", "", "", "honestly ", "i think ", "overall ")


def _clause(rng, positive: bool, negate: bool) -> str:
    """'<subject> was [not] <adverb><adjective>' that reads ``positive`` overall."""
    # A negated clause reads positive when its adjective is negative ("not bad").
    pool = _NEGATIVE if positive == negate else _POSITIVE
    subject = _SUBJECTS[rng.integers(len(_SUBJECTS))]
    adverb = "" if negate else _ADVERBS[rng.integers(len(_ADVERBS))]
    return f"{subject} was {'not ' if negate else ''}{adverb}{pool[rng.integers(len(pool))]}"


def make_order_reviews(n: int = 2000, mix=(0.2, 0.3, 0.5), seed: int = DEFAULT_SEED):
    """Short generated reviews ``(texts, labels, kinds)`` that only word order can read.

    Three kinds, in the proportions ``mix``:

    * ``"plain"``: "the food was great" (the adjective decides);
    * ``"negated"``: "the food was not great" ("not" flips the adjective);
    * ``"contrast"``: "the plot was dull but the acting was superb": two clauses
      of opposite sentiment, and the one after "but" decides.

    Every adjective is equally often in positive and negative reviews, and so is
    "not"; a contrast review and the same two clauses in the other order have the
    same words and opposite labels. So a bag of words is near chance on negated
    and contrast reviews, and a model that reads in order can get them all.
    ``labels`` is an int array (1 positive, 0 negative), balanced; ``kinds`` a
    string array with the kind of each review. Lower case, words separated by
    single spaces, no punctuation.
    """
    if len(mix) != 3 or min(mix) < 0 or not np.isclose(sum(mix), 1.0):
        raise ValueError(f"mix must be three non-negative proportions summing to 1, got {mix}")
    rng = np.random.default_rng(seed)
    labels = rng.permutation(np.arange(n) % 2)
    kinds = rng.choice(REVIEW_KINDS, size=n, p=list(mix))
    texts = []
    for label, kind in zip(labels, kinds):
        positive = bool(label)
        if kind == "plain":
            body = _clause(rng, positive, negate=False)
        elif kind == "negated":
            body = _clause(rng, positive, negate=True)
        else:
            first = _clause(rng, not positive, negate=bool(rng.integers(2)))
            body = f"{first} but {_clause(rng, positive, negate=bool(rng.integers(2)))}"
        texts.append(_OPENERS[rng.integers(len(_OPENERS))] + body)
    return texts, labels.astype(int), np.asarray(kinds)


# ----------------------------------------------------------------- bundled text

def bundled_text(filename: str) -> str:
    """A text file of ``datasets/`` (the ``course_datasets`` package), wherever it is installed.

    Same lookup as the registry (:mod:`.catalog`): the installed package, the
    folders of a namespace package (editable installs), then the checkout.
    """
    try:
        return resources.files("course_datasets").joinpath(filename).read_text(encoding="utf-8")
    except Exception:  # not importable, or importlib.resources' namespace-package bug
        pass
    try:
        spec = importlib.util.find_spec("course_datasets")
    except (ImportError, ValueError):
        spec = None
    for folder in list(spec.submodule_search_locations or []) if spec else []:
        path = Path(folder) / filename
        if path.is_file():
            return path.read_text(encoding="utf-8")
    path = _CHECKOUT_DATASETS / filename
    if not path.is_file():
        raise DatasetError(f"bundled file {filename!r} not found in course_datasets or {_CHECKOUT_DATASETS}")
    return path.read_text(encoding="utf-8")


def load_char_corpus(n_chars: int | None = None) -> str:
    """About 200,000 characters of English prose: docstrings of the Python standard library.

    A fixed snapshot (``datasets/stdlib_docstrings.txt``, taken from Python 3.11,
    PSF licence), so every machine trains on the same text offline. Printable
    ASCII and newlines only (96 distinct characters). ``n_chars`` keeps the start.
    """
    text = bundled_text("stdlib_docstrings.txt")
    return text if n_chars is None else text[:n_chars]
