"""The nbgrader round trip for every module, as an instructor would run it.

Our solution notebooks, submitted as they are, must get full marks; the
untouched student notebooks must get zero. Grading runs nbgrader's own
autograder (fast mode) in a scratch course folder, with the course's
nbgrader_config.py. Note that nbgrader gives 0 to a test cell that writes
anything to stderr, so this also proves that log lines (TensorFlow, absl,
warnings) cannot cost a correct answer its points.
"""
from pathlib import Path

import pytest

from course_lib.grading import autograde

ROOT = Path(__file__).resolve().parent.parent
MODULES = sorted(p.name for p in (ROOT / "solutions").iterdir() if p.is_dir() and any(p.glob("*.ipynb")))


@pytest.mark.parametrize("module", MODULES)
def test_solution_full_marks_student_version_zero(module, tmp_path, monkeypatch):
    monkeypatch.setenv("COURSE_FAST", "1")
    student = ROOT / "modules" / module
    assert student.is_dir(), f"modules/{module} missing: run `make release`"
    scores = autograde(
        ROOT / "solutions" / module,
        {"solution": ROOT / "solutions" / module, "untouched": student},
        config=ROOT / "nbgrader_config.py",
    )
    notebooks = {p.stem for p in (ROOT / "solutions" / module).glob("*.ipynb")}
    by = {(s.student, s.notebook): s for s in scores}
    problems = []
    for nb in sorted(notebooks):
        sol, blank = by[("solution", nb)], by[("untouched", nb)]
        if sol.max_score <= 0:
            continue  # a notebook without graded exercises
        if sol.score != sol.max_score:
            problems.append(f"{module}/{nb}: solution scored {sol.score}/{sol.max_score}; failed: {sol.failed_tests}")
        if blank.score != 0:
            problems.append(f"{module}/{nb}: untouched student notebook scored {blank.score} (tests that pass without an answer)")
    assert not problems, "\n".join(problems)
