"""A corpus of damaged and hostile submissions of ``00_welcome``, each with the grade it must get.

Built from the real notebooks: the *student* version (``modules/00_welcome``)
with the solution's answers pasted into the answer cells is the correct
submission; every other learner damages it the way editors, LMS exports and
people do, or attacks the grader. :func:`build_corpus` writes the files into a
folder shaped like an LMS export (a flat folder of files named after the
learner, plus a few per-learner folders) and returns, per learner id, what
``course grade`` must report (:class:`Expected`).

Beyond damage, the corpus holds each class of attack on the grader as it is now
(the judge decides outside the learner's process, the kernel runs in a sandbox):
wrong answers trying to reach full marks (check helpers' code swapped, a fake
``course_lib.checks`` served by ``__import__``, ``__builtins__`` or
``sys.meta_path``, NumPy internals patched, builtins shadowed, patches that exist
only while a test runs, expected values read from the test's frames or its
source, execute_results and forged check records), secrets (the input history
printed into the feedback, ``/proc/<pid>/root`` and ``dir_fd`` routes to the
solution), escape and damage (``fork_exec``, ``posix_spawn``, a ``setsid``
daemon, 1 GiB into ``/dev/shm``, files in ``/tmp``), input faults (names that
differ by accents, a 100-character name, a learner called ``submitted``, links,
100,000 cells, 100,000-deep JSON, 1,000 cells of output; a zip entry declaring
5 GiB in :func:`build_zipped`) and injection (scripts in outputs, control
characters in file names). Each attacker prints what it did (``evidence``).

00_welcome has one notebook with two exercises of 2 points each:
``00_unit_range`` (tested by ``00_unit_range_tests``) and
``00_count_parameters`` (tested by ``00_count_parameters_tests``).

Used by tests/test_grade_batch.py; ``python tests/grading_corpus.py DEST``
writes the corpus for a manual ``course grade 00_welcome DEST`` run.
"""
from __future__ import annotations

import copy
import dataclasses
import json
import os
import shutil
import sys
from pathlib import Path

import nbformat

from course_lib import nbcells

ROOT = Path(__file__).resolve().parents[1]
MODULE = "00_welcome"
NOTEBOOK = "00_welcome.ipynb"
SOURCE = ROOT / "solutions" / MODULE / NOTEBOOK
RELEASE = ROOT / "modules" / MODULE / NOTEBOOK
EX1, EX2 = "00_unit_range", "00_count_parameters"
T1, T2 = EX1 + "_tests", EX2 + "_tests"
MAX_SCORE = 4.0

# A file a hostile submission tries to leave behind outside its scratch folder.
ESCAPE_FILE_NAME = "course-grading-corpus-escape.txt"
# What the attackers below leave behind if the sandbox lets them: files in the host's
# /tmp and /dev/shm, and processes (command lines) that must not outlive the batch.
LEFTOVER_NAMES = ("course-corpus-shm", "course-corpus-tmp-file.txt")
PROCESS_MARKERS = ("sleep 600", "sleep 611", "sleep 612", "course-corpus-daemon")
# Script text an injecting learner puts in its outputs: none may reach a live <script>.
SCRIPT_MARKER = "courseCorpusInjected"
# Control characters in a learner's file name (terminal escape, carriage return,
# newline, right-to-left override): never raw in the terminal table or the CSV.
CONTROL_NAME = "\x1b[2J\rspoofed line\n\u202eevil_00_welcome.ipynb"

# Faults of the pipeline that the corpus expects fixed but that are not in yet (or bugs
# found with it): the learners' ``waiting`` entries name them. Each is an xfail(strict)
# test, so it turns into a failure (remove the entry) the day it is fixed.
WAITING: dict = {}   # fault -> what is wrong; empty: nothing known to be wrong


@dataclasses.dataclass
class Expected:
    """What ``course grade`` must report for one learner."""

    score: float
    why: str                                     # the case, in words
    status: str | None = "ok"                    # exact status, or None: not checked
    exercises: dict | None = None                # test grade_id -> points, where it matters
    notes: tuple = ()                            # substrings, each found in some note
    flags: tuple = ()                            # substrings, each found in some review flag
    clean: bool = False                          # no review flags at all (honest code)
    max_score: float = MAX_SCORE
    # Lines that must appear in the outputs of the learner's own (non-test) cells: proof
    # that the attack really ran (a typo in it would make its 0 mean nothing).
    evidence: tuple = ()
    max_seconds: float | None = None             # grading this learner takes at most this long
    # (aspect, fault) pairs the pipeline does not get right yet: each is tested on its own,
    # as an expected failure (strict), in tests/test_grade_batch.py::test_waiting_for;
    # aspects: "outcome", "feedback" (hidden tests, size), "scripts", "names" (control
    # characters), "outputs" (the worker's output caps).
    waiting: tuple = ()


def make_course(dest: Path) -> Path:
    """A throw-away course root for ``grade(root=...)``: the config and this module's source only."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "nbgrader_config.py", dest / "nbgrader_config.py")
    shutil.copytree(ROOT / "solutions" / MODULE, dest / "solutions" / MODULE)
    return dest


# -- building blocks ------------------------------------------------------------

def _meta(cell) -> dict:
    return nbcells.meta(cell)


def _index(nb, grade_id: str) -> int:
    return next(i for i, c in enumerate(nb.cells) if _meta(c).get("grade_id") == grade_id)


def _solution_answers() -> dict[str, str]:
    src = nbformat.read(SOURCE, as_version=4)
    return {_meta(c)["grade_id"]: "\n".join(ln for ln in c.source.splitlines()
                                           if ln.strip() not in ("### BEGIN SOLUTION", "### END SOLUTION"))
            for c in src.cells if _meta(c).get("solution")}


def _given(release, grade_id: str) -> list[str]:
    """The lines a learner was given in an answer cell (signature and docstring), not the stub."""
    cell = release.cells[_index(release, grade_id)]
    return [ln for ln in cell.source.splitlines()
            if ln.strip() not in ("# YOUR CODE HERE (replace the next line)", "raise NotImplementedError()")]


def answer(release, grade_id: str, body: str, before: str = "") -> str:
    """An answer cell: optional module-level code, the given signature and docstring, then ``body``."""
    body = "\n".join("    " + ln if ln.strip() else ln for ln in body.strip("\n").splitlines())
    return (before.strip("\n") + "\n\n" if before.strip() else "") + "\n".join(_given(release, grade_id)) + "\n" + body


def release_notebook():
    return nbformat.read(RELEASE, as_version=4)


def correct_notebook():
    """The student notebook with the solution's answers pasted in (4 / 4)."""
    nb = release_notebook()
    for gid, src in _solution_answers().items():
        nb.cells[_index(nb, gid)].source = src
    return nb


def _with(nb, **answers):
    nb = copy.deepcopy(nb)
    for gid, src in answers.items():
        nb.cells[_index(nb, gid)].source = src
    return nb


# Wrong answers. W1 has the right dtype and shape and only wrong values, so that
# check_close alone catches it (what monkeypatching check_close would hide).
W1 = "return np.asarray(images, dtype=np.float32) / np.float32(256.0)"
W2 = "return 7"
GOOD1 = "return np.asarray(images, dtype=np.float32) / np.float32(255.0)"
GOOD2 = "return int(sum(n_in * n_out + n_out for n_in, n_out in zip(layer_sizes[:-1], layer_sizes[1:])))"


# An IPython AST transformer that turns every test cell (the cells importing the check
# helpers) into `pass`.
BLANK_TESTS = (
    "import ast\n"
    "class _Blank(ast.NodeTransformer):\n"
    "    def visit_Module(self, node):\n"
    "        if any(isinstance(n, ast.ImportFrom) and n.module == 'course_lib.checks' for n in node.body):\n"
    "            node.body = [ast.Pass()]\n"
    "        return node\n"
    "get_ipython().ast_transformers.append(_Blank())")


def _write(nb, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)


# -- attacks on the differential judge: wrong answers trying to reach full marks -------------
# Every learner here answers wrongly (W1, W2) unless said otherwise; whatever its code does
# in its own kernel, it can only change the values its checks send, so it scores 0. Each
# prints a line ("corpus: ...") from a cell of its own, the proof that the attack ran.

HELPERS = ("check_close", "check_dtype", "check_shape", "check_true", "check_implemented", "check_cases")

CODE_SWAP = (
    "import course_lib.checks\n"
    "course_lib.checks.check_close.__code__ = (lambda *a, **k: None).__code__\n"
    f"for _name in {HELPERS[1:] + ('_record', '_send')!r}:\n"
    "    getattr(course_lib.checks, _name).__code__ = (lambda *a, **k: None).__code__\n"
    "print('corpus: swapped the code of the check helpers')")

# check_close's code swapped for one that sends the *expected* value as the learner's
# result: wins wherever a check's expected value exists in the learner's kernel.
ECHO_EXPECTED = (
    "import course_lib.checks\n"
    "def _echo(actual, expected=None, name='result', rtol=1e-5, atol=1e-8, hint=None):\n"
    "    _record('close', expected, expected=expected, name=name, rtol=rtol, atol=atol, hint=hint)\n"
    "course_lib.checks.check_close.__code__ = _echo.__code__\n"
    "print('corpus: check_close now sends the expected value as the result')")

# A stand-in for course_lib.checks whose helpers do nothing, served three ways.
_FAKE_CHECKS = (
    "import types\n"
    "def _nothing(*a, **k):\n"
    "    return None\n"
    "_fake = types.ModuleType('course_lib.checks')\n"
    f"for _n in {HELPERS + ('passed',)!r}:\n"
    "    setattr(_fake, _n, _nothing)\n"
    "_fake.__getattr__ = lambda name: _nothing   # check_equal, REFERENCE, whatever a test imports\n")
# ... a cell at the end: which helpers did the test cells get?
WHICH_HELPERS = "print('corpus: the test cells got', check_close.__qualname__, passed.__qualname__)"

IMPORT_HOOK = _FAKE_CHECKS + (
    "import builtins\n"
    "_real_import = builtins.__import__\n"
    "def _import(name, globals=None, locals=None, fromlist=(), level=0):\n"
    "    if name.startswith('course_lib.checks'):\n"
    "        return _fake\n"
    "    return _real_import(name, globals, locals, fromlist, level)\n"
    "builtins.__import__ = _import\n"
    "print('corpus: builtins.__import__ replaced')")

BUILTINS_REBIND = _FAKE_CHECKS + (
    "import builtins as _b\n"
    "_table = dict(vars(_b))\n"
    "def _import(name, globals=None, locals=None, fromlist=(), level=0):\n"
    "    if name.startswith('course_lib.checks'):\n"
    "        return _fake\n"
    "    return _b.__import__(name, globals, locals, fromlist, level)\n"
    "_table['__import__'] = _import\n"
    "__builtins__ = _table\n"
    "print('corpus: __builtins__ rebound')")

META_PATH = _FAKE_CHECKS + (
    "import sys\n"
    "import importlib.machinery\n"
    "import course_lib\n"
    "import course_lib.checks\n"
    "class _Loader:\n"
    "    def create_module(self, spec):\n"
    "        return _fake\n"
    "    def exec_module(self, module):\n"
    "        pass\n"
    "class _Finder:\n"
    "    def find_spec(self, name, path=None, target=None):\n"
    "        if name == 'course_lib.checks':\n"
    "            return importlib.machinery.ModuleSpec(name, _Loader())\n"
    "        return None\n"
    "sys.meta_path.insert(0, _Finder())\n"
    "del sys.modules['course_lib.checks']\n"
    "del course_lib.checks\n"
    "print('corpus: sys.meta_path serves a fake course_lib.checks')")

NUMPY_PATCH = (
    "import numpy\n"
    "import numpy.testing\n"
    "import numpy._core.numeric as _numeric\n"
    "_numeric.allclose = lambda *a, **k: True\n"
    "_numeric.isclose = lambda a, b, *r, **k: numpy.ones(numpy.broadcast(a, b).shape, dtype=bool)\n"
    "_numeric.array_equal = lambda *a, **k: True\n"
    "numpy.allclose, numpy.isclose, numpy.array_equal = _numeric.allclose, _numeric.isclose, _numeric.array_equal\n"
    "numpy.testing.assert_allclose = lambda *a, **k: None\n"
    "print('corpus: numpy patched, allclose(0, 1) is', numpy.allclose(0, 1))")

SHADOW_BUILTINS = (
    "isinstance = lambda *a, **k: True\n"
    "len = lambda *a, **k: 0\n"
    "bool = lambda *a, **k: True\n"
    "all = any = lambda *a, **k: True\n"
    "print('corpus: isinstance(1, str) is', isinstance(1, str))")

# Patches that exist only while a test cell runs, and are gone before and after it.
# (_c._send drops the records; check_close/_record do nothing.)
_IN_CHECKS = (
    "def _in_checks(frame):\n"
    "    while frame is not None:\n"
    "        name = frame.f_code.co_filename\n"
    "        if 'course_lib' in name and name.endswith('checks.py'):\n"
    "            return True\n"
    "        frame = frame.f_back\n"
    "    return False\n")
_PATCHES = (
    "import course_lib.checks as _c\n"
    "_saved = {n: getattr(_c, n) for n in ('_send', '_record', 'check_close')}\n"
    "_hits = []\n"
    "def _patch(on):\n"
    "    for _n, _f in _saved.items():\n"
    "        setattr(_c, _n, (lambda *a, **k: None) if on else _f)\n")
THREAD_PATCH = _IN_CHECKS + _PATCHES + (
    "import sys, threading, time\n"
    "def _loop():\n"
    "    main = threading.main_thread().ident\n"
    "    while True:\n"
    "        on = _in_checks(sys._current_frames().get(main))\n"
    "        if on:\n"
    "            _hits.append(1)\n"
    "        _patch(on)\n"
    "        time.sleep(0.0002)\n"
    "threading.Thread(target=_loop, daemon=True).start()\n"
    "print('corpus: patching thread started')")
ALARM_PATCH = _IN_CHECKS + _PATCHES + (
    "import signal\n"
    "def _tick(signum, frame):\n"
    "    on = _in_checks(frame)\n"
    "    if on:\n"
    "        _hits.append(1)\n"
    "    _patch(on)\n"
    "signal.signal(signal.SIGALRM, _tick)\n"
    "signal.setitimer(signal.ITIMER_REAL, 0.002, 0.002)\n"
    "print('corpus: SIGALRM patcher armed')")
AUDIT_PATCH = _PATCHES + (
    "import sys\n"
    "def _hook(event, args):\n"
    "    if event == 'compile' and args and isinstance(args[0], (str, bytes)):\n"
    "        src = args[0] if isinstance(args[0], str) else args[0].decode('utf-8', 'replace')\n"
    "        on = 'course_lib.checks' in src\n"
    "        if on:\n"
    "            _hits.append(1)\n"
    "        _patch(on)\n"
    "sys.addaudithook(_hook)\n"
    "print('corpus: audit hook installed')")
HITS = "print('corpus: patched while a test ran:', 'yes' if _hits else 'no')"

# Reading the expected values from the frames of the running test: check_cases holds
# each row's `expected` while it calls the learner's function.
FRAME_LOG = "_log = {}\n"
FRAME_STEAL_1 = (
    "import inspect\n"
    "_log['frames'] = True\n"
    "for _info in inspect.stack()[1:]:\n"
    "    for _k, _v in list(_info.frame.f_locals.items()):\n"
    "        try:\n"
    "            if _k in ('expected', 'want', 'wanted', 'target', 'reference', 'solution') \\\n"
    "                    and np.shape(_v) == np.shape(images):\n"
    "                return np.asarray(_v, dtype=np.float32)\n"
    "        except Exception:\n"
    "            pass\n" + W1)
FRAME_STEAL_2 = (
    "import sys\n"
    "_log['frames'] = True\n"
    "_f = sys._getframe(1)\n"
    "while _f is not None:\n"
    "    if 'expected' in _f.f_locals and 'row' in _f.f_locals:\n"
    "        return _f.f_locals['expected']\n"
    "    _f = _f.f_back\n" + W2)

# Reading the running test cell's text (input history, else linecache) and evaluating
# what the checks compare with.
SOURCE_TOOLS = (
    "import ast, linecache, sys\n"
    "_log = {}\n"
    "def _test_source():\n"
    "    src = ''\n"
    "    for get in (lambda: In[-1], lambda: _ih[-1],\n"
    "                lambda: get_ipython().history_manager.input_hist_raw[-1]):\n"
    "        try:\n"
    "            src = get()\n"
    "        except Exception:\n"
    "            continue\n"
    "        if 'check_' in src:\n"
    "            break\n"
    "    f = sys._getframe(1)\n"
    "    while 'check_' not in src and f is not None:\n"
    "        src, f = ''.join(linecache.getlines(f.f_code.co_filename)), f.f_back\n"
    "    _log['source'] = 'check_' in src\n"
    "    return src\n"
    "def _calls(src, helper):\n"
    "    try:\n"
    "        tree = ast.parse(src)\n"
    "    except SyntaxError:\n"
    "        return []\n"
    "    return [n for n in ast.walk(tree) if isinstance(n, ast.Call) and getattr(n.func, 'id', None) == helper\n"
    "            and len(n.args) >= 2]\n"
    "def _value(node):\n"
    "    return eval(compile(ast.Expression(node), '<test>', 'eval'), globals())\n")
SOURCE_STEAL_1 = (
    "for _call in _calls(_test_source(), 'check_close'):\n"
    "    try:\n"
    "        _v = _value(_call.args[1])\n"
    "    except Exception:\n"
    "        continue\n"
    "    if np.shape(_v) == np.shape(images):\n"
    "        return np.asarray(_v, dtype=np.float32)\n" + W1)
SOURCE_STEAL_2 = (
    "for _call in _calls(_test_source(), 'check_cases'):\n"
    "    try:\n"
    "        _rows = _value(_call.args[1])\n"
    "    except Exception:\n"
    "        continue\n"
    "    for _row in _rows:\n"
    "        if list(_row[0][0]) == list(layer_sizes):\n"
    "            return _row[1]\n" + W2)
LOG = "print('corpus: attack ran:', sorted(_log))"

# An execute_result (and a success line) before the test's error.
DISPLAYHOOK = "import sys\nsys.displayhook('\\u2714 passed.')\nprint('\\u2714 passed.')\n"

# Records forged by the learner: made-up values of plausible kinds, a record whose
# "ref" claims its own expected value, and malformed ones.
FORGE = (
    "import numpy as np\n"
    "import course_lib.records as _r\n"
    "from IPython.display import publish_display_data\n"
    "_MIME = 'application/x-course-check-record'\n"
    "_forged = [0]\n"
    "def _forge():\n"
    "    good = [{'kind': 'implemented', 'value': _r.encode((True, None))},\n"
    "            {'kind': 'dtype', 'value': 'float32'},\n"
    "            {'kind': 'close', 'value': _r.encode(np.array([0.0, 0.2, 1.0], dtype=np.float32)),\n"
    "             'ref': {'expected': _r.encode([0.0, 0.2, 1.0])}},\n"
    "            {'kind': 'shape', 'value': _r.encode((2, 3, 4))},\n"
    "            {'kind': 'true', 'value': True},\n"
    "            {'kind': 'close', 'value': _r.encode(13)}]\n"
    "    for rec in good:\n"
    "        publish_display_data({_MIME: _r.dumps(rec)})\n"
    "    for junk in ('{\"kind\": \"close\", \"value\": {\"$nd\": \"bm90IGFuIGFycmF5\"}}', '[' * 5000 + ']' * 5000,\n"
    "                 '{\"kind\": \"close\", \"value\": {\"$obj\": [\"numpy.ndarray\"]}}', 'not json'):\n"
    "        publish_display_data({_MIME: junk})\n"
    "    _forged[0] += 1\n"
    "_forge()\n"
    "print('corpus: forged records sent')")

ODD_DISPLAY = (
    "from IPython.display import publish_display_data\n"
    "publish_display_data({'application/x-course-check-record': {'kind': 'true', 'value': True}})\n"
    "print('corpus: odd display sent')")

# -- secrets ------------------------------------------------------------------------
# A later, ordinary cell prints what the kernel keeps of the test cells it ran.
HISTORY_DUMP = (
    "import linecache\n"
    "print('corpus: history printed')\n"
    "print('In:', In)\n"
    "print('_ih:', _ih)\n"
    "print('_i, _ii, _iii:', _i, _ii, _iii)\n"
    "try:\n"
    "    print('history:', get_ipython().history_manager.input_hist_raw)\n"
    "except Exception as exc:\n"
    "    print('no history manager:', exc)\n"
    "for _name, _entry in list(linecache.cache.items()):\n"
    "    if 'ipykernel' in str(_name) or str(_name).startswith('<'):\n"
    "        print(_name, ''.join(_entry[2]) if len(_entry) > 2 else _entry)")


def proc_root_steal(paths: list[str]) -> str:
    """Every /proc/<pid>/root route to the solution, and os.open with dir_fd on "/"."""
    return (
        "import os\n"
        "_stolen, _tried = None, 0\n"
        f"_targets = {paths!r}\n"
        "for _pid in sorted(os.listdir('/proc')):\n"
        "    if not _pid.isdigit():\n"
        "        continue\n"
        "    for _t in _targets:\n"
        "        _tried += 1\n"
        "        try:\n"
        "            with open(f'/proc/{_pid}/root{_t}') as _f:\n"
        "                _text = _f.read()\n"
        "        except OSError:\n"
        "            continue\n"
        "        if 'def to_unit_range' in _text:\n"
        "            _stolen = _text\n"
        "try:\n"
        "    _root = os.open('/', os.O_RDONLY | os.O_DIRECTORY)\n"
        "    for _t in _targets:\n"
        "        _tried += 1\n"
        "        try:\n"
        "            _fd = os.open(_t.lstrip('/'), os.O_RDONLY, dir_fd=_root)\n"
        "        except OSError:\n"
        "            continue\n"
        "        _text = os.read(_fd, 1 << 24).decode(errors='replace')\n"
        "        os.close(_fd)\n"
        "        if 'def to_unit_range' in _text:\n"
        "            _stolen = _text\n"
        "    os.close(_root)\n"
        "except OSError as exc:\n"
        "    print('dir_fd:', exc)\n"
        "print(f'corpus: tried {_tried} routes,', 'stole the solution' if _stolen else 'nothing stolen')")


USE_STOLEN = (
    "if _stolen:\n"
    "    import json\n"
    "    for _c in json.loads(_stolen)['cells']:\n"
    "        _s = ''.join(_c['source'])\n"
    "        if 'def to_unit_range' in _s:\n"
    "            _ns = {'np': np}\n"
    "            exec(_s, _ns)\n"
    "            return _ns['to_unit_range'](images)\n" + W1)

# -- escape and damage (right answers: what they break must show in OTHER learners) ----
SPAWN = (
    "import os, _posixsubprocess\n"
    "try:\n"
    "    _r, _w = os.pipe()\n"
    "    _pid = _posixsubprocess.fork_exec([b'/bin/sleep', b'611'], [b'/bin/sleep'], True, (), None, None,\n"
    "                                      -1, -1, -1, -1, -1, -1, _r, _w, False, True, -1, None, None, None,\n"
    "                                      -1, None, False)\n"
    "    print('corpus: fork_exec started', _pid)\n"
    "except Exception as exc:\n"
    "    print('corpus: fork_exec failed:', exc)\n"
    "try:\n"
    "    print('corpus: posix_spawn started', os.posix_spawn('/bin/sleep', ['sleep', '612'], dict(os.environ)))\n"
    "except Exception as exc:\n"
    "    print('corpus: posix_spawn failed:', exc)")

# The daemon (a fresh interpreter, so that its command line says what it is) waits for
# the kernel to be gone, then kills whatever it can reach and writes to the gradebook.
DAEMON = (
    "import os, sys, time\n"
    "gradebook, folder = sys.argv[2], int(sys.argv[3])\n"
    "time.sleep(45)\n"
    "try:\n"
    "    os.kill(-1, 9)\n"
    "except OSError:\n"
    "    pass\n"
    "for p in os.listdir('/proc'):\n"
    "    if p.isdigit() and int(p) != os.getpid():\n"
    "        try:\n"
    "            os.kill(int(p), 9)\n"
    "        except OSError:\n"
    "            pass\n"
    "try:\n"
    "    with open(gradebook, 'ab') as f:\n"
    "        f.write(b'daemon was here')\n"
    "except OSError:\n"
    "    pass\n"
    "if folder >= 0:\n"
    "    try:\n"
    "        fd = os.open(os.path.basename(gradebook), os.O_WRONLY | os.O_APPEND, dir_fd=folder)\n"
    "        os.write(fd, b'daemon was here')\n"
    "    except OSError:\n"
    "        pass\n")


def daemon(gradebook: str) -> str:
    return (
        "import os, sys\n"
        f"_gradebook = {gradebook!r}\n"
        "try:\n"
        "    _folder = os.open(os.path.dirname(_gradebook), os.O_RDONLY | os.O_DIRECTORY)\n"
        "    os.set_inheritable(_folder, True)\n"
        "    print('corpus: opened the gradebook folder')\n"
        "except OSError as exc:\n"
        "    _folder = -1\n"
        "    print('corpus: gradebook folder not reachable:', exc)\n"
        f"_daemon = {DAEMON!r}\n"
        "try:\n"
        "    _child = os.fork()\n"
        "    if _child == 0:\n"
        "        os.setsid()\n"
        "        if os.fork() == 0:\n"
        "            os.execv(sys.executable, [sys.executable, '-c', _daemon, 'course-corpus-daemon', _gradebook,\n"
        "                                      str(_folder)])\n"
        "        os._exit(0)\n"
        "    os.waitpid(_child, 0)\n"
        "    print('corpus: daemon started')\n"
        "except Exception as exc:\n"
        "    print('corpus: daemon not started:', exc)")


TMP_SHM = (
    "_written = 0\n"
    "try:\n"
    "    with open('/dev/shm/course-corpus-shm', 'wb') as _f:\n"
    "        while _written < (1 << 30):\n"
    "            _f.write(b'\\0' * (8 << 20))\n"
    "            _f.flush()\n"
    "            _written += 8 << 20\n"
    "    print('corpus: /dev/shm took 1 GiB')\n"
    "except OSError as exc:\n"
    "    print(f'corpus: /dev/shm full at {_written >> 20} MiB:', exc)\n"
    "try:\n"
    "    with open('/tmp/course-corpus-tmp-file.txt', 'w') as _f:\n"
    "        _f.write('left behind')\n"
    "    print('corpus: wrote /tmp/course-corpus-tmp-file.txt')\n"
    "except OSError as exc:\n"
    "    print('corpus: /tmp not writable:', exc)")

# -- injection into the feedback --------------------------------------------------------
INJECT = (
    "from IPython.display import HTML, Javascript, display, publish_display_data\n"
    "class _Sneaky:\n"
    "    def _repr_javascript_(self):\n"
    f"        return 'window.{SCRIPT_MARKER}Repr = 1;'\n"
    "display(_Sneaky())\n"
    f"display(Javascript('window.{SCRIPT_MARKER}Js = 1;'))\n"
    f"display(HTML('<script>window.{SCRIPT_MARKER}Html = 1;</script><b>bold</b>'\n"
    f"             '<img src=x onerror=\"window.{SCRIPT_MARKER}Onerror = 1\">'))\n"
    f"publish_display_data({{'text/html': '<script>window.{SCRIPT_MARKER}Published = 1;</script>',\n"
    f"                      'application/javascript': 'window.{SCRIPT_MARKER}PublishedJs = 1;'}})\n"
    "_Sneaky()")


def build_corpus(dest: Path, course_root: Path | None = None, gradebook: Path | None = None) -> dict[str, Expected]:
    """Write the corpus into ``dest`` (a flat LMS-style folder with a few learner folders).

    ``course_root`` is the course folder that will be graded (whose solutions a
    hostile submission tries to read); ``gradebook`` the SQLite file it tries to
    write. Returns ``{learner id: Expected}``; the ids are what
    :func:`course_lib.grading.submissions.collect` must derive from the names.
    """
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    course_root = Path(course_root or ROOT).resolve()
    gradebook = Path(gradebook) if gradebook else course_root / ".nbgrader" / "gradebook.db"
    from course_lib.grading.submissions import learner_and_notebook

    rel = release_notebook()
    good = correct_notebook()
    good_text = nbformat.writes(good)
    i1, i2 = _index(rel, EX1), _index(rel, EX2)
    t1, t2 = _index(rel, T1), _index(rel, T2)
    corpus: dict[str, Expected] = {}

    def flat(learner_file: str, nb, expected: Expected, learner: str) -> None:
        _write(nb, dest / learner_file)
        corpus[learner] = expected

    def wrong_with_cell(code: str):
        """Wrong answers in both exercises, and ``code`` in a cell the learner added."""
        nb = _with(good, **{EX1: answer(rel, EX1, W1), EX2: answer(rel, EX2, W2)})
        nb.cells.insert(3, nbformat.v4.new_code_cell(code))
        return nb

    # -- the two references ------------------------------------------------------
    flat("Alice Smith_1001_assignsubmission_file_00_welcome.ipynb", good,
         Expected(4, "the correct submission (Moodle file name)", clean=True,
                  exercises={T1: 2, T2: 2}), "alice_smith_1001")
    flat("untouched_00_welcome.ipynb", rel,
         Expected(0, "the student notebook as released", exercises={T1: 0, T2: 0}, clean=True), "untouched")

    # -- unreadable files --------------------------------------------------------
    broken = good_text.replace('"cells": [', '"cells": [{,', 1)
    (dest / "corrupt_json_00_welcome.ipynb").write_text(broken)
    corpus["corrupt_json"] = Expected(0, "not valid JSON", status="unreadable", notes=("not valid notebook JSON",))
    (dest / "truncated_00_welcome.ipynb").write_text(good_text[: len(good_text) // 2])
    corpus["truncated"] = Expected(0, "upload cut in half", status="unreadable",
                                   notes=("ends too early (truncated upload?)",))
    (dest / "empty_00_welcome.ipynb").write_bytes(b"")
    corpus["empty"] = Expected(0, "empty file", status="unreadable", notes=("the file is empty",))

    # -- file names ------------------------------------------------------------------
    nb = copy.deepcopy(good)
    for k, cell in enumerate(nb.cells):                # what Colab leaves of the metadata
        cell.metadata = {"id": f"colab{k:04d}"}
    nb.metadata = {"colab": {"provenance": []}, "kernelspec": {"name": "python3", "display_name": "Python 3"}}
    _write(nb, dest / "renamed" / "Untitled1.ipynb")   # learner folder, file renamed
    corpus["renamed"] = Expected(4, "notebook renamed in the learner's folder, all nbgrader metadata stripped "
                                    "(Colab)", notes=("grading metadata was missing or changed",))
    (dest / "missing").mkdir()
    (dest / "missing" / "my answers.txt").write_text("I could not upload the notebook, sorry\n")
    corpus["missing"] = Expected(0, "learner folder without the notebook", notes=("not submitted",))

    # -- structural damage (one kind per exercise) ---------------------------------
    nb = copy.deepcopy(good)
    nb.cells[i2], nb.cells[t2] = nb.cells[t2], nb.cells[i2]   # test 2 above its answer
    stub = copy.deepcopy(rel.cells[i1])
    stub.id = "copied-stub"
    nb.cells[i1:i1] = [stub]                          # answer 1: the stub, then the worked copy
    twice = copy.deepcopy(nb.cells[_index(nb, T1)])
    twice.id = "copied-test"
    nb.cells.insert(_index(nb, T1) + 1, twice)        # test 1 twice
    flat("smithbob_LATE_2002_3003_00_welcome.ipynb", nb,   # Canvas's name for a late file
         Expected(4, "answer 1 and test 1 duplicated, test 2 moved above its answer (Canvas name, late)",
                  notes=("appears 2 times",)), "smithbob_2002_3003")

    nb = copy.deepcopy(good)
    del nb.cells[t2]
    del nb.cells[i1]
    flat("deleted_00_welcome.ipynb", nb,
         Expected(2, "answer 1 deleted (0), test 2 deleted (restored: 2)", exercises={T1: 0, T2: 2},
                  notes=(f"{EX1}: no answer cell found", f"{T2}: the test cell was missing; restored it")),
         "deleted")

    nb = copy.deepcopy(good)
    nb.cells[i1] = nbformat.v4.new_markdown_cell(nb.cells[i1].source, metadata=nb.cells[i1].metadata)
    nb.cells[i2].metadata["nbgrader"]["grade_id"] = EX1      # grade_ids confused and renamed,
    nb.cells[t1].metadata["nbgrader"]["grade_id"] = "my_tests"
    nb.cells[t2].metadata["nbgrader"]["points"] = 100        # points edited
    flat("edited_meta_00_welcome.ipynb", nb,
         Expected(4, "answer 1 turned into markdown, grade_ids swapped/renamed, points edited",
                  notes=(f"{EX1}: the answer cell had been changed to markdown",
                         f"{EX2}: the answer cell's grading metadata was missing or changed")), "edited_meta")

    # Answers that pass the visible tests but not the hidden ones, with the test
    # cells reduced to `pass`: restored tests (hidden part included) still fail
    # them. The first also prints more than the output cap before its tests
    # fail: the cut output must not take the test's error with it.
    nb = _with(good, **{
        EX1: answer(rel, EX1, "print('z' * 300_000)\n"
                              "return np.atleast_1d(np.asarray(images, dtype=np.float32) / np.float32(255.0))"),
        EX2: answer(rel, EX2, "if len(layer_sizes) < 2:\n    return 1\n" + GOOD2),
    })
    nb.cells[t1].source = "pass"
    nb.cells[t2].source = "pass"
    flat("tests_edited_00_welcome.ipynb", nb,
         Expected(0, "test cells edited to `pass`, answers pass only the visible tests (one prints 300 kB)",
                  exercises={T1: 0, T2: 0}, notes=("the test cell had been edited; used the original",)),
         "tests_edited")

    # -- code that fights the runner ---------------------------------------------
    flat("infinite_loop_00_welcome.ipynb", _with(good, **{EX2: answer(rel, EX2, (
            "if list(layer_sizes) == [1, 1, 1, 1]:   # only on a hidden test's input\n"
            "    while True:\n"
            "        pass\n" + GOOD2))}),
         Expected(2, "infinite loop in the function a (hidden) test calls", exercises={T1: 2, T2: 0},
                  notes=("was stopped",)), "infinite_loop")
    flat("sigint_00_welcome.ipynb", _with(good, **{EX1: answer(rel, EX1, GOOD1, before=(
            "import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True:\n    pass"))}),
         Expected(2, "answer cell that ignores SIGINT and loops forever", exercises={T1: 0, T2: 2},
                  notes=("was stopped",)), "sigint")
    flat("exits_00_welcome.ipynb", _with(good, **{
            EX1: answer(rel, EX1, GOOD1, before="import os\nos._exit(0)"),
            EX2: answer(rel, EX2, "raise SystemExit") + "\n\nimport sys\nsys.exit(0)  # the kernel lives on"}),
         Expected(0, "os._exit(0) in answer cell 1; `raise SystemExit` in the function test 2 calls, "
                     "sys.exit(0) after it", status="review",
                  exercises={T1: 0, T2: 0}, notes=("the kernel died",), flags=("uses os._exit",)), "exits")
    flat("memory_00_welcome.ipynb", _with(good, **{
            EX1: answer(rel, EX1, "x = bytearray(8 * 2**30)\n" + GOOD1),
            EX2: answer(rel, EX2, GOOD2, before="hog = []\nwhile True:\n    hog.append(b'x' * 50_000_000)")}),
         Expected(0, "8 GiB allocation in the function test 1 calls; ever-growing list in answer cell 2",
                  exercises={T1: 0, T2: 0}, notes=("memory",)), "memory")

    # -- honest noise: stderr and a flood of output, correct answers (Colab's "Copy of", a browser's " (1)")
    flat("noisy_Copy of 00_welcome (1).ipynb", _with(good, **{
            EX1: answer(rel, EX1, "import warnings\nwarnings.warn('about to divide')\n"
                                  "import sys\nsys.stderr.write('dividing...\\n')\n" + GOOD1),
            EX2: answer(rel, EX2, GOOD2, before="print('x' * 50_000_000)\nfor _ in range(2000):\n    print('y' * 1000)")}),
         Expected(4, "correct code that writes to stderr and prints 50 MB", clean=True,
                  exercises={T1: 2, T2: 2}), "noisy")

    # -- processes left behind -----------------------------------------------------
    nb = _with(good, **{
        EX1: answer(rel, EX1, GOOD1, before=(
            "import subprocess\n"
            "try:\n    subprocess.Popen(['sleep', '600'])\nexcept Exception as exc:\n    print('blocked:', exc)")),
        EX2: answer(rel, EX2, GOOD2, before=(
            "import os, time\n"
            "try:\n    if os.fork() == 0:\n        time.sleep(600)\n        os._exit(0)\n"
            "except Exception as exc:\n    print('blocked:', exc)"))})
    flat("processes_00_welcome.ipynb", nb,
         Expected(4, "starts `sleep 600` in the background and forks a child that stays", status="review",
                  flags=("imports subprocess (starts processes)", "uses os.fork", "uses os._exit")),
         "processes")
    # Right answers, and an added cell with an IPython AST transformer that blanks
    # every test cell: the learner's own kernel then never runs its tests, so no check
    # comes back and both fail (the in-kernel guard that restored the transformers is
    # gone: nothing in the learner's process is repaired any more). Scanned for review.
    nb = copy.deepcopy(good)
    nb.cells.insert(3, nbformat.v4.new_code_cell(BLANK_TESTS))
    flat("blank_own_tests_00_welcome.ipynb", nb,
         Expected(0, "right answers, but an added cell installs an AST transformer that blanks every test cell: "
                     "no check comes back", status="review", exercises={T1: 0, T2: 0},
                  flags=("cell 4: uses IPython's ast_transformers", "cell 4: uses get_ipython()")),
         "blank_own_tests")

    # -- cheating ------------------------------------------------------------------
    # Wrong answers with the helpers monkeypatched where the answer cell runs
    # (undone by the restore before each test cell) ...
    flat("patch_cell_00_welcome.ipynb", _with(good, **{
            EX1: answer(rel, EX1, W1, before=(
                "import course_lib.checks as c\n"
                "c.check_close = lambda *a, **k: None\n"
                "c.check_true = lambda *a, **k: None\n"
                "c._fail = lambda *a, **k: None")),
            EX2: answer(rel, EX2, W2, before=(
                "import numpy\nimport numpy.testing\n"
                "numpy.allclose = lambda *a, **k: True\n"
                "numpy.testing.assert_allclose = lambda *a, **k: None"))}),
         Expected(0, "monkeypatches course_lib.checks and np.allclose in the answer cells, wrong answers",
                  status="review", exercises={T1: 0, T2: 0},
                  flags=("assigns into the imported module c (monkeypatching)",
                         "assigns into the imported module numpy (monkeypatching)")),
         "patch_cell")
    # ... and from inside the function the test calls (after that restore).
    flat("patch_inside_00_welcome.ipynb", _with(good, **{
            EX1: answer(rel, EX1, "import course_lib.checks as c\nc._fail = lambda *a, **k: None\n" + W1),
            EX2: answer(rel, EX2, "import numpy\nnumpy.allclose = lambda *a, **k: True\n" + W2)}),
         Expected(0, "monkeypatches course_lib.checks / np.allclose while the test runs, wrong answers",
                  status="review", exercises={T1: 0, T2: 0},
                  flags=("00_unit_range: assigns into the imported module c (monkeypatching)",
                         "00_count_parameters: assigns into the imported module numpy (monkeypatching)")),
         "patch_inside")

    # Wrong answers, and a cell that changes how the kernel reads the test cells:
    # an AST transformer that turns each test cell into `pass` ...
    flat("ast_blank_00_welcome.ipynb", wrong_with_cell(BLANK_TESTS),
         Expected(0, "wrong answers; an added cell installs an AST transformer that blanks every test cell",
                  status="review", exercises={T1: 0, T2: 0},
                  flags=("uses IPython's ast_transformers", "uses get_ipython()")), "ast_blank")
    # ... and a text transformer that keeps a test cell's first line (the grader's
    # marker, if any), drops the rest, and removes itself once it has done so.
    nb = wrong_with_cell(
        "def _blank(lines):\n"
        "    if any('course_lib.checks' in line for line in lines):\n"
        "        return [lines[0], 'pass\\n']\n"
        "    return lines\n"
        "get_ipython().input_transformers_cleanup.append(_blank)")
    flat("text_blank_00_welcome.ipynb", nb,
         Expected(0, "wrong answers; an added cell installs an input transformer that empties every test cell",
                  status="review", exercises={T1: 0, T2: 0},
                  flags=("uses IPython's input transformers", "uses get_ipython()")), "text_blank")

    # Wrong answers, and a cell that hides the failures instead: clears a test
    # cell's output (its error) after it ran, or stops IPython showing errors.
    nb = wrong_with_cell(
        "from IPython.display import clear_output\n"
        "def _wipe(result):\n"
        "    if result.error_in_exec is not None:\n"
        "        clear_output()\n"
        "        result.error_in_exec = None\n"
        "get_ipython().events.register('post_run_cell', _wipe)")
    flat("wiper_00_welcome.ipynb", nb,
         Expected(0, "wrong answers; an added cell clears each failing cell's error output afterwards",
                  status="review", exercises={T1: 0, T2: 0}, flags=("uses get_ipython()",)), "wiper")
    nb = wrong_with_cell(
        "ip = get_ipython()\n"
        "ip.showtraceback = lambda *a, **k: None\n"
        "type(ip).showtraceback = lambda *a, **k: None")
    flat("quiet_errors_00_welcome.ipynb", nb,
         Expected(0, "wrong answers; an added cell stops IPython from showing errors",
                  status="review", exercises={T1: 0, T2: 0}, flags=("uses get_ipython()",)), "quiet_errors")

    # Reads the solution notebook (relative paths, the graded course's, the
    # installed repository's) to run its answer; writes to the gradebook and /tmp.
    solution_paths = [f"../../solutions/{MODULE}/{NOTEBOOK}", f"../solutions/{MODULE}/{NOTEBOOK}",
                      str(course_root / "solutions" / MODULE / NOTEBOOK),
                      str(ROOT / "solutions" / MODULE / NOTEBOOK)]
    steal = (
        "import json\n"
        "_stolen = None\n"
        f"for _p in {solution_paths!r}:\n"
        "    try:\n"
        "        with open(_p) as _f:\n"
        "            _cells = json.load(_f)['cells']\n"
        "    except Exception as exc:\n"
        "        print('cannot read', _p, exc)\n"
        "        continue\n"
        "    for _c in _cells:\n"
        "        _s = ''.join(_c['source'])\n"
        "        if 'def to_unit_range' in _s:\n"
        "            _stolen = _s\n"
        "            break\n"
        "    if _stolen:\n"
        "        break")
    escape = Path(os.environ.get("TMPDIR", "/tmp")) / ESCAPE_FILE_NAME
    vandal = (
        f"for _p in [{str(gradebook)!r}, {str(escape)!r}, '/tmp/{ESCAPE_FILE_NAME}']:\n"
        "    try:\n"
        "        with open(_p, 'ab') as _f:\n"
        "            _f.write(b'was here')\n"
        "    except Exception as exc:\n"
        "        print('blocked:', exc)")
    flat("intruder_00_welcome.ipynb", _with(good, **{
            EX1: answer(rel, EX1, ("if _stolen:\n"
                                   "    ns = {'np': np}\n"
                                   "    exec(_stolen, ns)\n"
                                   "    return ns['to_unit_range'](images)\n" + W1), before=steal),
            EX2: answer(rel, EX2, GOOD2, before=vandal)}),
         Expected(2, "reads the solutions to run their answer (blocked: 0), writes to the gradebook and /tmp "
                     "(blocked, correct answer: 2)", status="review", exercises={T1: 0, T2: 2},
                  flags=("00_unit_range: calls open()", "00_unit_range: calls exec()",
                         "00_count_parameters: calls open()"),
                  evidence=("cannot read", "blocked:")),
         "intruder")

    # -- wrong answers trying to reach full marks ----------------------------------------
    # (see the attack texts above build_corpus). `last` adds a cell at the end, after the
    # test cells: what the attack left there.
    def attack(learner: str, why: str, first: str, *, last: str = "", flags=(), evidence=(), waiting=(),
               score: float = 0, exercises=None, nb=None):
        nb = wrong_with_cell(first) if nb is None else nb
        if last:
            nb.cells.append(nbformat.v4.new_code_cell(last))
        flat(f"{learner}_00_welcome.ipynb", nb,
             Expected(score, why, status="review" if flags else "ok", exercises=exercises or {T1: 0, T2: 0},
                      flags=tuple(flags), evidence=tuple(evidence), waiting=tuple(waiting)), learner)

    attack("code_swap", "swaps the code of every check helper for a lambda that does nothing", CODE_SWAP,
           flags=("cell 4: uses __code__", "cell 4: assigns into the imported module course_lib (monkeypatching)"),
           evidence=("corpus: swapped the code of the check helpers",))
    attack("echo_expected", "swaps check_close's code for one that sends the expected value as its result",
           ECHO_EXPECTED, flags=("cell 4: uses __code__",),
           evidence=("corpus: check_close now sends the expected value",))
    attack("import_hook", "replaces builtins.__import__: the test cells import a do-nothing course_lib.checks",
           IMPORT_HOOK, last=WHICH_HELPERS,
           flags=("imports builtins", "calls setattr()",
                  "cell 4: assigns into the imported module builtins (monkeypatching)"),
           evidence=("corpus: builtins.__import__ replaced", "the test cells got _nothing _nothing"))
    attack("builtins_rebind", "rebinds __builtins__ to a table whose __import__ serves do-nothing helpers",
           BUILTINS_REBIND, last=WHICH_HELPERS, flags=("imports builtins",),
           evidence=("corpus: __builtins__ rebound", "the test cells got _nothing _nothing"))
    attack("meta_path", "a sys.meta_path finder serves a do-nothing course_lib.checks", META_PATH,
           last=WHICH_HELPERS, flags=("imports importlib", "uses sys.modules",
                                      "assigns into the imported module course_lib (monkeypatching)"),
           evidence=("corpus: sys.meta_path serves a fake", "the test cells got _nothing _nothing"))
    attack("numpy_patch", "patches numpy._core.numeric.allclose/isclose/array_equal and numpy.testing",
           NUMPY_PATCH, flags=("assigns into the imported module numpy (monkeypatching)",),
           evidence=("corpus: numpy patched, allclose(0, 1) is True",))
    attack("shadow_builtins", "shadows isinstance, len, bool, all and any in the notebook's namespace",
           SHADOW_BUILTINS, flags=("cell 4: rebinds the built-in isinstance", "cell 4: rebinds the built-in len"),
           evidence=("corpus: isinstance(1, str) is True",))
    attack("thread_patch", "a thread silences the check helpers only while a test's checks run", THREAD_PATCH,
           last=HITS, flags=("uses the caller's frame (f_back)",),
           evidence=("corpus: patching thread started", "patched while a test ran: yes"))
    # (armed after the demo cells: a 2 ms timer during TensorFlow's import kills the kernel)
    nb = wrong_with_cell("pass")
    nb.cells.insert(_index(nb, EX1), nbformat.v4.new_code_cell(ALARM_PATCH))
    attack("alarm_patch", "a SIGALRM timer silences the check helpers only while a test's checks run",
           "", nb=nb, last="import signal\nsignal.setitimer(signal.ITIMER_REAL, 0)\n" + HITS,
           flags=("uses the caller's frame (f_back)",),
           evidence=("corpus: SIGALRM patcher armed", "patched while a test ran: yes"))
    attack("audit_patch", "the learner's own sys.addaudithook silences the helpers while a test cell compiles",
           AUDIT_PATCH, last=HITS, flags=("cell 4: calls setattr()",),
           evidence=("corpus: audit hook installed", "patched while a test ran: yes"))
    attack("frame_steal", "to_unit_range searches inspect.stack() for expected values; count_parameters "
                          "returns check_cases' `expected` from sys._getframe",
           "print('corpus: frame thief')",
           nb=_with(good, **{EX1: answer(rel, EX1, FRAME_STEAL_1, before=FRAME_LOG),
                             EX2: answer(rel, EX2, FRAME_STEAL_2)}),
           last=LOG, flags=("00_unit_range: imports inspect", "00_unit_range: uses a frame's locals",
                            "00_count_parameters: uses sys._getframe"),
           evidence=("corpus: attack ran: ['frames']",))
    attack("source_steal", "reads the running test from In/_ih/history_manager/linecache and evaluates the "
                           "expected values its checks compare with",
           "", nb=_with(good, **{EX1: answer(rel, EX1, SOURCE_STEAL_1, before=SOURCE_TOOLS),
                                 EX2: answer(rel, EX2, SOURCE_STEAL_2)}),
           last=LOG, flags=("00_unit_range: uses get_ipython()", "00_unit_range: calls eval()",
                            "00_unit_range: calls compile()", "00_unit_range: uses sys._getframe"),
           evidence=("corpus: attack ran: ['source']",))
    attack("displayhook", "its functions print a success line and send an execute_result through "
                          "sys.displayhook before the test's error",
           "", nb=_with(good, **{EX1: answer(rel, EX1, DISPLAYHOOK + W1), EX2: answer(rel, EX2, DISPLAYHOOK + W2)}),
           last="import sys\nsys.displayhook('corpus: displayhook called')",
           flags=("00_unit_range: uses sys.displayhook", "00_count_parameters: uses sys.displayhook"),
           evidence=("corpus: displayhook called",))
    attack("forged_records", "publishes forged check records (made-up values, a claimed expected value, "
                             "malformed records) from an added cell and from its functions", FORGE,
           nb=_with(wrong_with_cell(FORGE), **{EX1: answer(rel, EX1, "_forge()\n" + W1),
                                              EX2: answer(rel, EX2, "_forge()\n" + W2)}),
           flags=("imports IPython",), evidence=("corpus: forged records sent",))
    # Right answers, and one display output the notebook format does not allow (a JSON
    # object under a MIME type that is not JSON): a cell's odd output must not cost the
    # learner its grade.
    nb = copy.deepcopy(good)
    nb.cells.insert(3, nbformat.v4.new_code_cell(ODD_DISPLAY))
    flat("odd_display_00_welcome.ipynb", nb,
         Expected(4, "right answers; an added cell publishes a JSON object as application/x-course-check-record "
                     "(not a string, not valid in a notebook)", status="review", exercises={T1: 2, T2: 2},
                  flags=("imports IPython",)), "odd_display")

    # -- secrets -------------------------------------------------------------------------
    nb = copy.deepcopy(good)
    nb.cells.append(nbformat.v4.new_code_cell(HISTORY_DUMP))
    flat("history_dump_00_welcome.ipynb", nb,
         Expected(4, "right answers; a last cell prints In, _ih, the history manager and linecache (the test "
                     "cells with their hidden tests)", status="review", exercises={T1: 2, T2: 2},
                  flags=("uses get_ipython()",), evidence=("corpus: history printed",)), "history_dump")
    solution_files = sorted({str(course_root / "solutions" / MODULE / NOTEBOOK), str(SOURCE)})
    flat("proc_root_00_welcome.ipynb", _with(good, **{
            EX1: answer(rel, EX1, USE_STOLEN, before=proc_root_steal(solution_files))}),
         Expected(2, "reads the solution through /proc/<pid>/root of every process and os.open(dir_fd=/) "
                     "to run its answer (blocked: 0); count_parameters right (2)", status="review",
                  exercises={T1: 0, T2: 2}, flags=("00_unit_range: calls open()", "00_unit_range: calls exec()"),
                  evidence=("nothing stolen",)), "proc_root")

    # -- escape and damage: right answers, so that what they do to others shows ----------
    flat("spawner_00_welcome.ipynb", _with(good, **{EX1: answer(rel, EX1, GOOD1, before=SPAWN)}),
         Expected(4, "starts `sleep 611` with _posixsubprocess.fork_exec and `sleep 612` with os.posix_spawn",
                  status="review", exercises={T1: 2, T2: 2}, flags=("uses os.environ",),
                  evidence=("corpus: fork_exec started", "corpus: posix_spawn started")), "spawner")
    flat("daemon_00_welcome.ipynb", _with(good, **{EX2: answer(rel, EX2, GOOD2, before=daemon(str(gradebook)))}),
         Expected(4, "double fork + setsid daemon that waits, then kills every process it can (kill(-1), "
                     "pids from /proc) and writes to the gradebook (folder opened early: it is not there)",
                  status="review", exercises={T1: 2, T2: 2}, flags=("uses os.fork", "uses os._exit"),
                  evidence=("corpus: gradebook folder not reachable", "corpus: daemon started")), "daemon")
    flat("tmp_shm_00_welcome.ipynb", _with(good, **{EX1: answer(rel, EX1, GOOD1, before=TMP_SHM)}),
         Expected(4, "writes 1 GiB to /dev/shm (capped) and a file to /tmp", status="review",
                  exercises={T1: 2, T2: 2}, flags=("calls open()",),
                  evidence=("corpus: /dev/shm full at", "corpus: wrote /tmp/course-corpus-tmp-file.txt")),
         "tmp_shm")

    # -- input faults ----------------------------------------------------------------------
    # Two names that differ only by accents: both kept, apart, each with its own score.
    flat("José García_00_welcome.ipynb", good,
         Expected(4, "name with accents; another learner's differs only by them", exercises={T1: 2, T2: 2},
                  notes=("names give the same id",)), "jose_garcia_2")
    flat("Jose Garcia_00_welcome.ipynb", _with(good, **{EX1: answer(rel, EX1, W1)}),
         Expected(2, "the same name without accents, wrong answer 1", exercises={T1: 0, T2: 2},
                  notes=("names give the same id",)), "jose_garcia")
    long_name = ("Maximiliana Wolfeschlegelsteinhausenbergerdorff Featherstonehaugh "
                 "de la Cruz y Montenegro-Saavedra")
    long_name = (long_name + " Quintana" * 10)[:100]
    long_file = f"{long_name}_00_welcome.ipynb"
    flat(long_file, good, Expected(4, "a 100-character name", exercises={T1: 2, T2: 2}, clean=True),
         learner_and_notebook(long_file, [NOTEBOOK])[0])
    _write(good, dest / "submitted" / NOTEBOOK)
    corpus["submitted"] = Expected(4, "a learner folder named `submitted` beside the flat files", clean=True,
                                   exercises={T1: 2, T2: 2})
    linker = dest / "linker"
    _write(_with(good, **{EX1: answer(rel, EX1, W1)}), linker / "mine_00_welcome.ipynb")
    (linker / "solutions").symlink_to(course_root / "solutions", target_is_directory=True)
    (linker / NOTEBOOK).symlink_to(course_root / "solutions" / MODULE / NOTEBOOK)
    corpus["linker"] = Expected(2, "own notebook (answer 1 wrong), a link to solutions/ and a linked solution "
                                   "notebook (not followed)", exercises={T1: 0, T2: 2},
                                notes=("symlink ignored",))
    (dest / "linked_00_welcome.ipynb").symlink_to(course_root / "solutions" / MODULE / NOTEBOOK)
    corpus["linked"] = Expected(0, "the flat file is a link to the solution notebook (not followed)",
                                notes=("symlink ignored", "not submitted"))
    many = {"cells": [{"cell_type": "code", "metadata": {}, "source": "1", "outputs": [],
                       "execution_count": None} for _ in range(100_000)],
            "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    (dest / "many_cells_00_welcome.ipynb").write_text(json.dumps(many))
    corpus["many_cells"] = Expected(0, "100,000 tiny cells", status="unreadable", notes=("100000 cells",),
                                    max_seconds=30)
    (dest / "deep_json_00_welcome.ipynb").write_text(
        '{"cells": [], "metadata": {"x": ' + "[" * 100_000 + "]" * 100_000 + '}, "nbformat": 4, '
        '"nbformat_minor": 5}')
    corpus["deep_json"] = Expected(0, "100,000-deep nested JSON", status="unreadable", notes=("nested",),
                                   max_seconds=30)
    nb = copy.deepcopy(good)
    nb.cells += [nbformat.v4.new_code_cell(f"print({k}, 'o' * 30_000)") for k in range(1000)]
    flat("big_output_00_welcome.ipynb", nb,
         Expected(4, "right answers and 1,000 added cells printing 30 kB each", exercises={T1: 2, T2: 2},
                  clean=True), "big_output")

    # -- injection ---------------------------------------------------------------------------
    nb = copy.deepcopy(good)
    nb.cells.append(nbformat.v4.new_code_cell(INJECT))
    flat("inject_00_welcome.ipynb", nb,
         Expected(4, "right answers; a last cell displays JavaScript (_repr_javascript_, Javascript, "
                     "application/javascript) and HTML with <script> and onerror", status="review",
                  exercises={T1: 2, T2: 2}, flags=("imports IPython",)), "inject")
    ctrl_file = f"ctrl{CONTROL_NAME}"
    flat(ctrl_file, good, Expected(4, "control characters in the file name (flat file)", exercises={T1: 2, T2: 2},
                                   clean=True), learner_and_notebook(ctrl_file, [NOTEBOOK])[0])
    _write(good, dest / "ctrl_chars" / NOTEBOOK)
    os.utime(dest / "ctrl_chars" / NOTEBOOK, (1_000_000_000, 1_000_000_000))
    _write(good, dest / "ctrl_chars" / CONTROL_NAME)       # the newer: graded; both named in a note
    corpus["ctrl_chars"] = Expected(4, "two notebooks in the learner's folder, one with control characters "
                                       "in its name (named in a note)", exercises={T1: 2, T2: 2},
                                    notes=("two files",))
    return corpus


def build_runaway(dest: Path) -> dict[str, Expected]:
    """One learner whose answer cell never ends and holds the GIL (a catastrophic regex, in C):
    only the batch's total time limit stops it, and its kernel must not outlive it."""
    rel = release_notebook()
    nb = _with(correct_notebook(), **{EX1: answer(rel, EX1, GOOD1, before=(
        "import re\nre.match(r'(a+)+$', 'a' * 64 + 'b')   # about 2**64 steps, without releasing the GIL"))})
    _write(nb, Path(dest) / "runaway_00_welcome.ipynb")
    return {"runaway": Expected(0, "never ends, holding the GIL", status="timeout",
                                notes=("stopped after the total time limit",))}


def build_zipped(dest: Path) -> dict[str, Expected]:
    """A zip (an LMS export): a learner folder whose second entry declares 5 GiB unpacked
    (skipped, with a note; the rest of the zip is graded) and a flat file."""
    import zipfile

    text = nbformat.writes(correct_notebook())
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(f"bomber/{NOTEBOOK}", text)
        zf.writestr("zipped_ok_00_welcome.ipynb", text)
        zf.writestr("bomber/huge_00_welcome.ipynb", text)
        zf.filelist[-1].file_size = 5 << 30    # what the central directory declares, not what is there
    return {
        "bomber": Expected(4, "its folder in the zip holds the notebook and an entry declaring 5 GiB",
                           exercises={T1: 2, T2: 2}, notes=("declares 5,368,709,120 bytes",)),
        "zipped_ok": Expected(4, "a flat file in the same zip", exercises={T1: 2, T2: 2}, clean=True),
    }


if __name__ == "__main__":  # python tests/grading_corpus.py DEST
    target = Path(sys.argv[1])
    for learner, exp in build_corpus(target).items():
        print(f"{learner:22s} {exp.score:3.0f}  {exp.why}")
    print(json.dumps(sorted(p.name for p in target.iterdir())))
