"""Read a submission's code (without running it) for things an honest answer never needs.

The sandbox blocks what it can; this scan adds reasons for a human to look:
assignments into imported modules (monkeypatching the test helpers or NumPy),
reaching into ``sys.modules``/``builtins``/``gc``/``ctypes``, dynamic code,
processes, sockets and file access, rebinding the built-ins the test cells call.
A finding does not change a score; it marks the learner for manual review in the
summary. A call a module's exercises need (``allowed_calls`` in
:mod:`course_lib.module_rules`) is not flagged in that module's submissions.
"""
from __future__ import annotations

import ast

from .. import module_rules

__all__ = ["suspicious", "library_answers"]

SUSPICIOUS_MODULES = {
    "ctypes": "loads native code",
    "gc": "can walk the interpreter's objects",
    "inspect": "can read the grader's frames",
    "importlib": "can reload or replace modules",
    "subprocess": "starts processes",
    "socket": "opens network connections",
    "multiprocessing": "starts processes",
    "shutil": "copies or deletes files",
    "builtins": "can replace built-in functions",
    "sys": None,  # common and harmless (sys.path, sys.version); attribute use is checked below
    "os": None,
    # The kernel's own machinery: through it an answer can rewrite or skip the test
    # cells that run after it (an AST transformer that blanks them, a post-run hook).
    "IPython": "can change how the grader runs cells",
    "ipykernel": "can change how the grader runs cells",
    "jupyter_client": "can talk to the grader's kernel",
    "zmq": "can talk to the grader's kernel",
}
# Attribute names with no honest use in an answer, on whatever object: the kernel's
# input machinery, and frames (reaching the grader's code that called the answer).
ANY_BASE_ATTRS = {
    "ast_transformers": "IPython's ast_transformers", "input_transformers_post": "IPython's input transformers",
    "input_transformers_cleanup": "IPython's input transformers",
    "input_transformer_manager": "IPython's input transformers", "_getframe": "sys._getframe",
    "f_back": "the caller's frame (f_back)", "f_globals": "a frame's globals", "f_locals": "a frame's locals",
    "tb_frame": "a traceback's frames", "__traceback__": "__traceback__", "__closure__": "__closure__",
}
SUSPICIOUS_CALLS = {"exec", "eval", "compile", "__import__", "setattr", "delattr", "globals", "open", "breakpoint"}
SUSPICIOUS_ATTRS = {
    "modules": "sys.modules", "settrace": "sys.settrace", "setprofile": "sys.setprofile",
    "system": "os.system", "popen": "os.popen", "fork": "os.fork", "kill": "os.kill", "_exit": "os._exit",
    "remove": "os.remove", "unlink": "os.unlink", "rmdir": "os.rmdir", "chmod": "os.chmod",
    "environ": "os.environ", "__dict__": "__dict__", "__code__": "__code__", "__globals__": "__globals__",
    "__builtins__": "__builtins__", "__subclasses__": "__subclasses__",
    "displayhook": "sys.displayhook", "addaudithook": "sys.addaudithook",
    "posix_spawn": "os.posix_spawn", "posix_spawnp": "os.posix_spawnp",
}
# The non-dunder names above are also common method names (``list.remove``,
# ``ax.get_legend().remove()``, ``path.unlink()``, ``proc.kill()``): they count
# only on ``os``/``sys`` (or an alias of them), so honest code is not flagged.
# Modules a notebook imports in an earlier cell under their usual names count as
# imported for monkeypatching.
OS_SYS = {"os", "sys", "posix"}
USUAL_MODULE_NAMES = {"np", "numpy", "math", "builtins", "course_lib", "checks", "keras", "tf", "tensorflow",
                      "plt", "matplotlib", "sys", "os"}


# IPython magics an honest notebook uses; any other (%%bash, %run, %writefile,
# %load_ext, !shell, ...) is worth a look. The bodies of %%time, %%timeit and
# %%capture are Python and are scanned like any other code.
HARMLESS_MAGICS = {"time", "timeit", "capture", "matplotlib", "pip", "precision", "who", "whos", "pprint"}
PYTHON_BODY_MAGICS = {"time", "timeit", "capture"}

# Built-ins the test cells call: an answer that rebinds one at the top level of the
# notebook (``isinstance = lambda *a: True``, ``def len(x): ...``) changes what the
# tests that run after it compute.
CHECK_BUILTINS = {
    "abs", "all", "any", "bool", "callable", "dict", "enumerate", "float", "getattr", "hasattr", "id", "int",
    "isinstance", "issubclass", "len", "list", "max", "min", "print", "range", "repr", "round", "set", "sorted",
    "str", "sum", "tuple", "type", "zip",
    "AssertionError", "Exception", "IndexError", "KeyError", "NotImplementedError", "TypeError", "ValueError",
}


def _parse(source: str) -> ast.AST | None:
    """The cell as Python; IPython syntax (%magic, !shell) is first rewritten the
    way the kernel does, so a magic line cannot hide the rest of the cell."""
    try:
        return ast.parse(source)
    except SyntaxError:
        pass
    try:
        from IPython.core.inputtransformer2 import TransformerManager

        return ast.parse(TransformerManager().transform_cell(source))
    except Exception:  # noqa: BLE001 - not Python, not IPython: it fails its tests
        return None


def _magics(tree: ast.AST, note, allowed: dict) -> set[int]:
    """Note the magics and shell commands of a rewritten cell; return the ids of
    their ``get_ipython`` nodes (those are the kernel's rewriting, not the learner's)."""
    own = set()
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Call) and isinstance(node.func.value.func, ast.Name)
                and node.func.value.func.id == "get_ipython"):
            continue
        method, args = node.func.attr, node.args
        name = args[0].value.lstrip("%") if args and isinstance(args[0], ast.Constant) \
            and isinstance(args[0].value, str) else None
        if method in ("system", "getoutput"):
            note("runs a shell command (!)")
        elif method in ("run_line_magic", "run_cell_magic") and name is not None:
            if name not in HARMLESS_MAGICS:
                note(f"uses the %{name} magic")
            elif name in PYTHON_BODY_MAGICS:  # the line (%time ...) and the cell body (%%time) are Python
                for arg in args[1:3]:
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                        for finding in _scan(arg.value, allowed):
                            note(finding)
        else:
            continue
        own.add(id(node.func.value.func))
    return own


def _bound_at_top(tree: ast.AST):
    """(name, node) for each name the cell binds in the notebook's namespace: at its top
    level (inside if/for/while/try/with too, not inside functions and classes), and
    inside functions through ``global``."""
    stack = list(getattr(tree, "body", []))
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            yield node.name, node
            for inner in ast.walk(node):
                if isinstance(inner, ast.Global):
                    for name in inner.names:
                        yield name, inner
            continue
        targets = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign, ast.For, ast.AsyncFor)):
            targets = [node.target]
        elif isinstance(node, (ast.With, ast.AsyncWith)):
            targets = [item.optional_vars for item in node.items if item.optional_vars is not None]
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                yield (alias.asname or alias.name.split(".")[0]), node
        for target in targets:
            for part in ast.walk(target):
                # Only names stored into: in `x[max(0, i)] = v` neither x nor max is rebound.
                if isinstance(part, ast.Name) and isinstance(part.ctx, ast.Store):
                    yield part.id, node
        for field in ("body", "orelse", "finalbody", "handlers"):
            stack.extend(getattr(node, field, None) or [])


def suspicious(source: str, module: str | None = None) -> list[str]:
    """Plain-words findings for one answer's code (empty when nothing stands out).

    ``module`` (e.g. ``"01_fundamentals"``) is the assignment the code was submitted
    for: the calls its ``allowed_calls`` (:mod:`course_lib.module_rules`) lists are
    not findings."""
    return _scan(source, module_rules.allowed_calls(module) if module else {})


def library_answers(source: str) -> list[str]:
    """Findings for an answer cell that imports a ``course_lib`` module holding the answer
    to an exercise (``ANSWERS_IN_LIBRARY`` in :mod:`course_lib.module_rules`). Only for
    answer cells: the course's own demo cells import those modules honestly."""
    tree = _parse(source)
    if tree is None:
        return []
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        else:
            continue
        for library, why in module_rules.ANSWERS_IN_LIBRARY.items():
            if any(n == library or n.startswith(library + ".") for n in names):
                found.append(f"imports {library} ({why})")
    return sorted(set(found))


def _scan(source: str, allowed: dict) -> list[str]:
    tree = _parse(source)
    if tree is None:
        return []  # it will fail its tests; nothing to review
    imported: set[str] = set(USUAL_MODULE_NAMES)
    os_sys: set[str] = set(OS_SYS)  # names bound to the os or sys module
    found: list[str] = []

    def note(text):
        if text not in found:
            found.append(text)

    kernel_rewrites = _magics(tree, note, allowed)
    # `"google.colab" in sys.modules` (the set-up cell) only asks; it changes nothing.
    membership_tests = {id(c) for n in ast.walk(tree) if isinstance(n, ast.Compare)
                        and all(isinstance(op, (ast.In, ast.NotIn)) for op in n.ops) for c in n.comparators}

    for node in ast.walk(tree):  # names first: an import may sit below its use in the walk
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                imported.add(alias.asname or alias.name.split(".")[0])
                if isinstance(node, ast.Import) and alias.name.split(".")[0] in OS_SYS:
                    os_sys.add(alias.asname or alias.name.split(".")[0])
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            for alias in node.names:
                if isinstance(node, ast.ImportFrom) and (node.module or "") in OS_SYS and \
                        alias.name in SUSPICIOUS_ATTRS and not alias.name.startswith("__"):
                    note(f"uses {SUSPICIOUS_ATTRS[alias.name]}")
            for name in names:
                root = name.split(".")[0]
                if SUSPICIOUS_MODULES.get(root):
                    note(f"imports {root} ({SUSPICIOUS_MODULES[root]})")
                if root == "course_lib" and isinstance(node, ast.ImportFrom) and any(a.name == "*" for a in node.names):
                    note("star-imports from course_lib")
        elif isinstance(node, ast.Call):
            fn = node.func
            name = fn.id if isinstance(fn, ast.Name) else None
            if name in SUSPICIOUS_CALLS and name not in allowed:
                note(f"calls {name}()")
        elif isinstance(node, ast.Name) and node.id == "get_ipython" and id(node) not in kernel_rewrites:
            note("uses get_ipython() (can change how the grader runs cells)")
        elif isinstance(node, ast.Attribute) and node.attr in ANY_BASE_ATTRS:
            note(f"uses {ANY_BASE_ATTRS[node.attr]}")
        elif isinstance(node, ast.Attribute) and node.attr in SUSPICIOUS_ATTRS and id(node) not in membership_tests:
            if node.attr.startswith("__") or (isinstance(node.value, ast.Name) and node.value.id in os_sys):
                note(f"uses {SUSPICIOUS_ATTRS[node.attr]}")
    for node in ast.walk(tree):
        targets = []
        if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        elif isinstance(node, ast.Delete):
            targets = node.targets
        for target in targets:
            base = target
            while isinstance(base, (ast.Attribute, ast.Subscript)):
                base = base.value
            # An attribute of a module (np.allclose = ...), not an item of one of
            # its objects (plt.rcParams["figure.dpi"] = ..., an honest setting).
            if isinstance(target, ast.Attribute) and isinstance(base, ast.Name) and base.id in imported:
                note(f"assigns into the imported module {base.id} (monkeypatching)")
        if isinstance(node, ast.Global) and any(n in {"check_close", "check_true", "passed"} for n in node.names):
            note("rebinds a test helper with global")
    for name, _ in _bound_at_top(tree):
        if name in CHECK_BUILTINS:
            note(f"rebinds the built-in {name} (the test cells call it)")
    return found
