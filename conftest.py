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


# -- the order in which xdist hands out test files ------------------------------------
def pytest_collection_modifyitems(session, config, items):
    """The nbgrader round trip is the longest single file (every module graded twice,
    in one file so that one worker owns it): it goes first, so that it runs beside
    everything else instead of alone at the end. The other files follow largest first
    (what xdist's own --loadscope-reorder does, which the Makefile turns off so that
    this order holds)."""
    def scope(item):
        return item.nodeid.rsplit("::", 1)[0]

    sizes: dict = {}
    for item in items:
        sizes[scope(item)] = sizes.get(scope(item), 0) + 1
    first = "tests/test_roundtrip.py"
    # sort() is stable: the items of one file keep their order.
    items.sort(key=lambda it: (scope(it) != first, -sizes[scope(it)], scope(it)))
