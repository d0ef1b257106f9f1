"""Repository-wide pytest configuration.

The suite runs in parallel (pytest-xdist, ``--dist loadgroup``). nbval keeps
one kernel per notebook, so all cells of one notebook must run on the same
worker: each notebook becomes its own xdist group. Everything else is spread
freely across workers.
"""
import os

import pytest

os.environ.setdefault("COURSE_FAST", "1")
os.environ.setdefault("MPLBACKEND", "Agg")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    for item in items:
        path = str(getattr(item, "path", item.fspath))
        if path.endswith(".ipynb"):
            item.add_marker(pytest.mark.xdist_group(name=path))
