#!/usr/bin/env python
"""Benchmark wagtail-liveblog against a naive live blog and a bare Wagtail
publish, in one run.

    python benchmarks/run.py [--sizes 100,1000,5000,20000] [--quick] [--repeat N]

Builds a live blog of each size twice with the same content: once as our
``LiveBlogPage`` (its updates loaded with ``editing.import_updates``) and
once as the naive ``NaivePage`` (the same updates in one StreamField,
exposed through the pages API and rendered whole). Times every reader
request through Django's test client (the full middleware stack and URL
resolver) against the naive page; times ``editing.post_update`` and
publishing an edit (``editing.edit_update``) against a bare Wagtail publish
of a one-field model; measures what a post stores in the database; checks
the targets of issues 3 and 9; and writes the report to
``benchmarks/results/latest.md``. The exit code is 0 even when a target
fails: this is a report, and failures are printed as ``FAIL``.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results" / "latest.md"
DEFAULT_SIZES = "100,1000,5000,20000"
QUICK_SIZES = "100,1000"

if str(ROOT) not in sys.path:  # run as a script: python benchmarks/run.py
    sys.path.insert(0, str(ROOT))

from benchmarks import measure  # noqa: E402
from benchmarks.django_setup import setup_django  # noqa: E402
from benchmarks.report import render_report  # noqa: E402
from benchmarks.suite import run_sizes  # noqa: E402
from benchmarks.targets import check_targets  # noqa: E402


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", default=None, help=f"comma-separated (default {DEFAULT_SIZES})"
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help=f"{QUICK_SIZES} only, fewer repetitions, a short load test",
    )
    parser.add_argument(
        "--repeat", type=int, default=None, help="repetitions per read (15; quick 7)"
    )
    parser.add_argument(
        "--write-repeat",
        type=int,
        default=None,
        help="repetitions per post, edit and bare publish (30; quick 15)",
    )
    parser.add_argument(
        "--storage-posts",
        type=int,
        default=None,
        help="posts (and edits) per size whose stored bytes are measured "
        "(20; quick 10; 0 to skip)",
    )
    parser.add_argument(
        "--no-loadtest", action="store_true", help="skip the gunicorn/wrk load test"
    )
    parser.add_argument(
        "--clock",
        choices=sorted(measure.CLOCKS),
        default="cpu",
        help="cpu: this process's CPU time (default, steady on a busy machine); "
        "wall: elapsed time",
    )
    parser.add_argument(
        "--output", default=str(RESULTS), help="markdown report path ('' for none)"
    )
    parser.add_argument(
        "--database", default=None, help="SQLite file (default: a temporary one)"
    )
    parser.add_argument(
        "--fast-schema",
        action="store_true",
        help="create the tables from the models instead of running migrations",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    sizes = sorted(
        int(s)
        for s in (args.sizes or (QUICK_SIZES if args.quick else DEFAULT_SIZES)).split(
            ","
        )
    )
    reps = args.repeat or (7 if args.quick else 15)
    write_reps = args.write_repeat or (15 if args.quick else 30)
    storage_posts = (
        args.storage_posts
        if args.storage_posts is not None
        else (10 if args.quick else 20)
    )
    budget = 1.5 if args.quick else 3.0
    tmpdir = tempfile.TemporaryDirectory(prefix="liveblog-bench-")
    database = args.database or os.path.join(tmpdir.name, "bench.sqlite3")
    started = time.perf_counter()
    print(f"Setting up {database} ...", flush=True)
    setup_django(database, fast_schema=args.fast_schema)
    measure.clock = measure.CLOCKS[args.clock]
    print(
        f"Sizes {', '.join(f'{s:,}' for s in sizes)} ({args.clock} time):", flush=True
    )
    results = run_sizes(
        sizes,
        reps=reps,
        budget=budget,
        write_reps=write_reps,
        storage_posts=storage_posts,
    )
    load = None
    if not args.no_loadtest:
        from django.db import connections

        from benchmarks import loadtest

        print("Load test ...", flush=True)
        connections.close_all()
        load = loadtest.run_both(database, duration=3 if args.quick else 10)
    targets = check_targets(results.rows, results.storage, load, sizes)
    elapsed = time.perf_counter() - started
    phases = ", ".join(
        f"{name} {spent:.0f} s" for name, spent in results.phases.items()
    )
    footer = (
        f"The run took {elapsed:.0f} s of elapsed time (CPU time by phase: {phases})."
    )
    report = {
        "storage": results.storage,
        "load": load,
        "footer": footer,
    }
    print()
    print(render_report(results.rows, targets, markdown=False, **report))
    if args.output:
        Path(args.output).parent.mkdir(parents=True, exist_ok=True)
        Path(args.output).write_text(
            render_report(results.rows, targets, markdown=True, **report)
        )
        print(f"Wrote {args.output}")
    counts = {s: sum(t.status == s for t in targets) for s in ("PASS", "FAIL")}
    missing = len(targets) - counts["PASS"] - counts["FAIL"]
    print(
        f"Targets: {counts['PASS']} PASS, {counts['FAIL']} FAIL, {missing} MISSING"
        + "".join(f"\n  FAIL: {t.name}" for t in targets if t.status == "FAIL")
    )
    tmpdir.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
