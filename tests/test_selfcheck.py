"""`course check`: a learner runs their notebook as the grader would (visible tests only)."""
import json
import shutil

from course_lib import nbcells
from course_lib.cli import main
from course_lib.grading.selfcheck import check_notebook, find_release
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

MODULE = ROOT / "modules" / "00_welcome" / "00_welcome.ipynb"


def test_untouched_notebook_scores_zero_with_plain_messages(tmp_path):
    mine = tmp_path / "Copy of 00_welcome.ipynb"
    shutil.copy(MODULE, mine)
    assert find_release(mine, ROOT) == MODULE
    checks, notes = check_notebook(mine, release=MODULE, cell_timeout=60)
    assert [c.grade_id for c in checks] == ["00_unit_range_tests", "00_count_parameters_tests"]
    assert not any(c.passed for c in checks)
    assert all("not written yet" in c.message for c in checks)


def test_answered_notebook_passes_and_deleted_test_is_restored(tmp_path, capsys):
    nb = json.loads((ROOT / "solutions" / "00_welcome" / "00_welcome.ipynb").read_text())
    student = json.loads(MODULE.read_text())
    answers = {nbcells.grade_id(c): c["source"] for c in nb["cells"] if nbcells.is_answer(c)}
    cells = []
    for c in student["cells"]:
        meta = c["metadata"].get("nbgrader", {})
        if meta.get("grade") and not meta.get("solution") and meta["grade_id"] == "00_unit_range_tests":
            continue  # the learner deleted a test cell
        if meta.get("solution"):
            c["source"] = answers[meta["grade_id"]]
        c["metadata"].pop("nbgrader", None)  # and their editor dropped the metadata
        cells.append(c)
    student["cells"] = cells
    mine = tmp_path / "00_welcome.ipynb"
    mine.write_text(json.dumps(student))
    assert main(["check", str(mine), "--release", str(MODULE), "--cell-timeout", "60"]) == 0
    out = capsys.readouterr().out
    assert "4 / 4 points" in out and "test cell was missing; restored it" in out
    assert "hidden tests" in out


def test_corrupt_notebook_is_a_clear_error(tmp_path, capsys):
    bad = tmp_path / "00_welcome.ipynb"
    bad.write_text(MODULE.read_text()[:500])
    assert main(["check", str(bad)]) == 1
    assert "not valid notebook JSON" in capsys.readouterr().err
