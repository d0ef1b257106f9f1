"""Find who submitted which notebook, whatever shape the submissions come in.

Accepted layouts (``collect`` decides from what it finds):

* nbgrader's tree: ``<root>/<learner>/<assignment>/*.ipynb`` (``root`` is
  ``submitted/``, or a folder that holds it);
* one folder per learner: ``<root>/<learner>/**/*.ipynb``;
* a flat folder or a ``.zip`` of files as learning-management systems export
  them: one file per learner and notebook, the learner in the file name, e.g.
  ``alice_01_neurons_and_activations.ipynb``, Moodle's
  ``Alice Smith_123_assignsubmission_file_Copy of 01_neurons....ipynb`` or
  Canvas's ``smithalice_123_456_01_neurons....ipynb``.

Files are matched to the assignment's notebooks by name (``Copy of``, `` (1)``
and similar renames are ignored) and, when the name says nothing, by content.
Nothing is ever modified: the result only points at the files.
"""
from __future__ import annotations

import dataclasses
import re
import shutil
import tempfile
import zipfile
from pathlib import Path

from .realign import SubmissionError, identify, read_submission, safe_id

__all__ = ["Submission", "collect", "learner_and_notebook", "safe_extract"]

MAX_ZIP_BYTES = 4 << 30      # refuse zip bombs
MAX_NOTEBOOK_BYTES = 200 << 20  # a notebook with outputs rarely exceeds a few MB


@dataclasses.dataclass
class Submission:
    learner: str
    files: dict = dataclasses.field(default_factory=dict)    # notebook name -> Path
    problems: list = dataclasses.field(default_factory=list)  # plain-words notes for the summary


_NOISE = [
    re.compile(r"copy of\s*", re.I),
    re.compile(r"\s*\(\d+\)\s*$"),            # "name (1)"
    re.compile(r"[-_ ]?checkpoint$", re.I),
    re.compile(r"_?assignsubmission_(file|onlinetext)_?", re.I),  # Moodle
]


def _norm(text: str) -> str:
    return re.sub(r"[\s_\-.]+", "_", text.lower()).strip("_")


def learner_and_notebook(filename: str, notebooks: list[str]) -> tuple[str | None, str | None]:
    """``(learner, notebook)`` from an exported file name; either may be ``None``.

    ``notebooks`` are the assignment's notebook names (``"01_x.ipynb"``).
    """
    stem = Path(filename).stem
    for pattern in _NOISE[:3]:
        stem = pattern.sub("", stem)
    # Repeated "Copy of" / "(1)" at the end of names with extra parts.
    stem = re.sub(r"copy of\s*", "", stem, flags=re.I)
    stem = re.sub(r"\s*\(\d+\)", "", stem)
    normalised = _norm(stem)
    found = None
    before, after = normalised, ""
    for name in sorted(notebooks, key=len, reverse=True):
        key = _norm(Path(name).stem)
        if key in normalised:
            found = name
            before, _, after = normalised.partition(key)
            break
    # Fix (tests/test_submissions.py): LMS exports put the learner before the file
    # name; what follows it (the "-1" Canvas adds to a re-uploaded file, "_v2",
    # "_final") made another learner id. Only a name with nothing before the
    # notebook's ("00_welcome_alice") takes the learner from the part after it.
    rest = before if before.strip("_ ") else after
    rest = _NOISE[3].sub("_", rest)
    rest = re.sub(r"(^|_)late(?=_|$)", "", rest)  # Canvas marks late files
    learner = re.sub(r"[_ ]+", "_", rest).strip("_ ")
    return (safe_id(learner) if learner else None), found


def safe_extract(zip_path: Path, dest: Path) -> list[str]:
    """Extract a zip without trusting it: no paths outside ``dest``, no links, size capped."""
    problems = []
    with zipfile.ZipFile(zip_path) as zf:
        total = 0
        for info in zf.infolist():
            name = info.filename
            target = (dest / name).resolve()
            if info.is_dir():
                continue
            if name.startswith(("/", "\\")) or ".." in Path(name).parts or not str(target).startswith(str(dest.resolve())):
                problems.append(f"skipped {name!r} in the zip: its path points outside the folder")
                continue
            if (info.external_attr >> 16) & 0o170000 == 0o120000:
                problems.append(f"skipped {name!r} in the zip: it is a link")
                continue
            total += info.file_size
            if total > MAX_ZIP_BYTES:
                raise SubmissionError(f"{zip_path.name}: unpacks to more than {MAX_ZIP_BYTES >> 30} GiB; refusing")
            target.parent.mkdir(parents=True, exist_ok=True)
            with zf.open(info) as src, open(target, "wb") as out:
                shutil.copyfileobj(src, out)
    return problems


def _notebooks_under(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.ipynb")
                  if ".ipynb_checkpoints" not in p.parts and not p.name.startswith("._") and p.is_file())


def _releases_by_name(releases: dict) -> dict:
    return {Path(k).name: v for k, v in releases.items()}


def _assign(sub: Submission, path: Path, releases: dict, name: str | None) -> None:
    """Record ``path`` as the learner's ``name`` notebook (identified by content if ``None``)."""
    if path.stat().st_size > MAX_NOTEBOOK_BYTES:
        sub.problems.append(f"{path.name}: larger than {MAX_NOTEBOOK_BYTES >> 20} MB; not graded")
        return
    if name is None:
        if len(releases) == 1:
            name = next(iter(releases))
        else:
            try:
                name = identify(read_submission(path.read_bytes()), releases)
            except SubmissionError:
                name = None
            if name is None:
                sub.problems.append(f"{path.name}: not one of this assignment's notebooks (by name or content); ignored")
                return
            sub.problems.append(f"{path.name}: renamed file, recognised as {name} by its content")
    if name in sub.files:
        old = sub.files[name]
        newer = max([old, path], key=lambda p: (p.stat().st_mtime, p.name))
        sub.problems.append(f"{name}: two files ({old.name}, {path.name}); graded the newer, {newer.name}")
        sub.files[name] = newer
    else:
        sub.files[name] = path


def _is_wrapper(folder: Path, assignment: str, notebooks: list[str]) -> bool:
    """A lone folder that wraps the submissions, rather than one learner's folder."""
    if (folder / assignment).is_dir():
        return False  # nbgrader tree with a single learner
    files = [p for p in folder.iterdir() if p.is_file() and p.suffix.lower() == ".ipynb"]
    if not files:
        return any(p.is_dir() for p in folder.iterdir())
    learners = {learner_and_notebook(p.name, notebooks)[0] for p in files} - {None}
    return len(learners) > 1  # an LMS export of several learners


def collect(path: str | Path, assignment: str, releases: dict, workdir: Path | None = None) -> list[Submission]:
    """Every learner's submission found at ``path`` (folder or zip), sorted by learner.

    ``releases`` maps the assignment's notebook file names to their released
    (student) notebooks, used to recognise renamed files by content.
    """
    path = Path(path)
    releases = _releases_by_name(releases)
    notebooks = sorted(releases)
    zip_problems = []
    if path.is_file() and zipfile.is_zipfile(path):
        workdir = Path(workdir or tempfile.mkdtemp(prefix="course-unzip-"))
        zip_problems = safe_extract(path, workdir)
        path = workdir
    if not path.is_dir():
        raise SubmissionError(f"{path}: not a folder or a zip file")
    # Unwrap nbgrader's course root and a single wrapping folder (zips often have one).
    while True:
        entries = [p for p in path.iterdir() if not p.name.startswith((".", "__MACOSX"))]
        if (path / "submitted").is_dir():
            path = path / "submitted"
        elif len(entries) == 1 and entries[0].is_dir() and _is_wrapper(entries[0], assignment, notebooks):
            path = entries[0]
        else:
            break

    subs: dict[str, Submission] = {}
    folders = sorted(p for p in path.iterdir() if p.is_dir() and not p.name.startswith((".", "__MACOSX")))
    # Fix (tests/test_submissions.py): skip macOS "._" resource forks here too, as
    # _notebooks_under does; each one became a phantom, unreadable learner.
    flat = [p for p in path.iterdir() if p.is_file() and p.suffix.lower() == ".ipynb" and not p.name.startswith("._")]
    for folder in folders:
        learner = safe_id(folder.name)
        sub = subs.setdefault(learner, Submission(learner))
        inner = folder / assignment if (folder / assignment).is_dir() else folder
        for nb_path in _notebooks_under(inner):
            _, name = learner_and_notebook(nb_path.name, notebooks)
            _assign(sub, nb_path, releases, name)
    for nb_path in sorted(flat):
        learner, name = learner_and_notebook(nb_path.name, notebooks)
        if learner is None:
            learner = "unknown_" + safe_id(nb_path.stem)
        _assign(subs.setdefault(learner, Submission(learner)), nb_path, releases, name)
    for sub in subs.values():
        for name in notebooks:
            if name not in sub.files:
                sub.problems.append(f"{name}: not submitted")
    result = [subs[k] for k in sorted(subs)]
    if zip_problems and result:
        result[0].problems.extend(zip_problems)
    return result
