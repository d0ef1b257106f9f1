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
"""
from __future__ import annotations

import asyncio
import json
import os
import shutil
import signal
import sys
import threading
import time
from pathlib import Path

import nbformat

from .. import nbcells, records
from .sandbox import cleanup, kill_user  # noqa: F401 - kill_user: kept importable from here

MAX_OUTPUT_CHARS = 200_000        # per cell, text output; the rest is dropped with a note
MAX_IMAGE_CHARS = 5 << 20         # per cell, pictures (figures are the point of many cells)
MAX_NOTEBOOK_OUTPUT_CHARS = 20 << 20
MAX_RECORD_CHARS = 96 << 20       # check records of one notebook
MAX_RESTARTS = 3
# A cell's limit (job["cell_timeout"]) counts CPU seconds of the kernel and all its
# threads and children, so a busy machine never turns a pass into a fail. A cell
# that waits without using CPU (sleep, a blocked read) is stopped after this many
# times the limit in wall-clock time.
WALL_FACTOR = 4


def _error_output(name: str, text: str) -> nbformat.NotebookNode:
    return nbformat.v4.new_output("error", ename=name, evalue=text, traceback=[f"{name}: {text}"])


def _where(nb, index: int) -> str:
    """A cell as the notebook's reader knows it (1-based), with its exercise if any."""
    cell = nb.cells[index]
    gid = nbcells.grade_id(cell)
    return f"cell {index + 1}" + (f" ({gid})" if gid else "")


def _kill_tree(pid: int) -> None:
    import psutil

    try:
        proc = psutil.Process(pid)
        procs = [proc, *proc.children(recursive=True)]
    except psutil.Error:
        return
    for p in procs:
        try:
            p.kill()
        except psutil.Error:
            pass


class _Watch:
    """Watches the kernel: its memory, and the CPU time of the cell that is running."""

    def __init__(self, limit: int, cpu_per_cell: float | None = None):
        self.limit, self.pid, self.killed_for = limit, None, None
        self.cpu_per_cell, self._cell_start = cpu_per_cell, None
        self._stop = threading.Event()
        threading.Thread(target=self._run, daemon=True).start()

    @staticmethod
    def _tree(pid):
        import psutil

        root = psutil.Process(pid)
        return [root, *root.children(recursive=True)]

    def cpu(self) -> float:
        """CPU seconds used so far by the kernel and everything under it."""
        import psutil

        total = 0.0
        for p in self._tree(self.pid):
            try:
                t = p.cpu_times()
                total += t.user + t.system + getattr(t, "children_user", 0.0) + getattr(t, "children_system", 0.0)
            except psutil.Error:
                pass
        return total

    def cell_started(self) -> None:
        try:
            self._cell_start = self.cpu() if self.pid else None
        except Exception:
            self._cell_start = None

    def _run(self):
        import psutil

        while not self._stop.wait(0.5):
            if self.pid is None:
                continue
            try:
                rss = sum(p.memory_info().rss for p in self._tree(self.pid))
                used = self.cpu() - self._cell_start if self._cell_start is not None else 0.0
            except psutil.Error:
                continue
            if rss > self.limit:
                self.killed_for = f"used more than {self.limit / 2**30:.1f} GiB of memory"
                _kill_tree(self.pid)
            elif self.cpu_per_cell and used > self.cpu_per_cell:
                self.killed_for = f"this cell used more than {self.cpu_per_cell:g} s of CPU time and was stopped"
                _kill_tree(self.pid)

    def stop(self):
        self._stop.set()


def _is_record(out) -> bool:
    data = out.get("data") if isinstance(out, dict) else None
    return isinstance(data, dict) and records.MIME in data


def _sort(out) -> str:
    """"text" for streams and text-only results, "image" for anything with a picture."""
    data = out.get("data") if isinstance(out, dict) else None
    if isinstance(data, dict) and any(k.startswith("image/") for k in data):
        return "image"
    return "text"


def _make_client(nb, job, scratch: Path, kernel_dir: Path):
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import AsyncKernelManager
    from nbclient import NotebookClient

    class Client(NotebookClient):
        """Bounded outputs. Per cell, text (streams, plain text) and pictures have their own
        caps: the output that crosses a cap is cut (text) or dropped (a picture), later
        ones of the same sort dropped, errors always kept; the whole notebook has a cap
        too. Check records have their own budget per notebook."""

        capped: set = set()
        total = 0
        record_chars = 0

        def output(self, outs, msg, display_id, cell_index):
            try:
                out = super().output(outs, msg, display_id, cell_index)
            except Exception as exc:  # an output the notebook format rejects: dropped, never fatal
                outs.append(nbformat.v4.new_output(
                    "stream", name="stdout",
                    text=f"\n[grader] an output of this cell was dropped: not valid in a notebook "
                         f"({type(exc).__name__})\n"))
                return None
            if out is None or msg.get("msg_type") == "error":
                return out
            size = len(json.dumps(out))
            if _is_record(out):
                self.record_chars += size
                if self.record_chars > MAX_RECORD_CHARS and out in outs:
                    outs.remove(out)
                return out
            sort = _sort(out)
            limit = MAX_OUTPUT_CHARS if sort == "text" else MAX_IMAGE_CHARS
            used = sum(len(json.dumps(o)) for o in outs if o is not out and not _is_record(o) and _sort(o) == sort)
            key = (cell_index, sort)
            notebook_full = self.total + size > MAX_NOTEBOOK_OUTPUT_CHARS
            if key not in self.capped and used + size <= limit and not notebook_full:
                self.total += size
                return out
            first = key not in self.capped
            self.capped.add(key)
            if out in outs:
                room = min(limit - used, MAX_NOTEBOOK_OUTPUT_CHARS - self.total) - 200
                if first and out.get("output_type") == "stream" and room > 0:
                    out["text"] = out["text"][:room]
                    self.total += len(out["text"])
                else:
                    outs.remove(out)
            if first:
                what = "text output" if sort == "text" else "pictures"
                why = (f"the notebook's outputs reached {MAX_NOTEBOOK_OUTPUT_CHARS:,} characters" if notebook_full
                       else f"{what} of this cell longer than {limit:,} characters")
                note = f"\n[grader] {why}; the rest was dropped\n"
                self.total += len(note)
                outs.append(nbformat.v4.new_output("stream", name="stdout", text=note))
            return out

    ksm = KernelSpecManager(kernel_dirs=[str(kernel_dir)])
    # Unix sockets in the scratch folder, not TCP: the kernel lives in its own network
    # namespace (no network at all), where localhost is not ours.
    km = AsyncKernelManager(kernel_name="course-sandbox", kernel_spec_manager=ksm,
                            transport="ipc", ip=str(scratch / "k"))
    km.connection_file = str(scratch / "kernel-connection.json")
    return Client(nb, km=km, timeout=job["cell_timeout"] * WALL_FACTOR, allow_errors=True, startup_timeout=120,
                  record_timing=False, resources={"metadata": {"path": str(scratch)}})


def _write_kernel_spec(job_dir: Path, job: dict, scratch: Path) -> Path:
    from .sandbox import kernel_argv

    argv = kernel_argv(str(scratch), job["limits"], job.get("uid"), job["caps"])
    kdir = job_dir / "kernels" / "course-sandbox"
    kdir.mkdir(parents=True, exist_ok=True)
    env = {"PYTHONNOUSERSITE": "1", "COURSE_CHECK_MODE": job.get("mode", "record")}
    if os.environ.get("COURSE_FAST"):
        env["COURSE_FAST"] = os.environ["COURSE_FAST"]
    (kdir / "kernel.json").write_text(json.dumps({"argv": argv, "display_name": "course sandbox",
                                                  "language": "python", "env": env}))
    return job_dir / "kernels"


def _fresh_scratch(job: dict, name: str) -> Path:
    # The sandbox binds scratch at its real path: sockets and the connection file must use it.
    scratch = Path(os.path.realpath(job["scratch"])) / name
    if scratch.exists():
        shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True)
    os.chmod(scratch, 0o700)
    for item in job.get("scratch_files", []):  # data files the notebooks read by relative path
        src = Path(item)
        if src.is_dir():
            shutil.copytree(src, scratch / src.name, symlinks=True)
        elif src.is_file():
            shutil.copy(src, scratch / src.name)
    return scratch


async def _run_once(nb, job, job_dir: Path, skip: dict, watch: _Watch, log) -> tuple[int | None, str | None]:
    """Run all cells once; return (index, reason) of a fatal cell, or (None, None)."""
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    scratch = _fresh_scratch(job, "run")
    kernel_dir = _write_kernel_spec(job_dir, job, scratch)
    client = _make_client(nb, job, scratch, kernel_dir)
    current = None
    try:
        async with client.async_setup_kernel(stdout=log, stderr=log):
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
            _kill_tree(pid)
        cleanup(str(scratch), job.get("uid"))
    return None, None


def run_notebook(nb, job: dict, job_dir: Path) -> tuple[nbformat.NotebookNode, dict]:
    """Execute ``nb`` in the sandbox (check helpers in ``job["mode"]``, default ``record``);
    return the executed notebook (records still in the test cells' outputs) and events."""
    nb = nbformat.from_dict(json.loads(json.dumps(nb)))
    skip: dict[int, str] = {}
    events: list[str] = []
    watch = _Watch(job["limits"]["memory_bytes"], job.get("cell_timeout"))
    log_path = job_dir / "kernel.log"
    try:
        for attempt in range(MAX_RESTARTS + 1):
            for cell in nb.cells:
                if cell.cell_type == "code":
                    cell.outputs, cell.execution_count = [], None
            with open(log_path, "ab") as log:
                index, reason = asyncio.run(_run_once(nb, job, job_dir, skip, watch, log))
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
    return nb, {"events": events}


def judge(executed, reference: dict) -> dict:
    """Decide the test cells of an executed notebook (in place); plain-data summary."""
    from .judge import judge_notebook

    verdicts = judge_notebook(executed, reference)
    return {gid: {"passed": v.passed, "message": v.message[:2000]} for gid, v in verdicts.items()}


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
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
        info["verdicts"] = judge(executed, reference.get(path.name, {}))
        info["seconds"] = round(time.monotonic() - t0, 1)
        nbformat.write(executed, out / path.name)
        results[path.name] = info
        (job_dir / "result.json").write_text(json.dumps(results, indent=1))
    shutil.rmtree(job["scratch"], ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
