"""nbgrader extensions used by the course's nbgrader_config.py.

:class:`StderrToStdout` runs right after execution when autograding. nbgrader
scores a test cell 0 when anything reaches stderr, but TensorFlow, absl and
Python's warnings write log lines there from perfectly correct code. A failing
test raises an exception (an ``error`` output), never just a stderr line, so
moving stderr text to stdout changes no honest grade; the text stays visible
in the feedback, marked ``[stderr]``.
"""
from __future__ import annotations

from nbgrader.preprocessors import NbGraderPreprocessor


class StderrToStdout(NbGraderPreprocessor):
    """Turn stderr stream outputs into stdout ones (prefixed ``[stderr]``)."""

    def preprocess_cell(self, cell, resources, cell_index):
        if cell.cell_type == "code":
            for output in cell.get("outputs", []):
                if output.get("output_type") == "stream" and output.get("name") == "stderr":
                    output["name"] = "stdout"
                    text = output.get("text", "")
                    output["text"] = "".join(f"[stderr] {line}" for line in text.splitlines(keepends=True))
        return cell, resources


def autograde_preprocessors() -> list:
    """nbgrader's default autograde pipeline with StderrToStdout after Execute."""
    from nbconvert.preprocessors import ClearMetadataPreprocessor
    from nbgrader.preprocessors import (
        AssignLatePenalties,
        CheckCellMetadata,
        Execute,
        IgnorePattern,
        LimitOutput,
        SaveAutoGrades,
    )

    return [
        Execute,
        StderrToStdout,
        IgnorePattern,
        ClearMetadataPreprocessor,
        LimitOutput,
        SaveAutoGrades,
        AssignLatePenalties,
        CheckCellMetadata,
    ]
