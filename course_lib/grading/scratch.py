"""Grading tools: run nbgrader's autograder on notebooks in a scratch course.

:func:`autograde` builds a throw-away nbgrader course folder (sources,
release, submissions, gradebook), grades every given submission there and
returns the scores. The real course folder and gradebook are never touched,
which makes it safe for the test suite (our solution must get full marks, the
unmodified student notebook zero) and for quick checks by maintainers.
"""
from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from ..release import tool_env

__all__ = ["NotebookScore", "autograde"]


@dataclasses.dataclass(frozen=True)
class NotebookScore:
    student: str
    notebook: str
    score: float
    max_score: float
    failed_tests: tuple  # grade_ids of test cells that lost points


def _run_nbgrader(args: list[str], root: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "nbgrader", *args, f"--CourseDirectory.root={root}"]
    return subprocess.run(cmd, cwd=root, capture_output=True, text=True, env=tool_env(env))


def autograde(
    source_dir: str | os.PathLike,
    submissions: dict[str, str | os.PathLike],
    assignment: str | None = None,
    config: str | os.PathLike | None = None,
    env: dict | None = None,
) -> list[NotebookScore]:
    """Grade submissions of one assignment against its instructor source.

    ``source_dir`` is ``solutions/<assignment>``; ``submissions`` maps a student
    id to a folder holding that student's notebooks (same file names as the
    source). ``config`` is the course's ``nbgrader_config.py`` (copied into the
    scratch course). Returns one :class:`NotebookScore` per graded notebook.
    """
    from nbgrader.api import Gradebook

    source_dir = Path(source_dir)
    assignment = assignment or source_dir.name
    with tempfile.TemporaryDirectory(prefix="course-grade-") as tmp:
        root = Path(tmp)
        shutil.copytree(source_dir, root / "solutions" / assignment)
        if config is not None:
            shutil.copy(config, root / "nbgrader_config.py")
        db_url = "sqlite:///" + str(root / "gradebook.db")
        common = [
            f"--CourseDirectory.db_url={db_url}",
            "--CourseDirectory.source_directory=solutions",
            "--CourseDirectory.release_directory=release",
            "--CourseDirectory.submitted_directory=submitted",
            "--CourseDirectory.autograded_directory=autograded",
            "--log-level=WARN",
        ]
        proc = _run_nbgrader(["generate_assignment", assignment, "--force", *common], root, env)
        if proc.returncode != 0:
            raise RuntimeError(f"generate_assignment failed:\n{proc.stdout}\n{proc.stderr}")
        for student, folder in submissions.items():
            dest = root / "submitted" / student / assignment
            shutil.copytree(folder, dest)
        proc = _run_nbgrader(["autograde", assignment, "--force", *common], root, env)
        if proc.returncode != 0:
            raise RuntimeError(f"autograde failed:\n{proc.stdout}\n{proc.stderr}")
        results = []
        with Gradebook(db_url) as gb:
            for student in submissions:
                sub = gb.find_submission(assignment, student)
                for nb in sub.notebooks:
                    failed = tuple(
                        g.cell.name for g in nb.grades
                        if g.max_score and (g.score if g.score is not None else 0) < g.max_score
                    )
                    results.append(NotebookScore(student, nb.name, float(nb.score), float(nb.max_score), failed))
        return results
