"""course_lib.scarcity: the augmentation layer, the model builders and the segment masks."""
import numpy as np
import pytest

keras = pytest.importorskip("keras")

from course_lib.scarcity import (SpectrumAugment, balanced_accuracy, make_classifier, make_decoder, make_encoder,
                                 random_segment_mask)


def test_augment_changes_only_in_training():
    x = np.random.default_rng(0).normal(size=(6, 64, 1)).astype("float32")
    layer = SpectrumAugment(max_shift=3, scale=0.1, noise=0.05, seed=1)
    assert np.allclose(layer(x, training=False), x)
    out = np.asarray(layer(x, training=True))
    assert out.shape == x.shape and not np.allclose(out, x)


def test_augment_shift_is_edge_filled_and_bounded():
    ramp = np.arange(32, dtype="float32")[None, :, None].repeat(50, axis=0)
    out = np.asarray(SpectrumAugment(max_shift=2, scale=0.0, noise=0.0, seed=3)(ramp, training=True))[..., 0]
    shifts = out[:, 10] - 10.0                                   # s[j] = x[j - L]  ->  s[10] = 10 - L
    assert set(np.round(-shifts).astype(int)) <= {-2, -1, 0, 1, 2}
    assert len(set(np.round(shifts).astype(int))) > 1
    assert out.min() >= 0.0 and out.max() <= 31.0                # edge values repeated, nothing wraps around


def test_augment_round_trips_through_config():
    layer = SpectrumAugment(max_shift=5, scale=0.2, noise=0.3, seed=4)
    again = SpectrumAugment.from_config(layer.get_config())
    assert (again.max_shift, again.scale, again.noise, again.seed) == (5, 0.2, 0.3, 4)


def test_models_have_the_documented_shapes():
    enc = make_encoder(128)
    assert enc.output_shape == (None, 8, 32)
    assert make_decoder(128)(enc(np.zeros((2, 128, 1), "float32"))).shape == (2, 128, 1)
    clf = make_classifier(enc, 3, augment=SpectrumAugment(seed=0))
    probs = np.asarray(clf(np.zeros((2, 128, 1), "float32")))
    assert probs.shape == (2, 3) and np.allclose(probs.sum(axis=1), 1.0, atol=1e-5)
    # the head keeps a coarse position: max pooling by 4 (8 -> 2 positions), flatten, Dense
    assert clf.layers[-1].kernel.shape == (2 * 32, 3)


def test_random_segment_mask():
    m = random_segment_mask(20, 100, n_segments=3, length=10, rng=0)
    assert m.shape == (20, 100, 1) and m.dtype == np.float32 and set(np.unique(m)) <= {0.0, 1.0}
    per_row = m[..., 0].sum(axis=1)
    assert per_row.min() >= 10 and per_row.max() <= 30
    assert np.array_equal(m, random_segment_mask(20, 100, 3, 10, rng=0))
    with pytest.raises(ValueError):
        random_segment_mask(2, 10, length=11)


def test_balanced_accuracy():
    assert balanced_accuracy([0, 0, 0, 1], [0, 0, 0, 0]) == pytest.approx(0.5)
    assert balanced_accuracy([0, 1, 2], [0, 1, 2]) == 1.0
    # a class only predicted: recall of 0 and 1 only, (1/2 + 1) / 2
    assert balanced_accuracy([0, 0, 1], [0, 2, 1]) == pytest.approx(0.75)
    assert isinstance(balanced_accuracy(np.array([0, 1]), np.array([1, 1])), float)
