"""Start a Jupyter kernel for one untrusted submission, locked down as far as the machine allows.

Run as ``python -m course_lib.grading.sandbox CONFIG.json -f CONNECTION_FILE``
(the worker writes a kernel spec that does this). In order:

1. new session (so the whole process tree can be killed at the end);
2. where running as root inside ``unshare --mount --net`` (see
   :func:`wrap_command`): empty read-only mounts over the protected folders,
   so the solutions and the gradebook simply are not there, and no network;
3. resource limits: CPU seconds, address space, file size, open files,
   processes, no core dumps;
4. where running as root: switch to the submission's own unprivileged user;
5. the audit-hook guard (:mod:`.guard`), then the IPython kernel.

:func:`capabilities` probes which of these the machine supports, so the batch
can say in its summary what was and was not enforced.
"""
from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

__all__ = ["Limits", "capabilities", "wrap_command", "main"]


class Limits(dict):
    """Per-submission limits (seconds, bytes, counts); a dict so it serialises as JSON."""

    DEFAULTS = {
        "cpu_seconds": 1200,            # CPU time of the kernel process
        "memory_bytes": 3 << 30,        # resident memory watched by the worker
        "address_space_bytes": 8 << 30,  # hard cap on virtual memory (TensorFlow maps ~3 GB)
        "file_bytes": 256 << 20,
        "open_files": 512,
        "processes": 512,               # threads count too (TensorFlow starts many)
    }

    def __init__(self, **overrides):
        super().__init__(self.DEFAULTS)
        self.update({k: v for k, v in overrides.items() if v is not None})


def _unshare_works() -> bool:
    exe = shutil.which("unshare")
    if exe is None or os.geteuid() != 0:
        return False
    try:
        return subprocess.run([exe, "--mount", "--net", "true"], capture_output=True, timeout=10).returncode == 0
    except Exception:
        return False


PROBE_UID = 60999


def _other_user_can_run_python() -> str:
    """Empty if an unprivileged user can run this Python with the course installed, else why not."""
    def drop():
        os.setgroups([])
        os.setgid(PROBE_UID)
        os.setuid(PROBE_UID)

    try:
        proc = subprocess.run([sys.executable, "-c", "import hmac, numpy, ipykernel, course_lib.checks"],
                              capture_output=True, text=True, timeout=120, preexec_fn=drop, cwd="/")
    except Exception as exc:
        return f"could not start Python as another user ({exc})"
    if proc.returncode != 0:
        last = (proc.stderr.strip().splitlines() or ["?"])[-1]
        return (f"an unprivileged user cannot run this Python environment ({last}); install Python and the "
                "course where other users can read them (not under /root) to enable it")
    return ""


def capabilities() -> dict:
    """What isolation this machine gives, with a reason for what it does not."""
    root = hasattr(os, "geteuid") and os.geteuid() == 0
    why_not = "grading is not running as root, so submissions run as the instructor's user"
    if root:
        why_not = _other_user_can_run_python()
        root = not why_not
    unshare = _unshare_works()
    return {
        "own_user": root,
        "own_user_why": why_not,
        "no_network": unshare,
        "hidden_files": unshare,
        "namespaces_why": "" if unshare else "Linux namespaces (unshare --mount --net) are not available here",
        "limits": hasattr(resource, "RLIMIT_AS"),
        "guard": hasattr(sys, "addaudithook"),
    }


def wrap_command(argv: list[str], caps: dict) -> list[str]:
    """Prefix the kernel command with ``unshare`` where namespaces are available."""
    if caps.get("no_network"):
        return [shutil.which("unshare"), "--mount", "--net", "--", *argv]
    return argv


def _hide(paths: list[str]) -> list[str]:
    """Cover protected paths with empty read-only mounts (only inside a private mount namespace)."""
    hidden = []
    for p in paths:
        if not os.path.exists(p):
            continue
        if os.path.isdir(p):
            cmd = ["mount", "-t", "tmpfs", "-o", "ro,size=4k,mode=000", "tmpfs", p]
        else:
            cmd = ["mount", "--bind", "/dev/null", p]
        if subprocess.run(cmd, capture_output=True).returncode == 0:
            hidden.append(p)
    return hidden


def _limit(name: str, value: int) -> None:
    what = getattr(resource, name, None)
    if what is None:
        return
    soft, hard = resource.getrlimit(what)
    value = value if hard == resource.RLIM_INFINITY else min(value, hard)
    try:
        resource.setrlimit(what, (value, value))
    except (ValueError, OSError):
        pass


def main(argv=None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    config = json.loads(Path(argv.pop(0)).read_text())
    scratch = config["scratch"]
    try:
        os.setsid()
    except OSError:
        pass
    if config.get("hide") and os.geteuid() == 0 and os.environ.get("COURSE_SANDBOX_NS") == "1":
        _hide(config["protected"])

    # The connection file belongs to the worker; the kernel gets its own copy.
    i = argv.index("-f")
    conn = Path(scratch) / "kernel.json"
    conn.write_text(Path(argv[i + 1]).read_text())
    argv[i + 1] = str(conn)

    limits = config["limits"]
    _limit("RLIMIT_CPU", limits["cpu_seconds"])
    _limit("RLIMIT_AS", limits["address_space_bytes"])
    _limit("RLIMIT_FSIZE", limits["file_bytes"])
    _limit("RLIMIT_NOFILE", limits["open_files"])
    _limit("RLIMIT_CORE", 0)
    uid = config.get("uid")
    if uid is not None and os.geteuid() == 0:
        for path in [scratch, *[str(p) for p in Path(scratch).rglob("*")]]:
            os.chown(path, uid, uid)
        _limit("RLIMIT_NPROC", limits["processes"])  # counted per user, so only with an own user
        os.setgroups([])
        os.setgid(uid)
        os.setuid(uid)
    os.chdir(scratch)
    os.environ.update({
        "HOME": scratch, "TMPDIR": scratch, "MPLCONFIGDIR": scratch, "KERAS_HOME": scratch,
        "IPYTHONDIR": os.path.join(scratch, ".ipython"), "JUPYTER_RUNTIME_DIR": scratch,
    })
    for name in list(os.environ):
        if name.startswith(("COURSE_GRADEBOOK", "AWS_", "GITHUB_", "GH_")) or "TOKEN" in name or "SECRET" in name:
            del os.environ[name]

    from course_lib.grading import guard

    key_file = Path(scratch) / ".guard-key"
    key = key_file.read_bytes()
    key_file.unlink()
    guard.install(scratch, config["protected"], key)
    del key, config

    from ipykernel.kernelapp import launch_new_instance

    sys.argv = ["ipykernel_launcher", *argv]
    launch_new_instance()


if __name__ == "__main__":
    main()
