"""Notebook hygiene: ids, hidden tests, kernelspec, outputs, badges and set-up cells."""
import re
from pathlib import Path

import nbformat
import pytest

from course_lib import meta, module_rules

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted((ROOT / "solutions").glob("*/*.ipynb"))
STUDENT = sorted((ROOT / "modules").glob("*/*.ipynb"))
ALL = SOURCES + STUDENT


def _rel(p):
    return str(p.relative_to(ROOT))


def _nb(p):
    return nbformat.read(p, as_version=4)


def _grade_cells(nb):
    return [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id")]


def test_there_are_notebooks():
    assert SOURCES, "no notebooks in solutions/"
    assert {p.parent.name for p in SOURCES} == {p.parent.name for p in STUDENT}


def test_module_folders_are_numbered():
    for p in SOURCES:
        assert re.fullmatch(r"\d\d_[a-z0-9_]+", p.parent.name), p.parent.name
        assert re.fullmatch(r"\d\d_[a-z0-9_]+\.ipynb", p.name), p.name


def test_grade_ids_are_unique_across_the_course():
    seen = {}
    for p in SOURCES:
        for c in _grade_cells(_nb(p)):
            gid = c.metadata.nbgrader["grade_id"]
            assert re.fullmatch(r"[A-Za-z0-9_-]+", gid), f"{_rel(p)}: grade_id {gid!r} has odd characters"
            assert gid not in seen, f"grade_id {gid} in {_rel(p)} and {seen[gid]}"
            seen[gid] = _rel(p)


@pytest.mark.parametrize("path", SOURCES, ids=_rel)
def test_every_exercise_has_points_and_hidden_tests(path):
    cells = _nb(path).cells
    exercises = 0
    for i, c in enumerate(cells):
        m = c.metadata.get("nbgrader", {})
        if not (m.get("solution") and not m.get("grade")):
            continue
        exercises += 1
        assert "### BEGIN SOLUTION" in c.source and "### END SOLUTION" in c.source, f"{m['grade_id']}: no solution markers"
        tests = []
        for d in cells[i + 1:]:
            dm = d.metadata.get("nbgrader", {})
            if dm.get("solution"):
                break
            if dm.get("grade"):
                tests.append(d)
        assert tests, f"{m['grade_id']}: no graded test cell follows"
        for t in tests:
            tm = t.metadata.nbgrader
            assert tm.get("points", 0) > 0 and tm.get("locked"), f"{tm['grade_id']}: needs points and a lock"
            assert "course_lib.checks" in t.source or "check_" in t.source, f"{tm['grade_id']}: use the check helpers"
        assert any("### BEGIN HIDDEN TESTS" in t.source for t in tests), f"{m['grade_id']}: no hidden tests"
    if f"{path.parent.name}/{path.stem}" not in module_rules.ungraded():
        assert exercises >= 1, f"{_rel(path)} has no graded exercise (or list it in course_lib/module_rules.py)"


@pytest.mark.parametrize("path", ALL, ids=_rel)
def test_kernelspec_is_python3(path):
    ks = _nb(path).metadata.get("kernelspec", {})
    assert ks.get("name") == "python3" and ks.get("language") == "python"


@pytest.mark.parametrize("path", STUDENT, ids=_rel)
def test_student_notebooks_have_no_outputs_and_no_solutions(path):
    nb = _nb(path)
    for c in nb.cells:
        if c.cell_type == "code":
            assert not c.outputs and c.execution_count is None, f"{_rel(path)}: stored output"
        for marker in ("BEGIN SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS"):
            assert marker not in c.source, f"{_rel(path)}: leaks {marker}"


@pytest.mark.parametrize("path", ALL, ids=_rel)
def test_first_cell_has_title_badge_and_summary(path):
    first = _nb(path).cells[0]
    assert first.cell_type == "markdown" and first.source.startswith("# ")
    student_path = "modules/" + "/".join(path.parts[-2:])
    assert meta.colab_badge(student_path) in first.source, f"{_rel(path)}: badge must be {meta.colab_badge(student_path)}"
    assert re.search(r"^\*[^*].+\*$", first.source, re.M), f"{_rel(path)}: one-line italic summary missing"


def test_every_colab_badge_points_at_an_existing_notebook():
    prefix = f"https://colab.research.google.com/github/{meta.REPO_SLUG}/blob/{meta.BRANCH}/"
    pattern = re.compile(r"https://colab\.research\.google\.com/github/[^)\s]+")
    texts = [p.read_text() for p in ALL] + [(ROOT / "README.md").read_text()]
    links = {m for t in texts for m in pattern.findall(t)}
    assert links
    for link in links:
        assert link.startswith(prefix), f"badge for another repository or branch: {link}"
        target = ROOT / link[len(prefix):]
        assert target.is_file(), f"Colab badge points at a missing notebook: {link}"


@pytest.mark.parametrize("path", ALL, ids=_rel)
def test_setup_cell_installs_course_lib_only_on_colab(path):
    code = [c.source for c in _nb(path).cells if c.cell_type == "code"]
    setup = code[0]
    assert 'if "google.colab" in sys.modules:' in setup
    assert f'%pip install -q "{meta.pip_spec()}"' in setup
    assert "setup()" in setup


@pytest.mark.parametrize("path", SOURCES, ids=_rel)
def test_test_cells_import_the_check_helpers_they_use(path):
    """A test cell must not rely on an import from another cell: a grader may
    re-run it after a learner deleted or broke the cell that imported it."""
    import ast

    from course_lib import checks

    helpers = {n for n in dir(checks) if n.startswith("check_") or n == "passed"}
    for cell in _grade_cells(_nb(path)):
        meta_ = cell.metadata["nbgrader"]
        if not meta_.get("grade") or meta_.get("solution"):
            continue
        tree = ast.parse(cell.source)
        imported = {a.asname or a.name for node in ast.walk(tree)
                    if isinstance(node, (ast.Import, ast.ImportFrom)) for a in node.names}
        called = {node.func.id for node in ast.walk(tree)
                  if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)}
        missing = sorted((called & helpers) - imported)
        assert not missing, f"{meta_['grade_id']}: uses {missing} without importing them in the cell"
