"""The targets of issue 3, checked against a run's rows: PASS, FAIL or MISSING."""

from __future__ import annotations

from dataclasses import dataclass

from benchmarks.measure import Row
from benchmarks.operations import (
    API_FIRST_PAGE,
    API_POLL_NO_CHANGE,
    POLL_NO_CHANGE,
    POLL_NO_CHANGE_FAST,
    POST_UPDATE,
    PUBLISH,
    READER_PAGE,
)


@dataclass
class Target:
    name: str
    status: str  # PASS, FAIL or MISSING
    detail: str


TARGET_SIZE = 5000


def _find(rows: list[Row], op: str, size: int) -> Row | None:
    return next((r for r in rows if r.operation == op and r.size == size), None)


def _speedup_target(rows, op: str, size: int, factor: float, name: str) -> Target:
    if size != TARGET_SIZE:
        return Target(name, "MISSING", f"the target is at {TARGET_SIZE:,} updates")
    row = _find(rows, op, size)
    if row is None or row.ratio is None:
        return Target(name, "MISSING", f"no {op!r} measurement at {size:,}")
    ok = row.ratio >= factor
    return Target(
        name,
        "PASS" if ok else "FAIL",
        f"{row.ratio:,.1f}x (ours {row.ours.ms:.2f} ms, naive {row.naive.ms:.2f} ms)",
    )


def _flat_target(rows, op: str, small: int, large: int) -> Target:
    name = f"{op}: bytes, time and peak memory at {large:,} within 1.5x of {small:,}"
    a, b = _find(rows, op, small), _find(rows, op, large)
    if small == large:
        return Target(name, "MISSING", "needs two sizes")
    if a is None or b is None or a.ours is None or b.ours is None:
        return Target(name, "MISSING", f"needs {op!r} at {small:,} and {large:,}")
    checks = {
        "bytes": (a.ours.bytes, b.ours.bytes),
        "ms": (a.ours.ms, b.ours.ms),
        "peak KB": (a.ours.peak_kb, b.ours.peak_kb),
    }
    parts, ok = [], True
    for label, (x, y) in checks.items():
        growth = y / x if x else float("inf")
        ok = ok and growth <= 1.5
        parts.append(f"{label} {growth:.2f}x")
    return Target(name, "PASS" if ok else "FAIL", ", ".join(parts))


def check_targets(
    rows: list[Row], load: dict | None = None, sizes: list[int] | None = None
) -> list[Target]:
    """The targets of issue 3, PASS/FAIL/MISSING, from this run's rows."""
    sizes = sorted(sizes or {r.size for r in rows})
    big = 5000 if 5000 in sizes else sizes[-1]
    small = 100 if 100 in sizes else sizes[0]
    mid = 1000 if 1000 in sizes else sizes[-1]
    targets = [
        _speedup_target(
            rows, API_FIRST_PAGE, big, 30, f"API first page >= 30x naive at {big:,}"
        ),
        _speedup_target(
            rows, READER_PAGE, big, 10, f"Reader page >= 10x naive at {big:,}"
        ),
        _speedup_target(
            rows, POLL_NO_CHANGE, big, 100, f"Poll, no change >= 100x naive at {big:,}"
        ),
        _speedup_target(
            rows,
            POLL_NO_CHANGE_FAST,
            big,
            100,
            f"Poll, no change, LiveBlogPollMiddleware >= 100x naive at {big:,}",
        ),
    ]
    for op in (API_FIRST_PAGE, POLL_NO_CHANGE, POLL_NO_CHANGE_FAST, API_POLL_NO_CHANGE):
        targets.append(_flat_target(rows, op, small, big))
    for op in (PUBLISH, POST_UPDATE):
        row = _find(rows, op, mid)
        name = f"{op} at {mid:,} <= 1.5x a plain publish"
        if mid != 1000:
            targets.append(Target(name, "MISSING", "the target is at 1,000 updates"))
        elif row is None or row.ratio is None:
            targets.append(Target(name, "MISSING", row.note if row else "not measured"))
        else:
            cost = 1 / row.ratio
            targets.append(
                Target(
                    name,
                    "PASS" if cost <= 1.5 else "FAIL",
                    f"{cost:.2f}x (ours {row.ours.ms:.1f} ms, plain {row.naive.ms:.1f} ms)",
                )
            )
    for key, label in (
        ("bare", "bare"),
        ("poll_middleware", "with LiveBlogPollMiddleware"),
        ("cached", "with Django's cache middleware"),
    ):
        info = (load or {}).get(key) or {}
        name = f"Poll throughput under gunicorn >= 0.5x the minimal view ({label})"
        if not info.get("poll_rps") or not info.get("minimal_rps"):
            why = info.get("error") or "load test not run (see benchmarks/loadtest.py)"
            targets.append(Target(name, "MISSING", why))
            continue
        share = info["poll_rps"] / info["minimal_rps"]
        targets.append(
            Target(
                name,
                "PASS" if share >= 0.5 else "FAIL",
                f"{share:.2f} (poll {info['poll_rps']:,.0f} req/s, "
                f"minimal {info['minimal_rps']:,.0f} req/s)",
            )
        )
    return targets
