"""``course grade``: grade a class's submissions of one module, in parallel, safely.

Once per batch, each of the module's source notebooks runs in a trusted kernel with
our solution, and its check records become the reference (:mod:`.assignment`,
:mod:`.reference`). For each learner: find the files (:mod:`.submissions`), rebuild
each notebook around the source and scan the answers (:mod:`.prepare`), run it in
its own sandboxed worker (:mod:`.processes`, :mod:`.worker`; on this machine or, with
``cluster=``, as one task on a Dask cluster, :mod:`.executors`), where the check
helpers only record what the learner's code produced and a trusted judge compares
those records with the reference (:mod:`.judge`); then let nbgrader record the
grades in the gradebook from the judged notebooks (:mod:`.gradebook`: one writer,
in this process), write HTML feedback (:mod:`.feedback`) and a CSV
(:mod:`.report`). Every step that can fail for one learner is caught and turned
into a status for that learner; the batch goes on.

State lives in ``<root>/.nbgrader/grading/<assignment>/`` (:mod:`.paths`): a learner
whose files did not change since their last grading is not run again (re-running
is idempotent; an interrupted batch resumes, :mod:`.state`), and nbgrader keeps one
submission per learner.
"""
from __future__ import annotations

import concurrent.futures as futures
import os
import tempfile
import threading
import time
from pathlib import Path

from .assignment import Assignment
from .feedback import write_feedback
from .gradebook import Gradebook
from .paths import GradingPaths
from .prepare import prepare_job
from .executors import make_executor
from .processes import UID_BASE
from .report import BatchReport, LearnerResult, progress, write_csv
from .sandbox import Limits, capabilities
from .state import GRADER_VERSION, LearnerIds, ResumeState, fingerprint
from .submissions import collect

__all__ = ["LearnerResult", "BatchReport", "grade", "UID_BASE", "GRADER_VERSION"]


class _Grader:
    """One batch: the assignment, the worker slots, the gradebook, and the loop over learners."""

    def __init__(self, assignment, root, db_url, workers, cell_timeout, total_timeout, limits, show_progress,
                 cluster=None):
        self.paths = GradingPaths.of(root, assignment, db_url)
        self.assignment, self.root = assignment, self.paths.root
        self.workers = workers or os.cpu_count() or 1
        self.cell_timeout, self.total_timeout = cell_timeout, total_timeout
        self.show_progress = show_progress
        t0 = time.monotonic()
        self.executor = make_executor(cluster, self.workers, None if cluster else capabilities(), cell_timeout,
                                      total_timeout, Limits(**(limits or {})))
        self.caps = self.executor.caps  # on a cluster: the weakest worker's sandbox
        self.start_seconds = time.monotonic() - t0
        if cluster:
            # As many submissions in flight as the cluster has threads (the scheduler queues
            # the rest); --workers still bounds how many this machine prepares at once.
            self.workers = max(self.executor.workers, workers or 1)

    def run(self, submissions_path: Path) -> BatchReport:
        t0 = time.monotonic()
        try:
            return self._run(submissions_path, t0)
        finally:  # also when a bad module, folder or gradebook URL stops the batch early
            self.executor.close()

    def _run(self, submissions_path: Path, t0: float) -> BatchReport:
        paths = self.paths
        t_course = time.monotonic()
        course = Assignment.load(paths)
        paths.state_dir.mkdir(parents=True, exist_ok=True)
        reference_path = course.write_references(paths, self.workers, self.cell_timeout)
        # Once per batch, not per learner (the reference records are cached across batches).
        batch_phases = {"executor start (slots or cluster, sandbox probe)": self.start_seconds,
                        "course (release, reference records)": time.monotonic() - t_course}
        with tempfile.TemporaryDirectory(prefix="course-unzip-") as unzip:
            ids = LearnerIds(paths.ids_file)
            subs = collect(submissions_path, self.assignment, course.releases, Path(unzip), known=ids.known)
            ids.save(subs)
            state = ResumeState(paths.state_file)
            gradebook = Gradebook(paths, course.releases, self.total_timeout)
            results, todo = {}, []
            for sub in subs:
                res = LearnerResult(sub.learner)
                results[sub.learner] = res
                fp = fingerprint(sub, course.sources)
                if state.restore(res, fp):
                    gradebook.read_scores(res)
                    continue
                todo.append((sub, fp))
            gradebook_lock = threading.Lock()   # one gradebook writer at a time
            phases_lock = threading.Lock()
            phases: dict[str, float] = {}  # seconds per phase, summed over learners (see BatchReport)

            def add(name, seconds):
                with phases_lock:
                    phases[name] = phases.get(name, 0.0) + seconds
            bar = progress(len(todo), self.show_progress)
            retry = []

            def one(sub, fp, alone=False):
                res = results[sub.learner]
                start, deferred = time.monotonic(), False
                try:
                    job = prepare_job(paths.job(sub.learner), sub, course, res)
                    t1 = time.monotonic()
                    add("prepare (realign, scan)", t1 - start)
                    run = self.executor.run(job, reference_path, sub.learner)
                    t2 = time.monotonic()
                    res.seconds = round(t2 - start, 1)
                    inside = {}
                    for info in run.get("notebooks", {}).values():
                        for name, sec in info.get("phases", {}).items():
                            inside[name] = inside.get(name, 0.0) + sec
                    for name, sec in inside.items():
                        add(f"worker: {name}", sec)
                    add("worker: other (process start, queue, transfer)", max(0.0, t2 - t1 - sum(inside.values())))
                    if run.get("timed_out") and not alone and self.workers > 1:
                        # Out of time while other submissions shared the machine: no grade
                        # may depend on how busy it was, so it runs again on its own first.
                        retry.append((sub, fp))
                        deferred = True
                        return
                    if alone:
                        res.notes.append("ran out of time while other submissions were being graded; "
                                         "graded again on its own")
                    with gradebook_lock:
                        t3 = time.monotonic()
                        recorded = gradebook.record(job, run, res)
                        t4 = time.monotonic()
                        if recorded:
                            write_feedback(gradebook.api, self.assignment, res)
                        gradebook.read_scores(res)
                        t5 = time.monotonic()
                        add("gradebook (nbgrader autograde)", t4 - t3)
                        add("feedback (nbgrader)", t5 - t4)
                        if res.status == "ok" and res.flags:
                            res.status = "review"
                        state.save(res, fp)
                except Exception as exc:  # one learner's failure must never stop the class
                    res.status = "error"
                    res.notes.append(f"grading failed: {type(exc).__name__}: {exc}")
                finally:
                    if not deferred:
                        bar(sub.learner)

            with futures.ThreadPoolExecutor(self.workers) as pool:
                list(pool.map(lambda a: one(*a), todo))
            for sub, fp in retry:   # one at a time, nothing else of this batch running
                results[sub.learner] = LearnerResult(sub.learner)
                one(sub, fp, alone=True)
        ordered = [results[k] for k in sorted(results)]
        csv_path = write_csv(course.releases, paths.csv_file, ordered)
        return BatchReport(self.assignment, ordered, self.caps, csv_path, paths.feedback_dir,
                           round(time.monotonic() - t0, 1), sandbox_uids=list(self.executor.uids),
                           where=self.executor.describe(),
                           phases={**batch_phases, **{k: round(v, 2) for k, v in phases.items()}})


def grade(assignment: str, submissions: str | os.PathLike, root: str | os.PathLike = ".", db_url: str | None = None,
          workers: int | None = None, cell_timeout: int = 300, total_timeout: int = 1800,
          limits: dict | None = None, progress: bool = True, cluster: str | None = None) -> BatchReport:
    """Grade every submission of ``assignment`` found at ``submissions`` (see module docs).

    ``cluster``: None grades on this machine (``workers`` slots); ``"local:N"`` on a Dask
    ``LocalCluster`` of N worker processes; ``"tcp://host:8786"`` on a running Dask scheduler's
    workers (:mod:`.executors`). The gradebook, feedback and CSV are written here either way."""
    grader = _Grader(assignment, root, db_url, workers, cell_timeout, total_timeout, limits, progress, cluster)
    return grader.run(Path(submissions))
