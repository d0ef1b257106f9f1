"""Synthetic spectra and shapes: shapes, seeds, imbalance, and that the signal is really there."""
import numpy as np
import pytest

from course_lib import synthetic


def test_spectra_shapes_seed_and_imbalance():
    X, y, axis = synthetic.make_spectra(n=200, n_points=256, seed=1)
    assert X.shape == (200, 256) and X.dtype == np.float32 and axis.shape == (256,)
    assert np.bincount(y).tolist() == [80, 60, 40, 20]
    X2, y2, _ = synthetic.make_spectra(n=200, n_points=256, seed=1)
    np.testing.assert_array_equal(X, X2)
    X3, _, _ = synthetic.make_spectra(n=200, n_points=256, seed=2)
    assert not np.allclose(X, X3)


def test_spectra_classes_have_their_peaks():
    X, y, axis = synthetic.make_spectra(n=400, noise=0.0, baseline=0.0, max_shift=0.0, seed=3)
    for c, peaks in enumerate(synthetic.SPECTRAL_CLASSES):
        mean = X[y == c].mean(axis=0)
        for centre, _, _ in peaks:
            i = np.argmin(np.abs(axis - centre))
            window = mean[max(i - 3, 0): i + 4]
            assert window.max() > 0.3, f"class {c}: no peak near {centre}"
    # Classes 0 and 1 differ only by the third peak (1450 vs 1480).
    m0, m1 = X[y == 0].mean(0), X[y == 1].mean(0)
    i1450, i1480 = np.argmin(np.abs(axis - 1450)), np.argmin(np.abs(axis - 1480))
    assert m0[i1450] > m1[i1450] and m1[i1480] > m0[i1480]


def test_spectra_domain_b_is_broader_and_offset():
    kw = dict(n=300, noise=0.0, baseline=0.0, max_shift=0.0, class_weights=(1.0,), seed=4)
    XA, _, axis = synthetic.make_spectra(domain="A", **kw)
    XB, _, _ = synthetic.make_spectra(domain="B", **kw)
    a, b = XA.mean(0), XB.mean(0)
    region = (axis > 480) & (axis < 560)
    peak_a = axis[region][np.argmax(a[region])]
    peak_b = axis[region][np.argmax(b[region])]
    assert 3 < peak_b - peak_a < 10  # calibration offset of domain B
    width = lambda s: np.sum(s[region] > s[region].max() / 2)
    assert width(b) > 1.3 * width(a)  # broader peaks
    with pytest.raises(ValueError, match="domain"):
        synthetic.make_spectra(domain="C")


def test_shapes_boxes_and_masks_agree():
    images, labels, boxes, masks = synthetic.make_shapes(n=60, size=32, seed=5)
    assert images.shape == (60, 32, 32, 1) and images.dtype == np.float32
    assert 0.0 <= images.min() and images.max() <= 1.0
    assert np.bincount(labels).tolist() == [20, 20, 20]
    for img, box, mask in zip(images, boxes, masks):
        rows, cols = np.flatnonzero(mask.any(1)), np.flatnonzero(mask.any(0))
        np.testing.assert_allclose(box * 32, [rows[0], cols[0], rows[-1] + 1, cols[-1] + 1])
        assert img[..., 0][mask == 1].mean() > img[..., 0][mask == 0].mean() + 0.3
    again = synthetic.make_shapes(n=60, size=32, seed=5)
    np.testing.assert_array_equal(again[0], images)


def test_shape_kinds_differ_in_fill_ratio():
    _, labels, boxes, masks = synthetic.make_shapes(n=300, seed=6)
    area = masks.sum(axis=(1, 2))
    box_area = (boxes[:, 2] - boxes[:, 0]) * (boxes[:, 3] - boxes[:, 1]) * 32 * 32
    fill = area / box_area
    means = [fill[labels == k].mean() for k in range(3)]
    assert means[0] > 0.95 and 0.7 < means[1] < 0.85 and 0.4 < means[2] < 0.6  # square, disc, triangle


# ----------------------------------------------------------------- spectral faults

def test_spectral_faults_change_a_copy_only_where_the_fault_is():
    from course_lib.synthetic import FAULT_KINDS, add_spectral_faults, make_spectra

    X, _, axis = make_spectra(n=40, seed=3)
    before = X.copy()
    for kind in FAULT_KINDS:
        faulty = add_spectral_faults(X, axis, kind, seed=5)
        assert faulty.shape == X.shape and faulty.dtype == np.float32
        np.testing.assert_array_equal(X, before)                     # the input is untouched
        changed = np.abs(faulty - X) > 1e-6
        assert changed.any(axis=1).all(), kind                       # every spectrum got its fault
        if kind == "contaminant":
            peak_at = axis[np.argmax(faulty - X, axis=1)]
            assert ((peak_at > 840) & (peak_at < 920)).all()
            assert 0.29 < (faulty - X).max(axis=1).min() and (faulty - X).max() < 0.61
        elif kind == "dead_band":
            zeros = (faulty == 0).sum(axis=1)
            assert (zeros >= 20).all() and (zeros <= 40).all()
        else:
            assert (changed.sum(axis=1) >= 2).all() and (changed.sum(axis=1) <= 4).all()
        np.testing.assert_array_equal(add_spectral_faults(X, axis, kind, seed=5), faulty)   # seeded


def test_spectral_faults_reject_an_unknown_kind():
    from course_lib.synthetic import add_spectral_faults

    with pytest.raises(ValueError, match="contaminant"):
        add_spectral_faults(np.zeros((2, 10)), np.arange(10.0), "smudge")
