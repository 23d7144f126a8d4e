"""Keeps benchmarks/push_load.py from rotting, at CI's size: 100 readers
through Pushpin, three posts, then the same readers polling. Every reader
gets every post over the stream, none is lost and no connection fails
(speed is not checked here: docs/benchmarks.md has the measured figures).
Slow; skipped, saying why, without Pushpin, PostgreSQL, Redis or gunicorn."""

import re
import subprocess
import sys
from importlib.util import find_spec
from pathlib import Path

import pytest

from benchmarks.multiprocess_load import unavailable
from tests import pushpin

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_the_push_benchmark_runs_at_ci_size():
    reason = pushpin.unavailable() or unavailable()
    if reason:
        pytest.skip(reason)
    if not find_spec("wagtail.api.v3"):
        pytest.skip("the reporter posts through API v3, which needs Wagtail 8")
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "push_load.py"),
            "--clients",
            "100",
            "--posts",
            "3",
            "--settle",
            "10",
        ],
        capture_output=True,
        text=True,
        timeout=240,
        cwd=ROOT,
    )
    out = result.stdout
    assert result.returncode == 0, out + result.stderr
    push, _, poll = out.partition("\npoll: ")
    assert "push: 100 readers, 3 posts, 300/300 deliveries" in push, out
    assert "lost 0, errors 0" in push, out
    assert re.search(r"p50 \d+ ms, p95 \d+ ms, p99 \d+ ms", push), out
    assert re.search(r"[\d.]+ ms per post", push), out
    assert "100 readers, 3 posts, 300/300 deliveries" in poll, out
    assert re.search(r"\d+ ms per 10 s", poll), out
    assert "every reader got every post: yes" in out
