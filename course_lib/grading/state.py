"""What ``course grade`` keeps between runs, in ``<root>/.nbgrader/grading/<assignment>/``:

* ``ids.json``: the learner id given to each submitter's name, so a newcomer whose
  name gives the same id never takes over someone's gradebook record;
* ``state.json``: per learner, the fingerprint of what was graded (grader version,
  course library, source notebooks, the learner's files) and the result, so a learner
  whose files did not change is not run again (re-running is idempotent; an
  interrupted batch resumes).

Every write replaces the file whole (:func:`atomic_write`): an interrupted batch
leaves the old state or the new, never half of one.
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

__all__ = ["GRADER_VERSION", "fingerprint", "atomic_write", "LearnerIds", "ResumeState"]

GRADER_VERSION = "2"  # bump when grading logic changes, to re-run everyone
SAVED_FIELDS = ("status", "notes", "flags", "seconds")  # of a LearnerResult


def fingerprint(sub, sources: dict) -> str:
    """What a learner's grade depends on: a new value means grading them again."""
    from .reference import _library_digest

    h = hashlib.sha256(GRADER_VERSION.encode())
    h.update(_library_digest().encode())
    for name in sorted(sources):
        h.update(name.encode())
        h.update(json.dumps(sources[name], sort_keys=True).encode())
    for name in sorted(sub.files):
        h.update(name.encode())
        h.update(sub.files[name].read_bytes())
    return h.hexdigest()


def atomic_write(path: Path, text: str) -> None:
    tmp = path.with_suffix(".tmp")
    tmp.write_text(text)
    os.replace(tmp, path)


def _load(path: Path) -> dict:
    return json.loads(path.read_text()) if path.exists() else {}


class LearnerIds:
    """Submitter's name -> learner id, as given in earlier runs (``ids.json``)."""

    def __init__(self, path: Path):
        self.path = path
        self.known: dict = _load(path)

    def save(self, subs) -> None:
        self.known.update({s.name: s.learner for s in subs if s.name})
        atomic_write(self.path, json.dumps(self.known, indent=1, ensure_ascii=False))


class ResumeState:
    """Per learner: the fingerprint last graded and its result (``state.json``)."""

    def __init__(self, path: Path):
        self.path = path
        self.data: dict = _load(path)

    def restore(self, result, fp: str) -> bool:
        """Fill ``result`` from the last grading when it graded these same files and the
        gradebook recorded it; whether it did."""
        saved = self.data.get(result.learner)
        if not (saved and saved.get("fingerprint") == fp and saved.get("recorded")):
            return False
        for k in SAVED_FIELDS:
            setattr(result, k, saved[k])
        result.reused = True
        return True

    def save(self, result, fp: str) -> None:
        self.data[result.learner] = {"fingerprint": fp, "recorded": result.status != "error",
                                     **{k: getattr(result, k) for k in SAVED_FIELDS}}
        atomic_write(self.path, json.dumps(self.data, indent=1))
