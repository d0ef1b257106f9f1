"""The trusted side of differential grading: pair a learner's check records with the
reference's and decide each test cell.

A graded notebook runs twice (see :mod:`course_lib.checks`): once with our solution in
a trusted kernel (``COURSE_CHECK_MODE=reference``), once as the learner wrote it in the
sandbox (``record``). Each test cell leaves a list of records, one per check, as
display outputs of a private MIME type. Here, outside both kernels:

* check *i* of the learner is compared with check *i* of the reference, by the
  comparison function of its kind (``course_lib.checks.VERDICTS``), with the
  reference's expected value, tolerance, name and hint;
* a reference check with no learner counterpart (the learner's code raised, or the
  records were suppressed) fails, naming the check and the error;
* a test cell passes only if every reference check passed.

The learner's own outputs of a test cell are replaced by the verdict, so what the
feedback shows of a test comes from here, never from the learner's process.
"""
from __future__ import annotations

import dataclasses
import re
import nbformat

from .. import checks, nbcells, records

__all__ = ["Verdict", "take_records", "reference_from", "judge_cell", "judge_notebook", "is_test_cell"]

# Checks one test cell may make. Our own tests must stay below it (reference_from refuses one
# that reaches it): checks past the cap are never judged. 04_rnn's sampler test makes about
# 32,000 (thousands of draws, each a check); with a cap of 5,000 its hidden tests went unjudged.
MAX_RECORDS_PER_CELL = 100_000
MAX_RECORD_CHARS_PER_CELL = 96 << 20
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@dataclasses.dataclass
class Verdict:
    passed: bool
    message: str
    checks: int = 0


def is_test_cell(cell) -> bool:
    """A code cell that nbgrader scores and the learner does not write (see :mod:`course_lib.nbcells`)."""
    return cell.get("cell_type") == "code" and nbcells.is_test(cell)


def take_records(cell) -> list[str]:
    """Remove the check records from a cell's outputs and return their texts (bounded)."""
    found, kept, size = [], [], 0
    for out in cell.get("outputs", []):
        data = out.get("data") if out.get("output_type") in ("display_data", "execute_result") else None
        if not records.carries_records(data):
            kept.append(out)
            continue
        for mime in (records.MIME, records.BATCH_MIME):
            if mime not in data:
                continue
            text = data[mime]
            text = "".join(text) if isinstance(text, list) else text
            size += len(text) if isinstance(text, str) else 0
            if not isinstance(text, str) or size > MAX_RECORD_CHARS_PER_CELL:
                continue
            if mime == records.MIME:
                texts = [text]
            else:
                try:
                    texts = records.loads_batch(text)
                except records.RecordError:
                    texts = []  # unreadable: its checks count as missing, and fail
            found.extend(texts[:max(0, MAX_RECORDS_PER_CELL - len(found))])
    cell["outputs"] = kept
    return found


def _passed_text(cell) -> str:
    for out in cell.get("outputs", []):
        if out.get("output_type") == "stream" and out.get("name") == "stdout":
            lines = [ln for ln in out.get("text", "").splitlines() if ln.startswith("\u2714")]
            if lines:
                return lines[-1]
    return ""


def _error_of(cell) -> tuple[str, str] | None:
    for out in cell.get("outputs", []):
        if out.get("output_type") == "error":
            return str(out.get("ename", "Error")), str(out.get("evalue", ""))
    return None


def reference_from(executed_source) -> dict:
    """The reference records of every test cell of our solution notebook, executed with
    ``COURSE_CHECK_MODE=reference``: ``{grade_id: {"records": [...], "passed": text}}``.
    Raises if our own solution fails one of its tests (the course is broken, not the learner)."""
    out = {}
    for cell in executed_source.cells:
        if not is_test_cell(cell):
            continue
        cell = nbformat.from_dict(dict(cell))
        texts = take_records(cell)
        err = _error_of(cell)
        if err is not None:
            raise RuntimeError(f"our solution fails its own test {nbcells.grade_id(cell)}: {err[0]}: {err[1][:500]}")
        if len(texts) >= MAX_RECORDS_PER_CELL:
            raise RuntimeError(f"test {nbcells.grade_id(cell)} makes {MAX_RECORDS_PER_CELL:,} checks or more: the grader "
                               "reads no more than that, so the rest would never be judged; make fewer checks "
                               "(e.g. call the function directly in a loop and check the collected results once)")
        out[nbcells.grade_id(cell)] = {"records": texts, "passed": _passed_text(cell)}
    return out


def _clean(text: str, limit: int) -> str:
    text = _CONTROL.sub("?", text)
    return text if len(text) <= limit else text[:limit] + " ..."


def _what(ref_record: dict) -> str:
    ref = ref_record.get("ref") or {}
    label = ref.get("name") if ref_record.get("kind") != "true" else ref.get("message")
    return label if isinstance(label, str) else f"a {ref_record.get('kind')} check"


def _resolve(ref_record: dict) -> dict:
    """Reference fields as values, with "our solution's value here" filled in."""
    fields = {k: records.decode(v, trusted=True) for k, v in (ref_record.get("ref") or {}).items()
              if not (isinstance(v, dict) and v.get("$reference"))}
    for k, v in (ref_record.get("ref") or {}).items():
        if isinstance(v, dict) and v.get("$reference"):
            fields[k] = records.decode(ref_record.get("value"), trusted=True)
            fields[f"{k}_are_reference"] = True
    return fields


def _compare(learner_text: str, ref_record: dict) -> str | None:
    """None if the learner's check matches the reference's, else the message."""
    try:
        rec = records.loads(learner_text)
    except records.RecordError as exc:
        return f"The grader could not read the result of the check \u00ab{_what(ref_record)}\u00bb ({exc})."
    if rec.get("kind") != ref_record.get("kind"):
        return (f"This test took a different path with your code than with the course's solution: the check "
                f"\u00ab{_what(ref_record)}\u00bb should come here. Usually an earlier step of the test raised an "
                "error or returned something of another kind; run the test cell in your notebook to see.")
    verdict = checks.VERDICTS.get(ref_record["kind"])
    if verdict is None:
        return f"Unknown kind of check {ref_record['kind']!r}: the grader is older than the course."
    try:
        value = records.decode(rec.get("value"))
    except records.RecordError as exc:
        return f"The value checked by \u00ab{_what(ref_record)}\u00bb could not be read as plain data ({exc})."
    try:
        verdict(value, _resolve(ref_record))
    except checks.CheckFailed as exc:
        return str(exc)
    except Exception as exc:  # a value the comparison cannot handle: the learner's check fails, plainly
        return (f"The check \u00ab{_what(ref_record)}\u00bb could not compare your result "
                f"({type(exc).__name__}: {_clean(str(exc), 200)}).")
    return None


def judge_cell(learner: list[str], reference: dict, error: tuple[str, str] | None) -> Verdict:
    """Decide one test cell from the learner's records, the reference's and the learner
    cell's error (if it raised)."""
    ref_records = [records.loads(t, trusted=True) for t in reference.get("records", [])]
    if not ref_records:
        # A test cell without check helpers (plain asserts): only the learner's process
        # can tell, so its outcome there decides. The course's own cells always use helpers.
        if error is None:
            return Verdict(True, reference.get("passed") or "\u2714 passed.")
        return Verdict(False, _clean(f"{error[0]}: {error[1]}", 500))
    for i, ref in enumerate(ref_records):
        if i >= len(learner):
            why = f" with {error[0]}: {_clean(error[1], 300)}" if error else ""
            return Verdict(False, (f"The check \u00ab{_what(ref)}\u00bb did not run: the test stopped before it{why}.\n"
                                   "  hint:     your code raised an error while the test was running; run this test "
                                   "cell in your notebook to see where."), i)
        problem = _compare(learner[i], ref)
        if problem is not None:
            return Verdict(False, problem, i)
    return Verdict(True, reference.get("passed") or f"\u2714 all {len(ref_records)} checks passed.", len(ref_records))


def _verdict_outputs(verdict: Verdict) -> list:
    if verdict.passed:
        return [nbformat.v4.new_output("stream", name="stdout", text=verdict.message + "\n")]
    return [nbformat.v4.new_output("error", ename="CheckFailed", evalue=verdict.message,
                                   traceback=[f"CheckFailed: {verdict.message}"])]


def judge_notebook(nb, reference: dict) -> dict[str, Verdict]:
    """Judge every test cell of an executed learner notebook (in place: each test cell's
    outputs become its verdict) and strip check records from every other cell."""
    verdicts = {}
    for cell in nb.cells:
        if cell.get("cell_type") != "code":
            continue
        texts = take_records(cell)
        if not is_test_cell(cell):
            continue
        gid = nbcells.grade_id(cell)
        if gid not in reference:
            verdict = Verdict(False, "The grader has no reference for this test (the course changed?); not counted.")
        else:
            verdict = judge_cell(texts, reference[gid], _error_of(cell))
        cell["outputs"] = _verdict_outputs(verdict)
        verdicts[gid] = verdict
    return verdicts


def summary(verdicts: dict[str, Verdict]) -> str:
    return ", ".join(f"{gid}: {'ok' if v.passed else 'failed'}" for gid, v in verdicts.items())

