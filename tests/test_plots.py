"""Shared figures render, with labelled axes."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import pytest

from course_lib import plots
from course_lib.data import load_digits, make_toy2d


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def test_plot_history_with_validation(tmp_path):
    hist = {"loss": [1.0, 0.5, 0.3], "val_loss": [1.1, 0.7, 0.6], "accuracy": [0.5, 0.7, 0.9]}
    axes = plots.plot_history(hist, metrics=("loss", "accuracy"))
    assert len(axes) == 2 and axes[0].get_xlabel() == "epoch"
    assert [l.get_label() for l in axes[0].get_lines()] == ["training loss", "validation loss"]
    axes[0].figure.savefig(tmp_path / "h.png")


def test_plot_history_accepts_keras_history_object():
    class H:
        history = {"loss": [2.0, 1.0]}

    assert len(plots.plot_history(H())) == 1
    with pytest.raises(ValueError, match="it has: loss"):
        plots.plot_history(H(), metrics=("accuracy",))


def test_show_images_marks_mistakes_in_red():
    images, labels = load_digits(n=10)
    preds = labels.copy()
    preds[3] = (preds[3] + 1) % 10
    fig = plots.show_images(images, labels, predictions=preds, ncols=5)
    titles = [ax.get_title() for ax in fig.axes][:10]
    colours = [ax.title.get_color() for ax in fig.axes][:10]
    assert titles[0] == f"{labels[0]} -> {preds[0]}"
    assert colours[3] == "red" and colours[0] == "black"


def test_show_images_symmetric_weights():
    fig = plots.show_images(np.random.default_rng(0).normal(size=(3, 4, 4)), symmetric=True, ncols=3)
    assert len(fig.axes) == 3


@pytest.mark.parametrize("kind", ["moons", "spirals"])
def test_decision_boundary_binary_and_multiclass(kind, tmp_path):
    X, y = make_toy2d(kind, n=60)
    k = len(np.unique(y))
    if k == 2:
        predict = lambda g: (g[:, 0] > 0).astype(float)
    else:
        predict = lambda g: np.eye(3)[(np.arctan2(g[:, 1], g[:, 0]) > 0).astype(int) + (g[:, 0] > 0)]
    ax = plots.plot_decision_boundary(predict, X, y, title=kind)
    assert ax.get_xlabel() and ax.get_ylabel() and ax.get_title() == kind
    ax.figure.savefig(tmp_path / f"{kind}.png")


def test_plot_functions():
    ax = plots.plot_functions({"relu": lambda z: np.maximum(z, 0), "tanh": np.tanh}, title="activations")
    assert len(ax.get_lines()) >= 2 and ax.get_title() == "activations"


def test_compare_histories_shares_y_axis(tmp_path):
    runs = {"lr = 0.001": {"loss": [1.0, 0.99], "val_loss": [1.0, 1.0]}, "lr = 0.1": {"loss": [1.0, 0.2]}}
    axes = plots.compare_histories(runs, title="learning rates")
    assert [ax.get_title() for ax in axes] == ["lr = 0.001", "lr = 0.1"]
    assert len(axes[0].get_lines()) == 2 and len(axes[1].get_lines()) == 1
    axes[0].figure.savefig(tmp_path / "c.png")
    with pytest.raises(ValueError, match="has no 'accuracy'"):
        plots.compare_histories(runs, metric="accuracy")


def test_plot_loss_surface_with_trajectories(tmp_path):
    bowl = lambda a, b: a**2 + 10 * b**2
    path = np.array([[1.5, 1.0], [1.0, 0.2], [0.5, 0.05], [0.1, 0.0]])
    ax = plots.plot_loss_surface(bowl, trajectories={"sgd": path}, title="bowl")
    assert ax.get_title() == "bowl" and ax.get_xlabel() == "$w_1$"
    assert any(l.get_label() == "sgd" for l in ax.get_lines())
    ax.figure.savefig(tmp_path / "s.png")
    # A loss that reaches zero or below still draws with log levels.
    plots.plot_loss_surface(lambda a, b: a**2 + b**2 - 1.0)


def test_plot_spectra_colours_by_class(tmp_path):
    from course_lib.synthetic import make_spectra

    X, y, axis = make_spectra(n=40, seed=1)
    ax = plots.plot_spectra(axis, X[..., None], y, per_class=2, offset=1.0)
    assert len(ax.get_lines()) == 2 * len(np.unique(y))
    assert "wavenumber" in ax.get_xlabel()
    ax.figure.savefig(tmp_path / "s.png")
    with pytest.raises(ValueError, match="match the axis"):
        plots.plot_spectra(axis[:10], X)


def test_show_boxes_and_masks(tmp_path):
    from course_lib.synthetic import make_shapes

    images, labels, boxes, masks = make_shapes(n=4, seed=2)
    fig = plots.show_boxes(images, boxes, predicted=boxes * 0.9, ncols=4)
    assert len(fig.axes[0].patches) == 2
    fig.savefig(tmp_path / "b.png")
    fig = plots.show_masks(images, masks, predicted=masks.astype(float), n=4)
    assert fig.axes[0].get_ylabel() == "image" and len(fig.axes) == 12
    fig.savefig(tmp_path / "m.png")


def test_plot_label_curves(tmp_path):
    ax = plots.plot_label_curves([8, 32, 128], {"scratch": [0.3, 0.5, 0.8], "fine-tune": [0.6, 0.8, 0.9]}, chance=0.25)
    assert ax.get_xscale() == "log" and len(ax.get_lines()) == 3
    ax.figure.savefig(tmp_path / "l.png")
    with pytest.raises(ValueError, match="scores"):
        plots.plot_label_curves([1, 2], {"a": [0.1]})


def test_show_boxes_on_non_square_images():
    img = np.zeros((1, 20, 40))
    fig = plots.show_boxes(img, np.array([[0.0, 0.5, 1.0, 1.0]]), ncols=1)
    rect = fig.axes[0].patches[0]
    assert rect.get_x() == 19.5 and rect.get_width() == 20 and rect.get_height() == 20


def test_draw_network_one_marker_per_unit_one_line_per_weight(tmp_path):
    sizes = [3, 4, 4, 2]
    ax = plots.draw_network(sizes)
    assert len(ax.get_lines()) == 3 * 4 + 4 * 4 + 4 * 2
    assert [len(c.get_offsets()) for c in ax.collections] == sizes
    texts = [t.get_text() for t in ax.texts]
    assert texts == ["input\n3 features", "hidden layer 1\n4 units", "hidden layer 2\n4 units", "output layer\n2 units"]
    ax.figure.savefig(tmp_path / "n.png")


def test_draw_network_with_names_writes_shapes_on_the_given_axes():
    fig, ax = plt.subplots()
    out = plots.draw_network([2, 8, 1], ["input $X$", "hidden", "output"], ax)
    assert out is ax
    texts = [t.get_text() for t in ax.texts]
    assert "$W^{(1)}$: (2, 8)\n$b^{(1)}$: (8,)" in texts and "$W^{(2)}$: (8, 1)\n$b^{(2)}$: (1,)" in texts
    assert "hidden\nshape (n, 8)" in texts
    assert not any("shape" in t for t in (t.get_text() for t in plots.draw_network([2, 1], ["a", "b"], shapes=False).texts))
    with pytest.raises(ValueError, match="names"):
        plots.draw_network([2, 3], ["only one"])


def test_image_grids_hide_unused_panels():
    images = np.zeros((5, 6, 6))
    fig = plots.show_images(images, ncols=4)
    assert len(fig.axes) == 8 and [len(ax.images) for ax in fig.axes] == [1] * 5 + [0] * 3
    assert not any(ax.axison for ax in fig.axes)


# ----------------------------------------------------------------- latent spaces (05_generative)

def test_plot_latent_2d_labels_each_class_at_its_centre(tmp_path):
    rng = np.random.default_rng(0)
    labels = np.repeat(np.arange(3), 20)
    codes = rng.normal(size=(60, 2)) * 0.1 + np.array([[0, 0], [5, 0], [0, 5]])[labels]
    ax = plots.plot_latent_2d(codes, labels, title="codes")
    texts = {t.get_text(): t.get_position() for t in ax.texts}
    assert set(texts) == {"0", "1", "2"}
    assert abs(texts["1"][0] - 5) < 0.2 and abs(texts["2"][1] - 5) < 0.2
    assert ax.get_xlabel() and ax.get_ylabel() and ax.get_title() == "codes"
    ax.figure.savefig(tmp_path / "latent.png")
    with pytest.raises(ValueError, match=r"\(n, 2\)"):
        plots.plot_latent_2d(np.zeros((5, 3)), np.zeros(5))


def test_show_latent_grid_tiles_the_decoded_codes_with_z2_upwards():
    seen = []

    def decode(codes):
        seen.append(codes)
        # image k is filled with the code's second coordinate: the top row must hold the largest z2
        return np.repeat(codes[:, 1:2], 4, axis=1).reshape(-1, 2, 2)

    ax = plots.show_latent_grid(decode, [-1.0, -1e-17, 1.0], [-2.0, 2.0], image_shape=(2, 2))
    assert seen[0].shape == (6, 2)
    canvas = ax.images[0].get_array()
    assert canvas.shape == (4, 6) and canvas[0, 0] == 2.0 and canvas[-1, 0] == -2.0
    assert [t.get_text() for t in ax.get_xticklabels()] == ["-1.00", "0.00", "1.00"]


def test_show_image_rows_has_one_titled_row_per_entry():
    rows = [np.zeros((4, 28, 28)), np.ones((3, 784))]
    fig = plots.show_image_rows(rows, ["first", "second"])
    axes = np.array(fig.axes).reshape(2, 4)
    assert axes[0, 0].get_ylabel() == "first" and axes[1, 0].get_ylabel() == "second"
    assert len(axes[1, 3].images) == 0 and len(axes[1, 2].images) == 1
    with pytest.raises(ValueError, match="titles"):
        plots.show_image_rows(rows, ["only one"])


# -- attention (06_transformers) ------------------------------------------------
def test_attention_plots_draw_and_check_shapes():
    import matplotlib.pyplot as plt

    from course_lib.plots import (plot_attention, plot_attention_heads, plot_attention_over_positions,
                                  plot_attention_patterns)

    w = np.full((3, 3), 1 / 3)
    ax = plot_attention(w, keys=["a", "b", "c"], annotate=True, title="t")
    assert [t.get_text() for t in ax.get_xticklabels()] == ["a", "b", "c"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["a", "b", "c"]   # queries default to keys
    assert ax.get_title() == "t" and len(ax.texts) == 9
    with pytest.raises(ValueError, match="2 keys labels"):
        plot_attention(w, keys=["a", "b"])
    with pytest.raises(ValueError, match="2-D"):
        plot_attention(np.ones(3))
    fig = plot_attention_heads(np.stack([w, np.eye(3)]), tokens=list("abc"), title="heads")
    assert [a.get_title() for a in fig.axes[:2]] == ["head 1", "head 2"]
    with pytest.raises(ValueError, match="num_heads"):
        plot_attention_heads(w)
    n = 5
    fig = plot_attention_patterns({"bidirectional": np.ones((n, n)), "causal": np.tril(np.ones((n, n)))})
    assert [a.get_title() for a in fig.axes] == ["bidirectional", "causal"]
    with pytest.raises(ValueError, match="empty"):
        plot_attention_patterns({})
    ax = plot_attention_over_positions(np.sin(np.linspace(0, 3, 40)), np.full(10, 0.1),
                                       axis=np.linspace(400, 1800, 40), axis_label="wavenumber")
    assert ax.get_xlabel() == "wavenumber" and len(ax.figure.axes) == 2
    with pytest.raises(ValueError, match="axis has"):
        plot_attention_over_positions(np.ones(5), np.ones(5), axis=np.ones(4))
    plt.close("all")


def test_seconds_per_train_step_and_machine():
    import keras

    from course_lib.timing import machine_description, seconds_per_train_step

    model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(1)])
    model.compile("sgd", "mse")
    t = seconds_per_train_step(model, np.ones((4, 3)), np.ones((4, 1)), repeats=3, warmup=1)
    assert 0 < t < 10
    with pytest.raises(ValueError):
        seconds_per_train_step(model, np.ones((4, 3)), np.ones((4, 1)), repeats=0)
    assert "core" in machine_description()
