"""What a notebook cell is to nbgrader, read from its ``metadata.nbgrader``: one place.

nbgrader marks cells with ``solution`` (the learner writes here), ``grade`` (the
cell is scored), ``locked``, ``points`` and a ``grade_id``. An autograded
exercise is an answer cell (``solution`` without ``grade``) followed by test
cells (``grade`` without ``solution``); a cell with both is a manually graded
answer (a written answer, often markdown), which is an answer and not a test.

Every reader tolerates what learners' editors leave behind: cells without
metadata, ``nbgrader`` missing, ``None`` or not a mapping, a ``grade_id`` that is
not text, ``points`` that are not a number. Such cells are plain cells. The
functions take nbformat nodes and plain dicts alike, and never look at the
cell type: a caller that needs code cells says so.
"""
from __future__ import annotations

__all__ = ["meta", "grade_id", "points", "is_answer", "is_graded", "is_test", "is_autograded_answer"]


def meta(cell) -> dict:
    """The cell's nbgrader metadata, or ``{}`` when it has none (or it is not a mapping)."""
    metadata = cell.get("metadata") if isinstance(cell, dict) else None
    found = metadata.get("nbgrader") if isinstance(metadata, dict) else None
    return found if isinstance(found, dict) else {}


def grade_id(cell) -> str | None:
    """The cell's ``grade_id`` when it is text, else ``None``."""
    gid = meta(cell).get("grade_id")
    return gid if isinstance(gid, str) else None


def points(cell) -> float:
    """The points the cell is worth (0 for a cell that is not graded or whose points are not a number)."""
    value = meta(cell).get("points")
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return 0.0
    return float(value)


def is_answer(cell) -> bool:
    """The learner writes here (``solution``): autograded and manually graded answers alike."""
    return bool(meta(cell).get("solution"))


def is_graded(cell) -> bool:
    """The cell is scored (``grade``): test cells and manually graded answers."""
    return bool(meta(cell).get("grade"))


def is_test(cell) -> bool:
    """A test cell: scored, not written by the learner (``grade`` without ``solution``)."""
    m = meta(cell)
    return bool(m.get("grade")) and not m.get("solution")


def is_autograded_answer(cell) -> bool:
    """An exercise's answer cell, scored by the test cells after it (``solution`` without ``grade``)."""
    m = meta(cell)
    return bool(m.get("solution")) and not m.get("grade")
