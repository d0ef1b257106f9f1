"""Unit tests of course_lib.data.rings (the ring of Gaussians of 05_generative/03_gans)."""
import numpy as np

from course_lib.data.rings import make_ring, mode_counts, modes_covered, ring_centres


def test_centres_lie_on_the_circle():
    c = ring_centres(8, 2.0)
    assert c.shape == (8, 2)
    assert np.allclose(np.linalg.norm(c, axis=1), 2.0)
    assert np.allclose(c[0], [2.0, 0.0])


def test_make_ring_is_seeded_float32_and_balanced():
    x = make_ring(4000, seed=3)
    assert x.shape == (4000, 2) and x.dtype == np.float32
    assert np.array_equal(x, make_ring(4000, seed=3))
    assert not np.array_equal(x, make_ring(4000, seed=4))
    counts = mode_counts(x)
    assert counts.sum() > 0.98 * len(x)          # 3 std holds 98.9 % of a 2-D Gaussian
    assert counts.min() > 400 and counts.max() < 600


def test_modes_covered_counts_real_collapsed_and_lost_samples():
    assert modes_covered(make_ring(1000, seed=0)) == 8
    one = ring_centres()[2] + 0.01 * np.random.default_rng(0).normal(size=(500, 2))
    assert modes_covered(one) == 1
    assert mode_counts(one)[2] == 500
    assert modes_covered(np.zeros((100, 2))) == 0    # the centre of the ring is far from every mode
    two = np.concatenate([one, ring_centres()[[5]] * np.ones((5, 2))])
    assert modes_covered(two) == 1                   # 5 of 505 samples: under 2 %
    assert modes_covered(two, min_fraction=0.005) == 2


def test_other_ring_sizes():
    x = make_ring(2000, n_modes=5, radius=1.0, std=0.02, seed=1)
    assert modes_covered(x, n_modes=5, radius=1.0, std=0.02) == 5
    assert mode_counts(x, n_modes=5, radius=1.0, std=0.02).shape == (5,)
