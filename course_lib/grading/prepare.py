"""One learner's job folder: each notebook rebuilt around the course (:mod:`.realign`)
and scanned (:mod:`.static`), before anything of theirs runs.

``<job>/in/`` holds the notebooks the worker runs; a notebook that was not
submitted or cannot be read scores 0 without running, from ``<job>/absent/``
(the release, realigned onto itself). Every repair is a note, every finding of
the scan a review flag, on the learner's result.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import nbformat

from .. import nbcells
from . import realign as ra
from .static import library_answers, suspicious

__all__ = ["prepare_job", "scan"]


def scan(nb, name: str, module: str) -> list[str]:
    """Review flags for a realigned notebook, each naming its notebook and cell.

    Every code cell but the test cells (restored from the course) is scanned: a
    trick works as well from a cell the learner added or a demo cell they edited as
    from an answer cell; the course's cells raise no finding."""
    flags = []
    for k, cell in enumerate(nb.cells):
        if cell.cell_type != "code" or nbcells.is_test(cell):
            continue
        where = nbcells.grade_id(cell) if nbcells.is_answer(cell) else f"cell {k + 1}"
        findings = suspicious(cell.source, module=module)
        if nbcells.is_answer(cell):
            findings += library_answers(cell.source)
        flags.extend(f"{name} {where}: {f}" for f in findings)
    return flags


def prepare_job(job: Path, sub, assignment, result) -> Path:
    """Realign the learner's notebooks into ``job``; record what was repaired and flagged."""
    shutil.rmtree(job, ignore_errors=True)
    (job / "in").mkdir(parents=True)
    os.chmod(job, 0o700)
    (job / "absent").mkdir()
    sources = assignment.sources
    for name, release in assignment.releases.items():
        path = sub.files.get(name)
        folder = "in"
        if path is None:
            nb = ra.realign(release, release, sources[name]).notebook
            result.notes.append(f"{name}: not submitted (scored 0)")
            folder = "absent"
        else:
            try:
                learner_nb = ra.read_submission(path.read_bytes())
                fixed = ra.realign(learner_nb, release, sources[name])
                nb = fixed.notebook
                result.notes.extend(f"{name}: {n}" for n in fixed.notes)
            except ra.SubmissionError as exc:
                nb = ra.realign(release, release, sources[name]).notebook
                result.notes.append(f"{name}: {exc} (scored 0)")
                result.status = "unreadable"
                folder = "absent"
        result.flags.extend(scan(nb, name, assignment.name))
        nbformat.write(nb, job / folder / name)
    for problem in sub.problems:
        if not problem.endswith("not submitted"):
            result.notes.append(problem)
    return job
