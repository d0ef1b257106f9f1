"""Release pipeline: deterministic, in sync, and never loses a learner's edits."""
import json
import shutil
from pathlib import Path

import nbformat
import pytest

from course_lib.release import MANIFEST, ReleaseError, check_sync, release

ROOT = Path(__file__).resolve().parent.parent


def test_modules_are_in_sync_with_solutions():
    problems = check_sync(ROOT)
    assert not problems, "\n".join(problems)


@pytest.fixture
def course(tmp_path):
    """A small copy of the course: config plus the 00_welcome source."""
    shutil.copy(ROOT / "nbgrader_config.py", tmp_path)
    shutil.copytree(ROOT / "solutions" / "00_welcome", tmp_path / "solutions" / "00_welcome")
    return tmp_path


def _db(course):
    return "sqlite:///" + str(course / "gb.db")


def test_release_writes_student_versions_then_is_idempotent(course):
    report = release(course, db_url=_db(course))
    target = course / "modules" / "00_welcome" / "00_welcome.ipynb"
    assert report.written == ["00_welcome/00_welcome.ipynb"]
    text = target.read_text()
    assert "BEGIN SOLUTION" not in text and "BEGIN HIDDEN TESTS" not in text
    assert "raise NotImplementedError()" in text
    nb = nbformat.read(target, as_version=4)
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")
    manifest = json.loads((course / "modules" / MANIFEST).read_text())
    assert "00_welcome/00_welcome.ipynb" in manifest

    again = release(course, db_url=_db(course))
    assert again.written == [] and again.unchanged == ["00_welcome/00_welcome.ipynb"]
    assert target.read_text() == text


def test_release_refuses_to_overwrite_edited_student_notebook(course):
    release(course, db_url=_db(course))
    target = course / "modules" / "00_welcome" / "00_welcome.ipynb"
    nb = nbformat.read(target, as_version=4)
    nb.cells[0].source += "\n\nMy notes: remember the hidden tests!"
    nbformat.write(nb, target)
    learner_text = target.read_text()

    # The source changes too, so a release would want to rewrite the file.
    src = course / "solutions" / "00_welcome" / "00_welcome.ipynb"
    snb = nbformat.read(src, as_version=4)
    snb.cells[-1].source += "\n\nOne more line from the instructor."
    nbformat.write(snb, src)

    with pytest.raises(ReleaseError, match="local edits"):
        release(course, db_url=_db(course))
    assert target.read_text() == learner_text  # nothing lost

    report = release(course, force=True, db_url=_db(course))
    assert report.written == ["00_welcome/00_welcome.ipynb"]
    backups = list(target.parent.glob("00_welcome.ipynb.edited-*.bak"))
    assert len(backups) == 1 and backups[0].read_text() == learner_text
    assert "One more line from the instructor." in target.read_text()


def test_unknown_module_is_a_clear_error(course):
    with pytest.raises(ReleaseError, match="No such assignment"):
        release(course, which=["99_nothing"], db_url=_db(course))


def test_check_sync_reports_stale_missing_and_orphan_notebooks(course):
    assert check_sync(course) == ["modules/00_welcome/00_welcome.ipynb is missing (run `make release`)"]
    release(course, db_url=_db(course))
    assert check_sync(course) == []
    src = course / "solutions" / "00_welcome" / "00_welcome.ipynb"
    snb = nbformat.read(src, as_version=4)
    snb.cells[0].source += " changed"
    nbformat.write(snb, src)
    orphan = course / "modules" / "00_welcome" / "old.ipynb"
    shutil.copy(course / "modules" / "00_welcome" / "00_welcome.ipynb", orphan)
    problems = check_sync(course)
    assert any("differs" in p for p in problems) and any("old.ipynb has no source" in p for p in problems)


def test_cli_release_and_check_sync(course, monkeypatch, capsys):
    from course_lib.cli import main

    monkeypatch.chdir(course)
    monkeypatch.setenv("COURSE_GRADEBOOK_URL", _db(course))
    assert main(["check-sync"]) == 1
    assert main(["release"]) == 0
    assert main(["check-sync"]) == 0
    assert "in sync" in capsys.readouterr().out
