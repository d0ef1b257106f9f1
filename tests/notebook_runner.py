"""Run a notebook's code in-process, swapping in other answers for exercises.

Used by test_answer_variants.py: for every graded exercise we keep a few
*correct answers written differently from ours* (which must pass) and
*plausible wrong answers* (which must fail), and run the exercise's test cells,
hidden tests included, against each of them.
"""
from __future__ import annotations

import contextlib
import io
import os
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

os.environ.setdefault("MPLBACKEND", "Agg")


def _python(source: str) -> str:
    """Cell source as plain Python (IPython magics such as %pip become calls)."""
    from IPython.core.inputtransformer2 import TransformerManager

    return TransformerManager().transform_cell(source)


@dataclass
class Exercise:
    grade_id: str
    solution: str
    tests: list = field(default_factory=list)  # (grade_id, source) of following test cells


@dataclass
class Outcome:
    passed: bool
    message: str


def run_tests(namespace: dict, exercise: Exercise, answer: str) -> Outcome:
    """Define ``answer`` in a copy of ``namespace`` and run the exercise's test cells."""
    ns = dict(namespace)
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            exec(compile(_python(answer), f"<answer {exercise.grade_id}>", "exec"), ns)
            for gid, src in exercise.tests:
                exec(compile(_python(src), f"<tests {gid}>", "exec"), ns)
    except Exception as exc:  # the tests failed: that is an outcome, not an error
        return Outcome(False, f"{type(exc).__name__}: {exc}")
    return Outcome(True, out.getvalue())


def walk(path: Path, variants: dict, on_exercise) -> None:
    """Execute the notebook top to bottom in one namespace; at each exercise whose
    grade_id is in ``variants`` call ``on_exercise(namespace, exercise)`` first."""
    nb = nbformat.read(path, as_version=4)
    cells = [c for c in nb.cells if c.cell_type == "code"]
    ns: dict = {"__name__": "__main__"}
    cwd = os.getcwd()
    os.chdir(path.parent)
    try:
        i = 0
        while i < len(cells):
            cell = cells[i]
            meta = cell.metadata.get("nbgrader", {})
            if meta.get("solution") and meta.get("grade_id") in variants:
                ex = Exercise(meta["grade_id"], cell.source)
                j = i + 1
                while j < len(cells) and cells[j].metadata.get("nbgrader", {}).get("grade"):
                    ex.tests.append((cells[j].metadata["nbgrader"]["grade_id"], cells[j].source))
                    j += 1
                on_exercise(ns, ex)
            with contextlib.redirect_stdout(io.StringIO()):
                exec(compile(_python(cell.source), f"<{path.name} cell {i}>", "exec"), ns)
            i += 1
    finally:
        os.chdir(cwd)
        import matplotlib.pyplot as plt

        plt.close("all")
