"""Every exercise is fair: it accepts correct answers written differently from ours,
rejects plausible wrong ones, and is graded on its own.

Each solution notebook executes once, in-process, in fast mode. At each exercise
its test cells (hidden tests included) are graded as ``course grade`` grades them
(the check helpers record what the answer produced; the trusted judge compares
those records with our solution's) against:

- our own solution (must pass);
- the answer variants in ``tests/variants/<module>/<notebook>.py`` (the path
  names the notebook)::

      VARIANTS = {
          "<grade_id of the solution cell>": {
              "correct": {"<how it differs>": "<code>", ...},   # must pass
              "wrong":   {"<the mistake>":    "<code>", ...},   # must fail
          },
      }

- our solution with every name an EARLIER exercise's answer defines replaced by a
  function raising NotImplementedError (what the untouched student notebook has):
  it must still pass, so a learner who skipped an earlier exercise loses only that
  exercise's points. Test cells achieve this by lending correct versions
  (``with lend(...)``, see CONTRIBUTING.md); exercises chained by design are listed
  in ``course_lib/module_rules.py``.
"""
from __future__ import annotations

import ast
import importlib.util
from pathlib import Path

import nbformat
import pytest

from course_lib import module_rules, nbcells
from notebook_runner import reference_for, run_tests, walk

ROOT = Path(__file__).resolve().parent.parent
VARIANT_DIR = Path(__file__).resolve().parent / "variants"


def _answers(path: Path) -> dict[str, str]:
    nb = nbformat.read(path, as_version=4)
    return {nbcells.grade_id(c): c.source for c in nb.cells if c.cell_type == "code" and nbcells.is_answer(c)}


def _variants(path: Path) -> dict:
    vf = VARIANT_DIR / path.parent.name / (path.stem + ".py")
    if not vf.exists():
        return {}
    spec = importlib.util.spec_from_file_location(f"variants_{path.parent.name}_{path.stem}", vf)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.VARIANTS


def _defined_names(source: str) -> set[str]:
    lines = [ln for ln in source.splitlines() if not ln.lstrip().startswith(("%", "!"))]
    names = set()
    for node in ast.parse("\n".join(lines)).body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names.update(n.id for t in node.targets for n in ast.walk(t) if isinstance(n, ast.Name))
    return names


def _unwritten(name: str):
    def stub(*args, **kwargs):
        raise NotImplementedError()
    stub.__name__ = name
    return stub


NOTEBOOKS = [p for p in sorted((ROOT / "solutions").glob("*/*.ipynb")) if _answers(p)]


def test_every_variant_file_names_a_notebook():
    for vf in sorted(VARIANT_DIR.rglob("*.py")):
        nb = ROOT / "solutions" / vf.parent.name / (vf.stem + ".ipynb")
        assert nb.exists(), f"{vf.relative_to(ROOT)} names no notebook ({nb.relative_to(ROOT)} does not exist)"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT / "solutions")))
def test_exercises(path, monkeypatch):
    monkeypatch.setenv("COURSE_FAST", "1")
    answers, variants = _answers(path), _variants(path)
    unknown = set(variants) - set(answers)
    assert not unknown, f"variants for grade_ids not in {path.name}: {sorted(unknown)}"
    missing = set(answers) - set(variants)
    assert not missing, (f"{path.name}: no answer variants for {sorted(missing)}; add them to "
                         f"tests/variants/{path.parent.name}/{path.stem}.py")
    chained = module_rules.chained()
    earlier: list[str] = []
    problems: list[str] = []

    def on_exercise(ns, ex):
        assert ex.tests, f"{ex.grade_id}: no test cell follows the exercise"
        reference = reference_for(ns, ex)   # our solution's records, once per exercise
        res = run_tests(ns, ex, ex.solution, reference)
        if not res.passed:
            problems.append(f"{ex.grade_id}: the reference solution FAILED: {res.message}")
        spec = variants[ex.grade_id]
        for label, code in spec.get("correct", {}).items():
            res = run_tests(ns, ex, code, reference)
            if not res.passed:
                problems.append(f"{ex.grade_id}: correct variant '{label}' FAILED: {res.message}")
        for label, code in spec.get("wrong", {}).items():
            if run_tests(ns, ex, code, reference).passed:
                problems.append(f"{ex.grade_id}: wrong variant '{label}' PASSED the tests")
        if earlier and ex.grade_id not in chained:
            blanked = dict(ns)
            for gid in earlier:
                for name in _defined_names(answers[gid]):
                    blanked[name] = _unwritten(name)
            res = run_tests(blanked, ex, ex.solution, reference)
            if not res.passed:
                problems.append(f"{ex.grade_id} fails when {', '.join(earlier)} are not written: {res.message[:300]}")
        earlier.append(ex.grade_id)

    walk(path, {gid: {} for gid in answers}, on_exercise)
    assert not problems, "\n".join(problems)
