"""``course grade``: grade a class's submissions of one module, in parallel, safely.

Once per batch, each of the module's source notebooks runs in a trusted kernel with
our solution, and its check records become the reference (:mod:`.reference`).
For each learner: find the files (:mod:`.submissions`), rebuild each notebook
around the source (:mod:`.realign`), scan the answers (:mod:`.static`), run it
in its own sandboxed worker (:mod:`.worker`), where the check helpers only record
what the learner's code produced and a trusted judge compares those records with
the reference (:mod:`.judge`); then let nbgrader record the grades in the
gradebook from the judged notebooks (one writer, in this process), write HTML
feedback and a CSV. Every step that can fail for one learner is caught and turned
into a status for that learner; the batch goes on.

State lives in ``<root>/.nbgrader/grading/<assignment>/``: a learner whose
files did not change since their last grading is not run again (re-running is
idempotent; an interrupted batch resumes), and nbgrader keeps one submission
per learner.
"""
from __future__ import annotations

import concurrent.futures as futures
import contextlib
import csv
import dataclasses
import hashlib
import json
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import nbformat

from .. import nbcells
from . import realign as ra
from .reference import reference_records
from .sandbox import Limits, capabilities
from .sandbox import cleanup as sandbox_cleanup
from .static import suspicious
from .submissions import Submission, collect

__all__ = ["LearnerResult", "BatchReport", "grade"]

UID_BASE = 61000
GRADER_VERSION = "2"  # bump when grading logic changes, to re-run everyone


@dataclasses.dataclass
class LearnerResult:
    learner: str
    status: str = "ok"
    score: float = 0.0
    max_score: float = 0.0
    seconds: float = 0.0
    notes: list = dataclasses.field(default_factory=list)
    flags: list = dataclasses.field(default_factory=list)
    exercises: dict = dataclasses.field(default_factory=dict)  # "notebook/grade_id" -> score
    reused: bool = False


@dataclasses.dataclass
class BatchReport:
    assignment: str
    results: list
    capabilities: dict
    csv_path: Path
    feedback_dir: Path
    seconds: float

    def table(self) -> str:
        # Learners' names, file names and notes may hold terminal controls (ESC,
        # CR, LF, bidi overrides): each is shown as an escape, one line stays one line.
        from .sanitize import printable

        names = {id(r): printable(r.learner, 80) for r in self.results}
        width = max([7] + [len(n) for n in names.values()])
        lines = [f"{'learner':{width}s}  {'score':>6s} {'max':>5s}  {'time':>6s}  status"]
        for r in self.results:
            status = printable(r.status, 80) + (" (unchanged, not re-run)" if r.reused else "")
            lines.append(f"{names[id(r)]:{width}s}  {r.score:6.1f} {r.max_score:5.1f}  {r.seconds:5.0f}s  {status}")
            for text in [*r.notes, *[f"REVIEW: {f}" for f in r.flags]]:
                lines.append(f"{'':{width}s}    - {printable(text, 2000)}")
        return "\n".join(lines)

    def defences(self) -> str:
        c = self.capabilities
        method = c.get("mechanism", "none")
        rows = [
            ("points decided outside the submission's process (differential grading against our solution)",
             True, ""),
            (f"sandbox for every submission: {method}", method != "none", c.get("namespaces_why", "")),
            ("never root inside the sandbox (own unprivileged user)", c.get("own_user"), c.get("own_user_why", "")),
            ("own PID namespace (nothing a submission starts outlives it)", c.get("pid_namespace"),
             c.get("pid_namespace_why", "")),
            ("private /tmp and /dev/shm", c.get("private_tmp"), c.get("private_tmp_why", "")),
            ("read-only file system except the scratch folder", c.get("read_only_fs"), c.get("read_only_fs_why", "")),
            ("no network", c.get("no_network"), c.get("no_network_why", "")),
            ("solutions, gradebook and other learners' files not visible", c.get("hidden_files"),
             c.get("hidden_files_why", "")),
            ("resource limits (CPU time, memory, file size, processes, output)", c.get("limits"), c.get("limits_why", "")),
        ]
        out = []
        for name, ok, why in rows:
            out.append(f"  [{'x' if ok else ' '}] {name}" + ("" if ok or not why else f": not available ({why})"))
        return "\n".join(out)


def _fingerprint(sub: Submission, sources: dict) -> str:
    from .reference import _library_digest

    h = hashlib.sha256(GRADER_VERSION.encode())
    h.update(_library_digest().encode())
    for name in sorted(sources):
        h.update(name.encode())
        h.update(json.dumps(sources[name], sort_keys=True).encode())
    for name in sorted(sub.files):
        h.update(name.encode())
        h.update(sub.files[name].read_bytes())
    return h.hexdigest()


def _nbgrader_config(root: Path, db_url: str, executed_root: Path):
    from traitlets.config import Config
    from traitlets.config.loader import PyFileConfigLoader

    from ..nbgrader_ext import feedback_preprocessors, recorded_autograde_preprocessors

    cfg = Config()
    config_file = root / "nbgrader_config.py"
    if config_file.exists():
        cfg.merge(PyFileConfigLoader(config_file.name, path=str(root)).load_config())
    cfg.CourseDirectory.root = str(root)
    cfg.CourseDirectory.db_url = db_url
    cfg.Autograde.autograde_preprocessors = recorded_autograde_preprocessors()
    cfg.UseExecuted.executed_root = str(executed_root)
    cfg.GenerateFeedback.preprocessors = feedback_preprocessors()
    cfg.Exchange.root = str(root / ".nbgrader" / "exchange")
    return cfg


class _Grader:
    def __init__(self, assignment, root, db_url, workers, cell_timeout, total_timeout, limits, progress):
        self.assignment, self.root = assignment, Path(root).resolve()
        self.db_url = db_url or os.environ.get("COURSE_GRADEBOOK_URL") or \
            "sqlite:///" + str(self.root / ".nbgrader" / "gradebook.db")
        self.workers = workers or os.cpu_count() or 1
        self.cell_timeout, self.total_timeout = cell_timeout, total_timeout
        self.limits = Limits(**(limits or {}))
        self.progress = progress
        self.state_dir = self.root / ".nbgrader" / "grading" / assignment
        self.jobs_dir = self.state_dir / "jobs"
        self.executed_dir = self.state_dir / "executed"
        self.scratch_root = Path(tempfile.mkdtemp(prefix="course-scratch-"))
        os.chmod(self.scratch_root, 0o711)  # sandbox users may enter their own folder, not list others
        self.caps = capabilities()
        self.slots: queue.Queue = queue.Queue()
        for i in range(self.workers):
            self.slots.put(i)

    # -- set-up --------------------------------------------------------------
    def load_notebooks(self):
        from ..release import generate

        src_dir = self.root / "solutions" / self.assignment
        if not src_dir.is_dir():
            raise FileNotFoundError(f"no module {self.assignment!r} in {self.root / 'solutions'}")
        self.sources = {p.name: nbformat.read(p, as_version=4) for p in sorted(src_dir.glob("*.ipynb"))}
        with tempfile.TemporaryDirectory() as tmp:
            texts = generate(self.root, self.assignment, Path(tmp), db_url=self.db_url)
        self.releases = {Path(k).name: nbformat.reads(v, as_version=4) for k, v in texts.items()}

    def load_references(self) -> Path:
        """Our solution's check records for every notebook of the module (cached), in one
        file the workers read. Stops the batch if our own solution fails a test."""
        cache = self.state_dir / "reference"
        names = sorted(self.sources)
        src_dir = self.root / "solutions" / self.assignment
        with futures.ThreadPoolExecutor(max(1, min(self.workers, len(names)))) as pool:
            found = dict(zip(names, pool.map(lambda n: reference_records(src_dir / n, cache, self.cell_timeout), names)))
        path = self.state_dir / "reference-batch.json"
        _atomic_write(path, json.dumps(found))
        os.chmod(path, 0o600)
        return path

    # -- one learner -----------------------------------------------------------
    def prepare(self, sub: Submission, result: LearnerResult) -> Path:
        """Realign the learner's notebooks into a job folder; record what was repaired."""
        job = self.jobs_dir / sub.learner
        shutil.rmtree(job, ignore_errors=True)
        (job / "in").mkdir(parents=True)
        os.chmod(job, 0o700)
        # A notebook that was not submitted or cannot be read scores 0 without
        # running: it goes to absent/, which the worker does not execute.
        (job / "absent").mkdir()
        for name, release in self.releases.items():
            path = sub.files.get(name)
            folder = "in"
            if path is None:
                nb = ra.realign(release, release, self.sources[name]).notebook
                result.notes.append(f"{name}: not submitted (scored 0)")
                folder = "absent"
            else:
                try:
                    learner_nb = ra.read_submission(path.read_bytes())
                    fixed = ra.realign(learner_nb, release, self.sources[name])
                    nb = fixed.notebook
                    result.notes.extend(f"{name}: {n}" for n in fixed.notes)
                except ra.SubmissionError as exc:
                    nb = ra.realign(release, release, self.sources[name]).notebook
                    result.notes.append(f"{name}: {exc} (scored 0)")
                    result.status = "unreadable"
                    folder = "absent"
            # Every code cell but the test cells (restored from the course) is
            # scanned: a trick works as well from a cell the learner added or a demo
            # cell they edited as from an answer cell; the course's cells raise no finding.
            for k, cell in enumerate(nb.cells):
                if cell.cell_type != "code" or nbcells.is_test(cell):
                    continue
                where = nbcells.grade_id(cell) if nbcells.is_answer(cell) else f"cell {k + 1}"
                result.flags.extend(f"{name} {where}: {f}" for f in suspicious(cell.source, module=self.assignment))
            nbformat.write(nb, job / folder / name)
        for problem in sub.problems:
            if not problem.endswith("not submitted"):
                result.notes.append(problem)
        return job

    def execute(self, sub: Submission, job: Path) -> dict:
        slot = self.slots.get()
        uid = UID_BASE + slot if self.caps.get("own_user") else None
        # Named by worker slot, not by learner: the kernel's socket paths live in
        # here and must stay short whatever the learner's name.
        scratch = self.scratch_root / f"w{slot}"
        try:
            shutil.rmtree(scratch, ignore_errors=True)
            scratch.mkdir()
            os.chmod(scratch, 0o711)
            spec = {"cell_timeout": self.cell_timeout, "limits": self.limits, "uid": uid, "caps": self.caps,
                    "scratch": str(scratch), "reference": str(self.reference_path), "mode": "record"}
            (job / "job.json").write_text(json.dumps(spec))
            env = dict(os.environ)
            env.pop("COURSE_GRADEBOOK_URL", None)
            proc = subprocess.Popen([sys.executable, "-m", "course_lib.grading.worker", str(job)],
                                    stdout=subprocess.DEVNULL, stderr=open(job / "worker.log", "wb"),
                                    start_new_session=True, env=env)
            try:
                proc.wait(timeout=self.total_timeout)
                timed_out = False
            except subprocess.TimeoutExpired:
                timed_out = True
                os.killpg(proc.pid, 9)
                proc.wait()
            # The kernel has its own session (and PID namespace where the sandbox has
            # one): killing the worker's group does not reach it. Its command line
            # names the scratch folder; anything left of the sandbox user goes too.
            _kill_job_processes(job)
            _kill_job_processes(scratch)
            sandbox_cleanup(str(scratch), uid)
            result = json.loads((job / "result.json").read_text()) if (job / "result.json").exists() else {}
            return {"timed_out": timed_out, "notebooks": result, "returncode": proc.returncode}
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
            self.slots.put(slot)

    def record(self, sub: Submission, job: Path, run: dict, result: LearnerResult, api) -> None:
        """Move the executed notebooks into place and let nbgrader grade from them."""
        submitted = self.root / ".nbgrader" / "submitted" / sub.learner / self.assignment
        executed = self.executed_dir / sub.learner
        for d in (submitted, executed):
            shutil.rmtree(d, ignore_errors=True)
            d.mkdir(parents=True)
        for name in self.releases:
            absent = not (job / "in" / name).exists()
            given = job / ("absent" if absent else "in") / name
            shutil.copy(given, submitted / name)
            out = job / "out" / name
            if out.exists():
                shutil.copy(out, executed / name)
            else:  # not run (absent, or the total time cap came first): every test cell fails
                why = "not run: not submitted or unreadable" if absent else "not run: the submission's time ran out"
                nb = nbformat.read(given, as_version=4)
                for cell in nb.cells:
                    if cell.cell_type == "code":
                        cell.outputs = [nbformat.v4.new_output(
                            "error", ename="GradingStopped", evalue=why, traceback=[f"GradingStopped: {why}"])]
                nbformat.write(nb, executed / name)
        (submitted / "timestamp.txt").write_text(time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime()))
        if run.get("timed_out"):
            result.notes.append(f"stopped after the total time limit of {self.total_timeout} s")
            result.status = "timeout"
        for name, info in run.get("notebooks", {}).items():
            result.notes.extend(f"{name}: {e}" for e in info.get("events", []))
        with _quiet_gradebook():
            out = api.autograde(self.assignment, sub.learner, force=True, create=True)
        if not out.get("success"):
            result.status = "error"
            result.notes.append("nbgrader could not record this submission: " +
                                (out.get("error") or out.get("log") or "")[-500:])
            return
        with _quiet_gradebook():
            fb = api.generate_feedback(self.assignment, sub.learner, force=True)
        if not fb.get("success"):
            result.notes.append("feedback could not be generated: " + (fb.get("error") or "")[-300:])

    def read_scores(self, result: LearnerResult) -> None:
        from nbgrader.api import Gradebook, MissingEntry

        with Gradebook(self.db_url) as gb:
            try:
                sub = gb.find_submission(self.assignment, result.learner)
            except MissingEntry:
                return
            result.score, result.max_score = float(sub.score), float(sub.max_score)
            for nb in sub.notebooks:
                for g in nb.grades:
                    if g.max_score:
                        result.exercises[f"{nb.name}/{g.name}"] = float(g.score or 0.0)

    # -- the class -------------------------------------------------------------
    def run(self, submissions_path: Path) -> BatchReport:
        t0 = time.monotonic()
        try:
            return self._run(submissions_path, t0)
        finally:  # also when a bad module, folder or gradebook URL stops the batch early
            shutil.rmtree(self.scratch_root, ignore_errors=True)

    def _run(self, submissions_path: Path, t0: float) -> BatchReport:
        from nbgrader.apps import NbGraderAPI
        from nbgrader.coursedir import CourseDirectory

        self.load_notebooks()
        self.state_dir.mkdir(parents=True, exist_ok=True)
        self.reference_path = self.load_references()
        with tempfile.TemporaryDirectory(prefix="course-unzip-") as unzip:
            # Learner ids given in earlier runs are kept: a newcomer whose name gives the
            # same id never takes over someone's gradebook record.
            ids_file = self.state_dir / "ids.json"
            known = json.loads(ids_file.read_text()) if ids_file.exists() else {}
            subs = collect(submissions_path, self.assignment, self.releases, Path(unzip), known=known)
            known.update({s.name: s.learner for s in subs if s.name})
            _atomic_write(ids_file, json.dumps(known, indent=1, ensure_ascii=False))
            state_file = self.state_dir / "state.json"
            self.state_dir.mkdir(parents=True, exist_ok=True)
            state = json.loads(state_file.read_text()) if state_file.exists() else {}
            cfg = _nbgrader_config(self.root, self.db_url, self.executed_dir)
            api = NbGraderAPI(coursedir=CourseDirectory(config=cfg), config=cfg)
            results, todo = {}, []
            for sub in subs:
                res = LearnerResult(sub.learner)
                results[sub.learner] = res
                fp = _fingerprint(sub, self.sources)
                saved = state.get(sub.learner)
                if saved and saved.get("fingerprint") == fp and saved.get("recorded"):
                    for k in ("status", "notes", "flags", "seconds"):
                        setattr(res, k, saved[k])
                    res.reused = True
                    self.read_scores(res)
                    continue
                todo.append((sub, fp))
            lock = threading.Lock()
            bar = _progress(len(todo), self.progress)

            retry = []

            def one(sub, fp, alone=False):
                res = results[sub.learner]
                start, deferred = time.monotonic(), False
                try:
                    job = self.prepare(sub, res)
                    run = self.execute(sub, job)
                    res.seconds = round(time.monotonic() - start, 1)
                    if run.get("timed_out") and not alone and self.workers > 1:
                        # Out of time while other submissions shared the machine: no grade
                        # may depend on how busy it was, so it runs again on its own first.
                        retry.append((sub, fp))
                        deferred = True
                        return
                    if alone:
                        res.notes.append("ran out of time while other submissions were being graded; "
                                         "graded again on its own")
                    with lock:  # one gradebook writer
                        self.record(sub, job, run, res, api)
                        self.read_scores(res)
                        if res.status == "ok" and res.flags:
                            res.status = "review"
                        state[sub.learner] = {"fingerprint": fp, "recorded": res.status != "error",
                                              **{k: getattr(res, k) for k in ("status", "notes", "flags", "seconds")}}
                        _atomic_write(state_file, json.dumps(state, indent=1))
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
        csv_path = self.write_csv(ordered)
        return BatchReport(self.assignment, ordered, self.caps, csv_path,
                           self.root / ".nbgrader" / "feedback", round(time.monotonic() - t0, 1))

    def write_csv(self, results) -> Path:
        columns = [f"{name[:-len('.ipynb')]}/{nbcells.grade_id(c)}"
                   for name, nb in self.releases.items() for c in nb.cells
                   if nbcells.is_graded(c) and nbcells.points(c)]
        path = self.state_dir / "grades.csv"
        # Every cell through csv_cell: no control characters (forged rows), no
        # spreadsheet formulas (a learner's note starting with "=").
        from .sanitize import csv_cell

        with open(path, "w", newline="") as f:
            w = csv.writer(f)
            w.writerow([csv_cell(c) for c in ["learner", "status", *columns, "total", "max", "seconds", "review",
                                              "notes"]])
            for r in results:
                w.writerow([csv_cell(v) for v in [r.learner, r.status, *[r.exercises.get(c, 0.0) for c in columns],
                                                  r.score, r.max_score, r.seconds, "; ".join(map(str, r.flags)),
                                                  "; ".join(map(str, r.notes))]])
        return path


def _kill_job_processes(job: Path) -> int:
    """Kill every process whose command line names the job folder (its worker, its kernels)."""
    import psutil

    mark, n = str(job) + os.sep, 0
    for p in psutil.process_iter(["cmdline"]):
        try:
            if any(mark in part for part in p.info["cmdline"] or []):
                p.kill()
                n += 1
        except psutil.Error:
            pass
    return n


@contextlib.contextmanager
def _quiet_gradebook():
    """nbgrader's gradebook code triggers SQLAlchemy SAWarnings about its own session
    handling on every submission; they say nothing to an instructor. (Called under the
    gradebook lock: warnings filters are process-wide.)"""
    import warnings

    with warnings.catch_warnings():
        try:
            from sqlalchemy.exc import SAWarning

            warnings.simplefilter("ignore", SAWarning)
        except ImportError:  # pragma: no cover - nbgrader always brings SQLAlchemy
            pass
        yield


def _atomic_write(path: Path, text: str) -> None:
    tmp = path.with_suffix(".tmp")
    tmp.write_text(text)
    os.replace(tmp, path)


def _progress(total: int, show: bool):
    if not show or total == 0:
        return lambda learner: None
    from tqdm.auto import tqdm

    bar = tqdm(total=total, unit="learner", desc="grading", file=sys.stderr)
    lock = threading.Lock()

    def step(learner):
        with lock:
            bar.set_postfix_str(learner)
            bar.update(1)
            if bar.n >= total:
                bar.close()
    return step


def grade(assignment: str, submissions: str | os.PathLike, root: str | os.PathLike = ".", db_url: str | None = None,
          workers: int | None = None, cell_timeout: int = 300, total_timeout: int = 1800,
          limits: dict | None = None, progress: bool = True) -> BatchReport:
    """Grade every submission of ``assignment`` found at ``submissions`` (see module docs)."""
    grader = _Grader(assignment, root, db_url, workers, cell_timeout, total_timeout, limits, progress)
    return grader.run(Path(submissions))
