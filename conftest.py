"""Repository-wide pytest configuration.

The suite runs in parallel with pytest-xdist and ``--dist loadfile``: nbval
keeps one kernel per notebook, so all cells of a notebook must run on the same
worker, and loadfile sends each file (notebook or test module) to one worker.
"""
import os

os.environ.setdefault("COURSE_FAST", "1")
os.environ.setdefault("MPLBACKEND", "Agg")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
