"""Where a module departs from the course's conventions, and why: one table.

The tests and the grader read this instead of keeping their own lists, so a
new module's exceptions are added here and nowhere else (CONTRIBUTING.md).

- ``ungraded``: notebooks (``module/stem``) that have no graded exercise.
- ``chained``: exercises whose *answer* calls an earlier exercise's answer, so no
  test cell can lend a correct version before it runs (test_exercises.py
  skips them in the independence check).
- ``ANSWERS_IN_LIBRARY`` (one list for the course): ``course_lib`` modules that hold
  the answer to an exercise because a later notebook uses it; an answer cell that
  imports one is flagged for review (grading/static.py, ``library_answers``).
- ``allowed_calls``: calls the static scan of submissions (grading/static.py)
  would flag but that a module's exercises legitimately need, e.g. ``open`` for an
  exercise about reading a file.
"""
from __future__ import annotations

RULES: dict[str, dict] = {
    "01_fundamentals": {
        "chained": {
            "01_train_digits": "the learner trains the model that build_sequential (Exercise 1 of the notebook) returns",
        },
    },
}


ANSWERS_IN_LIBRARY: dict[str, str] = {
    "course_lib.generative": "its VAE and GAN are the answers of 05_generative/02 and 03 "
                             "(05_generative/04 trains them)",
}


def _section(key: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for module in RULES.values():
        out.update(module.get(key, {}))
    return out


def chained() -> dict[str, str]:
    """grade_id -> why its answer may use an earlier exercise's answer."""
    return _section("chained")


def ungraded() -> dict[str, str]:
    """``module/notebook stem`` -> why the notebook has no graded exercise."""
    return _section("ungraded")


def allowed_calls(module: str) -> dict[str, str]:
    """Call name -> why the module's exercises need it (not flagged by the static scan)."""
    return dict(RULES.get(module, {}).get("allowed_calls", {}))
