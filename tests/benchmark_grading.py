"""Benchmark: `course grade` against plain sequential `nbgrader autograde`, same submissions, same run.

    COURSE_FAST=1 .venv/bin/python tests/benchmark_grading.py [N] [MODULE] [--cluster local:2]

Generates N submissions of MODULE (default 01_fundamentals): the student
notebooks with our answers pasted in (every other learner leaves the last
exercise of each notebook unanswered), grades them once with `course grade`
(parallel, sandboxed, one worker per core), with ``--cluster`` once more with
`course grade --cluster` (one Dask task per submission; ``local:N`` starts a
``LocalCluster`` of N worker processes), and once with `nbgrader autograde`
(one process, one notebook after another) in throw-away course folders, and
prints the times, their ratios, whether the scores agree, and where the time
of each `course grade` run went (per phase).

The reference records (our solution's run) are cached between batches by the
notebooks' digest; a first run pays for them once, in the "course" phase. Run
it twice to see a course whose references are already known.
"""
from __future__ import annotations

import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from course_lib import nbcells  # noqa: E402
from course_lib.release import tool_env  # noqa: E402


def make_submission(module: str, answered_all: bool) -> dict[str, nbformat.NotebookNode]:
    """Student notebooks with the solution's answers (the last one left blank unless answered_all)."""
    out = {}
    for src_path in sorted((ROOT / "solutions" / module).glob("*.ipynb")):
        src = nbformat.read(src_path, as_version=4)
        student = nbformat.read(ROOT / "modules" / module / src_path.name, as_version=4)
        answers = {nbcells.grade_id(c): c.source for c in src.cells if nbcells.is_answer(c)}
        ids = [nbcells.grade_id(c) for c in student.cells if nbcells.is_answer(c)]
        for cell in student.cells:
            gid = nbcells.grade_id(cell)
            if gid in answers and (answered_all or gid != ids[-1]):
                cell.source = "\n".join(line for line in answers[gid].splitlines()
                                        if line.strip() not in ("### BEGIN SOLUTION", "### END SOLUTION"))
        out[src_path.name] = student
    return out


def scratch_course(tmp: Path, module: str) -> Path:
    root = tmp / "course"
    (root / "solutions").mkdir(parents=True)
    shutil.copytree(ROOT / "solutions" / module, root / "solutions" / module)
    shutil.copy(ROOT / "nbgrader_config.py", root / "nbgrader_config.py")
    return root


def run_nbgrader(tmp: Path, module: str, subs: dict) -> tuple[float, dict]:
    root = scratch_course(tmp / "nbgrader", module)
    db = f"sqlite:///{root / 'gb.db'}"
    args = [f"--CourseDirectory.root={root}", f"--CourseDirectory.db_url={db}", "--log-level=ERROR"]
    env = tool_env()
    subprocess.run([sys.executable, "-m", "nbgrader", "generate_assignment", module, "--force", *args],
                   cwd=root, env=env, check=True, capture_output=True)
    for learner, nbs in subs.items():
        folder = root / ".nbgrader" / "submitted" / learner / module
        folder.mkdir(parents=True)
        for name, nb in nbs.items():
            nbformat.write(nb, folder / name)
    t0 = time.monotonic()
    subprocess.run([sys.executable, "-m", "nbgrader", "autograde", module, "--force", *args],
                   cwd=root, env=env, check=True, capture_output=True)
    seconds = time.monotonic() - t0
    from nbgrader.api import Gradebook

    with Gradebook(db) as gb:
        scores = {s: gb.find_submission(module, s).score for s in subs}
    return seconds, scores


def run_course_grade(tmp: Path, module: str, subs: dict, cluster: str | None = None):
    from course_lib.grading.batch import grade

    tag = "course_grade" + ("_cluster" if cluster else "")
    root = scratch_course(tmp / tag, module)
    folder = tmp / f"export_{tag}"
    folder.mkdir()
    for learner, nbs in subs.items():  # as an LMS exports them: one flat folder
        for name, nb in nbs.items():
            nbformat.write(nb, folder / f"{learner}_{name}")
    t0 = time.monotonic()
    report = grade(module, folder, root=root, db_url=f"sqlite:///{root / 'gb.db'}", progress=False, cluster=cluster)
    seconds = time.monotonic() - t0
    return seconds, {r.learner: r.score for r in report.results}, report


def main() -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=4, help="number of submissions")
    parser.add_argument("module", nargs="?", default="01_fundamentals")
    parser.add_argument("--cluster", default=None, help="also grade on this Dask cluster (local:N or tcp://...)")
    args = parser.parse_args()
    n, module = args.n, args.module
    os.environ.setdefault("COURSE_FAST", "1")
    subs = {f"learner{i:03d}": make_submission(module, answered_all=i % 2 == 0) for i in range(n)}
    runs = {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        runs["course grade (local, sandboxed)"] = run_course_grade(tmp, module, subs)
        if args.cluster:
            runs[f"course grade --cluster {args.cluster}"] = run_course_grade(tmp, module, subs, args.cluster)
        t_nbg, s_nbg = run_nbgrader(tmp, module, subs)
    print(f"machine: {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"{n} submissions of {module}, COURSE_FAST={os.environ.get('COURSE_FAST')}")
    agree = True
    print(f"{'nbgrader autograde (sequential)':44s} {t_nbg:7.1f} s")
    for name, (seconds, scores, report) in runs.items():
        same = all(abs(scores[k] - s_nbg[k]) < 1e-9 for k in subs)
        agree &= same
        once = sum(v for k, v in report.phases.items() if k.startswith(("executor start", "course (")))
        print(f"{name:44s} {seconds:7.1f} s   nbgrader / this: {t_nbg / seconds:5.2f}   "
              f"scores {'agree' if same else 'DIFFER'} ({sorted(set(scores.values()))})")
        print(f"{'  without the once-per-batch phases':44s} {seconds - once:7.1f} s   nbgrader / this: "
              f"{t_nbg / (seconds - once):5.2f}   (start-up, release, our solution's reference run)")
    print(f"nbgrader scores: {sorted(set(s_nbg.values()))}")
    for name, (_, _, report) in runs.items():
        print(f"\nwhere the time of {name} went ({report.where}):\n{report.phase_table()}")
    return 0 if agree else 1


if __name__ == "__main__":
    sys.exit(main())
