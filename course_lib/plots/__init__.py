"""Figures the notebooks share, one module per topic.

* :mod:`.curves` - training curves, runs side by side, scores against label counts;
* :mod:`.functions` - 1-D functions (activations) and 2-D loss surfaces;
* :mod:`.decision` - decision boundaries on 2-D inputs;
* :mod:`.images` - image grids, with boxes or masks;
* :mod:`.spectra` - spectra on a wavenumber axis;
* :mod:`.series` - a time series and its forecasts from one origin;
* :mod:`.networks` - diagrams of dense networks;
* :mod:`.latent` - latent spaces of generative models: 2-D codes, decoded grids, image rows;
* :mod:`.attention` - attention heat maps, per head, mask patterns, weights over a 1-D input.

Each function draws on a Matplotlib ``Axes`` (made if not given) and returns
it (or the figure for grids), so notebooks can add titles or combine panels.
Every public name is importable from ``course_lib.plots`` itself.
"""
from .attention import (plot_attention, plot_attention_heads, plot_attention_over_positions,
                        plot_attention_patterns)
from .curves import compare_histories, plot_history, plot_label_curves
from .decision import plot_decision_boundary
from .functions import plot_functions, plot_loss_surface
from .images import show_boxes, show_images, show_masks
from .latent import plot_latent_2d, show_image_rows, show_latent_grid
from .networks import draw_network
from .series import plot_forecasts
from .spectra import plot_spectra

__all__ = [
    "plot_history",
    "compare_histories",
    "show_images",
    "plot_latent_2d",
    "show_latent_grid",
    "show_image_rows",
    "plot_decision_boundary",
    "plot_functions",
    "plot_loss_surface",
    "plot_spectra",
    "show_boxes",
    "show_masks",
    "plot_label_curves",
    "draw_network",
    "plot_forecasts",
    "plot_attention",
    "plot_attention_heads",
    "plot_attention_patterns",
    "plot_attention_over_positions",
]
