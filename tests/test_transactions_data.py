"""Unit tests of course_lib.data.transactions (the card transactions and returns of 08_applications/01)."""
import numpy as np
import pytest

from course_lib.data.transactions import CATEGORIES, FEATURES, make_returns, make_transactions


def test_shapes_types_and_seeding():
    d = make_transactions(5000, seed=3)
    n_cols = len(FEATURES) + len(CATEGORIES)
    assert d.x.shape == (5000, n_cols) and d.x.dtype == np.float32 and len(d.feature_names) == n_cols
    assert d.y.dtype == np.int64 and set(np.unique(d.y)) <= {0, 1}
    assert d.t.shape == d.amount.shape == d.category.shape == d.customer.shape == (5000,)
    assert np.all(np.diff(d.t) >= 0) and d.t.min() >= 0 and d.t.max() < 180
    assert np.all(d.amount > 0) and np.all(np.isfinite(d.x))
    assert d.category.min() >= 0 and d.category.max() < len(CATEGORIES) and d.category_names == CATEGORIES
    one_hot = d.x[:, len(FEATURES):]
    assert np.array_equal(one_hot.argmax(1), d.category) and np.all(one_hot.sum(1) == 1)
    again = make_transactions(5000, seed=3)
    assert np.array_equal(d.x, again.x) and np.array_equal(d.y, again.y)
    assert not np.array_equal(d.x, make_transactions(5000, seed=4).x)


def test_imbalance_and_fraud_signal():
    d = make_transactions(40000, seed=0)
    assert 0.008 < d.y.mean() < 0.012
    assert 0.003 < make_transactions(40000, seed=0, fraud_rate=0.005).y.mean() < 0.007
    col = {name: i for i, name in enumerate(d.feature_names)}
    fraud, legit = d.x[d.y == 1], d.x[d.y == 0]
    assert fraud[:, col["amount_ratio"]].mean() > 1.5 * legit[:, col["amount_ratio"]].mean()
    assert fraud[:, col["card_present"]].mean() < legit[:, col["card_present"]].mean() - 0.2
    assert fraud[:, col["tx_last_24h"]].mean() > legit[:, col["tx_last_24h"]].mean() + 1
    # stealth: a good share of frauds are card-present, as legitimate payments are
    assert fraud[:, col["card_present"]].mean() > 0.1


def test_the_fraud_pattern_drifts():
    d = make_transactions(60000, seed=1)
    early, late = (d.y == 1) & (d.t < 60), (d.y == 1) & (d.t > 120)
    digital = CATEGORIES.index("digital_goods")
    assert np.mean(d.category[late] == digital) > np.mean(d.category[early] == digital) + 0.06
    assert np.median(d.x[late, 1]) < np.median(d.x[early, 1])          # amount_ratio: smaller frauds later
    still = make_transactions(60000, seed=1, drift=0.0)
    e2, l2 = (still.y == 1) & (still.t < 60), (still.y == 1) & (still.t > 120)
    assert abs(np.mean(still.category[l2] == digital) - np.mean(still.category[e2] == digital)) < 0.08


def test_bad_arguments():
    with pytest.raises(ValueError):
        make_transactions(5)
    with pytest.raises(ValueError):
        make_transactions(1000, fraud_rate=0.7)
    with pytest.raises(ValueError):
        make_returns(100, alpha=0.5, beta=0.6)
    with pytest.raises(ValueError):
        make_returns(100, df=2.0)


def test_returns_cluster_and_follow_the_recursion():
    r, sigma = make_returns(4000, seed=0, omega=0.05, alpha=0.1, beta=0.85, df=None)
    assert r.shape == sigma.shape == (4000,) and np.all(sigma > 0)
    assert np.allclose(sigma[1:] ** 2, 0.05 + 0.1 * r[:-1] ** 2 + 0.85 * sigma[:-1] ** 2)
    assert abs(np.var(r) - 0.05 / (1 - 0.95)) < 0.35                  # long-run variance 1
    r2 = r ** 2
    assert np.corrcoef(r2[1:], r2[:-1])[0, 1] > 0.05                   # volatility clustering
    assert abs(np.corrcoef(r[1:], r[:-1])[0, 1]) < 0.06                # but returns themselves barely correlated
    a, _ = make_returns(500, seed=2)
    b, _ = make_returns(500, seed=2)
    assert np.array_equal(a, b)
