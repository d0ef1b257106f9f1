"""Read a submission's code (without running it) for things an honest answer never needs.

The sandbox blocks what it can; this scan adds reasons for a human to look:
assignments into imported modules (monkeypatching the test helpers or NumPy),
reaching into ``sys.modules``/``builtins``/``gc``/``ctypes``, dynamic code,
processes, sockets and file access. A finding does not change a score; it
marks the learner for manual review in the summary.
"""
from __future__ import annotations

import ast

__all__ = ["suspicious"]

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
}
SUSPICIOUS_CALLS = {"exec", "eval", "compile", "__import__", "setattr", "delattr", "globals", "open", "breakpoint"}
SUSPICIOUS_ATTRS = {
    "modules": "sys.modules", "settrace": "sys.settrace", "setprofile": "sys.setprofile",
    "system": "os.system", "popen": "os.popen", "fork": "os.fork", "kill": "os.kill", "_exit": "os._exit",
    "remove": "os.remove", "unlink": "os.unlink", "rmdir": "os.rmdir", "chmod": "os.chmod",
    "environ": "os.environ", "__dict__": "__dict__", "__code__": "__code__", "__globals__": "__globals__",
    "__builtins__": "__builtins__", "__subclasses__": "__subclasses__",
}


def suspicious(source: str) -> list[str]:
    """Plain-words findings for one answer's code (empty when nothing stands out)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []  # it will fail its tests; nothing to review
    imported: set[str] = set()
    found: list[str] = []

    def note(text):
        if text not in found:
            found.append(text)

    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            for alias in node.names:
                imported.add(alias.asname or alias.name.split(".")[0])
            for name in names:
                root = name.split(".")[0]
                if SUSPICIOUS_MODULES.get(root):
                    note(f"imports {root} ({SUSPICIOUS_MODULES[root]})")
                if root == "course_lib" and isinstance(node, ast.ImportFrom) and any(a.name == "*" for a in node.names):
                    note("star-imports from course_lib")
        elif isinstance(node, ast.Call):
            fn = node.func
            name = fn.id if isinstance(fn, ast.Name) else None
            if name in SUSPICIOUS_CALLS:
                note(f"calls {name}()")
        elif isinstance(node, ast.Attribute) and node.attr in SUSPICIOUS_ATTRS:
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
            if isinstance(target, (ast.Attribute, ast.Subscript)) and isinstance(base, ast.Name) and base.id in imported:
                note(f"assigns into the imported module {base.id} (monkeypatching)")
        if isinstance(node, ast.Global) and any(n in {"check_close", "check_true", "passed"} for n in node.names):
            note("rebinds a test helper with global")
    return found
