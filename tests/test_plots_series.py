"""plot_forecasts draws the history, the truth and one labelled line per forecast."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import pytest

from course_lib.plots.series import plot_forecasts


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def test_plot_forecasts_lines_and_labels(tmp_path):
    history, truth = np.arange(10.0), np.arange(10.0, 14.0)
    ax = plot_forecasts(None, history, truth, {"naive": np.full(4, 9.0), "model": truth + 0.5},
                        title="one window", ylabel="ppm")
    labels = [line.get_label() for line in ax.get_lines() if not line.get_label().startswith("_")]
    assert labels == ["history (input window)", "truth", "naive", "model"]
    lines = {line.get_label(): line for line in ax.get_lines()}
    assert list(lines["history (input window)"].get_xdata()) == list(range(10))
    assert list(lines["truth"].get_xdata()) == list(range(9, 14))      # joined to the last input
    assert list(lines["model"].get_xdata()) == [10, 11, 12, 13]
    assert list(lines["model"].get_ydata()) == [10.5, 11.5, 12.5, 13.5]
    assert ax.get_title() == "one window" and ax.get_ylabel() == "ppm" and ax.get_xlabel() == "time step"
    assert ax.get_legend() is not None
    ax.figure.savefig(tmp_path / "f.png")


def test_plot_forecasts_on_given_axes_with_dates():
    fig, ax = plt.subplots()
    x = np.arange("2000-01", "2000-09", dtype="datetime64[M]")
    out = plot_forecasts(ax, np.ones(5), np.ones(3), {"f": np.zeros(3)}, x=x, xlabel="month")
    assert out is ax and ax.get_xlabel() == "month"


def test_plot_forecasts_rejects_mismatched_lengths():
    with pytest.raises(ValueError, match="has 2 values"):
        plot_forecasts(None, np.ones(5), np.ones(3), {"short": np.zeros(2)})
    with pytest.raises(ValueError, match="x needs 8 positions"):
        plot_forecasts(None, np.ones(5), np.ones(3), {}, x=np.arange(7))
