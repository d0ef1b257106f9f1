"""Sequence data of module 04 (course_lib/data/sequences.py): shapes, seeds, and the properties the notebooks rely on."""
from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

from course_lib import data
from course_lib.data import sequences
from course_lib.data.download import file_checksum


def test_make_series_is_seeded_seasonal_and_changes_regime():
    a, b, c = data.make_series(seed=1), data.make_series(seed=1), data.make_series(seed=2)
    assert a.shape == (480,) and a.dtype == np.float64
    np.testing.assert_array_equal(a, b)
    assert not np.allclose(a, c)
    # Seasonality: values 12 steps apart are closer than values 6 steps apart.
    early = a[:300]
    assert np.mean(np.abs(early[12:] - early[:-12])) < 0.5 * np.mean(np.abs(early[6:] - early[:-6]))
    # Regime change at 75 %: the level jumps and the seasonal swing grows.
    before, after = a[300:360], a[360:420]
    assert after.mean() - before.mean() > 4
    assert np.ptp(after - np.convolve(after, np.ones(12) / 12, "same")) > np.ptp(before - np.convolve(before, np.ones(12) / 12, "same"))
    with pytest.raises(ValueError, match="too short"):
        data.make_series(n=20)


def test_co2_monthly_is_complete_and_rising():
    months, values = data.load_co2_monthly()
    assert len(months) == len(values) == 526 and not np.isnan(values).any()
    assert str(months[0]) == "1958-03" and str(months[-1]) == "2001-12"
    assert 310 < values[0] < 320 and 365 < values[-1] < 375
    # A yearly cycle: with the trend removed, May is several ppm above October.
    month_of_year = months.astype(int) % 12
    detrended = values - np.convolve(values, np.ones(12) / 12, "same")
    inner = slice(12, -12)
    assert detrended[inner][month_of_year[inner] == 4].mean() - detrended[inner][month_of_year[inner] == 9].mean() > 4


def test_first_token_task_labels_are_the_first_token():
    x, y = data.make_first_token_task(n=300, length=15, n_tokens=3, seed=3)
    assert x.shape == (300, 15, 3) and x.dtype == np.float32 and y.shape == (300,)
    np.testing.assert_array_equal(x.sum(axis=-1), 1.0)
    np.testing.assert_array_equal(x[:, 0].argmax(axis=-1), y)
    assert set(np.unique(y)) == {0, 1, 2}
    # The rest of the sequence carries no information about the label.
    later = x[:, 1:].argmax(axis=-1)
    assert abs(np.mean(later == y[:, None]) - 1 / 3) < 0.03
    with pytest.raises(ValueError):
        data.make_first_token_task(n_tokens=1)


def test_order_reviews_are_balanced_and_bag_of_words_blind():
    texts, labels, kinds = data.make_order_reviews(n=4000, seed=5)
    assert len(texts) == len(labels) == len(kinds) == 4000
    assert labels.sum() == 2000 and set(kinds) == set(data.REVIEW_KINDS)
    assert all(t == t.lower() and "  " not in t and t.strip() == t for t in texts)
    assert texts == data.make_order_reviews(n=4000, seed=5)[0]
    # Every adjective (and "not") is about as frequent in positive as in negative reviews.
    pos, neg = Counter(), Counter()
    for text, label in zip(texts, labels):
        (pos if label else neg).update(set(text.split()))
    for word in ("not", "but", "good", "bad", "great", "awful"):
        assert abs(pos[word] - neg[word]) < 0.15 * (pos[word] + neg[word]), word
    # Plain reviews are readable from the adjective alone; contrast reviews follow the last clause.
    plain = [(t, l) for t, l, k in zip(texts, labels, kinds) if k == "plain"]
    assert all((t.split()[-1] in sequences._POSITIVE) == bool(l) for t, l in plain)
    contrast = [(t, l) for t, l, k in zip(texts, labels, kinds) if k == "contrast"]
    assert all(" but " in t for t, _ in contrast)
    for text, label in contrast:
        last = text.split(" but ")[1].split()
        reads_positive = (last[-1] in sequences._POSITIVE) != ("not" in last)
        assert reads_positive == bool(label), text
    with pytest.raises(ValueError, match="mix"):
        data.make_order_reviews(mix=(0.5, 0.5))


def test_char_corpus_matches_its_registered_checksum():
    text = data.load_char_corpus()
    assert len(text) == 200_000 and len(set(text)) == 96
    assert all(ch == "\n" or 32 <= ord(ch) < 127 for ch in set(text))
    assert data.load_char_corpus(1000) == text[:1000]
    info = data.dataset_info("stdlib_docstrings")
    path = sequences._CHECKOUT_DATASETS / "stdlib_docstrings.txt"
    assert "sha256:" + file_checksum(path) == info["checksum"]


def test_bundled_text_names_a_missing_file():
    with pytest.raises(data.DatasetError, match="not found"):
        sequences.bundled_text("no-such-file.txt")
