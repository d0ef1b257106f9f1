"""Ratings for recommenders: a seeded MovieLens-like generator with known latent factors, and a
checksum-verified loader of MovieLens 100k for online use.

Used in ``solutions/08_applications/04_recommenders.ipynb`` (matrix factorisation with Keras
embeddings, ranking metrics, a content-based model and a hybrid, cold start). Everything
:func:`make_ratings` returns is generated: no real person or film is described.

How :func:`make_ratings` draws its data (``d = n_factors`` latent dimensions, ``G = n_genres``):

* each **genre** ``g`` has a direction ``w_g`` in the latent space; each **item** has one to three
  genres, and its **true factor vector** is ``v_i = sqrt(content_share) * mean_g(w_g) (rescaled)
  + sqrt(1 - content_share) * noise``: the genres (the item's content features) explain about
  ``content_share`` of the variance of its factors, the rest is the item's own character that only
  interactions reveal;
* each **user** has a true factor vector ``u_u ~ N(0, I_d)`` and a bias;
* each item has a **popularity** logit ``z_i ~ N(0, popularity_skew)``: a long tail, a few items
  seen by many users;
* each user sees ``n_u`` items (log-normal around ``mean_per_user``), drawn without replacement
  with probabilities proportional to ``exp(z_i + taste * u_u . v_i / sqrt(d))``: popular items are
  seen more, and users pick items they like (the implicit signal a recommender learns from);
* each seen item gets a **rating** 1..5: ``2.6 + b_u + b_i + u_u . v_i / sqrt(d) + noise``, rounded
  and clipped, with the item bias ``b_i`` partly tied to its popularity;
* each interaction has a **timestamp** (seconds since 1970, like MovieLens): a user is active
  during a window of a few weeks to a year, somewhere in a three-year span.

:func:`load_movielens_100k` downloads ``ml-100k.zip`` from GroupLens once (verified against a
SHA-256 checksum, cached under :func:`course_lib.runtime.data_home`, through the download code of
:mod:`course_lib.data.download`) and returns the same fields (without the true factors, which a real
data set never has).
"""
from __future__ import annotations

import io
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..runtime import data_home
from .catalog import DatasetError, registry
from . import download

__all__ = ["GENRES", "Ratings", "make_ratings", "ML100K_URL", "ML100K_CHECKSUM", "ML100K_GENRES",
           "load_movielens_100k"]

GENRES = ("action", "comedy", "drama", "romance", "thriller", "sci-fi", "animation", "documentary",
          "horror", "musical", "western", "fantasy")

START = 946_684_800          # 2000-01-01 00:00 UTC
DAY = 86_400


@dataclass(frozen=True)
class Ratings:
    """Interactions and item features, one row per (user, item) rating.

    ``user``, ``item``: int64 ``(n,)``, ids from 0 to ``n_users - 1`` / ``n_items - 1``; every pair
    at most once; rows sorted by ``timestamp``;
    ``rating``: int64 ``(n,)`` from 1 to 5; ``timestamp``: int64 ``(n,)`` seconds since 1970;
    ``item_features``: float32 ``(n_items, G)``, the multi-hot genres (``genre_names``);
    ``user_factors`` ``(n_users, d)``, ``item_factors`` ``(n_items, d)``, ``item_popularity``
    ``(n_items,)`` (the popularity logit), ``user_bias``, ``item_bias``: the true values the data
    were drawn from (None from a real data set).
    """

    user: np.ndarray
    item: np.ndarray
    rating: np.ndarray
    timestamp: np.ndarray
    item_features: np.ndarray
    genre_names: tuple
    n_users: int
    n_items: int
    user_factors: np.ndarray | None = None
    item_factors: np.ndarray | None = None
    item_popularity: np.ndarray | None = None
    user_bias: np.ndarray | None = None
    item_bias: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self.user)


def make_ratings(n_users: int = 600, n_items: int = 400, *, n_factors: int = 4, n_genres: int = 8,
                 mean_per_user: float = 30.0, min_per_user: int = 8, content_share: float = 0.6,
                 popularity_skew: float = 1.0, taste: float = 2.0, rating_noise: float = 0.5,
                 seed: int = 0) -> Ratings:
    """Draw a MovieLens-like data set with known latent factors (see the module docstring).

    ``content_share`` (0..1) is the share of an item's factor variance its genres explain;
    ``popularity_skew`` the spread of the popularity logits (0: every item equally likely to be seen);
    ``taste`` how strongly a user's choices follow the factors (0: only popularity).
    """
    if not 1 <= n_genres <= len(GENRES):
        raise ValueError(f"n_genres must be between 1 and {len(GENRES)}")
    if not 0.0 <= content_share <= 1.0:
        raise ValueError("content_share must be between 0 and 1")
    if min_per_user > n_items:
        raise ValueError("min_per_user cannot exceed n_items")
    rng = np.random.default_rng(seed)
    d = n_factors

    # Items: genres and factors correlated with them.
    genre_dirs = rng.normal(size=(n_genres, d))
    genre_share = rng.dirichlet(np.full(n_genres, 2.0)) * 0.5 + 0.5 / n_genres   # some genres are commoner
    features = np.zeros((n_items, n_genres), dtype=np.float32)
    for i in range(n_items):
        k = rng.choice([1, 2, 3], p=[0.4, 0.4, 0.2])
        features[i, rng.choice(n_genres, size=k, replace=False, p=genre_share)] = 1.0
    content = (features @ genre_dirs) / features.sum(axis=1, keepdims=True)
    content = (content - content.mean(axis=0)) / content.std(axis=0)
    own = rng.normal(size=(n_items, d))
    item_factors = np.sqrt(content_share) * content + np.sqrt(1.0 - content_share) * own

    # Users, popularity, biases.
    user_factors = rng.normal(size=(n_users, d))
    popularity = rng.normal(scale=popularity_skew, size=n_items) if popularity_skew > 0 else np.zeros(n_items)
    item_bias = 0.25 * popularity / max(popularity_skew, 1e-9) + rng.normal(scale=0.3, size=n_items)
    user_bias = rng.normal(scale=0.4, size=n_users)
    affinity = user_factors @ item_factors.T / np.sqrt(d)                 # (n_users, n_items)

    # Which items each user sees: Gumbel top-k = sampling without replacement.
    counts = np.exp(rng.normal(np.log(mean_per_user), 0.6, size=n_users)).round().astype(int)
    counts = np.clip(counts, min_per_user, n_items // 2 if n_items >= 2 * min_per_user else n_items)
    logits = popularity[None, :] + taste * affinity
    keys = logits + rng.gumbel(size=logits.shape)
    order = np.argsort(-keys, axis=1)
    users = np.concatenate([np.full(c, u) for u, c in enumerate(counts)])
    items = np.concatenate([order[u, :c] for u, c in enumerate(counts)])

    raw = 2.6 + user_bias[users] + item_bias[items] + affinity[users, items] \
        + rng.normal(scale=rating_noise, size=len(users))
    ratings = np.clip(np.rint(raw), 1, 5).astype(np.int64)

    # Timestamps: each user active in one window of the three years.
    span = 3 * 365 * DAY
    length = np.exp(rng.uniform(np.log(14 * DAY), np.log(365 * DAY), size=n_users))
    start = rng.uniform(0, span - length)
    times = START + start[users] + rng.uniform(0, 1, size=len(users)) * length[users]
    times = times.astype(np.int64)
    by_time = np.argsort(times, kind="stable")

    return Ratings(user=users[by_time].astype(np.int64), item=items[by_time].astype(np.int64),
                   rating=ratings[by_time], timestamp=times[by_time], item_features=features,
                   genre_names=GENRES[:n_genres], n_users=n_users, n_items=n_items,
                   user_factors=user_factors, item_factors=item_factors, item_popularity=popularity,
                   user_bias=user_bias, item_bias=item_bias)


# -- MovieLens 100k (online) --------------------------------------------------------------

ML100K_URL = "https://files.grouplens.org/datasets/movielens/ml-100k.zip"
#: Checksum of ml-100k.zip: the MD5 GroupLens publishes next to it (ml-100k.zip.md5), also
#: recorded in datasets/registry.json under "movielens_100k".
ML100K_CHECKSUM = "md5:0e33842e24a9c977be4e0107933c0723"
ML100K_NAME = "movielens_100k"
ML100K_GENRES = ("unknown", "action", "adventure", "animation", "children", "comedy", "crime", "documentary",
                 "drama", "fantasy", "film-noir", "horror", "musical", "mystery", "romance", "sci-fi",
                 "thriller", "war", "western")


def load_movielens_100k(url: str | None = None, checksum: str | None = None, *,
                        cache_dir: str | os.PathLike | None = None, timeout: float = 60.0) -> Ratings:
    """MovieLens 100k (943 users, 1,682 films, 100,000 ratings) as :class:`Ratings`, ids from 0.

    Downloads ``ml-100k.zip`` once, verified against its checksum, into ``cache_dir`` (default
    :func:`course_lib.runtime.data_home`). With no ``url``/``checksum`` given, this goes through
    :func:`course_lib.data.fetch` and the registry's ``movielens_100k`` entry; otherwise ``url``
    defaults to :data:`ML100K_URL` and ``checksum`` (``"sha256:<hex>"`` or ``"md5:<hex>"``, e.g. for
    a mirror) to :data:`ML100K_CHECKSUM`.
    Item features are the 19 genre flags of ``u.item``; the true factors are None.
    """
    if url is None and checksum is None and ML100K_NAME in registry():
        path = download.fetch(ML100K_NAME, cache_dir=cache_dir, timeout=timeout)
    else:
        checksum = checksum if checksum is not None else ML100K_CHECKSUM
        if not checksum:
            raise DatasetError("No checksum is known for MovieLens 100k yet: pass checksum='sha256:...' "
                               "(the SHA-256 of ml-100k.zip), or register 'movielens_100k' in datasets/registry.json.")
        folder = Path(cache_dir) if cache_dir is not None else data_home()
        path = download.fetch_url(url or ML100K_URL, checksum, folder / ML100K_NAME / "ml-100k.zip",
                                  timeout=timeout, label="MovieLens 100k")
    return _read_ml100k(path)


def _read_ml100k(path: Path) -> Ratings:
    """Parse ``u.data`` (user, item, rating, timestamp; tab-separated) and ``u.item`` (genres) of the zip."""
    with zipfile.ZipFile(path) as zf:
        names = {Path(n).name: n for n in zf.namelist()}
        if "u.data" not in names or "u.item" not in names:
            raise DatasetError(f"{path} does not look like ml-100k.zip (no u.data / u.item)")
        table = np.loadtxt(io.BytesIO(zf.read(names["u.data"])), dtype=np.int64, ndmin=2)
        item_lines = zf.read(names["u.item"]).decode("latin-1").splitlines()
    rows = [line.split("|") for line in item_lines if line.strip()]
    n_items = max(int(r[0]) for r in rows)
    features = np.zeros((n_items, len(ML100K_GENRES)), dtype=np.float32)
    for r in rows:
        features[int(r[0]) - 1] = [float(x) for x in r[-len(ML100K_GENRES):]]
    user, item, rating, timestamp = (table[:, j] for j in range(4))
    order = np.argsort(timestamp, kind="stable")
    return Ratings(user=user[order] - 1, item=item[order] - 1, rating=rating[order], timestamp=timestamp[order],
                   item_features=features, genre_names=ML100K_GENRES, n_users=int(user.max()),
                   n_items=n_items)
