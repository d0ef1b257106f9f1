"""Grading: from a folder (or zip) of untrusted submissions to grades and feedback.

* :mod:`.submissions` finds who submitted what (nbgrader trees, LMS exports, zips).
* :mod:`.realign` rebuilds each notebook around the source: answers kept, test
  cells restored, metadata re-attached, damage reported.
* :mod:`.sandbox` / :mod:`.worker` run one submission in isolation (own user,
  own PID namespace, read-only view, scratch directory, limits, no network).
* :mod:`.reference` / :mod:`.judge` decide the points outside the submission's
  process: its check helpers only record values; the judge compares them with
  our solution's (differential grading). :mod:`.nbgrader_route` does the same
  inside plain ``nbgrader autograde``.
* :mod:`.batch` runs a class in parallel and writes the nbgrader gradebook,
  feedback and a CSV (``course grade``); :mod:`.selfcheck` is ``course check``.
* :mod:`.scratch` grades in a throw-away nbgrader course (used by the tests).
"""
from .scratch import NotebookScore, autograde

__all__ = ["NotebookScore", "autograde"]
