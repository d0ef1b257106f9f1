"""Datasets for the course: a registry, offline data, and verified downloads.

Offline (always works, also in CI):

* :func:`load_digits` - scikit-learn's bundled 8x8 handwritten digits;
* :func:`load_digits28` - the same digits upsampled to MNIST's 28x28;
* :func:`make_toy2d` - seeded 2-D toy sets (moons, circles, spirals, xor, blobs);
* :func:`make_ring` - a ring of Gaussians for GANs, with :func:`modes_covered` (:mod:`.rings`);
* :func:`make_spectra`, :func:`add_spectral_faults`, :func:`make_shapes` - from :mod:`course_lib.synthetic`;
* :func:`make_series`, :func:`load_co2_monthly`, :func:`make_first_token_task`,
  :func:`make_order_reviews`, :func:`load_char_corpus` - sequences (:mod:`.sequences`).

Online (needs the internet once, then reads from the cache):

* :func:`load_mnist`, :func:`load_fashion_mnist`, :func:`load_imdb` go through
  :func:`fetch`, which downloads into :func:`course_lib.runtime.data_home`,
  verifies the checksum from the registry and never leaves a half-written file.

One module per topic: :mod:`.catalog` (the registry), :mod:`.download`,
:mod:`.images`, :mod:`.text`, :mod:`.toy`, :mod:`.pipeline` (split and
tf.data). Every public name is importable from ``course_lib.data`` itself;
code that replaces a function for a test patches the module that defines it
(e.g. ``course_lib.data.catalog.registry``), since that is where callers look it up.
"""
from ..synthetic import FAULT_KINDS, add_spectral_faults, make_shapes, make_spectra  # registered generators
from .catalog import DatasetError, dataset_info, registry
from .download import fetch, file_checksum
from .images import load_digits, load_digits28, load_fashion_mnist, load_mnist, upsample
from .pipeline import make_dataset, train_test_split
from .sequences import (REVIEW_KINDS, load_char_corpus, load_co2_monthly, make_first_token_task,
                        make_order_reviews, make_series)
from .text import load_imdb
from .rings import make_ring, mode_counts, modes_covered, ring_centres
from .toy import make_toy2d

__all__ = [
    "DatasetError",
    "registry",
    "dataset_info",
    "file_checksum",
    "fetch",
    "train_test_split",
    "make_dataset",
    "load_digits",
    "load_digits28",
    "upsample",
    "make_toy2d",
    "make_ring",
    "ring_centres",
    "mode_counts",
    "modes_covered",
    "make_spectra",
    "add_spectral_faults",
    "FAULT_KINDS",
    "make_shapes",
    "load_mnist",
    "load_fashion_mnist",
    "load_imdb",
    "make_series",
    "load_co2_monthly",
    "make_first_token_task",
    "make_order_reviews",
    "REVIEW_KINDS",
    "load_char_corpus",
]
