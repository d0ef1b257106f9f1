"""The ``course`` command: maintainer and instructor tasks in one place.

    course env                      one-line environment report
    course release [MODULE ...]     regenerate modules/ from solutions/ (refuses to overwrite edits)
    course check-sync               exit 1 if modules/ is out of date with solutions/
    course data list                the dataset registry
    course data fetch NAME          download (once) and verify a dataset
    course grade MODULE SUBMISSIONS grade a class (nbgrader tree, folder or zip of exports)
    course check NOTEBOOK           run your notebook as the grader would (visible tests)
"""
from __future__ import annotations

import argparse
import sys


def _cmd_env(args) -> int:
    from .runtime import setup

    setup(verbose=True)
    return 0


def _cmd_release(args) -> int:
    from .release import ReleaseError, release

    try:
        report = release(which=args.modules or None, force=args.force)
    except ReleaseError as exc:
        print(f"course release: {exc}", file=sys.stderr)
        return 1
    print(report.summary())
    return 0


def _cmd_check_sync(args) -> int:
    from .release import check_sync

    problems = check_sync()
    if problems:
        print("modules/ is out of sync with solutions/:", file=sys.stderr)
        for p in problems:
            print(f"  - {p}", file=sys.stderr)
        return 1
    print("modules/ is in sync with solutions/.")
    return 0


def _cmd_data(args) -> int:
    from . import data

    if args.action == "list":
        for name, info in data.registry().items():
            print(f"{name:14s} {info['kind']:9s} {info['licence']:14s} {info['size']}")
        return 0
    if not args.name:
        print("course data fetch: give a dataset name (see `course data list`).", file=sys.stderr)
        return 2
    try:
        info = data.dataset_info(args.name)
        for filename in info.get("files", {}):
            path = data.fetch(args.name, filename, base_url=args.base_url)
            print(f"{args.name}: {path} (checksum verified)")
    except data.DatasetError as exc:
        print(f"course data: {exc}", file=sys.stderr)
        return 1
    return 0


def _cmd_grade(args) -> int:
    from .grading.batch import grade

    limits = {}
    if args.memory:
        limits["memory_bytes"] = int(args.memory * 2**30)
    try:
        report = grade(args.module, args.submissions, root=args.root, db_url=args.db, workers=args.workers,
                       cell_timeout=args.cell_timeout, total_timeout=args.total_timeout, limits=limits,
                       progress=not args.quiet, cluster=args.cluster)
    except (FileNotFoundError, OSError, ValueError, RuntimeError) as exc:
        print(f"course grade: {exc}", file=sys.stderr)
        return 1
    print(report.table())
    where = "on every worker" if args.cluster else "on this machine"
    print(f"\nIsolation {where}:\n{report.defences()}")
    print(f"\nGrades: {report.csv_path}\nFeedback: {report.feedback_dir}/<learner>/{args.module}/"
          f"\nGradebook: {args.db or 'the course gradebook (nbgrader_config.py)'}"
          f"\n{len(report.results)} learners in {report.seconds:.0f} s ({report.where})")
    review = [r.learner for r in report.results if r.flags]
    if review:
        print(f"For manual review: {', '.join(review)}")
    return 0


def _cmd_check(args) -> int:
    from .grading.realign import SubmissionError
    from .grading.selfcheck import check_notebook, format_report

    try:
        checks, notes = check_notebook(args.notebook, release=args.release, cell_timeout=args.cell_timeout)
    except (SubmissionError, OSError) as exc:
        print(f"course check: {args.notebook}: {exc}", file=sys.stderr)
        return 1
    print(format_report(args.notebook, checks, notes))
    return 0 if all(c.passed for c in checks) else 1


class _ShowDefaults(argparse.ArgumentDefaultsHelpFormatter):
    """Help with each option's default, unless there is nothing to show (None, False)."""

    def _get_help_string(self, action):
        if action.default in (None, False) or "default" in (action.help or ""):
            return action.help
        return super()._get_help_string(action)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="course", description="Deep-learning course tools.")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("env", help="print the environment report")
    p.set_defaults(func=_cmd_env)

    p = sub.add_parser("release", help="regenerate student notebooks (modules/) from solutions/")
    p.add_argument("modules", nargs="*", help="module folders, e.g. 01_fundamentals (default: all)")
    p.add_argument("--force", action="store_true", help="overwrite edited student notebooks, keeping a .bak copy of each")
    p.set_defaults(func=_cmd_release)

    p = sub.add_parser("check-sync", help="fail if modules/ differs from a fresh release of solutions/")
    p.set_defaults(func=_cmd_check_sync)

    p = sub.add_parser("grade", help="grade every submission of a module (parallel, sandboxed)",
                       formatter_class=_ShowDefaults)
    p.add_argument("module", help="module folder in solutions/, e.g. 01_fundamentals")
    p.add_argument("submissions", help="nbgrader submitted/ tree, a folder of learner folders or files, or a zip")
    p.add_argument("--root", default=".", help="course folder (with solutions/ and nbgrader_config.py)")
    p.add_argument("--db", default=None, help="gradebook SQLAlchemy URL (default: the course's SQLite gradebook, or COURSE_GRADEBOOK_URL)")
    p.add_argument("--workers", type=int, default=None, help="submissions run at once (default: one per core)")
    p.add_argument("--cell-timeout", type=int, default=300,
                   help="CPU seconds one cell may use, all its threads together (a cell that waits without "
                        "using CPU is stopped after 4 times this in wall-clock time)")
    p.add_argument("--total-timeout", type=int, default=1800,
                   help="wall-clock seconds for one learner's submission; one that runs out is graded again on "
                        "its own before it scores")
    p.add_argument("--memory", type=float, default=3.0, help="GiB of memory one submission may use")
    p.add_argument("--cluster", default=None, metavar="ADDRESS",
                   help="grade on a Dask cluster: the scheduler's address (tcp://scheduler:8786), or local:N "
                        "for a cluster of N worker processes on this machine (default: this machine's own "
                        "worker slots)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=_cmd_grade)

    p = sub.add_parser("check", help="run a notebook as the grader would and show each exercise's result")
    p.add_argument("notebook")
    p.add_argument("--release", default=None, help="the released notebook to check against (found automatically)")
    p.add_argument("--cell-timeout", type=int, default=300)
    p.set_defaults(func=_cmd_check)

    p = sub.add_parser("data", help="dataset registry and downloads")
    p.add_argument("action", choices=["list", "fetch"])
    p.add_argument("name", nargs="?")
    p.add_argument("--base-url", default=None, help="mirror to download from instead of the registry's URL")
    p.set_defaults(func=_cmd_data)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":  # python -m course_lib.cli
    sys.exit(main())
