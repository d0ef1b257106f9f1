"""Baselines computed without training."""
import numpy as np
import pytest

from course_lib.baselines import nearest_mean_accuracy


def test_nearest_mean_accuracy_separated_and_flattened():
    rng = np.random.default_rng(0)
    y = np.arange(60) % 3
    X = rng.normal(0, 0.1, (60, 2, 2)) + y[:, None, None] * 5.0  # images (n, 2, 2), classes far apart
    assert nearest_mean_accuracy(X[:30], y[:30], X[30:], y[30:]) == 1.0
    labels = np.array([7, 9, 7, 9])  # class labels need not be 0..k-1
    assert nearest_mean_accuracy([[0.0], [1.0], [0.1], [0.9]], labels, [[0.2], [0.8]], [7, 9]) == 1.0
    assert nearest_mean_accuracy([[0.0], [1.0]], [0, 1], [[0.9], [0.1]], [0, 1]) == 0.0


def test_nearest_mean_accuracy_feature_mismatch():
    with pytest.raises(ValueError, match="features"):
        nearest_mean_accuracy(np.zeros((4, 3)), [0, 1, 0, 1], np.zeros((2, 2)), [0, 1])
