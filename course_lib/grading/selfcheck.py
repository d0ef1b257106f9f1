"""``course check NOTEBOOK``: a learner runs their notebook the way the grader will.

The notebook is realigned against the released student version (so a deleted
or edited test cell is put back, exactly as in grading), run from top to bottom
in a fresh, sandboxed kernel, and each exercise's visible tests are scored with
their messages. Hidden tests live only in the instructor's sources and are not
run or shown here; the final grade can therefore be lower than this check.
"""
from __future__ import annotations

import dataclasses
import json
import tempfile
from pathlib import Path

import nbformat

from .. import nbcells
from . import realign as ra
from .sandbox import Limits, capabilities

__all__ = ["ExerciseCheck", "check_notebook", "find_release"]


@dataclasses.dataclass
class ExerciseCheck:
    grade_id: str
    points: float
    passed: bool
    message: str


def find_release(notebook: Path, root: Path | None = None) -> Path | None:
    """The released student notebook this file is a copy of, if a course checkout is at hand."""
    candidates = []
    for base in [root, *notebook.resolve().parents, Path.cwd(), Path(__file__).resolve().parents[2]]:
        if base is not None and (base / "modules").is_dir():
            candidates.append(base / "modules")
    name = notebook.name
    _, matched = (None, None)
    for modules in candidates:
        releases = {p.name: p for p in sorted(modules.glob("*/*.ipynb"))}
        if name in releases:
            return releases[name]
        from .submissions import learner_and_notebook

        _, matched = learner_and_notebook(name, list(releases))
        if matched:
            return releases[matched]
        try:
            learner_nb = ra.read_submission(notebook.read_bytes())
        except ra.SubmissionError:
            return None
        loaded = {k: nbformat.read(v, as_version=4) for k, v in releases.items()}
        found = ra.identify(learner_nb, loaded)
        if found:
            return releases[found]
    return None


def _message(cell) -> str:
    for out in cell.get("outputs", []):
        if out.get("output_type") == "error":
            text = f"{out.get('ename')}: {out.get('evalue')}".strip()
            if out.get("ename") == "NotImplementedError":
                return "not answered yet (the answer cell still raises NotImplementedError)"
            return text
    return "passed"


def check_notebook(path: str | Path, release: str | Path | None = None, cell_timeout: int = 300):
    """Run ``path`` as the grader would (visible tests only): ``(checks, notes)``."""
    from .worker import run_notebook

    path = Path(path)
    learner = ra.read_submission(path.read_bytes())
    notes = []
    release_path = Path(release) if release else find_release(path)
    if release_path is None:
        notes.append("could not find the course's copy of this notebook; used the test cells in your file as they are")
        release_nb = learner
    else:
        release_nb = nbformat.read(release_path, as_version=4)
    fixed = ra.realign(learner, release_nb, release_nb)
    notes.extend(fixed.notes)
    caps = capabilities()
    caps["own_user"] = False  # a learner checks their own code as themselves
    with tempfile.TemporaryDirectory(prefix="course-check-") as tmp:
        tmp = Path(tmp)
        # The learner's own check, of their own code: the helpers compare on the spot.
        job = {"cell_timeout": cell_timeout, "limits": Limits(), "uid": None, "caps": caps,
               "scratch": str(tmp / "scratch"), "mode": "local"}
        executed, info = run_notebook(fixed.notebook, job, tmp)
    notes.extend(info["events"])
    checks = []
    for cell in executed.cells:
        if cell.cell_type == "code" and nbcells.is_test(cell) and nbcells.points(cell):
            msg = _message(cell)
            checks.append(ExerciseCheck(nbcells.grade_id(cell), nbcells.points(cell), msg == "passed", msg))
    return checks, notes


def format_report(name: str, checks, notes) -> str:
    got = sum(c.points for c in checks if c.passed)
    total = sum(c.points for c in checks)
    width = max([8] + [len(c.grade_id) for c in checks])
    lines = [f"{name}: {got:g} / {total:g} points from the visible tests", ""]
    for c in checks:
        mark = "ok  " if c.passed else "FAIL"
        lines.append(f"  {mark} {c.grade_id:{width}s} {c.points:g} pt" + ("" if c.passed else "\n       " + c.message.replace("\n", "\n       ")))
    if notes:
        lines += ["", "Notes:"] + [f"  - {n}" for n in notes]
    lines += ["", "The instructor's grading also runs hidden tests, so your final score can be lower."]
    return "\n".join(lines)
