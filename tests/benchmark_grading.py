"""Benchmark: `course grade` against plain sequential `nbgrader autograde`, same submissions, same run.

    COURSE_FAST=1 .venv/bin/python tests/benchmark_grading.py [N] [MODULE]

Generates N submissions of MODULE (default 01_fundamentals): the student
notebooks with our answers pasted in (every other learner leaves the last
exercise of each notebook unanswered), grades them once with `course grade`
(parallel, sandboxed, one worker per core) and once with `nbgrader autograde`
(one process, one notebook after another) in throw-away course folders, and
prints both times, their ratio and whether the scores agree.
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


def run_course_grade(tmp: Path, module: str, subs: dict) -> tuple[float, dict]:
    from course_lib.grading.batch import grade

    root = scratch_course(tmp / "course_grade", module)
    folder = tmp / "export"
    folder.mkdir()
    for learner, nbs in subs.items():  # as an LMS exports them: one flat folder
        for name, nb in nbs.items():
            nbformat.write(nb, folder / f"{learner}_{name}")
    t0 = time.monotonic()
    report = grade(module, folder, root=root, db_url=f"sqlite:///{root / 'gb.db'}", progress=False)
    seconds = time.monotonic() - t0
    return seconds, {r.learner: r.score for r in report.results}


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 4
    module = sys.argv[2] if len(sys.argv) > 2 else "01_fundamentals"
    os.environ.setdefault("COURSE_FAST", "1")
    subs = {f"learner{i:03d}": make_submission(module, answered_all=i % 2 == 0) for i in range(n)}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        t_course, s_course = run_course_grade(tmp, module, subs)
        t_nbg, s_nbg = run_nbgrader(tmp, module, subs)
    agree = all(abs(s_course[k] - s_nbg[k]) < 1e-9 for k in subs)
    print(f"machine: {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"{n} submissions of {module}, COURSE_FAST={os.environ.get('COURSE_FAST')}")
    print(f"course grade (parallel, sandboxed): {t_course:7.1f} s")
    print(f"nbgrader autograde (sequential):    {t_nbg:7.1f} s")
    print(f"ratio nbgrader / course grade:      {t_nbg / t_course:7.2f}")
    print(f"scores agree: {agree} (course grade {sorted(set(s_course.values()))}, nbgrader {sorted(set(s_nbg.values()))})")
    return 0 if agree else 1


if __name__ == "__main__":
    sys.exit(main())
