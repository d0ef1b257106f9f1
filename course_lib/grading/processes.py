"""The worker processes of a batch: a fixed number of slots, each with its own sandbox
user (where the sandbox has users) and scratch folder; one
learner's job runs in one slot, as ``python -m course_lib.grading.worker JOB``
(:mod:`.worker`), under the total time limit per submission. Afterwards nothing of
the job is left running: its worker, its kernels, anything of the sandbox user."""
from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .sandbox import cleanup as sandbox_cleanup

__all__ = ["UID_BASE", "UID_POOL", "UidLease", "WorkerSlots", "kill_job_processes"]

UID_BASE = 61000
# Sandbox users come from this pool. Each batch leases its own uids (a lock file per
# uid, held while the batch runs and dropped by the kernel if the grader dies), because
# cleaning up after a job kills every process of its uid: two batches on one machine
# sharing a uid would kill each other's kernels.
UID_POOL = range(UID_BASE, UID_BASE + 512)
LEASE_DIR = Path(tempfile.gettempdir()) / "course-sandbox-uids"


class UidLease:
    """``count`` sandbox uids no other batch on this machine holds, until :meth:`release`."""

    def __init__(self, count: int, pool: range = UID_POOL, lease_dir: Path = LEASE_DIR):
        import fcntl

        lease_dir.mkdir(mode=0o700, exist_ok=True)
        self.uids: list[int] = []
        self._files = []
        for uid in pool:
            if len(self.uids) == count:
                break
            f = open(lease_dir / f"{uid}.lock", "a+")
            try:
                fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                f.close()
                continue
            self.uids.append(uid)
            self._files.append(f)
        if len(self.uids) < count:
            self.release()
            raise RuntimeError(f"no {count} free sandbox users in uids {pool.start}-{pool.stop - 1}: "
                               f"too many grading batches at once on this machine")

    def release(self) -> None:
        for f in self._files:
            f.close()   # closing drops the lock
        self._files, self.uids = [], []


class WorkerSlots:
    def __init__(self, workers: int, caps: dict, cell_timeout: int, total_timeout: int, limits,
                 fast: str | None = None):
        self.workers, self.caps = workers, caps
        # The kernels' COURSE_FAST: the grader's own unless a task says which (a Dask worker
        # may have been started with another; kernels must run in the reference's mode).
        self.fast = os.environ.get("COURSE_FAST") if fast is None else fast
        self.cell_timeout, self.total_timeout, self.limits = cell_timeout, total_timeout, limits
        self.scratch_root = Path(tempfile.mkdtemp(prefix="course-scratch-"))
        os.chmod(self.scratch_root, 0o711)  # sandbox users may enter their own folder, not list others
        self.lease = UidLease(workers) if caps.get("own_user") else None
        self.uids = list(self.lease.uids) if self.lease else []
        self.slots: queue.Queue = queue.Queue()
        for i in range(workers):
            self.slots.put(i)

    def run(self, job: Path, reference_path: Path) -> dict:
        """Run the job's notebooks in a free slot (waits for one): ``{"timed_out", "notebooks"
        (the worker's result.json), "returncode"}``."""
        slot = self.slots.get()
        uid = self.uids[slot] if self.uids else None
        # Named by worker slot, not by learner: the kernel's socket paths live in
        # here and must stay short whatever the learner's name.
        scratch = self.scratch_root / f"w{slot}"
        try:
            shutil.rmtree(scratch, ignore_errors=True)
            scratch.mkdir()
            os.chmod(scratch, 0o711)
            spec = {"cell_timeout": self.cell_timeout, "limits": self.limits, "uid": uid, "caps": self.caps,
                    "scratch": str(scratch), "reference": str(reference_path), "mode": "record",
                    "fast": self.fast or ""}
            (job / "job.json").write_text(json.dumps(spec))
            env = dict(os.environ)
            env.pop("COURSE_GRADEBOOK_URL", None)
            env["COURSE_GRADER_PID"] = str(os.getpid())  # the worker dies with us (worker.die_with_parent)
            proc = subprocess.Popen([sys.executable, "-m", "course_lib.grading.worker", str(job)],
                                    stdout=subprocess.DEVNULL, stderr=open(job / "worker.log", "wb"),
                                    start_new_session=True, env=env)
            try:
                proc.wait(timeout=self.total_timeout)
                timed_out = False
            except subprocess.TimeoutExpired:
                timed_out = True
                os.killpg(proc.pid, 9)
                proc.wait()
            # The kernel has its own session (and PID namespace where the sandbox has
            # one): killing the worker's group does not reach it. Its command line
            # names the scratch folder; anything left of the sandbox user goes too.
            kill_job_processes(job)
            kill_job_processes(scratch)
            sandbox_cleanup(str(scratch), uid)
            result = json.loads((job / "result.json").read_text()) if (job / "result.json").exists() else {}
            return {"timed_out": timed_out, "notebooks": result, "returncode": proc.returncode}
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
            self.slots.put(slot)

    def close(self) -> None:
        shutil.rmtree(self.scratch_root, ignore_errors=True)
        if self.lease:
            self.lease.release()


def kill_job_processes(job: Path) -> int:
    """Kill every process whose command line names the job folder (its worker, its kernels)."""
    import psutil

    mark, n = str(job) + os.sep, 0
    for p in psutil.process_iter(["cmdline"]):
        try:
            if any(mark in part for part in p.info["cmdline"] or []):
                p.kill()
                n += 1
        except psutil.Error:
            pass
    return n
