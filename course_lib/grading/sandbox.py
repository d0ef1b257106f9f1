"""A sandbox for one untrusted submission's Jupyter kernel.

The sandbox stands on its own: nothing inside the learner's process is trusted
to enforce anything. Where the machine allows it, the kernel runs

* as an unprivileged user (one uid per worker slot; no supplementary groups,
  no capabilities, ``no_new_privs``), never as root;
* in its own PID namespace: whatever the submission starts (``fork_exec``,
  double fork + ``setsid``, daemons) dies with the sandbox, and ``/proc`` shows
  only the sandbox's own processes (no ``/proc/<grader pid>/root`` route);
* in its own mount namespace built from a whitelist: an empty root with
  read-only binds of the system (``/usr``, ``/etc``, ...), the Python
  installation, the virtual environment and the course's installed packages
  (``course_lib`` and ``course_datasets``, exactly their source folders for an
  editable install), private size-capped tmpfs at ``/tmp`` and ``/dev/shm``,
  and the scratch folder as the only writable bind. The repository's
  ``solutions/``, ``tests/``, ``.nbgrader/``, ``.git``, the submissions and
  the gradebook are simply not there;
* in empty network, IPC and UTS namespaces (the kernel talks to the worker over
  ZMQ *ipc* sockets in the scratch folder, so it needs no network);
* under resource limits (:class:`Limits`): CPU seconds, address space, file
  size, open files, processes (per uid), no core dumps, tmpfs sizes;
* with none of the grader's file descriptors (all above 2 are closed) and
  without secrets-looking environment variables.

Mechanisms, best first: bubblewrap (``bwrap``; as root it needs no user
namespaces), the kernel's namespaces through util-linux ``unshare`` plus a
small root-building step in :func:`main` (when ``bwrap`` is missing), and
``none``: resource limits (and, as root, the own user where the interpreter is
readable by it) only. ``COURSE_SANDBOX_MECHANISM=bubblewrap|unshare|none``
forces one (tests, administrators).

Public interface (used by :mod:`.worker` and :mod:`.batch`)
------------------------------------------------------------
``Limits(**overrides)``
    a ``dict`` of limits: ``cpu_seconds``, ``memory_bytes`` (watched by the
    worker), ``address_space_bytes``, ``file_bytes``, ``open_files``,
    ``processes``, ``tmp_bytes``, ``shm_bytes``.
``capabilities(refresh=False) -> dict``
    which mechanism is used (``"mechanism"``: ``"bubblewrap"``, ``"unshare"``
    or ``"none"``) and, for each property ``own_user``, ``pid_namespace``,
    ``private_tmp``, ``read_only_fs``, ``no_network``, ``hidden_files``,
    ``limits``, a boolean ``caps[prop]`` and a reason ``caps[prop + "_why"]``
    (how it is enforced, or why not). Proven by one probe sandbox, cached per
    process; a copy is returned. (``namespaces_why`` and ``guard`` are kept for
    the older batch summary.)
``sandbox_argv(command, scratch, limits, uid, caps, *, hide=()) -> list[str]``
    the argv that runs ``command`` in the sandbox, cwd = ``scratch``.
``kernel_argv(scratch, limits, uid, caps) -> list[str]``
    the kernelspec ``argv``: ``python -m ipykernel_launcher -f {connection_file}``
    inside the sandbox (the placeholder is left for jupyter_client).
``cleanup(scratch, uid) -> None``
    after the kernel is gone: kill whatever of ``uid`` still runs, remove
    what ``uid`` left in ``/tmp``, ``/var/tmp``, ``/dev/shm`` and SysV IPC.
``kill_user(uid) -> int``
    kill every process of ``uid`` (as :func:`cleanup` does); how many there were.

What the worker must do
-----------------------
* create ``scratch`` (root, 0700 is fine) before calling :func:`kernel_argv`,
  and pass paths under ``os.path.realpath(scratch)``: the connection file
  (set ``km.connection_file`` inside scratch before starting) and the ipc
  ``ip`` (e.g. ``scratch/"kernel-ipc"``). Scratch is bound at its real path.
* pass the uid only when ``caps["own_user"]``; :func:`sandbox_argv` chowns
  scratch to it, and the launcher chowns it again at start (so the
  connection file jupyter_client writes as root, mode 0600, becomes the
  kernel's).
* put kernel environment variables (``COURSE_FAST``, ``COURSE_CHECK_MODE``,
  ...) in the kernelspec ``env``; they reach the kernel (secrets-looking
  names are dropped, see :data:`SECRET_PREFIXES` / :data:`SECRET_WORDS`).
* use ``"interrupt_mode": "message"`` in the kernelspec: the kernel runs in
  its own session, so a SIGINT to the process group reaches only the
  sandbox's leader (which then stops the sandbox).
* kill the process it started (the sandbox leader: ``bwrap`` / ``unshare``);
  everything inside dies with it. Then call :func:`cleanup`.
* the kernel's stdout/stderr are whatever the worker gives it (pipes or a log
  file): they are the only grader-side objects the kernel holds.

``python -m course_lib.grading.sandbox CONFIG_JSON -- COMMAND...`` (or, faster,
``python -I -S .../sandbox.py ...``) is the in-sandbox launcher step
:func:`sandbox_argv` uses: it builds the root (``unshare``), chowns scratch,
sets the limits, cleans the environment, drops privileges and execs COMMAND.
It imports nothing of course_lib.
"""
from __future__ import annotations

import json
import os
import sys

__all__ = ["Limits", "capabilities", "sandbox_argv", "kernel_argv", "cleanup", "kill_user", "main",
           "MECHANISMS", "PROBE_UID"]

MECHANISMS = ("bubblewrap", "unshare", "none")
PROBE_UID = 60000  # the probe sandbox of capabilities() runs as PROBE_UID + pid % 999 (one per process,
#                   so parallel batches or test workers do not kill each other's probes)
PROPERTIES = ("own_user", "pid_namespace", "private_tmp", "read_only_fs", "no_network", "hidden_files", "limits")

SECRET_PREFIXES = ("COURSE_GRADEBOOK", "AWS_", "GITHUB_", "GH_")
SECRET_WORDS = ("TOKEN", "SECRET", "PASSWORD", "PASSWD", "CREDENTIAL", "API_KEY", "PRIVATE_KEY")

# Read-only system paths (whichever exist; top-level symlinks such as /bin ->
# usr/bin are recreated as symlinks).
SYSTEM_PATHS = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/etc",
                "/sys/devices/system/cpu")
DEVICES = ("null", "zero", "full", "random", "urandom", "tty")


class Limits(dict):
    """Per-submission limits (seconds, bytes, counts); a dict so it serialises as JSON."""

    DEFAULTS = {
        "cpu_seconds": 1200,            # CPU time of the kernel process
        "memory_bytes": 3 << 30,        # resident memory watched by the worker
        "address_space_bytes": 8 << 30,  # hard cap on virtual memory (TensorFlow maps ~3 GB)
        "file_bytes": 256 << 20,
        "open_files": 512,
        "processes": 512,               # per uid; threads count too (TensorFlow starts many)
        "tmp_bytes": 256 << 20,         # size of the private /tmp
        "shm_bytes": 256 << 20,         # size of the private /dev/shm
    }

    def __init__(self, **overrides):
        super().__init__(self.DEFAULTS)
        self.update({k: v for k, v in overrides.items() if v is not None})


def _is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def _which(name: str) -> str | None:
    import shutil

    return shutil.which(name) or next((p for p in (f"/usr/bin/{name}", f"/bin/{name}", f"/usr/sbin/{name}")
                                       if os.access(p, os.X_OK)), None)


# -- what the sandbox shows -------------------------------------------------------
def _course_paths() -> list[str]:
    """Folders the course's Python needs, read-only: the interpreter's prefixes, the site-packages,
    and the source folders of course_lib and course_datasets (editable installs map them to folders
    of the repository: exactly those folders, not the repository, are shown)."""
    import importlib.util
    import site
    import sysconfig

    paths = {sys.base_prefix, sys.prefix, sys.base_exec_prefix, sys.exec_prefix,
             os.path.dirname(os.path.realpath(sys.executable))}
    for key in ("stdlib", "platstdlib", "purelib", "platlib"):
        paths.add(sysconfig.get_paths().get(key, ""))
    try:
        paths.update(site.getsitepackages())
    except AttributeError:
        pass
    for name, mod in list(sys.modules.items()):
        mapping = getattr(mod, "MAPPING", None)
        if name.startswith("__editable__") and isinstance(mapping, dict):
            paths.update(str(v) for v in mapping.values())
    for name in ("course_lib", "course_datasets"):
        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):
            spec = None
        for loc in (spec.submodule_search_locations or []) if spec else []:
            paths.add(str(loc))
    return [p for p in paths if p and os.path.isdir(p)]


def _mount_plan(scratch: str, hide=()) -> dict:
    """Where everything goes: {"symlinks": [(target, path)], "ro": [path], "scratch": path, "hide": [path]}."""
    symlinks, ro = [], []
    for p in SYSTEM_PATHS:
        if os.path.islink(p) and os.path.dirname(p) == "/":
            symlinks.append((os.readlink(p), p))
        elif os.path.exists(p):
            ro.append(p)
    for p in _course_paths():
        ro.append(os.path.realpath(p))
    data = _dataset_cache()
    if data:
        ro.append(data)  # pre-fetched public datasets (`course data fetch`), read-only
    # Drop nested paths (an outer bind shows them) and duplicates.
    ro = sorted(set(ro), key=lambda p: (p.count("/"), p))
    kept: list[str] = []
    for p in ro:
        if not any(p == k or p.startswith(k.rstrip("/") + "/") for k in kept):
            kept.append(p)
    hidden = [os.path.realpath(h) for h in [*hide, *_grader_env_paths()] if h]
    # Only what a bind would show needs hiding; the rest is not there anyway.
    hidden = sorted({h for h in hidden if os.path.exists(h)
                     and any(h == k or h.startswith(k.rstrip("/") + "/") for k in kept)})
    return {"symlinks": symlinks, "ro": kept, "scratch": os.path.realpath(scratch), "hide": hidden}


def _dataset_cache() -> str | None:
    """The course's dataset cache (``COURSE_DATA``, default ``~/.course_cache/datasets``) if it
    exists: a graded notebook may read data the instructor fetched beforehand."""
    custom = os.environ.get("COURSE_DATA")
    path = os.path.expanduser(custom) if custom else os.path.join(os.path.expanduser("~"), ".course_cache", "datasets")
    return os.path.realpath(path) if os.path.isdir(path) else None


def _grader_env_paths() -> list[str]:
    """The gradebook (``COURSE_GRADEBOOK_URL``, sqlite) and the reference records' cache
    (``COURSE_REFERENCE_CACHE``, default ``~/.cache/deep-learning-course``) of the grader."""
    out = [os.environ.get("COURSE_REFERENCE_CACHE", ""),
           os.path.join(os.path.expanduser("~"), ".cache", "deep-learning-course")]
    url = os.environ.get("COURSE_GRADEBOOK_URL", "")
    if url.startswith("sqlite:///"):
        out.append(url[len("sqlite:///"):])
    return [p for p in out if p]


def _ancestors(path: str) -> list[str]:
    out, p = [], os.path.dirname(path)
    while p not in ("/", ""):
        out.append(p)
        p = os.path.dirname(p)
    return out[::-1]


_BWRAP_HELP: str | None = None


def _bwrap_has(option: str) -> bool:
    """Whether this bubblewrap knows ``option`` (``--size`` 0.5+, ``--disable-userns`` 0.8+)."""
    global _BWRAP_HELP
    if _BWRAP_HELP is None:
        import subprocess

        try:
            _BWRAP_HELP = subprocess.run([_which("bwrap"), "--help"], capture_output=True, text=True,
                                         timeout=10).stdout
        except (OSError, subprocess.SubprocessError, TypeError):
            _BWRAP_HELP = ""
    return option in _BWRAP_HELP.split()


def _bwrap_args(plan: dict, limits: dict, uid, own_ns_user: bool) -> list[str]:
    a = [_which("bwrap"), "--unshare-pid", "--unshare-ipc", "--unshare-net", "--unshare-uts",
         "--unshare-cgroup-try", "--die-with-parent", "--new-session", "--hostname", "sandbox"]
    if own_ns_user:
        a += ["--unshare-user"] + (["--disable-userns"] if _bwrap_has("--disable-userns") else [])
    made: set[str] = set()

    def size(n):
        return ["--size", str(int(n))] if _bwrap_has("--size") else []

    def dirs(path):
        for d in _ancestors(path):
            if d not in made:
                made.add(d)
                a.extend(["--perms", "0755", "--dir", d])

    a += ["--perms", "1777", *size(limits["tmp_bytes"]), "--tmpfs", "/tmp"]
    made.add("/tmp")
    for target, path in plan["symlinks"]:
        a += ["--symlink", target, path]
    for p in plan["ro"]:
        dirs(p)
        a += ["--ro-bind", p, p]
        made.add(p)
    a += ["--proc", "/proc", "--dev", "/dev",
          "--perms", "1777", *size(limits["shm_bytes"]), "--tmpfs", "/dev/shm"]
    dirs(plan["scratch"])
    a += ["--bind", plan["scratch"], plan["scratch"]]
    for h in plan["hide"]:
        if os.path.isdir(h):
            a += ["--perms", "0000", "--tmpfs", h, "--remount-ro", h]
        else:
            a += ["--ro-bind", "/dev/null", h]
    a += ["--remount-ro", "/", "--chdir", plan["scratch"]]
    if _is_root() and uid is not None:
        # Only for the launcher's few steps before it drops to ``uid`` (all gone after).
        for cap in ("CAP_SETUID", "CAP_SETGID", "CAP_SETPCAP", "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FOWNER"):
            a += ["--cap-add", cap]
    return a


def _launcher() -> list[str]:
    """The interpreter running this file as a script: isolated (-I), no site (-S): fast, and
    nothing from the scratch folder, the environment or site-packages runs before the drop."""
    return [sys.executable, "-I", "-S", os.path.abspath(__file__)]


def _die_with_parent() -> list[str]:
    """``setpriv --pdeathsig KILL --``: the sandbox is killed when the process that started it
    dies, even by SIGKILL (bubblewrap has ``--die-with-parent``; ``unshare --kill-child`` then
    takes the kernel with it). Without setpriv, the grader's own clean-up is all there is."""
    setpriv = _which("setpriv")
    return [setpriv, "--pdeathsig", "KILL", "--"] if setpriv else []


def sandbox_argv(command: list[str], scratch: str, limits: dict, uid: int | None, caps: dict, *,
                 hide=()) -> list[str]:
    """The argv that runs ``command`` in the sandbox ``caps`` describes, with cwd ``scratch``.

    ``scratch`` must exist; it is chowned to ``uid`` (as root). ``hide``: paths to cover should
    one of the read-only binds contain them (always: the gradebook from ``COURSE_GRADEBOOK_URL``
    and the reference cache, see :func:`_grader_env_paths`).
    """
    limits = Limits(**dict(limits or {}))
    mechanism = caps.get("mechanism", "none")
    scratch = os.path.realpath(scratch)
    if not os.path.isdir(scratch):
        raise FileNotFoundError(f"scratch folder {scratch} does not exist")
    if uid is not None and not _is_root():
        uid = None  # only root can switch users; the sandbox runs as the caller
    if uid is not None:
        _chown_tree(scratch, uid)
    cfg = {"mode": mechanism, "scratch": scratch, "uid": uid, "limits": dict(limits), "data": _dataset_cache(),
           "pidns": mechanism != "none",
           # RLIMIT_NPROC counts per user: only with an own user (or an own user namespace).
           "nproc": uid is not None or (mechanism == "bubblewrap" and not _is_root())}
    if os.name == "nt":
        # os.exec* starts a new process there (the kernel manager would see its kernel exit):
        # no launcher, so no limits; the kernel manager's cwd is scratch.
        return list(command)
    if mechanism == "bubblewrap":
        plan = _mount_plan(scratch, hide)
        prefix = _bwrap_args(plan, limits, uid, own_ns_user=not _is_root()) + ["--"]
    elif mechanism == "unshare":
        cfg["plan"] = _mount_plan(scratch, hide)
        prefix = [*_die_with_parent(), _which("unshare"), "--mount", "--net", "--ipc", "--uts", "--pid", "--fork",
                  "--kill-child", "--propagation", "private", "--"]
    else:
        prefix = _die_with_parent()
    return [*prefix, *_launcher(), json.dumps(cfg, separators=(",", ":")), "--", *command]


def kernel_argv(scratch: str, limits: dict, uid: int | None, caps: dict) -> list[str]:
    """Kernelspec ``argv``: an IPython kernel in the sandbox (``{connection_file}`` left for
    jupyter_client to fill in; the file must be inside ``scratch``)."""
    return sandbox_argv([sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                        scratch, limits, uid, caps)


def _chown_tree(root: str, uid: int) -> None:
    """Give ``root`` and everything in it to ``uid`` (symlinks themselves, never their targets)."""
    os.lchown(root, uid, uid)
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            try:
                os.lchown(os.path.join(dirpath, name), uid, uid)
            except FileNotFoundError:
                pass


# -- after the kernel ---------------------------------------------------------------
def _procs_of(uid: int) -> list:
    import psutil

    found = []
    for p in psutil.process_iter(["uids", "status"]):
        try:
            u = p.info["uids"]
            if u and uid in (u.real, u.effective, u.saved) and p.info["status"] != psutil.STATUS_ZOMBIE:
                found.append(p)
        except psutil.Error:
            pass
    return found


def kill_user(uid: int | None) -> int:
    """Kill every process of ``uid`` (whatever namespace it is in); how many there were."""
    import subprocess
    import time

    import psutil

    if uid is None or not hasattr(os, "getuid") or uid in (0, os.getuid()):
        return 0
    found = _procs_of(uid)
    n = len(found)
    for _ in range(20):
        if not found:
            break
        if _is_root():
            # kill(-1) as the user reaches all its processes at once, forking or not.
            subprocess.run([sys.executable, "-I", "-S", "-c",
                            "import os, sys\nu = int(sys.argv[1])\nos.setgroups([])\nos.setresgid(u, u, u)\n"
                            "os.setresuid(u, u, u)\ntry:\n    os.kill(-1, 9)\nexcept OSError:\n    pass\n",
                            str(uid)], capture_output=True, timeout=30)
        for p in found:
            try:
                p.kill()
            except psutil.Error:
                pass
        time.sleep(0.05)
        found = _procs_of(uid)
    return n


def _remove_owned(uid: int, folders=("/tmp", "/var/tmp", "/dev/shm")) -> int:
    import shutil
    import stat

    n = 0
    for folder in folders:
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for e in entries:
            try:
                st = e.stat(follow_symlinks=False)
                if st.st_uid != uid:
                    continue
                if stat.S_ISDIR(st.st_mode):
                    shutil.rmtree(e.path, ignore_errors=True)
                else:
                    os.unlink(e.path)
                n += 1
            except OSError:
                pass
    return n


def _remove_sysv_ipc(uid: int) -> None:
    import subprocess

    ipcrm = _which("ipcrm")
    for kind, flag in (("shm", "-m"), ("sem", "-s"), ("msg", "-q")):
        try:
            lines = open(f"/proc/sysvipc/{kind}").read().splitlines()
        except OSError:
            continue
        head = lines[0].split() if lines else []
        if "uid" not in head or ipcrm is None:
            continue
        ident = head.index("shmid" if kind == "shm" else "semid" if kind == "sem" else "msqid")
        for line in lines[1:]:
            cols = line.split()
            if len(cols) > head.index("uid") and cols[head.index("uid")] == str(uid):
                subprocess.run([ipcrm, flag, cols[ident]], capture_output=True)


def cleanup(scratch: str, uid: int | None) -> None:
    """After the kernel is gone: kill anything of ``uid`` still running (should a path escape
    the PID namespace), remove what ``uid`` left in shared places; without an own uid, kill
    the processes still working in ``scratch``. The scratch folder itself is the worker's."""
    import psutil

    if uid is not None and _is_root() and uid != 0:
        kill_user(uid)
        _remove_owned(uid)
        _remove_sysv_ipc(uid)
        return
    scratch = os.path.realpath(scratch)
    mine = {os.getpid(), *(p.pid for p in psutil.Process().parents())}
    for p in psutil.process_iter(["cwd"]):
        try:
            cwd = p.info["cwd"] or ""
            if p.pid not in mine and (cwd == scratch or cwd.startswith(scratch + os.sep)):
                p.kill()
        except psutil.Error:
            pass


# -- what the machine gives -----------------------------------------------------------
_CAPS: dict | None = None

_PROBE = r"""
import json, os, socket, sys
none = lambda: -1
out = {"uid": getattr(os, "getuid", none)(), "gid": getattr(os, "getgid", none)(),
       "euid": getattr(os, "geteuid", none)(), "groups": getattr(os, "getgroups", list)(), "pid": os.getpid()}
try:
    status = dict(l.split(":", 1) for l in open("/proc/self/status").read().splitlines() if ":" in l)
except OSError:
    status = {}
out["cap_eff"] = int(status.get("CapEff", "1").strip(), 16)
out["cap_bnd"] = int(status.get("CapBnd", "1").strip(), 16) | int(status.get("CapInh", "1").strip(), 16)
out["no_new_privs"] = status.get("NoNewPrivs", "0").strip() == "1"
def ns(kind):
    try:
        return os.readlink("/proc/self/ns/" + kind)
    except OSError:
        return None
out["ns"] = {k: ns(k) for k in ("pid", "net", "mnt", "ipc")}
args = json.loads(sys.argv[1])
out["grader_proc"] = os.path.exists("/proc/%d/root" % args["grader_pid"])
out["visible"] = [p for p in args["hidden"] if os.path.lexists(p)]
for name in ("tmp", "shm"):
    path = ("/tmp/" if name == "tmp" else "/dev/shm/") + args["token"]
    if not os.path.isdir(os.path.dirname(path)):
        out[name] = "no such folder"
        continue
    try:
        open(path, "w").write("x")
        out[name] = True
    except OSError as exc:
        out[name] = str(exc)
writable = []
for d in sorted(set(["/", "/usr", "/etc", sys.prefix, sys.base_prefix] + args["ro"])):
    path = os.path.join(d, args["token"])
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except OSError:
        continue
    writable.append(d)
    os.unlink(path)  # no sandbox here: leave nothing behind
out["writable"] = writable
try:
    open(os.path.join(os.getcwd(), "probe-" + args["token"]), "w").write("x")
    out["scratch_writable"] = True
except OSError as exc:
    out["scratch_writable"] = str(exc)
out["net"] = []
for host in ("127.0.0.1", "8.8.8.8"):
    s = socket.socket()
    s.settimeout(1)
    try:
        s.connect((host, 53))
        out["net"].append(host)
    except OSError:
        pass
    finally:
        s.close()
try:
    import resource
    out["rlimits"] = {n: resource.getrlimit(getattr(resource, n))[1] if hasattr(resource, n) else -1
                      for n in ("RLIMIT_CPU", "RLIMIT_AS", "RLIMIT_FSIZE", "RLIMIT_NOFILE", "RLIMIT_NPROC",
                                "RLIMIT_CORE")}
except ImportError:
    out["rlimits"] = {}
try:
    import numpy, ipykernel, course_lib.checks
    out["imports"] = True
except Exception as exc:
    out["imports"] = "%s: %s" % (type(exc).__name__, exc)
print("PROBE " + json.dumps(out))
"""


def _available(mechanism: str) -> str:
    """Empty when ``mechanism`` can be tried here, else why not."""
    import platform

    if mechanism == "none":
        return ""
    if platform.system() != "Linux":
        return "Linux namespaces are not available on " + platform.system()
    if mechanism == "bubblewrap":
        if _which("bwrap") is None:
            return "bubblewrap (bwrap) is not installed"
        return ""
    if _which("unshare") is None:
        return "util-linux unshare is not installed"
    if not _is_root():
        return "the unshare sandbox needs root (it switches to the submission's user)"
    return ""


def _repo_secrets() -> list[str]:
    """Grader-side paths that must not exist inside: the installed repository's own folders."""
    installed = os.path.dirname(os.path.dirname(os.path.dirname(os.path.realpath(__file__))))
    out = [os.path.join(installed, n) for n in ("solutions", "tests", ".nbgrader", ".git", "modules")]
    return [p for p in out + _grader_env_paths() if os.path.lexists(p)]


def _probe(mechanism: str, uid: int | None) -> tuple[dict | None, str]:
    """Run the probe in a sandbox of ``mechanism`` as ``uid``: (its report, '') or (None, why it failed)."""
    import secrets
    import shutil
    import subprocess
    import tempfile

    token = secrets.token_hex(8)
    root = tempfile.mkdtemp(prefix="course-sandbox-probe-")
    try:
        os.chmod(root, 0o711)
        scratch = os.path.join(root, "scratch")
        os.mkdir(scratch, 0o700)
        outside = os.path.join(root, "grader-only")  # a grader file next to scratch: must not show
        open(outside, "w").close()
        caps = {"mechanism": mechanism}
        limits = Limits()
        plan = _mount_plan(scratch)
        args = {"grader_pid": os.getpid(), "token": token, "hidden": [*_repo_secrets(), outside],
                "ro": [p for p in plan["ro"] if not p.startswith("/sys")]}
        argv = sandbox_argv([sys.executable, "-c", _PROBE, json.dumps(args)], scratch, limits, uid, caps)
        try:
            proc = subprocess.run(argv, capture_output=True, text=True, timeout=120, cwd="/",
                                  env={k: v for k, v in os.environ.items() if k != "JPY_PARENT_PID"})
        except (OSError, subprocess.TimeoutExpired) as exc:
            return None, f"the probe sandbox did not run ({exc})"
        finally:
            if uid is not None:
                cleanup(scratch, uid)
        line = next((ln for ln in proc.stdout.splitlines() if ln.startswith("PROBE ")), None)
        if line is None:
            last = (proc.stderr.strip().splitlines() or [f"exit status {proc.returncode}"])[-1]
            return None, f"the probe sandbox failed: {last}"
        report = json.loads(line[len("PROBE "):])
        report["tmp_leaked"] = os.path.exists(os.path.join("/tmp", token)) or \
            os.path.exists(os.path.join("/dev/shm", token))
        report["expected_uid"] = uid
        if report.get("imports") is not True:
            return None, f"the course's Python does not work in the sandbox ({report.get('imports')})"
        return report, ""
    finally:
        for leftover in (os.path.join("/tmp", token), os.path.join("/dev/shm", token)):
            try:
                os.unlink(leftover)
            except OSError:
                pass
        shutil.rmtree(root, ignore_errors=True)


def _judge(mechanism: str, r: dict, tried: list[str]) -> dict:
    """Turn a probe report into the capabilities dict."""
    try:
        from resource import RLIM_INFINITY as inf
    except ImportError:
        inf = -1

    mine = {}
    for kind in ("pid", "net", "mnt", "ipc"):
        try:
            mine[kind] = os.readlink(f"/proc/self/ns/{kind}")
        except OSError:
            mine[kind] = None
    how = {"bubblewrap": "bubblewrap", "unshare": "unshare + pivot_root", "none": "no namespaces"}[mechanism]
    without = "; ".join(tried) or "no namespace mechanism"
    caps: dict = {"mechanism": mechanism}

    def put(prop, ok, yes, no):
        caps[prop], caps[prop + "_why"] = bool(ok), (yes if ok else no)

    uid = r.get("expected_uid")
    own = uid is not None and r["uid"] == uid and r["euid"] == uid and r["uid"] != 0 and not r["groups"] \
        and r["cap_eff"] == 0 and r["cap_bnd"] == 0 and r["no_new_privs"]
    if not _is_root():
        no_user = "grading is not running as root, so submissions run as the instructor's user"
    elif uid is None or r["uid"] == 0:
        no_user = "could not switch to an unprivileged user"
    else:
        no_user = (f"uid {r['uid']}, groups {r['groups']}, capabilities {r['cap_eff']:#x}/{r['cap_bnd']:#x}, "
                   f"no_new_privs {r['no_new_privs']}")
    put("own_user", own, f"one unprivileged uid per worker slot, no groups, no capabilities, no_new_privs "
        f"(probe ran as uid {r['uid']})", no_user)
    pidns = r["ns"]["pid"] is not None and r["ns"]["pid"] != mine["pid"] and not r["grader_proc"]
    put("pid_namespace", pidns, f"own PID namespace and /proc ({how}); everything inside dies with it",
        f"no PID namespace ({without}); what a submission starts is killed by uid or folder afterwards"
        if mechanism == "none" else "the grader's processes are visible in /proc")
    tmp = r["tmp"] is True and r["shm"] is True and not r["tmp_leaked"]
    capped_tmp = mechanism == "unshare" or _bwrap_has("--size")
    put("private_tmp", tmp, "private tmpfs at /tmp and /dev/shm"
        + (" (size-capped)" if capped_tmp else " (not size-capped: this bubblewrap has no --size)"),
        f"/tmp and /dev/shm are the machine's ({without})" if mechanism == "none" else
        f"/tmp or /dev/shm not private (tmp: {r['tmp']}, shm: {r['shm']}, leaked: {r['tmp_leaked']})")
    ro = not r["writable"] and r["scratch_writable"] is True
    put("read_only_fs", ro, "everything read-only except the scratch folder",
        f"writable outside scratch: {r['writable']}; scratch writable: {r['scratch_writable']}"
        + (f" ({without})" if mechanism == "none" else ""))
    net = not r["net"] and r["ns"]["net"] is not None and r["ns"]["net"] != mine["net"]
    put("no_network", net, "empty network namespace (the kernel uses ipc sockets)",
        f"the machine's network ({without})" if mechanism == "none" else f"reached {r['net']}")
    hidden = not r["visible"] and mechanism != "none"
    put("hidden_files", hidden, "whitelisted read-only binds only: solutions, tests, .git, gradebook, "
        "submissions and other folders of the grader are not there",
        f"the grader's files are visible ({without})" if mechanism == "none" else f"visible: {r['visible']}")
    want = Limits()
    lim = r["rlimits"]

    def capped(name, value):
        return lim.get(name, -1) not in (-1, inf) and lim[name] <= value

    ok = capped("RLIMIT_AS", want["address_space_bytes"]) and capped("RLIMIT_FSIZE", want["file_bytes"]) and \
        capped("RLIMIT_CPU", want["cpu_seconds"]) and lim.get("RLIMIT_CORE") == 0 and \
        capped("RLIMIT_NOFILE", want["open_files"])
    nproc = capped("RLIMIT_NPROC", want["processes"])
    put("limits", ok, "CPU seconds, address space, file size, open files, no core dumps"
        + (", processes per uid" if nproc else " (no process limit: no own user)")
        + (", tmpfs sizes" if tmp and capped_tmp else ""), f"rlimits not in force: {lim}")
    caps["namespaces_why"] = "" if mechanism != "none" else without
    caps["guard"] = False  # the in-kernel guard is gone; kept for the older batch summary
    return caps


def _detect(order) -> dict:
    """Probe the mechanisms in ``order``; the capabilities of the first that works."""
    tried: list[str] = []
    for mechanism in order:
        why = _available(mechanism)
        report, user_why = None, ""
        if not why:
            report, why = _probe(mechanism, PROBE_UID + os.getpid() % 999 if _is_root() else None)
            if report is None and _is_root():
                # Works at all, just not as another user? (without a mount namespace the
                # interpreter must be readable by other users, e.g. not under /root)
                user_why, report = why, _probe(mechanism, None)[0]
        if report is not None:
            caps = _judge(mechanism, report, tried)
            if user_why:
                caps["own_user_why"] = (f"an unprivileged user cannot run this Python here ({user_why}); "
                                        "install Python and the course where other users can read them")
            caps["tried"] = tried
            return caps
        tried.append(f"{mechanism}: {why}")
    caps = {"mechanism": "none", "namespaces_why": "; ".join(tried), "guard": False, "tried": tried}
    for prop in PROPERTIES:  # even the limits-only launcher failed
        caps[prop], caps[prop + "_why"] = False, "; ".join(tried)
    return caps


def capabilities(refresh: bool = False) -> dict:
    """What isolation this machine gives (proven by one probe sandbox; cached per process)."""
    global _CAPS
    if _CAPS is None or refresh:
        forced = os.environ.get("COURSE_SANDBOX_MECHANISM", "").strip().lower()
        _CAPS = _detect([forced] if forced in MECHANISMS else MECHANISMS)
        if forced and forced not in MECHANISMS:
            _CAPS["mechanism_why"] = f"COURSE_SANDBOX_MECHANISM={forced!r} is not one of {MECHANISMS}"
    return json.loads(json.dumps(_CAPS))


# -- the launcher (runs inside the sandbox, before the command) ----------------------------
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC = 1, 2, 4, 8
MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = 32, 4096, 16384, 1 << 18
MNT_DETACH = 2
PR_CAPBSET_DROP, PR_SET_NO_NEW_PRIVS, PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL = 24, 38, 47, 4
SYS_PIVOT_ROOT = {"x86_64": 155, "aarch64": 41, "riscv64": 41, "ppc64le": 203, "s390x": 217, "i686": 217}


def _libc():
    import ctypes

    return ctypes.CDLL(None, use_errno=True)


def _check(ret: int, what: str) -> None:
    import ctypes

    if ret != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"{what}: {os.strerror(err)}")


def _mount(libc, src, target, fstype, flags, data=None) -> None:
    enc = (lambda s: s.encode() if s is not None else None)
    _check(libc.mount(enc(src), enc(target), enc(fstype), flags, enc(data)), f"mount {src} on {target}")


def _unoctal(text: str) -> str:
    """mountinfo's escapes (``\\040`` for a space), without the codecs machinery (not reachable
    between the two pivot_roots)."""
    out, i = [], 0
    while i < len(text):
        if text[i] == "\\" and text[i + 1:i + 4].isdigit():
            out.append(chr(int(text[i + 1:i + 4], 8)))
            i += 4
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def _remount_tree_ro(libc, target: str, extra: int = 0, mountinfo: str = "/proc/self/mountinfo") -> None:
    """Read-only (plus ``extra`` flags) for a bind and every mount below it."""
    points = []
    for line in open(mountinfo):
        mp = _unoctal(line.split()[4])
        if mp == target or mp.startswith(target.rstrip("/") + "/"):
            points.append(mp)
    for mp in sorted(points, key=len):
        try:
            _mount(libc, None, mp, None, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | extra)
        except OSError:
            _mount(libc, None, mp, None, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV | extra)


def _makedirs(path: str) -> None:
    os.makedirs(path, mode=0o755, exist_ok=True)


def _build_root(cfg: dict) -> None:
    """For ``unshare``: (root, fresh mount namespace) an empty root with the whitelisted binds,
    like bubblewrap does, then pivot_root into it."""
    import platform

    libc = _libc()
    plan, limits = cfg["plan"], cfg["limits"]
    nr = SYS_PIVOT_ROOT.get(platform.machine())
    if nr is None:
        raise OSError(f"pivot_root: unknown system call number on {platform.machine()}")

    def pivot(new, old):
        _check(libc.syscall(nr, new.encode(), old.encode()), f"pivot_root {new}")

    _mount(libc, None, "/", None, MS_REC | MS_PRIVATE)
    _mount(libc, "tmpfs", "/tmp", "tmpfs", MS_NOSUID | MS_NODEV, "mode=0755,size=1m")
    os.mkdir("/tmp/newroot", 0o755)
    os.mkdir("/tmp/oldroot", 0o755)
    os.chdir("/tmp")
    pivot(".", "oldroot")  # the machine's root is now /oldroot (its /tmp the real one)
    os.chdir("/")
    new, old = "/newroot", "/oldroot"
    _mount(libc, "tmpfs", new, "tmpfs", MS_NOSUID | MS_NODEV, "mode=0755,size=1m")
    _makedirs(new + "/tmp")
    _mount(libc, "tmpfs", new + "/tmp", "tmpfs", MS_NOSUID | MS_NODEV, f"mode=1777,size={int(limits['tmp_bytes'])}")
    for target, path in plan["symlinks"]:
        os.symlink(target, new + path)
    for p in plan["ro"]:
        _makedirs(new + p)
        _mount(libc, old + p, new + p, None, MS_BIND | MS_REC)
        _remount_tree_ro(libc, new + p, MS_NODEV, old + "/proc/self/mountinfo")
    _makedirs(new + "/proc")
    _mount(libc, "proc", new + "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC)
    _makedirs(new + "/dev")
    _mount(libc, "tmpfs", new + "/dev", "tmpfs", MS_NOSUID, "mode=0755,size=1m")
    for d in DEVICES:
        if os.path.exists(old + "/dev/" + d):
            open(new + "/dev/" + d, "w").close()
            _mount(libc, old + "/dev/" + d, new + "/dev/" + d, None, MS_BIND)
    for name, target in (("fd", "/proc/self/fd"), ("stdin", "/proc/self/fd/0"), ("stdout", "/proc/self/fd/1"),
                         ("stderr", "/proc/self/fd/2")):
        os.symlink(target, new + "/dev/" + name)
    _makedirs(new + "/dev/shm")
    _mount(libc, "tmpfs", new + "/dev/shm", "tmpfs", MS_NOSUID | MS_NODEV,
           f"mode=1777,size={int(limits['shm_bytes'])}")
    _mount(libc, None, new + "/dev", None, MS_REMOUNT | MS_RDONLY | MS_NOSUID, "mode=0755,size=1m")
    s = plan["scratch"]
    _makedirs(new + s)
    _mount(libc, old + s, new + s, None, MS_BIND | MS_REC)
    _mount(libc, None, new + s, None, MS_REMOUNT | MS_BIND | MS_NOSUID | MS_NODEV)
    for h in plan["hide"]:
        if os.path.isdir(new + h):
            _mount(libc, "tmpfs", new + h, "tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV, "mode=0000,size=4k")
        elif os.path.exists(new + h):
            _mount(libc, new + "/dev/null", new + h, None, MS_BIND)
    os.chdir(new)
    pivot(".", ".")  # new root on top, old stack below: detach it
    _check(libc.umount2(b".", MNT_DETACH), "umount old root")
    os.chdir("/")
    _mount(libc, None, "/", None, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV)
    try:
        libc.sethostname(b"sandbox", 7)
    except Exception:
        pass


def _reap_until(child: int) -> None:
    """PID 1 of the sandbox: reap orphans; leave (taking the namespace with it) when ``child`` ends."""
    import signal

    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(sig, lambda signum, frame: os.kill(child, signum))
    while True:
        try:
            pid, status = os.waitpid(-1, 0)
        except ChildProcessError:
            os._exit(1)
        except InterruptedError:
            continue
        if pid == child:
            os._exit(os.waitstatus_to_exitcode(status) if os.WIFEXITED(status) else 128 + os.WTERMSIG(status))


def _set_limits(limits: dict, nproc: bool) -> None:
    try:
        import resource
    except ImportError:
        return

    def limit(name, value):
        what = getattr(resource, name, None)
        if what is None:
            return
        soft, hard = resource.getrlimit(what)
        value = int(value) if hard == resource.RLIM_INFINITY else min(int(value), hard)
        resource.setrlimit(what, (value, value))

    limit("RLIMIT_CPU", limits["cpu_seconds"])
    limit("RLIMIT_AS", limits["address_space_bytes"])
    limit("RLIMIT_FSIZE", limits["file_bytes"])
    limit("RLIMIT_NOFILE", limits["open_files"])
    limit("RLIMIT_CORE", 0)
    if nproc:
        limit("RLIMIT_NPROC", limits["processes"])


def _clean_env(scratch: str, pidns: bool) -> dict:
    env = {}
    for name, value in os.environ.items():
        up = name.upper()
        if up.startswith(SECRET_PREFIXES) or any(w in up for w in SECRET_WORDS):
            continue
        env[name] = value
    if pidns:
        # ipykernel would see PID 1 as its parent and quit; the sandbox dies with its parent anyway.
        env.pop("JPY_PARENT_PID", None)
    env.update({
        "HOME": scratch, "TMPDIR": scratch, "MPLCONFIGDIR": scratch, "KERAS_HOME": scratch,
        "IPYTHONDIR": os.path.join(scratch, ".ipython"), "JUPYTER_RUNTIME_DIR": scratch,
        "XDG_CACHE_HOME": os.path.join(scratch, ".cache"), "PYTHONNOUSERSITE": "1",
    })
    return env


def _close_fds() -> None:
    """No descriptor of the grader's past 0-2 reaches the command."""
    try:
        fds = [int(fd) for fd in os.listdir("/proc/self/fd")]
    except OSError:
        fds = range(3, 1 << 16)
    for fd in fds:
        if fd > 2:
            try:
                os.close(fd)
            except OSError:
                pass


def _drop_privileges(uid: int) -> None:
    """Root -> ``uid``: no groups, no capabilities (bounding and ambient sets too)."""
    libc = _libc()
    last = 63
    try:
        last = int(open("/proc/sys/kernel/cap_last_cap").read())
    except (OSError, ValueError):
        pass
    libc.prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0)
    for cap in range(last + 1):
        libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0)
    os.setgroups([])
    os.setresgid(uid, uid, uid)
    os.setresuid(uid, uid, uid)
    if os.getuid() != uid or os.geteuid() != uid or os.getgroups():
        raise OSError(f"could not switch to uid {uid}")
    _clear_capability_sets(libc)


def _clear_capability_sets(libc) -> None:
    """capset(all empty): the switch cleared permitted and effective; this clears inheritable too."""
    import ctypes

    class Header(ctypes.Structure):
        _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]

    class Data(ctypes.Structure):
        _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32),
                    ("inheritable", ctypes.c_uint32)]

    header, data = Header(0x20080522, 0), (Data * 2)()  # _LINUX_CAPABILITY_VERSION_3
    _check(libc.capset(ctypes.byref(header), data), "capset")


def _no_new_privs() -> None:
    _check(_libc().prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "no_new_privs")


def _verify_no_caps() -> None:
    try:
        status = open("/proc/self/status").read()
    except OSError:
        return
    for line in status.splitlines():
        if line.startswith(("CapInh:", "CapPrm:", "CapEff:", "CapBnd:", "CapAmb:")) and int(line.split()[1], 16):
            raise OSError(f"capabilities left after the drop ({line})")


def main(argv=None) -> None:
    """Launcher: ``CONFIG_JSON -- COMMAND...`` (see :func:`sandbox_argv`). Fails closed: on any
    error it exits 126 without running COMMAND."""
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        cfg = json.loads(argv[0])
        if argv[1] != "--" or len(argv) < 3:
            raise ValueError("usage: sandbox.py CONFIG_JSON -- COMMAND...")
        command = argv[2:]
        scratch, uid = cfg["scratch"], cfg.get("uid")
        if cfg["mode"] == "unshare":
            import ctypes, platform, resource, signal  # noqa: E401,F401 - before the machine's root goes away
            _build_root(cfg)
            child = os.fork()
            if child:
                _reap_until(child)
            os.setsid()
        root = _is_root()
        if uid is not None and root:
            _chown_tree(scratch, uid)
        _set_limits(cfg["limits"], cfg.get("nproc", False))
        env = _clean_env(scratch, cfg.get("pidns", False))
        if cfg.get("data"):
            env["COURSE_DATA"] = cfg["data"]   # HOME moved to scratch: point the loaders at the cache
        if uid is not None and root:
            env["USER"] = env["LOGNAME"] = f"learner{uid}"  # not in /etc/passwd; getpass asks these first
        os.chdir(scratch)
        _close_fds()
        if uid is not None and root:
            _drop_privileges(uid)
        if sys.platform.startswith("linux"):
            _no_new_privs()
        if uid is not None and root:
            _verify_no_caps()
    except Exception as exc:  # noqa: BLE001 - anything: do not run the command
        print(f"grading sandbox: not started ({type(exc).__name__}: {exc})", file=sys.stderr, flush=True)
        os._exit(126)
    try:
        os.execvpe(command[0], command, env)
    except OSError as exc:
        print(f"grading sandbox: cannot run {command[0]} ({exc})", file=sys.stderr, flush=True)
        os._exit(127)


if __name__ == "__main__":
    main()
