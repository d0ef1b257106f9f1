"""Where ``course grade`` reads and writes, for one course and assignment: one place.

Under ``<root>/.nbgrader/``: the gradebook (unless ``db_url`` or
``COURSE_GRADEBOOK_URL`` names another), ``submitted/<learner>/<assignment>/`` (what
nbgrader records: the realigned notebooks), ``feedback/`` (nbgrader's HTML
feedback), and ``grading/<assignment>/`` for the grader's own state (:mod:`.state`),
its job folders, the executed notebooks, the reference records and ``grades.csv``.
"""
from __future__ import annotations

import dataclasses
import os
from pathlib import Path

__all__ = ["GradingPaths"]


@dataclasses.dataclass(frozen=True)
class GradingPaths:
    root: Path
    assignment: str
    db_url: str

    @classmethod
    def of(cls, root, assignment: str, db_url: str | None = None) -> "GradingPaths":
        root = Path(root).resolve()
        db_url = db_url or os.environ.get("COURSE_GRADEBOOK_URL") or \
            "sqlite:///" + str(root / ".nbgrader" / "gradebook.db")
        return cls(root, assignment, db_url)

    @property
    def sources(self) -> Path:
        """The instructor notebooks of the assignment (``solutions/<assignment>``)."""
        return self.root / "solutions" / self.assignment

    @property
    def state_dir(self) -> Path:
        return self.root / ".nbgrader" / "grading" / self.assignment

    @property
    def jobs_dir(self) -> Path:
        return self.state_dir / "jobs"

    @property
    def executed_dir(self) -> Path:
        return self.state_dir / "executed"

    @property
    def reference_cache(self) -> Path:
        return self.state_dir / "reference"

    @property
    def reference_batch(self) -> Path:
        return self.state_dir / "reference-batch.json"

    @property
    def ids_file(self) -> Path:
        return self.state_dir / "ids.json"

    @property
    def state_file(self) -> Path:
        return self.state_dir / "state.json"

    @property
    def csv_file(self) -> Path:
        return self.state_dir / "grades.csv"

    @property
    def feedback_dir(self) -> Path:
        return self.root / ".nbgrader" / "feedback"

    def submitted(self, learner: str) -> Path:
        return self.root / ".nbgrader" / "submitted" / learner / self.assignment

    def executed(self, learner: str) -> Path:
        return self.executed_dir / learner

    def job(self, learner: str) -> Path:
        return self.jobs_dir / learner
