"""Rebuild a learner's notebook around the instructor source before grading.

Learners' notebooks arrive damaged in every way an editor allows: cells
duplicated, deleted, moved or turned into markdown, test cells edited, nbgrader
metadata stripped (Colab, VS Code and others drop it) or ``grade_id``s changed.
Plain nbgrader then misses answers or crashes. :func:`realign` finds each
answer by content, restores every test cell (with its hidden tests) from the
source, restores deleted set-up/demo code, and reports every repair in plain
words, so the grade depends on the learner's answers and nothing else.

Only the *release* (student) version and the *source* are trusted; the
learner's metadata is used as a hint, never as the truth.
"""
from __future__ import annotations

import copy
import dataclasses
import difflib
import hashlib
import json
import re
import unicodedata

import nbformat
import numpy as np

from .. import nbcells

__all__ = ["SubmissionError", "Realigned", "read_submission", "realign", "answer_cells", "identify"]

STUB_LINES = {"# YOUR CODE HERE", "# YOUR CODE HERE (replace the next line)", "raise NotImplementedError()"}
MATCH_THRESHOLD = 0.5  # share of an answer cell's given lines (signature, docstring) that must survive

# Bounds on the work one submission may cause: without them, 100,000 tiny cells
# keep realignment busy for minutes and gigabytes, and deeply nested JSON overflows
# the parser's recursion. The course's notebooks have under 100 cells
# and under 100 KB of source text today; these limits are far above that.
MAX_NOTEBOOK_BYTES = 200 << 20   # a notebook with outputs rarely exceeds a few MB
MAX_CELLS = 2000
MAX_SOURCE_CHARS = 5_000_000
MAX_JSON_DEPTH = 100             # a notebook's JSON is about 10 levels deep
# difflib work (characters compared, len(a) * len(b)) one realignment may spend on
# finding edited copies of cells: an honest notebook spends a small part of it; a
# notebook crafted to make every comparison expensive stops here (its remaining
# cells count as not found, which only means they are restored from the course).
DIFF_BUDGET = 100_000_000
SIMILAR_CANDIDATES = 50  # learner cells compared in full with each course cell (see _most_similar)


class SubmissionError(ValueError):
    """The file is not a notebook we can grade (corrupt, truncated, not JSON, too large).

    A ``ValueError``, so that callers reporting bad input in plain words (the
    ``course`` command) report this one too.
    """


@dataclasses.dataclass
class Realigned:
    notebook: nbformat.NotebookNode
    notes: list[str]  # repairs made, in plain words, for the learner and the instructor


def _too_deep(raw, limit: int) -> bool:
    """Whether ``raw`` (parsed JSON) nests deeper than ``limit`` (iterative: no recursion)."""
    stack = [(raw, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > limit:
            return True
        if isinstance(node, dict):
            stack.extend((v, depth + 1) for v in node.values() if isinstance(v, (dict, list)))
        elif isinstance(node, list):
            stack.extend((v, depth + 1) for v in node if isinstance(v, (dict, list)))
    return False


def _source_chars(cell) -> int:
    source = cell.get("source", cell.get("input", "")) if isinstance(cell, dict) else ""
    if isinstance(source, str):
        return len(source)
    if isinstance(source, list):
        return sum(len(part) for part in source if isinstance(part, str))
    return 0


def _raw_cells(raw: dict) -> list:
    if isinstance(raw.get("cells"), list):
        return raw["cells"]
    cells = []
    for sheet in raw.get("worksheets") or []:  # nbformat 3
        if isinstance(sheet, dict) and isinstance(sheet.get("cells"), list):
            cells.extend(sheet["cells"])
    return cells


def read_submission(data: bytes | str) -> nbformat.NotebookNode:
    """Parse a submitted file into a v4 notebook, or raise :class:`SubmissionError`.

    Whatever the file holds, nothing but :class:`SubmissionError` comes out
    (deep nesting, huge numbers, memory exhaustion included), and a file too
    large to grade (over ``MAX_NOTEBOOK_BYTES``, ``MAX_CELLS`` cells or
    ``MAX_SOURCE_CHARS`` of source) is refused before any costly step.
    """
    try:
        return _read_submission(data)
    except SubmissionError:
        raise
    except RecursionError:
        raise SubmissionError("the file is not a notebook we can read (its JSON is nested too deeply)") from None
    except MemoryError:
        raise SubmissionError("the file is too large to read") from None
    except Exception as exc:  # whatever else an odd file provokes: a plain message, never a traceback
        raise SubmissionError(f"the notebook could not be read ({type(exc).__name__}: {str(exc)[:200]})") from None


def _read_submission(data: bytes | str) -> nbformat.NotebookNode:
    if len(data) > MAX_NOTEBOOK_BYTES:
        raise SubmissionError(f"too large: {len(data) >> 20} MB (more than the {MAX_NOTEBOOK_BYTES >> 20} MB "
                              "a notebook may have)")
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise SubmissionError(f"the file is not text (binary or wrong encoding): {exc}") from None
    if not data.strip():
        raise SubmissionError("the file is empty")
    try:
        raw = json.loads(data)
    except json.JSONDecodeError as exc:
        # A cut file: it usually fails inside an unterminated string, not at its very
        # end, so "does not end with }" (every notebook does) counts as cut too.
        cut = exc.pos >= len(data.rstrip()) - 1 or not data.rstrip().endswith("}")
        where = "the file ends too early (truncated upload?)" if cut else f"line {exc.lineno}"
        raise SubmissionError(f"the file is not valid notebook JSON ({where}: {exc.msg})") from None
    except RecursionError:
        raise SubmissionError("the file is not a notebook we can read (its JSON is nested too deeply)") from None
    except ValueError as exc:  # e.g. an integer with more digits than Python converts
        raise SubmissionError(f"the file is not valid notebook JSON ({str(exc)[:200]})") from None
    if not isinstance(raw, dict) or not isinstance(raw.get("cells", raw.get("worksheets")), list):
        raise SubmissionError("the file is JSON but not a Jupyter notebook (no list of cells)")
    cells = _raw_cells(raw)
    if len(cells) > MAX_CELLS:
        raise SubmissionError(f"too large: {len(cells)} cells (more than the {MAX_CELLS} a notebook may have)")
    chars = sum(_source_chars(c) for c in cells)
    if chars > MAX_SOURCE_CHARS:
        raise SubmissionError(f"too large: {chars / 1e6:.1f} MB of source text (more than the "
                              f"{MAX_SOURCE_CHARS / 1e6:.0f} MB a notebook may have)")
    if _too_deep(raw, MAX_JSON_DEPTH):
        raise SubmissionError(f"the file is not a notebook we can read (its JSON is nested more than "
                              f"{MAX_JSON_DEPTH} levels deep)")
    # Cells without metadata or source are tolerated: the defaults go in before
    # nbformat.reads, which rejects such cells.
    for cell in raw.get("cells") or []:
        if isinstance(cell, dict):
            cell.setdefault("metadata", {})
            cell.setdefault("source", "")
    try:
        nb = nbformat.reads(json.dumps(raw), as_version=4)
    except Exception as exc:  # nbformat raises several types for odd files
        raise SubmissionError(f"the notebook could not be read: {str(exc)[:300]}") from None
    for cell in nb.cells:  # tolerate hand-edited files: cells without source or metadata
        cell.setdefault("metadata", {})
        if isinstance(cell.get("source"), list):
            cell.source = "".join(cell.source)
        cell.setdefault("source", "")
        if not isinstance(cell.source, str):
            raise SubmissionError("the notebook could not be read: a cell's source is not text")
    return nb


def _lines(text: str) -> list[str]:
    return [ln.strip() for ln in text.splitlines() if ln.strip()]


def _given_lines(release_cell) -> list[str]:
    """The lines of an answer cell the learner was given (signature, docstring), not the stub."""
    return [ln for ln in _lines(release_cell.source) if ln not in STUB_LINES]


def answer_cells(release) -> dict:
    return {nbcells.grade_id(c): c for c in release.cells if nbcells.is_answer(c)}


class _Cells:
    """What matching needs of each learner cell, computed once per notebook.

    Matching compares every release cell with every learner cell; recomputing
    a cell's lines for each comparison made it grow with cells x text.
    """

    def __init__(self, nb):
        self.cells = nb.cells
        self.lines = [_lines(c.source) for c in nb.cells]
        self.sets = [set(ls) for ls in self.lines]
        self.texts = ["\n".join(ls) for ls in self.lines]
        self.grade_ids = [nbcells.grade_id(c) for c in nb.cells]
        self._counts = None

    def counts(self) -> np.ndarray:
        """Characters of each cell's text, binned by code point mod 256 (for upper bounds)."""
        if self._counts is None:
            self._counts = np.stack([_char_bins(t) for t in self.texts]) if self.texts else np.zeros((0, 256))
        return self._counts


def _char_bins(text: str) -> np.ndarray:
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    return np.bincount(codes % 256, minlength=256).astype(np.int64)


class _Budget:
    def __init__(self, limit: int):
        self.left = limit

    def spend(self, amount: int) -> bool:
        """Whether ``amount`` may still be spent (and spend it)."""
        if self.left < amount:
            self.left = 0
            return False
        self.left -= amount
        return True


def _answer_score(release_cell, learner_cell, have: set | None = None) -> float:
    given = _given_lines(release_cell)
    if not given:
        return 0.0
    if have is None:
        have = set(_lines(learner_cell.source))
    return sum(ln in have for ln in given) / len(given)


def _similar(a: str, b: str) -> float:
    a, b = "\n".join(_lines(a)), "\n".join(_lines(b))
    return _similar_texts(a, b)


def _similar_texts(a: str, b: str) -> float:
    if a == b:  # speed-up (same result): difflib is quadratic (seconds per notebook)
        return 1.0
    m = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if m.real_quick_ratio() < 0.6 or m.quick_ratio() < 0.6:
        return 0.0
    return m.ratio()


def _lcs_length(a: str, b: str) -> int:
    """Length of the longest common subsequence of ``a`` and ``b`` (bit-parallel, Hyyrö 2004)."""
    if not a or not b:
        return 0
    masks: dict[str, int] = {}
    for j, ch in enumerate(b):
        masks[ch] = masks.get(ch, 0) | (1 << j)
    full = (1 << len(b)) - 1
    v = full
    for ch in a:
        u = v & masks.get(ch, 0)
        v = ((v + u) | (v - u)) & full
    return len(b) - v.bit_count()


def _most_similar(rcell, cells: _Cells, candidates: list, budget: _Budget, floor: float = 0.6):
    """The first of ``candidates`` (learner cell indices, in order) scoring highest with
    :func:`_similar` above ``floor``, or None: what scanning them all finds, at a bounded cost.

    difflib's ratio is 2 M / (len(a) + len(b)), M the characters of its matching
    blocks, which form a common subsequence: so M is at most the longest common
    subsequence, which is at most the characters the two texts have in common,
    and at most the shorter length. The cheap bounds (lengths, character counts)
    keep the ``SIMILAR_CANDIDATES`` most promising cells; the longest common
    subsequence (cheap too) rules most of those out; difflib runs on the rest,
    best bound first, until no bound can beat the best score found or the
    realignment's difflib budget is spent. The result is the plain scan's unless
    more than ``SIMILAR_CANDIDATES`` cells look alike by their characters, which
    no edited notebook does and only a crafted one makes (its cell is then
    restored from the course, as if deleted).
    """
    if not candidates:
        return None
    a = "\n".join(_lines(rcell.source))
    la = len(a)
    idx = np.array(candidates)
    lb = np.array([len(cells.texts[i]) for i in candidates], dtype=np.int64)
    total = la + lb
    bound = np.where(total > 0, 2.0 * np.minimum(la, lb) / np.maximum(total, 1), 1.0)
    keep = bound > floor
    if keep.any():
        common = np.minimum(cells.counts()[idx[keep]], _char_bins(a)).sum(axis=1)
        bound[keep] = np.minimum(bound[keep], np.where(total[keep] > 0, 2.0 * common / np.maximum(total[keep], 1), 1.0))
    pool = sorted((k for k in range(len(candidates)) if bound[k] > floor), key=lambda k: (-bound[k], candidates[k]))
    tight = []
    for k in pool[:SIMILAR_CANDIDATES]:
        i = candidates[k]
        b = cells.texts[i]
        ub = 2 * _lcs_length(a, b) / (la + len(b)) if la + len(b) else 1.0
        if ub > floor:
            tight.append((ub, i))
    tight.sort(key=lambda t: (-t[0], t[1]))
    best, best_score = None, floor
    for ub, i in tight:
        if ub < best_score or (ub == best_score and best is not None and i > best):
            break
        b = cells.texts[i]
        if a != b and not budget.spend(max(1, la * len(b))):
            break
        score = _similar_texts(a, b)
        if score > best_score or (best is not None and score == best_score and i < best):
            best, best_score = i, score
    return best


def _is_stub(release_cell, learner_cell, lines: list | None = None) -> bool:
    return (_lines(learner_cell.source) if lines is None else lines) == _lines(release_cell.source)


def _match_answers(release, learner, notes, cells: _Cells | None = None):
    """grade_id -> index of the learner cell holding that answer, found by its given lines
    (or, when those were all changed, by its grading metadata); unfound answers are left
    out, for :func:`_recover_answers`."""
    cells = cells or _Cells(learner)
    answers = answer_cells(release)
    candidates: dict[str, list[int]] = {gid: [] for gid in answers}
    for gid, rcell in answers.items():
        given = _given_lines(rcell)
        for i, cell in enumerate(learner.cells):
            by_meta = cells.grade_ids[i] == gid and nbcells.is_answer(cell)
            if (given and _answer_score(rcell, cell, cells.sets[i]) >= MATCH_THRESHOLD) or (by_meta and not given):
                candidates[gid].append(i)
    chosen: dict[str, int] = {}
    used: set[int] = set()
    for gid, idx in candidates.items():
        idx = [i for i in idx if i not in used]
        if not idx:
            continue
        # Several cells carry this answer (a copied cell): the last one that is
        # not the untouched stub is what running the notebook top to bottom uses.
        worked = [i for i in idx if not _is_stub(answers[gid], learner.cells[i], cells.lines[i])]
        pick = (worked or idx)[-1]
        chosen[gid] = pick
        used.add(pick)
        if len(idx) > 1:
            notes.append(f"{gid}: the answer cell appears {len(idx)} times; graded the last one you worked on "
                         f"(cell {pick + 1}), ignored the others")
        if learner.cells[pick].cell_type != "code":
            notes.append(f"{gid}: the answer cell had been changed to {learner.cells[pick].cell_type}; graded it as code")
        if cells.grade_ids[pick] != gid:
            notes.append(f"{gid}: the answer cell's grading metadata was missing or changed; found it by its content")
    duplicates = {i for gid, idx in candidates.items() for i in idx} - used
    # The learner rewrote every given line (deleted a long docstring, replaced the
    # placeholder lines): a cell that still carries the answer's grade_id is it.
    for gid in answers:
        if gid in chosen:
            continue
        tagged = [i for i in range(len(learner.cells)) if i not in used and i not in duplicates
                  and cells.grade_ids[i] == gid and nbcells.is_answer(learner.cells[i])]
        if tagged:
            pick = tagged[-1]
            chosen[gid] = pick
            used.add(pick)
            if learner.cells[pick].cell_type != "code":
                notes.append(f"{gid}: the answer cell had been changed to {learner.cells[pick].cell_type}; "
                             "graded it as code")
    return chosen, duplicates


_DEFINES = re.compile(r"^(?:async\s+)?(?:def|class)\s+([A-Za-z_]\w*)|^([A-Za-z_][\w\s,]*?)\s*(?::[^=\n]*)?=(?!=)",
                      re.MULTILINE)


def _defined_names(source: str) -> set[str]:
    """Names a cell binds at its top level (functions, classes, assignments), read from its text."""
    names = set()
    for func, targets in _DEFINES.findall(source):
        names.update([func] if func else [t.strip() for t in targets.split(",") if t.strip().isidentifier()])
    return names


def _recover_answers(release, learner, chosen, used, where, cells: _Cells, notes) -> None:
    """Find the answer cells :func:`_match_answers` missed (given lines rewritten and metadata
    gone) by their place: an unclaimed learner code cell between the learner's copies of
    the release cells around the answer (the code before it, its test cell after it) that
    defines a name the answer cell defines, or the only unclaimed code cell there.
    ``where`` maps release index -> learner index for the cells found so far."""
    for r, rcell in enumerate(release.cells):
        gid = nbcells.grade_id(rcell)
        if not nbcells.is_answer(rcell) or gid in chosen:
            continue
        before = [where[k] for k in range(r) if where[k] is not None]
        after = [where[k] for k in range(r + 1, len(release.cells)) if where[k] is not None]
        if not before or not after:
            continue  # no surrounding cells to place it by
        lo, hi = max(before), min(after)
        window = [i for i in range(lo + 1, hi) if i not in used and learner.cells[i].cell_type == "code"
                  and cells.lines[i]]
        wanted = _defined_names(rcell.source)
        defining = [i for i in window if wanted & _defined_names(learner.cells[i].source)]
        pick = defining[-1] if defining else window[0] if len(window) == 1 else None
        if pick is None:
            continue
        chosen[gid] = pick
        used.add(pick)
        where[r] = pick
        notes.append(f"{gid}: the answer cell's given lines and grading metadata were changed; found it by its "
                     f"place in the notebook (cell {pick + 1})")



def _exact(rcell, learner, used, gid=None, code_only=False, cells: _Cells | None = None):
    """First unused learner cell with ``gid`` or the same lines as ``rcell`` (what scores 1.0), or None."""
    cells = cells or _Cells(learner)
    want = _lines(rcell.source)
    for i, cell in enumerate(learner.cells):
        if i in used or (code_only and cell.cell_type != "code"):
            continue
        if (gid is not None and cells.grade_ids[i] == gid) or cells.lines[i] == want:
            return i
    return None


def _match_tests(release, learner, used, cells: _Cells | None = None, budget: _Budget | None = None):
    """grade_id -> index of the learner's copy of each test cell (for positions only)."""
    cells = cells or _Cells(learner)
    budget = budget or _Budget(DIFF_BUDGET)
    found = {}
    for rcell in release.cells:
        if not nbcells.is_test(rcell):
            continue
        gid = nbcells.grade_id(rcell)
        # Speed-up (same result): the first cell scoring 1.0 wins, and finding it
        # needs no difflib (quadratic: ~2 s per notebook of 01_fundamentals).
        best = _exact(rcell, learner, used, gid=gid, cells=cells)
        if best is None:
            best = _most_similar(rcell, cells, [i for i in range(len(learner.cells)) if i not in used], budget)
        if best is not None:
            found[gid] = best
            used.add(best)
    return found


def _match_plain(release, learner, used, cells: _Cells | None = None, budget: _Budget | None = None):
    """Release index of each ungraded code cell -> learner index (exact or edited copy)."""
    cells = cells or _Cells(learner)
    budget = budget or _Budget(DIFF_BUDGET)
    found = {}
    for r, rcell in enumerate(release.cells):
        if rcell.cell_type != "code" or nbcells.meta(rcell):
            continue
        best = _exact(rcell, learner, used, code_only=True, cells=cells)  # speed-up, as above
        if best is None:
            best = _most_similar(rcell, cells, [i for i, c in enumerate(learner.cells)
                                                if i not in used and c.cell_type == "code"], budget)
        if best is not None:
            found[r] = best
            used.add(best)
    return found


def _clean(cell):
    cell = copy.deepcopy(cell)
    cell.metadata.pop("nbgrader", None)
    if cell.cell_type == "code":
        cell.outputs, cell.execution_count = [], None
    return cell


def _code_cell(source: str, metadata: dict):
    cell = nbformat.v4.new_code_cell(source)
    cell.metadata = copy.deepcopy(metadata)
    return cell


def realign(learner, release, source) -> Realigned:
    """A gradable notebook: the learner's cells in their order, repaired against the course.

    ``release`` is the student version as handed out, ``source`` the instructor
    version (its test cells carry the hidden tests and replace the learner's).
    """
    n_cells = len(learner.cells)
    chars = sum(len(c.get("source") or "") for c in learner.cells)
    if n_cells > MAX_CELLS:
        raise SubmissionError(f"too large: {n_cells} cells; the course's notebook has {len(release.cells)}")
    if chars > MAX_SOURCE_CHARS:
        course_chars = sum(len(c.source) for c in release.cells)
        raise SubmissionError(f"too large: {chars / 1e6:.1f} MB of source text; the course's notebook has "
                              f"{course_chars / 1e6:.2f} MB")
    notes: list[str] = []
    learner = copy.deepcopy(learner)
    source_tests = {nbcells.grade_id(c): c for c in source.cells if nbcells.is_test(c)}
    cells, budget = _Cells(learner), _Budget(DIFF_BUDGET)
    chosen, duplicates = _match_answers(release, learner, notes, cells)
    used = set(chosen.values()) | duplicates
    tests_at = _match_tests(release, learner, used, cells, budget)
    plain_at = _match_plain(release, learner, used, cells, budget)

    # Where each release cell sits in the learner's notebook (None = deleted).
    where: list[int | None] = []
    for rcell in release.cells:
        gid = nbcells.grade_id(rcell)
        if nbcells.is_answer(rcell):
            where.append(chosen.get(gid))
        elif nbcells.is_test(rcell):
            where.append(tests_at.get(gid))
        else:
            where.append(plain_at.get(len(where)))
    _recover_answers(release, learner, chosen, used, where, cells, notes)
    release_answers = answer_cells(release)
    for gid in release_answers:
        if gid not in chosen:
            # Neutral about the score: any code of the learner's that defines the
            # answer elsewhere still runs after the restored cell.
            notes.append(f"{gid}: no answer cell found (deleted, or changed beyond recognition); "
                         "put the course's empty answer cell back in its place")
    owners = {i: gid for gid, i in chosen.items()}

    # Slots sort by (learner position, 0 = learner cell / 1 = inserted, release index).
    # A restored cell goes right after the learner's copy of its nearest
    # predecessor in the release; a test cell stays where the learner kept it,
    # but never runs before its answer.
    test_cells = set(tests_at.values())
    slots = [((i, 0, 0), ("learner", i)) for i in range(len(learner.cells))
             if i not in duplicates and i not in test_cells]
    last_pos, last_answer = -1, None
    for r, rcell in enumerate(release.cells):
        gid = nbcells.grade_id(rcell)
        if nbcells.is_test(rcell):
            answer_pos = chosen.get(last_answer, -1) if last_answer else -1
            pos = max(where[r] if where[r] is not None else last_pos, answer_pos)
            slots.append(((pos, 1, r), ("test", r)))
            if where[r] is None:
                notes.append(f"{gid}: the test cell was missing; restored it")
            elif cells.lines[where[r]] != _lines(rcell.source):
                notes.append(f"{gid}: the test cell had been edited; used the original")
            continue
        if nbcells.is_answer(rcell):
            last_answer = gid
        if where[r] is not None:
            last_pos = max(last_pos, where[r])
            continue
        if rcell.cell_type != "code":
            continue  # deleted text changes no grade
        slots.append(((last_pos, 1, r), ("release", r)))
        if not nbcells.is_answer(rcell):  # a missing answer is already reported
            first = (rcell.source.strip().splitlines() or [""])[0][:60]
            notes.append(f"restored a deleted code cell of the notebook (\"{first}\")")

    cells = []
    for _, (kind, k) in sorted(slots, key=lambda s: s[0]):
        if kind == "learner":
            cell = _clean(learner.cells[k])
            owner = owners.get(k)
            if owner is not None:
                cell = _code_cell(cell.source, release_answers[owner].metadata)
            cells.append(cell)
        elif kind == "test":
            rcell = release.cells[k]
            cells.append(_code_cell(source_tests[nbcells.grade_id(rcell)].source, rcell.metadata))
        else:
            rcell = release.cells[k]
            cells.append(_code_cell(rcell.source, rcell.metadata))
    nb = nbformat.v4.new_notebook(cells=cells, metadata=copy.deepcopy(release.metadata))
    return Realigned(nb, notes)


def identify(learner, releases: dict) -> str | None:
    """Which notebook of the assignment is this (by content), or ``None`` if none fits."""
    best, best_score = None, 0.0
    have = [set(_lines(c.source)) for c in learner.cells]
    for name, release in releases.items():
        answers = answer_cells(release)
        if not answers:
            continue
        score = sum(max((_answer_score(a, c, h) for c, h in zip(learner.cells, have)), default=0.0)
                    for a in answers.values())
        score /= len(answers)
        if score > best_score:
            best, best_score = name, score
    return best if best_score >= MATCH_THRESHOLD else None


_SAFE_ID = re.compile(r"[^A-Za-z0-9_.-]+")
MAX_ID_CHARS = 40  # ids name folders, users' scratch paths and socket paths (which have a length limit)


def safe_id(text: str) -> str:
    """A learner id usable as an nbgrader student id and a folder name.

    Accents are dropped ("José Müller" -> "Jose_Muller"). Letters with no ASCII
    form (Cyrillic, CJK, ...) would vanish, and two learners could collapse into
    one id (one's work graded as the other's, or lost): such names keep a short
    hash of the full name, so different names always give different ids. An id
    is at most ``MAX_ID_CHARS`` characters: a longer one is cut and keeps a
    short hash of the full name. (Names that differ only by accents still give
    the same id here: :func:`course_lib.grading.submissions.collect` keeps such
    learners apart.)
    """
    ascii_text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    base = _SAFE_ID.sub("_", ascii_text.encode("ascii", "ignore").decode()).strip("._-")
    digest = hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    if ascii_text.isascii() and base:
        ident = base
    else:
        ident = f"{base}_{digest}" if base else f"learner_{digest}"
    if len(ident) > MAX_ID_CHARS:
        ident = ident[: MAX_ID_CHARS - len(digest) - 1].rstrip("._-") + "_" + digest
    return ident
