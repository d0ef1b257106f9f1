"""Realignment of damaged learner notebooks against the course (course_lib.grading.realign).

Every kind of damage an editor allows, applied to the real notebooks
(01_fundamentals/01_neurons_and_activations: four exercises, and 00_welcome):
the answers must be found by content, every test cell restored from the
*source* (hidden tests included), deleted code put back, and each repair
reported in plain words.
"""
from __future__ import annotations

import codecs
import copy
import json
from pathlib import Path

import nbformat
import pytest

from course_lib import nbcells
from course_lib.grading import realign as realign_mod
from course_lib.grading.realign import SubmissionError, identify, read_submission, realign

ROOT = Path(__file__).resolve().parents[1]
MODULE, NAME = "01_fundamentals", "01_neurons_and_activations.ipynb"


_meta, _is_answer, _is_test = nbcells.meta, nbcells.is_answer, nbcells.is_test


def _load(module: str, name: str):
    source = nbformat.read(ROOT / "solutions" / module / name, as_version=4)
    release = nbformat.read(ROOT / "modules" / module / name, as_version=4)
    answers = {_meta(c)["grade_id"]: "\n".join(ln for ln in c.source.splitlines()
                                              if ln.strip() not in ("### BEGIN SOLUTION", "### END SOLUTION"))
               for c in source.cells if _is_answer(c)}
    correct = copy.deepcopy(release)
    for cell in correct.cells:
        if _is_answer(cell):
            cell.source = answers[_meta(cell)["grade_id"]]
    return source, release, correct, answers


@pytest.fixture(scope="module")
def neurons():
    return _load(MODULE, NAME)


@pytest.fixture(scope="module")
def welcome():
    return _load("00_welcome", "00_welcome.ipynb")


def _ids(nb, kind) -> list[str]:
    return [_meta(c)["grade_id"] for c in nb.cells if kind(c)]


def _index(nb, grade_id: str) -> int:
    (i,) = [i for i, c in enumerate(nb.cells) if _meta(c).get("grade_id") == grade_id]
    return i


def _check_restored(fixed, source, release):
    """What every realigned notebook must be: the course's test cells (with hidden tests),
    the release's metadata, each test after its answer, all code cells without outputs."""
    nb = fixed.notebook
    source_tests = {_meta(c)["grade_id"]: c.source for c in source.cells if _is_test(c)}
    release_meta = {_meta(c)["grade_id"]: c.metadata["nbgrader"] for c in release.cells if _meta(c)}
    assert _ids(nb, _is_test) == _ids(release, _is_test)
    assert _ids(nb, _is_answer) == _ids(release, _is_answer)
    for cell in nb.cells:
        if _meta(cell):
            assert cell.cell_type == "code"
            assert cell.metadata["nbgrader"] == release_meta[_meta(cell)["grade_id"]]
        if _is_test(cell):
            assert cell.source == source_tests[_meta(cell)["grade_id"]]
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None
    assert any("### BEGIN HIDDEN TESTS" in c.source for c in nb.cells if _is_test(c))
    # each test cell runs after its answer cell
    order = [(_meta(c)["grade_id"], i) for i, c in enumerate(nb.cells) if _meta(c)]
    seen = set()
    for gid, _ in order:
        if gid.endswith("_tests"):
            assert gid[: -len("_tests")] in seen or gid[: -len("_tests")] not in release_meta, gid
        seen.add(gid)
    points = sum(float(m.get("points") or 0) for m in release_meta.values())
    assert sum(float(_meta(c).get("points") or 0) for c in nb.cells) == points


def _answer_source(fixed, grade_id: str) -> str:
    nb = fixed.notebook
    return nb.cells[_index(nb, grade_id)].source


# -- intact notebooks ----------------------------------------------------------------

@pytest.mark.parametrize("which", ["neurons", "welcome"])
def test_intact_notebooks_need_no_repair(which, request):
    source, release, correct, answers = request.getfixturevalue(which)
    for learner in (correct, release):
        fixed = realign(learner, release, source)
        assert fixed.notes == []
        _check_restored(fixed, source, release)
        assert len(fixed.notebook.cells) == len(release.cells)
    fixed = realign(correct, release, source)
    for gid, text in answers.items():
        assert _answer_source(fixed, gid) == text


def test_realign_does_not_modify_its_input(neurons):
    source, release, correct, _ = neurons
    before = json.dumps(correct, sort_keys=True)
    damaged = copy.deepcopy(correct)
    del damaged.cells[_index(damaged, "01_softmax_tests")]
    snapshot = json.dumps(damaged, sort_keys=True)
    realign(damaged, release, source)
    assert json.dumps(damaged, sort_keys=True) == snapshot and json.dumps(correct, sort_keys=True) == before


# -- each kind of damage -----------------------------------------------------------------

def test_duplicated_answer_keeps_the_worked_copy(neurons):
    source, release, correct, answers = neurons
    nb = copy.deepcopy(correct)
    i = _index(nb, "01_softmax")
    stub = copy.deepcopy(release.cells[i])
    nb.cells.insert(i + 1, stub)           # worked copy, then an untouched stub below it
    fixed = realign(nb, release, source)
    assert _answer_source(fixed, "01_softmax") == answers["01_softmax"]
    assert any("01_softmax: the answer cell appears 2 times" in n for n in fixed.notes)
    _check_restored(fixed, source, release)


def test_two_worked_copies_grade_the_last(neurons):
    source, release, correct, answers = neurons
    nb = copy.deepcopy(correct)
    i = _index(nb, "01_softmax")
    first = copy.deepcopy(nb.cells[i])
    first.source = first.source + "\n# an earlier attempt"
    nb.cells.insert(i, first)
    fixed = realign(nb, release, source)
    assert _answer_source(fixed, "01_softmax") == answers["01_softmax"]
    assert any("appears 2 times; graded the last one" in n for n in fixed.notes)


def test_duplicated_test_cell_runs_once(neurons):
    source, release, correct, _ = neurons
    nb = copy.deepcopy(correct)
    i = _index(nb, "01_derivatives_tests")
    nb.cells.insert(i + 1, copy.deepcopy(nb.cells[i]))
    nb.cells[i + 1].id = "copy-of-test"
    fixed = realign(nb, release, source)
    _check_restored(fixed, source, release)
    # the copy is kept as an ordinary cell (no grading metadata), not as a second graded test
    assert _ids(fixed.notebook, _is_test).count("01_derivatives_tests") == 1


@pytest.mark.parametrize("deleted", [["01_softmax_tests"], ["01_activations_tests", "01_softmax_tests",
                                                            "01_derivatives_tests", "01_collapse_linear_tests"]])
def test_deleted_test_cells_are_restored_with_hidden_tests(neurons, deleted):
    source, release, correct, answers = neurons
    nb = copy.deepcopy(correct)
    nb.cells = [c for c in nb.cells if _meta(c).get("grade_id") not in deleted]
    fixed = realign(nb, release, source)
    _check_restored(fixed, source, release)
    for gid in deleted:
        assert f"{gid}: the test cell was missing; restored it" in fixed.notes
        out = fixed.notebook
        assert _index(out, gid) == _index(out, gid[: -len("_tests")]) + 1  # right after its answer
    assert "### BEGIN HIDDEN TESTS" in fixed.notebook.cells[_index(fixed.notebook, deleted[0])].source
    for gid, text in answers.items():
        assert _answer_source(fixed, gid) == text


def test_deleted_answer_is_graded_as_not_answered(neurons):
    source, release, correct, answers = neurons
    nb = copy.deepcopy(correct)
    del nb.cells[_index(nb, "01_derivatives")]
    fixed = realign(nb, release, source)
    assert any(n.startswith("01_derivatives: no answer cell found") for n in fixed.notes)
    _check_restored(fixed, source, release)
    assert "raise NotImplementedError()" in _answer_source(fixed, "01_derivatives")  # the stub, so it fails
    assert _answer_source(fixed, "01_softmax") == answers["01_softmax"]


# An answer cell whose given lines are all rewritten is still the learner's answer: found
# by its grade_id, or (metadata stripped) by its place between the course's cells; it is
# graded and shown as written, and no note says it was not answered.
REWRITTEN = {
    # the learner deletes the template's (three-line) docstring
    "docstring": ("03_cnn", "03_spectra_1d_cnn.ipynb", "03_align",
                  lambda answer: "\n".join(ln for ln in answer.splitlines() if not ln.startswith("    \"\"\"")
                                           and "largest dot product" not in ln and "Returns (X_aligned" not in ln)),
    # the learner replaces the placeholder lines (trained_model = None, history = None)
    "placeholders": ("01_fundamentals", "04_first_keras_model.ipynb", "01_train_digits",
                     lambda answer: "\n".join(ln for ln in answer.splitlines() if "= None" not in ln)),
}


@pytest.mark.parametrize("metadata", ["kept", "stripped"])
@pytest.mark.parametrize("case", sorted(REWRITTEN))
def test_answer_with_every_given_line_rewritten_is_graded_as_written(case, metadata):
    module, name, gid, rewrite = REWRITTEN[case]
    source, release, correct, answers = _load(module, name)
    nb = copy.deepcopy(correct)
    i = _index(nb, gid)
    mine = rewrite(answers[gid])
    nb.cells[i].source = mine
    given = release.cells[_index(release, gid)]
    assert realign_mod._answer_score(given, nb.cells[i]) < realign_mod.MATCH_THRESHOLD  # not found by its lines
    if metadata == "stripped":
        for cell in nb.cells:
            cell.metadata.pop("nbgrader", None)
    fixed = realign(nb, release, source)
    _check_restored(fixed, source, release)
    assert not any(n.startswith(f"{gid}: no answer cell found") for n in fixed.notes), fixed.notes
    assert not any("not answered" in n for n in fixed.notes)
    assert _answer_source(fixed, gid) == mine                       # graded and shown: the learner's code
    assert not any(c.source == release.cells[_index(release, gid)].source for c in fixed.notebook.cells)
    assert sum(c.source == mine for c in fixed.notebook.cells) == 1  # not also kept as a plain cell
    for other, text in answers.items():
        if other != gid:
            assert _answer_source(fixed, other) == text


def test_deleted_answer_is_not_found_in_a_neighbouring_cell(neurons):
    """With the answer deleted, the cells around it are the course's own: nothing to take for it."""
    source, release, correct, _ = neurons
    nb = copy.deepcopy(correct)
    del nb.cells[_index(nb, "01_derivatives")]
    for cell in nb.cells:
        cell.metadata.pop("nbgrader", None)
    fixed = realign(nb, release, source)
    assert any(n.startswith("01_derivatives: no answer cell found") for n in fixed.notes)
    assert "raise NotImplementedError()" in _answer_source(fixed, "01_derivatives")


def test_test_cell_moved_above_its_answer_runs_after_it(neurons):
    source, release, correct, _ = neurons
    nb = copy.deepcopy(correct)
    i, t = _index(nb, "01_softmax"), _index(nb, "01_softmax_tests")
    nb.cells[i], nb.cells[t] = nb.cells[t], nb.cells[i]
    fixed = realign(nb, release, source)
    out = fixed.notebook
    assert _index(out, "01_softmax_tests") > _index(out, "01_softmax")
    _check_restored(fixed, source, release)


def test_answer_moved_to_the_end_takes_its_test_along(neurons):
    source, release, correct, answers = neurons
    nb = copy.deepcopy(correct)
    moved = nb.cells.pop(_index(nb, "01_activations"))
    nb.cells.append(moved)
    fixed = realign(nb, release, source)
    out = fixed.notebook
    assert _index(out, "01_activations_tests") > _index(out, "01_activations") == len(out.cells) - 2
    assert _answer_source(fixed, "01_activations") == answers["01_activations"]


def test_answer_turned_into_markdown_is_graded_as_code(neurons):
    source, release, correct, answers = neurons
    nb = copy.deepcopy(correct)
    i = _index(nb, "01_collapse_linear")
    nb.cells[i] = nbformat.v4.new_markdown_cell(nb.cells[i].source, metadata=copy.deepcopy(nb.cells[i].metadata))
    fixed = realign(nb, release, source)
    assert "01_collapse_linear: the answer cell had been changed to markdown; graded it as code" in fixed.notes
    assert _answer_source(fixed, "01_collapse_linear") == answers["01_collapse_linear"]
    _check_restored(fixed, source, release)


@pytest.mark.parametrize("edit", ["pass", "", "# tests removed\nprint('all good')"])
def test_edited_test_cells_are_replaced_by_the_source(neurons, edit):
    source, release, correct, _ = neurons
    nb = copy.deepcopy(correct)
    for cell in nb.cells:
        if _is_test(cell):
            cell.source = edit
    fixed = realign(nb, release, source)
    _check_restored(fixed, source, release)
    for gid in _ids(release, _is_test):
        # an emptied cell cannot be told from a deleted one; either way it is restored and said
        assert (f"{gid}: the test cell had been edited; used the original" in fixed.notes
                or f"{gid}: the test cell was missing; restored it" in fixed.notes)


def test_stripped_metadata_colab(neurons):
    source, release, correct, answers = neurons
    nb = copy.deepcopy(correct)
    for k, cell in enumerate(nb.cells):
        cell.metadata = {"id": f"colab-{k}", "colab": {"base_uri": "https://localhost:8080/"}}
    nb.metadata = {"colab": {"provenance": []}}
    fixed = realign(nb, release, source)
    _check_restored(fixed, source, release)
    for gid, text in answers.items():
        assert _answer_source(fixed, gid) == text
        assert f"{gid}: the answer cell's grading metadata was missing or changed; found it by its content" in fixed.notes
    assert fixed.notebook.metadata == release.metadata


def test_swapped_and_renamed_grade_ids(neurons):
    source, release, correct, answers = neurons
    nb = copy.deepcopy(correct)
    a, b = _index(nb, "01_activations"), _index(nb, "01_softmax")
    nb.cells[a].metadata["nbgrader"]["grade_id"], nb.cells[b].metadata["nbgrader"]["grade_id"] = "01_softmax", "01_activations"
    nb.cells[_index(nb, "01_derivatives_tests")].metadata["nbgrader"]["grade_id"] = "renamed"
    nb.cells[_index(nb, "01_softmax_tests")].metadata["nbgrader"]["points"] = 1000
    fixed = realign(nb, release, source)
    _check_restored(fixed, source, release)  # points as released, not 1000
    for gid, text in answers.items():
        assert _answer_source(fixed, gid) == text


def test_learner_cannot_add_graded_cells(neurons):
    source, release, correct, _ = neurons
    nb = copy.deepcopy(correct)
    bonus = nbformat.v4.new_code_cell("pass", metadata={"nbgrader": {
        "grade": True, "solution": False, "grade_id": "bonus_tests", "points": 100, "locked": True,
        "schema_version": 3}})
    fake_answer = nbformat.v4.new_code_cell("x = 1", metadata={"nbgrader": {
        "grade": False, "solution": True, "grade_id": "bonus", "schema_version": 3}})
    nb.cells[5:5] = [fake_answer, bonus]
    fixed = realign(nb, release, source)
    _check_restored(fixed, source, release)
    assert [c.source for c in fixed.notebook.cells if c.source in ("pass", "x = 1")] == ["x = 1", "pass"]


def test_deleted_setup_code_is_restored_in_place(neurons):
    source, release, correct, _ = neurons
    nb = copy.deepcopy(correct)
    imports = next(i for i, c in enumerate(nb.cells) if c.cell_type == "code" and c.source.startswith("import numpy as np"))
    del nb.cells[imports]
    fixed = realign(nb, release, source)
    assert any(n.startswith('restored a deleted code cell of the notebook ("import numpy as np')
               for n in fixed.notes)
    out = fixed.notebook
    restored = next(i for i, c in enumerate(out.cells) if c.source.startswith("import numpy as np"))
    assert restored < _index(out, "01_activations")
    _check_restored(fixed, source, release)


def test_learner_cells_kept_in_their_order_and_outputs_dropped(neurons):
    source, release, correct, _ = neurons
    nb = copy.deepcopy(correct)
    mine = nbformat.v4.new_code_cell("print('trying things out')")
    mine.outputs = [nbformat.v4.new_output("stream", name="stdout", text="trying things out\n")]
    mine.execution_count = 7
    i = _index(nb, "01_softmax")
    nb.cells.insert(i, mine)
    nb.cells[i + 1].outputs = [nbformat.v4.new_output("stream", name="stdout", text="fake pass\n")]
    fixed = realign(nb, release, source)
    out = fixed.notebook
    j = next(k for k, c in enumerate(out.cells) if c.source == "print('trying things out')")
    assert j == _index(out, "01_softmax") - 1
    _check_restored(fixed, source, release)


def test_many_kinds_at_once_on_00_welcome(welcome):
    source, release, correct, answers = welcome
    nb = copy.deepcopy(correct)
    i1, t1, i2, t2 = (_index(nb, g) for g in ("00_unit_range", "00_unit_range_tests",
                                                "00_count_parameters", "00_count_parameters_tests"))
    nb.cells[t2].source = "pass"                                   # test 2 edited
    nb.cells[i2], nb.cells[t2] = nb.cells[t2], nb.cells[i2]         # ... and moved above its answer
    nb.cells[i1] = nbformat.v4.new_markdown_cell(nb.cells[i1].source)  # answer 1: markdown, no metadata
    del nb.cells[t1]                                                # test 1 deleted
    fixed = realign(nb, release, source)
    _check_restored(fixed, source, release)
    assert _answer_source(fixed, "00_unit_range") == answers["00_unit_range"]
    assert _answer_source(fixed, "00_count_parameters") == answers["00_count_parameters"]
    notes = " | ".join(fixed.notes)
    for text in ("00_unit_range: the answer cell had been changed to markdown",
                 "00_unit_range: the answer cell's grading metadata was missing",
                 "00_unit_range_tests: the test cell was missing; restored it",
                 "00_count_parameters_tests: the test cell had been edited; used the original"):
        assert text in notes


# -- reading files --------------------------------------------------------------------

def _text(nb) -> str:
    return nbformat.writes(nb)


@pytest.mark.parametrize("data, message", [
    (b"", "the file is empty"),
    (b"  \n\t\n", "the file is empty"),
    (b"\xff\xfe\xfa\x00binary", "the file is not text"),
    (b"hello world", "not valid notebook JSON"),
    (b'{"cells": [,],\n "metadata": {}, "nbformat": 4, "nbformat_minor": 5}', "not valid notebook JSON (line 1"),
    (b"[1, 2, 3]", "JSON but not a Jupyter notebook"),
    (b'{"name": "x"}', "JSON but not a Jupyter notebook"),
    (b'{"cells": "none"}', "JSON but not a Jupyter notebook"),
    (b'{"cells": [], "nbformat": 99}', "the notebook could not be read"),
])
def test_read_submission_errors(data, message):
    with pytest.raises(SubmissionError) as err:
        read_submission(data)
    assert message in str(err.value)


@pytest.mark.parametrize("fraction", [0.1, 0.5, 0.9, 0.999])
def test_truncated_upload_is_named_as_such(neurons, fraction):
    text = _text(neurons[2])
    with pytest.raises(SubmissionError) as err:
        read_submission(text[: int(len(text) * fraction)].encode())
    assert "the file ends too early (truncated upload?)" in str(err.value)


def test_read_submission_accepts_what_editors_write(neurons):
    _, release, correct, _ = neurons
    text = _text(correct)
    assert len(read_submission(codecs.BOM_UTF8 + text.encode()).cells) == len(correct.cells)  # Windows BOM
    assert len(read_submission(text).cells) == len(correct.cells)                              # str
    raw = json.loads(text)
    assert isinstance(raw["cells"][5]["source"], list)  # lists of lines, as on disk
    raw["cells"][0].pop("metadata")
    nb = read_submission(json.dumps(raw).encode())
    assert nb.cells[0].metadata == {} and isinstance(nb.cells[5].source, str)
    assert nb.cells[5].source == correct.cells[5].source


def test_read_submission_upgrades_nbformat_3():
    v3 = {"nbformat": 3, "nbformat_minor": 0, "metadata": {"name": ""},
          "worksheets": [{"cells": [{"cell_type": "code", "input": "x = 1", "language": "python",
                                     "outputs": [], "metadata": {}}], "metadata": {}}]}
    nb = read_submission(json.dumps(v3))
    assert nb.nbformat == 4 and nb.cells[0].source == "x = 1"


# -- which notebook is this? ------------------------------------------------------------

def test_identify_by_content():
    releases = {p.name: nbformat.read(p, as_version=4) for p in sorted((ROOT / "modules" / MODULE).glob("*.ipynb"))}
    assert len(releases) >= 3
    for name in releases:
        _, release, correct, _ = _load(MODULE, name)
        assert identify(release, releases) == name
        assert identify(correct, releases) == name
        stripped = copy.deepcopy(correct)
        for cell in stripped.cells:
            cell.metadata = {}
        assert identify(stripped, releases) == name
    other = nbformat.read(ROOT / "modules" / "00_welcome" / "00_welcome.ipynb", as_version=4)
    assert identify(other, releases) is None
    assert identify(nbformat.v4.new_notebook(), releases) is None


# -- bounded work per submission (held-out attack batch) -------------------------------------

@pytest.mark.parametrize("shape", ["objects", "lists"])
def test_deeply_nested_json_is_a_plain_submission_error(shape):
    import time

    inner = ('{"a": ' * 100_000 + "1" + "}" * 100_000) if shape == "objects" else ("[" * 100_000 + "]" * 100_000)
    data = '{"cells": [], "metadata": {"x": ' + inner + '}, "nbformat": 4, "nbformat_minor": 5}'
    t0 = time.process_time()  # CPU time: independent of machine load
    with pytest.raises(SubmissionError) as err:   # not a RecursionError
        read_submission(data.encode())
    assert time.process_time() - t0 < 5
    assert "nested" in str(err.value)
    moderate = '{"cells": [], "metadata": {"x": ' + "[" * 500 + "]" * 500 + '}, "nbformat": 4, "nbformat_minor": 5}'
    with pytest.raises(SubmissionError, match="nested"):  # deep enough to break later steps, not json
        read_submission(moderate)


def test_too_many_cells_or_too_much_source_is_refused_quickly(welcome):
    import time

    from course_lib.grading import realign as ra

    cell = {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": "x = 1"}
    data = json.dumps({"cells": [cell] * 100_000, "metadata": {}, "nbformat": 4, "nbformat_minor": 5})
    t0 = time.process_time()   # CPU time: "quickly" must not depend on how busy the machine is
    with pytest.raises(SubmissionError, match=r"too large: 100000 cells"):
        read_submission(data.encode())
    assert time.process_time() - t0 < 5
    big = dict(cell, source="x" * (ra.MAX_SOURCE_CHARS + 1))
    with pytest.raises(SubmissionError, match="too large: .* MB of source text"):
        read_submission(json.dumps({"cells": [big], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    with pytest.raises(SubmissionError, match="too large"):
        read_submission(b" " * (ra.MAX_NOTEBOOK_BYTES + 1))
    with pytest.raises(SubmissionError, match="not valid notebook JSON"):  # more digits than Python converts
        read_submission('{"cells": [], "metadata": {"n": ' + "1" * 5000 + "}}")
    # realign refuses them too (a notebook that did not come through read_submission)
    source, release, _, _ = welcome
    many = copy.deepcopy(release)
    many.cells = [nbformat.v4.new_code_cell("x = 1") for _ in range(ra.MAX_CELLS + 1)]
    with pytest.raises(SubmissionError, match=rf"too large: {ra.MAX_CELLS + 1} cells; the course's notebook has "
                                              rf"{len(release.cells)}"):
        realign(many, release, source)


@pytest.mark.parametrize("kind", ["edited", "shuffled"])
def test_realign_of_2000_cells_stays_fast(welcome, kind):
    """Realignment compares course cells with learner cells: 2,000 look-alike cells
    (the course's code cells deleted, so every search runs) must not make it quadratic."""
    import random
    import time

    source, release, correct, _ = welcome
    rnd = random.Random(0)
    code = [c.source for c in release.cells if c.cell_type == "code" and not _meta(c)] + \
           [c.source for c in release.cells if _is_test(c)]
    kept = [c for c in correct.cells if c.cell_type != "code" or _is_answer(c)]
    extra = []
    while len(kept) + len(extra) < 2000:
        text = rnd.choice(code)
        if kind == "edited":
            k = rnd.randrange(len(text))
            text = text[:k] + "#" + text[k + 1:]
        else:
            chars = list(text)
            rnd.shuffle(chars)
            text = "".join(chars)
        extra.append(nbformat.v4.new_code_cell(text))
    learner = copy.deepcopy(correct)
    learner.cells = extra[:1000] + kept + extra[1000:]
    t0 = time.process_time()  # CPU time: independent of machine load
    fixed = realign(learner, release, source)
    assert time.process_time() - t0 < 6  # ~0.5 s here; the unbounded search took 9-14 s
    _check_restored(fixed, source, release)
