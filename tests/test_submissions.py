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


# -- hostile or unlucky submissions (held-out attack batch) ------------------------------

def test_names_differing_only_by_accents_stay_apart(tmp_path, welcome):
    # "José García" and "Jose Garcia" gave one id: one learner's work was lost.
    release = welcome["00_welcome.ipynb"]
    folders = tmp_path / "folders"
    _write(_answered(release, "accented"), folders / "José García" / "00_welcome.ipynb")
    _write(_answered(release, "plain"), folders / "Jose Garcia" / "00_welcome.ipynb")
    found = {s.learner: s for s in collect(folders, "00_welcome", welcome)}
    assert sorted(found) == ["Jose_Garcia", "Jose_Garcia_2"]
    assert found["Jose_Garcia"].files["00_welcome.ipynb"].parent.name == "Jose Garcia"
    assert found["Jose_Garcia_2"].files["00_welcome.ipynb"].parent.name == "José García"
    assert any("id Jose_Garcia_2: other learners' names give the same id" in p and "'José García'" in p
               for p in found["Jose_Garcia_2"].problems)
    again = {s.learner: s.files["00_welcome.ipynb"] for s in collect(folders, "00_welcome", welcome)}
    assert again == {k: s.files["00_welcome.ipynb"] for k, s in found.items()}  # same ids on a re-run
    # A learner keeps the id they were graded under when someone whose name sorts first joins later.
    known = {s.name: s.learner for s in found.values()}
    _write(_answered(release, "newcomer"), folders / "JOSE GARCIA" / "00_welcome.ipynb")
    later = {s.name: s.learner for s in collect(folders, "00_welcome", welcome, known=known)}
    assert later["Jose Garcia"] == "Jose_Garcia" and later["José García"] == "Jose_Garcia_2"
    assert later["JOSE GARCIA"] not in ("Jose_Garcia", "Jose_Garcia_2")

    flat = tmp_path / "flat"  # the same in an LMS export; each learner keeps their own file
    _write(_answered(release, "accented"), flat / "José García_7_assignsubmission_file_00_welcome.ipynb")
    _write(_answered(release, "plain"), flat / "Jose Garcia_7_assignsubmission_file_00_welcome.ipynb")
    found = {s.learner: s for s in collect(flat, "00_welcome", welcome)}
    assert sorted(found) == ["jose_garcia_7", "jose_garcia_7_2"]
    assert found["jose_garcia_7"].files["00_welcome.ipynb"].name.startswith("Jose Garcia")
    assert found["jose_garcia_7_2"].files["00_welcome.ipynb"].name.startswith("José García")
    assert not any("two files" in p for s in found.values() for p in s.problems)


def test_long_names_give_short_distinct_ids(tmp_path, welcome):
    release = welcome["00_welcome.ipynb"]
    long_name = "A" * 100
    _write(release, tmp_path / long_name / "00_welcome.ipynb")
    prefix = "Maria Antonia Fernandez de la Cruz y Gonzalez"  # 45 characters
    _write(release, tmp_path / f"{prefix} Primera" / "00_welcome.ipynb")
    _write(release, tmp_path / f"{prefix} Segunda" / "00_welcome.ipynb")
    found = collect(tmp_path, "00_welcome", welcome)
    ids = [s.learner for s in found]
    assert len(ids) == 3 == len(set(ids))
    assert all(len(i) <= 40 and "/" not in i for i in ids)
    assert all(set(s.files) == {"00_welcome.ipynb"} for s in found)
    assert [s.learner for s in collect(tmp_path, "00_welcome", welcome)] == ids


def test_a_learner_called_submitted_or_like_the_assignment_drops_nobody(tmp_path, welcome):
    text = nbformat.writes(welcome["00_welcome.ipynb"])
    root = tmp_path / "folders"
    for who in ("alice", "bob", "submitted"):
        (root / who).mkdir(parents=True)
        (root / who / "00_welcome.ipynb").write_text(text)
    found = {s.learner: s for s in collect(root, "00_welcome", welcome)}
    assert sorted(found) == ["alice", "bob", "submitted"]
    assert all(set(s.files) == {"00_welcome.ipynb"} for s in found.values())
    # a learner named like the assignment, in a zip's wrapping folder
    archive = _zip(tmp_path / "export.zip", {"Export/alice/00_welcome.ipynb": text,
                                             "Export/00_welcome/00_welcome.ipynb": text,
                                             "Export/carol/00_welcome.ipynb": text})
    (tmp_path / "unzipped").mkdir()
    found = collect(archive, "00_welcome", welcome, workdir=tmp_path / "unzipped")
    assert sorted(s.learner for s in found) == ["00_welcome", "alice", "carol"]
    # nbgrader's own tree is still recognised beside the course's other folders
    course = tmp_path / "course"
    _write(welcome["00_welcome.ipynb"], course / "submitted" / "dave" / "00_welcome" / "00_welcome.ipynb")
    _write(welcome["00_welcome.ipynb"], course / "release" / "00_welcome" / "00_welcome.ipynb")
    assert [(s.learner, s.problems) for s in collect(course, "00_welcome", welcome)] == [("dave", [])]


def test_symlinks_are_never_followed(tmp_path, welcome):
    # A learner folder holding a link to the course's solutions/ scored full marks.
    outside = tmp_path / "outside" / "solutions"
    _write(welcome["00_welcome.ipynb"], outside / "00_welcome.ipynb")  # stands for the solutions notebook
    root = tmp_path / "submissions"
    (root / "alice").mkdir(parents=True)
    (root / "alice" / "work").symlink_to(outside, target_is_directory=True)
    (root / "bob").mkdir()
    (root / "bob" / "00_welcome.ipynb").symlink_to(outside / "00_welcome.ipynb")
    _write(_answered(welcome["00_welcome.ipynb"]), root / "carol" / "00_welcome.ipynb")
    (root / "dave").symlink_to(outside, target_is_directory=True)                    # a whole learner folder
    (root / "erin_00_welcome.ipynb").symlink_to(outside / "00_welcome.ipynb")        # an LMS file
    found = {s.learner: s for s in collect(root, "00_welcome", welcome)}
    assert sorted(found) == ["alice", "bob", "carol", "dave", "erin"]
    assert set(found["carol"].files) == {"00_welcome.ipynb"}
    for who in ("alice", "bob", "dave", "erin"):
        assert not found[who].files, who
        assert any("symlink ignored" in p for p in found[who].problems), (who, found[who].problems)
    assert all(outside not in p.parents for s in found.values() for p in s.files.values())


def test_zip_entry_declaring_more_than_4_gib_is_skipped(tmp_path, welcome):
    text = nbformat.writes(welcome["00_welcome.ipynb"])
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("Export/alice_00_welcome.ipynb", text)
        zf.writestr("Export/bob_00_welcome.ipynb", text)
        zf.writestr("Export/bob_notes.ipynb", "{}")
        zf.writestr("Export/carol_00_welcome.ipynb", text)
        # the central directory (what readers trust) declares 5 GiB for bob's notebook
        zf.getinfo("Export/bob_00_welcome.ipynb").file_size = 5 << 30
    with zipfile.ZipFile(archive) as zf:
        assert zf.getinfo("Export/bob_00_welcome.ipynb").file_size == 5 << 30
    work = tmp_path / "unzipped"
    work.mkdir()
    found = {s.learner: s for s in collect(archive, "00_welcome", welcome, workdir=work)}
    assert {"alice", "carol"} <= set(found)
    assert set(found["alice"].files) == set(found["carol"].files) == {"00_welcome.ipynb"}
    problems = " | ".join(p for s in found.values() for p in s.problems)
    assert "skipped 'Export/bob_00_welcome.ipynb' in the zip: it declares 5,368,709,120 bytes" in problems
    assert not (work / "Export" / "bob_00_welcome.ipynb").exists()
    # safe_extract on its own: the same, no exception
    (tmp_path / "out").mkdir()
    assert any("declares" in p for p in safe_extract(archive, tmp_path / "out"))


def test_zip_symlink_entry_is_not_extracted_as_a_link(tmp_path, welcome):
    text = nbformat.writes(welcome["00_welcome.ipynb"])
    link = zipfile.ZipInfo("alice/00_welcome.ipynb")
    link.create_system = 3
    link.external_attr = (0o120777 << 16)
    solutions = str(ROOT / "solutions" / "00_welcome" / "00_welcome.ipynb")
    archive = _zip(tmp_path / "class.zip", {"bob/00_welcome.ipynb": text, link: solutions})
    archive_entries = {i.filename: i for i in zipfile.ZipFile(archive).infolist()}
    assert archive_entries["alice/00_welcome.ipynb"].external_attr >> 16 == 0o120777
    work = tmp_path / "unzipped"
    work.mkdir()
    found = {s.learner: s for s in collect(archive, "00_welcome", welcome, workdir=work)}
    assert set(found["bob"].files) == {"00_welcome.ipynb"}
    assert "alice" not in found or not found["alice"].files
    problems = " | ".join(p for s in found.values() for p in s.problems)
    assert "'alice/00_welcome.ipynb' in the zip: it is a link (symlink ignored)" in problems
    assert not any(p.is_symlink() for p in work.rglob("*"))
    assert not (work / "alice" / "00_welcome.ipynb").exists()


def test_unreadable_notebooks_never_stop_collect(tmp_path, fundamentals):
    import time

    # a renamed file is read to recognise it: 100,000-deep JSON must be a plain problem
    deep = '{"cells": [' + "[" * 100_000 + "]" * 100_000 + '], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}'
    (tmp_path / "alice").mkdir()
    (tmp_path / "alice" / "Untitled.ipynb").write_text(deep)
    _write(fundamentals[NEURONS], tmp_path / "alice" / NEURONS)
    _write(fundamentals[NEURONS], tmp_path / "bob" / NEURONS)
    t0 = time.process_time()  # CPU time: independent of machine load
    found = {s.learner: s for s in collect(tmp_path, "01_fundamentals", fundamentals)}
    assert time.process_time() - t0 < 5
    assert sorted(found) == ["alice", "bob"] and set(found["alice"].files) == {NEURONS}
    assert any("Untitled.ipynb: not one of this assignment's notebooks" in p for p in found["alice"].problems)
