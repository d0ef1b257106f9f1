"""Watching a running kernel from outside it (see :mod:`.worker`): its memory, and the
CPU time of the cell that is running; a kernel over either limit is killed, with the
reason kept for the learner's notes."""
from __future__ import annotations

import threading


def kill_tree(pid: int) -> None:
    """Kill a process and everything under it (errors ignored: it may be gone already)."""
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


class Watch:
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
                kill_tree(self.pid)
            elif self.cpu_per_cell and used > self.cpu_per_cell:
                self.killed_for = f"this cell used more than {self.cpu_per_cell:g} s of CPU time and was stopped"
                kill_tree(self.pid)

    def stop(self):
        self._stop.set()
