"""``course grade`` on a whole class of damaged and hostile submissions (tests/grading_corpus.py).

One batch grades every learner of the corpus (two workers, short time limits,
a memory cap) in a throw-away course folder with its own gradebook; the tests
then check each learner's outcome (and that each attack really ran), that
nothing the submissions started is still running, that nothing was left in the
host's /tmp and /dev/shm or written outside the scratch course, that the
gradebook says what the CSV and the report say, that a second run changes
nothing, and what the feedback, the table and the CSV contain. A second, small
batch grades a zip with an entry that declares 5 GiB.

What the pipeline does not get right yet is written down as it should be and
marked: each learner's ``waiting`` names a fault of ``grading_corpus.WAITING``,
tested (xfail, strict) by ``test_waiting_for``.
"""
from __future__ import annotations

import csv
import dataclasses
import html
import os
import re
import shutil
import sqlite3
import sys
import tempfile
import time
import types
from pathlib import Path

import nbformat
import psutil
import pytest

from grading_corpus import (
    ESCAPE_FILE_NAME,
    LEFTOVER_NAMES,
    MAX_SCORE,
    MODULE,
    NOTEBOOK,
    PROCESS_MARKERS,
    ROOT,
    SCRIPT_MARKER,
    SOURCE,
    T1,
    T2,
    WAITING,
    build_corpus,
    build_runaway,
    build_zipped,
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


def _sandbox_uids(run) -> set:
    """The users this test's batches ran kernels as (each batch leases its own)."""
    return {uid for report in (getattr(run, "first", None), getattr(run, "second", None)) if report
            for uid in report.sandbox_uids}


def _strays(run) -> list[str]:
    """Processes the grading left behind: anything of the sandbox users, anything whose command
    line or working folder names the course or the batch's scratch folders (kernels, workers,
    forks of kernels), and the attackers' own markers (`sleep 611`, the daemon, ...)."""
    uids = _sandbox_uids(run)
    folders = [str(run.tmp), *getattr(run, "temp_dirs", ())]
    found = []
    for p in psutil.process_iter(["pid", "cmdline", "create_time", "status", "uids", "cwd"]):
        try:
            if p.info["status"] == psutil.STATUS_ZOMBIE or p.info["create_time"] < run.started - 1:
                continue
            cmd = " ".join(p.info["cmdline"] or [])
            cwd = p.info["cwd"] or ""
            uid = p.info["uids"].real if p.info["uids"] else None
        except psutil.Error:
            continue
        if uid in uids:
            why = f"sandbox uid {uid}"
        elif any(os.path.basename(f).startswith("course-reference-") and (f in cwd or f in cmd) for f in folders):
            why = REFERENCE_KERNEL
        elif any(f in cmd or f in cwd for f in folders):
            why = "names the course or scratch folder"
        elif any(m in cmd for m in PROCESS_MARKERS):
            why = "an attacker's marker"
        else:
            continue
        found.append(f"{p.info['pid']} ({why}, cwd {cwd}): {cmd[:200]}")
    return found


REFERENCE_KERNEL = "the reference run's kernel (our solution, trusted)"
HOST_FOLDERS = ("/tmp", "/var/tmp", "/dev/shm")


def _host_entries() -> dict[str, int]:
    """What the host's shared temporary folders hold: path -> owner."""
    found = {}
    for folder in HOST_FOLDERS:
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for e in entries:
            try:
                found[e.path] = e.stat(follow_symlinks=False).st_uid
            except OSError:
                pass
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
    for name in LEFTOVER_NAMES:
        for folder in HOST_FOLDERS:
            Path(folder, name).unlink(missing_ok=True)
    run.host_before = _host_entries()
    # The batch's own temporary folders (scratch, unzip, reference run): the kernels' command
    # lines name them, and none may be left afterwards. Only watched, never changed.
    run.temp_dirs, mkdtemp = [], tempfile.mkdtemp

    def watched_mkdtemp(*args, **kwargs):
        path = mkdtemp(*args, **kwargs)
        run.temp_dirs.append(str(path))
        return path

    run.started = time.time()
    t0 = time.monotonic()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(tempfile, "mkdtemp", watched_mkdtemp)
        run.first = _grade(run)
    run.first_seconds = time.monotonic() - t0
    run.strays = _strays(run)  # before the second run, which must not start anything
    run.host_after = _host_entries()
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


def _waits(exp, aspect: str) -> bool:
    return any(a == aspect for a, _ in exp.waiting)


def _outcome_problems(learner: str, exp, r) -> list[str]:
    """How ``course grade``'s result ``r`` for ``learner`` differs from what the corpus expects."""
    if r is None:
        return [f"{learner}: not graded"]
    said = f"{learner} ({exp.why})"
    problems = []
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
    if exp.clean and any(w in notes for w in ("kernel died", "was stopped", "time limit", "ran out of time")):
        problems.append(f"{said}: an honest learner's kernel was disturbed: {notes}")
    if exp.max_seconds is not None and r.seconds > exp.max_seconds:
        problems.append(f"{said}: took {r.seconds} s to grade, at most {exp.max_seconds} s expected")
    return problems


def _outcome(run, learner: str) -> list[str]:
    return _outcome_problems(learner, run.expected[learner], _by_learner(run.first).get(learner))


def test_every_learner_gets_the_expected_outcome(run):
    problems = [p for learner, exp in sorted(run.expected.items()) if not _waits(exp, "outcome")
                for p in _outcome(run, learner)]
    assert not problems, "\n".join(problems) + "\n\n" + run.first.table()


def _own_outputs(course: Path, learner: str) -> str:
    """The text outputs of the learner's own cells (not the test cells) as the sandbox executed them."""
    from course_lib.grading.judge import is_test_cell

    path = course / ".nbgrader" / "grading" / MODULE / "executed" / learner / NOTEBOOK
    texts = []
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type != "code" or is_test_cell(cell):
            continue
        for out in cell.get("outputs", []):
            # One print may arrive as several stream outputs (the kernel flushes when it
            # likes): stream pieces are joined as they were written, other outputs on lines.
            if out.get("output_type") == "stream":
                texts.append(out.get("text", ""))
            elif isinstance(out.get("data"), dict):
                texts.append("\n" + str(out["data"].get("text/plain", "")) + "\n")
        texts.append("\n")
    return "".join(texts)


def test_attacks_really_ran(run):
    """Each attacker prints what its attack did: a 0 for an attack that crashed on a typo proves nothing."""
    problems = []
    for learner, exp in sorted(run.expected.items()):
        if exp.evidence:
            text = _own_outputs(run.course, learner)
            problems += [f"{learner}: its outputs do not say {e!r}:\n{text[-1500:]}" for e in exp.evidence
                         if e not in text]
    assert not problems, "\n".join(problems)


def test_the_sandbox_stopped_what_the_attackers_tried(run):
    shm = re.search(r"corpus: /dev/shm full at (\d+) MiB", _own_outputs(run.course, "tmp_shm"))
    assert shm and int(shm.group(1)) < 1024, "the 1 GiB written to /dev/shm was not capped"
    assert "stole the solution" not in _own_outputs(run.course, "proc_root")
    assert "opened the gradebook folder" not in _own_outputs(run.course, "daemon")
    intruder = _own_outputs(run.course, "intruder")
    assert intruder.count("cannot read") == 4, intruder[-2000:]   # none of the solution paths is there
    # The gradebook's folder is not there; /tmp is the sandbox's own (the host's: see
    # test_nothing_written_outside_the_scratch_course).
    assert any("blocked:" in line and str(run.db) in line for line in intruder.splitlines()), intruder[-2000:]


def test_honest_learners_keep_full_marks_beside_the_attackers(run):
    """The attackers (daemon, spawner, tmp_shm, ...) ran in the same batch: nothing they did may
    cost an honest learner a point or a flag."""
    results = _by_learner(run.first)
    honest = [learner for learner, exp in run.expected.items() if exp.clean and exp.score == MAX_SCORE]
    assert len(honest) >= 5
    for learner in honest:
        r = results[learner]
        assert (r.score, r.status, r.flags) == (MAX_SCORE, "ok", []), (learner, r.score, r.status, r.flags, r.notes)


def test_references_full_marks_and_zero(run):
    results = _by_learner(run.first)
    correct, untouched = results["alice_smith_1001"], results["untouched"]
    assert (correct.score, correct.max_score, correct.status) == (MAX_SCORE, MAX_SCORE, "ok")
    assert not correct.flags and not correct.notes
    assert (untouched.score, untouched.max_score) == (0.0, MAX_SCORE)
    assert not untouched.flags


def _submissions(strays: list[str]) -> list[str]:
    return [s for s in strays if REFERENCE_KERNEL not in s]


def test_nothing_left_running(run):
    """No process any submission started (fork_exec, posix_spawn, double fork + setsid daemons,
    `sleep 600`) outlives the batch: nothing of the sandbox users, nothing in its folders."""
    assert run.temp_dirs, "the batch's temporary folders were not seen"
    strays = _submissions(run.strays)
    assert not strays, "processes left behind by the grading:\n" + "\n".join(strays)
    assert not _submissions(_strays(run))


def test_the_reference_kernel_is_shut_down(run):
    left = [s for s in run.strays if REFERENCE_KERNEL in s]
    assert not left, "left running after the batch:\n" + "\n".join(left)


def test_nothing_left_in_the_hosts_tmp_and_shm(run):
    uids = _sandbox_uids(run)
    left = []
    for path, uid in sorted(run.host_after.items()):
        name = os.path.basename(path)
        if path in run.host_before:
            continue
        if uid in uids:
            left.append(f"{path} (owned by the sandbox user {uid})")
        elif any(n in name for n in LEFTOVER_NAMES):
            left.append(f"{path} (an attacker's file)")
    left += [f"{path} (the batch's temporary folder)" for path in run.temp_dirs if os.path.exists(path)]
    assert not left, "left behind in the host's temporary folders:\n" + "\n".join(left)


def test_gradebook_equals_the_csv_and_the_report(run):
    """For every learner: total, maximum and per-exercise points in nbgrader's gradebook are
    those of grades.csv and of the report; and the gradebook is intact."""
    from nbgrader.api import Gradebook

    with open(run.first.csv_path, newline="") as f:
        rows = {row["learner"]: row for row in csv.DictReader(f)}
    columns = [f"{MODULE}/{T1}", f"{MODULE}/{T2}"]
    problems = []
    with Gradebook(run.db_url) as gb:
        assert sorted(s.id for s in gb.students) == sorted(run.expected)
        for r in run.first.results:
            row, sub = rows[r.learner], gb.find_submission(MODULE, r.learner)
            book = {"total": float(sub.score), "max": float(sub.max_score)}
            for nb in sub.notebooks:
                for g in nb.grades:
                    if g.max_score:
                        book[f"{nb.name}/{g.name}"] = float(g.score or 0.0)
            csv_side = {k: float(row[k]) for k in ["total", "max", *columns]}
            report = {"total": r.score, "max": r.max_score, **{c: r.exercises.get(c, 0.0) for c in columns}}
            if not (book == csv_side == report):
                problems.append(f"{r.learner}: gradebook {book}, CSV {csv_side}, report {report}")
    assert not problems, "\n".join(problems)
    with sqlite3.connect(run.db) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert b"was here" not in run.db.read_bytes()


def test_nothing_written_outside_the_scratch_course(run):
    for path in run.escapes:
        assert not path.exists(), f"a submission wrote {path}"
    assert run.first.csv_path.resolve().is_relative_to(run.course.resolve())
    assert run.first.feedback_dir.resolve().is_relative_to(run.course.resolve())
    # The repository's own nbgrader folders never see the corpus's learners.
    for learner in ("patch_inside", "intruder", "smithbob_2002_3003", "daemon", "tmp_shm", "proc_root"):
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
    # (That the second run re-ran nobody is test_rerun_is_idempotent's check: by the
    # results, not by a duration, which depends on how busy the machine is.)


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


def _page(run, learner: str) -> Path:
    return run.first.feedback_dir / learner / MODULE / NOTEBOOK.replace(".ipynb", ".html")


# Feedback shows at most 5,000,000 characters of outputs (nbgrader_ext.SafeFeedback); the
# page adds nbconvert's template and each cell's markup (1,000 cells of big_output: 5.6 MiB).
MAX_FEEDBACK_BYTES = 8 << 20


def _feedback_problems(run, learner: str) -> list[str]:
    page = _page(run, learner)
    if not page.is_file():
        return [f"no feedback for {learner}"]
    if page.stat().st_size > MAX_FEEDBACK_BYTES:
        return [f"feedback of {learner} is {page.stat().st_size / 2**20:.1f} MiB"]
    text = _visible_text(page.read_text(errors="replace"))
    # The search works: the visible tests are there, as the learner saw them.
    if not ("check_cases(count_parameters, [" in text and "passed(\"count_parameters\")" in text):
        return [f"feedback of {learner} does not show the visible tests"]
    leaked = [line for line in _hidden_test_lines() if line in text]
    return [f"feedback of {learner} shows hidden tests: {leaked[:3]}"] if leaked else []


def test_feedback_exists_and_hides_the_hidden_tests(run):
    hidden = _hidden_test_lines()
    # The search would find them: the source notebook rendered the same way shows every one.
    from nbconvert import HTMLExporter

    rendered, _ = HTMLExporter().from_notebook_node(nbformat.read(SOURCE, as_version=4))
    assert all(line in _visible_text(rendered) for line in hidden)
    problems = [p for learner, exp in sorted(run.expected.items()) if not _waits(exp, "feedback")
                for p in _feedback_problems(run, learner)]
    assert not problems, "\n".join(problems)


_LIVE_SCRIPT = re.compile(r"<script\b[^>]*>(.*?)</script\s*>", re.S | re.I)
_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=[^>]*" + SCRIPT_MARKER, re.I)


def _script_problems(run, learner: str) -> list[str]:
    """A learner's script text in a live <script> (nbconvert's own scripts are fine) or an on...= handler."""
    page = _page(run, learner)
    if not page.is_file():
        return [f"no feedback for {learner}"]
    raw = page.read_text(errors="replace")
    live = [s.strip()[:120] for s in _LIVE_SCRIPT.findall(raw) if SCRIPT_MARKER in s]
    live += [h[:120] for h in _HANDLER.findall(raw)]
    return [f"feedback of {learner} runs the learner's script: {live[:4]}"] if live else []


def test_feedback_runs_no_script_of_a_learner(run):
    problems = [p for learner, exp in sorted(run.expected.items()) if not _waits(exp, "scripts")
                for p in _script_problems(run, learner)]
    assert not problems, "\n".join(problems)


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _name_problems(run, learner: str) -> list[str]:
    """Control characters (escapes, carriage returns, newlines, bidi overrides) raw in the
    learner's rows of the terminal table or the CSV."""
    r = _by_learner(run.first)[learner]
    problems = []
    table = dataclasses.replace(run.first, results=[r]).table()
    if _CONTROL.search(table):
        problems.append(f"{learner}: control characters in the table: {table!r}")
    if len(table.splitlines()) != 2 + len(r.notes) + len(r.flags):
        problems.append(f"{learner}: a newline from a name breaks the table: {table!r}")
    with open(run.first.csv_path, newline="") as f:
        row = next(row for row in csv.DictReader(f) if row["learner"] == learner)
    raw = [v for v in row.values() if _CONTROL.search(v) or "\n" in v]
    if raw:
        problems.append(f"{learner}: control characters in the CSV: {raw!r}")
    return problems


def test_table_and_csv_show_no_raw_control_characters(run):
    problems = [p for learner, exp in sorted(run.expected.items()) if not _waits(exp, "names")
                for p in _name_problems(run, learner)]
    assert not problems, "\n".join(problems)


def test_learner_ids_are_short_distinct_and_plain(run):
    ids = [r.learner for r in run.first.results]
    assert len(ids) == len(set(i.casefold() for i in ids))
    assert all(len(i) <= 40 and re.fullmatch(r"[A-Za-z0-9_.-]+", i) for i in ids), ids
    assert {"jose_garcia", "jose_garcia_2", "submitted", "linker"} <= set(ids)
    assert any(i.startswith("maximiliana_") for i in ids) and any(i.startswith("ctrl_") for i in ids)


def _output_problems(run, learner: str) -> list[str]:
    """The worker's caps on what the sandbox sends back: the notebook's text outputs within
    MAX_NOTEBOOK_OUTPUT_CHARS (and one cell's cap), and a cell said to have printed more than
    the per-cell cap only where it did."""
    import json

    from course_lib.grading.worker import MAX_NOTEBOOK_OUTPUT_CHARS, MAX_OUTPUT_CHARS

    path = run.course / ".nbgrader" / "grading" / MODULE / "executed" / learner / NOTEBOOK
    note = f"[grader] text output of this cell longer than {MAX_OUTPUT_CHARS:,} characters"
    total, wrong_notes = 0, []
    for k, cell in enumerate(json.loads(path.read_text())["cells"]):
        texts = ["".join(o["text"]) if isinstance(o.get("text"), list) else o.get("text", "")
                 for o in cell.get("outputs", []) if o.get("output_type") == "stream"]
        kept = sum(len(t) for t in texts if note not in t)
        total += kept
        if any(note in t for t in texts) and kept < MAX_OUTPUT_CHARS - 1000:
            wrong_notes.append(f"cell {k + 1} ({kept:,} characters kept)")
    problems = []
    if total > MAX_NOTEBOOK_OUTPUT_CHARS + MAX_OUTPUT_CHARS:
        problems.append(f"{learner}: {total:,} characters of text outputs kept, the notebook's cap is "
                        f"{MAX_NOTEBOOK_OUTPUT_CHARS:,}")
    if wrong_notes:
        problems.append(f"{learner}: {len(wrong_notes)} cells said to print more than {MAX_OUTPUT_CHARS:,} "
                        f"characters, which they did not: {wrong_notes[:3]}")
    return problems


def test_outputs_kept_within_the_workers_caps(run):
    problems = [p for learner, exp in sorted(run.expected.items()) if not _waits(exp, "outputs")
                for p in _output_problems(run, learner)]
    assert not problems, "\n".join(problems)


ASPECTS = {"outcome": _outcome, "feedback": _feedback_problems, "scripts": _script_problems,
           "names": _name_problems, "outputs": _output_problems}


if WAITING:  # defined only while a fault is known (an empty parameter set would show as a skip)
    @pytest.mark.parametrize("fault", [pytest.param(fault, marks=pytest.mark.xfail(strict=True, reason=why))
                                       for fault, why in WAITING.items()])
    def test_waiting_for(run, fault):
        """What the corpus expects once ``fault`` is fixed (an expected failure until then)."""
        cases = [(learner, aspect) for learner, exp in sorted(run.expected.items())
                 for aspect, f in exp.waiting if f == fault]
        problems = [p for learner, aspect in cases for p in ASPECTS[aspect](run, learner)]
        assert not problems, "\n".join(problems)


def test_every_waiting_fault_has_learners(run):
    """A fault with no learner left waiting on it (or a learner waiting on an unknown one) is stale."""
    used = {(aspect, fault) for exp in run.expected.values() for aspect, fault in exp.waiting}
    assert {fault for _, fault in used} == set(WAITING)
    assert {aspect for aspect, _ in used} <= set(ASPECTS)


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
    assert "calls open()" in by_learner["intruder"]["review"]


DEFENCE_LINES = {
    "own_user": "never root inside the sandbox",
    "pid_namespace": "own PID namespace",
    "private_tmp": "private /tmp and /dev/shm",
    "read_only_fs": "read-only file system except the scratch folder",
    "no_network": "no network",
    "hidden_files": "solutions, gradebook and other learners' files not visible",
    "limits": "resource limits",
}


def test_summary_reports_the_defences(run):
    """The summary says which defences this machine has, each as the sandbox's probe found it."""
    text = run.first.defences()
    caps = run.first.capabilities
    lines = text.splitlines()
    assert "[x] points decided outside the submission's process" in text
    sandbox = next(line for line in lines if "sandbox for every submission" in line)
    assert sandbox.strip().startswith("[x]" if caps["mechanism"] != "none" else "[ ]"), sandbox
    assert caps["mechanism"] in sandbox
    for key, label in DEFENCE_LINES.items():
        line = next(line for line in lines if label in line)
        assert line.strip().startswith("[x]" if caps.get(key) else "[ ]"), (key, line)
    if caps["mechanism"] == "bubblewrap":  # the grading machines (and CI) have it: every defence holds
        assert "[ ]" not in text, text
    table = run.first.table()
    assert all(learner in table for learner in run.expected)
    assert "(unchanged, not re-run)" in run.second.table()


@pytest.fixture(scope="module")
def zipped(run, tmp_path_factory):
    """A second, small batch: a zip of an LMS export with an entry that declares 5 GiB."""
    from course_lib.grading.batch import grade

    tmp = tmp_path_factory.mktemp("grade_zip")
    course = make_course(tmp / "course")
    reference = run.course / ".nbgrader" / "grading" / MODULE / "reference"
    if reference.is_dir():  # our solution's records, computed by the main batch: not computed again
        shutil.copytree(reference, course / ".nbgrader" / "grading" / MODULE / "reference")
    expected = build_zipped(tmp / "export.zip")
    t0 = time.process_time()   # the grader's own CPU time: unpacking 5 GiB would show, load would not
    report = grade(MODULE, tmp / "export.zip", root=course, db_url=f"sqlite:///{tmp / 'gradebook.db'}",
                   workers=WORKERS, cell_timeout=CELL_TIMEOUT, total_timeout=TOTAL_TIMEOUT, limits=LIMITS,
                   progress=False)
    return types.SimpleNamespace(report=report, expected=expected, cpu_seconds=time.process_time() - t0)


def test_a_zip_entry_declaring_5_gib_is_skipped_and_the_rest_of_the_zip_graded(zipped):
    results = _by_learner(zipped.report)
    assert sorted(results) == sorted(zipped.expected)
    problems = [p for learner, exp in sorted(zipped.expected.items())
                for p in _outcome_problems(learner, exp, results.get(learner))]
    assert not problems, "\n".join(problems) + "\n\n" + zipped.report.table()
    assert zipped.cpu_seconds < 60


def test_total_time_limit_stops_a_kernel_that_holds_the_gil(tmp_path):
    """A kernel stuck in C code ignores its parent's death; the batch must still kill it."""
    from course_lib.grading.batch import grade

    run = types.SimpleNamespace(tmp=tmp_path, started=time.time())
    course = make_course(tmp_path / "course")
    expected = build_runaway(tmp_path / "submissions")
    report = grade(MODULE, tmp_path / "submissions", root=course, db_url=f"sqlite:///{tmp_path / 'gb.db'}",
                   workers=1, cell_timeout=120, total_timeout=10, limits=LIMITS, progress=False)
    run.first = report   # the sandbox users it leased, for _strays
    (result,) = report.results
    exp = expected[result.learner]
    assert (result.score, result.status) == (exp.score, exp.status)
    assert all(n in " | ".join(result.notes) for n in exp.notes)
    deadline = time.monotonic() + 30   # a kill takes effect soon, later on a busy machine
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
