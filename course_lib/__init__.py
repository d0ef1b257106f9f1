"""course_lib: the helper package of the deep-learning course.

One place for code the notebooks share (in the spirit of d2l's helper library):

* :mod:`course_lib.runtime` - ``setup()``: seeds, fast mode, environment report;
* :mod:`course_lib.checks`  - friendly assertion helpers for test cells;
* :mod:`course_lib.data`    - dataset registry, offline data, verified downloads;
* :mod:`course_lib.synthetic` - seeded spectra and shapes for the CNN modules;
* :mod:`course_lib.numerics` - finite-difference gradients;
* :mod:`course_lib.baselines` - baselines without training (nearest class mean);
* :mod:`course_lib.layers`  - Keras layers: positional embedding, transformer block, attention pooling;
* :mod:`course_lib.generative` - a VAE and a GAN for notebooks that use rather than teach them;
* :mod:`course_lib.timing`  - time per training step, and the machine it ran on;
* :mod:`course_lib.diagnostics` - deep MLPs to diagnose, learning-curve and gradient-norm figures (07);
* :mod:`course_lib.scarcity` - spectrum augmentation, encoders and masks for learning from few labels (07);
* :mod:`course_lib.efficiency` and :mod:`course_lib.multiworker` - size, latency, LiteRT; two local
  ``MultiWorkerMirroredStrategy`` workers (07);
* :mod:`course_lib.plots`   - training curves, image grids, decision boundaries;
* :mod:`course_lib.release` - student notebooks from instructor sources (nbgrader);
* :mod:`course_lib.grading` and :mod:`course_lib.nbgrader_ext` - autograding helpers;
* :mod:`course_lib.cli`     - the ``course`` command.
"""
from .runtime import DEFAULT_SEED, Environment, in_colab, is_fast, pick, setup

__version__ = "0.1.0"
__all__ = ["setup", "pick", "is_fast", "in_colab", "Environment", "DEFAULT_SEED", "__version__"]
