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

What a submission holds is never trusted: links are never followed (a link to
the course's ``solutions/`` must not count as work), zip entries are checked
before they are unpacked, and one bad file or entry never stops the class. No
learner is dropped or merged with another without a word: distinct names give
distinct ids (a suffix where two would collide), and whatever cannot be
attributed to a learner becomes a note (``batch: ...``, on the first learner,
as the gradebook has no place for the batch's own notes).
"""
from __future__ import annotations

import dataclasses
import os
import re
import tempfile
import unicodedata
import zipfile
from pathlib import Path, PurePosixPath

from .realign import MAX_ID_CHARS, MAX_NOTEBOOK_BYTES, SubmissionError, identify, read_submission, safe_id

__all__ = ["Submission", "collect", "learner_and_notebook", "safe_extract"]

MAX_ZIP_BYTES = 4 << 30      # refuse zip bombs: all entries together
MAX_ZIP_RATIO = 200          # an entry unpacking to more than 200 times its packed size (and over 1 MB)...
MAX_ZIP_ENTRIES = 20_000     # ...or beyond this many entries is skipped
MAX_FILES_PER_LEARNER = 5_000  # files looked at in one learner's folder
# MAX_NOTEBOOK_BYTES (from .realign): no single file or zip entry larger than this is read or unpacked.

_JUNK_FILES = {".ds_store", "thumbs.db", "desktop.ini"}
# Folders of an nbgrader course (or of this course) that sit beside submitted/
# and hold no learner's work.
_COURSE_FOLDERS = {"source", "release", "autograded", "feedback", "feedback_cache", "downloaded", "exchange",
                   "solution", "solutions", "modules", "tests", "docs", "datasets", "course_lib"}


@dataclasses.dataclass
class Submission:
    learner: str
    files: dict = dataclasses.field(default_factory=dict)    # notebook name -> Path
    problems: list = dataclasses.field(default_factory=list)  # plain-words notes for the summary
    name: str = ""                                            # the learner's name as found


_NOISE = [
    re.compile(r"copy of\s*", re.I),
    re.compile(r"\s*\(\d+\)\s*$"),            # "name (1)"
    re.compile(r"[-_ ]?checkpoint$", re.I),
    re.compile(r"_?assignsubmission_(file|onlinetext)_?", re.I),  # Moodle
]


def _norm(text: str) -> str:
    return re.sub(r"[\s_\-.]+", "_", text.lower()).strip("_")


def _name_and_notebook(filename: str, notebooks: list[str]) -> tuple[str | None, str | None]:
    """``(learner's name as written, notebook)`` from an exported file name (before :func:`safe_id`)."""
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
    # LMS exports put the learner before the file name, and what follows it is noise
    # (the "-1" Canvas adds to a re-uploaded file, "_v2", "_final") that must not make
    # another learner id. Only a name with nothing before the notebook's
    # ("00_welcome_alice") takes the learner from the part after it.
    rest = before if before.strip("_ ") else after
    rest = _NOISE[3].sub("_", rest)
    rest = re.sub(r"(^|_)late(?=_|$)", "", rest)  # Canvas marks late files
    learner = re.sub(r"[_ ]+", "_", rest).strip("_ ")
    return (unicodedata.normalize("NFC", learner) if learner else None), found


def learner_and_notebook(filename: str, notebooks: list[str]) -> tuple[str | None, str | None]:
    """``(learner, notebook)`` from an exported file name; either may be ``None``.

    ``notebooks`` are the assignment's notebook names (``"01_x.ipynb"``). The
    learner is :func:`safe_id` of the name; :func:`collect` adds a suffix where
    two different names give the same id.
    """
    name, found = _name_and_notebook(filename, notebooks)
    return (safe_id(name) if name else None), found


# -- zips ----------------------------------------------------------------------------

def _unpack_entries(zip_path: Path, dest: Path) -> list[tuple[str, str]]:
    """Extract a zip without trusting it; ``[(entry name, why it was skipped)]``.

    No paths outside ``dest``, no links or other special files, no entry whose
    declared size is over ``MAX_NOTEBOOK_BYTES`` or whose compression ratio is
    a bomb's, none beyond ``MAX_ZIP_ENTRIES``, and never more bytes than an
    entry declares. Raises :class:`SubmissionError` only for the zip as a whole
    (unreadable, or all its entries together over ``MAX_ZIP_BYTES``).
    """
    skipped: list[tuple[str, str]] = []
    dest_root = dest.resolve()
    try:
        zf = zipfile.ZipFile(zip_path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise SubmissionError(f"{zip_path.name}: not a zip file that can be read ({exc})") from None
    with zf:
        try:
            infos = zf.infolist()
        except Exception as exc:
            raise SubmissionError(f"{zip_path.name}: its list of files cannot be read ({exc})") from None
        plan, seen = [], set()
        for n, info in enumerate(infos):
            name = info.filename
            if n >= MAX_ZIP_ENTRIES:
                skipped.append((name, f"skipped {len(infos) - n} entries of the zip after the first "
                                      f"{MAX_ZIP_ENTRIES}: too many files"))
                break
            if info.is_dir():
                continue
            mode = (info.external_attr >> 16) & 0o170000
            parts = PurePosixPath(name.replace("\\", "/")).parts
            target = Path(os.path.normpath(dest_root / name))
            if name.startswith(("/", "\\")) or ".." in parts or not target.is_relative_to(dest_root) \
                    or target == dest_root:
                skipped.append((name, f"skipped {name!r} in the zip: its path points outside the folder"))
                continue
            if mode == 0o120000:
                skipped.append((name, f"skipped {name!r} in the zip: it is a link (symlink ignored)"))
                continue
            if mode not in (0, 0o100000):
                skipped.append((name, f"skipped {name!r} in the zip: not a plain file"))
                continue
            if info.flag_bits & 0x1:
                skipped.append((name, f"skipped {name!r} in the zip: it is encrypted"))
                continue
            if info.file_size > MAX_NOTEBOOK_BYTES:
                skipped.append((name, f"skipped {name!r} in the zip: it declares {info.file_size:,} bytes "
                                      f"unpacked, more than the {MAX_NOTEBOOK_BYTES >> 20} MB a notebook may have"))
                continue
            if info.file_size > (1 << 20) and info.file_size > MAX_ZIP_RATIO * max(info.compress_size, 1):
                skipped.append((name, f"skipped {name!r} in the zip: it unpacks to {info.file_size:,} bytes from "
                                      f"{info.compress_size:,} (a zip bomb?)"))
                continue
            key = os.path.normcase(str(target))
            if key in seen:
                skipped.append((name, f"skipped {name!r} in the zip: a second entry of that name"))
                continue
            seen.add(key)
            plan.append((info, target))
        total = sum(info.file_size for info, _ in plan)
        if total > MAX_ZIP_BYTES:
            raise SubmissionError(f"{zip_path.name}: unpacks to more than {MAX_ZIP_BYTES >> 30} GiB; refusing")
        for info, target in plan:
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                if target.parent.resolve() != target.parent:
                    raise OSError("its folder is not a plain folder")
                left = info.file_size
                fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0), 0o600)
                with zf.open(info) as src, open(fd, "wb") as out:
                    while chunk := src.read(1 << 20):
                        left -= len(chunk)
                        if left < 0:
                            raise ValueError("it unpacks to more bytes than it declares")
                        out.write(chunk)
            except Exception as exc:  # one bad entry: skip it, never the class
                if target.is_file() and not target.is_symlink():
                    target.unlink(missing_ok=True)
                skipped.append((info.filename, f"skipped {info.filename!r} in the zip: it could not be unpacked "
                                               f"({type(exc).__name__}: {exc})"))
    return skipped


def safe_extract(zip_path: Path, dest: Path) -> list[str]:
    """Extract a zip without trusting it: no paths outside ``dest``, no links, sizes checked first.

    Returns the problems (entries skipped, in plain words). Raises
    :class:`SubmissionError` only when the zip as a whole cannot be used.
    """
    return [why for _, why in _unpack_entries(Path(zip_path), Path(dest))]


# -- folders ----------------------------------------------------------------------------

def _is_link(path: Path) -> bool:
    try:
        return path.is_symlink() or (hasattr(path, "is_junction") and path.is_junction())
    except OSError:
        return True


def _real_dir(path: Path) -> bool:
    return not _is_link(path) and path.is_dir()


def _real_file(path: Path) -> bool:
    return not _is_link(path) and path.is_file()


def _scan(folder: Path) -> list[os.DirEntry]:
    try:
        with os.scandir(folder) as it:
            return sorted(it, key=lambda e: e.name)
    except OSError:
        return []


def _notebooks_under(folder: Path, notes: list | None = None, top: Path | None = None) -> list[Path]:
    """The notebooks in ``folder`` and its subfolders, sorted; links are never followed.

    A link (to a file or a folder) is skipped with a note in ``notes``
    ("...: symlink ignored"), as is anything that is not a plain file.
    """
    notes = notes if notes is not None else []
    top = top or folder
    found, stack, seen = [], [folder], 0
    while stack:
        current = stack.pop()
        for entry in _scan(current):
            seen += 1
            if seen > MAX_FILES_PER_LEARNER:
                notes.append(f"more than {MAX_FILES_PER_LEARNER} files in the folder; the rest were not looked at")
                return sorted(found)
            path = Path(entry.path)
            rel = path.relative_to(top).as_posix() if path.is_relative_to(top) else entry.name
            try:
                if entry.is_symlink() or (hasattr(path, "is_junction") and path.is_junction()):
                    notes.append(f"{rel}: a link, not a file (symlink ignored)")
                    continue
                if entry.is_dir(follow_symlinks=False):
                    if entry.name != ".ipynb_checkpoints":
                        stack.append(path)
                    continue
                is_file = entry.is_file(follow_symlinks=False)
            except OSError:
                continue
            if not entry.name.lower().endswith(".ipynb") or entry.name.startswith("._"):
                continue
            if is_file:
                found.append(path)
            else:
                notes.append(f"{rel}: not a plain file; ignored")
    return sorted(found)


def _releases_by_name(releases: dict) -> dict:
    return {Path(k).name: v for k, v in releases.items()}


def _assign(sub: Submission, path: Path, releases: dict, name: str | None) -> None:
    """Record ``path`` as the learner's ``name`` notebook (identified by content if ``None``)."""
    try:
        if _is_link(path) or not path.is_file():
            sub.problems.append(f"{path.name}: a link or not a plain file (symlink ignored)")
            return
        size = path.stat().st_size
    except OSError as exc:
        sub.problems.append(f"{path.name}: cannot be read ({exc.strerror or exc}); ignored")
        return
    if size > MAX_NOTEBOOK_BYTES:
        sub.problems.append(f"{path.name}: larger than {MAX_NOTEBOOK_BYTES >> 20} MB; not graded")
        return
    if name is None:
        if len(releases) == 1:
            name = next(iter(releases))
        else:
            try:
                name = identify(read_submission(path.read_bytes()), releases)
            except Exception:  # unreadable (SubmissionError, OSError, ...): not recognisable by content
                name = None
            if name is None:
                sub.problems.append(f"{path.name}: not one of this assignment's notebooks (by name or content); ignored")
                return
            sub.problems.append(f"{path.name}: renamed file, recognised as {name} by its content")
    if name in sub.files:
        old = sub.files[name]
        newer = max([old, path], key=lambda p: (_mtime(p), p.name))
        sub.problems.append(f"{name}: two files ({old.name}, {path.name}); graded the newer, {newer.name}")
        sub.files[name] = newer
    else:
        sub.files[name] = path


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _holds_this_assignment(folder: Path, assignment: str, notebooks: list[str]) -> bool:
    """Whether ``folder`` looks like one learner's submission of this assignment."""
    if _real_dir(folder / assignment):
        return True
    for entry in _scan(folder)[:200]:
        if entry.name.lower().endswith(".ipynb") and _name_and_notebook(entry.name, notebooks)[1]:
            return True
    return False


def _is_nbgrader_tree(folder: Path, assignment: str) -> bool:
    """Whether ``folder`` is nbgrader's ``submitted/``: learner folders holding ``<assignment>/``,
    or the ``submitted/`` of an nbgrader course folder (where nobody may have sent this one yet)."""
    if not _real_dir(folder):
        return False
    course = folder.parent
    if any(_real_file(course / f) for f in ("nbgrader_config.py", "gradebook.db")) or \
            any(_real_dir(course / d) for d in ("source", "release", "autograded")):
        return True
    return any(_real_dir(Path(e.path) / assignment) for e in _scan(folder)[:10_000]
               if e.is_dir(follow_symlinks=False))


def _is_wrapper(folder: Path, assignment: str, notebooks: list[str]) -> bool:
    """A lone folder that wraps the submissions, rather than one learner's folder."""
    entries = [Path(e.path) for e in _scan(folder) if not e.name.startswith((".", "__MACOSX"))]
    subdirs = [p for p in entries if _real_dir(p)]
    if _real_dir(folder / assignment):
        # nbgrader tree with a single learner, unless the other folders are
        # learners' too (a learner named like the assignment, in a wrapping folder)
        return any(_holds_this_assignment(p, assignment, notebooks) for p in subdirs if p.name != assignment)
    files = [p for p in entries if _real_file(p) and p.suffix.lower() == ".ipynb"]
    if not files:
        return bool(subdirs)
    learners = {_name_and_notebook(p.name, notebooks)[0] for p in files} - {None}
    return len(learners) > 1  # an LMS export of several learners


def _layout_root(path: Path, assignment: str, notebooks: list[str], batch: list[str]) -> Path:
    """Unwrap nbgrader's course root and single wrapping folders (zips often have one)."""
    for _ in range(20):
        entries = [Path(e.path) for e in _scan(path) if not e.name.startswith((".", "__MACOSX"))]
        submitted = path / "submitted"
        # A learner called "submitted" (a folder of notebooks beside other
        # learners' folders) is not nbgrader's tree: only a folder whose
        # learner folders hold <assignment>/ is.
        if _is_nbgrader_tree(submitted, assignment):
            for other in entries:
                if other.name == "submitted" or other.name.lower() in _COURSE_FOLDERS:
                    continue
                if _real_dir(other) and _holds_this_assignment(other, assignment, notebooks) or \
                        (_real_file(other) and other.suffix.lower() == ".ipynb"):
                    batch.append(f"{other.name}: beside nbgrader's submitted/ folder, which was graded; "
                                 "not looked at")
            path = submitted
        elif len(entries) == 1 and _real_dir(entries[0]) and _is_wrapper(entries[0], assignment, notebooks):
            path = entries[0]
        else:
            break
    return path


# -- learner ids ------------------------------------------------------------------------

def _unique_ids(bases: dict[str, str], known: dict[str, str] | None = None) -> tuple[dict[str, str], dict[str, str]]:
    """``{name: id}`` with distinct ids, and ``{name: note}`` for the names whose id collided.

    ``bases`` maps each learner's name (as found) to its :func:`safe_id`. Names
    giving the same id (case aside: "José García" and "Jose Garcia") keep it
    apart by a suffix, in the order of the names, so the same names give the
    same ids on every run. ``known`` (name -> id, from earlier runs of the same
    assignment) comes first: a learner keeps the id they were graded under,
    whoever joins the class later.
    """
    known = known or {}
    ids: dict[str, str] = {}
    taken: set[str] = set()
    for name in sorted(bases):   # ids given in earlier runs, while still free and still this name's
        kid = known.get(name)
        if isinstance(kid, str) and kid.casefold() not in taken and \
                kid.casefold().startswith(bases[name].casefold()[:MAX_ID_CHARS - 12]):
            ids[name] = kid
            taken.add(kid.casefold())
    groups: dict[str, list[str]] = {}
    for name in sorted(bases):
        groups.setdefault(bases[name].casefold(), []).append(name)
    reserved = set(groups) | taken    # nobody's suffix may take another learner's plain id
    notes: dict[str, str] = {}
    for key, members in sorted(groups.items()):
        for name in members:
            if name in ids:
                continue
            base = bases[name]
            candidate, k = base, 2
            while candidate.casefold() in taken or (candidate != base and candidate.casefold() in reserved):
                suffix = f"_{k}"
                candidate = base[: MAX_ID_CHARS - len(suffix)].rstrip("._-") + suffix
                k += 1
            ids[name] = candidate
            taken.add(candidate.casefold())
        if len(members) > 1:
            together = ", ".join(f"{ids[n]} ({n!r})" for n in members)
            for name in members:
                notes[name] = (f"id {ids[name]}: other learners' names give the same id, so they were kept "
                               f"apart: {together}")
    return ids, notes


# -- the class ------------------------------------------------------------------------

def collect(path: str | Path, assignment: str, releases: dict, workdir: Path | None = None,
            known: dict[str, str] | None = None) -> list[Submission]:
    """Every learner's submission found at ``path`` (folder or zip), sorted by learner.

    ``releases`` maps the assignment's notebook file names to their released
    (student) notebooks, used to recognise renamed files by content. Raises
    :class:`SubmissionError` only when ``path`` as a whole cannot be used (not
    a folder or a zip, a zip bomb, nothing found but problems); a bad file or
    entry becomes a note for its learner (or for the batch).
    """
    path = given = Path(path)
    releases = _releases_by_name(releases)
    notebooks = sorted(releases)
    batch: list[str] = []
    skipped: list[tuple[str, str]] = []
    unpacked = None
    if path.is_file() and zipfile.is_zipfile(path):
        workdir = Path(workdir or tempfile.mkdtemp(prefix="course-unzip-"))
        skipped = _unpack_entries(path, workdir)
        path = unpacked = workdir
    if not path.is_dir():
        raise SubmissionError(f"{path}: not a folder or a zip file")
    root = _layout_root(path, assignment, notebooks, batch)

    # Who is there: learner name (as found) -> their folders and files, notes.
    folders: dict[str, list[Path]] = {}
    flat: dict[str, list[tuple[Path, str | None]]] = {}
    early: dict[str, list[str]] = {}
    bases: dict[str, str] = {}
    for entry in _scan(root):
        p = Path(entry.path)
        name = entry.name
        if name.startswith((".", "__MACOSX")) or name.lower() in _JUNK_FILES:
            continue
        is_nb = name.lower().endswith(".ipynb")
        if _is_link(p):
            if is_nb:
                who, _ = _name_and_notebook(name, notebooks)
                if who is None:
                    batch.append(f"{name}: a link, not a file (symlink ignored)")
                    continue
                bases.setdefault(who, safe_id(who))
            else:
                who = unicodedata.normalize("NFC", name)
                bases.setdefault(who, safe_id(who))
            early.setdefault(who, []).append(f"{name}: a link, not the learner's own "
                                             f"{'file' if is_nb else 'folder'} (symlink ignored)")
            continue
        try:
            is_dir = entry.is_dir(follow_symlinks=False)
            is_file = entry.is_file(follow_symlinks=False)
        except OSError:
            is_dir = is_file = False
        if is_dir:
            who = unicodedata.normalize("NFC", name)
            bases.setdefault(who, safe_id(who))
            folders.setdefault(who, []).append(p)
        elif is_file and is_nb and not name.startswith("._"):
            who, nb_name = _name_and_notebook(name, notebooks)
            if who is None:
                who = "unknown_" + unicodedata.normalize("NFC", Path(name).stem)
                bases.setdefault(who, "unknown_" + safe_id(Path(name).stem)[: MAX_ID_CHARS - 8])
            else:
                bases.setdefault(who, safe_id(who))
            flat.setdefault(who, []).append((p, nb_name))
        elif is_file:
            batch.append(f"{name}: not a notebook (.ipynb); ignored")
        else:
            batch.append(f"{name}: not a plain file or folder; ignored")

    ids, id_notes = _unique_ids(bases, known)
    subs: dict[str, Submission] = {}
    for who in sorted(bases):
        sub = subs[ids[who]] = Submission(ids[who], name=who)
        if who in id_notes:
            sub.problems.append(id_notes[who])
        sub.problems.extend(early.get(who, []))
        for folder in folders.get(who, []):
            inner = folder / assignment
            found = _notebooks_under(inner, sub.problems, folder) if _real_dir(inner) else []
            if not found:  # not nbgrader's tree, or its assignment folder is empty
                found = _notebooks_under(folder, sub.problems)
            for nb_path in found:
                _, name = _name_and_notebook(nb_path.name, notebooks)
                _assign(sub, nb_path, releases, name)
        for nb_path, name in flat.get(who, []):
            _assign(sub, nb_path, releases, name)

    # Zip entries that were not unpacked: the learner's note when the entry's
    # place says whose it was, else the batch's.
    if skipped:
        rel_root = root.relative_to(unpacked).parts if unpacked is not None and root.is_relative_to(unpacked) else ()
        for entry_name, why in skipped:
            parts = PurePosixPath(entry_name.replace("\\", "/")).parts
            who = None
            if parts[: len(rel_root)] == rel_root and len(parts) > len(rel_root):
                rest = parts[len(rel_root):]
                first = unicodedata.normalize("NFC", rest[0])
                who = first if len(rest) > 1 else _name_and_notebook(rest[0], notebooks)[0]
            if who is not None and who in ids:
                subs[ids[who]].problems.append(why)
            else:
                batch.append(why)

    for sub in subs.values():
        for name in notebooks:
            if name not in sub.files:
                sub.problems.append(f"{name}: not submitted")
    result = [subs[k] for k in sorted(subs)]
    if batch:
        if not result:
            raise SubmissionError(f"no submission found in {given}: " + "; ".join(batch[:20]))
        result[0].problems.extend(f"batch: {text}" for text in batch)
    return result
