"""Measured time of a training step (06_transformers: recurrent against attention models).

Timings depend on the machine and on what else runs on it, so notebooks print and plot
them with the machine stated, and never assert on them.
"""
from __future__ import annotations

import platform
import time

import numpy as np

__all__ = ["seconds_per_train_step", "machine_description"]


def seconds_per_train_step(model, x, y, repeats: int = 5, warmup: int = 2) -> float:
    """Median wall-clock seconds of one ``model.train_on_batch(x, y)`` (a compiled model).

    The first ``warmup`` calls are not timed: they trace and compile the step function.
    The median of ``repeats`` timed calls is robust to one slow call (another process
    taking the CPU for a moment). The model's weights change: time a copy if that matters.
    """
    if repeats < 1:
        raise ValueError(f"repeats must be at least 1, got {repeats}")
    for _ in range(max(warmup, 0)):
        model.train_on_batch(x, y)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        model.train_on_batch(x, y)
        times.append(time.perf_counter() - start)
    return float(np.median(times))


def machine_description() -> str:
    """One line naming the processor, core count and accelerator, for a timing plot's caption."""
    import os

    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    gpus = []
    try:
        import tensorflow as tf

        gpus = [d.name for d in tf.config.list_logical_devices("GPU")]
    except Exception:
        pass
    return f"{cpu}, {cores} core{'s' if cores != 1 else ''}, " + (f"{len(gpus)} GPU" if gpus else "no GPU")
