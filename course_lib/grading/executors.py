"""Where one submission's grading runs: this machine's sandboxed pool, or a Dask cluster.

Both executors take the same thing, a prepared job folder (``<job>/in/*.ipynb``,
:mod:`.prepare`) and the batch's reference records, and fill ``<job>/out/`` and
``<job>/result.json`` the way :class:`.processes.WorkerSlots` does, so the batch
(:mod:`.batch`) records grades the same way whichever ran them.

* :class:`LocalExecutor` (the default): a fixed number of worker slots on this
  machine, each with its own sandbox user.
* :class:`DaskExecutor`: one Dask task per submission, run by :func:`grade_payload`
  on whichever worker the scheduler picks. The task carries what it needs (the
  realigned notebooks, the reference records of just those notebooks, the limits
  and the fast-mode setting) and returns the judged notebooks and the worker's
  result as plain data; the worker never sees the gradebook, the course folder or
  other learners' files. Inside the task everything is as on one machine: a
  sandbox user leased on that host, the limits, the guard, the judge.

A task's key is the hash of what it grades (the realigned notebooks, the reference
and the limits, which together pin the course version and the submission's
content), so a task the scheduler retries after losing a worker, or the same
submission sent twice, is one task with one result, recorded once by the batch.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import time
from pathlib import Path

__all__ = ["LocalExecutor", "DaskExecutor", "ClusterError", "grade_payload", "make_executor", "task_key"]

# How long the batch waits for a worker to come (back) before it gives up on the
# submissions still waiting; a scheduler with no workers would otherwise wait forever.
NO_WORKER_TIMEOUT = 120.0


class ClusterError(RuntimeError):
    """The Dask cluster cannot be used (unreachable, no workers): a clear message for the CLI."""


# ------------------------------------------------------------------------------ one task

def pack_job(job: Path, reference_path: Path) -> dict:
    """A job folder's inputs as plain data (what travels with a Dask task)."""
    reference = json.loads(Path(reference_path).read_text())
    notebooks = {p.name: p.read_text() for p in sorted((job / "in").glob("*.ipynb"))}
    return {"notebooks": notebooks, "reference": {name: reference.get(name, {}) for name in notebooks}}


def task_key(payload: dict, settings: dict) -> str:
    h = hashlib.sha256(json.dumps([payload, settings], sort_keys=True).encode())
    return "course-grade-" + h.hexdigest()[:40]


def grade_payload(payload: dict, settings: dict) -> dict:
    """Grade one packed submission on this machine (the body of a Dask task).

    ``settings``: ``cell_timeout``, ``total_timeout``, ``limits``, ``fast`` (the
    grader's ``COURSE_FAST``, so kernels run in the mode the reference was made in).
    Returns ``{"run": <WorkerSlots.run result>, "out": {name: judged notebook JSON},
    "caps": this host's sandbox, "host", "phases"}``.
    """
    from .processes import WorkerSlots
    from .sandbox import Limits, capabilities

    t0 = time.monotonic()
    caps = capabilities()
    tmp = Path(tempfile.mkdtemp(prefix="course-task-"))
    os.chmod(tmp, 0o700)
    slots = None
    try:
        job = tmp / "job"
        (job / "in").mkdir(parents=True)
        os.chmod(job, 0o700)
        for name, text in payload["notebooks"].items():
            (job / "in" / Path(name).name).write_text(text)
        ref = tmp / "reference.json"
        ref.write_text(json.dumps(payload["reference"]))
        os.chmod(ref, 0o600)
        # One slot for this task: its own sandbox user, leased on this host for the
        # task's duration, so tasks running side by side on one worker never share one.
        slots = WorkerSlots(1, caps, settings["cell_timeout"], settings["total_timeout"],
                            Limits(**settings.get("limits", {})), fast=settings.get("fast"))
        run = slots.run(job, ref)
        out = {p.name: p.read_text() for p in sorted((job / "out").glob("*.ipynb"))} if (job / "out").is_dir() else {}
        import socket

        return {"run": run, "out": out, "caps": caps, "host": socket.gethostname(),
                "seconds": round(time.monotonic() - t0, 2)}
    finally:
        if slots is not None:
            slots.close()
        shutil.rmtree(tmp, ignore_errors=True)


def unpack_result(job: Path, result: dict) -> dict:
    """Write a task's judged notebooks into the local job folder; the run summary."""
    out = job / "out"
    out.mkdir(exist_ok=True)
    for name, text in result.get("out", {}).items():
        (out / Path(name).name).write_text(text)
    run = dict(result["run"])
    (job / "result.json").write_text(json.dumps(run.get("notebooks", {}), indent=1))
    run["host"] = result.get("host")
    return run


# ------------------------------------------------------------------------------ executors

class LocalExecutor:
    """Today's pool: ``workers`` sandboxed slots on this machine (:class:`.processes.WorkerSlots`)."""

    kind = "local"

    def __init__(self, workers: int, caps: dict, cell_timeout: int, total_timeout: int, limits):
        from .processes import WorkerSlots

        self.workers, self.caps = workers, caps
        self.slots = WorkerSlots(workers, caps, cell_timeout, total_timeout, limits)

    @property
    def uids(self) -> list:
        return list(self.slots.uids)

    def run(self, job: Path, reference_path: Path, learner: str = "") -> dict:
        return self.slots.run(job, reference_path)

    def describe(self) -> str:
        return f"{self.workers} local worker slot(s)"

    def close(self) -> None:
        self.slots.close()


def _cluster_address(cluster: str) -> tuple[str | None, int | None]:
    """``"local:N"`` -> (None, N); ``"tcp://host:port"`` (or ``host:port``) -> (address, None)."""
    if cluster.startswith("local"):
        _, _, n = cluster.partition(":")
        try:
            count = int(n or os.cpu_count() or 1)
        except ValueError:
            raise ClusterError(f"--cluster {cluster!r}: use local:N with N a number of workers, "
                               f"or the scheduler's address, e.g. tcp://scheduler:8786") from None
        if count < 1:
            raise ClusterError(f"--cluster {cluster!r}: a local cluster needs at least one worker")
        return None, count
    return (cluster if "://" in cluster else "tcp://" + cluster), None


class DaskExecutor:
    """One Dask task per submission on a cluster (``tcp://scheduler:8786``) or a ``LocalCluster``."""

    kind = "dask"

    def __init__(self, cluster: str, cell_timeout: int, total_timeout: int, limits, *,
                 connect_timeout: float = 10.0, no_worker_timeout: float | None = None):
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:  # pragma: no cover - dask is in requirements.txt
            raise ClusterError("--cluster needs Dask: pip install 'dask[distributed]'") from exc
        address, local_workers = _cluster_address(cluster)
        self.settings = {"cell_timeout": cell_timeout, "total_timeout": total_timeout, "limits": dict(limits),
                         "fast": os.environ.get("COURSE_FAST")}
        self.no_worker_timeout = NO_WORKER_TIMEOUT if no_worker_timeout is None else no_worker_timeout
        self._local = None
        try:
            if address is None:
                # Processes, not threads: a worker is its own process, as on a cluster; one
                # thread each, since one grading already keeps a core busy.
                import dask

                # A grading takes seconds to minutes: hand a worker a new one only when it is free
                # (saturation 1.0), so no submission waits behind another on a busy worker.
                with dask.config.set({"distributed.scheduler.worker-saturation": 1.0}):
                    self._local = LocalCluster(n_workers=local_workers, threads_per_worker=1, processes=True,
                                               host="127.0.0.1", dashboard_address=None, silence_logs=40)
                address = self._local.scheduler_address
            self.client = Client(address, timeout=connect_timeout, set_as_default=False)
        except (OSError, TimeoutError) as exc:
            self._close_local()
            raise ClusterError(f"could not reach the Dask scheduler at {address}: {exc}. Is it running "
                               f"(`dask scheduler`), and is the address right?") from exc
        self.address = address
        self.caps = self._worker_capabilities()
        self.workers = max(1, sum(w.get("nthreads", 1) for w in self._workers().values()))

    # -- cluster state
    def _workers(self) -> dict:
        return self.client.scheduler_info(n_workers=-1).get("workers", {}) if self.client.status == "running" \
            else {}

    def _wait_for_workers(self) -> None:
        deadline = time.monotonic() + self.no_worker_timeout
        while not self._workers():
            if time.monotonic() > deadline:
                raise ClusterError(f"the Dask scheduler at {self.address} has no workers (waited "
                                   f"{self.no_worker_timeout:.0f} s); start some with "
                                   f"`dask worker {self.address} --nthreads 1` (see the README)")
            time.sleep(0.5)

    def _worker_capabilities(self) -> dict:
        """The weakest sandbox among the workers: what the batch's summary may claim."""
        from .sandbox import PROPERTIES, capabilities

        self._wait_for_workers()
        found = self.client.run(capabilities)
        caps = None
        for host_caps in found.values():
            if caps is None:
                caps = dict(host_caps)
                continue
            for prop in PROPERTIES:
                if not host_caps.get(prop):
                    caps[prop] = False
                    caps[prop + "_why"] = host_caps.get(prop + "_why", "not on every worker")
            if host_caps.get("mechanism") != caps.get("mechanism"):
                caps["mechanism"] = "mixed: " + ", ".join(sorted({c.get("mechanism", "none") for c in found.values()}))
        return caps or capabilities()

    @property
    def uids(self) -> list:
        return []  # leased on each worker host, per task

    def describe(self) -> str:
        return f"Dask cluster at {self.address} ({len(self._workers())} worker(s), {self.workers} thread(s))"

    # -- one submission
    def run(self, job: Path, reference_path: Path, learner: str = "") -> dict:
        payload = pack_job(job, reference_path)
        key = task_key(payload, self.settings)
        # pure=False with an explicit key: the same content is one task, however often sent.
        future = self.client.submit(grade_payload, payload, self.settings, key=key, pure=False, retries=1)
        try:
            return unpack_result(job, self._result(future))
        finally:
            future.release()

    def _result(self, future):
        """The task's result; a clear error if every worker has gone or the task kept killing them."""
        last_worker_seen = time.monotonic()
        while True:
            try:
                return future.result(timeout=2.0)
            except TimeoutError:
                pass
            except Exception as exc:
                if type(exc).__name__ == "KilledWorker":
                    raise RuntimeError("the Dask workers grading this submission died each time it ran "
                                       "(the scheduler gave up on it); nothing was recorded for it") from exc
                raise
            if self._workers():
                last_worker_seen = time.monotonic()
            elif time.monotonic() - last_worker_seen > self.no_worker_timeout:
                future.cancel()
                raise ClusterError(f"no Dask worker for {self.no_worker_timeout:.0f} s: every worker of "
                                   f"{self.address} has gone")

    def _close_local(self) -> None:
        if self._local is not None:
            self._local.close()
            self._local = None

    def close(self) -> None:
        try:
            self.client.close()
        except Exception:  # noqa: BLE001 - a scheduler that is gone cannot be told goodbye
            pass
        self._close_local()


def make_executor(cluster: str | None, workers: int, caps: dict, cell_timeout: int, total_timeout: int, limits):
    if cluster:
        return DaskExecutor(cluster, cell_timeout, total_timeout, limits)
    return LocalExecutor(workers, caps, cell_timeout, total_timeout, limits)

