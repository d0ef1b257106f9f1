"""From arrays to training input: a seeded split, and a tf.data pipeline."""
from __future__ import annotations

from ..runtime import DEFAULT_SEED

__all__ = ["train_test_split", "make_dataset"]


def train_test_split(*arrays, test_size: float = 0.25, seed: int = DEFAULT_SEED, stratify=None):
    """Seeded, optionally stratified split (scikit-learn's, with the course seed)."""
    from sklearn.model_selection import train_test_split as _split

    return _split(*arrays, test_size=test_size, random_state=seed, stratify=stratify)


def make_dataset(x, y, batch_size: int = 32, shuffle: bool = False, augment=None, seed: int = DEFAULT_SEED):
    """A tf.data pipeline: slices -> cache -> (shuffle) -> batch -> (augment) -> prefetch.

    ``shuffle=True`` draws a new order every epoch (seeded by ``seed``).
    ``augment`` is a Keras layer or model applied to each training batch with
    ``training=True``, after batching so it works on whole batches.

    Used in solutions/02_training/01_data_preparation.ipynb (with ``augment``)
    and solutions/02_training/03_regularization.ipynb (without).
    """
    import tensorflow as tf

    ds = tf.data.Dataset.from_tensor_slices((x, y)).cache()
    if shuffle:
        ds = ds.shuffle(len(x), seed=seed, reshuffle_each_iteration=True)
    ds = ds.batch(batch_size)
    if augment is not None:
        ds = ds.map(lambda xb, yb: (augment(xb, training=True), yb), num_parallel_calls=tf.data.AUTOTUNE)
    return ds.prefetch(tf.data.AUTOTUNE)
