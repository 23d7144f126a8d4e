"""The targets, checked against one run's results: PASS, FAIL or MISSING.

- Reads (issue 3, kept from 0.1): the API's first page, the reader page and
  the poll against the naive page at 5,000 updates, and the first page and
  polls flat from 100 to 5,000 updates (and, since v2, to 20,000).
- Writes (issue 9): ``editing.post_update`` flat from 100 to 5,000 and
  20,000 updates, the bytes a post stores flat from 100 to 5,000, no page
  revision per post, and a post at 5,000 at most 3x a bare Wagtail publish.
- The load test (issue 3): poll throughput under gunicorn.
"""

from __future__ import annotations

from dataclasses import dataclass

from benchmarks.measure import Row
from benchmarks.operations import (
    API_FIRST_PAGE,
    API_POLL_NO_CHANGE,
    POLL_NO_CHANGE,
    POLL_NO_CHANGE_FAST,
    POST_UPDATE,
    READER_PAGE,
)
from benchmarks.publishing import Storage


@dataclass
class Target:
    name: str
    status: str  # PASS, FAIL or MISSING
    detail: str


SMALL = 100
TARGET_SIZE = 5000
LARGEST = 20000
FLAT_READS = 1.5  # reads: bytes, time and memory at 5,000 within 1.5x of 100
FLAT_POST = 1.3  # post_update's CPU time at 5,000 and 20,000 within 1.3x of 100
FLAT_BYTES = 1.2  # bytes stored per post at 5,000 within 1.2x of 100
POST_VS_BARE = 3.0  # post_update at 5,000 at most 3x a bare Wagtail publish


def _find(rows: list[Row], op: str, size: int) -> Row | None:
    return next((r for r in rows if r.operation == op and r.size == size), None)


def _missing(name: str, sizes: list[int], *needed: int) -> Target | None:
    absent = [s for s in needed if s not in sizes]
    if absent:
        listed = " and ".join(f"{s:,}" for s in absent)
        return Target(name, "MISSING", f"needs a run at {listed} updates")
    return None


def _speedup_target(rows, sizes, op: str, factor: float) -> Target:
    name = f"{op} >= {factor:g}x naive at {TARGET_SIZE:,}"
    missing = _missing(name, sizes, TARGET_SIZE)
    if missing:
        return missing
    row = _find(rows, op, TARGET_SIZE)
    if row is None or row.ratio is None:
        return Target(name, "MISSING", f"no {op!r} measurement at {TARGET_SIZE:,}")
    return Target(
        name,
        "PASS" if row.ratio >= factor else "FAIL",
        f"{row.ratio:,.1f}x (ours {row.ours.ms:.2f} ms, naive {row.baseline.ms:.2f} ms)",
    )


def _flat_read_target(rows, sizes, op: str, large: int) -> Target:
    name = (
        f"{op}: bytes, time and peak memory at {large:,} within "
        f"{FLAT_READS:g}x of {SMALL:,}"
    )
    missing = _missing(name, sizes, SMALL, large)
    if missing:
        return missing
    a, b = _find(rows, op, SMALL), _find(rows, op, large)
    if a is None or b is None or a.ours is None or b.ours is None:
        return Target(name, "MISSING", f"needs {op!r} at {SMALL:,} and {large:,}")
    checks = {
        "bytes": (a.ours.bytes, b.ours.bytes),
        "ms": (a.ours.ms, b.ours.ms),
        "peak KB": (a.ours.peak_kb, b.ours.peak_kb),
    }
    parts, ok = [], True
    for label, (x, y) in checks.items():
        growth = y / x if x else float("inf")
        ok = ok and growth <= FLAT_READS
        parts.append(f"{label} {growth:.2f}x")
    return Target(name, "PASS" if ok else "FAIL", ", ".join(parts))


def _flat_post_target(rows, sizes, large: int) -> Target:
    name = (
        f"{POST_UPDATE} at {large:,} within {FLAT_POST:g}x of at {SMALL:,} (CPU time)"
    )
    missing = _missing(name, sizes, SMALL, large)
    if missing:
        return missing
    a, b = _find(rows, POST_UPDATE, SMALL), _find(rows, POST_UPDATE, large)
    if a is None or b is None or a.ours is None or b.ours is None:
        return Target(name, "MISSING", "not measured")
    growth = b.ours.ms / a.ours.ms
    return Target(
        name,
        "PASS" if growth <= FLAT_POST else "FAIL",
        f"{growth:.2f}x ({b.ours.ms:.1f} ms against {a.ours.ms:.1f} ms)",
    )


def _post_vs_bare_target(rows, sizes) -> Target:
    name = (
        f"{POST_UPDATE} at {TARGET_SIZE:,} <= {POST_VS_BARE:g}x a bare Wagtail "
        "publish (BareDraft)"
    )
    missing = _missing(name, sizes, TARGET_SIZE)
    if missing:
        return missing
    row = _find(rows, POST_UPDATE, TARGET_SIZE)
    if row is None or row.ratio is None:
        return Target(name, "MISSING", "not measured")
    cost = row.ours.ms / row.baseline.ms
    return Target(
        name,
        "PASS" if cost <= POST_VS_BARE else "FAIL",
        f"{cost:.2f}x (post {row.ours.ms:.1f} ms, bare publish "
        f"{row.baseline.ms:.1f} ms)",
    )


def _posts(storage: list[Storage], size: int) -> Storage | None:
    return next((s for s in storage if s.what == "post" and s.size == size), None)


def _flat_bytes_target(storage, sizes) -> Target:
    name = (
        f"Bytes stored per post at {TARGET_SIZE:,} within {FLAT_BYTES:g}x of at "
        f"{SMALL:,}"
    )
    missing = _missing(name, sizes, SMALL, TARGET_SIZE)
    if missing:
        return missing
    a, b = _posts(storage, SMALL), _posts(storage, TARGET_SIZE)
    if a is None or b is None:
        return Target(name, "MISSING", "not measured (SQLite's dbstat is needed)")
    growth = b.payload_per_post / a.payload_per_post
    pages = b.pages_per_post / a.pages_per_post if a.pages_per_post else float("inf")
    return Target(
        name,
        "PASS" if growth <= FLAT_BYTES else "FAIL",
        f"{growth:.2f}x ({b.payload_per_post:,.0f} bytes against "
        f"{a.payload_per_post:,.0f}; pages in use {pages:.2f}x: "
        f"{b.pages_per_post:,.0f} against {a.pages_per_post:,.0f} bytes)",
    )


def _no_page_revision_target(storage) -> Target:
    name = "No page revision per post"
    posts = [s for s in storage if s.what == "post"]
    if not posts:
        return Target(name, "MISSING", "not measured")
    made = sum(s.page_revisions for s in posts)
    total = sum(s.posts for s in posts)
    return Target(
        name,
        "PASS" if made == 0 else "FAIL",
        f"{made} page revisions in {total} posts "
        f"({', '.join(f'{s.size:,}' for s in posts)} updates); "
        f"{sum(s.revisions for s in posts) / total:g} revision per post (the update's)",
    )


def _load_targets(load: dict | None) -> list[Target]:
    targets = []
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


def check_targets(
    rows: list[Row],
    storage: list[Storage] | None = None,
    load: dict | None = None,
    sizes: list[int] | None = None,
) -> list[Target]:
    """Every target, PASS/FAIL/MISSING, from this run's rows."""
    sizes = sorted(sizes or {r.size for r in rows})
    storage = storage or []
    targets = [
        _speedup_target(rows, sizes, API_FIRST_PAGE, 30),
        _speedup_target(rows, sizes, READER_PAGE, 10),
        _speedup_target(rows, sizes, POLL_NO_CHANGE, 100),
        _speedup_target(rows, sizes, POLL_NO_CHANGE_FAST, 100),
    ]
    for large in (TARGET_SIZE, LARGEST):
        for op in (
            API_FIRST_PAGE,
            POLL_NO_CHANGE,
            POLL_NO_CHANGE_FAST,
            API_POLL_NO_CHANGE,
        ):
            targets.append(_flat_read_target(rows, sizes, op, large))
    targets += [
        _flat_post_target(rows, sizes, TARGET_SIZE),
        _flat_post_target(rows, sizes, LARGEST),
        _flat_bytes_target(storage, sizes),
        _no_page_revision_target(storage),
        _post_vs_bare_target(rows, sizes),
    ]
    return targets + _load_targets(load)
