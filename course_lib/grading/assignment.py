"""The assignment being graded, as the grader trusts it: the instructor's source
notebooks, the student versions nbgrader releases from them, and our solution's
check records (the reference of differential grading, :mod:`.reference`)."""
from __future__ import annotations

import concurrent.futures as futures
import dataclasses
import json
import os
import tempfile
from pathlib import Path

import nbformat

from .paths import GradingPaths
from .reference import reference_records
from .state import atomic_write

__all__ = ["Assignment"]


@dataclasses.dataclass
class Assignment:
    name: str
    sources: dict   # notebook file name -> instructor notebook
    releases: dict  # notebook file name -> student notebook, as released

    @classmethod
    def load(cls, paths: GradingPaths) -> "Assignment":
        from ..release import generate

        src_dir = paths.sources
        if not src_dir.is_dir():
            raise FileNotFoundError(f"no module {paths.assignment!r} in {paths.root / 'solutions'}")
        sources = {p.name: nbformat.read(p, as_version=4) for p in sorted(src_dir.glob("*.ipynb"))}
        with tempfile.TemporaryDirectory() as tmp:
            texts = generate(paths.root, paths.assignment, Path(tmp), db_url=paths.db_url)
        releases = {Path(k).name: nbformat.reads(v, as_version=4) for k, v in texts.items()}
        return cls(paths.assignment, sources, releases)

    def write_references(self, paths: GradingPaths, workers: int, cell_timeout: int) -> Path:
        """Our solution's check records for every notebook of the module (cached), in one
        file the workers read. Stops the batch if our own solution fails a test."""
        names = sorted(self.sources)
        with futures.ThreadPoolExecutor(max(1, min(workers, len(names)))) as pool:
            found = dict(zip(names, pool.map(
                lambda n: reference_records(paths.sources / n, paths.reference_cache, cell_timeout), names)))
        path = paths.reference_batch
        atomic_write(path, json.dumps(found))
        os.chmod(path, 0o600)
        return path
