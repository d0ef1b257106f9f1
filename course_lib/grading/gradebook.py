"""The nbgrader side of ``course grade``: nbgrader records each learner's grades in its
gradebook from the notebooks the workers executed and the judge decided (one writer,
in the batch process: callers hold one lock around :meth:`Gradebook.record`).

nbgrader's ``autograde`` runs with the course's preprocessors
(:func:`course_lib.nbgrader_ext.recorded_autograde_preprocessors`): instead of
executing the submission it takes the executed copy from ``executed/<learner>/``.
"""
from __future__ import annotations

import contextlib
import shutil
import time
from pathlib import Path

import nbformat

from .paths import GradingPaths

__all__ = ["nbgrader_config", "quiet_gradebook", "Gradebook"]


def nbgrader_config(root: Path, db_url: str, executed_root: Path):
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


@contextlib.contextmanager
def quiet_gradebook():
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


class Gradebook:
    def __init__(self, paths: GradingPaths, releases: dict, total_timeout: int):
        from nbgrader.apps import NbGraderAPI
        from nbgrader.coursedir import CourseDirectory

        self.paths, self.releases, self.total_timeout = paths, releases, total_timeout
        cfg = nbgrader_config(paths.root, paths.db_url, paths.executed_dir)
        self.api = NbGraderAPI(coursedir=CourseDirectory(config=cfg), config=cfg)

    def place(self, learner: str, job: Path) -> None:
        """Put the job's notebooks where nbgrader reads them: the realigned ones as the
        submission, the executed ones for :class:`course_lib.nbgrader_ext.UseExecuted`.
        A notebook that did not run gets an error in every code cell (every test fails)."""
        submitted, executed = self.paths.submitted(learner), self.paths.executed(learner)
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

    def record(self, job: Path, run: dict, result) -> bool:
        """Let nbgrader grade the learner from the executed notebooks; the worker's events
        become notes. Whether the gradebook recorded it (if not, ``result`` says why)."""
        self.place(result.learner, job)
        if run.get("timed_out"):
            result.notes.append(f"stopped after the total time limit of {self.total_timeout} s")
            result.status = "timeout"
        for name, info in run.get("notebooks", {}).items():
            result.notes.extend(f"{name}: {e}" for e in info.get("events", []))
        with quiet_gradebook():
            out = self.api.autograde(self.paths.assignment, result.learner, force=True, create=True)
        if not out.get("success"):
            result.status = "error"
            result.notes.append("nbgrader could not record this submission: " +
                                (out.get("error") or out.get("log") or "")[-500:])
            return False
        return True

    def read_scores(self, result) -> None:
        """The learner's total and per-exercise scores, as the gradebook holds them."""
        from nbgrader.api import Gradebook as NbGradebook, MissingEntry

        with NbGradebook(self.paths.db_url) as gb:
            try:
                sub = gb.find_submission(self.paths.assignment, result.learner)
            except MissingEntry:
                return
            result.score, result.max_score = float(sub.score), float(sub.max_score)
            for nb in sub.notebooks:
                for g in nb.grades:
                    if g.max_score:
                        result.exercises[f"{nb.name}/{g.name}"] = float(g.score or 0.0)
