#!/usr/bin/env python
"""Benchmark wagtail-liveblog against a naive live blog, in one run.

    python benchmarks/run.py [--sizes 100,1000,5000] [--quick] [--repeat N]

Builds a live blog of each size twice with the same content: once as our
``LiveBlogPage`` (read model, API endpoint, poll) and once as the naive
``NaivePage`` (the same StreamField exposed through the pages API and
rendered whole). Then it times each reader operation through Django's test
client (the full middleware stack and URL resolver), reports medians, response
sizes and per-request peak memory, checks the targets of issue 3, and writes
the table to ``benchmarks/results/latest.md``. The exit code is 0 even when a
target fails: this is a report, and failures are printed as ``FAIL``.
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

if str(ROOT) not in sys.path:  # run as a script: python benchmarks/run.py
    sys.path.insert(0, str(ROOT))

from benchmarks import measure  # noqa: E402
from benchmarks.django_setup import setup_django  # noqa: E402
from benchmarks.publishing import Growth, measure_growth  # noqa: E402
from benchmarks.report import render_report  # noqa: E402
from benchmarks.suite import run_sizes  # noqa: E402
from benchmarks.targets import check_targets  # noqa: E402


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", default=None, help="comma-separated, e.g. 100,1000,5000"
    )
    parser.add_argument(
        "--quick", action="store_true", help="100 and 1,000 only, fewer repetitions"
    )
    parser.add_argument(
        "--repeat", type=int, default=None, help="repetitions per request"
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
    parser.add_argument("--no-growth", action="store_true", help="skip revision growth")
    parser.add_argument("--growth-posts", type=int, default=100)
    parser.add_argument(
        "--output", default=str(RESULTS), help="markdown report path ('' for none)"
    )
    parser.add_argument(
        "--database", default=None, help="SQLite file (default: a temporary one)"
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    sizes = [
        int(s)
        for s in (args.sizes or ("100,1000" if args.quick else "100,1000,5000")).split(
            ","
        )
    ]
    reps = args.repeat or (7 if args.quick else 15)
    budget = 1.5 if args.quick else 3.0
    tmpdir = tempfile.TemporaryDirectory(prefix="liveblog-bench-")
    database = args.database or os.path.join(tmpdir.name, "bench.sqlite3")
    started = time.perf_counter()
    print(f"Setting up {database} ...", flush=True)
    setup_django(database)
    measure.clock = measure.CLOCKS[args.clock]
    print(
        f"Sizes {', '.join(f'{s:,}' for s in sizes)} ({args.clock} time):", flush=True
    )
    rows = run_sizes(sizes, reps=reps, budget=budget, publish_reps=max(3, reps // 2))
    growth: list[Growth] = []
    if not args.no_growth and args.growth_posts > 0:
        growth_size = 100 if args.quick else min(1000, max(sizes))
        for keep in (None, 10):
            print(f"Revision growth, KEEP_REVISIONS={keep} ...", flush=True)
            growth.append(measure_growth(growth_size, args.growth_posts, keep))
    load = None
    if not args.no_loadtest:
        from benchmarks import loadtest

        print("Load test ...", flush=True)
        load = loadtest.run_both(database, duration=3 if args.quick else 10)
    targets = check_targets(rows, load, sizes)
    print()
    print(render_report(rows, targets, load=load, growth=growth, markdown=False))
    if args.output:
        Path(args.output).parent.mkdir(parents=True, exist_ok=True)
        Path(args.output).write_text(
            render_report(rows, targets, load=load, growth=growth, markdown=True)
        )
        print(f"Wrote {args.output}")
    failed = [t for t in targets if t.status != "PASS"]
    print(
        f"{len(targets) - len(failed)}/{len(targets)} targets PASS"
        + (f"; NOT PASSING: {', '.join(t.name for t in failed)}" if failed else "")
        + f" (run took {time.perf_counter() - started:.0f} s)"
    )
    tmpdir.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
