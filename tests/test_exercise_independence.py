"""Each exercise is graded on its own: a learner who skipped (or got wrong) an earlier
exercise loses that exercise's points, not this one's as well.

For every exercise, every name an EARLIER exercise's answer cell defines is replaced
by a function that raises NotImplementedError (what the unmodified student notebook
has), this exercise's own answer is ours, and its test cells (hidden ones included)
must pass. Test cells achieve this by lending a correct version of the earlier
function in a hidden block while they run (course_lib.checks.lend, see
03_conv_layer_tests).
"""
from __future__ import annotations

import ast
from pathlib import Path

import nbformat
import pytest

from notebook_runner import reference_for, run_tests, walk

ROOT = Path(__file__).resolve().parent.parent

# Exercises whose ANSWER itself calls an earlier exercise: no test cell can lend
# anything before the answer runs. Each with the reason it is acceptable.
CHAINED_BY_DESIGN = {
    "01_train_digits": "the learner trains the model that build_sequential (Exercise 1 of the notebook) returns",
}


def _defined_names(source: str) -> set[str]:
    lines = [ln for ln in source.splitlines() if not ln.lstrip().startswith(("%", "!"))]
    names = set()
    for node in ast.parse("\n".join(lines)).body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names.update(n.id for t in node.targets for n in ast.walk(t) if isinstance(n, ast.Name))
    return names


def _unwritten(name: str):
    def stub(*args, **kwargs):
        raise NotImplementedError()
    stub.__name__ = name
    return stub


def _answers(path: Path) -> dict[str, str]:
    nb = nbformat.read(path, as_version=4)
    return {c.metadata["nbgrader"]["grade_id"]: c.source for c in nb.cells
            if (c.metadata.get("nbgrader") or {}).get("solution") and c.cell_type == "code"}


NOTEBOOKS = [p for p in sorted((ROOT / "solutions").glob("*/*.ipynb")) if len(_answers(p)) > 1]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT / "solutions")))
def test_each_exercise_passes_with_earlier_exercises_unwritten(path, monkeypatch):
    monkeypatch.setenv("COURSE_FAST", "1")
    answers = _answers(path)
    earlier: list[str] = []
    problems: list[str] = []

    def on_exercise(ns, ex):
        if earlier and ex.grade_id not in CHAINED_BY_DESIGN:
            blanked = dict(ns)
            for gid in earlier:
                for name in _defined_names(answers[gid]):
                    blanked[name] = _unwritten(name)
            outcome = run_tests(blanked, ex, ex.solution, reference_for(ns, ex))
            if not outcome.passed:
                problems.append(f"{ex.grade_id} fails when {', '.join(earlier)} are not written: "
                                f"{outcome.message[:300]}")
        earlier.append(ex.grade_id)

    walk(path, {gid: {} for gid in answers}, on_exercise)
    assert not problems, "\n".join(problems)
