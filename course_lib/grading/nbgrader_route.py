"""Differential grading inside plain ``nbgrader autograde`` (the unprotected route).

``nbgrader_config.py`` puts :class:`DifferentialExecute` where nbgrader's ``Execute``
step was. It executes the submission as nbgrader does, but with the check helpers in
``record`` mode, then judges every test cell against our solution's records
(:mod:`.reference`, :mod:`.judge`) exactly as ``course grade`` does. So plain
nbgrader gives the same points for the same answers. What it does not give is the
sandbox: the submission runs as the instructor, with the course folder in reach
(it could read the solutions). Use ``course grade`` for untrusted submissions.
"""
from __future__ import annotations

import os
from pathlib import Path

from nbgrader.preprocessors import Execute
from traitlets import Unicode

from .judge import judge_notebook
from .reference import default_cache, reference_records

__all__ = ["DifferentialExecute"]


class DifferentialExecute(Execute):
    """nbgrader's Execute, then the trusted judge on every test cell."""

    source_root = Unicode("", help="folder with <assignment>/<notebook>.ipynb instructor sources").tag(config=True)
    reference_cache = Unicode("", help="folder for cached reference records (default: the user's cache)").tag(config=True)

    def preprocess(self, nb, resources):
        info = resources["nbgrader"]
        source = Path(self.source_root) / info["assignment"] / f"{info['notebook']}.ipynb"
        reference = reference_records(source, Path(self.reference_cache) if self.reference_cache else default_cache())
        saved = os.environ.get("COURSE_CHECK_MODE")
        os.environ["COURSE_CHECK_MODE"] = "record"   # the kernel inherits this process's environment
        try:
            nb, resources = super().preprocess(nb, resources)
        finally:
            if saved is None:
                os.environ.pop("COURSE_CHECK_MODE", None)
            else:
                os.environ["COURSE_CHECK_MODE"] = saved
        judge_notebook(nb, reference)
        return nb, resources
