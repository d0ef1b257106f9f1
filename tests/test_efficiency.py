"""course_lib.efficiency and course_lib.multiworker (07_challenges/04_scaling_and_shrinking)."""
import numpy as np
import pytest

from course_lib import multiworker


def test_weights_checksum_sees_every_bit():
    a = [np.arange(6, dtype=np.float32).reshape(2, 3), np.ones(4, np.float32)]
    b = [w.copy() for w in a]
    assert multiworker.weights_checksum(a) == multiworker.weights_checksum(b)
    total, _ = multiworker.weights_checksum(a)
    assert total == pytest.approx(19.0)
    b[1][2] = np.nextafter(np.float32(1), np.float32(2))
    assert multiworker.weights_checksum(a)[1] != multiworker.weights_checksum(b)[1]


def test_multiworker_needs_an_output_path():
    with pytest.raises(SystemExit):
        multiworker.main([])


@pytest.fixture(scope="module")
def tiny_model():
    keras = pytest.importorskip("keras")
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((4, 4, 1)), keras.layers.Conv2D(4, 3, activation="relu"),
                              keras.layers.Flatten(), keras.layers.Dense(64, activation="relu"), keras.layers.Dense(3)])
    return model


def test_litert_float_and_int8_agree_with_keras(tiny_model):
    pytest.importorskip("ai_edge_litert")
    from course_lib.efficiency import LiteRTModel, keras_predictor, to_litert

    x = np.random.default_rng(0).uniform(size=(40, 4, 4, 1)).astype(np.float32)
    ref = keras_predictor(tiny_model)(x)
    f32 = LiteRTModel(to_litert(tiny_model))
    np.testing.assert_allclose(f32.predict(x), ref, rtol=1e-4, atol=1e-5)
    q = LiteRTModel(to_litert(tiny_model, representative=x))
    assert q.input_dtype == np.int8
    assert q.size < f32.size and 0 < q.gzip_size()
    out = q(x)
    assert out.shape == ref.shape and out.dtype == np.float32
    assert np.abs(out - ref).max() < 0.1 * np.abs(ref).max() + 1e-3


def test_sizes_and_latency(tiny_model):
    from course_lib.efficiency import keras_file_sizes, keras_predictor, latency_per_example

    plain, packed = keras_file_sizes(tiny_model)
    assert 0 < packed < plain
    tiny_model.compile(optimizer="adam", loss="mse")
    tiny_model.fit(np.zeros((4, 4, 4, 1)), np.zeros((4, 3)), verbose=0)
    # Adam's state would double the weights' bytes; only the compile settings (a few hundred bytes) are added.
    assert keras_file_sizes(tiny_model)[0] < plain + 2000
    assert tiny_model.optimizer is not None
    lat = latency_per_example(keras_predictor(tiny_model), np.zeros((10, 4, 4, 1), np.float32), n=5, repeats=1)
    assert 0 < lat < 1.0
