"""``course grade --cluster``: one Dask task per submission, with workers that fail.

A ``LocalCluster`` (worker processes on loopback) grades a small class while a
worker that runs one learner's submission is killed each time it tries (that
learner ends as an error, the rest are graded); a scheduler and two workers
started as separate processes (``dask scheduler``, ``dask worker``) grade a class
while one worker is killed for good in the middle of a submission (retried on
the other, recorded once); an unreachable scheduler and a scheduler without
workers are clear errors. Nothing a task started may be left running.
"""
from __future__ import annotations

import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import distributed  # noqa: F401 - loads its config defaults before any dask.config.set
import nbformat
import psutil
import pytest

from course_lib.grading import executors
from course_lib.grading.batch import grade
from course_lib.grading.executors import ClusterError

if not sys.platform.startswith("linux"):
    pytest.skip("the grading sandbox is Linux-only", allow_module_level=True)

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
MODULE = "tiny"   # a two-exercise module without TensorFlow: a grading takes seconds, not tens of them
CRASH_MARKER = "# this learner's grading kills its Dask worker (test_grade_cluster)"
ANSWERS = {"double": "def double(x):\n    return 2 * x", "square": "def square(x):\n    return x * x"}
BLANK = {"double": "def double(x):\n    raise NotImplementedError()",
         "square": "def square(x):\n    raise NotImplementedError()"}


def _meta(grade_id: str, points: float | None = None) -> dict:
    if points is None:
        return {"nbgrader": {"grade": False, "solution": True, "locked": False, "grade_id": grade_id,
                             "schema_version": 3}}
    return {"nbgrader": {"grade": True, "solution": False, "locked": True, "points": points,
                         "grade_id": grade_id + "_tests", "schema_version": 3}}


def _notebook(answers: dict[str, str], extra: str | None = None) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    code = nbformat.v4.new_code_cell
    nb.cells = [
        nbformat.v4.new_markdown_cell("# A tiny module\nTwo exercises, and a demo cell that takes a few seconds."),
        code("import time\nfrom course_lib.checks import REFERENCE, check_cases, passed\ntime.sleep(2)  # a demo"),
        code(answers["double"], metadata=_meta("double")),
        code("check_cases(double, [((3,), 6)], name='double')\npassed()\n### BEGIN HIDDEN TESTS\n"
             "check_cases(double, [((-1.5,), REFERENCE), ((0,), REFERENCE)], name='double')\n"
             "### END HIDDEN TESTS", metadata=_meta("double", 2)),
        code(answers["square"], metadata=_meta("square")),
        code("check_cases(square, [((3,), 9)], name='square')\npassed()\n### BEGIN HIDDEN TESTS\n"
             "check_cases(square, [((-2,), REFERENCE)], name='square')\n### END HIDDEN TESTS",
             metadata=_meta("square", 1)),
    ]
    if extra:
        nb.cells.append(code(extra))
    return nb


def make_tiny_course(dest: Path) -> Path:
    dest.mkdir(parents=True)
    shutil.copy(ROOT / "nbgrader_config.py", dest / "nbgrader_config.py")
    src = dest / "solutions" / MODULE
    src.mkdir(parents=True)
    solution = {k: v.replace("    return", "    ### BEGIN SOLUTION\n    return") + "\n    ### END SOLUTION"
                for k, v in ANSWERS.items()}
    nbformat.write(_notebook(solution), src / "tiny.ipynb")
    return dest


def _export(folder: Path, learners: dict[str, bool], crash: str | None = None) -> dict[str, float]:
    """An LMS-style flat folder; ``learners``: id -> answered both (else only ``double``).
    Returns the expected scores."""
    folder.mkdir(parents=True)
    expected = {}
    for learner, full in learners.items():
        answers = dict(ANSWERS) if full else {"double": ANSWERS["double"], "square": BLANK["square"]}
        nb = _notebook(answers, extra=CRASH_MARKER if learner == crash else None)
        nbformat.write(nb, folder / f"{learner}_tiny.ipynb")
        expected[learner] = 3.0 if full else 2.0
    return expected


def _grading_processes() -> list[psutil.Process]:
    found = []
    for p in psutil.process_iter(["cmdline"]):
        cmd = p.info["cmdline"] or []
        if "course_lib.grading.worker" in cmd and any("course-task-" in part for part in cmd):
            found.append(p)
    return found


class WorkerKiller(threading.Thread):
    """SIGKILLs the Dask worker process (the parent of a task's grading process) while it
    grades, up to ``times`` times; only submissions holding ``marker`` when one is given."""

    def __init__(self, times: int, marker: str | None = None):
        super().__init__(daemon=True)
        self.times, self.marker, self.killed, self.stop = times, marker, [], threading.Event()

    def _wanted(self, proc) -> bool:
        if self.marker is None:
            return True
        job = Path(proc.info["cmdline"][-1])
        return any(self.marker in p.read_text() for p in (job / "in").glob("*.ipynb"))

    def run(self):
        while not self.stop.is_set() and len(self.killed) < self.times:
            for proc in _grading_processes():
                try:
                    if proc.info["cmdline"][-1] in {k[1] for k in self.killed} or not self._wanted(proc):
                        continue
                    time.sleep(1.0)   # mid-submission: the kernel is running the learner's code
                    worker = proc.parent()
                    worker.send_signal(signal.SIGKILL)
                    self.killed.append((worker.pid, proc.info["cmdline"][-1]))
                except (psutil.Error, OSError, IndexError):
                    continue
                break
            time.sleep(0.2)


def _recorded(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as con:
        rows = con.execute("SELECT student.id, COUNT(*) FROM submitted_assignment JOIN student "
                           "ON submitted_assignment.student_id = student.id GROUP BY student.id").fetchall()
    return dict(rows)


def _assert_nothing_left_running():
    deadline = time.monotonic() + 10
    while _grading_processes() and time.monotonic() < deadline:
        time.sleep(0.5)
    left = [" ".join(p.info["cmdline"]) for p in _grading_processes()]
    assert not left, f"grading processes outlived their task: {left}"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_local_cluster_grades_the_class_and_gives_up_on_a_submission_that_kills_its_worker(tmp_path):
    import dask

    root = make_tiny_course(tmp_path / "course")
    expected = _export(tmp_path / "export", {"learner0": True, "learner1": False, "crasher": True},
                       crash="crasher")
    killer = WorkerKiller(times=2, marker=CRASH_MARKER)
    killer.start()
    try:
        # The scheduler of a LocalCluster runs in this process: one retry, then KilledWorker.
        # (worker-saturation 1.0 as the executor sets it: only the crasher is on the killed worker)
        with dask.config.set({"distributed.scheduler.allowed-failures": 1}):
            report = grade(MODULE, tmp_path / "export", root=root, db_url=f"sqlite:///{root / 'gb.db'}",
                           progress=False, cluster="local:2", workers=2)
    finally:
        killer.stop.set()
    by = {r.learner: r for r in report.results}
    assert len(killer.killed) == 2, killer.killed  # the first try and the one retry
    assert by["crasher"].status == "error" and "died each time" in " ".join(by["crasher"].notes), by["crasher"]
    for learner in ("learner0", "learner1"):
        assert by[learner].status == "ok" and by[learner].score == expected[learner], report.table()
    assert "Dask cluster" in report.where and report.capabilities.get("mechanism")
    assert set(_recorded(root / "gb.db")) == {"learner0", "learner1"}
    _assert_nothing_left_running()


@pytest.fixture
def scheduler(tmp_path):
    """``dask scheduler`` on 127.0.0.1 and two ``dask worker`` processes, as an instructor starts them."""
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    logs = tmp_path / "dask-logs"
    logs.mkdir()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    env["DASK_DISTRIBUTED__SCHEDULER__WORKER_SATURATION"] = "1.0"   # as the README starts it
    procs = [subprocess.Popen([str(BIN / "dask"), "scheduler", "--host", "127.0.0.1", "--port", str(port),
                               "--no-dashboard"], stdout=subprocess.DEVNULL,
                              stderr=open(logs / "scheduler.log", "wb"), env=env)]
    for i in range(2):
        # --no-nanny: a killed worker stays gone (no nanny restarts it)
        procs.append(subprocess.Popen([str(BIN / "dask"), "worker", address, "--nthreads", "1", "--no-nanny",
                                       "--no-dashboard", "--name", f"w{i}"], stdout=subprocess.DEVNULL,
                                      stderr=open(logs / f"worker{i}.log", "wb"), env=env))
    from distributed import Client

    try:
        deadline = time.monotonic() + 60
        with Client(address, timeout=30) as client:
            while len(client.scheduler_info()["workers"]) < 2:
                assert time.monotonic() < deadline, (logs / "worker0.log").read_text()[-2000:]
                time.sleep(0.3)
        yield address
    finally:  # also when the start failed: nothing of the cluster outlives the test
        for p in reversed(procs):
            p.terminate()
        for p in procs:
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                p.kill()


def test_a_worker_killed_for_good_mid_submission_is_retried_elsewhere_and_recorded_once(tmp_path, scheduler):
    root = make_tiny_course(tmp_path / "course")
    expected = _export(tmp_path / "export", {"learner0": True, "learner1": False, "learner2": True})
    killer = WorkerKiller(times=1)
    killer.start()
    try:
        report = grade(MODULE, tmp_path / "export", root=root, db_url=f"sqlite:///{root / 'gb.db'}",
                       progress=False, cluster=scheduler, workers=2)
    finally:
        killer.stop.set()
    assert len(killer.killed) == 1
    assert {r.learner: (r.status, r.score) for r in report.results} == \
        {k: ("ok", v) for k, v in expected.items()}, report.table()
    assert _recorded(root / "gb.db") == {k: 1 for k in expected}   # each learner graded and recorded once
    _assert_nothing_left_running()


def test_an_unreachable_scheduler_is_a_clear_error(tmp_path, capsys):
    from course_lib.cli import main

    root = make_tiny_course(tmp_path / "course")
    _export(tmp_path / "export", {"learner0": True})
    address = f"tcp://127.0.0.1:{_free_port()}"   # nothing listens there
    t0 = time.monotonic()
    code = main(["grade", MODULE, str(tmp_path / "export"), "--root", str(root), "--cluster", address, "--quiet"])
    err = capsys.readouterr().err
    assert code == 1 and "could not reach the Dask scheduler" in err and address in err, err
    assert time.monotonic() - t0 < 60
    assert not (root / "gradebook.db").exists() and not list(root.glob("*.db"))


def test_a_scheduler_without_workers_is_a_clear_error(tmp_path, monkeypatch):
    from distributed import LocalCluster

    monkeypatch.setattr(executors, "NO_WORKER_TIMEOUT", 2.0)
    root = make_tiny_course(tmp_path / "course")
    _export(tmp_path / "export", {"learner0": True})
    with LocalCluster(n_workers=0, processes=False, dashboard_address=None) as empty:
        with pytest.raises(ClusterError, match="no workers"):
            grade(MODULE, tmp_path / "export", root=root, db_url=f"sqlite:///{root / 'gb.db'}",
                  progress=False, cluster=empty.scheduler_address)


@pytest.mark.parametrize("bad", ["local:x", "local:0"])
def test_a_bad_cluster_spec_is_a_clear_error(bad):
    with pytest.raises(ClusterError, match="local:N|at least one"):
        executors._cluster_address(bad)


def test_a_task_is_keyed_by_what_it_grades(tmp_path):
    """Same notebooks, reference and limits: one key (a retry or a duplicate is the same task);
    anything that changes the grade changes it."""
    job = tmp_path / "job"
    (job / "in").mkdir(parents=True)
    nbformat.write(_notebook(ANSWERS), job / "in" / "tiny.ipynb")
    ref = tmp_path / "reference.json"
    ref.write_text('{"tiny.ipynb": {"double_tests": {"records": []}}, "other.ipynb": {"x": 1}}')
    payload = executors.pack_job(job, ref)
    assert set(payload["reference"]) == {"tiny.ipynb"}   # only the records this job needs travel
    settings = {"cell_timeout": 20, "total_timeout": 60, "limits": {}, "fast": "1"}
    key = executors.task_key(payload, settings)
    assert key == executors.task_key(executors.pack_job(job, ref), dict(settings))
    assert key != executors.task_key(payload, {**settings, "fast": ""})
    nbformat.write(_notebook(BLANK), job / "in" / "tiny.ipynb")
    assert key != executors.task_key(executors.pack_job(job, ref), settings)
