"""Keeps benchmarks/webhooks.py from rotting: its quickest run completes
and prints its medians, ratio and deliveries (not checked for speed here)."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_the_webhooks_benchmark_runs():
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "webhooks.py"),
            "--posts",
            "3",
            "--receiver-seconds",
            "0.2",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert re.search(r"post_update, no endpoint: +median +[\d.]+ ms", out), out
    assert re.search(r"slow receiver: median +[\d.]+ ms", out), out
    assert re.search(r"ratio [\d.]+x \(target <= 1.2x\) (ok|FAIL)", out), out
    assert "deliveries: 3 arrived, 3 succeeded of 3 sent" in out
