"""Unit tests of course_lib.data.tabular (the loan applicants of 07_challenges/05_fairness)."""
import numpy as np
import pytest

from course_lib.data.tabular import FEATURES, make_loan_applicants


def test_shapes_types_and_seeding():
    d = make_loan_applicants(3000, seed=3)
    assert d.x.shape == (3000, len(FEATURES)) and d.x.dtype == np.float32
    assert d.y.dtype == np.int64 and d.y_unbiased.dtype == np.int64 and d.group.shape == (3000,)
    assert set(np.unique(d.group)) == {"A", "B"} and d.feature_names == FEATURES
    assert set(np.unique(d.y)) <= {0, 1}
    again = make_loan_applicants(3000, seed=3)
    assert np.array_equal(d.x, again.x) and np.array_equal(d.y, again.y) and np.array_equal(d.group, again.group)
    assert not np.array_equal(d.x, make_loan_applicants(3000, seed=4).x)


def test_the_built_in_biases():
    d = make_loan_applicants(20000, seed=0)
    b = d.group == "B"
    assert 0.32 < b.mean() < 0.38
    # label bias only removes positives of group B, never adds any
    assert np.all(d.y <= d.y_unbiased) and np.array_equal(d.y[~b], d.y_unbiased[~b])
    lost = 1 - d.y[b & (d.y_unbiased == 1)].mean()
    assert 0.27 < lost < 0.33
    # structural difference: group B repays less often even without the label bias
    assert d.y_unbiased[b].mean() < d.y_unbiased[~b].mean() - 0.05
    # the neighbourhood score is a strong proxy for the group
    proxy = d.x[:, FEATURES.index("neighbourhood_score")]
    assert np.corrcoef(proxy, b)[0, 1] > 0.8


def test_switches():
    d = make_loan_applicants(5000, seed=1, label_bias=0.0, proxy_strength=0.0)
    assert np.array_equal(d.y, d.y_unbiased)
    proxy = d.x[:, FEATURES.index("neighbourhood_score")]
    assert abs(np.corrcoef(proxy, d.group == "B")[0, 1]) < 0.05
    with pytest.raises(ValueError):
        make_loan_applicants(0)
    with pytest.raises(ValueError):
        make_loan_applicants(10, label_bias=1.5)
