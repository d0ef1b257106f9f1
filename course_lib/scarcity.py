"""Small building blocks for learning from few labels (07_challenges/02_data_scarcity).

* :class:`SpectrumAugment` - a Keras layer that, **in training only**, shifts each spectrum by a
  random number of points (the free places repeat the end value), scales it and adds noise;
  at inference it passes its input through unchanged.
* :func:`make_encoder` - the convolutional encoder shared by every method of the notebook:
  a spectrum ``(n_points, 1)`` to a feature map ``(n_points // 16, 32)``.
* :func:`make_classifier` - encoder + max pooling by 4 + flatten + a softmax ``Dense`` head (the
  pooled map keeps a coarse position, which the classes of ``make_spectra`` need).
* :func:`make_decoder` - upsampling + convolutions from the feature map back to a spectrum, for
  the masked-reconstruction pretext task.
* :func:`random_segment_mask` - masks (1 = hidden) of random contiguous segments per spectrum.
* :func:`balanced_accuracy` - the mean of the per-class recalls.

None of them is the answer to an exercise.
"""
from __future__ import annotations

import numpy as np
import keras
from keras import ops

__all__ = ["SpectrumAugment", "make_encoder", "make_classifier", "make_decoder", "random_segment_mask",
           "balanced_accuracy"]




@keras.saving.register_keras_serializable(package="course_lib")
class SpectrumAugment(keras.layers.Layer):
    """Random shift (up to ``max_shift`` points, edge-filled), scale (``1 +- scale``) and
    Gaussian noise (std ``noise``) of every spectrum of a batch ``(batch, n_points, 1)``,
    applied only when ``training=True``; at inference the input passes unchanged."""

    def __init__(self, max_shift: int = 4, scale: float = 0.1, noise: float = 0.1, seed: int | None = None,
                 **kwargs):
        super().__init__(**kwargs)
        self.max_shift, self.scale, self.noise, self.seed = int(max_shift), float(scale), float(noise), seed
        self.seed_generator = keras.random.SeedGenerator(seed)

    def call(self, x, training=None):
        if not training:
            return x
        batch, n_points = ops.shape(x)[0], ops.shape(x)[1]
        shift = keras.random.randint((batch, 1), -self.max_shift, self.max_shift + 1, seed=self.seed_generator)
        index = ops.clip(ops.arange(n_points)[None, :] - shift, 0, n_points - 1)   # s[j] = x[j - shift]
        x = ops.take_along_axis(x, ops.expand_dims(index, -1), axis=1)
        factor = keras.random.uniform((batch, 1, 1), 1.0 - self.scale, 1.0 + self.scale, seed=self.seed_generator)
        return x * factor + self.noise * keras.random.normal(ops.shape(x), seed=self.seed_generator)

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return {**super().get_config(), "max_shift": self.max_shift, "scale": self.scale,
                "noise": self.noise, "seed": self.seed}


def make_encoder(n_points: int = 512, name: str = "encoder"):
    """Three convolutional blocks (16, 32, 32 filters; two poolings by 4): ``(n_points, 1)`` to
    ``(n_points // 16, 32)``. The same encoder serves classification and reconstruction."""
    L = keras.layers
    return keras.Sequential([
        keras.Input(shape=(n_points, 1)),
        L.Conv1D(16, 9, padding="same", activation="relu"), L.MaxPooling1D(4),
        L.Conv1D(32, 9, padding="same", activation="relu"), L.MaxPooling1D(4),
        L.Conv1D(32, 5, padding="same", activation="relu"),
    ], name=name)


def make_classifier(encoder, n_classes: int, augment=None, name: str = "classifier"):
    """``encoder`` (optionally after an augmentation layer), max pooling by 4, flatten, a softmax head.

    The pooling keeps a coarse position (a quarter of the encoder's positions): global pooling
    would forget where a peak sits, and classes 0 and 1 of ``make_spectra`` differ only by that."""
    n_points = encoder.input_shape[1]
    layers = [keras.Input(shape=(n_points, 1))]
    if augment is not None:
        layers.append(augment)
    layers += [encoder, keras.layers.MaxPooling1D(4), keras.layers.Flatten(),
               keras.layers.Dense(n_classes, activation="softmax", name="head")]
    return keras.Sequential(layers, name=name)


def make_decoder(n_points: int = 512, name: str = "decoder"):
    """From the encoder's feature map ``(n_points // 16, 32)`` back to a spectrum ``(n_points, 1)``."""
    L = keras.layers
    return keras.Sequential([
        keras.Input(shape=(n_points // 16, 32)),
        L.UpSampling1D(4), L.Conv1D(32, 9, padding="same", activation="relu"),
        L.UpSampling1D(4), L.Conv1D(16, 9, padding="same", activation="relu"),
        L.Conv1D(1, 9, padding="same"),
    ], name=name)


def random_segment_mask(n: int, n_points: int, n_segments: int = 4, length: int = 24, rng=None) -> np.ndarray:
    """float32 ``(n, n_points, 1)``: 1 on ``n_segments`` random segments of ``length`` points per
    row (they may overlap, so a row hides at most ``n_segments * length`` points), 0 elsewhere."""
    if not 0 < length <= n_points:
        raise ValueError("length must be between 1 and n_points")
    rng = np.random.default_rng(rng)
    mask = np.zeros((n, n_points), dtype="float32")
    starts = rng.integers(0, n_points - length + 1, size=(n, n_segments))
    offsets = np.arange(length)
    rows = np.repeat(np.arange(n), n_segments * length)
    cols = (starts[..., None] + offsets).reshape(-1)
    mask[rows, cols] = 1.0
    return mask[..., None]


def balanced_accuracy(y_true, y_pred) -> float:
    """Mean recall over the classes present in ``y_true`` (scikit-learn's
    ``balanced_accuracy_score``, as a plain float; a predicted class that never occurs in
    ``y_true`` counts against the others' recall, not as a class of its own)."""
    import warnings

    from sklearn.metrics import balanced_accuracy_score

    with warnings.catch_warnings():  # "y_pred contains classes not in y_true": handled as documented
        warnings.simplefilter("ignore", UserWarning)
        return float(balanced_accuracy_score(y_true, y_pred))
