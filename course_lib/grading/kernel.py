"""The sandboxed kernel one notebook run talks to (see :mod:`.worker`): its scratch
folder, its kernel spec (the sandbox's command line, :mod:`.sandbox`) and the
notebook client that drives it, with bounded outputs (:mod:`.outputs`)."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from .outputs import bounded_client_class

# A cell's limit (job["cell_timeout"]) counts CPU seconds of the kernel and all its
# threads and children, so a busy machine never turns a pass into a fail. A cell
# that waits without using CPU (sleep, a blocked read) is stopped after this many
# times the limit in wall-clock time.
WALL_FACTOR = 4
IOPUB_WAIT = 60


def make_client(nb, job, scratch: Path, kernel_dir: Path):
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import AsyncKernelManager
    from nbclient import NotebookClient

    Client = bounded_client_class(NotebookClient)
    ksm = KernelSpecManager(kernel_dirs=[str(kernel_dir)])
    # Unix sockets in the scratch folder, not TCP: the kernel lives in its own network
    # namespace (no network at all), where localhost is not ours.
    km = AsyncKernelManager(kernel_name="course-sandbox", kernel_spec_manager=ksm,
                            transport="ipc", ip=str(scratch / "k"))
    km.connection_file = str(scratch / "kernel-connection.json")
    # nbclient's default wait for a cell's last outputs after its reply is 4 s: on a busy machine
    # the records could arrive later and a correct answer would lose them. A kernel that never
    # sends them costs this wait once per cell, within the batch's total time limit.
    return Client(nb, km=km, timeout=job["cell_timeout"] * WALL_FACTOR, allow_errors=True, startup_timeout=120,
                  iopub_timeout=IOPUB_WAIT, record_timing=False, resources={"metadata": {"path": str(scratch)}})


def write_kernel_spec(job_dir: Path, job: dict, scratch: Path) -> Path:
    from .sandbox import kernel_argv

    argv = kernel_argv(str(scratch), job["limits"], job.get("uid"), job["caps"])
    kdir = job_dir / "kernels" / "course-sandbox"
    kdir.mkdir(parents=True, exist_ok=True)
    env = {"PYTHONNOUSERSITE": "1", "COURSE_CHECK_MODE": job.get("mode", "record")}
    fast = job["fast"] if "fast" in job else os.environ.get("COURSE_FAST")
    if fast:
        env["COURSE_FAST"] = fast
    (kdir / "kernel.json").write_text(json.dumps({"argv": argv, "display_name": "course sandbox",
                                                  "language": "python", "env": env}))
    return job_dir / "kernels"


def fresh_scratch(job: dict, name: str) -> Path:
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
