"""Text datasets: IMDB reviews as word indices (downloaded once)."""
from __future__ import annotations

import numpy as np

from .download import fetch

__all__ = ["load_imdb"]


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
