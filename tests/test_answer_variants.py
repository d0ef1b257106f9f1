"""Every exercise accepts correct answers written differently and rejects plausible wrong ones.

Variants live in ``tests/variants/*.py`` (any name) as::

    VARIANTS = {
        "<grade_id of the solution cell>": {
            "notebook": "<module>/<file name>.ipynb",   # under solutions/
            "correct": {"<how it differs>": "<code>", ...},
            "wrong":   {"<the mistake>":    "<code>", ...},
        },
    }

Each notebook runs once, in-process, in fast mode; at each exercise the
exercise's test cells (hidden tests included) run against every variant, graded
as ``course grade`` does: the check helpers record what the variant produced,
and the trusted judge compares those records with our solution's.
"""
from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest

from notebook_runner import reference_for, run_tests, walk

ROOT = Path(__file__).resolve().parent.parent
VARIANT_DIR = Path(__file__).resolve().parent / "variants"


def _load(module_file: Path) -> dict:
    spec = importlib.util.spec_from_file_location(module_file.stem, module_file)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.VARIANTS


def _cases():
    by_nb: dict = {}
    for vf in sorted(VARIANT_DIR.glob("*.py")):
        for gid, spec in _load(vf).items():
            assert gid not in by_nb.get(spec["notebook"], {}), f"{gid} has variants in two files"
            by_nb.setdefault(spec["notebook"], {})[gid] = spec
    for nb_name, variants in sorted(by_nb.items()):
        yield pytest.param(nb_name, variants, id=nb_name)


@pytest.mark.parametrize("nb_name, variants", list(_cases()))
def test_variants(nb_name, variants, monkeypatch):
    monkeypatch.setenv("COURSE_FAST", "1")
    path = ROOT / "solutions" / nb_name
    assert path.exists(), f"variants name a notebook that does not exist: {path}"
    problems, seen = [], set()

    def on_exercise(ns, ex):
        seen.add(ex.grade_id)
        assert ex.tests, f"{ex.grade_id}: no test cell follows the exercise"
        spec = variants[ex.grade_id]
        reference = reference_for(ns, ex)   # our solution's records, once per exercise
        for label, code in spec.get("correct", {}).items():
            res = run_tests(ns, ex, code, reference)
            if not res.passed:
                problems.append(f"{ex.grade_id}: correct variant '{label}' FAILED: {res.message}")
        for label, code in spec.get("wrong", {}).items():
            res = run_tests(ns, ex, code, reference)
            if res.passed:
                problems.append(f"{ex.grade_id}: wrong variant '{label}' PASSED the tests")
        # Our own solution must pass too.
        res = run_tests(ns, ex, ex.solution, reference)
        if not res.passed:
            problems.append(f"{ex.grade_id}: the reference solution FAILED: {res.message}")

    walk(path, variants, on_exercise)
    missing = set(variants) - seen
    assert not missing, f"variants for grade_ids not found in {nb_name}: {sorted(missing)}"
    assert not problems, "\n".join(problems)
