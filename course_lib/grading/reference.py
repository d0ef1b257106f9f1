"""The trusted half of differential grading: our solution's check records.

:func:`reference_records` executes a source notebook (``solutions/...``) from top to
bottom in a fresh kernel of the grader's own Python, with
``COURSE_CHECK_MODE=reference``, and keeps, for each test cell, the records its checks
sent: expected values, tolerances, names and hints (see :mod:`course_lib.checks`).
They are computed once per notebook and cached on disk by a digest of the notebook,
the course library's code and the fast-mode setting, so a batch (or the test suite)
pays for each notebook once.

This kernel is trusted: it runs only the course's own code, never a submission.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

import nbformat

from .judge import reference_from

__all__ = ["reference_records", "cache_key", "default_cache"]


def _library_digest() -> str:
    """Digest of the course library's code (a change in it may change reference values)."""
    import course_lib

    h = hashlib.sha256()
    for path in sorted(Path(course_lib.__file__).parent.rglob("*.py")):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def cache_key(source: nbformat.NotebookNode) -> str:
    h = hashlib.sha256(json.dumps(source, sort_keys=True).encode())
    h.update(_library_digest().encode())
    h.update(("fast" if os.environ.get("COURSE_FAST", "") not in ("", "0") else "full").encode())
    return h.hexdigest()[:32]


# Seconds to wait, after a cell's reply, for its last output messages (see _execute).
IOPUB_WAIT = 60


def default_cache() -> Path:
    return Path(os.environ.get("COURSE_REFERENCE_CACHE") or Path.home() / ".cache" / "deep-learning-course" / "reference")


def _execute(source: nbformat.NotebookNode, cwd: Path, timeout: int) -> nbformat.NotebookNode:
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import AsyncKernelManager
    from jupyter_core.utils import run_sync
    from nbclient import NotebookClient

    kdir = cwd / "kernels" / "course-reference"
    kdir.mkdir(parents=True)
    env = {"COURSE_CHECK_MODE": "reference", "PYTHONNOUSERSITE": "1"}
    if os.environ.get("COURSE_FAST"):
        env["COURSE_FAST"] = os.environ["COURSE_FAST"]
    (kdir / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}",
                 "--HistoryManager.hist_file=:memory:"],
        "display_name": "course reference", "language": "python", "env": env}))
    # The async manager, as nbclient expects: with the blocking one, nbclient's wait for a
    # cell's last output message blocks its event loop, and a lost message hung it for good.
    km = AsyncKernelManager(kernel_name="course-reference", transport="ipc", ip=str(cwd / "k"),
                            kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(cwd / "kernels")]))
    nb = nbformat.from_dict(json.loads(json.dumps(source)))
    work = cwd / "work"
    work.mkdir()
    # A cell's last outputs may come a while after its reply on a busy machine; one that never
    # comes is an error (a reference missing records would grade with fewer checks).
    client = NotebookClient(nb, km=km, timeout=timeout, allow_errors=True, startup_timeout=120,
                            iopub_timeout=IOPUB_WAIT, raise_on_iopub_timeout=True,
                            resources={"metadata": {"path": str(work)}})
    try:
        with open(cwd / "kernel.log", "wb") as log:  # the kernel's own log lines stay out of the instructor's terminal
            client.execute(stdout=log, stderr=log)
    finally:
        # nbclient shuts down only kernel managers it made itself.
        if km.has_kernel:
            run_sync(km.shutdown_kernel)(now=True)
    return nb


def reference_records(source: str | os.PathLike | nbformat.NotebookNode, cache: Path | None = None,
                      timeout: int = 600) -> dict:
    """``{grade_id: {"records": [...], "passed": text}}`` for every test cell of ``source``.
    Raises RuntimeError when our own solution fails one of its tests."""
    nb = source if isinstance(source, nbformat.NotebookNode) else nbformat.read(source, as_version=4)
    cache = Path(cache) if cache is not None else default_cache()
    key = cache_key(nb)
    path = cache / f"{key}.json"
    cache.mkdir(parents=True, exist_ok=True)
    # One process computes a notebook's reference; others asking at the same time wait for it.
    with open(cache / f"{key}.lock", "w") as lock:
        _lock(lock)
        if path.exists():
            try:
                return json.loads(path.read_text())
            except ValueError:
                pass  # a torn write: compute it again
        tmp = Path(tempfile.mkdtemp(prefix="course-reference-"))
        try:
            executed = _execute(nb, tmp, timeout)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        ref = reference_from(executed)
        part = path.with_suffix(f".{os.getpid()}.tmp")
        part.write_text(json.dumps(ref))
        os.replace(part, path)
        return ref


def _lock(handle) -> None:
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no lock, at worst computed twice
        return
    fcntl.flock(handle, fcntl.LOCK_EX)
