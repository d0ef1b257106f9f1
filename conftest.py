"""Repository-wide pytest configuration.

The suite runs in parallel with pytest-xdist and ``--dist loadfile``: nbval
keeps one kernel per notebook, so all cells of a notebook must run on the same
worker, and loadfile sends each file (notebook or test module) to one worker.
"""
import os

os.environ.setdefault("COURSE_FAST", "1")
os.environ.setdefault("MPLBACKEND", "Agg")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

# -- where the suite's time goes: one line per test file (or notebook) ---------------
_SECONDS: dict = {}


def pytest_runtest_logreport(report):
    # With xdist the controller receives every worker's reports, so this also sums there.
    path = report.nodeid.split("::", 1)[0]
    _SECONDS[path] = _SECONDS.get(path, 0.0) + report.duration


def pytest_terminal_summary(terminalreporter):
    if not _SECONDS or hasattr(terminalreporter.config, "workerinput"):
        return
    rows = sorted(_SECONDS.items(), key=lambda kv: -kv[1])
    total = sum(_SECONDS.values())
    terminalreporter.section("time per test file (setup + call + teardown, summed over workers)")
    width = max(len(p) for p, _ in rows)
    for path, seconds in rows:
        terminalreporter.write_line(f"{path:{width}s} {seconds:8.1f} s {100 * seconds / total:5.1f} %")
    terminalreporter.write_line(f"{'total':{width}s} {total:8.1f} s")
