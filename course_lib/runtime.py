"""Runtime set-up shared by every notebook: seeds, fast mode, environment report.

Call :func:`setup` once at the top of a notebook::

    from course_lib import setup
    env = setup()          # seeds everything, prints one line about the machine

It must run before TensorFlow is imported anywhere else, because TensorFlow
reads its logging settings at import time. Quiet logging matters for grading:
nbgrader scores a test cell 0 when anything reaches stderr, and TensorFlow
and absl log there.
"""
from __future__ import annotations

import dataclasses
import os
import platform
import random
import sys
import warnings
from pathlib import Path

import numpy as np

DEFAULT_SEED = 42

# Set before TensorFlow is imported (importing course_lib does this), so that
# C++ info/warning logs never reach stderr.
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")
# Quiet the "oneDNN custom operations are on" banner and keep CPU results
# reproducible run to run.
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")


def is_fast() -> bool:
    """True when ``COURSE_FAST`` asks for small data and few epochs (CI sets it)."""
    return os.environ.get("COURSE_FAST", "").strip().lower() in {"1", "true", "yes", "on"}


def pick(fast, full):
    """Return ``fast`` in fast mode and ``full`` otherwise.

    Notebooks use it for sizes and epochs, so both modes run the same cells::

        epochs = pick(fast=3, full=30)
    """
    return fast if is_fast() else full


def in_colab() -> bool:
    """True when running inside Google Colab."""
    return "google.colab" in sys.modules or "COLAB_RELEASE_TAG" in os.environ


def data_home() -> Path:
    """Folder where downloaded datasets are cached (``COURSE_DATA`` overrides)."""
    custom = os.environ.get("COURSE_DATA")
    if custom:
        return Path(custom).expanduser()
    return Path.home() / ".course_cache" / "datasets"


@dataclasses.dataclass(frozen=True)
class Environment:
    """What :func:`setup` found; notebooks may print or branch on it."""

    python: str
    tensorflow: str
    keras: str
    backend: str
    gpus: tuple
    fast: bool
    colab: bool
    seed: int
    data_dir: str

    @property
    def device(self) -> str:
        return f"GPU x{len(self.gpus)}" if self.gpus else "CPU"

    def report(self) -> str:
        """One line: versions, device, fast mode, where data lives."""
        where = "Colab" if self.colab else platform.node() or "local"
        return (
            f"Python {self.python} | TensorFlow {self.tensorflow} | Keras {self.keras}"
            f" ({self.backend}) | {self.device} | fast mode {'ON' if self.fast else 'off'}"
            f" | seed {self.seed} | {where} | data: {self.data_dir}"
        )


def _warning_to_stdout(message, category, filename, lineno, file=None, line=None):
    print(f"Note ({category.__name__}): {message}", file=sys.stdout)


def quiet_logs() -> None:
    """Keep TensorFlow/absl logs and Python warnings off stderr.

    Warnings are still shown, on stdout, so a learner sees them; the grader
    does not mistake them for errors.
    """
    warnings.showwarning = _warning_to_stdout
    # Library deprecation chatter is noise for learners.
    warnings.filterwarnings("ignore", category=DeprecationWarning)
    warnings.filterwarnings("ignore", category=FutureWarning)
    try:
        import absl.logging

        absl.logging.set_verbosity(absl.logging.ERROR)
    except ImportError:  # absl comes with TensorFlow; fine without it
        pass
    try:
        import tensorflow as tf

        tf.get_logger().setLevel("ERROR")
        tf.autograph.set_verbosity(0)
    except ImportError:
        pass


def seed_everything(seed: int = DEFAULT_SEED) -> None:
    """Seed Python, NumPy and Keras (which seeds the TensorFlow backend)."""
    random.seed(seed)
    np.random.seed(seed)
    os.environ["PYTHONHASHSEED"] = str(seed)
    try:
        import keras

        keras.utils.set_random_seed(seed)
    except ImportError:
        pass


def set_plot_style() -> None:
    """Readable defaults for every figure in the course."""
    try:
        import matplotlib as mpl
    except ImportError:
        return
    mpl.rcParams.update(
        {
            "figure.figsize": (6.4, 4.0),
            "figure.dpi": 100,
            "axes.grid": True,
            "grid.alpha": 0.3,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "font.size": 11,
            "legend.frameon": False,
        }
    )


def _import_tensorflow_quietly():
    """Import TensorFlow with file descriptor 2 pointed at /dev/null.

    TensorFlow's C++ start-up ("Could not find cuda drivers", cuDNN factory
    registration, ...) writes to stderr before any log level applies; a learner
    should not see a red wall of text in the first cell. Import errors still
    raise normally.
    """
    if "tensorflow" in sys.modules:
        return sys.modules["tensorflow"]
    try:
        sys.stderr.flush()
        saved = os.dup(2)
    except (OSError, ValueError):  # no real fd 2 (some embedded runners)
        import tensorflow as tf

        return tf
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 2)
        import tensorflow as tf
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(devnull)
    return tf


def _versions() -> tuple[str, str, str, tuple]:
    try:
        tf = _import_tensorflow_quietly()

        tf_version = tf.__version__
        gpus = tuple(d.name for d in tf.config.list_physical_devices("GPU"))
    except ImportError:
        tf_version, gpus = "not installed", ()
    try:
        import keras

        keras_version, backend = keras.__version__, keras.backend.backend()
    except ImportError:
        keras_version, backend = "not installed", "-"
    return tf_version, keras_version, backend, gpus


def setup(seed: int = DEFAULT_SEED, verbose: bool = True) -> Environment:
    """Prepare a notebook: quiet logs, seeds, plot style; print a one-line report."""
    try:
        _import_tensorflow_quietly()
    except ImportError:
        pass
    quiet_logs()
    seed_everything(seed)
    set_plot_style()
    tf_version, keras_version, backend, gpus = _versions()
    env = Environment(
        python=platform.python_version(),
        tensorflow=tf_version,
        keras=keras_version,
        backend=backend,
        gpus=gpus,
        fast=is_fast(),
        colab=in_colab(),
        seed=seed,
        data_dir=str(data_home()),
    )
    if verbose:
        print(env.report())
    return env
