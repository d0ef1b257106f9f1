"""Grading: from a folder (or zip) of untrusted submissions to grades and feedback.

* :mod:`.submissions` finds who submitted what (nbgrader trees, LMS exports, zips).
* :mod:`.realign` rebuilds each notebook around the source: answers kept, test
  cells restored, metadata re-attached, damage reported; :mod:`.static` scans the
  code for a human to review; :mod:`.prepare` puts both into a learner's job folder.
* :mod:`.sandbox` / :mod:`.worker` run one submission in isolation (own user,
  own PID namespace, read-only view, scratch directory, limits, no network);
  the worker's parts: :mod:`.kernel` (the sandboxed kernel and its client),
  :mod:`.outputs` (output bounds), :mod:`.watch` (memory and CPU watch).
  :mod:`.processes` runs the workers of a batch in slots.
* :mod:`.reference` / :mod:`.judge` decide the points outside the submission's
  process: its check helpers only record values; the judge compares them with
  our solution's (differential grading). :mod:`.nbgrader_route` does the same
  inside plain ``nbgrader autograde``.
* :mod:`.batch` runs a class in parallel (``course grade``): :mod:`.assignment`
  (sources, releases, reference), :mod:`.paths` (where everything lives),
  :mod:`.state` (learner ids, resume), :mod:`.gradebook` (nbgrader records the
  grades), :mod:`.feedback` (HTML feedback), :mod:`.report` (summary table, CSV).
  :mod:`.selfcheck` is ``course check``.
* :mod:`.scratch` grades in a throw-away nbgrader course (used by the tests).

What a cell is to nbgrader (answer, test, points) is read in :mod:`course_lib.nbcells`.
"""
import sys as _sys

# jsonschema (under nbformat) imports rfc3987_syntax when it is installed, and that builds an
# Earley parser at import time: over 2 s in every grading process (each learner's worker, the
# grader, `course check`) for the "iri" string format, which no notebook schema uses. Grading
# processes do without it; a process that imported it already keeps it.
_sys.modules.setdefault("rfc3987_syntax", None)

from .scratch import NotebookScore, autograde  # noqa: E402

__all__ = ["NotebookScore", "autograde"]
