"""Baselines a trained model must beat, computed without training."""
from __future__ import annotations

import numpy as np

__all__ = ["nearest_mean_accuracy"]


def nearest_mean_accuracy(X_train, y_train, X_test, y_test) -> float:
    """Test accuracy of 'assign the class whose training mean is closest' (Euclidean distance).

    The classes are those of ``y_train``; each example is flattened to one
    feature vector, so images ``(n, h, w)`` and features ``(n, d)`` both work.

    Used in solutions/02_training/01_data_preparation.ipynb (raw against
    standardised features) and solutions/01_fundamentals/04_first_keras_model.ipynb
    (raw pixels against hidden-layer features).
    """
    X_train, X_test = np.asarray(X_train, dtype=float), np.asarray(X_test, dtype=float)
    y_train, y_test = np.asarray(y_train), np.asarray(y_test)
    X_train, X_test = X_train.reshape(len(X_train), -1), X_test.reshape(len(X_test), -1)
    if X_train.shape[1] != X_test.shape[1]:
        raise ValueError(f"training examples have {X_train.shape[1]} features, test examples {X_test.shape[1]}")
    classes = np.unique(y_train)
    means = np.stack([X_train[y_train == c].mean(axis=0) for c in classes])
    distances = ((X_test[:, None, :] - means[None, :, :]) ** 2).sum(axis=-1)
    return float(np.mean(classes[distances.argmin(axis=1)] == y_test))
