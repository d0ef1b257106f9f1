"""Run a notebook's code in-process, swapping in other answers for exercises.

Used by test_exercises.py: for every graded exercise we keep a few
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

from course_lib import nbcells

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


def _run_cells(namespace: dict, answer: str, exercise: Exercise, mode: str) -> list[tuple[list, tuple | None, str]]:
    """Define ``answer`` in a copy of ``namespace``, then run each test cell with the
    check helpers in ``mode``: (records, error, stdout) per test cell."""
    from course_lib import checks

    ns = dict(namespace)
    results = []
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            exec(compile(_python(answer), f"<answer {exercise.grade_id}>", "exec"), ns)
    except Exception as exc:  # the answer cell itself fails: every test then fails too
        return [([], (type(exc).__name__, str(exc)), "") for _ in exercise.tests]
    for gid, src in exercise.tests:
        out, error = io.StringIO(), None
        with checks.recording(mode) as sink:
            try:
                with contextlib.redirect_stdout(out):
                    exec(compile(_python(src), f"<tests {gid}>", "exec"), ns)
            except Exception as exc:  # the test failed: that is an outcome, not an error
                error = (type(exc).__name__, str(exc))
            finally:
                checks.give_back_all()   # what IPython does after every cell (see checks.lend)
        results.append((list(sink), error, out.getvalue()))
    return results


def reference_for(namespace: dict, exercise: Exercise) -> list[dict]:
    """Our solution's records for each test cell of ``exercise`` (the trusted side)."""
    ref = []
    for (gid, _), (texts, error, stdout) in zip(exercise.tests, _run_cells(namespace, exercise.solution, exercise, "reference")):
        if error is not None:
            raise AssertionError(f"{gid}: the reference solution fails its own test: {error[0]}: {error[1]}")
        passed = [ln for ln in stdout.splitlines() if ln.startswith("\u2714")]
        ref.append({"records": texts, "passed": passed[-1] if passed else ""})
    return ref


def run_tests(namespace: dict, exercise: Exercise, answer: str, reference: list[dict] | None = None) -> Outcome:
    """Grade ``answer`` as the grader does: its test cells run with the check helpers
    recording, and the trusted judge compares the records with our solution's."""
    from course_lib.grading.judge import judge_cell

    reference = reference if reference is not None else reference_for(namespace, exercise)
    for (gid, _), ref, (texts, error, _) in zip(exercise.tests, reference, _run_cells(namespace, answer, exercise, "record")):
        verdict = judge_cell(texts, ref, error)
        if not verdict.passed:
            return Outcome(False, f"{gid}: {verdict.message}")
    return Outcome(True, "passed")


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
            if nbcells.is_answer(cell) and nbcells.grade_id(cell) in variants:
                ex = Exercise(nbcells.grade_id(cell), cell.source)
                j = i + 1
                while j < len(cells) and nbcells.is_graded(cells[j]):
                    ex.tests.append((nbcells.grade_id(cells[j]), cells[j].source))
                    j += 1
                on_exercise(ns, ex)
            with contextlib.redirect_stdout(io.StringIO()):
                exec(compile(_python(cell.source), f"<{path.name} cell {i}>", "exec"), ns)
            i += 1
    finally:
        os.chdir(cwd)
        import matplotlib.pyplot as plt

        plt.close("all")
