"""What ``course grade`` tells the instructor: one :class:`LearnerResult` per learner,
the :class:`BatchReport` (terminal table, list of defences) and ``grades.csv``.

Learners' names, file names and notes may hold terminal controls and spreadsheet
formulas: the table shows each control as an escape (one line stays one line), and
every CSV cell goes through :func:`.sanitize.csv_cell`.
"""
from __future__ import annotations

import csv
import dataclasses
import sys
import threading
from pathlib import Path

from .. import nbcells
from .sanitize import csv_cell, printable

__all__ = ["LearnerResult", "BatchReport", "write_csv", "progress"]


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
    sandbox_uids: list = dataclasses.field(default_factory=list)  # the users this batch's kernels ran as
    where: str = ""  # which executor ran the submissions (local slots or a Dask cluster)
    # Seconds per phase: once per batch (executor start, course) or summed over the learners
    # graded (prepare, the worker's kernel start / cells / judge, gradebook, feedback).
    phases: dict = dataclasses.field(default_factory=dict)

    def phase_table(self) -> str:
        graded = sum(1 for r in self.results if not r.reused) or 1
        lines = [f"{'phase':58s} {'seconds':>8s} {'per learner':>12s}"]
        for name, sec in self.phases.items():
            once = name.startswith(("executor start", "course ("))
            lines.append(f"{name:58s} {sec:8.1f} {'(once)' if once else f'{sec / graded:.2f}':>12s}")
        return "\n".join(lines)

    def table(self) -> str:
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


def write_csv(releases: dict, path: Path, results) -> Path:
    """``grades.csv``: one row per learner, one column per graded cell with points of the
    released notebooks (``notebook/grade_id``), then total, max, time, review flags, notes."""
    columns = [f"{name[:-len('.ipynb')]}/{nbcells.grade_id(c)}"
               for name, nb in releases.items() for c in nb.cells
               if nbcells.is_graded(c) and nbcells.points(c)]
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow([csv_cell(c) for c in ["learner", "status", *columns, "total", "max", "seconds", "review",
                                          "notes"]])
        for r in results:
            w.writerow([csv_cell(v) for v in [r.learner, r.status, *[r.exercises.get(c, 0.0) for c in columns],
                                              r.score, r.max_score, r.seconds, "; ".join(map(str, r.flags)),
                                              "; ".join(map(str, r.notes))]])
    return path


def progress(total: int, show: bool):
    """A callback to call once per learner graded: a progress bar on stderr (or nothing)."""
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
