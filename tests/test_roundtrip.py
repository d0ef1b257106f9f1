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
    # Grade the two submissions in parallel, each in its own scratch course:
    # this test is the longest in the suite and the other worker is usually idle by then.
    from concurrent.futures import ThreadPoolExecutor

    subs = {"solution": ROOT / "solutions" / module, "untouched": student}
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = [
            pool.submit(autograde, ROOT / "solutions" / module, {name: folder}, config=ROOT / "nbgrader_config.py")
            for name, folder in subs.items()
        ]
        scores = [s for f in futures for s in f.result()]
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


def test_stderr_from_correct_code_does_not_cost_points(tmp_path):
    """A correct answer whose test cell logs to stderr still gets its points."""
    import nbformat

    from course_lib.grading import autograde

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [
        nbformat.v4.new_markdown_cell("# stderr"),
        nbformat.v4.new_code_cell("def double(x):\n    ### BEGIN SOLUTION\n    return 2 * x\n    ### END SOLUTION"),
        nbformat.v4.new_code_cell(
            "import sys, logging\n"
            "print('W0000 some TensorFlow-style log line', file=sys.stderr)\n"
            "logging.getLogger('absl').warning('an absl-style warning')\n"
            "assert double(2) == 4\n"
            "### BEGIN HIDDEN TESTS\nassert double(-1) == -2\n### END HIDDEN TESTS"
        ),
        nbformat.v4.new_code_cell("assert double(3) == 6"),
    ]
    nb.cells[1].metadata["nbgrader"] = {"grade": False, "solution": True, "locked": False, "grade_id": "double", "schema_version": 3}
    nb.cells[2].metadata["nbgrader"] = {"grade": True, "solution": False, "locked": True, "points": 1, "grade_id": "double_tests", "schema_version": 3}
    nb.cells[3].metadata["nbgrader"] = {"grade": True, "solution": False, "locked": True, "points": 1, "grade_id": "double_more", "schema_version": 3}
    src = tmp_path / "src" / "stderr_demo"
    src.mkdir(parents=True)
    nbformat.write(nb, src / "demo.ipynb")
    wrong = tmp_path / "wrong"
    wrong.mkdir()
    bad = nbformat.read(src / "demo.ipynb", as_version=4)
    bad.cells[1].source = "def double(x):\n    return x + 2"  # right for 2, wrong elsewhere
    nbformat.write(bad, wrong / "demo.ipynb")
    scores = autograde(src, {"right": src, "wrong": wrong}, config=ROOT / "nbgrader_config.py")
    by = {s.student: s for s in scores}
    assert by["right"].score == 2, by["right"]
    assert by["wrong"].score == 0, by["wrong"]
