"""Who submitted what: file names from LMS exports, and every folder/zip layout ``collect`` accepts."""
from __future__ import annotations

import copy
import os
import zipfile
from pathlib import Path

import nbformat
import pytest

from course_lib.grading import submissions as subs_mod
from course_lib.grading.realign import SubmissionError
from course_lib.grading.submissions import collect, learner_and_notebook, safe_extract

ROOT = Path(__file__).resolve().parents[1]
WELCOME = ["00_welcome.ipynb"]
FUNDAMENTALS = sorted(p.name for p in (ROOT / "modules" / "01_fundamentals").glob("*.ipynb"))
NEURONS = "01_neurons_and_activations.ipynb"


def _releases(module: str) -> dict:
    return {p.name: nbformat.read(p, as_version=4) for p in sorted((ROOT / "modules" / module).glob("*.ipynb"))}


@pytest.fixture(scope="module")
def welcome():
    return _releases("00_welcome")


@pytest.fixture(scope="module")
def fundamentals():
    return _releases("01_fundamentals")


# -- file names -------------------------------------------------------------------

@pytest.mark.parametrize("filename, notebooks, expected", [
    # plain: learner prefix, or the notebook's own name
    ("alice_00_welcome.ipynb", WELCOME, ("alice", "00_welcome.ipynb")),
    ("00_welcome.ipynb", WELCOME, (None, "00_welcome.ipynb")),
    ("alice-00_welcome.ipynb", WELCOME, ("alice", "00_welcome.ipynb")),
    ("00_welcome_alice.ipynb", WELCOME, ("alice", "00_welcome.ipynb")),
    ("bob_homework.ipynb", WELCOME, ("bob_homework", None)),
    # Moodle: "<Full Name>_<id>_assignsubmission_file_<file>"
    ("Alice Smith_1234_assignsubmission_file_00_welcome.ipynb", WELCOME, ("alice_smith_1234", "00_welcome.ipynb")),
    (f"Alice Smith_1234_assignsubmission_file_Copy of {NEURONS}", FUNDAMENTALS, ("alice_smith_1234", NEURONS)),
    # Canvas: "<lastfirst>_<user id>_<submission id>_<file>", "LATE" for late files
    (f"smithalice_123_456_{NEURONS}", FUNDAMENTALS, ("smithalice_123_456", NEURONS)),
    (f"smithalice_LATE_123_456_{NEURONS}", FUNDAMENTALS, ("smithalice_123_456", NEURONS)),
    ("smithalice_late_123_456_00_welcome.ipynb", WELCOME, ("smithalice_123_456", "00_welcome.ipynb")),
    # a re-uploaded file: Canvas appends "-1"; learners add "_v2", "_final", " (copy)"
    (f"smithalice_123_456_{NEURONS[:-6]}-1.ipynb", FUNDAMENTALS, ("smithalice_123_456", NEURONS)),
    ("alice_00_welcome_v2.ipynb", WELCOME, ("alice", "00_welcome.ipynb")),
    ("alice_00_welcome_final.ipynb", WELCOME, ("alice", "00_welcome.ipynb")),
    ("Alice Smith_12_assignsubmission_file_00_welcome (copy).ipynb", WELCOME, ("alice_smith_12", "00_welcome.ipynb")),
    # Colab's "Copy of", a browser's " (1)", Jupyter's checkpoints
    ("Copy of 00_welcome.ipynb", WELCOME, (None, "00_welcome.ipynb")),
    ("bob_Copy of Copy of 00_welcome.ipynb", WELCOME, ("bob", "00_welcome.ipynb")),
    ("00_welcome (1).ipynb", WELCOME, (None, "00_welcome.ipynb")),
    ("bob_00_welcome (12).ipynb", WELCOME, ("bob", "00_welcome.ipynb")),
    ("carol_Copy of 00_welcome (1).ipynb", WELCOME, ("carol", "00_welcome.ipynb")),
    ("00_welcome-checkpoint.ipynb", WELCOME, (None, "00_welcome.ipynb")),
    ("dave_00_welcome-checkpoint.ipynb", WELCOME, ("dave", "00_welcome.ipynb")),
    # case and separators do not matter; the longest notebook name wins
    ("EVE 00 WELCOME.ipynb", WELCOME, ("eve", "00_welcome.ipynb")),
    ("frank_01_net_2.ipynb", ["01_net.ipynb", "01_net_2.ipynb"], ("frank", "01_net_2.ipynb")),
    ("frank_01_net.ipynb", ["01_net.ipynb", "01_net_2.ipynb"], ("frank", "01_net.ipynb")),
])
def test_learner_and_notebook(filename, notebooks, expected):
    assert learner_and_notebook(filename, notebooks) == expected


def test_learner_ids_are_safe_folder_names():
    learner, name = learner_and_notebook("Zoë Müller_77_assignsubmission_file_00_welcome.ipynb", WELCOME)
    assert (learner, name) == ("zoe_muller_77", "00_welcome.ipynb")  # accents dropped, letters kept
    learner, name = learner_and_notebook("../../etc/passwd_00_welcome.ipynb", WELCOME)
    assert name == "00_welcome.ipynb" and "/" not in learner and not learner.startswith(".")
    learner, _ = learner_and_notebook("a$b;c`rm -rf`_00_welcome.ipynb", WELCOME)
    assert set(learner) <= set("abcdefghijklmnopqrstuvwxyz0123456789_.-")


# -- layouts --------------------------------------------------------------------------

def _answered(release, tag: str = ""):
    """A copy of a release notebook with a small, recognisable edit (the learner's work)."""
    nb = copy.deepcopy(release)
    nb.cells.append(nbformat.v4.new_markdown_cell(f"my notes {tag}"))
    return nb


def _write(nb, path: Path, mtime: float | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    if mtime is not None:
        os.utime(path, (mtime, mtime))
    return path


def _summary(found) -> dict:
    return {s.learner: {name: p.name for name, p in s.files.items()} for s in found}


def test_collect_nbgrader_tree(tmp_path, welcome):
    course = tmp_path / "course"
    for learner in ("alice", "bob"):
        _write(welcome["00_welcome.ipynb"], course / "submitted" / learner / "00_welcome" / "00_welcome.ipynb")
    # another assignment of the same learner is not this one's
    _write(welcome["00_welcome.ipynb"], course / "submitted" / "alice" / "99_other" / "x.ipynb")
    expected = {"alice": {"00_welcome.ipynb": "00_welcome.ipynb"}, "bob": {"00_welcome.ipynb": "00_welcome.ipynb"}}
    assert _summary(collect(course, "00_welcome", welcome)) == expected             # the course root
    assert _summary(collect(course / "submitted", "00_welcome", welcome)) == expected  # submitted/ itself
    assert all(not s.problems for s in collect(course, "00_welcome", welcome))


def test_collect_learner_folders_identifies_renamed_files_by_content(tmp_path, fundamentals):
    root = tmp_path / "export"
    _write(fundamentals[NEURONS], root / "alice" / "work" / NEURONS)
    _write(_answered(fundamentals["02_forward_and_losses.ipynb"]), root / "alice" / "Untitled3.ipynb")
    _write(fundamentals[NEURONS], root / "alice" / ".ipynb_checkpoints" / "Untitled9.ipynb")  # ignored
    _write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("print('hello')")]),
           root / "alice" / "scratch.ipynb")
    (root / "alice" / "broken.ipynb").write_text("{ not json")
    _write(fundamentals["04_first_keras_model.ipynb"], root / "bob" / "04_first_keras_model.ipynb")
    found = {s.learner: s for s in collect(root, "01_fundamentals", fundamentals)}
    assert sorted(found) == ["alice", "bob"]
    alice = found["alice"]
    assert {k: v.name for k, v in alice.files.items()} == {
        NEURONS: NEURONS, "02_forward_and_losses.ipynb": "Untitled3.ipynb"}
    problems = " | ".join(alice.problems)
    assert "Untitled3.ipynb: renamed file, recognised as 02_forward_and_losses.ipynb by its content" in problems
    assert "scratch.ipynb: not one of this assignment's notebooks" in problems
    assert "broken.ipynb: not one of this assignment's notebooks" in problems
    assert "03_backpropagation.ipynb: not submitted" in problems
    assert "Untitled9" not in problems
    assert set(found["bob"].files) == {"04_first_keras_model.ipynb"}
    assert sum("not submitted" in p for p in found["bob"].problems) == 3


def test_collect_single_notebook_assignment_takes_any_name(tmp_path, welcome):
    _write(welcome["00_welcome.ipynb"], tmp_path / "alice" / "my homework.ipynb")
    (found,) = collect(tmp_path, "00_welcome", welcome)
    assert found.learner == "alice" and found.files["00_welcome.ipynb"].name == "my homework.ipynb"


def test_names_without_ascii_letters_stay_apart(tmp_path, fundamentals):
    # Two learners whose names have no ASCII form must not collapse into one id
    # (one's notebook would be graded as the other's "newer file").
    nb = fundamentals[NEURONS]
    for who in ("王芳", "李伟", "Иван Петров", "Ivan Петров", "Ivan Сидоров"):
        _write(nb, tmp_path / f"{who}_{NEURONS}")
    found = sorted(s.learner for s in collect(tmp_path, "01_fundamentals", fundamentals))
    assert len(found) == 5 and all(f.isascii() and "/" not in f for f in found)
    assert sum(f.startswith("learner_") for f in found) == 3
    assert sum(f.startswith("ivan_") for f in found) == 2
    again = sorted(s.learner for s in collect(tmp_path, "01_fundamentals", fundamentals))
    assert again == found  # stable across runs: re-grading finds the same learners


def test_collect_flat_lms_folder(tmp_path, fundamentals):
    nb = fundamentals[NEURONS]
    _write(nb, tmp_path / f"Alice Smith_11_assignsubmission_file_Copy of {NEURONS}")
    _write(nb, tmp_path / f"smithbob_LATE_22_33_{NEURONS}")
    _write(nb, tmp_path / "smithbob_22_33_02_forward_and_losses.ipynb")
    _write(_answered(fundamentals["03_backpropagation.ipynb"]), tmp_path / "carol_homework.ipynb")
    _write(nb, tmp_path / NEURONS)  # no learner in the name
    (tmp_path / "readme.txt").write_text("not a notebook")
    (tmp_path / "._alice_01_neurons_and_activations.ipynb").write_bytes(b"\0macOS resource fork")
    found = {s.learner: s for s in collect(tmp_path, "01_fundamentals", fundamentals)}
    assert sorted(found) == ["alice_smith_11", "carol_homework", "smithbob_22_33",
                             "unknown_01_neurons_and_activations"]
    assert set(found["smithbob_22_33"].files) == {NEURONS, "02_forward_and_losses.ipynb"}
    assert set(found["alice_smith_11"].files) == {NEURONS}
    # a file whose name says nothing is recognised by its content
    assert set(found["carol_homework"].files) == {"03_backpropagation.ipynb"}
    assert any("recognised as 03_backpropagation.ipynb" in p for p in found["carol_homework"].problems)


def test_duplicates_keep_the_newer(tmp_path, welcome):
    old = _write(_answered(welcome["00_welcome.ipynb"], "old"), tmp_path / "alice_00_welcome.ipynb", mtime=1_600_000_000)
    new = _write(_answered(welcome["00_welcome.ipynb"], "new"), tmp_path / "alice_Copy of 00_welcome (1).ipynb",
                 mtime=1_700_000_000)
    (found,) = collect(tmp_path, "00_welcome", welcome)
    assert found.files["00_welcome.ipynb"] == new
    assert any(f"graded the newer, {new.name}" in p for p in found.problems)
    # the other way round: the plain name is newer
    os.utime(old, (1_800_000_000, 1_800_000_000))
    (found,) = collect(tmp_path, "00_welcome", welcome)
    assert found.files["00_welcome.ipynb"] == old


def test_too_large_notebook_is_skipped(tmp_path, welcome, monkeypatch):
    monkeypatch.setattr(subs_mod, "MAX_NOTEBOOK_BYTES", 1000)
    _write(welcome["00_welcome.ipynb"], tmp_path / "alice_00_welcome.ipynb")
    (found,) = collect(tmp_path, "00_welcome", welcome)
    assert not found.files and any("larger than" in p for p in found.problems)


def _zip(path: Path, entries: dict) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in entries.items():
            if isinstance(data, zipfile.ZipInfo):
                zf.writestr(data, name)
            else:
                zf.writestr(name, data)
    return path


def test_collect_zip_with_wrapping_folder_and_hostile_entries(tmp_path, welcome):
    text = nbformat.writes(welcome["00_welcome.ipynb"])
    link = zipfile.ZipInfo("Export/evil_link_00_welcome.ipynb")
    link.external_attr = (0o120777 << 16)  # a symbolic link to...
    archive = _zip(tmp_path / "export.zip", {
        "Export/Alice Smith_1_assignsubmission_file_00_welcome.ipynb": text,
        "Export/smithbob_2_3_00_welcome.ipynb": text,
        "Export/.ipynb_checkpoints/Alice Smith_1_assignsubmission_file_00_welcome-checkpoint.ipynb": text,
        "__MACOSX/Export/._smithbob_2_3_00_welcome.ipynb": "junk",
        "../../escaped_00_welcome.ipynb": text,
        "/tmp/absolute_00_welcome.ipynb": text,
        "/etc/passwd": "root",
        link: "/etc/shadow",
    })
    work = tmp_path / "unzipped"
    work.mkdir()
    found = collect(archive, "00_welcome", welcome, workdir=work)
    assert [s.learner for s in found] == ["alice_smith_1", "smithbob_2_3"]
    problems = " | ".join(p for s in found for p in s.problems)
    assert "'../../escaped_00_welcome.ipynb' in the zip: its path points outside the folder" in problems
    assert "'/tmp/absolute_00_welcome.ipynb' in the zip: its path points outside the folder" in problems
    assert "evil_link_00_welcome.ipynb' in the zip: it is a link" in problems
    assert not (tmp_path / "escaped_00_welcome.ipynb").exists() and not (work.parent / "escaped_00_welcome.ipynb").exists()
    extracted = {p.relative_to(work).as_posix() for p in work.rglob("*") if p.is_file() or p.is_symlink()}
    assert not any("escaped" in p or "absolute" in p or "passwd" in p or "evil_link" in p for p in extracted)
    assert all(not p.is_symlink() for p in work.rglob("*"))


def test_collect_zip_of_an_nbgrader_tree_and_of_one_learner(tmp_path, welcome):
    text = nbformat.writes(welcome["00_welcome.ipynb"])
    archive = _zip(tmp_path / "course.zip", {
        "course/submitted/alice/00_welcome/00_welcome.ipynb": text,
        "course/submitted/bob/00_welcome/00_welcome.ipynb": text,
    })
    assert [s.learner for s in collect(archive, "00_welcome", welcome, workdir=tmp_path / "a")] == ["alice", "bob"]
    (tmp_path / "a").mkdir(exist_ok=True)
    single = _zip(tmp_path / "alice.zip", {"alice/00_welcome.ipynb": text})
    (tmp_path / "b").mkdir()
    found = collect(single, "00_welcome", welcome, workdir=tmp_path / "b")
    assert [s.learner for s in found] == ["alice"] and set(found[0].files) == {"00_welcome.ipynb"}


def test_safe_extract_refuses_zip_bombs(tmp_path, monkeypatch):
    monkeypatch.setattr(subs_mod, "MAX_ZIP_BYTES", 10_000)
    archive = _zip(tmp_path / "bomb.zip", {"a.ipynb": "0" * 6000, "b.ipynb": "0" * 6000})
    (tmp_path / "out").mkdir()
    with pytest.raises(SubmissionError, match="refusing"):
        safe_extract(archive, tmp_path / "out")


def test_collect_rejects_what_is_neither_folder_nor_zip(tmp_path, welcome):
    (tmp_path / "grades.csv").write_text("a,b\n")
    with pytest.raises(SubmissionError, match="not a folder or a zip"):
        collect(tmp_path / "grades.csv", "00_welcome", welcome)
    with pytest.raises(SubmissionError):
        collect(tmp_path / "nowhere", "00_welcome", welcome)
