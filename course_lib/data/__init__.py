"""Datasets for the course: a registry, offline data, and verified downloads.

Offline (always works, also in CI):

* :func:`load_digits` - scikit-learn's bundled 8x8 handwritten digits;
* :func:`load_digits28` - the same digits upsampled to MNIST's 28x28;
* :func:`make_toy2d` - seeded 2-D toy sets (moons, circles, spirals, xor, blobs);
* :func:`make_ring` - a ring of Gaussians for GANs, with :func:`modes_covered` (:mod:`.rings`);
* :func:`make_spectra`, :func:`add_spectral_faults`, :func:`make_shapes` - from :mod:`course_lib.synthetic`;
* :func:`make_series`, :func:`load_co2_monthly`, :func:`make_first_token_task`,
  :func:`make_order_reviews`, :func:`load_char_corpus` - sequences (:mod:`.sequences`);
* :func:`make_loan_applicants` - loan applicants with a sensitive attribute and built-in biases (:mod:`.tabular`);
* :func:`make_transactions`, :func:`make_returns` - card fraud that drifts, GARCH returns (:mod:`.transactions`);
* :func:`make_ratings` - MovieLens-like interactions with known latent factors (:mod:`.ratings`);
* :func:`make_entity_sentences` - sentences with BIO entity tags (:mod:`.tagging`);
* :func:`make_sounds` - short synthetic sounds in five classes (:mod:`.sounds`);
* :func:`make_capstone_spectra` - spectra of 48 substances on three instruments (:mod:`course_lib.capstone`).

Online (needs the internet once, then reads from the cache):

* :func:`load_movielens_100k` (:mod:`.ratings`) verifies the same way, given the checksum.
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
from .download import fetch, fetch_url, file_checksum
from .images import load_digits, load_digits28, load_fashion_mnist, load_mnist, upsample
from .pipeline import make_dataset, train_test_split
from .sequences import (REVIEW_KINDS, load_char_corpus, load_co2_monthly, make_first_token_task,
                        make_order_reviews, make_series)
from .tabular import LoanApplicants, make_loan_applicants
from .transactions import CATEGORIES as TRANSACTION_CATEGORIES, Transactions, make_returns, make_transactions
from .ratings import Ratings, load_movielens_100k, make_ratings
from .tagging import ENTITY_TYPES, TAGS, make_entity_sentences
from .sounds import SOUND_CLASSES, make_sound, make_sounds
from ..capstone import make_capstone_spectra  # registered generator
from .text import load_imdb
from .rings import make_ring, mode_counts, modes_covered, ring_centres
from .toy import make_toy2d

__all__ = [
    "DatasetError",
    "registry",
    "dataset_info",
    "file_checksum",
    "fetch",
    "fetch_url",
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
    "make_loan_applicants",
    "LoanApplicants",
    "make_transactions",
    "make_returns",
    "Transactions",
    "TRANSACTION_CATEGORIES",
    "make_ratings",
    "load_movielens_100k",
    "Ratings",
    "make_entity_sentences",
    "ENTITY_TYPES",
    "TAGS",
    "make_sounds",
    "make_sound",
    "SOUND_CLASSES",
    "make_capstone_spectra",
    "REVIEW_KINDS",
    "load_char_corpus",
]
