"""HTML feedback for one learner, by nbgrader from the judged notebooks (under
``<root>/.nbgrader/feedback/``). What it may show is bounded and escaped by the
feedback preprocessors of :mod:`course_lib.nbgrader_ext` (configured in
:func:`.gradebook.nbgrader_config`); hidden tests stay hidden."""
from __future__ import annotations

from .gradebook import quiet_gradebook

__all__ = ["write_feedback"]


def write_feedback(api, assignment: str, result) -> None:
    """Generate the learner's feedback; a failure is a note on ``result``, the grade stands."""
    with quiet_gradebook():
        fb = api.generate_feedback(assignment, result.learner, force=True)
    if not fb.get("success"):
        result.notes.append("feedback could not be generated: " + (fb.get("error") or "")[-300:])
