"""Time every solution notebook in fast mode and (optionally) full mode.

Not a test: a maintainer's benchmark. Prints a table with the machine it ran on.

    python tests/benchmark_notebooks.py                 # fast and full mode
    python tests/benchmark_notebooks.py --modes fast    # fast mode only
    python tests/benchmark_notebooks.py --markdown      # table as Markdown (docs/benchmarks.md)
"""
from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(next(l for l in Path("/proc/meminfo").read_text().splitlines() if l.startswith("MemTotal")).split()[1])
        mem = f", {kb / 1024**2:.0f} GiB RAM"
    except (OSError, StopIteration):
        pass
    gpu = os.environ.get("CUDA_VISIBLE_DEVICES", "")
    try:
        import tensorflow as tf

        gpus = tf.config.list_physical_devices("GPU")
        gpu = f", GPU: {len(gpus)}" if gpus else ", no GPU"
    except ImportError:
        pass
    return f"{cpu}, {os.cpu_count()} cores{mem}{gpu}, Python {platform.python_version()}"


def run(path: Path, fast: bool, timeout: int) -> tuple[float, str]:
    nb = nbformat.read(path, as_version=4)
    os.environ["COURSE_FAST"] = "1" if fast else "0"
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}})
    start = time.perf_counter()
    try:
        client.execute()
        status = "ok"
    except Exception as exc:  # report, keep going
        status = f"FAILED: {type(exc).__name__}"
    return time.perf_counter() - start, status


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--modes", default="fast,full")
    ap.add_argument("--timeout", type=int, default=3600)
    ap.add_argument("--markdown", action="store_true")
    ap.add_argument("notebooks", nargs="*", help="default: every notebook under solutions/")
    args = ap.parse_args()
    modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    paths = [Path(p) for p in args.notebooks] or sorted((ROOT / "solutions").glob("*/*.ipynb"))
    rows = []
    for p in paths:
        row = [str(p.relative_to(ROOT)) if p.is_absolute() else str(p)]
        for mode in modes:
            seconds, status = run(p.resolve(), fast=(mode == "fast"), timeout=args.timeout)
            row.append(f"{seconds:.1f} s" + ("" if status == "ok" else f" ({status})"))
            print(f"  {row[0]} [{mode}]: {row[-1]}", file=sys.stderr)
        rows.append(row)
    head = ["notebook"] + [f"{m} mode" for m in modes]
    print(f"Machine: {machine()}")
    print(f"Date: {time.strftime('%Y-%m-%d')}")
    if args.markdown:
        print("| " + " | ".join(head) + " |")
        print("|" + "---|" * len(head))
        for r in rows:
            print("| " + " | ".join(r) + " |")
    else:
        widths = [max(len(str(x)) for x in col) for col in zip(head, *rows)]
        for r in [head] + rows:
            print("  ".join(str(x).ljust(w) for x, w in zip(r, widths)))
    return 0 if all("FAILED" not in c for r in rows for c in r) else 1


if __name__ == "__main__":
    sys.exit(main())
