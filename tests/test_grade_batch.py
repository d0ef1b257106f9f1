"""``course grade`` on a whole class of damaged and hostile submissions (tests/grading_corpus.py).

One batch grades every learner of the corpus (two workers, short time limits,
a memory cap) in a throw-away course folder with its own gradebook; the tests
then check each learner's outcome, that nothing the submissions started is
still running, that nothing was written outside the scratch course, that a
second run changes nothing, and what the feedback and the CSV contain.
"""
from __future__ import annotations

import csv
import html
import os
import re
import sys
import time
import types
from pathlib import Path

import nbformat
import psutil
import pytest

from grading_corpus import (
    ESCAPE_FILE_NAME,
    MAX_SCORE,
    MODULE,
    NOTEBOOK,
    ROOT,
    SOURCE,
    T1,
    T2,
    build_corpus,
    build_runaway,
    make_course,
)

if not sys.platform.startswith("linux"):
    pytest.skip("the grading sandbox's limits (RLIMIT_AS, sessions, namespaces) are Linux features",
                allow_module_level=True)

WORKERS = 2
CELL_TIMEOUT = 20    # the slowest honest cell of 00_welcome takes ~3 s (TensorFlow's first import)
TOTAL_TIMEOUT = 120  # per learner; a submission that hits one cell timeout needs ~35 s
# A kernel with TensorFlow and Keras loaded holds ~0.7 GiB resident and maps
# ~2.7 GiB: 1.5 GiB resident leaves an honest notebook room, a growing list not.
LIMITS = {"memory_bytes": 3 << 29, "address_space_bytes": 6 << 30}


def _grade(run):
    from course_lib.grading.batch import grade

    return grade(MODULE, run.submissions, root=run.course, db_url=run.db_url, workers=WORKERS,
                 cell_timeout=CELL_TIMEOUT, total_timeout=TOTAL_TIMEOUT, limits=LIMITS, progress=False)


def _strays(run) -> list[str]:
    """Processes the grading left behind: kernels of this course, `sleep 600`, forked kernels."""
    found = []
    for p in psutil.process_iter(["pid", "cmdline", "create_time", "status"]):
        try:
            if p.info["status"] == psutil.STATUS_ZOMBIE or p.info["create_time"] < run.started - 1:
                continue
            cmd = " ".join(p.info["cmdline"] or [])
        except psutil.Error:
            continue
        if str(run.tmp) in cmd or cmd == "sleep 600":
            found.append(f"{p.info['pid']}: {cmd[:200]}")
    return found


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("grade_batch")
    run = types.SimpleNamespace(tmp=tmp, course=make_course(tmp / "course"), db=tmp / "gradebook.db")
    run.db_url = f"sqlite:///{run.db}"
    run.submissions = tmp / "submissions"
    run.expected = build_corpus(run.submissions, course_root=run.course, gradebook=run.db)
    run.escapes = [Path(os.environ.get("TMPDIR", "/tmp")) / ESCAPE_FILE_NAME, Path("/tmp") / ESCAPE_FILE_NAME]
    for path in run.escapes:  # left by an earlier, broken run: would hide a new escape
        path.unlink(missing_ok=True)
    run.started = time.time()
    t0 = time.monotonic()
    run.first = _grade(run)
    run.first_seconds = time.monotonic() - t0
    run.strays = _strays(run)  # before the second run, which must not start anything
    t0 = time.monotonic()
    run.second = _grade(run)
    run.second_seconds = time.monotonic() - t0
    print(f"\ngraded {len(run.first.results)} learners in {run.first_seconds:.0f} s, "
          f"re-run in {run.second_seconds:.0f} s\n{run.first.table()}\n{run.first.defences()}")
    return run


def _by_learner(report) -> dict:
    return {r.learner: r for r in report.results}


def test_every_learner_is_found_under_the_expected_id(run):
    assert sorted(_by_learner(run.first)) == sorted(run.expected)


def test_every_learner_gets_the_expected_outcome(run):
    results = _by_learner(run.first)
    problems = []
    for learner, exp in sorted(run.expected.items()):
        r = results.get(learner)
        if r is None:
            problems.append(f"{learner}: not graded")
            continue
        said = f"{learner} ({exp.why})"
        if r.score != pytest.approx(exp.score) or r.max_score != pytest.approx(exp.max_score):
            problems.append(f"{said}: score {r.score}/{r.max_score}, expected {exp.score}/{exp.max_score}")
        if exp.status is not None and r.status != exp.status:
            problems.append(f"{said}: status {r.status!r}, expected {exp.status!r}")
        for test_id, points in (exp.exercises or {}).items():
            got = r.exercises.get(f"{MODULE}/{test_id}")
            if got != pytest.approx(points):
                problems.append(f"{said}: {test_id} scored {got}, expected {points}")
        notes = " | ".join(r.notes)
        problems += [f"{said}: no note says {n!r} (notes: {notes})" for n in exp.notes if n not in notes]
        flags = " | ".join(r.flags)
        problems += [f"{said}: not flagged for {f!r} (flags: {flags})" for f in exp.flags if f not in flags]
        if exp.flags and r.status not in ("review", "timeout", "unreadable"):
            problems.append(f"{said}: flagged but status {r.status!r}, not 'review'")
        if exp.clean and r.flags:
            problems.append(f"{said}: honest code flagged for review: {flags}")
    assert not problems, "\n".join(problems) + "\n\n" + run.first.table()


def test_references_full_marks_and_zero(run):
    results = _by_learner(run.first)
    correct, untouched = results["alice_smith_1001"], results["untouched"]
    assert (correct.score, correct.max_score, correct.status) == (MAX_SCORE, MAX_SCORE, "ok")
    assert not correct.flags and not correct.notes
    assert (untouched.score, untouched.max_score) == (0.0, MAX_SCORE)
    assert not untouched.flags


def test_nothing_left_running(run):
    assert not run.strays, "processes left behind by the grading:\n" + "\n".join(run.strays)
    assert not _strays(run)


def test_nothing_written_outside_the_scratch_course(run):
    for path in run.escapes:
        assert not path.exists(), f"a submission wrote {path}"
    assert run.first.csv_path.resolve().is_relative_to(run.course.resolve())
    assert run.first.feedback_dir.resolve().is_relative_to(run.course.resolve())
    # The repository's own nbgrader folders never see the corpus's learners.
    for learner in ("patch_inside", "intruder", "smithbob_2002_3003"):
        for sub in ("submitted", "autograded", "feedback"):
            assert not (ROOT / ".nbgrader" / sub / learner).exists()


def test_rerun_is_idempotent(run):
    first, second = _by_learner(run.first), _by_learner(run.second)
    assert sorted(first) == sorted(second)
    for learner, a in first.items():
        b = second[learner]
        assert b.reused, f"{learner} was graded again although nothing changed"
        assert (b.score, b.max_score, b.status) == (a.score, a.max_score, a.status), learner
        assert b.exercises == a.exercises, learner
        assert (b.notes, b.flags) == (a.notes, a.flags), learner
    from nbgrader.api import Gradebook

    with Gradebook(run.db_url) as gb:
        subs = gb.assignment_submissions(MODULE)
        students = [s.student_id for s in subs]
        assert sorted(students) == sorted(first), "one submission per learner"
        for learner in first:
            assert len(gb.student_submissions(learner)) == 1
    assert run.second_seconds < run.first_seconds / 3


def _hidden_test_lines() -> list[str]:
    """Lines of the hidden tests that do not also occur in the visible code (e.g. a closing bracket)."""
    hidden, shown, inside = [], set(), False
    for cell in nbformat.read(SOURCE, as_version=4).cells:
        for line in cell.source.splitlines():
            if line.strip() == "### BEGIN HIDDEN TESTS":
                inside = True
            elif line.strip() == "### END HIDDEN TESTS":
                inside = False
            elif inside:
                hidden.append(line.strip())
            else:
                shown.add(line.strip())
    lines = [ln for ln in hidden if len(ln) > 15 and ln not in shown]
    assert len(lines) >= 8
    return lines


def _visible_text(page: str) -> str:
    """What a reader of the HTML sees: tags removed (code is split into highlighted spans), entities decoded."""
    page = re.sub(r"<(script|style)\b.*?</\1>", "", page, flags=re.S | re.I)
    return html.unescape(re.sub(r"<[^>]+>", "", page))


def test_feedback_exists_and_hides_the_hidden_tests(run):
    hidden = _hidden_test_lines()
    # The search would find them: the source notebook rendered the same way shows every one.
    from nbconvert import HTMLExporter

    rendered, _ = HTMLExporter().from_notebook_node(nbformat.read(SOURCE, as_version=4))
    assert all(line in _visible_text(rendered) for line in hidden)
    for learner in run.expected:
        page = run.first.feedback_dir / learner / MODULE / NOTEBOOK.replace(".ipynb", ".html")
        assert page.is_file(), f"no feedback for {learner}"
        assert page.stat().st_size < 5 << 20, f"feedback of {learner} is {page.stat().st_size >> 20} MB"
        text = _visible_text(page.read_text(errors="replace"))
        # The search works: the visible tests are there, as the learner saw them.
        assert "check_cases(count_parameters, [" in text and "passed(\"count_parameters\")" in text
        leaked = [line for line in hidden if line in text]
        assert not leaked, f"feedback of {learner} shows hidden tests: {leaked[:3]}"


def test_csv_has_a_column_per_exercise(run):
    with open(run.first.csv_path, newline="") as f:
        rows = list(csv.DictReader(f))
    columns = [f"{MODULE}/{T1}", f"{MODULE}/{T2}"]
    assert set(columns) <= set(rows[0])
    by_learner = {row["learner"]: row for row in rows}
    assert sorted(by_learner) == sorted(run.expected)
    for r in run.first.results:
        row = by_learner[r.learner]
        assert [float(row[c]) for c in columns] == [r.exercises.get(c, 0.0) for c in columns]
        assert float(row["total"]) == r.score and row["status"] == r.status
        assert sum(float(row[c]) for c in columns) == pytest.approx(r.score)
    assert "tried to open a protected file" in by_learner["intruder"]["review"]


def test_summary_reports_the_defences(run):
    text = run.first.defences()
    assert "[x] audit-hook guard" in text and "[x] resource limits" in text
    table = run.first.table()
    assert all(learner in table for learner in run.expected)
    assert "(unchanged, not re-run)" in run.second.table()


def test_total_time_limit_stops_a_kernel_that_holds_the_gil(tmp_path):
    """A kernel stuck in C code ignores its parent's death; the batch must still kill it."""
    from course_lib.grading.batch import grade

    run = types.SimpleNamespace(tmp=tmp_path, started=time.time())
    course = make_course(tmp_path / "course")
    expected = build_runaway(tmp_path / "submissions")
    report = grade(MODULE, tmp_path / "submissions", root=course, db_url=f"sqlite:///{tmp_path / 'gb.db'}",
                   workers=1, cell_timeout=120, total_timeout=10, limits=LIMITS, progress=False)
    (result,) = report.results
    exp = expected[result.learner]
    assert (result.score, result.status) == (exp.score, exp.status)
    assert all(n in " | ".join(result.notes) for n in exp.notes)
    deadline = time.monotonic() + 5
    while _strays(run) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _strays(run), "processes left behind by the grading:\n" + "\n".join(_strays(run))


def test_a_batch_that_stops_early_leaves_no_scratch_folder(tmp_path, monkeypatch):
    import tempfile

    from course_lib.grading import batch

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # mkdtemp goes here
    (tmp_path / "course" / "solutions").mkdir(parents=True)
    with pytest.raises(Exception, match="no module"):
        batch.grade("99_missing", tmp_path, root=tmp_path / "course", progress=False)
    assert not list(tmp_path.glob("course-scratch-*"))
