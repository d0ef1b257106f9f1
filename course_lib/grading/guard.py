"""In-kernel guard for grading untrusted code (installed before any learner code runs).

A Python audit hook (PEP 578) cannot be removed once installed and sees every
``open``, process start, socket connection and ``compile``. The guard

* blocks reading the course's protected paths (solutions, gradebook, other
  learners' files) and writing anywhere outside the scratch directory;
* blocks starting processes, network connections and heap walks
  (``gc.get_objects`` and friends, the way to reach the guard's own state);
* snapshots the test helpers (``course_lib.checks``, NumPy's comparison
  functions, ``builtins``) and restores them before every test cell, so a
  submission cannot make its tests pass by monkeypatching them; a change it
  finds is reported as a flag for manual review;
* reports what it blocked and found in a line signed with a key that only the
  guard holds, so a submission cannot forge a clean report.

Everything here is a second line of defence: the first is the operating system
(own user, scratch directory, resource limits, no network) set up by
:mod:`course_lib.grading.sandbox`; what the machine cannot provide is reported
in the batch summary.
"""
from __future__ import annotations

RESTORE_MARKER = "# course-grader: check helpers restored"
REPORT_MARKER = "# course-grader: report"
# Fix (grading corpus, patch_*_inside): a submission that monkeypatches the
# helpers from inside the function a test calls (so after the restore that
# precedes the test cell) used to keep the test's points. The worker now puts a
# cell "VERIFY_MARKER <token>" after every test cell (a fresh random token per
# cell); the guard checks the helpers there, and reports the tokens of test
# cells that ran with the originals. A test cell without such a confirmation is
# failed by the worker. Taint is sticky: a token once seen with changed helpers
# is never confirmed, whatever the submission compiles later.
VERIFY_MARKER = "# course-grader: verify"
REPORT_PREFIX = "COURSE-GRADER-REPORT "
# Fix (grading corpus, ast_blank / text_blank): IPython lets code change how the
# kernel reads later cells (``ast_transformers``, input transformers). A
# submission installed one that turned every test cell into ``pass`` and kept the
# points of wrong answers. The guard now snapshots those lists with the helpers
# and restores them at every marker (at the test cell's own parse, before its
# AST is transformed), and each test cell's restore marker carries a digest of
# the cell's text: a test cell the kernel was made to read differently, or whose
# marker never compiled, is not counted.


# Fix (grading corpus, wiper / quiet_errors): whether a test passed was read from
# the cell's outputs, which the kernel produces in-process: a submission that
# cleared them after the test (``clear_output`` in a post_run_cell callback) or
# stopped IPython from showing errors kept the points of wrong answers. Each test
# cell now ends with ``PASSED_LINE``; its ``compile`` reaches the guard only when
# every check before it passed, and the guard accepts it only from the test
# cell's own top-level code run directly by the kernel (not from a function it
# calls, ``exec`` or a nested ``run_cell``). A test cell without that signed
# confirmation fails, whatever its outputs say.
PASSED_MARKER = "# course-grader: passed"
PASSED_LINE = ('import builtins as _course_grader; '
               '_course_grader = _course_grader.compile("{marker} {token}", "<course-grader>", "exec")')


def passed_line(token: str) -> str:
    return PASSED_LINE.format(marker=PASSED_MARKER, token=token)


def cell_digest(body: str) -> str:
    """Digest of a test cell's text as the grader wrote it (after the marker line)."""
    import hashlib

    return hashlib.sha256(body.rstrip().encode("utf-8")).hexdigest()[:32]

# Modules whose attributes tests rely on: restored before each test cell.
GUARDED_MODULES = (
    "builtins",
    "math",
    "numpy",
    "numpy.testing",
    "numpy.linalg",
    "course_lib.checks",
)
KERNEL_BUILTINS = {"input", "exit", "quit", "get_ipython", "display", "help", "copyright", "credits", "license"}
BLOCKED_EVENTS = {
    "subprocess.Popen": "started a process",
    "os.system": "started a shell command",
    "os.exec": "replaced the kernel process",
    "os.posix_spawn": "started a process",
    "os.spawn": "started a process",
    "os.fork": "forked the kernel",
    "os.forkpty": "forked the kernel",
    "pty.spawn": "started a process",
    "socket.connect": "opened a network connection",
    "socket.bind": "opened a network port",
    "gc.get_objects": "walked the heap (gc.get_objects)",
    "gc.get_referrers": "walked the heap (gc.get_referrers)",
    "gc.get_referents": "walked the heap (gc.get_referents)",
    "ctypes.dlopen": "loaded native code with ctypes",
    "sys.setprofile": "installed a profiler hook",
    "sys.settrace": "installed a trace hook",
}


def install(scratch: str, protected: list[str], key: bytes) -> None:
    """Install the audit hook. Enforcement starts when the first test helper is imported."""
    import hashlib
    import hmac
    import json
    import os
    import sys

    realpath, sep, fspath = os.path.realpath, os.sep, os.fspath
    scratch = realpath(scratch) + sep
    protected = tuple(realpath(p) + sep for p in protected)
    write_ok = (scratch, "/dev/null", "/dev/shm" + sep, "/proc/self/")
    flags: list[str] = []
    state = {"on": False, "snapshot": None, "busy": False, "ipython": [], "pending": False, "restored": False}
    verified: list[str] = []   # tokens of test cells that ran with the original helpers
    passed: list[str] = []     # tokens of test cells that ran to their end
    getframe = sys._getframe   # bound now, like sha256 below
    tainted: set[str] = set()
    judged: set[str] = set()   # verify tokens whose test cell has been judged
    O_WRITE = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
    sha256 = hashlib.sha256  # bound now: the submission may change module attributes later

    def digest_of(body):  # cell_digest, with nothing a submission can replace
        return sha256(body.rstrip().encode("utf-8")).hexdigest()[:32]

    def flag(text):
        if len(flags) < 50 and text not in flags:
            flags.append(text)

    def snapshot():
        snap = {}
        for name in GUARDED_MODULES:
            mod = sys.modules.get(name)
            if mod is not None:
                snap[name] = (mod, dict(vars(mod)))
        snap["sys"] = (sys, {k: getattr(sys, k) for k in ("stdout", "stderr", "audit", "modules", "meta_path", "path_hooks") if hasattr(sys, k)})
        return snap

    def snapshot_ipython():
        """The lists through which IPython rewrites cells before running them."""
        ipython = sys.modules.get("IPython")
        shell = ipython.get_ipython() if ipython is not None else None
        if shell is None:
            return []
        manager = getattr(shell, "input_transformer_manager", None)
        found = []
        for owner, attr, what in ((shell, "ast_transformers", "IPython's ast_transformers"),
                                  (shell, "input_transformers_post", "IPython's input transformers"),
                                  (manager, "cleanup_transforms", "IPython's input transformers"),
                                  (manager, "line_transforms", "IPython's input transformers")):
            lst = getattr(owner, attr, None) if owner is not None else None
            if isinstance(lst, list):
                found.append((owner, attr, what, lst, list(lst)))
        return found

    def restore_ipython(report_changes):
        changed = False
        for owner, attr, what, lst, items in state["ipython"]:
            current = getattr(owner, attr, None)
            if current is not lst or len(lst) != len(items) or any(a is not b for a, b in zip(lst, items)):
                changed = True
                if report_changes:
                    flag(f"changed {what} (how the kernel reads cells)")
                lst[:] = items
                if current is not lst:
                    setattr(owner, attr, lst)
        return changed

    def restore(report_changes):
        """Put the snapshot back; True if anything had been changed (reported or not)."""
        changed = restore_ipython(report_changes)
        for name, (mod, saved) in state["snapshot"].items():
            if name == "sys":
                for attr, value in saved.items():
                    if getattr(sys, attr, None) is not value:
                        changed = True
                        if report_changes:
                            flag(f"replaced sys.{attr}")
                        setattr(sys, attr, value)
                continue
            if sys.modules.get(name) is not mod:
                changed = True
                if report_changes:
                    flag(f"replaced the module {name} in sys.modules")
                sys.modules[name] = mod
            current = vars(mod)
            for attr, value in saved.items():
                if current.get(attr, current) is not value:
                    if name == "builtins" and (attr in KERNEL_BUILTINS or attr.startswith("_")):
                        continue  # IPython swaps these per request
                    if not attr.startswith("__"):
                        changed = True
                        if report_changes:
                            flag(f"changed {name}.{attr}")
                    current[attr] = value
        return changed

    def token(src, marker):
        rest = src.split(marker, 1)[1].split("\n", 1)[0].split()
        return rest[0] if rest else ""

    def report(final):
        body = json.dumps({"flags": flags, "verified": verified, "passed": passed, "final": final}, sort_keys=True)
        sig = hmac.new(key, body.encode(), hashlib.sha256).hexdigest()
        sys.__stdout__.flush()
        os.write(report_fd, (REPORT_PREFIX + sig + " " + body + "\n").encode())

    def start():
        # Called when the notebook first imports the check helpers: set-up done,
        # learner code follows. Import the guarded modules so they are snapshotted.
        for name in GUARDED_MODULES:
            try:
                __import__(name)
            except Exception:
                pass
        state["snapshot"] = snapshot()
        state["ipython"] = snapshot_ipython()
        state["on"] = True

    def from_test_cell():
        """Was compile called by a cell's top-level code that the kernel itself runs?"""
        frame = getframe(2)  # 0: this function, 1: hook, 2: the caller of compile
        if frame is None or frame.f_code.co_name != "<module>":
            return False
        # Its caller must be IPython's run_code, and the only one on the stack
        # (a nested get_ipython().run_cell(...) would add a second).
        runners, outer = 0, frame.f_back
        while outer is not None:
            code = outer.f_code
            runners += code.co_name == "run_code" and code.co_filename.endswith("interactiveshell.py")
            outer = outer.f_back
        return runners == 1 and frame.f_back.f_code.co_name == "run_code"

    def path_of(arg):
        try:
            return realpath(fspath(arg))
        except Exception:
            return None

    def hook(event, args):
        if state["busy"]:
            return
        if event == "compile" and args and isinstance(args[0], (str, bytes)):
            src = args[0] if isinstance(args[0], str) else args[0].decode("utf-8", "replace")
            if RESTORE_MARKER in src or REPORT_MARKER in src or VERIFY_MARKER in src or PASSED_MARKER in src:
                state["busy"] = True
                try:
                    if not state["on"]:
                        start()
                    elif PASSED_MARKER in src and RESTORE_MARKER not in src:
                        tok = token(src, PASSED_MARKER)
                        if not from_test_cell():
                            tainted.add(tok)
                            flag("tried to confirm a test from outside the test cell; that test was not counted")
                        elif tok and tok not in passed:
                            passed.append(tok)
                    elif VERIFY_MARKER in src:
                        tok = token(src, VERIFY_MARKER)
                        # The test cell before this one must have compiled as written.
                        # (The kernel compiles each cell twice: judge at the first.)
                        as_written = True
                        if tok not in judged:
                            judged.add(tok)
                            as_written = state["restored"] and not state["pending"]
                            state["restored"] = state["pending"] = False
                        if not as_written:
                            flag("a test cell did not run as written (its text was changed before it ran); "
                                 "that test was not counted")
                        if restore(report_changes=True) or tok in tainted or not as_written:
                            tainted.add(tok)
                            if tok in verified:
                                verified.remove(tok)
                            if as_written:
                                flag("the check helpers were changed while a test cell ran; that test was not counted")
                        elif tok and tok not in verified:
                            verified.append(tok)
                        report(final="")
                    else:
                        restore(report_changes=True)
                        digest = token(src, RESTORE_MARKER) if RESTORE_MARKER in src else ""
                        if digest:  # a test cell: is its text the grader's?
                            body = src.split(RESTORE_MARKER, 1)[1].split("\n", 1)
                            if digest_of(body[1] if len(body) > 1 else "") != digest:
                                state["pending"] = True
                            state["restored"] = True
                    if REPORT_MARKER in src:
                        report(final=token(src, REPORT_MARKER))
                finally:
                    state["busy"] = False
            return
        if not state["on"]:
            return
        if event == "open":
            path = path_of(args[0]) if args and not isinstance(args[0], int) else None
            if path is None:
                return
            mode, oflags = (args + (None, None))[1:3]
            writing = (isinstance(mode, str) and any(c in mode for c in "wax+")) or \
                      (isinstance(oflags, int) and oflags & O_WRITE)
            if (path + sep).startswith(scratch):
                return  # its own scratch folder: read and write freely
            if (path + sep).startswith(protected) or path.startswith(protected):
                flag(f"tried to open a protected file: {path}")
                raise PermissionError(f"grading sandbox: {path} is not readable during grading")
            if writing and not path.startswith(write_ok):
                flag(f"tried to write outside its scratch folder: {path}")
                raise PermissionError(f"grading sandbox: cannot write {path} during grading")
            return
        if event in BLOCKED_EVENTS or event.split(".")[0] == "os" and event.startswith("os.exec"):
            what = BLOCKED_EVENTS.get(event, "replaced the kernel process")
            flag(what)
            raise PermissionError(f"grading sandbox: not allowed during grading ({what})")

    report_fd = os.dup(1)  # the kernel's real stdout, read by the worker (not the notebook output)
    sys.addaudithook(hook)
