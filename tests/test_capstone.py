"""course_lib.capstone: substances, instruments, the preprocessing layers and triplets."""
import numpy as np
import pytest

from course_lib import capstone


def test_substances_come_in_families_that_differ_by_one_peak():
    assert len(capstone.SUBSTANCES) == 48
    for k in range(0, 48, 2):
        a, b = (np.array(capstone.SUBSTANCES[k + i])[:, 0] for i in (0, 1))
        assert len(a) == len(b) >= 3
        assert len(np.setdiff1d(a, b)) == 1                              # one peak moved
        moved = abs(np.setdiff1d(a, b)[0] - np.setdiff1d(b, a)[0])
        assert 29.0 <= moved <= 46.0, (k, moved)
    assert capstone.SUBSTANCES == capstone._make_substances()           # the same every time


def test_make_capstone_spectra_shapes_labels_and_seed():
    X, y, axis = capstone.make_capstone_spectra(30, [3, 5, 40], "B", seed=4)
    assert X.shape == (30, capstone.N_POINTS) and X.dtype == np.float32 and np.isfinite(X).all()
    assert y.dtype == np.int64 and set(y) == {3, 5, 40} and np.bincount(y)[[3, 5, 40]].tolist() == [10, 10, 10]
    assert axis.shape == (capstone.N_POINTS,) and axis[0] == 400.0 and axis[-1] == 1800.0
    X2, y2, _ = capstone.make_capstone_spectra(30, [3, 5, 40], "B", seed=4)
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(y, y2)
    with pytest.raises(ValueError):
        capstone.make_capstone_spectra(5, [0], "D")
    with pytest.raises(ValueError):
        capstone.make_capstone_spectra(5, [48], "A")


def test_instruments_differ_as_documented():
    widths = {}
    for inst in "ABC":
        X, _, axis = capstone.make_capstone_spectra(40, [0], inst, max_shift=0.0, seed=1)
        clean = X @ capstone.baseline_projection(axis)
        peak = clean.mean(axis=0)
        widths[inst] = np.count_nonzero(peak > peak.max() / 2)
    assert widths["A"] < widths["B"] < widths["C"]


def test_baseline_projection_matches_polyfit():
    axis = np.linspace(400.0, 1800.0, 200)
    rng = np.random.default_rng(0)
    X = rng.normal(size=(4, 200)) + np.polyval([1e-8, -2e-5, 0.01, 3.0], axis)
    M = capstone.baseline_projection(axis, degree=3)
    expected = np.stack([row - np.polyval(np.polyfit(axis, row, 3), axis) for row in X])
    np.testing.assert_allclose(X @ M, expected, atol=1e-8)
    np.testing.assert_allclose(M, M.T, atol=1e-12)


def test_make_preprocessing_is_baseline_removal_then_snv():
    pytest.importorskip("keras")
    X, _, axis = capstone.make_capstone_spectra(6, [1, 2], "C", seed=2)
    model = capstone.make_preprocessing(axis)
    out = np.asarray(model(X))
    clean = X.astype(float) @ capstone.baseline_projection(axis)
    snv = (clean - clean.mean(axis=1, keepdims=True)) / clean.std(axis=1, keepdims=True)
    np.testing.assert_allclose(out, snv, atol=1e-3)
    assert not model.trainable_weights


def test_make_triplets():
    y = np.array([0, 0, 1, 1, 1, 2, 2])
    a, p, n = capstone.make_triplets(y, 500, np.random.default_rng(0))
    assert a.shape == p.shape == n.shape == (500,)
    assert np.all(y[a] == y[p]) and np.all(a != p) and np.all(y[a] != y[n])
    assert set(a) == set(range(7))
    with pytest.raises(ValueError):
        capstone.make_triplets(np.array([0, 0, 1]), 3, np.random.default_rng(0))
    with pytest.raises(ValueError):
        capstone.make_triplets(np.array([0, 0]), 3, np.random.default_rng(0))
