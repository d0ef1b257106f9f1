"""Student notebooks from instructor sources: ``solutions/`` -> ``modules/``.

nbgrader's ``generate_assignment`` does the real work (removes solutions and
hidden tests, locks test cells, records the assignment in the gradebook).
Around it this module adds what a course repository needs:

* output is written deterministically (stable JSON, no outputs), so that
  ``modules/`` only changes when ``solutions/`` does;
* a manifest (``modules/.release-manifest.json``) records the checksum of each
  notebook as released; a student notebook whose content no longer matches
  has been edited by someone (a learner working in their clone) and is never
  overwritten silently: release refuses, or with ``force`` keeps a backup;
* :func:`check_sync` regenerates into a temporary folder and lists every
  student notebook that differs from what ``solutions/`` would produce.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

MANIFEST = ".release-manifest.json"

__all__ = [
    "ReleaseError",
    "ReleaseReport",
    "repo_root",
    "assignments",
    "generate",
    "release",
    "check_sync",
    "normalise",
]


class ReleaseError(RuntimeError):
    """Release could not proceed; the message says what to do."""


@dataclasses.dataclass
class ReleaseReport:
    written: list = dataclasses.field(default_factory=list)
    unchanged: list = dataclasses.field(default_factory=list)
    backed_up: list = dataclasses.field(default_factory=list)
    refused: list = dataclasses.field(default_factory=list)

    def summary(self) -> str:
        lines = [f"{len(self.written)} written, {len(self.unchanged)} unchanged"]
        lines += [f"  wrote      {p}" for p in self.written]
        lines += [f"  backed up  {src} -> {dst}" for src, dst in self.backed_up]
        lines += [f"  REFUSED    {p} (has local edits)" for p in self.refused]
        return "\n".join(lines)


def repo_root(start: str | os.PathLike | None = None) -> Path:
    """The course repository root: the nearest folder with ``nbgrader_config.py`` and ``solutions/``."""
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "nbgrader_config.py").is_file() and (folder / "solutions").is_dir():
            return folder
    # An editable install of course_lib sits inside the repository.
    pkg_root = Path(__file__).resolve().parent.parent
    if (pkg_root / "solutions").is_dir():
        return pkg_root
    raise ReleaseError("Not inside the course repository (no nbgrader_config.py with a solutions/ folder found).")


def assignments(root: Path) -> list[str]:
    """Assignment ids: the folders of ``solutions/`` that hold notebooks, in order."""
    return sorted(p.name for p in (root / "solutions").iterdir() if p.is_dir() and any(p.glob("*.ipynb")))


def normalise(nb) -> str:
    """Deterministic text of a student notebook: no outputs, stable key order."""
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        cell.metadata.pop("execution", None)
        cell.metadata.pop("collapsed", None)
    nb.metadata.pop("widgets", None)
    text = json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False)
    return text + "\n"


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def tool_env(extra: dict | None = None) -> dict:
    """Environment for nbgrader subprocesses: this interpreter's scripts first on PATH.

    nbgrader runs the ``alembic`` command by name, which is only found when the
    virtual environment's ``bin/`` is on PATH (not the case when a venv's
    python is called directly, as from ``make``).
    """
    env = dict(os.environ if extra is None else extra)
    bindir = str(Path(sys.executable).parent)
    env["PATH"] = bindir + os.pathsep + env.get("PATH", "")
    # A slow import nbgrader never needs, skipped (see course_lib/_skip_imports/rfc3987_syntax.py).
    skip = str(Path(__file__).resolve().parent / "_skip_imports")
    env["PYTHONPATH"] = os.pathsep.join([skip, *([env["PYTHONPATH"]] if env.get("PYTHONPATH") else [])])
    return env


def generate(root: Path, assignment: str, out_dir: Path, db_url: str | None = None) -> dict[str, str]:
    """Run nbgrader on one assignment into ``out_dir``; return ``{relative path: text}``.

    ``db_url`` selects the gradebook nbgrader records the assignment in
    (default: the course's, from nbgrader_config.py).
    """
    args = [
        sys.executable, "-m", "nbgrader", "generate_assignment", assignment,
        "--force", "--log-level=WARN",
        f"--CourseDirectory.root={root}",
        f"--CourseDirectory.release_directory={out_dir}",
    ]
    if db_url:
        args.append(f"--CourseDirectory.db_url={db_url}")
    proc = subprocess.run(args, cwd=root, capture_output=True, text=True, env=tool_env())
    if proc.returncode != 0:
        raise ReleaseError(f"nbgrader generate_assignment {assignment} failed:\n{proc.stdout}\n{proc.stderr}")
    produced = {}
    for path in sorted((out_dir / assignment).glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        produced[f"{assignment}/{path.name}"] = normalise(nb)
    if not produced:
        raise ReleaseError(f"nbgrader produced no notebooks for {assignment}.")
    return produced


def _load_manifest(modules: Path) -> dict:
    try:
        return json.loads((modules / MANIFEST).read_text())
    except (FileNotFoundError, json.JSONDecodeError):
        return {}


def release(
    root: Path | None = None,
    which: list[str] | None = None,
    force: bool = False,
    db_url: str | None = None,
) -> ReleaseReport:
    """Regenerate ``modules/`` from ``solutions/``; never lose a learner's edits.

    A student notebook that differs from its manifest checksum has been edited
    since release. Without ``force`` nothing of that assignment is written and
    :class:`ReleaseError` lists the edited files; with ``force`` each edited file
    is first copied to ``<name>.ipynb.edited-<time>.bak`` beside it.
    """
    root = Path(root) if root else repo_root()
    modules = root / "modules"
    modules.mkdir(exist_ok=True)
    manifest = _load_manifest(modules)
    wanted = which or assignments(root)
    missing = [a for a in wanted if not (root / "solutions" / a).is_dir()]
    if missing:
        raise ReleaseError(f"No such assignment in solutions/: {', '.join(missing)}")
    report = ReleaseReport()
    with tempfile.TemporaryDirectory(prefix="course-release-") as tmp:
        produced = {}
        for assignment in wanted:
            produced.update(generate(root, assignment, Path(tmp), db_url=db_url))

        edited = []
        for rel, text in produced.items():
            target = modules / rel
            if not target.exists():
                continue
            current = target.read_text(encoding="utf-8")
            if current == text:
                continue
            if manifest.get(rel) != _sha(current):
                edited.append(rel)
        if edited and not force:
            report.refused = edited
            raise ReleaseError(
                "These student notebooks have local edits (someone's work) and were not overwritten:\n"
                + "\n".join(f"  modules/{r}" for r in edited)
                + "\nSave that work elsewhere, or run again with --force to keep a .bak copy of each and release."
            )
        stamp = time.strftime("%Y%m%d-%H%M%S")
        for rel, text in produced.items():
            target = modules / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            if target.exists() and target.read_text(encoding="utf-8") == text:
                report.unchanged.append(rel)
                manifest[rel] = _sha(text)
                continue
            if rel in edited:
                backup = target.with_name(f"{target.name}.edited-{stamp}.bak")
                shutil.copy2(target, backup)
                report.backed_up.append((rel, backup.name))
            tmp_target = target.with_name(target.name + ".tmp")
            tmp_target.write_text(text, encoding="utf-8")
            os.replace(tmp_target, target)
            manifest[rel] = _sha(text)
            report.written.append(rel)
    (modules / MANIFEST).write_text(json.dumps(dict(sorted(manifest.items())), indent=1) + "\n")
    return report


def check_sync(root: Path | None = None) -> list[str]:
    """Problems that make ``modules/`` differ from a fresh release of ``solutions/``.

    Uses a throw-away gradebook, so it never touches the instructor's.
    """
    root = Path(root) if root else repo_root()
    problems = []
    with tempfile.TemporaryDirectory(prefix="course-sync-") as tmp:
        db_url = "sqlite:///" + str(Path(tmp) / "gradebook.db")
        out = Path(tmp) / "release"
        produced = {}
        for assignment in assignments(root):
            produced.update(generate(root, assignment, out, db_url=db_url))
    existing = {str(p.relative_to(root / "modules")) for p in (root / "modules").glob("*/*.ipynb")}
    for rel, text in produced.items():
        target = root / "modules" / rel
        if not target.exists():
            problems.append(f"modules/{rel} is missing (run `make release`)")
        elif target.read_text(encoding="utf-8") != text:
            problems.append(f"modules/{rel} differs from what solutions/ generates (run `make release`)")
    for rel in sorted(existing - set(produced)):
        problems.append(f"modules/{rel} has no source in solutions/ (delete it or add its source)")
    return problems
