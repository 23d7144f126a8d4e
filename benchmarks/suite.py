"""A whole run of the measurements: build the blogs, time the reads, then the writes."""

from __future__ import annotations

import gc
from collections.abc import Callable

from benchmarks import measure
from benchmarks.content import Blogs, build_blogs
from benchmarks.measure import Row, measure_round_robin
from benchmarks.publishing import publish_rows
from benchmarks.reads import (
    API_OPERATIONS,
    NAIVE_COUNTERPART,
    after_one_new_probes,
    api_available,
    read_probes,
)


def build_all(sizes: list[int], log: Callable[[str], None] = print) -> list[Blogs]:
    built = []
    for size in sizes:
        started = measure.clock()
        built.append(build_blogs(size))
        log(f"  built the {size:,}-update blogs in {measure.clock() - started:.1f} s")
    return built


def run_sizes(
    sizes: list[int],
    *,
    reps: int = 15,
    budget: float = 3.0,
    publish_reps: int = 7,
    log: Callable[[str], None] = print,
) -> list[Row]:
    """Build both blogs of every size, then measure every operation."""
    from django.test import Client

    all_blogs = build_all(sizes, log)
    # What exists now (apps, templates, the blogs built) stays: keep it out
    # of the garbage collector's way, so that collecting between runs is
    # cheap and a collection of it is not billed to a request.
    gc.collect()
    gc.freeze()
    client = Client()
    has_api = api_available()
    started = measure.clock()
    samples = measure_round_robin(
        [p for b in all_blogs for p in read_probes(client, b, has_api)],
        reps=reps,
        budget=budget,
    )
    samples.update(
        measure_round_robin(
            [p for b in all_blogs for p in after_one_new_probes(client, b, has_api)],
            reps=reps,
            budget=budget,
        )
    )
    log(f"  measured the reads in {measure.clock() - started:.1f} s")
    rows = []
    for op, (naive_key, note) in NAIVE_COUNTERPART.items():
        for size in sizes:
            naive = samples[(naive_key, size)]
            if op in API_OPERATIONS and not has_api:
                rows.append(
                    Row(op, size, None, naive, "liveblogs endpoint not available")
                )
            else:
                rows.append(Row(op, size, samples[(op, size)], naive, note))
    started = measure.clock()
    for blogs in all_blogs:
        rows += publish_rows(blogs, publish_reps, budget * 2)
    log(f"  measured publishing in {measure.clock() - started:.1f} s")
    return rows


def run_size(size: int, **kwargs) -> list[Row]:
    """One size only (the smoke test's configuration)."""
    return run_sizes([size], **kwargs)
