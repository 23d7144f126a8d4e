"""A whole run of the measurements: build the blogs, time the reads, then the
writes, then what the writes store."""

from __future__ import annotations

import gc
from collections.abc import Callable
from dataclasses import dataclass, field

from benchmarks import measure
from benchmarks.content import Blogs, build_blogs
from benchmarks.measure import Row, measure_round_robin
from benchmarks.publishing import Storage, storage_rows, write_rows
from benchmarks.reads import (
    API_OPERATIONS,
    NAIVE_COUNTERPART,
    after_one_new_probes,
    api_available,
    read_probes,
)


@dataclass
class Results:
    rows: list[Row]
    storage: list[Storage] = field(default_factory=list)
    # Seconds of the clock (CPU time by default) each phase took.
    phases: dict[str, float] = field(default_factory=dict)


def build_all(
    sizes: list[int], log: Callable[[str], None] = print
) -> tuple[list[Blogs], float]:
    built = []
    total = 0.0
    for size in sizes:
        started = measure.clock()
        built.append(build_blogs(size))
        spent = measure.clock() - started
        total += spent
        log(f"  built the {size:,}-update blogs in {spent:.1f} s")
    return built, total


def read_rows(
    all_blogs: list[Blogs], *, reps: int, budget: float, has_api: bool
) -> list[Row]:
    """Every read of ours and of the naive page, at every size, in turns."""
    from django.test import Client

    client = Client()
    sizes = [b.size for b in all_blogs]
    samples = measure_round_robin(
        [p for b in all_blogs for p in read_probes(client, b, has_api, sizes)],
        reps=reps,
        budget=budget,
    )
    samples.update(
        measure_round_robin(
            [
                p
                for b in all_blogs
                for p in after_one_new_probes(client, b, has_api, sizes)
            ],
            reps=reps,
            budget=budget,
        )
    )
    rows = []
    for op, (naive_key, note) in NAIVE_COUNTERPART.items():
        for blogs in all_blogs:
            size = blogs.size
            naive = samples[(naive_key, size)]
            if op in API_OPERATIONS and not has_api:
                rows.append(
                    Row(op, size, None, naive, "liveblogs endpoint not available")
                )
            else:
                rows.append(Row(op, size, samples[(op, size)], naive, note))
    return rows


def run_sizes(
    sizes: list[int],
    *,
    reps: int = 15,
    budget: float = 3.0,
    write_reps: int = 30,
    storage_posts: int = 20,
    log: Callable[[str], None] = print,
) -> Results:
    """Build both blogs of every size, then measure every operation."""
    phases = {}
    all_blogs, phases["build"] = build_all(sizes, log)
    # What exists now (apps, templates, the blogs built) stays: keep it out
    # of the garbage collector's way, so that collecting between runs is
    # cheap and a collection of it is not billed to a request.
    gc.collect()
    gc.freeze()
    started = measure.clock()
    rows = read_rows(all_blogs, reps=reps, budget=budget, has_api=api_available())
    phases["reads"] = measure.clock() - started
    log(f"  measured the reads in {phases['reads']:.1f} s")
    started = measure.clock()
    rows += write_rows(all_blogs, write_reps, budget)
    phases["writes"] = measure.clock() - started
    log(f"  measured posting and editing in {phases['writes']:.1f} s")
    storage: list[Storage] = []
    if storage_posts > 0:
        started = measure.clock()
        storage = storage_rows(all_blogs, storage_posts)
        phases["storage"] = measure.clock() - started
        log(f"  measured the bytes stored per post in {phases['storage']:.1f} s")
    return Results(rows, storage, phases)


def run_size(size: int, **kwargs) -> Results:
    """One size only (the smoke test's configuration)."""
    return run_sizes([size], **kwargs)
