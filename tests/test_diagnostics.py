"""Deep networks to diagnose and their figures (course_lib.diagnostics)."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import pytest

keras = pytest.importorskip("keras")

from course_lib.diagnostics import build_deep_mlp, plot_layer_norms, plot_learning_curves


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def _dense(model):
    return [l for l in model.layers if isinstance(l, keras.layers.Dense)]


def test_plain_deep_mlp_has_depth_plus_one_dense_layers():
    model = build_deep_mlp(8, 3, depth=4, width=5, activation="sigmoid")
    dense = _dense(model)
    assert len(dense) == 5 and [l.units for l in dense] == [5, 5, 5, 5, 3]
    assert all(l.activation.__name__ == "sigmoid" for l in dense[:-1]) and dense[-1].activation.__name__ == "softmax"
    out = model(np.zeros((2, 8), dtype="float32"))
    assert tuple(out.shape) == (2, 3)
    np.testing.assert_allclose(np.asarray(out).sum(axis=1), 1.0, rtol=1e-5)


def test_batch_norm_and_residual_blocks():
    bn = build_deep_mlp(8, 3, depth=3, width=4, batch_norm=True)
    kinds = [type(l).__name__ for l in bn.layers]
    assert kinds.count("BatchNormalization") == 3 and kinds.count("Activation") == 3
    assert all(not l.use_bias for l in _dense(bn)[:-1])
    res = build_deep_mlp(8, 3, depth=3, width=8, residual=True)
    assert [type(l).__name__ for l in res.layers].count("Add") == 2   # every block after the first
    with pytest.raises(ValueError):
        build_deep_mlp(8, 3, depth=0)


def test_initializer_sets_the_hidden_kernels_only():
    keras.utils.set_random_seed(0)
    model = build_deep_mlp(64, 10, depth=3, width=64, initializer=keras.initializers.RandomNormal(stddev=0.5))
    dense = _dense(model)
    stds = [float(np.std(np.asarray(l.kernel))) for l in dense]
    assert all(0.45 < s < 0.55 for s in stds[:-1]) and stds[-1] < 0.3
    k1, k2 = np.asarray(dense[1].kernel), np.asarray(dense[2].kernel)
    assert not np.allclose(k1, k2)                                   # each layer draws its own weights


def test_plots_draw_and_check_shapes(tmp_path):
    sizes = [10, 20, 40]
    rng = np.random.default_rng(0)
    curves = {"a": (rng.uniform(size=(3, 4)), rng.uniform(size=(3, 4))),
              "b": (rng.uniform(size=(3, 4)), rng.uniform(size=(3, 4)))}
    axes = plot_learning_curves(sizes, curves, target=0.9)
    assert len(axes) == 2 and axes[0].get_xlabel() == "training examples" and axes[0].get_title() == "a"
    axes[0].figure.savefig(tmp_path / "curves.png")
    with pytest.raises(ValueError, match="sizes"):
        plot_learning_curves(sizes, {"bad": (np.zeros((2, 4)), np.zeros((2, 4)))})
    ax = plot_layer_norms({"vanishing": [1e-9, 1e-5, 0.0, 1.0], "flat": [1.0, 1.0, np.inf, 1.0]})
    assert ax.get_yscale() == "log" and len(ax.get_lines()) == 2
    assert np.isnan(ax.get_lines()[0].get_ydata()[2]) and np.isnan(ax.get_lines()[1].get_ydata()[2])
    ax.figure.savefig(tmp_path / "norms.png")
