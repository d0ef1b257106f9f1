"""The static scan of answers (course_lib.grading.static.suspicious): loud on tricks, silent on honest code."""
from __future__ import annotations

import glob
from pathlib import Path

import nbformat
import pytest

from course_lib import nbcells
from course_lib.grading.static import suspicious

ROOT = Path(__file__).resolve().parents[1]


def _joined(source: str) -> str:
    return " | ".join(suspicious(source))


@pytest.mark.parametrize("source, finding", [
    # monkeypatching the test helpers or NumPy
    ("import course_lib.checks as c\nc.check_close = lambda *a, **k: None", "assigns into the imported module c"),
    ("from course_lib import checks\nchecks.check_true = print", "assigns into the imported module checks"),
    ("import course_lib\ncourse_lib.checks._fail = lambda *a, **k: None", "assigns into the imported module course_lib"),
    ("np.allclose = lambda *a, **k: True", "assigns into the imported module np"),  # np imported in an earlier cell
    ("import numpy\nnumpy.testing.assert_allclose = lambda *a, **k: None", "assigns into the imported module numpy"),
    ("import numpy as xp\ndel xp.allclose", "assigns into the imported module xp"),
    ("def f(x):\n    import math\n    math.isclose = lambda *a, **k: True\n    return x", "assigns into the imported module math"),
    ("setattr(np, 'allclose', lambda *a, **k: True)", "calls setattr()"),
    ("np.__dict__['allclose'] = lambda *a, **k: True", "uses __dict__"),
    ("check_close.__code__ = (lambda *a, **k: None).__code__", "uses __code__"),
    ("import builtins\nbuiltins.abs = lambda x: 0", "imports builtins"),
    ("global check_close\ncheck_close = None", "rebinds a test helper with global"),
    ("from course_lib.checks import *", "star-imports from course_lib"),
    ("import sys\nsys.modules['course_lib.checks'] = None", "uses sys.modules"),
    ("import sys as s\ns.settrace(None)", "uses sys.settrace"),
    ("(1).__class__.__base__.__subclasses__()", "uses __subclasses__"),
    ("f.__globals__['x'] = 1", "uses __globals__"),
    # IPython syntax must not hide the rest of the cell from the scan
    ("%time x = 1\nimport subprocess", "imports subprocess"),
    ("%%time\nimport numpy as np\nnp.allclose = lambda *a, **k: True", "assigns into the imported module np"),
    ("%time np.testing.assert_allclose = print", "assigns into the imported module np"),
    ("%%capture\nget_ipython().events.register('post_run_cell', undo)", "uses get_ipython()"),
    ("!cat ../../solutions/00_welcome/00_welcome.ipynb", "runs a shell command"),
    ("files = !ls /", "runs a shell command"),
    ("%%bash\nkill -9 $PPID", "uses the %bash magic"),
    ("%run ../../solutions/00_welcome/answers.py", "uses the %run magic"),
    ("%%writefile /tmp/x.py\nprint(1)", "uses the %writefile magic"),
    # the kernel's machinery: an AST transformer that blanks the test cells, a hook that
    # undoes a patch after the test cell, frames of the code that called the answer
    ("get_ipython().ast_transformers.append(Blank())", "uses get_ipython()"),
    ("ip = get_ipython\nip().events.register('post_run_cell', undo)", "uses get_ipython()"),
    ("shell.ast_transformers.append(Blank())", "IPython's ast_transformers"),
    ("shell.input_transformers_post.append(lambda lines: ['pass'])", "IPython's input transformers"),
    ("from IPython import get_ipython", "imports IPython"),
    ("import ipykernel", "imports ipykernel"),
    ("import sys\nsys._getframe(1).f_locals['x'] = 1", "sys._getframe"),
    ("def f():\n    try:\n        1 / 0\n    except Exception as e:\n        return e.__traceback__.tb_frame.f_back",
     "uses __traceback__"),
    ("check_close.__closure__[0].cell_contents = None", "uses __closure__"),
    # native code, the interpreter's internals
    ("import ctypes\nctypes.CDLL(None)", "imports ctypes"),
    ("from ctypes import CDLL", "imports ctypes"),
    ("import gc\ngc.get_objects()", "imports gc"),
    ("import inspect\ninspect.currentframe()", "imports inspect"),
    ("import importlib\nimportlib.reload(np)", "imports importlib"),
    # dynamic code
    ("exec('x = 1')", "calls exec()"),
    ("eval('1 + 1')", "calls eval()"),
    ("compile('x', 'f', 'exec')", "calls compile()"),
    ("__import__('os').system('ls')", "calls __import__()"),
    ("globals()['check_close'] = None", "calls globals()"),
    # files, processes, network
    ("open('../../solutions/00_welcome/00_welcome.ipynb').read()", "calls open()"),
    ("with open('/tmp/x', 'w') as f:\n    f.write('x')", "calls open()"),
    ("import os\nos.remove('/tmp/x')", "uses os.remove"),
    ("import os\nos._exit(0)", "uses os._exit"),
    ("import os as o\no.fork()", "uses os.fork"),
    ("os.system('sleep 600 &')", "uses os.system"),        # os imported in an earlier cell
    ("from os import system\nsystem('ls')", "uses os.system"),
    ("from os import environ\nenviron['X'] = '1'", "uses os.environ"),
    ("import subprocess\nsubprocess.Popen(['sleep', '600'])", "imports subprocess"),
    ("import multiprocessing", "imports multiprocessing"),
    ("import socket\nsocket.create_connection(('example.org', 80))", "imports socket"),
    ("import shutil\nshutil.rmtree('/')", "imports shutil"),
    ("import os\nos.posix_spawn('/bin/sh', ['sh'], {})", "uses os.posix_spawn"),
    ("from os import posix_spawnp", "uses os.posix_spawnp"),
    # hooks that see every value a cell shows, or every event of the interpreter
    ("import sys\nsys.displayhook = lambda value: None", "uses sys.displayhook"),
    ("import sys\nsys.addaudithook(lambda event, args: None)", "uses sys.addaudithook"),
    # built-ins the test cells call, rebound where the test cells see them
    ("isinstance = lambda *a: True", "rebinds the built-in isinstance"),
    ("def isinstance(obj, kind):\n    return True", "rebinds the built-in isinstance"),
    ("class float(float):\n    def __eq__(self, other):\n        return True", "rebinds the built-in float"),
    ("len, abs = (lambda x: 3), (lambda x: 0)", "rebinds the built-in abs"),
    ("if True:\n    sorted = list", "rebinds the built-in sorted"),
    ("from numpy import all", "rebinds the built-in all"),
    ("def helper():\n    global len\n    len = lambda x: 3", "rebinds the built-in len"),
])
def test_flags_tricks(source, finding):
    assert finding in _joined(source)


@pytest.mark.parametrize("source", [
    # honest answers, including method names that are also os functions
    "def f(images):\n    return np.asarray(images, dtype=np.float32) / np.float32(255.0)",
    "import numpy as np\nx = np.zeros(3)\nx[0] = 1\nnp.random.seed(0)",
    "items = [3, 1, 2]\nitems.remove(1)\nitems.sort()",
    "ax.get_legend().remove()",
    "from pathlib import Path\nPath('model.keras').unlink(missing_ok=True)",
    "import matplotlib.pyplot as plt\nplt.rcParams['figure.dpi'] = 100",
    "import keras\nmodel = keras.Sequential([keras.layers.Dense(1)])\nmodel.compile(optimizer='adam', loss='mse')\n"
    "model.layers[0].trainable = False",
    "import sys\nprint(sys.version, sys.path[:1])\nsys.stderr.write('progress\\n')",
    "import warnings\nwarnings.warn('about to divide')",
    "import os\npath = os.path.join('a', 'b')",
    "class Stopper:\n    def __init__(self):\n        self.best = None\n    def kill(self):\n        self.best = 0",
    "def count(layer_sizes):\n    return int(sum(a * b + b for a, b in zip(layer_sizes[:-1], layer_sizes[1:])))",
    "def broken(:\n    pass",  # a syntax error fails its tests; nothing to review
    "def f(xs):\n    len = 0\n    for x in xs:\n        len += 1\n    return len",  # a local name shadows nothing
    # the magics an honest notebook uses
    "%matplotlib inline\nimport numpy as np",
    "%%time\nhistory = model.fit(x, y, epochs=3, verbose=0)",
    "%timeit -n 3 np.dot(a, b)",
    "import sys\nif 'google.colab' in sys.modules:\n    %pip install -q course_lib",
    "",
])
def test_silent_on_honest_code(source):
    assert suspicious(source) == []


def _solution_cells():
    cells = []
    for path in sorted(glob.glob(str(ROOT / "solutions" / "*" / "*.ipynb"))):
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code":
                kind = "answer" if nbcells.is_answer(cell) else "test" if nbcells.is_graded(cell) else "code"
                cells.append((f"{Path(path).parent.name}/{Path(path).name}:{nbcells.grade_id(cell) or ''}", kind,
                              cell.source))
    return cells


def test_silent_on_every_answer_and_code_cell_of_the_course():
    """Our own solutions are honest code: no answer (nor demo or test cell) may be flagged."""
    cells = _solution_cells()
    answers = [c for c in cells if c[1] == "answer"]
    assert len(answers) >= 40  # the scan really covered the course
    flagged = [(where, kind, suspicious(source)) for where, kind, source in cells if suspicious(source)]
    assert not flagged, "\n".join(f"{w} ({k}): {f}" for w, k, f in flagged)


def test_a_call_the_module_allows_is_not_flagged_for_that_module(monkeypatch):
    from course_lib import module_rules

    source = "with open('data/spectra.csv') as f:\n    rows = f.read().splitlines()"
    assert "calls open()" in suspicious(source, module="03_cnn")
    monkeypatch.setitem(module_rules.RULES, "03_cnn", {"allowed_calls": {"open": "Exercise 1 reads a CSV file"}})
    assert suspicious(source, module="03_cnn") == []
    assert "calls open()" in suspicious(source, module="02_training")    # only for that module
    assert "calls open()" in suspicious(source)                          # and not without one
    assert "calls exec()" in suspicious("exec('x = 1')", module="03_cnn")  # other calls still count
    assert suspicious("%%time\n" + source, module="03_cnn") == []         # inside a magic's body too


@pytest.mark.parametrize("source", [
    "from course_lib.generative import GAN",
    "from course_lib import generative\nGAN = generative.GAN",
    "import course_lib.generative as g",
])
def test_an_answer_that_imports_a_library_answer_is_flagged(source):
    from course_lib.grading.static import library_answers

    found = library_answers(source)
    assert found and "course_lib.generative" in found[0] and "05_generative/02 and 03" in found[0]


def test_library_answers_are_flagged_in_answer_cells_only():
    """05_generative/04's own demo cell imports course_lib.generative honestly; the same import
    in an answer cell is worth a look."""
    from course_lib.grading.prepare import scan
    from course_lib.grading.static import library_answers

    assert library_answers("from course_lib.layers import TransformerBlock") == []
    nb = nbformat.v4.new_notebook()
    demo = nbformat.v4.new_code_cell("from course_lib.generative import GAN, VAE")
    answer = nbformat.v4.new_code_cell("from course_lib.generative import GAN")
    answer.metadata["nbgrader"] = {"solution": True, "grade": False, "grade_id": "05_gan_train_step"}
    nb.cells = [demo, answer]
    flags = scan(nb, "03_gans.ipynb", "05_generative")
    assert len(flags) == 1 and "05_gan_train_step" in flags[0] and "course_lib.generative" in flags[0]


def test_names_used_inside_an_assignment_target_are_not_rebound():
    assert suspicious("grid = np.zeros((3, 3))\ngrid[0, max(0, 1 - 2):len(grid)] = 1.0") == []
    assert suspicious("for i, (a, len) in enumerate([(1, 2)]):\n    pass") == [
        "rebinds the built-in len (the test cells call it)"]
