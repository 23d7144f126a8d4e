"""Keeps the benchmarks from rotting: their quickest configuration runs.

The benchmark needs its own settings (the naive baseline app), so the
measuring happens in a child process on a throwaway SQLite database; this
test checks that every operation of the table is there, not the timings.
"""

import json
import subprocess
import sys
from pathlib import Path

from benchmarks import operations
from benchmarks.measure import Row, Sample
from benchmarks.targets import check_targets

ROOT = Path(__file__).resolve().parent.parent

CHILD = """
import json, sys
sys.path.insert(0, {root!r})
from benchmarks.django_setup import setup_django
from benchmarks.publishing import measure_growth
from benchmarks.report import render_report
from benchmarks.suite import run_size
from benchmarks.targets import check_targets
setup_django({database!r}, fast_schema=True)
rows = run_size(20, reps=1, budget=0, publish_reps=1, log=lambda message: None)
growth = measure_growth(20, posts=2, keep=None)
targets = check_targets(rows, None, [20])
print(json.dumps({{
    "table": render_report(rows, targets, growth=[growth], markdown=True),
    "operations": [row.operation for row in rows],
    "statuses": {{row.operation: [getattr(row.ours, "status", None),
                                  getattr(row.naive, "status", None)] for row in rows}},
    "targets": [t.status for t in targets],
}}))
"""


def test_quickest_benchmark_produces_every_row(tmp_path):
    code = CHILD.format(root=str(ROOT), database=str(tmp_path / "bench.sqlite3"))
    result = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert sorted(report["operations"]) == sorted(operations.OPERATIONS)
    for operation in operations.OPERATIONS:
        assert f"| {operation} | 20 |" in report["table"]
    # The naive side answers every request with the full page or API detail.
    assert all(naive == 200 for _ours, naive in report["statuses"].values() if naive)
    assert "## Revision storage per 100 posts" in report["table"]
    assert "## Targets" in report["table"]
    assert set(report["targets"]) <= {"PASS", "FAIL", "MISSING"}


def test_targets_report_failures_and_missing_measurements():
    def row(op, size, ours_ms, naive_ms, nbytes=100, peak=10.0):
        return Row(
            op,
            size,
            Sample(ms=ours_ms, bytes=nbytes, peak_kb=peak),
            Sample(ms=naive_ms, bytes=nbytes * size, peak_kb=peak * size),
        )

    rows = [
        row(operations.API_FIRST_PAGE, 100, 2.0, 20.0),
        row(operations.API_FIRST_PAGE, 5000, 2.0, 300.0),
        row(operations.READER_PAGE, 5000, 60.0, 500.0),
        row(operations.POLL_NO_CHANGE, 100, 1.0, 20.0),
        row(operations.POLL_NO_CHANGE, 5000, 1.0, 300.0, nbytes=1000),
    ]
    targets = {t.name: t.status for t in check_targets(rows, None, [100, 5000])}
    assert targets["API first page >= 30x naive at 5,000"] == "PASS"
    assert targets["Reader page >= 10x naive at 5,000"] == "FAIL"
    assert targets["Poll, no change >= 100x naive at 5,000"] == "PASS"
    flat = "Poll, no change: bytes, time and peak memory at 5,000 within 1.5x of 100"
    assert targets[flat] == "FAIL"  # its response grew tenfold
    assert (
        targets["Publish one new update at 5,000 <= 1.5x a plain publish"] == "MISSING"
    )
