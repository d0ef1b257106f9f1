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
    """nbgrader's default autograde pipeline, with differential grading in place of its
    Execute step (see course_lib/grading/nbgrader_route.py) and StderrToStdout after it."""
    from nbconvert.preprocessors import ClearMetadataPreprocessor
    from nbgrader.preprocessors import (
        AssignLatePenalties,
        CheckCellMetadata,
        IgnorePattern,
        LimitOutput,
        SaveAutoGrades,
    )

    from .grading.nbgrader_route import DifferentialExecute

    return [
        DifferentialExecute,
        StderrToStdout,
        IgnorePattern,
        ClearMetadataPreprocessor,
        LimitOutput,
        SaveAutoGrades,
        AssignLatePenalties,
        CheckCellMetadata,
    ]


class UseExecuted(NbGraderPreprocessor):
    """Take outputs from a notebook already executed in the grading sandbox.

    ``course grade`` executes every submission in parallel, isolated workers
    and then lets nbgrader record the results. This step stands in for
    nbgrader's ``Execute``: it copies the outputs cell by cell from
    ``<executed_root>/<student>/<notebook>.ipynb`` (same cells, same order,
    as both come from the realigned submission).
    """

    from traitlets import Unicode

    executed_root = Unicode("", help="folder with <student>/<notebook>.ipynb executed notebooks").tag(config=True)

    def preprocess(self, nb, resources):
        import os

        import nbformat

        info = resources["nbgrader"]
        path = os.path.join(self.executed_root, info["student"], info["notebook"] + ".ipynb")
        executed = nbformat.read(path, as_version=4)
        if len(executed.cells) != len(nb.cells):
            raise ValueError(f"{path}: {len(executed.cells)} cells, expected {len(nb.cells)}")
        for cell, done in zip(nb.cells, executed.cells):
            if cell.cell_type == "code":
                cell.outputs = done.get("outputs", [])
                cell.execution_count = done.get("execution_count")
        return nb, resources


class HideHiddenTests(NbGraderPreprocessor):
    """Feedback without the hidden tests' code: their region is cut from the
    source, and a failing test cell shows only its message, not the traceback
    (which would quote the hidden line that failed)."""

    begin = "### BEGIN HIDDEN TESTS"
    end = "### END HIDDEN TESTS"

    def preprocess_cell(self, cell, resources, cell_index):
        if cell.cell_type != "code" or self.begin not in cell.source:
            return cell, resources
        lines, keep, hidden = cell.source.splitlines(), [], False
        for line in lines:
            if line.strip() == self.begin:
                hidden = True
                keep.append("# (hidden tests: run by the grader, not shown)")
            elif line.strip() == self.end:
                hidden = False
            elif not hidden:
                keep.append(line)
        cell.source = "\n".join(keep)
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                out["traceback"] = [f"{out.get('ename', 'Error')}: {out.get('evalue', '')}"]
        return cell, resources


def recorded_autograde_preprocessors() -> list:
    """Autograde pipeline for ``course grade``: outputs come from the sandbox."""
    pre = autograde_preprocessors()
    return [UseExecuted if p.__name__ == "DifferentialExecute" else p for p in pre]


def feedback_preprocessors() -> list:
    from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor
    from nbgrader.preprocessors import GetGrades

    return [HideHiddenTests, GetGrades, CSSHTMLHeaderPreprocessor]
