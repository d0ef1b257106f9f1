"""The ratings generator and the MovieLens 100k loader of 08_applications/04_recommenders
(course_lib/data/ratings.py); the loader is tested against a fake zip on a local HTTP server."""
from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import numpy as np
import pytest

from course_lib.data import catalog
from course_lib.data.catalog import DatasetError
from local_server import LocalServer as _Server
from course_lib.data.ratings import ML100K_GENRES, load_movielens_100k, make_ratings


def test_shapes_ranges_and_seed():
    r = make_ratings(120, 80, n_factors=3, n_genres=6, mean_per_user=15, seed=3)
    again, other = make_ratings(120, 80, n_factors=3, n_genres=6, mean_per_user=15, seed=3), make_ratings(120, 80, seed=4)
    n = len(r)
    assert all(getattr(r, f).shape == (n,) for f in ("user", "item", "rating", "timestamp"))
    assert all(getattr(r, f).dtype == np.int64 for f in ("user", "item", "rating", "timestamp"))
    assert r.user.min() >= 0 and r.user.max() < 120 and r.item.min() >= 0 and r.item.max() < 80
    assert set(np.unique(r.rating)) <= {1, 2, 3, 4, 5} and len(np.unique(r.rating)) >= 4
    assert np.all(np.diff(r.timestamp) >= 0)
    assert len(np.unique(r.user * 80 + r.item)) == n                      # each pair at most once
    assert np.bincount(r.user, minlength=120).min() >= 8                  # min_per_user
    assert r.item_features.shape == (80, 6) and r.item_features.dtype == np.float32
    assert set(r.item_features.sum(axis=1)) <= {1.0, 2.0, 3.0} and len(r.genre_names) == 6
    assert r.user_factors.shape == (120, 3) and r.item_factors.shape == (80, 3)
    for f in ("user", "item", "rating", "timestamp"):
        np.testing.assert_array_equal(getattr(r, f), getattr(again, f))
    assert len(other) != n or not np.array_equal(other.item, r.item)


def _r2(x, y):
    """Out-of-sample R^2 (one half fits, the other is scored) of a linear fit of y on x."""
    x = np.c_[x, np.ones(len(x))]
    half = np.arange(len(x)) % 2 == 0
    coef = np.linalg.lstsq(x[half], y[half], rcond=None)[0]
    res = y[~half] - x[~half] @ coef
    return 1 - (res ** 2).sum(0) / ((y[~half] - y[~half].mean(0)) ** 2).sum(0)


def test_genres_explain_about_content_share_of_the_factors():
    r = make_ratings(50, 1000, content_share=0.6, seed=0)
    assert 0.35 < _r2(r.item_features, r.item_factors).mean() < 0.75
    r0 = make_ratings(50, 1000, content_share=0.0, seed=0)
    assert _r2(r0.item_features, r0.item_factors).mean() < 0.1


def test_popular_items_are_seen_more_and_users_pick_what_they_like():
    r = make_ratings(400, 200, seed=1)
    seen = np.bincount(r.item, minlength=200)
    rank = lambda a: np.argsort(np.argsort(a))
    assert np.corrcoef(rank(seen), rank(r.item_popularity))[0, 1] > 0.6
    top = np.sort(seen)[::-1]
    assert top[:20].sum() > 0.18 * top.sum() and top[0] > 3 * np.median(seen)   # the top 10 % of items: a fifth
    affinity = r.user_factors @ r.item_factors.T
    assert affinity[r.user, r.item].mean() > affinity.mean() + 0.5
    flat = make_ratings(400, 200, popularity_skew=0.0, taste=0.0, seed=1)
    flat_seen = np.sort(np.bincount(flat.item, minlength=200))[::-1]
    assert flat_seen[:20].sum() < 0.14 * flat_seen.sum()


def test_bad_arguments():
    with pytest.raises(ValueError):
        make_ratings(10, 10, n_genres=40)
    with pytest.raises(ValueError):
        make_ratings(10, 10, content_share=1.5)


# ----------------------------------------------------------------- MovieLens 100k (local server)


def _fake_ml100k(path: Path) -> str:
    """A tiny zip laid out as ml-100k.zip (3 users, 4 films); returns its "sha256:..." checksum."""
    rows = [(1, 2, 5, 881250949), (2, 1, 3, 881250000), (1, 4, 1, 881251000), (3, 2, 4, 881249000)]
    items = []
    for i in range(1, 5):
        flags = ["0"] * len(ML100K_GENRES)
        flags[i] = "1"
        items.append("|".join([str(i), f"Film {i} (1995)", "01-Jan-1995", "", "http://example.org"] + flags))
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("ml-100k/u.data", "\n".join("\t".join(map(str, r)) for r in rows) + "\n")
        zf.writestr("ml-100k/u.item", "\n".join(items) + "\n")
    return "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def served(tmp_path):
    web = tmp_path / "web"
    web.mkdir()
    checksum = _fake_ml100k(web / "ml-100k.zip")
    with _Server(web) as server:
        yield server, server.url + "ml-100k.zip", checksum, tmp_path / "cache"


def test_loader_downloads_verifies_parses_and_caches(served):
    server, url, checksum, cache = served
    r = load_movielens_100k(url, checksum, cache_dir=cache)
    assert (r.n_users, r.n_items, len(r)) == (3, 4, 4)
    np.testing.assert_array_equal(r.timestamp, [881249000, 881250000, 881250949, 881251000])   # sorted by time
    np.testing.assert_array_equal(r.user, [2, 1, 0, 0])                                          # ids from 0
    np.testing.assert_array_equal(r.item, [1, 0, 1, 3])
    np.testing.assert_array_equal(r.rating, [4, 3, 5, 1])
    assert r.item_features.shape == (4, len(ML100K_GENRES)) and r.item_features[2, 3] == 1.0
    assert r.item_factors is None
    assert (cache / "movielens_100k" / "ml-100k.zip").exists()
    load_movielens_100k(url, checksum, cache_dir=cache)
    assert len(server.requests) == 1                                   # the second call read the cache


def test_loader_checksum_mismatch_leaves_nothing(served):
    _, url, _, cache = served
    with pytest.raises(DatasetError, match="Checksum mismatch"):
        load_movielens_100k(url, "sha256:" + "0" * 64, cache_dir=cache)
    assert not list((cache / "movielens_100k").glob("*"))


def test_loader_corrupt_cache_is_downloaded_again(served):
    server, url, checksum, cache = served
    path = cache / "movielens_100k" / "ml-100k.zip"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"truncated")
    assert len(load_movielens_100k(url, checksum, cache_dir=cache)) == 4
    assert len(server.requests) == 1


def test_registry_records_the_published_checksum_and_the_loader_says_when_offline(tmp_path):
    from course_lib.data.ratings import ML100K_CHECKSUM, ML100K_URL
    entry = catalog.dataset_info("movielens_100k")
    # GroupLens publishes this MD5 as ml-100k.zip.md5; the loader's default and the registry agree.
    assert entry["files"] == {"ml-100k.zip": "md5:0e33842e24a9c977be4e0107933c0723"} == {"ml-100k.zip": ML100K_CHECKSUM}
    assert entry["url"] == ML100K_URL
    with pytest.raises(DatasetError, match="offline"):
        load_movielens_100k("http://127.0.0.1:9/ml-100k.zip", "sha256:" + "0" * 64, cache_dir=tmp_path, timeout=2)


def test_loader_uses_the_registry_entry_when_there_is_one(served, monkeypatch):
    _, url, checksum, cache = served
    reg = dict(catalog.registry())
    reg["movielens_100k"] = {"kind": "download", "url": url, "files": {"ml-100k.zip": checksum}}
    monkeypatch.setattr(catalog, "registry", lambda: reg)
    monkeypatch.setattr("course_lib.data.ratings.registry", lambda: reg)
    assert len(load_movielens_100k(cache_dir=cache)) == 4
