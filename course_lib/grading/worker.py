"""Execute one learner's (realigned) notebooks in the sandbox, then judge them outside it.

``python -m course_lib.grading.worker JOB_DIR`` reads ``JOB_DIR/job.json`` and the
notebooks in ``JOB_DIR/in/``, and writes judged notebooks to ``JOB_DIR/out/`` plus
``JOB_DIR/result.json``. The job folder belongs to the grader; the kernel runs in
its scratch folder, inside the sandbox (:mod:`.sandbox`), and never sees the job
folder, the solutions or the reference records.

The kernel runs with ``COURSE_CHECK_MODE=record``: its check helpers only send out
what the learner's code produced. This process pairs those records with our
solution's (``job["reference"]``) and decides each test cell (:mod:`.judge`), so
nothing the submission does inside its kernel decides its points.

A cell that runs too long, uses too much memory or kills the kernel (``os._exit``,
a crash) is marked as failed, the kernel is restarted and the notebook is run
again without that cell, so one bad cell costs only the points that depend on it.
The batch process enforces the total time per submission.

Here: the run with restarts and the judging. The kernel and its client are in
:mod:`.kernel`, the output bounds in :mod:`.outputs`, the memory and CPU watch in
:mod:`.watch`.
"""
from __future__ import annotations

import asyncio
import json
import shutil
import signal
import sys
import time
from pathlib import Path

import nbformat

from .. import nbcells
from .kernel import WALL_FACTOR, fresh_scratch, make_client, write_kernel_spec
from .outputs import MAX_IMAGE_CHARS, MAX_NOTEBOOK_OUTPUT_CHARS, MAX_OUTPUT_CHARS, MAX_RECORD_CHARS  # noqa: F401
from .sandbox import cleanup, kill_user  # noqa: F401 - kill_user: kept importable from here
from .watch import Watch, kill_tree

__all__ = ["run_notebook", "judge", "main"]

MAX_RESTARTS = 3


def _error_output(name: str, text: str) -> nbformat.NotebookNode:
    return nbformat.v4.new_output("error", ename=name, evalue=text, traceback=[f"{name}: {text}"])


def _where(nb, index: int) -> str:
    """A cell as the notebook's reader knows it (1-based), with its exercise if any."""
    gid = nbcells.grade_id(nb.cells[index])
    return f"cell {index + 1}" + (f" ({gid})" if gid else "")


async def _run_once(nb, job, job_dir: Path, skip: dict, watch: Watch, log,
                    phases: dict) -> tuple[int | None, str | None]:
    """Run all cells once; return (index, reason) of a fatal cell, or (None, None). Adds the
    seconds spent starting the sandboxed kernel and running cells to ``phases``."""
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    scratch = fresh_scratch(job, "run")
    kernel_dir = write_kernel_spec(job_dir, job, scratch)
    client = make_client(nb, job, scratch, kernel_dir)
    current = None
    t0 = time.monotonic()
    try:
        async with client.async_setup_kernel(stdout=log, stderr=log):
            t1 = time.monotonic()
            _add(phases, "kernel start", t1 - t0)
            watch.pid = client.km.provisioner.process.pid if client.km.provisioner else None
            for index, cell in enumerate(nb.cells):
                if cell.cell_type != "code":
                    continue
                if index in skip:
                    cell.outputs = [_error_output("GradingStopped", skip[index])]
                    continue
                current = index
                watch.cell_started()
                await client.async_execute_cell(cell, index)
            current = None
            _add(phases, "cells", time.monotonic() - t1)
    except CellTimeoutError:
        return current, (f"this cell ran longer than {job['cell_timeout'] * WALL_FACTOR} s without finishing "
                         "and was stopped")
    except (DeadKernelError, RuntimeError, asyncio.TimeoutError) as exc:
        if current is None:
            return -1, f"the kernel could not start: {exc}"
        reason = watch.killed_for or "the kernel died while running this cell (os._exit, a crash or a resource limit)"
        watch.killed_for = None
        return current, reason
    finally:
        pid, watch.pid = watch.pid, None
        if pid:
            kill_tree(pid)
        cleanup(str(scratch), job.get("uid"))
    return None, None


def _add(phases: dict, name: str, seconds: float) -> None:
    phases[name] = round(phases.get(name, 0.0) + seconds, 3)


def run_notebook(nb, job: dict, job_dir: Path) -> tuple[nbformat.NotebookNode, dict]:
    """Execute ``nb`` in the sandbox (check helpers in ``job["mode"]``, default ``record``);
    return the executed notebook (records still in the test cells' outputs) and events."""
    nb = nbformat.from_dict(json.loads(json.dumps(nb)))
    skip: dict[int, str] = {}
    events: list[str] = []
    phases: dict[str, float] = {}
    watch = Watch(job["limits"]["memory_bytes"], job.get("cell_timeout"))
    log_path = job_dir / "kernel.log"
    try:
        for attempt in range(MAX_RESTARTS + 1):
            for cell in nb.cells:
                if cell.cell_type == "code":
                    cell.outputs, cell.execution_count = [], None
            with open(log_path, "ab") as log:
                index, reason = asyncio.run(_run_once(nb, job, job_dir, skip, watch, log, phases))
            if index is None:
                break
            if index < 0:
                events.append(reason)
                break
            skip[index] = reason + "; the notebook was run again without it"
            events.append(f"{_where(nb, index)}: {reason}")
            if attempt == MAX_RESTARTS:
                events.append("too many failing cells; stopped")
                for c in nb.cells[index + 1:]:
                    if c.cell_type == "code":
                        c.outputs = [_error_output("GradingStopped", "not run: too many earlier cells failed")]
        # A cell that did not run gets an error (a test cell without records fails anyway).
        for cell in nb.cells:
            if cell.cell_type == "code" and cell.execution_count is None and \
                    not any(o.get("output_type") == "error" for o in cell.outputs):
                cell.outputs.append(_error_output("GradingStopped", "this cell was not run"))
    finally:
        watch.stop()
    return nb, {"events": events, "phases": phases}


def judge(executed, reference: dict) -> dict:
    """Decide the test cells of an executed notebook (in place); plain-data summary."""
    from .judge import judge_notebook

    verdicts = judge_notebook(executed, reference)
    return {gid: {"passed": v.passed, "message": v.message[:2000]} for gid, v in verdicts.items()}


def die_with_parent() -> None:
    """SIGKILL this worker when the grading process that started it dies (Linux), e.g. a
    Dask worker killed mid-submission: the task is retried elsewhere and this run must
    not go on (its kernel goes with it: the sandbox dies with its parent)."""
    import os

    expected = os.environ.get("COURSE_GRADER_PID")
    if not expected or not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # pragma: no cover
        return
    if str(os.getppid()) != expected:  # the parent went before the call above
        os._exit(1)


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    die_with_parent()
    job_dir = Path(argv[0])
    job = json.loads((job_dir / "job.json").read_text())
    reference = json.loads(Path(job["reference"]).read_text())
    out = job_dir / "out"
    out.mkdir(exist_ok=True)
    signal.signal(signal.SIGTERM, lambda *a: sys.exit(1))
    results = {}
    for path in sorted((job_dir / "in").glob("*.ipynb")):
        t0 = time.monotonic()
        nb = nbformat.read(path, as_version=4)
        executed, info = run_notebook(nb, job, job_dir)
        t1 = time.monotonic()
        info["verdicts"] = judge(executed, reference.get(path.name, {}))
        _add(info["phases"], "judge", time.monotonic() - t1)
        info["seconds"] = round(time.monotonic() - t0, 1)
        nbformat.write(executed, out / path.name)
        results[path.name] = info
        (job_dir / "result.json").write_text(json.dumps(results, indent=1))
    shutil.rmtree(job["scratch"], ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
