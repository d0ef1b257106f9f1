"""Unit tests of course_lib.layers (the transformer layers of 06_transformers onwards)."""
import numpy as np
import pytest

keras = pytest.importorskip("keras")

from course_lib.layers import AttentionPooling, PositionalEmbedding, TransformerBlock  # noqa: E402


def _encoder(causal=False, norm_first=False, mask_zero=False, length=7):
    keras.utils.set_random_seed(0)
    ids = keras.Input((length,), dtype="int32")
    x = PositionalEmbedding(20, length, 8, mask_zero=mask_zero)(ids)
    x = TransformerBlock(2, 4, 16, causal=causal, norm_first=norm_first)(x)
    return keras.Model(ids, x)


def test_positional_embedding_adds_positions_and_passes_the_mask():
    layer = PositionalEmbedding(10, 5, 4, mask_zero=True)
    ids = np.array([[3, 3, 3, 0, 0]])
    out = keras.ops.convert_to_numpy(layer(ids))
    assert out.shape == (1, 5, 4)
    assert not np.allclose(out[0, 0], out[0, 1])       # same token, different positions
    mask = keras.ops.convert_to_numpy(layer.compute_mask(ids))
    assert mask.tolist() == [[True, True, True, False, False]]


@pytest.mark.parametrize("norm_first", [False, True])
def test_causal_block_does_not_look_ahead(norm_first):
    model = _encoder(causal=True, norm_first=norm_first)
    rng = np.random.default_rng(1)
    a = rng.integers(1, 20, size=(1, 7))
    b = a.copy()
    b[0, 4:] = rng.integers(1, 20, size=3)              # change the future only
    out_a, out_b = (keras.ops.convert_to_numpy(model(v)) for v in (a, b))
    assert np.allclose(out_a[0, :4], out_b[0, :4], atol=1e-5)
    assert not np.allclose(out_a[0, 4:], out_b[0, 4:])


def test_bidirectional_block_looks_ahead():
    model = _encoder(causal=False)
    a = np.array([[1, 2, 3, 4, 5, 6, 7]])
    b = a.copy()
    b[0, -1] = 9
    out_a, out_b = (keras.ops.convert_to_numpy(model(v)) for v in (a, b))
    assert not np.allclose(out_a[0, 0], out_b[0, 0])


def test_padding_mask_keeps_padding_out_of_the_attention():
    model = _encoder(mask_zero=True, length=9)
    short = np.array([[5, 6, 7, 8, 0, 0, 0, 0, 0]])
    other_pad = short.copy()                            # padding is id 0 everywhere: change the length
    out = keras.ops.convert_to_numpy(model(short))
    block = model.layers[-1]
    x = model.layers[1](short)
    _, weights = block(x, mask=model.layers[1].compute_mask(short), return_attention=True)
    w = keras.ops.convert_to_numpy(weights)
    assert w.shape == (1, 2, 9, 9)
    assert np.allclose(w[0, :, :4].sum(-1), 1.0, atol=1e-5)
    assert np.allclose(w[0, :, :4, 4:], 0.0, atol=1e-6)   # real tokens never look at padding
    assert np.allclose(out, keras.ops.convert_to_numpy(model(other_pad)))


def test_causal_attention_weights_are_lower_triangular():
    block = TransformerBlock(2, 4, 8, causal=True)
    x = np.random.default_rng(0).normal(size=(3, 6, 8)).astype("float32")
    out, w = block(x, return_attention=True)
    w = keras.ops.convert_to_numpy(w)
    assert tuple(out.shape) == (3, 6, 8) and w.shape == (3, 2, 6, 6)
    assert np.allclose(np.triu(w, k=1), 0.0, atol=1e-6)
    assert np.allclose(w.sum(-1), 1.0, atol=1e-5)


def test_attention_pooling_weights_and_mask():
    keras.utils.set_random_seed(0)
    pool = AttentionPooling(8)
    x = np.random.default_rng(2).normal(size=(2, 5, 3)).astype("float32")
    mask = np.array([[True] * 5, [True, True, True, False, False]])
    pooled, w = pool(x, mask=mask, return_attention=True)
    w = keras.ops.convert_to_numpy(w)
    assert tuple(pooled.shape) == (2, 3) and w.shape == (2, 5)
    assert np.allclose(w.sum(-1), 1.0, atol=1e-5) and np.allclose(w[1, 3:], 0.0)
    assert np.allclose(keras.ops.convert_to_numpy(pooled), np.einsum("bt,btc->bc", w, x), atol=1e-5)


def test_models_of_these_layers_save_and_load(tmp_path):
    keras.utils.set_random_seed(0)
    ids = keras.Input((6,), dtype="int32")
    x = PositionalEmbedding(12, 6, 8, mask_zero=True)(ids)
    x = TransformerBlock(2, 4, 16, dropout=0.1, norm_first=True)(x)
    x = AttentionPooling(4)(x)
    model = keras.Model(ids, keras.layers.Dense(3)(x))
    path = tmp_path / "m.keras"
    model.save(path)
    loaded = keras.saving.load_model(path)
    v = np.array([[1, 2, 3, 0, 0, 0], [4, 5, 6, 7, 8, 9]])
    assert np.allclose(keras.ops.convert_to_numpy(model(v)), keras.ops.convert_to_numpy(loaded(v)), atol=1e-5)
    assert keras.models.clone_model(model).count_params() == model.count_params()
