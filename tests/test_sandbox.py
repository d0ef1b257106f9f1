"""The grading sandbox (course_lib/grading/sandbox.py) holds on its own.

Each test starts a sandboxed ``python -c`` (or a real kernel) through
``sandbox_argv`` / ``kernel_argv`` and checks one property from inside and from
outside. The namespace tests run for every mechanism this machine has
(bubblewrap, and the unshare fallback, which needs root); each skips with the
reason when its mechanism is not available.
"""
from __future__ import annotations

import asyncio
import errno
import json
import os
import secrets
import socket
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from course_lib.grading import sandbox

REPO = Path(sandbox.__file__).resolve().parents[2]
UID_BASE = 61900  # not the batch's 61000 + slot: the suite runs in parallel
UIDS = {"bubblewrap": UID_BASE + 1, "unshare": UID_BASE + 2, "none": None}

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the sandbox's isolation is Linux-only")

_CAPS: dict = {}


def caps_for(mechanism: str) -> dict:
    if mechanism not in _CAPS:
        _CAPS[mechanism] = sandbox._detect([mechanism])
    caps = _CAPS[mechanism]
    if caps["mechanism"] != mechanism:
        pytest.skip(f"{mechanism} sandbox not available here: {'; '.join(caps.get('tried', [])) or '?'}")
    return caps


@pytest.fixture(params=["bubblewrap", "unshare"])
def mech(request):
    """(mechanism, caps, uid) for each namespace mechanism that works here, as root."""
    caps = caps_for(request.param)
    if not caps["own_user"]:
        pytest.skip(f"{request.param}: no own user here ({caps['own_user_why']})")
    return request.param, caps, UIDS[request.param]


@pytest.fixture
def scratch(tmp_path):
    path = tmp_path / "scratch"
    path.mkdir(mode=0o700)  # as the worker makes it
    yield path
    for uid in UIDS.values():
        if uid is not None and os.geteuid() == 0:
            sandbox.cleanup(str(path), uid)


def run_py(code: str, scratch: Path, mech, *args, limits=None, hide=(), timeout=60, **popen) -> dict:
    """Run ``code`` in the sandbox; it prints one JSON line (``emit``): return it."""
    _, caps, uid = mech
    prelude = "import json, os, sys\ndef emit(obj):\n    print('OUT ' + json.dumps(obj), flush=True)\n"
    argv = sandbox.sandbox_argv([sys.executable, "-c", prelude + textwrap.dedent(code), *args], str(scratch),
                                sandbox.Limits(**(limits or {})), uid, caps, hide=hide)
    proc = subprocess.run(argv, capture_output=True, text=True, timeout=timeout, **popen)
    line = next((ln for ln in proc.stdout.splitlines() if ln.startswith("OUT ")), None)
    assert line, f"no output (rc {proc.returncode}): {proc.stdout[-2000:]}\n{proc.stderr[-2000:]}"
    return json.loads(line[4:])


def host_pid(inner_pid: int, uid: int) -> int | None:
    """The machine's pid of the process ``uid`` runs as ``inner_pid`` in its PID namespace."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = dict(ln.split(":", 1) for ln in (entry / "status").read_text().splitlines() if ":" in ln)
        except OSError:
            continue
        if int(status["Uid"].split()[0]) == uid and int(status.get("NSpid", entry.name).split()[-1]) == inner_pid:
            return int(entry.name)
    return None


def alive(pid: int) -> bool:
    import psutil

    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


# -- properties ---------------------------------------------------------------------
def test_not_root_and_no_capabilities(mech, scratch):
    out = run_py("""
        status = dict(l.split(":", 1) for l in open("/proc/self/status").read().splitlines() if ":" in l)
        emit({"ids": [os.getuid(), os.geteuid(), os.getgid(), os.getegid()], "groups": os.getgroups(),
              "caps": {k: int(status[k], 16) for k in ("CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb")},
              "nnp": status["NoNewPrivs"].strip()})
    """, scratch, mech)
    uid = mech[2]
    assert out["ids"] == [uid] * 4 and out["groups"] == []
    assert out["caps"] == dict.fromkeys(out["caps"], 0)
    assert out["nnp"] == "1"


def test_background_processes_die_with_the_sandbox(mech, scratch):
    import psutil

    _, caps, uid = mech
    code = textwrap.dedent("""
        import _posixsubprocess, os, sys, time
        scratch = os.getcwd()
        # 1. _posixsubprocess.fork_exec directly (own session), no subprocess module bookkeeping
        shell = [b"/bin/sh", b"-c", b"echo $$ > " + scratch.encode() + b"/forkexec.pid; exec sleep 300"]
        r, w = os.pipe()
        head = (shell, [b"/bin/sh"], True, (), None, None, -1, -1, -1, -1, -1, -1, r, w, True, True)
        for tail in ((-1, None, None, None, -1, None, False), (-1, None, None, None, -1, None), (None, None, None, -1, None)):
            try:
                _posixsubprocess.fork_exec(*head, *tail)
                break
            except TypeError:
                continue
        # 2. double fork + setsid (a daemon)
        if os.fork() == 0:
            os.setsid()
            if os.fork() == 0:
                open(scratch + "/daemon.pid", "w").write(str(os.getpid()))
                time.sleep(300)
            os._exit(0)
        print("ready", flush=True)
        time.sleep(300)
    """)
    argv = sandbox.sandbox_argv([sys.executable, "-c", code], str(scratch), sandbox.Limits(), uid, caps)
    leader = subprocess.Popen(argv, stdout=subprocess.PIPE, start_new_session=True)  # as jupyter_client does
    try:
        assert leader.stdout.readline().strip() == b"ready"
        deadline = time.monotonic() + 10
        while not ((scratch / "forkexec.pid").exists() and (scratch / "daemon.pid").exists()):
            assert time.monotonic() < deadline, "children did not start"
            time.sleep(0.05)
        time.sleep(0.1)
        inner = [int((scratch / n).read_text()) for n in ("forkexec.pid", "daemon.pid")]
        outer = [host_pid(p, uid) for p in inner]
        assert all(outer) and all(alive(p) for p in outer), (inner, outer)
        assert all(psutil.Process(p).uids().real == uid for p in outer)
    finally:
        leader.kill()  # the worker kills the sandbox's leader, nothing else
        leader.wait()
    deadline = time.monotonic() + 5
    while (any(alive(p) for p in outer) or sandbox._procs_of(uid)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(alive(p) for p in outer), "a background process outlived the sandbox"
    assert sandbox._procs_of(uid) == [], "a process of the sandbox's uid is still running"


def test_tmp_and_shm_are_private_and_go_away(mech, scratch):
    _, caps, uid = mech
    token = "course-sandbox-test-" + secrets.token_hex(6)
    code = f"""
import os, sys
for d in ("/tmp", "/dev/shm"):
    open(os.path.join(d, {token!r}), "wb").write(b"x" * (1 << 20))
print("written", os.path.getsize("/tmp/" + {token!r}), os.path.getsize("/dev/shm/" + {token!r}), flush=True)
sys.stdin.readline()
"""
    argv = sandbox.sandbox_argv([sys.executable, "-c", code], str(scratch), sandbox.Limits(), uid, caps)
    proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().split() == ["written", str(1 << 20), str(1 << 20)]
        for d in ("/tmp", "/dev/shm"):  # while it runs
            assert not os.path.exists(os.path.join(d, token))
        proc.stdin.write("\n")
        proc.stdin.flush()
        assert proc.wait(timeout=20) == 0
    finally:
        proc.kill()
    sandbox.cleanup(str(scratch), uid)
    for d in ("/tmp", "/dev/shm", "/var/tmp"):  # and after
        assert not os.path.exists(os.path.join(d, token))
        assert not [e for e in os.scandir(d) if e.stat(follow_symlinks=False).st_uid == uid]


def test_grader_files_do_not_exist_inside(mech, scratch, tmp_path):
    protected = tmp_path / "protected"
    protected.mkdir()
    gradebook = protected / "gradebook.db"
    gradebook.write_text("grades")
    (scratch.parent / "job.json").write_text("{}")  # next to scratch: the worker's job folder
    # a path the whitelist does show, covered because the worker names it
    shown_but_hidden = "/etc/os-release"
    paths = [str(REPO / "solutions"), str(REPO / ".git"), str(REPO / "tests"), str(REPO / ".nbgrader"),
             str(gradebook), str(protected), str(scratch.parent / "job.json")]
    out = run_py("""
        paths = json.loads(sys.argv[1])
        found = {}
        for p in paths:
            try:
                found[p] = os.listdir(p) if os.path.isdir(p) else open(p).read()
            except OSError as exc:
                found[p] = None
        try:
            hidden = open(sys.argv[3]).read()
        except OSError:
            hidden = None
        emit({"found": found, "repo": sorted(os.listdir(sys.argv[2])), "hidden": hidden,
              "scratch_parent": os.listdir(os.path.dirname(os.getcwd()))})
    """, scratch, mech, json.dumps(paths), str(REPO), shown_but_hidden, hide=[str(protected), shown_but_hidden])
    for p in paths:
        assert not out["found"][p], f"{p} is visible inside: {out['found'][p]!r}"
    assert set(out["repo"]) <= {"course_lib", "datasets", ".venv"}, out["repo"]
    assert not out["hidden"]  # empty or unreadable
    assert out["scratch_parent"] == ["scratch"]


def test_proc_is_the_sandboxs_own(mech, scratch):
    out = run_py("""
        grader = int(sys.argv[1])
        pids = sorted(int(p) for p in os.listdir("/proc") if p.isdigit())
        try:
            os.listdir("/proc/%d/root" % grader)
            grader_root = True
        except OSError:
            grader_root = False
        try:
            os.listdir("/proc/1/root/")
            init_root = True
        except OSError:
            init_root = False
        emit({"pid": os.getpid(), "pids": pids, "init": open("/proc/1/cmdline").read().replace("\\0", " "),
              "grader_root": grader_root, "init_root": init_root})
    """, scratch, mech, str(os.getpid()))
    assert out["pid"] < 10 and max(out["pids"]) < 20 and len(out["pids"]) < 10, out
    assert "bwrap" in out["init"] or "sandbox.py" in out["init"], out["init"]
    assert not out["grader_root"] and not out["init_root"]


def test_read_only_except_scratch(mech, scratch):
    targets = ["/", "/usr", "/etc", sys.prefix, sys.base_prefix, str(REPO / "course_lib"), str(REPO),
               str(scratch.parent)]
    out = run_py("""
        import errno
        res = {}
        for d in json.loads(sys.argv[1]) + [os.getcwd()]:
            try:
                with open(os.path.join(d, "written-by-sandbox"), "w") as f:
                    f.write("x")
                res[d] = "ok"
            except OSError as exc:
                res[d] = errno.errorcode.get(exc.errno, str(exc))
        emit(res)
    """, scratch, mech, json.dumps(targets))
    for d in targets:
        assert out[d] in ("EROFS", "EACCES", "ENOENT", "EPERM"), (d, out[d])
        assert not os.path.exists(os.path.join(d, "written-by-sandbox"))
    assert out[str(scratch)] == "ok"
    assert (scratch / "written-by-sandbox").stat().st_uid == mech[2]


def test_no_network(mech, scratch):
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    try:
        out = run_py("""
            import socket
            res = {}
            for host, port in (("127.0.0.1", int(sys.argv[1])), ("8.8.8.8", 53), ("1.1.1.1", 443)):
                s = socket.socket()
                s.settimeout(2)
                try:
                    s.connect((host, port))
                    res[host] = "connected"
                except OSError as exc:
                    res[host] = str(exc)
                s.close()
            emit({"res": res, "ifaces": [l.split(":")[0].strip() for l in open("/proc/net/dev").readlines()[2:]]})
        """, scratch, mech, str(server.getsockname()[1]))
    finally:
        server.close()
    assert "connected" not in out["res"].values(), out
    assert out["ifaces"] == ["lo"]


def test_course_python_works_inside(mech, scratch):
    out = run_py("""
        import numpy, ipykernel, course_lib.checks, course_datasets
        emit({"numpy": numpy.__version__, "checks": course_lib.checks.__file__, "home": os.environ["HOME"],
              "cwd": os.getcwd()})
    """, scratch, mech)
    assert out["checks"] == str(REPO / "course_lib" / "checks.py")
    assert out["home"] == out["cwd"] == str(scratch.resolve())


def test_prefetched_datasets_are_readable_not_writable(mech, scratch, tmp_path, monkeypatch):
    """`course data fetch` fills the dataset cache; graded notebooks read it offline, read-only."""
    cache = tmp_path / "datasets"
    (cache / "imdb").mkdir(parents=True)
    (cache / "imdb" / "reviews.txt").write_text("a fine film\n")
    os.chmod(tmp_path, 0o755)
    monkeypatch.setenv("COURSE_DATA", str(cache))
    out = run_py("""
        from course_lib.runtime import data_home
        text = (data_home() / "imdb" / "reviews.txt").read_text()
        try:
            (data_home() / "imdb" / "mine.txt").write_text("x")
            wrote = True
        except OSError:
            wrote = False
        emit({"text": text, "wrote": wrote, "where": str(data_home())})
    """, scratch, mech)
    assert out == {"text": "a fine film\n", "wrote": False, "where": str(cache.resolve())}


def test_limits_in_force(mech, scratch):
    limits = {"file_bytes": 1 << 20, "processes": 40, "shm_bytes": 2 << 20, "cpu_seconds": 30, "open_files": 64}
    out = run_py("""
        import resource, threading, time
        lim = {n: resource.getrlimit(getattr(resource, n)) for n in
               ("RLIMIT_CPU", "RLIMIT_AS", "RLIMIT_FSIZE", "RLIMIT_NOFILE", "RLIMIT_NPROC", "RLIMIT_CORE")}
        def write(path, n):
            try:
                with open(path, "wb") as f:
                    f.write(b"x" * n)
                return "ok"
            except OSError as exc:
                return exc.strerror
        big = write("big.bin", 2 << 20)
        small = write("small.bin", 1000)
        shm = write("/dev/shm/fill", 3 << 20)
        stop = threading.Event()
        threads = 0
        try:
            for _ in range(200):
                threading.Thread(target=stop.wait, daemon=True).start()
                threads += 1
        except RuntimeError:
            pass
        stop.set()
        emit({"lim": lim, "big": big, "small": small, "shm": shm, "threads": threads})
    """, scratch, mech, limits=limits)
    lim = out["lim"]
    assert lim["RLIMIT_FSIZE"] == [1 << 20] * 2 and lim["RLIMIT_NPROC"] == [40] * 2
    assert lim["RLIMIT_CPU"] == [30] * 2 and lim["RLIMIT_CORE"] == [0, 0] and lim["RLIMIT_NOFILE"] == [64] * 2
    assert lim["RLIMIT_AS"] == [sandbox.Limits.DEFAULTS["address_space_bytes"]] * 2
    assert out["big"] != "ok" and out["small"] == "ok"  # EFBIG
    assert out["shm"] != "ok"  # /dev/shm is full at 2 MiB
    assert out["threads"] < 40


def test_no_grader_fds_and_no_secrets(mech, scratch, tmp_path, monkeypatch):
    secret_file = tmp_path / "gradebook.db"
    secret_file.write_text("grades")
    fd = os.open(secret_file, os.O_RDONLY)
    dir_fd = os.open(tmp_path, os.O_RDONLY | os.O_DIRECTORY)
    for name, value in {"COURSE_GRADEBOOK_URL": "sqlite:////x", "MY_API_TOKEN": "t", "AWS_ACCESS_KEY_ID": "a",
                        "GITHUB_TOKEN": "g", "GH_X": "g", "DB_SECRET": "s", "COURSE_CHECK_MODE": "hidden",
                        "COURSE_FAST": "1"}.items():
        monkeypatch.setenv(name, value)
    try:
        out = run_py("""
            emit({"fds": sorted(int(f) for f in os.listdir("/proc/self/fd")), "env": dict(os.environ)})
        """, scratch, mech, pass_fds=(fd, dir_fd))
    finally:
        os.close(fd)
        os.close(dir_fd)
    assert out["fds"][:3] == [0, 1, 2] and len(out["fds"]) <= 4, out["fds"]  # (+ the listing's own)
    env = out["env"]
    for name in ("COURSE_GRADEBOOK_URL", "MY_API_TOKEN", "AWS_ACCESS_KEY_ID", "GITHUB_TOKEN", "GH_X", "DB_SECRET"):
        assert name not in env
    assert env["COURSE_CHECK_MODE"] == "hidden" and env["COURSE_FAST"] == "1"
    s = str(scratch.resolve())
    assert {env[k] for k in ("HOME", "TMPDIR", "MPLCONFIGDIR", "KERAS_HOME", "JUPYTER_RUNTIME_DIR")} == {s}
    assert env["IPYTHONDIR"].startswith(s + "/")


def test_cleanup_kills_escaped_processes_and_files(scratch):
    """Should anything of the uid run or lie outside the sandbox, cleanup removes it."""
    if os.geteuid() != 0 or not Path("/usr/bin/setpriv").exists():
        pytest.skip("needs root and setpriv to play the escaped process")
    uid = UID_BASE + 3
    leftover = Path("/dev/shm") / f"course-sandbox-test-{secrets.token_hex(4)}"
    setpriv = ["/usr/bin/setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups", "--"]
    subprocess.run([*setpriv, "/bin/sh", "-c", f"echo x > {leftover}"], check=True)
    escaped = subprocess.Popen([*setpriv, "/bin/sh", "-c", "setsid sleep 300 & sleep 300"], start_new_session=True,
                               cwd="/")
    time.sleep(0.3)
    assert len(sandbox._procs_of(uid)) >= 2 and leftover.exists()
    sandbox.cleanup(str(scratch), uid)
    escaped.wait(timeout=5)
    assert sandbox._procs_of(uid) == [] and not leftover.exists()
    assert sandbox.kill_user(uid) == 0


# -- the interface ---------------------------------------------------------------------
def test_capabilities_report_each_property():
    caps = sandbox.capabilities()
    assert caps["mechanism"] in sandbox.MECHANISMS
    for prop in sandbox.PROPERTIES:
        assert isinstance(caps[prop], bool) and isinstance(caps[prop + "_why"], str) and caps[prop + "_why"]
    assert sandbox.capabilities() == caps  # cached
    if caps["mechanism"] == "none":
        pytest.skip("no namespace mechanism here: " + "; ".join(caps["tried"]))
    assert all(caps[p] for p in sandbox.PROPERTIES if p != "own_user"), caps
    if os.geteuid() == 0:
        assert caps["own_user"], caps["own_user_why"]


def test_kernel_argv_leaves_only_the_connection_file_placeholder(scratch):
    import re

    caps = sandbox.capabilities()
    argv = sandbox.kernel_argv(str(scratch), sandbox.Limits(), None, caps)
    assert [m for a in argv for m in re.findall(r"\{([A-Za-z0-9_]+)\}", a)] == ["connection_file"]
    assert argv[-4:] == ["-m", "ipykernel_launcher", "-f", "{connection_file}"]
    assert "course_lib.grading.guard" not in " ".join(argv)


def test_limits_only_fallback(scratch, monkeypatch):
    """mechanism "none": still the limits, the cwd and the environment (no isolation)."""
    monkeypatch.setenv("SOME_TOKEN", "t")
    out = run_py("""
        import resource
        emit({"fsize": resource.getrlimit(resource.RLIMIT_FSIZE), "cwd": os.getcwd(), "token": "SOME_TOKEN" in os.environ})
    """, scratch, ("none", {"mechanism": "none"}, None), limits={"file_bytes": 12345})
    assert out == {"fsize": [12345, 12345], "cwd": str(scratch.resolve()), "token": False}


def test_real_kernel_runs_as_the_sandbox_user(scratch, tmp_path):
    pytest.importorskip("jupyter_client")
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import AsyncKernelManager

    caps = sandbox.capabilities()
    if caps["mechanism"] == "none" or not caps["own_user"]:
        pytest.skip(f"no namespace sandbox with an own user here: {caps['own_user_why']}")
    uid = UID_BASE + 4
    kdir = tmp_path / "kernels" / "course-sandbox"
    kdir.mkdir(parents=True)
    (kdir / "kernel.json").write_text(json.dumps({
        "argv": sandbox.kernel_argv(str(scratch), sandbox.Limits(), uid, caps), "display_name": "sandbox",
        "language": "python", "interrupt_mode": "message", "env": {"COURSE_CHECK_MODE": "sandbox-test"}}))

    async def go():
        km = AsyncKernelManager(kernel_name="course-sandbox",
                                kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(kdir.parent)]),
                                transport="ipc", ip=str(scratch.resolve() / "kernel-ipc"))
        km.connection_file = str(scratch.resolve() / "kernel.json")
        await km.start_kernel()
        kc = km.client()
        kc.start_channels()
        out = []
        try:
            await kc.wait_for_ready(timeout=60)
            reply = await kc.execute_interactive(
                "import os; print(os.getuid(), os.environ.get('COURSE_CHECK_MODE'), os.getcwd())", timeout=60,
                output_hook=lambda msg: out.append(msg["content"].get("text", "")))
            assert reply["content"]["status"] == "ok"
        finally:
            kc.stop_channels()
            await km.shutdown_kernel(now=True)
        return "".join(out)

    text = asyncio.run(asyncio.wait_for(go(), 120))
    assert text.split() == [str(uid), "sandbox-test", str(scratch.resolve())]
    sandbox.cleanup(str(scratch), uid)
    assert sandbox._procs_of(uid) == []


def test_concurrent_batches_lease_different_sandbox_users(tmp_path):
    """Cleanup kills every process of a job's uid, so two batches must never share one."""
    from course_lib.grading.processes import UidLease

    pool = range(70000, 70005)
    a = UidLease(3, pool=pool, lease_dir=tmp_path)
    b = UidLease(2, pool=pool, lease_dir=tmp_path)
    assert len(set(a.uids) | set(b.uids)) == 5
    with pytest.raises(RuntimeError, match="too many grading batches"):
        UidLease(1, pool=pool, lease_dir=tmp_path)
    a.release()
    c = UidLease(3, pool=pool, lease_dir=tmp_path)
    assert set(c.uids) == set(pool) - set(b.uids)
