"""A corpus of damaged and hostile submissions of ``00_welcome``, each with the grade it must get.

Built from the real notebooks: the *student* version (``modules/00_welcome``)
with the solution's answers pasted into the answer cells is the correct
submission; every other learner damages it the way editors, LMS exports and
people do, or attacks the grader. :func:`build_corpus` writes the files into a
folder shaped like an LMS export (a flat folder of files named after the
learner, plus a few per-learner folders) and returns, per learner id, what
``course grade`` must report (:class:`Expected`).

00_welcome has one notebook with two exercises of 2 points each:
``00_unit_range`` (tested by ``00_unit_range_tests``) and
``00_count_parameters`` (tested by ``00_count_parameters_tests``).

Used by tests/test_grade_batch.py; ``python tests/grading_corpus.py DEST``
writes the corpus for a manual ``course grade 00_welcome DEST`` run.
"""
from __future__ import annotations

import copy
import dataclasses
import json
import os
import shutil
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
MODULE = "00_welcome"
NOTEBOOK = "00_welcome.ipynb"
SOURCE = ROOT / "solutions" / MODULE / NOTEBOOK
RELEASE = ROOT / "modules" / MODULE / NOTEBOOK
EX1, EX2 = "00_unit_range", "00_count_parameters"
T1, T2 = EX1 + "_tests", EX2 + "_tests"
MAX_SCORE = 4.0

# A file a hostile submission tries to leave behind outside its scratch folder.
ESCAPE_FILE_NAME = "course-grading-corpus-escape.txt"


@dataclasses.dataclass
class Expected:
    """What ``course grade`` must report for one learner."""

    score: float
    why: str                                     # the case, in words
    status: str | None = "ok"                    # exact status, or None: not checked
    exercises: dict | None = None                # test grade_id -> points, where it matters
    notes: tuple = ()                            # substrings, each found in some note
    flags: tuple = ()                            # substrings, each found in some review flag
    clean: bool = False                          # no review flags at all (honest code)
    max_score: float = MAX_SCORE


def make_course(dest: Path) -> Path:
    """A throw-away course root for ``grade(root=...)``: the config and this module's source only."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "nbgrader_config.py", dest / "nbgrader_config.py")
    shutil.copytree(ROOT / "solutions" / MODULE, dest / "solutions" / MODULE)
    return dest


# -- building blocks ------------------------------------------------------------

def _meta(cell) -> dict:
    return cell.metadata.get("nbgrader") or {}


def _index(nb, grade_id: str) -> int:
    return next(i for i, c in enumerate(nb.cells) if _meta(c).get("grade_id") == grade_id)


def _solution_answers() -> dict[str, str]:
    src = nbformat.read(SOURCE, as_version=4)
    return {_meta(c)["grade_id"]: "\n".join(ln for ln in c.source.splitlines()
                                           if ln.strip() not in ("### BEGIN SOLUTION", "### END SOLUTION"))
            for c in src.cells if _meta(c).get("solution")}


def _given(release, grade_id: str) -> list[str]:
    """The lines a learner was given in an answer cell (signature and docstring), not the stub."""
    cell = release.cells[_index(release, grade_id)]
    return [ln for ln in cell.source.splitlines()
            if ln.strip() not in ("# YOUR CODE HERE (replace the next line)", "raise NotImplementedError()")]


def answer(release, grade_id: str, body: str, before: str = "") -> str:
    """An answer cell: optional module-level code, the given signature and docstring, then ``body``."""
    body = "\n".join("    " + ln if ln.strip() else ln for ln in body.strip("\n").splitlines())
    return (before.strip("\n") + "\n\n" if before.strip() else "") + "\n".join(_given(release, grade_id)) + "\n" + body


def release_notebook():
    return nbformat.read(RELEASE, as_version=4)


def correct_notebook():
    """The student notebook with the solution's answers pasted in (4 / 4)."""
    nb = release_notebook()
    for gid, src in _solution_answers().items():
        nb.cells[_index(nb, gid)].source = src
    return nb


def _with(nb, **answers):
    nb = copy.deepcopy(nb)
    for gid, src in answers.items():
        nb.cells[_index(nb, gid)].source = src
    return nb


# Wrong answers. W1 has the right dtype and shape and only wrong values, so that
# check_close alone catches it (what monkeypatching check_close would hide).
W1 = "return np.asarray(images, dtype=np.float32) / np.float32(256.0)"
W2 = "return 7"
GOOD1 = "return np.asarray(images, dtype=np.float32) / np.float32(255.0)"
GOOD2 = "return int(sum(n_in * n_out + n_out for n_in, n_out in zip(layer_sizes[:-1], layer_sizes[1:])))"


def _write(nb, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)


def build_corpus(dest: Path, course_root: Path | None = None, gradebook: Path | None = None) -> dict[str, Expected]:
    """Write the corpus into ``dest`` (a flat LMS-style folder with a few learner folders).

    ``course_root`` is the course folder that will be graded (whose solutions a
    hostile submission tries to read); ``gradebook`` the SQLite file it tries to
    write. Returns ``{learner id: Expected}``; the ids are what
    :func:`course_lib.grading.submissions.collect` must derive from the names.
    """
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    course_root = Path(course_root or ROOT).resolve()
    gradebook = Path(gradebook) if gradebook else course_root / ".nbgrader" / "gradebook.db"
    rel = release_notebook()
    good = correct_notebook()
    good_text = nbformat.writes(good)
    i1, i2 = _index(rel, EX1), _index(rel, EX2)
    t1, t2 = _index(rel, T1), _index(rel, T2)
    corpus: dict[str, Expected] = {}

    def flat(learner_file: str, nb, expected: Expected, learner: str) -> None:
        _write(nb, dest / learner_file)
        corpus[learner] = expected

    def wrong_with_cell(code: str):
        """Wrong answers in both exercises, and ``code`` in a cell the learner added."""
        nb = _with(good, **{EX1: answer(rel, EX1, W1), EX2: answer(rel, EX2, W2)})
        nb.cells.insert(3, nbformat.v4.new_code_cell(code))
        return nb

    # -- the two references ------------------------------------------------------
    flat("Alice Smith_1001_assignsubmission_file_00_welcome.ipynb", good,
         Expected(4, "the correct submission (Moodle file name)", clean=True,
                  exercises={T1: 2, T2: 2}), "alice_smith_1001")
    flat("untouched_00_welcome.ipynb", rel,
         Expected(0, "the student notebook as released", exercises={T1: 0, T2: 0}, clean=True), "untouched")

    # -- unreadable files --------------------------------------------------------
    broken = good_text.replace('"cells": [', '"cells": [{,', 1)
    (dest / "corrupt_json_00_welcome.ipynb").write_text(broken)
    corpus["corrupt_json"] = Expected(0, "not valid JSON", status="unreadable", notes=("not valid notebook JSON",))
    (dest / "truncated_00_welcome.ipynb").write_text(good_text[: len(good_text) // 2])
    corpus["truncated"] = Expected(0, "upload cut in half", status="unreadable",
                                   notes=("ends too early (truncated upload?)",))
    (dest / "empty_00_welcome.ipynb").write_bytes(b"")
    corpus["empty"] = Expected(0, "empty file", status="unreadable", notes=("the file is empty",))

    # -- file names ------------------------------------------------------------------
    nb = copy.deepcopy(good)
    for k, cell in enumerate(nb.cells):                # what Colab leaves of the metadata
        cell.metadata = {"id": f"colab{k:04d}"}
    nb.metadata = {"colab": {"provenance": []}, "kernelspec": {"name": "python3", "display_name": "Python 3"}}
    _write(nb, dest / "renamed" / "Untitled1.ipynb")   # learner folder, file renamed
    corpus["renamed"] = Expected(4, "notebook renamed in the learner's folder, all nbgrader metadata stripped "
                                    "(Colab)", notes=("grading metadata was missing or changed",))
    (dest / "missing").mkdir()
    (dest / "missing" / "my answers.txt").write_text("I could not upload the notebook, sorry\n")
    corpus["missing"] = Expected(0, "learner folder without the notebook", notes=("not submitted",))

    # -- structural damage (one kind per exercise) ---------------------------------
    nb = copy.deepcopy(good)
    nb.cells[i2], nb.cells[t2] = nb.cells[t2], nb.cells[i2]   # test 2 above its answer
    stub = copy.deepcopy(rel.cells[i1])
    stub.id = "copied-stub"
    nb.cells[i1:i1] = [stub]                          # answer 1: the stub, then the worked copy
    twice = copy.deepcopy(nb.cells[_index(nb, T1)])
    twice.id = "copied-test"
    nb.cells.insert(_index(nb, T1) + 1, twice)        # test 1 twice
    flat("smithbob_LATE_2002_3003_00_welcome.ipynb", nb,   # Canvas's name for a late file
         Expected(4, "answer 1 and test 1 duplicated, test 2 moved above its answer (Canvas name, late)",
                  notes=("appears 2 times",)), "smithbob_2002_3003")

    nb = copy.deepcopy(good)
    del nb.cells[t2]
    del nb.cells[i1]
    flat("deleted_00_welcome.ipynb", nb,
         Expected(2, "answer 1 deleted (0), test 2 deleted (restored: 2)", exercises={T1: 0, T2: 2},
                  notes=(f"{EX1}: no answer cell found", f"{T2}: the test cell was missing; restored it")),
         "deleted")

    nb = copy.deepcopy(good)
    nb.cells[i1] = nbformat.v4.new_markdown_cell(nb.cells[i1].source, metadata=nb.cells[i1].metadata)
    nb.cells[i2].metadata["nbgrader"]["grade_id"] = EX1      # grade_ids confused and renamed,
    nb.cells[t1].metadata["nbgrader"]["grade_id"] = "my_tests"
    nb.cells[t2].metadata["nbgrader"]["points"] = 100        # points edited
    flat("edited_meta_00_welcome.ipynb", nb,
         Expected(4, "answer 1 turned into markdown, grade_ids swapped/renamed, points edited",
                  notes=(f"{EX1}: the answer cell had been changed to markdown",
                         f"{EX2}: the answer cell's grading metadata was missing or changed")), "edited_meta")

    # Answers that pass the visible tests but not the hidden ones, with the test
    # cells reduced to `pass`: restored tests (hidden part included) still fail
    # them. The first also prints more than the output cap before its tests
    # fail: the cut output must not take the test's error with it.
    nb = _with(good, **{
        EX1: answer(rel, EX1, "print('z' * 300_000)\n"
                              "return np.atleast_1d(np.asarray(images, dtype=np.float32) / np.float32(255.0))"),
        EX2: answer(rel, EX2, "if len(layer_sizes) < 2:\n    return 1\n" + GOOD2),
    })
    nb.cells[t1].source = "pass"
    nb.cells[t2].source = "pass"
    flat("tests_edited_00_welcome.ipynb", nb,
         Expected(0, "test cells edited to `pass`, answers pass only the visible tests (one prints 300 kB)",
                  exercises={T1: 0, T2: 0}, notes=("the test cell had been edited; used the original",)),
         "tests_edited")

    # -- code that fights the runner ---------------------------------------------
    flat("infinite_loop_00_welcome.ipynb", _with(good, **{EX2: answer(rel, EX2, (
            "if list(layer_sizes) == [1, 1, 1, 1]:   # only on a hidden test's input\n"
            "    while True:\n"
            "        pass\n" + GOOD2))}),
         Expected(2, "infinite loop in the function a (hidden) test calls", exercises={T1: 2, T2: 0},
                  notes=("ran longer than",)), "infinite_loop")
    flat("sigint_00_welcome.ipynb", _with(good, **{EX1: answer(rel, EX1, GOOD1, before=(
            "import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True:\n    pass"))}),
         Expected(2, "answer cell that ignores SIGINT and loops forever", exercises={T1: 0, T2: 2},
                  notes=("ran longer than",)), "sigint")
    flat("exits_00_welcome.ipynb", _with(good, **{
            EX1: answer(rel, EX1, GOOD1, before="import os\nos._exit(0)"),
            EX2: answer(rel, EX2, "raise SystemExit") + "\n\nimport sys\nsys.exit(0)  # the kernel lives on"}),
         Expected(0, "os._exit(0) in answer cell 1; `raise SystemExit` in the function test 2 calls, "
                     "sys.exit(0) after it", status="review",
                  exercises={T1: 0, T2: 0}, notes=("the kernel died",), flags=("uses os._exit",)), "exits")
    flat("memory_00_welcome.ipynb", _with(good, **{
            EX1: answer(rel, EX1, "x = bytearray(8 * 2**30)\n" + GOOD1),
            EX2: answer(rel, EX2, GOOD2, before="hog = []\nwhile True:\n    hog.append(b'x' * 50_000_000)")}),
         Expected(0, "8 GiB allocation in the function test 1 calls; ever-growing list in answer cell 2",
                  exercises={T1: 0, T2: 0}, notes=("memory",)), "memory")

    # -- honest noise: stderr and a flood of output, correct answers (Colab's "Copy of", a browser's " (1)")
    flat("noisy_Copy of 00_welcome (1).ipynb", _with(good, **{
            EX1: answer(rel, EX1, "import warnings\nwarnings.warn('about to divide')\n"
                                  "import sys\nsys.stderr.write('dividing...\\n')\n" + GOOD1),
            EX2: answer(rel, EX2, GOOD2, before="print('x' * 50_000_000)\nfor _ in range(2000):\n    print('y' * 1000)")}),
         Expected(4, "correct code that writes to stderr and prints 50 MB", clean=True,
                  exercises={T1: 2, T2: 2}), "noisy")

    # -- processes left behind -----------------------------------------------------
    nb = _with(good, **{
        EX1: answer(rel, EX1, GOOD1, before=(
            "import subprocess\n"
            "try:\n    subprocess.Popen(['sleep', '600'])\nexcept Exception as exc:\n    print('blocked:', exc)")),
        EX2: answer(rel, EX2, GOOD2, before=(
            "import os, time\n"
            "try:\n    if os.fork() == 0:\n        time.sleep(600)\n        os._exit(0)\n"
            "except Exception as exc:\n    print('blocked:', exc)"))})
    # ... and, in a cell it added (not an answer cell), an IPython AST transformer
    # that blanks every test cell. The answers here are right, so the score does
    # not depend on it (with wrong answers, see ast_blank below); the scan of
    # added cells flags it for review.
    nb.cells.insert(3, nbformat.v4.new_code_cell(
        "import ast\n"
        "class _Blank(ast.NodeTransformer):\n"
        "    def visit_Module(self, node):\n"
        "        if any(isinstance(n, ast.ImportFrom) and n.module == 'course_lib.checks' for n in node.body):\n"
        "            node.body = [ast.Pass()]\n"
        "        return node\n"
        "get_ipython().ast_transformers.append(_Blank())"))
    flat("processes_00_welcome.ipynb", nb,
         Expected(4, "starts `sleep 600` in the background and forks a child that stays; adds a cell that "
                     "installs an IPython AST transformer", status="review",
                  flags=("started a process", "forked the kernel", "cell 4: uses IPython's ast_transformers")),
         "processes")

    # -- cheating ------------------------------------------------------------------
    # Wrong answers with the helpers monkeypatched where the answer cell runs
    # (undone by the restore before each test cell) ...
    flat("patch_cell_00_welcome.ipynb", _with(good, **{
            EX1: answer(rel, EX1, W1, before=(
                "import course_lib.checks as c\n"
                "c.check_close = lambda *a, **k: None\n"
                "c.check_true = lambda *a, **k: None\n"
                "c._fail = lambda *a, **k: None")),
            EX2: answer(rel, EX2, W2, before=(
                "import numpy\nimport numpy.testing\n"
                "numpy.allclose = lambda *a, **k: True\n"
                "numpy.testing.assert_allclose = lambda *a, **k: None"))}),
         Expected(0, "monkeypatches course_lib.checks and np.allclose in the answer cells, wrong answers",
                  status="review", exercises={T1: 0, T2: 0},
                  flags=("changed course_lib.checks.check_close", "changed numpy.allclose", "monkeypatching")),
         "patch_cell")
    # ... and from inside the function the test calls (after that restore).
    flat("patch_inside_00_welcome.ipynb", _with(good, **{
            EX1: answer(rel, EX1, "import course_lib.checks as c\nc._fail = lambda *a, **k: None\n" + W1),
            EX2: answer(rel, EX2, "import numpy\nnumpy.allclose = lambda *a, **k: True\n" + W2)}),
         Expected(0, "monkeypatches course_lib.checks / np.allclose while the test runs, wrong answers",
                  status="review", exercises={T1: 0, T2: 0},
                  flags=("changed course_lib.checks._fail", "changed numpy.allclose",
                         "changed while a test cell ran")), "patch_inside")

    # Wrong answers, and a cell that changes how the kernel reads the test cells:
    # an AST transformer that turns each test cell into `pass` ...
    nb = wrong_with_cell(
        "import ast\n"
        "class _Blank(ast.NodeTransformer):\n"
        "    def visit_Module(self, node):\n"
        "        if any(isinstance(n, ast.ImportFrom) and n.module == 'course_lib.checks' for n in node.body):\n"
        "            node.body = [ast.Pass()]\n"
        "        return node\n"
        "get_ipython().ast_transformers.append(_Blank())")
    flat("ast_blank_00_welcome.ipynb", nb,
         Expected(0, "wrong answers; an added cell installs an AST transformer that blanks every test cell",
                  status="review", exercises={T1: 0, T2: 0},
                  flags=("uses IPython's ast_transformers", "changed IPython's ast_transformers")), "ast_blank")
    # ... and a text transformer that keeps a test cell's first line (the grader's
    # marker, if any), drops the rest, and removes itself once it has done so.
    nb = wrong_with_cell(
        "def _blank(lines):\n"
        "    if any('course_lib.checks' in line for line in lines):\n"
        "        return [lines[0], 'pass\\n']\n"
        "    return lines\n"
        "get_ipython().input_transformers_cleanup.append(_blank)")
    flat("text_blank_00_welcome.ipynb", nb,
         Expected(0, "wrong answers; an added cell installs an input transformer that empties every test cell",
                  status="review", exercises={T1: 0, T2: 0},
                  flags=("uses IPython's input transformers", "did not run as written")), "text_blank")

    # Wrong answers, and a cell that hides the failures instead: clears a test
    # cell's output (its error) after it ran, or stops IPython showing errors.
    nb = wrong_with_cell(
        "from IPython.display import clear_output\n"
        "def _wipe(result):\n"
        "    if result.error_in_exec is not None:\n"
        "        clear_output()\n"
        "        result.error_in_exec = None\n"
        "get_ipython().events.register('post_run_cell', _wipe)")
    flat("wiper_00_welcome.ipynb", nb,
         Expected(0, "wrong answers; an added cell clears each failing cell's error output afterwards",
                  status="review", exercises={T1: 0, T2: 0}, flags=("uses get_ipython()",)), "wiper")
    nb = wrong_with_cell(
        "ip = get_ipython()\n"
        "ip.showtraceback = lambda *a, **k: None\n"
        "type(ip).showtraceback = lambda *a, **k: None")
    flat("quiet_errors_00_welcome.ipynb", nb,
         Expected(0, "wrong answers; an added cell stops IPython from showing errors",
                  status="review", exercises={T1: 0, T2: 0}, flags=("uses get_ipython()",)), "quiet_errors")

    # Reads the solution notebook (relative paths, the graded course's, the
    # installed repository's) to run its answer; writes to the gradebook and /tmp.
    solution_paths = [f"../../solutions/{MODULE}/{NOTEBOOK}", f"../solutions/{MODULE}/{NOTEBOOK}",
                      str(course_root / "solutions" / MODULE / NOTEBOOK),
                      str(ROOT / "solutions" / MODULE / NOTEBOOK)]
    steal = (
        "import json\n"
        "_stolen = None\n"
        f"for _p in {solution_paths!r}:\n"
        "    try:\n"
        "        with open(_p) as _f:\n"
        "            _cells = json.load(_f)['cells']\n"
        "    except Exception as exc:\n"
        "        print('cannot read', _p, exc)\n"
        "        continue\n"
        "    for _c in _cells:\n"
        "        _s = ''.join(_c['source'])\n"
        "        if 'def to_unit_range' in _s:\n"
        "            _stolen = _s\n"
        "            break\n"
        "    if _stolen:\n"
        "        break")
    escape = Path(os.environ.get("TMPDIR", "/tmp")) / ESCAPE_FILE_NAME
    vandal = (
        f"for _p in [{str(gradebook)!r}, {str(escape)!r}, '/tmp/{ESCAPE_FILE_NAME}']:\n"
        "    try:\n"
        "        with open(_p, 'ab') as _f:\n"
        "            _f.write(b'was here')\n"
        "    except Exception as exc:\n"
        "        print('blocked:', exc)")
    flat("intruder_00_welcome.ipynb", _with(good, **{
            EX1: answer(rel, EX1, ("if _stolen:\n"
                                   "    ns = {'np': np}\n"
                                   "    exec(_stolen, ns)\n"
                                   "    return ns['to_unit_range'](images)\n" + W1), before=steal),
            EX2: answer(rel, EX2, GOOD2, before=vandal)}),
         Expected(2, "reads the solutions to run their answer (blocked: 0), writes to the gradebook and /tmp "
                     "(blocked, correct answer: 2)", status="review", exercises={T1: 0, T2: 2},
                  flags=(f"tried to open a protected file: {course_root / 'solutions'}",
                         f"tried to open a protected file: {ROOT / 'solutions'}",
                         "tried to open a protected file: " + str(gradebook),
                         "tried to write outside its scratch folder", "calls open()", "calls exec()")),
         "intruder")
    return corpus


def build_runaway(dest: Path) -> dict[str, Expected]:
    """One learner whose answer cell never ends and holds the GIL (a catastrophic regex, in C):
    only the batch's total time limit stops it, and its kernel must not outlive it."""
    rel = release_notebook()
    nb = _with(correct_notebook(), **{EX1: answer(rel, EX1, GOOD1, before=(
        "import re\nre.match(r'(a+)+$', 'a' * 64 + 'b')   # about 2**64 steps, without releasing the GIL"))})
    _write(nb, Path(dest) / "runaway_00_welcome.ipynb")
    return {"runaway": Expected(0, "never ends, holding the GIL", status="timeout",
                                notes=("stopped after the total time limit",))}


if __name__ == "__main__":  # python tests/grading_corpus.py DEST
    target = Path(sys.argv[1])
    for learner, exp in build_corpus(target).items():
        print(f"{learner:22s} {exp.score:3.0f}  {exp.why}")
    print(json.dumps(sorted(p.name for p in target.iterdir())))
