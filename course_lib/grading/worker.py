"""Execute one learner's (realigned) notebooks in the sandbox and write the results.

``python -m course_lib.grading.worker JOB_DIR`` reads ``JOB_DIR/job.json`` and
the notebooks in ``JOB_DIR/in/``, and writes executed notebooks to
``JOB_DIR/out/`` plus ``JOB_DIR/result.json``. The job folder belongs to the
grader; the kernel runs elsewhere (its scratch folder), as another user where
possible, and never sees the job folder.

A cell that runs too long, uses too much memory or kills the kernel
(``os._exit``, a crash) is marked as failed, the kernel is restarted and the
notebook is run again without that cell, so one bad cell costs only the points
that depend on it. The batch process enforces the total time per submission.
"""
from __future__ import annotations

import asyncio
import json
import os
import secrets
import shutil
import signal
import sys
import threading
import time
from pathlib import Path

import nbformat

from .guard import PASSED_MARKER, REPORT_MARKER, REPORT_PREFIX, RESTORE_MARKER, VERIFY_MARKER, cell_digest, passed_line

MAX_OUTPUT_CHARS = 200_000  # per cell; the rest is dropped with a note
MAX_RESTARTS = 3


def _error_output(name: str, text: str) -> nbformat.NotebookNode:
    return nbformat.v4.new_output("error", ename=name, evalue=text, traceback=[f"{name}: {text}"])


def _prepare(nb) -> nbformat.NotebookNode:
    """Add the guard's start cell and restore markers, a verify cell after each test cell
    (see guard.VERIFY_MARKER), and the final report cell."""
    nb = nbformat.from_dict(json.loads(json.dumps(nb)))
    cells = []
    for cell in nb.cells:
        cells.append(cell)
        meta = cell.metadata.get("nbgrader") or {}
        if cell.cell_type == "code" and meta.get("grade") and not meta.get("solution"):
            # Fix: confirm after the test cell that it ran with the original helpers,
            # and at its end (see guard.PASSED_MARKER) that it ran to completion.
            tok = secrets.token_hex(16)
            body = cell.source.rstrip() + "\n" + passed_line(tok)
            cell.source = f"{RESTORE_MARKER} {cell_digest(body)}\n" + body
            verify = nbformat.v4.new_code_cell(f"{VERIFY_MARKER} {tok}\npass")
            verify.metadata["course_grader"] = "verify"
            cell.metadata["course_grader_token"] = tok
            cells.append(verify)
    # Trusted preloading first: importing TensorFlow and friends legitimately
    # probes the platform (subprocess, sockets, ctypes); then the guard starts.
    preload = nbformat.v4.new_code_cell(
        "import course_lib, course_lib.checks, numpy, numpy.testing, keras, matplotlib.pyplot\n"
        "course_lib.setup(verbose=False)")
    preload.metadata["course_grader"] = "preload"
    start = nbformat.v4.new_code_cell(RESTORE_MARKER + "\npass")
    start.metadata["course_grader"] = "start"
    report = nbformat.v4.new_code_cell(f"{REPORT_MARKER} {secrets.token_hex(16)}\npass")
    report.metadata["course_grader"] = "report"
    nb.cells = [preload, start, *cells, report]
    return nb


def _final_token(nb) -> str:
    report = nb.cells[-1]
    return report.source.split(REPORT_MARKER, 1)[1].split("\n", 1)[0].strip()


def _fail_unverified(nb, verified: list, passed: list) -> int:
    """Fail every test cell the guard did not confirm ran to its end with the original helpers."""
    n = 0
    for cell in nb.cells:
        tok = cell.metadata.get("course_grader_token")
        if tok is None or (tok in verified and tok in passed):
            continue
        if any(o.get("output_type") == "error" for o in cell.outputs):
            continue
        if tok not in passed:
            cell.outputs.append(_error_output(
                "GradingStopped", "this test did not run to its end (its error output was hidden or removed); "
                "not counted"))
            n += 1
        else:
            cell.outputs.append(_error_output(
                "GradingStopped", "the grader could not confirm that this test ran with the original check "
                "helpers (they were changed while it ran); not counted"))
            n += 1
    return n


def _where(nb, index: int) -> str:
    """A cell of the prepared notebook as the notebook's reader knows it (the grader's
    own cells, which shift the indices, not counted), with its exercise if any."""
    cell = nb.cells[index]
    if "course_grader" in cell.metadata:
        return f"the grader's {cell.metadata['course_grader']} cell"
    n = sum(1 for c in nb.cells[:index + 1] if "course_grader" not in c.metadata)
    gid = (cell.metadata.get("nbgrader") or {}).get("grade_id")
    return f"cell {n}" + (f" ({gid})" if gid else "")


def _unprepare(nb) -> nbformat.NotebookNode:
    nb.cells = [c for c in nb.cells if "course_grader" not in c.metadata]
    for cell in nb.cells:
        cell.metadata.pop("course_grader_token", None)
        if cell.cell_type == "code" and cell.source.startswith(RESTORE_MARKER):
            lines = cell.source.split("\n")[1:]
            if lines and PASSED_MARKER in lines[-1]:
                lines = lines[:-1]
            cell.source = "\n".join(lines)
    return nb


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


def kill_user(uid: int | None) -> int:
    """Kill every process of the sandbox user (background processes a submission left)."""
    import psutil

    if uid is None or uid == os.getuid():
        return 0
    n = 0
    for p in psutil.process_iter(["uids"]):
        try:
            if p.info["uids"] and p.info["uids"].real == uid:
                p.kill()
                n += 1
        except psutil.Error:
            pass
    return n


class _Watch:
    """Watches the kernel's memory and records which cell is running."""

    def __init__(self, limit: int):
        self.limit, self.pid, self.cell, self.killed_for = limit, None, None, None
        self._stop = threading.Event()
        threading.Thread(target=self._run, daemon=True).start()

    def _run(self):
        import psutil

        while not self._stop.wait(0.5):
            if self.pid is None:
                continue
            try:
                root = psutil.Process(self.pid)
                rss = sum(p.memory_info().rss for p in [root, *root.children(recursive=True)])
            except psutil.Error:
                continue
            if rss > self.limit:
                self.killed_for = f"used more than {self.limit / 2**30:.1f} GiB of memory"
                _kill_tree(self.pid)

    def stop(self):
        self._stop.set()


def _make_client(nb, job, scratch: Path, kernel_dir: Path):
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import AsyncKernelManager
    from nbclient import NotebookClient

    class Client(NotebookClient):
        # Fix (grading corpus, "noisy"): the cap was checked only before a message
        # was added, so one message (ipykernel sends a burst of prints as one)
        # brought 50 MB into the notebook, the gradebook and the feedback; and
        # the "dropped" note (marked with a key outside the notebook schema) was
        # never recognised, so it was added again for every later message. Now
        # the message that crosses the cap is cut and the cell's later output dropped,
        # except errors: dropping a test cell's error (as before, after 200 kB of
        # prints from the tested function) made a failing test count as passed.
        capped: set = set()

        def output(self, outs, msg, display_id, cell_index):
            is_error = msg.get("msg_type") == "error"
            if cell_index in self.capped and not is_error:
                return None
            used = sum(len(json.dumps(o)) for o in outs)
            out = super().output(outs, msg, display_id, cell_index)
            if out is None or is_error or used + len(json.dumps(out)) <= MAX_OUTPUT_CHARS:
                return out
            self.capped.add(cell_index)
            if out.get("output_type") == "stream":
                out["text"] = out["text"][:max(0, MAX_OUTPUT_CHARS - used - 200)]
            elif out in outs:
                outs.remove(out)  # a huge image or page: dropped whole
            outs.append(nbformat.v4.new_output(
                "stream", name="stdout",
                text=f"\n[grader] output longer than {MAX_OUTPUT_CHARS} characters; the rest was dropped\n"))
            return out

    ksm = KernelSpecManager(kernel_dirs=[str(kernel_dir)])
    # Unix sockets in the scratch folder, not TCP: the kernel may live in its own
    # network namespace (no network at all), where localhost is not ours.
    km = AsyncKernelManager(kernel_name="course-sandbox", kernel_spec_manager=ksm,
                            transport="ipc", ip=str(scratch / "kernel-ipc"))
    return Client(nb, km=km, timeout=job["cell_timeout"], allow_errors=True, startup_timeout=60,
                  record_timing=False, resources={"metadata": {"path": str(scratch)}})


def _write_kernel_spec(job_dir: Path, job: dict, scratch: Path) -> Path:
    from .sandbox import wrap_command

    config = {"scratch": str(scratch), "protected": job["protected"], "limits": job["limits"],
              "uid": job.get("uid"), "hide": job["caps"].get("hidden_files", False)}
    (job_dir / "sandbox.json").write_text(json.dumps(config))
    argv = wrap_command([sys.executable, "-m", "course_lib.grading.sandbox", str(job_dir / "sandbox.json"),
                         "-f", "{connection_file}"], job["caps"])
    kdir = job_dir / "kernels" / "course-sandbox"
    kdir.mkdir(parents=True, exist_ok=True)
    env = {"COURSE_SANDBOX_NS": "1" if job["caps"].get("no_network") else "0", "PYTHONNOUSERSITE": "1"}
    if os.environ.get("COURSE_FAST"):
        env["COURSE_FAST"] = os.environ["COURSE_FAST"]
    (kdir / "kernel.json").write_text(json.dumps({"argv": argv, "display_name": "course sandbox",
                                                  "language": "python", "env": env}))
    return job_dir / "kernels"


def _fresh_scratch(job: dict, name: str) -> Path:
    scratch = Path(job["scratch"]) / name
    if scratch.exists():
        shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True)
    os.chmod(scratch, 0o700)
    for item in job.get("scratch_files", []):  # data files the notebooks read by relative path
        src = Path(item)
        if src.is_dir():
            shutil.copytree(src, scratch / src.name)
        elif src.is_file():
            shutil.copy(src, scratch / src.name)
    return scratch


async def _run_once(nb, job, job_dir: Path, skip: dict, watch: _Watch, log) -> tuple[int | None, str | None]:
    """Run all cells once; return (index, reason) of a fatal cell, or (None, None)."""
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    scratch = _fresh_scratch(job, "run")
    key = secrets.token_bytes(32)
    (scratch / ".guard-key").write_bytes(key)
    job["_key"] = key
    kernel_dir = _write_kernel_spec(job_dir, job, scratch)
    client = _make_client(nb, job, scratch, kernel_dir)
    current = None
    try:
        async with client.async_setup_kernel(stdout=log, stderr=log):
            watch.pid = client.km.provisioner.process.pid if client.km.provisioner else None
            skipped_test = False
            for index, cell in enumerate(nb.cells):
                if cell.cell_type != "code":
                    continue
                if index in skip or (skipped_test and cell.metadata.get("course_grader") == "verify"):
                    # A skipped test cell's verify cell is skipped too: nothing to confirm.
                    skipped_test = index in skip and "course_grader_token" in cell.metadata
                    if index in skip:
                        cell.outputs = [_error_output("GradingStopped", skip[index])]
                    continue
                skipped_test = False
                current = index
                await client.async_execute_cell(cell, index)
            current = None
    except CellTimeoutError:
        return current, f"this cell ran longer than {job['cell_timeout']} s and was stopped"
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
        kill_user(job.get("uid"))
    return None, None


def _read_guard_report(log_path: Path, key: bytes, final: str = "") -> dict:
    import hashlib
    import hmac

    found, complete = None, False
    try:
        text = log_path.read_text(errors="replace")
    except OSError:
        text = ""
    for line in text.splitlines():
        idx = line.find(REPORT_PREFIX)
        if idx < 0:
            continue
        sig, _, body = line[idx + len(REPORT_PREFIX):].partition(" ")
        if hmac.compare_digest(sig, hmac.new(key, body.encode(), hashlib.sha256).hexdigest()):
            found = json.loads(body)
            complete = complete or (bool(final) and found.get("final") == final)
    if found is None or not complete:
        # The guard also reports after each test cell; a report without the
        # final cell's token means the notebook did not run to its end.
        return {"verified": False, "tests_verified": (found or {}).get("verified", []),
                "tests_passed": (found or {}).get("passed", []),
                "flags": [*(found or {}).get("flags", []),
                          "the guard's report is missing (kernel stopped early, or output tampered with)"]}
    return {"verified": True, "flags": found["flags"], "tests_verified": found.get("verified", []),
            "tests_passed": found.get("passed", [])}


def run_notebook(nb, job: dict, job_dir: Path) -> tuple[nbformat.NotebookNode, dict]:
    nb = _prepare(nb)
    skip: dict[int, str] = {}
    events: list[str] = []
    watch = _Watch(job["limits"]["memory_bytes"])
    log_path = job_dir / "kernel.log"
    try:
        for attempt in range(MAX_RESTARTS + 1):
            for cell in nb.cells:
                if cell.cell_type == "code":
                    cell.outputs, cell.execution_count = [], None
            with open(log_path, "wb") as log:
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
        # A test cell without outputs would count as passed: every cell that did
        # not run gets an error instead.
        for cell in nb.cells:
            if cell.cell_type == "code" and cell.execution_count is None and \
                    not any(o.get("output_type") == "error" for o in cell.outputs):
                cell.outputs.append(_error_output("GradingStopped", "this cell was not run"))
        guard = _read_guard_report(log_path, job.pop("_key", b""), _final_token(nb))
        if _fail_unverified(nb, guard.pop("tests_verified"), guard.pop("tests_passed")) and guard["verified"]:
            events.append("a test cell did not run to its end as written, or ran with changed check "
                          "helpers, and was not counted")
    finally:
        watch.stop()
    return _unprepare(nb), {"events": events, "guard": guard}


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    job_dir = Path(argv[0])
    job = json.loads((job_dir / "job.json").read_text())
    out = job_dir / "out"
    out.mkdir(exist_ok=True)
    signal.signal(signal.SIGTERM, lambda *a: sys.exit(1))
    results = {}
    for path in sorted((job_dir / "in").glob("*.ipynb")):
        t0 = time.monotonic()
        nb = nbformat.read(path, as_version=4)
        executed, info = run_notebook(nb, job, job_dir)
        info["seconds"] = round(time.monotonic() - t0, 1)
        nbformat.write(executed, out / path.name)
        results[path.name] = info
        (job_dir / "result.json").write_text(json.dumps(results, indent=1))
    shutil.rmtree(job["scratch"], ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
