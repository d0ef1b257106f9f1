"""Grading: from a folder (or zip) of untrusted submissions to grades and feedback.

* :mod:`.submissions` finds who submitted what (nbgrader trees, LMS exports, zips).
* :mod:`.realign` rebuilds each notebook around the source: answers kept, test
  cells restored, metadata re-attached, damage reported.
* :mod:`.sandbox` / :mod:`.guard` / :mod:`.worker` run one submission in
  isolation (own user, scratch directory, limits, no network where possible).
* :mod:`.batch` runs a class in parallel and writes the nbgrader gradebook,
  feedback and a CSV (``course grade``); :mod:`.selfcheck` is ``course check``.
* :mod:`.scratch` grades in a throw-away nbgrader course (used by the tests).
"""
from .scratch import NotebookScore, autograde

__all__ = ["NotebookScore", "autograde"]
