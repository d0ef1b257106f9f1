"""Notebook hygiene: ids, hidden tests, kernelspec, outputs, badges and set-up cells."""
import re
from pathlib import Path

import nbformat
import pytest

from course_lib import meta, module_rules, nbcells

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted((ROOT / "solutions").glob("*/*.ipynb"))
STUDENT = sorted((ROOT / "modules").glob("*/*.ipynb"))
ALL = SOURCES + STUDENT


def _rel(p):
    return str(p.relative_to(ROOT))


def _nb(p):
    return nbformat.read(p, as_version=4)


def _grade_cells(nb):
    return [c for c in nb.cells if nbcells.grade_id(c)]


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
            gid = nbcells.grade_id(c)
            assert re.fullmatch(r"[A-Za-z0-9_-]+", gid), f"{_rel(p)}: grade_id {gid!r} has odd characters"
            assert gid not in seen, f"grade_id {gid} in {_rel(p)} and {seen[gid]}"
            seen[gid] = _rel(p)


@pytest.mark.parametrize("path", SOURCES, ids=_rel)
def test_every_exercise_has_points_and_hidden_tests(path):
    cells = _nb(path).cells
    exercises = 0
    for i, c in enumerate(cells):
        if not nbcells.is_autograded_answer(c):
            continue
        gid = nbcells.grade_id(c)
        exercises += 1
        assert "### BEGIN SOLUTION" in c.source and "### END SOLUTION" in c.source, f"{gid}: no solution markers"
        tests = []
        for d in cells[i + 1:]:
            if nbcells.is_answer(d):
                break
            if nbcells.is_graded(d):
                tests.append(d)
        assert tests, f"{gid}: no graded test cell follows"
        for t in tests:
            tid = nbcells.grade_id(t)
            assert nbcells.points(t) > 0 and nbcells.meta(t).get("locked"), f"{tid}: needs points and a lock"
            assert "course_lib.checks" in t.source or "check_" in t.source, f"{tid}: use the check helpers"
        assert any("### BEGIN HIDDEN TESTS" in t.source for t in tests), f"{gid}: no hidden tests"
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
        if not nbcells.is_test(cell):
            continue
        tree = ast.parse(cell.source)
        imported = {a.asname or a.name for node in ast.walk(tree)
                    if isinstance(node, (ast.Import, ast.ImportFrom)) for a in node.names}
        called = {node.func.id for node in ast.walk(tree)
                  if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)}
        missing = sorted((called & helpers) - imported)
        assert not missing, f"{nbcells.grade_id(cell)}: uses {missing} without importing them in the cell"


# --- The notebook skeleton (CONTRIBUTING.md, "A notebook") -------------------------------

SETUP_TEXT = (
    "## Set-up\n\n"
    "Every notebook starts with the same cell. On Colab it installs the course's small helper library,\n"
    "`course_lib`; on your own machine `make lab` has installed it already and the cell only calls\n"
    "`setup()`. That function seeds every random number generator (so your results match the text),\n"
    "switches to **fast mode** when asked, sets readable plot defaults and prints one line about your\n"
    "environment."
)
TITLE = re.compile(r"# (\d\d) · \S.*")
SECTION = re.compile(r"## (\d+) · \S.*")
EXERCISE = re.compile(r"### Exercise (\d+) · `([A-Za-z_][A-Za-z0-9_]*)` \((\d+) points?\)")
PART = re.compile(r"# Part (\d+) · \S.*")


def _headings(nb):
    """(cell index, heading line) of every markdown heading outside code fences."""
    out = []
    for i, c in enumerate(nb.cells):
        if c.cell_type != "markdown":
            continue
        fenced = False
        for line in c.source.splitlines():
            if line.lstrip().startswith("```"):
                fenced = not fenced
            elif not fenced and re.match(r"#{1,6} ", line):
                out.append((i, line.rstrip()))
    return out


def _skeleton_problems(path) -> list[str]:
    nb = _nb(path)
    problems = []
    first = nb.cells[0].source.splitlines()
    m = TITLE.fullmatch(first[0]) if first else None
    if not m or m.group(1) != path.stem[:2]:
        problems.append(f"title must be '# {path.stem[:2]} · Title', not {first[:1]}")
    italic = [ln for ln in first if re.fullmatch(r"\*[^*].*[^*]\*", ln.strip())]
    if len(italic) != 1:
        problems.append(f"title cell needs exactly one italic summary line, has {len(italic)}")
    if nb.cells[1].cell_type != "markdown" or nb.cells[1].source.strip() != SETUP_TEXT:
        problems.append("cell 2 must be the shared set-up text (tests/test_hygiene.py SETUP_TEXT)")
    if nb.cells[2].cell_type != "code" or "setup()" not in nb.cells[2].source:
        problems.append("cell 3 must be the set-up cell")
    heads = [h for _, h in _headings(nb)[1:]]   # after the title
    level2 = [h for h in heads if h.startswith("## ")]
    if level2[:2] != ["## Set-up", "## Where we are"]:
        problems.append(f"the first sections must be '## Set-up', '## Where we are'; found {level2[:2]}")
    if not level2 or level2[-1] != "## Recap":
        problems.append(f"the last section must be '## Recap', found {level2[-1:]}")
    body = level2[2:-1]
    if body and not SECTION.fullmatch(body[0]):
        body = body[1:]   # one unnumbered motivation section may open the chapter
    numbers = []
    for h in body:
        s = SECTION.fullmatch(h)
        if not s:
            problems.append(f"section heading must be '## N · Title': {h!r}")
        else:
            numbers.append(int(s.group(1)))
    if numbers != list(range(1, len(numbers) + 1)):
        problems.append(f"sections must be numbered 1, 2, 3, ...; found {numbers}")
    parts = [int(PART.fullmatch(h).group(1)) for h in heads if PART.fullmatch(h)]
    if parts != list(range(1, len(parts) + 1)):
        problems.append(f"parts must be numbered 1, 2, ...; found {parts}")
    stray = [h for h in heads if h.startswith("# ") and not PART.fullmatch(h)]
    if stray:
        problems.append(f"a '# ' heading inside the notebook (only '# Part N · Title' is allowed): {stray}")
    problems += _exercise_heading_problems(nb)
    return problems


def _exercise_heading_problems(nb) -> list[str]:
    """Every answer cell sits under '### Exercise N · `name` (P points)': N counts from 1,
    `name` is what the answer cell defines, P the points of its test cells."""
    problems, expected_n = [], 1
    current = None   # (n, name, points) of the last exercise heading seen
    cells = nb.cells
    for i, c in enumerate(cells):
        if c.cell_type == "markdown":
            for line in c.source.splitlines():
                if line.startswith("### Exercise") or line.startswith("## Exercise"):
                    m = EXERCISE.fullmatch(line.rstrip())
                    if not m:
                        problems.append(f"exercise heading must be '### Exercise N · `name` (P points)': {line!r}")
                        current = None
                        continue
                    n, name, pts = int(m.group(1)), m.group(2), int(m.group(3))
                    if n != expected_n:
                        problems.append(f"exercise {name} is numbered {n}, expected {expected_n}")
                    expected_n = n + 1
                    current = (n, name, pts)
            continue
        if not nbcells.is_autograded_answer(c):
            continue
        gid = nbcells.grade_id(c)
        if current is None:
            problems.append(f"answer cell {gid} has no exercise heading above it")
            continue
        n, name, pts = current
        if not re.search(rf"(^|\n)\s*(def|class)\s+{name}\b|(^|\n){name}\s*=", c.source):
            problems.append(f"exercise {n} is headed `{name}` but answer cell {gid} does not define it")
        got = 0
        for d in cells[i + 1:]:
            if nbcells.is_autograded_answer(d):
                break
            if nbcells.is_graded(d):
                got += nbcells.points(d)
        if got != pts:
            problems.append(f"exercise {n} `{name}` says {pts} points, its test cells give {got:g}")
        current = None
    return problems


@pytest.mark.parametrize("path", SOURCES, ids=_rel)
def test_notebook_follows_the_skeleton(path):
    problems = _skeleton_problems(path)
    assert not problems, f"{_rel(path)}:\n  " + "\n  ".join(problems)
