"""Unit tests of course_lib.data.sounds (the synthetic sounds of 08_applications/03_audio)."""
import numpy as np
import pytest

from course_lib.data.sounds import SAMPLE_RATE, SOUND_CLASSES, make_sound, make_sounds


def test_make_sounds_is_seeded_balanced_and_float32():
    x, y = make_sounds(6, seed=3)
    assert x.shape == (6 * len(SOUND_CLASSES), SAMPLE_RATE // 2) and x.dtype == np.float32
    assert y.dtype == np.int64 and np.array_equal(np.bincount(y), [6] * len(SOUND_CLASSES))
    x2, y2 = make_sounds(6, seed=3)
    assert np.array_equal(x, x2) and np.array_equal(y, y2)
    assert not np.array_equal(x, make_sounds(6, seed=4)[0])
    assert np.all(np.isfinite(x)) and np.abs(x).max() < 2.0
    assert len(set(y[:10].tolist())) > 1                      # shuffled, not sorted by class


def test_duration_rate_and_class_subset():
    x, y = make_sounds(2, seed=0, duration=0.25, sample_rate=16000, classes=("tone", "clicks"))
    assert x.shape == (4, 4000) and set(y.tolist()) == {0, 1}
    with pytest.raises(ValueError):
        make_sound("whistle", 0)


def _dominant_frequency(clip, sr=SAMPLE_RATE):
    spectrum = np.abs(np.fft.rfft(clip))
    return np.fft.rfftfreq(len(clip), 1 / sr)[spectrum.argmax()]


def test_the_classes_have_their_character():
    rng = np.random.default_rng(0)
    for _ in range(5):
        tone = make_sound("tone", rng, noise_level=0.0)
        assert 250 < _dominant_frequency(tone) < 3050
        harmonic = make_sound("harmonic", rng, noise_level=0.0)
        assert _dominant_frequency(harmonic) < 3000
        clicks = make_sound("clicks", rng, noise_level=0.0)
        assert np.mean(np.abs(clicks) > 1e-3) < 0.2           # short events, silence in between
        quiet = make_sound("tone", rng, noise_level=0.0)
        assert np.abs(quiet[:10]).max() < 1.0 and np.abs(quiet).max() >= 0.29
    # the background noise has the level asked for (where no event is)
    noise_only = make_sound("clicks", 1, noise_level=0.1)
    assert 0.05 < np.median(np.abs(noise_only)) / 0.6745 < 0.2
    # a chirp's frequency moves: its first and last quarter of the event peak at different frequencies
    chirp = make_sound("chirp", 5, noise_level=0.0)
    on = np.flatnonzero(np.abs(chirp) > 1e-3)
    a, b = on[0], on[-1]
    q = (b - a) // 4
    assert abs(_dominant_frequency(chirp[a:a + q]) - _dominant_frequency(chirp[b - q:b])) > 300
